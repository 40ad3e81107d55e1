#include "cli/fleetcommand.h"

#include "cli/fleetexit.h"
#include "cli/headless.h"
#include "cli/historycommand.h"
#include "cli/texttable.h"

#include "smh/redact.h"
#include "smh/secretstore.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/startup.h"
#include "tasks/taskstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// How long the keychain may take to hand over every profile's credential.
constexpr std::chrono::seconds credentialDeadline {30};

// The options of one connection, which a fleet takes from each profile.
const QStringList connectionOptions = {u"endpoint"_s, u"library"_s, u"space"_s, u"library-level"_s,
    u"user-id"_s, u"token-file"_s, u"secret-file"_s, u"ca-file"_s};
const QStringList setOptions = {
    u"enable"_s, u"disable"_s, u"count"_s, u"expire-days"_s, u"merge-interval"_s};
const QStringList clearOptions = {u"yes"_s, u"disable-history"_s, u"restore-settings"_s};

QJsonValue bytesJson(const std::optional<qint64> &bytes)
{
    // As SMH sends sizes: a string of bytes.
    return bytes ? QJsonValue(QString::number(*bytes)) : QJsonValue(QJsonValue::Null);
}

// What a library's answer says of it, for its row and the exit code.
void classify(FleetCommand::Row &row, const SmhError &error)
{
    row.message = Redact::visible(Redact::text(error.toString()));
    if (error.kind() == SmhError::Kind::InvalidInput || error.isConfigurationError()) {
        row.state = u"error"_s;
        row.exitCode = HeadlessRunner::UsageError;
    } else if (error.isAccessRefused() && error.code() == u"NoPermission") {
        row.state = u"not_admin"_s;
        row.exitCode = HeadlessRunner::AuthFailed;
    } else if (error.isAuthError() || error.isWrongSecret()) {
        row.state = u"auth_failed"_s;
        row.exitCode = HeadlessRunner::AuthFailed;
    } else if (error.kind() == SmhError::Kind::Network || error.kind() == SmhError::Kind::Timeout
        || error.kind() == SmhError::Kind::Tls || error.isTransient()) {
        row.state = u"unreachable"_s;
        row.exitCode = HeadlessRunner::GaveUp;
    } else {
        row.state = u"error"_s;
        row.exitCode = HeadlessRunner::GaveUp;
    }
}

QString stateLabel(const QString &state)
{
    if (state == u"ok")
        return FleetCommand::tr("ok");
    if (state == u"no_credential")
        return FleetCommand::tr("no credential");
    if (state == u"not_admin")
        return FleetCommand::tr("not an admin token");
    if (state == u"auth_failed")
        return FleetCommand::tr("credentials refused");
    if (state == u"unreachable")
        return FleetCommand::tr("unreachable");
    return FleetCommand::tr("error");
}

QJsonObject rowJson(const FleetCommand::Row &row)
{
    const ConnectionSettings &settings = row.connection.settings;
    QJsonObject object {{u"profile"_s, row.connection.label()},
        {u"libraryId"_s, settings.libraryId},
        {u"spaceId"_s, settings.libraryLevel ? QJsonValue() : QJsonValue(settings.spaceId)},
        {u"endpoint"_s, Redact::url(settings.endpoint)}, {u"state"_s, row.state},
        {u"exitCode"_s, row.exitCode}};
    if (!row.message.isEmpty())
        object.insert(u"message"_s, row.message);
    if (row.settings) {
        // The server's fields as returned (unknown ones included).
        object.insert(u"settings"_s, row.settings->raw);
    } else {
        object.insert(u"settings"_s, QJsonValue::Null);
    }
    if (row.usage) {
        object.insert(
            u"usage"_s, QJsonObject {{u"totalFileSize"_s, bytesJson(row.usage->libraryBytes)}});
        if (row.usage->spaceBytes)
            object.insert(u"space"_s,
                QJsonObject {{u"spaceId"_s, settings.spaceId},
                    {u"size"_s, bytesJson(row.usage->spaceBytes)}});
    } else {
        object.insert(u"usage"_s, QJsonValue::Null);
        if (!row.usageError.isEmpty())
            object.insert(u"usageError"_s, row.usageError);
    }
    if (row.lastClear) {
        QJsonObject last = HistoryCommand::clearJson(*row.lastClear);
        last.insert(u"deleteCount"_s,
            row.lastClear->deleteCount ? QJsonValue(*row.lastClear->deleteCount) : QJsonValue());
        last.insert(u"usageBefore"_s, bytesJson(row.lastClear->usageBefore));
        last.insert(u"usageAfter"_s, bytesJson(row.lastClear->usageAfter));
        last.insert(u"freed"_s, bytesJson(row.lastClear->freedBytes()));
        object.insert(u"lastClear"_s, last);
    } else {
        object.insert(u"lastClear"_s, QJsonValue::Null);
    }
    object.insert(u"nextClearInSeconds"_s, row.secondsUntilNextClear);
    return object;
}

