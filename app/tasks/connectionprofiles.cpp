#include "tasks/connectionprofiles.h"

#include "smh/secretstore.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"

#include <QPointer>

void ConnectionProfiles::useSecret(
    Monitor *monitor, const Connection &connection, const QString &secret)
{
    if (connection.authKind == AuthKind::LibrarySecret)
        monitor->setLibrarySecret(connection.id, secret);
    else
        monitor->setAccessToken(connection.id, secret);
}

void ConnectionProfiles::loadSecrets(
    Monitor *monitor, SecretStore *secrets, const QSet<qint64> &skip)
{
    const QList<Connection> connections = monitor->store()->connections();
    for (const Connection &connection : connections) {
        if (skip.contains(connection.id))
            continue;
        QPointer<Monitor> guard(monitor);
        secrets->read(connection.id, [guard, connection](const QString &secret, const QString &) {
            // A missing secret leaves the connection asking for credentials,
            // which the status bar and the connection column show.
            if (guard && !secret.isEmpty())
                useSecret(guard, connection, secret);
        });
    }
}

QList<qint64> ConnectionProfiles::apply(Monitor *monitor, SecretStore *secrets,
    const QList<ConnectionEdit> &edits, QStringList *problems)
{
    QList<qint64> added;
    TaskStore *store = monitor->store();
    auto report = [problems](const QString &problem) {
        if (problems)
            *problems << problem;
    };
    auto storeSecret = [secrets](const Connection &connection, const QString &secret) {
        if (!secrets)
            return;
        const QString name =
            connection.name.isEmpty() ? connection.settings.displayName() : connection.name;
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
            connection.id = monitor->addConnection(connection);
            if (connection.id == 0) {
                report(tr("The connection \"%1\" could not be saved: %2")
                           .arg(connection.settings.displayName(), store->lastError()));
                break;
            }
            added << connection.id;
            if (!edit.secret.isEmpty()) {
                storeSecret(connection, edit.secret);
                useSecret(monitor, connection, edit.secret);
            }
            break;
        }
        case ConnectionEdit::Kind::Changed: {
            const Connection &connection = edit.connection;
            if (const Expected<void> saved = monitor->updateConnection(connection); !saved) {
                report(tr("The connection \"%1\" could not be saved: %2")
                           .arg(connection.settings.displayName(), saved.error()));
                break;
            }
            if (!edit.secret.isEmpty()) {
                storeSecret(connection, edit.secret);
                useSecret(monitor, connection, edit.secret);
            }
            break;
        }
        case ConnectionEdit::Kind::Removed: {
            const qint64 id = edit.connection.id;
            QString error;
            if (!monitor->removeConnection(id, &error)) {
                report(tr("The connection \"%1\" could not be removed: %2")
                           .arg(edit.connection.settings.displayName(), error));
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
