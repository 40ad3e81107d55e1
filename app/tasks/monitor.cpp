#include "tasks/monitor.h"

#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/pollscheduler.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"

using namespace Qt::StringLiterals;

Monitor::Monitor(QObject *parent)
    : QObject(parent)
    , m_client(new SmhClient(this))
    , m_store(new TaskStore(this))
    , m_scheduler(new PollScheduler(m_client, m_store, this))
    , m_notifier(new TaskNotifier(m_store, this))
{ }

Monitor::~Monitor()
{
    shutdown();
    // The scheduler refers to the client and the store: it goes first.
    delete m_scheduler;
    m_scheduler = nullptr;
}

Expected<void> Monitor::openStore(const QString &path)
{
    QString error;
    if (!m_store->open(path, &error))
        return unexpected(error);
    // The ledger's tasks arrive with the file, not by signal: count afresh.
    delete m_notifier;
    m_notifier = new TaskNotifier(m_store, this);
    const QList<Connection> connections = m_store->connections();
    for (const Connection &connection : connections)
        m_scheduler->addConnection(connection.id, ensureTokenProvider(connection));
    return {};
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
    const qint64 id = m_store->addConnection(connection);
    if (id == 0)
        return unexpected(m_store->lastError());
    Connection stored = connection;
    stored.id = id;
    m_scheduler->addConnection(id, ensureTokenProvider(stored));
    return id;
}

Expected<void> Monitor::updateConnection(const Connection &connection, const QString &credential)
{
    if (!m_store->updateConnection(connection))
        return unexpected(m_store->lastError());
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
    if (!m_store->removeConnection(connectionId)) {
        if (TokenProvider *tokens = m_tokens.value(connectionId))
            m_scheduler->addConnection(connectionId, tokens);
        return unexpected(m_store->lastError());
    }
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
    QList<Task> added =
        m_store->addTasks(connectionId, ids, note, QDateTime::currentDateTimeUtc(), libraryLevel);
    if (added.isEmpty() && !m_store->lastError().isEmpty())
        return unexpected(m_store->lastError());
    return added;
}

void Monitor::shutdown()
{
    if (m_scheduler)
        m_scheduler->shutdown();
}
