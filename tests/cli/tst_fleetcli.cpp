#include "clihome.h"
#include "cliprocess.h"
#include "demo/smhsimulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace Qt::StringLiterals;

// `history show --all` and `history clear` of several profiles as a script
// runs them: the real program, profiles saved with `profile add`, and one
// simulator on 127.0.0.1 serving a fleet (a library with history on, one
// with it off, one whose secret mints no admin token), beside a profile
// whose server is gone and one saved without a credential.
class TestFleetCli final : public QObject
{
    Q_OBJECT

private:
    using Run = CliProcess::Run;

    std::unique_ptr<CliHome> m_home;
    SmhSimulator *m_simulator = nullptr; // the home's
    QStringList m_secrets;
    QList<QByteArray> m_requests; // "METHOD target", in the order received

    static constexpr QStringView media = u"lib-media";
    static constexpr QStringView archive = u"lib-archive";

    Run run(const QStringList &arguments) { return m_home->run(arguments, m_secrets); }

    // Saves a profile the way an operator does; `secret` empty: none stored.
    void addProfile(
        const QString &name, const QUrl &endpoint, const QString &libraryId, const QString &secret)
    {
        m_home->addProfile(name, endpoint, libraryId, secret, m_secrets);
    }

    // A loopback port nobody listens on.
    static QUrl deadEndpoint()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost))
            return {};
        const quint16 port = server.serverPort();
        server.close();
        return QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    }

    void addFleetProfiles()
    {
        addProfile(u"main"_s, m_simulator->baseUrl(), m_simulator->libraryId(),
            m_simulator->librarySecret());
        addProfile(u"media"_s, m_simulator->baseUrl(), media.toString(),
            m_simulator->librarySecret(media.toString()));
        addProfile(u"archive"_s, m_simulator->baseUrl(), archive.toString(),
            m_simulator->librarySecret(archive.toString()));
        addProfile(u"gone"_s, deadEndpoint(), u"smhgone"_s, u"gone-secret-0123456789"_s);
    }

    static QJsonObject byProfile(const QJsonArray &libraries, const QString &name)
    {
        for (const QJsonValue &library : libraries) {
            if (library.toObject().value(u"profile"_s).toString() == name)
                return library.toObject();
        }
        return {};
    }

    // The most libraries that were being read (or cleared) at once, from the
    // requests' order: a library is busy from its first request (minting
    // its token) until `lastOfIt` (the last request of its job) arrives.
    int mostAtOnce(const std::function<bool(const QByteArray &request)> &lastOfIt) const
    {
        const QStringList libraries = m_simulator->libraryIds();
        QSet<QString> busy;
        QSet<QString> done;
        int most = 0;
        for (const QByteArray &request : m_requests) {
            for (const QString &library : libraries) {
                const QByteArray id = library.toUtf8();
                const QByteArray query = QByteArray("library_id=") + id;
                const QByteArray path = QByteArray("/") + id;
                const bool ofIt = request.contains(QByteArray(query + '&'))
                    || request.endsWith(query) || request.contains(QByteArray(path + '/'))
                    || request.contains(QByteArray(path + '?')) || request.endsWith(path);
                if (!ofIt || done.contains(library))
                    continue;
                busy.insert(library);
                most = std::max(most, int(busy.size()));
                if (lastOfIt(request)) {
                    busy.remove(library);
                    done.insert(library);
                }
            }
        }
        return most;
    }

    // DELETE …/library-history requests the simulator received for `library`.
    int deletes(const QString &library) const
    {
        const QByteArray clear =
            "DELETE /api/v1/directory-history/" + library.toUtf8() + "/library-history";
        return int(std::count_if(m_requests.cbegin(), m_requests.cend(),
            [&clear](const QByteArray &request) { return request.startsWith(clear); }));
    }

    // A fleet whose libraries keep no history (nothing to switch off first),
    // saved as four profiles; the clears' tasks end quickly.
    void addQuietFleet()
    {
        m_simulator->setHistoryState({false, 20, 30, 60});
        addFourProfiles(4096);
    }

    // main, media and two small libraries keeping `historyBytes` of history
    // each, saved as profiles of those names.
    void addFourProfiles(qint64 historyBytes)
    {
        m_simulator->addLibrary({u"lib-four"_s, u"four-secret-0123456789"_s, {false, 1, 0, 0}, 1024,
            historyBytes, true});
        m_simulator->addLibrary({u"lib-five"_s, u"five-secret-0123456789"_s, {false, 1, 0, 0}, 1024,
            historyBytes, true});
        m_secrets << u"four-secret-0123456789"_s << u"five-secret-0123456789"_s;
        addProfile(u"main"_s, m_simulator->baseUrl(), m_simulator->libraryId(),
            m_simulator->librarySecret());
        addProfile(u"media"_s, m_simulator->baseUrl(), media.toString(),
            m_simulator->librarySecret(media.toString()));
        addProfile(u"four"_s, m_simulator->baseUrl(), u"lib-four"_s, u"four-secret-0123456789"_s);
        addProfile(u"five"_s, m_simulator->baseUrl(), u"lib-five"_s, u"five-secret-0123456789"_s);
    }

    static QStringList clearArguments(const QStringList &profiles)
    {
        QStringList arguments {u"--interval"_s, u"0.05"_s, u"--max-interval"_s, u"0.2"_s,
            u"history"_s, u"clear"_s, u"--yes"_s, u"--output"_s, u"jsonl"_s};
        for (const QString &profile : profiles)
            arguments << u"--profile"_s << profile;
        return arguments;
    }

    static QList<QJsonObject> events(const QByteArray &out)
    {
        QList<QJsonObject> list;
        const QList<QByteArray> lines = out.split('\n');
        for (const QByteArray &line : lines) {
            if (!line.trimmed().isEmpty())
                list << QJsonDocument::fromJson(line).object();
        }
        return list;
    }

    static QJsonObject summaryOf(const QList<QJsonObject> &list)
    {
        return list.isEmpty() ? QJsonObject() : list.constLast().value(u"summary"_s).toObject();
    }

    // The last event of `profile` in campaign `campaign` (0: any).
    static QJsonObject lastOf(
        const QList<QJsonObject> &list, const QString &profile, qint64 campaign = 0)
    {
        QJsonObject last;
        for (const QJsonObject &event : list) {
            if (event.value(u"profile"_s).toString() == profile
                && (campaign == 0 || event.value(u"campaign"_s).toInteger() == campaign))
                last = event;
        }
        return last;
    }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<CliHome>(QStringLiteral(SMH_BINARY));
        QVERIFY(m_home->isReady());
        m_simulator = &m_home->simulator();
        m_simulator->setHistoryState({true, 20, 30, 60});
        m_simulator->setUsage(2LL * 1024 * 1024 * 1024, 512LL * 1024 * 1024);
        m_simulator->setClearRunMs(300);
        m_simulator->setUsageLagMs(0);
        m_simulator->addLibrary({media.toString(), u"media-secret-0123456789"_s, {false, 5, 7, 0},
            10LL * 1024 * 1024 * 1024, 31LL * 1024 * 1024 * 1024, true});
        m_simulator->addLibrary({archive.toString(), u"archive-secret-0123456789"_s,
            {true, 10, 0, 0}, 1024LL * 1024 * 1024, 0, false});
        m_secrets.clear();
        for (const QString &library : m_simulator->libraryIds())
            m_secrets << m_simulator->librarySecret(library);
        m_secrets << u"gone-secret-0123456789"_s;
        m_requests.clear();
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [this](const HttpRequest &request) {
                m_requests << request.method + ' ' + request.target;
            });
    }

    void cleanup()
    {
        m_simulator = nullptr;
        m_home.reset();
    }

    void showAllTable()
    {
        addFleetProfiles();
        addProfile(u"keyless"_s, m_simulator->baseUrl(), u"smhkeyless"_s, {});
        const Run r = run({u"history"_s, u"show"_s, u"--all"_s});
        // The worst of the libraries', in the documented order: a profile
        // without a credential (2) before a token without the admin grant
        // (4) before a server that cannot be reached (5).
        QVERIFY2(r.exitCode == 2, qPrintable(r.text()));
        const QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        auto line = [&lines](const QString &profile) {
            for (const QString &l : lines) {
                if (l.startsWith(profile + u' '))
                    return l.simplified();
            }
            return QString();
        };
        QVERIFY2(lines.value(0).startsWith(u"PROFILE"_s), qPrintable(r.text()));
        // Sorted by name, one row each, each saying what it is.
        QCOMPARE(lines.size(), 1 + 5 + 1);
        QVERIFY2(
            line(u"main"_s).contains(u"smhdemo/- on 20 30 60 2.5 GiB"_s), qPrintable(r.text()));
        QVERIFY2(line(u"main"_s).endsWith(u"now ok"_s), qPrintable(r.text()));
        QVERIFY2(
            line(u"media"_s).contains(u"lib-media/- off 5 7 0 41.0 GiB"_s), qPrintable(r.text()));
        QVERIFY2(line(u"archive"_s).endsWith(u"not an admin token"_s), qPrintable(r.text()));
        QVERIFY2(line(u"gone"_s).endsWith(u"unreachable"_s), qPrintable(r.text()));
        QVERIFY2(line(u"keyless"_s).endsWith(u"no credential"_s), qPrintable(r.text()));
        QVERIFY(r.out.contains("can lag"));
        // Why, a line each on stderr, with SMH's code.
        QVERIFY2(r.err.contains("archive: ") && r.err.contains("NoPermission"), r.err.constData());
        QVERIFY(r.err.contains("gone: "));
        QVERIFY(r.err.contains("keyless: "));
        // The keyless one asked nothing of the server.
        for (const QByteArray &request : std::as_const(m_requests))
            QVERIFY2(!request.contains("smhkeyless"), request.constData());
    }

    void showAllJson()
    {
        addFleetProfiles();
        const Run r = run({u"history"_s, u"show"_s, u"--all"_s, u"--output"_s, u"json"_s});
        QVERIFY2(r.exitCode == 4, qPrintable(r.text()));
        const QJsonObject document = QJsonDocument::fromJson(r.out).object();
        const QJsonArray libraries = document.value(u"libraries"_s).toArray();
        QCOMPARE(libraries.size(), 4);
        QStringList names;
        for (const QJsonValue &library : libraries)
            names << library.toObject().value(u"profile"_s).toString();
        QCOMPARE(names, (QStringList {u"archive"_s, u"gone"_s, u"main"_s, u"media"_s}));

        const QJsonObject main = byProfile(libraries, u"main"_s);
        QCOMPARE(main.value(u"state"_s).toString(), u"ok"_s);
        QCOMPARE(main.value(u"exitCode"_s).toInt(), 0);
        QCOMPARE(main.value(u"libraryId"_s).toString(), m_simulator->libraryId());
        QCOMPARE(main.value(u"settings"_s).toObject(),
            (QJsonObject {{u"enableFileHistory"_s, true}, {u"fileHistoryCount"_s, 20},
                {u"fileHistoryExpireDay"_s, 30}, {u"mergeInterval"_s, 60}}));
        QCOMPARE(main.value(u"usage"_s).toObject().value(u"totalFileSize"_s).toString(),
            QString::number(2560LL * 1024 * 1024));
        QVERIFY(main.value(u"lastClear"_s).isNull());
        QCOMPARE(main.value(u"nextClearInSeconds"_s).toInt(), 0);

        const QJsonObject mediaRow = byProfile(libraries, u"media"_s);
        QCOMPARE(mediaRow.value(u"state"_s).toString(), u"ok"_s);
        QCOMPARE(mediaRow.value(u"settings"_s).toObject().value(u"enableFileHistory"_s), false);
        QCOMPARE(mediaRow.value(u"usage"_s).toObject().value(u"totalFileSize"_s).toString(),
            QString::number(41LL * 1024 * 1024 * 1024));

        const QJsonObject archiveRow = byProfile(libraries, u"archive"_s);
        QCOMPARE(archiveRow.value(u"state"_s).toString(), u"not_admin"_s);
        QCOMPARE(archiveRow.value(u"exitCode"_s).toInt(), 4);
        QVERIFY(archiveRow.value(u"message"_s).toString().contains(u"NoPermission"_s));
        QVERIFY(archiveRow.value(u"settings"_s).isNull());
        QVERIFY(archiveRow.value(u"usage"_s).isNull());

        const QJsonObject gone = byProfile(libraries, u"gone"_s);
        QCOMPARE(gone.value(u"state"_s).toString(), u"unreachable"_s);
        QCOMPARE(gone.value(u"exitCode"_s).toInt(), 5);

        const QJsonObject summary = document.value(u"summary"_s).toObject();
        QCOMPARE(summary.value(u"libraries"_s).toInt(), 4);
        QCOMPARE(summary.value(u"ok"_s).toInt(), 2);
        QCOMPARE(summary.value(u"not_admin"_s).toInt(), 1);
        QCOMPARE(summary.value(u"unreachable"_s).toInt(), 1);
        QCOMPARE(summary.value(u"exitCode"_s).toInt(), 4);

        // jsonl: a line a library, then the summary.
        const Run lines = run({u"history"_s, u"show"_s, u"--all"_s, u"--output"_s, u"jsonl"_s});
        QCOMPARE(lines.exitCode, 4);
        const QList<QByteArray> split = lines.out.trimmed().split('\n');
        QCOMPARE(split.size(), 5);
        QCOMPARE(QJsonDocument::fromJson(split.at(2)).object().value(u"profile"_s).toString(),
            u"main"_s);
        QCOMPARE(QJsonDocument::fromJson(split.at(4))
                     .object()
                     .value(u"summary"_s)
                     .toObject()
                     .value(u"exitCode"_s)
                     .toInt(),
            4);
    }

    void showNamedProfilesOnly()
    {
        addFleetProfiles();
        const Run r = run({u"history"_s, u"show"_s, u"--profile"_s, u"media"_s, u"--profile"_s,
            u"main"_s, u"--output"_s, u"json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        const QJsonArray libraries =
            QJsonDocument::fromJson(r.out).object().value(u"libraries"_s).toArray();
        QCOMPARE(libraries.size(), 2);
        // In the order named.
        QCOMPARE(libraries.at(0).toObject().value(u"profile"_s).toString(), u"media"_s);
        QCOMPARE(libraries.at(1).toObject().value(u"profile"_s).toString(), u"main"_s);
        for (const QByteArray &request : std::as_const(m_requests))
            QVERIFY2(!request.contains(archive.toUtf8()), request.constData());
    }

    void showWithoutProfilesIsEmpty()
    {
        const Run r = run({u"history"_s, u"show"_s, u"--all"_s, u"--output"_s, u"json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"libraries"_s).toArray().size(), 0);
        // No ledger is made to say so.
        QVERIFY(!QFile::exists(m_home->filePath(u"data/smh-task-monitor/ledger.sqlite"_s)));
    }

    void showAllReadsAtMostParallelLibrariesAtOnce_data()
    {
        QTest::addColumn<int>("parallel");
        QTest::newRow("one") << 1;
        QTest::newRow("two") << 2;
        QTest::newRow("default, four") << 0;
    }

    void showAllReadsAtMostParallelLibrariesAtOnce()
    {
        QFETCH(int, parallel);
        addFourProfiles(1024);
        // Each library's settings answer late, so that the reads overlap
        // as far as they are let.
        m_simulator->setStall(
            [](const HttpRequest &request) {
                return request.method == "GET" && request.target.contains("library-history");
            },
            std::chrono::milliseconds(400));
        m_requests.clear();
        QStringList arguments {u"history"_s, u"show"_s, u"--all"_s};
        if (parallel > 0)
            arguments << u"--parallel"_s << QString::number(parallel);
        const Run r = run(arguments);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        const int most = mostAtOnce(
            [](const QByteArray &request) { return request.startsWith("GET /api/v1/usage/"); });
        QCOMPARE(most, parallel > 0 ? parallel : 4);
    }

    void badInputExitsTwoBeforeAnyRequest_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("said");
        QTest::newRow("unknown profile") << QStringList {u"show"_s, u"--profile"_s, u"main"_s,
            u"--profile"_s, u"nosuch"_s} << u"no saved profile named \"nosuch\""_s;
        QTest::newRow("unknown profile, clear") << QStringList {u"clear"_s, u"--yes"_s,
            u"--profile"_s, u"main"_s, u"--profile"_s, u"nosuch"_s}
                                                << u"no saved profile named \"nosuch\""_s;
        QTest::newRow("parallel 0") << QStringList {u"show"_s, u"--all"_s, u"--parallel"_s, u"0"_s}
                                    << u"--parallel needs a whole number from 1 to 16"_s;
        QTest::newRow("parallel 99") << QStringList {u"clear"_s, u"--yes"_s, u"--profile"_s,
            u"main"_s, u"--profile"_s, u"media"_s, u"--parallel"_s, u"99"_s}
                                     << u"not \"99\""_s;
        QTest::newRow("parallel many")
            << QStringList {u"show"_s, u"--all"_s, u"--parallel"_s, u"many"_s} << u"\"many\""_s;
        QTest::newRow("all with profile") << QStringList {u"show"_s, u"--all"_s, u"--profile"_s,
            u"main"_s} << u"--all and --profile exclude each other"_s;
        QTest::newRow("clear all") << QStringList {u"clear"_s, u"--yes"_s, u"--all"_s}
                                   << u"history clear does not take --all"_s;
        QTest::newRow("named twice")
            << QStringList {u"show"_s, u"--profile"_s, u"main"_s, u"--profile"_s, u"main"_s}
            << u"named twice"_s;
        QTest::newRow("library option with all") << QStringList {u"show"_s, u"--all"_s,
            u"--library"_s, u"smhdemo"_s} << u"--library does not apply"_s;
        QTest::newRow("clear option with show") << QStringList {u"show"_s, u"--all"_s,
            u"--restore-settings"_s} << u"--restore-settings belongs to history clear"_s;
        QTest::newRow("set of several") << QStringList {u"set"_s, u"--profile"_s, u"main"_s,
            u"--profile"_s, u"media"_s, u"--disable"_s}
                                        << u"one library at a time"_s;
        QTest::newRow("no-wait") << QStringList {u"clear"_s, u"--yes"_s, u"--profile"_s, u"main"_s,
            u"--profile"_s, u"media"_s, u"--no-wait"_s}
                                 << u"--no-wait is for one library"_s;
    }

    void badInputExitsTwoBeforeAnyRequest()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, said);
        addProfile(u"main"_s, m_simulator->baseUrl(), m_simulator->libraryId(),
            m_simulator->librarySecret());
        addProfile(u"media"_s, m_simulator->baseUrl(), media.toString(),
            m_simulator->librarySecret(media.toString()));
        m_requests.clear();
        const Run r = run(QStringList {u"history"_s} + arguments);
        QVERIFY2(r.exitCode == 2, qPrintable(r.text()));
        QVERIFY2(
            QString::fromUtf8(r.err).contains(said, Qt::CaseInsensitive), qPrintable(r.text()));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(m_requests, QList<QByteArray>());
        QCOMPARE(m_simulator->clearCount(), 0);
    }

    void clearAcrossProfilesRunsAtMostParallelAtOnce_data()
    {
        QTest::addColumn<int>("parallel");
        QTest::newRow("one at a time") << 1;
        QTest::newRow("two at once") << 2;
        QTest::newRow("default, four") << 0;
    }

    void clearAcrossProfilesRunsAtMostParallelAtOnce()
    {
        QFETCH(int, parallel);
        addQuietFleet();
        m_requests.clear();
        QStringList arguments = clearArguments({u"main"_s, u"media"_s, u"four"_s, u"five"_s});
        if (parallel > 0)
            arguments << u"--parallel"_s << QString::number(parallel);
        const Run r = run(arguments);
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        const QList<QJsonObject> list = events(r.out);
        // A library holds a slot from its clear's start to its end.
        QSet<QString> busy;
        int most = 0;
        for (const QJsonObject &event : list) {
            const QString step = event.value(u"step"_s).toString();
            const QString profile = event.value(u"profile"_s).toString();
            if (step == u"clearing" || step == u"tracking" || step == u"restoring")
                busy.insert(profile);
            else if (step == u"done")
                busy.remove(profile);
            most = std::max(most, int(busy.size()));
        }
        QCOMPARE(most, parallel > 0 ? parallel : 4);
        if (parallel == 1) {
            // As the server saw it: a library's clear begins (its settings
            // are read) only once the one before has had its task's last answer.
            const QStringList order {
                m_simulator->libraryId(), media.toString(), u"lib-four"_s, u"lib-five"_s};
            for (qsizetype i = 1; i < order.size(); ++i) {
                const QByteArray previousTask =
                    "GET /api/v1/task/" + order.at(i - 1).toUtf8() + '/';
                // (Its settings, the first step of its clear; the token
                // that polls its task was minted at the start.)
                const QByteArray firstOfNext =
                    "GET /api/v1/directory-history/" + order.at(i).toUtf8() + '/';
                qsizetype lastQuery = -1;
                qsizetype first = -1;
                for (qsizetype j = 0; j < m_requests.size(); ++j) {
                    if (m_requests.at(j).startsWith(previousTask))
                        lastQuery = j;
                    if (first < 0 && m_requests.at(j).startsWith(firstOfNext))
                        first = j;
                }
                QVERIFY2(lastQuery >= 0 && first > lastQuery, qPrintable(order.at(i)));
            }
        }
        // One DELETE per library, each cleared, each said as such.
        for (const QString &library : m_simulator->libraryIds()) {
            if (library != archive)
                QCOMPARE(deletes(library), 1);
        }
        const QJsonObject summary = summaryOf(list);
        QCOMPARE(summary.value(u"cleared"_s).toInt(), 4);
        QCOMPARE(summary.value(u"exitCode"_s).toInt(), 0);
        QCOMPARE(summary.value(u"leftUndone"_s).toArray().size(), 0);
        const QJsonObject four = lastOf(list, u"four"_s);
        QCOMPARE(four.value(u"outcome"_s).toString(), u"cleared"_s);
        QCOMPARE(four.value(u"taskState"_s).toString(), u"succeeded"_s);
        QVERIFY(four.value(u"taskId"_s).toInteger() > 0);
        QCOMPARE(four.value(u"usageBefore"_s).toString(), u"5120"_s);
        // The first line says what starts; human progress is on stderr.
        QCOMPARE(list.constFirst().value(u"event"_s).toString(), u"started"_s);
        QCOMPARE(list.constFirst().value(u"libraries"_s).toInt(), 4);
        QVERIFY2(r.err.contains("four: Cleared"), r.err.constData());
    }

    void clearExitCodeIsTheWorstInTheDocumentedOrder_data()
    {
        QTest::addColumn<QStringList>("profiles");
        QTest::addColumn<bool>("disableHistory");
        QTest::addColumn<bool>("dropFirstClear");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("outcomes");
        QTest::newRow("cleared") << QStringList {u"main"_s, u"media"_s} << true << false << 0
                                 << QStringList {u"cleared"_s, u"cleared"_s};
        QTest::newRow("not admin (4) over cleared (0)") << QStringList {u"media"_s,
            u"archive"_s} << true << false << 4 << QStringList {u"cleared"_s, u"refused"_s};
        QTest::newRow("history on (2) over not admin (4)")
            << QStringList {u"main"_s, u"media"_s, u"archive"_s} << false << false << 2
            << QStringList {u"refused"_s, u"cleared"_s, u"refused"_s};
        QTest::newRow("outcome unknown (7) over everything")
            << QStringList {u"main"_s, u"media"_s, u"archive"_s} << true << true << 7
            << QStringList {u"unknown"_s, u"cleared"_s, u"refused"_s};
    }

    void clearExitCodeIsTheWorstInTheDocumentedOrder()
    {
        QFETCH(QStringList, profiles);
        QFETCH(bool, disableHistory);
        QFETCH(bool, dropFirstClear);
        QFETCH(int, exitCode);
        QFETCH(QStringList, outcomes);
        addFleetProfiles();
        if (dropFirstClear) {
            // The first library's DELETE is accepted, and the connection
            // drops before the answer.
            HttpResponse dropped;
            dropped.dropConnection = true;
            m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::Clear, dropped, true);
        }
        QStringList arguments = clearArguments(profiles) << u"--parallel"_s << u"1"_s;
        if (disableHistory)
            arguments << u"--disable-history"_s;
        const Run r = run(arguments);
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.text()));
        const QList<QJsonObject> list = events(r.out);
        QCOMPARE(summaryOf(list).value(u"exitCode"_s).toInt(), exitCode);
        for (qsizetype i = 0; i < profiles.size(); ++i) {
            const QJsonObject last = lastOf(list, profiles.at(i));
            QCOMPARE(last.value(u"step"_s).toString(), u"done"_s);
            QCOMPARE(last.value(u"outcome"_s).toString(), outcomes.at(i));
        }
        // A library with history on and no --disable-history: nothing sent
        // to it but reads, and the way out named.
        if (!disableHistory && profiles.contains(u"main"_s)) {
            QCOMPARE(deletes(m_simulator->libraryId()), 0);
            QVERIFY(m_simulator->historyState().enabled);
            QVERIFY(lastOf(list, u"main"_s)
                        .value(u"detail"_s)
                        .toString()
                        .contains(u"--disable-history"_s));
        }
        QCOMPARE(deletes(archive.toString()), 0);
    }

    void clearWithoutYesSendsNothing()
    {
        addQuietFleet();
        m_requests.clear();
        QStringList arguments = clearArguments({u"main"_s, u"media"_s});
        arguments.removeAll(u"--yes"_s);
        const Run r = run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--yes"), r.err.constData());
        QCOMPARE(m_requests, QList<QByteArray>());
    }

    void clearOfAProfileWithoutCredentialSendsNothing()
    {
        addQuietFleet();
        addProfile(u"keyless"_s, m_simulator->baseUrl(), u"smhkeyless"_s, {});
        m_requests.clear();
        const Run r = run(clearArguments({u"main"_s, u"keyless"_s}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("keyless"), r.err.constData());
        QCOMPARE(m_requests, QList<QByteArray>());
    }

    // kill -9 in the middle of a campaign, then the same command again (or
    // history show): the clear that was sent is tracked to its end and never
    // sent again, and what was left undone is said (and, by the command,
    // done).
    void killedMidCampaignResumesWithoutASecondDelete_data()
    {
        QTest::addColumn<bool>("showInstead");
        QTest::newRow("the same command again") << false;
        QTest::newRow("history show --all") << true;
    }

    void killedMidCampaignResumesWithoutASecondDelete()
    {
        QFETCH(bool, showInstead);
        addQuietFleet();
        m_simulator->setClearRunMs(10 * 60 * 1000); // the first clear runs on
        m_requests.clear();
        const QStringList arguments = clearArguments({u"main"_s, u"media"_s, u"four"_s})
            << u"--parallel"_s << u"1"_s;
        const CliProcess::Options options = m_home->options(m_secrets);
        auto process = CliProcess::start(QStringLiteral(SMH_BINARY), arguments, options);
        QVERIFY(process);
        const QByteArray mainTask = "GET /api/v1/task/" + m_simulator->libraryId().toUtf8() + '/';
        // Killed once the first library's clear was accepted and its task is followed.
        QTRY_VERIFY_WITH_TIMEOUT(deletes(m_simulator->libraryId()) == 1
                && std::any_of(m_requests.cbegin(), m_requests.cend(),
                    [&mainTask](const QByteArray &r) { return r.startsWith(mainTask); }),
            30'000);
        process->kill(); // SIGKILL: no clean-up of any kind
        QVERIFY(process->waitForFinished());
        QCOMPARE(deletes(media.toString()), 0);
        QCOMPARE(deletes(u"lib-four"_s), 0);
        m_simulator->setClearRunMs(0); // its task has ended since

        if (showInstead) {
            const Run r = run({u"history"_s, u"show"_s, u"--all"_s, u"--output"_s, u"json"_s});
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
            const QJsonArray interrupted =
                QJsonDocument::fromJson(r.out).object().value(u"interruptedCampaigns"_s).toArray();
            QCOMPARE(interrupted.size(), 1);
            QCOMPARE(interrupted.at(0).toObject().value(u"leftUndone"_s).toArray(),
                (QJsonArray {u"media"_s, u"four"_s}));
            const Run text = run({u"history"_s, u"show"_s, u"--all"_s});
            QVERIFY2(text.out.contains("was interrupted; left undone: media, four."),
                qPrintable(text.text()));
        } else {
            const Run r = run(arguments);
            QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
            const QList<QJsonObject> list = events(r.out);
            // First what the interrupted campaign left...
            const QJsonObject resumed = list.value(0);
            QCOMPARE(resumed.value(u"event"_s).toString(), u"resumed"_s);
            QCOMPARE(
                resumed.value(u"leftUndone"_s).toArray(), (QJsonArray {u"media"_s, u"four"_s}));
            const qint64 interrupted = resumed.value(u"campaign"_s).toInteger();
            QCOMPARE(lastOf(list, u"media"_s, interrupted).value(u"outcome"_s).toString(),
                u"left_undone"_s);
            // ...its clear followed to its end...
            const QJsonObject first = lastOf(list, u"main"_s, interrupted);
            QCOMPARE(first.value(u"outcome"_s).toString(), u"cleared"_s);
            QCOMPARE(first.value(u"taskState"_s).toString(), u"succeeded"_s);
            // ...and only what it left undone in the new one.
            const auto started = std::find_if(list.cbegin(), list.cend(),
                [](const QJsonObject &e) { return e.value(u"event"_s) == u"started"_s; });
            QVERIFY(started != list.cend());
            QCOMPARE(started->value(u"libraries"_s).toInt(), 2);
            QVERIFY(lastOf(list, u"main"_s, started->value(u"campaign"_s).toInteger()).isEmpty());
            const QJsonObject summary = summaryOf(list);
            QCOMPARE(summary.value(u"resumed"_s).toBool(), true);
            QCOMPARE(summary.value(u"cleared"_s).toInt(), 3);
            QCOMPARE(summary.value(u"libraries"_s).toInt(), 3);
            QCOMPARE(summary.value(u"leftUndone"_s).toArray(), QJsonArray());
            QVERIFY2(r.err.contains("was interrupted"), r.err.constData());
            QCOMPARE(deletes(media.toString()), 1);
            QCOMPARE(deletes(u"lib-four"_s), 1);
        }
        // Never a second DELETE.
        QCOMPARE(deletes(m_simulator->libraryId()), 1);

        // Once continued, nothing is left to say about it.
        if (!showInstead) {
            const Run show = run({u"history"_s, u"show"_s, u"--all"_s, u"--output"_s, u"json"_s});
            QVERIFY2(show.exitCode == 0, qPrintable(show.text()));
            QVERIFY(
                !QJsonDocument::fromJson(show.out).object().contains(u"interruptedCampaigns"_s));
            QCOMPARE(deletes(m_simulator->libraryId()), 1);
        }
    }

    // Ctrl+C mid-campaign: nothing new starts, the clear already sent is
    // followed to its end, and the summary names the rest as cancelled;
    // nothing is left for a next run to resume. A second Ctrl+C stops the
    // program at once.
    void interruptCancelsTheCampaignInGoodOrder_data()
    {
        QTest::addColumn<bool>("twice");
        QTest::newRow("once") << false;
        QTest::newRow("twice") << true;
    }

    void interruptCancelsTheCampaignInGoodOrder()
    {
        QFETCH(bool, twice);
        addQuietFleet();
        m_simulator->setClearRunMs(10 * 60 * 1000); // the first clear runs on
        m_requests.clear();
        const QStringList arguments = clearArguments({u"main"_s, u"media"_s, u"four"_s})
            << u"--parallel"_s << u"1"_s;
        const CliProcess::Options options = m_home->options(m_secrets);
        auto process = CliProcess::start(QStringLiteral(SMH_BINARY), arguments, options);
        QVERIFY(process);
        const QByteArray mainTask = "GET /api/v1/task/" + m_simulator->libraryId().toUtf8() + '/';
        QTRY_VERIFY_WITH_TIMEOUT(deletes(m_simulator->libraryId()) == 1
                && std::any_of(m_requests.cbegin(), m_requests.cend(),
                    [&mainTask](const QByteArray &r) { return r.startsWith(mainTask); }),
            30'000);
        QCOMPARE(::kill(pid_t(process->processId()), SIGINT), 0);
        if (twice) {
            QByteArray said;
            QTRY_VERIFY_WITH_TIMEOUT(
                (said += process->readAllStandardError()).contains("Stopping campaign"), 10'000);
            QCOMPARE(::kill(pid_t(process->processId()), SIGINT), 0);
            const Run r = CliProcess::finish(*process, options);
            QCOMPARE(r.exitCode, -1); // stopped by the signal itself
            QCOMPARE(deletes(media.toString()), 0);
            QCOMPARE(deletes(u"lib-four"_s), 0);
            return;
        }
        QTest::qWait(500); // the cancel is in place before the task may end
        m_simulator->setClearRunMs(0); // its task ends now
        const Run r = CliProcess::finish(*process, options);
        QVERIFY2(r.exitCode == 5, qPrintable(r.text())); // gave up: cancelled libraries
        QVERIFY2(r.err.contains("Stopping campaign"), r.err.constData());
        const QList<QJsonObject> list = events(r.out);
        QVERIFY(std::any_of(list.cbegin(), list.cend(),
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"cancelling"_s; }));
        QCOMPARE(lastOf(list, u"main"_s).value(u"outcome"_s).toString(), u"cleared"_s);
        QCOMPARE(lastOf(list, u"media"_s).value(u"outcome"_s).toString(), u"cancelled"_s);
        const QJsonObject summary = summaryOf(list);
        QCOMPARE(summary.value(u"cleared"_s).toInt(), 1);
        QCOMPARE(summary.value(u"cancelled"_s).toInt(), 2);
        QCOMPARE(summary.value(u"leftUndone"_s).toArray(), (QJsonArray {u"media"_s, u"four"_s}));
        QCOMPARE(deletes(m_simulator->libraryId()), 1);
        QCOMPARE(deletes(media.toString()), 0);
        QCOMPARE(deletes(u"lib-four"_s), 0);
        // Over in good order: nothing is said to be interrupted.
        const Run show = run({u"history"_s, u"show"_s, u"--all"_s, u"--output"_s, u"json"_s});
        QVERIFY2(show.exitCode == 0, qPrintable(show.text()));
        QVERIFY(!QJsonDocument::fromJson(show.out).object().contains(u"interruptedCampaigns"_s));
    }

    void serverTextNeverReachesTheTerminalRaw()
    {
        addQuietFleet();
        // SMH's refusal of the first library's clear carries a terminal
        // escape (retitle) and a right-to-left override.
        m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::Clear,
            HttpResponse::error(
                400, u"ParamInvalid"_s, u"bad \u001b]0;pwned\u0007 \u202etxt.exe"_s, u"req-1"_s),
            false);
        QStringList arguments = clearArguments({u"main"_s, u"media"_s});
        arguments.removeAll(u"jsonl"_s);
        arguments.removeAll(u"--output"_s);
        const Run r = run(arguments);
        QVERIFY2(r.exitCode == 5, qPrintable(r.text()));
        for (const QByteArray &stream : {r.out, r.err}) {
            QVERIFY2(!stream.contains('\x1b') && !stream.contains('\x07'), stream.constData());
            QVERIFY(!stream.contains("\xe2\x80\xae")); // U+202E as UTF-8
        }
        QVERIFY2(r.out.contains("\\u001b") && r.err.contains("\\u001b"), qPrintable(r.text()));
        QVERIFY(r.err.contains("\\u202e"));
        QCOMPARE(deletes(media.toString()), 1);
    }

    void demoShowsItsFleet()
    {
        const Run r = run({u"--demo"_s, u"history"_s, u"show"_s, u"--all"_s});
        // One of the demo's libraries is not administered by its secret.
        QVERIFY2(r.exitCode == 4, qPrintable(r.text()));
        QVERIFY(r.out.contains("smhdemo-media"));
        QVERIFY(r.out.contains("not an admin token"));
        QCOMPARE(QString::fromUtf8(r.out).count(u" ok\n"_s), 3);
    }
};

QTEST_GUILESS_MAIN(TestFleetCli)
#include "tst_fleetcli.moc"
