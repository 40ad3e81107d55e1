#include "cli/historycommand.h"

#include "cli/fleetcommand.h"
#include "cli/headless.h"
#include "cli/subcommand.h"
#include "cli/taskjson.h"
#include "cli/texttable.h"

#include "history/cleanupreport.h"
#include "smh/redact.h"
#include "smh/tokenprovider.h"
#include "tasks/ledgersql.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/startup.h"
#include "tasks/taskstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString historyWord = u"history"_s;

// Absent: none; present: a whole number, or why not.
Expected<std::optional<int>> intOption(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return std::optional<int>();
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok)
        return unexpected(Error::input(HistoryCommand::tr("--%1 needs a whole number, not \"%2\".")
                                           .arg(name, parser.value(name))));
    return std::optional<int>(value);
}

QJsonValue bytesJson(const std::optional<qint64> &bytes)
{
    // As SMH sends sizes: a string of bytes (JSON numbers lose precision
    // past 2^53 in many readers).
    return bytes ? QJsonValue(QString::number(*bytes)) : QJsonValue(QJsonValue::Null);
}

int exitCodeFor(const SmhError &error)
{
    if (error.kind() == SmhError::Kind::InvalidInput)
        return HeadlessRunner::UsageError;
    if (error.isAuthError() || error.httpStatus() == 403
        || error.code() == u"WrongLibraryIdOrSecret")
        return HeadlessRunner::AuthFailed;
    return HeadlessRunner::GaveUp;
}

} // namespace

bool HistoryCommand::wanted(const QStringList &arguments)
{
    return namesSubcommand(arguments, historyWord, &HistoryCommand::declare);
}

void HistoryCommand::declare(QCommandLineParser &parser)
{
    parser.setApplicationDescription(parser.applicationDescription() + u"\n\n"_s
        + tr("Several libraries: history show --all (every saved profile) or --profile A "
             "--profile B; history clear --profile A --profile B ... --yes runs a cleanup "
             "campaign, at most --parallel libraries at once, with --output jsonl a JSON line "
             "per library and step. Run again after a crash, it follows the interrupted "
             "campaign and never sends a clear twice.\n\n"
             "Exit codes: 0 done; 1 a clear's task failed; 2 usage or input error, or refused "
             "for it (file history on without --disable-history, no credential); 3 task not "
             "found; 4 authentication failed or not an admin token; 5 gave up (unreachable, "
             "--timeout, rate limited, left undone); 6 an undocumented status; 7 a clear's "
             "outcome is unknown. Of several libraries, the worst in this order: 7, 2, 4, 5, "
             "1, 6, 3."));
    parser.addOptions({
        {u"enable"_s, tr("history set: turn file history on.")},
        {u"disable"_s, tr("history set: turn file history off.")},
        {u"count"_s, tr("history set: versions kept per file (1-999)."), tr("n")},
        {u"expire-days"_s, tr("history set: days versions are kept (0-999, 0 = never expire)."),
            tr("n")},
        {u"merge-interval"_s,
            tr("history set: seconds within which saves merge into one version (0 or 5-600)."),
            tr("seconds")},
        {u"yes"_s, tr("history clear: yes, delete every historical version of the library.")},
        {u"disable-history"_s, tr("history clear: turn file history off first when it is on.")},
        {u"no-wait"_s, tr("history clear: print the task ID and exit without watching it.")},
        {u"since"_s,
            tr("history report: only clears started on or after this ISO 8601 date or time."),
            tr("date")},
        {u"all"_s, tr("history show: every saved profile, side by side.")},
        {u"parallel"_s,
            tr("history show --all, and clear of several profiles: libraries at once (1-%1, "
               "default %2).")
                .arg(FleetCommand::maxParallel)
                .arg(FleetCommand::defaultParallel),
            tr("n")},
        {u"restore-settings"_s,
            tr("history clear of several profiles: put each library's file history settings "
               "back once its clear has finished.")},
    });
}

