// `history clear` of several profiles: FleetCommand's campaign half.

#include "cli/fleetcommand.h"

#include "cli/fleetexit.h"
#include "cli/headless.h"
#include "cli/historycommand.h"
#include "cli/interruptwatch.h"
#include "cli/taskjson.h"
#include "cli/texttable.h"

#include "smh/redact.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTimer>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// How long the summary waits for the usage after the last clear.
constexpr std::chrono::seconds usageAfterDeadline {15};

// The engine's keys ("left-undone") as the commands' JSON spells keys ("left_undone").
QString jsonKey(QString key)
{
    return key.replace(u'-', u'_');
}

QJsonValue bytesJson(const std::optional<qint64> &bytes)
{
    return bytes ? QJsonValue(QString::number(*bytes)) : QJsonValue(QJsonValue::Null);
}

QString bytesText(const std::optional<qint64> &bytes)
{
    return bytes ? QLocale().formattedDataSize(*bytes, 1, QLocale::DataSizeIecFormat) : u"-"_s;
}

// A library's part of the exit code, as `history clear` of one library says it.
int exitCodeOf(const CampaignLibrary &library, const std::optional<CleanupRecord> &record)
{
    using Outcome = CampaignLibrary::Outcome;
    switch (library.outcome) {
    case Outcome::Cleared:
        return HeadlessRunner::Success;
    case Outcome::TaskFailed: {
        const QString state = record ? record->outcome : QString();
        if (state == TaskStates::key(TaskState::NotFound))
            return HeadlessRunner::NotFound;
        if (state == TaskStates::key(TaskState::Unknown))
            return HeadlessRunner::UnknownStatus;
        return HeadlessRunner::TaskFailed;
    }
    case Outcome::Refused: {
        ClearRefusal refusal;
        refusal.reason = library.refusal.value_or(ClearRefusal::Reason::Failed);
        return HistoryCommand::refusalExitCode(refusal.said(library.detail));
    }
    case Outcome::Unknown:
    case Outcome::Untracked:
        return HeadlessRunner::OutcomeUnknown;
    case Outcome::Pending: // still under way when the command stopped waiting
    case Outcome::Cancelled:
    case Outcome::LeftUndone:
        break;
    }
    return HeadlessRunner::GaveUp;
}

// What happened to a library, and what to do about it from a command line.
QString detailOf(const CampaignLibrary &library)
{
    QString detail = Redact::text(library.detail);
    if (library.refusal == ClearRefusal::Reason::HistoryOn)
        detail += u' '
            + HistoryCommand::tr(
                "Nothing was changed; pass --disable-history to turn it off first.");
    return detail.trimmed();
}

} // namespace

QList<Campaign *> FleetCommand::resumedOverlapping() const
{
    QList<Campaign *> found;
    for (const QPointer<Campaign> &campaign : m_resumedNow) {
        if (!campaign)
            continue;
        const bool overlaps = std::any_of(campaign->libraries().cbegin(),
            campaign->libraries().cend(), [this](const CampaignLibrary &library) {
                return std::any_of(m_rows.cbegin(), m_rows.cend(), [&library](const Row &row) {
                    return LibraryKey::of(row.connection.settings) == library.library;
                });
            });
        if (overlaps)
            found.append(campaign);
    }
    return found;
}

// Whether one of `resumed` sent its clear of `key`: the run that continues it
// does not send it again.
bool FleetCommand::sentBy(const QList<Campaign *> &resumed, const LibraryKey &key) const
{
    for (const Campaign *campaign : resumed) {
        for (const CampaignLibrary &library : campaign->libraries()) {
            if (!(library.library == key) || library.cleanupId == 0)
                continue;
            const auto record = m_history->ledger()->cleanup(library.cleanupId);
            if (record && record->wasSent())
                return true;
        }
    }
    return false;
}

