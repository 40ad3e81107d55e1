#pragma once

#include "smh/accesstoken.h"
#include "smh/connectionsettings.h"
#include "smh/smherror.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class SmhClient;

// Supplies the access token for one connection. With a static token it only
// hands it out, and a refusal pauses the connection until the user gives a
// new one. With the library secret it mints a token, renews it before it
// runs out, and mints a fresh one once when the server refuses it.
class TokenProvider final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenProvider)

public:
    enum class State {
        Ready, // token() can be used
        Minting, // a token is being minted or renewed
        Rejected, // the server refused the credentials: user action needed
        Missing, // no credentials at all
    };
    Q_ENUM(State)

    // Renew once this share of the lifetime has passed (SMH also extends a
    // token on every use, so an active monitor rarely needs it).
    static constexpr double renewAt = 0.8;
    // The server's lifetime is trusted within these bounds only: a huge
    // expiresIn would otherwise wrap Qt's int timer and renew in a loop.
    static constexpr std::chrono::milliseconds minRenewal {500};
    static constexpr std::chrono::milliseconds maxRenewal {12 * 3600 * 1000};

    TokenProvider(SmhClient *client, const ConnectionSettings &settings, QObject *parent = nullptr);
    ~TokenProvider() override;

    void setSettings(const ConnectionSettings &settings) { m_settings = settings; }
    void setAccessToken(const QString &token);
    void setLibrarySecret(
        const QString &secret, std::optional<qint64> periodSeconds = std::nullopt);
    bool usesSecret() const { return !m_secret.isEmpty(); }

    State state() const { return m_state; }
    QString token() const { return m_token.value; }
    QDateTime expiresAt() const { return m_token.expiresAt(); }
    // Why there is no token to use: the refusal (state Rejected) or the failed
    // minting (Missing) that left the provider so; nothing while a token is
    // Ready or Minting, or when no credentials were given at all.
    std::optional<SmhError> whyNotReady() const;

    // Calls `ready` once, as soon as there is a token to use: at once when
    // one is Ready now, else the first time tokenChanged brings one. The wait
    // ends with `context` or this provider, and the returned connection (empty
    // when `ready` ran at once) cancels it earlier; it is false once over.
    // Asking for the token is someone else's part (the poller's).
    QMetaObject::Connection whenReady(QObject *context, std::function<void()> ready);

    // Mints when a secret is set and there is no token yet.
    void ensureToken();
    // The server refused `token` (401/403). With a secret: mint again, once per
    // refused token. Returns true when a new token is on its way.
    bool handleRejection(const QString &token, const SmhError &error);
    // A request with the current token succeeded: a later refusal may again
    // be answered by minting once.
    void tokenAccepted() { m_mintedAfterRejection = false; }
    // Renews now (normally done by the timer).
    void renew();

Q_SIGNALS:
    void stateChanged(TokenProvider::State state);
    void tokenChanged();

private:
    void setState(State state);
    void adopt(const AccessToken &token);
    void mint();
    void scheduleRenewal();

    QPointer<SmhClient> m_client;
    ConnectionSettings m_settings;
    QString m_secret;
    std::optional<qint64> m_period;
    AccessToken m_token;
    // Set when a refusal made us mint; a refusal of that fresh token too means
    // the secret itself is not good enough (permissions), so we stop there.
    bool m_mintedAfterRejection = false;
    // What the last refusal or failed minting said; whyNotReady() tells it
    // while the state it caused lasts.
    SmhError m_failure;
    State m_state = State::Missing;
    QTimer m_renewTimer;
    bool m_busy = false;
};
