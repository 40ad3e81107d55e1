#include "tasks/taskidparser.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype maxFileBytes = 64 * 1024 * 1024;

bool parseId(QStringView text, qint64 *id)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0)
        return false;
    for (QChar c : text) {
        if (!c.isDigit()) // refuse "+5", " 5" and the like
            return false;
    }
    *id = value;
    return true;
}

} // namespace

TaskIdParser::Result TaskIdParser::parse(QStringView text)
{
    Result result;
    QSet<qint64> seen;
    auto add = [&](qint64 id) {
        if (seen.contains(id)) {
            ++result.duplicates;
            return;
        }
        seen.insert(id);
        result.ids.append(id);
    };

    static const QRegularExpression separators(u"[\\s,;]+"_s);
    const QString owned = text.toString();
    const QStringList tokens = owned.split(separators, Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        const qsizetype dash = token.indexOf(u'-', 1);
        qint64 first = 0;
        qint64 last = 0;
        if (dash > 0) {
            if (!parseId(QStringView(token).left(dash), &first)
                || !parseId(QStringView(token).mid(dash + 1), &last)) {
                result.invalid << tr("\"%1\" is not a range of task IDs").arg(token.left(64));
                continue;
            }
            if (last < first) {
                result.invalid << tr("\"%1\": the range ends before it starts").arg(token);
                continue;
            }
            if (last - first + 1 > maxRangeSize) {
                result.invalid
                    << tr("\"%1\": a range may hold at most %2 IDs").arg(token).arg(maxRangeSize);
                continue;
            }
            for (qint64 id = first; id <= last; ++id)
                add(id);
            continue;
        }
        if (!parseId(token, &first)) {
            result.invalid
                << tr("\"%1\" is not a task ID (task IDs are whole numbers)").arg(token.left(64));
            continue;
        }
        add(first);
    }
    return result;
}

TaskIdParser::Result TaskIdParser::parseFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot read \"%1\": %2").arg(path, file.errorString());
        return {};
    }
    if (file.size() > maxFileBytes) {
        if (error)
            *error = tr("\"%1\" is too large to be a list of task IDs.").arg(path);
        return {};
    }
    const QString content = QString::fromUtf8(file.readAll());
    if (!path.endsWith(u".csv"_s, Qt::CaseInsensitive)) {
        if (error)
            error->clear();
        return parse(content);
    }
    // CSV: the task ID is the first cell; a first line whose first cell is
    // not an ID is a header.
    QString ids;
    const QStringList lines = content.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString cell = lines.at(i).section(u',', 0, 0).trimmed();
        if (cell.size() >= 2 && cell.startsWith(u'"') && cell.endsWith(u'"'))
            cell = cell.mid(1, cell.size() - 2).trimmed();
        if (cell.isEmpty())
            continue;
        if (i == 0 && !cell.front().isDigit())
            continue;
        ids += cell + u'\n';
    }
    if (error)
        error->clear();
    return parse(ids);
}
