#include "ui/statuspanel.h"

#include "tasks/tasktablemodel.h"
#include "ui/statestyle.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

using namespace Qt::StringLiterals;

StatusPanel::StatusPanel(StateStyle *style, QWidget *parent)
    : QWidget(parent)
    , m_style(style)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_polling(new QLabel(this))
    , m_errorIcon(new QLabel(this))
    , m_errors(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(4);
    for (int i = 0; i < TaskStates::count; ++i) {
        m_stateIcons[size_t(i)] = new QLabel(this);
        m_stateCounts[size_t(i)] = new QLabel(u"0"_s, this);
        const QString tip = TaskStates::label(TaskState(i));
        m_stateIcons[size_t(i)]->setToolTip(tip);
        m_stateCounts[size_t(i)]->setToolTip(tip);
        m_stateCounts[size_t(i)]->setAccessibleName(tip);
        layout->addWidget(m_stateIcons[size_t(i)]);
        layout->addWidget(m_stateCounts[size_t(i)]);
        layout->addSpacing(6);
    }
    auto separator = [this, layout] {
        auto *line = new QFrame(this);
        line->setFrameShape(QFrame::VLine);
        line->setFrameShadow(QFrame::Sunken);
        layout->addWidget(line);
    };
    separator();
    layout->addWidget(m_polling);
    separator();
    layout->addWidget(m_errorIcon);
    layout->addWidget(m_errors, 1);
    m_errors->setTextFormat(Qt::PlainText);
    m_errors->setMinimumWidth(80);
    // Long errors are cut, not allowed to widen the window; the tooltip has them whole.
    m_errors->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_errorIcon->setVisible(false);
    if (style)
        connect(style, &StateStyle::changed, this, &StatusPanel::restyle);
    restyle();
    setPolling({});
    setConnectionErrors({}, false);
}

void StatusPanel::restyle()
{
    if (!m_style)
        return;
    for (int i = 0; i < TaskStates::count; ++i)
        m_stateIcons[size_t(i)]->setPixmap(m_style->icon(TaskState(i)).pixmap(16, 16));
    m_errorIcon->setPixmap(
        m_style
            ->troubleIcon(m_authProblem ? StateStyle::Trouble::Auth : StateStyle::Trouble::Network)
            .pixmap(16, 16));
}

void StatusPanel::setStateCounts(const StateCounts &counts)
{
    const QLocale locale;
    for (int i = 0; i < TaskStates::count; ++i) {
        const int count = counts.at(size_t(i));
        m_stateCounts[size_t(i)]->setText(locale.toString(count));
        const QString tip = tr("%1: %2").arg(TaskStates::label(TaskState(i))).arg(count);
        m_stateIcons[size_t(i)]->setToolTip(tip);
        m_stateCounts[size_t(i)]->setToolTip(tip);
        // States nobody is in take no room, except the common three.
        const bool always = i == int(TaskState::Running) || i == int(TaskState::Succeeded)
            || i == int(TaskState::Failed);
        m_stateIcons[size_t(i)]->setVisible(always || count > 0);
        m_stateCounts[size_t(i)]->setVisible(always || count > 0);
    }
}

QString StatusPanel::stateText(TaskState state) const
{
    return m_stateCounts.at(size_t(state))->text();
}

void StatusPanel::setPolling(const Polling &polling)
{
    const QLocale locale;
    QStringList parts;
    parts << tr("Requests: %1").arg(polling.requests);
    if (polling.lastPollAt.isValid())
        parts << tr("last poll %1")
                     .arg(locale.toString(polling.lastPollAt.toLocalTime().time(), u"HH:mm:ss"_s));
    if (polling.paused) {
        parts << tr("paused");
    } else if (polling.inFlight) {
        parts << tr("polling…");
    } else if (polling.nextPollAt.isValid()) {
        const qint64 seconds = m_now().secsTo(polling.nextPollAt);
        parts << (seconds <= 0
                ? tr("next poll due")
                : tr("next poll in %1").arg(TaskTableModel::formatDuration(seconds)));
    } else if (polling.pending > 0) {
        // Unfinished tasks and no poll planned: a connection needs attention.
        parts << tr("polling stopped, see the connections");
    } else {
        parts << tr("nothing to poll");
    }
    m_polling->setText(parts.join(u" · "_s));
}

QString StatusPanel::pollingText() const
{
    return m_polling->text();
}

void StatusPanel::setConnectionErrors(const QStringList &errors, bool authProblem)
{
    m_authProblem = authProblem;
    restyle();
    m_errorIcon->setVisible(!errors.isEmpty());
    if (errors.isEmpty()) {
        m_errors->setText(tr("Connections OK"));
        m_errors->setToolTip(QString());
        m_errors->setForegroundRole(QPalette::PlaceholderText);
        return;
    }
    m_errors->setForegroundRole(QPalette::WindowText);
    m_errors->setText(errors.size() == 1
            ? errors.constFirst()
            : tr("Connections in trouble: %1. %2").arg(errors.size()).arg(errors.constFirst()));
    m_errors->setToolTip(errors.join(u'\n'));
}

QString StatusPanel::errorText() const
{
    return m_errors->text();
}
