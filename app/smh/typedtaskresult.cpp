#include "smh/typedtaskresult.h"

#include "smh/jsoncount.h"
#include "smh/smhclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace {

QString segment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

SmhError malformed(const QString &what)
{
    return SmhError(SmhError::Kind::Malformed, what);
}

} // namespace

std::optional<qint64> TypedTaskResult::deleteCount() const
{
    return JsonCount::read(
        raw.value(u"clearLibraryHistoryResult").toObject().value(u"deleteCount"));
}

std::optional<TypedTaskResult::Uncompress> TypedTaskResult::uncompress() const
{
    const QJsonValue value = raw.value(u"fileUncompressResult");
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    Uncompress result;
    result.outputDir = object.value(u"outputDir").toString();
    result.fileCount = JsonCount::read(object.value(u"fileCount")).value_or(0);
    result.successCount = JsonCount::read(object.value(u"successCount")).value_or(0);
    result.failedCount = JsonCount::read(object.value(u"failedCount")).value_or(0);
    const QJsonArray failed = object.value(u"failedItems").toArray();
    for (const QJsonValue &item : failed) {
        if (result.failedPaths.size() >= Uncompress::maxFailedPaths)
            break;
        const QJsonValue path = item.toObject().value(u"path");
        QStringList segments;
        for (const QJsonValue &segment : path.toArray())
            segments << segment.toString();
        const QString text = path.isString() ? path.toString() : segments.join(u'/');
        if (!text.isEmpty())
            result.failedPaths << text;
    }
    return result;
}

Expected<TypedTaskResult, SmhError> TypedTaskResult::parse(const QByteArray &body, qint64 taskId)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return unexpected(malformed(QCoreApplication::translate(
            "TypedTaskResult", "the task result reply is not a JSON object")));
    const QJsonObject object = document.object();
    // v2 sends the ID as a string; a number is taken too.
    const QJsonValue id = object.value(u"taskId");
    const qint64 answered = id.isString() ? id.toString().toLongLong() : id.toInteger(-1);
    if (answered != taskId)
        return unexpected(malformed(QCoreApplication::translate(
            "TypedTaskResult", "the task result reply is about another task than %1")
                                        .arg(taskId)));
    const QString type = object.value(u"taskType").toString();
    // A type is a short identifier; a long one is a broken or hostile reply.
    if (type.isEmpty() || type.size() > 64)
        return unexpected(malformed(QCoreApplication::translate(
            "TypedTaskResult", "the task result reply names no task type")));
    TypedTaskResult result;
    result.taskType = type;
    result.status = object.value(u"status").toInt();
    result.raw = object;
    return result;
}

std::optional<TypedTaskResult> TypedTaskResult::fromStored(const QJsonObject &raw)
{
    const QString type = raw.value(u"taskType").toString();
    if (type.isEmpty())
        return std::nullopt;
    return TypedTaskResult {type, raw.value(u"status").toInt(), raw};
}

QString TaskResultApi::path(const ConnectionSettings &settings, bool libraryLevel, qint64 taskId)
{
    QString path = u"/api/v1/task-result/"_s + segment(settings.libraryId) + u'/';
    if (!libraryLevel)
        path += segment(settings.spaceId) + u'/';
    return path + QString::number(taskId);
}

ApiJob *TaskResultApi::start(SmhClient *client, const ConnectionSettings &settings,
    const QString &token, bool libraryLevel, qint64 taskId)
{
    return client->callApi("GET", settings, token, path(settings, libraryLevel, taskId));
}

Expected<TypedTaskResult, SmhError> TaskResultApi::read(const ApiJob &job, qint64 taskId)
{
    return job.read(
        [taskId](const QByteArray &body) { return TypedTaskResult::parse(body, taskId); });
}

bool TaskResultApi::meansUnavailable(const SmhError &error)
{
    return error.kind() == SmhError::Kind::Http && error.httpStatus() == 404
        && (error.code() == SmhError::routeNotFound || error.code().isEmpty());
}