QString bytesText(const std::optional<qint64> &bytes)
{
    return bytes ? QLocale().formattedDataSize(*bytes, 1, QLocale::DataSizeIecFormat) : u"-"_s;
}

QStringList rowText(const FleetCommand::Row &row)
{
    auto orDash = [](const std::optional<int> &value) {
        return value ? QLocale().toString(*value) : u"-"_s;
    };
    const std::optional<HistorySettings> &settings = row.settings;
    QString history = u"-"_s;
    if (settings)
        history = settings->enabled ? HistoryCommand::tr("on") : HistoryCommand::tr("off");
    QString last = u"-"_s;
    QString freed = u"-"_s;
    if (row.lastClear) {
        last = FleetCommand::tr("%1 (%2)").arg(row.lastClear->outcomeLabel(),
            QLocale().toString(row.lastClear->startedAt.toLocalTime(), QLocale::ShortFormat));
        freed = bytesText(row.lastClear->freedBytes());
    }
    const QString next = row.secondsUntilNextClear > 0
        ? FleetCommand::tr("in %1 s").arg(QLocale().toString(row.secondsUntilNextClear))
        : FleetCommand::tr("now");
    return {TextTable::cell(row.connection.label()),
        TextTable::cell(row.connection.settings.displayName()), history,
        settings ? orDash(settings->count) : u"-"_s,
        settings ? orDash(settings->expireDays) : u"-"_s,
        settings ? orDash(settings->mergeInterval) : u"-"_s,
        bytesText(row.usage ? std::optional(row.usage->libraryBytes) : std::nullopt),
        TextTable::cell(last), freed, next, stateLabel(row.state)};
}

} // namespace

bool FleetCommand::wanted(const QCommandLineParser &parser)
{
    return parser.isSet(u"all"_s) || parser.values(u"profile"_s).size() > 1
        || parser.isSet(u"parallel"_s) || parser.isSet(u"restore-settings"_s);
}

Expected<FleetCommand::Options> FleetCommand::fromParser(const QCommandLineParser &parser)
{
    Options options;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    if (action == u"show")
        options.action = Action::Show;
    else if (action == u"clear")
        options.action = Action::Clear;
    else if (action == u"set")
        return unexpected(Error::input(tr("history set changes one library at a time: name it "
                                          "with a single --profile or --library.")));
    else
        return unexpected(
            Error::input(HistoryCommand::tr("history needs show, set, clear or report, not \"%1\".")
                             .arg(action)));
    if (positional.size() > 2)
        return unexpected(
            Error::input(HistoryCommand::tr("Unexpected argument \"%1\".").arg(positional.at(2))));

    QStringList problems;
    options.all = parser.isSet(u"all"_s);
    options.profiles = parser.values(u"profile"_s);
    for (qsizetype i = 0; i < options.profiles.size(); ++i) {
        if (options.profiles.indexOf(options.profiles.at(i)) != i)
            problems << tr("The profile \"%1\" is named twice.").arg(options.profiles.at(i));
    }
    if (options.all && !options.profiles.isEmpty())
        problems << tr("--all and --profile exclude each other: --all is every saved profile.");
    if (options.action == Action::Clear && options.all)
        problems << tr("history clear does not take --all: name each library to clear with "
                       "--profile.");
    else if (!options.all && options.profiles.isEmpty())
        problems << tr("Name the libraries with --profile (once for each), or use --all with "
                       "history show.");
    if (parser.isSet(u"parallel"_s)) {
        bool ok = false;
        options.parallel = parser.value(u"parallel"_s).toInt(&ok);
        if (!ok || options.parallel < 1 || options.parallel > maxParallel)
            problems << tr("--parallel needs a whole number from 1 to %1, not \"%2\".")
                            .arg(maxParallel)
                            .arg(parser.value(u"parallel"_s));
    }
    for (const QString &name : connectionOptions) {
        if (parser.isSet(name))
            problems << tr("--%1 does not apply to several libraries: each profile brings its "
                           "own connection and credential.")
                            .arg(name);
    }
    for (const QString &name : setOptions) {
        if (parser.isSet(name))
            problems << tr("--%1 belongs to history set.").arg(name);
    }
    if (parser.isSet(u"no-wait"_s))
        problems << tr("--no-wait is for one library: a clear of several is followed to its end.");
    if (options.action == Action::Show) {
        for (const QString &name : clearOptions) {
            if (parser.isSet(name))
                problems << tr("--%1 belongs to history clear.").arg(name);
        }
    }
    options.yes = parser.isSet(u"yes"_s);
    options.disableHistory = parser.isSet(u"disable-history"_s);
    options.restoreSettings = parser.isSet(u"restore-settings"_s);
    if (!problems.isEmpty())
        return unexpected(Error::input(problems.join(u'\n')));
    return options;
}

