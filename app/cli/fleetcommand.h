#pragma once

#include "history/historyservice.h"
#include "smh/expected.h"
#include "tasks/monitoroptions.h"
#include "tasks/task.h"

#include <QJsonObject>
#include <QObject>
#include <QTextStream>

#include <memory>
#include <optional>

class Monitor;
class QCommandLineParser;
class SecretStore;
class QTimer;

// `history show --all`, `history show --profile A --profile B …`: every
// saved profile's (or the named ones') file history, usage and last clear
// side by side, read at most --parallel libraries at a time, each library
// with its own credential. One library that cannot be read (no credential,
// not an admin token, unreachable) is a row that says so; the others are
// still read. The exit code is the worst of the libraries' (FleetExit).
class FleetCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetCommand)

public:
    enum class Action {
        Show,
        Clear,
    };

    struct Options
    {
        Action action = Action::Show;
        bool all = false;
        QStringList profiles; // as named, in order
        int parallel = defaultParallel;
        bool yes = false; // clear
        bool disableHistory = false;
        bool restoreSettings = false;
    };

    // SMH's one-clear-a-minute rule is per library, so libraries run side by
    // side; politely few at a time.
    static constexpr int defaultParallel = 4;
    static constexpr int maxParallel = 16;

    // Whether `history` is asked of several libraries: --all, --profile more
    // than once, --parallel or --restore-settings. Otherwise the one-library
    // command (HistoryCommand) runs, unchanged.
    static bool wanted(const QCommandLineParser &parser);
    // Everything that can be checked before the ledger is read; every problem
    // is a sentence (exit 2, nothing sent).
    static Expected<Options> fromParser(const QCommandLineParser &parser);
    // Parses, runs on QCoreApplication::exec() and returns the exit code.
    static int run(const QCommandLineParser &parser, const MonitorOptions &options);

    FleetCommand(MonitorOptions monitorOptions, Options options, QObject *parent = nullptr);
    ~FleetCommand() override;

    // What became of one library.
    struct Row
    {
        Connection connection;
        QString state; // "ok", "no_credential", "not_admin", "auth_failed", "unreachable", "error"
        QString message; // why not ok: redacted, one line
        int exitCode = 0;
        std::optional<HistorySettings> settings;
        std::optional<UsageReading> usage;
        QString usageError;
        std::optional<CleanupRecord> lastClear;
        int secondsUntilNextClear = 0;
    };

private:
    // The ledger and its profiles, each with its credential, then the action.
    void prepare();
    Expected<void> openLedger();
    // The profiles asked for, in the order named (--all: every saved one).
    Expected<QList<Connection>> selectedProfiles() const;
    void readCredentials();
    void credentialRead(qint64 connectionId, const Expected<QString> &secret);
    void credentialsDone();

    // show: at most --parallel libraries read at once.
    void readNext();
    void readRow(qsizetype index);
    void rowDone();
    void printShow();

    void fail(int code, const QString &message);
    void finish(int code);
    void printError(const QString &message);

    MonitorOptions m_monitorOptions;
    Options m_options;
    std::unique_ptr<Monitor> m_monitor;
    HistoryService *m_history = nullptr; // the monitor's wing
    std::unique_ptr<SecretStore> m_secrets;
    QTimer *m_credentialDeadline = nullptr;
    bool m_credentialsRead = false;
    QList<Row> m_rows;
    QHash<qint64, QString> m_credentials; // by connection id, still to be read: absent
    qsizetype m_next = 0; // the next row to read
    int m_running = 0;
    int m_done = 0;
    QTextStream m_out;
    QTextStream m_err;
    bool m_finished = false;
};
