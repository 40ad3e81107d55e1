#pragma once

#include "smh/expected.h"

#include <QCoreApplication>
#include <QString>

// The files the monitor keeps for one user (ledger, settings, secrets) name
// libraries, endpoints and paths: they are made readable by that user only,
// 0600 in a folder of 0700, whatever the umask.
class PrivateFile final
{
    Q_DECLARE_TR_FUNCTIONS(PrivateFile)

public:
    // Creates `folder` and its parents; the folder itself (not its parents,
    // which are shared, like ~/.config) becomes 0700.
    static Expected<void> makeFolder(const QString &folder);
    // Makes the file's folder private and the file 0600, creating it empty
    // when missing, so that whatever writes it later (SQLite, QSettings)
    // never has it readable by others.
    static Expected<void> prepare(const QString &path);
};
