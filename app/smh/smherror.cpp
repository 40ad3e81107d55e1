#include "smh/smherror.h"

#include "smh/redact.h"

using namespace Qt::StringLiterals;

SmhError SmhError::http(int httpStatus, QString code, QString message, QString requestId)
{
    SmhError error(Kind::Http, QString());
    error.m_httpStatus = httpStatus;
    error.m_code = Redact::text(code);
    error.m_message = Redact::text(message);
    error.m_requestId = std::move(requestId);
    return error;
}

bool SmhError::isAuthError() const
{
    return m_kind == Kind::Http && (m_httpStatus == 401 || m_httpStatus == 403);
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
