#include "logcapture.h"
#include "scriptedserver.h"
#include "testjobs.h"

#include "history/historyapi.h"
#include "smh/smhclient.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

// The history settings, clear, usage and admin-token calls: what they send
// (verb, path, body, token), what they make of SMH's replies, and what they
// refuse before sending.
class TestHistoryApi final : public QObject
{
    Q_OBJECT

private:
    // Waits for a job and reads its reply with one of HistoryApi's readers.
    template<typename Job, typename Read>
    static auto wait(Job *job, Read read) -> decltype(read(*job))
    {
        std::optional<decltype(read(*job))> result;
        QObject::connect(
            job, &SmhJob::finished, [&result, job, read] { result.emplace(read(*job)); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10'000))
            return unexpected(SmhError(SmhError::Kind::Timeout, u"test timed out"_s));
        return *result;
    }

    // The clear as ClearJob sends it: once, its task ID read from the reply.
    static Expected<qint64, SmhError> clear(
        SmhClient &client, const ConnectionSettings &settings, const QString &token)
    {
        const JobResult result = TestJobs::wait(HistoryApi::startClear(&client, settings, token));
        if (result.error().isError())
            return unexpected(result.error());
        return HistoryApi::clearTaskId(result.body);
    }

private Q_SLOTS:
    void settingsParse()
    {
        const auto full = HistorySettings::fromJson(
            R"({"enableFileHistory":true,"fileHistoryCount":30,"fileHistoryExpireDay":0,"mergeInterval":60,"extra":1})");
        QVERIFY(full);
        QVERIFY(full->enabled);
        QCOMPARE(full->count, 30);
        QCOMPARE(full->expireDays, 0);
        QCOMPARE(full->mergeInterval, 60);
        QCOMPARE(full->raw.value(u"extra").toInt(), 1);

        const auto never = HistorySettings::fromJson(R"({"enableFileHistory":false})");
        QVERIFY(never);
        QVERIFY(!never->enabled);
        QVERIFY(!never->count);

        QVERIFY(!HistorySettings::fromJson("[]"));
        QVERIFY(!HistorySettings::fromJson("<html>"));
        const auto wrong = HistorySettings::fromJson(R"({"enableFileHistory":"yes"})");
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().kind(), SmhError::Kind::Malformed);
        QVERIFY(!HistorySettings::fromJson(R"({"fileHistoryCount":[1]})"));
    }

    void validation_data()
    {
        QTest::addColumn<std::optional<int>>("count");
        QTest::addColumn<std::optional<int>>("expire");
        QTest::addColumn<std::optional<int>>("merge");
        QTest::addColumn<bool>("valid");
        const std::optional<int> none;
        QTest::newRow("count 1") << std::optional<int>(1) << none << none << true;
        QTest::newRow("count 999") << std::optional<int>(999) << none << none << true;
        QTest::newRow("count 0") << std::optional<int>(0) << none << none << false;
        QTest::newRow("count 1000") << std::optional<int>(1000) << none << none << false;
        QTest::newRow("expire 0") << none << std::optional<int>(0) << none << true;
        QTest::newRow("expire 999") << none << std::optional<int>(999) << none << true;
        QTest::newRow("expire -1") << none << std::optional<int>(-1) << none << false;
        QTest::newRow("expire 1000") << none << std::optional<int>(1000) << none << false;
        QTest::newRow("merge 0") << none << none << std::optional<int>(0) << true;
        QTest::newRow("merge 4") << none << none << std::optional<int>(4) << false;
        QTest::newRow("merge 5") << none << none << std::optional<int>(5) << true;
        QTest::newRow("merge 600") << none << none << std::optional<int>(600) << true;
        QTest::newRow("merge 601") << none << none << std::optional<int>(601) << false;
    }

    void validation()
    {
        QFETCH(std::optional<int>, count);
        QFETCH(std::optional<int>, expire);
        QFETCH(std::optional<int>, merge);
        QFETCH(bool, valid);
        HistoryChange change;
        change.count = count;
        change.expireDays = expire;
        change.mergeInterval = merge;
        QCOMPARE(change.validate().isEmpty(), valid);
    }

    void firstEnableNeedsCountAndExpiry()
    {
        HistorySettings never;
        HistoryChange enable;
        enable.enabled = true;
        QVERIFY(!enable.validate(never).isEmpty());
        enable.count = 10;
        QVERIFY(!enable.validate(never).isEmpty());
        enable.expireDays = 0; // 0 = never expire, still given
        QVERIFY(enable.validate(never).isEmpty());

        // Enabled before (count and expiry known): switching on again needs neither.
        HistorySettings before;
        before.count = 5;
        before.expireDays = 30;
        HistoryChange again;
        again.enabled = true;
        QVERIFY(again.validate(before).isEmpty());
        QVERIFY(!HistoryChange().validate(before).isEmpty()); // nothing to change
    }

    void usageParse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("bytes"); // -1: refused
        QTest::newRow("string") << QByteArray(R"({"totalFileSize":"1073741824"})")
                                << qint64(1073741824);
        QTest::newRow("beyond 32 bits")
            << QByteArray(R"({"totalFileSize":"5497558138880"})") << qint64(5497558138880);
        QTest::newRow("zero") << QByteArray(R"({"totalFileSize":"0"})") << qint64(0);
        QTest::newRow("number") << QByteArray(R"({"totalFileSize":2048})") << qint64(2048);
        QTest::newRow("negative") << QByteArray(R"({"totalFileSize":"-5"})") << qint64(-1);
        QTest::newRow("fraction") << QByteArray(R"({"totalFileSize":"1.5"})") << qint64(-1);
        QTest::newRow("text") << QByteArray(R"({"totalFileSize":"12 GB"})") << qint64(-1);
        QTest::newRow("overflow") << QByteArray(R"({"totalFileSize":"99999999999999999999999"})")
                                  << qint64(-1);
        QTest::newRow("missing") << QByteArray(R"({})") << qint64(-1);
        QTest::newRow("array") << QByteArray(R"([{"totalFileSize":"1"}])") << qint64(-1);
    }

