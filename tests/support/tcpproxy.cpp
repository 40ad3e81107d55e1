#include "tcpproxy.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

class TcpProxy::Worker final : public QObject
{
public:
    Worker(quint16 targetPort, std::shared_ptr<State> state)
        : m_target(targetPort)
        , m_state(std::move(state))
    { }

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        QObject::connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server->nextPendingConnection())
                take(client);
        });
        return m_server->listen(QHostAddress::LocalHost) ? m_server->serverPort() : 0;
    }

    // Drops every forwarded connection (the server "went away").
    void cut()
    {
        const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->abort();
    }

private:
    void take(QTcpSocket *client)
    {
        client->setParent(this);
        if (m_state->mode == Mode::Refuse) {
            ++m_state->refused;
            client->abort();
            client->deleteLater();
            return;
        }
        if (m_state->mode == Mode::Hold)
            return; // kept, unanswered, until cut or the client gives up
        ++m_state->forwarded;
        auto *server = new QTcpSocket(this);
        auto pipe = [](QTcpSocket *from, QTcpSocket *to) {
            QObject::connect(from, &QTcpSocket::readyRead, to, [from, to] {
                if (to->state() == QAbstractSocket::ConnectedState)
                    to->write(from->readAll());
            });
            QObject::connect(from, &QTcpSocket::disconnected, to, [from, to] {
                to->disconnectFromHost();
                from->deleteLater();
            });
            QObject::connect(from, &QTcpSocket::errorOccurred, to, [from, to] {
                to->abort();
                from->deleteLater();
            });
        };
        pipe(client, server);
        pipe(server, client);
        // What the client said before the server answered waits in its buffer.
        QObject::connect(server, &QTcpSocket::connected, client,
            [client, server] { server->write(client->readAll()); });
        server->connectToHost(QHostAddress::LocalHost, m_target);
    }

    quint16 m_target;
    std::shared_ptr<State> m_state;
    QTcpServer *m_server = nullptr;
};

TcpProxy::TcpProxy(quint16 targetPort, Mode mode)
    : m_state(std::make_shared<State>())
    , m_thread(std::make_unique<QThread>())
{
    m_state->mode = mode;
    m_worker = new Worker(targetPort, m_state);
    m_worker->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(
        m_worker, [this] { return m_worker->listen(); }, Qt::BlockingQueuedConnection, &m_port);
}

TcpProxy::~TcpProxy()
{
    m_thread->quit();
    m_thread->wait();
}

void TcpProxy::setMode(Mode mode)
{
    m_state->mode = mode;
    if (mode != Mode::Forward)
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->cut(); }, Qt::BlockingQueuedConnection);
}
