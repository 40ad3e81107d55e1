#pragma once

#include "smh/connectionsettings.h"

#include <QList>
#include <QUrl>

// Builds Query Task URLs and splits a set of task IDs into as few requests as
// possible. SMH documents no limit on IDs per request, but proxies and servers
// refuse long request lines, so every URL is kept below maxUrlBytes.
namespace TaskQuery {

inline constexpr qsizetype maxUrlBytes = 8 * 1024;
// More task IDs than one URL under maxUrlBytes can hold (single digits and
// commas): asking for this many per request is enough to fill each one.
inline constexpr qsizetype maxIdsPerUrl = maxUrlBytes / 2;

// The URL for one request. The token is percent-encoded in full (a '+' in a
// token must not turn into a space).
QUrl url(const ConnectionSettings &settings, const QString &accessToken, const QList<qint64> &ids);

// `ids` with duplicates dropped (first occurrence kept), cut into batches whose
// URLs are each shorter than maxUrlBytes. Returns no batches when even a single
// ID does not fit (an absurdly long token or library ID).
QList<QList<qint64>> batches(const ConnectionSettings &settings, const QString &accessToken,
    const QList<qint64> &ids, qsizetype urlLimit = maxUrlBytes);

QList<qint64> uniqueIds(const QList<qint64> &ids);

} // namespace TaskQuery
