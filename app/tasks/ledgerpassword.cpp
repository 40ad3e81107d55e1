#include "tasks/ledgerpassword.h"

#include "smh/secretstore.h"
#include "tasks/ledgersql.h"

#include <QTimer>

LedgerPasswordJob::LedgerPasswordJob(
    QString location, std::chrono::milliseconds deadline, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_deadline(deadline)
{ }

LedgerPasswordJob::~LedgerPasswordJob() = default;

bool LedgerPasswordJob::needed(const QString &location)
{
    return LedgerLocation::isPostgres(location) && LedgerLocation::parse(location)
        && !LedgerLocation::libpqHasPassword(location)
        && LedgerLocation::keptPassword(location).isEmpty();
}

void LedgerPasswordJob::start()
{
    if (!needed(m_location)) {
        QTimer::singleShot(0, this, [this] { answered({}, {}); });
        return;
    }
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this,
        [this] { answered({}, tr("the keychain did not answer in time.")); });
    m_timer->start(m_deadline);
    m_secrets = std::make_unique<SecretStore>();
    SecretReadJob *read = m_secrets->read(SecretKey::ledger(LedgerLocation::canonical(m_location)));
    connect(read, &SecretJob::finished, this, [this, read] {
        const Expected<QString> secret = read->result();
        answered(secret ? *secret : QString(), secret ? QString() : secret.error().message());
    });
}

void LedgerPasswordJob::answered(const QString &secret, const QString &problem)
{
    if (m_done)
        return; // answered late, or twice
    m_done = true;
    if (m_timer)
        m_timer->stop();
    if (!secret.isEmpty())
        LedgerLocation::keepPassword(m_location, secret);
    m_problem = problem;
    Q_EMIT finished();
}
