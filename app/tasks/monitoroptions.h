#pragma once

#include "smh/connectionsettings.h"
#include "smh/expected.h"

#include <QCoreApplication>
#include <QStringList>

#include <chrono>
#include <optional>

class QCommandLineParser;

// The options the GUI and the headless commands share, read from the command
// line with the environment as fallback. Credentials come only from the
// environment or files: a token on the command line would show in `ps`.
struct MonitorOptions
{
    Q_DECLARE_TR_FUNCTIONS(MonitorOptions)

public:
    enum class Command {
        Gui,
        Watch,
        Query,
    };
    enum class Output {
        Text,
        Json,
        JsonLines,
    };

    Command command = Command::Gui;
    bool demo = false;
    bool quiet = false;
    Output output = Output::Text;
    QString profile;
    // --ledger: a file, or a team's postgresql:// URL (checked; no password).
    QString ledger;
    bool noRecord = false; // --profile without writing the ledger
    QString language;

    ConnectionSettings connection;
    QString connectionName; // shown instead of the settings' own name (demo)
    bool connectionGiven = false; // --library (or SMH_LIBRARY_ID) was set
    QString accessToken;
    QString librarySecret;
    // Libraries the window adds beside the one above, each with its library
    // secret (--demo's fleet); the headless commands use the one above only.
    struct ExtraConnection
    {
        QString name;
        ConnectionSettings settings;
        QString librarySecret;
    };
    QList<ExtraConnection> extraConnections;

    std::optional<std::chrono::milliseconds> interval;
    std::optional<std::chrono::milliseconds> maxInterval;
    std::optional<double> requestRate; // task queries per second per connection
    std::optional<std::chrono::milliseconds> timeout;

    QStringList taskIdArguments; // still to be parsed by TaskIdParser
    QString idsFile;
    bool idsFromStdin = false;

    // Adds every option to the parser (help and version included).
    static void declare(QCommandLineParser &parser);
    // After parser.process(): fills the options, or says every problem, a
    // sentence a line, for the user (Error::Kind::Input; exit code 2).
    static Expected<MonitorOptions> fromParser(const QCommandLineParser &parser);

    // Whether to open the window, decided from the raw arguments before any
    // QCoreApplication exists: the GUI needs a display, --help, --version, the
    // headless commands and the report of a bad option must not.
    static bool wantsWindow(const QStringList &arguments);
};
