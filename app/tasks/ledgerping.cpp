#include "tasks/ledgerping.h"

#include "tasks/ledgersql.h"

#include <QAtomicInteger>
#include <QDeadlineTimer>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

// What the worker found, read back on the probe's thread once it has ended.
struct LedgerPing::Attempt
{
    QMutex mutex;
    Expected<void> result; // guarded by mutex
};

namespace {

// One connection of the worker's own (a QSqlDatabase belongs to the thread
// that made it), opened and closed again.
Expected<void> connectOnce(const QString &location)
{
    static QAtomicInteger<quint64> count = 0;
    const QString name = u"smh-ledger-ping-"_s + QString::number(++count);
    Expected<void> result;
    {
        Expected<QSqlDatabase> added = LedgerSql::addConnection(name, location);
        if (!added) {
            result = unexpected(added.error());
        } else if (!added->open()) {
            result = unexpected(Error::ledger(LedgerSql::serverWords(added->lastError())));
        } else {
            added->close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

LedgerPing::LedgerPing(QString location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{ }

LedgerPing::~LedgerPing()
{
    // libpq gives up after its connect timeout (seconds): the wait is short.
    if (m_thread && !m_thread->wait(QDeadlineTimer(30'000)))
        qWarning("the ledger ping did not end in 30 s");
    delete m_thread;
}

bool LedgerPing::start()
{
    if (isRunning())
        return false;
    if (m_thread)
        m_thread->wait(); // ended already: its result has been taken
    delete m_thread;
    auto attempt = std::make_shared<Attempt>();
    m_attempt = attempt;
    m_thread = QThread::create([attempt, location = m_location] {
        Expected<void> result = connectOnce(location);
        const QMutexLocker lock(&attempt->mutex);
        attempt->result = std::move(result);
    });
    connect(m_thread, &QThread::finished, this, &LedgerPing::attemptEnded);
    m_thread->start();
    return true;
}

// Until its result has been taken, not merely until the thread ended.
bool LedgerPing::isRunning() const
{
    return m_attempt != nullptr;
}

void LedgerPing::attemptEnded()
{
    if (!m_attempt)
        return;
    Expected<void> result;
    {
        const QMutexLocker lock(&m_attempt->mutex);
        result = m_attempt->result;
    }
    m_attempt.reset();
    Q_EMIT finished(result);
}

std::chrono::seconds LedgerRetry::delayAfter(int failures)
{
    constexpr int first = 2;
    constexpr int longest = 30;
    const int doublings = std::clamp(failures - 1, 0, 5);
    return std::chrono::seconds(std::min(first << doublings, longest));
}

LedgerRetry::LedgerRetry(const QString &location, QObject *parent)
    : QObject(parent)
    , m_probe(location)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LedgerRetry::retryNow);
    connect(&m_probe, &LedgerPing::finished, this, &LedgerRetry::attemptEnded);
}

void LedgerRetry::start()
{
    m_active = true;
    m_failures = 0;
    retryNow();
}

void LedgerRetry::retryNow()
{
    if (!m_active || !m_probe.start())
        return;
    m_timer.stop();
    m_nextAttemptAt = {};
    Q_EMIT attemptStarted();
}

void LedgerRetry::stop()
{
    m_active = false;
    m_timer.stop();
    m_nextAttemptAt = {};
}

bool LedgerRetry::isProbing() const
{
    return m_probe.isRunning();
}

void LedgerRetry::attemptEnded(const Expected<void> &result)
{
    if (!m_active)
        return;
    if (result) {
        stop();
        Q_EMIT reachable();
        return;
    }
    ++m_failures;
    const std::chrono::seconds delay = delayAfter(m_failures);
    m_nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(delay.count());
    m_timer.start(delay);
    Q_EMIT waiting(result.error(), m_nextAttemptAt);
}
