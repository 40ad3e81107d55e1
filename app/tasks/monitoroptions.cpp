#include "tasks/monitoroptions.h"

#include "tasks/ledgersql.h"

#include "smh/endpoint.h"

#include <QCommandLineParser>
#include <QFile>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 maxCredentialFileBytes = 64 * 1024;
// A day between polls is already "hardly watching"; a week is the longest
// `watch` waits. Both stay far below the 2^31 ms Qt's timers can hold.
constexpr double maxIntervalSeconds = 24 * 3600;
constexpr double maxTimeoutSeconds = 7 * 24 * 3600;

Expected<QString> readCredentialFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unexpected(Error::file(MonitorOptions::tr("Cannot read the %1 file \"%2\": %3")
                                          .arg(what, path, file.errorString())));
    const QByteArray content = file.read(maxCredentialFileBytes + 1);
    if (content.size() > maxCredentialFileBytes)
        return unexpected(
            Error::input(MonitorOptions::tr("The %1 file \"%2\" is too large.").arg(what, path)));
    const QString value = QString::fromUtf8(content).trimmed();
    if (value.isEmpty())
        return unexpected(
            Error::input(MonitorOptions::tr("The %1 file \"%2\" is empty.").arg(what, path)));
    return value;
}

// Durations are checked against a range, not just for being positive: a tiny
// interval polls in a loop, and a huge one would wrap Qt's int timers.
// Not given: nullopt.
Expected<std::optional<std::chrono::milliseconds>> seconds(
    const QCommandLineParser &parser, const QString &name, double maxSeconds)
{
    if (!parser.isSet(name))
        return std::optional<std::chrono::milliseconds>();
    constexpr double minSeconds = 0.01;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || !(value >= minSeconds && value <= maxSeconds)) { // NaN fails too
        return unexpected(Error::input(
            MonitorOptions::tr("--%1 needs a number of seconds from %2 to %3, not \"%4\".")
                .arg(name)
                .arg(minSeconds)
                .arg(maxSeconds)
                .arg(parser.value(name).left(64))));
    }
    return std::optional(std::chrono::milliseconds(qint64(value * 1000.0)));
}

// Takes a value into `into`, or its problem into `problems`: every problem
// of a command line is said at once.
template<typename T>
void take(Expected<T> &&given, T &into, QStringList &problems)
{
    if (given)
        into = std::move(*given);
    else
        problems << given.error().message();
}

QString optionOrEnv(const QCommandLineParser &parser, const QString &name, const char *env)
{
    if (parser.isSet(name))
        return parser.value(name);
    return qEnvironmentVariable(env);
}

} // namespace

