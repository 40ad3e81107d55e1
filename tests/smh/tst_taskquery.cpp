#include "scriptedserver.h"
#include "testjobs.h"

#include "smh/smhclient.h"
#include "smh/taskquery.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

ConnectionSettings settingsAt(const QString &endpoint)
{
    ConnectionSettings settings;
    settings.endpoint = QUrl(endpoint, QUrl::StrictMode);
    settings.libraryId = u"smhlib"_s;
    return settings;
}

qsizetype urlLength(
    const ConnectionSettings &settings, const QString &token, const QList<qint64> &ids)
{
    return TaskQuery::url(settings, token, ids).toEncoded().size();
}

QList<qint64> range(qint64 first, qsizetype count)
{
    QList<qint64> ids;
    ids.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        ids.append(first + i);
    return ids;
}

} // namespace

// Query Task URLs and how IDs are cut into requests.
class TestTaskQuery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spacedForm()
    {
        ConnectionSettings settings = settingsAt(u"https://api.tencentsmh.cn"_s);
        settings.spaceId = u"space1"_s;
        QCOMPARE(TaskQuery::url(settings, u"tok"_s, {10, 12, 13}).toEncoded(),
            "https://api.tencentsmh.cn/api/v1/task/smhlib/space1/10,12,13?access_token=tok");
        settings.spaceId = u"-"_s;
        QCOMPARE(TaskQuery::url(settings, u"tok"_s, {10}).toEncoded(),
            "https://api.tencentsmh.cn/api/v1/task/smhlib/-/10?access_token=tok");
    }

    void libraryLevelForm()
    {
        ConnectionSettings settings = settingsAt(u"https://api.tencentsmh.cn"_s);
        settings.spaceId = u"ignored"_s;
        settings.libraryLevel = true;
        QCOMPARE(TaskQuery::url(settings, u"tok"_s, {10, 12}).toEncoded(),
            "https://api.tencentsmh.cn/api/v1/task/smhlib/10,12?access_token=tok");
    }

    void endpointPrefix()
    {
        const ConnectionSettings settings = settingsAt(u"https://smh.corp.example:8443/gw/smh"_s);
        QCOMPARE(TaskQuery::url(settings, u"tok"_s, {1}).toEncoded(),
            "https://smh.corp.example:8443/gw/smh/api/v1/task/smhlib/-/1?access_token=tok");
    }

    void negativeAndLargeIds()
    {
        const ConnectionSettings settings = settingsAt(u"https://h"_s);
        QCOMPARE(TaskQuery::url(settings, u"t"_s, {9223372036854775807LL, -5}).toEncoded(),
            "https://h/api/v1/task/smhlib/-/9223372036854775807,-5?access_token=t");
    }

    void pathSegmentsEncoded_data()
    {
        QTest::addColumn<QString>("libraryId");
        QTest::addColumn<QString>("spaceId");
        QTest::addColumn<QByteArray>("encodedPath");

        QTest::newRow("slash") << u"lib/x"_s << u"a/b"_s
                               << QByteArray("/api/v1/task/lib%2Fx/a%2Fb/1");
        QTest::newRow("space") << u"my lib"_s << u"s p"_s
                               << QByteArray("/api/v1/task/my%20lib/s%20p/1");
        QTest::newRow("unicode") << u"媒体库"_s << u"空间"_s
                                 << QByteArray("/api/v1/task/%E5%AA%92%E4%BD%93%E5%BA%93/"
                                               "%E7%A9%BA%E9%97%B4/1");
        QTest::newRow("query chars")
            << u"l?b#1"_s << u"%41&"_s << QByteArray("/api/v1/task/l%3Fb%231/%2541%26/1");
    }

    void pathSegmentsEncoded()
    {
        QFETCH(QString, libraryId);
        QFETCH(QString, spaceId);
        QFETCH(QByteArray, encodedPath);
        ConnectionSettings settings = settingsAt(u"https://h"_s);
        settings.libraryId = libraryId;
        settings.spaceId = spaceId;
        const QUrl url = TaskQuery::url(settings, u"t"_s, {1});
        QCOMPARE(url.path(QUrl::FullyEncoded).toLatin1(), encodedPath);
        QCOMPARE(url.query(QUrl::FullyEncoded), u"access_token=t"_s);
    }

    void tokenEncodedInFull()
    {
        const ConnectionSettings settings = settingsAt(u"https://h"_s);
        const QUrl url = TaskQuery::url(settings, u"a+b/c=d&e%f g"_s, {1});
        QCOMPARE(url.query(QUrl::FullyEncoded), u"access_token=a%2Bb%2Fc%3Dd%26e%25f%20g"_s);
    }

    void userIdOnlyWhenSet()
    {
        ConnectionSettings settings = settingsAt(u"https://h"_s);
        QVERIFY(!TaskQuery::url(settings, u"t"_s, {1}).query().contains(u"user_id"_s));
        settings.userId = u"u+1@corp"_s;
        QCOMPARE(TaskQuery::url(settings, u"t"_s, {1}).query(QUrl::FullyEncoded),
            u"access_token=t&user_id=u%2B1%40corp"_s);
    }

    // What the server decodes is what we meant: checked on the server side.
    void serverDecodesExactly_data()
    {
        QTest::addColumn<QString>("libraryId");
        QTest::addColumn<QString>("spaceId");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("userId");
        QTest::addColumn<bool>("libraryLevel");

        QTest::newRow("plain") << u"smhlib"_s << u"-"_s << u"AbCdEf0123456789"_s << QString()
                               << false;
        QTest::newRow("base64 token")
            << u"smhlib"_s << u"-"_s << u"Zq8+pT/xY2w==+/+"_s << QString() << false;
        QTest::newRow("ampersand token")
            << u"smhlib"_s << u"sp1"_s << u"a&user_id=evil&b=c"_s << u"alice"_s << false;
        QTest::newRow("percent token")
            << u"smhlib"_s << u"-"_s << u"%2B%zz+"_s << QString() << false;
        QTest::newRow("slash ids")
            << u"lib/one"_s << u"space/two"_s << u"t+t"_s << u"u/1+2"_s << false;
        QTest::newRow("unicode ids")
            << u"媒体库"_s << u"空间-1"_s << u"tök€n"_s << u"用户"_s << false;
        QTest::newRow("library level") << u"lib/x"_s << u"-"_s << u"t=="_s << QString() << true;
    }

    void serverDecodesExactly()
    {
        QFETCH(QString, libraryId);
        QFETCH(QString, spaceId);
        QFETCH(QString, token);
        QFETCH(QString, userId);
        QFETCH(bool, libraryLevel);

        ScriptedServer server;
        QVERIFY(server.listen());
        ConnectionSettings settings = server.settings(libraryId, spaceId);
        settings.userId = userId;
        settings.libraryLevel = libraryLevel;
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {10, 12, 13}));
        QVERIFY(result.finished);
        QVERIFY2(!result.error().isError(), qPrintable(result.error().toString()));
        QCOMPARE(server.requestCount(), 1);

        const HttpRequest request = server.lastRequest();
        const QStringList expectedPath = libraryLevel
            ? QStringList {u"api"_s, u"v1"_s, u"task"_s, libraryId, u"10,12,13"_s}
            : QStringList {u"api"_s, u"v1"_s, u"task"_s, libraryId, spaceId, u"10,12,13"_s};
        QCOMPARE(request.pathSegments(), expectedPath);

        // Exactly one access_token, decoded back to the token both by a strict
        // decoder and by a form decoder that reads '+' as a space.
        const QByteArray raw = ScriptedServer::rawQueryValue(request, "access_token");
        for (char c : {'+', '/', '=', '&', '?', '#', ' '})
            QVERIFY2(!raw.contains(c), raw.constData());
        QCOMPARE(ScriptedServer::formDecoded(raw), token);
        QCOMPARE(request.query().allQueryItemValues(u"access_token"_s, QUrl::FullyDecoded),
            QStringList {token});
        if (userId.isEmpty()) {
            QVERIFY(!request.query().hasQueryItem(u"user_id"_s));
        } else {
            QCOMPARE(request.query().allQueryItemValues(u"user_id"_s, QUrl::FullyDecoded),
                QStringList {userId});
            QCOMPARE(ScriptedServer::formDecoded(ScriptedServer::rawQueryValue(request, "user_id")),
                userId);
        }
    }

    // IDs with spaces never get past validation, but the URL builder still
    // encodes them in a way a server reads back.
    void spacesDecodeOnTheServer()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        ConnectionSettings settings = server.settings(u"my lib"_s, u"a space"_s);
        QVERIFY(!settings.validate().isEmpty());
        const QUrl url = TaskQuery::url(settings, u"t k+n"_s, {7});
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(url));
        QTRY_VERIFY(reply->isFinished());
        reply->deleteLater();
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.lastRequest().pathSegments().mid(3),
            QStringList({u"my lib"_s, u"a space"_s, u"7"_s}));
        QCOMPARE(ScriptedServer::formDecoded(
                     ScriptedServer::rawQueryValue(server.lastRequest(), "access_token")),
            u"t k+n"_s);

        // Through the client they are refused before anything is sent.
        SmhClient client;
        const JobResult refused = TestJobs::wait(client.queryTasks(settings, u"t"_s, {7}));
        QCOMPARE(refused.error().kind(), SmhError::Kind::InvalidInput);
        QCOMPARE(refused.failedIds, QList<qint64> {7});
        QCOMPARE(server.requestCount(), 1);
    }

    void uniqueIdsKeepFirstOccurrence()
    {
        QCOMPARE(TaskQuery::uniqueIds({5, 3, 5, 1, 3, 3, 9}), QList<qint64>({5, 3, 1, 9}));
        QCOMPARE(TaskQuery::uniqueIds({}), QList<qint64>());
        const ConnectionSettings settings = settingsAt(u"https://h"_s);
        const auto batches = TaskQuery::batches(settings, u"t"_s, {5, 3, 5, 1, 3});
        QCOMPARE(batches, QList<QList<qint64>> {QList<qint64>({5, 3, 1})});
    }

    void noIdsNoBatches()
    {
        QVERIFY(TaskQuery::batches(settingsAt(u"https://h"_s), u"t"_s, {}).isEmpty());
    }

    void batchesAreMaximalAndShort_data()
    {
        QTest::addColumn<QList<qint64>>("ids");
        QTest::addColumn<qsizetype>("limit");
        QTest::addColumn<int>("tokenLength");

        QTest::newRow("small ids default limit") << range(1, 5000) << TaskQuery::maxUrlBytes << 64;
        QTest::newRow("13-digit ids default limit")
            << range(1'700'000'000'000, 3000) << TaskQuery::maxUrlBytes << 64;
        QTest::newRow("max ids") << range(std::numeric_limits<qint64>::max() - 999, 1000)
                                 << TaskQuery::maxUrlBytes << 200;
        QTest::newRow("negative ids") << range(-600, 500) << qsizetype(300) << 16;
        QTest::newRow("tight limit") << range(99'990, 40) << qsizetype(160) << 10;
        QList<qint64> mixed;
        for (qint64 i = 0; i < 400; ++i)
            mixed << (i % 3 == 0 ? i : i * 1'000'003 + 7);
        QTest::newRow("mixed lengths") << mixed << qsizetype(256) << 40;
        QTest::newRow("long token") << range(1, 2000) << TaskQuery::maxUrlBytes << 2650;
    }

    void batchesAreMaximalAndShort()
    {
        QFETCH(QList<qint64>, ids);
        QFETCH(qsizetype, limit);
        QFETCH(int, tokenLength);
        const ConnectionSettings settings = settingsAt(u"https://smh.corp.example/prefix"_s);
        const QString token = QString(tokenLength, u'+');

        const auto batches = TaskQuery::batches(settings, token, ids, limit);
        QVERIFY(!batches.isEmpty());
        QList<qint64> flattened;
        for (qsizetype i = 0; i < batches.size(); ++i) {
            const QList<qint64> &batch = batches.at(i);
            QVERIFY(!batch.isEmpty());
            flattened += batch;
            QVERIFY2(urlLength(settings, token, batch) < limit,
                qPrintable(
                    u"batch %1 is %2 bytes"_s.arg(i).arg(urlLength(settings, token, batch))));
            if (i + 1 < batches.size()) {
                // Maximal: the next ID would have reached the limit.
                QVERIFY(urlLength(
                            settings, token, batch + QList<qint64> {batches.at(i + 1).constFirst()})
                    >= limit);
            }
        }
        QCOMPARE(flattened, TaskQuery::uniqueIds(ids));
    }

    void defaultLimitIsEightKiB()
    {
        QCOMPARE(TaskQuery::maxUrlBytes, 8192);
        const ConnectionSettings settings = settingsAt(u"https://h"_s);
        const auto explicitLimit = TaskQuery::batches(settings, u"t"_s, range(1, 3000), 8192);
        QCOMPARE(TaskQuery::batches(settings, u"t"_s, range(1, 3000)), explicitLimit);
    }

    void limitBoundary()
    {
        const ConnectionSettings settings = settingsAt(u"https://h"_s);
        const qsizetype fixed = urlLength(settings, u"t"_s, {});
        // fixed + "1" must stay strictly below the limit.
        QVERIFY(TaskQuery::batches(settings, u"t"_s, {1}, fixed + 1).isEmpty());
        QCOMPARE(TaskQuery::batches(settings, u"t"_s, {1, 2, 3}, fixed + 2),
            (QList<QList<qint64>> {{1}, {2}, {3}}));
        // "1,2" is fixed + 3: fits below fixed + 4, "1,2,3" does not.
        QCOMPARE(TaskQuery::batches(settings, u"t"_s, {1, 2, 3}, fixed + 4),
            (QList<QList<qint64>> {{1, 2}, {3}}));
    }

    void tokenTooLongForAnyId()
    {
        const ConnectionSettings settings = settingsAt(u"https://h"_s);
        const QString token(TaskQuery::maxUrlBytes, u'x');
        QVERIFY(TaskQuery::batches(settings, token, {1, 2}).isEmpty());
    }

    void tokenTooLongIsInvalidInputAndNothingIsSent()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        SmhClient client;
        const QString token(TaskQuery::maxUrlBytes, u'x');
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, {1, 2}));
        QVERIFY(result.finished);
        QCOMPARE(result.error().kind(), SmhError::Kind::InvalidInput);
        QCOMPARE(result.failedIds, QList<qint64>({1, 2}));
        QVERIFY(result.reports.isEmpty());
        QVERIFY(!result.error().toString().contains(token.left(32)));
        QCOMPARE(client.requestsSent(), 0);
        QCOMPARE(server.requestCount(), 0);

        // The error names the limit actually in force.
        client.setUrlLimit(300);
        const JobResult small =
            TestJobs::wait(client.queryTasks(server.settings(), QString(280, u'x'), {1}));
        QCOMPARE(small.error().kind(), SmhError::Kind::InvalidInput);
        QVERIFY2(small.error().toString().contains(u"300"_s), qPrintable(small.error().toString()));
    }

    void endToEnd_data()
    {
        QTest::addColumn<qsizetype>("urlLimit"); // 0: the default
        QTest::addColumn<int>("minimumBatches");
        QTest::newRow("default limit") << qsizetype(0) << 5;
        QTest::newRow("forced small") << qsizetype(600) << 80;
    }

    void endToEnd()
    {
        QFETCH(qsizetype, urlLimit);
        QFETCH(int, minimumBatches);

        ScriptedServer server;
        QVERIFY(server.listen());
        QMap<qint64, int> asked;
        server.setFallback([&asked](const HttpRequest &request) {
            const QList<qint64> ids = ScriptedServer::taskIds(request);
            for (qint64 id : ids)
                ++asked[id];
            return ScriptedServer::answerAll(request, 200);
        });
        const ConnectionSettings settings = server.settings(u"smhlib"_s, u"space"_s);
        const QString token = u"Zq8+pT/xY2w=kMn0123456789abcdef"_s;
        QList<qint64> ids = range(1'700'000'000'000, 3000);
        ids += ids.mid(100, 50); // duplicates, asked once

        SmhClient client;
        const qsizetype limit = urlLimit > 0 ? urlLimit : TaskQuery::maxUrlBytes;
        if (urlLimit > 0)
            client.setUrlLimit(urlLimit);
        const auto expectedBatches = TaskQuery::batches(settings, token, ids, limit);
        QVERIFY(expectedBatches.size() >= minimumBatches);

        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, ids));
        QVERIFY(result.finished);
        QCOMPARE(result.finishedCount, 1);
        QVERIFY2(!result.error().isError(), qPrintable(result.error().toString()));
        QCOMPARE(result.requestCount, expectedBatches.size());
        QCOMPARE(server.requestCount(), expectedBatches.size());
        QCOMPARE(client.requestsSent(), expectedBatches.size());
        QCOMPARE(result.requestedIds, TaskQuery::uniqueIds(ids));
        QVERIFY(result.failedIds.isEmpty());

        // Every ID asked exactly once and answered exactly once.
        QCOMPARE(asked.size(), 3000);
        QVERIFY(std::all_of(asked.cbegin(), asked.cend(), [](int n) { return n == 1; }));
        QCOMPARE(result.reports.size(), 3000);
        QSet<qint64> reported;
        for (const TaskStatusReport &report : result.reports) {
            QVERIFY(report.found);
            QCOMPARE(report.status, 200);
            reported.insert(report.taskId);
        }
        QCOMPARE(reported.size(), 3000);

        // The server saw the very batches computed above, each under the limit.
        QList<QList<qint64>> received;
        const QList<HttpRequest> requests = server.requests();
        for (const HttpRequest &request : requests) {
            received.append(ScriptedServer::taskIds(request));
            const QByteArray full = server.baseUrl().toEncoded() + request.target;
            QVERIFY2(full.size() < limit, full.left(80).constData());
        }
        QList<QList<qint64>> expected = expectedBatches;
        std::sort(received.begin(), received.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(received, expected);
    }
};

QTEST_GUILESS_MAIN(TestTaskQuery)
#include "tst_taskquery.moc"
