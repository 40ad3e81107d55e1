#pragma once

#include "smh/expected.h"

#include <QLockFile>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

class QLocalServer;
class QLocalSocket;

// One window per ledger. The first window takes a lock file beside the ledger
// and listens on a local socket named for the user and the ledger; a later
// launch finds the lock held and hands its request to that window instead of
// opening a second one that would poll the same tasks (qBittorrent's
// ApplicationInstanceManager, QtSingleApplication). A lock left by a window
// that crashed is stale (its process is gone) and is taken over, and with it
// the socket it left behind. Headless commands never take the lock.
//
// Both ends are of the same user: the socket sits in XDG_RUNTIME_DIR (or is
// made user-only in the temporary folder), and each end checks the other's
// user id before a byte of the request, which may carry a token, is sent.
class InstanceGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceGuard)

public:
    // One request: the longest list of task IDs one input may name, as text,
    // with room to spare. Anything larger is refused before it is read.
    static constexpr qint64 maxMessageBytes = 32 * 1024 * 1024;
    // The answer: a status and one sentence.
    static constexpr qint64 maxReplyBytes = 4096;
    // Requests read at the same time; more are refused at once.
    static constexpr int maxSessions = 4;

    struct Deadlines
    {
        // Until the window holding the lock listens: it may still be starting.
        std::chrono::milliseconds connect {20'000};
        std::chrono::milliseconds write {10'000};
        std::chrono::milliseconds reply {15'000};
    };

    enum class Role {
        Owner, // this process holds the ledger and should open the window
        Forwarded, // the window holding it took the request
        Unguarded, // the lock cannot be made (a folder that cannot be written)
    };

    explicit InstanceGuard(const QString &ledgerPath, QObject *parent = nullptr);
    ~InstanceGuard() override;

    // Takes the ledger when nobody holds it (or its holder is gone); else
    // hands `message()` to the window holding it and waits for its answer,
    // every step under its deadline. While waiting for the holder to listen,
    // the lock is tried again, so that a holder that ends meanwhile is
    // succeeded rather than waited for.
    Expected<Role> claimOrForward(
        const std::function<QByteArray()> &message, const Deadlines &deadlines);
    Expected<Role> claimOrForward(const std::function<QByteArray()> &message)
    {
        return claimOrForward(message, Deadlines {});
    }

    // The owner answers forwarded requests from now on. `handler` checks and
    // applies one; its error is what the sender is told. A session that does
    // not deliver its request within `sessionDeadline` is dropped.
    using Handler = std::function<Expected<void>(const QByteArray &message)>;
    Expected<void> listen(
        Handler handler, std::chrono::milliseconds sessionDeadline = std::chrono::seconds(10));

    bool isOwner() const { return m_lock && m_lock->isLocked(); }
    QString lockFilePath() const { return m_lockPath; }
    // A path in XDG_RUNTIME_DIR, or a name QLocalServer places in the
    // temporary folder.
    QString serverName() const { return m_serverName; }

private:
    class Session;

    Expected<Role> forward(QLocalSocket &socket, const QByteArray &message,
        const Deadlines &deadlines, const QString &holder);
    void acceptSessions();
    QString holderDescription() const;

    QString m_ledgerPath;
    QString m_lockPath;
    QString m_serverName;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
    Handler m_handler;
    std::chrono::milliseconds m_sessionDeadline {10'000};
    int m_sessions = 0;
};
