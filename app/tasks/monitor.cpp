#include "tasks/monitor.h"

#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/polllease.h"
#include "tasks/pollscheduler.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"
#include "tasks/tasktypefetcher.h"

using namespace Qt::StringLiterals;

Monitor::Monitor(QObject *parent)
    : QObject(parent)
    , m_client(new SmhClient(this))
    , m_store(new TaskStore(this))
    , m_scheduler(new PollScheduler(m_client, m_store, this))
    , m_notifier(new TaskNotifier(m_store, this))
    , m_taskTypes(new TaskTypeFetcher(
          m_client, m_store, [this](qint64 connectionId) { return m_tokens.value(connectionId); },
          this))
    , m_leaseLifetime(PollLease::defaultLifetime)
{
    // Another program on the same ledger (a script's `profile add`, a
    // colleague's monitor) adds and removes connections too.
    connect(m_store, &TaskStore::connectionsChanged, this, &Monitor::followLedgerConnections);
}

Monitor::Credential Monitor::credential(qint64 connectionId) const
{
    const TokenProvider *provider = m_tokens.value(connectionId);
    return {m_secrets.value(connectionId), provider ? provider->token() : QString()};
}

Monitor::~Monitor()
{
    shutdown();
    // The scheduler refers to the client, the store and the lease: it goes
    // first; the lease lets go of its connections while the store is open.
    delete m_scheduler;
    m_scheduler = nullptr;
    delete m_lease;
    m_lease = nullptr;
}

Expected<void> Monitor::openStore(const QString &path, TaskStore::LoadMode mode)
{
    if (const Expected<void> opened = m_store->open(path, mode); !opened)
        return opened;
    m_scheduler->setGate(nullptr);
    delete std::exchange(m_lease, nullptr);
    if (m_store->isShared()) {
        const Expected<PollLease *> lease = PollLease::attach(m_store, this);
        if (!lease)
            return unexpected(lease.error());
        m_lease = *lease;
        m_lease->setLifetime(m_leaseLifetime);
        m_scheduler->setGate(m_lease);
    }
    // The ledger's tasks (those read at once) arrive with the file, not by
    // signal: count afresh.
    delete m_notifier;
    m_notifier = new TaskNotifier(m_store, this);
    followLedgerConnections();
    Q_EMIT storeOpened();
    return {};
}

// Every connection in the ledger is polled (the lease permitting), whoever
// wrote it, and one gone from the ledger is no longer polled. Known ones are
// left as they are: called again, nothing changes.
void Monitor::followLedgerConnections()
{
    QSet<qint64> present;
    const QList<Connection> connections = m_store->connections();
    for (const Connection &connection : connections) {
        present.insert(connection.id);
        if (!m_tokens.contains(connection.id))
            m_scheduler->addConnection(connection.id, ensureTokenProvider(connection));
    }
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (present.contains(it.key())) {
            ++it;
            continue;
        }
        m_scheduler->removeConnection(it.key());
        m_secrets.remove(it.key());
        m_taskTypes->removeConnection(it.key());
        // Later: a reply of its own may still be on the way up the stack.
        it.value()->deleteLater();
        it = m_tokens.erase(it);
    }
}

TokenProvider *Monitor::ensureTokenProvider(const Connection &connection)
{
    TokenProvider *&tokens = m_tokens[connection.id];
    if (!tokens)
        tokens = new TokenProvider(m_client, connection.settings, this);
    else
        tokens->setSettings(connection.settings);
    return tokens;
}

Expected<qint64> Monitor::addConnection(const Connection &connection)
{
    const QList<Connection> existing = m_store->connections();
    for (const Connection &known : existing) {
        if (known.sameTarget(connection))
            return known.id;
    }
    const Expected<qint64> id = m_store->addConnection(connection);
    if (!id)
        return id;
    followLedgerConnections(); // done already if the ledger said so
    return id;
}

Expected<void> Monitor::updateConnection(const Connection &connection, const QString &credential)
{
    if (const Expected<void> updated = m_store->updateConnection(connection); !updated)
        return updated;
    if (TokenProvider *tokens = m_tokens.value(connection.id))
        tokens->setSettings(connection.settings);
    if (!credential.isEmpty())
        setCredential(connection, credential);
    m_scheduler->pollNow(connection.id);
    return {};
}

