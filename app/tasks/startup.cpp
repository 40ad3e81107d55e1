#include "tasks/startup.h"

#include "smh/secretstore.h"
#include "tasks/ledgerpassword.h"
#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskidparser.h"
#include "tasks/taskstore.h"

#include <QFile>
#include <QPointer>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QString seconds(std::chrono::milliseconds value)
{
    return QString::number(double(value.count()) / 1000.0);
}

} // namespace

Expected<PollPlanner::Options> Startup::pollOptions(
    const MonitorOptions &options, const PollPlanner::Options &defaults)
{
    PollPlanner::Options polling = defaults;
    if (options.interval && options.maxInterval && *options.interval > *options.maxInterval) {
        return unexpected(
            Error::input(tr("--interval (%1 s) must not be longer than --max-interval (%2 s).")
                             .arg(seconds(*options.interval), seconds(*options.maxInterval))));
    }
    if (options.interval) {
        polling.baseInterval = *options.interval;
        polling.maxInterval = std::max(polling.maxInterval, polling.baseInterval);
    }
    if (options.maxInterval) {
        polling.maxInterval = *options.maxInterval;
        polling.baseInterval = std::min(polling.baseInterval, polling.maxInterval);
    }
    if (options.requestRate) {
        polling.requestsPerSecond = *options.requestRate;
        // A burst of one second's worth, and never less than one request.
        polling.requestBurst = std::max(1, int(*options.requestRate));
    }
    return polling;
}

std::optional<Connection> Startup::connection(const MonitorOptions &options)
{
    if (!options.connectionGiven)
        return std::nullopt;
    Connection connection;
    connection.settings = options.connection;
    connection.name = options.connectionName;
    // A secret, when given, wins: tokens minted from it are renewed.
    connection.authKind =
        options.librarySecret.isEmpty() ? AuthKind::AccessToken : AuthKind::LibrarySecret;
    return connection;
}

QString Startup::credential(const MonitorOptions &options)
{
    return options.librarySecret.isEmpty() ? options.accessToken : options.librarySecret;
}

Expected<Connection> Startup::savedConnection(const QString &name, const QString &ledgerPath)
{
    TaskStore saved;
    if (const Expected<void> opened = saved.open(ledgerPath); !opened)
        return unexpected(opened.error().withMessage(
            tr("Cannot read saved profiles: %1").arg(opened.error().message())));
    return savedConnection(name, saved.connections());
}

Expected<Connection> Startup::savedConnection(
    const QString &name, const QList<Connection> &connections)
{
    const auto it = std::find_if(connections.cbegin(), connections.cend(),
        [&name](const Connection &c) { return c.answersTo(name); });
    if (it == connections.cend())
        return unexpected(Error::input(tr("There is no saved profile named \"%1\".").arg(name)));
    return *it;
}

namespace {

// The IDs of --ids-file, if one was given; its problems are an error, said
// before anything else is read.
Expected<QList<qint64>> idsOfFile(const MonitorOptions &options)
{
    if (options.idsFile.isEmpty())
        return QList<qint64>();
    const Expected<TaskIdParser::Result> fromFile = TaskIdParser::parseFile(options.idsFile);
    if (!fromFile)
        return unexpected(fromFile.error());
    if (!fromFile->ok())
        return unexpected(Error::input(fromFile->invalid.join(u"\n"_s)));
    return fromFile->ids;
}

Expected<QString> standardInput()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return unexpected(Error::file(Startup::tr("Cannot read task IDs from standard input.")));
    return QString::fromUtf8(in.readAll());
}

} // namespace

Expected<QString> Startup::taskIdText(const MonitorOptions &options)
{
    const Expected<QList<qint64>> fromFile = idsOfFile(options);
    if (!fromFile)
        return unexpected(fromFile.error());
    QString text = options.taskIdArguments.join(u' ');
    for (qint64 id : *fromFile)
        text += u' ' + QString::number(id);
    return text;
}

