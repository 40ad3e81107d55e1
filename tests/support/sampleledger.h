#pragma once

#include "tasks/task.h"

#include <QDateTime>
#include <QString>

class TaskStore;

// Ledger fixtures the model and widget tests share: an in-memory store with
// named connections, and answers as SMH gives them.
namespace SampleLedger {

// Opens `store` in memory. On failure the current test fails with the
// reason (the other tests of the binary still run) and false is returned.
bool openInMemory(TaskStore &store);

// Adds a connection to the default endpoint and returns its id; on failure
// the current test fails with the reason and 0 is returned.
qint64 addConnection(TaskStore &store, const QString &libraryId, const QString &name = {});

// Writes the ledger file `path` as an earlier session would have left it: a
// connection to "lib" with tasks 1 to `count`, all queued, noted `note`.
// Returns the connection's id; on failure the current test fails with the
// reason and 0 is returned.
qint64 writeFile(const QString &path, qsizetype count, const QString &note = {});

// A finished cleanup: converted from foo/bar/test.docx to foo/ba_1x1/test.pdf.
TaskResult result(const QString &srcInode, const QString &dstInode);

// One answer about a task; a 200 carries result(srcInode, dstInode).
TaskObservation observation(const TaskKey &key, TaskState state, int status, const QDateTime &at,
    const QString &srcInode = QStringLiteral("src-1"),
    const QString &dstInode = QStringLiteral("dst-1"));

} // namespace SampleLedger
