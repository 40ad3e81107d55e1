#include "smh/smhclient.h"

#include "smh/redact.h"
#include "smh/taskquery.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSmhClient, "smh.client", QtWarningMsg)

namespace {

constexpr char cancelledProperty[] = "smh_cancelled";
constexpr char oversizedProperty[] = "smh_oversized";
constexpr char tlsErrorsProperty[] = "smh_tls_errors";
constexpr char deadlineProperty[] = "smh_deadline";
constexpr qint64 readAheadBytes = 256 * 1024;

// Retry-After is either delta-seconds or an HTTP date (RFC 9110 10.2.3). A
// server may ask for any wait; more than SmhError::maxRetryAfterSeconds is
// taken as that long, so that a typo or a hostile proxy cannot stop polling.
int parseRetryAfter(const QByteArray &header)
{
    if (header.isEmpty())
        return -1;
    const QByteArray trimmed = header.trimmed();
    if (!trimmed.isEmpty() && std::all_of(trimmed.cbegin(), trimmed.cend(), [](char c) {
            return c >= '0' && c <= '9';
        })) {
        bool ok = false;
        const qint64 seconds = trimmed.toLongLong(&ok);
        // Too many digits for 64 bits is still "a very long time".
        return ok ? int(std::min<qint64>(seconds, SmhError::maxRetryAfterSeconds))
                  : SmhError::maxRetryAfterSeconds;
    }
    // Servers send IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), whose "GMT"
    // Qt's RFC 2822 parser does not take; the numeric zone means the same.
    QString text = QString::fromLatin1(header.trimmed());
    if (text.endsWith(u" GMT"_s))
        text = text.chopped(3) + u"+0000"_s;
    const QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return int(std::clamp<qint64>(
        QDateTime::currentDateTimeUtc().secsTo(when), 0, SmhError::maxRetryAfterSeconds));
}

// The body of a call that must reach SMH at most once. Qt's HTTP channel
// resends the current request when the connection closes before a complete
// reply, whatever its method, unless the body cannot be read a second time:
// then it gives up with ContentReSendError. This device can be read once
// and never reset; with a Content-Length set, Qt streams it as it is
// instead of buffering it into a copy it could replay.
class OneShotBody final : public QIODevice
{
public:
    OneShotBody(QByteArray bytes, QObject *parent)
        : QIODevice(parent)
        , m_bytes(std::move(bytes))
    {
        open(QIODevice::ReadOnly);
    }

    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override
    {
        return m_bytes.size() - m_read + QIODevice::bytesAvailable();
    }
    bool atEnd() const override { return m_read >= m_bytes.size() && QIODevice::atEnd(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_bytes.size() - m_read);
        if (n <= 0)
            return m_read >= m_bytes.size() ? -1 : 0;
        std::memcpy(data, m_bytes.constData() + m_read, size_t(n));
        m_read += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_read = 0;
};

} // namespace

SmhJob::SmhJob(QObject *parent)
    : QObject(parent)
{ }

void SmhJob::emitFinishedOnce()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
    deleteLater();
}

SmhClient::SmhClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_onceNetwork(new QNetworkAccessManager(this))
{
    // Replies are aborted in the destructor; a cache or cookie jar would only
    // keep tokens around.
    m_network->setCookieJar(nullptr);
    m_onceNetwork->setCookieJar(nullptr);
}

SmhClient::~SmhClient()
{
    abortAll();
}

QString SmhClient::userAgent()
{
    return u"smh-task-monitor/"_s + QStringLiteral(SMH_VERSION_STRING);
}

QNetworkRequest SmhClient::prepareRequest(const QUrl &url, const ConnectionSettings &settings) const
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_transferTimeout.count()));
    // The token is in the URL: a redirect may stay on the same origin only.
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    if (url.scheme() == u"https" && !settings.caFile.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_caCache.value(settings.caFile).certificates);
        request.setSslConfiguration(tls);
        // The network manager reuses one connection per host and port with the
        // TLS configuration of the request that opened it. The peer verify name
        // is part of that reuse key, so setting it keeps connections that trust
        // the extra CA apart from those that do not (either way round); letting
        // them go once idle makes a changed CA file count from the next request.
        request.setPeerVerifyName(url.host());
        request.setAttribute(QNetworkRequest::ConnectionCacheExpiryTimeoutSecondsAttribute, 0);
    }
    return request;
}

