#include "cli/headless.h"

#include "cli/texttable.h"

#include "smh/redact.h"
#include "smh/secretstore.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskidparser.h"
#include "tasks/taskstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QList<TaskState> summaryStates = {TaskState::Running, TaskState::Succeeded,
    TaskState::SucceededNoResult, TaskState::Failed, TaskState::PartlyFailed, TaskState::NotFound,
    TaskState::Unknown};

QJsonObject summaryOf(const QList<Task> &tasks)
{
    QHash<TaskState, int> counts;
    for (const Task &task : tasks)
        ++counts[task.state];
    QJsonObject summary;
    for (TaskState state : summaryStates)
        summary.insert(TaskStates::key(state), counts.value(state));
    if (counts.value(TaskState::Queued))
        summary.insert(TaskStates::key(TaskState::Queued), counts.value(TaskState::Queued));
    summary.insert(u"total"_s, int(tasks.size()));
    return summary;
}

QJsonObject taskJson(const Task &task)
{
    QJsonObject object {{u"taskId"_s, task.key.taskId}, {u"state"_s, TaskStates::key(task.state)}};
    object.insert(
        u"status"_s, task.status ? QJsonValue(task.status) : QJsonValue(QJsonValue::Null));
    if (task.result)
        object.insert(u"result"_s, task.result->toJson());
    return object;
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
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
    m_err << "smh-task-monitor: " << Redact::text(message) << Qt::endl;
}

QList<qint64> HeadlessRunner::readTaskIds(QString *error)
{
    QString text = m_options.taskIdArguments.join(u' ');
    if (!m_options.idsFile.isEmpty()) {
        QString fileError;
        const TaskIdParser::Result fromFile =
            TaskIdParser::parseFile(m_options.idsFile, &fileError);
        if (!fileError.isEmpty()) {
            *error = fileError;
            return {};
        }
        if (!fromFile.ok()) {
            *error = fromFile.invalid.join(u"\n"_s);
            return {};
        }
        for (qint64 id : fromFile.ids)
            text += u' ' + QString::number(id);
    }
    if (m_options.idsFromStdin) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            *error = tr("Cannot read task IDs from standard input.");
            return {};
        }
        text += u' ' + QString::fromUtf8(in.readAll());
    }
    const TaskIdParser::Result parsed = TaskIdParser::parse(text);
    if (!parsed.ok()) {
        *error = parsed.invalid.join(u"\n"_s);
        return {};
    }
    if (parsed.ids.isEmpty()) {
        *error = tr("No task IDs given. Pass them as arguments (10,12,13 or 100-120), with "
                    "--ids-file FILE, or as - to read standard input.");
        return {};
    }
    return parsed.ids;
}

