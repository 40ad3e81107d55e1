#pragma once

#include "smh/expected.h"
#include "tasks/monitoroptions.h"
#include "tasks/pollplanner.h"
#include "tasks/task.h"
#include "tasks/taskidparser.h"
#include "tasks/taskstore.h"

#include <QCoreApplication>
#include <QObject>

#include <chrono>
#include <memory>
#include <optional>

class Monitor;
class SecretStore;
class QTimer;

// The rules that turn the command line into a running monitor, once for both
// faces: the window and the headless commands each used to carry a copy, and
// the copies drifted (one clamped poll intervals with reversed bounds).
class Startup
{
    Q_DECLARE_TR_FUNCTIONS(Startup)

public:
    // Poll intervals from --interval and --max-interval over `defaults`. An
    // interval longer than the longest one is refused when both are given;
    // when one is given, the other moves to meet it.
    static Expected<PollPlanner::Options> pollOptions(
        const MonitorOptions &options, const PollPlanner::Options &defaults = {});

    // The connection the command line names (--library, or the demo's), with
    // the kind of credential given; none when no library was named.
    static std::optional<Connection> connection(const MonitorOptions &options);
    // The token or library secret given for it (empty: none given).
    static QString credential(const MonitorOptions &options);

    // A connection saved from the window (--profile), by name or by its
    // library/space label, from the ledger at `ledgerPath`.
    static Expected<Connection> savedConnection(const QString &name, const QString &ledgerPath);
    // The same, among connections already read.
    static Expected<Connection> savedConnection(
        const QString &name, const QList<Connection> &connections);

    // The task IDs of the arguments and --ids-file as text, where they must
    // travel as text (a launch handed to another process, the add-tasks
    // dialog). A file that cannot be read is an error, never an empty list.
    static Expected<QString> taskIdText(const MonitorOptions &options);
    // Every task ID given, parsed, for a command of this process: arguments,
    // --ids-file and, when `readStandardInput`, standard input ("-"). The file
    // is parsed once (its problems are the error), the arguments and standard
    // input once; the 1,000,000-ID limit counts them all together, and the
    // file's IDs come after the others.
    static Expected<TaskIdParser::Result> taskIds(
        const MonitorOptions &options, bool readStandardInput);

    // Adds `connection` to the monitor (or finds the same one) with its
    // credential. Returns its id.
    static Expected<qint64> connect(
        Monitor &monitor, const Connection &connection, const QString &credential);
    // Adds the options' extra connections (--demo's fleet) with their
    // library secrets. Returns their ids, in order.
    static Expected<QList<qint64>> addExtraConnections(
        Monitor &monitor, const MonitorOptions &options);
};

// The one start-up choreography of every face (window, watch/query,
// history): the launch's profile and credential, then the monitor's demo
// mode, poll options and ledger, then its connection. The face makes the
// Monitor (and attaches its wings) before, and decides what to show after;
// the three used to carry their own copies, which drifted.
//
// The monitor outlives the job. One job per start: finished() comes once, possibly before start()
// returns when nothing has to be waited for, so connect to it first. The only waits (a keychain's
// answers: a team ledger's password, a profile's credential) have a deadline.
class StartupJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartupJob)

public:
    // What the launch names: a connection (--library and beside it) with its
    // credential as given (empty: none), and/or a saved profile (--profile).
    struct Target
    {
        std::optional<Connection> connection;
        QString credential;
        AuthKind credentialKind = AuthKind::AccessToken; // of the credential given
        QString profile;

        static Target of(const MonitorOptions &options);
    };

    enum class Face {
        // watch, query, history: a profile from the ledger file, its
        // credential from the keychain; anything missing ends the start.
        Command,
        // The window: a profile among its own ledger's connections, its
        // credential read later (and asked for when missing); with nothing
        // named, the only saved connection. It opens whatever happens.
        Window,
    };

    struct Settings
    {
        Face face = Face::Command;
        // How to prepare the monitor (demo mode, poll options, ledger);
        // none: it is prepared and open already (a later launch).
        std::optional<MonitorOptions> prepare;
        QString ledgerPath = QStringLiteral(":memory:");
        TaskStore::LoadMode loadMode = TaskStore::LoadMode::AtOnce;
        // Where a command looks a profile up (empty: TaskStore::defaultPath()).
        QString profileLedgerPath;
        // How long a keychain may take to answer.
        std::chrono::milliseconds credentialDeadline = std::chrono::seconds(30);
    };

    struct Started
    {
        qint64 connectionId = 0; // 0: the window was given none and has no single one
        Target target; // as resolved: the connection (id 0) and its credential
    };

    // Which step of the start failed, as the Error of a failed start carries
    // it (Error::detail): the faces go on differently after some of them.
    enum class Step {
        Options, // the poll options contradict each other
        Profile, // no such profile, or no library named at all
        Credential, // none given or stored, or the keychain failed
        Settings, // the connection's settings are invalid
        Ledger, // the monitor's ledger cannot be opened
        Connection, // the connection is invalid or cannot be saved
    };
    // The step a failed start's error names (every error of finished()
    // names one).
    static std::optional<Step> stepOf(const Error &error) { return error.detail<Step>(); }

    using Result = Expected<Started>;

    StartupJob(Monitor &monitor, Target target, Settings settings, QObject *parent = nullptr);
    ~StartupJob() override;

    void start();
    // The target as far as it was resolved: a face that goes on with a
    // fresh monitor (the commands, without the ledger) starts again from it.
    const Target &target() const { return m_target; }

Q_SIGNALS:
    void finished(const StartupJob::Result &result);

private:
    QString teamLedgerWithoutPassword() const;
    void resolveTarget();
    void resolveProfile();
    void readCredential(qint64 savedId);
    void credentialRead(const Expected<QString> &secret);
    void checkTarget();
    void prepareMonitor();
    void connectMonitor();
    Expected<qint64> windowConnection();
    void fail(Step step, const Error &error);
    void succeed(qint64 connectionId);

    Monitor *m_monitor; // outlives the job
    Target m_target;
    Settings m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    QTimer *m_deadline = nullptr;
    bool m_done = false;
};
