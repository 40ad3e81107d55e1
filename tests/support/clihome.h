#pragma once

#include "cliprocess.h"
#include "demo/smhsimulator.h"

#include <QTemporaryDir>
#include <QUrl>

// The opening of the headless commands' tests: a user's home of its own (a
// temporary folder, with input/ for the files handed to the program), an
// SMH simulator on 127.0.0.1, and the program run in that home as a server
// runs it (no session bus, so no keychain).
class CliHome final
{
    Q_DISABLE_COPY_MOVE(CliHome)

public:
    explicit CliHome(QString program);

    // Whether the folder was made and the simulator listens.
    bool isReady() const { return m_ready; }
    SmhSimulator &simulator() { return m_simulator; }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    // How the program runs here, with `extra` on top; `secrets` must never
    // show in what it prints.
    CliProcess::Options options(
        const QStringList &secrets = {}, const QProcessEnvironment &extra = {}) const;
    CliProcess::Run run(const QStringList &arguments, const QStringList &secrets = {},
        const QProcessEnvironment &extra = {}) const;

    // Writes `content` to `name` under the home; its path, empty when it
    // could not be written.
    QString writeFile(const QString &name, const QByteArray &content) const;
    // Saves a profile the way an operator does (`profile add`), its secret
    // read from a file under input/ and kept in the private file; `secret`
    // empty: none stored. A failure fails the test (and returns false).
    bool addProfile(const QString &name, const QUrl &endpoint, const QString &libraryId,
        const QString &secret, const QStringList &secrets = {}) const;

private:
    QString m_program;
    QTemporaryDir m_dir;
    SmhSimulator m_simulator;
    bool m_ready = false;
};
