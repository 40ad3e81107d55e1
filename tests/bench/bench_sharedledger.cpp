// One ledger, several processes (the window and scripts):
//
// 1. What another process's writes cost the window: a ledger of 100,000
//    tasks open in the window's store, table model and sorting proxy, while
//    another SQLite connection (a thread standing in for a process: SQLite
//    cannot tell them apart) writes 10,000 state changes as a poller would,
//    300 per transaction. Stalls are how late a 20 ms timer on the GUI thread
//    fires, as bench_window measures them.
// 2. Double polling: task queries sent by the window alone on 1,000 running
//    tasks, and by the window plus `watch --profile` on the same tasks (two
//    clients, stores and schedulers on one ledger file), against the
//    simulator on loopback.
//
// QT_QPA_PLATFORM=offscreen build/tests/bench/bench_sharedledger [--seconds N]
// (SMH_BENCH_LEDGER=postgresql://…: part 1 only, on that empty database)

#include "demo/smhsimulator.h"
#include "latencyprobe.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/taskfiltermodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QTextStream out(stdout);

void row(const char *what, const QString &value)
{
    out << QString::fromUtf8(what).leftJustified(58) << value << Qt::endl;
}

Connection sampleConnection(const QUrl &endpoint = QUrl(u"https://smh.example"_s))
{
    Connection connection;
    connection.settings.endpoint = endpoint;
    connection.settings.libraryId = u"smhbench"_s;
    return connection;
}

void windowBesideAWriter(const QString &file, qsizetype taskCount, qsizetype changes)
{
    qint64 connectionId = 0;
    {
        TaskStore setup;
        const Expected<void> opened = setup.open(file);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().message()));
        connectionId = setup.addConnection(sampleConnection()).value();
        QList<qint64> ids(taskCount);
        std::iota(ids.begin(), ids.end(), 10'000'000);
        setup.addTasks(connectionId, ids, {}, QDateTime::currentDateTimeUtc());
    }
    TaskStore window;
    const Expected<void> opened = window.open(file);
    if (!opened)
        qFatal("%s", qPrintable(opened.error().message()));
    TaskTableModel model(&window);
    TaskFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TaskTableModel::StateColumn);
    qsizetype seen = 0;
    QObject::connect(&window, &TaskStore::transitioned, &window,
        [&seen](const QList<TaskTransition> &transitions) { seen += transitions.size(); });

    LatencyProbe probe;
    probe.start();
    QElapsedTimer clock;
    clock.start();
    std::atomic<qint64> writtenMs = 0;
    // The other process: its own connection, 300 answers per transaction,
    // as fast as SQLite takes them.
    std::unique_ptr<QThread> writer(QThread::create([&] {
        TaskStore other;
        const Expected<void> opened = other.open(file);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().message()));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (qsizetype done = 0; done < changes; done += 300) {
            QList<TaskObservation> cycle;
            for (qsizetype i = done; i < std::min(changes, done + 300); ++i) {
                cycle.append({{connectionId, 10'000'000 + i * (taskCount / changes)},
                    TaskState::Running, 202, {}, now});
            }
            if (const auto applied = other.applyObservations(cycle); !applied)
                qFatal("%s", qPrintable(applied.error().message()));
        }
        writtenMs = clock.elapsed();
    }));
    writer->start();
    while (seen < changes && clock.elapsed() < 120'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const qint64 seenMs = clock.elapsed();
    // A little longer: the probe sees the quiet after the last slice too.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 1'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    probe.stop();
    writer->wait(); // its checkpoint on closing is not the window's wait

    out << Qt::endl
        << "Window on " << taskCount << " tasks, another connection writes " << changes
        << " state changes" << Qt::endl;
    row("Writer done after", u"%1 ms"_s.arg(writtenMs.load()));
    row("Window has announced every change after", u"%1 ms (%2 seen)"_s.arg(seenMs).arg(seen));
    row("GUI-thread stall, longest", u"%1 ms"_s.arg(probe.maxMs(), 0, 'f', 1));
    row("GUI-thread stall, 99th percentile", u"%1 ms"_s.arg(probe.percentileMs(0.99), 0, 'f', 1));
}

