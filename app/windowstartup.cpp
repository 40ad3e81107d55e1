#include "windowstartup.h"

#include "ui/ledgerwaitwindow.h"
#include "ui/mainwindow.h"

#include "demo/demosetup.h"
#include "history/historyservice.h"

#include "smh/secretstore.h"
#include "smhresources.h"
#include "tasks/connectionprofiles.h"
#include "tasks/instanceguard.h"
#include "tasks/launchrequest.h"
#include "tasks/ledgerpassword.h"
#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/startup.h"
#include "tasks/taskidparser.h"
#include "tasks/taskstore.h"
#include "ui/theme.h"

#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

QString title()
{
    return QCoreApplication::translate("main", "SMH Task Monitor");
}

// SMH_THEME=light|dark|system, or SMH_DARK=1, override the saved choice for
// this run (screenshots, a desktop without a dark theme of its own).
UiSettings::ThemeMode startupTheme(const UiSettings &settings)
{
    if (const auto fromEnv = UiSettings::themeModeFromKey(qEnvironmentVariable("SMH_THEME")))
        return *fromEnv;
    if (qEnvironmentVariableIntValue("SMH_DARK") == 1)
        return UiSettings::ThemeMode::Dark;
    return settings.themeMode();
}

// What carrying out a launch's request leaves for the window to do.
struct Launched
{
    qint64 connectionId = 0; // where its task IDs go; 0: none fits, ask
    bool credentialGiven = false;
    bool askForCredentials = false;
    QStringList problems; // said, never dropped
};

// What the window makes of the shared start-up's result for a launch: the
// connection its task IDs go to, and whatever could not be done, to be said.
Launched launchedFrom(const LaunchRequest &request, const StartupJob::Result &result)
{
    Launched launched;
    launched.problems = request.problems;
    if (result) {
        launched.connectionId = result->connectionId;
        launched.credentialGiven = request.connection && !request.credential.isEmpty();
        launched.askForCredentials = request.connection && request.credential.isEmpty();
    } else if (StartupJob::stepOf(result.error()) == StartupJob::Step::Connection
        && request.connection) {
        launched.problems << QCoreApplication::translate(
            "main", "The connection to %1 could not be saved: %2")
                                 .arg(request.connection->settings.displayName(),
                                     result.error().message());
    } else {
        launched.problems << result.error().message();
    }
    return launched;
}

StartupJob::Target targetOf(const LaunchRequest &request)
{
    StartupJob::Target target;
    target.connection = request.connection;
    target.credential = request.credential;
    target.profile = request.profile;
    return target;
}

// The request's connection, saved (or found) with its credential, and the
// connection its task IDs go to, through the shared start-up on the open
// window's monitor; `done` hears what became of it.
void connectLaunch(Monitor &monitor, const LaunchRequest &request, QObject *context,
    std::function<void(const Launched &)> done)
{
    StartupJob::Settings settings;
    settings.face = StartupJob::Face::Window;
    auto *job = new StartupJob(monitor, targetOf(request), settings, context);
    QObject::connect(job, &StartupJob::finished, context,
        [job, request, done = std::move(done)](const StartupJob::Result &result) {
            job->deleteLater();
            done(launchedFrom(request, result));
        });
    job->start();
}

// The rest, in the window: IDs saved a slice at a time (a long list must not
// hold up the window); anything unreadable or refused goes to the add-tasks
// dialog, where it can be fixed or tried again, instead of being dropped.
void showParsed(MainWindow &window, SecretStore &secrets, const LaunchRequest &request,
    const Launched &launched, const TaskIdParser::Result &parsed)
{
    const QString &ids = request.taskIdText;
    const qint64 connectionId = launched.connectionId;
    const bool saveIds = parsed.ok() && !parsed.ids.isEmpty() && connectionId != 0;
    const bool idsLeft = !saveIds && !ids.trimmed().isEmpty();
    if (saveIds)
        window.addTaskIds(connectionId, parsed.ids, ids);
    if (!request.profile.isEmpty())
        window.selectConnectionByName(request.profile);
    if (const QStringList problems = launched.problems; !problems.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, problems] {
            QMessageBox::warning(&window, title(), problems.join(u"\n\n"_s));
        });
    }
    if (idsLeft) {
        QTimer::singleShot(0, &window, [&window, ids] { window.addTasks(ids); });
    } else if (launched.askForCredentials) {
        // Only when the keychain has nothing for this connection either.
        SecretReadJob *read = secrets.read(connectionId);
        QObject::connect(read, &SecretJob::finished, &window, [&window, read, connectionId] {
            if (read->result().valueOr(QString()).isEmpty())
                QTimer::singleShot(0, &window,
                    [&window, connectionId] { window.manageConnections(connectionId); });
        });
    }
}

