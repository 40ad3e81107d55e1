#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

// Answers every request with the same bytes, verbatim, then closes the
// connection: for replies HttpServer never produces (a body without
// Content-Length, chunked encoding, a Content-Length that lies), and for
// connections that end before a reply is complete (empty bytes: dropped;
// Ending::Reset: torn down with a TCP reset instead of a close).
class RawServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RawServer)

public:
    enum class Ending {
        Close,
        Reset
    };

    explicit RawServer(
        QByteArray response, Ending ending = Ending::Close, QObject *parent = nullptr);

    bool listen();
    QUrl baseUrl() const;
    int requestCount() const { return m_requestCount; }
    QByteArray lastRequestHead() const { return m_lastRequestHead; }
    // The request line's method of every request, in order.
    QList<QByteArray> verbs() const { return m_verbs; }

private:
    void serve(QTcpSocket *socket);

    QTcpServer m_server;
    QByteArray m_response;
    Ending m_ending;
    QList<QByteArray> m_verbs;
    QByteArray m_lastRequestHead;
    int m_requestCount = 0;
};
