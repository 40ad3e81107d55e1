#pragma once

#include "tasks/connectionhealth.h"
#include "tasks/taskstate.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <array>

class ElidedLabel;
class QLabel;
class QTimer;
class StateStyle;

// The status bar's content: how many tasks are in each state (icon and
// number), how many requests were made, when the last poll was and when the
// next is due, and which connections are in trouble.
class StatusPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPanel)

public:
    explicit StatusPanel(StateStyle *style, QWidget *parent = nullptr);

    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    void setStateCounts(const TaskStates::Counts &counts);
    // Polling and connection trouble, as the core judged them; `unfinished`
    // is how many tasks are not final yet.
    void setHealth(const ConnectionHealth::Summary &health, int unfinished);

    // A passing message ("3 tasks added.", progress) in the place of the
    // polling line for `timeoutMs` (0: until the next message or clear), so
    // that the counts and the connections' health stay in view.
    void showMessage(const QString &text, int timeoutMs);
    // A team ledger lost since `since` (invalid: it answers), with `waiting`
    // answers kept in memory for it: said in the place of the polling line,
    // in the trouble colour, until it answers again.
    void setLedgerLost(const QDateTime &since, qsizetype waiting);
    // The sentence, as shown and as the window's refusals repeat it.
    static QString ledgerLostText(const QDateTime &since, qsizetype waiting);
    void clearMessage();
    QString currentMessage() const;

private:
    void restyle();

    QPointer<StateStyle> m_style;
    std::function<QDateTime()> m_now;
    std::array<QLabel *, TaskStates::count> m_stateIcons {};
    std::array<QLabel *, TaskStates::count> m_stateCounts {};
    QLabel *m_polling;
    QLabel *m_ledgerIcon;
    ElidedLabel *m_ledger;
    ElidedLabel *m_message;
    QTimer *m_messageTimer;
    QLabel *m_errorIcon;
    ElidedLabel *m_errors;
    bool m_authProblem = false;
};
