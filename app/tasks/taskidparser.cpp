#include "tasks/taskidparser.h"

#include <QFile>
#include <QSet>
#include <QStringDecoder>

#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype maxFileBytes = 64 * 1024 * 1024;
// Past this many bad tokens the rest is noise (a binary file, the wrong file).
constexpr qsizetype maxReportedProblems = 10;

bool isSeparator(QChar c)
{
    return c.isSpace() || c == u',' || c == u';';
}

// Calls `visit(token, line)` for each token between separators, with the
// 1-based line it stands on, without building a list: a large input costs no
// more than its own size.
template<typename Visit>
void forEachToken(QStringView text, Visit visit)
{
    qsizetype start = -1;
    qsizetype line = 1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool separator = i == text.size() || isSeparator(text.at(i));
        if (separator && start >= 0) {
            if (!visit(text.mid(start, i - start), line))
                return;
            start = -1;
        } else if (!separator && start < 0) {
            start = i;
        }
        if (i < text.size() && text.at(i) == u'\n')
            ++line;
    }
}

enum class IdCheck {
    Ok,
    NotAnId,
    TooLarge,
};

IdCheck parseId(QStringView text, qint64 *id)
{
    if (text.isEmpty())
        return IdCheck::NotAnId;
    for (QChar c : text) {
        if (!c.isDigit()) // refuse "+5", " 5" and the like
            return IdCheck::NotAnId;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0) // digits only: it does not fit in 64 bits
        return IdCheck::TooLarge;
    *id = value;
    return IdCheck::Ok;
}

// One token read: a single ID is a range of one. `count` never overflows:
// both ends are non-negative and the range was checked against its limit.
struct Span
{
    qint64 first = 0;
    qint64 count = 0;
};

// Rows copied from the task table (or a spreadsheet): every line that holds
// anything holds a tab. Its first cell is the task ID; the others (durations
// such as "1 min 0 s", dates, paths) are never read for numbers.
bool isTabTable(QStringView text)
{
    if (!text.contains(u'\t'))
        return false;
    for (QStringView line : text.tokenize(u'\n')) {
        if (!line.trimmed().isEmpty() && !line.contains(u'\t'))
            return false;
    }
    return true;
}

// The first cell of each row, each on the line it stood on.
QString firstCells(QStringView text)
{
    QString cells;
    cells.reserve(text.size() / 4);
    bool first = true;
    for (QStringView line : text.tokenize(u'\n')) {
        if (!first)
            cells += u'\n';
        first = false;
        const qsizetype tab = line.indexOf(u'\t');
        cells += (tab < 0 ? line : line.left(tab)).trimmed();
    }
    return cells;
}

} // namespace

