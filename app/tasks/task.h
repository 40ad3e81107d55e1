#pragma once

#include "smh/connectionsettings.h"
#include "smh/taskreply.h"
#include "tasks/taskstate.h"

#include <QDateTime>
#include <QHashFunctions>
#include <QJsonObject>
#include <QString>

#include <optional>

// A task is identified by the connection it belongs to and SMH's task ID:
// the same ID on two libraries is two tasks.
struct TaskKey
{
    qint64 connectionId = 0;
    qint64 taskId = 0;

    friend bool operator==(const TaskKey &, const TaskKey &) = default;
    friend auto operator<=>(const TaskKey &, const TaskKey &) = default;
};

inline size_t qHash(const TaskKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.connectionId, key.taskId);
}

// One tracked task, as the ledger keeps it. Times are UTC.
struct Task
{
    TaskKey key;
    TaskState state = TaskState::Queued;
    int status = 0; // last status SMH sent; 0 before the first answer or when not found
    SharedResult result;
    QString note;
    QDateTime addedAt;
    QDateTime stateSince; // when `state` was entered
    QDateTime firstSeenAt; // first answer that said running (or final)
    QDateTime lastPolledAt;
    QDateTime finishedAt; // first time a final state was seen
    QString lastError; // last SMH error about this task, already redacted
    // Queried with /api/v1/task/{Library}/{Ids} (clear history), not the
    // spaced form. A connection can hold tasks of both scopes.
    bool libraryLevel = false;
    // From Query Task v2: batchDelete, convertFile, ... as SMH names it;
    // empty while unknown (not asked yet, or the server has no v2).
    QString taskType;
    // The v2 reply as returned (TypedTaskResult::fromStored reads it);
    // empty while unknown.
    QJsonObject typedResult;

    bool isFinal() const { return TaskStates::isFinal(state); }

    // How long it has run (until now, or until it finished), from the time it
    // was added: SMH reports no start time, so this is what we can know.
    qint64 runningSeconds(const QDateTime &now) const;
    // Whether that figure means anything: a task that had already ended at its
    // first answer (or was never found) ran for a time nobody can tell.
    bool durationKnown() const
    {
        return !isFinal()
            || (firstSeenAt.isValid() && finishedAt.isValid() && firstSeenAt < finishedAt);
    }
    // SMH answers for 30 days after a task ended; past that it is "not found".
    QDateTime queryableUntil() const;
    bool nearQueryWindowEnd(const QDateTime &now, qint64 marginSeconds = 3 * 24 * 3600) const;

    friend bool operator==(const Task &, const Task &) = default;
};

// A state change as recorded in the task's timeline. `from == to` is a
// re-check the operator asked for that found the state unchanged: it is
// history too, but nothing happened to the task.
struct TaskTransition
{
    TaskKey key;
    TaskState from = TaskState::Queued;
    TaskState to = TaskState::Queued;
    int status = 0;
    QDateTime at;

    bool isUnchangedRecheck() const { return from == to; }

    friend bool operator==(const TaskTransition &, const TaskTransition &) = default;
};

// What one poll said about one task, as handed from the scheduler to the store.
struct TaskObservation
{
    TaskKey key;
    TaskState state = TaskState::Queued;
    int status = 0;
    SharedResult result;
    QDateTime polledAt;
    bool recheck = false; // asked again about a final task
    // Why the answer could not be read (kept as the task's last error);
    // empty for an answer that was read.
    QString error = {};
};

enum class AuthKind {
    AccessToken, // a token the user gives; refused tokens pause the connection
    LibrarySecret, // the app mints and renews tokens from the secret
};

// A saved connection: where to ask and how to authenticate, but never the
// secret itself (that lives in the keychain, keyed by `id`).
struct Connection
{
    qint64 id = 0;
    QString name; // user's label; defaults to library/space
    ConnectionSettings settings;
    AuthKind authKind = AuthKind::AccessToken;

    // What people see: the user's label, else library/space.
    QString label() const { return name.isEmpty() ? settings.displayName() : name; }
    // How --profile and the window find a saved connection: by its label or
    // by its library/space.
    bool answersTo(const QString &nameOrLibrary) const
    {
        return name == nameOrLibrary || settings.displayName() == nameOrLibrary;
    }
    // The same place (ConnectionSettings::samePlace) asked the same way
    // (every setting and the credential kind), whatever the label: adding it
    // again finds the saved one instead of a twin.
    bool sameTarget(const Connection &other) const
    {
        return settings == other.settings && authKind == other.authKind;
    }

    friend bool operator==(const Connection &, const Connection &) = default;
};

Q_DECLARE_METATYPE(TaskKey)
Q_DECLARE_METATYPE(Task)
Q_DECLARE_METATYPE(TaskTransition)
