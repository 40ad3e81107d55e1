// The window as a whole at scale: the real window, engine and ledger against
// the simulator on loopback, with N tasks (a quarter finished at once, the
// rest ending between 20 s and 10 min). A benchmark, not a test: it prints
// figures and never fails on them.
//
//   bench_window [--tasks N] [--seconds S] [--ledger-only]
//
// Figures: launch to a painted, populated table; GUI-thread stalls (an
// event-loop latency probe firing every 20 ms: how late each tick came);
// resident memory per task above an empty window; sort by each column and
// filter; task-query requests per minute; for a first start (the IDs given)
// and a second start (the same tasks reopened from the ledger).
#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
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

// How late each tick of a 20 ms timer comes: the longest time the GUI thread
// could not answer.
class LatencyProbe final : public QObject
{
public:
    explicit LatencyProbe(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lateMs << std::max<double>(0.0, double(now - m_last) / 1e6 - 20.0);
            m_last = now;
        });
    }
    void start()
    {
        m_lateMs.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double maxMs() const
    {
        return m_lateMs.isEmpty() ? 0 : *std::max_element(m_lateMs.cbegin(), m_lateMs.cend());
    }
    double percentileMs(double p) const
    {
        if (m_lateMs.isEmpty())
            return 0;
        QList<double> sorted = m_lateMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qsizetype(double(sorted.size() - 1) * p));
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<double> m_lateMs;
};

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

void waitFor(const std::function<bool()> &done, std::chrono::milliseconds limit)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < limit.count())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

void row(const char *what, const QString &value)
{
    std::printf("  %-46s %s\n", what, qPrintable(value));
}

struct Run
{
    double launchMs = 0;
    double stallMax = 0;
    double stallP99 = 0;
    double bytesPerTask = 0;
    double requestsPerMinute = 0;
};

Run runOnce(SmhSimulator &simulator, const QString &ledger, const QList<qint64> &ids, bool addIds,
    int seconds, qint64 emptyRss)
{
    Run run;
    LatencyProbe probe;
    probe.start();
    QElapsedTimer launch;
    launch.start();
    const int queriesBefore = simulator.taskQueryCount();

    auto monitor = std::make_unique<Monitor>();
    if (const auto opened = monitor->openStore(ledger); !opened) {
        std::fprintf(stderr, "bench_window: %s\n", qPrintable(opened.error()));
        return run;
    }
    const Expected<qint64> connection = DemoSetup::connect(simulator, *monitor);
    if (!connection) {
        std::fprintf(stderr, "bench_window: %s\n", qPrintable(connection.error()));
        return run;
    }
    if (addIds)
        (void)monitor->addTasks(*connection, ids);
    MainWindow window(monitor.get());
    window.resize(1400, 860);
    auto *view = window.findChild<QTableView *>(u"taskTable"_s);
    PaintWatch paint(view);
    window.show();
    waitFor([&] { return paint.painted(); }, 60s);
    run.launchMs = double(launch.nsecsElapsed()) / 1e6;
    row("launch to a painted, populated table", u"%1 ms"_s.arg(run.launchMs, 0, 'f', 0));

    // Polling: the window lives while the engine works.
    QElapsedTimer polling;
    polling.start();
    waitFor([] { return false; }, std::chrono::seconds(seconds));
    const double minutes = double(polling.elapsed()) / 60000.0;
    run.requestsPerMinute = double(simulator.taskQueryCount() - queriesBefore) / minutes;
    probe.stop();
    run.stallMax = probe.maxMs();
    run.stallP99 = probe.percentileMs(0.99);
    const qint64 rss = residentBytes();
    run.bytesPerTask = double(rss - emptyRss) / double(ids.size());
    row("GUI-thread stall, longest", u"%1 ms"_s.arg(run.stallMax, 0, 'f', 1));
    row("GUI-thread stall, 99th percentile", u"%1 ms"_s.arg(run.stallP99, 0, 'f', 1));
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

    SmhSimulator simulator;
    if (!simulator.start()) {
        std::fprintf(stderr, "bench_window: the simulator could not listen\n");
        return 1;
    }
    // A quarter finished at once, the rest ending between 20 s and 10 min.
    QList<qint64> ids;
    ids.reserve(count);
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
    runOnce(simulator, ledger, ids, true, seconds, emptyRss);
    std::printf("second start, the tasks in the ledger:\n");
    runOnce(simulator, ledger, ids, false, seconds, emptyRss);
    return 0;
}
