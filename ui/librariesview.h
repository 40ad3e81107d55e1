#pragma once

#include <QWidget>

class LibrariesModel;
class LibraryFilterModel;
class Monitor;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class StateStyle;

// The Libraries view: every connection's library side by side (file history,
// usage and its trend, the last cleanup, when the next clear is allowed),
// sortable and filterable like the task table. Libraries are read from SMH
// while the view is shown, in the background within each library's budget,
// and at once with Refresh (F5). Several selected libraries are cleaned up
// together with "Clean Up Selected Libraries…"; a double click (or Enter)
// opens History & Cleanup for one.
class LibrariesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibrariesView)

public:
    LibrariesView(Monitor *monitor, StateStyle *style, QWidget *parent = nullptr);

    LibrariesModel *model() const { return m_model; }
    // The selected rows' connections, in the order shown.
    QList<qint64> selectedConnections() const;
    // Reads the selected libraries now (every library when none is selected),
    // as far as each library's budget allows.
    void refresh();
    // Opens the guarded cleanup campaign for `connectionIds`.
    void openCleanupCampaign(const QList<qint64> &connectionIds);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildActions();
    void updateActions();
    void updateSummary();
    void openHistory();
    void fitColumns();
    void showColumnMenu(const QPoint &position);

    Monitor *m_monitor;
    LibrariesModel *m_model;
    LibraryFilterModel *m_filter;
    QLineEdit *m_filterEdit;
    QComboBox *m_show;
    QLabel *m_summary;
    QTableView *m_table;
    QPushButton *m_refreshButton;
    QPushButton *m_historyButton;
    QPushButton *m_cleanUpButton;
    QAction *m_refresh = nullptr;
    QAction *m_find = nullptr;
    QAction *m_cleanUp = nullptr;
    bool m_userSized = false; // a column was sized by hand: left as it is
    bool m_fitting = false;
};
