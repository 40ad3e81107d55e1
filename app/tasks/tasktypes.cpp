#include "tasks/tasktypes.h"

#include "smh/redact.h"
#include "smh/typedtaskresult.h"

#include <QLocale>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

QString TaskTypes::label(const QString &taskType)
{
    static const struct
    {
        QStringView type;
        const char *label;
    } known[] = {
        {u"batchDelete", QT_TR_NOOP("Batch delete")},
        {u"batchCopy", QT_TR_NOOP("Batch copy")},
        {u"batchMove", QT_TR_NOOP("Batch move")},
        {u"batchRestoreRecycle", QT_TR_NOOP("Restore from recycle bin")},
        {u"convertFile", QT_TR_NOOP("Convert file")},
        {u"calibrateDirectoryStats", QT_TR_NOOP("Recount directory")},
        {u"videoTranscode", QT_TR_NOOP("Transcode video")},
        {u"fileUncompress", QT_TR_NOOP("Uncompress file")},
        {u"clearLibraryHistory", QT_TR_NOOP("Clear history")},
    };
    for (const auto &entry : known) {
        if (entry.type == taskType)
            return tr(entry.label);
    }
    return Redact::visible(taskType); // the server's own text, shown as it is but safely
}

QString TaskTypes::outcome(const QJsonObject &typedResult)
{
    TypedTaskResult typed;
    typed.raw = typedResult;
    const QLocale locale;
    if (const std::optional<qint64> deleted = typed.deleteCount())
        // The plural form by the count (capped where tr() takes an int); the
        // number itself in full, by the locale.
        return tr("%1 version(s) deleted", nullptr,
            int(std::min<qint64>(*deleted, std::numeric_limits<int>::max())))
            .arg(locale.toString(*deleted));
    if (const std::optional<TypedTaskResult::Uncompress> files = typed.uncompress()) {
        QString counts =
            tr("%1 of %2 files uncompressed, %3 failed")
                .arg(locale.toString(files->successCount), locale.toString(files->fileCount),
                    locale.toString(files->failedCount));
        // Which files failed, as far as SMH named them: the first few, and
        // how many more.
        if (!files->failedPaths.isEmpty()) {
            const qsizetype named = std::min<qsizetype>(5, files->failedPaths.size());
            QString which = locale.createSeparatedList(files->failedPaths.mid(0, named));
            if (files->failedCount > named)
                which = tr("%1 and %Ln more", nullptr, int(files->failedCount - named)).arg(which);
            counts = tr("%1 (%2)").arg(counts, which);
        }
        return files->outputDir.isEmpty() ? counts
                                          : tr("%1, into %2").arg(counts, files->outputDir);
    }
    return {};
}
