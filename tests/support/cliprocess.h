#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

class QProcess;

// Runs the program as a script would, for the tests of the headless
// commands: no display, no credentials inherited from the caller, C.UTF-8,
// and the test's event loop turning while it waits (the simulator it talks
// to lives in the test's process).
namespace CliProcess {

struct Run
{
    int exitCode = -1; // -1: it crashed or was killed; -100: a secret showed
    QByteArray out;
    QByteArray err;

    // Both streams, for a failure message.
    QString text() const;
};

struct Options
{
    QProcessEnvironment environment; // added to the clean one
    QByteArray input; // written to stdin, which is then closed
    QStringList secrets; // tokens that must never show in either stream
    std::chrono::milliseconds deadline {60'000}; // then it is killed
    // Bytes any file the program writes may reach (RLIMIT_FSIZE, with
    // SIGXFSZ ignored): a disk that fills up under it. 0: no limit.
    qint64 fileSizeLimit = 0;
};

Run run(const QString &program, const QStringList &arguments, const Options &options = {});

// The same in two halves, for processes that run side by side or are
// killed: start() returns a started process (null if it did not start),
// finish() waits for it within the deadline and collects what it printed.
std::unique_ptr<QProcess> start(
    const QString &program, const QStringList &arguments, const Options &options = {});
Run finish(QProcess &process, const Options &options = {});

// The clean environment run() gives the program, with `extra` on top: for a
// test that starts a process of its own (a window that stays open).
QProcessEnvironment environment(const QProcessEnvironment &extra = {});

} // namespace CliProcess
