#include "clihome.h"
#include "cliprocess.h"
#include "demo/smhsimulator.h"
#include "tasks/taskstore.h"
#include "verifyexpected.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

// `profile add|list|remove` as a server or cron job uses them: no window, no
// keychain, the real program against a simulator on 127.0.0.1. The secret
// goes to the private file only when asked, is never printed, and never
// reaches the ledger or the settings.
class TestProfileCli final : public QObject
{
    Q_OBJECT

private:
    using Run = CliProcess::Run;

    std::unique_ptr<CliHome> m_home;
    SmhSimulator *m_simulator = nullptr; // the home's
    QString m_token;

    QString dataFolder() const { return m_home->filePath(u"data/smh-task-monitor"_s); }
    QString secretsFile() const { return dataFolder() + u"/secrets.json"_s; }

    Run run(const QStringList &arguments, const QProcessEnvironment &extra = {})
    {
        return m_home->run(arguments, {m_token, m_simulator->librarySecret()}, extra);
    }

    QStringList connection() const
    {
        return {u"--endpoint"_s, m_simulator->baseUrl().toString(), u"--library"_s,
            m_simulator->libraryId()};
    }

    QJsonArray profiles()
    {
        const Run r = run({u"profile"_s, u"list"_s, u"--output"_s, u"json"_s});
        return QJsonDocument::fromJson(r.out).object().value(u"profiles"_s).toArray();
    }

