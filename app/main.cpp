#include "cli/headless.h"
#include "cli/options.h"
#include "monitor.h"
#include "smh/redact.h"
#include "tasks/taskidparser.h"
#include "demo/smhsimulator.h"
#include "tasks/taskstore.h"

#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(u"smh-task-monitor"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SMH_VERSION_STRING));
}

int runGui(QApplication &app, const MonitorOptions &options)
{
    QApplication::setApplicationDisplayName(QCoreApplication::translate("main", "SMH Task Monitor"));
    Monitor monitor;
    QString error;
    const QString storePath = options.demo ? u":memory:"_s : TaskStore::defaultPath();
    if (!monitor.openStore(storePath, &error)) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "SMH Task Monitor"),
                              QCoreApplication::translate("main", "The task ledger cannot be opened: %1")
                                  .arg(error));
        return 1;
    }

    qint64 connectionId = 0;
    QList<qint64> ids;
    if (options.demo) {
        connectionId = monitor.startDemo(&error);
        if (connectionId == 0) {
            QMessageBox::critical(nullptr, QCoreApplication::translate("main", "SMH Task Monitor"), error);
            return 1;
        }
        ids = monitor.simulator()->seedDemoTasks();
    } else if (options.connectionGiven) {
        Connection connection;
        connection.settings = options.connection;
        connection.authKind = options.librarySecret.isEmpty() ? AuthKind::AccessToken
                                                              : AuthKind::LibrarySecret;
        connectionId = monitor.addConnection(connection);
        if (!options.librarySecret.isEmpty())
            monitor.setLibrarySecret(connectionId, options.librarySecret);
        else if (!options.accessToken.isEmpty())
            monitor.setAccessToken(connectionId, options.accessToken);
    }
    const TaskIdParser::Result parsed = TaskIdParser::parse(options.taskIdArguments.join(u' '));
    ids.append(parsed.ids);
    if (connectionId != 0 && !ids.isEmpty())
        monitor.addTasks(connectionId, ids);

    MainWindow window(&monitor);
    window.show();
    const int code = app.exec();
    monitor.shutdown();
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    const MonitorOptions::Command command = MonitorOptions::commandFromArguments(argc, argv);
    const bool headless = command != MonitorOptions::Command::Gui || MonitorOptions::wantsInfoOnly(argc, argv);

    // --help, --version and the headless commands must work without a display.
    std::unique_ptr<QCoreApplication> app;
    if (headless)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    describeApplication();

    QCommandLineParser parser;
    MonitorOptions::declare(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "%s\n", qPrintable(Redact::text(parser.errorText())));
        return 2;
    }
    if (parser.isSet(u"help"_s))
        parser.showHelp(0);
    if (parser.isSet(u"version"_s))
        parser.showVersion();

    QStringList problems;
    const MonitorOptions options = MonitorOptions::fromParser(parser, &problems);
    if (!problems.isEmpty()) {
        for (const QString &problem : std::as_const(problems))
            std::fprintf(stderr, "smh-task-monitor: %s\n", qPrintable(Redact::text(problem)));
        return 2;
    }
    if (headless) {
        HeadlessRunner runner(options);
        return runner.run();
    }
    return runGui(*static_cast<QApplication *>(app.get()), options);
}
