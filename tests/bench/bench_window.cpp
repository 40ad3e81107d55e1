// The window as a whole at scale: the real window, engine and ledger against
// the simulator on loopback, with N tasks (a quarter finished at once, the
// rest ending between 20 s and 10 min). A benchmark, not a test: it prints
// figures and never fails on them.
//
//   bench_window [--tasks N] [--seconds S]
//
// Figures: launch to a painted, populated table and to every task in it;
// GUI-thread stalls during start-up and while polling (an event-loop latency
// probe firing every 20 ms from the moment the window is shown: how late each
// tick came);
// resident memory per task above an empty window; sort by each column and
// filter; task-query requests per minute; for a first start (the IDs given)
// and a second start (the same tasks reopened from the ledger).
#include "benchserver.h"
#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "latencyprobe.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

qint64 residentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong() * 1024;
    }
    return 0;
}

// CPU time of the calling thread, in milliseconds: what the GUI thread
// itself spent, which other work on the machine stretches far less than
// the time on the clock.
double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// The first three fields of /proc/loadavg.
QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

class PaintWatch final : public QObject
{
public:
    explicit PaintWatch(QTableView *view)
        : m_view(view)
    {
        view->viewport()->installEventFilter(this);
    }
    bool painted() const { return m_painted; }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_view->model() && m_view->model()->rowCount() > 0)
            m_painted = true;
        return false;
    }

private:
    QTableView *m_view;
    bool m_painted = false;
};

void row(const char *what, const QString &value)
{
    std::printf("  %-46s %s\n", what, qPrintable(value));
}

struct Run
{
    double launchMs = 0;
    double allInTableMs = 0;
    double allInTableCpuMs = 0; // the GUI thread's own
    double startStallMax = 0;
    double startStallP99 = 0;
    double stallMax = 0;
    double stallP99 = 0;
    double bytesPerTask = 0;
    double requestsPerMinute = 0;
};

