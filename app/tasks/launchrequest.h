#pragma once

#include "smh/expected.h"
#include "tasks/task.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

struct MonitorOptions;

// What one launch of the window asks for: the connection, credential, task
// IDs and profile of its command line. The window carries out its own at
// start-up, and a later launch hands its request to the window already open
// on the ledger (InstanceGuard), which carries it out the same way: the same
// checks and the same messages, in that window.
struct LaunchRequest
{
    Q_DECLARE_TR_FUNCTIONS(LaunchRequest)

public:
    std::optional<Connection> connection; // --library and the options beside it
    QString credential; // token or library secret given with it (never printed)
    QString profile; // --profile
    QString taskIdText; // the arguments and --ids-file, for TaskIdParser
    QStringList problems; // what could not be read (an --ids-file), to be said

    // Files named on the command line (--ids-file, --token-file) are read
    // here, by the launch that names them, relative to its own folder.
    static LaunchRequest fromOptions(const MonitorOptions &options);

    // A compact binary form (CBOR) for the local socket. decode() takes
    // input from another process: every field is checked for type and size,
    // and the connection like one typed on the command line.
    QByteArray encode() const;
    static Expected<LaunchRequest> decode(const QByteArray &bytes);
};
