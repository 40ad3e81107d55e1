#pragma once

#include "history/historyapi.h"
#include "history/historyledger.h"
#include "smh/connectionsettings.h"
#include "smh/expected.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class ApiJob;
class SmhClient;

// What the user asked for besides the clear itself.
struct ClearOptions
{
    // File history must be off for a clear; switch it off first.
    bool disableHistoryFirst = false;
    // Put the previous settings back once the clear has finished.
    bool restoreAfterwards = false;
};

// Why a clear did not start, or why nobody can say whether it did: what a
// refused clear's Error carries (Error::detail) besides the sentence for the
// user (Error::message, already redacted) and the server's answer when
// there was one (Error::smh).
struct ClearRefusal
{
    enum class Reason {
        NoConnection,
        RateLimited, // one call a minute, ours or the server's 429
        Busy, // a clear of this library is under way already (this or another process)
        NotAdmin, // the token lacks the admin grant (403 NoPermission)
        AuthFailed, // the credentials themselves were refused
        HistoryOn, // file history is on and we were not asked to turn it off
        Failed, // anything else the server or the ledger said; nothing was cleared
        // The DELETE (or the change that had to come first) left and no
        // complete answer came back: the clear may have been accepted.
        OutcomeUnknown,
        // SMH accepted the clear, but its task ID could not be read.
        AcceptedUntracked,
    };
    Reason reason = Reason::Failed;
    int secondsLeft = 0; // RateLimited: until the next call may be made
    // The ledger's record of the attempt, once there was one: it says
    // whether history was left off (CleanupRecord::leftHistoryOff).
    std::optional<CleanupRecord> record;

    // This refusal as an Error saying `message` (redacted), with the
    // server's `answer` when there was one.
    Error said(const QString &message, const SmhError &answer = {}) const;
    // The refusal `error` carries (Reason::Failed and nothing more when it
    // carries none).
    static ClearRefusal of(const Error &error)
    {
        return error.detail<ClearRefusal>().value_or(ClearRefusal {});
    }
};

struct ClearStarted
{
    CleanupRecord record;
    std::optional<HistorySettings> previous; // the settings before the clear
};

// A refused clear's error carries its ClearRefusal.
using ClearResult = Expected<ClearStarted>;

// One clear of historical versions, from the claim in the ledger to the
// answer, written first step first. Every state-changing call is recorded
// in the ledger before it leaves and leaves once; an answer that never came
// is recorded as unknown; a clear that certainly did not happen puts back
// the file history it switched off. It belongs to the core (HistoryService
// owns it): closing a window does not stop it, and its token is deleted
// before it reports. finished() comes exactly once; the job then deletes
// itself.
class ClearJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClearJob)

public:
    struct Target
    {
        qint64 connectionId = 0;
        QString connectionName;
        ConnectionSettings settings;
        QString librarySecret; // mints an admin token for the clear alone
        QString accessToken; // used as it is when there is no secret
    };
    // Adds the clear's task to the table (library level); why not, if not.
    using AddTask = std::function<Expected<void>(qint64 taskId, const QString &note)>;

    // How long the minted token's deletion is waited for before reporting.
    static constexpr int releaseDeadlineMs = 5'000;

    ClearJob(SmhClient *client, HistoryLedger *ledger, Target target, ClearOptions options,
        QString origin, AddTask addTask, QObject *parent);

    void start();
    // No further request leaves; what is in flight is still answered and
    // recorded. `why` is what the refusal says (default: the monitor closes).
    void stopSending(const QString &why = {})
    {
        m_stopping = true;
        m_stopReason = why;
    }
    LibraryKey library() const { return LibraryKey::of(m_target.settings); }

Q_SIGNALS:
    void finished(const ClearResult &result);
    // The library's usage as read before the clear.
    void usageRead(const LibraryKey &library, qint64 bytes);

private:
    // The steps, in order.
    void claim();
    void getToken();
    void readSettings();
    void turnHistoryOff();
    void readUsageBefore();
    void sendClear();
    void onClearAnswered(ApiJob *job);
    // A clear that certainly did not happen: history goes back as it was.
    void putHistoryBack(Error refusal);
    // The one exit: the token is deleted (within a deadline), then finished().
    void finish(ClearResult result);
    void report();

    QString stopReason() const;
    // Ends the attempt before the DELETE with `refusal`.
    void abandon(const Error &refusal);
    bool record();
    static Error refusal(
        ClearRefusal::Reason reason, const QString &message, const SmhError &error = {});
    static Error refusalFor(const SmhError &error);

    SmhClient *m_client;
    HistoryLedger *m_ledger;
    Target m_target;
    ClearOptions m_options;
    QString m_origin;
    AddTask m_addTask;
    CleanupRecord m_record;
    QString m_token;
    bool m_mintedToken = false;
    std::optional<HistorySettings> m_previous;
    std::optional<ClearResult> m_result;
    bool m_stopping = false;
    QString m_stopReason;
    bool m_reported = false;
};
