#pragma once

#include "smh/smherror.h"
#include "tasks/task.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <optional>

class CopyableField;
class HistoryLedger;
class FlowLayout;
class PollScheduler;
class QFormLayout;
class QLabel;
class QStackedWidget;
class QTreeWidget;
class QVBoxLayout;
class ResultView;
class StateStyle;
class TaskStore;

// Everything about the current task: identity, state and since when, inodes,
// path and source path (joined and as segments), the timeline of state
// changes with how long each lasted, and the last error SMH gave. Every value
// can be copied. It re-renders only when its own task changed.
class TaskDetailsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskDetailsPane)

public:
    enum class Field {
        TaskId,
        Connection,
        State,
        Status,
        Added,
        LastPolled,
        Duration,
        SourceInode,
        TargetInode,
        Path,
        ConvertFrom,
        Note,
        TaskError,
        ErrorCode,
        ErrorMessage,
        RequestId,
        VersionsDeleted,
        UsageBefore,
        UsageAfter,
        SpaceFreed,
        TaskType, // from Query Task v2
        TypedOutcome, // its typed result in one line
    };
    Q_ENUM(Field)

    TaskDetailsPane(const TaskStore *store, StateStyle *style, QWidget *parent = nullptr);

    // Connection-wide errors (refused token, server down) come from here.
    void setScheduler(const PollScheduler *scheduler);
    // A clear of historical versions shows what it deleted and freed from here.
    void setHistoryLedger(HistoryLedger *ledger);
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

    void showTask(const std::optional<TaskKey> &key);
    std::optional<TaskKey> taskKey() const { return m_key; }

    // How many times the pane was rendered; lets tests see that unrelated
    // updates leave it alone.
    int renderCount() const { return m_renderCount; }

    QString value(Field field) const;
    QStringList segments(Field field) const;
    bool isShowingTask() const;

    // Updates the relative times ("for 2 min") without re-rendering.
    void tick();

Q_SIGNALS:
    void copied(const QString &what, const QString &value);

protected:
    void changeEvent(QEvent *event) override;

private:
    // The constructor's steps, in this order.
    void buildPlaceholder();
    void buildHeader(QVBoxLayout *layout);
    void buildTaskForm(QWidget *page, QVBoxLayout *layout);
    void buildResultForm(QWidget *page, QVBoxLayout *layout);
    void buildErrorBox(QVBoxLayout *layout);
    void buildCleanupBox(QWidget *page, QVBoxLayout *layout);
    void buildTimeline(QWidget *page, QVBoxLayout *layout);
    void connectSources(const TaskStore *store, StateStyle *style);

    void tasksChanged(const QList<Task> &tasks);
    void tasksRemoved(const QList<TaskKey> &keys);
    void connectionStatusChanged(qint64 connectionId);
    void render();
    void renderState();
    void renderTimeline();
    void restyleTimeline();
    void renderError();
    void renderCleanup();
    void setSegments(FlowLayout *layout, const QStringList &segments, const QString &what);
    CopyableField *addField(QFormLayout *form, Field field, const QString &label);
    void moveTimelineLast();
    QString connectionText() const;
    QString formatTime(const QDateTime &when) const;

    QPointer<const TaskStore> m_store;
    QPointer<StateStyle> m_style;
    QPointer<const PollScheduler> m_scheduler;
    QPointer<HistoryLedger> m_ledger;
    std::function<QDateTime()> m_now;

    std::optional<TaskKey> m_key;
    std::optional<Task> m_task;
    SmhError m_connectionError;
    int m_renderCount = 0;

    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_stateIcon;
    QLabel *m_stateTitle;
    QLabel *m_stateSince;
    QLabel *m_explanation;
    QHash<Field, CopyableField *> m_fields;
    QHash<Field, QStringList> m_segments;
    QFormLayout *m_resultForm = nullptr;
    QFormLayout *m_errorForm = nullptr;
    FlowLayout *m_pathSegments;
    FlowLayout *m_convertSegments;
    QWidget *m_errorBox;
    QWidget *m_cleanupBox;
    QTreeWidget *m_timeline;
    ResultView *m_resultView = nullptr;
};