Expected<void> Monitor::removeConnection(qint64 connectionId)
{
    // The store takes the tasks with the connection, in one transaction, and
    // tells every view of them (tasksRemoved).
    m_scheduler->removeConnection(connectionId);
    if (const Expected<void> removed = m_store->removeConnection(connectionId); !removed) {
        if (TokenProvider *tokens = m_tokens.value(connectionId))
            m_scheduler->addConnection(connectionId, tokens);
        return removed;
    }
    m_secrets.remove(connectionId);
    m_taskTypes->removeConnection(connectionId);
    // Later: a reply of its own may still be on the way up the stack.
    if (TokenProvider *tokens = m_tokens.take(connectionId))
        tokens->deleteLater();
    return {};
}

void Monitor::setAccessToken(qint64 connectionId, const QString &token)
{
    if (TokenProvider *tokens = m_tokens.value(connectionId))
        tokens->setAccessToken(token);
}

void Monitor::setLibrarySecret(qint64 connectionId, const QString &secret)
{
    m_secrets.insert(connectionId, secret);
    if (TokenProvider *tokens = m_tokens.value(connectionId))
        tokens->setLibrarySecret(secret);
}

void Monitor::setCredential(const Connection &connection, const QString &credential)
{
    if (connection.authKind == AuthKind::LibrarySecret)
        setLibrarySecret(connection.id, credential);
    else
        setAccessToken(connection.id, credential);
}

Expected<QList<Task>> Monitor::addTasks(qint64 connectionId, const QList<qint64> &ids,
    const QString &note, std::optional<bool> libraryLevel)
{
    return m_store->addTasks(
        connectionId, ids, note, QDateTime::currentDateTimeUtc(), libraryLevel);
}

Expected<void> Monitor::removeTasks(const QList<TaskKey> &keys)
{
    return m_store->removeTasks(keys);
}

Expected<void> Monitor::setNote(const TaskKey &key, const QString &note)
{
    return m_store->setNote(key, note.trimmed());
}

void Monitor::taskShown(const TaskKey &key)
{
    m_taskTypes->request(key);
}

int Monitor::recheckTasks(const QList<TaskKey> &keys)
{
    return m_scheduler->recheck(keys);
}

void Monitor::pollNow(qint64 connectionId)
{
    if (connectionId == 0)
        m_scheduler->pollAllNow();
    else
        m_scheduler->pollNow(connectionId);
}

void Monitor::setPaused(qint64 connectionId, bool paused)
{
    m_scheduler->setPaused(connectionId, paused);
}

void Monitor::setAllPaused(bool paused)
{
    const QList<qint64> ids = m_scheduler->connectionIds();
    for (qint64 id : ids)
        m_scheduler->setPaused(id, paused);
}

bool Monitor::isPaused(qint64 connectionId) const
{
    return m_scheduler->isPaused(connectionId);
}

void Monitor::shutdown()
{
    Q_EMIT shuttingDown();
    m_taskTypes->setEnabled(false);
    if (m_scheduler)
        m_scheduler->shutdown();
}

SmhError Monitor::tokenError(qint64 connectionId) const
{
    const TokenProvider *provider = m_tokens.value(connectionId);
    return provider ? provider->whyNotReady().value_or(SmhError()) : SmhError();
}

void Monitor::setPollOptions(const PollPlanner::Options &options)
{
    m_scheduler->setOptions(options);
}

void Monitor::limitPollingTo(const std::optional<QSet<TaskKey>> &keys)
{
    m_scheduler->limitTo(keys);
}

void Monitor::setTaskFilter(std::function<bool(const Task &)> wanted)
{
    m_scheduler->setTaskFilter(std::move(wanted));
}

void Monitor::setTaskTypesEnabled(bool enabled)
{
    m_taskTypes->setEnabled(enabled);
}

void Monitor::setTotalTimeout(std::chrono::milliseconds timeout)
{
    m_client->setTotalTimeout(timeout);
}

std::chrono::milliseconds Monitor::transferTimeout() const
{
    return m_client->transferTimeout();
}

TaskQueryJob *Monitor::queryTasks(
    const ConnectionSettings &settings, const QString &accessToken, const QList<qint64> &ids)
{
    return m_client->queryTasks(settings, accessToken, ids);
}

TokenJob *Monitor::createToken(const ConnectionSettings &settings, const QString &librarySecret)
{
    return m_client->createToken(settings, librarySecret);
}

SmhJob *Monitor::deleteToken(const ConnectionSettings &settings, const QString &accessToken)
{
    return m_client->deleteToken(settings, accessToken);
}