void MonitorOptions::declare(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Watch Tencent Cloud Smart Media Hosting (SMH) tasks.\n\n"
           "Commands:\n"
           "  (none)  open the monitor window\n"
           "  watch   poll until every task is final, then exit\n"
           "  query   query once, print, exit\n"
           "  history show | set | clear\n"
           "          a library's file history: its settings, and clearing every historical\n"
           "          version (clear needs --yes)\n"
           "  profile add NAME | list | remove NAME\n"
           "          saved connections for scripts and cron (add takes the connection options;\n"
           "          its secret goes to the keychain, or with --store-secret-in-file to a\n"
           "          private file)\n\n"
           "One window per ledger: launched again while it is open, the program hands its task "
           "IDs and connection to that window and exits. The commands are never held up by "
           "it.\n\n"
           "Credentials are read from the environment (SMH_ACCESS_TOKEN or SMH_LIBRARY_SECRET) "
           "or from files, never from the command line."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"endpoint"_s,
            tr("SMH base URL (default: the library's own host, https://LIBRARY.api.tencentsmh.cn; "
               "env SMH_ENDPOINT)."),
            tr("url")},
        {u"library"_s, tr("Media library ID (env SMH_LIBRARY_ID)."), tr("id")},
        {u"space"_s,
            tr("Tenant space ID; \"-\" for a single-tenant library (default; env SMH_SPACE_ID)."),
            tr("id")},
        {u"library-level"_s,
            tr("Query without a space ID (/api/v1/task/{LibraryId}/{TaskIdList}).")},
        {u"user-id"_s, tr("User ID sent with each query (env SMH_USER_ID)."), tr("id")},
        {u"token-file"_s, tr("Read the access token from this file (or env SMH_ACCESS_TOKEN)."),
            tr("file")},
        {u"secret-file"_s,
            tr("Read the library secret from this file (or env SMH_LIBRARY_SECRET) and mint tokens "
               "from it."),
            tr("file")},
        {u"ca-file"_s, tr("Also trust the CA certificates in this PEM file."), tr("file")},
        {u"interval"_s, tr("Base poll interval in seconds (default 3)."), tr("seconds")},
        {u"max-interval"_s, tr("Longest poll interval in seconds (default 60)."), tr("seconds")},
        {u"request-rate"_s,
            tr("Task queries per second to one library, at most (default 2; a 429 halves it for "
               "ten minutes)."),
            tr("rate")},
        {u"timeout"_s, tr("watch: give up after this many seconds."), tr("seconds")},
        {u"output"_s, tr("Output format: text, json or jsonl (default text)."), tr("format")},
        {u"ids-file"_s, tr("Read task IDs from this file (\"-\" for standard input)."), tr("file")},
        {u"quiet"_s, tr("Print no progress, only the result.")},
        {u"profile"_s,
            tr("Use a saved connection profile; watch and query record their tasks in the "
               "ledger under it (without task IDs, watch follows its unfinished tasks)."),
            tr("name")},
        {u"ledger"_s,
            tr("The ledger: a file (default: ledger.sqlite in the application's data folder), "
               "or a team's PostgreSQL database, postgresql://user@host:port/database (its "
               "password from PGPASSWORD or ~/.pgpass, never from the command line)."),
            tr("location")},
        {u"no-record"_s, tr("With --profile: keep the tasks in memory only, not in the ledger.")},
        {u"demo"_s,
            tr("Use the embedded SMH simulator instead of a real endpoint; without task IDs, "
               "watch its own demo tasks (990, 1001-1027 and the library-level clear 9000).")},
        {u"lang"_s, tr("User interface language, e.g. en or zh_CN (default: the system's)."),
            tr("locale")},
    });
    parser.addPositionalArgument(u"command"_s, tr("watch or query (optional)."), u"[command]"_s);
    parser.addPositionalArgument(u"task-ids"_s,
        tr("Task IDs: 10, 10,12,13, ranges like 100-120, or - to read standard input."),
        u"[TASK_ID...]"_s);
}

bool MonitorOptions::wantsWindow(const QStringList &arguments)
{
    // The same parser as later, so that the value of an option ("--output
    // json") is never taken for the command.
    QCommandLineParser parser;
    declare(parser);
    if (!parser.parse(arguments))
        return false;
    if (parser.isSet(u"help"_s) || parser.isSet(u"version"_s)
        || arguments.contains(u"--help-all"_s))
        return false;
    const QStringList positional = parser.positionalArguments();
    return positional.isEmpty()
        || (positional.constFirst() != u"watch" && positional.constFirst() != u"query");
}

