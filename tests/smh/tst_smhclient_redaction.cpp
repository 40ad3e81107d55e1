#include "logcapture.h"
#include "scriptedserver.h"
#include "testjobs.h"

#include "demo/smhsimulator.h"
#include "smh/redact.h"
#include "smh/smhclient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString token = u"SeKr1tT0k3n+/=&Qx9vLm2Wz8Rp4Yd7"_s;
const QString secret = u"L1bR4rySeCr3t+/=&Hh5Jj6Kk7Nn8"_s;

// Any 8 characters in a row of the secret, as typed or percent-encoded, count
// as a leak: a token cut in half is still half a token.
QString leakIn(const QString &text, const QString &value)
{
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(value));
    for (const QString &form : {value, encoded}) {
        for (qsizetype i = 0; i + 8 <= form.size(); ++i) {
            const QString window = form.mid(i, 8);
            if (text.contains(window))
                return window;
        }
    }
    return {};
}

using Header = std::pair<QByteArray, QByteArray>;

} // namespace

// Tokens and library secrets never reach error text, the requestFinished
// signal or the log, on any path.
class TestSmhClientRedaction final : public QObject
{
    Q_OBJECT

private:
    QStringList m_outputs;
    SmhClient *m_client = nullptr;

    void record(const JobResult &result)
    {
        for (const SmhError &error : result.errors) {
            m_outputs << error.toString() << error.message() << error.code() << error.detail()
                      << error.requestId();
        }
    }

    void verifyNoLeak(const LogCapture &log)
    {
        const QString everything = m_outputs.join(u'\n') + u'\n' + log.text();
        for (const QString &value : {token, secret}) {
            const QString leak = leakIn(everything, value);
            QVERIFY2(
                leak.isEmpty(), qPrintable(u"\"%1\" leaked into:\n%2"_s.arg(leak, everything)));
        }
    }

private Q_SLOTS:
    void init()
    {
        m_outputs.clear();
        m_client = new SmhClient(this);
        connect(m_client, &SmhClient::requestFinished, this,
            [this](const QString &verb, const QString &url, int, const SmhError &error) {
                m_outputs << verb + u' ' + url << error.toString();
            });
    }

    void cleanup()
    {
        delete m_client;
        m_client = nullptr;
        Redact::forgetSecret(token);
        Redact::forgetSecret(secret);
    }

