#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

// What went wrong with one request to SMH, typed so that callers can decide
// (retry, back off, ask for a new token) without parsing text. Every string in
// here is already free of access tokens and library secrets.
class SmhError
{
    Q_DECLARE_TR_FUNCTIONS(SmhError)

public:
    enum class Kind {
        None,
        InvalidInput, // refused before anything was sent (bad endpoint, bad ID, ...)
        Network, // connection refused, reset, host not found, ...
        Timeout, // no bytes moved for the transfer timeout, or past the total deadline
        Tls, // certificate or handshake failure; never ignored
        Http, // a non-2xx status; code/message/requestId decoded when present
        Malformed, // 2xx whose body is not what the API documents
        Oversized, // the body exceeded the reply size cap
        Cancelled, // aborted by us (shutdown, user)
    };

    // The longest Retry-After obeyed; a longer one is taken as this.
    static constexpr int maxRetryAfterSeconds = 600;

    SmhError() = default;
    SmhError(Kind kind, QString detail)
        : m_kind(kind)
        , m_detail(std::move(detail))
    { }

    static SmhError http(int httpStatus, QString code, QString message, QString requestId);
    // Reads an error reply's body: SMH's {"code", "message", "requestId"} in
    // the spellings services and gateways use, or a proxy's page. Any field
    // may be missing; the body is never trusted to be JSON or text.
    static SmhError fromHttpReply(
        int httpStatus, const QByteArray &body, const QByteArray &requestIdHeader);

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind != Kind::None; }
    int httpStatus() const { return m_httpStatus; }
    QString code() const { return m_code; }
    QString message() const { return m_message; }
    QString requestId() const { return m_requestId; }
    QString detail() const { return m_detail; }
    void setDetail(const QString &detail) { m_detail = detail; }

    // Seconds from a Retry-After header, or -1 when the server gave none.
    int retryAfterSeconds() const { return m_retryAfterSeconds; }
    void setRetryAfterSeconds(int seconds) { m_retryAfterSeconds = seconds; }

    // SMH's error codes the monitor acts on (see smh-api.md, "Errors").
    static constexpr QStringView invalidAccessToken = u"InvalidAccessToken";
    static constexpr QStringView wrongLibraryIdOrSecret = u"WrongLibraryIdOrSecret";
    static constexpr QStringView libraryNotFound = u"LibraryNotFound";
    static constexpr QStringView spaceNotFound = u"SpaceNotFound";
    static constexpr QStringView routeNotFound = u"RouteNotFound";
    static constexpr QStringView uriTooLong = u"URITooLong";

    // 401/403: the token (or secret) was refused. Such errors must never be
    // turned into a task failure: they are about the connection.
    bool isAuthError() const;
    // The token itself was refused (401, or 403 InvalidAccessToken or without
    // a code): a freshly minted one may be accepted.
    bool isTokenRejected() const;
    // Any other 403 (NoPermission, AccessTokenNotMatchLibrary/Space,
    // LibraryServiceExpired, SpaceBanned, ...): no new token fixes it.
    bool isAccessRefused() const { return isAuthError() && !isTokenRejected(); }
    // 404 WrongLibraryIdOrSecret, as token creation answers a wrong secret.
    bool isWrongSecret() const;
    // 404 LibraryNotFound/SpaceNotFound: the connection names something that
    // does not exist; asking again changes nothing until it is edited.
    bool isConfigurationError() const;
    // 414: the request line was too long for the server or a proxy.
    bool isUriTooLong() const { return m_kind == Kind::Http && m_httpStatus == 414; }
    // A sentence for the codes above, empty for others.
    QString explanation() const;
    // Worth trying again later with the same inputs (network, 5xx, 429, ...).
    bool isTransient() const;

    // One line for a person: what happened, plus SMH's code, message and
    // request ID when the server sent them (support asks for the request ID).
    QString toString() const;

    static QString kindName(Kind kind);

private:
    Kind m_kind = Kind::None;
    int m_httpStatus = 0;
    int m_retryAfterSeconds = -1;
    QString m_code;
    QString m_message;
    QString m_requestId;
    QString m_detail;
};

Q_DECLARE_METATYPE(SmhError)