Expected<HistoryCommand::Options> HistoryCommand::fromParser(const QCommandLineParser &parser)
{
    Options options;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    if (action == u"show")
        options.action = Action::Show;
    else if (action == u"set")
        options.action = Action::Set;
    else if (action == u"clear")
        options.action = Action::Clear;
    else
        return unexpected(
            Error::input(tr("history needs show, set, clear or report, not \"%1\".").arg(action)));
    if (positional.size() > 2)
        return unexpected(Error::input(tr("Unexpected argument \"%1\".").arg(positional.at(2))));

    QStringList problems;
    if (parser.isSet(u"enable"_s) && parser.isSet(u"disable"_s))
        problems << tr("--enable and --disable contradict each other.");
    if (parser.isSet(u"enable"_s) || parser.isSet(u"disable"_s))
        options.change.enabled = parser.isSet(u"enable"_s);
    const std::pair<QString, std::optional<int> HistoryChange::*> numbers[] = {
        {u"count"_s, &HistoryChange::count},
        {u"expire-days"_s, &HistoryChange::expireDays},
        {u"merge-interval"_s, &HistoryChange::mergeInterval},
    };
    for (const auto &[name, field] : numbers) {
        if (const auto value = intOption(parser, name))
            options.change.*field = *value;
        else
            problems << value.error().message();
    }
    options.yes = parser.isSet(u"yes"_s);
    options.disableHistory = parser.isSet(u"disable-history"_s);
    options.noWait = parser.isSet(u"no-wait"_s);
    if (options.action == Action::Set) {
        // Ranges now, before anything is sent; the first-enable rule once the
        // current settings are known.
        HistorySettings known;
        known.count = 1;
        known.expireDays = 0;
        problems << options.change.validate(known);
    } else if (!options.change.isEmpty()) {
        problems << tr("--enable, --disable, --count, --expire-days and --merge-interval belong "
                       "to history set.");
    }
    if (!problems.isEmpty())
        return unexpected(Error::input(problems.join(u'\n')));
    return options;
}

bool HistoryCommand::wantsReport(const QCommandLineParser &parser)
{
    return parser.positionalArguments().value(1) == u"report";
}

Expected<QDateTime> HistoryCommand::parseSince(const QString &text)
{
    if (const QDate date = QDate::fromString(text, Qt::ISODate); date.isValid())
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        return unexpected(Error::input(tr("--since needs an ISO 8601 date such as 2026-01-31 or "
                                          "2026-01-31T08:00:00Z, not \"%1\".")
                                           .arg(text)));
    if (when.timeSpec() == Qt::LocalTime)
        when.setTimeSpec(Qt::UTC);
    return when.toUTC();
}

int HistoryCommand::report(const QCommandLineParser &parser)
{
    auto fail = [](int code, const QString &message) {
        std::fprintf(stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(message)));
        return code;
    };
    if (parser.positionalArguments().size() > 2)
        return fail(HeadlessRunner::UsageError,
            tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().at(2)));
    const QString output = parser.value(u"output"_s);
    const bool json = output == u"json";
    if (!output.isEmpty() && output != u"csv" && !json)
        return fail(HeadlessRunner::UsageError,
            tr("history report writes csv or json, not \"%1\".").arg(output));
    QDateTime since;
    if (parser.isSet(u"since"_s)) {
        const auto parsed = parseSince(parser.value(u"since"_s));
        if (!parsed)
            return fail(HeadlessRunner::UsageError, parsed.error().message());
        since = *parsed;
    }
    // No ledger yet: nothing was ever cleared from this account, an empty
    // report (and none is created for it).
    TaskStore store;
    std::optional<HistoryLedger> ledger;
    QList<Connection> connections;
    if (TaskStore::exists(TaskStore::defaultPath())) {
        if (const Expected<void> opened = store.open(TaskStore::defaultPath()); !opened)
            return fail(LedgerLocation::isPostgres(TaskStore::defaultPath())
                    ? HeadlessRunner::UsageError // a team ledger out of reach: configuration
                    : HeadlessRunner::GaveUp,
                tr("Cannot read the task ledger: %1").arg(opened.error().message()));
        ledger.emplace(&store);
        connections = store.connections();
    }
    const CleanupReport report =
        ledger ? CleanupReport::fromLedger(*ledger, connections, since) : CleanupReport({});
    const QByteArray data =
        json ? report.toJson(QDateTime::currentDateTimeUtc(), since) : report.toCsv();
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly) || out.write(data) != data.size())
        return fail(
            HeadlessRunner::GaveUp, tr("Cannot write the report: %1").arg(out.errorString()));
    return HeadlessRunner::Success;
}

int HistoryCommand::run(const QCommandLineParser &parser, const MonitorOptions &options)
{
    if (FleetCommand::wanted(parser))
        return FleetCommand::run(parser, options);
    const auto parsed = fromParser(parser);
    if (!parsed) {
        std::fprintf(
            stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(parsed.error().message())));
        return HeadlessRunner::UsageError;
    }
    HistoryCommand command(options, *parsed);
    QTimer::singleShot(0, &command, &HistoryCommand::prepare);
    const int code = QCoreApplication::exec();
    command.m_monitor->shutdown();
    return code;
}