    // Whether `secret` is in any file of the user's but the secrets file.
    bool writtenDown(const QString &secret) const
    {
        QDirIterator files(
            m_home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            if (path == secretsFile() || path.startsWith(m_home->filePath(u"input"_s)))
                continue;
            QFile file(path);
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret.toUtf8()))
                return true;
        }
        return false;
    }

    void script(qint64 id)
    {
        SmhSimulator::TaskScript s = m_simulator->scriptFor(id);
        s.known = true;
        s.startMs = m_simulator->nowMs();
        s.runMs = 0;
        s.finalStatus = 204;
        m_simulator->setTask(id, s);
    }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<CliHome>(QStringLiteral(SMH_BINARY));
        QVERIFY(m_home->isReady());
        m_simulator = &m_home->simulator();
        m_token = m_simulator->issueToken();
    }

    void cleanup()
    {
        m_simulator = nullptr;
        m_home.reset();
    }

    void addListWatchRemove()
    {
        script(90);
        const QString token = m_home->writeFile(u"input/token"_s, m_token.toUtf8());
        Run r = run(QStringList {u"profile"_s, u"add"_s, u"prod"_s}
            << connection() << u"--token-file"_s << token << u"--store-secret-in-file"_s);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(r.out.contains("prod"));

        // Where the window keeps it when the user opts in: 0600, and nowhere else.
        QVERIFY(QFile::exists(secretsFile()));
        QCOMPARE(QFile::permissions(secretsFile()) & 0x0077, QFileDevice::Permissions());
        QVERIFY(!writtenDown(m_token));

        r = run({u"profile"_s, u"list"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(r.out.contains("prod"));
        QVERIFY(r.out.contains(m_simulator->libraryId().toUtf8()));
        const QJsonArray list = profiles();
        QCOMPARE(list.size(), 1);
        const QJsonObject profile = list.first().toObject();
        QCOMPARE(profile.value(u"name"_s).toString(), u"prod"_s);
        QCOMPARE(profile.value(u"libraryId"_s).toString(), m_simulator->libraryId());
        QCOMPARE(profile.value(u"credential"_s).toString(), u"access_token"_s);

        // What it is for: cron, with nothing but the profile's name.
        r = run({u"watch"_s, u"--profile"_s, u"prod"_s, u"--interval"_s, u"0.05"_s, u"90"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(r.out.contains("succeeded_no_result"));

        // The watch was recorded under the profile: removing it takes its
        // tasks along, so it asks for --yes.
        r = run({u"profile"_s, u"remove"_s, u"prod"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.text()));
        QCOMPARE(profiles().size(), 1);
        r = run({u"profile"_s, u"remove"_s, u"prod"_s, u"--yes"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(profiles().isEmpty());
        QFile secrets(secretsFile());
        QVERIFY(secrets.open(QIODevice::ReadOnly));
        QVERIFY(!secrets.readAll().contains(m_token.toUtf8()));
    }

    void aLibrarySecretMintsTokens()
    {
        script(91);
        const QString secret =
            m_home->writeFile(u"input/secret"_s, m_simulator->librarySecret().toUtf8());
        Run r = run(QStringList {u"profile"_s, u"add"_s, u"minting"_s}
            << connection() << u"--secret-file"_s << secret << u"--store-secret-in-file"_s);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(
            profiles().first().toObject().value(u"credential"_s).toString(), u"library_secret"_s);
        QVERIFY(!writtenDown(m_simulator->librarySecret()));
        // Saving is not using: nothing was minted yet.
        QCOMPARE(m_simulator->mintCount(), 0);

        r = run({u"watch"_s, u"--profile"_s, u"minting"_s, u"--interval"_s, u"0.05"_s, u"91"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(m_simulator->mintCount() >= 1);
    }

    void withoutAKeychainTheSecretIsNotDropped()
    {
        const QString token = m_home->writeFile(u"input/token"_s, m_token.toUtf8());
        const Run r = run(QStringList {u"profile"_s, u"add"_s, u"prod"_s}
            << connection() << u"--token-file"_s << token);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--store-secret-in-file"), r.err.constData());
        // Nothing half-saved: no profile, no file.
        QVERIFY(profiles().isEmpty());
        QVERIFY(!QFile::exists(secretsFile()));
    }

    void aProfileWithoutASecretTakesOneAtEachRun()
    {
        script(92);
        Run r = run(QStringList {u"profile"_s, u"add"_s, u"bare"_s} << connection());
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(r.out.contains("SMH_ACCESS_TOKEN"));
        QProcessEnvironment env;
        env.insert(u"SMH_ACCESS_TOKEN"_s, m_token);
        r = run({u"watch"_s, u"--profile"_s, u"bare"_s, u"--interval"_s, u"0.05"_s, u"92"_s}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
    }

    void twinsAreRefused()
    {
        Run r = run(QStringList {u"profile"_s, u"add"_s, u"prod"_s} << connection());
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        r = run(QStringList {u"profile"_s, u"add"_s, u"prod"_s} << u"--library"_s << u"smhother"_s);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("exists already"), r.err.constData());
        r = run(QStringList {u"profile"_s, u"add"_s, u"again"_s} << connection());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("\"prod\""), r.err.constData());
        QCOMPARE(profiles().size(), 1);
    }

    void removingTasksTakesAYes()
    {
        Run r = run(QStringList {u"profile"_s, u"add"_s, u"prod"_s} << connection());
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        {
            TaskStore store;
            SMH_VERIFY(store.open(dataFolder() + u"/ledger.sqlite"_s));
            const qint64 id = store.connections().constFirst().id;
            QCOMPARE(store.addTasks(id, {5, 6}, {}, QDateTime::currentDateTimeUtc())->size(), 2);
        }
        r = run({u"profile"_s, u"remove"_s, u"prod"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("2 tasks") && r.err.contains("--yes"), r.err.constData());
        QCOMPARE(profiles().size(), 1);
        r = run({u"profile"_s, u"remove"_s, u"prod"_s, u"--yes"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(profiles().isEmpty());
    }

    void badInputExitsTwoWithASentence_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        const QString token = u"input/token"_s;
        const QStringList add {u"profile"_s, u"add"_s, u"p"_s, u"--library"_s, u"smhlib"_s};
        QTest::newRow("no action") << QStringList {u"profile"_s} << u"add, list or remove"_s;
        QTest::newRow("unknown action")
            << QStringList {u"profile"_s, u"rename"_s} << u"add, list or remove"_s;
        QTest::newRow("no name") << QStringList {u"profile"_s, u"add"_s} << u"name"_s;
        QTest::newRow("blank name") << QStringList {u"profile"_s, u"add"_s, u" "_s, u"--library"_s,
            u"smhlib"_s} << u"1 to 200"_s;
        QTest::newRow("name on two lines") << QStringList {u"profile"_s, u"add"_s, u"a\nb"_s,
            u"--library"_s, u"smhlib"_s} << u"one line"_s;
        QTest::newRow("two names")
            << QStringList {u"profile"_s, u"add"_s, u"a"_s, u"b"_s} << u"Unexpected argument"_s;
        QTest::newRow("no library")
            << QStringList {u"profile"_s, u"add"_s, u"p"_s} << u"--library"_s;
        QTest::newRow("token and secret")
            << (QStringList(add) << u"--token-file"_s << token << u"--secret-file"_s << token)
            << u"not both"_s;
        QTest::newRow("file without a secret")
            << (QStringList(add) << u"--store-secret-in-file"_s) << u"needs a token"_s;
        QTest::newRow("clear text endpoint")
            << (QStringList(add) << u"--endpoint"_s << u"http://smh.example.com"_s)
            << u"https://"_s;
        QTest::newRow("no such profile")
            << QStringList {u"profile"_s, u"remove"_s, u"nobody"_s} << u"\"nobody\""_s;
        QTest::newRow("demo") << QStringList {u"--demo"_s, u"profile"_s, u"list"_s} << u"--demo"_s;
        QTest::newRow("yes for add") << (QStringList(add) << u"--yes"_s) << u"profile remove"_s;
    }

    void badInputExitsTwoWithASentence()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        m_home->writeFile(u"input/token"_s, m_token.toUtf8());
        for (QString &argument : arguments) {
            if (argument.startsWith(u"input/"))
                argument = m_home->filePath(argument);
        }
        const Run r = run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("smh-task-monitor: "), r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(says), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(profiles().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProfileCli)
#include "tst_profilecli.moc"
