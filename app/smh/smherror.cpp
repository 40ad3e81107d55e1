#include "smh/smherror.h"

#include "smh/redact.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

// Longer server text is cut: a reader wants the start, a terminal no megabytes.
constexpr qsizetype maxFieldLength = 1000;

QString firstString(const QJsonObject &object, std::initializer_list<QStringView> keys)
{
    for (QStringView key : keys) {
        const QJsonValue value = object.value(key);
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
        if (value.isDouble())
            return QString::number(value.toInteger());
    }
    return {};
}

} // namespace

SmhError SmhError::http(int httpStatus, QString code, QString message, QString requestId)
{
    SmhError error(Kind::Http, QString());
    error.m_httpStatus = httpStatus;
    error.m_code = Redact::text(code);
    error.m_message = Redact::text(message);
    error.m_requestId = std::move(requestId);
    return error;
}

// SMH's error body: {"code": "...", "message": "...", "requestId": "..."}. The
// spelling varies between services and gateways, and any field may be missing.
SmhError SmhError::fromHttpReply(
    int status, const QByteArray &body, const QByteArray &requestIdHeader)
{
    QString code;
    QString message;
    QString requestId = QString::fromLatin1(requestIdHeader.left(maxFieldLength));
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        QJsonObject object = document.object();
        if (object.value(u"error").isObject()) // {"error": {...}}
            object = object.value(u"error").toObject();
        // One line each, whatever the server put in them.
        code = firstString(object, {u"code", u"Code", u"errorCode", u"error"}).simplified();
        message =
            firstString(object, {u"message", u"Message", u"msg", u"errorMessage"}).simplified();
        if (requestId.isEmpty())
            requestId = firstString(object, {u"requestId", u"RequestId", u"request_id"});
    }
    SmhError error =
        SmhError::http(status, code, message, requestId.simplified().left(maxFieldLength));
    // Cut to a length worth reading only once redacted.
    error.m_code.truncate(maxFieldLength);
    error.m_message.truncate(maxFieldLength);
    if (code.isEmpty() && message.isEmpty() && !body.isEmpty()) {
        // A proxy's HTML page: say so rather than dumping markup on the user.
        const bool looksHtml = body.trimmed().startsWith('<');
        // Redacted before it is shortened: a cut inside a token would hide the
        // token from redaction and show its first half.
        error.setDetail(looksHtml
                ? tr("the server answered with an HTML page")
                : Redact::text(QString::fromUtf8(body.left(64 * 1024)).simplified()).left(200));
    }
    return error;
}

bool SmhError::isAuthError() const
{
    return m_kind == Kind::Http && (m_httpStatus == 401 || m_httpStatus == 403);
}

bool SmhError::isTokenRejected() const
{
    if (m_kind != Kind::Http)
        return false;
    if (m_httpStatus == 401)
        return true;
    // A 403 without a code (a gateway's) is taken for a refused token, as it
    // always was: minting once costs one request and settles it.
    return m_httpStatus == 403 && (m_code.isEmpty() || m_code == invalidAccessToken);
}

bool SmhError::isWrongSecret() const
{
    return m_kind == Kind::Http && m_httpStatus == 404 && m_code == wrongLibraryIdOrSecret;
}

bool SmhError::isConfigurationError() const
{
    return m_kind == Kind::Http && m_httpStatus == 404
        && (m_code == libraryNotFound || m_code == spaceNotFound);
}

QString SmhError::explanation() const
{
    if (m_kind != Kind::Http)
        return {};
    if (isWrongSecret())
        return tr("library ID or secret is wrong");
    if (m_httpStatus == 404 && m_code == libraryNotFound)
        return tr("no such library: check the connection's library ID");
    if (m_httpStatus == 404 && m_code == spaceNotFound)
        return tr("no such space: check the connection's space ID");
    if (isTokenRejected())
        return tr("token rejected");
    if (isAccessRefused())
        return tr("access refused, and a new token would not change that");
    if (isUriTooLong())
        return tr("request too long for the server");
    if (m_httpStatus == 429)
        return tr("too many requests");
    return {};
}

bool SmhError::isTransient() const
{
    switch (m_kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Malformed: // proxies in the way answer HTML now and then
        return true;
    case Kind::Http:
        return m_httpStatus == 408 || m_httpStatus == 429 || m_httpStatus >= 500;
    case Kind::None:
    case Kind::InvalidInput:
    case Kind::Tls:
    case Kind::Oversized:
    case Kind::Cancelled:
        return false;
    }
    return false;
}

QString SmhError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return tr("No error");
    case Kind::InvalidInput:
        return tr("Invalid input");
    case Kind::Network:
        return tr("Network error");
    case Kind::Timeout:
        return tr("Timed out");
    case Kind::Tls:
        return tr("TLS error");
    case Kind::Http:
        return tr("Server error");
    case Kind::Malformed:
        return tr("Unexpected reply");
    case Kind::Oversized:
        return tr("Reply too large");
    case Kind::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString SmhError::toString() const
{
    if (m_kind == Kind::None)
        return kindName(m_kind);
    QString text = m_kind == Kind::Http ? tr("HTTP %1").arg(m_httpStatus) : kindName(m_kind);
    if (const QString why = explanation(); !why.isEmpty())
        text = why + u" — "_s + text;
    if (!m_code.isEmpty())
        text += u" · "_s + m_code;
    if (!m_message.isEmpty())
        text += u": "_s + m_message;
    if (!m_detail.isEmpty())
        text += (m_code.isEmpty() && m_message.isEmpty() ? u": "_s : u" — "_s) + m_detail;
    if (!m_requestId.isEmpty())
        text += u" "_s + tr("(request ID %1)").arg(m_requestId);
    return text;
}
