#pragma once

#include "smh/expected.h"
#include "smh/smherror.h"
#include "tasks/pollplanner.h"
#include "tasks/task.h"
#include "tasks/taskstore.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <chrono>
#include <functional>
#include <memory>

class MonitorProbe;
class PollLease;
class PollScheduler;
class SmhClient;
class SmhJob;
class TaskNotifier;
class TaskQueryJob;
class TaskTypeFetcher;
class TokenJob;
class TokenProvider;

// Everything the GUI and the headless mode share: one client, one ledger,
// one scheduler and a token provider per connection. Faces (window, command
// line) sit on top of it; in demo mode its connection points at a simulator
// the executable started, which the core never sees.
//
// It is the only door: faces read through const views and follow their
// signals, and change anything only through Monitor's commands. Its parts
// (client, store, scheduler, notifier, type fetcher, token providers) are
// not handed out, so nothing writes the ledger or drives polling behind it.
class Monitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Monitor)

public:
    explicit Monitor(QObject *parent = nullptr);
    ~Monitor() override;

    // Read-only views. The ledger: connections, tasks, timelines, and the
    // signals faces follow (tasksAdded, tasksChanged, transitioned,
    // tasksRemoved, connectionsChanged, loadFinished, loadFailed...).
    const TaskStore &tasks() const { return *m_store; }
    // Polling: each connection's status, the planner's options, requests
    // sent, and the signals cycleFinished and connectionStatusChanged.
    const PollScheduler &polling() const { return *m_scheduler; }
    // The counts by state and the finished tasks to tell the user about.
    // Made anew when a ledger opens: take it after openStore.
    const TaskNotifier &notifications() const { return *m_notifier; }
    // Why the connection's token could not be had (none: no error).
    SmhError tokenError(qint64 connectionId) const;

    // Opens the ledger (":memory:" for a throwaway one). InBackground: its
    // tasks arrive while the event loop runs (see TaskStore::LoadMode).
    // A ledger file may be shared with other monitors: each connection is
    // then polled by one of them at a time (PollLease), and the others show
    // its answers.
    Expected<void> openStore(
        const QString &path, TaskStore::LoadMode mode = TaskStore::LoadMode::AtOnce);

    // Demo mode: the window says so, and nothing reaches Tencent Cloud.
    void setDemoMode(bool demo) { m_demoMode = demo; }
    bool isDemoMode() const { return m_demoMode; }

    // Adds (or finds an equal) connection and starts polling it; returns its id.
    Expected<qint64> addConnection(const Connection &connection);
    // Saves a changed connection and, when given, its new token or secret;
    // its tokens and polling follow at once.
    Expected<void> updateConnection(const Connection &connection, const QString &credential = {});
    // Stops polling a connection and forgets it with its tasks and tokens.
    // On failure the connection keeps being polled, and the error says why.
    Expected<void> removeConnection(qint64 connectionId);
    void setAccessToken(qint64 connectionId, const QString &token);
    void setLibrarySecret(qint64 connectionId, const QString &secret);
    // The token or the library secret, as the connection's kind says.
    void setCredential(const Connection &connection, const QString &credential);

    // The tasks added (those already tracked are left alone), or why the
    // ledger refused them. `libraryLevel` unset: the connection's scope.
    Expected<QList<Task>> addTasks(qint64 connectionId, const QList<qint64> &ids,
        const QString &note = {}, std::optional<bool> libraryLevel = std::nullopt);
    // Stops watching the tasks; on failure nothing changed and the error says why.
    Expected<void> removeTasks(const QList<TaskKey> &keys);
    Expected<void> setNote(const TaskKey &key, const QString &note);
    // Asks SMH once more about the final tasks among `keys`; returns how many.
    int recheckTasks(const QList<TaskKey> &keys);

    // The task is shown (the window's details pane): its type and typed
    // result are asked for, once, if not known yet.
    void taskShown(const TaskKey &key);

    // Polling: one connection (0: every connection).
    void pollNow(qint64 connectionId = 0);
    void setPaused(qint64 connectionId, bool paused);
    void setAllPaused(bool paused);
    bool isPaused(qint64 connectionId) const;
    void setPollOptions(const PollPlanner::Options &options);
    // How long this monitor's lease on a connection's polling lasts unless
    // renewed (PollLease::defaultLifetime); before openStore.
    void setPollLeaseLifetime(std::chrono::milliseconds lifetime) { m_leaseLifetime = lifetime; }
    // Which tasks are polled at all (unset: every unfinished one); see
    // PollScheduler::limitTo and setTaskFilter.
    void limitPollingTo(const std::optional<QSet<TaskKey>> &keys);
    void setTaskFilter(std::function<bool(const Task &)> wanted);
    // Whether task types and typed results are asked of Query Task v2.
    void setTaskTypesEnabled(bool enabled);
    // How long one SMH call may take in all (SmhClient::setTotalTimeout).
    void setTotalTimeout(std::chrono::milliseconds timeout);

    // Calls for a connection not saved yet (the connection dialog's test),
    // made by the one client under its timeouts.
    std::chrono::milliseconds transferTimeout() const;
    TaskQueryJob *queryTasks(
        const ConnectionSettings &settings, const QString &accessToken, const QList<qint64> &ids);
    TokenJob *createToken(const ConnectionSettings &settings, const QString &librarySecret);
    SmhJob *deleteToken(const ConnectionSettings &settings, const QString &accessToken);

    // What a wing (the history wing) needs to call SMH for a connection on
    // its own: the library secret, else the current access token.
    struct Credential
    {
        QString librarySecret;
        QString accessToken;
    };
    Credential credential(qint64 connectionId) const;
    // For wings only (app/history builds its calls and its ledger tables on
    // these): the one client, and the ledger whose database and schema parts
    // it shares. Faces never call these.
    SmhClient *clientForWings() const { return m_client; }
    TaskStore *ledgerForWings() const { return m_store; }

    void shutdown();

Q_SIGNALS:
    // The ledger is open and its connections are polled: wings resume what
    // they left (a clear whose outcome was not yet read).
    void storeOpened();
    // Closing: wings stop sending (nothing new leaves after this).
    void shuttingDown();

private:
    // Engine tests (tests/support) look at the parts behind the door.
    friend class MonitorProbe;

    TokenProvider *ensureTokenProvider(const Connection &connection);
    void followLedgerConnections();

    SmhClient *m_client;
    TaskStore *m_store;
    PollScheduler *m_scheduler;
    TaskNotifier *m_notifier;
    TaskTypeFetcher *m_taskTypes;
    PollLease *m_lease = nullptr; // a shared ledger's only
    std::chrono::milliseconds m_leaseLifetime;
    bool m_demoMode = false;
    QHash<qint64, TokenProvider *> m_tokens;
    QHash<qint64, QString> m_secrets;
};
