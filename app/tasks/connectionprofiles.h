#pragma once

#include "smh/expected.h"
#include "tasks/task.h"

#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QStringList>

#include <functional>

class Monitor;
class SecretStore;

// A change to the saved connections, as the connection dialog hands it back.
struct ConnectionEdit
{
    enum class Kind {
        Added,
        Changed,
        Removed,
    };

    Kind kind = Kind::Added;
    Connection connection; // id is 0 for Added
    QString secret; // token or library secret; empty: keep the stored one
};

// Carries connection changes out: settings into the ledger, secrets into the
// keychain (never anywhere else), both into the monitor so that polling
// picks them up at once. No widgets, so that it is tested on its own.
class ConnectionProfiles final
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfiles)

public:
    // Reads the secret of each saved connection (except `skip`) from the
    // keychain and hands it to the monitor as token or library secret.
    static void loadSecrets(Monitor *monitor, SecretStore *secrets, const QSet<qint64> &skip = {});

    // What apply() did: an edit that could not be carried out does not stop
    // the others, so there may be both.
    struct Applied
    {
        QList<qint64> added; // ids of added connections
        QList<Error> problems; // one per edit that could not be done
    };
    // Applies the edits in order.
    static Applied apply(
        Monitor *monitor, SecretStore *secrets, const QList<ConnectionEdit> &edits);

    // For the profile commands, where no window runs and nothing is polled:
    // saves a connection and keeps its secret where the window would, and
    // `done` hears its id, or why nothing was saved. A secret that cannot be
    // kept (no keychain and no private file, or one that refuses it) takes
    // its connection back out: a profile that needs a secret it lacks is of
    // no use to cron.
    static void save(Monitor *monitor, SecretStore *secrets, const ConnectionEdit &added,
        std::function<void(const Expected<qint64> &)> done);
    // Forgets a connection, its tasks and its secret; `done` runs once the
    // keychain has answered too.
    static void forget(Monitor *monitor, SecretStore *secrets, const Connection &connection,
        std::function<void(const Expected<void> &)> done);
};