QList<QSslCertificate> SmhClient::caCertificates(const QString &path, SmhError *error)
{
    const QFileInfo info(path);
    const QDateTime modified = info.lastModified();
    auto it = m_caCache.constFind(path);
    if (it != m_caCache.cend() && it->modified == modified && it->size == info.size())
        return it->certificates;
    m_caCache.remove(path);
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path, QSsl::Pem);
    if (certificates.isEmpty()) {
        *error = SmhError(SmhError::Kind::InvalidInput,
            tr("no PEM certificate could be read from \"%1\"").arg(path));
        return {};
    }
    m_caCache.insert(path, {modified, info.size(), certificates});
    return certificates;
}

std::optional<SmhError> SmhClient::preflight(const ConnectionSettings &settings)
{
    const QStringList problems = settings.validate();
    if (!problems.isEmpty())
        return SmhError(SmhError::Kind::InvalidInput, problems.join(u' '));
    if (!settings.caFile.isEmpty()) {
        SmhError error;
        caCertificates(settings.caFile, &error);
        if (error.isError())
            return error;
    }
    return std::nullopt;
}

QUrl SmhClient::apiUrl(const ConnectionSettings &settings, const QString &encodedPath) const
{
    QUrl url = settings.endpoint;
    url.setPath(url.path(QUrl::FullyEncoded) + encodedPath, QUrl::StrictMode);
    return url;
}

// The one token a renewal extends or a delete ends: /api/v1/token/<library>/<token>.
QUrl SmhClient::tokenUrl(const ConnectionSettings &settings, const QString &accessToken) const
{
    return apiUrl(settings,
        u"/api/v1/token/"_s + QString::fromLatin1(QUrl::toPercentEncoding(settings.libraryId))
            + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(accessToken)));
}

void SmhClient::failLater(SmhJob *job, const SmhError &error)
{
    job->addError(error);
    QTimer::singleShot(0, job, &SmhJob::emitFinishedOnce);
}

QNetworkReply *SmhClient::send(
    const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body, Send policy)
{
    QNetworkReply *reply = nullptr;
    if (policy == Send::Once) {
        QNetworkRequest once = request;
        once.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        once.setRawHeader("Connection", "close");
        once.setAttribute(QNetworkRequest::ConnectionCacheExpiryTimeoutSecondsAttribute, 0);
        once.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        // Otherwise Qt copies a sequential body into a buffer it can replay.
        once.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        once.setAttribute(
            QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        auto *device = new OneShotBody(body, nullptr);
        reply = m_onceNetwork->sendCustomRequest(once, verb, device);
        device->setParent(reply);
    } else {
        // Only a request with a body gets an upload device: with one, Qt read an
        // endless reply far past the read-ahead limit (tst_smhclient
        // theCapStopsTheReading), so bodiless requests keep the plain call.
        reply = body.isEmpty() ? m_network->sendCustomRequest(request, verb)
                               : m_network->sendCustomRequest(request, verb, body);
    }
    ++m_requestsSent;
    m_inFlight.append(reply);
    qCDebug(lcSmhClient) << verb << Redact::url(request.url());

    const qint64 cap = m_maxReplyBytes;
    // The body is drained as it comes and Qt reads little ahead of us, so
    // the cap bounds memory, not just the verdict: a fast endless body
    // otherwise piles up in Qt's buffers faster than it is judged.
    reply->setReadBufferSize(readAheadBytes);
    connect(reply, &QNetworkReply::readyRead, reply, [this, reply, cap] {
        QByteArray &body = m_bodies[reply];
        // What has come, never the cap: QIODevice::read(n) allocates n bytes
        // up front, and the first piece becomes the body with that capacity
        // (16 MiB a reply in flight, for replies of a few hundred KB).
        const qint64 wanted = std::min(reply->bytesAvailable(), cap + 1 - body.size());
        if (wanted > 0)
            body += reply->read(wanted);
        if (body.size() > cap && !reply->property(oversizedProperty).toBool()) {
            reply->setProperty(oversizedProperty, true);
            reply->abort();
        }
    });
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] {
        reply->setProperty(deadlineProperty, true);
        reply->abort();
    });
    deadline->start(m_totalTimeout);
    auto enforceCap = [reply, cap](qint64 size) {
        if (size > cap && !reply->property(oversizedProperty).toBool()) {
            reply->setProperty(oversizedProperty, true);
            reply->abort();
        }
    };
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, enforceCap] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid())
            enforceCap(length.toLongLong());
    });
    connect(reply, &QNetworkReply::downloadProgress, reply,
        [enforceCap](qint64 received, qint64) { enforceCap(received); });
    // Recorded for the error message; never ignored.
    connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &error : errors)
            texts << error.errorString();
        reply->setProperty(tlsErrorsProperty, texts);
    });
    return reply;
}

