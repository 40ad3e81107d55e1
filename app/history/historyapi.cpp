#include "history/historyapi.h"

#include "smh/jsoncount.h"
#include "smh/smhclient.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

QString segment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString historyPath(const ConnectionSettings &settings)
{
    return u"/api/v1/directory-history/"_s + segment(settings.libraryId) + u"/library-history"_s;
}

SmhError malformed(const QString &what)
{
    return SmhError(SmhError::Kind::Malformed, what);
}

// A setting's number; `ok` false when present with a type no reading fits.
std::optional<int> optionalInt(const QJsonObject &object, QStringView key, bool *ok)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (value.isDouble() && value.toDouble() == double(value.toInt()))
        return value.toInt();
    if (value.isString()) {
        bool parsed = false;
        const int number = value.toString().toInt(&parsed);
        if (parsed)
            return number;
    }
    *ok = false;
    return std::nullopt;
}

Expected<QJsonObject, SmhError> objectOf(const QByteArray &body, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return unexpected(
            malformed(HistoryChange::tr("the %1 reply is not a JSON object").arg(what)));
    return document.object();
}

} // namespace

Expected<HistorySettings, SmhError> HistorySettings::fromJson(const QByteArray &body)
{
    const auto object = objectOf(body, u"library-history"_s);
    if (!object)
        return unexpected(object.error());
    HistorySettings settings;
    settings.raw = *object;
    const QJsonValue enabled = object->value(u"enableFileHistory");
    bool ok = true;
    if (enabled.isBool())
        settings.enabled = enabled.toBool();
    else if (!enabled.isUndefined() && !enabled.isNull())
        ok = false;
    settings.count = optionalInt(*object, u"fileHistoryCount", &ok);
    settings.expireDays = optionalInt(*object, u"fileHistoryExpireDay", &ok);
    settings.mergeInterval = optionalInt(*object, u"mergeInterval", &ok);
    if (!ok)
        return unexpected(malformed(
            HistoryChange::tr("the library-history reply has a field of the wrong type")));
    return settings;
}

QStringList HistoryChange::validate(const std::optional<HistorySettings> &current) const
{
    QStringList problems;
    if (isEmpty())
        problems << tr("Nothing to change.");
    if (count && (*count < minCount || *count > maxCount))
        problems << tr("The number of versions to keep must be between %1 and %2, not %3.")
                        .arg(minCount)
                        .arg(maxCount)
                        .arg(*count);
    if (expireDays && (*expireDays < 0 || *expireDays > maxExpireDays))
        problems << tr("The days to keep versions must be between 0 (never expire) and %1, not %2.")
                        .arg(maxExpireDays)
                        .arg(*expireDays);
    if (mergeInterval && *mergeInterval != 0
        && (*mergeInterval < minMergeInterval || *mergeInterval > maxMergeInterval))
        problems << tr("The merge interval must be 0 or between %1 and %2 seconds, not %3.")
                        .arg(minMergeInterval)
                        .arg(maxMergeInterval)
                        .arg(*mergeInterval);
    const bool firstEnable = enabled.value_or(false)
        && (!current || (!current->enabled && (!current->count || !current->expireDays)));
    if (firstEnable && (!count || !expireDays))
        problems << tr("Turning file history on for the first time needs the number of versions "
                       "and the days to keep them.");
    return problems;
}

QJsonObject HistoryChange::toJson() const
{
    QJsonObject object;
    if (enabled)
        object.insert(u"enableFileHistory"_s, *enabled);
    if (count)
        object.insert(u"fileHistoryCount"_s, *count);
    if (expireDays)
        object.insert(u"fileHistoryExpireDay"_s, *expireDays);
    if (mergeInterval)
        object.insert(u"mergeInterval"_s, *mergeInterval);
    return object;
}

HistoryChange HistoryChange::restoring(const HistorySettings &previous)
{
    HistoryChange change;
    change.enabled = previous.enabled;
    change.count = previous.count;
    change.expireDays = previous.expireDays;
    change.mergeInterval = previous.mergeInterval;
    return change;
}

