#include "history/historyledger.h"
#include "history/historyservice.h"
#include "tasks/monitor.h"
#include "ui/cleanupreportexport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// File ▸ Export Cleanup Report…: the window's ledger, written whole or not at all.
class TestCleanupReportExport final : public QObject
{
    Q_OBJECT

private:
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void savesCsvOrJsonByName()
    {
        Monitor monitor;
        QVERIFY(monitor.openStore(u":memory:"_s));
        CleanupRecord record;
        record.library = {u"https://smh.example"_s, u"lib"_s};
        record.task = {1, 9001};
        record.startedAt = QDateTime(QDate(2026, 5, 4), QTime(3, 2, 1), Qt::UTC);
        record.sentAt = record.startedAt;
        record.phase = CleanupRecord::Phase::Unknown;
        QVERIFY(HistoryService::of(&monitor)->ledger()->addCleanup(record));

        QTemporaryDir dir;
        const QString csvPath = dir.filePath(u"report.csv"_s);
        const Expected<int> csv = CleanupReportExport::save(monitor, csvPath);
        QVERIFY(csv);
        QCOMPARE(*csv, 1);
        const QByteArray bytes = read(csvPath);
        QCOMPARE(bytes.left(3), QByteArray("\xEF\xBB\xBF"));
        QVERIFY(bytes.contains(",lib,https://smh.example,,,2026-05-04T03:02:01Z,"));
        QVERIFY(bytes.contains(",unknown,unknown,"));

        const QString jsonPath = dir.filePath(u"report.JSON"_s);
        QVERIFY(CleanupReportExport::save(monitor, jsonPath));
        const QJsonObject document = QJsonDocument::fromJson(read(jsonPath)).object();
        QCOMPARE(
            document.value(u"totals").toObject().value(u"overall").toObject().value(u"cleanups"_s),
            1);
    }

    void aFailedWriteSaysWhyAndKeepsTheOldFile()
    {
        Monitor monitor;
        QVERIFY(monitor.openStore(u":memory:"_s));
        QTemporaryDir dir;
        const Expected<int> saved =
            CleanupReportExport::save(monitor, dir.filePath(u"missing/folder/report.csv"_s));
        QVERIFY(!saved);
        QVERIFY2(
            saved.error().message().contains(u"report.csv"_s), qPrintable(saved.error().message()));
    }
};

QTEST_MAIN(TestCleanupReportExport)
#include "tst_cleanupreportexport.moc"
