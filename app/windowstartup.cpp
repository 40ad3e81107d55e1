#include "windowstartup.h"

#include "ui/mainwindow.h"

#include "demo/demosetup.h"

#include "smh/secretstore.h"
#include "smhresources.h"
#include "tasks/connectionprofiles.h"
#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/pollscheduler.h"
#include "tasks/startup.h"
#include "tasks/taskidparser.h"
#include "tasks/taskstore.h"
#include "ui/theme.h"

#include <QApplication>
#include <QMessageBox>
#include <QTimer>

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

} // namespace

int runMonitorWindow(QApplication &app, const MonitorOptions &options)
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
    monitor.setDemoMode(options.demo);
    const QString storePath = options.demo ? u":memory:"_s : TaskStore::defaultPath();
    // The ledger's tasks arrive while the window is already up.
    if (const Expected<void> opened =
            monitor.openStore(storePath, TaskStore::LoadMode::InBackground);
        !opened) {
        QMessageBox::critical(nullptr, title(),
            QCoreApplication::translate("main", "The task ledger cannot be opened: %1")
                .arg(opened.error()));
        return 1;
    }
    // main() has already refused contradictory intervals.
    monitor.scheduler()->setOptions(
        Startup::pollOptions(options, monitor.scheduler()->planner().options()).value());

    SecretStore secrets;
    // The demo's secret is the simulator's; it has no business in a keychain.
    secrets.setKeychainEnabled(!options.demo);
    if (options.demo)
        secrets.setPrivateFilePath({});
    else
        secrets.probe();

    // Whatever the user gave and could not be kept is said, never dropped:
    // the window opens all the same, with the problem in front of it.
    QStringList problems;
    qint64 connectionId = 0;
    bool askForCredentials = false;
    QSet<qint64> credentialsGiven;
    if (const std::optional<Connection> given = Startup::connection(options)) {
        const QString credential = Startup::credential(options);
        const Expected<qint64> connected = Startup::connect(monitor, *given, credential);
        if (connected) {
            connectionId = *connected;
            if (credential.isEmpty())
                askForCredentials = true;
            else
                credentialsGiven.insert(connectionId);
        } else {
            problems << QCoreApplication::translate(
                "main", "The connection to %1 could not be saved: %2")
                            .arg(given->settings.displayName(), connected.error());
        }
    }

    // IDs from the command line and --ids-file; anything unreadable, or that
    // the ledger refused, goes to the add-tasks dialog, where it can be fixed
    // or tried again, instead of being dropped.
    const Expected<QString> idText = Startup::taskIdText(options, false);
    if (!idText)
        problems << idText.error();
    const QString ids = idText.valueOr({});
    const TaskIdParser::Result parsed = TaskIdParser::parse(ids);
    if (connectionId == 0 && !options.connectionGiven && monitor.store()->connections().size() == 1)
        connectionId = monitor.store()->connections().constFirst().id;
    // Saved by the window a slice at a time (a long list must not hold up
    // the window); what cannot be saved goes to the add-tasks dialog there.
    const bool saveIds = parsed.ok() && !parsed.ids.isEmpty() && connectionId != 0;
    const bool idsLeft = !saveIds && !ids.trimmed().isEmpty();
    if (options.demo && connectionId != 0)
        monitor.addTasks(connectionId, DemoSetup::libraryLevelTaskIds(), {}, true);

    ConnectionProfiles::loadSecrets(&monitor, &secrets, credentialsGiven);

    MainWindow window(&monitor, &secrets);
    window.show();
    // A ledger that cannot be read to the end is not written to either.
    QObject::connect(
        monitor.store(), &TaskStore::loadFailed, &window, [&window](const QString &error) {
            QMessageBox::critical(&window, title(),
                QCoreApplication::translate("main", "The task ledger cannot be opened: %1")
                    .arg(error));
            QCoreApplication::exit(1);
        });
    if (saveIds)
        window.addTaskIds(connectionId, parsed.ids, ids);
    if (!options.profile.isEmpty())
        window.selectConnectionByName(options.profile);
    if (!problems.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, problems] {
            QMessageBox::warning(&window, title(), problems.join(u"\n\n"_s));
        });
    }
    if (idsLeft) {
        QTimer::singleShot(0, &window, [&window, ids] { window.addTasks(ids); });
    } else if (askForCredentials) {
        // Only when the keychain has nothing for this connection either.
        QPointer<MainWindow> guard(&window);
        secrets.read(connectionId, [guard, connectionId](const QString &secret, const QString &) {
            if (guard && secret.isEmpty())
                QTimer::singleShot(
                    0, guard, [guard, connectionId] { guard->manageConnections(connectionId); });
        });
    }
    const int code = app.exec();
    monitor.shutdown();
    return code;
}