Expected<MonitorOptions> MonitorOptions::fromParser(const QCommandLineParser &parser)
{
    MonitorOptions options;
    QStringList problems;
    QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()
        && (positional.constFirst() == u"watch" || positional.constFirst() == u"query")) {
        options.command = positional.constFirst() == u"watch" ? Command::Watch : Command::Query;
        positional.removeFirst();
    }
    for (const QString &argument : std::as_const(positional)) {
        if (argument == u"-")
            options.idsFromStdin = true;
        else
            options.taskIdArguments << argument;
    }
    if (parser.isSet(u"ids-file"_s)) {
        const QString file = parser.value(u"ids-file"_s);
        if (file == u"-")
            options.idsFromStdin = true;
        else
            options.idsFile = file;
    }

    options.demo = parser.isSet(u"demo"_s);
    options.quiet = parser.isSet(u"quiet"_s);
    options.profile = parser.value(u"profile"_s);
    options.noRecord = parser.isSet(u"no-record"_s);
    if (parser.isSet(u"ledger"_s)) {
        options.ledger = parser.value(u"ledger"_s);
        if (LedgerLocation::isPostgres(options.ledger)) {
            if (const Expected<QUrl> url = LedgerLocation::parse(options.ledger); !url)
                problems << url.error().message();
        } else if (options.ledger.isEmpty()) {
            problems << tr("--ledger needs a file or a postgresql:// URL.");
        }
    }
    options.language = parser.value(u"lang"_s);

    const QString output = parser.value(u"output"_s);
    if (output.isEmpty() || output == u"text")
        options.output = Output::Text;
    else if (output == u"json")
        options.output = Output::Json;
    else if (output == u"jsonl")
        options.output = Output::JsonLines;
    else
        problems << tr("--output must be text, json or jsonl, not \"%1\".").arg(output);

    take(seconds(parser, u"interval"_s, maxIntervalSeconds), options.interval, problems);
    take(seconds(parser, u"max-interval"_s, maxIntervalSeconds), options.maxInterval, problems);
    if (parser.isSet(u"request-rate"_s)) {
        bool ok = false;
        const double rate = parser.value(u"request-rate"_s).toDouble(&ok);
        // From one query a minute and a half to a hundred a second.
        if (ok && rate >= 0.01 && rate <= 100)
            options.requestRate = rate;
        else
            problems << tr("--request-rate needs a number of queries per second from 0.01 to "
                           "100, not \"%1\".")
                            .arg(parser.value(u"request-rate"_s));
    }
    take(seconds(parser, u"timeout"_s, maxTimeoutSeconds), options.timeout, problems);
    // Whether the intervals fit together is Startup::pollOptions' rule, for
    // both faces.

    ConnectionSettings &connection = options.connection;
    const QString endpoint = optionOrEnv(parser, u"endpoint"_s, "SMH_ENDPOINT");
    const QString library = optionOrEnv(parser, u"library"_s, "SMH_LIBRARY_ID").trimmed();
    const Expected<QUrl> parsedEndpoint =
        Endpoint::parse(endpoint.isEmpty() ? Endpoint::defaultFor(library).toString() : endpoint);
    if (parsedEndpoint)
        connection.endpoint = *parsedEndpoint;
    else if (!options.demo)
        problems << parsedEndpoint.error().message();
    connection.libraryId = optionOrEnv(parser, u"library"_s, "SMH_LIBRARY_ID").trimmed();
    options.connectionGiven = !connection.libraryId.isEmpty();
    const QString space = optionOrEnv(parser, u"space"_s, "SMH_SPACE_ID").trimmed();
    if (!space.isEmpty())
        connection.spaceId = space;
    connection.libraryLevel = parser.isSet(u"library-level"_s);
    connection.userId = optionOrEnv(parser, u"user-id"_s, "SMH_USER_ID").trimmed();
    connection.caFile = parser.value(u"ca-file"_s);

    if (parser.isSet(u"token-file"_s))
        take(readCredentialFile(parser.value(u"token-file"_s), tr("token")), options.accessToken,
            problems);
    else
        options.accessToken = qEnvironmentVariable("SMH_ACCESS_TOKEN").trimmed();
    if (parser.isSet(u"secret-file"_s))
        take(readCredentialFile(parser.value(u"secret-file"_s), tr("library secret")),
            options.librarySecret, problems);
    else
        options.librarySecret = qEnvironmentVariable("SMH_LIBRARY_SECRET").trimmed();

    if (options.connectionGiven && !options.demo) {
        // A bad endpoint was reported above, in its own words.
        ConnectionSettings checked = connection;
        if (checked.endpoint.isEmpty())
            checked.endpoint = QUrl(Endpoint::defaultUrl.toString());
        const QStringList connectionProblems = checked.validate();
        for (const QString &problem : connectionProblems) {
            if (!problems.contains(problem))
                problems << problem;
        }
    }
    if (!problems.isEmpty())
        return unexpected(Error::input(problems.join(u'\n')));
    return options;
}
