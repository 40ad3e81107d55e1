#include "smh/redact.h"
#include "tasks/exporter.h"
#include "verifyexpected.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

// CSV and JSON exports: correct quoting, a stable JSON shape, no secret in
// the output, and an old file left whole when writing fails.
class TestExporter final : public QObject
{
    Q_OBJECT

private:
    static Exporter::Row row(qint64 id, TaskState state, const QString &note = {})
    {
        Exporter::Row row;
        row.task.key = {7, id};
        row.task.state = state;
        row.task.status = state == TaskState::Succeeded ? 200
            : state == TaskState::Failed                ? 500
                                                        : 0;
        row.task.addedAt = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
        row.task.stateSince = row.task.addedAt.addSecs(30);
        row.task.note = note;
        row.connectionName = u"Archive"_s;
        if (state == TaskState::Succeeded) {
            row.task.firstSeenAt = row.task.addedAt.addSecs(3);
            row.task.finishedAt = row.task.addedAt.addSecs(90);
            row.task.result = TaskResult {{u"foo"_s, u"bar"_s, u"test.docx"_s},
                {u"foo"_s, u"ba_1x1"_s, u"test.pdf"_s}, u"src-1"_s, u"dst-1"_s};
        }
        return row;
    }

    static QString readAll(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll());
    }