void FleetCommand::startClear()
{
    // Every library named has its credential before anything is sent.
    QStringList missing;
    for (const Row &row : std::as_const(m_rows)) {
        if (row.state == u"no_credential")
            missing << tr("%1: %2").arg(row.connection.label(), row.message);
    }
    if (!missing.isEmpty())
        return fail(HeadlessRunner::UsageError,
            tr("Nothing was sent: a library named has no credential.") + u'\n'
                + missing.join(u'\n'));
    // Run again after a crash, the interrupted campaign is continued: what it
    // sent is tracked (by the engine, which resumed it) and never sent again;
    // only what it left undone goes into a new campaign.
    const QList<Campaign *> resumed = resumedOverlapping();
    CampaignPlan plan;
    for (const Row &row : std::as_const(m_rows)) {
        if (!sentBy(resumed, LibraryKey::of(row.connection.settings)))
            plan.connectionIds << row.connection.id;
    }
    // Before anything leaves (a credential handed to the monitor is used at once).
    if (!plan.connectionIds.isEmpty() && !confirmed())
        return fail(HeadlessRunner::UsageError,
            tr("Nothing was changed: clearing historical versions is irreversible; pass --yes "
               "to confirm."));
    for (const Connection &connection : std::as_const(m_needCredentials)) {
        if (const QString credential = m_credentials.value(connection.id); !credential.isEmpty())
            m_monitor->setCredential(connection, credential);
    }
    connect(&m_monitor->polling(), &PollScheduler::connectionStatusChanged, this,
        &FleetCommand::onConnectionStatus);
    // From here on a Ctrl+C stops the campaign in good order (and a second
    // one at once).
    connect(new InterruptWatch(this), &InterruptWatch::interrupted, this,
        &FleetCommand::cancelOnInterrupt);
    if (m_monitorOptions.timeout) {
        QTimer::singleShot(*m_monitorOptions.timeout, this, [this] {
            printError(HistoryCommand::tr("gave up: --timeout reached"));
            printClearSummary();
        });
    }
    for (Campaign *campaign : resumed) {
        printCampaignEvent(*campaign, u"resumed"_s);
        follow(campaign);
    }
    if (plan.connectionIds.isEmpty())
        return onCampaignOver();
    plan.options.disableHistoryFirst = m_options.disableHistory;
    plan.options.restoreAfterwards = m_options.restoreSettings;
    plan.parallel = m_options.parallel;
    const Expected<Campaign *> started = Campaigns::of(m_history)->start(plan);
    if (!started)
        return fail(HeadlessRunner::GaveUp, started.error().message());
    printCampaignEvent(**started, u"started"_s);
    follow(*started);
}

// Ctrl+C: nothing new starts, a clear under way stops before its next
// destructive call, and what was sent is followed to its end, as Cancel in
// the window. The summary then names what was cancelled.
void FleetCommand::cancelOnInterrupt()
{
    if (m_finished)
        return;
    for (Campaign *campaign : std::as_const(m_followed)) {
        if (campaign->isOver() || campaign->isResumed()
            || campaign->state() == CampaignSummary::State::Cancelling)
            continue;
        campaign->cancel();
        printCampaignEvent(*campaign, u"cancelling"_s);
    }
}

// --yes, or at a terminal the number of libraries typed, as the window's
// dialog asks for it.
bool FleetCommand::confirmed()
{
    if (m_options.yes)
        return true;
    if (!::isatty(STDIN_FILENO) || !::isatty(STDERR_FILENO))
        return false;
    QStringList names;
    for (const Row &row : std::as_const(m_rows))
        names << TextTable::cell(row.connection.label());
    m_err << tr("This deletes every historical version of these libraries and cannot be undone: "
                "%1. Type how many libraries that is to go on: ")
                 .arg(names.join(u", "_s))
          << Qt::flush;
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return false;
    return QString::fromLocal8Bit(in.readLine(64)).trimmed() == QString::number(m_rows.size());
}

void FleetCommand::follow(Campaign *campaign)
{
    m_followed << campaign;
    connect(campaign, &Campaign::libraryChanged, this,
        [this, campaign](int index) { onLibraryChanged(campaign, index); });
    connect(campaign, &Campaign::finished, this, &FleetCommand::onCampaignOver);
    for (int i = 0; i < campaign->libraries().size(); ++i)
        onLibraryChanged(campaign, i);
}

