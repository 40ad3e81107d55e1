#include "logcapture.h"
#include "rawserver.h"
#include "scriptedserver.h"
#include "testjobs.h"

#include "smh/smhclient.h"

#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

// A call that changes state at SMH (a clear, a settings change) leaves at
// most once: Qt's HTTP channel resends the current request when a
// connection closes before a complete reply, whatever the method, and
// SmhClient::Send::Once must stop it. Every case is a real server on
// loopback that drops, resets or truncates.
class TestSmhClientOnce final : public QObject
{
    Q_OBJECT

private:
    static ConnectionSettings settingsFor(const QUrl &base)
    {
        ConnectionSettings settings;
        settings.endpoint = base;
        settings.libraryId = u"lib"_s;
        return settings;
    }

    static QByteArray bodyFor(const QByteArray &verb)
    {
        return verb == "POST" ? QByteArray(R"({"enableFileHistory":false})") : QByteArray();
    }

    // Waits for the job, then a little longer: a resend Qt queued after the
    // failure would reach the server in that time.
    static JobResult callAndSettle(
        SmhClient &client, const QUrl &base, const QByteArray &verb, SmhClient::Send send)
    {
        const JobResult result =
            TestJobs::wait(client.callApi(verb, settingsFor(base), u"Zq9-once-token"_s,
                u"/api/v1/directory-history/lib/library-history"_s, bodyFor(verb), send));
        QTest::qWait(300);
        return result;
    }

private Q_SLOTS:
    void brokenReplies_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<bool>("reset");
        QTest::addColumn<int>("effect");
        const int unknown = int(ApiJob::Effect::Unknown);
        const QByteArray acceptedHalf =
            "HTTP/1.1 202 Accepted\r\nContent-Length: 100\r\n\r\n{\"taskId\":";
        for (const QByteArray &verb : {QByteArray("DELETE"), QByteArray("POST")}) {
            QTest::addRow("%s dropped", verb.constData())
                << verb << QByteArray() << false << unknown;
            QTest::addRow("%s reset", verb.constData()) << verb << QByteArray() << true << unknown;
            QTest::addRow("%s half a status line", verb.constData())
                << verb << QByteArray("HTTP/1.1 2") << false << unknown;
            QTest::addRow("%s headers only", verb.constData())
                << verb << QByteArray("HTTP/1.1 202 Accepted\r\nContent-Le") << false << unknown;
            // The status came: SMH accepted it, whatever became of the body.
            QTest::addRow("%s 202 with half a body", verb.constData())
                << verb << acceptedHalf << false << int(ApiJob::Effect::Applied);
            QTest::addRow("%s 202 with half a body, reset", verb.constData())
                << verb << acceptedHalf << true << int(ApiJob::Effect::Applied);
        }
    }

    void brokenReplies()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QByteArray, reply);
        QFETCH(bool, reset);
        QFETCH(int, effect);
        RawServer server(reply, reset ? RawServer::Ending::Reset : RawServer::Ending::Close);
        QVERIFY(server.listen());
        SmhClient client;
        const JobResult result =
            callAndSettle(client, server.baseUrl(), verb, SmhClient::Send::Once);
        QVERIFY(result.finished);
        QCOMPARE(result.finishedCount, 1);
        QVERIFY(result.error().isError());
        QCOMPARE(server.verbs(), QList<QByteArray> {verb});
        QCOMPARE(result.effect, effect);
        // Whatever Qt's own words were, the user reads ours (and no token).
        QVERIFY2(!result.error().toString().contains(u"Unknown error"),
            qPrintable(result.error().toString()));
        QVERIFY(!result.error().toString().contains(u"Zq9-once-token"));
    }

    // The control: without Send::Once the same server sees the request
    // again, so brokenReplies() would fail if Once were a no-op.
    void repeatableCallsAreResentByQt()
    {
        RawServer server(QByteArray("HTTP/1.1 2"));
        QVERIFY(server.listen());
        SmhClient client;
        callAndSettle(client, server.baseUrl(), "DELETE", SmhClient::Send::Repeatable);
        QVERIFY2(server.requestCount() > 1, "Qt no longer resends: Send::Once may be simplified");
    }

    void answeredCalls_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("effect");
        QTest::newRow("202 accepted") << 202 << int(ApiJob::Effect::Applied);
        QTest::newRow("204 applied") << 204 << int(ApiJob::Effect::Applied);
        QTest::newRow("307 not followed") << 307 << int(ApiJob::Effect::None);
        QTest::newRow("403 refused") << 403 << int(ApiJob::Effect::None);
        QTest::newRow("429 refused") << 429 << int(ApiJob::Effect::None);
        // SMH may have acted before it failed to answer.
        QTest::newRow("500") << 500 << int(ApiJob::Effect::Unknown);
        QTest::newRow("503") << 503 << int(ApiJob::Effect::Unknown);
    }

    void answeredCalls()
    {
        QFETCH(int, status);
        QFETCH(int, effect);
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse response = status == 202 ? HttpResponse::json(202, R"({"taskId":7})")
            : status == 204                   ? HttpResponse {204, {}, {}}
                                              : HttpResponse::error(status, u"Code"_s, u"m"_s, {});
        if (status == 307)
            response.headers.append(std::pair<QByteArray, QByteArray>("Location", "/elsewhere"));
        server.enqueue(response);
        server.setFallback([](const HttpRequest &) { return HttpResponse::json(202, "{}"); });
        SmhClient client;
        const JobResult result =
            callAndSettle(client, server.baseUrl(), "POST", SmhClient::Send::Once);
        QCOMPARE(result.effect, effect);
        QCOMPARE(result.httpStatus, status);
        QCOMPARE(server.requestCount(), 1);
        // The body arrives whole, with its length, as for any other call.
        const HttpRequest request = server.lastRequest();
        QCOMPARE(request.body, bodyFor("POST"));
        QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
        if (status == 202)
            QCOMPARE(result.body, QByteArray(R"({"taskId":7})"));
    }

    void aBodilessDeleteStillArrives()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.enqueue(HttpResponse::json(202, R"({"taskId":7})"));
        SmhClient client;
        const JobResult result =
            callAndSettle(client, server.baseUrl(), "DELETE", SmhClient::Send::Once);
        QVERIFY2(!result.error().isError(), qPrintable(result.error().toString()));
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.lastRequest().method, QByteArray("DELETE"));
        QCOMPARE(result.body, QByteArray(R"({"taskId":7})"));
    }

    void refusedConnectionCannotHaveReachedSmh()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        QUrl base;
        base.setScheme(u"http"_s);
        base.setHost(u"127.0.0.1"_s);
        base.setPort(closed.serverPort());
        closed.close();
        SmhClient client;
        const JobResult result = callAndSettle(client, base, "DELETE", SmhClient::Send::Once);
        QVERIFY(result.error().isError());
        QCOMPARE(result.effect, int(ApiJob::Effect::None));
    }

    void aStalledReplyEndsAtTheDeadlineAsUnknown()
    {
        // The server reads the request and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        int connections = 0;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (silent.nextPendingConnection())
                ++connections;
        });
        QUrl base;
        base.setScheme(u"http"_s);
        base.setHost(u"127.0.0.1"_s);
        base.setPort(silent.serverPort());
        SmhClient client;
        client.setTotalTimeout(std::chrono::milliseconds(400));
        LogCapture log;
        const JobResult result = callAndSettle(client, base, "DELETE", SmhClient::Send::Once);
        QCOMPARE(result.error().kind(), SmhError::Kind::Timeout);
        QCOMPARE(result.effect, int(ApiJob::Effect::Unknown));
        QCOMPARE(connections, 1);
        // Nothing of Qt's own reaches the log (it warned "device not open"
        // when an aborted reply was read).
        QVERIFY2(!log.contains(u"QIODevice"_s), qPrintable(log.text()));
    }
};

QTEST_GUILESS_MAIN(TestSmhClientOnce)
#include "tst_smhclient_once.moc"
