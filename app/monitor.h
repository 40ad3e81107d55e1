#pragma once

#include "tasks/task.h"

#include <QHash>
#include <QObject>

#include <memory>

class PollScheduler;
class SmhClient;
class SmhSimulator;
class TaskStore;
class TokenProvider;

// Everything the GUI and the headless mode share: one client, one ledger,
// one scheduler, a token provider per connection and, in demo mode, the
// embedded simulator. Faces (window, command line) sit on top of it.
class Monitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Monitor)

public:
    explicit Monitor(QObject *parent = nullptr);
    ~Monitor() override;

    SmhClient *client() const { return m_client; }
    TaskStore *store() const { return m_store; }
    PollScheduler *scheduler() const { return m_scheduler; }
    SmhSimulator *simulator() const { return m_simulator; }

    // Opens the ledger (":memory:" for a throwaway one).
    bool openStore(const QString &path, QString *error);

    // Starts the embedded simulator on loopback and adds a connection to it
    // authenticated by its library secret, so that the token lifecycle is
    // exercised too. Returns the connection id, 0 on failure.
    qint64 startDemo(QString *error);

    // Adds (or finds an equal) connection and starts polling it.
    qint64 addConnection(const Connection &connection);
    // Stops polling a connection and forgets it with its tasks and tokens.
    // On failure the connection keeps being polled and `error` says why.
    bool removeConnection(qint64 connectionId, QString *error);
    TokenProvider *tokens(qint64 connectionId) const { return m_tokens.value(connectionId); }
    void setAccessToken(qint64 connectionId, const QString &token);
    void setLibrarySecret(qint64 connectionId, const QString &secret);

    QList<Task> addTasks(qint64 connectionId, const QList<qint64> &ids, const QString &note = {});

    void shutdown();

private:
    TokenProvider *ensureTokenProvider(const Connection &connection);

    SmhClient *m_client;
    TaskStore *m_store;
    PollScheduler *m_scheduler;
    SmhSimulator *m_simulator = nullptr;
    QHash<qint64, TokenProvider *> m_tokens;
};
