#include "tasks/historyservice.h"

#include "smh/redact.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

constexpr QStringView noPermission = u"NoPermission";

bool isNoPermission(const SmhError &error)
{
    return error.kind() == SmhError::Kind::Http && error.httpStatus() == 403
        && error.code() == noPermission;
}

} // namespace

HistoryService::HistoryService(Monitor *monitor)
    : QObject(monitor)
    , m_monitor(monitor)
    , m_ledger(new HistoryLedger(monitor->store(), this))
{
    connect(monitor->store(), &TaskStore::transitioned, this, &HistoryService::onTransitions);
    connect(monitor->store(), &TaskStore::tasksChanged, this, [this](const QList<Task> &tasks) {
        for (const Task &task : tasks) {
            if (task.taskType == u"clearLibraryHistory")
                takeDeleteCount(task);
        }
    });
    m_sampleTimer.setInterval(defaultSampleInterval);
    connect(&m_sampleTimer, &QTimer::timeout, this, &HistoryService::sampleTick);
}

ClearRefusal HistoryService::refusalFor(const SmhError &error)
{
    ClearRefusal refusal;
    refusal.error = error;
    if (isNoPermission(error)) {
        refusal.reason = ClearRefusal::Reason::NotAdmin;
        refusal.message =
            tr("Clearing historical versions needs an admin token (one minted with the admin "
               "grant, or a library secret): %1")
                .arg(error.toString());
    } else if (error.isAuthError()
        || (error.httpStatus() == 404 && error.code() == u"WrongLibraryIdOrSecret")) {
        refusal.reason = ClearRefusal::Reason::AuthFailed;
        refusal.message = tr("The credentials were refused: %1").arg(error.toString());
    } else if (error.httpStatus() == 429) {
        refusal.reason = ClearRefusal::Reason::RateLimited;
        refusal.secondsLeft =
            error.retryAfterSeconds() > 0 ? error.retryAfterSeconds() : clearIntervalSeconds;
        refusal.message = tr("SMH accepts one clear of historical versions a minute per library "
                             "and refused this one (%1). Try again in %2 s; nothing is retried "
                             "on its own.")
                              .arg(error.toString())
                              .arg(refusal.secondsLeft);
    } else {
        refusal.reason = ClearRefusal::Reason::Failed;
        refusal.message = error.toString();
    }
    refusal.message = Redact::text(refusal.message);
    return refusal;
}

void HistoryService::withAdminToken(qint64 connectionId, QObject *context, WithToken use)
{
    const auto connection = m_monitor->store()->connection(connectionId);
    if (!connection) {
        QTimer::singleShot(0, context, [use] {
            use(unexpected(SmhError(SmhError::Kind::InvalidInput, tr("no such connection"))),
                [] {});
        });
        return;
    }
    const ConnectionSettings settings = connection->settings;
    const QString secret = m_monitor->librarySecret(connectionId);
    SmhClient *client = m_monitor->client();
    if (!secret.isEmpty()) {
        // A token with the admin grant for this call only: it is deleted
        // once the call is done, and would expire on its own in five minutes.
        QPointer<SmhClient> guard(client);
        QPointer<HistoryService> self(this);
        HistoryApi::mintAdminToken(client, settings, secret, context,
            [use, guard, self, settings](Expected<QString, SmhError> token) {
                const QString value = token ? *token : QString();
                use(std::move(token), [guard, self, settings, value] {
                    // While closing no request goes out; the token expires on its own.
                    if (guard && self && !self->m_closing)
                        HistoryApi::releaseToken(guard, settings, value);
                });
            });
        return;
    }
    TokenProvider *tokens = m_monitor->tokens(connectionId);
    const QString token = tokens ? tokens->token() : QString();
    QTimer::singleShot(0, context, [use, token] {
        if (token.isEmpty())
            use(unexpected(SmhError(SmhError::Kind::InvalidInput, tr("no access token"))), [] {});
        else
            use(token, [] {});
    });
}

template<typename T>
void HistoryService::adminCall(
    qint64 connectionId, QObject *context, HistoryApi::Done<T> done, AdminCall<T> call)
{
    const auto connection = m_monitor->store()->connection(connectionId);
    withAdminToken(connectionId, context,
        [connection, done, call](Expected<QString, SmhError> token, Release release) {
            if (!token) {
                done(unexpected(token.error()));
                return;
            }
            call(connection->settings, *token, [done, release](Expected<T, SmhError> result) {
                release();
                done(std::move(result));
            });
        });
}

void HistoryService::readSettings(
    qint64 connectionId, QObject *context, HistoryApi::Done<HistorySettings> done)
{
    adminCall<HistorySettings>(connectionId, context, std::move(done),
        [this, context](const ConnectionSettings &settings, const QString &token,
            HistoryApi::Done<HistorySettings> reply) {
            HistoryApi::readSettings(m_monitor->client(), settings, token, context, reply);
        });
}