void FleetCommand::onLibraryChanged(Campaign *campaign, int index)
{
    if (m_finished)
        return;
    const CampaignLibrary &library = campaign->library(index);
    // Said again once the usage after is read: the freed space comes with it.
    const QString said = CampaignLibrary::stepKey(library.step) + u'/'
        + CampaignLibrary::outcomeKey(library.outcome) + (library.usageAfter ? u"/+"_s : u""_s);
    QString &last = m_said[{campaign->id(), index}];
    if (last == said)
        return;
    last = said;
    printLibraryEvent(*campaign, library);
    if (m_usageDeadline)
        onCampaignOver(); // the usage after, read since
}

void FleetCommand::onCampaignOver()
{
    const bool over = std::all_of(
        m_followed.cbegin(), m_followed.cend(), [](const Campaign *c) { return c->isOver(); });
    if (!over || m_finished)
        return;
    // The usage after a clear is read as its task ends; its answer is
    // waited for, briefly, so that the summary can say what was freed.
    const bool reading = std::any_of(m_followed.cbegin(), m_followed.cend(), [](auto *c) {
        return std::any_of(
            c->libraries().cbegin(), c->libraries().cend(), [](const CampaignLibrary &library) {
                return library.outcome == CampaignLibrary::Outcome::Cleared && library.usageBefore
                    && !library.usageAfter;
            });
    });
    if (!reading)
        return printClearSummary();
    if (!m_usageDeadline) {
        m_usageDeadline = new QTimer(this);
        m_usageDeadline->setSingleShot(true);
        connect(m_usageDeadline, &QTimer::timeout, this, &FleetCommand::printClearSummary);
        m_usageDeadline->start(usageAfterDeadline);
    }
}

// A tracked clear's task that cannot be asked about any more is not waited
// for forever: the command stops, and the next run resumes the campaign.
void FleetCommand::onConnectionStatus(qint64 connectionId)
{
    if (m_finished)
        return;
    const bool ours = std::any_of(m_followed.cbegin(), m_followed.cend(), [connectionId](auto *c) {
        return std::any_of(c->libraries().cbegin(), c->libraries().cend(),
            [connectionId](const CampaignLibrary &library) {
                return library.connectionId == connectionId && library.isActive();
            });
    });
    if (!ours)
        return;
    const auto status = m_monitor->polling().status(connectionId);
    const QString name = m_monitor->tasks().connection(connectionId)->label();
    if (status.health == PollScheduler::Health::AuthRejected) {
        printError(tr("%1: authentication failed: %2").arg(name, status.lastError.toString()));
        printClearSummary();
    } else if (status.consecutiveFailures >= HeadlessRunner::retryBudget) {
        printError(tr("%1: gave up after %2 failed attempts: %3")
                       .arg(name)
                       .arg(status.consecutiveFailures)
                       .arg(status.lastError.toString()));
        printClearSummary();
    }
}

QJsonObject FleetCommand::libraryJson(const CampaignLibrary &library) const
{
    const std::optional<CleanupRecord> record =
        library.cleanupId != 0 ? m_history->ledger()->cleanup(library.cleanupId) : std::nullopt;
    QJsonObject object {{u"profile"_s, library.connectionName},
        {u"libraryId"_s, library.library.libraryId}, {u"position"_s, library.position},
        {u"step"_s, CampaignLibrary::stepKey(library.step)},
        {u"outcome"_s,
            library.outcome == CampaignLibrary::Outcome::Pending
                ? QJsonValue()
                : QJsonValue(jsonKey(CampaignLibrary::outcomeKey(library.outcome)))}};
    if (library.step == CampaignLibrary::Step::Waiting && library.secondsUntilAllowed > 0)
        object.insert(u"secondsUntilAllowed"_s, library.secondsUntilAllowed);
    if (record && record->task.taskId != 0)
        object.insert(u"taskId"_s, record->task.taskId);
    if (record && !record->outcome.isEmpty())
        object.insert(u"taskState"_s, record->outcome);
    if (library.usageBefore || library.step != CampaignLibrary::Step::Waiting)
        object.insert(u"usageBefore"_s, bytesJson(library.usageBefore));
    if (library.isDone()) {
        object.insert(u"usageAfter"_s, bytesJson(library.usageAfter));
        object.insert(u"freed"_s, bytesJson(library.freedBytes()));
        object.insert(u"deleteCount"_s,
            library.deleteCount ? QJsonValue(*library.deleteCount) : QJsonValue());
        if (record)
            object.insert(u"historyLeftOff"_s, record->leftHistoryOff());
        if (!library.restoreOutcome.isEmpty())
            object.insert(u"restore"_s, Redact::text(library.restoreOutcome));
        object.insert(u"exitCode"_s, exitCodeOf(library, record));
    }
    if (const QString detail = detailOf(library); !detail.isEmpty())
        object.insert(u"detail"_s, detail);
    return object;
}

