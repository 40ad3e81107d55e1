#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QtGlobal>

// Collects every message sent through qDebug/qInfo/qWarning/... (our logging
// categories switched on to debug) while it lives, so that a test can check
// what would have reached a log. Warnings and worse are passed on to the
// previous handler as well, so that QTest still sees them.
class LogCapture final
{
    Q_DISABLE_COPY_MOVE(LogCapture)

public:
    explicit LogCapture(const QString &filterRules = QStringLiteral("smh.*=true"));
    ~LogCapture();

    QStringList messages() const;
    // Every captured message, one per line.
    QString text() const;
    bool contains(const QString &needle) const;

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message);

    mutable QMutex m_mutex;
    QStringList m_messages;
    QtMessageHandler m_previous = nullptr;
};
