#include "demo/httpserver.h"
#include "demo/smhsimulator.h"
#include "smh/secretstore.h"
#include "tasks/connectionprofiles.h"
#include "tasks/monitor.h"
#include "tasks/pollplanner.h"
#include "tasks/taskstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

// The secrets of saved connections reach the monitor that polls them: at
// start, and for a connection another program adds to the same ledger (a
// script's `profile add` beside an open window), whose secret that program
// kept in the store both read. Two monitors on one ledger file stand for
// the two programs; the store is the opt-in private file both share.
class TestConnectionProfiles final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SmhSimulator> m_simulator;

    QString ledger() const { return m_dir->filePath(u"ledger.sqlite"_s); }

    std::unique_ptr<SecretStore> sharedSecrets() const
    {
        auto secrets = std::make_unique<SecretStore>();
        secrets->setKeychainEnabled(false);
        secrets->setPrivateFilePath(m_dir->filePath(u"secrets.json"_s));
        return secrets;
    }

    std::unique_ptr<Monitor> openMonitor() const
    {
        auto monitor = std::make_unique<Monitor>();
        if (const auto opened = monitor->openStore(ledger()); !opened) {
            qWarning() << opened.error().message();
            return {};
        }
        PollPlanner::Options fast;
        fast.baseInterval = std::chrono::milliseconds(50);
        fast.maxInterval = std::chrono::milliseconds(100);
        fast.requestsPerSecond = 1000;
        monitor->setPollOptions(fast);
        return monitor;
    }

    ConnectionEdit added(const QString &name) const
    {
        ConnectionEdit edit;
        edit.connection.name = name;
        edit.connection.settings.endpoint = m_simulator->baseUrl();
        edit.connection.settings.libraryId = m_simulator->libraryId();
        edit.connection.authKind = AuthKind::AccessToken;
        edit.secret = m_simulator->staticToken();
        return edit;
    }

    static qint64 idOf(const Monitor &monitor, const QString &name)
    {
        const QList<Connection> connections = monitor.tasks().connections();
        for (const Connection &connection : connections) {
            if (connection.name == name)
                return connection.id;
        }
        return 0;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_simulator = std::make_unique<SmhSimulator>();
        QVERIFY(m_simulator->start());
        auto optIn = sharedSecrets();
        QVERIFY(optIn->enablePrivateFile());
    }

    void cleanup()
    {
        m_simulator.reset();
        m_dir.reset();
    }

    void savedConnectionsGetTheirSecretAtStart()
    {
        {
            auto script = openMonitor();
            QVERIFY(script);
            auto secrets = sharedSecrets();
            std::optional<Expected<qint64>> saved;
            ConnectionProfiles::save(script.get(), secrets.get(), added(u"before"_s),
                [&saved](const Expected<qint64> &id) { saved = id; });
            QTRY_VERIFY(saved);
            QVERIFY(*saved);
        }
        auto window = openMonitor();
        QVERIFY(window);
        auto secrets = sharedSecrets();
        ConnectionProfiles::loadSecrets(window.get(), secrets.get());
        const qint64 id = idOf(*window, u"before"_s);
        QVERIFY(id > 0);
        QTRY_COMPARE(window->credential(id).accessToken, m_simulator->staticToken());
    }

    void aConnectionAddedElsewhereIsPolledHere()
    {
        auto window = openMonitor();
        QVERIFY(window);
        auto windowSecrets = sharedSecrets();
        ConnectionProfiles::loadSecrets(window.get(), windowSecrets.get());

        auto script = openMonitor();
        QVERIFY(script);
        auto scriptSecrets = sharedSecrets();
        std::optional<Expected<qint64>> saved;
        ConnectionProfiles::save(script.get(), scriptSecrets.get(), added(u"from a script"_s),
            [&saved](const Expected<qint64> &id) { saved = id; });
        QTRY_VERIFY(saved);
        QVERIFY(*saved);
        const qint64 id = **saved;
        // The window sees the row, then finds its secret and polls with it.
        QTRY_VERIFY_WITH_TIMEOUT(window->tasks().connection(id).has_value(), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(
            window->credential(id).accessToken, m_simulator->staticToken(), 10'000);
    }

    // The window polls a connection a script added once the script has
    // quit, and stops when another program removes it from the ledger.
    void connectionsComeAndGoWithTheLedger()
    {
        auto window = openMonitor();
        QVERIFY(window);
        auto windowSecrets = sharedSecrets();
        ConnectionProfiles::loadSecrets(window.get(), windowSecrets.get());
        qint64 id = 0;
        {
            auto script = openMonitor();
            QVERIFY(script);
            auto scriptSecrets = sharedSecrets();
            std::optional<Expected<qint64>> saved;
            ConnectionProfiles::save(script.get(), scriptSecrets.get(), added(u"watched"_s),
                [&saved](const Expected<qint64> &result) { saved = result; });
            QTRY_VERIFY(saved && *saved);
            id = **saved;
            QVERIFY(script->addTasks(id, {4242}, {}));
            script->shutdown();
        }
        int queries = 0;
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [&queries](const HttpRequest &request) {
                if (request.target.startsWith("/api/v1/task/"))
                    ++queries;
            });
        QTRY_VERIFY_WITH_TIMEOUT(queries >= 2, 15'000);

        {
            auto other = openMonitor();
            QVERIFY(other);
            QVERIFY(other->removeConnection(id));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!window->tasks().connection(id).has_value(), 10'000);
        QVERIFY(window->credential(id).accessToken.isEmpty());
        QTest::qWait(300); // a reply already on its way may still land
        const int before = queries;
        QTest::qWait(1'000);
        QCOMPARE(queries, before);
    }
};

QTEST_GUILESS_MAIN(TestConnectionProfiles)
#include "tst_connectionprofiles.moc"