bool HeadlessRunner::prepare(QString *error, int *code)
{
    *code = UsageError;
    m_ids = readTaskIds(error);
    if (m_ids.isEmpty())
        return false;

    m_monitor = std::make_unique<Monitor>();
    m_monitor->setDemoMode(m_options.demo);
    if (!m_monitor->openStore(u":memory:"_s, error))
        return false;

    {
        Connection connection;
        QString token = m_options.accessToken;
        QString secret = m_options.librarySecret;
        if (!m_options.profile.isEmpty()) {
            // A connection saved from the window: its settings from the
            // ledger, its credentials from the keychain.
            TaskStore saved;
            QString openError;
            if (!saved.open(TaskStore::defaultPath(), &openError)) {
                *error = tr("Cannot read saved profiles: %1").arg(openError);
                return false;
            }
            const QList<Connection> connections = saved.connections();
            const auto it =
                std::find_if(connections.cbegin(), connections.cend(), [this](const Connection &c) {
                    return c.name == m_options.profile
                        || c.settings.displayName() == m_options.profile;
                });
            if (it == connections.cend()) {
                *error = tr("There is no saved profile named \"%1\".").arg(m_options.profile);
                return false;
            }
            connection = *it;
            if (token.isEmpty() && secret.isEmpty()) {
                SecretStore secrets;
                QEventLoop loop;
                QString stored;
                QString readError;
                secrets.read(it->id, [&](const QString &value, const QString &problem) {
                    stored = value;
                    readError = problem;
                    loop.quit();
                });
                loop.exec();
                if (stored.isEmpty() && !readError.isEmpty()) {
                    // Say why, not just "no credentials": a refused secrets file, say.
                    *error = tr("The credentials of profile \"%1\" cannot be read: %2")
                                 .arg(m_options.profile, readError);
                    return false;
                }
                (it->authKind == AuthKind::LibrarySecret ? secret : token) = stored;
            }
            connection.id = 0;
        } else {
            if (!m_options.connectionGiven) {
                *error =
                    tr("No library given: use --library ID (or SMH_LIBRARY_ID), --profile NAME, "
                       "or --demo.");
                return false;
            }
            connection.settings = m_options.connection;
            connection.name = m_options.connectionName;
        }
        if (token.isEmpty() && secret.isEmpty()) {
            *error = tr("No credentials: set SMH_ACCESS_TOKEN or SMH_LIBRARY_SECRET, or use "
                        "--token-file / --secret-file.");
            return false;
        }
        const QStringList problems = connection.settings.validate();
        if (!problems.isEmpty()) {
            *error = problems.join(u' ');
            return false;
        }
        connection.authKind = secret.isEmpty() ? AuthKind::AccessToken : AuthKind::LibrarySecret;
        m_connectionId = m_monitor->addConnection(connection);
        if (m_connectionId == 0) {
            *error = m_monitor->store()->lastError();
            return false;
        }
        if (secret.isEmpty())
            m_monitor->setAccessToken(m_connectionId, token);
        else
            m_monitor->setLibrarySecret(m_connectionId, secret);
    }

    PollPlanner::Options planner;
    if (m_options.interval)
        planner.baseInterval = *m_options.interval;
    if (m_options.maxInterval)
        planner.maxInterval = *m_options.maxInterval;
    planner.maxInterval = std::max(planner.maxInterval, planner.baseInterval);
    m_monitor->scheduler()->setOptions(planner);
    *code = Success;
    return true;
}

int HeadlessRunner::exitCodeFor(const QList<Task> &tasks)
{
    bool failed = false;
    bool unknown = false;
    bool notFound = false;
    for (const Task &task : tasks) {
        failed |= TaskStates::isFailure(task.state);
        unknown |= task.state == TaskState::Unknown;
        notFound |= task.state == TaskState::NotFound;
    }
    if (failed)
        return TaskFailed;
    if (unknown)
        return UnknownStatus;
    if (notFound)
        return NotFound;
    return Success;
}

QList<Task> HeadlessRunner::currentTasks() const
{
    QList<Task> tasks;
    tasks.reserve(m_ids.size());
    for (qint64 id : m_ids) {
        if (const auto task = m_monitor->store()->task({m_connectionId, id}))
            tasks.append(*task);
    }
    return tasks;
}

int HeadlessRunner::run()
{
    QString error;
    int code = Success;
    if (!prepare(&error, &code)) {
        printError(error);
        return code;
    }

    connect(m_monitor->store(), &TaskStore::tasksChanged, this, &HeadlessRunner::onTasksChanged);
    connect(m_monitor->scheduler(), &PollScheduler::connectionStatusChanged, this,
        &HeadlessRunner::onConnectionStatus);
    if (m_options.command == MonitorOptions::Command::Watch && m_options.timeout) {
        m_deadline = new QTimer(this);
        m_deadline->setSingleShot(true);
        connect(m_deadline, &QTimer::timeout, this, [this] {
            printError(tr("gave up: --timeout reached with tasks still running"));
            finish(GaveUp);
        });
        m_deadline->start(*m_options.timeout);
    }
    m_monitor->addTasks(m_connectionId, m_ids);

    QTimer::singleShot(0, this, &HeadlessRunner::checkDone);
    while (!m_finished)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    m_monitor->shutdown();
    return m_exitCode;
}

void HeadlessRunner::onTasksChanged(const QList<Task> &tasks)
{
    if (m_finished)
        return;
    if (m_options.output == MonitorOptions::Output::JsonLines) {
        for (const Task &task : tasks) {
            if (task.state == TaskState::Queued)
                continue;
            const auto it = m_announced.constFind(task.key.taskId);
            if (it != m_announced.cend() && *it == task.state)
                continue;
            m_announced.insert(task.key.taskId, task.state);
            printEvent(task);
        }
    }
    if (m_options.command == MonitorOptions::Command::Query) {
        // One answer per task is all a query wants.
        const QList<Task> all = currentTasks();
        const bool answered = std::all_of(
            all.cbegin(), all.cend(), [](const Task &task) { return task.lastPolledAt.isValid(); });
        if (answered)
            finish(Success);
        return;
    }
    checkDone();
}

