#include "demo/httpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr char busyProperty[] = "http_busy";

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QStringList HttpRequest::pathSegments() const
{
    const QByteArray path =
        target.left(target.indexOf('?') >= 0 ? target.indexOf('?') : target.size());
    QStringList segments;
    const QList<QByteArray> parts = path.split('/');
    for (qsizetype i = 1; i < parts.size(); ++i)
        segments << QUrl::fromPercentEncoding(parts.at(i));
    return segments;
}

QString HttpRequest::queryValue(const QString &key) const
{
    return query().queryItemValue(key, QUrl::FullyDecoded);
}

HttpResponse HttpResponse::json(int status, const QByteArray &json)
{
    HttpResponse response;
    response.status = status;
    response.headers.append(
        std::pair<QByteArray, QByteArray>("Content-Type", "application/json; charset=utf-8"));
    response.body = json;
    return response;
}

HttpResponse HttpResponse::error(
    int status, const QString &code, const QString &message, const QString &requestId)
{
    const QJsonObject body {
        {u"code"_s, code}, {u"message"_s, message}, {u"requestId"_s, requestId}};
    HttpResponse response = json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
    response.headers.append(
        std::pair<QByteArray, QByteArray>("x-smh-request-id", requestId.toLatin1()));
    return response;
}

HttpServer::HttpServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{ }

HttpServer::~HttpServer()
{
    close();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    close();
    m_tls = false;
    m_server = new QTcpServer(this);
    connect(
        m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::acceptConnections);
    return m_server->listen(address, port);
}

bool HttpServer::listenTls(const QSslConfiguration &tls, const QHostAddress &address, quint16 port)
{
    close();
    m_tls = true;
    auto *server = new QSslServer(this);
    server->setSslConfiguration(tls);
    m_server = server;
    connect(
        m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::acceptConnections);
    return m_server->listen(address, port);
}

void HttpServer::close()
{
    if (!m_server)
        return;
    m_server->close();
    const auto sockets = m_server->findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->abort();
    delete m_server;
    m_server = nullptr;
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl HttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? u"https"_s : u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    return url;
}

QString HttpServer::errorString() const
{
    return m_server ? m_server->errorString() : QString();
}

void HttpServer::acceptConnections()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        ++m_connectionCount;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable() > 0)
            readFrom(socket);
    }
}

void HttpServer::readFrom(QTcpSocket *socket)
{
    // One request at a time: the next is read once this one has been answered,
    // so that delayed answers keep their order on a kept-alive connection.
    if (socket->property(busyProperty).toBool())
        return;

    QByteArray buffer = socket->peek(maxHeaderBytes + 4);
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > maxHeaderBytes) {
            socket->write("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n"
                          "Connection: close\r\n\r\n");
            socket->disconnectFromHost();
        }
        return;
    }

    HttpRequest request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3) {
        socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(
                line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qsizetype bodyLength = request.headers.value("content-length", "0").toLongLong();
    if (bodyLength < 0 || bodyLength > maxBodyBytes) {
        socket->write(
            "HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    if (socket->bytesAvailable() < headerEnd + 4 + bodyLength)
        return; // wait for the rest of the body
    socket->read(headerEnd + 4);
    request.body = socket->read(bodyLength);
    ++m_requestCount;
    Q_EMIT requestReceived(request);
    respond(socket, request);
}

void HttpServer::respond(QTcpSocket *socket, const HttpRequest &request)
{
    const HttpResponse response = m_handler(request);
    const bool close = request.headers.value("connection").toLower() == "close";

    auto send = [this, socket = QPointer<QTcpSocket>(socket), response, close] {
        if (!socket)
            return;
        if (response.dropConnection) {
            socket->abort();
            return;
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
            + reasonPhrase(response.status) + "\r\n";
        for (const auto &[name, value] : response.headers)
            head += name + ": " + value + "\r\n";
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        head += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
        socket->write(head);
        socket->write(response.body);
        socket->setProperty(busyProperty, false);
        if (close)
            socket->disconnectFromHost();
        else if (socket->bytesAvailable() > 0)
            QTimer::singleShot(0, socket, [this, socket] { readFrom(socket); });
    };
    socket->setProperty(busyProperty, true);
    if (response.delay.count() > 0)
        QTimer::singleShot(response.delay, socket, send);
    else
        send();
}
