#include "ui/exportpath.h"

#include "ui/uisettings.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>

using namespace Qt::StringLiterals;

QString ExportPath::ask(
    QWidget *parent, const QString &title, const QString &stem, const UiSettings &settings)
{
    const QString csvFilter = tr("CSV (*.csv)");
    const QString jsonFilter = tr("JSON (*.json)");
    QString selected = csvFilter;
    const QString name =
        u"%1-%2.csv"_s.arg(stem, QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s));
    QString path = QFileDialog::getSaveFileName(parent, title,
        QDir(settings.exportFolder()).filePath(name), csvFilter + u";;"_s + jsonFilter, &selected);
    if (!path.isEmpty() && selected == jsonFilter
        && !path.endsWith(u".json"_s, Qt::CaseInsensitive)) {
        if (path.endsWith(u".csv"_s, Qt::CaseInsensitive))
            path.chop(4);
        path += u".json"_s;
    }
    return path;
}
