#include "cliprocess.h"

#include <QProcess>
#include <QSignalSpy>

#include <csignal>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace CliProcess {

QString Run::text() const
{
    return QString::fromUtf8(out + "\n--- stderr:\n" + err);
}

QProcessEnvironment environment(const QProcessEnvironment &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s,
             u"QT_QPA_PLATFORM"_s, // headless needs no platform plugin at all
             u"SMH_ACCESS_TOKEN"_s, u"SMH_LIBRARY_SECRET"_s})
        env.remove(name);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    const QStringList keys = extra.keys();
    for (const QString &key : keys)
        env.insert(key, extra.value(key));
    return env;
}

std::unique_ptr<QProcess> start(
    const QString &program, const QStringList &arguments, const Options &options)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment(options.environment));
    if (const qint64 limit = options.fileSizeLimit; limit > 0) {
        // Runs in the child between fork and exec; both survive the exec.
        process->setChildProcessModifier([limit] {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit bytes {rlim_t(limit), rlim_t(limit)};
            ::setrlimit(RLIMIT_FSIZE, &bytes);
        });
    }
    process->start(program, arguments);
    if (!process->waitForStarted())
        return nullptr;
    if (!options.input.isEmpty())
        process->write(options.input);
    process->closeWriteChannel();
    return process;
}

Run finish(QProcess &process, const Options &options)
{
    if (process.state() != QProcess::NotRunning) {
        QSignalSpy finished(&process, &QProcess::finished);
        if (!finished.wait(int(options.deadline.count()))) {
            process.kill();
            process.waitForFinished();
        }
    }
    Run result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    for (const QString &secret : options.secrets) {
        if (!secret.isEmpty()
            && (result.out.contains(secret.toUtf8()) || result.err.contains(secret.toUtf8())))
            result.exitCode = -100;
    }
    return result;
}

Run run(const QString &program, const QStringList &arguments, const Options &options)
{
    const std::unique_ptr<QProcess> process = start(program, arguments, options);
    if (!process)
        return {};
    return finish(*process, options);
}

} // namespace CliProcess
