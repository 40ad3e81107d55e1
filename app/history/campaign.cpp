#include "history/campaign.h"

#include "history/campaignledger.h"
#include "history/enumkeys.h"
#include "history/historyservice.h"
#include "smh/redact.h"
#include "tasks/monitor.h"
#include "tasks/taskstate.h"
#include "tasks/taskstore.h"

#include <QJsonObject>

#include <array>

using namespace Qt::StringLiterals;

namespace {

constexpr std::array steps {
    std::pair {CampaignLibrary::Step::Waiting, u"waiting"},
    std::pair {CampaignLibrary::Step::Clearing, u"clearing"},
    std::pair {CampaignLibrary::Step::Tracking, u"tracking"},
    std::pair {CampaignLibrary::Step::Restoring, u"restoring"},
    std::pair {CampaignLibrary::Step::Done, u"done"},
};

constexpr std::array outcomes {
    std::pair {CampaignLibrary::Outcome::Pending, u""},
    std::pair {CampaignLibrary::Outcome::Cleared, u"cleared"},
    std::pair {CampaignLibrary::Outcome::TaskFailed, u"task-failed"},
    std::pair {CampaignLibrary::Outcome::Refused, u"refused"},
    std::pair {CampaignLibrary::Outcome::Unknown, u"unknown"},
    std::pair {CampaignLibrary::Outcome::Untracked, u"untracked"},
    std::pair {CampaignLibrary::Outcome::Cancelled, u"cancelled"},
    std::pair {CampaignLibrary::Outcome::LeftUndone, u"left-undone"},
};

constexpr std::array states {
    std::pair {CampaignSummary::State::Running, u"running"},
    std::pair {CampaignSummary::State::Cancelling, u"cancelling"},
    std::pair {CampaignSummary::State::Finished, u"finished"},
    std::pair {CampaignSummary::State::Cancelled, u"cancelled"},
    std::pair {CampaignSummary::State::Interrupted, u"interrupted"},
};

// History was switched off for a clear that is to put it back, and it is
// not back.
bool leftOff(const CleanupRecord &record)
{
    using Off = CleanupRecord::HistoryOff;
    const bool switchedOff = record.historyOff == Off::Applied || record.historyOff == Off::Unknown
        || record.historyOff == Off::Sending;
    return record.restoreSettings.has_value() && switchedOff;
}

} // namespace

// --- plan, library, summary ---------------------------------------------------

QJsonObject CampaignPlan::optionsJson() const
{
    return {{u"disableHistoryFirst"_s, options.disableHistoryFirst},
        {u"restoreAfterwards"_s, options.restoreAfterwards}, {u"parallel"_s, parallel}};
}

CampaignPlan CampaignPlan::fromOptionsJson(const QJsonObject &json)
{
    CampaignPlan plan;
    plan.options.disableHistoryFirst = json.value(u"disableHistoryFirst"_s).toBool();
    plan.options.restoreAfterwards = json.value(u"restoreAfterwards"_s).toBool();
    plan.parallel = std::clamp(json.value(u"parallel"_s).toInt(defaultParallel), 1, maxParallel);
    return plan;
}

QString CampaignLibrary::stepKey(Step step)
{
    return EnumKeys::toKey(steps, step);
}

CampaignLibrary::Step CampaignLibrary::stepFromKey(const QString &key)
{
    return EnumKeys::fromKey(steps, key, Step::Waiting);
}

QString CampaignLibrary::outcomeKey(Outcome outcome)
{
    return EnumKeys::toKey(outcomes, outcome);
}

CampaignLibrary::Outcome CampaignLibrary::outcomeFromKey(const QString &key)
{
    return EnumKeys::fromKey(outcomes, key, Outcome::Pending);
}