void HistoryService::applySettings(qint64 connectionId, const HistoryChange &change,
    const std::optional<HistorySettings> &current, QObject *context, HistoryApi::Done<bool> done)
{
    // Refused before any token is minted when it could not be sent anyway.
    if (const QStringList problems = change.validate(current); !problems.isEmpty()) {
        QTimer::singleShot(0, context, [done, problems] {
            done(unexpected(SmhError(SmhError::Kind::InvalidInput, problems.join(u' '))));
        });
        return;
    }
    adminCall<bool>(connectionId, context, std::move(done),
        [this, change, current, context](const ConnectionSettings &settings, const QString &token,
            HistoryApi::Done<bool> reply) {
            HistoryApi::writeSettings(
                m_monitor->client(), settings, token, change, current, context, reply);
        });
}

void HistoryService::sampleUsage(
    qint64 connectionId, QObject *context, HistoryApi::Done<UsageReading> done)
{
    const auto connection = m_monitor->store()->connection(connectionId);
    withAdminToken(connectionId, context,
        [this, connection, context, done](Expected<QString, SmhError> token, Release release) {
            if (!token) {
                done(unexpected(token.error()));
                return;
            }
            const ConnectionSettings settings = connection->settings;
            const QString value = *token;
            HistoryApi::libraryUsage(m_monitor->client(), settings, value, context,
                [this, settings, value, context, done, release](Expected<qint64, SmhError> total) {
                    if (!total) {
                        release();
                        done(unexpected(total.error()));
                        return;
                    }
                    const LibraryKey library = LibraryKey::of(settings);
                    UsageReading reading {*total, std::nullopt, QDateTime::currentDateTimeUtc()};
                    recordSample(library, {reading.at, reading.libraryBytes, {}});
                    const bool spaced = !settings.libraryLevel
                        && settings.spaceId != ConnectionSettings::singleTenantSpace;
                    if (!spaced) {
                        release();
                        done(reading);
                        return;
                    }
                    HistoryApi::spaceSize(m_monitor->client(), settings, value, context,
                        [this, library, settings, reading, done, release](
                            Expected<qint64, SmhError> space) mutable {
                            release();
                            // The library figure stands on its own when the
                            // space's cannot be read.
                            if (space) {
                                reading.spaceBytes = *space;
                                recordSample(library, {reading.at, *space, settings.spaceId});
                            }
                            done(reading);
                        });
                });
        });
}

void HistoryService::recordSample(const LibraryKey &library, const UsageSample &sample)
{
    m_ledger->addSample(library, sample);
    if (!sample.spaceId.isEmpty())
        return;
    // SMH's figures lag: the latest reading in the window after a clear is
    // the best "after" there is.
    const QList<CleanupRecord> records = m_ledger->cleanups(library);
    for (CleanupRecord record : records) {
        if (record.isRunning() || sample.at < record.finishedAt
            || record.finishedAt.secsTo(sample.at)
                > std::chrono::duration_cast<std::chrono::seconds>(afterWindow).count())
            continue;
        record.usageAfter = sample.bytes;
        m_ledger->updateCleanup(record);
    }
}

int HistoryService::secondsUntilNextClear(const LibraryKey &library) const
{
    QDateTime last = m_ledger->lastClearAt(library);
    const QDateTime attempt = m_lastAttempt.value(library);
    if (attempt.isValid() && (!last.isValid() || attempt > last))
        last = attempt;
    if (!last.isValid())
        return 0;
    const qint64 elapsed = last.secsTo(QDateTime::currentDateTimeUtc());
    return int(std::clamp<qint64>(clearIntervalSeconds - elapsed, 0, clearIntervalSeconds));
}

