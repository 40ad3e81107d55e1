#include "scriptedserver.h"

#include "smh/taskreply.h"
#include "testtls.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
    , m_server([this](const HttpRequest &request) { return handle(request); })
{
    m_fallback = [](const HttpRequest &request) {
        const QStringList segments = request.pathSegments();
        if (segments.size() >= 4 && segments.at(0) == u"api" && segments.at(1) == u"v1"
            && segments.at(2) == u"task")
            return answerAll(request);
        return HttpResponse::error(404, u"NotFound"_s, u"No such API."_s, u"scripted-404"_s);
    };
}

ScriptedServer::~ScriptedServer() = default;

bool ScriptedServer::listen(const QHostAddress &address)
{
    m_address = address;
    return m_server.listen(address);
}

bool ScriptedServer::listenTls(const QHostAddress &address)
{
    m_address = address;
    return m_server.listenTls(TestTls::serverConfiguration(), address);
}

void ScriptedServer::close()
{
    m_server.close();
}

QUrl ScriptedServer::baseUrl() const
{
    QUrl url = m_server.baseUrl();
    if (!m_address.isNull() && m_address != QHostAddress(QHostAddress::LocalHost))
        url.setHost(m_address.toString());
    return url;
}

ConnectionSettings ScriptedServer::settings(const QString &libraryId, const QString &spaceId) const
{
    ConnectionSettings settings;
    settings.endpoint = baseUrl();
    settings.libraryId = libraryId;
    settings.spaceId = spaceId;
    return settings;
}

int ScriptedServer::openConnections() const
{
    int open = 0;
    const auto sockets = m_server.findChildren<QTcpSocket *>();
    for (const QTcpSocket *socket : sockets) {
        if (socket->state() == QAbstractSocket::ConnectedState)
            ++open;
    }
    return open;
}

void ScriptedServer::enqueue(const HttpResponse &response, int times)
{
    for (int i = 0; i < times; ++i)
        m_queue.append(response);
}

HttpResponse ScriptedServer::handle(const HttpRequest &request)
{
    m_requests.append(request);
    Q_EMIT requestReceived(request);
    if (!m_queue.isEmpty())
        return m_queue.takeFirst();
    return m_fallback(request);
}

QList<qint64> ScriptedServer::taskIds(const HttpRequest &request)
{
    QList<qint64> ids;
    const QStringList segments = request.pathSegments();
    if (segments.isEmpty())
        return ids;
    const QStringList parts = segments.constLast().split(u',');
    for (const QString &part : parts) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (ok)
            ids.append(id);
    }
    return ids;
}

HttpResponse ScriptedServer::answerAll(const HttpRequest &request, int status)
{
    QJsonArray tasks;
    const QList<qint64> ids = taskIds(request);
    for (qint64 id : ids) {
        TaskStatusReport report;
        report.taskId = id;
        report.found = true;
        report.status = status;
        tasks.append(TaskReply::toJson(report));
    }
    return HttpResponse::json(200, QJsonDocument(tasks).toJson(QJsonDocument::Compact));
}

QByteArray ScriptedServer::rawQueryValue(const HttpRequest &request, const QByteArray &key)
{
    const qsizetype question = request.target.indexOf('?');
    if (question < 0)
        return {};
    const QList<QByteArray> items = request.target.mid(question + 1).split('&');
    for (const QByteArray &item : items) {
        const qsizetype equals = item.indexOf('=');
        if (item.left(equals) == key)
            return equals < 0 ? QByteArray() : item.mid(equals + 1);
    }
    return {};
}

QString ScriptedServer::formDecoded(const QByteArray &raw)
{
    QByteArray spaced = raw;
    spaced.replace('+', ' ');
    return QUrl::fromPercentEncoding(spaced);
}