    void queryPaths_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<SmhError::Kind>("kind");
        using Kind = SmhError::Kind;
        QTest::newRow("success") << 0 << Kind::None;
        QTest::newRow("401 echoing the token") << 1 << Kind::Http;
        QTest::newRow("text body echoing the URL") << 2 << Kind::Http;
        QTest::newRow("malformed") << 3 << Kind::Malformed;
        QTest::newRow("timeout") << 4 << Kind::Timeout;
        QTest::newRow("oversized") << 5 << Kind::Oversized;
        QTest::newRow("redirect elsewhere") << 6 << Kind::Http;
        QTest::newRow("dropped") << 7 << Kind::Network;
        QTest::newRow("refused") << 8 << Kind::Network;
    }

    void queryPaths()
    {
        QFETCH(int, scenario);
        QFETCH(SmhError::Kind, kind);
        LogCapture log;
        ScriptedServer server;
        QVERIFY(server.listen());
        ScriptedServer elsewhere;
        QVERIFY(elsewhere.listen());
        const QString encodedToken = QString::fromLatin1(QUrl::toPercentEncoding(token));
        switch (scenario) {
        case 0:
            break;
        case 1:
            server.enqueue(HttpResponse::error(401, u"InvalidAccessToken"_s,
                u"Token "_s + token + u" (" + encodedToken + u") is invalid."_s, u"req-1"_s));
            break;
        case 2:
            // A proxy that quotes the request, query string and all.
            server.setFallback([](const HttpRequest &request) {
                HttpResponse echo;
                echo.status = 400;
                echo.headers.append(Header("Content-Type", "text/plain"));
                echo.body = "Bad request: GET " + request.target;
                return echo;
            });
            break;
        case 3:
            server.enqueue(
                HttpResponse::json(200, "{\"accessToken\": \"" + token.toUtf8() + "\"}"));
            break;
        case 4: {
            HttpResponse late = ScriptedServer::answerAll({}, 202);
            late.delay = 5s;
            server.enqueue(late);
            m_client->setTransferTimeout(100ms);
            break;
        }
        case 5:
            server.enqueue(HttpResponse::json(200, QByteArray(4096, ' ') + "[]"));
            m_client->setMaxReplyBytes(1024);
            break;
        case 6: {
            const QUrl target = elsewhere.baseUrl();
            server.setFallback([target](const HttpRequest &request) {
                HttpResponse response;
                response.status = 307;
                response.headers.append(Header("Location", target.toEncoded() + request.target));
                return response;
            });
            break;
        }
        case 7: {
            HttpResponse drop;
            drop.dropConnection = true;
            server.enqueue(drop, 3);
            break;
        }
        case 8:
            break;
        }
        ConnectionSettings settings = server.settings();
        if (scenario == 8) {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost));
            settings.endpoint.setPort(closed.serverPort());
            closed.close();
        }
        settings.userId = u"operator"_s;

        const JobResult result = TestJobs::wait(m_client->queryTasks(settings, token, {1, 2, 3}));
        QVERIFY(result.finished);
        QCOMPARE(result.error().kind(), kind);
        record(result);
        QCOMPARE(elsewhere.requestCount(), 0);
        // The capture works: the request itself was logged, redacted.
        QVERIFY2(log.contains(u"access_token=REDACTED"_s), qPrintable(log.text()));
        verifyNoLeak(log);
    }

    void renewAndDeleteKeepTheTokenOutOfThePath_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<int>("status");
        QTest::newRow("renew ok") << QByteArray("POST") << 200;
        QTest::newRow("renew refused") << QByteArray("POST") << 401;
        QTest::newRow("delete ok") << QByteArray("DELETE") << 204;
        QTest::newRow("delete refused") << QByteArray("DELETE") << 401;
        QTest::newRow("renew refused, proxy echo") << QByteArray("POST") << 502;
    }

    void renewAndDeleteKeepTheTokenOutOfThePath()
    {
        QFETCH(QByteArray, verb);
        QFETCH(int, status);
        LogCapture log;
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setFallback([status](const HttpRequest &request) {
            if (status == 200)
                return HttpResponse::json(
                    200, "{\"accessToken\":\"" + token.toUtf8() + "\",\"expiresIn\":3600}");
            if (status == 204)
                return HttpResponse::json(204, {});
            if (status == 502) {
                // A proxy page quoting the request line, long enough that a
                // cut at a fixed length would fall inside the token.
                HttpResponse page;
                page.status = 502;
                page.headers.append(Header("Content-Type", "text/plain"));
                const QByteArray head = "Upstream unavailable while handling " + request.method
                    + " /api/v1/token/smhlib/";
                page.body = QByteArray(190 - head.size(), '.') + head
                    + request.target.mid(request.target.lastIndexOf('/') + 1) + " from 127.0.0.1";
                return page;
            }
            return HttpResponse::error(401, u"InvalidAccessToken"_s,
                u"No such token: "_s + request.pathSegments().constLast(), u"req-2"_s);
        });
        const ConnectionSettings settings = server.settings(u"smhlib"_s);
        JobResult result;
        if (verb == "POST")
            result = TestJobs::wait(m_client->renewToken(settings, token));
        else
            result = TestJobs::wait(m_client->deleteToken(settings, token));
        QVERIFY(result.finished);
        QCOMPARE(server.lastRequest().method, verb);
        // The server did get the token, exactly.
        QCOMPARE(server.lastRequest().pathSegments().constLast(), token);
        QCOMPARE(result.error().isError(), status >= 300);
        QCOMPARE(result.error().httpStatus(), status >= 300 ? status : 0);
        if (status == 200)
            QCOMPARE(result.token.value, token);
        record(result);
        QVERIFY2(log.contains(u"/api/v1/token/smhlib/REDACTED"_s), qPrintable(log.text()));
        verifyNoLeak(log);
    }

    void librarySecretNeverShows_data()
    {
        QTest::addColumn<bool>("rightSecret");
        QTest::newRow("minted") << true;
        QTest::newRow("refused") << false;
    }

    void librarySecretNeverShows()
    {
        QFETCH(bool, rightSecret);
        LogCapture log;
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        ConnectionSettings settings;
        settings.endpoint = simulator.baseUrl();
        settings.libraryId = simulator.libraryId();
        const QString used = rightSecret ? simulator.librarySecret() : secret;
        const JobResult minted = TestJobs::wait(m_client->createToken(settings, used, 600));
        QVERIFY(minted.finished);
        QCOMPARE(minted.error().isError(), !rightSecret);
        record(minted);
        QVERIFY2(log.contains(u"library_secret=REDACTED"_s), qPrintable(log.text()));
        verifyNoLeak(log);
        if (rightSecret) {
            // The minted token is a secret from now on, too.
            const QString mintedToken = minted.token.value;
            QVERIFY(!mintedToken.isEmpty());
            const JobResult query =
                TestJobs::wait(m_client->queryTasks(settings, mintedToken, {7}));
            QVERIFY(!query.error().isError());
            const JobResult renewed = TestJobs::wait(m_client->renewToken(settings, mintedToken));
            QVERIFY(!renewed.error().isError());
            record(renewed);
            const QString everything = m_outputs.join(u'\n') + log.text();
            QVERIFY2(leakIn(everything, mintedToken).isEmpty(), qPrintable(everything));
            QVERIFY2(
                leakIn(everything, simulator.librarySecret()).isEmpty(), qPrintable(everything));
            Redact::forgetSecret(mintedToken);
        } else {
            QVERIFY(minted.error().isWrongSecret());
            QCOMPARE(minted.error().code(), u"WrongLibraryIdOrSecret"_s);
        }
    }
};

QTEST_GUILESS_MAIN(TestSmhClientRedaction)
#include "tst_smhclient_redaction.moc"
