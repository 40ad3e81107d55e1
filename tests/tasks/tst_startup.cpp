#include "smh/secretstore.h"
#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/pollscheduler.h"
#include "tasks/startup.h"
#include "tasks/taskidparser.h"
#include "tasks/taskstore.h"
#include "verifyexpected.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The start-up rules both faces share: one copy, so that the window and the
// headless commands can no longer drift apart.
class TestStartup final : public QObject
{
    Q_OBJECT

    // A home of its own: the ledger and the private secrets file live there,
    // and no keychain answers (as on a server without a desktop session).
    QTemporaryDir m_home;

    QString ledgerPath() const { return m_home.filePath(u"ledger.sqlite"_s); }

    // A connection saved from the window, as --profile finds it.
    qint64 saveProfile(const QString &name, AuthKind kind = AuthKind::AccessToken)
    {
        TaskStore store;
        if (!store.open(ledgerPath()))
            return 0;
        Connection connection;
        connection.name = name;
        connection.authKind = kind;
        connection.settings.endpoint = QUrl(u"https://lib.example.com"_s);
        connection.settings.libraryId = u"smh"_s + name.toLower();
        connection.settings.spaceId = u"-"_s;
        return store.addConnection(connection).valueOr(0);
    }

    // What the user opts in to without a keychain: the private file.
    void keepSecret(qint64 id, const QString &secret)
    {
        SecretStore secrets;
        secrets.setKeychainEnabled(false);
        secrets.write(id, secret);
        const Expected<void> enabled = secrets.enablePrivateFile();
        QVERIFY2(enabled, qPrintable(enabled ? QString() : enabled.error().message()));
    }

    static MonitorOptions libraryOptions()
    {
        MonitorOptions options;
        options.connectionGiven = true;
        options.connection.endpoint = QUrl(u"https://lib.example.com"_s);
        options.connection.libraryId = u"lib"_s;
        options.connection.spaceId = u"-"_s;
        options.accessToken = u"token"_s;
        return options;
    }

