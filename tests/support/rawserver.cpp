#include "rawserver.h"

#include <QTcpSocket>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace {
constexpr char answeredProperty[] = "raw_answered";
}

RawServer::RawServer(QByteArray response, Ending ending, QObject *parent)
    : QObject(parent)
    , m_response(std::move(response))
    , m_ending(ending)
{
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            if (socket->bytesAvailable() > 0)
                serve(socket);
        }
    });
}

bool RawServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

QUrl RawServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server.serverPort());
    return url;
}

void RawServer::serve(QTcpSocket *socket)
{
    if (socket->property(answeredProperty).toBool())
        return;
    const QByteArray head = socket->peek(64 * 1024);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    socket->read(end + 4);
    socket->setProperty(answeredProperty, true);
    m_lastRequestHead = head.left(end);
    ++m_requestCount;
    m_verbs.append(head.left(head.indexOf(' ')));
    socket->write(m_response);
    if (m_ending == Ending::Reset) {
        socket->flush();
        // SO_LINGER with a zero timeout: close() sends RST, not FIN.
        const linger reset {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        socket->abort();
        return;
    }
    // The end of the body is the end of the connection.
    socket->disconnectFromHost();
}