HistoryCommand::HistoryCommand(MonitorOptions monitorOptions, Options options, QObject *parent)
    : QObject(parent)
    , m_monitorOptions(std::move(monitorOptions))
    , m_options(std::move(options))
    , m_out(stdout)
    , m_err(stderr)
{ }

HistoryCommand::~HistoryCommand() = default;

void HistoryCommand::printError(const QString &message)
{
    m_err << "smh-task-monitor: " << Redact::text(message) << Qt::endl;
}

QString HistoryCommand::bytes(qint64 value) const
{
    return QLocale().formattedDataSize(value, 1, QLocale::DataSizeIecFormat);
}

void HistoryCommand::prepare()
{
    // A clear is recorded in the user's ledger so that the window shows it;
    // the demo's library dies with the process, and reads record nothing.
    // `show` reads the clears recorded there (an unknown outcome among them)
    // when the user has a ledger; it creates none.
    const bool recorded = !m_monitorOptions.demo
        && (m_options.action != Action::Show || TaskStore::exists(TaskStore::defaultPath()));
    m_monitor = std::make_unique<Monitor>();
    m_history = HistoryService::of(m_monitor.get());
    m_history->setFace(tr("command"));
    // The ledger may be the window's: its tasks are the window's to poll.
    // This command polls the clear's task alone (added from now on).
    const QDateTime started = QDateTime::currentDateTimeUtc().addMSecs(-1);
    m_monitor->setTaskFilter(
        [started](const Task &task) { return task.libraryLevel && task.addedAt >= started; });
    StartupJob::Settings settings;
    settings.prepare = m_monitorOptions;
    settings.ledgerPath = recorded ? TaskStore::defaultPath() : u":memory:"_s;
    m_job = std::make_unique<StartupJob>(
        *m_monitor, StartupJob::Target::of(m_monitorOptions), settings);
    connect(m_job.get(), &StartupJob::finished, this, &HistoryCommand::prepared);
    m_job->start();
}

void HistoryCommand::prepared(const StartupJob::Result &result)
{
    if (!result) {
        printError(result.error().message());
        return finish(HeadlessRunner::UsageError);
    }
    m_connectionId = result->connectionId;
    if (m_monitorOptions.timeout) {
        QTimer::singleShot(*m_monitorOptions.timeout, this, [this] {
            printError(tr("gave up: --timeout reached"));
            if (m_started)
                printClearResult(m_monitor->tasks().task(m_started->record.task).value_or(Task {}));
            finish(HeadlessRunner::GaveUp);
        });
    }
    start();
}

void HistoryCommand::start()
{
    switch (m_options.action) {
    case Action::Show:
        show();
        break;
    case Action::Set:
        set();
        break;
    case Action::Clear:
        clear();
        break;
    }
}

void HistoryCommand::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    // A token minted for the command is deleted before it exits (briefly).
    m_history->whenTokensReleased(this, [code] { QCoreApplication::exit(code); });
}

