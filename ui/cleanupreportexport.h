#pragma once

#include "smh/expected.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

class Monitor;
class QWidget;
class UiSettings;

// File ▸ Export Cleanup Report…: every clear the ledger recorded, with
// totals, as CSV or JSON (CleanupReport), saved with QSaveFile.
class CleanupReportExport final
{
    Q_DECLARE_TR_FUNCTIONS(CleanupReportExport)

public:
    // Writes the report to `path` (JSON when it ends in .json, else CSV):
    // how many clears it lists, or why nothing was written.
    static Expected<int> save(Monitor &monitor, const QString &path);
    // Asks where, writes, and tells `message` (the status bar) or the user.
    static void ask(QWidget *parent, Monitor &monitor, UiSettings &settings,
        const std::function<void(const QString &)> &message);
};
