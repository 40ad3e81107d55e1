#include "cli/taskjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

// Text a hostile server may send: quotes, backslashes, control characters,
// an escape sequence, line and paragraph separators, bidi overrides, text
// outside the BMP, a lone surrogate's neighbours, NUL.
QString hostile(QRandomGenerator &random)
{
    static const QStringList parts = {u"\""_s, u"\\"_s, u"\u001b]0;owned\u0007"_s, u"\n"_s,
        u"\r\t"_s, u"\u2028\u2029"_s, u"\u202e"_s, u"相册/一.jpg"_s, u"😀"_s, QString(QChar(0)),
        u"</script>"_s, u"\u007f\u0080"_s, u"plain"_s, u"%s%n"_s};
    QString text;
    for (int i = int(random.bounded(1, 6)); i > 0; --i)
        text += parts.at(random.bounded(parts.size()));
    return text;
}

// A result of any shape SMH may send: a conversion, a batch, a bare value,
// numbers JSON writers are known to disagree on.
QJsonValue anyResult(QRandomGenerator &random)
{
    switch (random.bounded(6)) {
    case 0:
        return QJsonObject {{u"convertFrom"_s, QJsonArray {hostile(random), u"v2"_s}},
            {u"path"_s, QJsonArray {hostile(random)}}, {u"srcInode"_s, hostile(random)},
            {u"dstInode"_s, u"28243cb07dbdca85"_s}};
    case 1: {
        QJsonArray items;
        for (int i = int(random.bounded(1, 4)); i > 0; --i)
            items.append(QJsonObject {{u"status"_s, i % 2 ? 200 : 403},
                {u"path"_s, QJsonArray {hostile(random), hostile(random)}},
                {u"message"_s, hostile(random)}});
        return items;
    }
    case 2:
        return hostile(random);
    case 3:
        return QJsonObject {{u"double"_s, 0.1}, {u"large"_s, 1e300}, {u"negative"_s, -0.0},
            {u"beyond2^53"_s, qint64(9007199254740993)}, {u"true"_s, true},
            {u"nothing"_s, QJsonValue::Null},
            {u"nested"_s, QJsonObject {{u"empty"_s, QJsonArray {}}}}};
    case 4:
        return QJsonValue::Null;
    default:
        return QJsonObject {};
    }
}

Task anyTask(QRandomGenerator &random, qint64 id)
{
    static const QList<std::pair<TaskState, int>> states = {{TaskState::Queued, 0},
        {TaskState::Running, 202}, {TaskState::Succeeded, 200}, {TaskState::SucceededNoResult, 204},
        {TaskState::Failed, 500}, {TaskState::PartlyFailed, 200}, {TaskState::NotFound, 0},
        {TaskState::Unknown, 409}, {TaskState::Unknown, TaskStatusReport::statusUnreadable}};
    const auto [state, status] = states.at(random.bounded(states.size()));
    Task task;
    task.key = {1, id};
    task.state = state;
    task.status = status;
    if (random.bounded(3) == 0)
        task.result = TaskResult::fromJson(anyResult(random)).compact();
    if (random.bounded(5) == 0)
        task.lastError = hostile(random);
    return task;
}

// What the query printed before it was written task by task: one document.
QByteArray wholeDocument(const QJsonObject &summary, const QList<Task> &tasks)
{
    QJsonArray array;
    for (const Task &task : tasks)
        array.append(TaskJson::of(task));
    return QJsonDocument(QJsonObject {{u"summary"_s, summary}, {u"tasks"_s, array}})
        .toJson(QJsonDocument::Indented);
}

QByteArray streamed(const QJsonObject &summary, const QList<Task> &tasks)
{
    QByteArray out;
    QTextStream stream(&out);
    TaskJson::writeDocument(
        stream, summary, tasks.size(), [&tasks](qsizetype i) { return TaskJson::of(tasks.at(i)); });
    stream.flush();
    return out;
}

} // namespace

// How every command (watch, query, history clear) prints a task: what the
// server said, as it said it.
class TestTaskJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusZeroIsPrintedAsSent()
    {
        Task task;
        task.key = {1, 10};
        task.state = TaskState::Unknown;
        task.status = 0;
        QCOMPARE(TaskJson::of(task).value(u"status"), QJsonValue(0));
    }

    void neverAnsweredHasANullStatus()
    {
        Task task;
        task.key = {1, 10};
        task.state = TaskState::Queued;
        QVERIFY(TaskJson::of(task).value(u"status").isNull());
        QVERIFY(TaskJson::of(task).contains(u"status"));
    }

    void aNullResultIsPrintedAsNull()
    {
        Task task;
        task.key = {1, 10};
        task.state = TaskState::Succeeded;
        task.status = 200;
        QVERIFY(!TaskJson::of(task).contains(u"result"));
        task.result = TaskResult::fromJson(QJsonValue(QJsonValue::Null)).compact();
        const QJsonObject printed = TaskJson::of(task);
        QVERIFY(printed.contains(u"result"));
        QVERIFY(printed.value(u"result").isNull());
    }

    // The document written task by task is the whole document's bytes: no
    // tasks, one, and many of every shape with hostile text in them.
    void writtenDocumentIsTheWholeDocument_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("none") << 0;
        QTest::newRow("one") << 1;
        QTest::newRow("many") << 20'000;
    }

    void writtenDocumentIsTheWholeDocument()
    {
        QFETCH(int, count);
        QRandomGenerator random(quint32(count) + 25);
        QList<Task> tasks;
        for (int i = 0; i < count; ++i)
            tasks.append(anyTask(random, 1'000'000'000'000LL + i * 7));
        const QJsonObject summary {{u"running"_s, 3}, {u"total"_s, count}, {u"queued"_s, 1}};
        const QByteArray expected = wholeDocument(summary, tasks);
        const QByteArray written = streamed(summary, tasks);
        if (written != expected) { // where, rather than two walls of text
            qsizetype at = 0;
            while (at < written.size() && at < expected.size() && written[at] == expected[at])
                ++at;
            QFAIL(qPrintable(u"differs at byte %1: %2 / %3"_s.arg(at).arg(
                QString::fromUtf8(written.mid(std::max<qsizetype>(0, at - 40), 80)),
                QString::fromUtf8(expected.mid(std::max<qsizetype>(0, at - 40), 80)))));
        }
        QCOMPARE(QJsonDocument::fromJson(written).object().value(u"tasks").toArray().size(), count);
        if (count > 1) {
            // Hostile text stays inside its strings, escaped.
            QVERIFY(!written.contains('\x1b'));
            QVERIFY(written.contains("\\u001b]0;owned\\u0007"));
            QVERIFY(!written.contains('\0'));
        }
    }

    // A stream that fails (a full disk) is not written on for a million more tasks.
    void writingStopsOnceTheStreamFails()
    {
        QRandomGenerator random(7);
        QByteArray sink;
        QTextStream failing(&sink);
        failing.setStatus(QTextStream::WriteFailed);
        qsizetype asked = 0;
        TaskJson::writeDocument(failing, {}, 1'000'000, [&](qsizetype i) {
            ++asked;
            return TaskJson::of(anyTask(random, i));
        });
        QCOMPARE(asked, 0);
    }
};

QTEST_GUILESS_MAIN(TestTaskJson)
#include "tst_taskjson.moc"