Run runOnce(SimulatorThread &server, const QString &ledger, const QList<qint64> &ids, bool addIds,
    int seconds, qint64 emptyRss)
{
    Run run;
    LatencyProbe probe;
    QElapsedTimer launch;
    launch.start();
    const double cpuAtLaunch = threadCpuMs();
    SmhSimulator &simulator = server.simulator();
    const int queriesBefore = server.taskQueryCount();

    // As the window face does it: the ledger read in the background, the
    // IDs saved a slice at a time.
    auto monitor = std::make_unique<Monitor>();
    if (const auto opened = monitor->openStore(ledger, TaskStore::LoadMode::InBackground);
        !opened) {
        std::fprintf(stderr, "bench_window: %s\n", qPrintable(opened.error().message()));
        return run;
    }
    const Expected<qint64> connection = DemoSetup::connect(simulator, *monitor);
    if (!connection) {
        std::fprintf(stderr, "bench_window: %s\n", qPrintable(connection.error().message()));
        return run;
    }
    MainWindow window(monitor.get());
    window.resize(1400, 860);
    auto *view = window.findChild<QTableView *>(u"taskTable"_s);
    PaintWatch paint(view);
    window.show();
    // From here the window could be asked to answer: what the user feels.
    probe.start();
    if (addIds)
        window.addTaskIds(*connection, ids, {});
    waitFor([&] { return paint.painted(); }, 60s);
    run.launchMs = double(launch.nsecsElapsed()) / 1e6;
    row("launch to a painted, populated table", u"%1 ms"_s.arg(run.launchMs, 0, 'f', 0));
    waitFor([&] { return view->model()->rowCount() >= ids.size(); }, 120s);
    run.allInTableMs = double(launch.nsecsElapsed()) / 1e6;
    run.allInTableCpuMs = threadCpuMs() - cpuAtLaunch;
    run.startStallMax = probe.maxMs();
    run.startStallP99 = probe.percentileMs(0.99);
    row("launch to every task in the table", u"%1 ms"_s.arg(run.allInTableMs, 0, 'f', 0));
    row("  of which the GUI thread's CPU time", u"%1 ms"_s.arg(run.allInTableCpuMs, 0, 'f', 0));
    row("GUI-thread stall during start-up, longest", u"%1 ms"_s.arg(run.startStallMax, 0, 'f', 1));
    row("GUI-thread stall during start-up, 99th pct.",
        u"%1 ms"_s.arg(run.startStallP99, 0, 'f', 1));
    probe.start();

    // Polling: the window lives while the engine works.
    QElapsedTimer polling;
    polling.start();
    waitFor([] { return false; }, std::chrono::seconds(seconds));
    const double minutes = double(polling.elapsed()) / 60000.0;
    run.requestsPerMinute = double(server.taskQueryCount() - queriesBefore) / minutes;
    probe.stop();
    run.stallMax = probe.maxMs();
    run.stallP99 = probe.percentileMs(0.99);
    const qint64 rss = residentBytes();
    run.bytesPerTask = double(rss - emptyRss) / double(ids.size());
    row("GUI-thread stall while polling, longest", u"%1 ms"_s.arg(run.stallMax, 0, 'f', 1));
    row("GUI-thread stall while polling, 99th pct.", u"%1 ms"_s.arg(run.stallP99, 0, 'f', 1));
    row("resident memory above an empty window",
        u"%1 MiB, %2 bytes per task"_s.arg(double(rss - emptyRss) / 1048576.0, 0, 'f', 1)
            .arg(run.bytesPerTask, 0, 'f', 0));
    row("task-query requests per minute", u"%1"_s.arg(run.requestsPerMinute, 0, 'f', 0));

    // Sorting and filtering, as a user clicks and types.
    for (int column = 0; column < view->model()->columnCount(); ++column) {
        if (view->isColumnHidden(column))
            continue;
        QElapsedTimer timer;
        timer.start();
        view->sortByColumn(column, Qt::AscendingOrder);
        QCoreApplication::processEvents();
        const QString title =
            view->model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        std::printf("  %-46s %.1f ms\n", qPrintable(u"sort by "_s + title),
            double(timer.nsecsElapsed()) / 1e6);
    }
    auto *filter = window.findChild<QLineEdit *>(u"filterEdit"_s);
    for (const QString &text : {u"12"_s, u"123"_s, u""_s}) {
        QElapsedTimer timer;
        timer.start();
        filter->setText(text);
        QCoreApplication::processEvents();
        std::printf("  %-46s %.1f ms\n", qPrintable(u"filter \"%1\""_s.arg(text)),
            double(timer.nsecsElapsed()) / 1e6);
    }
    window.close();
    monitor->shutdown();
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto value = [&args](const QString &name, int fallback) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1).toInt() : fallback;
    };
    const int count = value(u"--tasks"_s, 10'000);
    const int seconds = value(u"--seconds"_s, 20);

    SimulatorThread server;
    if (!server.start()) {
        std::fprintf(stderr, "bench_window: the simulator could not listen\n");
        return 1;
    }
    // A quarter finished at once, the rest ending between 20 s and 10 min.
    QList<qint64> ids;
    ids.reserve(count);
    server.run([&] {
        SmhSimulator &simulator = server.simulator();
        const qint64 now = simulator.nowMs();
        for (qint64 i = 0; i < count; ++i) {
            const qint64 id = 10'000'000 + i;
            SmhSimulator::TaskScript script = simulator.scriptFor(id);
            script.known = true;
            script.startMs = now;
            script.runMs = i % 4 == 0 ? 0 : 20'000 + (i * 7919) % 580'000;
            simulator.setTask(id, script);
            ids << id;
        }
    });

    // An empty window, the simulator already loaded: what the monitor's tasks
    // add is measured above it.
    qint64 emptyRss = 0;
    {
        Monitor monitor;
        (void)monitor.openStore(u":memory:"_s);
        MainWindow window(&monitor);
        window.show();
        waitFor([] { return false; }, 500ms);
        emptyRss = residentBytes();
        window.close();
    }

    QTemporaryDir dir;
    const QString ledger = dir.filePath(u"ledger.sqlite"_s);
    std::printf(
        "bench_window: %d tasks, %d s of polling per start, window 1400x860\n", count, seconds);
    std::printf("first start, the IDs given:\n");
    const Run first = runOnce(server, ledger, ids, true, seconds, emptyRss);
    std::printf("second start, the tasks in the ledger:\n");
    const Run second = runOnce(server, ledger, ids, false, seconds, emptyRss);
    // The start-up figures side by side, with the load they were taken
    // under (other work on the machine stretches every one of them).
    std::printf("start-up, first / second start (load average %s):\n", qPrintable(loadAverage()));
    const auto pair = [](double a, double b, int decimals) {
        return u"%1 / %2 ms"_s.arg(a, 0, 'f', decimals).arg(b, 0, 'f', decimals);
    };
    row("launch to a painted, populated table", pair(first.launchMs, second.launchMs, 0));
    row("launch to every task in the table", pair(first.allInTableMs, second.allInTableMs, 0));
    row("  of which the GUI thread's CPU time",
        pair(first.allInTableCpuMs, second.allInTableCpuMs, 0));
    row("GUI-thread stall, longest", pair(first.startStallMax, second.startStallMax, 1));
    row("GUI-thread stall, 99th pct.", pair(first.startStallP99, second.startStallP99, 1));
    return 0;
}
