#pragma once

#include "demo/httpserver.h"
#include "smh/connectionsettings.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

// An HttpServer for tests: it records every request and answers from a queue
// of scripted responses, falling back to a handler once the queue is empty.
// The default fallback answers a Query Task request with every asked-for ID
// as running, and anything else with 404.
class ScriptedServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptedServer)

public:
    using Handler = HttpServer::Handler;

    explicit ScriptedServer(QObject *parent = nullptr);
    ~ScriptedServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost);
    // HTTPS with the certificate under tests/data/tls (127.0.0.1, ::1, localhost).
    bool listenTls(const QHostAddress &address = QHostAddress::LocalHost);
    void close();

    quint16 port() const { return m_server.port(); }
    // Built from the address actually listened on (HttpServer assumes 127.0.0.1).
    QUrl baseUrl() const;
    ConnectionSettings settings(const QString &libraryId = QStringLiteral("lib"),
        const QString &spaceId = QStringLiteral("-")) const;
    HttpServer &server() { return m_server; }

    void enqueue(const HttpResponse &response, int times = 1);
    void setFallback(Handler handler) { m_fallback = std::move(handler); }
    qsizetype pendingResponses() const { return m_queue.size(); }

    QList<HttpRequest> requests() const { return m_requests; }
    HttpRequest lastRequest() const { return m_requests.value(m_requests.size() - 1); }
    int requestCount() const { return int(m_requests.size()); }
    // Connections the server still holds open (closed ones are gone once the
    // event loop has run).
    int openConnections() const;
    void clearRequests() { m_requests.clear(); }

    // The IDs of a Query Task request (the last path segment), in order.
    static QList<qint64> taskIds(const HttpRequest &request);
    // A 200 reply that reports every asked-for ID with `status`.
    static HttpResponse answerAll(const HttpRequest &request, int status = 202);
    // A query parameter exactly as it came over the wire, still encoded.
    static QByteArray rawQueryValue(const HttpRequest &request, const QByteArray &key);
    // What a typical server (form decoding: '+' is a space) makes of a raw value.
    static QString formDecoded(const QByteArray &raw);

Q_SIGNALS:
    void requestReceived(const HttpRequest &request);

private:
    HttpResponse handle(const HttpRequest &request);

    HttpServer m_server;
    QHostAddress m_address;
    QList<HttpRequest> m_requests;
    QList<HttpResponse> m_queue;
    Handler m_fallback;
};