int FleetCommand::run(const QCommandLineParser &parser, const MonitorOptions &options)
{
    const auto parsed = fromParser(parser);
    if (!parsed) {
        const QStringList problems = parsed.error().message().split(u'\n');
        for (const QString &problem : problems)
            std::fprintf(stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(problem)));
        return HeadlessRunner::UsageError;
    }
    FleetCommand command(options, *parsed);
    QTimer::singleShot(0, &command, &FleetCommand::prepare);
    const int code = QCoreApplication::exec();
    if (command.m_monitor)
        command.m_monitor->shutdown();
    return code;
}

FleetCommand::FleetCommand(MonitorOptions monitorOptions, Options options, QObject *parent)
    : QObject(parent)
    , m_monitorOptions(std::move(monitorOptions))
    , m_options(std::move(options))
    , m_out(stdout)
    , m_err(stderr)
{ }

FleetCommand::~FleetCommand() = default;

void FleetCommand::printError(const QString &message)
{
    m_err << "smh-task-monitor: " << Redact::visible(Redact::text(message)) << Qt::endl;
}

void FleetCommand::fail(int code, const QString &message)
{
    const QStringList lines = message.split(u'\n');
    for (const QString &line : lines)
        printError(line);
    finish(code);
}

void FleetCommand::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    if (!m_history) {
        QTimer::singleShot(0, this, [code] { QCoreApplication::exit(code); });
        return;
    }
    // Tokens minted for the command are deleted before it exits (briefly).
    m_history->whenTokensReleased(this, [code] { QCoreApplication::exit(code); });
}

