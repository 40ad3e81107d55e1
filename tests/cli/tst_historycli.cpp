#include "cliprocess.h"
#include "demo/smhsimulator.h"
#include "history/historyledger.h"
#include "tasks/taskstore.h"
#include "verifyexpected.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// `smh-task-monitor history show|set|clear` as a script runs it, against the
// simulator: exit codes, outputs, every guard of the clear, and the record it
// leaves in the ledger for the window.
class TestHistoryCli final : public QObject
{
    Q_OBJECT

private:
    using Run = CliProcess::Run;

    SmhSimulator *m_simulator = nullptr;
    QString m_admin;
    QTemporaryDir *m_data = nullptr;
    int m_deletes = 0;

    Run run(const QStringList &arguments, const QString &token)
    {
        CliProcess::Options options;
        options.environment.insert(u"XDG_DATA_HOME"_s, m_data->path());
        if (!token.isEmpty())
            options.environment.insert(u"SMH_ACCESS_TOKEN"_s, token);
        options.secrets = {token}; // a token must never show
        return CliProcess::run(QStringLiteral(SMH_BINARY),
            QStringList {u"--endpoint"_s, m_simulator->baseUrl().toString(), u"--library"_s,
                m_simulator->libraryId(), u"--interval"_s, u"0.05"_s, u"--max-interval"_s, u"0.2"_s}
                + arguments,
            options);
    }

    // No connection and no credential: what `history report` needs.
    Run bare(const QStringList &arguments)
    {
        CliProcess::Options options;
        options.environment.insert(u"XDG_DATA_HOME"_s, m_data->path());
        return CliProcess::run(QStringLiteral(SMH_BINARY), arguments, options);
    }

