#pragma once

#include "history/historyservice.h"
#include "tasks/monitoroptions.h"
#include "tasks/startup.h"
#include "tasks/task.h"

#include <QJsonObject>
#include <QObject>
#include <QTextStream>

#include <memory>
#include <optional>

class Monitor;
class QCommandLineParser;

// `history show|set|clear`: the library's file-history settings, its usage,
// and the guarded clear of its historical versions, for scripts and for many
// libraries. Exit codes are those of `watch` (HeadlessRunner::ExitCode): 2 also
// when `clear` lacks --yes or file history is on without --disable-history
// (nothing is changed then), 4 for a token without the admin grant.
class HistoryCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryCommand)

public:
    enum class Action {
        Show,
        Set,
        Clear,
    };

    struct Options
    {
        Action action = Action::Show;
        HistoryChange change; // set
        bool yes = false; // clear
        bool disableHistory = false;
        bool noWait = false;
    };

    // Whether the command line asks for `history` (decided before any
    // QCoreApplication exists, like MonitorOptions::wantsWindow()).
    static bool wanted(const QStringList &arguments);
    // The options of `history` on top of MonitorOptions::declare().
    static void declare(QCommandLineParser &parser);
    static Expected<Options> fromParser(const QCommandLineParser &parser);

    // `history report`: the cleanup report from the ledger alone, with no
    // connection or credential; before MonitorOptions, whose --output knows
    // no csv. Returns the exit code.
    static bool wantsReport(const QCommandLineParser &parser);
    static int report(const QCommandLineParser &parser);
    // --since: an ISO 8601 date (midnight UTC) or date and time (UTC unless
    // it says otherwise).
    static Expected<QDateTime> parseSince(const QString &text);

    // Parses, runs on QCoreApplication::exec() and returns the exit code.
    static int run(const QCommandLineParser &parser, const MonitorOptions &options);

    // What became of a clear, as `show` and the fleet print it.
    static QJsonObject clearJson(const CleanupRecord &record);
    // The exit code of a clear that did not start (or whose start nobody
    // knows), for one library or one of a fleet.
    static int refusalExitCode(const Error &refused);

    HistoryCommand(MonitorOptions monitorOptions, Options options, QObject *parent = nullptr);
    ~HistoryCommand() override;

private:
    // The shared start-up, then the action (start()).
    void prepare();
    void prepared(const StartupJob::Result &result);
    void start();
    void show();
    void set();
    void clear();
    void watch(const ClearStarted &started);
    void onTaskChanged(const QList<Task> &tasks);
    void printClearResult(const Task &task);
    void printRefusal(const Error &refused);
    // The newest record of a clear of this library, whatever became of it.
    std::optional<CleanupRecord> lastClear() const;
    void finish(int code);
    void printError(const QString &message);
    QString bytes(qint64 value) const;

    MonitorOptions m_monitorOptions;
    Options m_options;
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<StartupJob> m_job; // declared after: goes before the monitor
    HistoryService *m_history = nullptr; // the monitor's wing
    qint64 m_connectionId = 0;
    std::optional<ClearStarted> m_started;
    std::optional<TaskState> m_announced;
    QTextStream m_out;
    QTextStream m_err;
    bool m_ending = false; // the task is final; reading the usage after
    bool m_finished = false;
};
