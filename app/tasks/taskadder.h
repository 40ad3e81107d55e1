#pragma once

#include "smh/error.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

class Monitor;

// Adds a long list of task IDs a slice at a time while the event loop runs:
// pasting or passing a hundred thousand IDs must not freeze the window. Each
// slice is its own transaction, so a failure keeps what was saved and hands
// back, with the reason, the IDs that were not.
class TaskAdder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskAdder)

public:
    struct Outcome
    {
        qsizetype added = 0; // new tasks (IDs already watched are not counted)
        qsizetype given = 0;
        QList<qint64> notSaved; // empty unless `error` is set
        std::optional<Error> error; // why the rest was not saved
        std::optional<qint64> firstAdded; // task ID of the first new task

        bool ok() const { return !error; }
    };

    TaskAdder(Monitor *monitor, qint64 connectionId, QList<qint64> ids, QString note = {},
        std::optional<bool> libraryLevel = std::nullopt, QObject *parent = nullptr);

    // Saves the first slices at once (a short list is then done when this
    // returns) and the rest on later turns of the event loop; waits for the
    // ledger's own load first if it is still arriving (adding needs the whole
    // ledger). Connect to finished() before.
    void start();
    qsizetype done() const { return m_next; }
    qsizetype total() const { return m_ids.size(); }

    // IDs per transaction; the work per turn is also bounded in time.
    static constexpr qsizetype sliceSize = 500;
    // Longer than other work's turns: between two turns the window repaints
    // the growing table and takes the polls' first answers, and with 5 ms
    // turns that took three times the adding itself (a first start of
    // 100,000 IDs: 200 turns, each followed by some 60 ms of other work).
    // Still far inside the 50 ms a user feels, a slice's overrun included.
    static constexpr qint64 turnMs = 20;

Q_SIGNALS:
    void progress(qsizetype done, qsizetype total);
    void finished(const TaskAdder::Outcome &outcome);

private:
    void addSlices();
    void finish(std::optional<Error> error = std::nullopt);

    Monitor *m_monitor;
    qint64 m_connectionId;
    QList<qint64> m_ids;
    QString m_note;
    std::optional<bool> m_libraryLevel;
    qsizetype m_next = 0;
    Outcome m_outcome;
    QTimer m_turn;
    bool m_finished = false;
};

Q_DECLARE_METATYPE(TaskAdder::Outcome)
