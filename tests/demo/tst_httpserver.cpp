#include "testtls.h"

#include "demo/httpserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

struct Fetched
{
    bool finished = false;
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QHash<QByteArray, QByteArray> headers;
};

Fetched fetch(QNetworkAccessManager &network, const QNetworkRequest &request,
    const QByteArray &verb = "GET", const QByteArray &body = {})
{
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    Fetched fetched;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000))
        return fetched;
    fetched.finished = true;
    fetched.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    fetched.body = reply->readAll();
    fetched.error = reply->error();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        fetched.headers.insert(name.toLower(), value);
    delete reply;
    return fetched;
}

QNetworkRequest requestFor(const HttpServer &server, const QByteArray &target)
{
    return QNetworkRequest(QUrl::fromEncoded(server.baseUrl().toEncoded() + target));
}

// Reads from a raw socket until `done` says the bytes are complete.
QByteArray readUntil(QTcpSocket &socket, const std::function<bool(const QByteArray &)> &done)
{
    QByteArray data;
    (void)QTest::qWaitFor(
        [&] {
            data += socket.readAll();
            return done(data) || socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    data += socket.readAll();
    return data;
}

bool connectTo(QTcpSocket &socket, const HttpServer &server)
{
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    return socket.waitForConnected(5000);
}

} // namespace

// The tiny server under the simulator and every network test.
class TestHttpServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestIsParsed()
    {
        HttpRequest seen;
        HttpServer server([&seen](const HttpRequest &request) {
            seen = request;
            return HttpResponse::json(200, R"({"ok":true})");
        });
        QVERIFY(server.listen());
        QVERIFY(server.port() != 0);
        QCOMPARE(server.baseUrl().toString(), u"http://127.0.0.1:%1"_s.arg(server.port()));
        QSignalSpy received(&server, &HttpServer::requestReceived);

        QNetworkAccessManager network;
        QNetworkRequest request = requestFor(
            server, "/api/v1/task/lib%2Fx/%E7%A9%BA%20s/1,2?access_token=a%2Bb%26c&user_id=u+1");
        request.setRawHeader("X-Custom-Header", "Value");
        const Fetched fetched = fetch(network, request);
        QVERIFY(fetched.finished);
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.body, R"({"ok":true})");
        QCOMPARE(fetched.header("content-length"), "11");
        QVERIFY(fetched.header("content-type").startsWith("application/json"));

        QCOMPARE(seen.method, "GET");
        QCOMPARE(seen.target,
            "/api/v1/task/lib%2Fx/%E7%A9%BA%20s/1,2?access_token=a%2Bb%26c&user_id=u+1");
        QCOMPARE(seen.pathSegments(),
            QStringList({u"api"_s, u"v1"_s, u"task"_s, u"lib/x"_s, u"空 s"_s, u"1,2"_s}));
        QCOMPARE(seen.queryValue(u"access_token"_s), u"a+b&c"_s);
        QCOMPARE(seen.queryValue(u"user_id"_s), u"u+1"_s); // QUrlQuery keeps '+' literal
        QCOMPARE(seen.headers.value("x-custom-header"), "Value");
        QVERIFY(seen.headers.contains("host"));
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.at(0).at(0).value<HttpRequest>().target, seen.target);
        QCOMPARE(server.requestCount(), 1);
    }

    void bodyAndStatus()
    {
        HttpServer server([](const HttpRequest &request) {
            HttpResponse response;
            response.status = 201;
            response.headers.append(
                std::pair<QByteArray, QByteArray>("X-Echo-Method", request.method));
            response.body = request.body;
            return response;
        });
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        const QByteArray payload(100'000, 'p');
        QNetworkRequest request = requestFor(server, "/echo");
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/octet-stream"_s);
        const Fetched fetched = fetch(network, request, "POST", payload);
        QCOMPARE(fetched.status, 201);
        QCOMPARE(fetched.body, payload);
        QCOMPARE(fetched.header("x-echo-method"), "POST");
    }

    void errorResponseShape()
    {
        const HttpResponse response = HttpResponse::error(
            404, u"NoSuchLibrary"_s, u"The library does not exist."_s, u"r-9"_s);
        QCOMPARE(response.status, 404);
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(body.value(u"code").toString(), u"NoSuchLibrary"_s);
        QCOMPARE(body.value(u"message").toString(), u"The library does not exist."_s);
        QCOMPARE(body.value(u"requestId").toString(), u"r-9"_s);
        QVERIFY(response.headers.contains(
            std::pair<QByteArray, QByteArray>("x-smh-request-id", "r-9")));
    }

    void keepAlive()
    {
        HttpServer server([](const HttpRequest &) { return HttpResponse::json(200, "[]"); });
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        for (int i = 0; i < 4; ++i)
            QCOMPARE(fetch(network, requestFor(server, "/k")).status, 200);
        QCOMPARE(server.requestCount(), 4);
        QCOMPARE(server.connectionCount(), 1);
    }

    void connectionClose()
    {
        HttpServer server([](const HttpRequest &) { return HttpResponse::json(200, "[]"); });
        QVERIFY(server.listen());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        socket.write("GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        const QByteArray reply = readUntil(socket, [](const QByteArray &) { return false; });
        QVERIFY(reply.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(reply.contains("Connection: close\r\n"));
        QVERIFY(reply.endsWith("\r\n\r\n[]"));
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    }

    void delayedAnswer()
    {
        HttpServer server([](const HttpRequest &) {
            HttpResponse response = HttpResponse::json(200, "[]");
            response.delay = 150ms;
            return response;
        });
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        QElapsedTimer clock;
        clock.start();
        const Fetched fetched = fetch(network, requestFor(server, "/slow"));
        QCOMPARE(fetched.status, 200);
        QVERIFY2(clock.elapsed() >= 140, qPrintable(QString::number(clock.elapsed())));
    }

    void pipelinedRequestsKeepTheirOrder()
    {
        // The first answer is late; the second must still come after it.
        HttpServer server([](const HttpRequest &request) {
            HttpResponse response = HttpResponse::json(200, request.target);
            if (request.target == "/first")
                response.delay = 100ms;
            return response;
        });
        QVERIFY(server.listen());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        socket.write(
            "GET /first HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n");
        const QByteArray reply =
            readUntil(socket, [](const QByteArray &data) { return data.endsWith("/second"); });
        const qsizetype first = reply.indexOf("/first");
        const qsizetype second = reply.indexOf("/second");
        QVERIFY2(first > 0 && second > first, reply.constData());
        QCOMPARE(server.requestCount(), 2);
    }

    void requestInPieces()
    {
        HttpRequest seen;
        HttpServer server([&seen](const HttpRequest &request) {
            seen = request;
            return HttpResponse::json(200, "[]");
        });
        QVERIFY(server.listen());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        // The server peeks and leaves an incomplete request in its socket, so
        // its buffer shows when each piece has arrived (and been looked at).
        auto buffered = [&server] {
            const auto sockets = server.findChildren<QTcpSocket *>();
            return sockets.size() == 1 ? sockets.constFirst()->bytesAvailable() : qint64(-1);
        };
        const QByteArray head = "POST /p HTTP/1.1\r\nHo";
        const QByteArray rest = "st: a\r\nContent-Length: 10\r\n\r\n01234";
        socket.write(head);
        QTRY_COMPARE(buffered(), head.size());
        QCOMPARE(server.requestCount(), 0);
        socket.write(rest);
        QTRY_COMPARE(buffered(), head.size() + rest.size());
        QCOMPARE(server.requestCount(), 0); // the body is not complete yet
        socket.write("56789");
        const QByteArray reply =
            readUntil(socket, [](const QByteArray &data) { return data.endsWith("[]"); });
        QVERIFY(reply.startsWith("HTTP/1.1 200"));
        QCOMPARE(seen.body, "0123456789");
        QCOMPARE(seen.headers.value("content-length"), "10");
    }

    void dropConnection()
    {
        HttpServer server([](const HttpRequest &) {
            HttpResponse response;
            response.dropConnection = true;
            return response;
        });
        QVERIFY(server.listen());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        socket.write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
        const QByteArray reply = readUntil(socket, [](const QByteArray &) { return false; });
        QVERIFY(reply.isEmpty());
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    }

    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("statusLine");
        QTest::newRow("bad request line")
            << QByteArray("NONSENSE\r\n\r\n") << QByteArray("HTTP/1.1 400 ");
        QTest::newRow("body too large") << QByteArray("POST /x HTTP/1.1\r\nContent-Length: ")
                + QByteArray::number(HttpServer::maxBodyBytes + 1)
                + "\r\n\r\n" << QByteArray("HTTP/1.1 413 ");
        QTest::newRow("negative length")
            << QByteArray("POST /x HTTP/1.1\r\nContent-Length: -5\r\n\r\n")
            << QByteArray("HTTP/1.1 413 ");
        QTest::newRow("headers too large") << QByteArray("GET /x HTTP/1.1\r\nX-Big: ")
                + QByteArray(HttpServer::maxHeaderBytes + 10, 'h')
                                           << QByteArray("HTTP/1.1 431 ");
    }

    void badRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, statusLine);
        int handled = 0;
        HttpServer server([&handled](const HttpRequest &) {
            ++handled;
            return HttpResponse::json(200, "[]");
        });
        QVERIFY(server.listen());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server));
        socket.write(request);
        const QByteArray reply = readUntil(socket, [](const QByteArray &) { return false; });
        QVERIFY2(reply.startsWith(statusLine), reply.left(80).constData());
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(handled, 0);
        QCOMPARE(server.requestCount(), 0);
    }

    void tls()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        HttpServer server([](const HttpRequest &) { return HttpResponse::json(200, "[]"); });
        QVERIFY(server.listenTls(TestTls::serverConfiguration()));
        QCOMPARE(server.baseUrl().scheme(), u"https"_s);
        QNetworkAccessManager network;

        QNetworkRequest untrusted = requestFor(server, "/t");
        const Fetched refused = fetch(network, untrusted);
        QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(server.requestCount(), 0);

        QNetworkRequest trusted = requestFor(server, "/t");
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        QVERIFY(config.addCaCertificates(TestTls::caFile()));
        trusted.setSslConfiguration(config);
        QNetworkAccessManager fresh;
        const Fetched fetched = fetch(fresh, trusted);
        QCOMPARE(fetched.error, QNetworkReply::NoError);
        QCOMPARE(fetched.status, 200);
        QCOMPARE(server.requestCount(), 1);
    }

    void closeStopsListening()
    {
        HttpServer server([](const HttpRequest &) { return HttpResponse::json(200, "[]"); });
        QVERIFY(server.listen());
        const quint16 port = server.port();
        QTcpSocket open;
        QVERIFY(connectTo(open, server));
        server.close();
        QCOMPARE(server.port(), 0);
        // Open connections are cut, new ones refused.
        QTRY_COMPARE(open.state(), QAbstractSocket::UnconnectedState);
        QTcpSocket later;
        later.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!later.waitForConnected(2000));
        server.close(); // twice is fine
    }

    void portInUse()
    {
        HttpServer first([](const HttpRequest &) { return HttpResponse(); });
        QVERIFY(first.listen());
        HttpServer second([](const HttpRequest &) { return HttpResponse(); });
        QVERIFY(!second.listen(QHostAddress::LocalHost, first.port()));
        QVERIFY(!second.errorString().isEmpty());
    }

    void destroyedWithADelayedAnswerPending()
    {
        auto server = std::make_unique<HttpServer>([](const HttpRequest &) {
            HttpResponse response = HttpResponse::json(200, "[]");
            response.delay = 200ms;
            return response;
        });
        QVERIFY(server->listen());
        QTcpSocket socket;
        QVERIFY(connectTo(socket, *server));
        socket.write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
        QTRY_COMPARE(server->requestCount(), 1);
        server.reset();
        // A negative check: past the answer's due time, the timer that would
        // have sent it must have gone with its socket (no crash, no bytes).
        QTest::qWait(250);
        QCOMPARE(socket.bytesAvailable(), 0);
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
