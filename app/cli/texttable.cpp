#include "cli/texttable.h"

#include "smh/redact.h"

#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The wide and fullwidth blocks of Unicode's East Asian Width property: CJK,
// Hangul, kana, fullwidth forms. Enough for the names SMH libraries hold.
bool isWide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E)
        || (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x20000 && c <= 0x3FFFD);
}

} // namespace

namespace TextTable {

QString cell(const QString &text)
{
    return Redact::visible(text); // the one place server text is made safe to show
}

qsizetype displayWidth(const QString &text)
{
    qsizetype width = 0;
    const QList<uint> codePoints = text.toUcs4();
    for (const uint c : codePoints) {
        const QChar::Category category = QChar::category(c);
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing)
            continue;
        width += isWide(c) ? 2 : 1;
    }
    return width;
}

QString render(const QStringList &headers, const QList<QStringList> &rows)
{
    QString out;
    QTextStream stream(&out);
    write(stream, headers, rows.size(), [&rows](qsizetype i) { return rows.at(i); });
    stream.flush();
    return out;
}

void write(QTextStream &out, const QStringList &headers, qsizetype rowCount,
    const std::function<QStringList(qsizetype)> &row)
{
    auto cleaned = [&row](qsizetype i) {
        QStringList cells = row(i);
        for (QString &value : cells)
            value = cell(value);
        return cells;
    };
    QList<qsizetype> widths(headers.size(), 0);
    auto measure = [&widths](const QStringList &line) {
        for (qsizetype i = 0; i < line.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(line.at(i)));
    };
    measure(headers);
    for (qsizetype i = 0; i < rowCount; ++i)
        measure(cleaned(i));
    auto writeLine = [&out, &widths](const QStringList &line) {
        for (qsizetype i = 0; i < line.size(); ++i) {
            out << line.at(i);
            if (i + 1 < line.size())
                out << QString(widths.value(i) - displayWidth(line.at(i)) + 2, u' ');
        }
        out << QChar(u'\n');
    };
    writeLine(headers);
    for (qsizetype i = 0; i < rowCount && out.status() == QTextStream::Ok; ++i)
        writeLine(cleaned(i));
}

} // namespace TextTable
