// Memory and start-up of the real program, measured from outside as an
// operator would (a benchmark, not a test: it prints figures and never fails
// on them). The simulator runs here, on a thread of its own; the program runs
// as a child process against it on loopback, with a home of its own (a fresh
// ledger: a first start).
//
//   bench_footprint [--tasks N] [--query-tasks M] [--settle S] [--runs R]
//                   [--no-window] [--no-query] [--formats text,json,jsonl]
//                   [--binary PATH]
//
// --binary runs another build of the program (an earlier one, to compare
// before and after on the same machine at the same load).
//
// Figures:
// * the window (QT_QPA_PLATFORM=offscreen) started with N task IDs on its
//   command line: launch to every task in the ledger (the table takes each
//   slice in the turn it is saved), and its resident memory S seconds later
//   minus that of a window started without IDs, per task (/proc/PID/status);
// * `query` of M IDs (from a file): its peak resident memory (the kernel's
//   high-water mark of the child, getrusage), in all and per task above a
//   query of one ID, with its output's size, in each of --formats (text and
//   json unless told).

#include "benchserver.h"
#include "demo/smhsimulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr qint64 firstId = 10'000'000;

// The program measured: this build's, unless --binary names another.
QString &binary()
{
    static QString path = QStringLiteral(SMH_BINARY);
    return path;
}

// A field of /proc/PID/status, in bytes (0: gone).
qint64 statusBytes(qint64 pid, const QByteArray &field)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').constFirst().toLongLong() * 1024;
    }
    return 0;
}

// The largest resident set of any child waited for so far.
qint64 childrenPeakBytes()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return qint64(usage.ru_maxrss) * 1024;
}

void row(const char *what, const QString &value)
{
    std::printf("  %-52s %s\n", what, qPrintable(value));
    std::fflush(stdout);
}

// The machine's 1-minute load average: figures taken under load are not
// those of an idle machine, so each says what it was.
QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(file.readAll().split(' ').constFirst());
}

QString mib(qint64 bytes)
{
    return u"%1 MiB"_s.arg(double(bytes) / 1048576.0, 0, 'f', 1);
}

// A home of its own: its ledger, settings and lock.
QProcessEnvironment environment(const QTemporaryDir &home, const SimulatorThread &server)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, home.path());
    env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    env.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, home.path());
    env.insert(u"SMH_ACCESS_TOKEN"_s, server.token());
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s); // no keychain to ask
    return env;
}

