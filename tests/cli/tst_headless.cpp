#include "cliprocess.h"
#include "demo/smhsimulator.h"
#include "scriptedserver.h"
#include "smh/secretstore.h"
#include "smh/smhclient.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "verifyexpected.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Runs `smh-task-monitor watch|query` as a script would and checks the
// documented contract: exit codes, output formats, and that no token leaks.
class TestHeadless final : public QObject
{
    Q_OBJECT

private:
    using Run = CliProcess::Run;

    SmhSimulator *m_simulator = nullptr;
    QString m_token;

    void script(qint64 id, qint64 runMs, int finalStatus, bool known = true)
    {
        SmhSimulator::TaskScript s = m_simulator->scriptFor(id);
        s.known = known;
        s.startMs = m_simulator->nowMs();
        s.runMs = runMs;
        s.finalStatus = finalStatus;
        m_simulator->setTask(id, s);
    }

    // Saves a connection to the simulator as the window would, in the ledger
    // of a user whose XDG_DATA_HOME is `data`; returns its id, 0 on failure.
    qint64 saveProfile(const QTemporaryDir &data, const QString &name)
    {
        TaskStore store;
        if (!store.open(data.filePath(u"smh-task-monitor/ledger.sqlite"_s)))
            return 0;
        Connection saved;
        saved.name = name;
        saved.settings.endpoint = m_simulator->baseUrl();
        saved.settings.libraryId = m_simulator->libraryId();
        return store.addConnection(saved).value();
    }

    Run run(const QStringList &arguments, const QProcessEnvironment &extra = {},
        const QByteArray &input = {}, bool withToken = true)
    {
        CliProcess::Options options;
        if (withToken)
            options.environment.insert(u"SMH_ACCESS_TOKEN"_s, m_token);
        options.environment.insert(extra); // the test's own values win
        options.input = input;
        // The token must never show, whatever happened.
        options.secrets = {m_token};
        return CliProcess::run(QStringLiteral(SMH_BINARY), arguments, options);
    }

    QStringList connection() const
    {
        return {u"--endpoint"_s, m_simulator->baseUrl().toString(), u"--library"_s,
            m_simulator->libraryId(), u"--interval"_s, u"0.05"_s, u"--max-interval"_s, u"0.2"_s};
    }

    static QJsonObject lastJsonLine(const QByteArray &out)
    {
        const QList<QByteArray> lines = out.trimmed().split('\n');
        return QJsonDocument::fromJson(lines.constLast()).object();
    }

private Q_SLOTS:
    void init()
    {
        m_simulator = new SmhSimulator(this);
        QVERIFY(m_simulator->start());
        m_token = m_simulator->issueToken();
    }

    void cleanup()
    {
        delete m_simulator;
        m_simulator = nullptr;
    }