void HistoryCommand::show()
{
    HistoryService *history = m_history;
    history->readSettings(m_connectionId, this, [this, history](auto settings) {
        if (!settings) {
            printError(settings.error().toString());
            finish(exitCodeFor(settings.error()));
            return;
        }
        history->sampleUsage(m_connectionId, this,
            [this, settings = *settings](Expected<UsageReading, SmhError> usage) {
                const ConnectionSettings connection =
                    m_monitor->tasks().connection(m_connectionId)->settings;
                if (m_monitorOptions.output != MonitorOptions::Output::Text) {
                    QJsonObject document {
                        {u"library"_s, connection.libraryId}, {u"settings"_s, settings.raw}};
                    if (usage) {
                        document.insert(u"usage"_s,
                            QJsonObject {{u"totalFileSize"_s, bytesJson(usage->libraryBytes)}});
                        if (usage->spaceBytes)
                            document.insert(u"space"_s,
                                QJsonObject {{u"spaceId"_s, connection.spaceId},
                                    {u"size"_s, bytesJson(usage->spaceBytes)}});
                    } else {
                        document.insert(u"usage"_s, QJsonValue::Null);
                        document.insert(u"usageError"_s, Redact::text(usage.error().toString()));
                    }
                    if (const auto last = lastClear())
                        document.insert(u"lastClear"_s, clearJson(*last));
                    m_out << QString::fromUtf8(QJsonDocument(document).toJson(
                        m_monitorOptions.output == MonitorOptions::Output::Json
                            ? QJsonDocument::Indented
                            : QJsonDocument::Compact));
                    if (m_monitorOptions.output == MonitorOptions::Output::JsonLines)
                        m_out << '\n';
                    finish(HeadlessRunner::Success);
                    return;
                }
                auto orDash = [](const std::optional<int> &value) {
                    return value ? QString::number(*value) : u"-"_s;
                };
                QList<QStringList> rows = {
                    {tr("Library"), connection.libraryId},
                    {tr("File history"), settings.enabled ? tr("on") : tr("off")},
                    {tr("Versions kept"), orDash(settings.count)},
                    {tr("Days kept (0 = never expire)"), orDash(settings.expireDays)},
                    {tr("Merge interval (s)"), orDash(settings.mergeInterval)},
                };
                if (usage) {
                    rows << QStringList {tr("Library usage"),
                        tr("%1 (%2 bytes)")
                            .arg(bytes(usage->libraryBytes))
                            .arg(usage->libraryBytes)};
                    if (usage->spaceBytes)
                        rows << QStringList {tr("Space %1").arg(connection.spaceId),
                            tr("%1 (%2 bytes)")
                                .arg(bytes(*usage->spaceBytes))
                                .arg(*usage->spaceBytes)};
                } else {
                    rows << QStringList {tr("Library usage"), usage.error().toString()};
                }
                if (const auto last = lastClear()) {
                    rows << QStringList {tr("Last clear"),
                        tr("%1 (%2)").arg(last->outcomeLabel(),
                            QLocale().toString(
                                last->startedAt.toLocalTime(), QLocale::ShortFormat))};
                    if (!last->detail.isEmpty())
                        rows << QStringList {QString(), last->detail};
                    if (last->leftHistoryOff())
                        rows << QStringList {QString(),
                            tr("File history was turned off for it and may still be off.")};
                }
                m_out << TextTable::render({tr("SETTING"), tr("VALUE")}, rows);
                m_out << tr("SMH's usage figures can lag well behind under load.") << '\n';
                finish(HeadlessRunner::Success);
            });
    });
}

void HistoryCommand::set()
{
    HistoryService *history = m_history;
    history->readSettings(m_connectionId, this, [this, history](auto current) {
        if (!current) {
            printError(current.error().toString());
            finish(exitCodeFor(current.error()));
            return;
        }
        if (const QStringList problems = m_options.change.validate(*current); !problems.isEmpty()) {
            printError(problems.join(u' '));
            finish(HeadlessRunner::UsageError);
            return;
        }
        history->applySettings(m_connectionId, m_options.change, *current, this,
            [this](Expected<bool, SmhError> written) {
                if (!written) {
                    printError(written.error().toString());
                    finish(exitCodeFor(written.error()));
                    return;
                }
                if (m_monitorOptions.output == MonitorOptions::Output::Text)
                    m_out << tr("File history settings sent; a change can take about a minute "
                                "to apply.")
                          << '\n';
                else
                    m_out << QString::fromUtf8(
                        QJsonDocument(QJsonObject {{u"applied"_s, m_options.change.toJson()}})
                            .toJson(QJsonDocument::Compact))
                          << '\n';
                finish(HeadlessRunner::Success);
            });
    });
}

