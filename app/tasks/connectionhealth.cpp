#include "tasks/connectionhealth.h"

#include "smh/redact.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"

using namespace Qt::StringLiterals;

ConnectionHealth::Summary ConnectionHealth::of(const Monitor &monitor, const QDateTime &now)
{
    const PollScheduler *scheduler = &monitor.polling();
    Summary summary;
    summary.requests = scheduler->totalRequests();
    bool allPaused = true;
    const QList<Connection> connections = monitor.tasks().connections();
    for (const Connection &connection : connections) {
        const PollScheduler::ConnectionStatus status = scheduler->status(connection.id);
        Entry entry;
        entry.id = connection.id;
        entry.name = connection.label();
        entry.health = status.health;
        entry.pending = status.pending;
        if (status.lastPollAt.isValid()
            && (!summary.lastPollAt.isValid() || status.lastPollAt > summary.lastPollAt))
            summary.lastPollAt = status.lastPollAt;
        summary.inFlight = summary.inFlight || status.inFlight;
        summary.answered =
            summary.answered || (status.lastPollAt.isValid() && !status.lastError.isError());
        allPaused = allPaused && status.health == PollScheduler::Health::Paused;
        const bool polls = status.health == PollScheduler::Health::Ok
            || status.health == PollScheduler::Health::Backoff;
        if (polls && status.nextPollAt.isValid()
            && (!summary.nextPollAt.isValid() || status.nextPollAt < summary.nextPollAt))
            summary.nextPollAt = status.nextPollAt;

        // Every text from an error is redacted again: it may quote a URL.
        const QString detail = Redact::text(status.lastError.toString());
        switch (status.health) {
        case PollScheduler::Health::AuthRejected:
            entry.trouble = Trouble::Auth;
            entry.message =
                tr("%1: the server refused the credentials (%2). Update them under Connection ▸ "
                   "Manage Connections.")
                    .arg(entry.name, detail);
            break;
        case PollScheduler::Health::ConfigError:
            entry.trouble = Trouble::Auth;
            entry.message = tr("%1: %2. Polling stopped; edit the connection under Connection ▸ "
                               "Manage Connections.")
                                .arg(entry.name, detail);
            break;
        case PollScheduler::Health::NoCredentials:
            if (status.pending > 0) {
                entry.trouble = Trouble::Auth;
                entry.message = tr("%1: no access token or library secret is set.").arg(entry.name);
            }
            break;
        case PollScheduler::Health::Backoff:
            entry.trouble = Trouble::Network;
            entry.message = status.nextPollAt.isValid()
                ? tr("%1: %2; retrying in %3")
                      .arg(entry.name, detail,
                          TaskTableModel::formatDuration(
                              std::max<qint64>(0, now.secsTo(status.nextPollAt))))
                : tr("%1: %2").arg(entry.name, detail);
            break;
        case PollScheduler::Health::Elsewhere:
            // Not a trouble: the answers arrive through the ledger.
            summary.elsewhere << tr("%1: polled by another monitor (%2); its answers are shown "
                                    "here.")
                                     .arg(entry.name, status.polledBy);
            break;
        case PollScheduler::Health::Idle:
        case PollScheduler::Health::Ok:
        case PollScheduler::Health::Paused:
            break;
        }
        if (entry.trouble != Trouble::None) {
            summary.problems << entry.message;
            summary.authProblem = summary.authProblem || entry.trouble == Trouble::Auth;
        }

        QStringList tip {
            connection.settings.displayName() + u" · "_s + connection.settings.endpoint.host()};
        if (!entry.message.isEmpty())
            tip << entry.message;
        else if (status.health == PollScheduler::Health::Paused)
            tip << tr("Paused");
        else if (status.health == PollScheduler::Health::Elsewhere)
            tip << summary.elsewhere.constLast();
        tip << tr("Tasks being polled: %1").arg(status.pending);
        tip << tr("Requests sent: %1").arg(status.requestsSent);
        entry.toolTip = tip.join(u'\n');
        summary.connections << entry;
    }
    summary.allPaused = !connections.isEmpty() && allPaused;
    return summary;
}
