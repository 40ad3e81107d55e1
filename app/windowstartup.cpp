#include "windowstartup.h"

#include "ui/mainwindow.h"

#include "smh/secretstore.h"
#include "smhresources.h"
#include "tasks/connectionprofiles.h"
#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/pollscheduler.h"
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
    QString error;
    const QString storePath = options.demo ? u":memory:"_s : TaskStore::defaultPath();
    if (!monitor.openStore(storePath, &error)) {
        QMessageBox::critical(nullptr, title(),
            QCoreApplication::translate("main", "The task ledger cannot be opened: %1").arg(error));
        return 1;
    }
    PollPlanner::Options planner = monitor.scheduler()->planner().options();
    if (options.interval)
        planner.baseInterval = *options.interval;
    if (options.maxInterval)
        planner.maxInterval = *options.maxInterval;
    monitor.scheduler()->setOptions(planner);

    SecretStore secrets;
    // The demo's secret is the simulator's; it has no business in a keychain.
    secrets.setKeychainEnabled(!options.demo);
    if (options.demo)
        secrets.setPrivateFilePath({});
    else
        secrets.probe();

    qint64 connectionId = 0;
    bool askForCredentials = false;
    QSet<qint64> credentialsGiven;
    QList<qint64> ids;
    monitor.setDemoMode(options.demo);
    if (options.connectionGiven) {
        Connection connection;
        connection.settings = options.connection;
        connection.name = options.connectionName;
        connection.authKind =
            options.librarySecret.isEmpty() ? AuthKind::AccessToken : AuthKind::LibrarySecret;
        connectionId = monitor.addConnection(connection);
        if (!options.librarySecret.isEmpty()) {
            monitor.setLibrarySecret(connectionId, options.librarySecret);
            credentialsGiven.insert(connectionId);
        } else if (!options.accessToken.isEmpty()) {
            monitor.setAccessToken(connectionId, options.accessToken);
            credentialsGiven.insert(connectionId);
        } else {
            askForCredentials = connectionId != 0;
        }
    }

    // IDs from the command line and --ids-file; anything unreadable goes to
    // the add-tasks dialog, where it can be fixed, instead of being dropped.
    QString idText = options.taskIdArguments.join(u' ');
    if (!options.idsFile.isEmpty()) {
        const TaskIdParser::Result fromFile = TaskIdParser::parseFile(options.idsFile, &error);
        if (!error.isEmpty())
            QMessageBox::warning(nullptr, title(), error);
        for (qint64 id : fromFile.ids)
            idText += u' ' + QString::number(id);
    }
    const TaskIdParser::Result parsed = TaskIdParser::parse(idText);
    if (connectionId == 0 && !options.demo && monitor.store()->connections().size() == 1)
        connectionId = monitor.store()->connections().constFirst().id;
    const bool addDirectly = parsed.ok() && connectionId != 0;
    if (addDirectly)
        ids.append(parsed.ids);
    if (connectionId != 0 && !ids.isEmpty())
        monitor.addTasks(connectionId, ids);

    ConnectionProfiles::loadSecrets(&monitor, &secrets, credentialsGiven);

    MainWindow window(&monitor, &secrets);
    window.show();
    if (!options.profile.isEmpty())
        window.selectConnectionByName(options.profile);
    if (!addDirectly && !idText.trimmed().isEmpty()) {
        QTimer::singleShot(0, &window, [&window, idText] { window.addTasks(idText); });
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
