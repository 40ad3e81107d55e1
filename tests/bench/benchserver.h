#pragma once

#include "demo/smhsimulator.h"

#include <QEventLoop>
#include <QMetaObject>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

// What the benchmarks that start the monitor at scale share: the simulator
// standing in for SMH, on a thread of its own as a server would run
// elsewhere (its work is not the monitor's), and a wait that lets the event
// loop run.
class SimulatorThread final
{
public:
    SimulatorThread()
    {
        m_thread.start();
        m_anchor.moveToThread(&m_thread);
    }
    ~SimulatorThread()
    {
        run([this] { m_simulator.reset(); });
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(SimulatorThread)

    // Runs `work` on the simulator's thread and waits for it.
    void run(const std::function<void()> &work)
    {
        QMetaObject::invokeMethod(&m_anchor, work, Qt::BlockingQueuedConnection);
    }
    bool start()
    {
        bool started = false;
        run([&] {
            m_simulator = std::make_unique<SmhSimulator>();
            started = m_simulator->start();
            m_url = m_simulator->baseUrl().toString();
            m_library = m_simulator->libraryId();
            m_token = m_simulator->issueToken();
        });
        return started;
    }
    // Only on the simulator's thread (run()), or for what never changes.
    SmhSimulator &simulator() { return *m_simulator; }
    int taskQueryCount()
    {
        int count = 0;
        run([&] { count = m_simulator->taskQueryCount(); });
        return count;
    }
    // The program's options that point it at the simulator.
    QStringList connection() const
    {
        return {QStringLiteral("--endpoint"), m_url, QStringLiteral("--library"), m_library};
    }
    const QString &token() const { return m_token; }

private:
    QThread m_thread;
    QObject m_anchor;
    std::unique_ptr<SmhSimulator> m_simulator;
    QString m_url;
    QString m_library;
    QString m_token;
};

// Runs the event loop until `done` or the limit, looking every `step`: a
// spinning loop would be load of its own on the thread being measured.
// Returns whether it is done.
inline bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds limit,
    std::chrono::milliseconds step = std::chrono::milliseconds(5))
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(step);
    QTimer::singleShot(limit, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}