    static QString text(const Run &run) { return run.text(); }

private Q_SLOTS:
    void init()
    {
        m_data = new QTemporaryDir;
        QVERIFY(m_data->isValid());
        m_simulator = new SmhSimulator(this);
        QVERIFY(m_simulator->start());
        m_simulator->setUsage(2LL * 1024 * 1024 * 1024, 512LL * 1024 * 1024);
        m_simulator->setClearRunMs(300);
        m_simulator->setUsageLagMs(0);
        m_admin = m_simulator->issueToken(0, true);
        m_deletes = 0;
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [this](const HttpRequest &request) {
                if (request.method == "DELETE" && request.target.contains("library-history"))
                    ++m_deletes;
            });
    }

    void cleanup()
    {
        delete m_simulator;
        m_simulator = nullptr;
        delete m_data;
        m_data = nullptr;
    }

    void showText()
    {
        m_simulator->setHistoryState({true, 20, 0, 60});
        const Run r = run({u"history"_s, u"show"_s}, m_admin);
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(u"File history"_s) && out.contains(u"on"_s), qPrintable(out));
        QVERIFY(out.contains(u"2.5 GiB"_s));
        QVERIFY(out.contains(u"can lag"_s));
    }

    void showJsonHoldsTheServersFields()
    {
        m_simulator->setHistoryState({false, 3, 7, 0});
        const Run r = run({u"history"_s, u"show"_s, u"--output"_s, u"json"_s}, m_admin);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject document = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(document.value(u"settings").toObject(),
            (QJsonObject {{u"enableFileHistory"_s, false}, {u"fileHistoryCount"_s, 3},
                {u"fileHistoryExpireDay"_s, 7}, {u"mergeInterval"_s, 0}}));
        QCOMPARE(document.value(u"usage").toObject().value(u"totalFileSize").toString(),
            QString::number(2560LL * 1024 * 1024));
    }

    void nonAdminTokenExitsFourWithSmhsCode()
    {
        const Run r = run({u"history"_s, u"show"_s}, m_simulator->staticToken());
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("NoPermission"), r.err.constData());
        const Run c = run({u"history"_s, u"clear"_s, u"--yes"_s}, m_simulator->staticToken());
        QCOMPARE(c.exitCode, 4);
        QVERIFY(c.err.contains("NoPermission"));
        QCOMPARE(m_deletes, 0);
    }

    void setValidatesBeforeSending_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("count 0") << QStringList {u"--count"_s, u"0"_s};
        QTest::newRow("count 1000") << QStringList {u"--count"_s, u"1000"_s};
        QTest::newRow("expire 1000") << QStringList {u"--expire-days"_s, u"1000"_s};
        QTest::newRow("merge 3") << QStringList {u"--merge-interval"_s, u"3"_s};
        QTest::newRow("not a number") << QStringList {u"--count"_s, u"many"_s};
        QTest::newRow("both") << QStringList {u"--enable"_s, u"--disable"_s};
        QTest::newRow("nothing") << QStringList {};
    }

    void setValidatesBeforeSending()
    {
        QFETCH(QStringList, arguments);
        const int requests = m_simulator->server().requestCount();
        const Run r = run(QStringList {u"history"_s, u"set"_s} + arguments, m_admin);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(m_simulator->server().requestCount(), requests);
    }

    void setApplies()
    {
        // The first enable needs count and expiry: refused after reading.
        Run r = run({u"history"_s, u"set"_s, u"--enable"_s}, m_admin);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(m_simulator->historyWrites(), 0);
        r = run({u"history"_s, u"set"_s, u"--enable"_s, u"--count"_s, u"5"_s, u"--expire-days"_s,
                    u"0"_s},
            m_admin);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("about a minute"));
        QVERIFY(m_simulator->historyState().enabled);
        QCOMPARE(m_simulator->historyState().count, 5);
        QCOMPARE(m_simulator->historyState().expireDays, 0);
    }

    void clearWithoutYesChangesNothing()
    {
        const Run r = run({u"history"_s, u"clear"_s}, m_admin);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--yes"));
        QCOMPARE(m_deletes, 0);
        QCOMPARE(m_simulator->server().requestCount(), 0);
    }

    void clearWithHistoryOnNeedsDisableHistory()
    {
        m_simulator->setHistoryState({true, 10, 30, 0});
        const Run r = run({u"history"_s, u"clear"_s, u"--yes"_s}, m_admin);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--disable-history"));
        QCOMPARE(m_simulator->historyWrites(), 0);
        QCOMPARE(m_deletes, 0);
        QVERIFY(m_simulator->historyState().enabled);
    }

    void clearWatchesToTheEndAndIsRecorded()
    {
        m_simulator->setHistoryState({true, 10, 30, 0});
        const Run r = run({u"history"_s, u"clear"_s, u"--yes"_s, u"--disable-history"_s,
                              u"--output"_s, u"json"_s},
            m_admin);
        QVERIFY2(r.exitCode == 0, qPrintable(text(r)));
        QVERIFY(!m_simulator->historyState().enabled);
        QCOMPARE(m_deletes, 1);
        const QJsonObject document = QJsonDocument::fromJson(r.out).object();
        const QJsonObject task = document.value(u"tasks").toArray().at(0).toObject();
        QCOMPARE(task.value(u"state").toString(), u"succeeded"_s);
        const qint64 taskId = task.value(u"taskId").toInteger();
        QVERIFY(taskId > 0);
        QCOMPARE(document.value(u"usageBefore").toString(), QString::number(2560LL * 1024 * 1024));
        QCOMPARE(document.value(u"usageAfter").toString(), QString::number(2048LL * 1024 * 1024));
        QCOMPARE(document.value(u"summary").toObject().value(u"succeeded").toInt(), 1);

        // The window's ledger has it: a library-level task with its note, and the record.
        TaskStore store;
        SMH_VERIFY(store.open(m_data->filePath(u"smh-task-monitor/ledger.sqlite"_s)));
        const QList<Task> tasks = store.tasks();
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.constFirst().key.taskId, taskId);
        // On the one connection the clear was started from, scoped to the library.
        QVERIFY(tasks.constFirst().libraryLevel);
        QCOMPARE(store.connections().size(), 1);
        QVERIFY(!store.connection(tasks.constFirst().key.connectionId)->settings.libraryLevel);
        QVERIFY(tasks.constFirst().note.startsWith(u"Clear historical versions"_s));
        HistoryLedger ledger(&store);
        const auto record = ledger.cleanupForTask(tasks.constFirst().key);
        QVERIFY(record);
        QCOMPARE(record->outcome, u"succeeded"_s);

        // The cleanup report has it, from the ledger alone (no connection given).
        const Run report = bare({u"history"_s, u"report"_s, u"--output"_s, u"json"_s});
        QVERIFY2(report.exitCode == 0, qPrintable(report.text()));
        const QJsonArray cleanups =
            QJsonDocument::fromJson(report.out).object().value(u"cleanups").toArray();
        QCOMPARE(cleanups.size(), 1);
        const QJsonObject cleared = cleanups.at(0).toObject();
        QCOMPARE(cleared.value(u"result").toString(), u"succeeded"_s);
        QCOMPARE(cleared.value(u"library").toString(), m_simulator->libraryId());
        QCOMPARE(cleared.value(u"taskId").toInteger(), taskId);
        QCOMPARE(cleared.value(u"ranFrom").toString(), u"command"_s);
        QCOMPARE(cleared.value(u"usageBefore").toString(), QString::number(2560LL * 1024 * 1024));
        const Run csv = bare({u"history"_s, u"report"_s});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.startsWith("\xEF\xBB\xBFrow,library,"));
        QCOMPARE(csv.out.count('\n'), 4); // header, the clear, its library, overall
        // --since after it leaves it out.
        const Run later = bare({u"history"_s, u"report"_s, u"--since"_s,
            QDate::currentDate().addDays(2).toString(Qt::ISODate)});
        QCOMPARE(later.exitCode, 0);
        QCOMPARE(later.out.count('\n'), 2);
    }

    void reportWithoutLedgerIsEmpty()
    {
        const Run r = bare({u"history"_s, u"report"_s, u"--output"_s, u"csv"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(r.out.startsWith("\xEF\xBB\xBFrow,"));
        QVERIFY(r.out.contains("overall_total,"));
        QVERIFY(!QFile::exists(m_data->filePath(u"smh-task-monitor/ledger.sqlite"_s)));
    }

    void reportRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("since") << QStringList {u"--since"_s, u"last tuesday"_s};
        QTest::newRow("since month") << QStringList {u"--since"_s, u"2026-13-01"_s};
        QTest::newRow("output") << QStringList {u"--output"_s, u"xml"_s};
        QTest::newRow("extra") << QStringList {u"now"_s};
    }

    void reportRefusesBadInput()
    {
        QFETCH(QStringList, arguments);
        const Run r = bare(QStringList {u"history"_s, u"report"_s} + arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
    }

    void noWaitPrintsTheIdAndTheMinuteIsRemembered()
    {
        const Run r = run({u"history"_s, u"clear"_s, u"--yes"_s, u"--no-wait"_s}, m_admin);
        QCOMPARE(r.exitCode, 0);
        bool ok = false;
        QVERIFY(r.out.trimmed().toLongLong(&ok) > 0 && ok);
        // The next run remembers the call (in the ledger) and sends nothing.
        const Run again = run({u"history"_s, u"clear"_s, u"--yes"_s}, m_admin);
        QCOMPARE(again.exitCode, 5);
        QVERIFY(again.err.contains("a minute"));
        QCOMPARE(m_deletes, 1);
    }

    void serverRateLimitExitsFiveOnce()
    {
        QVERIFY(run({u"history"_s, u"clear"_s, u"--yes"_s, u"--no-wait"_s}, m_admin).exitCode == 0);
        // Another user's ledger: no memory of it; SMH says 429, once.
        delete m_data;
        m_data = new QTemporaryDir;
        const Run r = run({u"history"_s, u"clear"_s, u"--yes"_s}, m_admin);
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("RateLimitExceeded"), r.err.constData());
        QCOMPARE(m_deletes, 2);
    }

    void clearJsonLines()
    {
        const Run r =
            run({u"history"_s, u"clear"_s, u"--yes"_s, u"--output"_s, u"jsonl"_s}, m_admin);
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY(lines.size() >= 3);
        QCOMPARE(QJsonDocument::fromJson(lines.constFirst()).object().value(u"state").toString(),
            u"started"_s);
        const QJsonObject last = QJsonDocument::fromJson(lines.constLast()).object();
        QVERIFY(last.contains(u"summary"));
        QVERIFY(last.contains(u"usageAfter"));
    }

    void demoShowsTheWholeJob()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s);
        env.insert(u"XDG_DATA_HOME"_s, m_data->path());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SMH_BINARY),
            {u"--demo"_s, u"history"_s, u"clear"_s, u"--yes"_s, u"--no-wait"_s});
        QVERIFY(process.waitForFinished(30'000));
        // History is on in the demo: refused, nothing changed.
        QCOMPARE(process.exitCode(), 2);
        process.start(QStringLiteral(SMH_BINARY),
            {u"--demo"_s, u"history"_s, u"clear"_s, u"--yes"_s, u"--disable-history"_s,
                u"--no-wait"_s});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 0);
    }

    void twoClearsAtOnceSendOneDelete()
    {
        // A hand clock, so that SMH's own one-a-minute rule never decides.
        qint64 nowMs = 1'000'000;
        m_simulator->setClock([&nowMs] { return nowMs; });
        for (int attempt = 0; attempt < 4; ++attempt) {
            // A fresh home each time: both processes create the ledger.
            delete m_data;
            m_data = new QTemporaryDir;
            nowMs += 120'000;
            const int before = m_simulator->clearRequests();
            CliProcess::Options options;
            options.environment.insert(u"XDG_DATA_HOME"_s, m_data->path());
            options.environment.insert(u"SMH_ACCESS_TOKEN"_s, m_admin);
            const QStringList arguments {u"--endpoint"_s, m_simulator->baseUrl().toString(),
                u"--library"_s, m_simulator->libraryId(), u"history"_s, u"clear"_s, u"--yes"_s,
                u"--no-wait"_s};
            auto one = CliProcess::start(QStringLiteral(SMH_BINARY), arguments, options);
            auto two = CliProcess::start(QStringLiteral(SMH_BINARY), arguments, options);
            QVERIFY(one && two);
            const Run a = CliProcess::finish(*one, options);
            const Run b = CliProcess::finish(*two, options);
            QCOMPARE(m_simulator->clearRequests() - before, 1);
            // One sent it; the other was turned away by the ledger, not by
            // a half-created file.
            QCOMPARE(QList<int>({a.exitCode, b.exitCode}).count(0), 1);
            const Run &loser = a.exitCode == 0 ? b : a;
            QVERIFY2(loser.exitCode == 5, qPrintable(loser.text()));
            QVERIFY2(loser.err.contains("under way") || loser.err.contains("a minute"),
                qPrintable(loser.text()));
        }
    }

    void killedAtEveryStepLeavesTheAttempt_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("historyOn");
        QTest::addColumn<QString>("phaseAfter");
        QTest::addColumn<bool>("nextMayClear");
        QTest::newRow("reading the settings") << QByteArray("GET") << QByteArray("library-history")
                                              << false << u"abandoned"_s << true;
        QTest::newRow("turning history off") << QByteArray("POST") << QByteArray("library-history")
                                             << true << u"abandoned"_s << true;
        QTest::newRow("reading the usage before")
            << QByteArray("GET") << QByteArray("/usage/") << false << u"abandoned"_s << true;
        QTest::newRow("sending the clear") << QByteArray("DELETE") << QByteArray("library-history")
                                           << false << u"unknown"_s << false;
    }

    void killedAtEveryStepLeavesTheAttempt()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(bool, historyOn);
        QFETCH(QString, phaseAfter);
        QFETCH(bool, nextMayClear);
        if (historyOn)
            m_simulator->setHistoryState({true, 10, 30, 0});
        m_simulator->setStall(
            [method, path](const HttpRequest &request) {
                return request.method == method && request.target.contains(path);
            },
            std::chrono::seconds(20));
        CliProcess::Options options;
        options.environment.insert(u"XDG_DATA_HOME"_s, m_data->path());
        options.environment.insert(u"SMH_ACCESS_TOKEN"_s, m_admin);
        auto process = CliProcess::start(QStringLiteral(SMH_BINARY),
            {u"--endpoint"_s, m_simulator->baseUrl().toString(), u"--library"_s,
                m_simulator->libraryId(), u"history"_s, u"clear"_s, u"--yes"_s,
                u"--disable-history"_s},
            options);
        QVERIFY(process);
        bool reached = false;
        const auto watcher = connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [&](const HttpRequest &request) {
                reached = reached || (request.method == method && request.target.contains(path));
            });
        QTRY_VERIFY_WITH_TIMEOUT(reached, 20'000);
        disconnect(watcher);
        process->kill(); // SIGKILL: no clean-up of any kind
        process->waitForFinished();
        m_simulator->setStall({}, {});

        const QString file = m_data->filePath(u"smh-task-monitor/ledger.sqlite"_s);
        {
            // What the killed process left: the attempt, as far as it went.
            TaskStore store;
            SMH_VERIFY(store.open(file));
            QSqlQuery q(QSqlDatabase::database(store.databaseName()));
            QVERIFY(q.exec(u"SELECT phase, history_off FROM cleanups"_s));
            QVERIFY2(q.next(), "the ledger holds no attempt");
            const QString phase = q.value(0).toString();
            QVERIFY2(phase == u"claimed" || phase == u"sending", qPrintable(phase));
            if (method == "POST")
                QCOMPARE(q.value(1).toString(), u"sending"_s);
        }
        // The next run settles it (the process is gone) and acts on it.
        const Run next =
            run({u"history"_s, u"clear"_s, u"--yes"_s, u"--no-wait"_s, u"--disable-history"_s},
                m_admin);
        TaskStore store;
        SMH_VERIFY(store.open(file));
        HistoryLedger ledger(&store);
        ConnectionSettings settings;
        settings.endpoint = m_simulator->baseUrl();
        settings.libraryId = m_simulator->libraryId();
        const QList<CleanupRecord> records = ledger.cleanups(LibraryKey::of(settings));
        QVERIFY(!records.isEmpty());
        const CleanupRecord &killed = records.constLast(); // oldest
        QCOMPARE(CleanupRecord::phaseKey(killed.phase), phaseAfter);
        if (nextMayClear) {
            QVERIFY2(next.exitCode == 0, qPrintable(next.text()));
        } else {
            // An unknown outcome counts as a clear: nothing more was sent.
            QCOMPARE(next.exitCode, 5);
            QCOMPARE(m_simulator->clearRequests(), 1);
        }
        if (method == "POST")
            QVERIFY(killed.leftHistoryOff());
    }

    void theMintedTokenIsDeletedBeforeExit()
    {
        const int before = m_simulator->liveAdminTokens(); // the test's own (m_admin)
        // SMH takes its time to answer the deletion: the command waits for
        // that answer (within its deadline) instead of exiting with the
        // request still in flight or not yet sent.
        const auto tokenDeletion = [](const HttpRequest &request) {
            return request.method == "DELETE" && request.target.startsWith("/api/v1/token/");
        };
        m_simulator->setStall(tokenDeletion, std::chrono::milliseconds(800));
        QElapsedTimer sinceDeletion;
        const auto watcher = connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [&](const HttpRequest &request) {
                if (tokenDeletion(request))
                    sinceDeletion.start();
            });
        CliProcess::Options options;
        options.environment.insert(u"XDG_DATA_HOME"_s, m_data->path());
        options.environment.insert(u"SMH_LIBRARY_SECRET"_s, m_simulator->librarySecret());
        options.secrets = {m_simulator->librarySecret()};
        const Run r = CliProcess::run(QStringLiteral(SMH_BINARY),
            {u"--endpoint"_s, m_simulator->baseUrl().toString(), u"--library"_s,
                m_simulator->libraryId(), u"history"_s, u"clear"_s, u"--yes"_s, u"--no-wait"_s},
            options);
        disconnect(watcher);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(sinceDeletion.isValid());
        QVERIFY2(sinceDeletion.elapsed() >= 700,
            qPrintable(u"exited %1 ms after asking"_s.arg(sinceDeletion.elapsed())));
        QCOMPARE(m_simulator->liveAdminTokens(), before);
    }

    void anUnknownOutcomeExitsSevenAndSaysWhatToCheck()
    {
        HttpResponse dropped;
        dropped.dropConnection = true;
        m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::Clear, dropped, true);
        const Run r =
            run({u"history"_s, u"clear"_s, u"--yes"_s, u"--output"_s, u"jsonl"_s}, m_admin);
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains("may have accepted"), qPrintable(r.text()));
        const QJsonObject line =
            QJsonDocument::fromJson(r.out.trimmed().split('\n').constLast()).object();
        QCOMPARE(line.value(u"state").toString(), u"unknown"_s);
        QCOMPARE(line.value(u"sent").toBool(), true);
        QTest::qWait(200);
        QCOMPARE(m_simulator->clearRequests(), 1);
        // The next run is refused by the ledger: it counts as a clear.
        const Run again = run({u"history"_s, u"clear"_s, u"--yes"_s}, m_admin);
        QCOMPARE(again.exitCode, 5);
        QCOMPARE(m_simulator->clearRequests(), 1);
        // history show says so too.
        const Run shown = run({u"history"_s, u"show"_s, u"--output"_s, u"json"_s}, m_admin);
        QCOMPARE(shown.exitCode, 0);
        const QJsonObject last =
            QJsonDocument::fromJson(shown.out).object().value(u"lastClear").toObject();
        QCOMPARE(last.value(u"state").toString(), u"unknown"_s);
        QVERIFY(last.value(u"detail").toString().contains(u"may have accepted"_s));
        const Run text = run({u"history"_s, u"show"_s}, m_admin);
        QVERIFY2(text.out.contains("Outcome unknown"), qPrintable(text.text()));
        // And the cleanup report.
        const Run report = bare({u"history"_s, u"report"_s});
        QVERIFY2(report.out.contains(",unknown,unknown,,Outcome unknown,"), report.out.constData());
    }

    void aClearOnTheWindowsLedgerPollsOnlyItsOwnTask()
    {
        // The window's ledger holds tasks of the same library, one of each scope.
        const QString file = m_data->filePath(u"smh-task-monitor/ledger.sqlite"_s);
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            Connection window;
            window.settings.endpoint = m_simulator->baseUrl();
            window.settings.libraryId = m_simulator->libraryId();
            const qint64 id = store.addConnection(window).value();
            QVERIFY(id > 0);
            QCOMPARE(store.addTasks(id, {424242}, {}, QDateTime::currentDateTimeUtc())->size(), 1);
            QCOMPARE(
                store.addTasks(id, {434343}, {}, QDateTime::currentDateTimeUtc(), true)->size(), 1);
        }
        QStringList asked;
        const auto watcher = connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [&asked](const HttpRequest &request) {
                if (request.target.startsWith("/api/v1/task"))
                    asked << QString::fromUtf8(request.target);
            });
        const Run r = run({u"history"_s, u"clear"_s, u"--yes"_s}, m_admin);
        disconnect(watcher);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(!asked.isEmpty()); // its own task was polled to its end
        for (const QString &target : std::as_const(asked)) {
            QVERIFY2(
                !target.contains(u"424242"_s) && !target.contains(u"434343"_s), qPrintable(target));
        }
    }
};

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