SmhClient::Outcome SmhClient::takeOutcome(QNetworkReply *reply)
{
    m_inFlight.removeAll(reply);
    reply->deleteLater();
    // An aborted reply is closed: reading it would only make Qt warn.
    QByteArray body = m_bodies.take(reply);
    if (reply->isOpen() && reply->bytesAvailable() > 0)
        body += reply->read(std::min(reply->bytesAvailable(), m_maxReplyBytes + 1 - body.size()));

    Outcome outcome;
    outcome.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = Redact::url(reply->request().url());

    if (reply->property(cancelledProperty).toBool()) {
        outcome.error =
            SmhError(SmhError::Kind::Cancelled, tr("request to %1 cancelled").arg(where));
    } else if (reply->property(oversizedProperty).toBool() && outcome.httpStatus >= 300) {
        // An error page too large to read (a proxy's 502, say) is still that
        // error: a 5xx backs off and is retried like any other.
        outcome.error = SmhError::http(
            outcome.httpStatus, {}, {}, QString::fromLatin1(reply->rawHeader("x-smh-request-id")));
        outcome.error.setDetail(
            tr("its body exceeded %1 bytes and was not read").arg(m_maxReplyBytes));
        outcome.error.setRetryAfterSeconds(parseRetryAfter(reply->rawHeader("Retry-After")));
    } else if (reply->property(oversizedProperty).toBool()) {
        outcome.error = SmhError(SmhError::Kind::Oversized,
            tr("the reply from %1 exceeded %2 bytes").arg(where).arg(m_maxReplyBytes));
    } else if (reply->property(deadlineProperty).toBool()) {
        outcome.error = SmhError(SmhError::Kind::Timeout,
            tr("the reply from %1 did not complete within %2 s")
                .arg(where)
                .arg(double(m_totalTimeout.count()) / 1000.0));
    } else if (const QStringList tls = reply->property(tlsErrorsProperty).toStringList();
               !tls.isEmpty() || reply->error() == QNetworkReply::SslHandshakeFailedError) {
        const QString reason =
            tls.isEmpty() ? Redact::text(reply->errorString()) : tls.join(u"; "_s);
        outcome.error = SmhError(SmhError::Kind::Tls, tr("%1 (%2)").arg(reason, where));
    } else if (reply->error() == QNetworkReply::InsecureRedirectError
        || reply->error() == QNetworkReply::TooManyRedirectsError) {
        // Before the status check: a refused redirect keeps its own 3xx status.
        // An HTTP error, not a network one: retrying would only be refused again.
        outcome.error = SmhError::http(
            outcome.httpStatus, {}, {}, QString::fromLatin1(reply->rawHeader("x-smh-request-id")));
        outcome.error.setDetail(tr("%1 redirected to another host; not followed, so that "
                                   "the access token stays with SMH")
                                    .arg(where));
    } else if (outcome.httpStatus >= 300) {
        outcome.error =
            SmhError::fromHttpReply(outcome.httpStatus, body, reply->rawHeader("x-smh-request-id"));
        outcome.error.setRetryAfterSeconds(parseRetryAfter(reply->rawHeader("Retry-After")));
    } else if (reply->error() == QNetworkReply::OperationCanceledError
        || reply->error() == QNetworkReply::TimeoutError) {
        // We did not abort it, so the transfer timeout did (possibly mid-body).
        outcome.error = SmhError(SmhError::Kind::Timeout,
            tr("no reply from %1 within %2 s")
                .arg(where)
                .arg(double(m_transferTimeout.count()) / 1000.0));
    } else if (reply->error() == QNetworkReply::ContentReSendError) {
        // A Send::Once call whose connection ended before a complete reply:
        // Qt wanted to send it again and could not (OneShotBody).
        outcome.error = SmhError(SmhError::Kind::Network,
            tr("the connection to %1 closed before a complete reply; the request was not sent "
               "again")
                .arg(where));
    } else if (reply->error() != QNetworkReply::NoError) {
        // Also with a 2xx status: a body cut short is a network failure, not a reply.
        outcome.error = SmhError(
            SmhError::Kind::Network, tr("%1 (%2)").arg(Redact::text(reply->errorString()), where));
    } else {
        outcome.body = body;
        if (outcome.body.size() > m_maxReplyBytes)
            outcome.error = SmhError(SmhError::Kind::Oversized,
                tr("the reply from %1 exceeded %2 bytes").arg(where).arg(m_maxReplyBytes));
    }
    if (outcome.error.isError())
        qCInfo(lcSmhClient).noquote() << outcome.error.toString();
    Q_EMIT requestFinished(
        QString::fromLatin1(
            reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray()),
        where, outcome.httpStatus, outcome.error);
    return outcome;
}

