#include "logcapture.h"

#include <QLoggingCategory>

#include <atomic>

using namespace Qt::StringLiterals;

namespace {
// Messages come from the network thread as well.
std::atomic<LogCapture *> current {nullptr};
QtMessageHandler previousHandler = nullptr;
} // namespace

LogCapture::LogCapture(const QString &filterRules)
{
    Q_ASSERT(!current.load());
    QLoggingCategory::setFilterRules(filterRules);
    current.store(this);
    m_previous = qInstallMessageHandler(&LogCapture::handler);
    previousHandler = m_previous;
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    current.store(nullptr);
    QLoggingCategory::setFilterRules(QString());
}

void LogCapture::handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (LogCapture *capture = current.load()) {
        QMutexLocker locker(&capture->m_mutex);
        const QString category = QString::fromLatin1(context.category ? context.category : "");
        capture->m_messages.append(category + u": "_s + message);
    }
    if (type != QtDebugMsg && type != QtInfoMsg && previousHandler)
        previousHandler(type, context, message);
}

QStringList LogCapture::messages() const
{
    QMutexLocker locker(&m_mutex);
    return m_messages;
}

QString LogCapture::text() const
{
    return messages().join(u'\n');
}

bool LogCapture::contains(const QString &needle) const
{
    return text().contains(needle);
}
