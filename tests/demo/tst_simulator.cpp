#include "testjobs.h"

#include "demo/smhsimulator.h"
#include "smh/smhclient.h"
#include "tasks/taskstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

SmhSimulator::TaskScript script(qint64 startMs, qint64 runMs, int finalStatus)
{
    SmhSimulator::TaskScript script;
    script.startMs = startMs;
    script.runMs = runMs;
    script.finalStatus = finalStatus;
    script.convertFrom = {u"foo"_s, u"bar"_s, u"test.docx"_s};
    script.path = {u"foo"_s, u"ba_1x1"_s, u"test.pdf"_s};
    script.srcInode = u"src"_s;
    script.dstInode = u"dst"_s;
    return script;
}

} // namespace

// The simulator stands in for SMH in --demo and in tests: it must behave like
// the documented API, driven by a clock the test controls.
class TestSimulator final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    std::unique_ptr<SmhClient> m_client;
    qint64 m_nowMs = 0;

    ConnectionSettings settings(bool libraryLevel = false) const
    {
        ConnectionSettings settings;
        settings.endpoint = m_simulator->baseUrl();
        settings.libraryId = m_simulator->libraryId();
        settings.libraryLevel = libraryLevel;
        return settings;
    }

    JobResult query(const QList<qint64> &ids, bool libraryLevel = false)
    {
        return TestJobs::wait(
            m_client->queryTasks(settings(libraryLevel), m_simulator->staticToken(), ids));
    }

    struct Raw
    {
        int status = 0;
        QByteArray body;
    };

    Raw raw(const QByteArray &verb, const QString &pathAndQuery)
    {
        QNetworkAccessManager network;
        const QUrl url = QUrl(m_simulator->baseUrl().toString() + pathAndQuery, QUrl::StrictMode);
        QNetworkReply *reply = network.sendCustomRequest(QNetworkRequest(url), verb);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000))
            return {};
        Raw result {
            reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
        delete reply;
        return result;
    }

