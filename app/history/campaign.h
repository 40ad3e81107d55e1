#pragma once

#include "history/clearjob.h"
#include "history/historyledger.h"
#include "smh/expected.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class CampaignLedger;
class HistoryService;

// A cleanup campaign: historical versions cleared in many libraries in one
// go. Each library goes through the guarded clear of one library
// (HistoryService::clearHistory, a ClearJob: admin check, history off if
// asked, usage before, the DELETE recorded before it leaves and sent once),
// then its task is tracked to its end and the settings are put back if asked.
// SMH's one-call-a-minute rule is per library, so libraries run side by
// side, at most `parallel` at once. The campaign and each library's step are
// in the ledger (CampaignLedger) before each destructive step, so that a
// restart or a kill -9 resumes tracking, never sends a clear twice, and
// names what was left undone.
//
// Front ends (the window's dialog, the Libraries view, `history clear
// --profile A --profile B`) all run on this engine:
//
//     Campaigns *campaigns = Campaigns::of(HistoryService::of(monitor));
//     auto started = campaigns->start({ids, {true, true}, 4});
//     if (!started) ... started.error().message();
//     Campaign *campaign = *started;
//     connect(campaign, &Campaign::libraryChanged, ...); // index into libraries()
//     connect(campaign, &Campaign::finished, ...);
//     campaign->cancel(); // stops before the next destructive call
//
// Everything runs in the monitor's (GUI) thread; no call blocks on the network.

// What to do: which connections (one library each; a second connection to a
// library already planned is dropped), the options of today's clear, and how
// many libraries may run at once.
struct CampaignPlan
{
    static constexpr int defaultParallel = 4;
    static constexpr int maxParallel = 16;

    QList<qint64> connectionIds;
    ClearOptions options;
    int parallel = defaultParallel; // 1..maxParallel

    QJsonObject optionsJson() const;
    static CampaignPlan fromOptionsJson(const QJsonObject &json);
};

// One library of a campaign, as it stands now.
struct CampaignLibrary
{
    Q_DECLARE_TR_FUNCTIONS(CampaignLibrary)

public:
    enum class Step {
        Waiting, // not started: no slot free yet, or the library's minute is not over
        Clearing, // the guarded clear (admin check, history off, usage before, the DELETE)
        Tracking, // SMH accepted the clear: its task runs
        Restoring, // the task ended; the previous settings are being put back
        Done, // see outcome
    };
    enum class Outcome {
        Pending, // not done yet
        Cleared, // the clear's task succeeded
        TaskFailed, // the clear's task ended otherwise (failed, expired...)
        Refused, // nothing was cleared (not admin, history on, SMH said no, ...)
        Unknown, // the DELETE left and no answer came: it may have been accepted
        Untracked, // SMH accepted it, but its task cannot be followed
        Cancelled, // never started: the campaign was cancelled first
        LeftUndone, // never started: the campaign's process stopped first
    };

    int position = 0; // in the plan, from 0
    qint64 connectionId = 0;
    QString connectionName;
    LibraryKey library;
    Step step = Step::Waiting;
    Outcome outcome = Outcome::Pending;
    // The clear's record in the ledger (0 until the library was claimed):
    // HistoryLedger::cleanup(cleanupId) says everything about it.
    qint64 cleanupId = 0;
    std::optional<ClearRefusal::Reason> refusal; // Outcome::Refused and Unknown
    QString detail; // a sentence for the user, already redacted
    int secondsUntilAllowed = 0; // Step::Waiting: SMH's minute for this library
    QDateTime startedAt; // when its clear began; invalid while waiting
    QDateTime finishedAt;
    // From the cleanup record (kept up to date while it is tracked).
    std::optional<qint64> usageBefore;
    std::optional<qint64> usageAfter;
    std::optional<qint64> deleteCount; // versions deleted, when SMH told
    std::optional<qint64> freedBytes() const
    {
        if (!usageBefore || !usageAfter)
            return std::nullopt;
        return *usageBefore - *usageAfter;
    }
    QString restoreOutcome; // what putting the settings back came to
    // File history was turned off for the clear, restoring it was asked, and
    // it is not back on (yet, or it failed: see restoreOutcome).
    bool historyLeftOff = false;

    bool isDone() const { return step == Step::Done; }
    // Started, not done: it holds one of the campaign's slots.
    bool isActive() const { return step != Step::Waiting && step != Step::Done; }
    // For lists: "Waiting", "Clearing", "Tracking the task"...
    QString stepLabel() const;
    // "Cleared", "Refused, nothing cleared", "Left undone"... (empty while pending)
    QString outcomeLabel() const;
    static QString stepKey(Step step);
    static Step stepFromKey(const QString &key);
    static QString outcomeKey(Outcome outcome);
    static Outcome outcomeFromKey(const QString &key);
};

