#pragma once

#include <QCoreApplication>
#include <QString>

class QJsonObject;

// Query Task v2's task types as people read them.
class TaskTypes
{
    Q_DECLARE_TR_FUNCTIONS(TaskTypes)

public:
    // "Batch delete" for batchDelete, ...; a type this version does not
    // know is shown as SMH named it; empty while unknown.
    static QString label(const QString &taskType);
    // What the typed result says in one line ("1,234 versions deleted",
    // "10 of 12 files uncompressed, 2 failed, into /out"); empty when it
    // says nothing the other fields do not.
    static QString outcome(const QJsonObject &typedResult);
};
