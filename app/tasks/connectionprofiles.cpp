#include "tasks/connectionprofiles.h"

#include "smh/secretstore.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace {

// A connection's secret may be kept a moment after its row appears (a
// script's `profile add` writes the ledger, then the keychain): an empty
// answer is asked again a few times before the connection is left asking
// for credentials.
constexpr int secretRetries = 3;
constexpr int secretRetryMs = 2'000;

bool hasCredential(const Monitor &monitor, qint64 connectionId)
{
    const Monitor::Credential credential = monitor.credential(connectionId);
    return !credential.librarySecret.isEmpty() || !credential.accessToken.isEmpty();
}

void readSecret(Monitor *monitor, SecretStore *secrets, const Connection &connection, int retries)
{
    SecretReadJob *read = secrets->read(connection.id);
    QObject::connect(read, &SecretJob::finished, secrets, [=] {
        // Given here since (typed in the dialog): that one stands.
        if (!monitor->tasks().connection(connection.id) || hasCredential(*monitor, connection.id))
            return;
        if (const Expected<QString> secret = read->result(); secret && !secret->isEmpty())
            return monitor->setCredential(connection, *secret);
        // A missing secret leaves the connection asking for credentials,
        // which the status bar and the connection column show.
        if (retries > 0) {
            QTimer::singleShot(secretRetryMs, secrets,
                [=] { readSecret(monitor, secrets, connection, retries - 1); });
        }
    });
}

} // namespace

void ConnectionProfiles::loadSecrets(
    Monitor *monitor, SecretStore *secrets, const QSet<qint64> &skip)
{
    auto known = std::make_shared<QSet<qint64>>(skip);
    auto readNew = [monitor, secrets, known](int retries) {
        const QList<Connection> connections = monitor->tasks().connections();
        for (const Connection &connection : connections) {
            if (!known->contains(connection.id)) {
                known->insert(connection.id);
                readSecret(monitor, secrets, connection, retries);
            }
        }
    };
    readNew(0);
    // Every door writes the same ledger: a connection another program adds
    // (a script's `profile add`) is polled here too once its secret is found
    // where that program kept it. The secret store outlives nothing it reads for.
    QObject::connect(&monitor->tasks(), &TaskStore::connectionsChanged, secrets,
        [readNew] { readNew(secretRetries); });
}

ConnectionProfiles::Applied ConnectionProfiles::apply(
    Monitor *monitor, SecretStore *secrets, const QList<ConnectionEdit> &edits)
{
    Applied applied;
    // The failure said with the connection it concerns.
    auto report = [&applied](const Error &error, const QString &sentence) {
        applied.problems << error.withMessage(sentence);
    };
    auto storeSecret = [secrets](const Connection &connection, const QString &secret) {
        if (!secrets)
            return;
        const QString name = connection.label();
        SecretWriteJob *write = secrets->write(connection.id, secret);
        QObject::connect(write, &SecretJob::finished, write, [write, name] {
            // The secret is still in use for this session; only keeping it failed.
            if (const Expected<void> written = write->result(); !written)
                qWarning("%s",
                    qPrintable(tr("The secret of \"%1\" was not saved: %2")
                                   .arg(name, written.error().message())));
        });
    };

    for (const ConnectionEdit &edit : edits) {
        switch (edit.kind) {
        case ConnectionEdit::Kind::Added: {
            Connection connection = edit.connection;
            const Expected<qint64> id = monitor->addConnection(connection);
            if (!id) {
                report(id.error(),
                    tr("The connection \"%1\" could not be saved: %2")
                        .arg(connection.settings.displayName(), id.error().message()));
                break;
            }
            connection.id = *id;
            applied.added << connection.id;
            if (!edit.secret.isEmpty()) {
                storeSecret(connection, edit.secret);
                monitor->setCredential(connection, edit.secret);
            }
            break;
        }
        case ConnectionEdit::Kind::Changed: {
            const Connection &connection = edit.connection;
            const Expected<void> updated = monitor->updateConnection(connection, edit.secret);
            if (!updated) {
                report(updated.error(),
                    tr("The connection \"%1\" could not be saved: %2")
                        .arg(connection.settings.displayName(), updated.error().message()));
                break;
            }
            if (!edit.secret.isEmpty())
                storeSecret(connection, edit.secret);
            break;
        }
        case ConnectionEdit::Kind::Removed: {
            const qint64 id = edit.connection.id;
            if (const Expected<void> removed = monitor->removeConnection(id); !removed) {
                report(removed.error(),
                    tr("The connection \"%1\" could not be removed: %2")
                        .arg(edit.connection.settings.displayName(), removed.error().message()));
                break;
            }
            if (secrets)
                secrets->remove(id);
            break;
        }
        }
    }
    return applied;
}

void ConnectionProfiles::save(Monitor *monitor, SecretStore *secrets, const ConnectionEdit &added,
    std::function<void(const Expected<qint64> &)> done)
{
    Connection connection = added.connection;
    const Expected<qint64> id = monitor->addConnection(connection);
    if (!id) {
        done(
            unexpected(id.error().withMessage(tr("The connection \"%1\" could not be saved: %2")
                                                  .arg(connection.label(), id.error().message()))));
        return;
    }
    connection.id = *id;
    if (added.secret.isEmpty()) {
        done(*id);
        return;
    }
    QPointer<Monitor> guard(monitor);
    SecretWriteJob *write = secrets->write(connection.id, added.secret);
    // The job is the store's: while it runs, the store is there.
    QObject::connect(write, &SecretJob::finished, write, [guard, secrets, write, connection, done] {
        const Expected<void> written = write->result();
        std::optional<Error> problem;
        if (!written) {
            problem = written.error();
        } else if (secrets->backend() == SecretStore::Backend::SessionOnly) {
            const QString why = secrets->backendProblem();
            problem = Error::keychain(
                why.isEmpty() ? tr("No keychain is available to keep the secret.") : why);
        }
        if (!problem) {
            done(connection.id);
            return;
        }
        if (guard)
            guard->removeConnection(connection.id);
        secrets->remove(connection.id);
        done(unexpected(problem->withMessage(tr("The profile \"%1\" was not saved: %2")
                                                 .arg(connection.label(), problem->message()))));
    });
}

void ConnectionProfiles::forget(Monitor *monitor, SecretStore *secrets,
    const Connection &connection, std::function<void(const Expected<void> &)> done)
{
    if (const Expected<void> removed = monitor->removeConnection(connection.id); !removed) {
        done(unexpected(
            removed.error().withMessage(tr("The connection \"%1\" could not be removed: %2")
                                            .arg(connection.label(), removed.error().message()))));
        return;
    }
    SecretWriteJob *remove = secrets->remove(connection.id);
    QObject::connect(
        remove, &SecretJob::finished, remove, [remove, done, name = connection.label()] {
            // The profile is gone either way; a secret left behind is worth a word.
            if (const Expected<void> deleted = remove->result(); deleted)
                done({});
            else
                done(unexpected(deleted.error().withMessage(
                    tr("The profile \"%1\" was removed, but its secret could not be "
                       "deleted: %2")
                        .arg(name, deleted.error().message()))));
        });
}
