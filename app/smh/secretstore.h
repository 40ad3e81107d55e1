#pragma once

#include "smh/expected.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

// Keeps access tokens and library secrets out of every file we write: in the
// desktop keychain (Secret Service / KWallet, through QtKeychain) when there
// is one, otherwise in memory for this session only. Keys are connection ids.
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

    // The secret (empty when none was kept), or why it could not be read.
    using ReadCallback = std::function<void(const Expected<QString> &secret)>;
    using WriteCallback = std::function<void(const Expected<void> &written)>;

    // Finds out early whether a keychain answers, so that the user can be
    // offered the file before typing a secret; `done` runs when it is known.
    void probe(std::function<void()> done = {});

    void write(qint64 connectionId, const QString &secret, WriteCallback done = {});
    void read(qint64 connectionId, ReadCallback done);
    // `done` hears of a failure to delete it (the keychain's or the file's).
    void remove(qint64 connectionId, WriteCallback done = {});

private:
    static QString keyFor(qint64 connectionId);
    bool keychainUsable() const { return m_keychainEnabled && !m_keychainUnreachable; }
    void fallBack(const QString &reason);
    Expected<QHash<qint64, QString>> loadPrivateFile() const;
    // Applies `change` to the file's entries and writes it back atomically.
    Expected<void> updatePrivateFile(const std::function<void(QHash<qint64, QString> &)> &change);
    Expected<QString> readFromPrivateFile(qint64 connectionId);

    QHash<qint64, QString> m_session;
    QString m_privateFilePath = defaultPrivateFilePath();
    QString m_keychainProblem;
    bool m_keychainEnabled = true;
    bool m_keychainUnreachable = false;
};