private Q_SLOTS:
    void csvFieldQuoting_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << u"plain"_s << u"plain"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
        QTest::newRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::newRow("newline") << u"two\nlines"_s << u"\"two\nlines\""_s;
        QTest::newRow("carriage return") << u"a\rb"_s << u"\"a\rb\""_s;
        QTest::newRow("edge spaces") << u" padded "_s << u"\" padded \""_s;
        QTest::newRow("formula") << u"=HYPERLINK(\"x\")"_s << u"\"'=HYPERLINK(\"\"x\"\")\""_s;
        QTest::newRow("plus") << u"+1"_s << u"'+1"_s;
        QTest::newRow("at") << u"@sum"_s << u"'@sum"_s;
        QTest::newRow("unicode") << u"路径/文件.pdf"_s << u"路径/文件.pdf"_s;
    }

    void csvFieldQuoting()
    {
        QFETCH(QString, value);
        QFETCH(QString, field);
        QCOMPARE(Exporter::csvField(value), field);
    }

    void csvHasHeaderAndOneRecordPerTask()
    {
        const QList<Exporter::Row> rows {
            row(10, TaskState::Succeeded, u"first, \"quoted\"\nsecond line"_s),
            row(11, TaskState::Failed)};
        const QString csv = QString::fromUtf8(Exporter::toCsv(rows));
        QVERIFY(csv.startsWith(Exporter::csvHeader().join(u',') + u"\r\n"_s));
        QVERIFY(csv.endsWith(u"\r\n"_s));
        // Records end in CRLF; the note's bare LF stays inside its quotes.
        const QStringList records = csv.split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(records.size(), 3);
        QVERIFY(records.at(1).startsWith(
            u"10,Archive,succeeded,Succeeded,200,2026-11-28T10:00:00Z,"_s));
        QVERIFY(records.at(1).contains(u",src-1,dst-1,foo/ba_1x1/test.pdf,foo/bar/test.docx,"_s));
        QVERIFY(records.at(1).contains(u",\"first, \"\"quoted\"\"\nsecond line\","_s));
        QVERIFY(records.at(2).startsWith(u"11,Archive,failed,Failed,500,"_s));
    }

    void jsonShape()
    {
        const QDateTime at(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
        const QByteArray json =
            Exporter::toJson({row(10, TaskState::Succeeded), row(11, TaskState::Queued)}, at);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = document.object();
        QCOMPARE(root.value(u"exportedAt"_s).toString(), u"2026-11-28T12:00:00Z"_s);
        QCOMPARE(root.value(u"count"_s).toInt(), 2);
        const QJsonArray tasks = root.value(u"tasks"_s).toArray();
        QCOMPARE(tasks.size(), 2);
        const QJsonObject done = tasks.at(0).toObject();
        QCOMPARE(done.value(u"taskId"_s).toInteger(), 10);
        QCOMPARE(done.value(u"state"_s).toString(), u"succeeded"_s);
        QCOMPARE(done.value(u"status"_s).toInt(), 200);
        QCOMPARE(done.value(u"connection"_s).toObject().value(u"name"_s).toString(), u"Archive"_s);
        QCOMPARE(done.value(u"connection"_s).toObject().value(u"id"_s).toInteger(), 7);
        QCOMPARE(done.value(u"addedAt"_s).toString(), u"2026-11-28T10:00:00Z"_s);
        QCOMPARE(done.value(u"durationSeconds"_s).toInteger(), 90);
        // Failed at its first answer: how long it ran is unknown, not zero.
        const QJsonObject failed =
            QJsonDocument::fromJson(Exporter::toJson({row(12, TaskState::Failed)}, at))
                .object()
                .value(u"tasks"_s)
                .toArray()
                .at(0)
                .toObject();
        QVERIFY(failed.value(u"durationSeconds"_s).isNull());
        const QJsonObject result = done.value(u"result"_s).toObject();
        QCOMPARE(
            result.value(u"path"_s).toArray(), (QJsonArray {u"foo"_s, u"ba_1x1"_s, u"test.pdf"_s}));
        QCOMPARE(result.value(u"convertFrom"_s).toArray().size(), 3);
        QCOMPARE(result.value(u"pathJoined"_s).toString(), u"foo/ba_1x1/test.pdf"_s);
        QCOMPARE(result.value(u"srcInode"_s).toString(), u"src-1"_s);
        const QJsonObject queued = tasks.at(1).toObject();
        QVERIFY(queued.value(u"result"_s).isNull());
        QVERIFY(queued.value(u"status"_s).isNull());
        QVERIFY(queued.value(u"lastPolledAt"_s).isNull());
    }

    // v2's type: the CSV's last column, the JSON's taskType (null while
    // unknown) beside the typed result as SMH sent it.
    void taskType()
    {
        Exporter::Row typed = row(10, TaskState::Succeeded);
        typed.task.taskType = u"clearLibraryHistory"_s;
        typed.task.typedResult = QJsonObject {{u"taskType"_s, u"clearLibraryHistory"_s},
            {u"clearLibraryHistoryResult"_s, QJsonObject {{u"deleteCount"_s, 5}}}};
        const QList<Exporter::Row> rows {typed, row(11, TaskState::Queued)};
        QCOMPARE(Exporter::csvHeader().constLast(), u"task_type"_s);
        const QStringList records =
            QString::fromUtf8(Exporter::toCsv(rows)).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QVERIFY(records.at(1).endsWith(u",clearLibraryHistory"_s));
        QVERIFY(records.at(2).endsWith(u","_s));
        const QJsonArray tasks = QJsonDocument::fromJson(Exporter::toJson(rows, {}))
                                     .object()
                                     .value(u"tasks"_s)
                                     .toArray();
        QCOMPARE(tasks.at(0).toObject().value(u"taskType"_s).toString(), u"clearLibraryHistory"_s);
        QCOMPARE(tasks.at(0)
                     .toObject()
                     .value(u"typedResult"_s)
                     .toObject()
                     .value(u"clearLibraryHistoryResult"_s)
                     .toObject()
                     .value(u"deleteCount"_s)
                     .toInt(),
            5);
        QVERIFY(tasks.at(1).toObject().value(u"taskType"_s).isNull());
        QVERIFY(tasks.at(1).toObject().value(u"typedResult"_s).isNull());
    }

    void noSecretInEitherFormat()
    {
        const QString secret = u"tok-SECRET-0123456789"_s;
        Redact::registerSecret(secret);
        Exporter::Row leaky =
            row(12, TaskState::Failed, u"see https://x/api?access_token=abcdef123456&user_id=u"_s);
        leaky.task.lastError = u"HTTP 401 for token "_s + secret;
        leaky.connectionName = u"conn "_s + secret;
        const QByteArray csv = Exporter::toCsv({leaky});
        const QByteArray json = Exporter::toJson({leaky}, QDateTime::currentDateTimeUtc());
        for (const QByteArray &out : {csv, json}) {
            QVERIFY(!out.contains(secret.toUtf8()));
            QVERIFY(!out.contains("abcdef123456"));
            QVERIFY(out.contains("REDACTED"));
        }
    }

    void writeReplacesTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"tasks.csv"_s);
        SMH_VERIFY(Exporter::write(path, Exporter::Format::Csv, {row(1, TaskState::Queued)}));
        QVERIFY(readAll(path).contains(u"\r\n1,Archive,queued"_s));
        SMH_VERIFY(Exporter::write(path, Exporter::Format::Csv, {row(2, TaskState::Running)}));
        QVERIFY(!readAll(path).contains(u"\r\n1,"_s));
        QVERIFY(readAll(path).contains(u"\r\n2,Archive,running"_s));
        QCOMPARE(Exporter::formatForPath(u"/x/out.JSON"_s), Exporter::Format::Json);
        QCOMPARE(Exporter::formatForPath(u"/x/out.csv"_s), Exporter::Format::Csv);
        QCOMPARE(Exporter::formatForPath(u"/x/out"_s), Exporter::Format::Csv);
    }

    void failedWriteLeavesTheOldFileIntact()
    {
#ifndef Q_OS_UNIX
        QSKIP("needs RLIMIT_FSIZE");
#else
        QTemporaryDir dir;
        const QString path = dir.filePath(u"tasks.json"_s);
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old content\n");
        }
        QList<Exporter::Row> many;
        for (int i = 0; i < 200; ++i)
            many << row(1000 + i, TaskState::Succeeded, u"note %1"_s.arg(i));

        // A file size limit makes the disk "full" for this process, even for
        // root, for whom a read-only folder would be no obstacle.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit saved {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        rlimit small = saved;
        small.rlim_cur = 1024;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const Expected<void> written = Exporter::write(path, Exporter::Format::Json, many);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &saved), 0);

        QVERIFY(!written);
        QCOMPARE(written.error().kind(), Error::Kind::File);
        const QString error = written.error().message();
        QVERIFY(!error.isEmpty());
        QVERIFY(error.contains(u"tasks.json"_s));
        QCOMPARE(readAll(path), u"old content\n"_s);
        // No temporary file is left behind either.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {u"tasks.json"_s});
#endif
    }

    void unwritableTargetIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"missing-folder/tasks.csv"_s);
        const Expected<void> written =
            Exporter::write(path, Exporter::Format::Csv, {row(1, TaskState::Queued)});
        QVERIFY(!written);
        QVERIFY(written.error().message().contains(u"missing-folder"_s));
    }
};

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
