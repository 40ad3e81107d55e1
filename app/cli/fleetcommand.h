#pragma once

#include "history/campaign.h"
#include "history/historyservice.h"
#include "smh/expected.h"
#include "tasks/monitoroptions.h"
#include "tasks/task.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
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
// still read.
//
// `history clear --profile A --profile B … --yes`: a cleanup campaign on the
// history wing's engine (Campaigns), followed to its end with an event per
// library and step. A campaign whose process died (kill -9) is resumed by
// the engine when the ledger opens; run again, the command follows that one
// instead of starting another, so nothing is sent twice, and names what was
// left undone.
//
// The exit code is the worst of the libraries' (FleetExit).
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
    static constexpr int defaultParallel = CampaignPlan::defaultParallel;
    static constexpr int maxParallel = CampaignPlan::maxParallel;

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

    // clear: a new campaign, or the interrupted ones this run resumed.
    void startClear();
    bool confirmed();
    bool sentBy(const QList<Campaign *> &resumed, const LibraryKey &key) const;
    void follow(Campaign *campaign);
    void onLibraryChanged(Campaign *campaign, int index);
    void onCampaignOver();
    void onConnectionStatus(qint64 connectionId);
    void cancelOnInterrupt();
    QJsonObject libraryJson(const CampaignLibrary &library) const;
    void printLibraryEvent(const Campaign &campaign, const CampaignLibrary &library);
    void printCampaignEvent(const Campaign &campaign, const QString &event);
    void printClearSummary();
    // The interrupted campaigns the engine resumed as the ledger opened,
    // which name a library asked for now.
    QList<Campaign *> resumedOverlapping() const;

    void fail(int code, const QString &message);
    void finish(int code);
    void printError(const QString &message);

    MonitorOptions m_monitorOptions;
    Options m_options;
    std::unique_ptr<Monitor> m_monitor;
    HistoryService *m_history = nullptr; // the monitor's wing
    std::unique_ptr<SecretStore> m_secrets;
    QTimer *m_credentialDeadline = nullptr;
    QTimer *m_usageDeadline = nullptr;
    bool m_credentialsRead = false;
    QList<Row> m_rows;
    QList<Connection> m_needCredentials; // the rows', and an interrupted campaign's
    QHash<qint64, QString> m_credentials; // by connection id, still to be read: absent
    qsizetype m_next = 0; // the next row to read
    int m_running = 0;
    int m_done = 0;
    QList<QPointer<Campaign>> m_resumedNow; // by the engine, as this run opened the ledger
    QList<Campaign *> m_followed;
    // Per campaign and library, the last step and outcome said.
    QHash<QPair<qint64, int>, QString> m_said;
    QTextStream m_out;
    QTextStream m_err;
    bool m_finished = false;
};
