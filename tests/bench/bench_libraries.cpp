// Figures for the README: how long the Libraries view takes to open on 200
// libraries, each with a year's worth of usage samples and a few cleanups in
// the ledger. A benchmark, not a test: it prints numbers and never fails on
// them. Needs a platform plugin (QT_QPA_PLATFORM=offscreen, or a display).
#include "history/historyservice.h"
#include "history/librariesmodel.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "ui/librariesview.h"
#include "ui/statestyle.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr int libraries = 200;
constexpr int samplesPerLibrary = 2'000;
constexpr int cleanupsPerLibrary = 5;
constexpr int runs = 5;

void report(const char *what, QList<qint64> ns)
{
    std::sort(ns.begin(), ns.end());
    std::printf("%-58s median %8.2f ms, worst %8.2f ms\n", what, double(ns.at(ns.size() / 2)) / 1e6,
        double(ns.constLast()) / 1e6);
}

bool seed(Monitor &monitor)
{
    HistoryLedger *ledger = HistoryService::of(&monitor)->ledger();
    const qint64 start = 1'790'000'000'000LL;
    for (int i = 0; i < libraries; ++i) {
        Connection connection;
        connection.name = u"Library %1"_s.arg(i);
        connection.settings.endpoint = QUrl(u"https://lib.api.tencentsmh.cn"_s);
        connection.settings.libraryId = u"lib%1"_s.arg(i, 3, 10, QChar(u'0'));
        connection.authKind = AuthKind::LibrarySecret;
        if (const auto added = monitor.addConnection(connection); !added) {
            std::fprintf(stderr, "%s\n", qPrintable(added.error().message()));
            return false;
        }
    }
    // The samples in one transaction, to set up quickly.
    QSqlDatabase db = QSqlDatabase::database(monitor.ledgerForWings()->databaseName());
    db.transaction();
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO usage_samples (endpoint, library_id, space_id, at, bytes) "
              "VALUES (?, ?, '', ?, ?)"_s);
    for (const Connection &connection : monitor.tasks().connections()) {
        const LibraryKey library = LibraryKey::of(connection.settings);
        for (int s = 0; s < samplesPerLibrary; ++s) {
            q.addBindValue(library.endpoint);
            q.addBindValue(library.libraryId);
            q.addBindValue(start + qint64(s) * 30'000);
            q.addBindValue(qint64(50) * 1024 * 1024 * 1024 - s * 1000);
            q.exec();
        }
    }
    db.commit();
    for (const Connection &connection : monitor.tasks().connections()) {
        for (int c = 0; c < cleanupsPerLibrary; ++c) {
            CleanupRecord record;
            record.library = LibraryKey::of(connection.settings);
            record.connectionId = connection.id;
            record.task = {connection.id, 9000 + c};
            record.startedAt =
                QDateTime::fromMSecsSinceEpoch(start + qint64(c) * 86'400'000, Qt::UTC);
            record.sentAt = record.startedAt;
            record.finishedAt = record.startedAt.addSecs(60);
            record.outcome = u"succeeded"_s;
            record.usageBefore = 5'000'000;
            record.usageAfter = 1'000'000;
            if (!ledger->addCleanup(record))
                return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    Monitor monitor;
    if (const auto opened = monitor.openStore(dir.filePath(u"bench.sqlite"_s)); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    if (!seed(monitor)) {
        std::fprintf(stderr, "could not seed the ledger\n");
        return 1;
    }
    std::printf("%d libraries, %d usage samples and %d cleanups each\n", libraries,
        samplesPerLibrary, cleanupsPerLibrary);
    StateStyle style;
    QList<qint64> model, shown;
    QElapsedTimer timer;
    for (int run = 0; run < runs; ++run) {
        timer.start();
        {
            LibrariesModel rows(&monitor.tasks(), HistoryService::of(&monitor));
            model << timer.nsecsElapsed();
        }
        // The whole view: its model, the table laid out and drawn once
        // (grab() paints every widget of it, as the first expose would).
        timer.start();
        LibrariesView view(&monitor, &style);
        view.resize(1024, 640);
        view.show();
        const QPixmap drawn = view.grab();
        shown << timer.nsecsElapsed();
        view.model()->setBackgroundRefresh(false); // no reads: nothing is served here
        if (drawn.isNull())
            return 1;
    }
    report("the model of 200 libraries (ledger read)", model);
    report("the view of 200 libraries, shown and painted", shown);
    return 0;
}
