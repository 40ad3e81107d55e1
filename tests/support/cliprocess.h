#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>

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

} // namespace CliProcess
