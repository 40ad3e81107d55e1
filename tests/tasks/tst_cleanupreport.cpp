#include "history/cleanupreport.h"
#include "history/historyledger.h"
#include "tasks/taskstore.h"
#include "verifyexpected.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// The cleanup report: every clear the ledger holds, whatever became of it
// (an unknown outcome among them), with totals per library and overall, as
// CSV a spreadsheet opens cleanly and as JSON; never a credential.
class TestCleanupReport final : public QObject
{
    Q_OBJECT

private:
    TaskStore *m_store = nullptr;
    HistoryLedger *m_ledger = nullptr;
    const LibraryKey m_big {u"https://smh.example"_s, u"big"_s};
    const LibraryKey m_small {u"https://smh.example"_s, u"small"_s};

    static QDateTime at(const QString &iso) { return QDateTime::fromString(iso, Qt::ISODate); }

    CleanupRecord record(const LibraryKey &library, const QString &started, qint64 taskId)
    {
        CleanupRecord r;
        r.library = library;
        r.connectionId = 1;
        r.connectionName = u"Marketing, Beijing"_s;
        r.task = {1, taskId};
        r.startedAt = at(started);
        r.sentAt = r.startedAt.addSecs(2);
        r.phase = CleanupRecord::Phase::Accepted;
        r.origin = u"window, alice@desk, pid 42"_s;
        return r;
    }

    void add(const CleanupRecord &r) { QVERIFY(m_ledger->addCleanup(r)); }

    void seed()
    {
        CleanupRecord done = record(m_big, u"2026-03-01T10:00:00Z"_s, 9001);
        done.finishedAt = done.startedAt.addSecs(60);
        done.outcome = u"succeeded"_s;
        done.usageBefore = 5'000'000'000;
        done.usageAfter = 1'000'000'000;
        done.deleteCount = 1200;
        add(done);
        CleanupRecord unknown = record(m_big, u"2026-03-02T09:30:00Z"_s, 0);
        unknown.phase = CleanupRecord::Phase::Unknown;
        unknown.origin = u"command, bob@cron, pid 7"_s;
        unknown.detail = u"No answer from https://x/?access_token=tok-secret-123"_s;
        add(unknown);
        CleanupRecord refused = record(m_small, u"2026-02-20T08:00:00Z"_s, 0);
        refused.sentAt = {};
        refused.phase = CleanupRecord::Phase::Refused;
        refused.finishedAt = refused.startedAt;
        add(refused);
        CleanupRecord second = record(m_big, u"2026-03-03T12:00:00Z"_s, 9002);
        second.finishedAt = second.startedAt.addSecs(30);
        second.outcome = u"succeeded"_s;
        second.usageBefore = 1'000'000'000;
        second.usageAfter = 900'000'000;
        second.deleteCount = 34;
        add(second);
    }

private Q_SLOTS:
    void init()
    {
        m_store = new TaskStore;
        SMH_VERIFY(m_store->open(u":memory:"_s));
        m_ledger = new HistoryLedger(m_store);
        seed();
    }

    void cleanup()
    {
        delete m_ledger;
        delete m_store;
    }

    void csvStartsWithBomAndUsesIsoDates()
    {
        const QByteArray csv = CleanupReport::fromLedger(*m_ledger, {}).toCsv();
        QCOMPARE(csv.left(3), QByteArray("\xEF\xBB\xBF"));
        const QList<QByteArray> lines = csv.mid(3).split('\n');
        QVERIFY(lines.at(0).startsWith("row,library,endpoint,connection,space,started_at,"));
        QVERIFY(lines.at(0).endsWith('\r'));
        // Oldest first; the comma in the connection's name is quoted.
        QVERIFY2(lines.at(1).startsWith("cleanup,small,https://smh.example,\"Marketing, "
                                        "Beijing\",,2026-02-20T08:00:00Z,,2026-02-20T08:00:00Z,"
                                        "not_cleared,refused,"),
            lines.at(1).constData());
        QVERIFY2(lines.at(2).contains(",2026-03-01T10:00:00Z,2026-03-01T10:00:02Z,"
                                      "2026-03-01T10:01:00Z,succeeded,accepted,succeeded,"),
            lines.at(2).constData());
        QVERIFY(lines.at(2).contains(",9001,1,1200,5000000000,1000000000,4000000000,window,"));
    }