QString CampaignLibrary::stepLabel() const
{
    switch (step) {
    case Step::Waiting:
        return secondsUntilAllowed > 0
            ? tr("Waiting for SMH's minute (%n s)", nullptr, secondsUntilAllowed)
            : tr("Waiting");
    case Step::Clearing:
        return tr("Clearing");
    case Step::Tracking:
        return tr("Tracking the task");
    case Step::Restoring:
        return tr("Restoring settings");
    case Step::Done:
        break;
    }
    return tr("Done");
}

QString CampaignLibrary::outcomeLabel() const
{
    switch (outcome) {
    case Outcome::Pending:
        return {};
    case Outcome::Cleared:
        return historyLeftOff ? tr("Cleared; file history still off") : tr("Cleared");
    case Outcome::TaskFailed:
        return tr("Clear failed");
    case Outcome::Refused:
        return refusal == ClearRefusal::Reason::NotAdmin ? tr("Refused: not an admin token")
                                                         : tr("Refused, nothing cleared");
    case Outcome::Unknown:
        return tr("Outcome unknown");
    case Outcome::Untracked:
        return tr("Accepted, not tracked");
    case Outcome::Cancelled:
        return tr("Cancelled");
    case Outcome::LeftUndone:
        break;
    }
    return tr("Left undone");
}

QString CampaignSummary::stateKey(State state)
{
    return EnumKeys::toKey(states, state);
}

CampaignSummary::State CampaignSummary::stateFromKey(const QString &key)
{
    return EnumKeys::fromKey(states, key, State::Interrupted);
}

QString CampaignSummary::stateLabel() const
{
    switch (state) {
    case State::Running:
        return tr("Running");
    case State::Cancelling:
        return tr("Cancelling");
    case State::Finished:
        return tr("Finished");
    case State::Cancelled:
        return tr("Cancelled");
    case State::Interrupted:
        break;
    }
    return tr("Interrupted");
}

// --- the campaign ----------------------------------------------------------------

