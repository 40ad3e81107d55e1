#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/startup.h"
#include "tasks/taskstore.h"
#include "verifyexpected.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The start-up rules both faces share: one copy, so that the window and the
// headless commands can no longer drift apart.
class TestStartup final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pollOptions_data()
    {
        QTest::addColumn<std::optional<std::chrono::milliseconds>>("interval");
        QTest::addColumn<std::optional<std::chrono::milliseconds>>("maxInterval");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<std::chrono::milliseconds>("base");
        QTest::addColumn<std::chrono::milliseconds>("longest");
        using ms = std::chrono::milliseconds;
        const std::optional<ms> none;
        QTest::newRow("defaults") << none << none << true << ms(3s) << ms(60s);
        // The bug: the window left the longest at 60 s, below the base.
        QTest::newRow("interval above the default longest")
            << std::optional<ms>(120s) << none << true << ms(120s) << ms(120s);
        QTest::newRow("max-interval below the default base")
            << none << std::optional<ms>(2s) << true << ms(2s) << ms(2s);
        QTest::newRow("both, in order")
            << std::optional<ms>(5s) << std::optional<ms>(30s) << true << ms(5s) << ms(30s);
        QTest::newRow("both equal")
            << std::optional<ms>(30s) << std::optional<ms>(30s) << true << ms(30s) << ms(30s);
        QTest::newRow("both, reversed")
            << std::optional<ms>(120s) << std::optional<ms>(60s) << false << ms(0) << ms(0);
    }

    void pollOptions()
    {
        QFETCH(std::optional<std::chrono::milliseconds>, interval);
        QFETCH(std::optional<std::chrono::milliseconds>, maxInterval);
        QFETCH(bool, ok);
        QFETCH(std::chrono::milliseconds, base);
        QFETCH(std::chrono::milliseconds, longest);
        MonitorOptions options;
        options.interval = interval;
        options.maxInterval = maxInterval;
        const Expected<PollPlanner::Options> polling = Startup::pollOptions(options);
        QCOMPARE(polling.hasValue(), ok);
        if (!ok) {
            QVERIFY(polling.error().message().contains(u"--max-interval"_s));
            return;
        }
        QCOMPARE(polling->baseInterval, base);
        QCOMPARE(polling->maxInterval, longest);
        QVERIFY(polling->baseInterval <= polling->maxInterval);
    }

    void requestRate()
    {
        MonitorOptions options;
        QCOMPARE(Startup::pollOptions(options)->requestsPerSecond, 2.0);
        options.requestRate = 0.5;
        QCOMPARE(Startup::pollOptions(options)->requestsPerSecond, 0.5);
        QCOMPARE(Startup::pollOptions(options)->requestBurst, 1);
        options.requestRate = 10;
        QCOMPARE(Startup::pollOptions(options)->requestBurst, 10);
    }

    void connectionAndCredential()
    {
        MonitorOptions options;
        QVERIFY(!Startup::connection(options)); // no library named
        options.connectionGiven = true;
        options.connection.libraryId = u"lib"_s;
        options.accessToken = u"token"_s;
        QCOMPARE(Startup::connection(options)->authKind, AuthKind::AccessToken);
        QCOMPARE(Startup::credential(options), u"token"_s);
        // A secret wins over a token: tokens minted from it are renewed.
        options.librarySecret = u"secret"_s;
        QCOMPARE(Startup::connection(options)->authKind, AuthKind::LibrarySecret);
        QCOMPARE(Startup::credential(options), u"secret"_s);
    }

    void taskIdTextFromArgumentsAndFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MonitorOptions options;
        options.taskIdArguments = {u"1,2"_s, u"5-6"_s};
        QCOMPARE(Startup::taskIdText(options, false).value(), u"1,2 5-6"_s);
        options.idsFile = dir.filePath(u"ids.txt"_s);
        // A file that cannot be read is an error, never an empty list.
        const Expected<QString> missing = Startup::taskIdText(options, false);
        QVERIFY(!missing);
        QVERIFY(missing.error().message().contains(u"ids.txt"_s));
        QFile file(options.idsFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("7\n8\n");
        file.close();
        QCOMPARE(Startup::taskIdText(options, false).value(), u"1,2 5-6 7 8"_s);
    }

    void savedConnectionByNameOrLibrary()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ledger = dir.filePath(u"ledger.sqlite"_s);
        {
            TaskStore store;
            SMH_VERIFY(store.open(ledger));
            Connection connection;
            connection.name = u"Archive"_s;
            connection.settings.endpoint = QUrl(u"https://lib.example.com"_s);
            connection.settings.libraryId = u"smharchive"_s;
            QVERIFY(store.addConnection(connection).value() != 0);
        }
        QCOMPARE(
            Startup::savedConnection(u"Archive"_s, ledger)->settings.libraryId, u"smharchive"_s);
        QCOMPARE(Startup::savedConnection(u"smharchive/-"_s, ledger)->name, u"Archive"_s);
        const Expected<Connection> missing = Startup::savedConnection(u"Other"_s, ledger);
        QVERIFY(!missing);
        QVERIFY(missing.error().message().contains(u"Other"_s));
    }

    void connectFindsTheSameConnection()
    {
        Monitor monitor;
        QVERIFY(monitor.openStore(u":memory:"_s));
        Connection connection;
        connection.settings.endpoint = QUrl(u"https://lib.example.com"_s);
        connection.settings.libraryId = u"lib"_s;
        const Expected<qint64> first = Startup::connect(monitor, connection, u"token"_s);
        QVERIFY(first);
        connection.name = u"another label"_s;
        const Expected<qint64> again = Startup::connect(monitor, connection, u"token"_s);
        QCOMPARE(again.value(), first.value());
        QCOMPARE(monitor.store()->connections().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStartup)
#include "tst_startup.moc"
