#include "history/cleanupreport.h"

#include "smh/redact.h"
#include "tasks/exporter.h"
#include "tasks/taskstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString number(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QString();
}

// Sizes as SMH sends them: strings of bytes (JSON numbers lose precision
// past 2^53 in many readers).
QJsonValue bytesJson(const std::optional<qint64> &bytes)
{
    return bytes ? QJsonValue(QString::number(*bytes)) : QJsonValue(QJsonValue::Null);
}

// "window, alice@host, pid 42": the face is what comes before the first comma.
QString faceOf(const QString &origin)
{
    return origin.section(u',', 0, 0).trimmed();
}

void count(CleanupReport::Totals &totals, const CleanupRecord &record)
{
    ++totals.cleanups;
    ++totals.results[size_t(CleanupReport::resultOf(record))];
    if (record.deleteCount)
        totals.versionsDeleted += *record.deleteCount;
    if (const auto freed = record.freedBytes())
        totals.freedBytes += *freed;
}

QJsonObject totalsJson(const CleanupReport::Totals &totals)
{
    QJsonObject results;
    for (int i = 0; i < int(totals.results.size()); ++i)
        results.insert(
            CleanupReport::resultKey(CleanupReport::Result(i)), totals.results[size_t(i)]);
    QJsonObject object {{u"cleanups"_s, totals.cleanups}, {u"results"_s, results},
        {u"versionsDeleted"_s, double(totals.versionsDeleted)},
        {u"freedBytes"_s, QString::number(totals.freedBytes)}};
    if (!totals.library.libraryId.isEmpty()) {
        object.insert(u"library"_s, totals.library.libraryId);
        object.insert(u"endpoint"_s, Redact::text(totals.library.endpoint));
    }
    return object;
}

} // namespace

CleanupReport::CleanupReport(QList<CleanupRecord> records, QHash<qint64, QString> spaces)
    : m_records(std::move(records))
    , m_spaces(std::move(spaces))
{
    std::stable_sort(
        m_records.begin(), m_records.end(), [](const CleanupRecord &a, const CleanupRecord &b) {
            return a.startedAt != b.startedAt ? a.startedAt < b.startedAt : a.id < b.id;
        });
}

CleanupReport CleanupReport::fromLedger(
    const HistoryLedger &ledger, const QList<Connection> &connections, const QDateTime &since)
{
    QHash<qint64, QString> spaces;
    for (const Connection &connection : connections)
        spaces.insert(connection.id, connection.settings.spaceId);
    return CleanupReport(ledger.allCleanups(since), spaces);
}

CleanupReport::Result CleanupReport::resultOf(const CleanupRecord &record)
{
    switch (record.phase) {
    case CleanupRecord::Phase::Claimed:
        return Result::Running;
    case CleanupRecord::Phase::Sending:
    case CleanupRecord::Phase::Unknown:
        return Result::Unknown;
    case CleanupRecord::Phase::Refused:
    case CleanupRecord::Phase::Abandoned:
        return Result::NotCleared;
    case CleanupRecord::Phase::Accepted:
        break;
    }
    if (record.task.taskId == 0)
        return Result::Unknown; // accepted, but which task tracks it is not known
    if (record.isRunning())
        return Result::Running;
    const auto state = TaskStates::fromKey(record.outcome);
    return state && TaskStates::isSuccess(*state) ? Result::Succeeded : Result::Failed;
}

QString CleanupReport::resultKey(Result result)
{
    switch (result) {
    case Result::Succeeded:
        return u"succeeded"_s;
    case Result::Failed:
        return u"failed"_s;
    case Result::Unknown:
        return u"unknown"_s;
    case Result::NotCleared:
        return u"not_cleared"_s;
    case Result::Running:
        return u"running"_s;
    }
    return {};
}

QList<CleanupReport::Totals> CleanupReport::libraryTotals() const
{
    QList<Totals> list;
    QHash<LibraryKey, qsizetype> rows;
    for (const CleanupRecord &record : m_records) {
        auto it = rows.constFind(record.library);
        if (it == rows.cend()) {
            it = rows.insert(record.library, list.size());
            list.append(Totals {record.library, 0, {}, 0, 0});
        }
        count(list[*it], record);
    }
    std::sort(list.begin(), list.end(), [](const Totals &a, const Totals &b) {
        return std::tie(a.library.libraryId, a.library.endpoint)
            < std::tie(b.library.libraryId, b.library.endpoint);
    });
    return list;
}

CleanupReport::Totals CleanupReport::overall() const
{
    Totals totals;
    for (const CleanupRecord &record : m_records)
        count(totals, record);
    return totals;
}

QStringList CleanupReport::csvHeader()
{
    // Stable machine names: spreadsheets and scripts read these files.
    return {u"row"_s, u"library"_s, u"endpoint"_s, u"connection"_s, u"space"_s, u"started_at"_s,
        u"sent_at"_s, u"finished_at"_s, u"result"_s, u"phase"_s, u"outcome"_s, u"outcome_label"_s,
        u"task_id"_s, u"cleanups"_s, u"versions_deleted"_s, u"usage_before_bytes"_s,
        u"usage_after_bytes"_s, u"freed_bytes"_s, u"ran_from"_s, u"origin"_s, u"history_left_off"_s,
        u"detail"_s};
}

