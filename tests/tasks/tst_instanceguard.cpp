#include "tasks/instanceguard.h"
#include "tasks/launchrequest.h"

#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The guard's two ends in one process: the owner on the test's thread, a
// later launch on a thread of its own (its waits block, as in a real second
// process), and hostile peers that speak the socket by hand.
class TestInstanceGuard final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString ledgerPath() const { return m_dir->filePath(u"data/ledger.sqlite"_s); }

    // claimOrForward() from another thread, as a second process would.
    struct Launch
    {
        std::atomic<bool> done = false;
        std::optional<Expected<InstanceGuard::Role>> result;
        std::unique_ptr<QThread> thread;
    };

    std::unique_ptr<Launch> launch(
        const QByteArray &message, InstanceGuard::Deadlines deadlines = {})
    {
        auto state = std::make_unique<Launch>();
        Launch *raw = state.get();
        const QString path = ledgerPath();
        state->thread.reset(QThread::create([raw, path, message, deadlines] {
            InstanceGuard later(path);
            raw->result = later.claimOrForward([message] { return message; }, deadlines);
            raw->done = true;
        }));
        state->thread->start();
        return state;
    }

    // A peer speaking the socket by hand; the answer's status byte, or -1
    // when the line closed without one.
    static int exchange(QLocalSocket &socket, const QByteArray &bytes)
    {
        // The owner is on this thread: wait with its event loop turning.
        socket.write(bytes);
        const bool answered = QTest::qWaitFor([&socket] {
            return socket.bytesAvailable() >= 3 || socket.state() == QLocalSocket::UnconnectedState;
        });
        const QByteArray answer = socket.readAll();
        return !answered || answer.isEmpty() ? -1 : int(quint8(answer.at(0)));
    }

    // QVERIFY2 builds its message whether or not it fails.
    template<typename T>
    static QString why(const Expected<T> &result)
    {
        return result ? QString() : result.error().message();
    }

    static QByteArray frame(const QByteArray &payload)
    {
        QByteArray bytes("SMHI\x01", 5);
        const quint32 size = quint32(payload.size());
        for (int shift : {24, 16, 8, 0})
            bytes += char((size >> shift) & 0xff);
        return bytes + payload;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        const QString runtime = m_dir->filePath(u"run"_s);
        QVERIFY(QDir().mkpath(runtime));
        QVERIFY(QFile::setPermissions(
            runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    }

    void cleanup() { m_dir.reset(); }

    void theFirstOwnsAndALaterLaunchIsHandedOver()
    {
        InstanceGuard owner(ledgerPath());
        const auto role = owner.claimOrForward([] { return QByteArray(); });
        QVERIFY(role);
        QCOMPARE(*role, InstanceGuard::Role::Owner);
        QVERIFY(owner.isOwner());
        // Private, beside the ledger; the socket in the runtime folder.
        const QString folder = QDir(QFileInfo(ledgerPath()).absolutePath()).canonicalPath();
        QCOMPARE(owner.lockFilePath(), folder + u"/ledger.sqlite.lock"_s);
        QCOMPARE(QFile::permissions(owner.lockFilePath()) & 0x0077, QFileDevice::Permissions());
        QVERIFY(owner.serverName().startsWith(qEnvironmentVariable("XDG_RUNTIME_DIR")));

        QList<QByteArray> received;
        QVERIFY(owner.listen([&received](const QByteArray &message) -> Expected<void> {
            received << message;
            return {};
        }));
        const auto later = launch("hello");
        QTRY_VERIFY(later->done);
        later->thread->wait();
        QVERIFY2(*later->result, qPrintable(why(*later->result)));
        QCOMPARE(**later->result, InstanceGuard::Role::Forwarded);
        QCOMPARE(received, QList<QByteArray> {"hello"});
    }

    void withoutAPrivateRuntimeFolderTheTemporaryFolderServes_data()
    {
        QTest::addColumn<bool>("unset");
        QTest::newRow("unset") << true;
        QTest::newRow("open to others") << false;
    }

    void withoutAPrivateRuntimeFolderTheTemporaryFolderServes()
    {
        QFETCH(bool, unset);
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        if (unset) {
            qunsetenv("XDG_RUNTIME_DIR");
        } else {
            // Anyone could reach a socket there: not used.
            QVERIFY(QFile::setPermissions(runtime,
                QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                    | QFileDevice::ReadOther | QFileDevice::ExeOther));
        }
        InstanceGuard owner(ledgerPath());
        QVERIFY(!owner.serverName().contains(u'/'));
        QVERIFY(owner.serverName().contains(QString::number(::geteuid())));
        QVERIFY(owner.claimOrForward([] { return QByteArray(); }));
        int handled = 0;
        QVERIFY(owner.listen([&handled](const QByteArray &) -> Expected<void> {
            ++handled;
            return {};
        }));
        // Made user-only by the server.
        const QString socket = QDir::temp().filePath(owner.serverName());
        QCOMPARE(QFile::permissions(socket) & 0x0077, QFileDevice::Permissions());
        const auto later = launch("hello");
        QTRY_VERIFY(later->done);
        later->thread->wait();
        QVERIFY2(*later->result, qPrintable(why(*later->result)));
        QCOMPARE(handled, 1);
    }

    void theOwnersRefusalReachesTheLaunch()
    {
        InstanceGuard owner(ledgerPath());
        QVERIFY(owner.claimOrForward([] { return QByteArray(); }));
        QVERIFY(owner.listen([](const QByteArray &) -> Expected<void> {
            return unexpected(Error::input(u"Not today."_s));
        }));
        const auto later = launch("hello");
        QTRY_VERIFY(later->done);
        later->thread->wait();
        QVERIFY(!*later->result);
        QCOMPARE(later->result->error().message(), u"Not today."_s);
    }

    void aFreeLedgerIsTakenWithoutAWait()
    {
        // The owner ended (its guard gone): the next launch owns at once.
        {
            InstanceGuard owner(ledgerPath());
            QVERIFY(owner.claimOrForward([] { return QByteArray(); }));
            QVERIFY(owner.listen([](const QByteArray &) -> Expected<void> { return {}; }));
        }
        InstanceGuard next(ledgerPath());
        const auto role = next.claimOrForward([] { return QByteArray("unused"); });
        QVERIFY(role);
        QCOMPARE(*role, InstanceGuard::Role::Owner);
    }

    void aHolderThatNeverListensIsNotWaitedForever()
    {
        InstanceGuard later(ledgerPath());
        QLockFile holder(later.lockFilePath());
        QVERIFY(holder.tryLock());
        InstanceGuard::Deadlines deadlines;
        deadlines.connect = 300ms;
        const auto role = later.claimOrForward([] { return QByteArray("x"); }, deadlines);
        QVERIFY(!role);
        QVERIFY2(role.error().message().contains(u"does not answer"),
            qPrintable(role.error().message()));
    }

    void aHolderThatNeverAnswersIsNotWaitedForever()
    {
        InstanceGuard later(ledgerPath());
        QLockFile holder(later.lockFilePath());
        QVERIFY(holder.tryLock());
        // Listens, takes the request into the kernel's buffer, never answers.
        QLocalServer silent;
        QVERIFY(silent.listen(later.serverName()));
        InstanceGuard::Deadlines deadlines;
        deadlines.reply = 300ms;
        const auto role = later.claimOrForward([] { return QByteArray("x"); }, deadlines);
        QVERIFY(!role);
        QVERIFY2(
            role.error().message().contains(u"did not answer"), qPrintable(role.error().message()));
    }

    void hostilePeersCostLittleAndChangeNothing()
    {
        InstanceGuard owner(ledgerPath());
        QVERIFY(owner.claimOrForward([] { return QByteArray(); }));
        int handled = 0;
        QVERIFY(owner.listen(
            [&handled](const QByteArray &) -> Expected<void> {
                ++handled;
                return {};
            },
            10s));

        // Not our protocol, another version, more than the limit, more than
        // it says: each refused with a status, nothing handled.
        const QList<std::pair<QByteArray, int>> refused {
            {"GET / HTTP/1.1\r\n\r\n", 1},
            {QByteArray("SMHI\x02\0\0\0\0", 9), 2},
            {QByteArray("SMHI\x01\x7f\xff\xff\xff", 9), 1},
            {frame("ab") + "cd", 1},
        };
        for (const auto &[bytes, status] : refused) {
            QLocalSocket peer;
            peer.connectToServer(owner.serverName());
            QVERIFY(peer.waitForConnected(5000));
            QCOMPARE(exchange(peer, bytes), status);
        }
        QCOMPARE(handled, 0);

        // Silent peers hold a few sessions; one more is closed at once, long
        // before the deadline would close it.
        std::vector<std::unique_ptr<QLocalSocket>> silent;
        for (int i = 0; i < InstanceGuard::maxSessions + 1; ++i) {
            silent.push_back(std::make_unique<QLocalSocket>());
            silent.back()->connectToServer(owner.serverName());
            QVERIFY(silent.back()->waitForConnected(5000));
            QTest::qWait(0);
        }
        QTRY_COMPARE(silent.back()->state(), QLocalSocket::UnconnectedState);
        QCOMPARE(silent.front()->state(), QLocalSocket::ConnectedState);
        silent.clear();

        // Still answering.
        const auto later = launch("fine");
        QTRY_VERIFY(later->done);
        later->thread->wait();
        QVERIFY2(*later->result, qPrintable(why(*later->result)));
        QCOMPARE(handled, 1);
    }

    void aSilentPeerIsDroppedAtTheDeadline()
    {
        InstanceGuard owner(ledgerPath());
        QVERIFY(owner.claimOrForward([] { return QByteArray(); }));
        QVERIFY(owner.listen([](const QByteArray &) -> Expected<void> { return {}; }, 200ms));
        QLocalSocket peer;
        peer.connectToServer(owner.serverName());
        QVERIFY(peer.waitForConnected(5000));
        peer.write("SMHI"); // half a header, then nothing
        QTRY_COMPARE(peer.state(), QLocalSocket::UnconnectedState);
    }

    void aRequestTravelsWhole()
    {
        LaunchRequest request;
        Connection connection;
        connection.name = u"archive"_s;
        connection.settings.endpoint = QUrl(u"https://smh.example.com"_s);
        connection.settings.libraryId = u"smhlib"_s;
        connection.settings.spaceId = u"space1"_s;
        connection.settings.userId = u"u1"_s;
        connection.settings.libraryLevel = true;
        connection.authKind = AuthKind::LibrarySecret;
        request.connection = connection;
        request.credential = u"s3cret"_s;
        request.profile = u"archive"_s;
        request.taskIdText = u"1 2 100-120"_s;
        request.problems = {u"Cannot read the file."_s};

        const auto decoded = LaunchRequest::decode(request.encode());
        QVERIFY2(decoded, qPrintable(why(decoded)));
        QCOMPARE(decoded->connection, request.connection);
        QCOMPARE(decoded->credential, request.credential);
        QCOMPARE(decoded->profile, request.profile);
        QCOMPARE(decoded->taskIdText, request.taskIdText);
        QCOMPARE(decoded->problems, request.problems);

        const auto bare = LaunchRequest::decode(LaunchRequest {}.encode());
        QVERIFY(bare);
        QVERIFY(!bare->connection);
    }

    void aBadRequestIsRefusedWithASentence_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("says");
        const auto with = [](const QString &key, const QCborValue &value) {
            QCborMap map = QCborValue::fromCbor(LaunchRequest {}.encode()).toMap();
            map.insert(key, value);
            return map.toCborValue().toCbor();
        };
        const auto connection = [](const QString &key, const QCborValue &value) {
            QCborMap settings {{u"endpoint"_s, u"https://smh.example.com"_s},
                {u"library"_s, u"smhlib"_s}, {u"space"_s, u"-"_s}};
            settings.insert(key, value);
            QCborMap map = QCborValue::fromCbor(LaunchRequest {}.encode()).toMap();
            map.insert(u"connection"_s, settings);
            return map.toCborValue().toCbor();
        };
        QTest::newRow("not cbor") << QByteArray("{\"v\":1}") << u"could not be read"_s;
        QTest::newRow("not a map") << QCborValue(1).toCbor() << u"could not be read"_s;
        QTest::newRow("newer") << with(u"v"_s, 2) << u"another version"_s;
        QTest::newRow("ids not text") << with(u"ids"_s, 12) << u"not text"_s;
        QTest::newRow("profile too long")
            << with(u"profile"_s, QString(5000, u'x')) << u"longer than"_s;
        QTest::newRow("problems not a list") << with(u"problems"_s, u"x"_s) << u"short list"_s;
        QTest::newRow("clear text to a remote host")
            << connection(u"endpoint"_s, u"http://smh.example.com"_s) << u"https://"_s;
        QTest::newRow("flag not a flag")
            << connection(u"libraryLevel"_s, u"yes"_s) << u"true or false"_s;
        QTest::newRow("no library") << connection(u"library"_s, u""_s) << u"library ID is empty"_s;
    }

    void aBadRequestIsRefusedWithASentence()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
        const auto decoded = LaunchRequest::decode(bytes);
        QVERIFY(!decoded);
        QVERIFY2(decoded.error().message().contains(says), qPrintable(decoded.error().message()));
    }
};

QTEST_GUILESS_MAIN(TestInstanceGuard)
#include "tst_instanceguard.moc"
