#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// Work on the GUI thread that grows with the data (a ledger of 100,000 tasks,
// a pasted list of IDs, a poll's answers) is done in turns: a bounded piece
// at a time until the turn's few milliseconds are spent, then the rest on a
// later turn of the event loop, after the window has drawn and taken input.
class WorkTurn final
{
public:
    static constexpr qint64 budgetMs = 5;

    // `budget`: a longer turn for work whose every turn also costs the
    // window a repaint (TaskAdder), still well inside the 50 ms a user feels.
    explicit WorkTurn(qint64 budget = budgetMs)
        : m_budget(budget)
    {
        m_clock.start();
    }
    // Time to yield: the caller goes on at the next turn.
    bool isSpent() const { return m_clock.elapsed() >= m_budget; }

    // Makes `timer` the one that runs `next` on the next turn of the loop.
    template<typename Next>
    static void setUpNextTurn(QTimer &timer, const QObject *context, Next next)
    {
        timer.setSingleShot(true);
        timer.setInterval(0);
        QObject::connect(&timer, &QTimer::timeout, context, std::move(next));
    }

private:
    qint64 m_budget;
    QElapsedTimer m_clock;
};
