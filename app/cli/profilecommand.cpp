#include "cli/profilecommand.h"

#include "cli/headless.h"
#include "cli/subcommand.h"
#include "cli/texttable.h"

#include "smh/redact.h"
#include "smh/secretstore.h"
#include "tasks/connectionprofiles.h"
#include "tasks/monitor.h"
#include "tasks/startup.h"
#include "tasks/taskstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString profileWord = u"profile"_s;
// A keychain that asks the user to unlock it may take a while; one that
// never answers must not hold a cron job forever.
constexpr auto keychainDeadline = 60s;

QString credentialKey(AuthKind kind)
{
    return kind == AuthKind::LibrarySecret ? u"library_secret"_s : u"access_token"_s;
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || c == QChar::LineSeparator || c == QChar::ParagraphSeparator;
    });
}

} // namespace

bool ProfileCommand::wanted(const QStringList &arguments)
{
    return namesSubcommand(arguments, profileWord, &ProfileCommand::declare);
}

void ProfileCommand::declare(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"store-secret-in-file"_s,
            tr("profile add: keep the token or secret in the private secrets file (only your user "
               "can read it) instead of the keychain.")},
        {u"yes"_s, tr("profile remove: also when the profile still has tasks, which go with it.")},
    });
}

Expected<ProfileCommand::Options> ProfileCommand::fromParser(
    const QCommandLineParser &parser, const MonitorOptions &monitorOptions)
{
    Options options;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    qsizetype arguments = 2;
    if (action == u"add") {
        options.action = Action::Add;
        arguments = 3;
    } else if (action == u"list") {
        options.action = Action::List;
    } else if (action == u"remove") {
        options.action = Action::Remove;
        arguments = 3;
    } else {
        return unexpected(
            Error::input(tr("profile needs add, list or remove, not \"%1\".").arg(action)));
    }
    if (positional.size() < arguments)
        return unexpected(Error::input(tr("profile %1 needs the profile's name.").arg(action)));
    if (positional.size() > arguments)
        return unexpected(
            Error::input(tr("Unexpected argument \"%1\".").arg(positional.at(arguments))));
    if (arguments == 3) {
        options.name = positional.at(2).trimmed();
        if (options.name.isEmpty() || options.name.size() > maxNameChars
            || hasControlCharacters(options.name))
            return unexpected(Error::input(
                tr("A profile's name is one line of 1 to %1 characters.").arg(maxNameChars)));
    }
    options.storeSecretInFile = parser.isSet(u"store-secret-in-file"_s);
    options.yes = parser.isSet(u"yes"_s);

    if (monitorOptions.demo)
        return unexpected(
            Error::input(tr("The profile commands work on saved profiles; --demo has none.")));
    if (options.action != Action::Add) {
        if (options.storeSecretInFile)
            return unexpected(Error::input(tr("--store-secret-in-file belongs to profile add.")));
        return options;
    }
    if (!monitorOptions.connectionGiven)
        return unexpected(
            Error::input(tr("profile add needs --library ID (and --endpoint URL for a private "
                            "deployment).")));
    if (parser.isSet(u"token-file"_s) && parser.isSet(u"secret-file"_s))
        return unexpected(Error::input(tr("Give --token-file or --secret-file, not both.")));
    if (options.storeSecretInFile && Startup::credential(monitorOptions).isEmpty())
        return unexpected(Error::input(tr("--store-secret-in-file needs a token or secret to keep: "
                                          "--token-file or --secret-file.")));
    if (options.yes)
        return unexpected(Error::input(tr("--yes belongs to profile remove.")));
    return options;
}

int ProfileCommand::run(const QCommandLineParser &parser, const MonitorOptions &options)
{
    const Expected<Options> parsed = fromParser(parser, options);
    if (!parsed) {
        std::fprintf(
            stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(parsed.error().message())));
        return HeadlessRunner::UsageError;
    }
    ProfileCommand command(options, *parsed);
    QTimer::singleShot(0, &command, &ProfileCommand::start);
    const int code = QCoreApplication::exec();
    if (command.m_monitor)
        command.m_monitor->shutdown();
    return code;
}

ProfileCommand::ProfileCommand(MonitorOptions monitorOptions, Options options, QObject *parent)
    : QObject(parent)
    , m_monitorOptions(std::move(monitorOptions))
    , m_options(std::move(options))
    , m_out(stdout)
    , m_err(stderr)
{ }

ProfileCommand::~ProfileCommand() = default;

void ProfileCommand::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    QCoreApplication::exit(code);
}

void ProfileCommand::fail(int code, const QString &message)
{
    m_err << "smh-task-monitor: " << Redact::text(message) << Qt::endl;
    finish(code);
}

