#include "smh/taskreply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(TaskStatusReport)

namespace {

TaskStatusReport found(qint64 id, int status, SharedResult result = std::nullopt)
{
    TaskStatusReport report;
    report.taskId = id;
    report.found = true;
    report.status = status;
    report.result = std::move(result);
    return report;
}

TaskStatusReport missing(qint64 id)
{
    TaskStatusReport report;
    report.taskId = id;
    return report;
}

const TaskResult exampleResult {{u"foo"_s, u"bar"_s, u"test.docx"_s},
    {u"foo"_s, u"ba_1x1"_s, u"test.pdf"_s}, u"src-inode"_s, u"dst-inode"_s};

} // namespace

// The Query Task reply: tolerant where the API is vague, strict about types.
class TestTaskReply final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statuses_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<TaskStatusReport>("expected");

        QTest::newRow("202 running") << QByteArray(R"([{"taskId":10,"status":202}])")
                                     << found(10, TaskStatusReport::statusRunning);
        QTest::newRow("200 with result") << QByteArray(
            R"([{"taskId":10,"status":200,"result":{"convertFrom":["foo","bar","test.docx"],)"
            R"("path":["foo","ba_1x1","test.pdf"],"srcInode":"src-inode","dstInode":"dst-inode"}}])")
                                         << found(10, TaskStatusReport::statusSucceeded,
                                                exampleResult);
        QTest::newRow("200 without result")
            << QByteArray(R"([{"taskId":10,"status":200}])") << found(10, 200);
        // Kept as SMH sent it: printed as null, not left out.
        QTest::newRow("200 null result")
            << QByteArray(R"([{"taskId":10,"status":200,"result":null}])")
            << found(10, 200, TaskResult::fromJson(QJsonValue(QJsonValue::Null)));
        QTest::newRow("204") << QByteArray(R"([{"taskId":10,"status":204}])")
                             << found(10, TaskStatusReport::statusSucceededNoResult);
        QTest::newRow("500") << QByteArray(R"([{"taskId":10,"status":500}])")
                             << found(10, TaskStatusReport::statusFailed);
        // Not one of the four documented values: kept as sent, never taken for success.
        QTest::newRow("409 kept") << QByteArray(R"([{"taskId":10,"status":409}])")
                                  << found(10, 409);
        QTest::newRow("0 kept") << QByteArray(R"([{"taskId":10,"status":0}])") << found(10, 0);
        QTest::newRow("negative kept")
            << QByteArray(R"([{"taskId":10,"status":-1}])") << found(10, -1);
        QTest::newRow("extra fields") << QByteArray(
            R"([{"kind":"clearHistory","taskId":10,"progress":{"done":3},"status":202,)"
            R"("tags":["a"],"createdAt":"2024-01-01T00:00:00Z"}])")
                                      << found(10, 202);
        QTest::newRow("extra fields in result")
            << QByteArray(
                   R"([{"taskId":10,"status":200,"result":{"path":["a"],"size":12,"x":{}}}])")
            << found(10, 200, TaskResult {{}, {u"a"_s}, {}, {}});
        QTest::newRow("empty result") << QByteArray(R"([{"taskId":10,"status":200,"result":{}}])")
                                      << found(10, 200, TaskResult::fromJson(QJsonObject {}));
        QTest::newRow("quoted integers")
            << QByteArray(R"([{"taskId":"10","status":" 500 "}])") << found(10, 500);
        QTest::newRow("path as string") << QByteArray(
            R"([{"taskId":10,"status":200,"result":{"convertFrom":"foo/bar/test.docx",)"
            R"("path":"/foo/ba_1x1/test.pdf","srcInode":"src-inode","dstInode":"dst-inode"}}])")
                                        << found(10, 200, exampleResult);
        QTest::newRow("numeric inodes and segments")
            << QByteArray(
                   R"([{"taskId":10,"status":200,"result":{"path":["y",2024],"srcInode":123,)"
                   R"("dstInode":"9007199254740993"}}])")
            << found(
                   10, 200, TaskResult {{}, {u"y"_s, u"2024"_s}, u"123"_s, u"9007199254740993"_s});
        QTest::newRow("null fields in result")
            << QByteArray(R"([{"taskId":10,"status":200,"result":{"path":null,"srcInode":null}}])")
            << found(10, 200, TaskResult {});
        QTest::newRow("exponent id")
            << QByteArray(R"([{"taskId":1e1,"status":202}])") << found(10, 202);
    }

    void statuses()
    {
        QFETCH(QByteArray, body);
        QFETCH(TaskStatusReport, expected);
        const TaskReply::Parsed parsed = TaskReply::parse(body, {expected.taskId});
        QVERIFY2(!parsed.error.isError(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.reports.size(), 1);
        const TaskStatusReport &report = parsed.reports.constFirst();
        QCOMPARE(report.taskId, expected.taskId);
        QCOMPARE(report.found, expected.found);
        QCOMPARE(report.status, expected.status);
        QCOMPARE(report.result.has_value(), expected.result.has_value());
        if (expected.result) {
            QCOMPARE(report.result->convertFrom, expected.result->convertFrom);
            QCOMPARE(report.result->path, expected.result->path);
            QCOMPARE(report.result->srcInode, expected.result->srcInode);
            QCOMPARE(report.result->dstInode, expected.result->dstInode);
        }
        QVERIFY(report == expected);
        QVERIFY(parsed.unrequested.isEmpty());
    }

    void requestOrderMissingAndUnrequested()
    {
        const QByteArray body = R"([{"taskId":13,"status":500},{"taskId":99,"status":202},)"
                                R"({"taskId":10,"status":202},{"taskId":7,"status":204}])";
        const TaskReply::Parsed parsed = TaskReply::parse(body, {10, 11, 12, 13});
        QVERIFY(!parsed.error.isError());
        const QList<TaskStatusReport> expected {
            found(10, 202), missing(11), missing(12), found(13, 500)};
        QCOMPARE(parsed.reports, expected);
        QVERIFY(!parsed.reports.at(1).found);
        QCOMPARE(parsed.reports.at(1).status, 0);
        QVERIFY(!parsed.reports.at(1).result);
        QCOMPARE(parsed.unrequested, QList<qint64>({7, 99}));
    }

    void agreeingDuplicatesAreOneAnswer()
    {
        const TaskReply::Parsed parsed = TaskReply::parse(
            R"([{"taskId":10,"status":500},{"taskId":11,"status":202},{"taskId":10,"status":500}])",
            {10, 11});
        QVERIFY(!parsed.error.isError());
        QCOMPARE(parsed.reports, QList<TaskStatusReport>({found(10, 500), found(11, 202)}));
    }

    void emptyResultStaysEmpty()
    {
        // `result: {}` is printed as returned, without fields we would invent.
        const TaskReply::Parsed parsed =
            TaskReply::parse(R"([{"taskId":7,"status":200,"result":{}}])", {7});
        QVERIFY(!parsed.error.isError());
        const TaskResult result = *parsed.reports.constFirst().result;
        QCOMPARE(result.toJson(), QJsonObject());
        const std::optional<TaskResult> again = TaskResult::fromJson(result.toJson());
        QVERIFY(again);
        QCOMPARE(again->toJson(), QJsonObject());
    }

    void emptyArrayMeansNothingFound()
    {
        const TaskReply::Parsed parsed = TaskReply::parse("[]", {1, 2});
        QVERIFY(!parsed.error.isError());
        QCOMPARE(parsed.reports, QList<TaskStatusReport>({missing(1), missing(2)}));
        QVERIFY(parsed.unrequested.isEmpty());
    }

    void sixtyFourBitIds_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("id");
        // 2^53 + 1: a parser that goes through double would read 2^53.
        QTest::newRow("2^53+1") << QByteArray(R"([{"taskId":9007199254740993,"status":202}])")
                                << qint64(9007199254740993LL);
        QTest::newRow("quoted 2^53+1")
            << QByteArray(R"([{"taskId":"9007199254740993","status":202}])")
            << qint64(9007199254740993LL);
        QTest::newRow("int64 max") << QByteArray(R"([{"taskId":9223372036854775807,"status":202}])")
                                   << std::numeric_limits<qint64>::max();
        QTest::newRow("int64 min")
            << QByteArray(R"([{"taskId":-9223372036854775807,"status":202}])")
            << qint64(-9223372036854775807LL);
    }

    void sixtyFourBitIds()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, id);
        const TaskReply::Parsed parsed = TaskReply::parse(body, {id, id - 1});
        QVERIFY2(!parsed.error.isError(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.reports.at(0).taskId, id);
        QVERIFY(parsed.reports.at(0).found);
        QVERIFY(!parsed.reports.at(1).found); // the neighbour is not mistaken for it
        QVERIFY(parsed.unrequested.isEmpty());
    }

    void sixtyFourBitRoundTrip()
    {
        const qint64 id = 9007199254740993LL;
        const QByteArray json = QJsonDocument(QJsonArray {TaskReply::toJson(found(id, 202))})
                                    .toJson(QJsonDocument::Compact);
        QVERIFY2(json.contains("9007199254740993"), json.constData());
        QCOMPARE(TaskReply::parse(json, {id}).reports.constFirst(), found(id, 202));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");

        QTest::newRow("empty body") << QByteArray();
        QTest::newRow("not json") << QByteArray("<html><body>Bad gateway</body></html>");
        QTest::newRow("truncated") << QByteArray(R"([{"taskId":10,"status":20)");
        QTest::newRow("object") << QByteArray(R"({"taskId":10,"status":202})");
        QTest::newRow("error object") << QByteArray(R"({"code":"X","message":"y"})");
        QTest::newRow("number") << QByteArray("42");
        QTest::newRow("string") << QByteArray(R"("ok")");
        QTest::newRow("element number") << QByteArray(R"([{"taskId":10,"status":202},5])");
        QTest::newRow("element array") << QByteArray(R"([[10,202]])");
        QTest::newRow("element null") << QByteArray(R"([null])");
        QTest::newRow("taskId missing") << QByteArray(R"([{"status":202}])");
        QTest::newRow("taskId null") << QByteArray(R"([{"taskId":null,"status":202}])");
        QTest::newRow("taskId fraction") << QByteArray(R"([{"taskId":10.5,"status":202}])");
        QTest::newRow("taskId bool") << QByteArray(R"([{"taskId":true,"status":202}])");
        QTest::newRow("taskId word") << QByteArray(R"([{"taskId":"ten","status":202}])");
        QTest::newRow("taskId quoted fraction")
            << QByteArray(R"([{"taskId":"10.5","status":202}])");
        QTest::newRow("taskId too large") << QByteArray(R"([{"taskId":1e30,"status":202}])");
        QTest::newRow("taskId array") << QByteArray(R"([{"taskId":[10],"status":202}])");
        QTest::newRow("status missing") << QByteArray(R"([{"taskId":10}])");
        QTest::newRow("status fraction") << QByteArray(R"([{"taskId":10,"status":202.5}])");
        QTest::newRow("status word") << QByteArray(R"([{"taskId":10,"status":"running"}])");
        QTest::newRow("status beyond int") << QByteArray(R"([{"taskId":10,"status":4294967498}])");
        // The same task twice, disagreeing: neither answer can be trusted, and
        // the later one must not turn a failure into a success.
        QTest::newRow("conflicting duplicate")
            << QByteArray(R"([{"taskId":10,"status":500},{"taskId":10,"status":200}])");
        QTest::newRow("conflicting duplicate results")
            << QByteArray(R"([{"taskId":10,"status":200,"result":{"path":"a"}},)"
                          R"({"taskId":10,"status":200,"result":{"path":"b"}}])");
        // One bad element spoils the reply: we cannot tell which reports to trust.
        QTest::newRow("good then bad")
            << QByteArray(R"([{"taskId":10,"status":202},{"taskId":11,"status":"?"}])");
    }

    void malformed()
    {
        QFETCH(QByteArray, body);
        const TaskReply::Parsed parsed = TaskReply::parse(body, {10, 11});
        QCOMPARE(parsed.error.kind(), SmhError::Kind::Malformed);
        QVERIFY(!parsed.error.detail().isEmpty());
        QVERIFY(parsed.reports.isEmpty());
        QVERIFY(parsed.unrequested.isEmpty());
    }

    // A result of any shape is kept as returned and never costs its task, or
    // the tasks answered beside it, their answers.
    void oddResultsKept_data()
    {
        QTest::addColumn<QByteArray>("result");
        QTest::addColumn<int>("shape");

        const int batch = int(TaskResult::Shape::Batch);
        const int other = int(TaskResult::Shape::Other);
        QTest::newRow("empty array") << QByteArray("[]") << batch;
        QTest::newRow("string") << QByteArray(R"("ok")") << other;
        QTest::newRow("number") << QByteArray("1") << other;
        QTest::newRow("false") << QByteArray("false") << other;
        QTest::newRow("array of numbers") << QByteArray("[1,2]") << other;
        QTest::newRow("path number") << QByteArray(R"({"path":5})") << other;
        QTest::newRow("path object") << QByteArray(R"({"path":{}})") << other;
        QTest::newRow("path segment object") << QByteArray(R"({"path":["a",{}]})") << other;
        QTest::newRow("path segment null") << QByteArray(R"({"path":["a",null]})") << other;
        QTest::newRow("convertFrom bool") << QByteArray(R"({"convertFrom":true})") << other;
        QTest::newRow("srcInode object") << QByteArray(R"({"srcInode":{}})") << other;
        QTest::newRow("dstInode bool") << QByteArray(R"({"dstInode":false})") << other;
        QTest::newRow("dstInode fraction") << QByteArray(R"({"dstInode":1.5})") << other;
        QTest::newRow("directory copy") << QByteArray(R"({"copied":12,"skipped":0})") << other;
    }

    void oddResultsKept()
    {
        QFETCH(QByteArray, result);
        QFETCH(int, shape);
        const QByteArray body =
            R"([{"taskId":10,"status":200,"result":)" + result + R"(},{"taskId":11,"status":202}])";
        const TaskReply::Parsed parsed = TaskReply::parse(body, {10, 11});
        QVERIFY2(!parsed.error.isError(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.reports.size(), 2);
        const TaskStatusReport &report = parsed.reports.constFirst();
        QCOMPARE(report.status, 200);
        QVERIFY(report.result);
        QCOMPARE(int(report.result->shape), shape);
        const QJsonValue asSent = QJsonDocument::fromJson('[' + result + ']').array().at(0);
        QCOMPARE(report.result->toJson(), asSent);
        QCOMPARE(parsed.reports.at(1), found(11, 202));
    }

    // The issue's reply: a batch delete, a conversion and a running task in
    // one answer, each read for what it is.
    void mixedReply()
    {
        const QByteArray body = R"([{"taskId":15,"status":200,"result":[)"
                                R"({"status":200,"recycledItemId":123,"path":["foo","bar"]},)"
                                R"({"status":404,"path":["foo","gone"],"code":"FileNotFound",)"
                                R"("message":"no such file"},)"
                                R"({"status":200,"copyFrom":["a","b"],"to":["c","b"]}]},)"
                                R"({"taskId":16,"status":200,"result":{"convertFrom":["x.doc"],)"
                                R"("path":["x.pdf"],"srcInode":"s","dstInode":"d"}},)"
                                R"({"taskId":17,"status":202},)"
                                R"({"taskId":18,"status":200,"result":"done"}])";
        const TaskReply::Parsed parsed = TaskReply::parse(body, {15, 16, 17, 18});
        QVERIFY2(!parsed.error.isError(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.reports.size(), 4);

        const TaskResult batch = *parsed.reports.at(0).result;
        QCOMPARE(batch.shape, TaskResult::Shape::Batch);
        QCOMPARE(batch.itemCount, 3);
        const QList<TaskResultItem> items = batch.readItems();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).recycledItemId, u"123"_s);
        QCOMPARE(items.at(0).path, (QStringList {u"foo"_s, u"bar"_s}));
        QVERIFY(!items.at(0).failed());
        QVERIFY(items.at(1).failed());
        QCOMPARE(items.at(1).code, u"FileNotFound"_s);
        QCOMPARE(items.at(1).message, u"no such file"_s);
        QCOMPARE(items.at(2).from, (QStringList {u"a"_s, u"b"_s}));
        QCOMPARE(items.at(2).displayPath(), (QStringList {u"c"_s, u"b"_s}));
        QCOMPARE(batch.failedItemCount(), 1);
        QCOMPARE(batch.itemCounts(), u"2 done, 1 failed"_s);
        QCOMPARE(batch.summaryPath(), u"foo/bar +2 more"_s);
        QVERIFY(batch.toJson().isArray());

        const TaskResult conversion = *parsed.reports.at(1).result;
        QCOMPARE(conversion.shape, TaskResult::Shape::Conversion);
        QCOMPARE(conversion.summaryPath(), u"x.pdf"_s);
        QCOMPARE(parsed.reports.at(2), found(17, 202));
        QCOMPARE(parsed.reports.at(3).result->toJson(), QJsonValue(u"done"_s));
    }

    // An item that only says it failed by its code is a failure too.
    void itemFailureByCode()
    {
        const TaskResult result = TaskResult::fromJson(QJsonDocument::fromJson(
            R"([{"status":200,"path":["a"],"code":"Conflict"},{"path":["b"]}])")
                                                           .array());
        QCOMPARE(result.failedItemCount(), 1);
        QCOMPARE(result.items.at(1).status, 0);
        QVERIFY(!result.items.at(1).failed());
    }

    void toJsonRoundTrip()
    {
        const QList<TaskStatusReport> reports {found(1, 202), found(2, 200, exampleResult),
            found(3, 204), found(4, 500), found(5, 409)};
        QJsonArray array;
        for (const TaskStatusReport &report : reports)
            array.append(TaskReply::toJson(report));
        const TaskReply::Parsed parsed =
            TaskReply::parse(QJsonDocument(array).toJson(), {1, 2, 3, 4, 5});
        QVERIFY(!parsed.error.isError());
        QCOMPARE(parsed.reports, reports);
    }

    // The JSON outputs promise the result "as returned": unknown fields and
    // the server's own spelling survive parsing and the ledger.
    void resultKeptAsReturned()
    {
        const QByteArray body = R"([{"taskId":7,"status":200,"result":{"path":"a/b.pdf",)"
                                R"("convertFrom":["a","b.doc"],"srcInode":12,"dstInode":"d",)"
                                R"("extra":{"n":5}}}])";
        const TaskReply::Parsed parsed = TaskReply::parse(body, {7});
        QVERIFY(!parsed.error.isError());
        const TaskResult result = *parsed.reports.constFirst().result;
        QCOMPARE(result.path, (QStringList {u"a"_s, u"b.pdf"_s}));
        QCOMPARE(result.srcInode, u"12"_s);
        const QJsonObject json = result.toJson().toObject();
        QCOMPARE(json.value(u"path").toString(), u"a/b.pdf"_s);
        QCOMPARE(json.value(u"srcInode").toInt(), 12);
        QCOMPARE(json.value(u"extra").toObject().value(u"n").toInt(), 5);
        // Read back from its JSON (as the ledger does), it is the same result.
        const TaskResult again = TaskResult::fromJson(json);
        QCOMPARE(again, result);
        QCOMPARE(again.toJson(), QJsonValue(json));
        // Built by hand, without a server's object, the fields make the JSON.
        QCOMPARE(exampleResult.toJson()[u"srcInode"].toString(), u"src-inode"_s);
        QVERIFY(!exampleResult.toJson().toObject().contains(u"extra"));
    }

    // A result is kept as its compact JSON text and a summary, not as a
    // parsed tree: what it says is all still there, read again when asked.
    void sharedResultIsKeptCompact()
    {
        QJsonArray items;
        for (int i = 0; i < 500; ++i) {
            items.append(QJsonObject {{u"status"_s, i == 7 ? 403 : 200},
                {u"path"_s, QJsonArray {u"dir"_s, u"file%1"_s.arg(i)}}, {u"extra"_s, i}});
        }
        const TaskResult full = TaskResult::fromJson(items);
        const SharedResult kept(full);
        QVERIFY(kept->items.isEmpty());
        QVERIFY(kept->raw.isUndefined());
        QCOMPARE(kept->json, QJsonDocument(items).toJson(QJsonDocument::Compact));
        QCOMPARE(kept->itemCount, 500);
        QCOMPARE(kept->failedItemCount(), 1);
        QVERIFY(!kept->allItemsFailed());
        QCOMPARE(kept->summaryPath(), u"dir/file0 +499 more"_s);
        QCOMPARE(kept->itemCounts(), u"499 done, 1 failed"_s);
        QCOMPARE(kept->readItems(), full.items);
        QCOMPARE(kept->toJson(), QJsonValue(items));
        QCOMPARE(*kept, full);
        // A bare value survives too.
        const SharedResult text(TaskResult::fromJson(QJsonValue(u"done"_s)));
        QCOMPARE(text->json, QByteArray("\"done\""));
        QCOMPARE(text->toJson(), QJsonValue(u"done"_s));
        // Another result is another result.
        QJsonArray fewer = items;
        fewer.removeLast();
        QVERIFY(!(SharedResult(TaskResult::fromJson(fewer)) == kept));
    }

    void everyItemFailed()
    {
        const TaskResult result = TaskResult::fromJson(QJsonArray {
            QJsonObject {{u"status"_s, 403}}, QJsonObject {{u"code"_s, u"FileNotFound"_s}}});
        QVERIFY(result.allItemsFailed());
        QVERIFY(!TaskResult::fromJson(QJsonArray {}).allItemsFailed());
    }

    void joinedPath()
    {
        QCOMPARE(TaskResult::joined(exampleResult.convertFrom), u"foo/bar/test.docx"_s);
        QCOMPARE(TaskResult::joined(exampleResult.path), u"foo/ba_1x1/test.pdf"_s);
        QCOMPARE(TaskResult::joined({}), QString());
    }
};

QTEST_GUILESS_MAIN(TestTaskReply)
#include "tst_taskreply.moc"
