#pragma once

#include "smh/expected.h"
#include "tasks/pollplanner.h"
#include "tasks/task.h"

#include <QCoreApplication>

#include <optional>

class Monitor;
struct MonitorOptions;

// The rules that turn the command line into a running monitor, once for both
// faces: the window and the headless commands each used to carry a copy, and
// the copies drifted (one clamped poll intervals with reversed bounds).
class Startup
{
    Q_DECLARE_TR_FUNCTIONS(Startup)

public:
    // Poll intervals from --interval and --max-interval over `defaults`. An
    // interval longer than the longest one is refused when both are given;
    // when one is given, the other moves to meet it.
    static Expected<PollPlanner::Options> pollOptions(
        const MonitorOptions &options, const PollPlanner::Options &defaults = {});

    // The connection the command line names (--library, or the demo's), with
    // the kind of credential given; none when no library was named.
    static std::optional<Connection> connection(const MonitorOptions &options);
    // The token or library secret given for it (empty: none given).
    static QString credential(const MonitorOptions &options);

    // A connection saved from the window (--profile), by name or by its
    // library/space label, from the ledger at `ledgerPath`.
    static Expected<Connection> savedConnection(const QString &name, const QString &ledgerPath);

    // Every task ID given, as text for TaskIdParser: arguments, --ids-file
    // and, when `readStandardInput`, standard input ("-"). A file that cannot
    // be read is an error, never an empty list.
    static Expected<QString> taskIdText(const MonitorOptions &options, bool readStandardInput);

    // Adds `connection` to the monitor (or finds the same one) with its
    // credential. Returns its id.
    static Expected<qint64> connect(
        Monitor &monitor, const Connection &connection, const QString &credential);
    // Adds the options' extra connections (--demo's fleet) with their
    // library secrets. Returns their ids, in order.
    static Expected<QList<qint64>> addExtraConnections(
        Monitor &monitor, const MonitorOptions &options);
};
