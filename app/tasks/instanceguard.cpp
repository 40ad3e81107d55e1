#include "tasks/instanceguard.h"

#include "smh/privatefile.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLocale>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QtEndian>

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// A request: "SMHI", the protocol version, the payload's length (4 bytes,
// big-endian), the payload. The answer: a status byte, the sentence's length
// (2 bytes, big-endian), the sentence in UTF-8.
constexpr QByteArrayView magic = "SMHI";
constexpr quint8 protocolVersion = 1;
constexpr qsizetype headerBytes = 4 + 1 + 4;
constexpr qsizetype replyHeaderBytes = 1 + 2;
// Room for the path of a Unix socket (sun_path holds 108 bytes).
constexpr qsizetype maxSocketPathBytes = 100;

enum class Status : quint8 {
    Accepted = 0,
    Refused = 1,
    Unsupported = 2, // another version of the protocol
};

QByteArray frame(const QByteArray &payload)
{
    QByteArray bytes;
    bytes.reserve(headerBytes + payload.size());
    bytes += magic.toByteArray();
    bytes += char(protocolVersion);
    char length[4];
    qToBigEndian(quint32(payload.size()), length);
    bytes += QByteArrayView(length, 4);
    bytes += payload;
    return bytes;
}

QByteArray reply(Status status, const QString &sentence)
{
    QByteArray text = sentence.toUtf8();
    if (text.size() > InstanceGuard::maxReplyBytes - replyHeaderBytes) {
        // Cut at a character boundary, never inside one.
        text.truncate(InstanceGuard::maxReplyBytes - replyHeaderBytes);
        while (!text.isEmpty() && (quint8(text.back()) & 0xC0) == 0x80)
            text.chop(1);
        if (!text.isEmpty() && (quint8(text.back()) & 0x80) != 0)
            text.chop(1);
    }
    QByteArray bytes;
    bytes += char(status);
    char length[2];
    qToBigEndian(quint16(text.size()), length);
    bytes += QByteArrayView(length, 2);
    bytes += text;
    return bytes;
}

// The user at the other end of a local socket: nothing is sent to, or taken
// from, another user's process, whatever the socket's name.
bool peerIsThisUser(qintptr descriptor)
{
#if defined(Q_OS_LINUX)
    ucred credentials {};
    socklen_t size = sizeof credentials;
    if (::getsockopt(int(descriptor), SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0)
        return false;
    return credentials.uid == ::geteuid();
#elif defined(Q_OS_UNIX)
    uid_t uid = 0;
    gid_t gid = 0;
    return ::getpeereid(int(descriptor), &uid, &gid) == 0 && uid == ::geteuid();
#else
    Q_UNUSED(descriptor);
    return true;
#endif
}

// XDG_RUNTIME_DIR when it is what the specification promises (ours, 0700);
// read by hand, since QStandardPaths warns on stderr when it is not.
QString privateRuntimeFolder()
{
    const QString folder = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (folder.isEmpty())
        return {};
    struct stat info = {};
    if (::stat(QFile::encodeName(folder).constData(), &info) != 0)
        return {};
    if (!S_ISDIR(info.st_mode) || info.st_uid != ::geteuid() || (info.st_mode & 077) != 0)
        return {};
    return folder;
}

// Named for the user and the ledger's canonical path: two ledgers have two
// windows, two users never meet.
QString serverNameFor(const QString &canonicalLedger)
{
    const QByteArray key = QByteArray::number(::geteuid()) + '\0' + canonicalLedger.toUtf8();
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16));
    const QString folder = privateRuntimeFolder();
    if (!folder.isEmpty()) {
        const QString path = folder + u"/smh-task-monitor-"_s + hash;
        if (QFile::encodeName(path).size() <= maxSocketPathBytes)
            return path;
    }
    // QLocalServer puts it in the temporary folder, made user-only by
    // UserAccessOption; the peer check keeps a squatter of the name out.
    return u"smh-task-monitor-%1-%2"_s.arg(::geteuid()).arg(hash);
}

int remainingMs(const QDeadlineTimer &deadline)
{
    return int(std::clamp<qint64>(deadline.remainingTime(), 0, std::numeric_limits<int>::max()));
}

QString secondsText(std::chrono::milliseconds duration)
{
    return QLocale().toString(double(duration.count()) / 1000.0, 'f', 1);
}

} // namespace

