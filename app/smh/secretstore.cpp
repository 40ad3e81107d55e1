#include "smh/secretstore.h"

#include "smh/privatefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QSaveFile>
#include <QStandardPaths>
#include <qt6keychain/keychain.h>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSecrets, "smh.secrets", QtWarningMsg)

namespace {

const QString keychainService = u"smh-task-monitor"_s;
const QString fileFormatKey = u"format"_s;
const QString fileSecretsKey = u"secrets"_s;
constexpr int fileFormat = 1;

// Errors that mean "there is no keychain here", as opposed to "this entry is
// missing" or "the user said no".
bool meansNoKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

} // namespace

SecretJob::SecretJob(SecretStore *store)
    : QObject(store)
{ }

void SecretJob::finishLater()
{
    QMetaObject::invokeMethod(this, &SecretJob::finishNow, Qt::QueuedConnection);
}

void SecretJob::finishNow()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
    deleteLater();
}

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{ }

SecretStore::~SecretStore() = default;

SecretKey SecretKey::connection(qint64 connectionId)
{
    // The file has always named a connection's entry by its bare id.
    return SecretKey(QString::number(connectionId), u"connection-%1"_s.arg(connectionId));
}

SecretKey SecretKey::ledger(const QString &location)
{
    const QString name = u"ledger-"_s + location;
    return SecretKey(name, name);
}

QString SecretStore::defaultPrivateFilePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir.isEmpty() ? QString() : dir + u"/secrets.json"_s;
}

SecretStore::Backend SecretStore::backend() const
{
    if (keychainUsable())
        return Backend::Keychain;
    return privateFileEnabled() ? Backend::PrivateFile : Backend::SessionOnly;
}

QString SecretStore::backendProblem() const
{
    switch (backend()) {
    case Backend::Keychain:
        return {};
    case Backend::PrivateFile: {
        // The file is there, but it may be refused: then that is the news.
        if (const Expected<QHash<QString, QString>> file = loadPrivateFile(); !file)
            return file.error().message();
        return tr("No keychain is available: tokens and secrets are kept in %1, which only your "
                  "user account can read.")
            .arg(QDir::toNativeSeparators(m_privateFilePath));
    }
    case Backend::SessionOnly:
        break;
    }
    if (!m_keychainUnreachable)
        return {};
    // The reason comes from the keychain library and never holds the secret;
    // "Unknown error" (no session bus, say) tells the user nothing.
    if (m_keychainProblem.isEmpty() || m_keychainProblem == u"Unknown error")
        return tr("No keychain is available: tokens and secrets are kept for this session only "
                  "and must be entered again after a restart.");
    return tr("No keychain is available (%1): tokens and secrets are kept for this session only "
              "and must be entered again after a restart.")
        .arg(m_keychainProblem);
}

void SecretStore::fallBack(const QString &reason)
{
    if (m_keychainUnreachable)
        return;
    m_keychainUnreachable = true;
    m_keychainProblem = reason;
    // Info, not a warning: the window shows it where secrets are typed, and a
    // script using --profile hears of it only if no credentials come of it.
    qCInfo(lcSecrets).noquote() << backendProblem();
}

bool SecretStore::privateFileEnabled() const
{
    return !m_privateFilePath.isEmpty() && QFileInfo::exists(m_privateFilePath);
}

Expected<QHash<QString, QString>> SecretStore::loadPrivateFile() const
{
    auto refuse = [](const QString &why) -> Expected<QHash<QString, QString>> {
        return unexpected(Error::keychain(why));
    };
    const QString shown = QDir::toNativeSeparators(m_privateFilePath);
    QHash<QString, QString> secrets;
    QFile file(m_privateFilePath);
    if (!file.exists())
        return secrets;
    // Refuse, like ssh does, a file that others could have read or planted:
    // its secrets may no longer be secret, and the user has to know.
    struct stat info = {};
    if (::stat(QFile::encodeName(m_privateFilePath).constData(), &info) != 0) {
        return refuse(tr("The secrets file %1 cannot be examined.").arg(shown));
    }
    if (info.st_uid != ::geteuid()) {
        return refuse(
            tr("The secrets file %1 belongs to another user; it is not used.").arg(shown));
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        return refuse(tr("The secrets file %1 can be read by other users; it is not used. Make "
                         "it private with \"chmod 600\".")
                          .arg(shown));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return refuse(tr("The secrets file %1 cannot be read: %2").arg(shown, file.errorString()));
    }
    if (file.size() > maxPrivateFileBytes) {
        return refuse(
            tr("The secrets file %1 is too large to be ours; it is not used.").arg(shown));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || root.value(fileFormatKey).toInt() != fileFormat
        || !root.value(fileSecretsKey).isObject()) {
        // Never quote the content: it is made of secrets.
        return refuse(tr("The secrets file %1 is damaged or from a newer version; it is not used "
                         "and not overwritten.")
                          .arg(shown));
    }
    const QJsonObject entries = root.value(fileSecretsKey).toObject();
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        if (it.value().isString())
            secrets.insert(it.key(), it.value().toString());
    }
    return secrets;
}

