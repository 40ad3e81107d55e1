#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QTextStream;

// The plain-text table of the headless commands, made for terminals and for
// scripts that split on runs of spaces: one line per row whatever the server
// sent, and columns that line up with Chinese text too.
namespace TextTable {

// `text` on one line: control characters (tab, new line, escape…) and line
// separators become visible escapes such as \t, \n or \u001b.
QString cell(const QString &text);

// Columns the text takes in a terminal: East Asian wide characters take two,
// combining marks none.
qsizetype displayWidth(const QString &text);

// Rows padded to their columns' widths, two spaces apart; the last column is
// not padded. Every line ends with '\n'.
QString render(const QStringList &headers, const QList<QStringList> &rows);

// The same table written to `out` line by line, row `i` of `rowCount` read
// from `row(i)` twice (once for the widths, once to write it): a million
// rows never exist as text at once, only the line being written. Stops
// early once `out` fails (its status says so).
void write(QTextStream &out, const QStringList &headers, qsizetype rowCount,
    const std::function<QStringList(qsizetype)> &row);

} // namespace TextTable