void HeadlessRunner::checkDone()
{
    if (m_finished || m_options.command != MonitorOptions::Command::Watch)
        return;
    updateProgressLine();
    const QList<Task> tasks = currentTasks();
    const bool allFinal = !tasks.isEmpty()
        && std::all_of(
            tasks.cbegin(), tasks.cend(), [](const Task &task) { return task.isFinal(); });
    if (allFinal)
        finish(exitCodeFor(tasks));
}

void HeadlessRunner::onConnectionStatus()
{
    if (m_finished)
        return;
    const PollScheduler::ConnectionStatus status = m_monitor->scheduler()->status(m_connectionId);
    TokenProvider *tokens = m_monitor->tokens(m_connectionId);
    if (status.health == PollScheduler::Health::AuthRejected) {
        const SmhError error =
            tokens && tokens->lastError().isError() ? tokens->lastError() : status.lastError;
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
    if (!m_progress || m_finished)
        return;
    const QJsonObject summary = summaryOf(currentTasks());
    QStringList parts;
    for (TaskState state : summaryStates) {
        const int count = summary.value(TaskStates::key(state)).toInt();
        if (count)
            parts << u"%1 %2"_s.arg(count).arg(TaskStates::label(state).toLower());
    }
    const int queued = summary.value(TaskStates::key(TaskState::Queued)).toInt();
    if (queued)
        parts << u"%1 %2"_s.arg(queued).arg(TaskStates::label(TaskState::Queued).toLower());
    m_err << "\r\033[K" << tr("%1 tasks: %2").arg(m_ids.size()).arg(parts.join(u", "_s))
          << Qt::flush;
}

void HeadlessRunner::printEvent(const Task &task)
{
    QJsonObject event {{u"time"_s, isoNow()}};
    const QJsonObject body = taskJson(task);
    for (auto it = body.begin(); it != body.end(); ++it)
        event.insert(it.key(), it.value());
    m_out << QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)) << '\n'
          << Qt::flush;
}

void HeadlessRunner::printFinal()
{
    const QList<Task> tasks = currentTasks();
    switch (m_options.output) {
    case MonitorOptions::Output::Json: {
        QJsonArray array;
        for (const Task &task : tasks)
            array.append(taskJson(task));
        const QJsonObject document {{u"tasks"_s, array}, {u"summary"_s, summaryOf(tasks)}};
        m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
        break;
    }
    case MonitorOptions::Output::JsonLines: {
        if (m_options.command == MonitorOptions::Command::Query) {
            for (const Task &task : tasks) {
                if (!m_announced.contains(task.key.taskId))
                    printEvent(task);
            }
        }
        const QJsonObject line {{u"summary"_s, summaryOf(tasks)}};
        m_out << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << '\n';
        break;
    }
    case MonitorOptions::Output::Text: {
        const QStringList headers = {tr("TASK ID"), tr("STATE"), tr("STATUS"), tr("SOURCE INODE"),
            tr("TARGET INODE"), tr("PATH")};
        QList<QStringList> rows;
        for (const Task &task : tasks) {
            rows << QStringList {QString::number(task.key.taskId), TaskStates::key(task.state),
                task.status ? QString::number(task.status) : u"-"_s,
                task.result && !task.result->srcInode.isEmpty() ? task.result->srcInode : u"-"_s,
                task.result && !task.result->dstInode.isEmpty() ? task.result->dstInode : u"-"_s,
                task.result && !task.result->summaryPath().isEmpty() ? task.result->summaryPath()
                                                                     : u"-"_s};
        }
        m_out << TextTable::render(headers, rows);
        break;
    }
    }
    m_out.flush();
}

void HeadlessRunner::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = code;
    if (m_deadline)
        m_deadline->stop();
    if (m_progress)
        m_err << "\r\033[K" << Qt::flush;
    // Results are printed for every outcome but usage errors: after a
    // timeout or a revoked token the last known states are still worth having,
    // and a script reading JSON always gets a document once polling started.
    if (code != UsageError)
        printFinal();
}