Expected<void> ProfileCommand::openLedger()
{
    m_monitor = std::make_unique<Monitor>();
    return m_monitor->openStore(TaskStore::defaultPath());
}

void ProfileCommand::start()
{
    switch (m_options.action) {
    case Action::Add:
        return add();
    case Action::List:
        return list();
    case Action::Remove:
        return remove();
    }
}

void ProfileCommand::add()
{
    std::optional<Connection> connection = Startup::connection(m_monitorOptions);
    connection->name = m_options.name;
    if (QString &caFile = connection->settings.caFile; !caFile.isEmpty())
        caFile = QFileInfo(caFile).absoluteFilePath(); // read later, from anywhere
    if (const Expected<void> opened = openLedger(); !opened)
        return fail(HeadlessRunner::UsageError, opened.error().message());
    const QList<Connection> saved = m_monitor->tasks().connections();
    for (const Connection &known : saved) {
        if (known.answersTo(m_options.name))
            return fail(HeadlessRunner::UsageError,
                tr("A profile named \"%1\" exists already; remove it first to replace it.")
                    .arg(m_options.name));
        if (known.sameTarget(*connection))
            return fail(HeadlessRunner::UsageError,
                tr("This library and space are saved already, as the profile \"%1\".")
                    .arg(known.label()));
    }

    const QString credential = Startup::credential(m_monitorOptions);
    m_secrets = std::make_unique<SecretStore>();
    if (credential.isEmpty())
        return save(*connection, credential);
    if (m_options.storeSecretInFile) {
        // The window's opt-in: the file exists, and secrets go there.
        m_secrets->setKeychainEnabled(false);
        if (const Expected<void> enabled = m_secrets->enablePrivateFile(); !enabled)
            return fail(HeadlessRunner::UsageError, enabled.error().message());
        return save(*connection, credential);
    }
    QTimer::singleShot(keychainDeadline, this, [this] {
        fail(HeadlessRunner::GaveUp,
            tr("The keychain did not answer within %n second(s).", nullptr,
                int(std::chrono::seconds(keychainDeadline).count())));
    });
    connect(m_secrets->probe(), &SecretJob::finished, this, [this, connection, credential] {
        if (m_finished)
            return;
        if (m_secrets->backend() == SecretStore::Backend::SessionOnly) {
            return fail(HeadlessRunner::UsageError,
                tr("No keychain is available to keep the secret, so the profile was not saved. "
                   "Add --store-secret-in-file to keep it in a file only your user can read, or "
                   "save the profile without a secret and give one at each run "
                   "(SMH_ACCESS_TOKEN, --token-file)."));
        }
        save(*connection, credential);
    });
}

void ProfileCommand::save(const Connection &connection, const QString &credential)
{
    ConnectionEdit added;
    added.connection = connection;
    added.secret = credential;
    ConnectionProfiles::save(m_monitor.get(), m_secrets.get(), added,
        [this, connection, credential](const Expected<qint64> &id) {
            if (m_finished)
                return;
            if (!id)
                return fail(HeadlessRunner::UsageError, id.error().message());
            QString where;
            switch (m_secrets->backend()) {
            case SecretStore::Backend::Keychain:
                where = tr("its secret is in the keychain.");
                break;
            case SecretStore::Backend::PrivateFile:
                where = tr("its secret is in %1, which only your user can read.")
                            .arg(QDir::toNativeSeparators(m_secrets->privateFilePath()));
                break;
            case SecretStore::Backend::SessionOnly:
                break;
            }
            if (credential.isEmpty())
                where = tr("no secret saved: give one at each run (SMH_ACCESS_TOKEN or "
                           "SMH_LIBRARY_SECRET, --token-file, --secret-file), or in the window.");
            m_out << tr("Profile \"%1\" saved (%2); %3")
                         .arg(connection.name, connection.settings.displayName(), where)
                  << Qt::endl;
            finish(HeadlessRunner::Success);
        });
}