    void unknownOutcomeIsShownAndNoSecret()
    {
        const QByteArray csv = CleanupReport::fromLedger(*m_ledger, {}).toCsv();
        const QList<QByteArray> lines = csv.split('\n');
        QVERIFY2(
            lines.at(3).contains(",unknown,unknown,,Outcome unknown,"), lines.at(3).constData());
        QVERIFY(lines.at(3).contains(",command,\"command, bob@cron, pid 7\","));
        QVERIFY(!csv.contains("tok-secret-123"));
        const QByteArray json =
            CleanupReport::fromLedger(*m_ledger, {}).toJson(at(u"2026-03-04T00:00:00Z"_s));
        QVERIFY(!json.contains("tok-secret-123"));
    }

    void totalsPerLibraryAndOverall()
    {
        const CleanupReport report = CleanupReport::fromLedger(*m_ledger, {});
        const QList<CleanupReport::Totals> libraries = report.libraryTotals();
        QCOMPARE(libraries.size(), 2);
        QCOMPARE(libraries.at(0).library, m_big);
        QCOMPARE(libraries.at(0).cleanups, 3);
        QCOMPARE(libraries.at(0).versionsDeleted, 1234);
        QCOMPARE(libraries.at(0).freedBytes, 4'100'000'000);
        QCOMPARE(libraries.at(0).results[size_t(CleanupReport::Result::Succeeded)], 2);
        QCOMPARE(libraries.at(0).results[size_t(CleanupReport::Result::Unknown)], 1);
        QCOMPARE(libraries.at(1).results[size_t(CleanupReport::Result::NotCleared)], 1);
        QCOMPARE(report.overall().cleanups, 4);
        const QList<QByteArray> lines = report.toCsv().split('\n');
        QVERIFY2(lines.at(5).startsWith("library_total,big,https://smh.example,,,,,,"
                                        "succeeded 2; unknown 1,,,,,3,1234,,,4100000000,"),
            lines.at(5).constData());
        QVERIFY(lines.at(7).startsWith("overall_total,,,,,,,,succeeded 2; unknown 1; "
                                       "not_cleared 1,,,,,4,1234,,,4100000000,"));
    }

    void jsonShape()
    {
        const QJsonObject document = QJsonDocument::fromJson(
            CleanupReport::fromLedger(*m_ledger, {}).toJson(at(u"2026-03-04T00:00:00Z"_s)))
                                         .object();
        QCOMPARE(document.value(u"generatedAt").toString(), u"2026-03-04T00:00:00Z"_s);
        const QJsonArray cleanups = document.value(u"cleanups").toArray();
        QCOMPARE(cleanups.size(), 4);
        const QJsonObject first = cleanups.at(1).toObject();
        QCOMPARE(first.value(u"startedAt").toString(), u"2026-03-01T10:00:00Z"_s);
        QCOMPARE(first.value(u"usageBefore").toString(), u"5000000000"_s);
        QCOMPARE(first.value(u"freed").toString(), u"4000000000"_s);
        QCOMPARE(first.value(u"versionsDeleted").toInt(), 1200);
        QCOMPARE(first.value(u"ranFrom").toString(), u"window"_s);
        QCOMPARE(cleanups.at(2).toObject().value(u"result").toString(), u"unknown"_s);
        const QJsonObject totals = document.value(u"totals").toObject();
        QCOMPARE(totals.value(u"libraries").toArray().size(), 2);
        const QJsonObject overall = totals.value(u"overall").toObject();
        QCOMPARE(overall.value(u"cleanups").toInt(), 4);
        QCOMPARE(overall.value(u"freedBytes").toString(), u"4100000000"_s);
        QCOMPARE(overall.value(u"results").toObject().value(u"unknown").toInt(), 1);
    }

    void sinceLeavesOlderOnesOut()
    {
        const CleanupReport report =
            CleanupReport::fromLedger(*m_ledger, {}, at(u"2026-03-02T00:00:00Z"_s));
        QCOMPARE(report.records().size(), 2);
        QCOMPARE(report.libraryTotals().size(), 1);
    }

    void spaceComesFromTheConnection()
    {
        Connection connection;
        connection.id = 1;
        connection.settings.spaceId = u"space-7"_s;
        const QByteArray csv = CleanupReport::fromLedger(*m_ledger, {connection}).toCsv();
        QVERIFY(csv.contains("\"Marketing, Beijing\",space-7,2026-02-20T08:00:00Z"));
    }

    void emptyReportHasHeaderAndZeroTotals()
    {
        const QByteArray csv = CleanupReport({}).toCsv();
        QCOMPARE(csv.count('\n'), 2);
        QVERIFY(csv.contains("overall_total,,,,,,,,,,,,,0,0,,,0,"));
    }
};

QTEST_GUILESS_MAIN(TestCleanupReport)
#include "tst_cleanupreport.moc"
