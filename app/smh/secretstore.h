#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

// Keeps access tokens and library secrets out of every file we write: in the
// desktop keychain (Secret Service / KWallet, through QtKeychain) when there
// is one, otherwise in memory for this session only. Keys are connection ids.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    enum class Backend {
        Keychain,
        SessionOnly, // no keychain reachable: forgotten when the app exits
    };

    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    // Off: never touch the keychain (tests, demo mode).
    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; }
    Backend backend() const { return m_backend; }
    // A sentence for the user when secrets cannot be kept beyond this session.
    QString backendProblem() const { return m_backendProblem; }

    using ReadCallback = std::function<void(const QString &secret, const QString &error)>;
    using WriteCallback = std::function<void(const QString &error)>;

    void write(qint64 connectionId, const QString &secret, WriteCallback done = {});
    void read(qint64 connectionId, ReadCallback done);
    void remove(qint64 connectionId);

private:
    static QString keyFor(qint64 connectionId);
    void fallBack(const QString &reason);

    QHash<qint64, QString> m_session;
    Backend m_backend = Backend::Keychain;
    QString m_backendProblem;
    bool m_keychainEnabled = true;
};
