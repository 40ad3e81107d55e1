#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

// Answers every request with the same bytes, verbatim, then closes the
// connection: for replies HttpServer never produces (a body without
// Content-Length, chunked encoding, a Content-Length that lies).
class RawServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RawServer)

public:
    explicit RawServer(QByteArray response, QObject *parent = nullptr);

    bool listen();
    QUrl baseUrl() const;
    int requestCount() const { return m_requestCount; }
    QByteArray lastRequestHead() const { return m_lastRequestHead; }

private:
    void serve(QTcpSocket *socket);

    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_lastRequestHead;
    int m_requestCount = 0;
};