qsizetype SmhClient::urlLimit(qsizetype urlLimit) const
{
    return urlLimit > 0 ? urlLimit : m_urlLimit > 0 ? m_urlLimit : TaskQuery::maxUrlBytes;
}

QList<QList<qint64>> SmhClient::taskBatches(const ConnectionSettings &settings,
    const QString &accessToken, const QList<qint64> &ids, qsizetype urlLimit) const
{
    return TaskQuery::batches(settings, accessToken, ids, this->urlLimit(urlLimit));
}

TaskQueryJob *SmhClient::queryTasks(const ConnectionSettings &settings, const QString &accessToken,
    const QList<qint64> &ids, qsizetype urlLimitForCall)
{
    auto *job = new TaskQueryJob(this);
    job->m_requestedIds = TaskQuery::uniqueIds(ids);
    if (const auto error = preflight(settings)) {
        job->m_failedIds = job->m_requestedIds;
        failLater(job, *error);
        return job;
    }
    if (accessToken.isEmpty()) {
        job->m_failedIds = job->m_requestedIds;
        failLater(job, SmhError(SmhError::Kind::InvalidInput, tr("no access token")));
        return job;
    }
    if (job->m_requestedIds.isEmpty()) {
        QTimer::singleShot(0, job, &SmhJob::emitFinishedOnce);
        return job;
    }
    Redact::registerSecret(accessToken);
    const qsizetype urlLimit = this->urlLimit(urlLimitForCall);
    const auto batches = TaskQuery::batches(settings, accessToken, job->m_requestedIds, urlLimit);
    if (batches.isEmpty()) {
        job->m_failedIds = job->m_requestedIds;
        failLater(job,
            SmhError(SmhError::Kind::InvalidInput,
                tr("the request URL would exceed %1 bytes even for one task").arg(urlLimit)));
        return job;
    }

    job->m_pending = int(batches.size());
    job->m_requestCount = int(batches.size());
    for (const QList<qint64> &batch : batches) {
        const QUrl url = TaskQuery::url(settings, accessToken, batch);
        QNetworkReply *reply = send("GET", prepareRequest(url, settings));
        connect(reply, &QNetworkReply::finished, job, [this, job, reply, batch] {
            const Outcome outcome = takeOutcome(reply);
            if (outcome.error.isError()) {
                job->addError(outcome.error);
                job->m_failedIds.append(batch);
            } else {
                TaskReply::Parsed parsed = TaskReply::parse(outcome.body, batch);
                if (parsed.error.isError()) {
                    parsed.error.setDetail(parsed.error.detail() + u" ("_s
                        + Redact::url(reply->request().url()) + u')');
                    job->addError(parsed.error);
                    job->m_failedIds.append(batch);
                } else {
                    job->m_reports.append(parsed.reports);
                }
            }
            if (--job->m_pending == 0)
                job->emitFinishedOnce();
        });
    }
    return job;
}

TokenJob *SmhClient::startTokenJob(
    const QByteArray &verb, const QUrl &url, const ConnectionSettings &settings)
{
    auto *job = new TokenJob(this);
    QNetworkReply *reply = send(verb, prepareRequest(url, settings));
    connect(reply, &QNetworkReply::finished, job, [this, job, reply] {
        const Outcome outcome = takeOutcome(reply);
        if (outcome.error.isError()) {
            job->addError(outcome.error);
        } else {
            const QJsonDocument document = QJsonDocument::fromJson(outcome.body);
            const QJsonObject object = document.object();
            const QString token = object.value(u"accessToken").toString();
            const qint64 expiresIn = object.value(u"expiresIn").toInteger(-1);
            if (token.isEmpty() || expiresIn <= 0) {
                job->addError(SmhError(
                    SmhError::Kind::Malformed, tr("the token reply has no accessToken/expiresIn")));
            } else if (token.size() > maxTokenLength) {
                job->addError(SmhError(SmhError::Kind::Oversized,
                    tr("the server sent an access token of %1 characters (at most %2 are accepted)")
                        .arg(token.size())
                        .arg(maxTokenLength)));
            } else {
                Redact::registerSecret(token);
                job->m_token = AccessToken {token, expiresIn, QDateTime::currentDateTimeUtc()};
            }
        }
        job->emitFinishedOnce();
    });
    return job;
}

