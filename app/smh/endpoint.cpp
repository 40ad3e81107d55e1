#include "smh/endpoint.h"

#include <QHostAddress>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

QUrl Endpoint::forLibrary(const QString &libraryId)
{
    QUrl url;
    url.setScheme(u"https"_s);
    url.setHost(libraryId.toLower() + u".api.tencentsmh.cn"_s);
    return url;
}

QUrl Endpoint::defaultFor(const QString &libraryId)
{
    // One DNS label: letters, digits and hyphens, at most 63 of them.
    static const QRegularExpression label(u"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"_s);
    if (label.match(libraryId).hasMatch())
        return forLibrary(libraryId);
    return QUrl(defaultUrl.toString());
}

bool Endpoint::isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    QString bare = host;
    if (bare.startsWith(u'[') && bare.endsWith(u']'))
        bare = bare.mid(1, bare.size() - 2);
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

Expected<QUrl> Endpoint::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    auto fail = [](const QString &message) -> Expected<QUrl> {
        return unexpected(Error::input(message));
    };
    if (trimmed.isEmpty())
        return fail(tr("The endpoint is empty. Use %1 or your library's own host.")
                        .arg(defaultUrl.toString()));

    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return fail(tr("\"%1\" is not a valid URL. Write it like %2.")
                        .arg(trimmed.left(200), defaultUrl.toString()));
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http") {
        if (!isLoopbackHost(url.host()))
            return fail(tr("Plain HTTP would send the access token unencrypted: use https:// "
                           "(http:// is accepted only for 127.0.0.1, ::1 and localhost)."));
    } else if (scheme != u"https") {
        return fail(tr("The endpoint must start with https://."));
    }
    if (!url.userInfo().isEmpty())
        return fail(tr("The endpoint must not contain a user name or password."));
    if (url.hasQuery() || url.hasFragment())
        return fail(tr("The endpoint must not contain a query (?...) or fragment (#...)."));

    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(u"/api/v1"))
        path.chop(7); // people paste the documented prefix along with the host
    url.setPath(path, QUrl::StrictMode);
    url.setScheme(scheme);
    return url;
}
