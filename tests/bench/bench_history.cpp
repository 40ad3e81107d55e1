// Figures for the README: what the History & Cleanup view costs the GUI
// thread. A benchmark, not a test: it prints numbers and never fails on them.
// Needs a platform plugin (QT_QPA_PLATFORM=offscreen, or a display).
#include "history/cleanuplistmodel.h"
#include "history/historyledger.h"
#include "history/usagechartmodel.h"
#include "tasks/taskstore.h"
#include "ui/usagechart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void report(const char *what, qint64 ns)
{
    std::printf("%-58s %10.2f ms\n", what, double(ns) / 1e6);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    TaskStore store;
    const Expected<void> opened = store.open(dir.filePath(u"bench.sqlite"_s));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    HistoryLedger ledger(&store);
    const LibraryKey library {u"https://lib.api.tencentsmh.cn"_s, u"lib"_s};
    // A year of samples every 30 s while a view was open or a clear ran
    // (about a million rows), in one transaction to set up quickly.
    constexpr int samples = 1'000'000;
    const qint64 start = 1'790'000'000'000LL;
    {
        QSqlDatabase db = QSqlDatabase::database(store.databaseName());
        db.transaction();
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO usage_samples (endpoint, library_id, space_id, at, bytes) "
                  "VALUES (?, ?, '', ?, ?)"_s);
        for (int i = 0; i < samples; ++i) {
            q.addBindValue(library.endpoint);
            q.addBindValue(library.libraryId);
            q.addBindValue(start + qint64(i) * 30'000);
            q.addBindValue(qint64(50) * 1024 * 1024 * 1024 - i);
            q.exec();
        }
        db.commit();
    }
    for (int i = 0; i < 200; ++i) {
        CleanupRecord record;
        record.library = library;
        record.task = {1, 9000 + i};
        record.startedAt = QDateTime::fromMSecsSinceEpoch(start + qint64(i) * 3'600'000, Qt::UTC);
        record.finishedAt = record.startedAt.addSecs(60);
        ledger.addCleanup(record);
    }

    QElapsedTimer timer;
    UsageChartModel chart(&ledger);
    timer.start();
    chart.setLibrary(library);
    report("open the chart model (newest 5k of 1M samples)", timer.nsecsElapsed());
    timer.start();
    ledger.addSample(library, {QDateTime::currentDateTimeUtc(), 1, {}});
    report("one new sample: write + append to the chart", timer.nsecsElapsed());
    timer.start();
    UsageChart view(&chart);
    report("draw-ready chart of those 5k samples and 20 clears", timer.nsecsElapsed());
    timer.start();
    ledger.addSample(library, {QDateTime::currentDateTimeUtc().addSecs(30), 2, {}});
    report("one new sample with the chart open", timer.nsecsElapsed());
    CleanupListModel list(&ledger);
    timer.start();
    list.setLibrary(library);
    report("open the cleanup list (200 cleanups)", timer.nsecsElapsed());
    timer.start();
    ledger.secondsUntilNextClear(library);
    report("last clear of the library (the one-a-minute check)", timer.nsecsElapsed());
    std::printf("(%d rows charted)\n", chart.rowCount());
    return 0;
}