Campaign::Campaign(HistoryService *service, CampaignLedger *ledger, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_ledger(ledger)
{
    m_waitTimer.setSingleShot(true);
    m_waitTimer.setInterval(1'000);
    connect(&m_waitTimer, &QTimer::timeout, this, &Campaign::fillSlots);
    connect(service->ledger(), &HistoryLedger::cleanupsChanged, this, &Campaign::onCleanupsChanged);
}

int Campaign::activeCount() const
{
    return int(std::count_if(m_libraries.cbegin(), m_libraries.cend(),
        [](const CampaignLibrary &library) { return library.isActive(); }));
}

int Campaign::doneCount() const
{
    return int(std::count_if(m_libraries.cbegin(), m_libraries.cend(),
        [](const CampaignLibrary &library) { return library.isDone(); }));
}

QStringList Campaign::leftUndone() const
{
    QStringList names;
    for (const CampaignLibrary &library : m_libraries) {
        if (library.outcome == CampaignLibrary::Outcome::LeftUndone)
            names << library.connectionName;
    }
    return names;
}

void Campaign::save(int index)
{
    if (const auto saved = m_ledger->updateLibrary(id(), m_libraries.at(index)); !saved)
        qWarning("%s", qPrintable(saved.error().message()));
}

// Starts libraries while slots are free. A library whose minute is not over
// takes no slot: the next one goes first, and it is looked at again in a second.
void Campaign::fillSlots()
{
    if (m_cancelled || m_resumed || m_closing || m_over)
        return;
    int active = activeCount();
    bool waiting = false;
    for (int i = 0; i < m_libraries.size() && active < plan().parallel; ++i) {
        CampaignLibrary &library = m_libraries[i];
        if (library.step != CampaignLibrary::Step::Waiting)
            continue;
        const int wait = m_service->secondsUntilNextClear(library.library);
        if (wait > 0) {
            waiting = true;
            if (library.secondsUntilAllowed != wait) {
                library.secondsUntilAllowed = wait;
                Q_EMIT libraryChanged(i);
            }
            continue;
        }
        library.secondsUntilAllowed = 0;
        startLibrary(i);
        ++active;
    }
    if (waiting)
        m_waitTimer.start();
}

// The library's step is in the ledger before its guarded clear starts; the
// clear's own record (claimed before anything is sent) is tied to it as soon
// as it exists (onCleanupsChanged).
void Campaign::startLibrary(int index)
{
    CampaignLibrary &library = m_libraries[index];
    library.step = CampaignLibrary::Step::Clearing;
    library.startedAt = QDateTime::currentDateTimeUtc();
    if (const auto saved = m_ledger->updateLibrary(id(), library); !saved) {
        finishLibrary(index, CampaignLibrary::Outcome::Refused,
            tr("Nothing was sent: the task ledger could not record the campaign's step (%1).")
                .arg(saved.error().message()));
        return;
    }
    Q_EMIT libraryChanged(index);
    m_service->clearHistory(library.connectionId, plan().options, this,
        [this, index](const ClearResult &result) { onClearFinished(index, result); });
}

void Campaign::onClearFinished(int index, const ClearResult &result)
{
    CampaignLibrary &library = m_libraries[index];
    if (result) {
        library.cleanupId = result->record.id;
        library.step = CampaignLibrary::Step::Tracking;
        save(index);
        follow(index);
        return;
    }
    const ClearRefusal refusal = ClearRefusal::of(result.error());
    if (refusal.record)
        library.cleanupId = refusal.record->id;
    library.refusal = refusal.reason;
    const bool sent = refusal.record && refusal.record->wasSent();
    using Outcome = CampaignLibrary::Outcome;
    Outcome outcome = Outcome::Refused;
    if (refusal.reason == ClearRefusal::Reason::OutcomeUnknown)
        outcome = Outcome::Unknown;
    else if (refusal.reason == ClearRefusal::Reason::AcceptedUntracked)
        outcome = Outcome::Untracked;
    else if (m_cancelled && !sent && refusal.reason == ClearRefusal::Reason::Failed)
        outcome = Outcome::Cancelled;
    else if (m_closing && !sent && refusal.reason == ClearRefusal::Reason::Failed)
        outcome = Outcome::LeftUndone;
    finishLibrary(index, outcome, result.error().message());
}

// Tracking and restoring follow the clear's record, which HistoryService
// keeps: the task's end, the settings put back, the figures.
void Campaign::follow(int index)
{
    CampaignLibrary &library = m_libraries[index];
    const auto record = m_service->ledger()->cleanup(library.cleanupId);
    if (!record)
        return;
    takeRecord(index, *record);
    if (library.step != CampaignLibrary::Step::Tracking
        && library.step != CampaignLibrary::Step::Restoring)
        return;
    if (record->isRunning()) {
        Q_EMIT libraryChanged(index);
        return;
    }
    const bool restoring = plan().options.restoreAfterwards && record->restoreSettings
        && record->restore != CleanupRecord::Restore::Answered
        && record->historyOff != CleanupRecord::HistoryOff::Restored;
    if (restoring) {
        if (library.step != CampaignLibrary::Step::Restoring) {
            library.step = CampaignLibrary::Step::Restoring;
            save(index);
            Q_EMIT libraryChanged(index);
        }
        return;
    }
    const bool succeeded = record->outcome == TaskStates::key(TaskState::Succeeded);
    finishLibrary(index,
        succeeded ? CampaignLibrary::Outcome::Cleared : CampaignLibrary::Outcome::TaskFailed,
        record->restoreOutcome);
}

void Campaign::takeRecord(int index, const CleanupRecord &record)
{
    CampaignLibrary &library = m_libraries[index];
    const bool changed = library.usageBefore != record.usageBefore
        || library.usageAfter != record.usageAfter || library.deleteCount != record.deleteCount
        || library.restoreOutcome != record.restoreOutcome
        || library.historyLeftOff != leftOff(record);
    library.historyLeftOff = leftOff(record);
    library.usageBefore = record.usageBefore;
    library.usageAfter = record.usageAfter;
    library.deleteCount = record.deleteCount;
    library.restoreOutcome = record.restoreOutcome;
    if (changed && library.isDone())
        Q_EMIT libraryChanged(index);
}

void Campaign::onCleanupsChanged(const LibraryKey &key)
{
    for (int i = 0; i < m_libraries.size(); ++i) {
        CampaignLibrary &library = m_libraries[i];
        if (!(library.library == key) || library.step == CampaignLibrary::Step::Waiting)
            continue;
        if (library.cleanupId == 0 && library.step == CampaignLibrary::Step::Clearing) {
            // The claim of our clear: the newest record of this library that
            // this process started since the library's step began.
            const QList<CleanupRecord> records = m_service->ledger()->cleanups(key);
            for (const CleanupRecord &record : records) {
                if (record.origin == m_summary.origin
                    && record.startedAt.msecsTo(library.startedAt) <= 1'000) {
                    library.cleanupId = record.id;
                    save(i);
                    break;
                }
            }
            continue;
        }
        if (library.cleanupId != 0)
            follow(i);
    }
}

void Campaign::finishLibrary(int index, CampaignLibrary::Outcome outcome, const QString &detail)
{
    CampaignLibrary &library = m_libraries[index];
    library.step = CampaignLibrary::Step::Done;
    library.outcome = outcome;
    library.secondsUntilAllowed = 0;
    library.finishedAt = QDateTime::currentDateTimeUtc();
    library.detail = Redact::text(detail);
    save(index);
    Q_EMIT libraryChanged(index);
    fillSlots();
    checkOver();
}

void Campaign::checkOver()
{
    if (m_over || doneCount() < m_libraries.size())
        return;
    m_over = true;
    m_waitTimer.stop();
    using State = CampaignSummary::State;
    if (m_resumed)
        m_summary.state = State::Interrupted;
    else
        m_summary.state = m_cancelled ? State::Cancelled : State::Finished;
    m_summary.finishedAt = QDateTime::currentDateTimeUtc();
    if (const auto saved = m_ledger->updateSummary(m_summary); !saved)
        qWarning("%s", qPrintable(saved.error().message()));
    Q_EMIT stateChanged();
    Q_EMIT finished();
}

void Campaign::cancel()
{
    if (m_over || m_cancelled || m_resumed)
        return;
    m_cancelled = true;
    m_waitTimer.stop();
    m_summary.state = CampaignSummary::State::Cancelling;
    m_ledger->updateSummary(m_summary);
    Q_EMIT stateChanged();
    for (int i = 0; i < m_libraries.size(); ++i) {
        const CampaignLibrary &library = m_libraries.at(i);
        if (library.step == CampaignLibrary::Step::Clearing)
            m_service->stopClearing(library.library,
                tr("The campaign was cancelled before this library's clear was sent: nothing "
                   "was cleared."));
    }
    for (int i = 0; i < m_libraries.size(); ++i) {
        if (m_libraries.at(i).step == CampaignLibrary::Step::Waiting)
            finishLibrary(i, CampaignLibrary::Outcome::Cancelled,
                tr("Not started: the campaign was cancelled."));
    }
    checkOver();
}

void Campaign::stopForShutdown()
{
    // Nothing new starts; the ledger keeps the campaign running, so that
    // the next monitor on it resumes it and names what was left undone.
    m_closing = true;
    m_waitTimer.stop();
}

// After a crash: what each library's record says now. Nothing is sent again;
// what never started, or was cut before its DELETE, is left undone.
void Campaign::resumeFromLedger()
{
    m_resumed = true;
    m_summary.state = CampaignSummary::State::Interrupted;
    m_ledger->updateSummary(m_summary);
    using Step = CampaignLibrary::Step;
    using Outcome = CampaignLibrary::Outcome;
    for (int i = 0; i < m_libraries.size(); ++i) {
        CampaignLibrary &library = m_libraries[i];
        if (library.step == Step::Waiting) {
            finishLibrary(i, Outcome::LeftUndone,
                tr("Not started: the monitor running the campaign stopped first."));
            continue;
        }
        if (library.step == Step::Done)
            continue;
        if (library.cleanupId == 0)
            onCleanupsChanged(library.library);
        const auto record = m_service->ledger()->cleanup(library.cleanupId);
        if (library.cleanupId == 0 || !record) {
            finishLibrary(i, Outcome::LeftUndone,
                tr("The monitor running the campaign stopped before this library's clear was "
                   "claimed: nothing was sent."));
            continue;
        }
        resumeLibrary(i, *record);
    }
    checkOver();
}

void Campaign::resumeLibrary(int index, const CleanupRecord &record)
{
    using Outcome = CampaignLibrary::Outcome;
    using Phase = CleanupRecord::Phase;
    CampaignLibrary &library = m_libraries[index];
    switch (record.phase) {
    case Phase::Claimed:
    case Phase::Abandoned:
        finishLibrary(index, Outcome::LeftUndone, record.detail);
        return;
    case Phase::Refused:
        finishLibrary(index, Outcome::Refused, record.detail);
        return;
    case Phase::Sending:
    case Phase::Unknown:
        finishLibrary(index, Outcome::Unknown, record.detail);
        return;
    case Phase::Accepted:
        break;
    }
    if (record.task.taskId == 0) {
        finishLibrary(index, Outcome::Untracked, record.detail);
        return;
    }
    if (record.restore == CleanupRecord::Restore::Sending) {
        finishLibrary(index,
            record.outcome == TaskStates::key(TaskState::Succeeded) ? Outcome::Cleared
                                                                    : Outcome::TaskFailed,
            tr("Putting the file history settings back was sent, and the monitor stopped before "
               "the answer came: check them in History & Cleanup."));
        return;
    }
    library.step = CampaignLibrary::Step::Tracking;
    save(index);
    // The task ended and its settings were never put back (the crash came
    // in between): put them back now, as HistoryService would have.
    if (!record.isRunning() && plan().options.restoreAfterwards && record.restoreSettings
        && record.restore == CleanupRecord::Restore::None) {
        library.step = CampaignLibrary::Step::Restoring;
        save(index);
        m_service->restoreHistory(
            record.id, this, [this, index](Expected<bool, SmhError>) { follow(index); });
        return;
    }
    follow(index);
}

// --- the campaigns of a monitor ------------------------------------------------

Campaigns *Campaigns::of(HistoryService *service)
{
    if (auto *campaigns = service->findChild<Campaigns *>({}, Qt::FindDirectChildrenOnly))
        return campaigns;
    return new Campaigns(service);
}

Campaigns::Campaigns(HistoryService *service)
    : QObject(service)
    , m_service(service)
    , m_ledger(new CampaignLedger(service->monitor()->ledgerForWings(), this))
{
    Monitor *monitor = service->monitor();
    connect(monitor, &Monitor::storeOpened, this, &Campaigns::resume);
    connect(monitor, &Monitor::shuttingDown, this, &Campaigns::shutdown);
    if (monitor->tasks().isOpen())
        resume();
}

Expected<Campaign *> Campaigns::start(CampaignPlan plan)
{
    if (m_closing)
        return unexpected(Error::input(tr("The monitor is closing.")));
    if (!m_service->monitor()->tasks().isOpen())
        return unexpected(Error::ledger(tr("The task ledger is not open.")));
    plan.parallel = std::clamp(plan.parallel, 1, CampaignPlan::maxParallel);
    QList<CampaignLibrary> libraries;
    QList<qint64> ids;
    for (qint64 connectionId : std::as_const(plan.connectionIds)) {
        const auto connection = m_service->monitor()->tasks().connection(connectionId);
        if (!connection)
            return unexpected(
                Error::input(tr("There is no connection with ID %1.").arg(connectionId)));
        CampaignLibrary library;
        library.connectionId = connectionId;
        library.connectionName = connection->label();
        library.library = LibraryKey::of(connection->settings);
        // A clear empties the whole library: a second connection to it adds nothing.
        const bool planned = std::any_of(libraries.cbegin(), libraries.cend(),
            [&](const CampaignLibrary &other) { return other.library == library.library; });
        if (planned)
            continue;
        library.position = int(libraries.size());
        libraries.append(library);
        ids.append(connectionId);
    }
    if (libraries.isEmpty())
        return unexpected(Error::input(tr("No library was chosen.")));
    plan.connectionIds = ids;

    auto *campaign = new Campaign(m_service, m_ledger, this);
    campaign->m_summary.startedAt = QDateTime::currentDateTimeUtc();
    campaign->m_summary.origin = m_service->origin();
    campaign->m_summary.plan = plan;
    campaign->m_summary.libraryCount = int(libraries.size());
    const Expected<qint64> added = m_ledger->add(campaign->m_summary, libraries);
    if (!added) {
        delete campaign;
        return unexpected(added.error().withMessage(
            tr("Nothing was sent: the task ledger could not record the campaign (%1).")
                .arg(added.error().message())));
    }
    campaign->m_summary.id = *added;
    campaign->m_libraries = libraries;
    m_campaigns.insert(*added, campaign);
    Q_EMIT campaignStarted(campaign);
    QTimer::singleShot(0, campaign, &Campaign::fillSlots);
    return campaign;
}

QList<Campaign *> Campaigns::active() const
{
    QList<Campaign *> list;
    for (const QPointer<Campaign> &campaign : m_campaigns) {
        if (campaign && !campaign->isOver())
            list.append(campaign);
    }
    std::sort(list.begin(), list.end(), [](Campaign *a, Campaign *b) { return a->id() < b->id(); });
    return list;
}

QList<CampaignSummary> Campaigns::list(int limit) const
{
    return m_ledger->list(limit);
}

Campaign *Campaigns::find(qint64 id)
{
    if (Campaign *live = m_campaigns.value(id))
        return live;
    const auto summary = m_ledger->summary(id);
    if (!summary)
        return nullptr;
    // Interrupted and not over: resumed before by a monitor that stopped
    // too; following it again sends nothing.
    const bool orphaned = summary->state == CampaignSummary::State::Interrupted
        ? !summary->finishedAt.isValid()
        : (summary->state == CampaignSummary::State::Running
              || summary->state == CampaignSummary::State::Cancelling)
            && HistoryLedger::isProcessGone(summary->origin);
    Campaign *campaign = load(*summary);
    if (orphaned) {
        campaign->resumeFromLedger();
        Q_EMIT campaignStarted(campaign);
    } else {
        // To look at: another process runs it, or it is over.
        campaign->m_over = summary->finishedAt.isValid();
        campaign->m_resumed = true;
    }
    return campaign;
}

Campaign *Campaigns::load(const CampaignSummary &summary)
{
    auto *campaign = new Campaign(m_service, m_ledger, this);
    campaign->m_summary = summary;
    campaign->m_libraries = m_ledger->libraries(summary.id);
    for (int i = 0; i < campaign->m_libraries.size(); ++i) {
        if (const qint64 cleanupId = campaign->m_libraries.at(i).cleanupId) {
            if (const auto record = m_service->ledger()->cleanup(cleanupId))
                campaign->takeRecord(i, *record);
        }
    }
    m_campaigns.insert(summary.id, campaign);
    return campaign;
}

void Campaigns::resume()
{
    const QList<CampaignSummary> orphaned = m_ledger->orphaned();
    for (const CampaignSummary &summary : orphaned) {
        if (m_campaigns.contains(summary.id))
            continue;
        find(summary.id);
    }
}

void Campaigns::shutdown()
{
    m_closing = true;
    for (const QPointer<Campaign> &campaign : std::as_const(m_campaigns)) {
        if (campaign)
            campaign->stopForShutdown();
    }
}
