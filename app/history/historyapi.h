#pragma once

#include "smh/connectionsettings.h"
#include "smh/expected.h"
#include "smh/smherror.h"

#include <QCoreApplication>

class ApiJob;
class SmhJob;
class TokenJob;
#include <QJsonObject>
#include <QPointer>

#include <functional>
#include <optional>

class QObject;
class SmhClient;

// The library's file-history settings as GET .../library-history returns them.
struct HistorySettings
{
    bool enabled = false;
    std::optional<int> count; // 1-999; absent before history was ever enabled
    std::optional<int> expireDays; // 0-999, 0 = never
    std::optional<int> mergeInterval; // seconds: 0 or 5-600
    QJsonObject raw; // the server's object, unknown fields included

    static Expected<HistorySettings, SmhError> fromJson(const QByteArray &body);
};

// A change to POST: fields left unset keep their value on the server.
struct HistoryChange
{
    Q_DECLARE_TR_FUNCTIONS(HistoryChange)

public:
    std::optional<bool> enabled;
    std::optional<int> count;
    std::optional<int> expireDays;
    std::optional<int> mergeInterval;

    static constexpr int minCount = 1;
    static constexpr int maxCount = 999;
    static constexpr int maxExpireDays = 999;
    static constexpr int minMergeInterval = 5;
    static constexpr int maxMergeInterval = 600;

    bool isEmpty() const { return !enabled && !count && !expireDays && !mergeInterval; }
    // Sentences for the user, empty when the change may be sent. `current`
    // tells whether enabling is the first one (which needs count and expiry).
    QStringList validate(const std::optional<HistorySettings> &current = std::nullopt) const;
    QJsonObject toJson() const;
    // Puts back what `previous` said (after a clear that switched history off).
    static HistoryChange restoring(const HistorySettings &previous);
    // The change toJson() wrote (as kept in the ledger).
    static HistoryChange fromJson(const QJsonObject &object);
};

// Usage replies. Sizes are byte counts, which SMH sends as decimal strings.
namespace LibraryUsage {
// {"totalFileSize": "<bytes>"}
Expected<qint64, SmhError> parseTotal(const QByteArray &body);
// GET /api/v1/space/{Lib}/{Space}/size; the field name is unconfirmed, so
// `size`, `totalFileSize` and `usedSize` are read, as string or number.
Expected<qint64, SmhError> parseSpaceSize(const QByteArray &body);
} // namespace LibraryUsage

// The calls for clearing historical versions, as jobs (one request each,
// through SmhClient::callApi, so through its one request builder and
// redaction), and readers of their replies to call once a job has finished.
namespace HistoryApi {

// A settings change and the clear change state at SMH: they leave once
// (SmhClient::Send::Once), and the job's effect() says whether SMH can have
// acted on them. A change is validated by its caller (HistoryChange::validate)
// before it is started.
ApiJob *startReadSettings(
    SmhClient *client, const ConnectionSettings &settings, const QString &token);
ApiJob *startWriteSettings(SmhClient *client, const ConnectionSettings &settings,
    const QString &token, const HistoryChange &change);
ApiJob *startClear(SmhClient *client, const ConnectionSettings &settings, const QString &token);
ApiJob *startLibraryUsage(
    SmhClient *client, const ConnectionSettings &settings, const QString &token);
ApiJob *startSpaceSize(SmhClient *client, const ConnectionSettings &settings, const QString &token);
// An admin-grant token minted from the library secret for one call: the
// shortest period SMH allows, deleted again by releaseToken().
TokenJob *startAdminToken(
    SmhClient *client, const ConnectionSettings &settings, const QString &secret);
// Deletes it; the job (none for an empty token) tells when SMH has answered.
SmhJob *releaseToken(SmhClient *client, const ConnectionSettings &settings, const QString &token);

// The readers: the request's error, else the reply's typed value.
Expected<HistorySettings, SmhError> settingsOf(const ApiJob &job);
Expected<qint64, SmhError> libraryUsageOf(const ApiJob &job);
Expected<qint64, SmhError> spaceSizeOf(const ApiJob &job);
Expected<QString, SmhError> adminTokenOf(const TokenJob &job);
// The clear's task ID from its 202 reply.
Expected<qint64, SmhError> clearTaskId(const QByteArray &body);

} // namespace HistoryApi