void FleetCommand::prepare()
{
    m_monitor = std::make_unique<Monitor>();
    m_history = HistoryService::of(m_monitor.get());
    m_history->setFace(HistoryCommand::tr("command"));
    // The ledger may be the window's: its tasks are the window's to poll.
    // This command polls the clears' tasks alone (added from now on).
    // So do the clears a campaign interrupted by a crash left running: the
    // engine resumes tracking them as the ledger opens.
    const QDateTime started = QDateTime::currentDateTimeUtc().addMSecs(-1);
    HistoryService *history = m_history;
    m_monitor->setTaskFilter([started, history](const Task &task) {
        if (!task.libraryLevel)
            return false;
        if (task.addedAt >= started)
            return true;
        const auto record = history->ledger()->cleanupForTask(task.key);
        return record && record->isRunning();
    });
    // The engine resumes, as the ledger opens, campaigns whose process died.
    connect(Campaigns::of(m_history), &Campaigns::campaignStarted, this, [this](Campaign *c) {
        if (c->isResumed())
            m_resumedNow.append(c);
    });
    m_monitor->setDemoMode(m_monitorOptions.demo);
    const Expected<PollPlanner::Options> polling =
        Startup::pollOptions(m_monitorOptions, m_monitor->polling().planner().options());
    if (!polling)
        return fail(HeadlessRunner::UsageError, polling.error().message());
    m_monitor->setPollOptions(*polling);
    if (const Expected<void> opened = openLedger(); !opened)
        return fail(HeadlessRunner::UsageError, opened.error().message());
    const Expected<QList<Connection>> profiles = selectedProfiles();
    if (!profiles)
        return fail(HeadlessRunner::UsageError, profiles.error().message());
    for (const Connection &connection : *profiles) {
        Row row;
        row.connection = connection;
        row.state = u"ok"_s;
        m_rows.append(row);
        m_needCredentials.append(connection);
    }
    if (m_options.action == Action::Clear) {
        // What an interrupted campaign sent is tracked with its own
        // connections' credentials, named now or not.
        const QList<Campaign *> resumed = resumedOverlapping();
        for (const Campaign *campaign : resumed) {
            for (const CampaignLibrary &library : campaign->libraries()) {
                const auto connection = m_monitor->tasks().connection(library.connectionId);
                const bool listed =
                    std::any_of(m_needCredentials.cbegin(), m_needCredentials.cend(),
                        [&library](const Connection &c) { return c.id == library.connectionId; });
                if (connection && !listed)
                    m_needCredentials.append(*connection);
            }
        }
    }
    if (m_rows.isEmpty() && m_monitorOptions.output == MonitorOptions::Output::Text)
        m_err << tr("No profiles saved yet: add one with \"smh-task-monitor profile add NAME "
                    "--library ID\", or in the window.")
              << Qt::endl;
    readCredentials();
}

Expected<void> FleetCommand::openLedger()
{
    if (m_monitorOptions.demo) {
        // The demo's fleet stands in for saved profiles; its ledger dies with it.
        if (const Expected<void> opened = m_monitor->openStore(u":memory:"_s); !opened)
            return opened;
        const Expected<qint64> main = Startup::connect(*m_monitor,
            *Startup::connection(m_monitorOptions), Startup::credential(m_monitorOptions));
        if (!main)
            return unexpected(main.error());
        m_credentials.insert(*main, Startup::credential(m_monitorOptions));
        const Expected<QList<qint64>> extra =
            Startup::addExtraConnections(*m_monitor, m_monitorOptions);
        if (!extra)
            return unexpected(extra.error());
        for (qsizetype i = 0; i < extra->size(); ++i)
            m_credentials.insert(
                extra->at(i), m_monitorOptions.extraConnections.at(i).librarySecret);
        return {};
    }
    // Without a ledger nothing was ever saved; none is created to say so.
    const bool exists = QFileInfo::exists(TaskStore::defaultPath());
    return m_monitor->openStore(exists ? TaskStore::defaultPath() : u":memory:"_s);
}

Expected<QList<Connection>> FleetCommand::selectedProfiles() const
{
    QList<Connection> saved = m_monitor->tasks().connections();
    if (m_options.all) {
        std::sort(saved.begin(), saved.end(), [](const Connection &a, const Connection &b) {
            return std::pair(a.label(), a.id) < std::pair(b.label(), b.id);
        });
        return saved;
    }
    QList<Connection> selected;
    QStringList problems;
    for (const QString &name : m_options.profiles) {
        const Expected<Connection> found = Startup::savedConnection(name, saved);
        if (!found) {
            problems << found.error().message();
            continue;
        }
        const auto same = std::find_if(selected.cbegin(), selected.cend(),
            [&found](const Connection &c) { return c.id == found->id; });
        if (same != selected.cend()) {
            problems << tr("\"%1\" and \"%2\" are the same profile.").arg(same->label(), name);
            continue;
        }
        // A clear is of the whole library: two of its spaces would clear it twice.
        const auto sameLibrary =
            std::find_if(selected.cbegin(), selected.cend(), [&found](const Connection &c) {
                return LibraryKey::of(c.settings) == LibraryKey::of(found->settings);
            });
        if (m_options.action == Action::Clear && sameLibrary != selected.cend()) {
            problems << tr("\"%1\" and \"%2\" are the same library %3: a clear is of the whole "
                           "library, name it once.")
                            .arg(sameLibrary->label(), name, found->settings.libraryId);
            continue;
        }
        selected << *found;
    }
    if (!problems.isEmpty())
        return unexpected(Error::input(problems.join(u'\n')));
    return selected;
}