void HistoryCommand::clear()
{
    const QString libraryId = m_monitor->tasks().connection(m_connectionId)->settings.libraryId;
    if (!m_options.yes) {
        // A person at a terminal may confirm by typing the library ID; a
        // script must say --yes.
        bool confirmed = false;
        if (::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO)) {
            m_err << tr("This deletes every historical version of library %1 and cannot be "
                        "undone. Type the library ID to go on: ")
                         .arg(libraryId)
                  << Qt::flush;
            QFile in;
            if (in.open(stdin, QIODevice::ReadOnly))
                confirmed = QString::fromLocal8Bit(in.readLine(1024)).trimmed() == libraryId;
        }
        if (!confirmed) {
            printError(tr("Nothing was changed: clearing historical versions of library %1 is "
                          "irreversible; pass --yes to confirm.")
                           .arg(libraryId));
            finish(HeadlessRunner::UsageError);
            return;
        }
    }
    ClearOptions options;
    options.disableHistoryFirst = m_options.disableHistory;
    m_history->clearHistory(
        m_connectionId, options, this, [this](const Expected<ClearStarted> &started) {
            if (!started) {
                const bool historyOn =
                    ClearRefusal::of(started.error()).reason == ClearRefusal::Reason::HistoryOn;
                printError(historyOn ? started.error().message() + u' '
                            + tr("Nothing was changed; pass --disable-history to turn it off "
                                 "first.")
                                     : started.error().message());
                printRefusal(started.error());
                finish(refusalExitCode(started.error()));
                return;
            }
            m_started = *started;
            const qint64 taskId = started->record.task.taskId;
            switch (m_monitorOptions.output) {
            case MonitorOptions::Output::Text:
                m_out << taskId << Qt::endl;
                break;
            case MonitorOptions::Output::JsonLines:
                m_out << QString::fromUtf8(
                    QJsonDocument(QJsonObject {{u"time"_s, TaskJson::isoNow()},
                                      {u"taskId"_s, taskId}, {u"state"_s, u"started"_s},
                                      {u"usageBefore"_s, bytesJson(started->record.usageBefore)}})
                        .toJson(QJsonDocument::Compact))
                      << Qt::endl;
                break;
            case MonitorOptions::Output::Json:
                if (m_options.noWait)
                    m_out << QString::fromUtf8(QJsonDocument(
                        QJsonObject {{u"taskId"_s, taskId},
                            {u"usageBefore"_s, bytesJson(started->record.usageBefore)}})
                                                   .toJson(QJsonDocument::Indented));
                break;
            }
            if (m_options.noWait) {
                finish(HeadlessRunner::Success);
                return;
            }
            watch(*started);
        });
}

std::optional<CleanupRecord> HistoryCommand::lastClear() const
{
    const auto connection = m_monitor->tasks().connection(m_connectionId);
    if (!connection)
        return std::nullopt;
    const QList<CleanupRecord> records =
        m_history->ledger()->cleanups(LibraryKey::of(connection->settings));
    if (records.isEmpty())
        return std::nullopt;
    return records.constFirst();
}

int HistoryCommand::refusalExitCode(const Error &refused)
{
    switch (ClearRefusal::of(refused).reason) {
    case ClearRefusal::Reason::NotAdmin:
    case ClearRefusal::Reason::AuthFailed:
        return HeadlessRunner::AuthFailed;
    case ClearRefusal::Reason::HistoryOn:
    case ClearRefusal::Reason::NoConnection:
        return HeadlessRunner::UsageError;
    case ClearRefusal::Reason::OutcomeUnknown:
    case ClearRefusal::Reason::AcceptedUntracked:
        return HeadlessRunner::OutcomeUnknown;
    case ClearRefusal::Reason::RateLimited:
    case ClearRefusal::Reason::Busy:
    case ClearRefusal::Reason::Failed:
        break;
    }
    const bool invalid = refused.smh() && refused.smh()->kind() == SmhError::Kind::InvalidInput;
    return invalid ? HeadlessRunner::UsageError : HeadlessRunner::GaveUp;
}

QJsonObject HistoryCommand::clearJson(const CleanupRecord &record)
{
    auto time = [](const QDateTime &at) {
        return at.isValid() ? QJsonValue(at.toString(Qt::ISODateWithMs)) : QJsonValue();
    };
    QJsonObject object {{u"state"_s, CleanupRecord::phaseKey(record.phase)},
        {u"startedAt"_s, time(record.startedAt)}, {u"sentAt"_s, time(record.sentAt)},
        {u"finishedAt"_s, time(record.finishedAt)},
        {u"taskId"_s, record.task.taskId != 0 ? QJsonValue(record.task.taskId) : QJsonValue()},
        {u"outcome"_s, record.outcome.isEmpty() ? QJsonValue() : QJsonValue(record.outcome)},
        {u"detail"_s, record.detail}, {u"historyLeftOff"_s, record.leftHistoryOff()},
        {u"origin"_s, record.origin}};
    return object;
}

void HistoryCommand::printRefusal(const Error &refused)
{
    const ClearRefusal refusal = ClearRefusal::of(refused);
    if (m_monitorOptions.output == MonitorOptions::Output::Text || !refusal.record)
        return;
    // Scripts read what became of the attempt, not only the exit code.
    QJsonObject document = clearJson(*refusal.record);
    document.insert(u"time"_s, TaskJson::isoNow());
    document.insert(u"sent"_s, refusal.record->wasSent());
    document.insert(u"message"_s, Redact::text(refused.message()));
    document.insert(u"usageBefore"_s, bytesJson(refusal.record->usageBefore));
    m_out << QString::fromUtf8(QJsonDocument(document).toJson(
        m_monitorOptions.output == MonitorOptions::Output::Json ? QJsonDocument::Indented
                                                                : QJsonDocument::Compact));
    if (m_monitorOptions.output == MonitorOptions::Output::JsonLines)
        m_out << '\n';
}