// A campaign as the ledger keeps it, for lists (every process, every run).
struct CampaignSummary
{
    Q_DECLARE_TR_FUNCTIONS(CampaignSummary)

public:
    enum class State {
        Running, // its process runs it (this one or another)
        Cancelling, // cancel() was asked; libraries under way finish their step
        Finished, // every library is done
        Cancelled, // done, some libraries never started
        Interrupted, // its process stopped mid-way; what was sent is tracked
    };
    qint64 id = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString origin; // who ran it from where ("window, alice@host, pid 42")
    CampaignPlan plan; // options and parallel; connectionIds in plan order
    State state = State::Running;
    int libraryCount = 0;

    QString stateLabel() const;
    static QString stateKey(State state);
    static State stateFromKey(const QString &key);
};

// One campaign. Made by Campaigns::start() (it runs) or found in the ledger
// (Campaigns::find(): a campaign of this process, a resumed one, or a
// finished one to look at). Owned by Campaigns; never deleted while the
// monitor lives, so pointers to it stay valid.
class Campaign final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Campaign)

public:
    qint64 id() const { return m_summary.id; }
    const CampaignSummary &summary() const { return m_summary; }
    CampaignSummary::State state() const { return m_summary.state; }
    const CampaignPlan &plan() const { return m_summary.plan; }
    // Every library, in plan order, as it stands now.
    const QList<CampaignLibrary> &libraries() const { return m_libraries; }
    const CampaignLibrary &library(int index) const { return m_libraries.at(index); }
    int activeCount() const;
    int doneCount() const;
    // Finished, Cancelled, or Interrupted with nothing left to track.
    bool isOver() const { return m_over; }
    // Resumed after its process stopped: it tracks what was sent and starts
    // nothing new; the libraries never started are LeftUndone.
    bool isResumed() const { return m_resumed; }
    // Libraries left undone by a crash (names, for the user).
    QStringList leftUndone() const;

    // No new library starts, and a library inside its guarded clear stops
    // before its next destructive call (history off, the DELETE; a history
    // already switched off is put back). A DELETE in flight is answered and
    // tracked, and settings are still put back when asked.
    void cancel();

Q_SIGNALS:
    // Library `index` (into libraries()) changed: step, outcome, figures.
    void libraryChanged(int index);
    // The campaign's state changed (running, cancelling, over).
    void stateChanged();
    // Once, when every library is done (or, resumed, nothing is left to track).
    void finished();

private:
    friend class Campaigns;
    Campaign(HistoryService *service, CampaignLedger *ledger, QObject *parent);
    // The steps of one library, in order.
    void fillSlots();
    void startLibrary(int index);
    void onClearFinished(int index, const ClearResult &result);
    void follow(int index); // tracking and restoring, from the cleanup record
    void finishLibrary(int index, CampaignLibrary::Outcome outcome, const QString &detail);
    void onCleanupsChanged(const LibraryKey &library);
    void takeRecord(int index, const CleanupRecord &record);
    void save(int index);
    void checkOver();
    void stopForShutdown();
    void resumeFromLedger();
    void resumeLibrary(int index, const CleanupRecord &record);

    HistoryService *m_service;
    CampaignLedger *m_ledger;
    CampaignSummary m_summary;
    QList<CampaignLibrary> m_libraries;
    QTimer m_waitTimer; // a library waiting for its minute
    bool m_resumed = false;
    bool m_over = false;
    bool m_cancelled = false;
    bool m_closing = false;
};

// The campaigns of one monitor: the history wing's child (one per monitor).
// On the ledger's opening it resumes campaigns whose process is gone:
// their clears' tasks are tracked, nothing is sent again, and what was never
// started is named as left undone.
class Campaigns final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Campaigns)

public:
    static Campaigns *of(HistoryService *service);

    // Starts a campaign (recorded in the ledger before any library starts).
    // Refused (nothing sent) for an empty plan, an unknown connection, a
    // closed ledger or a closing monitor.
    Expected<Campaign *> start(CampaignPlan plan);
    // Campaigns of this process, running or resumed, oldest first.
    QList<Campaign *> active() const;
    // The ledger's campaigns, newest first (at most `limit`).
    QList<CampaignSummary> list(int limit = 100) const;
    // A campaign by id: the live one, else read from the ledger (to look at;
    // one interrupted whose process is gone is resumed). Null if unknown.
    Campaign *find(qint64 id);
    CampaignLedger *ledger() const { return m_ledger; }

Q_SIGNALS:
    // A campaign started here or resumed after a crash.
    void campaignStarted(Campaign *campaign);

private:
    explicit Campaigns(HistoryService *service);
    Campaign *load(const CampaignSummary &summary);
    void resume();
    void shutdown();

    HistoryService *m_service;
    CampaignLedger *m_ledger;
    QHash<qint64, QPointer<Campaign>> m_campaigns;
    bool m_closing = false;
};