void FleetCommand::printLibraryEvent(const Campaign &campaign, const CampaignLibrary &library)
{
    if (m_monitorOptions.output == MonitorOptions::Output::JsonLines) {
        QJsonObject event = libraryJson(library);
        event.insert(u"time"_s, TaskJson::isoNow());
        event.insert(u"campaign"_s, campaign.id());
        m_out << QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)) << '\n';
        m_out.flush();
    }
    if (m_monitorOptions.quiet)
        return;
    // The person watching: a line a step, on stderr.
    QString line = library.isDone() ? library.outcomeLabel() : library.stepLabel();
    if (library.isDone() && library.freedBytes())
        line += u", "_s + tr("%1 freed").arg(bytesText(library.freedBytes()));
    if (const QString detail = detailOf(library); library.isDone() && !detail.isEmpty())
        line += u" — "_s + detail;
    m_err << Redact::visible(
        Redact::text(tr("%1: %2").arg(TextTable::cell(library.connectionName), line)))
          << Qt::endl;
}

void FleetCommand::printCampaignEvent(const Campaign &campaign, const QString &event)
{
    const CampaignPlan &plan = campaign.plan();
    if (m_monitorOptions.output == MonitorOptions::Output::JsonLines) {
        QJsonObject object {{u"time"_s, TaskJson::isoNow()}, {u"campaign"_s, campaign.id()},
            {u"event"_s, event},
            {u"startedAt"_s, campaign.summary().startedAt.toString(Qt::ISODateWithMs)},
            {u"origin"_s, campaign.summary().origin},
            {u"libraries"_s, int(campaign.libraries().size())}, {u"parallel"_s, plan.parallel},
            {u"disableHistory"_s, plan.options.disableHistoryFirst},
            {u"restoreSettings"_s, plan.options.restoreAfterwards}};
        if (event == u"resumed")
            object.insert(u"leftUndone"_s, QJsonArray::fromStringList(campaign.leftUndone()));
        m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
        m_out.flush();
    }
    if (m_monitorOptions.quiet)
        return;
    if (event == u"cancelling") {
        m_err << tr("Stopping campaign %1: no new library starts, and a clear under way stops "
                    "before its next irreversible call; what was sent is followed to its end. "
                    "Press Ctrl+C again to stop at once (the next run picks it up).")
                     .arg(campaign.id())
              << Qt::endl;
    } else if (event == u"resumed") {
        m_err << Redact::visible(
            tr("Campaign %1 (started %2 by %3) was interrupted: what it sent is tracked and never "
               "sent again; what it left undone is cleared now where it is named again.")
                .arg(campaign.id())
                .arg(QLocale().toString(
                         campaign.summary().startedAt.toLocalTime(), QLocale::ShortFormat),
                    campaign.summary().origin))
              << Qt::endl;
    } else {
        m_err << tr("Campaign %1: %2 libraries, at most %3 at once.")
                     .arg(campaign.id())
                     .arg(campaign.libraries().size())
                     .arg(plan.parallel)
              << Qt::endl;
    }
}

