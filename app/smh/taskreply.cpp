#include "smh/taskreply.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

QJsonValue TaskResult::toJson() const
{
    if (!raw.isUndefined() && !raw.isNull())
        return raw;
    // A bare value (a string, a number) is no JSON document: it is read
    // wrapped in a one-element array.
    if (!json.isEmpty())
        return QJsonDocument::fromJson('[' + json + ']').array().at(0);
    // Of no shape we know: a null SMH sent stays null.
    if (shape == Shape::Other)
        return raw;
    return QJsonObject {
        {u"convertFrom"_s, QJsonArray::fromStringList(convertFrom)},
        {u"path"_s, QJsonArray::fromStringList(path)},
        {u"srcInode"_s, srcInode},
        {u"dstInode"_s, dstInode},
    };
}

QStringList TaskResultItem::displayPath() const
{
    if (!path.isEmpty())
        return path;
    return to.isEmpty() ? from : to;
}

TaskResult TaskResult::compact() const
{
    TaskResult kept = *this;
    if (kept.json.isEmpty()) {
        const QByteArray wrapped =
            QJsonDocument(QJsonArray {toJson()}).toJson(QJsonDocument::Compact);
        kept.json = wrapped.mid(1, wrapped.size() - 2);
    }
    kept.raw = QJsonValue(QJsonValue::Undefined);
    kept.items = {};
    return kept;
}

QList<TaskResultItem> TaskResult::readItems() const
{
    if (shape != Shape::Batch || !items.isEmpty() || itemCount == 0)
        return items;
    return fromJson(toJson()).items;
}

bool operator==(const TaskResult &a, const TaskResult &b)
{
    if (a.shape != b.shape || a.convertFrom != b.convertFrom || a.path != b.path
        || a.srcInode != b.srcInode || a.dstInode != b.dstInode || a.itemCount != b.itemCount
        || a.failedCount != b.failedCount || a.firstItemPath != b.firstItemPath)
        return false;
    if (!a.json.isEmpty() && a.json == b.json)
        return true; // spelled alike: no need to read either again
    if (a.shape == TaskResult::Shape::Batch)
        return a.readItems() == b.readItems();
    return a.shape != TaskResult::Shape::Other || a.toJson() == b.toJson();
}

QString TaskResult::summaryPath() const
{
    if (shape != Shape::Batch)
        return joined(path);
    if (itemCount == 0)
        return {};
    // A batch whose items name no path is counted rather than shown as
    // "+N more" alone.
    if (firstItemPath.isEmpty())
        return QCoreApplication::translate("TaskResult", "%Ln item(s)", nullptr, int(itemCount));
    const QString first = joined(firstItemPath);
    if (itemCount == 1)
        return first;
    return QCoreApplication::translate("TaskResult", "%1 +%2 more")
        .arg(first, QLocale().toString(itemCount - 1));
}

QString TaskResult::itemCounts() const
{
    if (shape != Shape::Batch)
        return {};
    const QLocale locale;
    return QCoreApplication::translate("TaskResult", "%1 done, %2 failed")
        .arg(locale.toString(itemCount - failedCount), locale.toString(failedCount));
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

        // Whatever its shape, the result never costs the task (or the tasks
        // batched with it) its answer.
        // A "result": null is kept as sent (it is printed as null), apart
        // from a reply that has no result at all.
        const QJsonValue resultValue = object.value(u"result");
        if (!resultValue.isUndefined())
            report.result = TaskResult::fromJson(resultValue);
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

namespace {

QString textValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (const auto i = TaskReply::integerValue(value))
        return QString::number(*i);
    return {};
}

// Items are read leniently: a field of an odd type is left empty rather than
// costing the item (or the task) its other fields.
TaskResultItem itemFromJson(const QJsonObject &object)
{
    TaskResultItem item;
    const auto status = TaskReply::integerValue(object.value(u"status"));
    if (status && *status > 0 && *status <= std::numeric_limits<int>::max())
        item.status = int(*status);
    item.path = TaskReply::segmentsValue(object.value(u"path")).value_or(QStringList());
    const QJsonValue from =
        object.contains(u"copyFrom") ? object.value(u"copyFrom") : object.value(u"from");
    item.from = TaskReply::segmentsValue(from).value_or(QStringList());
    item.to = TaskReply::segmentsValue(object.value(u"to")).value_or(QStringList());
    item.recycledItemId = textValue(object.value(u"recycledItemId"));
    item.code = textValue(object.value(u"code"));
    item.message = textValue(object.value(u"message"));
    return item;
}

} // namespace

TaskResult TaskResult::fromJson(const QJsonValue &value)
{
    TaskResult result;
    result.raw = value;
    result.shape = Shape::Other;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const bool allObjects = std::all_of(
            array.cbegin(), array.cend(), [](const QJsonValue &v) { return v.isObject(); });
        if (!allObjects)
            return result;
        result.shape = Shape::Batch;
        result.items.reserve(array.size());
        for (const QJsonValue &element : array)
            result.items.append(itemFromJson(element.toObject()));
        result.itemCount = result.items.size();
        result.failedCount = std::count_if(result.items.cbegin(), result.items.cend(),
            [](const TaskResultItem &item) { return item.failed(); });
        // The first item that names a path stands for the batch.
        const auto named = std::find_if(result.items.cbegin(), result.items.cend(),
            [](const TaskResultItem &item) { return !item.displayPath().isEmpty(); });
        if (named != result.items.cend())
            result.firstItemPath = named->displayPath();
        return result;
    }
    if (!value.isObject())
        return result;
    const QJsonObject object = value.toObject();
    const bool looksConverted = object.contains(u"convertFrom") || object.contains(u"path")
        || object.contains(u"srcInode") || object.contains(u"dstInode");
    if (!looksConverted)
        return result;
    const auto convertFrom = TaskReply::segmentsValue(object.value(u"convertFrom"));
    const auto path = TaskReply::segmentsValue(object.value(u"path"));
    const auto srcInode = TaskReply::inodeValue(object.value(u"srcInode"));
    const auto dstInode = TaskReply::inodeValue(object.value(u"dstInode"));
    if (!convertFrom || !path || !srcInode || !dstInode)
        return result; // shown as returned rather than read wrongly
    result.shape = Shape::Conversion;
    result.convertFrom = *convertFrom;
    result.path = *path;
    result.srcInode = *srcInode;
    result.dstInode = *dstInode;
    return result;
}
