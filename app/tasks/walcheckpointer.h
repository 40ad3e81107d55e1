#pragma once

#include <QString>

#include <memory>

class QThread;

// SQLite's WAL is copied back into the ledger file (a checkpoint) by the
// connection whose commit fills it past a thousand pages, and a checkpoint
// waits for the disk to sync: on the GUI thread, during a first start of
// 100,000 tasks, one took 160 ms. This does them on a thread of its own,
// with a connection of its own, every two seconds (a checkpoint with
// nothing new to copy is a read of the log's header); the writer then
// turns its own off (wal_autocheckpoint=0). A passive checkpoint never
// waits for the writer, nor the writer for it. Not more often: the writer
// syncs the log's header each time it starts the log over after a
// complete checkpoint (every half second: 45 such syncs in a first start).
class WalCheckpointer final
{
public:
    static constexpr int intervalMs = 2000;

    // Opens its connection to `path` before it returns; check isOpen().
    explicit WalCheckpointer(const QString &path);
    // Waits for a checkpoint in progress, then closes its connection.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Whether it could open the ledger: if not, the writer keeps its own
    // checkpoints.
    bool isOpen() const { return m_open; }
    // Checkpoints done that copied something, for tests.
    int checkpoints() const;

private:
    class Worker;
    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    bool m_open = false;
};