void FleetCommand::printClearSummary()
{
    if (m_finished)
        return;
    int code = HeadlessRunner::Success;
    QJsonObject counts;
    QStringList leftUndone;
    QJsonArray campaigns;
    QList<QStringList> rows;
    // What an interrupted campaign left undone and this run's campaign
    // took on is said once, by the latter.
    QSet<QString> continued;
    for (const Campaign *campaign : std::as_const(m_followed)) {
        if (!campaign->isResumed()) {
            for (const CampaignLibrary &library : campaign->libraries())
                continued.insert(library.library.endpoint + u'\n' + library.library.libraryId);
        }
    }
    for (const Campaign *campaign : std::as_const(m_followed)) {
        QJsonArray libraries;
        for (const CampaignLibrary &library : campaign->libraries()) {
            const QJsonObject object = libraryJson(library);
            libraries.append(object);
            const bool takenOn = campaign->isResumed() && !library.cleanupId
                && continued.contains(library.library.endpoint + u'\n' + library.library.libraryId);
            if (takenOn)
                continue;
            const int libraryCode = library.isDone() ? object.value(u"exitCode"_s).toInt()
                                                     : int(HeadlessRunner::GaveUp);
            code = FleetExit::worst(code, libraryCode);
            const QString key = library.isDone()
                ? jsonKey(CampaignLibrary::outcomeKey(library.outcome))
                : u"pending"_s;
            counts.insert(key, counts.value(key).toInt() + 1);
            if (library.outcome == CampaignLibrary::Outcome::LeftUndone
                || library.outcome == CampaignLibrary::Outcome::Cancelled)
                leftUndone << library.connectionName;
            rows << QStringList {TextTable::cell(library.connectionName),
                TextTable::cell(library.library.libraryId),
                library.isDone() ? library.outcomeLabel() : library.stepLabel(),
                object.contains(u"taskId"_s)
                    ? QString::number(object.value(u"taskId"_s).toInteger())
                    : u"-"_s,
                library.deleteCount ? QLocale().toString(*library.deleteCount) : u"-"_s,
                bytesText(library.usageBefore), bytesText(library.usageAfter),
                bytesText(library.freedBytes()), TextTable::cell(detailOf(library))};
        }
        campaigns.append(QJsonObject {{u"campaign"_s, campaign->id()},
            {u"state"_s, CampaignSummary::stateKey(campaign->state())},
            {u"resumed"_s, campaign->isResumed()},
            {u"startedAt"_s, campaign->summary().startedAt.toString(Qt::ISODateWithMs)},
            {u"origin"_s, campaign->summary().origin}, {u"libraries"_s, libraries}});
    }
    counts.insert(u"libraries"_s, int(rows.size()));
    counts.insert(u"leftUndone"_s, QJsonArray::fromStringList(leftUndone));
    counts.insert(u"resumed"_s,
        std::any_of(m_followed.cbegin(), m_followed.cend(),
            [](const Campaign *c) { return c->isResumed(); }));
    counts.insert(u"exitCode"_s, code);
    switch (m_monitorOptions.output) {
    case MonitorOptions::Output::JsonLines:
        m_out << QString::fromUtf8(
            QJsonDocument(QJsonObject {{u"time"_s, TaskJson::isoNow()}, {u"summary"_s, counts}})
                .toJson(QJsonDocument::Compact))
              << '\n';
        break;
    case MonitorOptions::Output::Json:
        m_out << QString::fromUtf8(
            QJsonDocument(QJsonObject {{u"campaigns"_s, campaigns}, {u"summary"_s, counts}})
                .toJson(QJsonDocument::Indented));
        break;
    case MonitorOptions::Output::Text:
        m_out << TextTable::render(
            {tr("PROFILE"), tr("LIBRARY"), tr("OUTCOME"), tr("TASK ID"), tr("DELETED VERSIONS"),
                tr("USAGE BEFORE"), tr("USAGE AFTER"), tr("FREED"), tr("DETAIL")},
            rows);
        if (!leftUndone.isEmpty())
            m_out << tr("Left undone, nothing sent for them: %1").arg(leftUndone.join(u", "_s))
                  << '\n';
        break;
    }
    finish(code);
}