// Reads one request from one peer, under a deadline, and answers it.
class InstanceGuard::Session final : public QObject
{
public:
    Session(QLocalSocket *socket, InstanceGuard *guard, std::chrono::milliseconds deadline)
        : QObject(socket)
        , m_socket(socket)
        , m_guard(guard)
    {
        ++guard->m_sessions;
        connect(socket, &QLocalSocket::readyRead, this, [this] { read(); });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::errorOccurred, socket, &QObject::deleteLater);
        QTimer::singleShot(deadline, this, [this] {
            // A peer that never finishes its request holds nothing for long.
            m_socket->abort();
            m_socket->deleteLater();
        });
        read();
    }

    ~Session() override
    {
        if (m_guard)
            --m_guard->m_sessions;
    }

private:
    void read()
    {
        if (m_answered)
            return;
        if (!m_haveHeader) {
            if (m_socket->bytesAvailable() < headerBytes)
                return;
            const QByteArray header = m_socket->read(headerBytes);
            if (!header.startsWith(magic.toByteArray()))
                return answer(Status::Refused,
                    InstanceGuard::tr("This is not a request of SMH Task Monitor."));
            if (quint8(header.at(4)) != protocolVersion) {
                return answer(Status::Unsupported,
                    InstanceGuard::tr(
                        "The open window belongs to another version of SMH Task Monitor; close it "
                        "first."));
            }
            m_expected = qFromBigEndian<quint32>(header.constData() + 5);
            if (m_expected > maxMessageBytes) {
                return answer(Status::Refused,
                    InstanceGuard::tr("The request is larger than %1 MiB and was not read.")
                        .arg(maxMessageBytes / (1024 * 1024)));
            }
            m_haveHeader = true;
        }
        m_payload +=
            m_socket->read(std::min(m_socket->bytesAvailable(), m_expected - m_payload.size()));
        if (m_payload.size() < m_expected)
            return;
        if (m_socket->bytesAvailable() > 0)
            return answer(
                Status::Refused, InstanceGuard::tr("The request is longer than it says."));
        if (!m_guard || !m_guard->m_handler)
            return answer(Status::Refused, InstanceGuard::tr("The window is closing."));
        const Expected<void> handled = m_guard->m_handler(m_payload);
        m_payload.clear();
        answer(handled ? Status::Accepted : Status::Refused,
            handled ? QString() : handled.error().message());
    }

    void answer(Status status, const QString &sentence)
    {
        m_answered = true;
        m_socket->write(reply(status, sentence));
        // Waits for the answer to be written, then disconnected() cleans up.
        m_socket->disconnectFromServer();
    }

    QLocalSocket *m_socket;
    QPointer<InstanceGuard> m_guard;
    QByteArray m_payload;
    qint64 m_expected = 0;
    bool m_haveHeader = false;
    bool m_answered = false;
};

InstanceGuard::InstanceGuard(const QString &ledgerPath, QObject *parent)
    : QObject(parent)
    , m_ledgerPath(ledgerPath)
{
    const QFileInfo ledger(ledgerPath);
    const QString folder = ledger.absolutePath();
    // The lock needs the folder the ledger will be in, made private as the
    // ledger would make it a moment later.
    if (!PrivateFile::makeFolder(folder))
        return;
    const QString canonical = QFileInfo(folder).canonicalFilePath() + u'/' + ledger.fileName();
    m_lockPath = canonical + u".lock"_s;
    m_serverName = serverNameFor(canonical);
    m_lock = std::make_unique<QLockFile>(m_lockPath);
    // Never stale by age (a window runs for weeks); stale when its process is
    // gone, which QLockFile checks by process id, name, host and boot.
    m_lock->setStaleLockTime(0ms);
}

InstanceGuard::~InstanceGuard()
{
    if (m_server)
        m_server->close();
    m_lock.reset();
}

QString InstanceGuard::holderDescription() const
{
    qint64 pid = 0;
    QString host;
    QString application;
    if (!m_lock || !m_lock->getLockInfo(&pid, &host, &application))
        return tr("a process that has ended");
    return tr("process %1 on %2").arg(pid).arg(host);
}