private Q_SLOTS:
    void init()
    {
        m_nowMs = 0;
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        QVERIFY(m_simulator->start());
        m_client = std::make_unique<SmhClient>();
    }

    void cleanup()
    {
        m_client.reset();
        m_simulator.reset();
    }

    void tasksProgressOverTheClock_data()
    {
        QTest::addColumn<bool>("libraryLevel");
        QTest::newRow("spaced") << false;
        QTest::newRow("library level") << true;
    }

    void tasksProgressOverTheClock()
    {
        QFETCH(bool, libraryLevel);
        m_simulator->setTask(1, script(0, 1000, 200));
        m_simulator->setTask(2, script(0, 2000, 500));
        m_simulator->setTask(3, script(500, 1000, 204));
        m_simulator->setTask(4, script(0, 1000, 409));
        const QList<qint64> ids {1, 2, 3, 4};

        JobResult result = query(ids, libraryLevel);
        QVERIFY2(!result.error().isError(), qPrintable(result.error().toString()));
        for (const TaskStatusReport &report : result.reports) {
            QVERIFY(report.found);
            QCOMPARE(report.status, TaskStatusReport::statusRunning);
            QVERIFY(!report.result);
        }

        m_nowMs = 999;
        result = query(ids, libraryLevel);
        QCOMPARE(result.report(1).status, 202);

        m_nowMs = 1000;
        result = query(ids, libraryLevel);
        QCOMPARE(result.report(1).status, 200);
        QVERIFY(result.report(1).result);
        QCOMPARE(TaskResult::joined(result.report(1).result->convertFrom), u"foo/bar/test.docx"_s);
        QCOMPARE(TaskResult::joined(result.report(1).result->path), u"foo/ba_1x1/test.pdf"_s);
        QCOMPARE(result.report(1).result->srcInode, u"src"_s);
        QCOMPARE(result.report(2).status, 202);
        QCOMPARE(result.report(3).status, 202); // started at 500
        QCOMPARE(result.report(4).status, 409); // undocumented, passed through

        m_nowMs = 2000;
        result = query(ids, libraryLevel);
        QCOMPARE(result.report(2).status, 500);
        QVERIFY(!result.report(2).result);
        QCOMPARE(result.report(3).status, 204);
        QVERIFY(!result.report(3).result);
        QCOMPARE(m_simulator->taskQueryCount(), 4);
        QCOMPARE(m_simulator->lastQueriedIds(), ids);
    }

    void unknownIdsAreNotReturned()
    {
        SmhSimulator::TaskScript gone;
        gone.known = false;
        m_simulator->setTask(7, gone);
        m_simulator->setTask(8, script(0, 0, 204));
        const JobResult result = query({7, 8});
        QVERIFY(!result.error().isError());
        QVERIFY(!result.report(7).found);
        QCOMPARE(result.report(7).taskId, 7);
        QVERIFY(result.report(8).found);

        const Raw body = raw("GET",
            u"/api/v1/task/%1/-/7,8?access_token=%2"_s.arg(
                m_simulator->libraryId(), m_simulator->staticToken()));
        QCOMPARE(body.status, 200);
        const QJsonArray array = QJsonDocument::fromJson(body.body).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(array.at(0).toObject().value(u"taskId").toInteger(), 8);
        // An extra field, as real replies may carry; the client ignored it above.
        QVERIFY(array.at(0).toObject().contains(u"kind"));
    }

    void unconfiguredIdsFollowTheirScript()
    {
        // Find an ID the deterministic script calls unknown, and one it runs.
        qint64 unknown = 0;
        qint64 runs = 0;
        for (qint64 id = 1; (unknown == 0 || runs == 0) && id < 10'000; ++id) {
            const SmhSimulator::TaskScript s = m_simulator->scriptFor(id);
            if (!s.known && unknown == 0)
                unknown = id;
            else if (s.known && s.finalStatus == 200 && runs == 0)
                runs = id;
        }
        QVERIFY(unknown != 0 && runs != 0);
        const SmhSimulator::TaskScript first = m_simulator->scriptFor(runs);
        QCOMPARE(m_simulator->scriptFor(runs).runMs, first.runMs); // deterministic
        QCOMPARE(m_simulator->scriptFor(runs).path, first.path);

        m_nowMs = 50'000;
        JobResult result = query({unknown, runs});
        QVERIFY(!result.report(unknown).found);
        QCOMPARE(result.report(runs).status, 202); // starts when first asked about
        m_nowMs += first.runMs;
        result = query({unknown, runs});
        QCOMPARE(result.report(runs).status, 200);
        QVERIFY(result.report(runs).result);
    }

    void scriptsCoverEveryOutcome()
    {
        QSet<int> finals;
        int unknown = 0;
        for (qint64 id = 1; id <= 2000; ++id) {
            const SmhSimulator::TaskScript s = m_simulator->scriptFor(id);
            if (s.known)
                finals.insert(s.finalStatus);
            else
                ++unknown;
        }
        QCOMPARE(finals, QSet<int>({200, 204, 500, 409}));
        QVERIFY(unknown > 0);
    }

    void wrongLibrary_data()
    {
        QTest::addColumn<bool>("libraryLevel");
        QTest::newRow("spaced") << false;
        QTest::newRow("library level") << true;
    }

    void wrongLibrary()
    {
        QFETCH(bool, libraryLevel);
        ConnectionSettings connection = settings(libraryLevel);
        connection.libraryId = u"nosuchlib"_s;
        const JobResult result =
            TestJobs::wait(m_client->queryTasks(connection, m_simulator->staticToken(), {1}));
        QCOMPARE(result.error().httpStatus(), 404);
        QCOMPARE(result.error().code(), u"LibraryNotFound"_s);
        QVERIFY(!result.error().requestId().isEmpty());
        QVERIFY(!result.error().isAuthError());
        QVERIFY(result.error().isConfigurationError());
    }

    void badToken()
    {
        const JobResult result =
            TestJobs::wait(m_client->queryTasks(settings(), u"not-a-valid-token"_s, {1}));
        QCOMPARE(result.error().httpStatus(), 403);
        QCOMPARE(result.error().code(), u"InvalidAccessToken"_s);
        QVERIFY(result.error().isTokenRejected());

        QVERIFY(!query({1}).error().isError());
        m_simulator->revokeAllTokens();
        QCOMPARE(query({1}).error().httpStatus(), 403);
    }

    void issuedTokens()
    {
        const QString forever = m_simulator->issueToken();
        const QString brief = m_simulator->issueToken(10);
        QVERIFY(forever != brief);
        QVERIFY(forever != m_simulator->staticToken());
        auto use = [this](const QString &token) {
            return TestJobs::wait(m_client->queryTasks(settings(), token, {1})).error();
        };
        QVERIFY(!use(brief).isError());
        m_nowMs += 9'000;
        QVERIFY(!use(brief).isError()); // used: extended by its period again
        m_nowMs += 9'000;
        QVERIFY(!use(brief).isError());
        m_nowMs += 10'001;
        QCOMPARE(use(brief).code(), u"InvalidAccessToken"_s);
        m_nowMs += 1'000'000'000;
        QVERIFY(!use(forever).isError());
    }

    void failNextQueries()
    {
        m_simulator->failNextQueries(
            2, HttpResponse::error(503, u"ServiceUnavailable"_s, u"busy"_s, u"inj-1"_s));
        JobResult result = query({1});
        QCOMPARE(result.error().httpStatus(), 503);
        QCOMPARE(result.error().requestId(), u"inj-1"_s);
        QVERIFY(result.error().isTransient());
        result = query({1});
        QCOMPARE(result.error().httpStatus(), 503);
        result = query({1});
        QVERIFY(!result.error().isError());
        QCOMPARE(m_simulator->taskQueryCount(), 3);

        HttpResponse drop;
        drop.dropConnection = true;
        // QNAM may resend once on a dropped kept-alive connection, so two.
        m_simulator->failNextQueries(2, drop);
        result = query({1});
        QCOMPARE(result.error().kind(), SmhError::Kind::Network);
    }

    void protocolErrors()
    {
        const QString token = m_simulator->staticToken();
        const QString library = m_simulator->libraryId();
        Raw reply = raw("GET", u"/api/v1/task/%1/-/1,x?access_token=%2"_s.arg(library, token));
        QCOMPARE(reply.status, 400);
        QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(u"code").toString(),
            u"InvalidArgument"_s);
        reply = raw("POST", u"/api/v1/task/%1/-/1?access_token=%2"_s.arg(library, token));
        QCOMPARE(reply.status, 405);
        reply = raw("GET", u"/api/v2/task/%1/-/1"_s.arg(library));
        QCOMPARE(reply.status, 404);
        reply = raw("GET", u"/api/v1/task/%1/a/b/1"_s.arg(library));
        QCOMPARE(reply.status, 404);
        reply = raw("PUT", u"/api/v1/token"_s);
        QCOMPARE(reply.status, 404);
    }

    void seededDemo()
    {
        const QList<qint64> ids = m_simulator->seedDemoTasks();
        QCOMPARE(ids.size(), 28);
        QVERIFY(ids.contains(990));
        QVERIFY(ids.contains(1025));
        const JobResult result = query(ids);
        QVERIFY(!result.error().isError());
        QVERIFY(!result.report(990).found);
        QCOMPARE(result.report(1001).status, 202);
        // Some ended before the monitor started: all IDs divisible by 5 started 2 min ago.
        QVERIFY(result.report(1005).found);
        QVERIFY(result.report(1005).status != 202);
        m_nowMs += 200'000;
        const JobResult later = query(ids);
        QCOMPARE(later.report(1003).status, 500);
        QCOMPARE(later.report(1006).status, 204);
        QCOMPARE(later.report(1025).status, 409);
        // The batch tasks: one whole, one with two refused items.
        const TaskResult deleted = *later.report(1026).result;
        QCOMPARE(deleted.shape, TaskResult::Shape::Batch);
        QCOMPARE(deleted.readItems().size(), 12);
        QCOMPARE(TaskStates::fromReport(later.report(1026)), TaskState::Succeeded);
        const TaskResult moved = *later.report(1027).result;
        QCOMPARE(moved.readItems().size(), 1000);
        QCOMPARE(moved.itemCounts(), u"998 done, 2 failed"_s);
        QCOMPARE(TaskStates::fromReport(later.report(1027)), TaskState::PartlyFailed);
    }

    void clearingHistory()
    {
        const QString reader = m_simulator->staticToken();
        const QString admin = m_simulator->issueToken(0, true);
        const QString lib = m_simulator->libraryId();
        const QString history = u"/api/v1/directory-history/"_s + lib + u"/library-history"_s;
        // Admin only: settings, clear and usage.
        QCOMPARE(raw("GET", history + u"?access_token="_s + reader).status, 403);
        QCOMPARE(raw("DELETE", history + u"?access_token="_s + reader).status, 403);
        QCOMPARE(raw("GET", u"/api/v1/usage/"_s + lib + u"?access_token="_s + reader).status, 403);

        m_simulator->setHistoryState({true, 5, 7, 0});
        m_simulator->setUsage(1000, 500);
        const Raw settings = raw("GET", history + u"?access_token="_s + admin);
        QCOMPARE(settings.status, 200);
        QCOMPARE(QJsonDocument::fromJson(settings.body).object().value(u"enableFileHistory"),
            QJsonValue(true));
        // Refused while history is on.
        QCOMPARE(raw("DELETE", history + u"?access_token="_s + admin).status, 400);
        QCOMPARE(m_simulator->clearCount(), 0);

        m_simulator->setHistoryState({false, 5, 7, 0});
        const Raw cleared = raw("DELETE", history + u"?access_token="_s + admin);
        QCOMPARE(cleared.status, 202);
        const qint64 taskId =
            QJsonDocument::fromJson(cleared.body).object().value(u"taskId").toInteger();
        QVERIFY(taskId > 0);
        // One a minute.
        QCOMPARE(raw("DELETE", history + u"?access_token="_s + admin).status, 429);
        m_nowMs += SmhSimulator::clearIntervalMs;
        QCOMPARE(raw("DELETE", history + u"?access_token="_s + admin).status, 202);

        // Library-level query only; v2 tells the count when done.
        QCOMPARE(query({taskId}).report(taskId).found, false);
        QCOMPARE(query({taskId}, true).report(taskId).status, 200); // 60 s later: done
        const Raw v2 = raw("GET",
            u"/api/v1/task-result/"_s + lib + u'/' + QString::number(taskId) + u"?access_token="_s
                + reader);
        QCOMPARE(v2.status, 200);
        const QJsonObject result = QJsonDocument::fromJson(v2.body).object();
        QCOMPARE(result.value(u"taskType").toString(), u"clearLibraryHistory"_s);
        QVERIFY(result.value(u"clearLibraryHistoryResult").toObject().contains(u"deleteCount"));

        // Usage: a string of bytes, dropping a while after the clear ended.
        const Raw usage = raw("GET", u"/api/v1/usage/"_s + lib + u"?access_token="_s + admin);
        QCOMPARE(usage.status, 200);
        QCOMPARE(QJsonDocument::fromJson(usage.body).object().value(u"totalFileSize"),
            QJsonValue(u"1000"_s));
    }

    // v2 answers every task kind the simulator has, in the scope the task
    // lives in, and can be switched off as on a server without it.
    void taskResultV2()
    {
        const QString lib = m_simulator->libraryId();
        const QString token = m_simulator->staticToken();
        SmhSimulator::TaskScript batch;
        batch.runMs = 0;
        batch.result = SmhSimulator::batchResult(77, 5, 2);
        batch.taskType = u"batchMove"_s;
        batch.libraryLevel = false;
        m_simulator->setTask(77, batch);
        SmhSimulator::TaskScript running = batch;
        running.runMs = 600'000;
        m_simulator->setTask(78, running);
        SmhSimulator::TaskScript conversion;
        conversion.runMs = 0;
        conversion.typedStatus = 400;
        m_simulator->setTask(79, conversion);
        auto v2 = [&](const QString &path) {
            const Raw reply =
                raw("GET", u"/api/v1/task-result/"_s + lib + path + u"?access_token="_s + token);
            return std::pair {reply.status, QJsonDocument::fromJson(reply.body).object()};
        };
        const auto [status, moved] = v2(u"/-/77"_s);
        QCOMPARE(status, 200);
        QCOMPARE(moved.value(u"taskId"), QJsonValue(u"77"_s));
        QCOMPARE(moved.value(u"taskType").toString(), u"batchMove"_s);
        QCOMPARE(moved.value(u"status").toInt(), 207); // 2 of 5 refused
        QCOMPARE(moved.value(u"batchMoveResults").toArray().size(), 5);
        QCOMPARE(v2(u"/-/78"_s).second.value(u"status").toInt(), 202);
        const QJsonObject converted = v2(u"/-/79"_s).second;
        QCOMPARE(converted.value(u"taskType").toString(), u"convertFile"_s);
        QCOMPARE(converted.value(u"status").toInt(), 400);
        QVERIFY(converted.value(u"convertFileResult").isObject());
        // The library-level form knows no space task; a space form no clear.
        QCOMPARE(v2(u"/77"_s).first, 404);
        QCOMPARE(v2(u"/-/77"_s).second.value(u"taskType").toString(), u"batchMove"_s);
        QCOMPARE(m_simulator->taskResultCount(), 5);
        QCOMPARE(m_simulator->taskResultPaths().constFirst(),
            u"/api/v1/task-result/"_s + lib + u"/-/77"_s);

        m_simulator->setTaskResultEnabled(false);
        const auto [off, body] = v2(u"/-/77"_s);
        QCOMPARE(off, 404);
        QCOMPARE(body.value(u"code").toString(), u"RouteNotFound"_s);
        QCOMPARE(m_simulator->taskResultCount(), 6);
    }

    void usageLagsBehindTheClear()
    {
        m_simulator->setUsage(1000, 500);
        m_simulator->setClearRunMs(1000);
        m_simulator->setUsageLagMs(5000);
        const QString admin = m_simulator->issueToken(0, true);
        QCOMPARE(raw("DELETE",
                     u"/api/v1/directory-history/"_s + m_simulator->libraryId()
                         + u"/library-history?access_token="_s + admin)
                     .status,
            202);
        QCOMPARE(m_simulator->usageBytes(), 1500);
        m_nowMs += 2000; // the task has ended, the figure has not moved yet
        QCOMPARE(m_simulator->usageBytes(), 1500);
        m_nowMs += 5000;
        QCOMPARE(m_simulator->usageBytes(), 1000);
    }

    // --demo's fleet: libraries of their own on the same server, each with
    // its secret, settings, usage and clears; a token opens only its own.
    void fleetLibrariesAreSeparate()
    {
        const QStringList fleet = m_simulator->seedDemoFleet();
        QVERIFY(fleet.size() >= 3);
        QCOMPARE(m_simulator->libraryIds().constFirst(), m_simulator->libraryId());
        QVERIFY(!m_simulator->historyState(u"smhdemo-media"_s).enabled);
        QVERIFY(m_simulator->historyState(u"smhdemo-archive"_s).enabled);
        // Sizes differ from one library to the next.
        QSet<qint64> sizes;
        for (const QString &id : m_simulator->libraryIds())
            sizes.insert(m_simulator->usageBytes(id));
        QCOMPARE(sizes.size(), m_simulator->libraryIds().size());

        auto mint = [this](const QString &library, const QString &secret) {
            const Raw minted = raw("GET",
                u"/api/v1/token?library_id="_s + library + u"&library_secret="_s + secret
                    + u"&grant=admin"_s);
            return std::pair {minted.status,
                QJsonDocument::fromJson(minted.body).object().value(u"accessToken").toString()};
        };
        // One library's secret does not open another.
        QCOMPARE(mint(u"smhdemo-media"_s, m_simulator->librarySecret()).first, 404);
        const auto [status, media] =
            mint(u"smhdemo-media"_s, m_simulator->librarySecret(u"smhdemo-media"_s));
        QCOMPARE(status, 200);
        const QString mediaHistory = u"/api/v1/directory-history/smhdemo-media/library-history"_s;
        const Raw settings = raw("GET", mediaHistory + u"?access_token="_s + media);
        QCOMPARE(settings.status, 200);
        QCOMPARE(QJsonDocument::fromJson(settings.body).object().value(u"enableFileHistory"),
            QJsonValue(false));
        // Nor does its token.
        QCOMPARE(raw("GET",
                     u"/api/v1/directory-history/"_s + m_simulator->libraryId()
                         + u"/library-history?access_token="_s + media)
                     .status,
            403);

        // The archive's secret mints tokens without the admin grant.
        const auto [archiveStatus, archive] =
            mint(u"smhdemo-archive"_s, m_simulator->librarySecret(u"smhdemo-archive"_s));
        QCOMPARE(archiveStatus, 200);
        const Raw refused = raw("GET",
            u"/api/v1/directory-history/smhdemo-archive/library-history?access_token="_s + archive);
        QCOMPARE(refused.status, 403);
        QCOMPARE(QJsonDocument::fromJson(refused.body).object().value(u"code").toString(),
            u"NoPermission"_s);
        QCOMPARE(
            raw("GET", u"/api/v1/task/smhdemo-archive/1001?access_token="_s + archive).status, 200);

        // A clear of one library frees its space only, a while after it ended.
        m_simulator->setClearRunMs(1000);
        m_simulator->setUsageLagMs(5000);
        const qint64 before = m_simulator->usageBytes(u"smhdemo-media"_s);
        const qint64 first = m_simulator->usageBytes();
        QCOMPARE(raw("DELETE", mediaHistory + u"?access_token="_s + media).status, 202);
        QCOMPARE(m_simulator->clearCount(u"smhdemo-media"_s), 1);
        QCOMPARE(m_simulator->clearCount(), 0);
        m_nowMs += 2000;
        QCOMPARE(m_simulator->usageBytes(u"smhdemo-media"_s), before);
        m_nowMs += 5000;
        QVERIFY(m_simulator->usageBytes(u"smhdemo-media"_s) < before);
        QCOMPARE(m_simulator->usageBytes(), first);
        const Raw usage = raw("GET", u"/api/v1/usage/smhdemo-media?access_token="_s + media);
        QCOMPARE(QJsonDocument::fromJson(usage.body).object().value(u"totalFileSize").toString(),
            QString::number(m_simulator->usageBytes(u"smhdemo-media"_s)));
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
