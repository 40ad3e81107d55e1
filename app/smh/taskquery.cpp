#include "smh/taskquery.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace TaskQuery {

namespace {

QString encodedSegment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString idList(const QList<qint64> &ids)
{
    QString list;
    list.reserve(ids.size() * 8);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            list += u',';
        list += QString::number(ids.at(i));
    }
    return list;
}

} // namespace

QUrl url(const ConnectionSettings &settings, const QString &accessToken, const QList<qint64> &ids)
{
    QUrl url = settings.endpoint;
    QString path = url.path(QUrl::FullyEncoded) + u"/api/v1/task/"_s
        + encodedSegment(settings.libraryId) + u'/';
    if (!settings.libraryLevel)
        path += encodedSegment(settings.spaceId) + u'/';
    path += idList(ids);
    url.setPath(path, QUrl::StrictMode);

    QString query = u"access_token="_s + encodedSegment(accessToken);
    if (!settings.userId.isEmpty())
        query += u"&user_id="_s + encodedSegment(settings.userId);
    url.setQuery(query, QUrl::StrictMode);
    return url;
}

QList<qint64> uniqueIds(const QList<qint64> &ids)
{
    QList<qint64> unique;
    unique.reserve(ids.size());
    QSet<qint64> seen;
    seen.reserve(ids.size());
    for (qint64 id : ids) {
        if (!seen.contains(id)) {
            seen.insert(id);
            unique.append(id);
        }
    }
    return unique;
}

QList<QList<qint64>> batches(const ConnectionSettings &settings, const QString &accessToken,
    const QList<qint64> &ids, qsizetype urlLimit)
{
    const QList<qint64> unique = uniqueIds(ids);
    QList<QList<qint64>> result;
    if (unique.isEmpty())
        return result;

    // The URL is the same apart from the ID list, whose encoded length is the
    // digits plus one comma between IDs (digits, '-' and ',' are never
    // percent-encoded in a path), so measure the rest once.
    const qsizetype fixedLength = url(settings, accessToken, {}).toEncoded().size();

    QList<qint64> batch;
    qsizetype length = fixedLength;
    for (qint64 id : unique) {
        const qsizetype idLength = QByteArray::number(id).size();
        if (fixedLength + idLength >= urlLimit)
            return {}; // not even one ID fits
        qsizetype added = batch.isEmpty() ? idLength : idLength + 1;
        if (length + added >= urlLimit) {
            result.append(batch);
            batch.clear();
            length = fixedLength;
            added = idLength;
        }
        batch.append(id);
        length += added;
    }
    if (!batch.isEmpty())
        result.append(batch);
    return result;
}

} // namespace TaskQuery
