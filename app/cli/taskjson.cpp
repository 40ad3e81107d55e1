#include "cli/taskjson.h"

#include "tasks/taskstate.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace TaskJson {

bool hasStatus(const Task &task)
{
    return task.state != TaskState::Queued && task.state != TaskState::NotFound
        && task.status != TaskStatusReport::statusUnreadable;
}

QJsonObject of(const Task &task)
{
    QJsonObject object {{u"taskId"_s, task.key.taskId}, {u"state"_s, TaskStates::key(task.state)}};
    // null only when the server said nothing of the task: a status of 0 it
    // sent is printed as 0.
    object.insert(
        u"status"_s, hasStatus(task) ? QJsonValue(task.status) : QJsonValue(QJsonValue::Null));
    if (task.result)
        object.insert(u"result"_s, task.result->toJson());
    // Why a task's answer could not be read (it alone was over the size cap).
    if (!task.lastError.isEmpty())
        object.insert(u"error"_s, task.lastError);
    return object;
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

namespace {

// An object as QJsonDocument indents it `level` deep inside a document: its
// own indented form with every line after the first moved right. No string
// of it holds a raw new line (JSON escapes them), so each '\n' is a line's end.
QString nested(const QJsonObject &object, int level)
{
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Indented);
    json.chop(1); // the document's final new line
    const QByteArray newLine = QByteArray("\n") + QByteArray(4 * level, ' ');
    return QString::fromUtf8(json.replace('\n', newLine));
}

} // namespace

void writeDocument(QTextStream &out, const QJsonObject &summary, qsizetype count,
    const std::function<QJsonObject(qsizetype)> &task)
{
    out << "{\n    \"summary\": " << nested(summary, 1) << ",\n    \"tasks\": [\n";
    for (qsizetype i = 0; i < count && out.status() == QTextStream::Ok; ++i)
        out << "        " << nested(task(i), 2) << (i + 1 < count ? ",\n" : "\n");
    out << "    ]\n}\n";
}

} // namespace TaskJson