    void usageParse()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, bytes);
        const auto parsed = LibraryUsage::parseTotal(body);
        QCOMPARE(parsed.hasValue(), bytes >= 0);
        if (bytes >= 0)
            QCOMPARE(*parsed, bytes);
        else
            QCOMPARE(parsed.error().kind(), SmhError::Kind::Malformed);
    }

    void requestsAsDocumented()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        SmhClient client;
        const ConnectionSettings settings = server.settings(u"lib%1"_s, u"space"_s);
        const QString token = u"tok+en/secret"_s;

        server.enqueue(HttpResponse::json(200,
            R"({"enableFileHistory":false,"fileHistoryCount":3,"fileHistoryExpireDay":7,"mergeInterval":0})"));
        const auto read =
            wait(HistoryApi::startReadSettings(&client, settings, token), &HistoryApi::settingsOf);
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
        QCOMPARE(read->count, 3);
        HttpRequest request = server.lastRequest();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.url().path(), u"/api/v1/directory-history/lib%1/library-history"_s);
        QCOMPARE(request.queryValue(u"access_token"_s), token);

        server.enqueue(HttpResponse::json(204, {}));
        HistoryChange change;
        change.enabled = false;
        change.mergeInterval = 30;
        QVERIFY(change.validate(*read).isEmpty());
        const JobResult written =
            TestJobs::wait(HistoryApi::startWriteSettings(&client, settings, token, change));
        QVERIFY(!written.error().isError());
        QCOMPARE(written.effect, int(ApiJob::Effect::Applied));
        request = server.lastRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        const QJsonObject sent = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(sent, (QJsonObject {{u"enableFileHistory"_s, false}, {u"mergeInterval"_s, 30}}));
        QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));

        server.enqueue(HttpResponse::json(202, R"({"taskId":4711})"));
        const auto cleared = clear(client, settings, token);
        QVERIFY(cleared);
        QCOMPARE(*cleared, 4711);
        QCOMPARE(server.lastRequest().method, QByteArray("DELETE"));

        server.enqueue(HttpResponse::json(200, R"({"totalFileSize":"123456789012"})"));
        const auto usage = wait(
            HistoryApi::startLibraryUsage(&client, settings, token), &HistoryApi::libraryUsageOf);
        QVERIFY(usage);
        QCOMPARE(*usage, 123456789012);
        QCOMPARE(server.lastRequest().url().path(), u"/api/v1/usage/lib%1"_s);

        server.enqueue(HttpResponse::json(200, R"({"size":"2048"})"));
        const auto space =
            wait(HistoryApi::startSpaceSize(&client, settings, token), &HistoryApi::spaceSizeOf);
        QVERIFY(space);
        QCOMPARE(*space, 2048);
        QCOMPARE(server.lastRequest().url().path(), u"/api/v1/space/lib%1/space/size"_s);
    }

    // What the service refuses before sending (tst_historyservice's
    // invalidSettingsAreNotSent checks that nothing leaves).
    void invalidChangeIsNamed()
    {
        HistoryChange change;
        change.count = 0;
        QVERIFY(!change.validate(std::nullopt).isEmpty());
        change.count = 3;
        QVERIFY(change.validate(std::nullopt).isEmpty());
    }

    void errorsAreTypedAndRedacted()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        SmhClient client;
        const QString token = u"very-secret-admin-token-42"_s;
        LogCapture log;
        server.enqueue(
            HttpResponse::error(403, u"NoPermission"_s, u"not admin "_s + token, u"req-1"_s));
        const auto cleared = clear(client, server.settings(), token);
        QVERIFY(!cleared);
        QCOMPARE(cleared.error().httpStatus(), 403);
        QCOMPARE(cleared.error().code(), u"NoPermission"_s);
        QVERIFY(!cleared.error().toString().contains(token));
        QVERIFY(!log.text().contains(token));

        server.enqueue(HttpResponse::json(202, R"({"task":1})"));
        const auto noId = clear(client, server.settings(), token);
        QVERIFY(!noId);
        QCOMPARE(noId.error().kind(), SmhError::Kind::Malformed);
    }

    void adminTokenMintedAndReleased()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        SmhClient client;
        const QString secret = u"library-secret-xyz"_s;
        ConnectionSettings settings = server.settings(u"lib"_s, u"space"_s);
        server.enqueue(HttpResponse::json(200, R"({"accessToken":"admin-tok","expiresIn":300})"));
        const auto token =
            wait(HistoryApi::startAdminToken(&client, settings, secret), &HistoryApi::adminTokenOf);
        QVERIFY(token);
        QCOMPARE(*token, u"admin-tok"_s);
        const HttpRequest mint = server.lastRequest();
        QCOMPARE(mint.url().path(), u"/api/v1/token"_s);
        QCOMPARE(mint.queryValue(u"grant"_s), u"admin"_s);
        QCOMPARE(mint.queryValue(u"period"_s), u"300"_s);
        QCOMPARE(mint.queryValue(u"library_secret"_s), secret);
        // An admin token is for the library, not a space.
        QVERIFY(mint.queryValue(u"space_id"_s).isEmpty());

        server.enqueue(HttpResponse::json(204, {}));
        HistoryApi::releaseToken(&client, settings, *token);
        QTRY_COMPARE(server.requestCount(), 2);
        QCOMPARE(server.lastRequest().method, QByteArray("DELETE"));
        QCOMPARE(server.lastRequest().url().path(), u"/api/v1/token/lib/admin-tok"_s);
    }
};

QTEST_GUILESS_MAIN(TestHistoryApi)
#include "tst_historyapi.moc"