Expected<InstanceGuard::Role> InstanceGuard::claimOrForward(
    const std::function<QByteArray()> &message, const Deadlines &deadlines)
{
    if (!m_lock)
        return Role::Unguarded;
    const QDeadlineTimer connectBy(deadlines.connect);
    for (;;) {
        if (m_lock->tryLock(0ms)) {
            // Like every file beside the ledger: the user's alone.
            QFile::setPermissions(m_lockPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            return Role::Owner;
        }
        if (m_lock->error() != QLockFile::LockFailedError)
            return Role::Unguarded;
        QLocalSocket socket;
        socket.connectToServer(m_serverName);
        if (socket.waitForConnected(std::min(remainingMs(connectBy), 1000)))
            return forward(socket, message(), deadlines, holderDescription());
        if (connectBy.hasExpired()) {
            return unexpected(Error::system(
                tr("The ledger %1 is open in a window of SMH Task Monitor (%2) that does not "
                   "answer; close that window or end the process, then try again.")
                    .arg(QDir::toNativeSeparators(m_ledgerPath), holderDescription())));
        }
        // The holder is starting, or ending: either it listens soon, or
        // the lock is free at the next try.
        QThread::msleep(50);
    }
}

Expected<InstanceGuard::Role> InstanceGuard::forward(QLocalSocket &socket,
    const QByteArray &message, const Deadlines &deadlines, const QString &holder)
{
    if (!peerIsThisUser(socket.socketDescriptor())) {
        return unexpected(
            Error::system(tr("The socket %1 belongs to another user; nothing was sent to it.")
                              .arg(QDir::toNativeSeparators(m_serverName))));
    }
    if (message.size() > maxMessageBytes) {
        return unexpected(Error::system(
            tr("The request is too large to hand to the open window (over %1 MiB); add the tasks "
               "there from a file instead.")
                .arg(maxMessageBytes / (1024 * 1024))));
    }
    const auto didNotAnswer = [&](std::chrono::milliseconds waited) {
        return unexpected(
            Error::system(tr("The window that has the ledger open (%1) did not answer within %2 s.")
                              .arg(holder, secondsText(waited))));
    };
    socket.write(frame(message));
    const QDeadlineTimer writeBy(deadlines.write);
    while (socket.bytesToWrite() > 0) {
        if (!socket.waitForBytesWritten(remainingMs(writeBy)))
            return didNotAnswer(deadlines.write);
    }
    const QDeadlineTimer replyBy(deadlines.reply);
    QByteArray answer;
    qsizetype expected = replyHeaderBytes;
    while (answer.size() < expected) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(remainingMs(replyBy)))
            return didNotAnswer(deadlines.reply);
        answer += socket.read(expected - answer.size());
        if (answer.size() == replyHeaderBytes && expected == replyHeaderBytes)
            expected += qFromBigEndian<quint16>(answer.constData() + 1);
    }
    const auto status = Status(quint8(answer.at(0)));
    const QString sentence = QString::fromUtf8(answer.mid(replyHeaderBytes));
    switch (status) {
    case Status::Accepted:
        return Role::Forwarded;
    case Status::Refused:
    case Status::Unsupported:
        return unexpected(Error::system(
            sentence.isEmpty() ? tr("The open window refused the request.") : sentence));
    }
    return unexpected(
        Error::system(tr("The open window answered in a way this version does not understand.")));
}

Expected<void> InstanceGuard::listen(Handler handler, std::chrono::milliseconds sessionDeadline)
{
    if (!isOwner())
        return unexpected(Error::system(tr("This window does not hold the ledger.")));
    m_handler = std::move(handler);
    m_sessionDeadline = sessionDeadline;
    // We hold the lock: a socket under our name was left by a holder that is gone.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(maxSessions);
    connect(m_server, &QLocalServer::newConnection, this, &InstanceGuard::acceptSessions);
    if (!m_server->listen(m_serverName)) {
        return unexpected(
            Error::system(tr("Later launches cannot hand their tasks to this window: the socket "
                             "%1 cannot be created.")
                              .arg(QDir::toNativeSeparators(m_serverName))));
    }
    return {};
}

void InstanceGuard::acceptSessions()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        if (m_sessions >= maxSessions || !peerIsThisUser(socket->socketDescriptor())) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        new Session(socket, this, m_sessionDeadline);
    }
}
