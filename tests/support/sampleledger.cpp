#include "sampleledger.h"

#include "tasks/taskstore.h"

#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;

namespace SampleLedger {

bool openInMemory(TaskStore &store)
{
    const Expected<void> opened = store.open(u":memory:"_s);
    if (opened)
        return true;
    // A failed test with the reason, not an abort of the whole binary.
    QTest::qFail(qPrintable(u"cannot open an in-memory ledger: "_s + opened.error().message()),
        __FILE__, __LINE__);
    return false;
}

qint64 addConnection(TaskStore &store, const QString &libraryId, const QString &name)
{
    Connection connection;
    connection.name = name;
    connection.settings.endpoint = QUrl(u"https://api.tencentsmh.cn"_s);
    connection.settings.libraryId = libraryId;
    const Expected<qint64> id = store.addConnection(connection);
    if (!id) {
        QTest::qFail(
            qPrintable(u"cannot add a connection: "_s + id.error().message()), __FILE__, __LINE__);
        return 0;
    }
    return *id;
}

qint64 writeFile(const QString &path, qsizetype count, const QString &note)
{
    TaskStore store;
    if (const Expected<void> opened = store.open(path); !opened) {
        QTest::qFail(qPrintable(u"cannot write a ledger: "_s + opened.error().message()), __FILE__,
            __LINE__);
        return 0;
    }
    const qint64 connectionId = addConnection(store, u"lib"_s, u"Library"_s);
    if (connectionId == 0)
        return 0;
    QList<qint64> ids(count);
    std::iota(ids.begin(), ids.end(), 1);
    const Expected<QList<Task>> added =
        store.addTasks(connectionId, ids, note, QDateTime::currentDateTimeUtc());
    if (!added || added->size() != count) {
        QTest::qFail(
            qPrintable(u"cannot add tasks: "_s + (added ? QString() : added.error().message())),
            __FILE__, __LINE__);
        return 0;
    }
    return connectionId;
}

TaskResult result(const QString &srcInode, const QString &dstInode)
{
    return TaskResult {{u"foo"_s, u"bar"_s, u"test.docx"_s}, {u"foo"_s, u"ba_1x1"_s, u"test.pdf"_s},
        srcInode, dstInode};
}

TaskObservation observation(const TaskKey &key, TaskState state, int status, const QDateTime &at,
    const QString &srcInode, const QString &dstInode)
{
    TaskObservation o;
    o.key = key;
    o.state = state;
    o.status = status;
    o.polledAt = at;
    if (status == 200)
        o.result = result(srcInode, dstInode);
    return o;
}

} // namespace SampleLedger
