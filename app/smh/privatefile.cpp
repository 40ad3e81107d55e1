#include "smh/privatefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace {

constexpr QFileDevice::Permissions ownerBits =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Group and others lose every right; what the owner chose (a folder made
// read-only on purpose, say) stays as it is.
bool keepOwnerOnly(const QString &path)
{
    const QFileDevice::Permissions now = QFile::permissions(path);
    const QFileDevice::Permissions wanted = now & ownerBits;
    return (now
               & ~(ownerBits | QFileDevice::ReadUser | QFileDevice::WriteUser
                   | QFileDevice::ExeUser))
        == QFileDevice::Permissions()
        || QFile::setPermissions(path, wanted);
}

} // namespace

Expected<void> PrivateFile::makeFolder(const QString &folder)
{
    const QString shown = QDir::toNativeSeparators(folder);
    const bool existed = QFileInfo::exists(folder);
    if (!QDir().mkpath(folder))
        return unexpected(Error::file(tr("Cannot create the folder %1.").arg(shown)));
    const bool made = existed ? keepOwnerOnly(folder) : QFile::setPermissions(folder, ownerBits);
    if (!made)
        return unexpected(Error::file(tr("Cannot make the folder %1 private.").arg(shown)));
    return {};
}

Expected<void> PrivateFile::prepare(const QString &path)
{
    const Expected<void> folder = makeFolder(QFileInfo(path).absolutePath());
    if (!folder)
        return folder;
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (file.exists()) {
        if (!keepOwnerOnly(path))
            return unexpected(Error::file(tr("Cannot make %1 private.").arg(shown)));
        return {};
    }
    // Created empty and private before anything is written into it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        // Another process created it in the meantime (two launches at once):
        // then it is that one's file, made private as any existing one.
        if (file.exists()) {
            if (!keepOwnerOnly(path))
                return unexpected(Error::file(tr("Cannot make %1 private.").arg(shown)));
            return {};
        }
        return unexpected(Error::file(tr("Cannot create %1: %2").arg(shown, file.errorString())));
    }
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return unexpected(Error::file(tr("Cannot create %1: %2").arg(shown, file.errorString())));
    return {};
}