// Every profile's credential, from the keychain or the private file, asked
// for at once and answered within one deadline.
void FleetCommand::readCredentials()
{
    m_secrets = std::make_unique<SecretStore>();
    m_credentialDeadline = new QTimer(this);
    m_credentialDeadline->setSingleShot(true);
    connect(m_credentialDeadline, &QTimer::timeout, this, &FleetCommand::credentialsDone);
    m_credentialDeadline->start(credentialDeadline);
    bool waiting = false;
    for (const Connection &connection : std::as_const(m_needCredentials)) {
        const qint64 id = connection.id;
        if (m_credentials.contains(id))
            continue;
        waiting = true;
        SecretReadJob *read = m_secrets->read(id);
        connect(read, &SecretJob::finished, this,
            [this, read, id] { credentialRead(id, read->result()); });
    }
    if (!waiting)
        credentialsDone();
}

void FleetCommand::credentialRead(qint64 connectionId, const Expected<QString> &secret)
{
    if (m_credentialsRead)
        return; // too late: said already
    m_credentials.insert(connectionId, secret ? *secret : QString());
    for (Row &row : m_rows) {
        if (row.connection.id == connectionId && !secret)
            row.message = Redact::visible(
                tr("The credentials cannot be read: %1").arg(secret.error().message()));
    }
    const bool all = std::all_of(m_needCredentials.cbegin(), m_needCredentials.cend(),
        [this](const Connection &c) { return m_credentials.contains(c.id); });
    if (all)
        credentialsDone();
}

void FleetCommand::credentialsDone()
{
    if (m_credentialsRead)
        return;
    m_credentialsRead = true;
    m_credentialDeadline->stop();
    for (Row &row : m_rows) {
        const QString credential = m_credentials.value(row.connection.id);
        if (credential.isEmpty()) {
            row.state = u"no_credential"_s;
            row.exitCode = HeadlessRunner::UsageError;
            if (row.message.isEmpty())
                row.message = m_credentials.contains(row.connection.id)
                    ? tr("No token or secret is stored for this profile: save one with "
                         "\"profile add\" or in the window.")
                    : tr("The keychain did not answer in time.");
        }
    }
    if (m_options.action == Action::Clear)
        return startClear();
    readNext();
}

void FleetCommand::readNext()
{
    while (m_running < m_options.parallel && m_next < m_rows.size()) {
        const qsizetype index = m_next++;
        if (m_rows.at(index).state != u"ok") {
            ++m_done; // said already (no credential)
            continue;
        }
        ++m_running;
        readRow(index);
    }
    if (m_done == m_rows.size())
        printShow();
}

void FleetCommand::readRow(qsizetype index)
{
    // A library is handed its credential in its turn: the monitor starts
    // using it at once, and no library is asked anything out of turn.
    const Row &row = m_rows.at(index);
    m_monitor->setCredential(row.connection, m_credentials.value(row.connection.id));
    const qint64 id = row.connection.id;
    m_history->readSettings(
        id, this, [this, index, id](Expected<HistorySettings, SmhError> settings) {
            if (!settings) {
                classify(m_rows[index], settings.error());
                return rowDone();
            }
            m_rows[index].settings = *settings;
            m_history->sampleUsage(id, this, [this, index](Expected<UsageReading, SmhError> usage) {
                if (usage)
                    m_rows[index].usage = *usage;
                else
                    m_rows[index].usageError = Redact::visible(usage.error().toString());
                rowDone();
            });
        });
}

void FleetCommand::rowDone()
{
    --m_running;
    ++m_done;
    readNext();
}