    void versionAndHelpNeedNoDisplay()
    {
        Run r = run({u"--version"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("smh-task-monitor "));
        r = run({u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("watch"));
        QVERIFY(r.out.contains("history show | set | clear")); // every command is named
        QVERIFY(r.out.contains("--endpoint"));
    }

    void watchExitCodes_data()
    {
        QTest::addColumn<QList<int>>("finals"); // final status per task; 0: unknown ID
        QTest::addColumn<int>("exitCode");
        QTest::newRow("all succeeded") << QList<int> {200, 204} << 0;
        QTest::newRow("one failed") << QList<int> {200, 500, 0, 418} << 1;
        QTest::newRow("not found") << QList<int> {200, 0} << 3;
        QTest::newRow("unknown status") << QList<int> {200, 418, 0} << 6;
    }

    void watchExitCodes()
    {
        QFETCH(QList<int>, finals);
        QFETCH(int, exitCode);
        QStringList ids;
        for (qsizetype i = 0; i < finals.size(); ++i) {
            const qint64 id = 500 + i;
            script(id, 200 + 100 * i, finals.at(i), finals.at(i) != 0);
            ids << QString::number(id);
        }
        const Run r = run(QStringList {u"watch"_s} + connection() + QStringList {ids.join(u',')});
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        // The text table lists every task with its final state.
        const QString out = QString::fromUtf8(r.out);
        QVERIFY(out.startsWith(u"TASK ID"_s));
        for (const QString &id : std::as_const(ids))
            QVERIFY(out.contains(id));
    }

    void jsonOutputParsesBack()
    {
        script(10, 100, 200);
        script(11, 100, 204);
        script(12, 100, 500);
        script(13, 0, 0, false);
        const Run r = run(QStringList {u"watch"_s, u"--output"_s, u"json"_s} + connection()
            + QStringList {u"10-13"_s});
        QCOMPARE(r.exitCode, 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(r.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray tasks = document.object().value(u"tasks").toArray();
        QCOMPARE(tasks.size(), 4);
        QCOMPARE(tasks.at(0).toObject().value(u"taskId").toInteger(), 10);
        QCOMPARE(tasks.at(0).toObject().value(u"state").toString(), u"succeeded"_s);
        QCOMPARE(tasks.at(0).toObject().value(u"status").toInt(), 200);
        const QJsonObject result = tasks.at(0).toObject().value(u"result").toObject();
        QVERIFY(result.value(u"path").isArray());
        QVERIFY(!result.value(u"srcInode").toString().isEmpty());
        QCOMPARE(tasks.at(1).toObject().value(u"state").toString(), u"succeeded_no_result"_s);
        QCOMPARE(tasks.at(2).toObject().value(u"state").toString(), u"failed"_s);
        QCOMPARE(tasks.at(3).toObject().value(u"state").toString(), u"not_found"_s);
        QVERIFY(tasks.at(3).toObject().value(u"status").isNull());
        const QJsonObject summary = document.object().value(u"summary").toObject();
        QCOMPARE(summary.value(u"succeeded").toInt(), 1);
        QCOMPARE(summary.value(u"succeeded_no_result").toInt(), 1);
        QCOMPARE(summary.value(u"failed").toInt(), 1);
        QCOMPARE(summary.value(u"not_found").toInt(), 1);
        QCOMPARE(summary.value(u"running").toInt(), 0);
    }

    void jsonLinesReportFirstSightingsAndChanges()
    {
        script(20, 400, 200);
        script(21, 0, 204);
        const Run r = run(QStringList {u"watch"_s, u"--output"_s, u"jsonl"_s} + connection()
            + QStringList {u"20"_s, u"21"_s});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QList<QPair<qint64, QString>> events;
        for (const QByteArray &line : lines) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            QVERIFY2(!object.isEmpty(), line.constData());
            if (object.contains(u"summary"))
                continue;
            QVERIFY(QDateTime::fromString(object.value(u"time").toString(), Qt::ISODateWithMs)
                        .isValid());
            events.append({object.value(u"taskId").toInteger(), object.value(u"state").toString()});
        }
        QVERIFY(events.contains(qMakePair(qint64(20), u"running"_s)));
        QVERIFY(events.contains(qMakePair(qint64(20), u"succeeded"_s)));
        QVERIFY(events.contains(qMakePair(qint64(21), u"succeeded_no_result"_s)));
        QCOMPARE(events.count(qMakePair(qint64(20), u"running"_s)), 1); // changes only
        QCOMPARE(lastJsonLine(r.out).value(u"summary").toObject().value(u"succeeded").toInt(), 1);
    }

    void queryPrintsOnceAndExitsZeroWhateverTheStates()
    {
        script(30, 100'000, 200);
        script(31, 0, 500);
        const Run r = run(QStringList {u"query"_s, u"--output"_s, u"json"_s} + connection()
            + QStringList {u"30,31,32"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray tasks = QJsonDocument::fromJson(r.out).object().value(u"tasks").toArray();
        QCOMPARE(tasks.size(), 3);
        QCOMPARE(tasks.at(0).toObject().value(u"state").toString(), u"running"_s);
        QCOMPARE(tasks.at(1).toObject().value(u"state").toString(), u"failed"_s);
        QCOMPARE(m_simulator->taskQueryCount(), 1);
    }

    // The issue's report: a batch delete (array result), a conversion and a
    // running task queried together; each gets its own state, none is held
    // back by the others, and the batch's result comes out as returned.
    void batchResultDoesNotPoisonTheReply()
    {
        script(15, 0, 200);
        script(16, 0, 200);
        script(17, 600'000, 200);
        SmhSimulator::TaskScript batch = m_simulator->scriptFor(15);
        batch.known = true;
        batch.startMs = m_simulator->nowMs();
        batch.runMs = 0;
        batch.result = QJsonArray {QJsonObject {{u"status"_s, 200}, {u"recycledItemId"_s, 123},
            {u"path"_s, QJsonArray {u"foo"_s, u"bar"_s}}}};
        m_simulator->setTask(15, batch);
        const Run r = run(QStringList {u"query"_s, u"--output"_s, u"json"_s} + connection()
            + QStringList {u"15,16,17"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray tasks =
            QJsonDocument::fromJson(r.out).object().value(u"tasks"_s).toArray();
        QCOMPARE(tasks.size(), 3);
        QCOMPARE(tasks.at(0)[u"state"_s].toString(), u"succeeded"_s);
        QCOMPARE(tasks.at(0)[u"result"_s].toArray().at(0)[u"recycledItemId"_s].toInt(), 123);
        QCOMPARE(tasks.at(1)[u"state"_s].toString(), u"succeeded"_s);
        QVERIFY(tasks.at(1)[u"result"_s].isObject());
        QCOMPARE(tasks.at(2)[u"state"_s].toString(), u"running"_s);
    }

    // A batch whose items partly failed ends the watch with exit code 1, under
    // its own state name, with its items as SMH returned them.
    void partlyFailedBatchExitsOne()
    {
        script(20, 0, 200);
        SmhSimulator::TaskScript batch = m_simulator->scriptFor(21);
        batch.known = true;
        batch.startMs = m_simulator->nowMs();
        batch.runMs = 100;
        batch.result = QJsonArray {QJsonObject {{u"status"_s, 200}, {u"path"_s, u"a/b"_s}},
            QJsonObject {{u"status"_s, 403}, {u"path"_s, u"a/c"_s}, {u"code"_s, u"NoPermission"_s},
                {u"message"_s, u"not allowed"_s}}};
        m_simulator->setTask(21, batch);
        const Run r = run(QStringList {u"watch"_s, u"--output"_s, u"json"_s} + connection()
            + QStringList {u"20,21"_s});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject document = QJsonDocument::fromJson(r.out).object();
        const QJsonObject task = document[u"tasks"_s].toArray().at(1).toObject();
        QCOMPARE(task[u"state"_s].toString(), u"partially_failed"_s);
        QCOMPARE(task[u"status"_s].toInt(), 200);
        QCOMPARE(task[u"result"_s].toArray().at(1)[u"code"_s].toString(), u"NoPermission"_s);
        QCOMPARE(document[u"summary"_s][u"partially_failed"_s].toInt(), 1);
    }

    // --library-level makes the tasks library-level: a clear-history task is
    // only answered by the library-level query.
    void libraryLevelTasks()
    {
        SmhSimulator::TaskScript history = m_simulator->scriptFor(70);
        history.known = true;
        history.startMs = m_simulator->nowMs();
        history.runMs = 600'000;
        history.libraryLevel = true;
        m_simulator->setTask(70, history);
        const QStringList query = {u"query"_s, u"--output"_s, u"jsonl"_s};
        const Run asked = run(query + connection() + QStringList {u"--library-level"_s, u"70"_s});
        QCOMPARE(asked.exitCode, 0);
        QVERIFY2(asked.out.contains(R"("state":"running")"), asked.out.constData());
        const Run spaced = run(query + connection() + QStringList {u"70"_s});
        QVERIFY2(spaced.out.contains(R"("state":"not_found")"), spaced.out.constData());
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("withToken");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("bad id") << QStringList {u"watch"_s, u"--library"_s, u"lib"_s, u"10,abc"_s}
                                << true << QByteArray("abc");
        QTest::newRow("no ids") << QStringList {u"watch"_s, u"--library"_s, u"lib"_s} << true
                                << QByteArray("No task IDs");
        QTest::newRow("no library")
            << QStringList {u"watch"_s, u"10"_s} << true << QByteArray("No library");
        QTest::newRow("no credentials") << QStringList {u"watch"_s, u"--library"_s, u"lib"_s,
            u"10"_s} << false << QByteArray("No credentials");
        QTest::newRow("plain http") << QStringList {u"query"_s, u"--endpoint"_s,
            u"http://example.com"_s, u"--library"_s, u"lib"_s, u"10"_s}
                                    << true << QByteArray("https://");
        QTest::newRow("bad option") << QStringList {u"watch"_s, u"--frobnicate"_s, u"10"_s} << true
                                    << QByteArray("frobnicate");
        QTest::newRow("bad output")
            << QStringList {u"watch"_s, u"--output"_s, u"xml"_s, u"--library"_s, u"lib"_s, u"10"_s}
            << true << QByteArray("xml");
        QTest::newRow("unknown command, no display")
            << QStringList {u"frob"_s, u"--demo"_s, u"1"_s} << false << QByteArray("no display");
        QTest::newRow("options before a bad option")
            << QStringList {u"--output"_s, u"json"_s, u"--frobnicate"_s, u"query"_s, u"10"_s}
            << true << QByteArray("frobnicate");
        // Both faces: the window refuses it as the commands do, before any display.
        QTest::newRow("interval longer than max-interval") << QStringList {u"watch"_s,
            u"--interval"_s, u"120"_s, u"--max-interval"_s, u"60"_s, u"--library"_s, u"lib"_s,
            u"10"_s} << true << QByteArray("--max-interval");
        QTest::newRow("window: interval longer than max-interval") << QStringList {u"--interval"_s,
            u"120"_s, u"--max-interval"_s, u"60"_s} << true << QByteArray("--max-interval");
        QTest::newRow("bad request rate") << QStringList {u"watch"_s, u"--request-rate"_s, u"0"_s,
            u"--library"_s, u"lib"_s, u"10"_s}
                                          << true << QByteArray("--request-rate");
        QTest::newRow("bad interval")
            << QStringList {u"watch"_s, u"--interval"_s, u"-1"_s, u"--library"_s, u"lib"_s, u"10"_s}
            << true << QByteArray("--interval");
        // Past 2^32 ms: Qt's int timer would have given up after 0.7 s.
        QTest::newRow("timeout past the timers' range") << QStringList {u"watch"_s, u"--timeout"_s,
            u"4294968"_s, u"--library"_s, u"lib"_s, u"10"_s}
                                                        << true << QByteArray("--timeout");
        QTest::newRow("interval not a number") << QStringList {u"watch"_s, u"--interval"_s,
            u"nan"_s, u"--library"_s, u"lib"_s, u"10"_s}
                                               << true << QByteArray("--interval");
        QTest::newRow("interval that polls in a loop") << QStringList {u"watch"_s, u"--interval"_s,
            u"0.0000001"_s, u"--library"_s, u"lib"_s, u"10"_s}
                                                       << true << QByteArray("--interval");
        QStringList tooMany {u"watch"_s, u"--library"_s, u"lib"_s};
        for (qint64 i = 0; i < 11; ++i)
            tooMany << u"%1-%2"_s.arg(i * 100'000 + 1).arg((i + 1) * 100'000);
        QTest::newRow("over a million ids") << tooMany << true << QByteArray("1000000");
    }

    // A server's code, message and request ID are printed escaped: they cannot
    // retitle the terminal or overwrite a line with a fake verdict.
    void serverTextIsEscapedOnTheTerminal()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse hostile = HttpResponse::json(400,
            "{\"code\":\"Bad\\u001b]0;owned\\u0007\",\"message\":\"no\\r\\u001b[2Kall tasks "
            "succeeded\"}");
        hostile.headers.append(
            std::pair<QByteArray, QByteArray>("x-smh-request-id", "r-1\x1b[31m"));
        server.setFallback([hostile](const HttpRequest &) { return hostile; });
        const Run r = run({u"query"_s, u"--endpoint"_s, server.baseUrl().toString(), u"--library"_s,
            u"lib"_s, u"5"_s});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("400"), r.err.constData());
        for (const char c : {'\x1b', '\x07', '\r'})
            QVERIFY2(!r.err.contains(c), r.err.toPercentEncoding(" :\\\n").constData());
        QVERIFY2(r.err.contains("\\u001b"), r.err.constData());
    }

    void statusZeroAndAnEmptyResultArePrintedAsReturned()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setFallback([](const HttpRequest &) {
            return HttpResponse::json(
                200, R"([{"taskId":5,"status":0},{"taskId":6,"status":200,"result":{}}])");
        });
        const Run r = run({u"query"_s, u"--output"_s, u"json"_s, u"--endpoint"_s,
            server.baseUrl().toString(), u"--library"_s, u"lib"_s, u"5"_s, u"6"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray tasks =
            QJsonDocument::fromJson(r.out).object().value(u"tasks"_s).toArray();
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks.at(0).toObject().value(u"status"_s), QJsonValue(0));
        QCOMPARE(tasks.at(1).toObject().value(u"result"_s), QJsonValue(QJsonObject()));
    }

    // A reply over the 16 MiB cap: the batch is split and asked again, the
    // task too large alone ends "unknown" with its own error, and the others
    // are answered, by watch and query alike.
    void anOversizedTaskDoesNotHoldUpItsBatch_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("watch") << u"watch"_s << 6;
        QTest::newRow("query") << u"query"_s << 0;
    }

    void anOversizedTaskDoesNotHoldUpItsBatch()
    {
        QFETCH(QString, command);
        QFETCH(int, exitCode);
        ScriptedServer server;
        QVERIFY(server.listen());
        const QByteArray huge(SmhClient::defaultMaxReplyBytes + 1024, 'x');
        server.setFallback([&huge](const HttpRequest &request) {
            QByteArray body = "[";
            for (qint64 id : ScriptedServer::taskIds(request)) {
                if (body.size() > 1)
                    body += ',';
                body += "{\"taskId\":" + QByteArray::number(id) + ",\"status\":200,\"result\":";
                body += id == 3 ? "\"" + huge + "\"}" : QByteArray("{\"srcInode\":\"s\"}}");
            }
            return HttpResponse::json(200, body + ']');
        });
        const Run r = run(
            {command, u"--output"_s, u"json"_s, u"--interval"_s, u"0.05"_s, u"--timeout"_s, u"60"_s,
                u"--endpoint"_s, server.baseUrl().toString(), u"--library"_s, u"lib"_s, u"1-4"_s});
        QCOMPARE(r.exitCode, exitCode);
        const QJsonArray tasks =
            QJsonDocument::fromJson(r.out).object().value(u"tasks"_s).toArray();
        QCOMPARE(tasks.size(), 4);
        for (const QJsonValue &value : tasks) {
            const QJsonObject task = value.toObject();
            if (task[u"taskId"_s].toInt() == 3) {
                QCOMPARE(task[u"state"_s].toString(), u"unknown"_s);
                QCOMPARE(task[u"status"_s], QJsonValue(QJsonValue::Null));
                QVERIFY(task[u"error"_s].toString().contains(u"cannot be read"_s));
            } else {
                QCOMPARE(task[u"state"_s].toString(), u"succeeded"_s);
                QVERIFY(!task.contains(u"error"_s));
            }
        }
        // 1-4, then 1-2 and 3-4, then 3 and 4.
        QCOMPARE(server.requestCount(), 5);
    }

    // Every item of the batch failed: failed (exit 1), not partly failed.
    void batchWhoseItemsAllFailedExitsOneAsFailed()
    {
        SmhSimulator::TaskScript batch = m_simulator->scriptFor(21);
        batch.known = true;
        batch.startMs = m_simulator->nowMs();
        batch.runMs = 100;
        batch.result = QJsonArray {QJsonObject {{u"status"_s, 403}, {u"code"_s, u"NoPermission"_s}},
            QJsonObject {{u"status"_s, 404}, {u"code"_s, u"FileNotFound"_s}}};
        m_simulator->setTask(21, batch);
        const Run r = run(QStringList {u"watch"_s, u"--output"_s, u"json"_s} + connection()
            + QStringList {u"21"_s});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject document = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(document[u"tasks"_s][0][u"state"_s].toString(), u"failed"_s);
        QCOMPARE(document[u"summary"_s][u"failed"_s].toInt(), 1);
        QCOMPARE(document[u"summary"_s][u"partially_failed"_s].toInt(), 0);
    }

    // A right-to-left override from the server would reorder the line.
    void bidiControlsAreEscapedOnTheTerminal()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setFallback([](const HttpRequest &) {
            return HttpResponse::json(
                200, "[{\"taskId\":5,\"status\":200,\"result\":{\"path\":[\"a\u202Egpj.exe\"]}}]");
        });
        const Run r = run({u"query"_s, u"--endpoint"_s, server.baseUrl().toString(), u"--library"_s,
            u"lib"_s, u"5"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.out.contains("\u202E"), r.out.constData());
        QVERIFY2(r.out.contains("a\\u202egpj.exe"), r.out.constData());
    }

    // 500 then 200 for one task: never resolved toward success.
    void conflictingDuplicatesAreNotSuccess()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setFallback([](const HttpRequest &) {
            return HttpResponse::json(
                200, R"([{"taskId":5,"status":500},{"taskId":5,"status":200}])");
        });
        const Run r = run({u"watch"_s, u"--timeout"_s, u"1"_s, u"--endpoint"_s,
            server.baseUrl().toString(), u"--library"_s, u"lib"_s, u"5"_s});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("twice"), r.err.constData());
    }

    // A token no URL can carry is the server's fault (5), not a usage error (2).
    void aHugeTokenFromTheServerIsItsFault()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setFallback([](const HttpRequest &request) {
            if (request.pathSegments().value(2) == u"token") {
                const QJsonObject token {
                    {u"accessToken"_s, QString(100'000, u'a')}, {u"expiresIn"_s, 600}};
                return HttpResponse::json(200, QJsonDocument(token).toJson());
            }
            return ScriptedServer::answerAll(request);
        });
        QProcessEnvironment env;
        env.insert(u"SMH_LIBRARY_SECRET"_s, u"some-secret"_s);
        const Run r = run({u"query"_s, u"--endpoint"_s, server.baseUrl().toString(), u"--library"_s,
                              u"lib"_s, u"5"_s},
            env, {}, false);
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("access token"), r.err.constData());
        QVERIFY(r.err.size() < 2000);
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, withToken);
        QFETCH(QByteArray, message);
        const Run r = run(arguments, {}, {}, withToken);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
        // One clear line, not a cascade of consequences.
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }

    // Options may come before the command, values included: "json" and the
    // library ID are not commands, and no window (nor display) is wanted.
    void optionsBeforeTheCommand()
    {
        script(95, 0, 200);
        QStringList arguments = connection();
        arguments << u"--output"_s << u"json"_s << u"query"_s << u"95"_s;
        const Run r = run(arguments);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray tasks = QJsonDocument::fromJson(r.out).object().value(u"tasks").toArray();
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.at(0).toObject().value(u"taskId").toInteger(), 95);
        QCOMPARE(tasks.at(0).toObject().value(u"state").toString(), u"succeeded"_s);
    }

    void idsFromStdinAndFile()
    {
        script(40, 0, 200);
        script(41, 0, 200);
        script(42, 0, 200);
        Run r =
            run(QStringList {u"watch"_s} + connection() + QStringList {u"-"_s}, {}, "40\n41, 42\n");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out).count(u"succeeded"_s), 3);

        QTemporaryDir dir;
        QFile file(dir.filePath(u"ids.txt"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("40-42\n");
        file.close();
        r = run(QStringList {u"watch"_s, u"--output"_s, u"json"_s, u"--ids-file"_s, file.fileName()}
            + connection());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"tasks").toArray().size(), 3);

        r = run(
            QStringList {u"watch"_s, u"--ids-file"_s, dir.filePath(u"missing"_s)} + connection());
        QCOMPARE(r.exitCode, 2);
    }

    void refusedTokenExitsFour()
    {
        script(50, 100'000, 200);
        QProcessEnvironment env;
        env.insert(u"SMH_ACCESS_TOKEN"_s, u"definitely-not-a-valid-token"_s);
        const Run r = run(QStringList {u"watch"_s, u"--output"_s, u"json"_s} + connection()
                + QStringList {u"50"_s},
            env);
        QCOMPARE(r.exitCode, 4);
        QVERIFY(r.err.contains("InvalidAccessToken"));
        QVERIFY(!r.err.contains("definitely-not-a-valid-token"));
        QVERIFY(!r.out.contains("definitely-not-a-valid-token"));
        // A script reading JSON gets its document, with the task never answered.
        const QJsonObject document = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(document.value(u"tasks").toArray().size(), 1);
        QCOMPARE(document.value(u"summary").toObject().value(u"queued").toInt(), 1);
    }

    void wrongSecretExitsFourAndSecretNeverShows()
    {
        QTemporaryDir dir;
        QFile secret(dir.filePath(u"secret"_s));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("wrong-secret-value-123\n");
        secret.close();
        const Run r = run(QStringList {u"watch"_s, u"--secret-file"_s, secret.fileName()}
                + connection() + QStringList {u"50"_s},
            {}, {}, false);
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!r.err.contains("wrong-secret-value-123"));
        QVERIFY(!r.out.contains("wrong-secret-value-123"));
        // SMH's 404 WrongLibraryIdOrSecret: said plainly, at once, no retries.
        QVERIFY2(r.err.contains("library ID or secret is wrong"), r.err.constData());
        QVERIFY(r.err.contains("WrongLibraryIdOrSecret"));
        QVERIFY(r.err.contains("sim-")); // the request ID
        QVERIFY(!r.err.contains("retrying"));
        QCOMPARE(m_simulator->taskQueryCount(), 0);
    }

    // Each SMH error code the monitor acts on, with the exit code a script
    // sees and a message naming the code and the request ID.
    void errorCodesExit_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("403 InvalidAccessToken") << 403 << u"InvalidAccessToken"_s << 4;
        QTest::newRow("403 NoPermission") << 403 << u"NoPermission"_s << 4;
        QTest::newRow("403 AccessTokenNotMatchSpace") << 403 << u"AccessTokenNotMatchSpace"_s << 4;
        QTest::newRow("404 LibraryNotFound") << 404 << u"LibraryNotFound"_s << 2;
        QTest::newRow("404 SpaceNotFound") << 404 << u"SpaceNotFound"_s << 2;
    }

