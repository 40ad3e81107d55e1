#pragma once

#include "smh/expected.h"
#include "tasks/monitoroptions.h"
#include "tasks/task.h"

#include <QObject>
#include <QTextStream>

#include <memory>

class Monitor;
class QCommandLineParser;
class SecretStore;

// `profile add|list|remove`: the connections the window saves, for servers
// and cron where no window ever runs. The same ledger and the same secret
// store as the window's connection dialog (ConnectionProfiles, SecretStore):
// the secret goes to the keychain, or to the private file when asked
// (--store-secret-in-file); never to the command line, never printed.
// Exit codes are those of `watch`: 2 for a usage or input error.
class ProfileCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileCommand)

public:
    enum class Action {
        Add,
        List,
        Remove,
    };

    struct Options
    {
        Action action = Action::List;
        QString name; // add, remove
        bool storeSecretInFile = false;
        bool yes = false; // remove: also when it still has tasks
    };

    // A name is one line of at most this many characters.
    static constexpr qsizetype maxNameChars = 200;

    // Whether the command line asks for `profile` (decided before any
    // QCoreApplication exists, like MonitorOptions::wantsWindow()).
    static bool wanted(const QStringList &arguments);
    // The options of `profile` on top of MonitorOptions::declare().
    static void declare(QCommandLineParser &parser);
    static Expected<Options> fromParser(
        const QCommandLineParser &parser, const MonitorOptions &monitorOptions);

    // Parses, runs on QCoreApplication::exec() and returns the exit code.
    static int run(const QCommandLineParser &parser, const MonitorOptions &options);

    ProfileCommand(MonitorOptions monitorOptions, Options options, QObject *parent = nullptr);
    ~ProfileCommand() override;

private:
    void start();
    void add();
    void save(const Connection &connection, const QString &credential);
    void list();
    void remove();
    Expected<void> openLedger();
    void finish(int code);
    void fail(int code, const QString &message);

    MonitorOptions m_monitorOptions;
    Options m_options;
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<SecretStore> m_secrets;
    QTextStream m_out;
    QTextStream m_err;
    bool m_finished = false;
};
