#include "history/historyservice.h"

#include "history/campaign.h"
#include "smh/redact.h"
#include "smh/smhclient.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"

#include <QHash>
#include <QLocale>

#include <utility>

using namespace Qt::StringLiterals;

HistoryService *HistoryService::of(Monitor *monitor)
{
    if (auto *wing = monitor->findChild<HistoryService *>({}, Qt::FindDirectChildrenOnly))
        return wing;
    return new HistoryService(monitor);
}

HistoryService::HistoryService(Monitor *monitor)
    : QObject(monitor)
    , m_engine(engineOf(monitor))
    , m_ledger(new HistoryLedger(m_engine.store, this))
    , m_origin(HistoryLedger::thisOrigin(tr("monitor")))
{
    connect(m_engine.store, &TaskStore::transitioned, this, &HistoryService::onTransitions);
    connect(m_engine.store, &TaskStore::tasksChanged, this, [this](const QList<Task> &tasks) {
        for (const Task &task : tasks) {
            if (task.taskType == u"clearLibraryHistory")
                takeDeleteCount(task);
        }
    });
    connect(monitor, &Monitor::storeOpened, this, &HistoryService::resume);
    connect(monitor, &Monitor::shuttingDown, this, &HistoryService::shutdown);
    if (!m_engine.store->databaseName().isEmpty())
        resume();
    m_sampleTimer.setInterval(defaultSampleInterval);
    connect(&m_sampleTimer, &QTimer::timeout, this, &HistoryService::sampleTick);
    // Campaigns cut short by a crash are resumed as soon as the ledger opens.
    Campaigns::of(this);
}

Monitor *HistoryService::monitor() const
{
    return static_cast<Monitor *>(parent());
}

HistoryService::Engine HistoryService::engineOf(Monitor *monitor)
{
    Engine engine;
    engine.client = monitor->clientForWings();
    engine.store = monitor->ledgerForWings();
    engine.librarySecret = [monitor](qint64 id) { return monitor->credential(id).librarySecret; };
    engine.accessToken = [monitor](qint64 id) { return monitor->credential(id).accessToken; };
    engine.addLibraryTask = [monitor](
                                qint64 id, qint64 taskId, const QString &note) -> Expected<void> {
        if (const auto added = monitor->addTasks(id, {taskId}, note, true); !added)
            return unexpected(added.error());
        return {};
    };
    engine.isDemoMode = [monitor] { return monitor->isDemoMode(); };
    return engine;
}

void HistoryService::withAdminToken(qint64 connectionId, QObject *context, WithToken use)
{
    const auto connection = m_engine.store->connection(connectionId);
    if (!connection) {
        QTimer::singleShot(0, context, [use] {
            use(unexpected(SmhError(SmhError::Kind::InvalidInput, tr("no such connection"))),
                [] {});
        });
        return;
    }
    const ConnectionSettings settings = connection->settings;
    const QString secret = m_engine.librarySecret(connectionId);
    SmhClient *client = m_engine.client;
    if (!secret.isEmpty()) {
        // A token with the admin grant for this call only: it is deleted
        // once the call is done, and would expire on its own in five minutes.
        QPointer<SmhClient> guard(client);
        QPointer<HistoryService> self(this);
        TokenJob *job = HistoryApi::startAdminToken(client, settings, secret);
        QPointer<QObject> asker(context);
        connect(job, &SmhJob::finished, this, [job, use, guard, self, settings, asker] {
            Expected<QString, SmhError> token = HistoryApi::adminTokenOf(*job);
            const QString value = token ? *token : QString();
            Release release = [guard, self, settings, value] {
                // While closing no request goes out; the token expires on its own.
                if (guard && self && !self->m_closing)
                    self->releaseToken(settings, value);
            };
            if (!asker) {
                release(); // nobody is left to use it
                return;
            }
            use(std::move(token), release);
        });
        return;
    }
    const QString token = m_engine.accessToken(connectionId);
    QTimer::singleShot(0, context, [use, token] {
        if (token.isEmpty())
            use(unexpected(SmhError(SmhError::Kind::InvalidInput, tr("no access token"))), [] {});
        else
            use(token, [] {});
    });
}

