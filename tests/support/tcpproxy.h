#pragma once

#include <QtGlobal>

#include <atomic>
#include <memory>

class QThread;

// A TCP proxy on 127.0.0.1 in front of a server (the test PostgreSQL
// cluster): it forwards, or refuses (takes each connection and drops it at
// once, and cuts those it was forwarding), so that a test can make a real
// server unreachable and reachable again without stopping it. It runs on a
// thread of its own: the ledger's blocking calls on the test's thread must
// not stop it from answering them.
class TcpProxy final
{
public:
    enum class Mode {
        Forward,
        Refuse,
        // Takes each connection and never answers (a server that hangs, a
        // network that drops packets): the client waits for its deadline.
        Hold,
    };

    explicit TcpProxy(quint16 targetPort, Mode mode = Mode::Forward);
    ~TcpProxy();
    TcpProxy(const TcpProxy &) = delete;
    TcpProxy &operator=(const TcpProxy &) = delete;

    // The port it listens on (0: it could not listen).
    quint16 port() const { return m_port; }
    // Refuse and Hold also cut the connections under way.
    void setMode(Mode mode);
    // Connections refused so far.
    int refused() const { return m_state->refused; }
    // Connections forwarded so far.
    int forwarded() const { return m_state->forwarded; }

    struct State
    {
        std::atomic<Mode> mode {Mode::Forward};
        std::atomic_int refused {0};
        std::atomic_int forwarded {0};
    };

private:
    class Worker;
    std::shared_ptr<State> m_state;
    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    quint16 m_port = 0;
};
