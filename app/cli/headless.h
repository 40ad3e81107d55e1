#pragma once

#include "smh/expected.h"
#include "tasks/monitoroptions.h"
#include "tasks/startup.h"
#include "tasks/task.h"

#include <QObject>
#include <QTextStream>

#include <memory>

class Monitor;
class TaskNotifier;
class QTimer;

// `watch` and `query`: the same engine as the window, with a stable contract
// for scripts. Exit codes (documented in the README, kept stable):
//   0 every task succeeded (200/204) · 1 a task failed (500) · 2 usage or input
//   error · 3 a task was not found/expired and none failed · 4 authentication
//   could not be recovered · 5 gave up (--timeout, or unreachable past the
//   retry budget) · 6 an unknown status was reported.
// Precedence: 2, 4, 5, 1, 6, 3. `query` exits 0 whenever the query was made.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

public:
    enum ExitCode {
        Success = 0,
        TaskFailed = 1,
        UsageError = 2,
        NotFound = 3,
        AuthFailed = 4,
        GaveUp = 5,
        UnknownStatus = 6,
        // A state-changing call (a clear) left and no complete answer came
        // back, or its task cannot be followed: it may have happened.
        OutcomeUnknown = 7,
    };

    // Consecutive failed cycles after which `watch` stops trying (with the
    // default backoff, roughly ten minutes of an unreachable server).
    static constexpr int retryBudget = 10;

    explicit HeadlessRunner(MonitorOptions options, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Runs the command on QCoreApplication::exec() until it ends with its
    // exit code (QCoreApplication::exit); returns that code.
    int run();

    // The exit code `watch` reports for these final tasks (without 2/4/5).
    static int exitCodeFor(const QList<Task> &tasks);

private:
    void start();
    // A fresh engine on the ledger at `path` (":memory:": nothing recorded),
    // started for `target` by the shared start-up.
    void startMonitor(const QString &path, StartupJob::Target target);
    void started(const StartupJob::Result &result);
    // The ledger cannot be written: said, and the tasks are watched in
    // memory instead.
    void watchInMemory(const QString &why);
    // --profile without --no-record, while the ledger takes the writes.
    bool records() const;
    // The ledger cannot be written: said once, the tasks are watched in
    // memory instead, and the command ends with exit code 2.
    void recordingFailed(const QString &why);
    TaskNotifier *counts() const { return m_counts.get(); }
    void fail(int code, const QString &message);
    // `mayBeEmpty`: watch --profile follows the connection's unfinished tasks.
    Expected<QList<qint64>> readTaskIds(bool mayBeEmpty) const;
    // The watched IDs into the ledger (a private one a slice at a time).
    Expected<void> addWatchedTasks();
    static constexpr qsizetype addSlice = 10'000;
    void onCycleFinished();
    void onTransitioned(const QList<TaskTransition> &transitions);
    void onConnectionStatus();
    void checkDone();
    void finish(int code);
    void printFinal();
    void printEvent(const Task &task);
    void updateProgressLine();
    void printError(const QString &message);
    // Standard output refused what was written (a full disk, say): said
    // once on stderr; the command then ends with exit code 5.
    bool outputFailed();
    // The watched IDs the ledger holds, in the order given (repeats kept):
    // the tasks are read from the store one at a time as they are printed,
    // never copied all at once.
    QList<qint64> presentIds() const;
    std::optional<Task> watchedTask(qint64 id) const;
    void printTextTable(const QList<qint64> &ids);

    MonitorOptions m_options;
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<StartupJob> m_job; // declared after: goes before the monitor
    // The watched tasks' states (the ledger may hold others).
    std::unique_ptr<TaskNotifier> m_counts;
    bool m_recordingFailed = false;
    bool m_outputFailed = false;
    // A query's answer is one polled after this (a recorded task may carry
    // an older poll time).
    QDateTime m_startedAt;
    qint64 m_connectionId = 0;
    QList<qint64> m_ids;
    qsizetype m_firstUnanswered = 0; // query: m_ids before it have an answer
    QTextStream m_out;
    QTextStream m_err;
    int m_reportedFailures = 0; // consecutive failures already reported
    bool m_progress = false;
    bool m_finished = false;
    int m_exitCode = Success;
    QTimer *m_deadline = nullptr;
};
