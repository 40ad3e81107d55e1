#include "tasks/connectionprofiles.h"

#include "smh/secretstore.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"

#include <QPointer>

void ConnectionProfiles::loadSecrets(
    Monitor *monitor, SecretStore *secrets, const QSet<qint64> &skip)
{
    const QList<Connection> connections = monitor->tasks().connections();
    for (const Connection &connection : connections) {
        if (skip.contains(connection.id))
            continue;
        QPointer<Monitor> guard(monitor);
        secrets->read(connection.id, [guard, connection](const QString &secret, const QString &) {
            // A missing secret leaves the connection asking for credentials,
            // which the status bar and the connection column show.
            if (guard && !secret.isEmpty())
                guard->setCredential(connection, secret);
        });
    }
}

QList<qint64> ConnectionProfiles::apply(Monitor *monitor, SecretStore *secrets,
    const QList<ConnectionEdit> &edits, QStringList *problems)
{
    QList<qint64> added;
    auto report = [problems](const QString &problem) {
        if (problems)
            *problems << problem;
    };
    auto storeSecret = [secrets](const Connection &connection, const QString &secret) {
        if (!secrets)
            return;
        const QString name = connection.label();
        secrets->write(connection.id, secret, [name](const QString &error) {
            // The secret is still in use for this session; only keeping it failed.
            if (!error.isEmpty())
                qWarning("%s",
                    qPrintable(tr("The secret of \"%1\" was not saved: %2").arg(name, error)));
        });
    };

    for (const ConnectionEdit &edit : edits) {
        switch (edit.kind) {
        case ConnectionEdit::Kind::Added: {
            Connection connection = edit.connection;
            const Expected<qint64> id = monitor->addConnection(connection);
            if (!id) {
                report(tr("The connection \"%1\" could not be saved: %2")
                           .arg(connection.settings.displayName(), id.error()));
                break;
            }
            connection.id = *id;
            added << connection.id;
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
                report(tr("The connection \"%1\" could not be saved: %2")
                           .arg(connection.settings.displayName(), updated.error()));
                break;
            }
            if (!edit.secret.isEmpty())
                storeSecret(connection, edit.secret);
            break;
        }
        case ConnectionEdit::Kind::Removed: {
            const qint64 id = edit.connection.id;
            if (const Expected<void> removed = monitor->removeConnection(id); !removed) {
                report(tr("The connection \"%1\" could not be removed: %2")
                           .arg(edit.connection.settings.displayName(), removed.error()));
                break;
            }
            if (secrets)
                secrets->remove(id);
            break;
        }
        }
    }
    return added;
}

void ConnectionProfiles::save(Monitor *monitor, SecretStore *secrets, const ConnectionEdit &added,
    std::function<void(const Expected<qint64> &)> done)
{
    Connection connection = added.connection;
    const Expected<qint64> id = monitor->addConnection(connection);
    if (!id) {
        done(unexpected(tr("The connection \"%1\" could not be saved: %2")
                            .arg(connection.label(), id.error())));
        return;
    }
    connection.id = *id;
    if (added.secret.isEmpty()) {
        done(*id);
        return;
    }
    QPointer<Monitor> guard(monitor);
    secrets->write(
        connection.id, added.secret, [guard, secrets, connection, done](const QString &error) {
            QString problem = error;
            if (problem.isEmpty() && secrets->backend() == SecretStore::Backend::SessionOnly) {
                const QString why = secrets->backendProblem();
                problem = why.isEmpty() ? tr("No keychain is available to keep the secret.") : why;
            }
            if (problem.isEmpty()) {
                done(connection.id);
                return;
            }
            if (guard)
                guard->removeConnection(connection.id);
            secrets->remove(connection.id);
            done(unexpected(
                tr("The profile \"%1\" was not saved: %2").arg(connection.label(), problem)));
        });
}

void ConnectionProfiles::forget(Monitor *monitor, SecretStore *secrets,
    const Connection &connection, std::function<void(const Expected<void> &)> done)
{
    if (const Expected<void> removed = monitor->removeConnection(connection.id); !removed) {
        done(unexpected(tr("The connection \"%1\" could not be removed: %2")
                            .arg(connection.label(), removed.error())));
        return;
    }
    secrets->remove(connection.id, [done, name = connection.label()](const QString &error) {
        // The profile is gone either way; a secret left behind is worth a word.
        if (error.isEmpty())
            done({});
        else
            done(unexpected(tr("The profile \"%1\" was removed, but its secret could not be "
                               "deleted: %2")
                                .arg(name, error)));
    });
}
