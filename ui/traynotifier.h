#pragma once

#include "tasks/task.h"
#include "ui/uisettings.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class QMenu;
class QSystemTrayIcon;
class StateStyle;
class TaskNotifier;

// The tray icon and desktop notifications. The icon shows the overall state
// (something failed, connection trouble, still running, all done). When
// tasks finish (as the core's TaskNotifier says) it tells the user: one message for one task, one
// digest when many finish within a moment, filtered by the notification mode. Nothing is shown
// where the platform has no tray or cannot show messages; notified() is emitted all the same, for
// tests and for the status bar.
class TrayNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)

public:
    using Mode = UiSettings::NotificationMode;

    enum class Overall {
        Empty, // nothing watched
        Running, // something still queued or running
        Done, // everything final, nothing failed
        Failed, // at least one task failed or is unknown
        Trouble, // a connection cannot be polled
    };
    Q_ENUM(Overall)

    TrayNotifier(const TaskNotifier *tasks, StateStyle *style, QObject *parent = nullptr);
    ~TrayNotifier() override;

    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    // Tasks finishing within this window make one digest.
    void setDigestDelay(std::chrono::milliseconds delay) { m_digest.setInterval(delay); }
    void setApplicationIcon(const QIcon &icon);
    void setConnectionTrouble(bool trouble);
    // The tray icon's menu (show window, poll now, quit...); not owned.
    void setMenu(QMenu *menu);

    Overall overall() const { return m_overall; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    bool canShowMessages() const;
    // Sends what is waiting now instead of after the digest delay.
    void flush();

Q_SIGNALS:
    void notified(const QString &title, const QString &message, bool failure);
    // The user clicked the icon or a message: bring the window up.
    void activated();

private:
    void tasksFinished(const QList<Task> &tasks);
    void tasksRemoved(const QList<TaskKey> &keys);
    void updateOverall();
    void refreshIcon();

    QPointer<const TaskNotifier> m_tasks;
    QPointer<StateStyle> m_style;
    QSystemTrayIcon *m_tray = nullptr;
    QIcon m_appIcon;
    Mode m_mode = Mode::All;
    QList<Task> m_finished; // waiting for the digest
    QTimer m_digest;
    bool m_trouble = false;
    Overall m_overall = Overall::Empty;
};