template<typename T>
void HistoryService::adminCall(
    qint64 connectionId, QObject *context, Done<T> done, AdminCall<T> call)
{
    const auto connection = m_engine.store->connection(connectionId);
    QPointer<QObject> guard(context);
    withAdminToken(connectionId, context,
        [connection, done, call, guard](Expected<QString, SmhError> token, Release release) {
            if (!token) {
                done(unexpected(token.error()));
                return;
            }
            call(
                connection->settings, *token, [done, release, guard](Expected<T, SmhError> result) {
                    release();
                    if (guard)
                        done(std::move(result));
                });
        });
}

void HistoryService::readSettings(qint64 connectionId, QObject *context, Done<HistorySettings> done)
{
    adminCall<HistorySettings>(connectionId, context, std::move(done),
        [this](
            const ConnectionSettings &settings, const QString &token, Done<HistorySettings> reply) {
            ApiJob *job = HistoryApi::startReadSettings(m_engine.client, settings, token);
            connect(job, &SmhJob::finished, this,
                [job, reply] { reply(HistoryApi::settingsOf(*job)); });
        });
}

void HistoryService::applySettings(qint64 connectionId, const HistoryChange &change,
    const std::optional<HistorySettings> &current, QObject *context, Done<bool> done)
{
    // Refused before any token is minted when it could not be sent anyway.
    if (const QStringList problems = change.validate(current); !problems.isEmpty()) {
        QTimer::singleShot(0, context, [done, problems] {
            done(unexpected(SmhError(SmhError::Kind::InvalidInput, problems.join(u' '))));
        });
        return;
    }
    writeSettings(connectionId, change, context, std::move(done));
}

void HistoryService::writeSettings(
    qint64 connectionId, const HistoryChange &change, QObject *context, Done<bool> done)
{
    adminCall<bool>(connectionId, context, std::move(done),
        [this, change](const ConnectionSettings &settings, const QString &token, Done<bool> reply) {
            const auto recorded =
                m_ledger->recordSettingsChange(LibraryKey::of(settings), change.toJson(), m_origin);
            if (!recorded) {
                reply(unexpected(SmhError(SmhError::Kind::InvalidInput,
                    tr("Nothing was sent: the task ledger could not record the change to file "
                       "history (%1).")
                        .arg(recorded.error().message()))));
                return;
            }
            ApiJob *job = HistoryApi::startWriteSettings(m_engine.client, settings, token, change);
            connect(job, &SmhJob::finished, this, [this, job, id = *recorded, reply] {
                switch (job->effect()) {
                case ApiJob::Effect::Applied:
                    m_ledger->settleSettingsChange(id, u"applied"_s);
                    reply(true);
                    return;
                case ApiJob::Effect::None:
                    m_ledger->settleSettingsChange(id, u"refused"_s);
                    reply(unexpected(job->error()));
                    return;
                case ApiJob::Effect::Unknown:
                    break;
                }
                m_ledger->settleSettingsChange(id, u"unknown"_s);
                SmhError error = job->error();
                const QString unknown = tr("the change may have been applied: read the settings "
                                           "again before changing them once more");
                error.setDetail(
                    error.detail().isEmpty() ? unknown : error.detail() + u"; "_s + unknown);
                reply(unexpected(error));
            });
        });
}

void HistoryService::releaseToken(const ConnectionSettings &settings, const QString &token)
{
    SmhJob *job = HistoryApi::releaseToken(m_engine.client, settings, token);
    if (!job)
        return;
    ++m_releasing;
    connect(job, &SmhJob::finished, this, [this] {
        if (--m_releasing == 0)
            Q_EMIT tokensReleased();
    });
}

void HistoryService::whenTokensReleased(
    QObject *context, std::function<void()> then, std::chrono::milliseconds deadline)
{
    if (m_releasing == 0) {
        QTimer::singleShot(0, context, then);
        return;
    }
    // Whichever comes first: the last deletion answered, or the deadline.
    auto *waiter = new QObject(context);
    auto once = [waiter, then] {
        waiter->deleteLater();
        waiter->disconnect();
        then();
    };
    connect(this, &HistoryService::tokensReleased, waiter, once);
    QTimer::singleShot(deadline, waiter, once);
}