QStringList CleanupReport::csvRow(const CleanupRecord &r) const
{
    return {u"cleanup"_s, Redact::text(r.library.libraryId), Redact::text(r.library.endpoint),
        Redact::text(r.connectionName), Redact::text(m_spaces.value(r.connectionId)),
        Exporter::isoTime(r.startedAt), Exporter::isoTime(r.sentAt),
        Exporter::isoTime(r.finishedAt), resultKey(resultOf(r)), CleanupRecord::phaseKey(r.phase),
        r.outcome, r.outcomeLabel(),
        r.task.taskId != 0 ? QString::number(r.task.taskId) : QString(), u"1"_s,
        number(r.deleteCount), number(r.usageBefore), number(r.usageAfter), number(r.freedBytes()),
        Redact::text(faceOf(r.origin)), Redact::text(r.origin),
        r.leftHistoryOff() ? u"yes"_s : u"no"_s, Redact::text(r.detail)};
}

QStringList CleanupReport::csvTotals(const Totals &t, const QString &kind)
{
    QStringList row(csvHeader().size());
    row[0] = kind;
    row[1] = Redact::text(t.library.libraryId);
    row[2] = Redact::text(t.library.endpoint);
    // The result column counts them: "succeeded 3; unknown 1".
    QStringList results;
    for (int i = 0; i < int(t.results.size()); ++i) {
        if (t.results[size_t(i)] > 0)
            results << resultKey(Result(i)) + u' ' + QString::number(t.results[size_t(i)]);
    }
    row[8] = results.join(u"; "_s);
    row[13] = QString::number(t.cleanups);
    row[14] = QString::number(t.versionsDeleted);
    row[17] = QString::number(t.freedBytes);
    return row;
}

QByteArray CleanupReport::toCsv() const
{
    QString out;
    auto line = [&out](const QStringList &fields) {
        QStringList quoted;
        quoted.reserve(fields.size());
        for (const QString &field : fields)
            quoted << Exporter::csvField(field);
        out += quoted.join(u',') + u"\r\n"_s;
    };
    line(csvHeader());
    for (const CleanupRecord &record : m_records)
        line(csvRow(record));
    const QList<Totals> libraries = libraryTotals();
    for (const Totals &totals : libraries)
        line(csvTotals(totals, u"library_total"_s));
    line(csvTotals(overall(), u"overall_total"_s));
    // The BOM tells spreadsheets the file is UTF-8 (names, origins in any script).
    return QByteArray("\xEF\xBB\xBF") + out.toUtf8();
}

QByteArray CleanupReport::toJson(const QDateTime &generatedAt, const QDateTime &since) const
{
    QJsonArray cleanups;
    for (const CleanupRecord &r : m_records) {
        cleanups.append(QJsonObject {{u"library"_s, Redact::text(r.library.libraryId)},
            {u"endpoint"_s, Redact::text(r.library.endpoint)},
            {u"connection"_s, Redact::text(r.connectionName)},
            {u"space"_s, Redact::text(m_spaces.value(r.connectionId))},
            {u"startedAt"_s, Exporter::jsonTime(r.startedAt)},
            {u"sentAt"_s, Exporter::jsonTime(r.sentAt)},
            {u"finishedAt"_s, Exporter::jsonTime(r.finishedAt)},
            {u"result"_s, resultKey(resultOf(r))}, {u"phase"_s, CleanupRecord::phaseKey(r.phase)},
            {u"outcome"_s, r.outcome.isEmpty() ? QJsonValue() : QJsonValue(r.outcome)},
            {u"outcomeLabel"_s, r.outcomeLabel()},
            {u"taskId"_s, r.task.taskId != 0 ? QJsonValue(r.task.taskId) : QJsonValue()},
            {u"versionsDeleted"_s,
                r.deleteCount ? QJsonValue(double(*r.deleteCount)) : QJsonValue()},
            {u"usageBefore"_s, bytesJson(r.usageBefore)},
            {u"usageAfter"_s, bytesJson(r.usageAfter)}, {u"freed"_s, bytesJson(r.freedBytes())},
            {u"ranFrom"_s, Redact::text(faceOf(r.origin))}, {u"origin"_s, Redact::text(r.origin)},
            {u"historyLeftOff"_s, r.leftHistoryOff()}, {u"detail"_s, Redact::text(r.detail)}});
    }
    QJsonArray libraries;
    const QList<Totals> totals = libraryTotals();
    for (const Totals &library : totals)
        libraries.append(totalsJson(library));
    const QJsonObject document {{u"generator"_s, u"smh-task-monitor"_s},
        {u"generatedAt"_s, Exporter::isoTime(generatedAt)}, {u"since"_s, Exporter::jsonTime(since)},
        {u"cleanups"_s, cleanups},
        {u"totals"_s,
            QJsonObject {{u"libraries"_s, libraries}, {u"overall"_s, totalsJson(overall())}}}};
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}