Expected<TaskIdParser::Result> Startup::taskIds(
    const MonitorOptions &options, bool readStandardInput)
{
    const Expected<QList<qint64>> fromFile = idsOfFile(options);
    if (!fromFile)
        return unexpected(fromFile.error());
    // The file's IDs are not turned back into text to be read again: the
    // arguments and standard input are the only text left to parse.
    QString text = options.taskIdArguments.join(u' ');
    if (options.idsFromStdin && readStandardInput) {
        const Expected<QString> in = standardInput();
        if (!in)
            return unexpected(in.error());
        text += u' ' + *in;
    }
    TaskIdParser::Result parsed = TaskIdParser::parse(text);
    TaskIdParser::append(parsed, *fromFile);
    return parsed;
}

Expected<qint64> Startup::connect(
    Monitor &monitor, const Connection &connection, const QString &credential)
{
    const Expected<qint64> id = monitor.addConnection(connection);
    if (id && !credential.isEmpty()) {
        Connection added = connection;
        added.id = *id;
        monitor.setCredential(added, credential);
    }
    return id;
}

Expected<QList<qint64>> Startup::addExtraConnections(
    Monitor &monitor, const MonitorOptions &options)
{
    QList<qint64> ids;
    for (const MonitorOptions::ExtraConnection &extra : options.extraConnections) {
        Connection connection;
        connection.name = extra.name;
        connection.settings = extra.settings;
        connection.authKind = AuthKind::LibrarySecret;
        const Expected<qint64> id = connect(monitor, connection, extra.librarySecret);
        if (!id)
            return unexpected(id.error());
        ids << *id;
    }
    return ids;
}

StartupJob::Target StartupJob::Target::of(const MonitorOptions &options)
{
    // A secret, when given, wins: tokens minted from it are renewed.
    const AuthKind kind =
        options.librarySecret.isEmpty() ? AuthKind::AccessToken : AuthKind::LibrarySecret;
    return {Startup::connection(options), Startup::credential(options), kind, options.profile};
}

StartupJob::StartupJob(Monitor &monitor, Target target, Settings settings, QObject *parent)
    : QObject(parent)
    , m_monitor(&monitor)
    , m_target(std::move(target))
    , m_settings(std::move(settings))
{ }

StartupJob::~StartupJob() = default;

void StartupJob::start()
{
    // A team ledger's password comes first: profiles are looked up there too.
    const QString ledger = teamLedgerWithoutPassword();
    if (ledger.isEmpty())
        return resolveTarget();
    auto *read = new LedgerPasswordJob(ledger, m_settings.credentialDeadline, this);
    connect(read, &LedgerPasswordJob::finished, this, [this, read] {
        read->deleteLater();
        resolveTarget();
    });
    read->start();
}

// The team ledger this start opens whose password libpq does not find
// (PGPASSWORD, ~/.pgpass): the keychain is asked for it. Empty: none.
QString StartupJob::teamLedgerWithoutPassword() const
{
    if (m_settings.prepare && LedgerPasswordJob::needed(m_settings.ledgerPath))
        return m_settings.ledgerPath;
    const QString profiles = m_settings.profileLedgerPath.isEmpty() ? TaskStore::defaultPath()
                                                                    : m_settings.profileLedgerPath;
    if (m_settings.face == Face::Command && !m_target.profile.isEmpty()
        && LedgerPasswordJob::needed(profiles))
        return profiles;
    return {};
}

void StartupJob::resolveTarget()
{
    if (m_settings.face == Face::Window || m_target.profile.isEmpty())
        return checkTarget();
    resolveProfile();
}

// A connection saved from the window: its settings from the ledger, its
// credential as given, else from the keychain or the private file.
void StartupJob::resolveProfile()
{
    const QString ledger = m_settings.profileLedgerPath.isEmpty() ? TaskStore::defaultPath()
                                                                  : m_settings.profileLedgerPath;
    const Expected<Connection> saved = Startup::savedConnection(m_target.profile, ledger);
    if (!saved)
        return fail(Step::Profile, saved.error());
    Connection connection = *saved;
    connection.id = 0;
    m_target.connection = connection;
    if (!m_target.credential.isEmpty()) {
        // Credentials given on the command line win over the saved ones,
        // and are of the kind given.
        m_target.connection->authKind = m_target.credentialKind;
        return checkTarget();
    }
    readCredential(saved->id);
}