void FleetCommand::printShow()
{
    if (m_finished)
        return;
    int code = HeadlessRunner::Success;
    QJsonObject counts;
    for (Row &row : m_rows) {
        // What the ledger knows of the library, reachable or not.
        const LibraryKey key = LibraryKey::of(row.connection.settings);
        const QList<CleanupRecord> clears = m_history->ledger()->cleanups(key);
        if (!clears.isEmpty())
            row.lastClear = clears.constFirst();
        row.secondsUntilNextClear = m_history->secondsUntilNextClear(key);
        code = FleetExit::worst(code, row.exitCode);
        counts.insert(row.state, counts.value(row.state).toInt() + 1);
    }
    counts.insert(u"libraries"_s, int(m_rows.size()));
    counts.insert(u"exitCode"_s, code);
    // A campaign whose process died, found (and resumed) as the ledger
    // opened, or the newest campaign if it was interrupted and not continued.
    QList<QPointer<Campaign>> campaigns = m_resumedNow;
    Campaigns *all = Campaigns::of(m_history);
    if (const QList<CampaignSummary> newest = all->list(1);
        !newest.isEmpty() && newest.constFirst().state == CampaignSummary::State::Interrupted) {
        Campaign *campaign = all->find(newest.constFirst().id);
        if (campaign && !campaigns.contains(campaign))
            campaigns.append(campaign);
    }
    QJsonArray interrupted;
    QStringList interruptedText;
    for (const QPointer<Campaign> &campaign : std::as_const(campaigns)) {
        if (!campaign)
            continue;
        QJsonArray libraries;
        for (const CampaignLibrary &library : campaign->libraries())
            libraries.append(libraryJson(library));
        interrupted.append(QJsonObject {{u"campaign"_s, campaign->id()},
            {u"startedAt"_s, campaign->summary().startedAt.toString(Qt::ISODateWithMs)},
            {u"origin"_s, campaign->summary().origin},
            {u"leftUndone"_s, QJsonArray::fromStringList(campaign->leftUndone())},
            {u"libraries"_s, libraries}});
        interruptedText << tr("Campaign %1 (started %2 by %3) was interrupted; left undone: %4.")
                               .arg(campaign->id())
                               .arg(QLocale().toString(campaign->summary().startedAt.toLocalTime(),
                                        QLocale::ShortFormat),
                                   campaign->summary().origin,
                                   campaign->leftUndone().isEmpty()
                                       ? tr("nothing")
                                       : campaign->leftUndone().join(u", "_s));
    }
    switch (m_monitorOptions.output) {
    case MonitorOptions::Output::Json: {
        QJsonArray libraries;
        for (const Row &row : std::as_const(m_rows))
            libraries.append(rowJson(row));
        QJsonObject document {{u"libraries"_s, libraries}, {u"summary"_s, counts}};
        if (!interrupted.isEmpty())
            document.insert(u"interruptedCampaigns"_s, interrupted);
        m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
        break;
    }
    case MonitorOptions::Output::JsonLines:
        for (const Row &row : std::as_const(m_rows))
            m_out << QString::fromUtf8(QJsonDocument(rowJson(row)).toJson(QJsonDocument::Compact))
                  << '\n';
        for (const QJsonValue &campaign : std::as_const(interrupted))
            m_out << QString::fromUtf8(QJsonDocument(
                QJsonObject {{u"interruptedCampaign"_s,
                    campaign}}).toJson(QJsonDocument::Compact))
                  << '\n';
        m_out << QString::fromUtf8(
            QJsonDocument(QJsonObject {{u"summary"_s, counts}}).toJson(QJsonDocument::Compact))
              << '\n';
        break;
    case MonitorOptions::Output::Text: {
        if (m_rows.isEmpty())
            break;
        QList<QStringList> rows;
        for (const Row &row : std::as_const(m_rows))
            rows << rowText(row);
        m_out << TextTable::render({tr("PROFILE"), tr("LIBRARY"), tr("HISTORY"), tr("VERSIONS"),
                                       tr("DAYS"), tr("MERGE (S)"), tr("USAGE"), tr("LAST CLEAR"),
                                       tr("FREED"), tr("NEXT CLEAR"), tr("STATE")},
            rows);
        m_out << HistoryCommand::tr("SMH's usage figures can lag well behind under load.") << '\n';
        for (const QString &line : std::as_const(interruptedText))
            m_out << Redact::visible(line) << '\n';
        break;
    }
    }
    m_out.flush();
    // Why a library could not be read, a line each, for the log.
    for (const Row &row : std::as_const(m_rows)) {
        if (row.state != u"ok")
            printError(tr("%1: %2").arg(row.connection.label(), row.message));
    }
    finish(code);
}
