#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <functional>

class QTcpServer;
class QTcpSocket;

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as on the request line, still percent-encoded
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    QUrl url() const { return QUrl::fromEncoded(target, QUrl::StrictMode); }
    // Decoded path segments, without the empty one before the leading '/'.
    QStringList pathSegments() const;
    QUrlQuery query() const { return QUrlQuery(url()); }
    QString queryValue(const QString &key) const;
};

struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Test and demo knobs: answer late, or hang up without answering.
    std::chrono::milliseconds delay {0};
    bool dropConnection = false;

    static HttpResponse json(int status, const QByteArray &json);
    static HttpResponse error(
        int status, const QString &code, const QString &message, const QString &requestId);
};

// A small HTTP/1.1 server (keep-alive, Content-Length bodies, one request at a
// time per connection) for the embedded simulator and the tests. It listens on
// loopback only: it is a stand-in for SMH, not a service.
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    static constexpr qsizetype maxHeaderBytes = 64 * 1024;
    static constexpr qsizetype maxBodyBytes = 1024 * 1024;

    explicit HttpServer(Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    // Plain HTTP on 127.0.0.1; port 0 picks a free one.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // HTTPS with the given certificate and key.
    bool listenTls(const QSslConfiguration &tls,
        const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    void close();

    quint16 port() const;
    QUrl baseUrl() const; // http(s)://127.0.0.1:port
    QString errorString() const;

    int requestCount() const { return m_requestCount; }
    int connectionCount() const { return m_connectionCount; }

Q_SIGNALS:
    void requestReceived(const HttpRequest &request);

private:
    void acceptConnections();
    void readFrom(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const HttpRequest &request);

    Handler m_handler;
    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    int m_requestCount = 0;
    int m_connectionCount = 0;
};