// The IDs are read on a worker thread: a million of them take a quarter of a
// second, too long for a window in use when a later launch hands them over.
// `secrets` outlives the window.
void showLaunch(MainWindow &window, SecretStore &secrets, const LaunchRequest &request,
    const Launched &launched)
{
    if (request.taskIdText.trimmed().isEmpty())
        return showParsed(window, secrets, request, launched, {});
    QPointer<MainWindow> guard(&window);
    QThreadPool::globalInstance()->start([guard, secrets = &secrets, request, launched] {
        TaskIdParser::Result parsed = TaskIdParser::parse(request.taskIdText);
        QMetaObject::invokeMethod(
            qApp,
            [guard, secrets, request, launched, parsed = std::move(parsed)] {
                if (guard)
                    showParsed(*guard, *secrets, request, launched, parsed);
            },
            Qt::QueuedConnection);
    });
}

// A later launch was handed over: the window comes to the front, also from
// the taskbar or another desktop.
void bringForward(QWidget &window)
{
    window.setWindowState((window.windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    window.show();
    // Platforms without windows to stack (offscreen, in tests) would only
    // complain about it.
    if (QGuiApplication::platformName() == u"offscreen"
        || QGuiApplication::platformName() == u"minimal")
        return;
    window.raise();
    window.activateWindow();
}

// Later launches on the same ledger hand their requests to this window.
void answerLaterLaunches(
    InstanceGuard &guard, Monitor &monitor, SecretStore &secrets, MainWindow &window)
{
    const Expected<void> listening =
        guard.listen([&monitor, &secrets, &window](const QByteArray &message) -> Expected<void> {
            const Expected<LaunchRequest> request = LaunchRequest::decode(message);
            if (!request)
                return unexpected(request.error());
            connectLaunch(monitor, *request, &window,
                [&window, &secrets, request = *request](const Launched &launched) {
                    showLaunch(window, secrets, request, launched);
                    bringForward(window);
                });
            return {};
        });
    if (!listening)
        std::fprintf(stderr, "smh-task-monitor: %s\n", qPrintable(listening.error().message()));
}

// The window over a started monitor. Whatever the user gave and could not
// be kept is said, never dropped: the window opens all the same, with the
// problem in front of it.
std::unique_ptr<MainWindow> openWindow(Monitor &monitor, SecretStore &secrets,
    const MonitorOptions &options, const LaunchRequest &launch, const Launched &launched)
{
    if (options.demo && launched.connectionId != 0)
        monitor.addTasks(launched.connectionId, DemoSetup::libraryLevelTaskIds(), {}, true);
    // The demo's other libraries, so that they can be compared side by side.
    if (options.demo)
        Startup::addExtraConnections(monitor, options);

    QSet<qint64> credentialsGiven;
    if (launched.credentialGiven)
        credentialsGiven.insert(launched.connectionId);
    ConnectionProfiles::loadSecrets(&monitor, &secrets, credentialsGiven);

    auto window = std::make_unique<MainWindow>(&monitor, &secrets);
    window->show();
    // A ledger that cannot be read to the end is not written to either.
    MainWindow *shown = window.get();
    QObject::connect(&monitor.tasks(), &TaskStore::loadFailed, shown, [shown](const Error &error) {
        QMessageBox::critical(shown, title(),
            QCoreApplication::translate("main", "The task ledger cannot be opened: %1")
                .arg(error.message()));
        QCoreApplication::exit(1);
    });
    showLaunch(*window, secrets, launch, launched);
    return window;
}

// The ledger first: a team ledger's server that cannot be reached (at start,
// or when opening it failed) is waited for in a window that says so and tries
// again; once it answers, the start runs (again). A ledger that cannot be
// opened for any other reason (a file, a schema newer than this program) is
// refused, as before.
void startOnceReachable(LedgerWaitWindow &wait, const std::function<void()> &start)
{
    QObject::connect(&wait, &LedgerWaitWindow::reachable, &wait, start);
    QObject::connect(&wait, &LedgerWaitWindow::refused, &wait, [](const QString &why) {
        QMessageBox::critical(nullptr, title(),
            QCoreApplication::translate("main", "The task ledger cannot be opened: %1").arg(why));
        QCoreApplication::exit(1);
    });
    QObject::connect(
        &wait, &LedgerWaitWindow::quitRequested, &wait, [] { QCoreApplication::exit(0); });
}

} // namespace

int runMonitorWindow(QApplication &app, const MonitorOptions &options, const LaunchRequest &launch,
    InstanceGuard *guard)
{
    QApplication::setApplicationDisplayName(title());
    QGuiApplication::setDesktopFileName(SmhResources::applicationId());
    QApplication::setWindowIcon(SmhResources::applicationIcon());
    {
        const UiSettings settings;
        const UiSettings::ThemeMode theme = startupTheme(settings);
        if (theme != UiSettings::ThemeMode::System)
            Theme::apply(theme);
    }

    Monitor monitor;
    HistoryService::of(&monitor); // the history wing, before the ledger opens

    SecretStore secrets;
    // The demo's secret is the simulator's; it has no business in a keychain.
    secrets.setKeychainEnabled(!options.demo);
    if (options.demo)
        secrets.setPrivateFilePath({});
    else
        secrets.probe();

    StartupJob::Settings settings;
    settings.face = StartupJob::Face::Window;
    settings.prepare = options;
    settings.ledgerPath = options.demo ? u":memory:"_s : TaskStore::defaultPath();
    // The ledger's tasks arrive while the window is already up.
    settings.loadMode = TaskStore::LoadMode::InBackground;
    std::unique_ptr<StartupJob> job;
    std::unique_ptr<MainWindow> window;
    // A team ledger's server is reached off the GUI thread first; while it
    // cannot be, this says so and tries again (see startOnceReachable).
    LedgerWaitWindow wait(settings.ledgerPath);
    const std::function<void()> startJob = [&] {
        job = std::make_unique<StartupJob>(monitor, targetOf(launch), settings);
        QObject::connect(
            job.get(), &StartupJob::finished, job.get(), [&](const StartupJob::Result &result) {
                if (!result && StartupJob::stepOf(result.error()) == StartupJob::Step::Ledger)
                    return wait.check(result.error().message());
                // main() has already refused contradictory intervals.
                if (!result && StartupJob::stepOf(result.error()) == StartupJob::Step::Options) {
                    QMessageBox::critical(nullptr, title(), result.error().message());
                    return QCoreApplication::exit(1);
                }
                window =
                    openWindow(monitor, secrets, options, launch, launchedFrom(launch, result));
                if (guard)
                    answerLaterLaunches(*guard, monitor, secrets, *window);
            });
        job->start();
    };
    startOnceReachable(wait, startJob);
    // A team ledger's password kept in the keychain is found before its
    // server is first asked (the start-up job then finds it kept).
    LedgerPasswordJob password(settings.ledgerPath, std::chrono::seconds(30));
    QObject::connect(
        &password, &LedgerPasswordJob::finished, &wait, [&wait] { wait.check(std::nullopt); });
    QTimer::singleShot(0, &password, &LedgerPasswordJob::start);
    const int code = app.exec();
    monitor.shutdown();
    return code;
}