    void errorCodesExit()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(int, exitCode);
        script(60, 100'000, 200);
        m_simulator->failNextQueries(
            1000, HttpResponse::error(status, code, u"refused"_s, u"req-%1"_s.arg(status)));
        const Run r = run(QStringList {u"watch"_s} + connection() + QStringList {u"60"_s});
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(code.toUtf8()), r.err.constData());
        QVERIFY(r.err.contains(u"req-%1"_s.arg(status).toUtf8()));
        QVERIFY(!r.err.contains("retrying"));
        QCOMPARE(m_simulator->taskQueryCount(), 1);
    }

    // A wrong library with a static token: a configuration error, exit 2.
    void wrongLibraryExitsTwo()
    {
        const Run r = run(QStringList {u"query"_s, u"--endpoint"_s,
            m_simulator->baseUrl().toString(), u"--library"_s, u"nosuchlibrary"_s, u"7"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("LibraryNotFound"), r.err.constData());
        QVERIFY(r.err.contains("no such library"));
    }

    void timeoutExitsFive()
    {
        script(60, 100'000, 200);
        const Run r =
            run(QStringList {u"watch"_s, u"--timeout"_s, u"0.5"_s, u"--output"_s, u"json"_s}
                + connection() + QStringList {u"60"_s});
        QCOMPARE(r.exitCode, 5);
        QVERIFY(r.err.contains("timeout"));
        // The last known state is still printed.
        QCOMPARE(QJsonDocument::fromJson(r.out)
                     .object()
                     .value(u"tasks")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"state")
                     .toString(),
            u"running"_s);
    }

    void unreachableServerExitsFive()
    {
        const QUrl dead = m_simulator->baseUrl();
        m_simulator->server().close();
        const Run r =
            run({u"query"_s, u"--endpoint"_s, dead.toString(), u"--library"_s, u"lib"_s, u"1"_s});
        QCOMPARE(r.exitCode, 5);
        QVERIFY(!r.err.isEmpty());
    }

    void transientFaultsAreRetriedDuringWatch()
    {
        script(70, 300, 200);
        HttpResponse busy = HttpResponse::error(503, u"Busy"_s, u"try later"_s, u"r-1"_s);
        busy.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "0"));
        m_simulator->failNextQueries(3, busy);
        const Run r = run(QStringList {u"watch"_s} + connection() + QStringList {u"70"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(m_simulator->taskQueryCount() >= 4);
        QVERIFY(r.err.contains("503"));
        // One line per failed attempt, numbered.
        QCOMPARE(r.err.count("retrying"), 3);
        QVERIFY(r.err.contains("attempt 1 of 10"));
        QVERIFY(r.err.contains("attempt 3 of 10"));
    }

    void tokensAreRenewedDuringALongWatch()
    {
        m_simulator->setTokenLifetimeSeconds(1);
        script(80, 2500, 204);
        QTemporaryDir dir;
        QFile secret(dir.filePath(u"secret"_s));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write(m_simulator->librarySecret().toUtf8());
        secret.close();
        QStringList arguments =
            QStringList {u"watch"_s, u"--secret-file"_s, secret.fileName()} + connection();
        // Poll rarely so that the token would lapse without renewal.
        arguments.replace(arguments.indexOf(u"0.05"_s), u"0.9"_s);
        arguments.replace(arguments.indexOf(u"0.2"_s), u"2"_s);
        const Run r = run(arguments + QStringList {u"80"_s}, {}, {}, false);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(m_simulator->renewCount() >= 1);
        QVERIFY(!r.err.contains(m_simulator->librarySecret().toUtf8()));
    }

    void profileUsesASavedConnection()
    {
        script(90, 0, 204);
        QTemporaryDir data;
        QVERIFY(saveProfile(data, u"production"_s) > 0);
        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, data.path());
        Run r =
            run({u"watch"_s, u"--profile"_s, u"production"_s, u"--interval"_s, u"0.05"_s, u"90"_s},
                env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("succeeded_no_result"));

        r = run({u"watch"_s, u"--profile"_s, u"staging"_s, u"90"_s}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("staging"));
    }

    void profileReadsItsTokenFromThePrivateFile()
    {
        script(91, 0, 200);
        QTemporaryDir data;
        const qint64 id = saveProfile(data, u"no-keychain"_s);
        QVERIFY(id > 0);
        {
            // What the window does when the user opts in to the file.
            SecretStore secrets;
            secrets.setKeychainEnabled(false);
            secrets.setPrivateFilePath(data.filePath(u"smh-task-monitor/secrets.json"_s));
            secrets.write(id, m_token);
            SMH_VERIFY(secrets.enablePrivateFile());
        }
        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, data.path());
        // No keychain on this "machine": the file is the only place left.
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/bus"_s);
        const QStringList arguments {
            u"watch"_s, u"--profile"_s, u"no-keychain"_s, u"--interval"_s, u"0.05"_s, u"91"_s};
        Run r = run(arguments, env, {}, false);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("succeeded"));

        // A file others can read is refused, and the user is told why.
        const QString file = data.filePath(u"smh-task-monitor/secrets.json"_s);
        QVERIFY(QFile::setPermissions(
            file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        r = run(arguments, env, {}, false);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("chmod 600"), r.err.constData());
        QVERIFY(!r.err.contains("kept in")); // never "all is well" about a refused file

        // Without the file there is nothing to authenticate with: a usage error.
        QVERIFY(QFile::remove(file));
        r = run(arguments, env, {}, false);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("No credentials"));
    }

    // One ledger, every door: what a script watched with --profile is in
    // the operator's ledger afterwards, under that connection, with its
    // states and timeline; --no-record and commands without --profile leave
    // the ledger alone.
    void profileRecordsWhatItWatches()
    {
        script(92, 0, 204);
        script(93, 0, 500);
        script(94, 0, 200);
        QTemporaryDir data;
        const qint64 id = saveProfile(data, u"production"_s);
        QVERIFY(id > 0);
        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, data.path());
        Run r = run({u"watch"_s, u"--profile"_s, u"production"_s, u"--interval"_s, u"0.05"_s,
                        u"92"_s, u"93"_s},
            env);
        QVERIFY2(r.exitCode == 1, qPrintable(r.text())); // 93 failed
        r = run({u"query"_s, u"--profile"_s, u"production"_s, u"--no-record"_s, u"94"_s}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        r = run(QStringList {u"watch"_s} + connection() + QStringList {u"94"_s}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));

        TaskStore ledger;
        SMH_VERIFY(ledger.open(data.filePath(u"smh-task-monitor/ledger.sqlite"_s)));
        QCOMPARE(ledger.taskCount(), 2);
        QCOMPARE(ledger.task({id, 92})->state, TaskState::SucceededNoResult);
        QCOMPARE(ledger.task({id, 93})->state, TaskState::Failed);
        QVERIFY(ledger.task({id, 93})->lastPolledAt.isValid());
        const QList<TaskTransition> timeline = ledger.timeline({id, 93});
        QVERIFY(!timeline.isEmpty());
        QCOMPARE(timeline.constLast().to, TaskState::Failed);
        QCOMPARE(ledger.connections().size(), 1); // the profile's, not a new one
    }

    // Without IDs, watch --profile follows the connection's unfinished
    // tasks (and those only: not the finished ones, not other connections').
    void profileWithoutIdsWatchesItsUnfinishedTasks()
    {
        script(95, 100, 200);
        script(96, 0, 204);
        QTemporaryDir data;
        const qint64 id = saveProfile(data, u"production"_s);
        QVERIFY(id > 0);
        const QString path = data.filePath(u"smh-task-monitor/ledger.sqlite"_s);
        {
            TaskStore ledger;
            SMH_VERIFY(ledger.open(path));
            const QDateTime now = QDateTime::currentDateTimeUtc();
            QCOMPARE(ledger.addTasks(id, {95, 96, 97}, {}, now)->size(), 3);
            // 97 ended long ago: not asked again.
            QVERIFY(ledger.applyObservations({{{id, 97}, TaskState::Succeeded, 200, {}, now}}));
        }
        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, data.path());
        const Run r = run({u"watch"_s, u"--profile"_s, u"production"_s, u"--interval"_s, u"0.05"_s,
                              u"--output"_s, u"json"_s},
            env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QSet<qint64> watched;
        const QJsonArray tasks = QJsonDocument::fromJson(r.out).object().value(u"tasks").toArray();
        for (const QJsonValue &task : tasks)
            watched.insert(task.toObject().value(u"taskId").toInteger());
        QCOMPARE(watched, (QSet<qint64> {95, 96}));

        TaskStore ledger;
        SMH_VERIFY(ledger.open(path));
        QCOMPARE(ledger.task({id, 95})->state, TaskState::Succeeded);
    }

    // The window (a store and its table model on the same file) sees what a
    // script records while it runs, without being restarted.
    void aHeadlessWriteIsSeenByAnOpenWindow()
    {
        script(98, 2000, 200); // long enough for the window to see it running first
        QTemporaryDir data;
        const qint64 id = saveProfile(data, u"production"_s);
        QVERIFY(id > 0);
        TaskStore window;
        SMH_VERIFY(window.open(
            data.filePath(u"smh-task-monitor/ledger.sqlite"_s), TaskStore::LoadMode::InBackground));
        TaskTableModel model(&window);
        QAbstractItemModelTester tester(&model);
        QSignalSpy finished(&window, &TaskStore::transitioned);
        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, data.path());
        const Run r =
            run({u"watch"_s, u"--profile"_s, u"production"_s, u"--interval"_s, u"0.05"_s, u"98"_s},
                env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QTRY_COMPARE(model.rowCount(), 1);
        QTRY_COMPARE(window.task({id, 98})->state, TaskState::Succeeded);
        bool announced = false;
        for (const QList<QVariant> &signal : std::as_const(finished)) {
            for (const TaskTransition &t : signal.at(0).value<QList<TaskTransition>>())
                announced |= t.key == TaskKey {id, 98} && t.to == TaskState::Succeeded;
        }
        QVERIFY(announced);
    }

    // A ledger that cannot take the writes (full, read-only): said on
    // stderr, exit code 2, and the tasks are watched all the same.
    void aFullLedgerIsSaidAndTheTasksStillWatched()
    {
        for (qint64 id = 1000; id < 1300; ++id)
            script(id, 0, 200, false); // not found: over at the first answer
        QTemporaryDir data;
        QVERIFY(saveProfile(data, u"production"_s) > 0);
        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, data.path());
        CliProcess::Options options;
        options.environment = env;
        options.environment.insert(u"SMH_ACCESS_TOKEN"_s, m_token);
        options.secrets = {m_token};
        // A disk with 32 KiB left for any file: the ledger's write-ahead log
        // cannot take 300 new tasks.
        options.fileSizeLimit = 32 * 1024;
        const QStringList arguments {u"watch"_s, u"--profile"_s, u"production"_s, u"--interval"_s,
            u"0.05"_s, u"--output"_s, u"json"_s, u"1000-1299"_s};
        const Run r = CliProcess::run(QStringLiteral(SMH_BINARY), arguments, options);
        QVERIFY2(r.exitCode == 2, qPrintable(r.text()));
        QVERIFY2(r.err.contains("cannot record the tasks in the ledger"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1); // one sentence, no Qt or SQLite noise besides
        const QJsonObject result = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(result.value(u"tasks").toArray().size(), 300);
        QCOMPARE(result.value(u"summary").toObject().value(u"not_found").toInt(), 300);
    }

    void aReadOnlyLedgerIsSaidAndTheTasksStillWatched()
    {
        for (qint64 id = 1000; id < 1300; ++id)
            script(id, 0, 200, false);
        QTemporaryDir data;
        QVERIFY(saveProfile(data, u"production"_s) > 0);
        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, data.path());
        const QStringList arguments {u"watch"_s, u"--profile"_s, u"production"_s, u"--interval"_s,
            u"0.05"_s, u"--output"_s, u"json"_s, u"1000-1299"_s};
        if (::geteuid() == 0)
            QSKIP("root writes to read-only files; run as a user to check that case");
        const QString folder = data.filePath(u"smh-task-monitor"_s);
        QVERIFY(QFile::setPermissions(folder + u"/ledger.sqlite"_s, QFileDevice::ReadOwner));
        QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const Run r = run(arguments, env);
        QFile::setPermissions(
            folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY2(r.exitCode == 2, qPrintable(r.text()));
        QVERIFY2(r.err.contains("read-only"), r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"tasks").toArray().size(), 300);
    }

    // The printed results of `query`, byte for byte, in every format, against
    // files written by the program before the headless commands streamed
    // their output instead of building it whole (a million tasks took
    // gigabytes). Tasks of every kind: running, each final state, unknown
    // IDs, a batch, a status the API does not document, Chinese paths. A
    // change of output that is meant updates the files:
    // SMH_UPDATE_GOLDEN=1 writes them.
    void queryOutputIsAsBefore_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("text") << u"text"_s;
        QTest::newRow("json") << u"json"_s;
        QTest::newRow("jsonl") << u"jsonl"_s;
    }

    void queryOutputIsAsBefore()
    {
        QFETCH(QString, format);
        for (qint64 id = 5000; id < 5240; ++id) {
            SmhSimulator::TaskScript s = m_simulator->scriptFor(id);
            s.startMs = m_simulator->nowMs();
            s.runMs = id % 3 == 0 ? 600'000 : 0;
            if (id % 37 == 0)
                s.finalStatus = 299; // undocumented
            m_simulator->setTask(id, s);
        }
        SmhSimulator::TaskScript batch = m_simulator->scriptFor(5241);
        batch.startMs = m_simulator->nowMs();
        batch.runMs = 0;
        batch.finalStatus = 200;
        batch.result = QJsonArray {
            QJsonObject {{u"status"_s, 200}, {u"path"_s, QJsonArray {u"相册"_s, u"一.jpg"_s}}},
            QJsonObject {{u"status"_s, 403}, {u"code"_s, u"NoPermission"_s},
                {u"path"_s, QJsonArray {u"a"_s, u"b\tc"_s}}}};
        m_simulator->setTask(5241, batch);
        const Run r = run(QStringList {u"query"_s, u"--output"_s, format} + connection()
            + QStringList {u"5241,5000-5239,5000,99999"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QByteArray out = r.out;
        // The one thing that changes between runs: when a line was printed.
        static const QRegularExpression time(u"\"time\":\"[^\"]*\""_s);
        out = QString::fromUtf8(out).replace(time, u"\"time\":\"-\""_s).toUtf8();
        const QString golden =
            qEnvironmentVariable("SMH_TEST_DATA") + u"/cli/query-golden."_s + format;
        if (qEnvironmentVariableIntValue("SMH_UPDATE_GOLDEN")) {
            QFile file(golden);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(out);
        }
        QFile file(golden);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(golden));
        const QByteArray expected = file.readAll();
        QVERIFY(expected.size() > 1000);
        QCOMPARE(out, expected);
    }

    // Thousands of tasks, hostile text in their results: the document written
    // task by task is, to the byte, what one QJsonDocument of the whole
    // gives (how the query printed before), and every jsonl line is the
    // compact form of its object.
    void jsonAtScaleIsTheWholeDocument_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("json") << u"json"_s;
        QTest::newRow("jsonl") << u"jsonl"_s;
    }

    void jsonAtScaleIsTheWholeDocument()
    {
        QFETCH(QString, format);
        constexpr qint64 first = 20'000;
        constexpr qint64 count = 4'000;
        for (qint64 id = first; id < first + count; ++id) {
            SmhSimulator::TaskScript s = m_simulator->scriptFor(id);
            s.known = id % 11 != 0;
            s.startMs = m_simulator->nowMs();
            s.runMs = id % 3 == 0 ? 600'000 : 0;
            if (id % 5 == 0)
                s.result = QJsonObject {{u"path"_s, QJsonArray {u"a\u001b]0;x\u0007"_s, u"\"\\"_s}},
                    {u"note"_s, u"\u202e\u2028😀\n"_s}, {u"size"_s, 0.5}, {u"id"_s, id}};
            m_simulator->setTask(id, s);
        }
        const Run r = run(QStringList {u"query"_s, u"--output"_s, format} + connection()
            + QStringList {u"%1-%2"_s.arg(first).arg(first + count - 1)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(!r.out.contains('\x1b'));
        if (format == u"json") {
            const QJsonDocument document = QJsonDocument::fromJson(r.out);
            QCOMPARE(document.object().value(u"tasks").toArray().size(), count);
            QVERIFY(r.out == document.toJson(QJsonDocument::Indented));
            return;
        }
        const QList<QByteArray> lines = r.out.split('\n');
        QCOMPARE(lines.constLast(), QByteArray()); // every line ends
        QCOMPARE(lines.size(), count + 2); // one per task, the summary
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            const QJsonDocument line = QJsonDocument::fromJson(lines.at(i));
            QVERIFY2(line.isObject(), lines.at(i).constData());
            QCOMPARE(line.toJson(QJsonDocument::Compact), lines.at(i));
        }
    }

    // A full disk under standard output: the results never arrived, so the
    // command says so once and ends with 5 (gave up), not 0; a watch does
    // not go on for hours printing to nobody.
    void unwritableOutputIsAnError_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("format");
        QTest::newRow("query text") << u"query"_s << u"text"_s;
        QTest::newRow("query json") << u"query"_s << u"json"_s;
        QTest::newRow("query jsonl") << u"query"_s << u"jsonl"_s;
        QTest::newRow("watch jsonl") << u"watch"_s << u"jsonl"_s;
    }

    void unwritableOutputIsAnError()
    {
        QFETCH(QString, command);
        QFETCH(QString, format);
        for (qint64 id = 7000; id < 9000; ++id) {
            SmhSimulator::TaskScript s = m_simulator->scriptFor(id);
            s.known = true;
            s.startMs = m_simulator->nowMs();
            s.runMs = 3'600'000; // a watch of them would last an hour
            m_simulator->setTask(id, s);
        }
        CliProcess::Options options;
        options.environment.insert(u"SMH_ACCESS_TOKEN"_s, m_token);
        QProcess process;
        process.setProcessEnvironment(CliProcess::environment(options.environment));
        process.setStandardOutputFile(u"/dev/full"_s);
        process.start(QStringLiteral(SMH_BINARY),
            QStringList {command, u"--output"_s, format} + connection()
                + QStringList {u"7000-8999"_s});
        QVERIFY(process.waitForStarted(10'000));
        const CliProcess::Run r =
            CliProcess::finish(process, options); // the simulator answers meanwhile
        QVERIFY2(r.exitCode == 5, qPrintable(r.text()));
        // The one thing that went wrong, said once.
        QCOMPARE(r.err.trimmed().split('\n').size(), 1);
        QVERIFY2(r.err.startsWith("smh-task-monitor: cannot write the results to standard output: "
                                  "No space left on device"),
            qPrintable(r.text()));
    }

    void demoNeedsNoAccount()
    {
        Run r =
            run({u"query"_s, u"--demo"_s, u"--output"_s, u"json"_s, u"1001-1003"_s}, {}, {}, false);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"tasks").toArray().size(), 3);

        // Without IDs, the demo's own tasks: every state among them.
        r = run({u"query"_s, u"--demo"_s, u"--output"_s, u"json"_s}, {}, {}, false);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray tasks = QJsonDocument::fromJson(r.out).object().value(u"tasks").toArray();
        QCOMPARE(tasks.size(), 28);
        QSet<qint64> ids;
        for (const QJsonValue &task : tasks)
            ids.insert(task.toObject().value(u"taskId").toInteger());
        QVERIFY(ids.contains(990));
        QVERIFY(ids.contains(1001));
        QVERIFY(ids.contains(1025));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
