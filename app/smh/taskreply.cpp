#include "smh/taskreply.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

QJsonObject TaskResult::toJson() const
{
    // A result with no fields is `{}` as the server sent it, not one with
    // empty fields we would have invented.
    if (!raw.isEmpty()
        || (convertFrom.isEmpty() && path.isEmpty() && srcInode.isEmpty() && dstInode.isEmpty()))
        return raw;
    return QJsonObject {
        {u"convertFrom"_s, QJsonArray::fromStringList(convertFrom)},
        {u"path"_s, QJsonArray::fromStringList(path)},
        {u"srcInode"_s, srcInode},
        {u"dstInode"_s, dstInode},
    };
}

namespace TaskReply {

namespace {

// Integers arrive as JSON numbers; some gateways quote them. Anything else
// (fractions, booleans, objects) is a wrongly shaped reply.
std::optional<qint64> integerValue(const QJsonValue &value)
{
    if (value.isDouble()) {
        // toInteger() refuses fractions and values outside qint64.
        constexpr qint64 notIntegral = std::numeric_limits<qint64>::min();
        const qint64 i = value.toInteger(notIntegral);
        if (i == notIntegral)
            return std::nullopt;
        return i;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 i = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return i;
    }
    return std::nullopt;
}

// A path arrives as a list of segments; a plain string is accepted and split,
// since a joined path is what a person would expect to read anyway.
std::optional<QStringList> segmentsValue(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (value.isString())
        return value.toString().split(u'/', Qt::SkipEmptyParts);
    if (!value.isArray())
        return std::nullopt;
    QStringList segments;
    const QJsonArray array = value.toArray();
    segments.reserve(array.size());
    for (const QJsonValue &segment : array) {
        if (segment.isString())
            segments.append(segment.toString());
        else if (segment.isDouble())
            segments.append(QString::number(segment.toDouble(), 'g', 17));
        else
            return std::nullopt;
    }
    return segments;
}

std::optional<QString> inodeValue(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QString();
    if (value.isString())
        return value.toString();
    if (const auto i = integerValue(value))
        return QString::number(*i);
    return std::nullopt;
}

SmhError malformed(const QString &detail)
{
    return SmhError(SmhError::Kind::Malformed, detail);
}

} // namespace

Parsed parse(const QByteArray &body, const QList<qint64> &requestedIds)
{
    Parsed parsed;
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        parsed.error = malformed(SmhError::tr("the reply is not JSON (%1 at byte %2)")
                                     .arg(jsonError.errorString())
                                     .arg(jsonError.offset));
        return parsed;
    }
    if (!document.isArray()) {
        parsed.error = malformed(SmhError::tr("expected a JSON array of tasks"));
        return parsed;
    }

    QHash<qint64, TaskStatusReport> byId;
    const QJsonArray array = document.array();
    byId.reserve(array.size());
    for (qsizetype index = 0; index < array.size(); ++index) {
        const QJsonValue element = array.at(index);
        if (!element.isObject()) {
            parsed.error =
                malformed(SmhError::tr("task %1 of the reply is not an object").arg(index));
            return parsed;
        }
        const QJsonObject object = element.toObject();
        const auto taskId = integerValue(object.value(u"taskId"));
        if (!taskId) {
            parsed.error =
                malformed(SmhError::tr("task %1 of the reply has no integer taskId").arg(index));
            return parsed;
        }
        const auto status = integerValue(object.value(u"status"));
        if (!status || *status < std::numeric_limits<int>::min()
            || *status > std::numeric_limits<int>::max()) {
            parsed.error = malformed(SmhError::tr("task %1 has no integer status").arg(*taskId));
            return parsed;
        }

        TaskStatusReport report;
        report.taskId = *taskId;
        report.found = true;
        report.status = static_cast<int>(*status);

        const QJsonValue resultValue = object.value(u"result");
        if (resultValue.isObject()) {
            report.result = TaskResult::fromJson(resultValue.toObject());
            if (!report.result) {
                parsed.error =
                    malformed(SmhError::tr("task %1 has a wrongly typed result").arg(*taskId));
                return parsed;
            }
        } else if (!resultValue.isUndefined() && !resultValue.isNull()) {
            parsed.error =
                malformed(SmhError::tr("task %1 has a result that is not an object").arg(*taskId));
            return parsed;
        }
        // The same task twice is fine when both say the same; when they
        // disagree (500, then 200) neither can be believed, and picking one
        // could report success for a failed task.
        const auto seen = byId.constFind(report.taskId);
        if (seen != byId.cend() && !(*seen == report)) {
            parsed.error = malformed(
                SmhError::tr("task %1 is in the reply twice with different answers (status %2 "
                             "and %3)")
                    .arg(report.taskId)
                    .arg(seen->status)
                    .arg(report.status));
            return parsed;
        }
        byId.insert(report.taskId, report);
    }

    parsed.reports.reserve(requestedIds.size());
    for (qint64 id : requestedIds) {
        const auto it = byId.constFind(id);
        if (it == byId.cend()) {
            TaskStatusReport missing;
            missing.taskId = id;
            parsed.reports.append(missing);
        } else {
            parsed.reports.append(*it);
        }
    }
    const QSet<qint64> requested(requestedIds.cbegin(), requestedIds.cend());
    for (auto it = byId.cbegin(); it != byId.cend(); ++it) {
        if (!requested.contains(it.key()))
            parsed.unrequested.append(it.key());
    }
    std::sort(parsed.unrequested.begin(), parsed.unrequested.end());
    return parsed;
}

QJsonObject toJson(const TaskStatusReport &report)
{
    QJsonObject object {{u"taskId"_s, report.taskId}, {u"status"_s, report.status}};
    if (report.result)
        object.insert(u"result"_s, report.result->toJson());
    return object;
}

} // namespace TaskReply

std::optional<TaskResult> TaskResult::fromJson(const QJsonObject &object)
{
    const auto convertFrom = TaskReply::segmentsValue(object.value(u"convertFrom"));
    const auto path = TaskReply::segmentsValue(object.value(u"path"));
    const auto srcInode = TaskReply::inodeValue(object.value(u"srcInode"));
    const auto dstInode = TaskReply::inodeValue(object.value(u"dstInode"));
    if (!convertFrom || !path || !srcInode || !dstInode)
        return std::nullopt;
    return TaskResult {*convertFrom, *path, *srcInode, *dstInode, object};
}