void ProfileCommand::list()
{
    QList<Connection> saved;
    // Listing never creates a ledger.
    if (TaskStore::exists(TaskStore::defaultPath())) {
        if (const Expected<void> opened = openLedger(); !opened)
            return fail(HeadlessRunner::UsageError, opened.error().message());
        saved = m_monitor->tasks().connections();
    }
    // The same order every time, whatever order the ledger keeps them in.
    std::sort(saved.begin(), saved.end(), [](const Connection &a, const Connection &b) {
        return std::pair(a.label(), a.id) < std::pair(b.label(), b.id);
    });
    if (m_monitorOptions.output == MonitorOptions::Output::Text) {
        if (saved.isEmpty()) {
            m_err << tr("No profiles saved yet: add one with \"smh-task-monitor profile add NAME "
                        "--library ID\", or in the window.")
                  << Qt::endl;
            return finish(HeadlessRunner::Success);
        }
        const QStringList headers {
            tr("NAME"), tr("LIBRARY"), tr("SPACE"), tr("SCOPE"), tr("CREDENTIAL"), tr("ENDPOINT")};
        QList<QStringList> rows;
        for (const Connection &c : std::as_const(saved)) {
            rows << QStringList {TextTable::cell(c.label()), TextTable::cell(c.settings.libraryId),
                TextTable::cell(c.settings.spaceId),
                c.settings.libraryLevel ? tr("library") : tr("space"),
                c.authKind == AuthKind::LibrarySecret ? tr("secret") : tr("token"),
                TextTable::cell(c.settings.endpoint.toString())};
        }
        m_out << TextTable::render(headers, rows);
        return finish(HeadlessRunner::Success);
    }
    QJsonArray profiles;
    for (const Connection &c : std::as_const(saved)) {
        profiles.append(
            QJsonObject {{u"name"_s, c.label()}, {u"endpoint"_s, c.settings.endpoint.toString()},
                {u"libraryId"_s, c.settings.libraryId}, {u"spaceId"_s, c.settings.spaceId},
                {u"libraryLevel"_s, c.settings.libraryLevel}, {u"userId"_s, c.settings.userId},
                {u"caFile"_s, c.settings.caFile}, {u"credential"_s, credentialKey(c.authKind)}});
    }
    const QJsonDocument document(QJsonObject {{u"profiles"_s, profiles}});
    // jsonl: one profile per line.
    if (m_monitorOptions.output == MonitorOptions::Output::JsonLines) {
        for (const QJsonValue &profile : std::as_const(profiles))
            m_out << QJsonDocument(profile.toObject()).toJson(QJsonDocument::Compact) << '\n';
    } else {
        m_out << document.toJson(QJsonDocument::Indented);
    }
    finish(HeadlessRunner::Success);
}

void ProfileCommand::remove()
{
    const auto noSuchProfile = [this] {
        fail(HeadlessRunner::UsageError,
            tr("There is no saved profile named \"%1\".").arg(m_options.name));
    };
    if (!TaskStore::exists(TaskStore::defaultPath()))
        return noSuchProfile();
    if (const Expected<void> opened = openLedger(); !opened)
        return fail(HeadlessRunner::UsageError, opened.error().message());
    const QList<Connection> saved = m_monitor->tasks().connections();
    // Its own name wins over another profile's library/space.
    QList<Connection> matches;
    std::copy_if(saved.cbegin(), saved.cend(), std::back_inserter(matches),
        [this](const Connection &c) { return c.name == m_options.name; });
    if (matches.isEmpty()) {
        std::copy_if(saved.cbegin(), saved.cend(), std::back_inserter(matches),
            [this](const Connection &c) { return c.answersTo(m_options.name); });
    }
    if (matches.isEmpty())
        return noSuchProfile();
    if (matches.size() > 1)
        return fail(HeadlessRunner::UsageError,
            tr("\"%1\" names %n profile(s); remove it in the window, where they can be told apart.",
                nullptr, int(matches.size()))
                .arg(m_options.name));
    const Connection connection = matches.constFirst();
    const QList<Task> tasks = m_monitor->tasks().tasks();
    const auto tracked = std::count_if(tasks.cbegin(), tasks.cend(),
        [&connection](const Task &t) { return t.key.connectionId == connection.id; });
    if (tracked > 0 && !m_options.yes)
        return fail(HeadlessRunner::UsageError,
            tr("The profile \"%1\" still tracks %n task(s), which would be forgotten with it; "
               "add --yes to remove it all the same.",
                nullptr, int(tracked))
                .arg(connection.label()));
    m_secrets = std::make_unique<SecretStore>();
    QTimer::singleShot(keychainDeadline, this, [this] {
        fail(HeadlessRunner::GaveUp,
            tr("The keychain did not answer within %n second(s).", nullptr,
                int(std::chrono::seconds(keychainDeadline).count())));
    });
    ConnectionProfiles::forget(m_monitor.get(), m_secrets.get(), connection,
        [this, connection](const Expected<void> &forgotten) {
            if (!forgotten)
                return fail(HeadlessRunner::UsageError, forgotten.error().message());
            m_out << tr("Profile \"%1\" removed.").arg(connection.label()) << Qt::endl;
            finish(HeadlessRunner::Success);
        });
}
