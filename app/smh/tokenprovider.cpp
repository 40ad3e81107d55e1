#include "smh/tokenprovider.h"

#include "smh/redact.h"
#include "smh/smhclient.h"

#include <algorithm>

TokenProvider::TokenProvider(SmhClient *client, const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_settings(settings)
    , m_renewTimer(this)
{
    m_renewTimer.setObjectName(QStringLiteral("renewal"));
    m_renewTimer.setSingleShot(true);
    // Coarse (5 %), not very coarse: the latter rounds to whole seconds, too
    // late for short-lived tokens.
    m_renewTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_renewTimer, &QTimer::timeout, this, &TokenProvider::renew);
}

TokenProvider::~TokenProvider() = default;

void TokenProvider::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

std::optional<SmhError> TokenProvider::whyNotReady() const
{
    if ((m_state != State::Rejected && m_state != State::Missing) || !m_failure.isError())
        return std::nullopt;
    return m_failure;
}

QMetaObject::Connection TokenProvider::whenReady(QObject *context, std::function<void()> ready)
{
    if (m_state == State::Ready) {
        ready();
        return {};
    }
    auto wait = std::make_shared<QMetaObject::Connection>();
    *wait = connect(this, &TokenProvider::tokenChanged, context, [this, wait, ready] {
        if (m_state != State::Ready) // an emptied token: still waiting
            return;
        // Disconnecting frees this lambda once it returns; `call` lives on.
        const std::function<void()> call = ready;
        QObject::disconnect(*wait);
        call();
    });
    return *wait;
}

void TokenProvider::setAccessToken(const QString &token)
{
    m_secret.clear();
    m_renewTimer.stop();
    m_mintedAfterRejection = false;
    m_failure = {};
    Redact::registerSecret(token);
    m_token = AccessToken {token, 0, QDateTime::currentDateTimeUtc()};
    setState(token.isEmpty() ? State::Missing : State::Ready);
    Q_EMIT tokenChanged();
}

void TokenProvider::setLibrarySecret(const QString &secret, std::optional<qint64> periodSeconds)
{
    Redact::registerSecret(secret);
    m_secret = secret;
    m_period = periodSeconds;
    m_token = {};
    m_mintedAfterRejection = false;
    m_failure = {};
    setState(secret.isEmpty() ? State::Missing : State::Minting);
    if (!secret.isEmpty())
        mint();
}

void TokenProvider::ensureToken()
{
    if (usesSecret() && m_token.isNull() && !m_busy && m_state != State::Rejected)
        mint();
}

bool TokenProvider::handleRejection(const QString &token, const SmhError &error)
{
    if (token != m_token.value)
        return m_state == State::Minting || m_state == State::Ready; // already replaced
    m_failure = error;
    // Only a refused token is fixed by a new one; NoPermission, a token of
    // another library, an expired service stay as they are.
    if (usesSecret() && !m_mintedAfterRejection && !error.isAccessRefused()) {
        m_mintedAfterRejection = true;
        m_token = {};
        mint();
        return true;
    }
    m_renewTimer.stop();
    setState(State::Rejected);
    return false;
}

void TokenProvider::mint()
{
    if (!m_client || m_busy)
        return;
    m_busy = true;
    setState(State::Minting);
    TokenJob *job = m_client->createToken(m_settings, m_secret, m_period);
    connect(job, &SmhJob::finished, this, [this, job] {
        m_busy = false;
        if (job->error().isError()) {
            m_failure = job->error();
            // A refused secret (SMH: 404 WrongLibraryIdOrSecret) or a library
            // that does not exist needs the user; anything else is retried by
            // the next ensureToken() from the scheduler's backoff.
            const bool needsUser = m_failure.isAuthError() || m_failure.isWrongSecret()
                || m_failure.isConfigurationError();
            setState(needsUser ? State::Rejected : State::Missing);
            return;
        }
        adopt(job->token());
    });
}

void TokenProvider::renew()
{
    if (!m_client || m_busy || m_token.isNull())
        return;
    m_busy = true;
    const QString renewing = m_token.value;
    TokenJob *job = m_client->renewToken(m_settings, renewing);
    connect(job, &SmhJob::finished, this, [this, job, renewing] {
        m_busy = false;
        if (job->error().isError()) {
            if (job->error().isAuthError()) {
                handleRejection(renewing, job->error());
            } else {
                m_failure = job->error();
                // Try again in a minute; the token is likely still valid.
                m_renewTimer.start(std::chrono::minutes(1));
            }
            return;
        }
        adopt(job->token());
    });
}

void TokenProvider::adopt(const AccessToken &token)
{
    m_token = token;
    m_failure = {};
    setState(State::Ready);
    scheduleRenewal();
    Q_EMIT tokenChanged();
}

void TokenProvider::scheduleRenewal()
{
    if (m_token.expiresInSeconds <= 0)
        return;
    const double wanted = double(m_token.expiresInSeconds) * 1000.0 * renewAt;
    const auto delay = std::chrono::milliseconds(
        qint64(std::clamp(wanted, double(minRenewal.count()), double(maxRenewal.count()))));
    m_renewTimer.start(delay);
}
