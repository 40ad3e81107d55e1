#pragma once

#include "smh/connectionsettings.h"
#include "smh/expected.h"
#include "tasks/task.h"
#include "ui/uisettings.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>

class FilterSidebar;
class LibrariesView;
class Monitor;
struct MonitorOptions;
class QActionGroup;
class QApplication;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTabWidget;
class QTimer;
class SecretStore;
class StateStyle;
class StatusPanel;
class StyledTaskModel;
class TaskDetailsPane;
class TaskFilterModel;
class TaskTableModel;
class TaskTableView;
class TrayNotifier;

// The monitor window: the live task table with its filters, the details of
// the current task, the status bar, menus and shortcuts. It wires the pieces
// together; each piece does its own job.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // `secrets` may be null (no keychain use, e.g. in tests).
    explicit MainWindow(
        Monitor *monitor, SecretStore *secrets = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    static QIcon applicationIcon();
    // The size of the client area on first start: the frame (title bar and
    // borders) counts against the screen, so the status bar stays on it.
    static QSize defaultClientSize(const QSize &available, const QMargins &frame);

    // Opens the add-tasks dialog, optionally filled with text or files.
    void addTasks(const QString &prefill = {}, const QStringList &files = {});
    // Saves task IDs a slice at a time (see TaskAdder), with progress in the
    // status bar. What cannot be saved comes back in the add-tasks dialog:
    // `text` as the user gave it when nothing was saved, else the IDs left.
    void addTaskIds(qint64 connectionId, const QList<qint64> &ids, const QString &text,
        const QString &note = {}, std::optional<bool> libraryLevel = std::nullopt);
    // Opens the connection dialog with `select` chosen, or with a new profile
    // filled from `prefill` (command line without credentials).
    void manageConnections(
        qint64 select = 0, const std::optional<ConnectionSettings> &prefill = std::nullopt);
    void removeSelectedTasks();
    void recheckSelectedTasks();
    Expected<void> exportVisibleRows(const QString &path);
    void selectConnectionByName(const QString &name);
    void setTheme(UiSettings::ThemeMode mode);
    void setConfirmRemoval(bool confirm) { m_confirmRemoval = confirm; }

Q_SIGNALS:
    // "Try the Demo" was clicked. When nothing is connected, the window
    // starts this program again with --demo itself.
    void demoRequested();

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // The constructor's steps, in this order (createActions() and the three
    // after it in the middle).
    void setUpTable();
    void setUpFilterEdit();
    void buildCentral();
    void connectNotices();
    void setTabOrders();
    void buildStatusBar();
    void connectSelection();
    void connectStatus();
    void connectTypeRequests();
    void startClock();

    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void restoreSettings();
    void fitFrameToScreen();
    void saveSettings();
    void pageChanged();
    void scheduleStatusUpdate();
    void updateStatus();
    void updateActions();
    void updateCounts();
    void updateShown();
    void exportDialog();
    void importDialog();
    void showConnectionMenu(qint64 connectionId, const QPoint &position);
    void showMessage(const QString &text);
    void editLedgerLocation();
    void restart();
    QWidget *createEmptyState();
    QWidget *createNoMatchState();
    void updateEmptyState();
    void clearFilters();
    void tryDemo();
    std::optional<TaskKey> detailsKey() const;
    void followSelection();
    void learnShownTypes();
    void keepSelectionInStep();
    void editNote();
    QString secretsSentence() const;
    void showShortcuts();
    QString connectionName(qint64 connectionId) const;
    void ledgerReachabilityChanged(bool reachable);
    bool ledgerLost() const { return m_ledgerLostAt.isValid(); }
    // While the ledger is lost: says why `what` cannot be done now and
    // returns true.
    bool refusedWhileLedgerLost(const QString &what);

    Monitor *m_monitor;
    QPointer<SecretStore> m_secrets;
    UiSettings m_settings;
    StateStyle *m_style;
    TaskTableModel *m_model;
    StyledTaskModel *m_styled;
    TaskFilterModel *m_filter;
    TaskTableView *m_view;
    TaskDetailsPane *m_details;
    FilterSidebar *m_sidebar;
    StatusPanel *m_status;
    TrayNotifier *m_notifier;
    QLineEdit *m_filterEdit;
    QLabel *m_shown;
    QTimer *m_clock;
    QTimer *m_statusTimer;
    QTimer *m_typesTimer; // debounces asking the types of the rows in view
    QMenu *m_trayMenu = nullptr;
    bool m_confirmRemoval = true;
    bool m_countsDirty = true;
    bool m_defaultDocks = false; // no saved layout: fit the docks when shown
    bool m_defaultColumns = false;
    QSize m_firstSize; // first start's size, its frame to be kept within the screen
    bool m_fitScheduled = false;
    TaskStates::Counts m_counts {};
    QDateTime m_ledgerLostAt; // invalid: the ledger answers

    QAction *m_addTasks = nullptr;
    QAction *m_import = nullptr;
    QAction *m_export = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_find = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_recheck = nullptr;
    QAction *m_editNote = nullptr;
    QAction *m_manageConnections = nullptr;
    QAction *m_pollNow = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_shortcuts = nullptr;
    QAction *m_about = nullptr;
    QAction *m_history = nullptr; // the history is read from the ledger, clears claimed in it
    QAction *m_clearSeveral = nullptr;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_emptyAddConnection = nullptr;
    QPushButton *m_emptyAddTasks = nullptr;
    QPushButton *m_emptyDemo = nullptr;
    QActionGroup *m_stateFilterGroup = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QActionGroup *m_notificationGroup = nullptr;
    QMenu *m_columnsMenu = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_sidebarDock = nullptr;
    QTabWidget *m_pages = nullptr; // the task table, the Libraries view
    LibrariesView *m_libraries = nullptr;
    std::optional<std::pair<bool, bool>> m_docksBeforeLibraries; // sidebar, details shown
};
