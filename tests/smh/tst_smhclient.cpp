#include "rawserver.h"
#include "scriptedserver.h"
#include "testjobs.h"

#include "smh/smhclient.h"
#include "smh/taskquery.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <QTest>
#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(HttpResponse)

namespace {

const QString token = u"Zq8+pT/xY2w=kMn&0123456789abcdef"_s;
const QList<qint64> someIds {10, 12, 13};

using Header = std::pair<QByteArray, QByteArray>;

HttpResponse jsonError(int status, const QByteArray &body, const QList<Header> &extraHeaders = {})
{
    HttpResponse response = HttpResponse::json(status, body);
    response.headers += extraHeaders;
    return response;
}

// A port nothing listens on: taken from the kernel, then given back.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QByteArray httpDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

QByteArray taskArrayOfSize(qsizetype size)
{
    QByteArray body = R"([{"taskId":10,"status":202}])";
    body.insert(1, QByteArray(size - body.size(), ' '));
    return body;
}

QByteArray rawReply(const QByteArray &head, const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + head + "\r\n" + body;
}

QByteArray chunked(const QByteArray &body)
{
    QByteArray out;
    for (qsizetype at = 0; at < body.size(); at += 1000) {
        const QByteArray chunk = body.mid(at, 1000);
        out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    }
    return out + "0\r\n\r\n";
}

} // namespace