void HistoryService::clearHistory(
    qint64 connectionId, const ClearOptions &options, QObject *context, ClearDone done)
{
    auto refuseLater = [context, done](ClearRefusal refusal) {
        QTimer::singleShot(0, context, [done, refusal] { done(unexpected(refusal)); });
    };
    const auto connection = m_monitor->store()->connection(connectionId);
    if (!connection) {
        refuseLater(
            {ClearRefusal::Reason::NoConnection, tr("There is no such connection."), {}, 0});
        return;
    }
    const LibraryKey library = LibraryKey::of(connection->settings);
    if (const int wait = secondsUntilNextClear(library); wait > 0) {
        refuseLater({ClearRefusal::Reason::RateLimited,
            tr("SMH accepts one clear of historical versions a minute per library; the next one "
               "may be sent in %1 s.")
                .arg(wait),
            {}, wait});
        return;
    }
    if (m_starting.contains(library)) {
        refuseLater({ClearRefusal::Reason::Busy,
            tr("A clear of this library is being started already."), {}, 0});
        return;
    }
    m_starting.insert(library);
    const ConnectionSettings settings = connection->settings;
    const QString connectionName =
        connection->name.isEmpty() ? settings.displayName() : connection->name;
    QPointer<HistoryService> self(this);
    auto refuse = [self, library, done](const ClearRefusal &refusal) {
        if (self)
            self->m_starting.remove(library);
        done(unexpected(refusal));
    };

    withAdminToken(
        connectionId, context, [=, this](Expected<QString, SmhError> token, Release release) {
            if (!token) {
                refuse(refusalFor(token.error()));
                return;
            }
            const QString value = *token;
            SmhClient *client = m_monitor->client();
            // Step 4: the clear itself, once history is off and usage is read.
            auto sendClear = [=, this](std::optional<HistorySettings> previous,
                                 std::optional<qint64> before) {
                // Nothing destructive is sent once the monitor is closing.
                if (m_closing) {
                    refuse({ClearRefusal::Reason::Failed, tr("The monitor is closing."), {}, 0});
                    return;
                }
                m_lastAttempt.insert(library, QDateTime::currentDateTimeUtc());
                HistoryApi::clear(
                    client, settings, value, context, [=, this](Expected<qint64, SmhError> taskId) {
                        release();
                        if (!taskId) {
                            refuse(refusalFor(taskId.error()));
                            return;
                        }
                        m_starting.remove(library);
                        const QDateTime now = QDateTime::currentDateTimeUtc();
                        CleanupRecord record;
                        record.library = library;
                        record.connectionId = connectionId;
                        record.connectionName = connectionName;
                        record.startedAt = now;
                        record.usageBefore = before;
                        if (options.restoreAfterwards && previous && previous->enabled)
                            record.restoreSettings = HistoryChange::restoring(*previous).toJson();
                        record.task = {connectionId, *taskId};
                        const QString note =
                            tr("Clear historical versions, started %1")
                                .arg(QLocale().toString(now.toLocalTime(), QLocale::ShortFormat));
                        // SMH answers for the clear's task only at library level.
                        const auto added = m_monitor->addTasks(connectionId, {*taskId}, note, true);
                        const auto stored = m_ledger->addCleanup(record);
                        if (!added || !stored) {
                            // Sent and accepted: say which task to look for.
                            done(unexpected(ClearRefusal {ClearRefusal::Reason::Failed,
                                tr("The clear was accepted as task %1, but the ledger could not "
                                   "record it: %2")
                                    .arg(*taskId)
                                    .arg(!added ? added.error() : stored.error()),
                                {}, 0}));
                            return;
                        }
                        record.id = *stored;
                        m_sampleTimer.start();
                        done(ClearStarted {record, previous});
                    });
            };
            // Step 3: usage before (admin); a figure we cannot read is left out.
            auto readUsage = [=, this](std::optional<HistorySettings> previous) {
                HistoryApi::libraryUsage(
                    client, settings, value, context, [=, this](Expected<qint64, SmhError> before) {
                        std::optional<qint64> bytes;
                        if (before) {
                            bytes = *before;
                            recordSample(library, {QDateTime::currentDateTimeUtc(), *before, {}});
                        }
                        sendClear(previous, bytes);
                    });
            };
            // Steps 1-2: file history must be off.
            HistoryApi::readSettings(client, settings, value, context,
                [=, this](Expected<HistorySettings, SmhError> current) {
                    if (!current) {
                        release();
                        refuse(refusalFor(current.error()));
                        return;
                    }
                    if (!current->enabled) {
                        readUsage(*current);
                        return;
                    }
                    if (!options.disableHistoryFirst) {
                        release();
                        refuse({ClearRefusal::Reason::HistoryOn,
                            tr("File history is on for library %1: it must be turned off before "
                               "its historical versions can be cleared.")
                                .arg(settings.libraryId),
                            {}, 0});
                        return;
                    }
                    if (m_closing) {
                        release();
                        refuse(
                            {ClearRefusal::Reason::Failed, tr("The monitor is closing."), {}, 0});
                        return;
                    }
                    HistoryChange off;
                    off.enabled = false;
                    HistoryApi::writeSettings(client, settings, value, off, *current, context,
                        [=](Expected<bool, SmhError> written) {
                            if (!written) {
                                release();
                                refuse(refusalFor(written.error()));
                                return;
                            }
                            readUsage(*current);
                        });
                });
        });
}

void HistoryService::shutdown()
{
    m_closing = true;
    m_sampleTimer.stop();
}

