#include "tasks/taskadder.h"

#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "tasks/workturn.h"

TaskAdder::TaskAdder(Monitor *monitor, qint64 connectionId, QList<qint64> ids, QString note,
    std::optional<bool> libraryLevel, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_connectionId(connectionId)
    , m_ids(std::move(ids))
    , m_note(std::move(note))
    , m_libraryLevel(libraryLevel)
{
    m_outcome.given = m_ids.size();
    WorkTurn::setUpNextTurn(m_turn, this, [this] { addSlices(); });
}

void TaskAdder::start()
{
    const TaskStore *store = &m_monitor->tasks();
    if (store->isLoading()) {
        // Once, whichever comes first.
        auto connections = std::make_shared<QList<QMetaObject::Connection>>();
        auto go = [this, connections] {
            for (const QMetaObject::Connection &connection : std::as_const(*connections))
                disconnect(connection);
            m_turn.start();
        };
        *connections << connect(store, &TaskStore::loadFinished, this, go)
                     << connect(store, &TaskStore::loadFailed, this,
                            [this, connections](const Error &error) {
                                for (const QMetaObject::Connection &c : std::as_const(*connections))
                                    disconnect(c);
                                finish(error);
                            });
        return;
    }
    // A short list is saved before start() returns, as a direct add would be.
    addSlices();
}

void TaskAdder::addSlices()
{
    const WorkTurn turn(turnMs);
    while (m_next < m_ids.size()) {
        const qsizetype count = std::min(sliceSize, m_ids.size() - m_next);
        const Expected<QList<Task>> added =
            m_monitor->addTasks(m_connectionId, m_ids.mid(m_next, count), m_note, m_libraryLevel);
        if (!added) {
            finish(added.error());
            return;
        }
        if (!m_outcome.firstAdded && !added->isEmpty())
            m_outcome.firstAdded = added->constFirst().key.taskId;
        m_outcome.added += added->size();
        m_next += count;
        if (turn.isSpent())
            break;
    }
    Q_EMIT progress(m_next, m_ids.size());
    if (m_next < m_ids.size())
        m_turn.start();
    else
        finish();
}

void TaskAdder::finish(std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome.error = std::move(error);
    if (m_outcome.error)
        m_outcome.notSaved = m_ids.mid(m_next);
    Q_EMIT finished(m_outcome);
}
