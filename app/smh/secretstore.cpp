#include "secretstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSecrets, "smh.secrets", QtWarningMsg)

namespace {

const QString keychainService = u"smh-task-monitor"_s;

// Errors that mean "there is no keychain here", as opposed to "this entry is
// missing" or "the user said no".
bool meansNoKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{ }

SecretStore::~SecretStore() = default;

QString SecretStore::keyFor(qint64 connectionId)
{
    return u"connection-%1"_s.arg(connectionId);
}

void SecretStore::fallBack(const QString &reason)
{
    if (m_backend == Backend::SessionOnly)
        return;
    m_backend = Backend::SessionOnly;
    // The reason comes from the keychain library and never holds the secret.
    m_backendProblem = tr("No keychain is available (%1): tokens and secrets are kept for this "
                          "session only and must be entered again after a restart.")
                           .arg(reason);
    qCWarning(lcSecrets).noquote() << m_backendProblem;
}

void SecretStore::write(qint64 connectionId, const QString &secret, WriteCallback done)
{
    m_session.insert(connectionId, secret);
    if (!m_keychainEnabled || m_backend == Backend::SessionOnly) {
        if (!m_keychainEnabled)
            m_backend = Backend::SessionOnly;
        if (done)
            done({});
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(keychainService, this);
    job->setAutoDelete(true);
    job->setKey(keyFor(connectionId));
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, done](QKeychain::Job *finished) {
        QString error;
        if (finished->error() != QKeychain::NoError) {
            if (meansNoKeychain(finished->error()))
                fallBack(finished->errorString());
            else
                error =
                    tr("The keychain refused to store the secret: %1").arg(finished->errorString());
        }
        if (done)
            done(error);
    });
    job->start();
}

void SecretStore::read(qint64 connectionId, ReadCallback done)
{
    const auto cached = m_session.constFind(connectionId);
    if (cached != m_session.cend() || !m_keychainEnabled || m_backend == Backend::SessionOnly) {
        const QString secret = cached != m_session.cend() ? *cached : QString();
        QMetaObject::invokeMethod(
            this, [done, secret] { done(secret, {}); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(keychainService, this);
    job->setAutoDelete(true);
    job->setKey(keyFor(connectionId));
    connect(
        job, &QKeychain::Job::finished, this, [this, done, connectionId](QKeychain::Job *finished) {
            auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
            if (read->error() == QKeychain::NoError) {
                m_session.insert(connectionId, read->textData());
                done(read->textData(), {});
                return;
            }
            if (read->error() == QKeychain::EntryNotFound) {
                done({}, {});
                return;
            }
            if (meansNoKeychain(read->error()))
                fallBack(read->errorString());
            done({}, tr("The keychain could not be read: %1").arg(read->errorString()));
        });
    job->start();
}

void SecretStore::remove(qint64 connectionId)
{
    m_session.remove(connectionId);
    if (!m_keychainEnabled || m_backend == Backend::SessionOnly)
        return;
    auto *job = new QKeychain::DeletePasswordJob(keychainService, this);
    job->setAutoDelete(true);
    job->setKey(keyFor(connectionId));
    job->start();
}