std::unique_ptr<QProcess> launch(
    const QTemporaryDir &home, const SimulatorThread &server, const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment(home, server));
    process->setProgram(binary());
    process->setArguments(arguments);
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardErrorFile(home.filePath(u"stderr.txt"_s));
    process->start();
    if (!process->waitForStarted(10'000))
        return nullptr;
    return process;
}

// Tasks in the child's ledger, read by a connection of our own (WAL).
qint64 ledgerCount(const QString &file)
{
    if (!QFile::exists(file))
        return 0;
    qint64 count = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench"_s);
        db.setDatabaseName(file);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=50"_s);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"SELECT count(*) FROM tasks"_s) && q.next())
                count = q.value(0).toLongLong();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bench"_s);
    return count;
}

void stop(QProcess &process)
{
    process.terminate();
    if (!process.waitForFinished(10'000)) {
        process.kill();
        process.waitForFinished(10'000);
    }
}

struct WindowRun
{
    double allInLedgerMs = 0;
    qint64 rss = 0;
};

// The window started with `count` IDs on its command line (none: an empty
// window); its resident memory `settle` seconds after every task is in.
std::optional<WindowRun> runWindow(
    const SimulatorThread &server, const QString &ids, qint64 count, int settle)
{
    QTemporaryDir home;
    QStringList arguments = server.connection();
    if (count > 0)
        arguments += ids.split(u' ');
    const QString ledger = home.filePath(u"data/smh-task-monitor/ledger.sqlite"_s);
    QElapsedTimer clock;
    clock.start();
    const std::unique_ptr<QProcess> process = launch(home, server, arguments);
    if (!process)
        return std::nullopt;
    WindowRun run;
    const bool in = waitFor(
        [&] {
            return process->state() != QProcess::Running
                || (QFile::exists(ledger) && ledgerCount(ledger) >= count);
        },
        300s, 20ms); // each look opens the ledger
    run.allInLedgerMs = double(clock.nsecsElapsed()) / 1e6;
    if (!in || process->state() != QProcess::Running) {
        QFile err(home.filePath(u"stderr.txt"_s));
        (void)err.open(QIODevice::ReadOnly);
        std::fprintf(stderr, "bench_footprint: the window ended or never took its tasks: %s\n",
            err.readAll().constData());
        return std::nullopt;
    }
    waitFor([] { return false; }, std::chrono::seconds(settle));
    run.rss = statusBytes(process->processId(), "VmRSS");
    stop(*process);
    return run;
}

void measureWindow(const SimulatorThread &server, qint64 tasks, int settle, int runs)
{
    QStringList list;
    list.reserve(tasks);
    for (qint64 i = 0; i < tasks; ++i)
        list << QString::number(firstId + i);
    const QString ids = list.join(u' ');
    std::printf("window, %lld task IDs on the command line, first start (fresh ledger):\n",
        static_cast<long long>(tasks));
    for (int i = 0; i < runs; ++i) {
        const std::optional<WindowRun> empty = runWindow(server, ids, 0, settle);
        const std::optional<WindowRun> full = runWindow(server, ids, tasks, settle);
        if (!empty || !full)
            return;
        row("launch to every task in the table (ledger)",
            u"%1 ms"_s.arg(full->allInLedgerMs, 0, 'f', 0));
        row("resident memory, empty window / with the tasks",
            mib(empty->rss) + u" / "_s + mib(full->rss));
        row("resident memory above an empty window",
            u"%1 bytes per task"_s.arg(double(full->rss - empty->rss) / double(tasks), 0, 'f', 0));
    }
}

// In a process of its own (this program again, with --peak-of), so that the
// kernel's high-water mark of its children is that of this one query: runs
// the arguments, output to --out, and prints the child's peak in bytes.
int peakOf(const QStringList &args)
{
    const qsizetype at = args.indexOf(u"--peak-of"_s);
    const qsizetype out = args.indexOf(u"--out"_s);
    if (at < 0 || out < 0 || out + 1 >= args.size())
        return 2;
    QProcess process;
    process.setStandardOutputFile(args.at(out + 1));
    process.setStandardErrorFile(args.at(out + 1) + u".err"_s);
    process.start(binary(), args.mid(at + 1, out - at - 1));
    if (!process.waitForStarted(10'000) || !process.waitForFinished(-1))
        return 1;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return 1;
    std::printf("%lld\n", static_cast<long long>(childrenPeakBytes()));
    return 0;
}

// One query of `count` IDs; its peak resident memory (0: it failed).
qint64 runQuery(const SimulatorThread &server, const QString &idsFile, qint64 count,
    const QString &format, qint64 *outputBytes, double *seconds)
{
    QTemporaryDir home;
    QFile file(idsFile);
    if (!file.open(QIODevice::WriteOnly))
        return 0;
    for (qint64 i = 0; i < count; ++i)
        file.write(QByteArray::number(firstId + i) + '\n');
    file.close();
    const QString output = home.filePath(u"out"_s);
    QElapsedTimer clock;
    clock.start();
    QProcess process;
    process.setProcessEnvironment(environment(home, server));
    process.start(QCoreApplication::applicationFilePath(),
        QStringList {u"--binary"_s, binary(), u"--peak-of"_s, u"query"_s, u"--request-rate"_s,
            u"100"_s, u"--output"_s, format, u"--ids-file"_s, idsFile}
            + server.connection() + QStringList {u"--out"_s, output});
    if (!process.waitForStarted(10'000))
        return 0;
    waitFor([&] { return process.state() != QProcess::Running; }, 3600s);
    *seconds = double(clock.elapsed()) / 1000.0;
    *outputBytes = QFileInfo(output).size();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        QFile err(output + u".err"_s);
        (void)err.open(QIODevice::ReadOnly);
        std::fprintf(stderr, "bench_footprint: query failed: %s\n", err.readAll().constData());
        return 0;
    }
    return process.readAllStandardOutput().trimmed().toLongLong();
}

void measureQuery(const SimulatorThread &server, qint64 tasks, const QStringList &formats)
{
    QTemporaryDir dir;
    const QString idsFile = dir.filePath(u"ids.txt"_s);
    std::printf("query of %lld IDs (--ids-file), peak resident memory of the process:\n",
        static_cast<long long>(tasks));
    for (const QString &format : formats) {
        qint64 bytes = 0;
        double seconds = 0;
        const QString loadBefore = loadAverage();
        const qint64 one = runQuery(server, idsFile, 1, format, &bytes, &seconds);
        const qint64 all = runQuery(server, idsFile, tasks, format, &bytes, &seconds);
        if (one == 0 || all == 0)
            return;
        row(qPrintable(u"--output %1: peak, one ID / all"_s.arg(format)),
            mib(one) + u" / "_s + mib(all));
        row(qPrintable(u"--output %1: above a query of one ID"_s.arg(format)),
            u"%1 bytes per task (%2 s, output %3)"_s
                .arg(double(all - one) / double(tasks), 0, 'f', 0)
                .arg(seconds, 0, 'f', 0)
                .arg(mib(bytes)));
        row(qPrintable(u"--output %1: load average before / after"_s.arg(format)),
            loadBefore + u" / "_s + loadAverage());
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (const qsizetype at = args.indexOf(u"--binary"_s); at >= 0 && at + 1 < args.size())
        binary() = args.at(at + 1);
    if (args.contains(u"--peak-of"_s))
        return peakOf(args);
    auto value = [&args](const QString &name, int fallback) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1).toInt() : fallback;
    };
    const int tasks = value(u"--tasks"_s, 100'000);
    const int queryTasks = value(u"--query-tasks"_s, 1'000'000);
    const int settle = value(u"--settle"_s, 10);
    const int runs = value(u"--runs"_s, 1);
    const qsizetype formatsAt = args.indexOf(u"--formats"_s);
    const QStringList formats = formatsAt >= 0 && formatsAt + 1 < args.size()
        ? args.at(formatsAt + 1).split(u',', Qt::SkipEmptyParts)
        : QStringList {u"text"_s, u"json"_s};

    SimulatorThread server;
    if (!server.start()) {
        std::fprintf(stderr, "bench_footprint: the simulator could not listen\n");
        return 1;
    }
    if (!args.contains(u"--no-query"_s))
        measureQuery(server, queryTasks, formats);
    if (!args.contains(u"--no-window"_s))
        measureWindow(server, tasks, settle, runs);
    return 0;
}
