#pragma once

#include "tasks/taskstate.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <array>

class QLabel;
class StateStyle;

// The status bar's content: how many tasks are in each state (icon and
// number), how many requests were made, when the last poll was and when the
// next is due, and which connections are in trouble.
class StatusPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPanel)

public:
    using StateCounts = std::array<int, TaskStates::count>;

    struct Polling
    {
        qint64 requests = 0;
        QDateTime lastPollAt;
        QDateTime nextPollAt; // invalid: nothing due
        bool paused = false;
        bool inFlight = false;
        int pending = 0; // tasks not final yet
    };

    explicit StatusPanel(StateStyle *style, QWidget *parent = nullptr);

    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    void setStateCounts(const StateCounts &counts);
    void setPolling(const Polling &polling);
    // Sentences, already redacted; empty: all connections are fine.
    void setConnectionErrors(const QStringList &errors, bool authProblem);

    QString stateText(TaskState state) const;
    QString pollingText() const;
    QString errorText() const;

private:
    void restyle();

    QPointer<StateStyle> m_style;
    std::function<QDateTime()> m_now;
    std::array<QLabel *, TaskStates::count> m_stateIcons {};
    std::array<QLabel *, TaskStates::count> m_stateCounts {};
    QLabel *m_polling;
    QLabel *m_errorIcon;
    QLabel *m_errors;
    bool m_authProblem = false;
};