void HistoryService::sampleUsage(qint64 connectionId, QObject *context, Done<UsageReading> done)
{
    const auto connection = m_engine.store->connection(connectionId);
    QPointer<QObject> guard(context);
    withAdminToken(connectionId, context,
        [this, connection, guard, done](Expected<QString, SmhError> token, Release release) {
            if (!token) {
                done(unexpected(token.error()));
                return;
            }
            readLibraryUsage(connection->settings, *token,
                [guard, done, release](Expected<UsageReading, SmhError> reading) {
                    release();
                    if (guard)
                        done(std::move(reading));
                });
        });
}

void HistoryService::readLibraryUsage(
    const ConnectionSettings &settings, const QString &token, Done<UsageReading> done)
{
    ApiJob *job = HistoryApi::startLibraryUsage(m_engine.client, settings, token);
    connect(job, &SmhJob::finished, this, [this, job, settings, token, done] {
        const Expected<qint64, SmhError> total = HistoryApi::libraryUsageOf(*job);
        if (!total) {
            done(unexpected(total.error()));
            return;
        }
        const UsageReading reading {*total, std::nullopt, QDateTime::currentDateTimeUtc()};
        recordSample(LibraryKey::of(settings), {reading.at, reading.libraryBytes, {}});
        const bool spaced =
            !settings.libraryLevel && settings.spaceId != ConnectionSettings::singleTenantSpace;
        if (spaced)
            readSpaceSize(settings, token, reading, done);
        else
            done(reading);
    });
}