void HistoryCommand::watch(const ClearStarted &started)
{
    const qint64 tracking = started.record.task.connectionId;
    connect(&m_monitor->tasks(), &TaskStore::tasksChanged, this, &HistoryCommand::onTaskChanged);
    connect(&m_monitor->polling(), &PollScheduler::connectionStatusChanged, this,
        [this, tracking](qint64 connectionId) {
            if (connectionId != tracking || m_finished)
                return;
            const auto status = m_monitor->polling().status(tracking);
            if (status.health == PollScheduler::Health::AuthRejected) {
                printError(tr("authentication failed: %1").arg(status.lastError.toString()));
                finish(HeadlessRunner::AuthFailed);
            } else if (status.consecutiveFailures >= HeadlessRunner::retryBudget) {
                printError(tr("gave up after %1 failed attempts: %2")
                               .arg(status.consecutiveFailures)
                               .arg(status.lastError.toString()));
                finish(HeadlessRunner::GaveUp);
            }
        });
}

void HistoryCommand::onTaskChanged(const QList<Task> &tasks)
{
    if (m_finished || !m_started)
        return;
    for (const Task &task : tasks) {
        if (task.key != m_started->record.task)
            continue;
        if (m_monitorOptions.output == MonitorOptions::Output::JsonLines
            && task.state != TaskState::Queued && m_announced != task.state) {
            m_announced = task.state;
            QJsonObject event = TaskJson::of(task);
            event.remove(u"result"_s);
            event.insert(u"time"_s, TaskJson::isoNow());
            m_out << QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact))
                  << Qt::endl;
        }
        if (!task.isFinal() || m_ending)
            continue;
        m_ending = true;
        if (const auto record = m_history->ledger()->cleanupForTask(task.key))
            m_started->record = *record;
        // The usage after, read once now (it may still lag), then the result.
        m_history->sampleUsage(m_started->record.connectionId, this,
            [this, task](Expected<UsageReading, SmhError> usage) {
                if (usage)
                    m_started->record.usageAfter = usage->libraryBytes;
                printClearResult(task);
                finish(HeadlessRunner::exitCodeFor({task}));
            });
        return;
    }
}

void HistoryCommand::printClearResult(const Task &task)
{
    if (m_finished || !m_started)
        return;
    // v2's count, when the service has it by now.
    if (const auto record = m_history->ledger()->cleanupForTask(task.key);
        record && record->deleteCount)
        m_started->record.deleteCount = record->deleteCount;
    const CleanupRecord &record = m_started->record;
    switch (m_monitorOptions.output) {
    case MonitorOptions::Output::Json:
    case MonitorOptions::Output::JsonLines: {
        const QJsonObject taskObject = TaskJson::of(task);
        QJsonObject summary {{TaskStates::key(task.state), 1}, {u"total"_s, 1}};
        QJsonObject document {{u"summary"_s, summary},
            {u"usageBefore"_s, bytesJson(record.usageBefore)},
            {u"usageAfter"_s, bytesJson(record.usageAfter)},
            {u"deleteCount"_s,
                record.deleteCount ? QJsonValue(*record.deleteCount) : QJsonValue()}};
        if (m_monitorOptions.output == MonitorOptions::Output::Json) {
            document.insert(u"tasks"_s, QJsonArray {taskObject});
            m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
        } else {
            m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Compact))
                  << '\n';
        }
        break;
    }
    case MonitorOptions::Output::Text: {
        auto size = [this](const std::optional<qint64> &value) {
            return value ? bytes(*value) : u"-"_s;
        };
        const auto freed = record.freedBytes();
        m_out << TextTable::render(
            {tr("TASK ID"), tr("STATE"), tr("STATUS"), tr("DELETED VERSIONS"), tr("USAGE BEFORE"),
                tr("USAGE AFTER"), tr("FREED")},
            {{QString::number(task.key.taskId), TaskStates::key(task.state),
                TaskJson::hasStatus(task) ? QString::number(task.status) : u"-"_s,
                record.deleteCount ? QString::number(*record.deleteCount) : u"-"_s,
                size(record.usageBefore), size(record.usageAfter), size(freed)}});
        break;
    }
    }
    m_out.flush();
}
