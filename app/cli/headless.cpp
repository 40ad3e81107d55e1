#include "cli/headless.h"

#include "cli/taskjson.h"
#include "cli/texttable.h"

#include "history/historyservice.h"
#include "smh/redact.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/startup.h"
#include "tasks/taskidparser.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"
#include "tasks/tasktypefetcher.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QList<TaskState> summaryStates = {TaskState::Running, TaskState::Succeeded,
    TaskState::SucceededNoResult, TaskState::Failed, TaskState::PartlyFailed, TaskState::NotFound,
    TaskState::Unknown};

QJsonObject summaryOf(const TaskNotifier &counts)
{
    QJsonObject summary;
    for (TaskState state : summaryStates)
        summary.insert(TaskStates::key(state), counts.count(state));
    if (const int queued = counts.count(TaskState::Queued))
        summary.insert(TaskStates::key(TaskState::Queued), queued);
    summary.insert(u"total"_s, counts.total());
    return summary;
}

} // namespace

HeadlessRunner::HeadlessRunner(MonitorOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_out(stdout)
    , m_err(stderr)
{
    m_progress = !m_options.quiet && m_options.command == MonitorOptions::Command::Watch
        && ::isatty(STDERR_FILENO);
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::printError(const QString &message)
{
    if (m_progress)
        m_err << "\r\033[K";
    // Server text (codes, messages, request IDs) may hold escape sequences
    // that would retitle the terminal or overwrite a line: escaped like the
    // text table's cells, one printed line per line of our own message.
    const QStringList lines = Redact::text(message).split(u'\n');
    for (const QString &line : lines)
        m_err << "smh-task-monitor: " << TextTable::cell(line) << '\n';
    m_err.flush();
}

Expected<QList<qint64>> HeadlessRunner::readTaskIds(bool mayBeEmpty) const
{
    const Expected<TaskIdParser::Result> read = Startup::taskIds(m_options, true);
    if (!read)
        return unexpected(read.error());
    const TaskIdParser::Result &parsed = *read;
    if (!parsed.ok())
        return unexpected(Error::input(parsed.invalid.join(u"\n"_s)));
    if (parsed.ids.isEmpty() && !mayBeEmpty) {
        return unexpected(
            Error::input(tr("No task IDs given. Pass them as arguments (10,12,13 or 100-120), with "
                            "--ids-file FILE, or as - to read standard input.")));
    }
    return parsed.ids;
}

void HeadlessRunner::fail(int code, const QString &message)
{
    printError(message);
    finish(code);
}

bool HeadlessRunner::records() const
{
    return !m_options.profile.isEmpty() && !m_options.noRecord && !m_recordingFailed;
}

void HeadlessRunner::recordingFailed(const QString &why)
{
    m_recordingFailed = true;
    printError(tr("cannot record the tasks in the ledger (exit code 2 at the end; the tasks "
                  "are watched in memory only): %1")
                   .arg(why));
}

void HeadlessRunner::startMonitor(const QString &path, StartupJob::Target target)
{
    m_counts.reset();
    // The last start may be telling of its end right now.
    if (m_job)
        m_job.release()->deleteLater();
    m_monitor = std::make_unique<Monitor>();
    // The history wing follows the clears these commands see end (their
    // records and usage after), as the window does.
    HistoryService::of(m_monitor.get());
    // A one-shot command ends before v2's answers could be shown: no
    // request for them.
    m_monitor->setTaskTypesEnabled(false);
    // The ledger may hold many tasks of many connections: none is polled
    // until the watched ones are known.
    if (path != u":memory:")
        m_monitor->limitPollingTo(QSet<TaskKey>());
    StartupJob::Settings settings;
    settings.prepare = m_options;
    settings.ledgerPath = path;
    m_job = std::make_unique<StartupJob>(*m_monitor, std::move(target), settings);
    connect(m_job.get(), &StartupJob::finished, this, &HeadlessRunner::started);
    m_job->start();
}

void HeadlessRunner::start()
{
    m_startedAt = QDateTime::currentDateTimeUtc();
    const bool follows = records() && m_options.command == MonitorOptions::Command::Watch;
    const Expected<QList<qint64>> ids = readTaskIds(follows);
    if (!ids)
        return fail(UsageError, ids.error().message());
    m_ids = *ids;
    startMonitor(
        records() ? TaskStore::defaultPath() : u":memory:"_s, StartupJob::Target::of(m_options));
}

// The ledger cannot be written: the tasks are watched in memory instead,
// with the connection and credential already found.
void HeadlessRunner::watchInMemory(const QString &why)
{
    recordingFailed(why);
    startMonitor(u":memory:"_s, m_job->target());
}

void HeadlessRunner::started(const StartupJob::Result &result)
{
    if (!result) {
        const Error &error = result.error();
        const auto step = StartupJob::stepOf(error);
        const bool ledger =
            step == StartupJob::Step::Ledger || step == StartupJob::Step::Connection;
        if (ledger && records())
            return watchInMemory(error.message());
        return fail(UsageError, error.message());
    }
    m_connectionId = result->connectionId;

    const TaskStore *store = &m_monitor->tasks();
    if (m_ids.isEmpty()) {
        // watch --profile without IDs: every unfinished task of the connection.
        const QList<Task> recorded = store->tasks();
        for (const Task &task : recorded) {
            if (task.key.connectionId == m_connectionId && !task.isFinal())
                m_ids.append(task.key.taskId);
        }
    }
    // A private ledger holds the watched tasks alone: counted without a set
    // of a million keys to look them up in.
    QSet<TaskKey> watched;
    if (records()) {
        watched.reserve(m_ids.size());
        for (qint64 id : std::as_const(m_ids))
            watched.insert({m_connectionId, id});
    }
    // Before any signal is connected: the counts follow a transition first.
    m_counts = records() ? std::make_unique<TaskNotifier>(store, watched)
                         : std::make_unique<TaskNotifier>(store);
    // A query is answered once its cycle is through: after the store has
    // announced every change of that answer.
    connect(&m_monitor->polling(), &PollScheduler::cycleFinished, this,
        &HeadlessRunner::onCycleFinished);
    // In this order: a change is printed before it can end the watch.
    connect(store, &TaskStore::transitioned, this, &HeadlessRunner::onTransitioned);
    connect(store, &TaskStore::transitioned, this, &HeadlessRunner::checkDone);
    connect(&m_monitor->polling(), &PollScheduler::connectionStatusChanged, this,
        &HeadlessRunner::onConnectionStatus);
    if (m_options.command == MonitorOptions::Command::Watch && m_options.timeout && !m_deadline) {
        m_deadline = new QTimer(this);
        m_deadline->setSingleShot(true);
        connect(m_deadline, &QTimer::timeout, this,
            [this] { fail(GaveUp, tr("gave up: --timeout reached with tasks still running")); });
        m_deadline->start(*m_options.timeout);
    }
    if (const Expected<void> added = addWatchedTasks(); !added) {
        if (!records())
            return fail(UsageError, added.error().message());
        // A full ledger, say: the tasks are still watched, in memory.
        return watchInMemory(added.error().message());
    }
    if (records()) {
        m_monitor->limitPollingTo(watched);
        // A query asks now, even about a task another process asked lately.
        if (m_options.command == MonitorOptions::Command::Query)
            m_monitor->pollNow(m_connectionId);
    }
    if (m_ids.isEmpty()) {
        // Nothing unfinished to follow: an empty result.
        QTimer::singleShot(0, this, [this] { finish(Success); });
        return;
    }
    QTimer::singleShot(0, this, &HeadlessRunner::checkDone);
}

Expected<void> HeadlessRunner::addWatchedTasks()
{
    // A shared ledger takes them in one transaction (all or none); a
    // private one in slices: every addition is handed back as a list of
    // tasks, and a million of them at once cost more than the ledger itself.
    const qsizetype slice = records() ? std::max<qsizetype>(m_ids.size(), 1) : addSlice;
    for (qsizetype at = 0; at < m_ids.size(); at += slice) {
        const auto added = m_monitor->addTasks(m_connectionId, m_ids.mid(at, slice));
        if (!added)
            return unexpected(added.error());
    }
    return {};
}

namespace {

// What decides the exit code, gathered task by task.
struct ExitFlags
{
    bool failed = false;
    bool unknown = false;
    bool notFound = false;

    void add(const Task &task)
    {
        failed |= TaskStates::isFailure(task.state);
        unknown |= task.state == TaskState::Unknown;
        notFound |= task.state == TaskState::NotFound;
    }
    int code() const
    {
        if (failed)
            return HeadlessRunner::TaskFailed;
        if (unknown)
            return HeadlessRunner::UnknownStatus;
        if (notFound)
            return HeadlessRunner::NotFound;
        return HeadlessRunner::Success;
    }
};

} // namespace

int HeadlessRunner::exitCodeFor(const QList<Task> &tasks)
{
    ExitFlags flags;
    for (const Task &task : tasks)
        flags.add(task);
    return flags.code();
}

std::optional<Task> HeadlessRunner::watchedTask(qint64 id) const
{
    return m_monitor->tasks().task({m_connectionId, id});
}

QList<qint64> HeadlessRunner::presentIds() const
{
    QList<qint64> ids;
    ids.reserve(m_ids.size());
    for (qint64 id : m_ids) {
        if (m_monitor->tasks().contains({m_connectionId, id}))
            ids.append(id);
    }
    return ids;
}

int HeadlessRunner::run()
{
    QTimer::singleShot(0, this, &HeadlessRunner::start);
    return QCoreApplication::exec();
}

void HeadlessRunner::onCycleFinished()
{
    if (m_finished || m_options.command != MonitorOptions::Command::Query)
        return;
    // One answer per task is all a query wants. Answers only accumulate, so
    // the look resumes where the last one stopped: scanning every task after
    // every cycle was quadratic, minutes for a million tasks.
    for (; m_firstUnanswered < m_ids.size(); ++m_firstUnanswered) {
        const std::optional<Task> task =
            m_monitor->tasks().task({m_connectionId, m_ids.at(m_firstUnanswered)});
        // A recorded task that ended earlier is not asked again.
        if (task && !task->isFinal()
            && !(task->lastPolledAt.isValid() && task->lastPolledAt >= m_startedAt))
            return;
    }
    finish(Success);
}

void HeadlessRunner::onTransitioned(const QList<TaskTransition> &transitions)
{
    if (m_finished || m_options.output != MonitorOptions::Output::JsonLines)
        return;
    // A first sighting is the move out of Queued; every later line is a change.
    for (const TaskTransition &transition : transitions) {
        if (transition.to == TaskState::Queued)
            continue;
        Task task;
        if (const std::optional<Task> current = m_monitor->tasks().task(transition.key))
            task = *current;
        if (task.state != transition.to) // a later change in the same answer follows
            task.result.reset();
        task.key = transition.key;
        task.state = transition.to;
        task.status = transition.status;
        printEvent(task);
    }
    // Nobody reads what follows: watching on would be for nothing.
    if (outputFailed())
        finish(GaveUp);
}

void HeadlessRunner::checkDone()
{
    if (m_finished || m_options.command != MonitorOptions::Command::Watch)
        return;
    updateProgressLine();
    const TaskNotifier *tally = counts();
    if (tally->total() == 0 || tally->unfinished() > 0)
        return;
    ExitFlags flags;
    for (qint64 id : std::as_const(m_ids)) {
        if (const std::optional<Task> task = watchedTask(id))
            flags.add(*task);
    }
    finish(flags.code());
}

void HeadlessRunner::onConnectionStatus()
{
    if (m_finished)
        return;
    const PollScheduler::ConnectionStatus status = m_monitor->polling().status(m_connectionId);
    const SmhError tokenError = m_monitor->tokenError(m_connectionId);
    if (status.health == PollScheduler::Health::AuthRejected) {
        const SmhError error = tokenError.isError() ? tokenError : status.lastError;
        if (error.isConfigurationError()) {
            printError(tr("configuration error: %1").arg(error.toString()));
            finish(UsageError);
            return;
        }
        printError(tr("authentication failed: %1").arg(error.toString()));
        finish(AuthFailed);
        return;
    }
    if (status.health == PollScheduler::Health::ConfigError) {
        printError(tr("configuration error: %1").arg(status.lastError.toString()));
        finish(UsageError);
        return;
    }
    if (status.consecutiveFailures == 0)
        m_reportedFailures = 0;
    if (status.lastError.isError() && status.consecutiveFailures > 0) {
        const bool permanent = !status.lastError.isTransient();
        // The status is announced more than once per failure (the failure,
        // then the next attempt's schedule): one line per failed attempt.
        if (status.consecutiveFailures == m_reportedFailures)
            return;
        m_reportedFailures = status.consecutiveFailures;
        if (m_options.command == MonitorOptions::Command::Query || permanent) {
            printError(status.lastError.toString());
            finish(permanent && status.lastError.kind() == SmhError::Kind::InvalidInput ? UsageError
                                                                                        : GaveUp);
            return;
        }
        if (status.consecutiveFailures >= retryBudget) {
            printError(tr("gave up after %1 failed attempts: %2")
                           .arg(status.consecutiveFailures)
                           .arg(status.lastError.toString()));
            finish(GaveUp);
            return;
        }
        if (!m_options.quiet)
            printError(tr("%1 (attempt %2 of %3, retrying)")
                           .arg(status.lastError.toString())
                           .arg(status.consecutiveFailures)
                           .arg(retryBudget));
    }
    updateProgressLine();
}

void HeadlessRunner::updateProgressLine()
{
    if (!m_progress || m_finished || !counts())
        return;
    const QJsonObject summary = summaryOf(*counts());
    QStringList parts;
    for (TaskState state : summaryStates) {
        const int count = summary.value(TaskStates::key(state)).toInt();
        if (count)
            parts << u"%1 %2"_s.arg(count).arg(TaskStates::label(state).toLower());
    }
    const int queued = summary.value(TaskStates::key(TaskState::Queued)).toInt();
    if (queued)
        parts << u"%1 %2"_s.arg(queued).arg(TaskStates::label(TaskState::Queued).toLower());
    m_err << "\r\033[K"
          << tr("%Ln task(s): %1", nullptr, int(m_ids.size())).arg(parts.join(u", "_s))
          << Qt::flush;
}

void HeadlessRunner::printEvent(const Task &task)
{
    QJsonObject event {{u"time"_s, TaskJson::isoNow()}};
    const QJsonObject body = TaskJson::of(task);
    for (auto it = body.begin(); it != body.end(); ++it)
        event.insert(it.key(), it.value());
    m_out << QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)) << '\n'
          << Qt::flush;
}

