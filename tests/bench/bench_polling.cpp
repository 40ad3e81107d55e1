// The monitor's polling against what an operator would write instead: a
// shell loop that asks SMH with curl about every unfinished task, reads the
// answers with jq, sleeps 3 s and starts again. Side by side, in one run:
//
// (a) the peer loop: curl | jq per request, the same batches of IDs per URL as
//     the monitor's, one request after the other, then `sleep 3`;
// (b) the monitor (Monitor: client, ledger file, scheduler) at its default
//     options, as `watch` and the window run it;
//
// each against its own simulator holding 10,000 tasks that end between 5 and
// 40 s after they are added (uniformly, the same ends for both), until every
// task is seen finished. Then
// (c) 100,000 tasks that keep running, polled by the monitor for --seconds:
//     the task queries it sends per second stay within the polite rate.
//
// The simulator runs in a child process (this program with --serve), so that
// the client's CPU is this process's own (b, c) or its children's, curl and jq
// (a). Detection latency: from a task's end to the moment its client knows.
//
// QT_QPA_PLATFORM=offscreen build/tests/bench/bench_polling [--tasks N] [--seconds S]
// A benchmark, not a test: it prints figures and never fails on them.

#include "demo/smhsimulator.h"
#include "smh/taskquery.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

using namespace Qt::StringLiterals;

namespace {

QTextStream out(stdout);

constexpr qint64 firstId = 20'000'000;

qint64 wallMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Each task's end, in ms after the start: the same for every client.
QList<qint64> endsAfterStart(qsizetype count, quint32 seed, qint64 fromMs, qint64 toMs)
{
    QRandomGenerator random(seed);
    QList<qint64> ends(count);
    for (qint64 &end : ends)
        end = fromMs + qint64(random.bounded(double(toMs - fromMs)));
    return ends;
}

// --serve: the simulator, on the wall clock, until the parent ends it.
int serve(const QStringList &arguments)
{
    const qint64 startMs = arguments.value(2).toLongLong();
    const qsizetype count = arguments.value(3).toLongLong();
    const qint64 fromMs = arguments.value(4).toLongLong();
    const qint64 toMs = arguments.value(5).toLongLong();
    SmhSimulator simulator;
    simulator.setClock(wallMs);
    const QList<qint64> ends = endsAfterStart(count, 1, fromMs, toMs);
    for (qsizetype i = 0; i < count; ++i) {
        SmhSimulator::TaskScript script;
        script.startMs = startMs;
        script.runMs = ends.at(i);
        script.finalStatus = 200;
        simulator.setTask(firstId + i, script);
    }
    if (!simulator.start())
        return 1;
    std::printf("%d %s\n", simulator.baseUrl().port(), qPrintable(simulator.staticToken()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

// Runs the event loop until `done` or the deadline. (processEvents with a
// maximum time does not wait for events: it would spin, and its CPU would
// be counted as the client's.)
template<typename Done>
void waitUntil(Done &&done, qint64 deadlineMs)
{
    QEventLoop loop;
    QTimer check;
    check.setInterval(50);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || wallMs() >= deadlineMs)
            loop.quit();
    });
    check.start();
    if (!done())
        loop.exec();
}

struct Server
{
    QProcess process;
    QUrl url;
    QString token;
    qint64 startMs = 0;
    QList<qint64> ends; // absolute, ms since the epoch
    QList<qint64> ids;