TaskIdParser::Result TaskIdParser::parse(QStringView text)
{
    if (isTabTable(text))
        return parse(firstCells(text));
    Result result;
    // First pass: check every token and count the IDs, so that an input
    // asking for too many is refused before anything is expanded.
    QList<Span> spans;
    qint64 total = 0;
    qsizetype problems = 0;
    auto problem = [&](const QString &message) {
        if (++problems <= maxReportedProblems)
            result.invalid << message;
    };
    const bool manyLines = text.contains(u'\n');
    forEachToken(text, [&](QStringView token, qsizetype line) {
        const QString shown = token.left(64).toString();
        // Where a file or a long paste has it: "line 12: …".
        auto report = [&](const QString &message) {
            problem(manyLines ? tr("line %1: %2").arg(line).arg(message) : message);
        };
        const qsizetype dash = token.indexOf(u'-', 1);
        Span span;
        if (dash > 0) {
            qint64 last = 0;
            const IdCheck first = parseId(token.left(dash), &span.first);
            const IdCheck end = parseId(token.mid(dash + 1), &last);
            if (first == IdCheck::TooLarge || end == IdCheck::TooLarge) {
                report(tr("\"%1\": too large for a task ID (at most %2)")
                           .arg(shown)
                           .arg(std::numeric_limits<qint64>::max()));
                return true;
            }
            if (first != IdCheck::Ok || end != IdCheck::Ok) {
                report(tr("\"%1\" is not a range of task IDs").arg(shown));
                return true;
            }
            if (last < span.first) {
                report(tr("\"%1\": the range ends before it starts").arg(shown));
                return true;
            }
            if (last - span.first >= maxRangeSize) {
                report(tr("\"%1\": a range may hold at most %2 IDs").arg(shown).arg(maxRangeSize));
                return true;
            }
            span.count = last - span.first + 1;
        } else {
            switch (parseId(token, &span.first)) {
            case IdCheck::Ok:
                break;
            case IdCheck::TooLarge:
                report(tr("\"%1\": too large for a task ID (at most %2)")
                           .arg(shown)
                           .arg(std::numeric_limits<qint64>::max()));
                return true;
            case IdCheck::NotAnId:
                report(tr("\"%1\" is not a task ID (task IDs are whole numbers)").arg(shown));
                return true;
            }
            span.count = 1;
        }
        total += span.count;
        if (total > maxIdsPerInput)
            return false;
        spans.append(span);
        return true;
    });
    result.named = total;
    if (total > maxIdsPerInput) {
        result.invalid = {tooMany()};
        return result;
    }
    if (problems > maxReportedProblems)
        result.invalid << tr("… and %n more that are not task IDs", nullptr,
            int(std::min<qsizetype>(problems - maxReportedProblems, 1'000'000'000)));
    if (!result.invalid.isEmpty())
        return result;

    QSet<qint64> seen;
    seen.reserve(total);
    result.ids.reserve(total);
    for (const Span &span : std::as_const(spans)) {
        for (qint64 i = 0; i < span.count; ++i) {
            const qint64 id = span.first + i;
            if (seen.contains(id)) {
                ++result.duplicates;
                continue;
            }
            seen.insert(id);
            result.ids.append(id);
        }
    }
    return result;
}

void TaskIdParser::append(Result &into, const QList<qint64> &ids)
{
    into.named += ids.size();
    if (into.named > maxIdsPerInput) {
        into.ids.clear();
        into.duplicates = 0;
        into.invalid = {tooMany()};
        return;
    }
    if (!into.ok()) // the text's problems first; nothing is added until it is right
        return;
    QSet<qint64> seen(into.ids.cbegin(), into.ids.cend());
    into.ids.reserve(into.ids.size() + ids.size());
    for (qint64 id : ids) {
        if (seen.contains(id)) {
            ++into.duplicates;
            continue;
        }
        seen.insert(id);
        into.ids.append(id);
    }
}

QString TaskIdParser::tooMany()
{
    return tr("The input holds more than %1 task IDs; add them in smaller parts.")
        .arg(maxIdsPerInput);
}

QString TaskIdParser::withoutInvalid(QStringView text)
{
    if (isTabTable(text))
        return withoutInvalid(firstCells(text));
    // Each token is judged alone, as parse() does; the good ones are kept in
    // their order, one per line.
    QString kept;
    forEachToken(text, [&kept](QStringView token, qsizetype) {
        const Result alone = parse(token);
        if (alone.ok() && !alone.ids.isEmpty()) {
            if (!kept.isEmpty())
                kept += u'\n';
            kept += token;
        }
        return true;
    });
    return kept;
}

Expected<TaskIdParser::Result> TaskIdParser::parseFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return unexpected(Error::file(tr("Cannot read \"%1\": %2").arg(path, file.errorString())));
    if (file.size() > maxFileBytes)
        return unexpected(
            Error::input(tr("\"%1\" is too large to be a list of task IDs.").arg(path)));
    const QByteArray bytes = file.readAll();
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString content = decoder.decode(bytes);
    if (decoder.hasError() || bytes.contains('\0')) {
        // One sentence, not a line per byte of a binary file.
        return unexpected(Error::input(tr("\"%1\" is not a text file of task IDs.").arg(path)));
    }
    if (!path.endsWith(u".csv"_s, Qt::CaseInsensitive))
        return parse(content);
    // CSV: the task ID is the first cell; a first line whose first cell is
    // not an ID is a header.
    QString ids;
    const QStringList lines = content.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString cell = lines.at(i).section(u',', 0, 0).trimmed();
        if (cell.size() >= 2 && cell.startsWith(u'"') && cell.endsWith(u'"'))
            cell = cell.mid(1, cell.size() - 2).trimmed();
        // Every line keeps its place, so that a problem names the file's line.
        if (!cell.isEmpty() && (i > 0 || cell.front().isDigit()))
            ids += cell;
        ids += u'\n';
    }
    return parse(ids);
}
