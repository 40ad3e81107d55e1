#include "ui/statuspanel.h"

#include "tasks/displaytext.h"
#include "tasks/tasktablemodel.h"
#include "ui/elidedlabel.h"
#include "ui/statestyle.h"

#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;

StatusPanel::StatusPanel(StateStyle *style, QWidget *parent)
    : QWidget(parent)
    , m_style(style)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_polling(new QLabel(this))
    , m_ledgerIcon(new QLabel(this))
    , m_ledger(new ElidedLabel(this))
    , m_message(new ElidedLabel(this))
    , m_messageTimer(new QTimer(this))
    , m_errorIcon(new QLabel(this))
    , m_errors(new ElidedLabel(this))
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
        m_stateCounts[size_t(i)]->setObjectName(u"stateCount_"_s + TaskStates::key(TaskState(i)));
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
    layout->addWidget(m_ledgerIcon);
    layout->addWidget(m_ledger, 3);
    layout->addWidget(m_polling);
    layout->addWidget(m_message, 3);
    separator();
    layout->addWidget(m_errorIcon);
    layout->addWidget(m_errors, 1);
    m_polling->setObjectName(u"pollingStatus"_s);
    m_ledger->setObjectName(u"ledgerStatus"_s);
    // Said whole: the connections' health gives way to it.
    m_ledger->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    m_ledger->setVisible(false);
    m_ledgerIcon->setVisible(false);
    m_message->setObjectName(u"statusMessage"_s);
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_message->setVisible(false);
    m_messageTimer->setSingleShot(true);
    connect(m_messageTimer, &QTimer::timeout, this, &StatusPanel::clearMessage);
    m_errors->setObjectName(u"connectionStatus"_s);
    // Long errors end in "…" rather than widen the window; the tooltip has them whole.
    m_errors->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_errorIcon->setVisible(false);
    if (style)
        connect(style, &StateStyle::changed, this, &StatusPanel::restyle);
    restyle();
    setHealth({}, 0);
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
    m_ledgerIcon->setPixmap(m_style->troubleIcon(StateStyle::Trouble::Network).pixmap(16, 16));
    // The trouble colour, kept readable on the status bar's own background
    // (the window colour, not the table's base).
    QPalette palette = m_ledger->palette();
    palette.setColor(QPalette::WindowText,
        StateStyle::readableOn(m_style->troubleColor(),
            QGuiApplication::palette().color(QPalette::Active, QPalette::Window)));
    m_ledger->setPalette(palette);
}

void StatusPanel::setStateCounts(const TaskStates::Counts &counts)
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

void StatusPanel::setHealth(const ConnectionHealth::Summary &health, int unfinished)
{
    const QLocale locale;
    QStringList parts;
    parts << tr("Requests: %1").arg(health.requests);
    if (health.lastPollAt.isValid())
        parts << tr("last poll %1")
                     .arg(DisplayText::clock(health.lastPollAt.toLocalTime().time(), locale));
    if (!health.hasConnections()) {
        parts << tr("nothing to poll");
    } else if (health.allPaused) {
        // Said once, on the right: "Polling paused".
    } else if (health.inFlight) {
        parts << tr("polling…");
    } else if (health.nextPollAt.isValid()) {
        const qint64 seconds = m_now().secsTo(health.nextPollAt);
        parts << (seconds <= 0
                ? tr("next poll due")
                : tr("next poll in %1").arg(TaskTableModel::formatDuration(seconds)));
    } else if (!health.elsewhere.isEmpty()) {
        // Said on the right: by whom.
        parts << tr("polled by another monitor");
    } else if (unfinished > 0) {
        // Unfinished tasks and no poll planned: a connection needs attention.
        parts << tr("polling stopped, see the connections");
    } else {
        parts << tr("nothing to poll");
    }
    m_polling->setText(parts.join(u" · "_s));

    const QStringList &errors = health.problems;
    m_authProblem = health.authProblem;
    restyle();
    m_errorIcon->setVisible(!errors.isEmpty());
    if (errors.isEmpty()) {
        // "OK" only about connections that exist and have answered, and not
        // while nothing is asked; another monitor's polling is named.
        const QStringList &elsewhere = health.elsewhere;
        const bool named = health.hasConnections() && !health.allPaused && !elsewhere.isEmpty();
        m_errors->setText(!health.hasConnections() ? tr("No connection yet")
                : health.allPaused                 ? tr("Polling paused")
                : named && elsewhere.size() == 1   ? elsewhere.constFirst()
                : named ? tr("%n connection(s) polled by other monitors. %1", nullptr,
                      int(elsewhere.size()))
                              .arg(elsewhere.constFirst())
                : !health.answered ? tr("Waiting for a first answer")
                                   : tr("Connections OK"));
        m_errors->setDetails(named && elsewhere.size() > 1 ? elsewhere.join(u'\n') : QString());
        m_errors->setForegroundRole(QPalette::PlaceholderText);
        return;
    }
    m_errors->setForegroundRole(QPalette::WindowText);
    m_errors->setText(errors.size() == 1
            ? errors.constFirst()
            : tr("Connections in trouble: %1. %2").arg(errors.size()).arg(errors.constFirst()));
    m_errors->setDetails(errors.size() == 1 ? QString() : errors.join(u'\n'));
}

void StatusPanel::showMessage(const QString &text, int timeoutMs)
{
    m_message->setText(text);
    m_message->setVisible(true);
    m_polling->setVisible(false);
    if (timeoutMs > 0)
        m_messageTimer->start(timeoutMs);
    else
        m_messageTimer->stop();
}

void StatusPanel::clearMessage()
{
    m_messageTimer->stop();
    m_message->setText({});
    m_message->setVisible(false);
    m_polling->setVisible(!m_ledger->isVisibleTo(this));
}

QString StatusPanel::currentMessage() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

QString StatusPanel::ledgerLostText(const QDateTime &since, qsizetype waiting)
{
    return tr("Ledger unreachable since %1 — answers kept in memory (%2)")
        .arg(DisplayText::compact(since.toLocalTime()), QLocale().toString(waiting));
}

void StatusPanel::setLedgerLost(const QDateTime &since, qsizetype waiting)
{
    const bool lost = since.isValid();
    m_ledger->setText(lost ? ledgerLostText(since, waiting) : QString());
    m_ledger->setDetails(lost ? tr("Polls go on; what they find is written to the ledger once it "
                                   "answers again. Adding, removing and clearing wait until then.")
                              : QString());
    m_ledger->setVisible(lost);
    m_ledgerIcon->setVisible(lost);
    m_polling->setVisible(!lost && !m_message->isVisibleTo(this));
}
