#include "windowstartup.h"

#include "cli/fleetcommand.h"
#include "cli/headless.h"
#include "cli/historycommand.h"
#include "cli/profilecommand.h"
#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "smh/redact.h"
#include "tasks/instanceguard.h"
#include "tasks/launchrequest.h"
#include "tasks/ledgerpassword.h"
#include "tasks/ledgersetting.h"
#include "tasks/ledgersql.h"
#include "tasks/monitoroptions.h"
#include "tasks/startup.h"
#include "tasks/taskstore.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// --lang is needed before the parser exists: the help text is translated too.
QString languageArgument(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg.startsWith("--lang="))
            return QString::fromLocal8Bit(arg.mid(7));
        if (arg == "--lang" && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
    }
    return {};
}

void describeApplication()
{
    QCoreApplication::setApplicationName(u"smh-task-monitor"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SMH_VERSION_STRING));
}

// Where Qt would find no platform to draw on. QT_QPA_PLATFORM (offscreen, vnc)
// is the user's explicit choice and always counts.
bool displayAvailable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

// A launch handed to the open window carries its connection and task IDs;
// how the window polls was settled when it started.
void noteWhatStaysWithTheOpenWindow(const MonitorOptions &options)
{
    if (!options.interval && !options.maxInterval && !options.requestRate)
        return;
    std::fprintf(stderr, "smh-task-monitor: %s\n",
        qPrintable(QCoreApplication::translate("main",
            "The tasks were handed to the window already open on this ledger; it keeps its own "
            "poll interval and request rate.")));
}

// One window per ledger: a later launch hands its request to the window
// already open and ends, with the exit code returned. Otherwise `guard`
// holds the ledger for this window (null: the demo's ledger is its own, in
// memory, or no lock can be made where the ledger lives, and the window says
// what it finds there).
std::optional<int> handToOpenWindow(const MonitorOptions &options, const LaunchRequest &launch,
    std::unique_ptr<InstanceGuard> &guard)
{
    if (options.demo)
        return std::nullopt;
    guard = std::make_unique<InstanceGuard>(LedgerLocation::lockBase(TaskStore::defaultPath()));
    const Expected<InstanceGuard::Role> role =
        guard->claimOrForward([&launch] { return launch.encode(); });
    if (!role) {
        std::fprintf(
            stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(role.error().message())));
        return 1;
    }
    switch (*role) {
    case InstanceGuard::Role::Owner:
        break;
    case InstanceGuard::Role::Forwarded:
        noteWhatStaysWithTheOpenWindow(options);
        return 0;
    case InstanceGuard::Role::Unguarded:
        guard.reset();
        break;
    }
    return std::nullopt;
}

// The doors that open the ledger themselves (profile, history report,
// history fleet) find a team ledger's password as StartupJob does for the
// others: the keychain after PGPASSWORD and ~/.pgpass, answered on the
// application's event loop (run once before theirs, never nested), within
// its deadline.
void readLedgerPassword()
{
    const QString ledger = TaskStore::defaultPath();
    if (!LedgerPasswordJob::needed(ledger))
        return;
    LedgerPasswordJob job(ledger, std::chrono::seconds(30));
    QObject::connect(&job, &LedgerPasswordJob::finished, QCoreApplication::instance(),
        [] { QCoreApplication::exit(0); });
    job.start();
    QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const bool history = HistoryCommand::wanted(arguments);
    const bool profile = !history && ProfileCommand::wanted(arguments);
    const bool window = !history && !profile && MonitorOptions::wantsWindow(arguments);
    const bool display = displayAvailable();

    // --help, --version and the headless commands must work without a display.
    std::unique_ptr<QCoreApplication> app;
    if (window && display)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    describeApplication();
    Translations::install(languageArgument(argc, argv));

    QCommandLineParser parser;
    MonitorOptions::declare(parser);
    if (history)
        HistoryCommand::declare(parser);
    if (profile)
        ProfileCommand::declare(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(
            stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(parser.errorText())));
        return 2;
    }
    if (parser.isSet(u"help"_s))
        parser.showHelp(0);
    if (parser.isSet(u"version"_s))
        parser.showVersion();

    // Every door of this process (window, commands, profiles, the report)
    // meets at the ledger --ledger names (MonitorOptions checks it below),
    // else at the one chosen in the window's settings.
    if (parser.isSet(u"ledger"_s)) {
        TaskStore::setDefaultLocation(parser.value(u"ledger"_s));
    } else if (const Expected<QString> saved = LedgerSetting().location(); !saved) {
        std::fprintf(
            stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(saved.error().message())));
        return 2;
    } else if (!saved->isEmpty()) {
        TaskStore::setDefaultLocation(*saved);
    }
    // The report reads the ledger alone: no connection, and its own --output.
    if (history && HistoryCommand::wantsReport(parser)) {
        readLedgerPassword();
        return HistoryCommand::report(parser);
    }
    Expected<MonitorOptions> parsed = MonitorOptions::fromParser(parser);
    if (parsed) {
        if (const auto polling = Startup::pollOptions(*parsed); !polling)
            parsed = unexpected(polling.error());
    }
    if (!parsed) {
        // A sentence a line, each said as the program's.
        const QStringList problems = parsed.error().message().split(u'\n');
        for (const QString &problem : problems)
            std::fprintf(stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(problem)));
        return 2;
    }
    MonitorOptions &options = *parsed;
    if (profile || (history && FleetCommand::wanted(parser)))
        readLedgerPassword();
    if (profile)
        return ProfileCommand::run(parser, options);
    // The simulator lives as long as either face runs; the faces see only a
    // connection to it.
    std::unique_ptr<SmhSimulator> simulator;
    if (options.demo) {
        simulator = std::make_unique<SmhSimulator>();
        if (const auto started = DemoSetup::start(*simulator, options); !started) {
            std::fprintf(stderr, "smh-task-monitor: %s\n", qPrintable(started.error().message()));
            return 1;
        }
    }
    if (history)
        return HistoryCommand::run(parser, options);
    if (!window) {
        HeadlessRunner runner(options);
        return runner.run();
    }
    const LaunchRequest launch = LaunchRequest::fromOptions(options);
    std::unique_ptr<InstanceGuard> guard;
    if (const std::optional<int> handedOver = handToOpenWindow(options, launch, guard))
        return *handedOver;
    if (!display) {
        // Qt would abort with a message about platform plugins; say what to do instead.
        std::fprintf(stderr, "smh-task-monitor: %s\n",
            qPrintable(QCoreApplication::translate("main",
                "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
                "is set). The commands watch and query need none: see --help.")));
        return 2;
    }
    return runMonitorWindow(*static_cast<QApplication *>(app.get()), options, launch, guard.get());
}
