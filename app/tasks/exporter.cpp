#include "tasks/exporter.h"

#include "smh/redact.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {

// Every text that leaves the program passes here: a note or an error may
// quote a URL with a token in it.
QString clean(const QString &text)
{
    return Redact::text(text);
}

QJsonArray segments(const QStringList &list)
{
    QJsonArray array;
    for (const QString &segment : list)
        array.append(clean(segment));
    return array;
}

QString shapeKey(TaskResult::Shape shape)
{
    switch (shape) {
    case TaskResult::Shape::Conversion:
        return u"conversion"_s;
    case TaskResult::Shape::Batch:
        return u"batch"_s;
    case TaskResult::Shape::Other:
        return u"other"_s;
    }
    return {};
}

// The monitor's reading of a result, with the joined forms for readers that
// want one string; a shape it does not read goes out as SMH returned it.
QJsonObject resultJson(const TaskResult &result)
{
    QJsonObject object {{u"shape"_s, shapeKey(result.shape)}};
    switch (result.shape) {
    case TaskResult::Shape::Conversion:
        object.insert(u"convertFrom"_s, segments(result.convertFrom));
        object.insert(u"path"_s, segments(result.path));
        object.insert(u"srcInode"_s, clean(result.srcInode));
        object.insert(u"dstInode"_s, clean(result.dstInode));
        object.insert(u"pathJoined"_s, clean(TaskResult::joined(result.path)));
        object.insert(u"convertFromJoined"_s, clean(TaskResult::joined(result.convertFrom)));
        break;
    case TaskResult::Shape::Batch: {
        QJsonArray items;
        const QList<TaskResultItem> resultItems = result.readItems();
        for (const TaskResultItem &item : resultItems) {
            QJsonObject entry {
                {u"status"_s, item.status ? QJsonValue(item.status) : QJsonValue(QJsonValue::Null)},
                {u"failed"_s, item.failed()}, {u"path"_s, segments(item.displayPath())},
                {u"pathJoined"_s, clean(TaskResult::joined(item.displayPath()))}};
            if (!item.code.isEmpty())
                entry.insert(u"code"_s, clean(item.code));
            if (!item.message.isEmpty())
                entry.insert(u"message"_s, clean(item.message));
            items.append(entry);
        }
        const qsizetype failed = result.failedItemCount();
        object.insert(u"doneCount"_s, result.itemCount - failed);
        object.insert(u"failedCount"_s, failed);
        object.insert(u"items"_s, items);
        break;
    }
    case TaskResult::Shape::Other:
        object.insert(u"value"_s, result.toJson());
        break;
    }
    return object;
}

} // namespace

QStringList Exporter::csvHeader()
{
    // Stable machine names: scripts read these files.
    return {u"task_id"_s, u"connection"_s, u"state"_s, u"state_label"_s, u"status"_s, u"added_at"_s,
        u"state_since"_s, u"last_polled_at"_s, u"finished_at"_s, u"duration_seconds"_s,
        u"src_inode"_s, u"dst_inode"_s, u"path"_s, u"convert_from"_s, u"note"_s, u"last_error"_s,
        u"task_type"_s};
}

QString Exporter::csvField(const QString &value)
{
    QString text = value;
    // =, +, -, @ (and tab/CR) open a formula in spreadsheets; a leading
    // apostrophe makes it plain text there and is visible everywhere else.
    if (!text.isEmpty()
        && (text.front() == u'=' || text.front() == u'+' || text.front() == u'-'
            || text.front() == u'@' || text.front() == u'\t' || text.front() == u'\r'))
        text.prepend(u'\'');
    const bool quote = text.contains(u',') || text.contains(u'"') || text.contains(u'\n')
        || text.contains(u'\r') || text.startsWith(u' ') || text.endsWith(u' ');
    if (!quote)
        return text;
    text.replace(u"\""_s, u"\"\""_s);
    return u'"' + text + u'"';
}

