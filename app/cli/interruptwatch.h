#pragma once

#include <QObject>

class QSocketNotifier;

// Ctrl+C (SIGINT) and SIGTERM as a Qt signal, so that a command in the middle
// of something it must not drop (a cleanup campaign) can stop in good order.
// The handler only writes a byte to a pipe (all a signal handler may do);
// the event loop reads it. Each signal's handler is reset at its first
// delivery (SA_RESETHAND), so a second Ctrl+C stops the program at once:
// the user can always get their terminal back. One watch at a time.
class InterruptWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptWatch)

public:
    explicit InterruptWatch(QObject *parent = nullptr);
    ~InterruptWatch() override; // the default actions again

Q_SIGNALS:
    void interrupted(int signal);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};
