#pragma once

#include "history/clearjob.h"
#include "history/historyapi.h"
#include "history/historyledger.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class CleanupListModel;
class Monitor;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTimer;
class UsageChartModel;
class UsageChart;

// "History & cleanup" for one connection: the library's file-history settings
// (read, edited within SMH's ranges, applied), its storage over time with
// cleanups marked, the guarded "Clear historical versions…" and the record of
// past cleanups. Usage is sampled while the view is open.
class HistoryView final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryView)

public:
    HistoryView(Monitor *monitor, qint64 connectionId, QWidget *parent = nullptr);
    ~HistoryView() override;

    // Shows the parent's view (one per window), switched to `connectionId`;
    // 0: keep its connection (or take the first).
    static HistoryView *open(Monitor *monitor, qint64 connectionId, QWidget *parent);

    void setConnection(qint64 connectionId);
    qint64 connectionId() const { return m_connectionId; }

private:
    QWidget *buildSettings();
    QWidget *buildStorage();
    QWidget *buildCleanups();
    // Sized from the screen it opens on, never beyond it.
    void fitScreen();
    void setSettingsEditable(bool editable);
    // An error as the operator reads it: the library named, not a URL.
    QString describe(const SmhError &error) const;
    QString named(QString text) const;
    void reloadConnections();
    void readSettings();
    void showSettings(const HistorySettings &settings);
    void applySettings();
    HistoryChange editedChange() const;
    void refreshUsage();
    void showLatestUsage();
    void clearHistory();
    void updateClearButton();
    void onClearFinished(const LibraryKey &library, const ClearResult &result);
    void updateHistoryOffBanner();
    void restoreHistory();
    void setStatus(QLabel *label, const QString &text, bool error);

    Monitor *m_monitor;
    qint64 m_connectionId = 0;
    LibraryKey m_library;
    std::optional<HistorySettings> m_current;
    QComboBox *m_connections;
    QCheckBox *m_enabled;
    QSpinBox *m_count;
    QSpinBox *m_expireDays;
    QSpinBox *m_mergeInterval;
    QPushButton *m_apply;
    QLabel *m_settingsStatus;
    QLabel *m_usage;
    QLabel *m_usageStatus;
    UsageChartModel *m_chartModel;
    UsageChart *m_chart;
    CleanupListModel *m_cleanupModel;
    QTableView *m_cleanups;
    QPushButton *m_clear;
    QLabel *m_clearStatus;
    QLabel *m_historyOff;
    QPushButton *m_restoreHistory;
    qint64 m_leftOffRecord = 0; // the cleanup whose history is still off
    QTimer *m_countdown;
    QTabWidget *m_tabs;
    QString m_restoreSeen; // the newest cleanup's restore outcome, as last shown
    // Bumped when the connection changes: late replies for the old one are dropped.
    int m_generation = 0;
};
