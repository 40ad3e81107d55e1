// Each library polled once: task queries sent by one monitor on 1,000
// running tasks, and by three monitors on the same ledger file and tasks
// (three Monitors, each with its own client, store and SQLite connection, as
// three processes would have), started a second apart, against the
// simulator on loopback with the default intervals. For comparison, the same
// three without leases (schedulers that only share the ledger's poll times,
// as before leases), and both again with the three started at the same
// moment. Also the cost of the lease itself: one take-or-renew.
//
// build/tests/bench/bench_pollleases [--seconds N]
// SMH_BENCH_LEDGER=postgresql://user@host:port/db: the same on a team ledger
// (an empty database, the password from PGPASSWORD or ~/.pgpass): each part
// on that one database, its connection and tasks removed when it is done.

#include "demo/smhsimulator.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/ledgersql.h"
#include "tasks/monitor.h"
#include "tasks/polllease.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <memory>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QTextStream out(stdout);

void row(const char *what, const QString &value)
{
    out << QString::fromUtf8(what).leftJustified(58) << value << Qt::endl;
}

// A ledger file with one connection to the simulator and `ids` running
// throughout; returns the connection's id.
qint64 prepare(const QString &file, SmhSimulator &simulator, const QList<qint64> &ids)
{
    TaskStore setup;
    if (const Expected<void> opened = setup.open(file); !opened)
        qFatal("%s", qPrintable(opened.error().message()));
    Connection connection;
    connection.settings.endpoint = simulator.baseUrl();
    connection.settings.libraryId = simulator.libraryId();
    const qint64 id = setup.addConnection(connection).value();
    if (!setup.addTasks(id, ids, {}, QDateTime::currentDateTimeUtc()))
        qFatal("the tasks were not added");
    for (qint64 task : ids) {
        SmhSimulator::TaskScript s = simulator.scriptFor(task);
        s.known = true;
        s.startMs = simulator.nowMs();
        s.runMs = 3'600'000;
        simulator.setTask(task, s);
    }
    return id;
}

// The part is over: a team ledger is left as empty as it was found, so that
// the next part's monitors see its connection alone (a file is left as is:
// each part has its own).
void forget(const QString &ledger, qint64 connectionId)
{
    if (!LedgerLocation::isPostgres(ledger))
        return;
    TaskStore store;
    if (const Expected<void> opened = store.open(ledger); !opened)
        qFatal("%s", qPrintable(opened.error().message()));
    if (const Expected<void> removed = store.removeConnection(connectionId); !removed)
        qFatal("%s", qPrintable(removed.error().message()));
}

// A monitor as before leases: client, store and scheduler, no gate.
struct Ungated
{
    SmhClient client;
    TaskStore store;
    PollScheduler scheduler {&client, &store};

    Ungated(const QString &file, const QString &token, qint64 connectionId)
    {
        if (const Expected<void> opened = store.open(file); !opened)
            qFatal("%s", qPrintable(opened.error().message()));
        auto *tokens =
            new TokenProvider(&client, store.connection(connectionId)->settings, &scheduler);
        tokens->setAccessToken(token);
        scheduler.addConnection(connectionId, tokens);
    }
};

