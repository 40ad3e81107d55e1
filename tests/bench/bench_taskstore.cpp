// Figures for the README: the ledger at operator scale (100k tasks).
// A benchmark, not a test: it prints numbers and never fails on them.
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/taskstore.h"
#include "tasks/tasktypefetcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void report(const char *what, qint64 ns)
{
    std::printf("%-58s %10.1f ms\n", what, double(ns) / 1e6);
}

QList<TaskObservation> cycle(
    qint64 connectionId, qint64 count, qint64 ms, TaskState state, int status)
{
    QList<TaskObservation> observations;
    observations.reserve(count);
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(1'790'000'000'000LL + ms, Qt::UTC);
    for (qint64 id = 1; id <= count; ++id) {
        TaskObservation o;
        o.key = {connectionId, id};
        o.state = state;
        o.status = status;
        o.polledAt = when;
        if (status == 200)
            o.result = TaskResult {{u"a"_s, u"b.docx"_s}, {u"a"_s, u"b.pdf"_s},
                u"0123456789abcdef"_s, u"fedcba9876543210"_s};
        observations << o;
    }
    return observations;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    // SMH_BENCH_LEDGER=postgresql://user@host:port/db measures a team ledger
    // instead (an empty database; the password from PGPASSWORD or ~/.pgpass).
    const QString file = qEnvironmentVariableIsSet("SMH_BENCH_LEDGER")
        ? qEnvironmentVariable("SMH_BENCH_LEDGER")
        : dir.filePath(u"bench.sqlite"_s);
    constexpr qint64 count = 100'000;
    QList<qint64> ids;
    for (qint64 id = 1; id <= count; ++id)
        ids << id;

    qint64 connectionId = 0;
    {
        TaskStore store;
        const Expected<void> opened = store.open(file);
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
            return 1;
        }
        Connection connection;
        connection.settings.endpoint = QUrl(u"https://api.tencentsmh.cn"_s);
        connection.settings.libraryId = u"bench"_s;
        connectionId = store.addConnection(connection).value();

        QElapsedTimer timer;
        timer.start();
        store.addTasks(connectionId, ids, {}, QDateTime::currentDateTimeUtc());
        report("addTasks, 100,000 tasks (one transaction)", timer.nsecsElapsed());

        timer.restart();
        store.applyObservations(cycle(connectionId, count, 1, TaskState::Running, 202));
        report("applyObservations, 100,000 state changes", timer.nsecsElapsed());

        timer.restart();
        store.applyObservations(cycle(connectionId, count, 2, TaskState::Running, 202));
        report("applyObservations, 100,000 unchanged (last polled only)", timer.nsecsElapsed());

        timer.restart();
        store.applyObservations(cycle(connectionId, count, 3, TaskState::Succeeded, 200));
        report("applyObservations, 100,000 finishing with results", timer.nsecsElapsed());

        timer.restart();
        for (int i = 0; i < 10; ++i)
            store.applyObservations(cycle(connectionId, 1000, 5 + i, TaskState::Running, 202));
        report("applyObservations, 1,000 tasks (mean of 10 cycles)", timer.nsecsElapsed() / 10);

        timer.restart();
        (void)store.timeline({connectionId, 500});
        report("timeline of one task among 100,000", timer.nsecsElapsed());
    }
    QElapsedTimer timer;
    timer.start();
    TaskStore reopened;
    reopened.open(file);
    report("open + load, 100,000 tasks", timer.nsecsElapsed());
    std::printf("%-58s %10lld\n", "tasks loaded", qlonglong(reopened.taskCount()));

    QList<TaskKey> keys;
    keys.reserve(count);
    for (qint64 id : std::as_const(ids))
        keys.append({connectionId, id});
    timer.restart();
    reopened.removeTasks(keys);
    report("removeTasks, 100,000 tasks with timelines", timer.nsecsElapsed());

    // 100,000 tasks ending in one cycle with Query Task v2 listening: the
    // cost it adds to that cycle, and what it leaves waiting.
    SmhClient client;
    const Connection connection = *reopened.connection(connectionId);
    TokenProvider tokens(&client, connection.settings);
    tokens.setAccessToken(u"bench-token"_s);
    TaskTypeFetcher fetcher(&client, &reopened, [&tokens](qint64) { return &tokens; });
    reopened.addTasks(connectionId, ids, {}, QDateTime::currentDateTimeUtc());
    reopened.applyObservations(cycle(connectionId, count, 20, TaskState::Running, 202));
    timer.restart();
    reopened.applyObservations(cycle(connectionId, count, 21, TaskState::Succeeded, 200));
    report("applyObservations, 100,000 finishing, v2 types listening", timer.nsecsElapsed());
    std::printf("%-58s %10lld\n", "  v2 requests sent at once",
        qlonglong(fetcher.requestsSent(connectionId)));
    std::printf("%-58s %10lld\n", "  v2 tasks left waiting (the queue's bound)",
        qlonglong(fetcher.queued(connectionId)));
    return 0;
}