    Server(qsizetype count, qint64 fromMs, qint64 toMs)
    {
        startMs = wallMs() + 1'000; // after the child is up
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QCoreApplication::applicationFilePath(),
            {u"--serve"_s, QString::number(startMs), QString::number(count),
                QString::number(fromMs), QString::number(toMs)});
        if (!process.waitForReadyRead(30'000))
            qFatal("the simulator did not start");
        const QStringList line = QString::fromUtf8(process.readLine()).trimmed().split(u' ');
        url = QUrl(u"http://127.0.0.1:%1"_s.arg(line.value(0)));
        token = line.value(1);
        const QList<qint64> after = endsAfterStart(count, 1, fromMs, toMs);
        for (qsizetype i = 0; i < count; ++i) {
            ends.append(startMs + after.at(i));
            ids.append(firstId + i);
        }
        waitUntil([] { return false; }, startMs);
    }
    ~Server()
    {
        process.kill();
        process.waitForFinished();
    }
    ConnectionSettings settings() const
    {
        ConnectionSettings s;
        s.endpoint = url;
        s.libraryId = SmhSimulator::defaultLibraryId.toString();
        return s;
    }
};

double cpuSeconds(int who)
{
    rusage usage {};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Figures
{
    qint64 queries = 0;
    double cpuSeconds = 0;
    QList<qint64> latencies; // ms, one per task seen finished
    qint64 wallMs = 0;

    double percentile(double p) const
    {
        if (latencies.isEmpty())
            return 0;
        QList<qint64> sorted = latencies;
        std::sort(sorted.begin(), sorted.end());
        return double(sorted.at(std::min(sorted.size() - 1, qsizetype(p * double(sorted.size())))))
            / 1000.0;
    }
};

// (a) The loop, as a shell script would run it: for every batch of the
// unfinished IDs, `curl -s URL | jq -r '.[] | select(.status != 202) |
// .taskId'`, one after the other; then `sleep 3`.
Figures peerLoop(Server &server, qint64 deadlineMs)
{
    Figures figures;
    const double cpuBefore = cpuSeconds(RUSAGE_CHILDREN);
    const qint64 began = wallMs();
    QSet<qint64> unfinished(server.ids.cbegin(), server.ids.cend());
    QHash<qint64, qint64> endOf;
    for (qsizetype i = 0; i < server.ids.size(); ++i)
        endOf.insert(server.ids.at(i), server.ends.at(i));
    while (!unfinished.isEmpty() && wallMs() < deadlineMs) {
        QList<qint64> ids(unfinished.cbegin(), unfinished.cend());
        std::sort(ids.begin(), ids.end());
        const QList<QList<qint64>> batches =
            TaskQuery::batches(server.settings(), server.token, ids);
        for (const QList<qint64> &batch : batches) {
            QProcess curl;
            QProcess jq;
            curl.setStandardOutputProcess(&jq);
            curl.start(u"curl"_s,
                {u"-s"_s, TaskQuery::url(server.settings(), server.token, batch).toString()});
            jq.start(u"jq"_s, {u"-r"_s, u".[] | select(.status != 202) | .taskId"_s});
            curl.waitForFinished(60'000);
            jq.waitForFinished(60'000);
            ++figures.queries;
            const qint64 now = wallMs();
            const QList<QByteArray> lines = jq.readAllStandardOutput().split('\n');
            for (const QByteArray &line : lines) {
                const qint64 id = line.trimmed().toLongLong();
                if (id != 0 && unfinished.remove(id))
                    figures.latencies.append(now - endOf.value(id));
            }
        }
        if (unfinished.isEmpty())
            break;
        QProcess sleep;
        sleep.start(u"sleep"_s, {u"3"_s});
        sleep.waitForFinished(10'000);
    }
    figures.wallMs = wallMs() - began;
    figures.cpuSeconds = cpuSeconds(RUSAGE_CHILDREN) - cpuBefore;
    return figures;
}

// (b) and (c): the monitor at its default options, on a ledger file, as
// `watch` runs it. Until every task is seen finished, or the deadline.
struct MonitorRun
{
    QTemporaryDir dir;
    Monitor monitor;
    qint64 connectionId = 0;

    explicit MonitorRun(const Server &server)
    {
        if (const auto opened = monitor.openStore(dir.filePath(u"ledger.sqlite"_s)); !opened)
            qFatal("%s", qPrintable(opened.error().message()));
        Connection connection;
        connection.settings = server.settings();
        connectionId = monitor.addConnection(connection).value();
        monitor.setAccessToken(connectionId, server.token);
    }
};

Figures monitorRun(Server &server, qint64 deadlineMs)
{
    Figures figures;
    const double cpuBefore = cpuSeconds(RUSAGE_SELF);
    const qint64 began = wallMs();
    MonitorRun run(server);
    QHash<qint64, qint64> endOf;
    for (qsizetype i = 0; i < server.ids.size(); ++i)
        endOf.insert(server.ids.at(i), server.ends.at(i));
    QObject::connect(&run.monitor.tasks(), &TaskStore::transitioned, &run.monitor,
        [&](const QList<TaskTransition> &transitions) {
            const qint64 now = wallMs();
            for (const TaskTransition &t : transitions) {
                if (TaskStates::isFinal(t.to) && !TaskStates::isFinal(t.from))
                    figures.latencies.append(now - endOf.value(t.key.taskId));
            }
        });
    if (const auto added = run.monitor.addTasks(run.connectionId, server.ids); !added)
        qFatal("%s", qPrintable(added.error().message()));
    waitUntil([&] { return figures.latencies.size() >= server.ids.size(); }, deadlineMs);
    figures.queries = run.monitor.polling().totalRequests();
    figures.wallMs = wallMs() - began;
    figures.cpuSeconds = cpuSeconds(RUSAGE_SELF) - cpuBefore;
    return figures;
}

void row(const QString &what, const QString &a, const QString &b, const QString &ratio)
{
    out << what.leftJustified(34) << a.rightJustified(16) << b.rightJustified(16)
        << ratio.rightJustified(10) << Qt::endl;
}

QString ratio(double b, double a)
{
    return a > 0 ? u"%1x"_s.arg(b / a, 0, 'f', 2) : u"-"_s;
}

void sideBySide(qsizetype count)
{
    const bool haveTools = !QStandardPaths::findExecutable(u"curl"_s).isEmpty()
        && !QStandardPaths::findExecutable(u"jq"_s).isEmpty();
    Figures loop;
    if (haveTools && !QCoreApplication::arguments().contains(u"--no-loop"_s)) {
        Server server(count, 5'000, 40'000);
        loop = peerLoop(server, wallMs() + 180'000);
    }
    Figures monitor;
    {
        Server server(count, 5'000, 40'000);
        monitor = monitorRun(server, wallMs() + 180'000);
    }
    out << Qt::endl
        << count << " tasks ending between 5 and 40 s, until each is seen finished" << Qt::endl;
    if (!haveTools)
        out << "(curl or jq is not installed: the loop was not run)" << Qt::endl;
    row(QString(), u"curl+jq loop"_s, u"monitor"_s, u"ratio"_s);
    row(u"tasks seen finished"_s, QString::number(loop.latencies.size()),
        QString::number(monitor.latencies.size()), {});
    row(u"task queries"_s, QString::number(loop.queries), QString::number(monitor.queries),
        ratio(double(monitor.queries), double(loop.queries)));
    row(u"client CPU"_s, u"%1 s"_s.arg(loop.cpuSeconds, 0, 'f', 2),
        u"%1 s"_s.arg(monitor.cpuSeconds, 0, 'f', 2), ratio(monitor.cpuSeconds, loop.cpuSeconds));
    for (const auto &[name, p] : {std::pair {u"median detection latency"_s, 0.5},
             std::pair {u"p95 detection latency"_s, 0.95}}) {
        row(name, u"%1 s"_s.arg(loop.percentile(p), 0, 'f', 2),
            u"%1 s"_s.arg(monitor.percentile(p), 0, 'f', 2),
            ratio(monitor.percentile(p), loop.percentile(p)));
    }
    row(u"wall time"_s, u"%1 s"_s.arg(double(loop.wallMs) / 1000, 0, 'f', 1),
        u"%1 s"_s.arg(double(monitor.wallMs) / 1000, 0, 'f', 1), {});
}

// (c) Many tasks that keep running: the rate the monitor asks at.
void manyRunning(qsizetype count, int seconds)
{
    // Ending long after the run: every task keeps running throughout.
    Server server(count, 86'400'000, 86'400'001);
    const qint64 began = wallMs();
    MonitorRun run(server);
    if (const auto added = run.monitor.addTasks(run.connectionId, server.ids); !added)
        qFatal("%s", qPrintable(added.error().message()));
    QList<qint64> perSecond(seconds, 0);
    qint64 last = 0;
    const qint64 end = began + qint64(seconds) * 1000;
    while (wallMs() < end) {
        waitUntil([] { return false; }, std::min(end, wallMs() + 100));
        const qint64 sent = run.monitor.polling().totalRequests();
        const qsizetype second = qsizetype((wallMs() - began) / 1000);
        if (second < perSecond.size())
            perSecond[second] += sent - last;
        last = sent;
    }
    // The polite rate is an average with a burst of 2: the most in any
    // 10-second window tells more than single seconds.
    qint64 worstWindow = 0;
    for (qsizetype i = 0; i + 10 <= perSecond.size(); ++i)
        worstWindow = std::max(worstWindow,
            std::accumulate(perSecond.cbegin() + i, perSecond.cbegin() + i + 10, qint64(0)));
    out << Qt::endl
        << count << " tasks running throughout, polled for " << seconds << " s" << Qt::endl;
    out << u"task queries"_s.leftJustified(50) << last << Qt::endl;
    out << u"per second, on average"_s.leftJustified(50)
        << QString::number(double(last) / seconds, 'f', 2) << Qt::endl;
    out << u"per second, the busiest 10-second window"_s.leftJustified(50)
        << QString::number(double(worstWindow) / 10, 'f', 2) << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.value(1) == u"--serve")
        return serve(arguments);
    auto option = [&arguments](const QString &name, qint64 fallback) {
        const qsizetype at = arguments.indexOf(name);
        return at > 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toLongLong() : fallback;
    };
    const qsizetype tasks = option(u"--tasks"_s, 10'000);
    const int seconds = int(option(u"--seconds"_s, 60));
    const qsizetype many = option(u"--many"_s, 100'000);
    if (!arguments.contains(u"--no-side-by-side"_s))
        sideBySide(tasks);
    if (many > 0 && seconds > 0)
        manyRunning(many, seconds);
    return 0;
}