// A process as far as the ledger can tell: client, store, scheduler.
struct Poller
{
    SmhClient client;
    TaskStore store;
    PollScheduler scheduler {&client, &store};
    TokenProvider *tokens = nullptr;

    Poller(const QString &file, const QString &token, qint64 connectionId,
        const std::optional<QSet<TaskKey>> &only)
    {
        const Expected<void> opened = store.open(file);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().message()));
        tokens = new TokenProvider(&client, store.connection(connectionId)->settings, &scheduler);
        tokens->setAccessToken(token);
        scheduler.limitTo(only);
        scheduler.addConnection(connectionId, tokens);
    }
};

int polling(
    const QString &file, SmhSimulator &simulator, qsizetype taskCount, int seconds, bool withScript)
{
    qint64 connectionId = 0;
    QList<qint64> ids(taskCount);
    std::iota(ids.begin(), ids.end(), 500'000);
    {
        TaskStore setup;
        const Expected<void> opened = setup.open(file);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().message()));
        Connection connection = sampleConnection(simulator.baseUrl());
        connection.settings.libraryId = simulator.libraryId();
        connectionId = setup.addConnection(connection).value();
    }
    for (qint64 id : std::as_const(ids)) {
        SmhSimulator::TaskScript s = simulator.scriptFor(id);
        s.known = true;
        s.startMs = simulator.nowMs();
        s.runMs = 3'600'000; // running throughout
        simulator.setTask(id, s);
    }
    const int before = simulator.taskQueryCount();
    Poller window(file, simulator.staticToken(), connectionId, std::nullopt);
    window.store.addTasks(connectionId, ids, {}, QDateTime::currentDateTimeUtc());
    std::unique_ptr<Poller> script;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < seconds * 1000) {
        // The script starts a second after the window, as `watch --profile`
        // with the same IDs would.
        if (withScript && !script && clock.elapsed() > 1'000) {
            QSet<TaskKey> keys;
            for (qint64 id : std::as_const(ids))
                keys.insert({connectionId, id});
            script = std::make_unique<Poller>(file, simulator.staticToken(), connectionId, keys);
            script->store.addTasks(connectionId, ids, {}, QDateTime::currentDateTimeUtc());
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return simulator.taskQueryCount() - before;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int seconds = 60;
    const QStringList arguments = app.arguments();
    if (const qsizetype at = arguments.indexOf(u"--seconds"_s); at > 0 && at + 1 < arguments.size())
        seconds = arguments.at(at + 1).toInt();

    QTemporaryDir dir;
    // SMH_BENCH_LEDGER=postgresql://user@host:port/db: part 1 on a team
    // ledger (an empty database), the writes arriving through NOTIFY.
    if (const QString team = qEnvironmentVariable("SMH_BENCH_LEDGER"); !team.isEmpty()) {
        windowBesideAWriter(team, 100'000, 10'000);
        return 0;
    }
    windowBesideAWriter(dir.filePath(u"big.sqlite"_s), 100'000, 10'000);

    SmhSimulator simulator;
    if (!simulator.start())
        qFatal("the simulator did not start");
    const int alone = polling(dir.filePath(u"alone.sqlite"_s), simulator, 1'000, seconds, false);
    const int together =
        polling(dir.filePath(u"together.sqlite"_s), simulator, 1'000, seconds, true);
    out << Qt::endl << "1,000 running tasks polled for " << seconds << " s" << Qt::endl;
    row("Task queries, the window alone", QString::number(alone));
    row("Task queries, the window plus watch --profile", QString::number(together));
    row("Ratio", QString::number(double(together) / std::max(1, alone), 'f', 2));
    return 0;
}