Expected<void> SecretStore::updatePrivateFile(
    const std::function<void(QHash<QString, QString> &)> &change)
{
    // Entries of connections this session never touched are kept: read first.
    Expected<QHash<QString, QString>> secrets = loadPrivateFile();
    if (!secrets)
        return unexpected(secrets.error());
    change(*secrets);

    QJsonObject entries;
    for (auto it = secrets->cbegin(); it != secrets->cend(); ++it)
        entries.insert(it.key(), it.value());
    const QJsonObject root {{fileFormatKey, fileFormat}, {fileSecretsKey, entries}};

    const QString shown = QDir::toNativeSeparators(m_privateFilePath);
    if (const Expected<void> folder =
            PrivateFile::makeFolder(QFileInfo(m_privateFilePath).absolutePath());
        !folder) {
        return unexpected(Error::keychain(
            tr("The secrets file %1 cannot be written: %2").arg(shown, folder.error().message())));
    }
    QSaveFile file(m_privateFilePath);
    // Private before the first byte is written, so no secret is ever on disk
    // with wider permissions, whatever the umask.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return unexpected(Error::keychain(
            tr("The secrets file %1 cannot be written: %2").arg(shown, file.errorString())));
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return unexpected(Error::keychain(
            tr("The secrets file %1 cannot be written: %2").arg(shown, file.errorString())));
    return {};
}

Expected<QString> SecretStore::readFromPrivateFile(const SecretKey &key)
{
    // No file (or none in this mode) reads as no entries.
    const Expected<QHash<QString, QString>> secrets = loadPrivateFile();
    if (!secrets)
        return unexpected(secrets.error());
    const QString secret = secrets->value(key.fileKey());
    if (!secret.isEmpty())
        m_session.insert(key.fileKey(), secret);
    return secret;
}

Expected<void> SecretStore::enablePrivateFile()
{
    if (m_privateFilePath.isEmpty())
        return unexpected(Error::keychain(tr("Secrets cannot be kept in a file in this mode.")));
    const QHash<QString, QString> known = m_session;
    return updatePrivateFile([&known](QHash<QString, QString> &secrets) {
        for (auto it = known.cbegin(); it != known.cend(); ++it)
            secrets.insert(it.key(), it.value());
    });
}

Expected<void> SecretStore::disablePrivateFile()
{
    if (!privateFileEnabled())
        return {};
    QFile file(m_privateFilePath);
    if (!file.remove())
        return unexpected(Error::keychain(
            tr("The secrets file %1 cannot be deleted: %2")
                .arg(QDir::toNativeSeparators(m_privateFilePath), file.errorString())));
    return {};
}

SecretJob *SecretStore::probe()
{
    auto *answer = new SecretJob(this);
    if (!keychainUsable()) {
        answer->finishLater();
        return answer;
    }
    auto *job = new QKeychain::ReadPasswordJob(keychainService, this);
    job->setAutoDelete(true);
    job->setKey(u"probe"_s);
    connect(job, &QKeychain::Job::finished, answer, [this, answer](QKeychain::Job *finished) {
        if (meansNoKeychain(finished->error()))
            fallBack(finished->errorString());
        answer->finishNow();
    });
    job->start();
    return answer;
}