void HistoryService::onTransitions(const QList<TaskTransition> &transitions)
{
    if (m_closing)
        return;
    for (const TaskTransition &transition : transitions) {
        if (!TaskStates::isFinal(transition.to))
            continue;
        const auto record = m_ledger->cleanupForTask(transition.key);
        if (record && record->isRunning())
            finishCleanup(*record, TaskStates::key(transition.to));
    }
}

void HistoryService::resume()
{
    const QList<CleanupRecord> running = m_ledger->runningCleanups();
    for (const CleanupRecord &record : running) {
        const auto task = m_monitor->store()->task(record.task);
        if (task && task->isFinal())
            finishCleanup(record, TaskStates::key(task->state));
        else
            m_sampleTimer.start();
    }
}

void HistoryService::finishCleanup(CleanupRecord record, const QString &outcome)
{
    record.finishedAt = QDateTime::currentDateTimeUtc();
    record.outcome = outcome;
    m_ledger->updateCleanup(record);
    m_sampleTimer.start();

    sampleUsage(record.connectionId, this, [](Expected<UsageReading, SmhError>) {});
    if (record.restoreSettings && record.restoreOutcome.isEmpty()) {
        HistorySettings previous;
        previous.enabled = record.restoreSettings->value(u"enableFileHistory").toBool();
        HistoryChange change;
        change.enabled = previous.enabled;
        const QJsonObject saved = *record.restoreSettings;
        if (saved.contains(u"fileHistoryCount"))
            change.count = saved.value(u"fileHistoryCount").toInt();
        if (saved.contains(u"fileHistoryExpireDay"))
            change.expireDays = saved.value(u"fileHistoryExpireDay").toInt();
        if (saved.contains(u"mergeInterval"))
            change.mergeInterval = saved.value(u"mergeInterval").toInt();
        applySettings(record.connectionId, change, std::nullopt, this,
            [this, id = record.task](Expected<bool, SmhError> written) {
                auto current = m_ledger->cleanupForTask(id);
                if (!current)
                    return;
                current->restoreOutcome = written
                    ? tr("File history settings restored.")
                    : tr("File history settings could not be restored: %1")
                          .arg(written.error().toString());
                m_ledger->updateCleanup(*current);
            });
    }
    Q_EMIT cleanupFinished(record);
    // v2 may have said already how many versions went (TaskTypeFetcher).
    if (const std::optional<Task> task = m_monitor->store()->task(record.task))
        takeDeleteCount(*task);
}

void HistoryService::takeDeleteCount(const Task &task)
{
    const std::optional<TypedTaskResult> typed = TypedTaskResult::fromStored(task.typedResult);
    const std::optional<qint64> count = typed ? typed->deleteCount() : std::nullopt;
    if (!count)
        return;
    std::optional<CleanupRecord> record = m_ledger->cleanupForTask(task.key);
    if (!record || record->deleteCount == count)
        return;
    record->deleteCount = count;
    m_ledger->updateCleanup(*record);
    Q_EMIT cleanupFinished(*record);
}

void HistoryService::watchUsage(qint64 connectionId, bool watch)
{
    int &count = m_watchers[connectionId];
    count = std::max(0, count + (watch ? 1 : -1));
    if (count == 0)
        m_watchers.remove(connectionId);
    if (watch) {
        // The demo's clear ends in seconds: sample often enough to show it.
        if (m_monitor->isDemoMode() && m_sampleTimer.interval() > 5'000)
            m_sampleTimer.setInterval(5'000);
        m_sampleTimer.start();
        sampleTick();
    }
}

void HistoryService::setSampleInterval(std::chrono::milliseconds interval)
{
    m_sampleTimer.setInterval(interval);
}

void HistoryService::sampleTick()
{
    if (m_closing)
        return;
    QSet<qint64> due;
    for (auto it = m_watchers.cbegin(); it != m_watchers.cend(); ++it)
        due.insert(it.key());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 window = std::chrono::duration_cast<std::chrono::seconds>(afterWindow).count();
    const QList<Connection> connections = m_monitor->store()->connections();
    for (const Connection &connection : connections) {
        if (connection.settings.libraryLevel)
            continue;
        const QList<CleanupRecord> records =
            m_ledger->cleanups(LibraryKey::of(connection.settings));
        const bool recent =
            std::any_of(records.cbegin(), records.cend(), [&](const CleanupRecord &r) {
                return r.connectionId == connection.id
                    && (r.isRunning() || r.finishedAt.secsTo(now) <= window);
            });
        if (recent)
            due.insert(connection.id);
    }
    if (due.isEmpty()) {
        m_sampleTimer.stop();
        return;
    }
    for (qint64 id : std::as_const(due)) {
        if (m_sampling.contains(id))
            continue;
        m_sampling.insert(id);
        sampleUsage(
            id, this, [this, id](Expected<UsageReading, SmhError>) { m_sampling.remove(id); });
    }
}