void HistoryService::readSpaceSize(const ConnectionSettings &settings, const QString &token,
    UsageReading reading, Done<UsageReading> done)
{
    ApiJob *job = HistoryApi::startSpaceSize(m_engine.client, settings, token);
    connect(job, &SmhJob::finished, this, [this, job, settings, reading, done]() mutable {
        // The library figure stands on its own when the space's cannot be read.
        if (const Expected<qint64, SmhError> space = HistoryApi::spaceSizeOf(*job)) {
            reading.spaceBytes = *space;
            recordSample(LibraryKey::of(settings), {reading.at, *space, settings.spaceId});
        }
        done(reading);
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
    return m_ledger->secondsUntilNextClear(library);
}

bool HistoryService::isClearing(const LibraryKey &library) const
{
    return std::any_of(m_clears.cbegin(), m_clears.cend(),
        [&library](const QPointer<ClearJob> &job) { return job && job->library() == library; });
}

void HistoryService::stopClearing(const LibraryKey &library, const QString &why)
{
    for (const QPointer<ClearJob> &job : std::as_const(m_clears)) {
        if (job && job->library() == library)
            job->stopSending(why);
    }
}

void HistoryService::clearHistory(
    qint64 connectionId, const ClearOptions &options, QObject *context, ClearDone done)
{
    const auto connection = m_engine.store->connection(connectionId);
    if (!connection || m_closing) {
        ClearRefusal refusal;
        refusal.reason =
            connection ? ClearRefusal::Reason::Failed : ClearRefusal::Reason::NoConnection;
        const Error refused = refusal.said(
            connection ? tr("The monitor is closing.") : tr("There is no such connection."));
        QTimer::singleShot(0, context, [done, refused] { done(unexpected(refused)); });
        return;
    }
    ClearJob::Target target;
    target.connectionId = connectionId;
    target.connectionName = connection->label();
    target.settings = connection->settings;
    target.librarySecret = m_engine.librarySecret(connectionId);
    target.accessToken = m_engine.accessToken(connectionId);
    // SMH answers for the clear's task only at library level.
    auto addTask = [this, connectionId](qint64 taskId, const QString &note) {
        return m_engine.addLibraryTask(connectionId, taskId, note);
    };
    auto *job = new ClearJob(m_engine.client, m_ledger, target, options, m_origin, addTask, this);
    m_clears.append(job);
    connect(job, &ClearJob::usageRead, this, [this](const LibraryKey &library, qint64 bytes) {
        recordSample(library, {QDateTime::currentDateTimeUtc(), bytes, {}});
    });
    QPointer<QObject> guard(context);
    const LibraryKey library = job->library();
    connect(job, &ClearJob::finished, this,
        [this, job, guard, done, library](const ClearResult &result) {
            m_clears.removeAll(job);
            if (result)
                m_sampleTimer.start();
            Q_EMIT clearFinished(library, result);
            if (guard)
                done(result);
        });
    job->start();
}

void HistoryService::restoreHistory(qint64 cleanupId, QObject *context, Done<bool> done)
{
    const auto record = m_ledger->cleanup(cleanupId);
    if (!record || !record->previousSettings) {
        QTimer::singleShot(0, context, [done] {
            done(unexpected(SmhError(SmhError::Kind::InvalidInput,
                tr("There are no earlier file history settings to put back."))));
        });
        return;
    }
    putSettingsBack(*record, *record->previousSettings, context, std::move(done));
}

void HistoryService::putSettingsBack(
    const CleanupRecord &record, const QJsonObject &settings, QObject *context, Done<bool> done)
{
    CleanupRecord sending = record;
    sending.restore = CleanupRecord::Restore::Sending;
    sending.restoreOutcome = tr("Putting file history back was sent; no answer was recorded.");
    if (!m_ledger->updateCleanup(sending)) {
        QTimer::singleShot(0, context, [done] {
            done(unexpected(SmhError(SmhError::Kind::InvalidInput,
                tr("Nothing was sent: the task ledger could not record the change to file "
                   "history."))));
        });
        return;
    }
    const qint64 id = record.id;
    writeSettings(record.connectionId, HistoryChange::fromJson(settings), this,
        [this, id, context = QPointer<QObject>(context), done](Expected<bool, SmhError> written) {
            if (auto current = m_ledger->cleanup(id)) {
                if (written)
                    current->historyOff = CleanupRecord::HistoryOff::Restored;
                current->restore = CleanupRecord::Restore::Answered;
                current->restoreOutcome = written
                    ? tr("File history settings restored.")
                    : tr("File history settings could not be restored: %1")
                          .arg(written.error().toString());
                m_ledger->updateCleanup(*current);
            }
            if (context)
                done(written);
        });
}

void HistoryService::shutdown()
{
    m_closing = true;
    m_sampleTimer.stop();
    for (const QPointer<ClearJob> &job : std::as_const(m_clears)) {
        if (job)
            job->stopSending();
    }
}

void HistoryService::onTransitions(const QList<TaskTransition> &transitions)
{
    if (m_closing)
        return;
    // One read of the running cleanups per batch, not one per finished
    // task: a poll's answers end a thousand tasks at once, and a query each
    // was a sixth of the GUI thread's time in a first start of 100,000.
    QHash<TaskKey, CleanupRecord> running;
    bool read = false;
    for (const TaskTransition &transition : transitions) {
        if (!TaskStates::isFinal(transition.to))
            continue;
        if (!std::exchange(read, true)) {
            const QList<CleanupRecord> records = m_ledger->runningCleanups();
            for (const CleanupRecord &record : records)
                running.insert(record.task, record);
        }
        // Taken out: a second final answer in the batch finds it finished.
        if (const auto record = running.find(transition.key); record != running.end()) {
            const CleanupRecord finishing = *record;
            running.erase(record);
            finishCleanup(finishing, TaskStates::key(transition.to));
        }
    }
}

void HistoryService::resume()
{
    m_ledger->settleStaleClaims();
    const QList<CleanupRecord> running = m_ledger->runningCleanups();
    for (const CleanupRecord &record : running) {
        const auto task = m_engine.store->task(record.task);
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
    if (record.restoreSettings && record.restore == CleanupRecord::Restore::None)
        putSettingsBack(record, *record.restoreSettings, this, [](Expected<bool, SmhError>) {});
    Q_EMIT cleanupFinished(record);
    // v2 may have said already how many versions went (TaskTypeFetcher).
    if (const std::optional<Task> task = m_engine.store->task(record.task))
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
        if (m_engine.isDemoMode() && m_sampleTimer.interval() > 5'000)
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
    const QList<Connection> connections = m_engine.store->connections();
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