HistoryChange HistoryChange::fromJson(const QJsonObject &object)
{
    HistoryChange change;
    if (object.value(u"enableFileHistory").isBool())
        change.enabled = object.value(u"enableFileHistory").toBool();
    auto number = [&object](QStringView key) -> std::optional<int> {
        const QJsonValue value = object.value(key);
        return value.isDouble() ? std::optional<int>(value.toInt()) : std::nullopt;
    };
    change.count = number(u"fileHistoryCount");
    change.expireDays = number(u"fileHistoryExpireDay");
    change.mergeInterval = number(u"mergeInterval");
    return change;
}

Expected<qint64, SmhError> LibraryUsage::parseTotal(const QByteArray &body)
{
    const auto object = objectOf(body, u"usage"_s);
    if (!object)
        return unexpected(object.error());
    const auto bytes = JsonCount::read(object->value(u"totalFileSize"));
    if (!bytes)
        return unexpected(
            malformed(HistoryChange::tr("the usage reply has no byte count in totalFileSize")));
    return *bytes;
}

Expected<qint64, SmhError> LibraryUsage::parseSpaceSize(const QByteArray &body)
{
    const auto object = objectOf(body, u"space size"_s);
    if (!object)
        return unexpected(object.error());
    for (QStringView key : {u"size", u"totalFileSize", u"usedSize"}) {
        if (const auto bytes = JsonCount::read(object->value(key)))
            return *bytes;
    }
    return unexpected(malformed(HistoryChange::tr("the space size reply has no byte count")));
}

namespace HistoryApi {

ApiJob *startReadSettings(
    SmhClient *client, const ConnectionSettings &settings, const QString &token)
{
    return client->callApi("GET", settings, token, historyPath(settings));
}

ApiJob *startWriteSettings(SmhClient *client, const ConnectionSettings &settings,
    const QString &token, const HistoryChange &change)
{
    const QByteArray body = QJsonDocument(change.toJson()).toJson(QJsonDocument::Compact);
    return client->callApi(
        "POST", settings, token, historyPath(settings), body, SmhClient::Send::Once);
}

ApiJob *startClear(SmhClient *client, const ConnectionSettings &settings, const QString &token)
{
    return client->callApi(
        "DELETE", settings, token, historyPath(settings), {}, SmhClient::Send::Once);
}

ApiJob *startLibraryUsage(
    SmhClient *client, const ConnectionSettings &settings, const QString &token)
{
    return client->callApi(
        "GET", settings, token, u"/api/v1/usage/"_s + segment(settings.libraryId));
}

Expected<qint64, SmhError> clearTaskId(const QByteArray &body)
{
    const auto object = objectOf(body, u"clear"_s);
    if (!object)
        return unexpected(object.error());
    const QJsonValue id = object->value(u"taskId");
    const qint64 taskId = id.isString() ? id.toString().toLongLong() : id.toInteger();
    if (taskId <= 0)
        return unexpected(
            malformed(HistoryChange::tr("the clear was accepted but no taskId came back")));
    return taskId;
}

TokenJob *startAdminToken(
    SmhClient *client, const ConnectionSettings &settings, const QString &secret)
{
    // Library level: an admin token is about the library, not a space.
    ConnectionSettings library = settings;
    library.libraryLevel = true;
    return client->createToken(library, secret, 300, u"admin"_s);
}

ApiJob *startSpaceSize(SmhClient *client, const ConnectionSettings &settings, const QString &token)
{
    const QString path = u"/api/v1/space/"_s + segment(settings.libraryId) + u'/'
        + segment(settings.spaceId) + u"/size"_s;
    return client->callApi("GET", settings, token, path);
}

Expected<HistorySettings, SmhError> settingsOf(const ApiJob &job)
{
    return job.read(&HistorySettings::fromJson);
}

Expected<qint64, SmhError> libraryUsageOf(const ApiJob &job)
{
    return job.read(&LibraryUsage::parseTotal);
}

Expected<qint64, SmhError> spaceSizeOf(const ApiJob &job)
{
    return job.read(&LibraryUsage::parseSpaceSize);
}

Expected<QString, SmhError> adminTokenOf(const TokenJob &job)
{
    if (job.error().isError())
        return unexpected(job.error());
    return job.token().value;
}

SmhJob *releaseToken(SmhClient *client, const ConnectionSettings &settings, const QString &token)
{
    return token.isEmpty() ? nullptr : client->deleteToken(settings, token);
}

} // namespace HistoryApi