void turn(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

// Task queries sent in `seconds` by `count` monitors (with leases, or not),
// the second and third starting a second after the one before: the total
// the simulator counted, then each monitor's.
struct Sent
{
    int total = 0;
    QStringList each;
};

Sent polling(const QString &file, SmhSimulator &simulator, int count, bool leases, int seconds,
    int staggerMs = 1'000)
{
    QList<qint64> ids(1'000);
    std::iota(ids.begin(), ids.end(), 700'000);
    const qint64 connectionId = prepare(file, simulator, ids);
    const int before = simulator.taskQueryCount();
    std::vector<std::unique_ptr<Monitor>> monitors;
    std::vector<std::unique_ptr<Ungated>> ungated;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i) {
        if (leases) {
            auto monitor = std::make_unique<Monitor>();
            if (const Expected<void> opened = monitor->openStore(file); !opened)
                qFatal("%s", qPrintable(opened.error().message()));
            monitor->setTaskTypesEnabled(false);
            monitor->setAccessToken(connectionId, simulator.staticToken());
            monitors.push_back(std::move(monitor));
        } else {
            ungated.push_back(
                std::make_unique<Ungated>(file, simulator.staticToken(), connectionId));
        }
        if (i + 1 < count && staggerMs > 0)
            turn(staggerMs);
    }
    turn(int(seconds * 1000 - clock.elapsed()));
    Sent sent {simulator.taskQueryCount() - before, {}};
    for (const auto &monitor : monitors)
        sent.each << QString::number(monitor->polling().status(connectionId).requestsSent);
    for (const auto &monitor : ungated)
        sent.each << QString::number(monitor->scheduler.status(connectionId).requestsSent);
    monitors.clear();
    ungated.clear();
    forget(file, connectionId);
    return sent;
}

// One take-or-renew as a cycle does it once a third of a lifetime: the
// lease's whole cost to a monitor alone.
double renewalMicroseconds(const QString &file)
{
    TaskStore store;
    if (const Expected<void> opened = store.open(file); !opened)
        qFatal("%s", qPrintable(opened.error().message()));
    Connection connection;
    connection.settings.endpoint = QUrl(u"https://smh.example"_s);
    connection.settings.libraryId = u"smhbench"_s;
    const qint64 id = store.addConnection(connection).value();
    PollLease *lease = PollLease::attach(&store, &store).value();
    // Each call a second after the last on the clock it is given: the lease
    // is never fresh enough to skip the ledger, and is renewed each time.
    lease->setLifetime(30ms);
    constexpr int rounds = 1'000;
    const QDateTime start = QDateTime::currentDateTimeUtc();
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < rounds; ++i) {
        if (!lease->mayPoll(id, start.addSecs(i), true).mayPoll)
            qFatal("the lease was refused");
    }
    const double microseconds = double(clock.nsecsElapsed()) / rounds / 1000.0;
    lease->release(id);
    if (LedgerLocation::isPostgres(file)) {
        if (const Expected<void> removed = store.removeConnection(id); !removed)
            qFatal("%s", qPrintable(removed.error().message()));
    }
    return microseconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int seconds = 60;
    const QStringList arguments = app.arguments();
    if (const qsizetype at = arguments.indexOf(u"--seconds"_s); at > 0 && at + 1 < arguments.size())
        seconds = arguments.at(at + 1).toInt();

    QTemporaryDir dir;
    const QString team = qEnvironmentVariable("SMH_BENCH_LEDGER");
    // A file of its own per part, or the one team database for every part.
    const auto ledger = [&](const char *name) {
        return team.isEmpty() ? dir.filePath(QString::fromUtf8(name) + u".sqlite"_s) : team;
    };
    SmhSimulator simulator;
    if (!simulator.start())
        qFatal("the simulator did not start");
    const Sent one = polling(ledger("one"), simulator, 1, true, seconds);
    const Sent three = polling(ledger("three"), simulator, 3, true, seconds);
    const Sent bare = polling(ledger("bare"), simulator, 3, false, seconds);
    // Started at the same moment (a restart of every desktop, a network
    // back): nobody has polled yet, so the ledger's poll times cannot help.
    const Sent together = polling(ledger("together"), simulator, 3, true, seconds, 0);
    const Sent bareTogether = polling(ledger("baretogether"), simulator, 3, false, seconds, 0);
    const char *where = team.isEmpty() ? "one ledger file" : "one PostgreSQL ledger";
    const auto line = [](const Sent &sent) {
        return u"%1 (%2)"_s.arg(sent.total).arg(sent.each.join(u" + "_s));
    };
    out << "1,000 running tasks on " << where << ", polled for " << seconds << " s" << Qt::endl;
    row("Task queries, one monitor", line(one));
    row("Task queries, three monitors", line(three));
    row("Ratio", QString::number(double(three.total) / std::max(1, one.total), 'f', 2));
    row("Task queries, three monitors without leases", line(bare));
    row("Ratio without leases",
        QString::number(double(bare.total) / std::max(1, one.total), 'f', 2));
    out << "The same, the three started at the same moment" << Qt::endl;
    row("Task queries, three monitors", line(together));
    row("Ratio", QString::number(double(together.total) / std::max(1, one.total), 'f', 2));
    row("Task queries, three monitors without leases", line(bareTogether));
    row("Ratio without leases",
        QString::number(double(bareTogether.total) / std::max(1, one.total), 'f', 2));
    row(team.isEmpty() ? "One take or renewal of a lease (SQLite file)"
                       : "One take or renewal of a lease (PostgreSQL)",
        u"%1 µs"_s.arg(renewalMicroseconds(ledger("lease")), 0, 'f', 1));
    return 0;
}
