#pragma once

#include "smh/expected.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

class SecretStore;
namespace QKeychain {
class ReadPasswordJob;
}

// One asynchronous call of a SecretStore, in the style of SmhJob: it emits
// finished() exactly once, always after the call that made it has returned,
// and deletes itself once that signal is delivered, so its result is read in
// the slot. It is a child of its store: a store that is gone takes its
// unfinished jobs with it, and they never finish.
class SecretJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretJob)

Q_SIGNALS:
    void finished();

protected:
    friend class SecretStore;
    explicit SecretJob(SecretStore *store);
    // finished() from the event loop, for answers known at once.
    void finishLater();
    void finishNow();

private:
    bool m_finished = false;
};

// A read: the secret (empty when none was kept), or why it could not be read.
class SecretReadJob final : public SecretJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretReadJob)

public:
    Expected<QString> result() const { return m_result; }

private:
    friend class SecretStore;
    explicit SecretReadJob(SecretStore *store)
        : SecretJob(store)
    { }
    Expected<QString> m_result = QString();
};

// A write or a removal: whether the secret was kept (or deleted).
class SecretWriteJob final : public SecretJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretWriteJob)

public:
    Expected<void> result() const { return m_result; }

private:
    friend class SecretStore;
    explicit SecretWriteJob(SecretStore *store)
        : SecretJob(store)
    { }
    Expected<void> m_result;
};

// What a secret belongs to: a connection (by its id) or a team ledger (by its
// URL, which never holds a password). The two spaces cannot collide, in the
// keychain ("connection-7", "ledger-postgresql://…") nor in the private file
// ("7", "ledger-postgresql://…").
class SecretKey final
{
public:
    static SecretKey connection(qint64 connectionId);
    static SecretKey ledger(const QString &location);

    QString fileKey() const { return m_fileKey; }
    QString keychainKey() const { return m_keychainKey; }

private:
    SecretKey(QString fileKey, QString keychainKey)
        : m_fileKey(std::move(fileKey))
        , m_keychainKey(std::move(keychainKey))
    { }
    QString m_fileKey;
    QString m_keychainKey;
};

// Keeps access tokens, library secrets and team ledgers' passwords out of
// every file we write: in the desktop keychain (Secret Service / KWallet,
// through QtKeychain) when there is one, otherwise in memory for this session
// only.
//
// A user without a keychain may opt in to a private file instead: a JSON file
// of mode 0600 beside the ledger. The file existing is the opt-in, so the
// window and the headless commands agree on it without a setting; it is read
// only while it is owned by the user and unreadable by anyone else.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    enum class Backend {
        Keychain,
        PrivateFile, // no keychain reachable, and the user opted in to the file
        SessionOnly, // no keychain reachable: forgotten when the app exits
    };

    // Larger than any honest file of secrets; anything bigger is not ours.
    static constexpr qint64 maxPrivateFileBytes = 1024 * 1024;

    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    // Off: never touch the keychain (tests, demo mode).
    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; }
    Backend backend() const;
    // A sentence for the user when secrets are not in a keychain.
    QString backendProblem() const;

    // Where the opt-in file lives; empty never reads or writes one (demo mode).
    static QString defaultPrivateFilePath();
    void setPrivateFilePath(const QString &path) { m_privateFilePath = path; }
    QString privateFilePath() const { return m_privateFilePath; }
    bool privateFileEnabled() const;
    // Opting in writes the secrets known to this session to the file; opting
    // out deletes it (the secrets stay in memory for this session).
    Expected<void> enablePrivateFile();
    Expected<void> disablePrivateFile();

    // Every call below answers through a job that finishes later, in the
    // order the answers come; nobody need listen.

    // Finds out early whether a keychain answers, so that the user can be
    // offered the file before typing a secret; it finishes when that is known.
    SecretJob *probe();

    SecretWriteJob *write(const SecretKey &key, const QString &secret);
    SecretReadJob *read(const SecretKey &key);
    // The job hears of a failure to delete it (the keychain's or the file's);
    // unheard, a failure of the file is logged.
    SecretWriteJob *remove(const SecretKey &key);

    // A connection's token or library secret.
    SecretWriteJob *write(qint64 connectionId, const QString &secret)
    {
        return write(SecretKey::connection(connectionId), secret);
    }
    SecretReadJob *read(qint64 connectionId) { return read(SecretKey::connection(connectionId)); }
    SecretWriteJob *remove(qint64 connectionId)
    {
        return remove(SecretKey::connection(connectionId));
    }

private:
    bool keychainUsable() const { return m_keychainEnabled && !m_keychainUnreachable; }
    void fallBack(const QString &reason);
    Expected<QHash<QString, QString>> loadPrivateFile() const;
    // Applies `change` to the file's entries and writes it back atomically.
    Expected<void> updatePrivateFile(const std::function<void(QHash<QString, QString> &)> &change);
    Expected<QString> readFromPrivateFile(const SecretKey &key);
    Expected<QString> readAnswer(const SecretKey &key, const QKeychain::ReadPasswordJob &read);

    QHash<QString, QString> m_session; // by SecretKey::fileKey()
    QString m_privateFilePath = defaultPrivateFilePath();
    QString m_keychainProblem;
    bool m_keychainEnabled = true;
    bool m_keychainUnreachable = false;
};
