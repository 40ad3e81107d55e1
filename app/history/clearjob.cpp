#include "history/clearjob.h"

#include "smh/redact.h"
#include "smh/smhclient.h"
#include "tasks/displaytext.h"

#include <QJsonDocument>
#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

bool isNoPermission(const SmhError &error)
{
    return error.kind() == SmhError::Kind::Http && error.httpStatus() == 403
        && error.code() == u"NoPermission";
}

QString when(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime(), QLocale::LongFormat);
}

} // namespace

ClearJob::ClearJob(SmhClient *client, HistoryLedger *ledger, Target target, ClearOptions options,
    QString origin, AddTask addTask, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_ledger(ledger)
    , m_target(std::move(target))
    , m_options(options)
    , m_origin(std::move(origin))
    , m_addTask(std::move(addTask))
{ }

void ClearJob::start()
{
    // Later, so that the caller has connected finished() whatever happens.
    QTimer::singleShot(0, this, &ClearJob::claim);
}

Error ClearRefusal::said(const QString &message, const SmhError &answer) const
{
    const QString words = Redact::text(message);
    // The server's answer when it gave one; otherwise what stood in the way
    // here: what the user asked for, or the state of things.
    const bool asked = reason == Reason::NoConnection || reason == Reason::HistoryOn;
    const Error error = answer.isError()
        ? Error(answer).withMessage(words)
        : Error(asked ? Error::Kind::Input : Error::Kind::System, words);
    return error.withDetail(*this);
}

Error ClearJob::refusalFor(const SmhError &error)
{
    ClearRefusal refusal;
    QString message;
    if (isNoPermission(error)) {
        refusal.reason = ClearRefusal::Reason::NotAdmin;
        message = tr("Clearing historical versions needs an admin token (one minted with the "
                     "admin grant, or a library secret): %1")
                      .arg(error.toString());
    } else if (error.isAuthError()
        || (error.httpStatus() == 404 && error.code() == u"WrongLibraryIdOrSecret")) {
        refusal.reason = ClearRefusal::Reason::AuthFailed;
        message = tr("The credentials were refused: %1").arg(error.toString());
    } else if (error.httpStatus() == 429) {
        refusal.reason = ClearRefusal::Reason::RateLimited;
        refusal.secondsLeft = error.retryAfterSeconds() > 0 ? error.retryAfterSeconds()
                                                            : HistoryLedger::clearIntervalSeconds;
        message = tr("SMH accepts one clear of historical versions a minute per library "
                     "and refused this one (%1). Try again in %n s; nothing is retried "
                     "on its own.",
            nullptr, refusal.secondsLeft)
                      .arg(error.toString());
    } else {
        refusal.reason = ClearRefusal::Reason::Failed;
        message = error.toString();
    }
    return refusal.said(message, error);
}

Error ClearJob::refusal(ClearRefusal::Reason reason, const QString &message, const SmhError &error)
{
    ClearRefusal refusal;
    refusal.reason = reason;
    return refusal.said(message, error);
}

bool ClearJob::record()
{
    return bool(m_ledger->updateCleanup(m_record));
}

// Step 1: the library is claimed in the ledger, atomically with the
// one-a-minute check, before anything else is asked of SMH.
void ClearJob::claim()
{
    CleanupRecord record;
    record.library = library();
    record.connectionId = m_target.connectionId;
    record.connectionName = m_target.connectionName;
    record.task = {m_target.connectionId, 0};
    record.origin = m_origin;
    auto claimed = m_ledger->claimClear(record);
    if (!claimed) {
        const ClaimRefusal &why = claimed.error();
        ClearRefusal refusal;
        refusal.reason = why.reason == ClaimRefusal::Reason::Busy ? ClearRefusal::Reason::Busy
            : why.reason == ClaimRefusal::Reason::RateLimited ? ClearRefusal::Reason::RateLimited
                                                              : ClearRefusal::Reason::Failed;
        refusal.secondsLeft = why.secondsLeft;
        finish(unexpected(refusal.said(why.message)));
        return;
    }
    m_record = *claimed;
    getToken();
}

// Step 2: an admin token. With a library secret one is minted for this
// clear alone (the shortest period SMH allows) and deleted in finish().
void ClearJob::getToken()
{
    if (m_target.librarySecret.isEmpty()) {
        m_token = m_target.accessToken;
        if (m_token.isEmpty()) {
            abandon(refusal(ClearRefusal::Reason::Failed, tr("There is no access token.")));
            return;
        }
        readSettings();
        return;
    }
    TokenJob *job =
        HistoryApi::startAdminToken(m_client, m_target.settings, m_target.librarySecret);
    connect(job, &SmhJob::finished, this, [this, job] {
        if (job->error().isError()) {
            abandon(refusalFor(job->error()));
            return;
        }
        m_token = job->token().value;
        m_mintedToken = true;
        readSettings();
    });
}

// Step 3: file history must be off for a clear.
void ClearJob::readSettings()
{
    ApiJob *job = HistoryApi::startReadSettings(m_client, m_target.settings, m_token);
    connect(job, &SmhJob::finished, this, [this, job] {
        const auto settings = job->error().isError()
            ? Expected<HistorySettings, SmhError>(unexpected(job->error()))
            : HistorySettings::fromJson(job->body());
        if (!settings) {
            abandon(refusalFor(settings.error()));
            return;
        }
        m_previous = *settings;
        if (!settings->enabled) {
            readUsageBefore();
        } else if (!m_options.disableHistoryFirst) {
            abandon(refusal(ClearRefusal::Reason::HistoryOn,
                tr("File history is on for library %1: it must be turned off before its "
                   "historical versions can be cleared.")
                    .arg(m_target.settings.libraryId)));
        } else {
            turnHistoryOff();
        }
    });
}

// Step 4, when asked: history off, recorded before it is sent.
void ClearJob::turnHistoryOff()
{
    if (m_stopping) {
        abandon(refusal(ClearRefusal::Reason::Failed, stopReason()));
        return;
    }
    m_record.historyOff = CleanupRecord::HistoryOff::Sending;
    m_record.previousSettings = HistoryChange::restoring(*m_previous).toJson();
    if (m_options.restoreAfterwards)
        m_record.restoreSettings = m_record.previousSettings;
    if (!record()) {
        abandon(refusal(ClearRefusal::Reason::Failed,
            tr("Nothing was sent: the task ledger could not record the change to file history.")));
        return;
    }
    HistoryChange off;
    off.enabled = false;
    ApiJob *job = HistoryApi::startWriteSettings(m_client, m_target.settings, m_token, off);
    connect(job, &SmhJob::finished, this, [this, job] {
        switch (job->effect()) {
        case ApiJob::Effect::Applied:
            m_record.historyOff = CleanupRecord::HistoryOff::Applied;
            record();
            readUsageBefore();
            return;
        case ApiJob::Effect::None:
            m_record.historyOff = CleanupRecord::HistoryOff::Refused;
            abandon(refusalFor(job->error()));
            return;
        case ApiJob::Effect::Unknown:
            break;
        }
        m_record.historyOff = CleanupRecord::HistoryOff::Unknown;
        m_record.phase = CleanupRecord::Phase::Abandoned;
        m_record.finishedAt = QDateTime::currentDateTimeUtc();
        m_record.detail = tr("The change turning file history off may have been applied (%1); "
                             "the clear was not sent.")
                              .arg(Redact::text(job->error().toString()));
        record();
        putHistoryBack(refusal(ClearRefusal::Reason::Failed, m_record.detail, job->error()));
    });
}

// Step 5: usage before, for what the clear frees; a figure that cannot be
// read is left out.
void ClearJob::readUsageBefore()
{
    ApiJob *job = HistoryApi::startLibraryUsage(m_client, m_target.settings, m_token);
    connect(job, &SmhJob::finished, this, [this, job] {
        if (!job->error().isError()) {
            if (const auto bytes = LibraryUsage::parseTotal(job->body())) {
                m_record.usageBefore = *bytes;
                Q_EMIT usageRead(library(), *bytes);
            }
        }
        sendClear();
    });
}

// Step 6: the clear, recorded as sending before it leaves, sent once.
void ClearJob::sendClear()
{
    if (m_stopping) {
        putHistoryBack(refusal(ClearRefusal::Reason::Failed, stopReason()));
        return;
    }
    m_record.phase = CleanupRecord::Phase::Sending;
    m_record.sentAt = QDateTime::currentDateTimeUtc();
    m_record.sentBootMs = HistoryLedger::bootClockMs();
    m_record.bootId = HistoryLedger::currentBootId();
    if (!record()) {
        m_record.phase = CleanupRecord::Phase::Abandoned;
        m_record.sentAt = {};
        putHistoryBack(refusal(ClearRefusal::Reason::Failed,
            tr("Nothing was cleared: the task ledger could not record the clear before sending "
               "it.")));
        return;
    }
    ApiJob *job = HistoryApi::startClear(m_client, m_target.settings, m_token);
    connect(job, &SmhJob::finished, this, [this, job] { onClearAnswered(job); });
}

void ClearJob::onClearAnswered(ApiJob *job)
{
    const QString libraryId = m_target.settings.libraryId;
    if (job->effect() == ApiJob::Effect::None) {
        // Refused by SMH, or it never left: nothing was cleared. A clear that
        // never reached SMH does not spend the minute.
        m_record.phase = CleanupRecord::Phase::Refused;
        if (job->httpStatus() == 0)
            m_record.sentAt = {};
        m_record.finishedAt = QDateTime::currentDateTimeUtc();
        m_record.detail = Redact::text(job->error().toString());
        record();
        putHistoryBack(refusalFor(job->error()));
        return;
    }
    if (job->effect() == ApiJob::Effect::Unknown) {
        m_record.phase = CleanupRecord::Phase::Unknown;
        m_record.finishedAt = QDateTime::currentDateTimeUtc();
        m_record.detail =
            tr("The clear of library %1 was sent at %2, but no complete answer came back (%3): "
               "SMH may have accepted it. It counts as a clear, and nothing is sent again. Look "
               "at the library's usage in a few minutes, or give Tencent Cloud support the "
               "library ID and this time.")
                .arg(libraryId, when(m_record.sentAt), Redact::text(job->error().toString()));
        record();
        QString message = m_record.detail;
        if (m_record.leftHistoryOff())
            message += u' '
                + tr("File history of library %1 is OFF: it was turned off for this clear. "
                     "Overwritten files keep no versions until it is turned back on (History & "
                     "Cleanup, or history set --enable).")
                      .arg(libraryId);
        finish(unexpected(refusal(ClearRefusal::Reason::OutcomeUnknown, message, job->error())));
        return;
    }
    const auto taskId = HistoryApi::clearTaskId(job->body());
    m_record.phase = CleanupRecord::Phase::Accepted;
    if (!taskId) {
        m_record.detail = tr("SMH accepted the clear (HTTP %1), but its task ID could not be "
                             "read (%2): the clear runs, and its progress cannot be followed "
                             "here.")
                              .arg(job->httpStatus())
                              .arg(Redact::text(taskId.error().toString()));
        record();
        finish(unexpected(refusal(ClearRefusal::Reason::AcceptedUntracked, m_record.detail)));
        return;
    }
    m_record.task = {m_target.connectionId, *taskId};
    const bool tracked = record();
    const QString note =
        tr("Clear historical versions, started %1").arg(DisplayText::dateTime(m_record.startedAt));
    const Expected<void> added = m_addTask(*taskId, note);
    if (!tracked || !added) {
        // Sent and accepted: say which task to look for.
        finish(unexpected(refusal(ClearRefusal::Reason::AcceptedUntracked,
            tr("The clear was accepted as task %1, but the ledger could not record it%2.")
                .arg(*taskId)
                .arg(added ? QString() : u": "_s + added.error().message()))));
        return;
    }
    finish(ClearStarted {m_record, m_previous});
}

QString ClearJob::stopReason() const
{
    return m_stopReason.isEmpty() ? tr("The monitor is closing.") : m_stopReason;
}

void ClearJob::abandon(const Error &refusal)
{
    if (m_record.id != 0) {
        m_record.phase = CleanupRecord::Phase::Abandoned;
        m_record.finishedAt = QDateTime::currentDateTimeUtc();
        m_record.detail = refusal.message();
        record();
    }
    putHistoryBack(refusal);
}

void ClearJob::putHistoryBack(Error refusal)
{
    const bool switchedOff = m_record.historyOff == CleanupRecord::HistoryOff::Applied
        || m_record.historyOff == CleanupRecord::HistoryOff::Unknown;
    if (!switchedOff || !m_previous || m_token.isEmpty()) {
        finish(unexpected(refusal));
        return;
    }
    // Recorded before it leaves, like any change to the library.
    m_record.restore = CleanupRecord::Restore::Sending;
    m_record.restoreOutcome = tr("Putting file history back was sent; no answer was recorded.");
    record();
    const HistoryChange back = HistoryChange::restoring(*m_previous);
    ApiJob *job = HistoryApi::startWriteSettings(m_client, m_target.settings, m_token, back);
    connect(job, &SmhJob::finished, this, [this, job, refusal]() mutable {
        const QString libraryId = m_target.settings.libraryId;
        m_record.restore = CleanupRecord::Restore::Answered;
        switch (job->effect()) {
        case ApiJob::Effect::Applied:
            m_record.historyOff = CleanupRecord::HistoryOff::Restored;
            m_record.restoreOutcome = tr("File history was turned back on with its previous "
                                         "settings.");
            break;
        case ApiJob::Effect::None:
            m_record.restoreOutcome =
                tr("File history of library %1 is OFF: it could not be turned back on (%2). "
                   "Overwritten files keep no versions until it is turned on again.")
                    .arg(libraryId, Redact::text(job->error().toString()));
            break;
        case ApiJob::Effect::Unknown:
            m_record.restoreOutcome =
                tr("Turning file history of library %1 back on may have been applied (%2): "
                   "check it in History & Cleanup.")
                    .arg(libraryId, Redact::text(job->error().toString()));
            break;
        }
        record();
        finish(unexpected(refusal.withMessage(refusal.message() + u' ' + m_record.restoreOutcome)));
    });
}

void ClearJob::finish(ClearResult result)
{
    if (m_result)
        return;
    if (!result && m_record.id != 0) {
        if (const auto stored = m_ledger->cleanup(m_record.id))
            m_record = *stored;
        ClearRefusal refusal = ClearRefusal::of(result.error());
        refusal.record = m_record;
        result = unexpected(result.error().withDetail(refusal));
    }
    m_result = std::move(result);
    SmhJob *release =
        m_mintedToken ? HistoryApi::releaseToken(m_client, m_target.settings, m_token) : nullptr;
    m_mintedToken = false;
    if (!release) {
        report();
        return;
    }
    // The token would expire on its own in five minutes; a command that
    // exits must not leave it behind, nor wait for ever.
    connect(release, &SmhJob::finished, this, &ClearJob::report);
    QTimer::singleShot(releaseDeadlineMs, this, &ClearJob::report);
}

void ClearJob::report()
{
    if (m_reported)
        return;
    m_reported = true;
    Q_EMIT finished(*m_result);
    deleteLater();
}
