#pragma once

#include "smh/expected.h"
#include "tasks/task.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonValue>
#include <QList>
#include <QString>

// Turns tasks into CSV (RFC 4180) or JSON and writes them atomically with
// QSaveFile: the target is replaced only once everything was written, so a
// failed export never leaves half a file or destroys the previous one.
// No widgets here, so that it is tested without a display.
class Exporter final
{
    Q_DECLARE_TR_FUNCTIONS(Exporter)

public:
    enum class Format {
        Csv,
        Json,
    };

    struct Row
    {
        Task task;
        QString connectionName;
    };

    // The clock written into the JSON header; replaceable in tests.
    static QByteArray toCsv(const QList<Row> &rows);
    static QByteArray toJson(const QList<Row> &rows, const QDateTime &exportedAt);

    // Csv unless the name ends in .json.
    static Format formatForPath(const QString &path);

    // Writes and commits; on failure says why (Error::Kind::File) and leaves
    // any existing file at `path` as it was.
    static Expected<void> write(const QString &path, Format format, const QList<Row> &rows);

    // Writes `data` to `path` with QSaveFile: all of it, or nothing and the
    // previous file as it was. Shared by every export (tasks, cleanup report).
    static Expected<void> save(const QString &path, const QByteArray &data);

    // One CSV field: quoted when it holds a comma, quote, line break or edge
    // space; a text that a spreadsheet would run as a formula is defused.
    static QString csvField(const QString &value);
    static QStringList csvHeader();

    // A time as every export writes it: ISO 8601 in UTC; empty (CSV) or
    // null (JSON) when there is none.
    static QString isoTime(const QDateTime &when);
    static QJsonValue jsonTime(const QDateTime &when);
};
