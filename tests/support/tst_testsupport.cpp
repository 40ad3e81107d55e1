#include "logcapture.h"
#include "rawserver.h"
#include "scriptedserver.h"
#include "testjobs.h"
#include "testtls.h"

#include "smh/smhclient.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslKey>
#include <QTest>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSupportTest, "smh.supporttest", QtWarningMsg)

namespace {

struct Fetched
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

Fetched fetch(QNetworkAccessManager &network, const QUrl &url)
{
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000))
        return {};
    Fetched fetched {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
        reply->readAll(), reply->error()};
    reply->deleteLater();
    return fetched;
}

} // namespace

// The helpers the other tests stand on: if these lie, every test above lies.
class TestTestSupport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scriptedServerAnswersQueueThenFallback()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.enqueue(HttpResponse::json(200, "[1]"), 2);
        server.enqueue(HttpResponse::error(503, u"Busy"_s, u"later"_s, u"r-1"_s));
        QCOMPARE(server.pendingResponses(), 3);

        QNetworkAccessManager network;
        QUrl url = server.baseUrl();
        url.setPath(u"/api/v1/task/lib/-/5,6"_s);
        QCOMPARE(fetch(network, url).body, "[1]");
        QCOMPARE(fetch(network, url).body, "[1]");
        QCOMPARE(fetch(network, url).status, 503);
        // Queue empty: the default fallback reports every ID as running.
        const Fetched fallback = fetch(network, url);
        QCOMPARE(fallback.status, 200);
        QCOMPARE(fallback.body, R"([{"status":202,"taskId":5},{"status":202,"taskId":6}])");
        url.setPath(u"/elsewhere"_s);
        QCOMPARE(fetch(network, url).status, 404);

        QCOMPARE(server.requestCount(), 5);
        QCOMPARE(server.requests().constFirst().method, "GET");
        QCOMPARE(ScriptedServer::taskIds(server.requests().constFirst()), QList<qint64>({5, 6}));
        QCOMPARE(server.lastRequest().target, "/elsewhere");

        server.setFallback([](const HttpRequest &) { return HttpResponse::json(418, "{}"); });
        QCOMPARE(fetch(network, url).status, 418);
    }

    void rawQueryValueKeepsTheWireForm()
    {
        HttpRequest request;
        request.target = "/x?user_id=u&access_token=a%2Bb+c%26d&empty=";
        QCOMPARE(ScriptedServer::rawQueryValue(request, "access_token"), "a%2Bb+c%26d");
        QCOMPARE(ScriptedServer::rawQueryValue(request, "user_id"), "u");
        QCOMPARE(ScriptedServer::rawQueryValue(request, "missing"), QByteArray());
        QCOMPARE(ScriptedServer::formDecoded("a%2Bb+c%26d"), u"a+b c&d"_s);
    }

    void rawServerSendsBytesVerbatim()
    {
        RawServer server(
            "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nno length, ends with the connection");
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        QUrl url = server.baseUrl();
        url.setPath(u"/raw"_s);
        const Fetched fetched = fetch(network, url);
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.body, "no length, ends with the connection");
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(server.lastRequestHead().startsWith("GET /raw HTTP/1.1"));
    }

    void logCaptureSeesDebugOutputAndRestores()
    {
        QVERIFY(!lcSupportTest().isDebugEnabled());
        {
            LogCapture capture;
            QVERIFY(lcSupportTest().isDebugEnabled());
            qCDebug(lcSupportTest) << "first";
            qCInfo(lcSupportTest) << "second";
            QCOMPARE(capture.messages().size(), 2);
            QVERIFY(capture.contains(u"smh.supporttest: first"_s));
            QVERIFY(capture.text().contains(u"second"_s));
        }
        QVERIFY(!lcSupportTest().isDebugEnabled());
    }

    void tlsMaterialLoads()
    {
        QVERIFY2(QFile::exists(TestTls::caFile()), qPrintable(TestTls::caFile()));
        const QSslConfiguration tls = TestTls::serverConfiguration();
        QVERIFY(!tls.localCertificate().isNull());
        QVERIFY(!tls.privateKey().isNull());
        const QStringList names = tls.localCertificate().subjectAlternativeNames().values(
            QSsl::AlternativeNameEntryType::IpAddressEntry);
        QVERIFY(names.contains(u"127.0.0.1"_s));
        QVERIFY(tls.localCertificate().expiryDate().date().year() >= 2100);
        const QList<QSslCertificate> ca = QSslCertificate::fromPath(TestTls::caFile());
        QCOMPARE(ca.size(), 1);
        QCOMPARE(tls.localCertificate().issuerDisplayName(), ca.constFirst().subjectDisplayName());
    }

    void jobWaitCopiesResults()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        SmhClient client;
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), u"token-value"_s, {7, 8}));
        QVERIFY(result.finished);
        QCOMPARE(result.finishedCount, 1);
        QCOMPARE(result.requestedIds, QList<qint64>({7, 8}));
        QCOMPARE(result.reports.size(), 2);
        QCOMPARE(result.report(8).status, 202);
        QCOMPARE(result.report(9).taskId, 0);
        QVERIFY(!result.error().isError());
    }
};

QTEST_GUILESS_MAIN(TestTestSupport)
#include "tst_testsupport.moc"
