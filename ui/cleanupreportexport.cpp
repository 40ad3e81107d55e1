#include "ui/cleanupreportexport.h"

#include "history/cleanupreport.h"
#include "history/historyservice.h"
#include "tasks/exporter.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "ui/uisettings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

using namespace Qt::StringLiterals;

Expected<int> CleanupReportExport::save(Monitor &monitor, const QString &path)
{
    const CleanupReport report = CleanupReport::fromLedger(
        *HistoryService::of(&monitor)->ledger(), monitor.tasks().connections());
    const QByteArray data = Exporter::formatForPath(path) == Exporter::Format::Json
        ? report.toJson(QDateTime::currentDateTimeUtc())
        : report.toCsv();
    if (const auto saved = Exporter::save(path, data); !saved)
        return unexpected(saved.error());
    return int(report.records().size());
}

void CleanupReportExport::ask(QWidget *parent, Monitor &monitor, UiSettings &settings,
    const std::function<void(const QString &)> &message)
{
    const QString csvFilter = tr("CSV (*.csv)");
    const QString jsonFilter = tr("JSON (*.json)");
    QString selected = csvFilter;
    const QString name =
        u"smh-cleanups-%1.csv"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s));
    QString path = QFileDialog::getSaveFileName(parent, tr("Export Cleanup Report"),
        QDir(settings.exportFolder()).filePath(name), csvFilter + u";;"_s + jsonFilter, &selected);
    if (path.isEmpty())
        return;
    if (selected == jsonFilter && !path.endsWith(u".json"_s, Qt::CaseInsensitive)) {
        if (path.endsWith(u".csv"_s, Qt::CaseInsensitive))
            path.chop(4);
        path += u".json"_s;
    }
    const Expected<int> saved = save(monitor, path);
    if (!saved) {
        QMessageBox::warning(parent, tr("Export Cleanup Report"), saved.error().message());
        return;
    }
    settings.setExportFolder(QFileInfo(path).absolutePath());
    message(tr("Saved a report of %n clear(s) to %1.", nullptr, *saved)
                .arg(QDir::toNativeSeparators(path)));
}
