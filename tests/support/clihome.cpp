#include "clihome.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

CliHome::CliHome(QString program)
    : m_program(std::move(program))
{
    m_ready = m_dir.isValid() && QDir(m_dir.path()).mkpath(u"input"_s) && m_simulator.start();
}

CliProcess::Options CliHome::options(
    const QStringList &secrets, const QProcessEnvironment &extra) const
{
    CliProcess::Options options;
    options.environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
    options.environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    // A server: no session bus, so no keychain; secrets in the private file.
    options.environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/bus"_s);
    options.environment.insert(extra);
    options.secrets = secrets;
    return options;
}

CliProcess::Run CliHome::run(const QStringList &arguments, const QStringList &secrets,
    const QProcessEnvironment &extra) const
{
    return CliProcess::run(m_program, arguments, options(secrets, extra));
}

QString CliHome::writeFile(const QString &name, const QByteArray &content) const
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}

bool CliHome::addProfile(const QString &name, const QUrl &endpoint, const QString &libraryId,
    const QString &secret, const QStringList &secrets) const
{
    QStringList arguments {u"profile"_s, u"add"_s, name, u"--endpoint"_s, endpoint.toString(),
        u"--library"_s, libraryId};
    if (!secret.isEmpty()) {
        const QString file = writeFile(u"input/"_s + name, secret.toUtf8());
        if (file.isEmpty()) {
            QTest::qFail("cannot write the secret's file", __FILE__, __LINE__);
            return false;
        }
        arguments << u"--secret-file"_s << file << u"--store-secret-in-file"_s;
    }
    const CliProcess::Run r = run(arguments, secrets);
    if (r.exitCode == 0)
        return true;
    QTest::qFail(qPrintable(u"profile add failed: "_s + r.text()), __FILE__, __LINE__);
    return false;
}