SecretWriteJob *SecretStore::write(const SecretKey &key, const QString &secret)
{
    auto *answer = new SecretWriteJob(this);
    m_session.insert(key.fileKey(), secret);
    auto keepInFile = [this, key, secret, answer] {
        answer->m_result = privateFileEnabled()
            ? updatePrivateFile(
                [&](QHash<QString, QString> &secrets) { secrets.insert(key.fileKey(), secret); })
            : Expected<void>();
    };
    if (!keychainUsable()) {
        keepInFile();
        answer->finishLater();
        return answer;
    }
    auto *job = new QKeychain::WritePasswordJob(keychainService, this);
    job->setAutoDelete(true);
    job->setKey(key.keychainKey());
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, answer,
        [this, answer, keepInFile](QKeychain::Job *finished) {
            if (meansNoKeychain(finished->error())) {
                fallBack(finished->errorString());
                keepInFile();
            } else if (finished->error() != QKeychain::NoError) {
                answer->m_result =
                    unexpected(Error::keychain(tr("The keychain refused to store the secret: %1")
                                                   .arg(finished->errorString())));
            }
            answer->finishNow();
        });
    job->start();
    return answer;
}

SecretReadJob *SecretStore::read(const SecretKey &key)
{
    auto *answer = new SecretReadJob(this);
    const auto cached = m_session.constFind(key.fileKey());
    if (cached != m_session.cend() || !keychainUsable()) {
        answer->m_result = cached != m_session.cend() ? *cached : readFromPrivateFile(key);
        answer->finishLater();
        return answer;
    }
    auto *job = new QKeychain::ReadPasswordJob(keychainService, this);
    job->setAutoDelete(true);
    job->setKey(key.keychainKey());
    connect(job, &QKeychain::Job::finished, answer, [this, answer, key](QKeychain::Job *finished) {
        answer->m_result = readAnswer(key, *static_cast<QKeychain::ReadPasswordJob *>(finished));
        answer->finishNow();
    });
    job->start();
    return answer;
}

Expected<QString> SecretStore::readAnswer(
    const SecretKey &key, const QKeychain::ReadPasswordJob &read)
{
    if (read.error() == QKeychain::NoError) {
        m_session.insert(key.fileKey(), read.textData());
        return read.textData();
    }
    if (read.error() == QKeychain::EntryNotFound) {
        // Saved while there was no keychain, perhaps.
        return readFromPrivateFile(key);
    }
    if (meansNoKeychain(read.error())) {
        // Nothing was lost: without a keychain there is only the file,
        // and without the file the secret was never kept.
        fallBack(read.errorString());
        return readFromPrivateFile(key);
    }
    return unexpected(
        Error::keychain(tr("The keychain could not be read: %1").arg(read.errorString())));
}

SecretWriteJob *SecretStore::remove(const SecretKey &key)
{
    auto *answer = new SecretWriteJob(this);
    m_session.remove(key.fileKey());
    Expected<void> fromFile;
    if (privateFileEnabled()) {
        fromFile = updatePrivateFile(
            [&key](QHash<QString, QString> &secrets) { secrets.remove(key.fileKey()); });
    }
    answer->m_result = fromFile;
    // A failure of the file is logged when nobody listens for it; known only
    // once the caller has had the chance to connect.
    auto finish = [answer, fromFile] {
        if (!fromFile && !answer->isSignalConnected(QMetaMethod::fromSignal(&SecretJob::finished)))
            qCWarning(lcSecrets).noquote() << fromFile.error().message();
        answer->finishNow();
    };
    if (!keychainUsable()) {
        QMetaObject::invokeMethod(answer, finish, Qt::QueuedConnection);
        return answer;
    }
    auto *job = new QKeychain::DeletePasswordJob(keychainService, this);
    job->setAutoDelete(true);
    job->setKey(key.keychainKey());
    connect(job, &QKeychain::Job::finished, answer, [answer, finish](QKeychain::Job *finished) {
        // Nothing to delete, or no keychain at all, is not a failure.
        const QKeychain::Error error = finished->error();
        if (error != QKeychain::NoError && error != QKeychain::EntryNotFound
            && !meansNoKeychain(error))
            answer->m_result = unexpected(Error::keychain(
                tr("The keychain refused to delete the secret: %1").arg(finished->errorString())));
        finish();
    });
    job->start();
    return answer;
}
