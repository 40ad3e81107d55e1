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

Run run(const QString &program, const QStringList &arguments, const Options &options)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s,
             u"QT_QPA_PLATFORM"_s, // headless needs no platform plugin at all
             u"SMH_ACCESS_TOKEN"_s, u"SMH_LIBRARY_SECRET"_s})
        env.remove(name);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    const QStringList keys = options.environment.keys();
    for (const QString &key : keys)
        env.insert(key, options.environment.value(key));
    process.setProcessEnvironment(env);
    if (const qint64 limit = options.fileSizeLimit; limit > 0) {
        // Runs in the child between fork and exec; both survive the exec.
        process.setChildProcessModifier([limit] {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit bytes {rlim_t(limit), rlim_t(limit)};
            ::setrlimit(RLIMIT_FSIZE, &bytes);
        });
    }
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {};
    if (!options.input.isEmpty())
        process.write(options.input);
    process.closeWriteChannel();
    if (!finished.wait(int(options.deadline.count()))) {
        process.kill();
        process.waitForFinished();
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

} // namespace CliProcess