void HeadlessRunner::printFinal()
{
    const QList<qint64> ids = presentIds();
    switch (m_options.output) {
    case MonitorOptions::Output::Json: {
        // Task by task: one document of a million tasks took gigabytes.
        TaskJson::writeDocument(m_out, summaryOf(*counts()), ids.size(),
            [this, &ids](qsizetype i) { return TaskJson::of(watchedTask(ids.at(i)).value()); });
        break;
    }
    case MonitorOptions::Output::JsonLines: {
        if (m_options.command == MonitorOptions::Command::Query) {
            for (qint64 id : ids) {
                if (m_out.status() != QTextStream::Ok)
                    break; // nobody reads the rest
                const Task task = watchedTask(id).value();
                if (task.state == TaskState::Queued) // never answered, never announced
                    printEvent(task);
            }
        }
        const QJsonObject line {{u"summary"_s, summaryOf(*counts())}};
        m_out << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << '\n';
        break;
    }
    case MonitorOptions::Output::Text:
        printTextTable(ids);
        break;
    }
    m_out.flush();
}

void HeadlessRunner::printTextTable(const QList<qint64> &ids)
{
    const QStringList headers = {tr("TASK ID"), tr("STATE"), tr("STATUS"), tr("SOURCE INODE"),
        tr("TARGET INODE"), tr("PATH")};
    auto row = [this, &ids](qsizetype i) {
        const Task task = watchedTask(ids.at(i)).value();
        return QStringList {QString::number(task.key.taskId), TaskStates::key(task.state),
            TaskJson::hasStatus(task) ? QString::number(task.status) : u"-"_s,
            task.result && !task.result->srcInode.isEmpty() ? task.result->srcInode : u"-"_s,
            task.result && !task.result->dstInode.isEmpty() ? task.result->dstInode : u"-"_s,
            task.result && !task.result->summaryPath().isEmpty() ? task.result->summaryPath()
                                                                 : u"-"_s};
    };
    TextTable::write(m_out, headers, ids.size(), row);
}

bool HeadlessRunner::outputFailed()
{
    if (!m_outputFailed && m_out.status() == QTextStream::WriteFailed) {
        m_outputFailed = true;
        printError(tr("cannot write the results to standard output: %1")
                       .arg(m_out.device()->errorString()));
    }
    return m_outputFailed;
}

void HeadlessRunner::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    // A ledger that could not be written is the operator's to fix: 2, even
    // when every task succeeded (the results are printed all the same).
    m_exitCode = m_recordingFailed ? int(UsageError) : code;
    if (m_deadline)
        m_deadline->stop();
    if (m_progress)
        m_err << "\r\033[K" << Qt::flush;
    // Results are printed for every outcome but usage errors: after a
    // timeout or a revoked token the last known states are still worth having,
    // and a script reading JSON always gets a document once polling started.
    if (code != UsageError && m_monitor && counts())
        printFinal();
    // Results nobody received are no success: given up on, below what a
    // usage or authentication error says.
    if (outputFailed() && m_exitCode != UsageError && m_exitCode != AuthFailed)
        m_exitCode = GaveUp;
    if (m_monitor)
        m_monitor->shutdown();
    QCoreApplication::exit(m_exitCode);
}