TokenJob *SmhClient::createToken(const ConnectionSettings &settings, const QString &librarySecret,
    std::optional<qint64> periodSeconds, const QString &grant)
{
    if (const auto error = preflight(settings)) {
        auto *job = new TokenJob(this);
        failLater(job, *error);
        return job;
    }
    Redact::registerSecret(librarySecret);
    auto encoded = [](const QString &value) {
        return QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    QString query = u"library_id="_s + encoded(settings.libraryId) + u"&library_secret="_s
        + encoded(librarySecret);
    if (!settings.libraryLevel && !settings.spaceId.isEmpty())
        query += u"&space_id="_s + encoded(settings.spaceId);
    if (!settings.userId.isEmpty())
        query += u"&user_id="_s + encoded(settings.userId);
    if (periodSeconds)
        query += u"&period="_s + QString::number(*periodSeconds);
    if (!grant.isEmpty())
        query += u"&grant="_s + encoded(grant);
    QUrl url = apiUrl(settings, u"/api/v1/token"_s);
    url.setQuery(query, QUrl::StrictMode);
    return startTokenJob("GET", url, settings);
}

TokenJob *SmhClient::renewToken(const ConnectionSettings &settings, const QString &accessToken)
{
    if (const auto error = preflight(settings)) {
        auto *job = new TokenJob(this);
        failLater(job, *error);
        return job;
    }
    Redact::registerSecret(accessToken);
    const QUrl url = tokenUrl(settings, accessToken);
    return startTokenJob("POST", url, settings);
}

SmhJob *SmhClient::deleteToken(const ConnectionSettings &settings, const QString &accessToken)
{
    auto *job = new SmhJob(this);
    if (const auto error = preflight(settings)) {
        failLater(job, *error);
        return job;
    }
    Redact::registerSecret(accessToken);
    const QUrl url = tokenUrl(settings, accessToken);
    QNetworkReply *reply = send("DELETE", prepareRequest(url, settings));
    connect(reply, &QNetworkReply::finished, job, [this, job, reply] {
        const Outcome outcome = takeOutcome(reply);
        if (outcome.error.isError())
            job->addError(outcome.error);
        job->emitFinishedOnce();
    });
    return job;
}

ApiJob *SmhClient::callApi(const QByteArray &verb, const ConnectionSettings &settings,
    const QString &accessToken, const QString &encodedPath, const QByteArray &jsonBody,
    Send sendPolicy)
{
    auto *job = new ApiJob(this);
    if (const auto error = preflight(settings)) {
        failLater(job, *error);
        return job;
    }
    if (accessToken.isEmpty()) {
        failLater(job, SmhError(SmhError::Kind::InvalidInput, tr("no access token")));
        return job;
    }
    Redact::registerSecret(accessToken);
    QUrl url = apiUrl(settings, encodedPath);
    QString query = u"access_token="_s + QString::fromLatin1(QUrl::toPercentEncoding(accessToken));
    if (!settings.userId.isEmpty())
        query += u"&user_id="_s + QString::fromLatin1(QUrl::toPercentEncoding(settings.userId));
    url.setQuery(query, QUrl::StrictMode);
    QNetworkRequest request = prepareRequest(url, settings);
    if (!jsonBody.isEmpty())
        request.setHeader(
            QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = send(verb, request, jsonBody, sendPolicy);
    connect(reply, &QNetworkReply::finished, job, [this, job, reply] {
        const Outcome outcome = takeOutcome(reply);
        job->m_httpStatus = outcome.httpStatus;
        job->m_body = outcome.body;
        job->m_effect = effectOf(reply, outcome);
        if (outcome.error.isError())
            job->addError(outcome.error);
        job->emitFinishedOnce();
    });
    return job;
}

ApiJob::Effect SmhClient::effectOf(const QNetworkReply *reply, const Outcome &outcome)
{
    const int status = outcome.httpStatus;
    if (status >= 200 && status < 300)
        return ApiJob::Effect::Applied;
    if (status >= 300 && status < 500)
        return ApiJob::Effect::None;
    if (status >= 500)
        return ApiJob::Effect::Unknown;
    // No status. Only these errors happen before a byte of the request can
    // have reached SMH; after anything else it may have acted.
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return ApiJob::Effect::None;
    default:
        break;
    }
    if (!reply->property(tlsErrorsProperty).toStringList().isEmpty())
        return ApiJob::Effect::None;
    return ApiJob::Effect::Unknown;
}

void SmhClient::abortAll()
{
    const auto replies = m_inFlight;
    for (const QPointer<QNetworkReply> &reply : replies) {
        if (reply) {
            reply->setProperty(cancelledProperty, true);
            reply->abort();
        }
    }
}
