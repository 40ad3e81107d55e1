#include "ui/cleanupreportexport.h"

#include "history/cleanupreport.h"
#include "history/historyservice.h"
#include "tasks/exporter.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "ui/exportpath.h"
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
    const QString path =
        ExportPath::ask(parent, tr("Export Cleanup Report"), u"smh-cleanups"_s, settings);
    if (path.isEmpty())
        return;
    const Expected<int> saved = save(monitor, path);
    if (!saved) {
        QMessageBox::warning(parent, tr("Export Cleanup Report"), saved.error().message());
        return;
    }
    settings.setExportFolder(QFileInfo(path).absolutePath());
    message(tr("Saved a report of %n clear(s) to %1.", nullptr, *saved)
                .arg(QDir::toNativeSeparators(path)));
}