QString Exporter::isoTime(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue Exporter::jsonTime(const QDateTime &when)
{
    return when.isValid() ? QJsonValue(isoTime(when)) : QJsonValue(QJsonValue::Null);
}

QByteArray Exporter::toCsv(const QList<Row> &rows)
{
    QString out;
    auto line = [&out](const QStringList &fields) {
        QStringList quoted;
        quoted.reserve(fields.size());
        for (const QString &field : fields)
            quoted << csvField(field);
        out += quoted.join(u',') + u"\r\n"_s;
    };
    line(csvHeader());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Row &row : rows) {
        const Task &task = row.task;
        const bool hasResult = task.result.has_value();
        line({QString::number(task.key.taskId), clean(row.connectionName),
            TaskStates::key(task.state), TaskStates::label(task.state),
            task.status ? QString::number(task.status) : QString(), isoTime(task.addedAt),
            isoTime(task.stateSince), isoTime(task.lastPolledAt), isoTime(task.finishedAt),
            task.durationKnown() ? QString::number(task.runningSeconds(now)) : QString(),
            hasResult ? clean(task.result->srcInode) : QString(),
            hasResult ? clean(task.result->dstInode) : QString(),
            hasResult ? clean(task.result->summaryPath()) : QString(),
            hasResult ? clean(TaskResult::joined(task.result->convertFrom)) : QString(),
            clean(task.note), clean(task.lastError), clean(task.taskType)});
    }
    return out.toUtf8();
}

QByteArray Exporter::toJson(const QList<Row> &rows, const QDateTime &exportedAt)
{
    QJsonArray tasks;
    for (const Row &row : rows) {
        const Task &task = row.task;
        QJsonObject object {
            {u"taskId"_s, task.key.taskId},
            {u"connection"_s,
                QJsonObject {
                    {u"id"_s, task.key.connectionId}, {u"name"_s, clean(row.connectionName)}}},
            {u"state"_s, TaskStates::key(task.state)},
            {u"stateLabel"_s, TaskStates::label(task.state)},
            {u"status"_s, task.status ? QJsonValue(task.status) : QJsonValue(QJsonValue::Null)},
            {u"addedAt"_s, jsonTime(task.addedAt)},
            {u"stateSince"_s, jsonTime(task.stateSince)},
            {u"lastPolledAt"_s, jsonTime(task.lastPolledAt)},
            {u"finishedAt"_s, jsonTime(task.finishedAt)},
            {u"durationSeconds"_s,
                task.durationKnown() ? QJsonValue(task.runningSeconds(exportedAt))
                                     : QJsonValue(QJsonValue::Null)},
            {u"note"_s, clean(task.note)},
            {u"lastError"_s,
                task.lastError.isEmpty() ? QJsonValue(QJsonValue::Null)
                                         : QJsonValue(clean(task.lastError))},
        };
        object.insert(
            u"result"_s, task.result ? resultJson(*task.result) : QJsonValue(QJsonValue::Null));
        // Query Task v2's word on the task, as SMH sent it; null while unknown.
        object.insert(u"taskType"_s,
            task.taskType.isEmpty() ? QJsonValue(QJsonValue::Null)
                                    : QJsonValue(clean(task.taskType)));
        object.insert(u"typedResult"_s,
            task.typedResult.isEmpty() ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(task.typedResult));
        tasks.append(object);
    }
    const QJsonObject document {
        {u"generator"_s, u"smh-task-monitor"_s},
        {u"exportedAt"_s, isoTime(exportedAt)},
        {u"count"_s, tasks.size()},
        {u"tasks"_s, tasks},
    };
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

Exporter::Format Exporter::formatForPath(const QString &path)
{
    return path.endsWith(u".json"_s, Qt::CaseInsensitive) ? Format::Json : Format::Csv;
}

Expected<void> Exporter::save(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    auto failed = [&file, &path] {
        return unexpected(Error::file(
            tr("Cannot write \"%1\": %2").arg(QDir::toNativeSeparators(path), file.errorString())));
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    if (file.write(data) != data.size()) {
        file.cancelWriting();
        return failed();
    }
    if (!file.commit())
        return failed();
    return {};
}

Expected<void> Exporter::write(const QString &path, Format format, const QList<Row> &rows)
{
    const QByteArray data =
        format == Format::Json ? toJson(rows, QDateTime::currentDateTimeUtc()) : toCsv(rows);
    return save(path, data);
}
