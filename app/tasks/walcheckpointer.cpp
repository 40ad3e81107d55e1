#include "tasks/walcheckpointer.h"

#include <QAtomicInt>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

class WalCheckpointer::Worker final : public QObject
{
public:
    explicit Worker(QString path)
        : m_path(std::move(path))
        , m_name(u"smh-checkpoint-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    { }

    bool open()
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        database.setDatabaseName(m_path);
        if (!database.open())
            return false;
        m_timer = new QTimer(this);
        m_timer->setInterval(intervalMs);
        QObject::connect(m_timer, &QTimer::timeout, this, [this] { checkpoint(); });
        m_timer->start();
        return true;
    }

    void close()
    {
        delete m_timer;
        m_timer = nullptr;
        {
            QSqlDatabase database = QSqlDatabase::database(m_name, false);
            if (database.isOpen())
                database.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }

    int checkpoints() const { return m_checkpoints.loadRelaxed(); }

private:
    void checkpoint()
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        // Its row: busy, frames in the log, frames copied.
        if (q.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s) && q.next()
            && q.value(2).toLongLong() > m_copied) {
            m_checkpoints.ref();
        }
        m_copied = q.value(2).toLongLong();
    }

    QString m_path;
    QString m_name;
    QTimer *m_timer = nullptr;
    qint64 m_copied = 0;
    QAtomicInt m_checkpoints;
};

WalCheckpointer::WalCheckpointer(const QString &path)
    : m_thread(std::make_unique<QThread>())
    , m_worker(new Worker(path))
{
    m_thread->setObjectName(u"ledger checkpoints"_s);
    m_worker->moveToThread(m_thread.get());
    m_thread->start(QThread::LowPriority);
    QMetaObject::invokeMethod(
        m_worker, [this] { m_open = m_worker->open(); }, Qt::BlockingQueuedConnection);
}

WalCheckpointer::~WalCheckpointer()
{
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            m_worker->close();
            delete m_worker;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

int WalCheckpointer::checkpoints() const
{
    return m_worker->checkpoints();
}
