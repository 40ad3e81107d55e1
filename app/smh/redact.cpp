#include "smh/redact.h"

#include <QList>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QMutex &secretsMutex()
{
    static QMutex mutex;
    return mutex;
}

QSet<QString> &secrets()
{
    static QSet<QString> set;
    return set;
}

// Secrets shorter than this are not worth a global search-and-replace: they
// would mangle ordinary words, and real tokens are far longer.
constexpr qsizetype minimumRegisteredLength = 8;

bool isRegisteredSecret(const QString &value)
{
    QMutexLocker locker(&secretsMutex());
    return secrets().contains(value);
}

} // namespace

namespace Redact {

bool isSensitiveQueryKey(QStringView key)
{
    return key.compare(u"access_token", Qt::CaseInsensitive) == 0
        || key.compare(u"library_secret", Qt::CaseInsensitive) == 0
        || key.compare(u"accessToken", Qt::CaseInsensitive) == 0
        || key.compare(u"refresh_token", Qt::CaseInsensitive) == 0;
}

QString url(const QUrl &url)
{
    QUrl copy = url;
    copy.setPassword(QString());
    // A secret in the path (renew, delete) is matched per decoded segment: the
    // display form decodes spaces and non-ASCII but not reserved characters, so
    // neither the raw nor the encoded secret need appear in it verbatim.
    QStringList segments = copy.path(QUrl::FullyEncoded).split(u'/');
    bool pathChanged = false;
    for (QString &segment : segments) {
        if (!segment.isEmpty()
            && isRegisteredSecret(QUrl::fromPercentEncoding(segment.toLatin1()))) {
            segment = placeholder.toString();
            pathChanged = true;
        }
    }
    if (pathChanged)
        copy.setPath(segments.join(u'/'), QUrl::StrictMode);
    if (copy.hasQuery()) {
        QUrlQuery query(copy);
        const auto items = query.queryItems(QUrl::FullyEncoded);
        QUrlQuery redacted;
        for (const auto &[key, value] : items)
            redacted.addQueryItem(key, isSensitiveQueryKey(key) ? placeholder.toString() : value);
        copy.setQuery(redacted);
    }
    return text(copy.toString(QUrl::RemovePassword));
}

QString text(const QString &input)
{
    // A URL is often quoted in prose, "(https://…?access_token=…).": closing
    // brackets and punctuation right before the end of the value are the
    // prose's, not the token's.
    static const QRegularExpression queryValue(
        uR"((access_token|library_secret|accessToken|refresh_token)(=|%3D|"\s*:\s*")([^&\s"'<>#]+?)(?=[)\].,;:]*(?:[&\s"'<>#]|$)))"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString out = input;
    out.replace(queryValue, u"\\1\\2"_s + placeholder.toString());

    QMutexLocker locker(&secretsMutex());
    for (const QString &secret : std::as_const(secrets()))
        out.replace(secret, placeholder.toString());
    return out;
}

void registerSecret(const QString &secret)
{
    if (secret.size() < minimumRegisteredLength)
        return;
    QMutexLocker locker(&secretsMutex());
    secrets().insert(secret);
    // Percent-encoded forms show up in URLs.
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
    if (encoded != secret)
        secrets().insert(encoded);
}

void forgetSecret(const QString &secret)
{
    QMutexLocker locker(&secretsMutex());
    secrets().remove(secret);
    secrets().remove(QString::fromLatin1(QUrl::toPercentEncoding(secret)));
}

} // namespace Redact

namespace {

bool needsEscape(char32_t c)
{
    if (c == 0x200C || c == 0x200D) // zero-width (non-)joiner
        return false;
    const QChar::Category category = QChar::category(c);
    return category == QChar::Other_Control || category == QChar::Separator_Line
        || category == QChar::Separator_Paragraph || category == QChar::Other_Format;
}

} // namespace

QString Redact::visible(const QString &text)
{
    // Cells are painted often: the common case costs one pass, no copy.
    const bool clean = std::none_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.unicode() < 0x20 || (c.unicode() >= 0x7F && needsEscape(c.unicode()));
    });
    if (clean)
        return text;
    QString out;
    out.reserve(text.size() + 8);
    const QList<uint> codePoints = text.toUcs4();
    for (const uint c : codePoints) {
        switch (c) {
        case u'\t':
            out += u"\\t"_s;
            continue;
        case u'\n':
            out += u"\\n"_s;
            continue;
        case u'\r':
            out += u"\\r"_s;
            continue;
        default:
            break;
        }
        if (needsEscape(char32_t(c)))
            out += u"\\u%1"_s.arg(c, 4, 16, QChar(u'0'));
        else
            out += QStringView(QChar::fromUcs4(char32_t(c)));
    }
    return out;
}
