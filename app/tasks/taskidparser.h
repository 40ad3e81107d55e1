#pragma once

#include "smh/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

// Reads task IDs as people paste them: separated by commas, spaces, tabs,
// semicolons or new lines, with ranges such as 100-120. Everything that is
// not an ID is reported, so nothing is added until the input is right.
class TaskIdParser
{
    Q_DECLARE_TR_FUNCTIONS(TaskIdParser)

public:
    // A range larger than this is almost certainly a typo (100-1000000).
    static constexpr qint64 maxRangeSize = 100'000;
    // One input (a paste, a file, the command line) may name at most this
    // many IDs; checked before any range is expanded.
    static constexpr qint64 maxIdsPerInput = 1'000'000;

    struct Result
    {
        QList<qint64> ids; // unique, in first-seen order
        QStringList invalid; // each bad token with the reason, for the user
        qsizetype duplicates = 0; // IDs given more than once (merged)
        // The IDs named, repeats and ranges' members counted: what
        // maxIdsPerInput is checked against (past it, counting stopped).
        qint64 named = 0;

        bool ok() const { return invalid.isEmpty(); }
    };

    static Result parse(QStringView text);
    // Adds IDs read before (a file's, already parsed) to `into` as if its
    // text had named them at its end: the per-input limit counts them with
    // the rest, and IDs named twice are merged.
    static void append(Result &into, const QList<qint64> &ids);
    // The text with every token that is not an ID or a range left out (the
    // add-tasks dialog's "Drop Invalid Entries"); the rest one per line.
    static QString withoutInvalid(QStringView text);

    // A text file is read like pasted text; a .csv file by its first column,
    // skipping a header row. A file that cannot be read, or is no text, is
    // an error; the IDs it holds that are not IDs are in the Result.
    static Expected<Result> parseFile(const QString &path);

private:
    static QString tooMany();
};
