#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;
class UiSettings;

// Where a CSV-or-JSON export goes, asked the same way everywhere: the save
// dialog opens in the last export folder on "<stem>-yyyyMMdd-HHmm.csv", and a
// path that does not end as the chosen format says gets that format's suffix.
class ExportPath
{
    Q_DECLARE_TR_FUNCTIONS(ExportPath)

public:
    // Empty when the user cancels.
    static QString ask(
        QWidget *parent, const QString &title, const QString &stem, const UiSettings &settings);
};
