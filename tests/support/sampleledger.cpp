#include "sampleledger.h"

#include "tasks/taskstore.h"

using namespace Qt::StringLiterals;

namespace SampleLedger {

void openInMemory(TaskStore &store)
{
    QString error;
    if (!store.open(u":memory:"_s, &error))
        qFatal("cannot open an in-memory ledger: %s", qPrintable(error));
}

qint64 addConnection(TaskStore &store, const QString &libraryId, const QString &name)
{
    Connection connection;
    connection.name = name;
    connection.settings.endpoint = QUrl(u"https://api.tencentsmh.cn"_s);
    connection.settings.libraryId = libraryId;
    return store.addConnection(connection);
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