    // Runs the shared start-up for a command on `monitor`; its one result.
    StartupJob::Result run(Monitor &monitor, const MonitorOptions &options,
        StartupJob::Face face = StartupJob::Face::Command, const QString &ledger = u":memory:"_s)
    {
        StartupJob::Settings settings;
        settings.face = face;
        settings.prepare = options;
        settings.ledgerPath = ledger;
        settings.profileLedgerPath = ledgerPath();
        StartupJob job(monitor, StartupJob::Target::of(options), settings);
        std::optional<StartupJob::Result> result;
        int results = 0;
        connect(&job, &StartupJob::finished, this, [&](const StartupJob::Result &r) {
            result.emplace(r);
            ++results;
        });
        job.start();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 40000); }();
        QCoreApplication::processEvents(); // a second answer would show here
        [&] { QCOMPARE(results, 1); }();
        return result.value_or(unexpected(Error()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.path()));
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    }

    void cleanup()
    {
        QFile::remove(ledgerPath());
        QFile::remove(SecretStore::defaultPrivateFilePath());
    }

    // watch/query/history --library: the connection as given, polled with
    // the options' intervals, in the ledger it was asked for.
    void commandConnectsWhatWasGiven()
    {
        MonitorOptions options = libraryOptions();
        options.interval = std::chrono::seconds(7);
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(result);
        QVERIFY(result->connectionId != 0);
        const std::optional<Connection> added = monitor.tasks().connection(result->connectionId);
        QVERIFY(added);
        QCOMPARE(added->settings.libraryId, u"lib"_s);
        QCOMPARE(result->target.credential, u"token"_s);
        QCOMPARE(monitor.credential(result->connectionId).accessToken, u"token"_s);
        QCOMPARE(monitor.polling().planner().options().baseInterval, std::chrono::milliseconds(7s));
        QVERIFY(!monitor.isDemoMode());
    }

    void demoIsSaidToTheMonitor()
    {
        MonitorOptions options = libraryOptions();
        options.demo = true;
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(result);
        QVERIFY(monitor.isDemoMode());
        QVERIFY(monitor.tasks().connection(result->connectionId));
    }

    void noLibraryIsAProfileError()
    {
        MonitorOptions options;
        options.accessToken = u"token"_s;
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(!result);
        QCOMPARE(StartupJob::stepOf(result.error()), StartupJob::Step::Profile);
        QVERIFY(result.error().message().contains(u"--library"_s));
        // Nothing was opened for a start that could not go anywhere.
        QVERIFY(monitor.tasks().connections().isEmpty());
    }

    void noCredentialIsACredentialError()
    {
        MonitorOptions options = libraryOptions();
        options.accessToken.clear();
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(!result);
        QCOMPARE(StartupJob::stepOf(result.error()), StartupJob::Step::Credential);
        QVERIFY(result.error().message().contains(u"SMH_ACCESS_TOKEN"_s));
    }

    void invalidSettingsAreSaidBeforeConnecting()
    {
        MonitorOptions options = libraryOptions();
        options.connection.endpoint = QUrl(u"ftp://lib.example.com"_s);
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(!result);
        QCOMPARE(StartupJob::stepOf(result.error()), StartupJob::Step::Settings);
        QVERIFY(monitor.tasks().connections().isEmpty());
    }

    void ledgerThatCannotBeOpened()
    {
        const QString notALedger = m_home.filePath(u"not-a-ledger.sqlite"_s);
        QFile file(notALedger);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        Monitor monitor;
        const StartupJob::Result result =
            run(monitor, libraryOptions(), StartupJob::Face::Command, notALedger);
        QVERIFY(!result);
        QCOMPARE(StartupJob::stepOf(result.error()), StartupJob::Step::Ledger);
        QVERIFY(!result.error().message().isEmpty());
    }

    // --profile: the saved connection's settings, its credential as given
    // (of the kind given), else from the keychain or the private file.
    void profileWithCredentialGiven()
    {
        const qint64 saved = saveProfile(u"Archive"_s, AuthKind::AccessToken);
        QVERIFY(saved != 0);
        MonitorOptions options;
        options.profile = u"Archive"_s;
        options.librarySecret = u"secret"_s;
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(result);
        QCOMPARE(result->target.connection->settings.libraryId, u"smharchive"_s);
        QCOMPARE(result->target.connection->authKind, AuthKind::LibrarySecret);
        QCOMPARE(monitor.credential(result->connectionId).librarySecret, u"secret"_s);
    }

    void profileCredentialFromThePrivateFile()
    {
        const qint64 saved = saveProfile(u"Archive"_s);
        QVERIFY(saved != 0);
        keepSecret(saved, u"kept token"_s);
        MonitorOptions options;
        options.profile = u"smharchive/-"_s; // by its label, too
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
        QCOMPARE(result->target.credential, u"kept token"_s);
        QCOMPARE(result->target.connection->id, 0); // added to this monitor's ledger
        QCOMPARE(monitor.credential(result->connectionId).accessToken, u"kept token"_s);
    }

    void profileCredentialThatCannotBeRead()
    {
        const qint64 saved = saveProfile(u"Archive"_s);
        keepSecret(saved, u"kept token"_s);
        // A file others can read is refused: the reason is said.
        QVERIFY(QFile::setPermissions(SecretStore::defaultPrivateFilePath(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        MonitorOptions options;
        options.profile = u"Archive"_s;
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(!result);
        QCOMPARE(StartupJob::stepOf(result.error()), StartupJob::Step::Credential);
        QVERIFY2(
            result.error().message().contains(u"Archive"_s), qPrintable(result.error().message()));
        QVERIFY2(result.error().message().contains(u"chmod 600"_s),
            qPrintable(result.error().message()));
    }

    void profileWithoutCredential()
    {
        QVERIFY(saveProfile(u"Archive"_s) != 0);
        MonitorOptions options;
        options.profile = u"Archive"_s;
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(!result);
        QCOMPARE(StartupJob::stepOf(result.error()), StartupJob::Step::Credential);
        QVERIFY(result.error().message().contains(u"SMH_ACCESS_TOKEN"_s));
    }

    void unknownProfile()
    {
        QVERIFY(saveProfile(u"Archive"_s) != 0);
        MonitorOptions options;
        options.profile = u"Other"_s;
        options.accessToken = u"token"_s;
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options);
        QVERIFY(!result);
        QCOMPARE(StartupJob::stepOf(result.error()), StartupJob::Step::Profile);
        QVERIFY(result.error().message().contains(u"Other"_s));
    }

    // The window: a profile among its own ledger's connections, chosen and
    // not added again; with nothing named, the only one there is; a
    // connection without a credential is no error (the window asks).
    void windowFindsItsProfile()
    {
        const qint64 saved = saveProfile(u"Archive"_s);
        MonitorOptions options;
        options.profile = u"Archive"_s;
        Monitor monitor;
        StartupJob::Result result = run(monitor, options, StartupJob::Face::Window, ledgerPath());
        QVERIFY(result);
        QCOMPARE(result->connectionId, saved);
        QCOMPARE(monitor.tasks().connections().size(), 1);

        options.profile.clear();
        Monitor only;
        result = run(only, options, StartupJob::Face::Window, ledgerPath());
        QCOMPARE(result.value().connectionId, saved);

        options.profile = u"Other"_s;
        Monitor missing;
        result = run(missing, options, StartupJob::Face::Window, ledgerPath());
        QVERIFY(!result);
        QCOMPARE(StartupJob::stepOf(result.error()), StartupJob::Step::Profile);
        QVERIFY(result.error().message().contains(u"Other"_s));
    }

    void windowConnectsWithoutCredential()
    {
        MonitorOptions options = libraryOptions();
        options.accessToken.clear();
        Monitor monitor;
        const StartupJob::Result result = run(monitor, options, StartupJob::Face::Window);
        QVERIFY(result);
        QVERIFY(monitor.tasks().connection(result->connectionId));
        QVERIFY(monitor.credential(result->connectionId).accessToken.isEmpty());
    }

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
        QCOMPARE(Startup::taskIdText(options).value(), u"1,2 5-6"_s);
        options.idsFile = dir.filePath(u"ids.txt"_s);
        // A file that cannot be read is an error, never an empty list.
        const Expected<QString> missing = Startup::taskIdText(options);
        QVERIFY(!missing);
        QVERIFY(missing.error().message().contains(u"ids.txt"_s));
        QFile file(options.idsFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("7\n8\n");
        file.close();
        QCOMPARE(Startup::taskIdText(options).value(), u"1,2 5-6 7 8"_s);
    }

    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }

    // A command of this process gets the parsed IDs: the same IDs, in the
    // same order, as the text handed to another process gives.
    void taskIdsParseTheFileOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MonitorOptions options;
        options.taskIdArguments = {u"1,2"_s, u"5-6"_s};
        options.idsFile = dir.filePath(u"ids.txt"_s);
        QByteArray lines;
        for (int id = 50'000; id >= 1; --id) // 1, 2, 5 and 6 again
            lines += QByteArray::number(id) + '\n';
        write(options.idsFile, lines);
        const Expected<TaskIdParser::Result> ids = Startup::taskIds(options, false);
        SMH_VERIFY(ids);
        QVERIFY(ids->ok());
        QCOMPARE(ids->ids.size(), 50'000);
        QCOMPARE(ids->ids.mid(0, 6), (QList<qint64> {1, 2, 5, 6, 50'000, 49'999}));
        QCOMPARE(ids->ids, TaskIdParser::parse(Startup::taskIdText(options).value()).ids);

        // The file's problems are the error, each named once.
        QByteArray bad;
        for (int i = 1; i <= 25; ++i)
            bad += "x" + QByteArray::number(i) + '\n';
        write(options.idsFile, bad);
        const Expected<TaskIdParser::Result> refused = Startup::taskIds(options, false);
        QVERIFY(!refused);
        const QStringList problems = refused.error().message().split(u'\n');
        QCOMPARE(problems.size(), 11); // ten named, then how many more
        QCOMPARE(problems.filter(u"\"x1\""_s).size(), 1);
        QVERIFY2(problems.constLast().contains(u"15"_s), qPrintable(problems.constLast()));

        // The arguments' problems are theirs alone, the file's IDs added to none.
        write(options.idsFile, "7\n");
        options.taskIdArguments = {u"1,y"_s};
        const Expected<TaskIdParser::Result> wrong = Startup::taskIds(options, false);
        SMH_VERIFY(wrong);
        QCOMPARE(wrong->invalid.size(), 1);
        QVERIFY(wrong->invalid.constFirst().contains(u"\"y\""_s));
        QVERIFY(wrong->ids.isEmpty());
    }

    // The 1,000,000-ID limit counts the arguments and the file together.
    void taskIdsLimitCountsEverySource()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MonitorOptions options;
        options.idsFile = dir.filePath(u"ids.txt"_s);
        QByteArray ranges;
        for (qint64 i = 0; i < 10; ++i)
            ranges += QByteArray::number(i * 100'000 + 1) + '-'
                + QByteArray::number((i + 1) * 100'000) + '\n';
        write(options.idsFile, ranges);
        const Expected<TaskIdParser::Result> all = Startup::taskIds(options, false);
        SMH_VERIFY(all);
        QCOMPARE(all->ids.size(), TaskIdParser::maxIdsPerInput);

        options.taskIdArguments = {u"0"_s};
        const Expected<TaskIdParser::Result> tooMany = Startup::taskIds(options, false);
        SMH_VERIFY(tooMany);
        QVERIFY(tooMany->ids.isEmpty());
        QCOMPARE(tooMany->invalid.size(), 1);
        QVERIFY2(tooMany->invalid.constFirst().contains(u"1000000"_s),
            qPrintable(tooMany->invalid.constFirst()));
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
        QCOMPARE(monitor.tasks().connections().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStartup)
#include "tst_startup.moc"