// SmhClient against a real HTTP server on loopback: successes, every kind of
// failure, and what the caller learns about each.
class TestSmhClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void successAndRequestShape()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        SmhClient client;
        QSignalSpy finished(&client, &SmhClient::requestFinished);
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, someIds));
        QVERIFY(result.finished);
        QCOMPARE(result.finishedCount, 1);
        QVERIFY(!result.error().isError());
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(result.requestedIds, someIds);
        QCOMPARE(result.reports.size(), 3);
        for (const TaskStatusReport &report : result.reports) {
            QVERIFY(report.found);
            QCOMPARE(report.status, TaskStatusReport::statusRunning);
        }
        QVERIFY(result.failedIds.isEmpty());
        QCOMPARE(result.requestCount, 1);
        QCOMPARE(client.requestsSent(), 1);
        QCOMPARE(client.requestsInFlight(), 0);

        const HttpRequest request = server.lastRequest();
        QCOMPARE(request.method, "GET");
        QCOMPARE(request.headers.value("user-agent"), SmhClient::userAgent().toLatin1());
        QVERIFY(SmhClient::userAgent().startsWith(u"smh-task-monitor/"_s));
        QCOMPARE(request.headers.value("accept"), "application/json");
        QVERIFY(!request.headers.contains("cookie"));
        QVERIFY(request.body.isEmpty());

        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), u"GET"_s);
        QVERIFY(finished.at(0).at(1).toString().contains(u"access_token=REDACTED"_s));
        QCOMPARE(finished.at(0).at(2).toInt(), 200);
        QVERIFY(!finished.at(0).at(3).value<SmhError>().isError());
    }

    void reportsOnlyWhatWasAsked()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        // 11 is not returned (unknown or expired); 99 was never asked for.
        server.enqueue(HttpResponse::json(200,
            R"([{"taskId":99,"status":200},{"taskId":12,"status":500,"extra":1},)"
            R"({"taskId":10,"status":409}])"));
        SmhClient client;
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, {10, 11, 12}));
        QVERIFY(!result.error().isError());
        QCOMPARE(result.reports.size(), 3);
        QCOMPARE(result.report(10).status, 409);
        QVERIFY(!result.report(11).found);
        QCOMPARE(result.report(11).taskId, 11);
        QCOMPARE(result.report(12).status, 500);
        QCOMPARE(result.report(99).taskId, 0);
    }

    void nothingToAsk()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(server.settings(), token, {}));
        QVERIFY(result.finished);
        QVERIFY(!result.error().isError());
        QCOMPARE(result.requestCount, 0);
        QCOMPARE(server.requestCount(), 0);
    }

    void refusedBeforeSending_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("libraryId");
        QTest::addColumn<QString>("accessToken");
        QTest::newRow("no token") << QString() << u"lib"_s << QString();
        QTest::newRow("no library") << QString() << QString() << token;
        QTest::newRow("library with space") << QString() << u"my lib"_s << token;
        QTest::newRow("plain http elsewhere") << u"http://example.com"_s << u"lib"_s << token;
        QTest::newRow("no endpoint") << u"-"_s << u"lib"_s << token;
    }

    void refusedBeforeSending()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, libraryId);
        QFETCH(QString, accessToken);
        ScriptedServer server;
        QVERIFY(server.listen());
        ConnectionSettings settings = server.settings(libraryId);
        if (endpoint == u"-")
            settings.endpoint = QUrl();
        else if (!endpoint.isEmpty())
            settings.endpoint = QUrl(endpoint);
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(settings, accessToken, {1, 2}));
        QVERIFY(result.finished);
        QCOMPARE(result.finishedCount, 1);
        QCOMPARE(result.error().kind(), SmhError::Kind::InvalidInput);
        QVERIFY(!result.error().isTransient());
        QCOMPARE(result.failedIds, QList<qint64>({1, 2}));
        QCOMPARE(client.requestsSent(), 0);
        QCOMPARE(server.requestCount(), 0);
    }

    void httpErrors_data()
    {
        QTest::addColumn<HttpResponse>("response");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("requestId");

        const QList<std::pair<int, QString>> statuses {{401, u"InvalidAccessToken"_s},
            {403, u"AccessDenied"_s}, {404, u"NoSuchLibrary"_s}, {429, u"TooManyRequests"_s},
            {500, u"InternalError"_s}, {503, u"ServiceUnavailable"_s}};
        for (const auto &[status, code] : statuses) {
            const QString id = u"req-%1"_s.arg(status);
            QTest::addRow("%d smh body", status)
                << HttpResponse::error(status, code, u"Something about %1."_s.arg(status), id)
                << code << u"Something about %1."_s.arg(status) << id;
            QTest::addRow("%d header id only", status)
                << jsonError(status, uR"({"code":"%1","message":"m"})"_s.arg(code).toUtf8(),
                       {{"x-smh-request-id", id.toLatin1()}})
                << code << u"m"_s << id;
            QTest::addRow("%d body id only", status)
                << jsonError(status, uR"({"code":"%1","requestId":"%2"})"_s.arg(code, id).toUtf8())
                << code << QString() << id;
            QTest::addRow("%d nested", status) << jsonError(status,
                uR"({"error":{"Code":"%1","Message":"nested","RequestId":"%2"}})"_s.arg(code, id)
                    .toUtf8()) << code << u"nested"_s
                                               << id;
            HttpResponse html;
            html.status = status;
            html.headers.append(Header("Content-Type", "text/html"));
            html.headers.append(Header("x-smh-request-id", id.toLatin1()));
            html.body = "<html><head><title>" + QByteArray::number(status)
                + "</title></head><body><center>nginx</center></body></html>";
            QTest::addRow("%d html from a proxy", status) << html << QString() << QString() << id;
            QTest::addRow("%d empty", status)
                << jsonError(status, {}) << QString() << QString() << QString();
        }
    }

    void httpErrors()
    {
        QFETCH(HttpResponse, response);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, requestId);
        const int status = response.status;

        ScriptedServer server;
        QVERIFY(server.listen());
        server.enqueue(response);
        SmhClient client;
        QSignalSpy finished(&client, &SmhClient::requestFinished);
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, someIds));
        QVERIFY(result.finished);
        QCOMPARE(result.finishedCount, 1);
        const SmhError error = result.error();
        QCOMPARE(error.kind(), SmhError::Kind::Http);
        QCOMPARE(error.httpStatus(), status);
        QCOMPARE(error.code(), code);
        QCOMPARE(error.message(), message);
        QCOMPARE(error.requestId(), requestId);
        QCOMPARE(error.isAuthError(), status == 401 || status == 403);
        QCOMPARE(error.isTransient(), status == 429 || status >= 500);
        QCOMPARE(error.retryAfterSeconds(), -1);
        QCOMPARE(result.failedIds, someIds);
        QVERIFY(result.reports.isEmpty());

        const QString text = error.toString();
        QVERIFY2(text.contains(QString::number(status)), qPrintable(text));
        if (!code.isEmpty())
            QVERIFY(text.contains(code));
        if (!requestId.isEmpty())
            QVERIFY(text.contains(requestId));
        // Markup is summarised, never shown.
        QVERIFY2(!text.contains(u'<'), qPrintable(text));
        if (response.body.startsWith('<'))
            QVERIFY(text.contains(u"HTML"_s));

        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(2).toInt(), status);
        QCOMPARE(finished.at(0).at(3).value<SmhError>().httpStatus(), status);
    }

    void textBodyIsShownShortened()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse response;
        response.status = 502;
        response.body =
            "upstream   connect error\nor disconnect/reset before headers. " + QByteArray(500, 'x');
        server.enqueue(response);
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(server.settings(), token, {1}));
        const SmhError error = result.error();
        QCOMPARE(error.httpStatus(), 502);
        QVERIFY2(error.detail().startsWith(u"upstream connect error or disconnect"_s),
            qPrintable(error.detail()));
        QVERIFY(error.detail().size() <= 200);
    }

    void retryAfter_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("minimum");
        QTest::addColumn<int>("maximum");

        QTest::newRow("429 seconds") << 429 << QByteArray("120") << 120 << 120;
        QTest::newRow("503 seconds") << 503 << QByteArray("7") << 7 << 7;
        QTest::newRow("zero") << 429 << QByteArray("0") << 0 << 0;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QTest::newRow("429 http-date") << 429 << httpDate(now.addSecs(90)) << 85 << 90;
        QTest::newRow("503 http-date") << 503 << httpDate(now.addSecs(300)) << 295 << 300;
        // Longer waits are cut to the cap: a day (obeyed for a day before), a
        // value whose milliseconds wrap an int, one past 64 bits, a far date.
        const int cap = SmhError::maxRetryAfterSeconds;
        QTest::newRow("a day") << 503 << QByteArray("86400") << cap << cap;
        QTest::newRow("past 2^31 ms") << 503 << QByteArray("2147484") << cap << cap;
        QTest::newRow("past 64 bits") << 429 << QByteArray("99999999999999999999999") << cap << cap;
        QTest::newRow("http-date a year away") << 503 << httpDate(now.addDays(365)) << cap << cap;
        QTest::newRow("date in the past") << 503 << httpDate(now.addSecs(-600)) << 0 << 0;
        QTest::newRow("garbage") << 503 << QByteArray("soon") << -1 << -1;
        QTest::newRow("absent") << 429 << QByteArray() << -1 << -1;
    }

    void retryAfter()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, header);
        QFETCH(int, minimum);
        QFETCH(int, maximum);
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse response = HttpResponse::error(status, u"Busy"_s, u"slow down"_s, u"r"_s);
        if (!header.isEmpty())
            response.headers.append(Header("Retry-After", header));
        server.enqueue(response);
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(server.settings(), token, {1}));
        QCOMPARE(result.error().httpStatus(), status);
        QVERIFY(result.error().isTransient());
        const int seconds = result.error().retryAfterSeconds();
        QVERIFY2(seconds >= minimum && seconds <= maximum,
            qPrintable(u"%1 not in [%2, %3] for %4"_s.arg(seconds).arg(minimum).arg(maximum).arg(
                QString::fromLatin1(header))));
    }

    void connectionRefused()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        ConnectionSettings settings;
        settings.endpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
        settings.libraryId = u"lib"_s;
        SmhClient client;
        QSignalSpy finished(&client, &SmhClient::requestFinished);
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, someIds));
        QVERIFY(result.finished);
        QCOMPARE(result.error().kind(), SmhError::Kind::Network);
        QVERIFY(result.error().isTransient());
        QVERIFY(!result.error().isAuthError());
        QCOMPARE(result.failedIds, someIds);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(2).toInt(), 0);
        QCOMPARE(client.requestsInFlight(), 0);
    }

    void droppedConnection()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse drop;
        drop.dropConnection = true;
        server.setFallback([drop](const HttpRequest &) { return drop; });
        SmhClient client;
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, someIds));
        QVERIFY(result.finished);
        QCOMPARE(result.error().kind(), SmhError::Kind::Network);
        QVERIFY(result.error().isTransient());
        QCOMPARE(result.failedIds, someIds);
        QVERIFY(server.requestCount() >= 1);
    }

    void timeout()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse late = ScriptedServer::answerAll({}, 202);
        late.delay = 5s;
        server.enqueue(late);
        SmhClient client;
        client.setTransferTimeout(150ms);
        QCOMPARE(client.transferTimeout(), 150ms);
        QElapsedTimer clock;
        clock.start();
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, someIds));
        QVERIFY(result.finished);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(result.error().kind(), SmhError::Kind::Timeout);
        QVERIFY(result.error().isTransient());
        QCOMPARE(result.failedIds, someIds);
    }

    void slowButWithinTimeout()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setFallback([](const HttpRequest &request) {
            HttpResponse response = ScriptedServer::answerAll(request, 204);
            response.delay = 50ms;
            return response;
        });
        SmhClient client;
        client.setTransferTimeout(2s);
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, someIds));
        QVERIFY(!result.error().isError());
        QCOMPARE(result.report(13).status, 204);
    }

    void oversizedWithContentLength()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.enqueue(HttpResponse::json(200, taskArrayOfSize(5000)));
        SmhClient client;
        client.setMaxReplyBytes(1000);
        QCOMPARE(client.maxReplyBytes(), 1000);
        const JobResult result = TestJobs::wait(client.queryTasks(server.settings(), token, {10}));
        QCOMPARE(result.error().kind(), SmhError::Kind::Oversized);
        QVERIFY(!result.error().isTransient());
        QCOMPARE(result.failedIds, QList<qint64> {10});
        QVERIFY(result.reports.isEmpty());
    }

    // An error page too large to read is still its status: a proxy's 20 MB
    // 502 backs off and is retried like any 5xx, instead of ending `watch`.
    void oversizedErrorBody_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<bool>("transient");
        QTest::newRow("500") << 500 << qsizetype(5000) << true;
        QTest::newRow("502, 20 MB") << 502 << qsizetype(20 * 1024 * 1024) << true;
        QTest::newRow("404") << 404 << qsizetype(5000) << false;
    }

    void oversizedErrorBody()
    {
        QFETCH(int, status);
        QFETCH(qsizetype, size);
        QFETCH(bool, transient);
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse page;
        page.status = status;
        page.headers.append(Header("Content-Type", "text/html"));
        page.headers.append(Header("Retry-After", "3"));
        page.body = "<html>" + QByteArray(size, 'p');
        server.enqueue(page);
        SmhClient client;
        client.setMaxReplyBytes(1000);
        const JobResult result = TestJobs::wait(client.queryTasks(server.settings(), token, {10}));
        QCOMPARE(result.error().kind(), SmhError::Kind::Http);
        QCOMPARE(result.error().httpStatus(), status);
        QCOMPARE(result.error().isTransient(), transient);
        QCOMPARE(result.error().retryAfterSeconds(), 3);
        QVERIFY2(result.error().detail().contains(u"1000"_s), qPrintable(result.error().detail()));
    }

    // An endless chunked body, written as fast as the client takes it: the
    // cap must stop the reading, not only judge it afterwards (a 4 GB body
    // once reached 1.9 GB in memory).
    void theCapStopsTheReading()
    {
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(listener >= 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        QCOMPARE(::listen(listener, 1), 0);
        socklen_t length = sizeof address;
        QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
        std::atomic<qint64> written {0};
        std::thread writer([listener, &written] {
            const int connection = ::accept(listener, nullptr, nullptr);
            if (connection < 0)
                return;
            char head[4096];
            (void)::recv(connection, head, sizeof head, 0);
            const QByteArray start = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                     "Transfer-Encoding: chunked\r\n\r\n";
            (void)::send(connection, start.constData(), size_t(start.size()), MSG_NOSIGNAL);
            const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, ' ') + "\r\n";
            // Stops when the client hangs up, or at 2 GB.
            while (written < 2LL * 1024 * 1024 * 1024) {
                const ssize_t sent =
                    ::send(connection, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
                if (sent <= 0)
                    break;
                written += sent;
            }
            ::close(connection);
        });
        ConnectionSettings settings;
        settings.endpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(ntohs(address.sin_port)));
        settings.libraryId = u"lib"_s;
        SmhClient client;
        client.setMaxReplyBytes(1024 * 1024);
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {10}), 30s);
        writer.join();
        ::close(listener);
        QVERIFY(result.finished);
        QCOMPARE(result.error().kind(), SmhError::Kind::Oversized);
        // The cap, plus what the kernel's socket buffers held on the way.
        QVERIFY2(written < 32 * 1024 * 1024, qPrintable(QString::number(written)));
    }

    // The transfer timeout restarts on every byte; the total deadline does not.
    void aTrickleMeetsTheTotalDeadline()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> sockets;
        QTimer drip;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = server.nextPendingConnection();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 100000\r\n\r\n[");
            sockets << socket;
        });
        connect(&drip, &QTimer::timeout, this, [&] {
            for (QTcpSocket *socket : std::as_const(sockets))
                socket->write(" ");
        });
        drip.start(30ms);
        ConnectionSettings settings;
        settings.endpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
        settings.libraryId = u"lib"_s;
        SmhClient client;
        client.setTransferTimeout(1s);
        client.setTotalTimeout(600ms);
        QCOMPARE(client.totalTimeout(), 600ms);
        QElapsedTimer clock;
        clock.start();
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {10}), 10s);
        QVERIFY(result.finished);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(result.error().kind(), SmhError::Kind::Timeout);
        QVERIFY(result.error().isTransient());
        QVERIFY2(result.error().detail().contains(u"0.6"_s), qPrintable(result.error().detail()));
    }

    void oversizedWithoutContentLength_data()
    {
        QTest::addColumn<QByteArray>("reply");
        const QByteArray body = taskArrayOfSize(50'000);
        QTest::newRow("until close") << rawReply("Connection: close\r\n", body);
        QTest::newRow("chunked") << rawReply("Transfer-Encoding: chunked\r\n", chunked(body));
    }

    void oversizedWithoutContentLength()
    {
        QFETCH(QByteArray, reply);
        RawServer server(reply);
        QVERIFY(server.listen());
        ConnectionSettings settings;
        settings.endpoint = server.baseUrl();
        settings.libraryId = u"lib"_s;
        SmhClient client;
        client.setMaxReplyBytes(1000);
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {10}));
        QCOMPARE(result.error().kind(), SmhError::Kind::Oversized);
        QCOMPARE(result.failedIds, QList<qint64> {10});
        QCOMPARE(server.requestCount(), 1);
    }

    void bodyCutShort()
    {
        // 200 and a Content-Length the server never delivers: not a reply to parse.
        RawServer server(rawReply("Content-Length: 1000\r\n", R"([{"taskId":10,"status":200})"));
        QVERIFY(server.listen());
        ConnectionSettings settings;
        settings.endpoint = server.baseUrl();
        settings.libraryId = u"lib"_s;
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {10}));
        QCOMPARE(result.error().kind(), SmhError::Kind::Network);
        QVERIFY(result.error().isTransient());
        QCOMPARE(result.failedIds, QList<qint64> {10});
        QVERIFY(result.reports.isEmpty());
    }

    void exactlyAtTheCap_data()
    {
        QTest::addColumn<bool>("withLength");
        QTest::newRow("content-length") << true;
        QTest::newRow("until close") << false;
    }

    void exactlyAtTheCap()
    {
        QFETCH(bool, withLength);
        const QByteArray body = taskArrayOfSize(1000);
        QCOMPARE(body.size(), 1000);
        ScriptedServer scripted;
        RawServer raw(rawReply("Connection: close\r\n", body));
        ConnectionSettings settings;
        if (withLength) {
            QVERIFY(scripted.listen());
            scripted.enqueue(HttpResponse::json(200, body));
            settings = scripted.settings();
        } else {
            QVERIFY(raw.listen());
            settings.endpoint = raw.baseUrl();
            settings.libraryId = u"lib"_s;
        }
        SmhClient client;
        client.setMaxReplyBytes(1000);
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {10}));
        QVERIFY2(!result.error().isError(), qPrintable(result.error().toString()));
        QCOMPARE(result.report(10).status, 202);
    }

    void abortAllCancels()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setFallback([](const HttpRequest &request) {
            HttpResponse response = ScriptedServer::answerAll(request);
            response.delay = 10s;
            return response;
        });
        SmhClient client;
        client.setUrlLimit(120); // several requests in flight at once
        QList<qint64> ids;
        for (qint64 id = 1000; id < 1040; ++id)
            ids << id;
        TaskQueryJob *job = client.queryTasks(server.settings(), token, ids);
        QTRY_VERIFY(server.requestCount() >= 1);
        QVERIFY(client.requestsInFlight() > 1);
        QSignalSpy finished(job, &SmhJob::finished);
        client.abortAll();
        // Every reply is aborted at once, so the job is over before abortAll() returns.
        QCOMPARE(finished.count(), 1);
        QCOMPARE(client.requestsInFlight(), 0);
        QCoreApplication::processEvents();
        QCOMPARE(finished.count(), 1);
    }

    void abortAllReportsCancelled()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse late = ScriptedServer::answerAll({}, 202);
        late.delay = 10s;
        server.enqueue(late);
        SmhClient client;
        TaskQueryJob *job = client.queryTasks(server.settings(), token, someIds);
        JobResult result;
        connect(job, &SmhJob::finished, this, [job, &result] {
            ++result.finishedCount;
            result.errors = job->errors();
            result.failedIds = job->failedIds();
            result.reports = job->reports();
        });
        QTRY_COMPARE(server.requestCount(), 1);
        client.abortAll();
        QTRY_COMPARE(result.finishedCount, 1);
        QCOMPARE(result.error().kind(), SmhError::Kind::Cancelled);
        QVERIFY(!result.error().isTransient());
        QCOMPARE(result.failedIds, someIds);
        QVERIFY(result.reports.isEmpty());
        QVERIFY(!result.error().toString().contains(u"Zq8"_s));
    }

    void destroyingTheClientCancels()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        HttpResponse late = ScriptedServer::answerAll({}, 202);
        late.delay = 10s;
        server.enqueue(late);
        auto *client = new SmhClient;
        TaskQueryJob *job = client->queryTasks(server.settings(), token, someIds);
        QPointer<TaskQueryJob> guard(job);
        int finishedCount = 0;
        SmhError error;
        connect(job, &SmhJob::finished, this, [job, &finishedCount, &error] {
            ++finishedCount;
            error = job->error();
        });
        QTRY_COMPARE(server.requestCount(), 1);
        delete client;
        QCOMPARE(finishedCount, 1);
        QCOMPARE(error.kind(), SmhError::Kind::Cancelled);
        QTRY_VERIFY(guard.isNull());
    }

    void redirectToAnotherOriginIsNotFollowed_data()
    {
        QTest::addColumn<QString>("otherHost");
        QTest::newRow("other port") << u"127.0.0.1"_s;
        QTest::newRow("other host") << u"127.0.0.2"_s;
        QTest::newRow("localhost") << u"localhost"_s;
    }

    void redirectToAnotherOriginIsNotFollowed()
    {
        QFETCH(QString, otherHost);
        ScriptedServer other;
        const QHostAddress otherAddress(otherHost == u"localhost" ? u"127.0.0.1"_s : otherHost);
        if (!other.listen(otherAddress))
            QSKIP("cannot listen on that loopback address here");
        ScriptedServer server;
        QVERIFY(server.listen());
        const quint16 otherPort = other.port();
        server.setFallback([otherHost, otherPort](const HttpRequest &request) {
            HttpResponse response;
            response.status = 302;
            QUrl location = QUrl::fromEncoded(request.target);
            location.setScheme(u"http"_s);
            location.setHost(otherHost);
            location.setPort(otherPort);
            response.headers.append(Header("Location", location.toEncoded()));
            return response;
        });
        SmhClient client;
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, someIds));
        QVERIFY(result.finished);
        QVERIFY(result.error().isError());
        QCOMPARE(result.failedIds, someIds);
        QVERIFY(result.reports.isEmpty());
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(other.requestCount(), 0); // the token never went there
        QCOMPARE(other.server().connectionCount(), 0);
        QVERIFY(!result.error().toString().contains(u"Zq8"_s));
        QVERIFY2(result.error().toString().contains(u"redirect"_s, Qt::CaseInsensitive),
            qPrintable(result.error().toString()));
        // Not worth retrying: the server would only send us away again.
        QVERIFY(!result.error().isTransient());
    }

    void redirectOnTheSameOriginIsFollowed()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.setFallback([](const HttpRequest &request) {
            if (request.target.startsWith("/moved/"))
                return ScriptedServer::answerAll(request, 200);
            HttpResponse response;
            response.status = 302;
            response.headers.append(Header("Location", "/moved" + request.target));
            return response;
        });
        SmhClient client;
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, someIds));
        QVERIFY2(!result.error().isError(), qPrintable(result.error().toString()));
        QCOMPARE(result.report(12).status, 200);
        QCOMPARE(server.requestCount(), 2);
    }

    void partialBatchFailure()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        const qint64 failing = 1'000'050;
        const qint64 garbled = 1'000'150;
        server.setFallback([failing, garbled](const HttpRequest &request) {
            const QList<qint64> ids = ScriptedServer::taskIds(request);
            if (ids.contains(failing))
                return HttpResponse::error(503, u"ServiceUnavailable"_s, u"busy"_s, u"r-503"_s);
            if (ids.contains(garbled))
                return HttpResponse::json(200, "<html>oops</html>");
            return ScriptedServer::answerAll(request, 204);
        });
        const ConnectionSettings settings = server.settings();
        QList<qint64> ids;
        for (qint64 id = 1'000'000; id < 1'000'200; ++id)
            ids << id;
        SmhClient client;
        client.setUrlLimit(400);
        const auto batches = TaskQuery::batches(settings, token, ids, 400);
        QVERIFY(batches.size() >= 4);
        QSet<qint64> expectedFailed;
        for (const QList<qint64> &batch : batches) {
            if (batch.contains(failing) || batch.contains(garbled))
                expectedFailed.unite(QSet<qint64>(batch.cbegin(), batch.cend()));
        }

        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, ids));
        QVERIFY(result.finished);
        QCOMPARE(result.finishedCount, 1);
        QCOMPARE(result.requestCount, batches.size());
        QCOMPARE(server.requestCount(), batches.size());
        QCOMPARE(result.errors.size(), 2);
        QSet<SmhError::Kind> kinds;
        for (const SmhError &error : result.errors)
            kinds.insert(error.kind());
        QCOMPARE(kinds, QSet<SmhError::Kind>({SmhError::Kind::Http, SmhError::Kind::Malformed}));
        QCOMPARE(QSet<qint64>(result.failedIds.cbegin(), result.failedIds.cend()), expectedFailed);
        QCOMPARE(result.failedIds.size(), expectedFailed.size());
        QCOMPARE(result.reports.size(), ids.size() - expectedFailed.size());
        for (const TaskStatusReport &report : result.reports) {
            QVERIFY(!expectedFailed.contains(report.taskId));
            QCOMPARE(report.status, 204);
        }
        for (const SmhError &error : result.errors)
            QVERIFY(!error.toString().contains(u"Zq8"_s));
    }

    void malformedSuccessIsAnError()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.enqueue(HttpResponse::json(200, R"({"taskId":10,"status":202})"));
        SmhClient client;
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, someIds));
        QCOMPARE(result.error().kind(), SmhError::Kind::Malformed);
        QVERIFY(result.error().isTransient());
        QCOMPARE(result.failedIds, someIds);
        // Says where, without the token.
        QVERIFY(result.error().toString().contains(u"access_token=REDACTED"_s));
    }

    void keepAliveAcrossQueries()
    {
        ScriptedServer server;
        QVERIFY(server.listen());
        SmhClient client;
        for (int i = 0; i < 5; ++i) {
            const JobResult result =
                TestJobs::wait(client.queryTasks(server.settings(), token, {qint64(i)}));
            QVERIFY(!result.error().isError());
        }
        QCOMPARE(server.requestCount(), 5);
        QCOMPARE(server.server().connectionCount(), 1);
        QCOMPARE(client.requestsSent(), 5);
    }
};

QTEST_GUILESS_MAIN(TestSmhClient)
#include "tst_smhclient.moc"