// The one wait of the start: the keychain answers asynchronously (never in
// a nested event loop), within the deadline.
void StartupJob::readCredential(qint64 savedId)
{
    m_secrets = std::make_unique<SecretStore>();
    m_deadline = new QTimer(this);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        credentialRead(
            unexpected(Error::keychain(Startup::tr("the keychain did not answer in time."))));
    });
    m_deadline->start(m_settings.credentialDeadline);
    SecretReadJob *read = m_secrets->read(savedId);
    connect(read, &SecretJob::finished, this, [this, read] { credentialRead(read->result()); });
}

void StartupJob::credentialRead(const Expected<QString> &secret)
{
    if (m_done || !m_deadline || !m_deadline->isActive())
        return; // answered late, or twice
    m_deadline->stop();
    if (!secret) {
        // Say why, not just "no credentials": a refused secrets file, say.
        return fail(Step::Credential,
            secret.error().withMessage(
                Startup::tr("The credentials of profile \"%1\" cannot be read: %2")
                    .arg(m_target.profile, secret.error().message())));
    }
    m_target.credential = *secret;
    checkTarget();
}

void StartupJob::checkTarget()
{
    if (m_settings.face == Face::Command) {
        if (!m_target.connection) {
            return fail(Step::Profile,
                Error::input(Startup::tr(
                    "No library given: use --library ID (or SMH_LIBRARY_ID), --profile NAME, "
                    "or --demo.")));
        }
        if (m_target.credential.isEmpty()) {
            return fail(Step::Credential,
                Error::input(
                    Startup::tr("No credentials: set SMH_ACCESS_TOKEN or SMH_LIBRARY_SECRET, or "
                                "use --token-file / --secret-file.")));
        }
        if (const QStringList problems = m_target.connection->settings.validate();
            !problems.isEmpty())
            return fail(Step::Settings, Error::input(problems.join(u' ')));
    }
    prepareMonitor();
}

void StartupJob::prepareMonitor()
{
    if (!m_settings.prepare)
        return connectMonitor();
    const MonitorOptions &options = *m_settings.prepare;
    m_monitor->setDemoMode(options.demo);
    const Expected<PollPlanner::Options> polling =
        Startup::pollOptions(options, m_monitor->polling().planner().options());
    if (!polling)
        return fail(Step::Options, polling.error());
    m_monitor->setPollOptions(*polling);
    if (const Expected<void> opened =
            m_monitor->openStore(m_settings.ledgerPath, m_settings.loadMode);
        !opened)
        return fail(Step::Ledger, opened.error());
    connectMonitor();
}

void StartupJob::connectMonitor()
{
    const Expected<qint64> id = m_settings.face == Face::Window
        ? windowConnection()
        : Startup::connect(*m_monitor, *m_target.connection, m_target.credential);
    if (!id)
        return fail(m_settings.face == Face::Window && !m_target.connection ? Step::Profile
                                                                            : Step::Connection,
            id.error());
    succeed(*id);
}

// The launch's connection, saved (or found) with its credential; else its
// profile among the ledger's connections; else the only one there is.
Expected<qint64> StartupJob::windowConnection()
{
    if (m_target.connection)
        return Startup::connect(*m_monitor, *m_target.connection, m_target.credential);
    const QList<Connection> saved = m_monitor->tasks().connections();
    if (!m_target.profile.isEmpty()) {
        const Expected<Connection> found = Startup::savedConnection(m_target.profile, saved);
        if (!found)
            return unexpected(found.error());
        return found->id;
    }
    return saved.size() == 1 ? saved.constFirst().id : 0;
}

void StartupJob::fail(Step step, const Error &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(unexpected(error.withDetail(step)));
}

void StartupJob::succeed(qint64 connectionId)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(Started {connectionId, m_target});
}
