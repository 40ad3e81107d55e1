#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <algorithm>

// How late each tick of a 20 ms timer comes: the longest time the GUI thread
// could not answer.
class LatencyProbe final : public QObject
{
public:
    explicit LatencyProbe(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lateMs << std::max<double>(0.0, double(now - m_last) / 1e6 - 20.0);
            m_last = now;
        });
    }
    void start()
    {
        m_lateMs.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double maxMs() const
    {
        return m_lateMs.isEmpty() ? 0 : *std::max_element(m_lateMs.cbegin(), m_lateMs.cend());
    }
    double percentileMs(double p) const
    {
        if (m_lateMs.isEmpty())
            return 0;
        QList<double> sorted = m_lateMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qsizetype(double(sorted.size() - 1) * p));
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<double> m_lateMs;
};
