#include "tasks/monitor.h"

#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"

using namespace Qt::StringLiterals;

Monitor::Monitor(QObject *parent)
    : QObject(parent)
    , m_client(new SmhClient(this))
    , m_store(new TaskStore(this))
    , m_scheduler(new PollScheduler(m_client, m_store, this))
{ }

Monitor::~Monitor()
{
    shutdown();
    // The scheduler refers to the client and the store: it goes first.
    delete m_scheduler;
    m_scheduler = nullptr;
}

bool Monitor::openStore(const QString &path, QString *error)
{
    if (!m_store->open(path, error))
        return false;
    const QList<Connection> connections = m_store->connections();
    for (const Connection &connection : connections)
        m_scheduler->addConnection(connection.id, ensureTokenProvider(connection));
    return true;
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

qint64 Monitor::addConnection(const Connection &connection)
{
    const QList<Connection> existing = m_store->connections();
    for (const Connection &known : existing) {
        if (known.settings == connection.settings && known.authKind == connection.authKind)
            return known.id;
    }
    const qint64 id = m_store->addConnection(connection);
    if (id == 0)
        return 0;
    Connection stored = connection;
    stored.id = id;
    m_scheduler->addConnection(id, ensureTokenProvider(stored));
    return id;
}

bool Monitor::removeConnection(qint64 connectionId, QString *error)
{
    // The store takes the tasks with the connection, in one transaction, and
    // tells every view of them (tasksRemoved).
    m_scheduler->removeConnection(connectionId);
    if (!m_store->removeConnection(connectionId)) {
        *error = m_store->lastError();
        if (TokenProvider *tokens = m_tokens.value(connectionId))
            m_scheduler->addConnection(connectionId, tokens);
        return false;
    }
    // Later: a reply of its own may still be on the way up the stack.
    if (TokenProvider *tokens = m_tokens.take(connectionId))
        tokens->deleteLater();
    return true;
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

QList<Task> Monitor::addTasks(qint64 connectionId, const QList<qint64> &ids, const QString &note,
    std::optional<bool> libraryLevel)
{
    return m_store->addTasks(
        connectionId, ids, note, QDateTime::currentDateTimeUtc(), libraryLevel);
}

void Monitor::shutdown()
{
    if (m_scheduler)
        m_scheduler->shutdown();
}
