#include "smh/typedtaskresult.h"

#include <QTest>

using namespace Qt::StringLiterals;

// Query Task v2's reply: read when it is about the task asked, refused
// otherwise; typed results read where known.
class TestTypedTaskResult final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clearHistory()
    {
        const auto parsed = TypedTaskResult::parse(
            R"({"taskId":"7","taskType":"clearLibraryHistory","status":200,"clearLibraryHistoryResult":{"status":200,"code":"","deleteCount":1234}})",
            7);
        QVERIFY(parsed);
        QCOMPARE(parsed->taskType, u"clearLibraryHistory"_s);
        QCOMPARE(parsed->status, 200);
        QCOMPARE(parsed->deleteCount(), 1234);
        QVERIFY(!parsed->uncompress());
        QCOMPARE(TypedTaskResult::fromStored(parsed->raw), *parsed);
        // Running: no count yet.
        const auto running = TypedTaskResult::parse(
            R"({"taskId":7,"taskType":"clearLibraryHistory","status":202})", 7);
        QVERIFY(running);
        QVERIFY(running->isRunning());
        QVERIFY(!running->deleteCount());
    }

    void uncompress()
    {
        const auto parsed = TypedTaskResult::parse(
            R"({"taskId":"8","taskType":"fileUncompress","status":207,"fileUncompressResult":{"outputDir":"a/b","fileCount":"12","successCount":10,"failedCount":2,"failedItems":[{},{}]}})",
            8);
        QVERIFY(parsed);
        QCOMPARE(parsed->status, TypedTaskResult::statusPartlySucceeded);
        const auto files = parsed->uncompress();
        QVERIFY(files);
        QCOMPARE(files->outputDir, u"a/b"_s);
        QCOMPARE(files->fileCount, 12);
        QCOMPARE(files->successCount, 10);
        QCOMPARE(files->failedCount, 2);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not JSON") << QByteArray("<html>502</html>");
        QTest::newRow("an array") << QByteArray(R"([{"taskId":"7","taskType":"x"}])");
        QTest::newRow("another task") << QByteArray(R"({"taskId":"8","taskType":"batchMove"})");
        QTest::newRow("no task id") << QByteArray(R"({"taskType":"batchMove"})");
        QTest::newRow("no type") << QByteArray(R"({"taskId":"7","status":200})");
        QTest::newRow("a type far too long")
            << (QByteArray(R"({"taskId":"7","taskType":")") + QByteArray(1000, 'x') + "\"}");
    }

    void refused()
    {
        QFETCH(QByteArray, body);
        const auto parsed = TypedTaskResult::parse(body, 7);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind(), SmhError::Kind::Malformed);
    }

    void paths()
    {
        ConnectionSettings settings;
        settings.libraryId = u"lib/1"_s;
        settings.spaceId = u"sp ace"_s;
        QCOMPARE(
            TaskResultApi::path(settings, false, 42), u"/api/v1/task-result/lib%2F1/sp%20ace/42"_s);
        QCOMPARE(TaskResultApi::path(settings, true, 42), u"/api/v1/task-result/lib%2F1/42"_s);
    }

    void unavailable()
    {
        QVERIFY(TaskResultApi::meansUnavailable(SmhError::http(404, u"RouteNotFound"_s, {}, {})));
        QVERIFY(TaskResultApi::meansUnavailable(SmhError::http(404, {}, {}, {})));
        QVERIFY(!TaskResultApi::meansUnavailable(SmhError::http(404, u"TaskNotFound"_s, {}, {})));
        QVERIFY(
            !TaskResultApi::meansUnavailable(SmhError::http(404, u"LibraryNotFound"_s, {}, {})));
        QVERIFY(!TaskResultApi::meansUnavailable(SmhError::http(500, {}, {}, {})));
    }
};

QTEST_GUILESS_MAIN(TestTypedTaskResult)
#include "tst_typedtaskresult.moc"
