#include "ui/mainwindow.h"

#include "history/historyservice.h"
#include "smh/redact.h"
#include "smh/secretstore.h"
#include "smh/tokenprovider.h"
#include "smhresources.h"
#include "tasks/connectionhealth.h"
#include "tasks/connectionprofiles.h"
#include "tasks/exporter.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskadder.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/addtasksdialog.h"
#include "ui/campaigndialog.h"
#include "ui/cleanupreportexport.h"
#include "ui/connectiondialog.h"
#include "ui/exportpath.h"
#include "ui/filtersidebar.h"
#include "ui/historyview.h"
#include "ui/ledgerdialog.h"
#include "ui/librariesview.h"
#include "ui/quitguard.h"
#include "ui/statestyle.h"
#include "ui/statuspanel.h"
#include "ui/styledtaskmodel.h"
#include "ui/taskdetailspane.h"
#include "ui/taskfiltermodel.h"
#include "ui/tasktableview.h"
#include "ui/theme.h"
#include "ui/traynotifier.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <tuple>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Bumped when docks or toolbars change so that an old layout is not applied.
constexpr int windowStateVersion = 1;

// Icons from the desktop's theme; without one the toolbar shows text only,
// which reads better than a mix of a few fallback icons and plain words.
QIcon themeIcon(const QString &name)
{
    return QIcon::fromTheme(name);
}

} // namespace

QIcon MainWindow::applicationIcon()
{
    return SmhResources::applicationIcon();
}

MainWindow::MainWindow(Monitor *monitor, SecretStore *secrets, QWidget *parent)
    : QMainWindow(parent)
    , m_monitor(monitor)
    , m_secrets(secrets)
    , m_style(new StateStyle(this))
    , m_model(new TaskTableModel(&monitor->tasks(), this))
    , m_styled(new StyledTaskModel(m_style, this))
    , m_filter(new TaskFilterModel(this))
    , m_view(new TaskTableView(this))
    , m_details(new TaskDetailsPane(&monitor->tasks(), m_style, this))
    , m_sidebar(new FilterSidebar(m_style, this))
    , m_status(new StatusPanel(m_style, this))
    , m_notifier(new TrayNotifier(&monitor->notifications(), m_style, this))
    , m_filterEdit(new QLineEdit(this))
    , m_shown(new QLabel(this))
    , m_clock(new QTimer(this))
    , m_statusTimer(new QTimer(this))
    , m_typesTimer(new QTimer(this))
{
    setObjectName(u"MainWindow"_s);
    m_style->setObjectName(u"stateStyle"_s);
    m_details->setObjectName(u"detailsPane"_s);
    m_sidebar->setObjectName(u"filterSidebar"_s);
    m_status->setObjectName(u"statusPanel"_s);
    m_shown->setObjectName(u"shownCount"_s);
    setWindowIcon(applicationIcon());
    if (monitor->isDemoMode())
        setWindowTitle(tr("Demo: embedded SMH simulator"));
    setAcceptDrops(true);

    setUpTable();
    setUpFilterEdit();
    buildCentral();
    connectNotices();
    createActions();
    createDocks();
    createMenus();
    createToolBar();

    setTabOrders();
    buildStatusBar();
    connectSelection();
    connectStatus();
    connectTypeRequests();
    startClock();
    restoreSettings();
    updateStatus();
    updateCounts();
    updateActions();
    // Start with a task in the details pane rather than an empty one.
    if (m_filter->rowCount() > 0 && !m_view->currentIndex().isValid())
        m_view->selectionModel()->setCurrentIndex(
            m_filter->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void MainWindow::setUpTable()
{
    m_model->setNoteWriter([monitor = m_monitor](const TaskKey &key, const QString &note) {
        return monitor->setNote(key, note).hasValue();
    });
    m_styled->setSourceModel(m_model);
    m_filter->setSourceModel(m_styled);
    m_view->setModel(m_filter);
    m_view->setObjectName(u"taskTable"_s);
    m_view->setEmptyStates(createEmptyState(), createNoMatchState());
}

void MainWindow::setUpFilterEdit()
{
    m_filterEdit->setObjectName(u"filterEdit"_s);
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setPlaceholderText(
        tr("Filter: ID, path, inode, note… (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &TaskFilterModel::setFilterText);
    // Escape empties the filter; pressed again, it goes back to the table.
    auto *clearFilter = new QAction(m_filterEdit);
    clearFilter->setShortcut(QKeySequence(Qt::Key_Escape));
    clearFilter->setShortcutContext(Qt::WidgetShortcut);
    connect(clearFilter, &QAction::triggered, this, [this] {
        if (m_filterEdit->text().isEmpty())
            m_view->setFocus(Qt::ShortcutFocusReason);
        else
            m_filterEdit->clear();
    });
    m_filterEdit->addAction(clearFilter);
}

void MainWindow::buildCentral()
{
    // The filter sits right above what it filters, always visible whatever
    // the window's width (a toolbar would fold it away when narrow).
    auto *central = new QWidget(this);
    auto *filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(0, 0, 0, 0);
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_shown);
    m_shown->setForegroundRole(QPalette::PlaceholderText);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 4, 0, 0);
    centralLayout->setSpacing(4);
    centralLayout->addLayout(filterRow);
    centralLayout->addWidget(m_view, 1);
    // The Libraries view is the task table's neighbour (View > Libraries).
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(u"mainPages"_s);
    m_pages->setDocumentMode(true);
    // Pages change with View > Tasks / Libraries (Ctrl+T, Ctrl+L): Tab keeps
    // walking the panes of the page shown.
    m_pages->tabBar()->setFocusPolicy(Qt::NoFocus);
    m_pages->addTab(central, tr("Tasks"));
    m_libraries = new LibrariesView(m_monitor, m_style, m_pages);
    m_pages->addTab(m_libraries, tr("Libraries"));
    connect(m_pages, &QTabWidget::currentChanged, this, &MainWindow::pageChanged);
    setCentralWidget(m_pages);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &MainWindow::updateShown);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateShown);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateShown);
}

void MainWindow::connectNotices()
{
    m_details->setScheduler(&m_monitor->polling());
    m_details->setHistoryLedger(HistoryService::of(m_monitor)->ledger());
    m_notifier->setApplicationIcon(windowIcon());
    m_notifier->setMode(m_settings.notificationMode());
    connect(m_notifier, &TrayNotifier::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(
        m_notifier, &TrayNotifier::notified, this, [this](const QString &title, const QString &) {
            if (!m_notifier->canShowMessages())
                showMessage(title);
        });
    connect(m_details, &TaskDetailsPane::copied, this,
        [this](const QString &what) { showMessage(tr("Copied %1.").arg(what)); });
    connect(m_view, &TaskTableView::copied, this,
        [this](int rows) { showMessage(tr("%n row(s) copied.", nullptr, rows)); });
}

void MainWindow::setTabOrders()
{
    // Tab walks the panes in reading order; arrows move within each.
    setTabOrder(m_filterEdit, m_sidebar->findChild<QWidget *>(u"stateList"_s));
    setTabOrder(m_sidebar->findChild<QWidget *>(u"stateList"_s),
        m_sidebar->findChild<QWidget *>(u"connectionList"_s));
    setTabOrder(m_sidebar->findChild<QWidget *>(u"connectionList"_s), m_view);
    setTabOrder(m_view, m_details);
}

void MainWindow::buildStatusBar()
{
    if (m_monitor->isDemoMode()) {
        auto *demo = new QLabel(tr("Demo mode: embedded SMH simulator"), this);
        demo->setToolTip(
            tr("Tasks come from a simulator on 127.0.0.1; nothing is sent to Tencent Cloud."));
        demo->setContentsMargins(6, 0, 6, 0);
        QFont bold = demo->font();
        bold.setBold(true);
        demo->setFont(bold);
        statusBar()->addPermanentWidget(demo);
    }
    // Messages are shown by the panel itself (showMessage()): beside it they
    // would be squeezed to nothing, over it they would hide the counts.
    statusBar()->addPermanentWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(true);
}

void MainWindow::connectSelection()
{
    // The details, the highlighted row and the actions speak of one task.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &MainWindow::followSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MainWindow::followSelection);
    for (auto signal : {&QAbstractItemModel::rowsRemoved, &QAbstractItemModel::rowsInserted})
        connect(m_filter, signal, this, &MainWindow::keepSelectionInStep);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::keepSelectionInStep);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::keepSelectionInStep);
    connect(
        m_sidebar, &FilterSidebar::stateFilterChanged, this, [this](const QSet<TaskState> &states) {
            m_filter->setStateFilter(states);
            const int preset = int(FilterSidebar::presets().indexOf(states));
            const QList<QAction *> actions = m_stateFilterGroup->actions();
            if (preset >= 0 && preset < actions.size())
                actions.at(preset)->setChecked(true);
        });
    connect(m_sidebar, &FilterSidebar::connectionFilterChanged, m_filter,
        &TaskFilterModel::setConnectionFilter);
    connect(
        m_sidebar, &FilterSidebar::connectionMenuRequested, this, &MainWindow::showConnectionMenu);
    connect(m_filter, &TaskFilterModel::countsChanged, this, &MainWindow::updateCounts);
}

void MainWindow::connectStatus()
{
    // Status: coalesce the many small signals into one refresh per turn.
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(0);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    const PollScheduler *scheduler = &m_monitor->polling();
    connect(scheduler, &PollScheduler::connectionStatusChanged, this,
        &MainWindow::scheduleStatusUpdate);
    connect(scheduler, &PollScheduler::cycleFinished, this, &MainWindow::scheduleStatusUpdate);
    const TaskStore *store = &m_monitor->tasks();
    connect(store, &TaskStore::tasksAdded, this, &MainWindow::scheduleStatusUpdate);
    connect(store, &TaskStore::tasksChanged, this, &MainWindow::scheduleStatusUpdate);
    connect(store, &TaskStore::tasksRemoved, this, &MainWindow::scheduleStatusUpdate);
    connect(store, &TaskStore::connectionsChanged, this, &MainWindow::scheduleStatusUpdate);
    connect(store, &TaskStore::connectionsChanged, this, &MainWindow::updateEmptyState);
    connect(store, &TaskStore::reachabilityChanged, this, &MainWindow::ledgerReachabilityChanged);
}

// A team ledger lost mid-run: polls go on and their answers wait in memory;
// what would change the ledger itself waits until it answers again.
void MainWindow::ledgerReachabilityChanged(bool reachable)
{
    m_ledgerLostAt = reachable ? QDateTime() : QDateTime::currentDateTimeUtc();
    updateActions();
    updateStatus();
}

bool MainWindow::refusedWhileLedgerLost(const QString &what)
{
    if (!ledgerLost())
        return false;
    QMessageBox::information(this, what,
        StatusPanel::ledgerLostText(m_ledgerLostAt, m_monitor->tasks().waitingWrites()) + u"\n\n"_s
            + tr("This waits until the ledger answers again."));
    return true;
}

void MainWindow::connectTypeRequests()
{
    // The rows in view count as shown: their types are asked for once the
    // table rests (not on every scroll step), a bounded number at a time.
    m_typesTimer->setSingleShot(true);
    m_typesTimer->setInterval(400ms);
    connect(m_typesTimer, &QTimer::timeout, this, &MainWindow::learnShownTypes);
    auto restTypes = [this] { m_typesTimer->start(); };
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, restTypes);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, restTypes);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, restTypes);
    connect(m_filter, &QAbstractItemModel::modelReset, this, restTypes);
}

void MainWindow::startClock()
{
    // Durations and "next poll in" move with the clock.
    connect(m_clock, &QTimer::timeout, this, [this] {
        m_view->repaintColumn(TaskTableModel::DurationColumn);
        m_details->tick();
        updateStatus();
    });
    m_clock->start(1s);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_addTasks = new QAction(themeIcon(u"list-add"_s), tr("&Add Tasks…"), this);
    m_addTasks->setObjectName(u"addTasksAction"_s);
    m_addTasks->setShortcut(QKeySequence::New);
    m_addTasks->setToolTip(tr("Watch more task IDs (%1)")
                               .arg(m_addTasks->shortcut().toString(QKeySequence::NativeText)));
    connect(m_addTasks, &QAction::triggered, this, [this] { addTasks(); });

    m_import = new QAction(themeIcon(u"document-open"_s), tr("&Import IDs from File…"), this);
    m_import->setObjectName(u"importAction"_s);
    m_import->setShortcut(QKeySequence::Open);
    connect(m_import, &QAction::triggered, this, &MainWindow::importDialog);

    m_export = new QAction(themeIcon(u"document-save-as"_s), tr("&Export Visible Rows…"), this);
    m_export->setObjectName(u"exportAction"_s);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setToolTip(tr("Save the rows shown as CSV or JSON"));
    connect(m_export, &QAction::triggered, this, &MainWindow::exportDialog);

    m_quit = new QAction(themeIcon(u"application-exit"_s), tr("&Quit"), this);
    m_quit->setObjectName(u"quitAction"_s);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    // Copy, Remove and Edit Note act on the table only: in the filter box
    // Ctrl+C and Delete keep their usual meaning.
    m_copy = new QAction(themeIcon(u"edit-copy"_s), tr("&Copy Rows"), this);
    m_copy->setObjectName(u"copyAction"_s);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copy, &QAction::triggered, m_view, &TaskTableView::copySelectedRows);

    m_remove = new QAction(themeIcon(u"list-remove"_s), tr("&Remove…"), this);
    m_remove->setObjectName(u"removeAction"_s);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove->setToolTip(tr("Stop watching the selected tasks (Delete)"));
    connect(m_remove, &QAction::triggered, this, &MainWindow::removeSelectedTasks);

    m_editNote = new QAction(tr("Edit &Note"), this);
    m_editNote->setObjectName(u"editNoteAction"_s);
    m_editNote->setShortcut(QKeySequence(Qt::Key_F2));
    m_editNote->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_editNote, &QAction::triggered, this, &MainWindow::editNote);

    m_recheck = new QAction(themeIcon(u"view-refresh"_s), tr("Re-&check"), this);
    m_recheck->setObjectName(u"recheckAction"_s);
    m_recheck->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_recheck->setToolTip(tr("Ask SMH again about the selected finished tasks (%1)")
                              .arg(m_recheck->shortcut().toString(QKeySequence::NativeText)));
    connect(m_recheck, &QAction::triggered, this, &MainWindow::recheckSelectedTasks);

    m_find = new QAction(themeIcon(u"edit-find"_s), tr("&Find…"), this);
    m_find->setObjectName(u"findAction"_s);
    m_find->setShortcut(QKeySequence::Find);
    connect(m_find, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });

    m_manageConnections =
        new QAction(themeIcon(u"network-server"_s), tr("&Manage Connections…"), this);
    m_manageConnections->setObjectName(u"manageConnectionsAction"_s);
    connect(m_manageConnections, &QAction::triggered, this, [this] { manageConnections(); });

    m_pollNow = new QAction(themeIcon(u"view-refresh"_s), tr("&Poll Now"), this);
    m_pollNow->setObjectName(u"pollNowAction"_s);
    m_pollNow->setShortcut(QKeySequence(Qt::Key_F5));
    m_pollNow->setToolTip(tr("Ask SMH about every unfinished task now (F5)"));
    connect(m_pollNow, &QAction::triggered, this, [this] {
        m_monitor->pollNow();
        showMessage(tr("Polling now…"));
    });

    m_pause = new QAction(themeIcon(u"media-playback-pause"_s), tr("P&ause Polling"), this);
    m_pause->setObjectName(u"pauseAction"_s);
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_pause, &QAction::triggered, this, [this](bool paused) {
        m_monitor->setAllPaused(paused);
        showMessage(paused ? tr("Polling paused.") : tr("Polling resumed."));
    });

    m_shortcuts = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcuts->setObjectName(u"shortcutsAction"_s);
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);

    m_about = new QAction(tr("&About SMH Task Monitor"), this);
    m_about->setObjectName(u"aboutAction"_s);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About SMH Task Monitor"),
            tr("<h3>SMH Task Monitor %1</h3>"
               "<p>Watches Tencent Cloud Smart Media Hosting asynchronous tasks: polls their "
               "status, keeps a ledger of every change and tells you when they finish.</p>")
                    .arg(QCoreApplication::applicationVersion().toHtmlEscaped())
                + u"<p>"_s + secretsSentence().toHtmlEscaped() + u"</p>"_s);
    });

    m_view->addAction(m_copy);
    m_view->addAction(m_remove);
    m_view->addAction(m_editNote);
    m_view->setRowActions({m_copy, nullptr, m_recheck, m_pollNow, m_editNote, nullptr, m_remove});
}

void MainWindow::createDocks()
{
    m_sidebarDock = new QDockWidget(tr("Filters"), this);
    m_sidebarDock->setObjectName(u"filtersDock"_s);
    m_sidebarDock->setWidget(m_sidebar);
    m_sidebarDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_sidebarDock->toggleViewAction()->setText(tr("&Filters Sidebar"));
    addDockWidget(Qt::LeftDockWidgetArea, m_sidebarDock);

    m_detailsDock = new QDockWidget(tr("Details"), this);
    m_detailsDock->setObjectName(u"detailsDock"_s);
    m_detailsDock->setWidget(m_details);
    m_detailsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
        | QDockWidget::DockWidgetFloatable);
    m_detailsDock->toggleViewAction()->setText(tr("&Details Pane"));
    m_detailsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_addTasks);
    file->addAction(m_import);
    file->addSeparator();
    file->addAction(m_export);
    file->addAction(tr("Export &Cleanup Report…"), this,
            [this] {
                CleanupReportExport::ask(this, *m_monitor, m_settings,
                    [this](const QString &text) { showMessage(text); });
            })
        ->setObjectName(u"exportCleanupReportAction"_s);
    file->addSeparator();
    file->addAction(tr("&Ledger Location…"), this, &MainWindow::editLedgerLocation)
        ->setObjectName(u"ledgerLocationAction"_s);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_copy);
    edit->addAction(m_find);
    edit->addSeparator();
    edit->addAction(m_editNote);
    edit->addAction(m_recheck);
    edit->addAction(m_remove);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Tasks"), QKeySequence(Qt::CTRL | Qt::Key_T), this,
            [this] { m_pages->setCurrentIndex(0); })
        ->setObjectName(u"showTasksAction"_s);
    view->addAction(tr("&Libraries"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
            [this] { m_pages->setCurrentWidget(m_libraries); })
        ->setObjectName(u"showLibrariesAction"_s);
    view->addSeparator();
    m_columnsMenu = view->addMenu(tr("&Columns"));
    connect(m_columnsMenu, &QMenu::aboutToShow, this,
        [this] { m_view->populateColumnMenu(m_columnsMenu); });
    view->addAction(m_detailsDock->toggleViewAction());
    view->addAction(m_sidebarDock->toggleViewAction());
    QMenu *states = view->addMenu(tr("&State Filter"));
    m_stateFilterGroup = new QActionGroup(this);
    const QList<QSet<TaskState>> presets = FilterSidebar::presets();
    for (qsizetype i = 0; i < presets.size(); ++i) {
        QAction *action = states->addAction(FilterSidebar::presetLabel(presets.at(i)));
        action->setCheckable(true);
        action->setActionGroup(m_stateFilterGroup);
        if (i < 10)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + (i + 1) % 10)));
        const QSet<TaskState> preset = presets.at(i);
        connect(action, &QAction::triggered, this,
            [this, preset] { m_sidebar->setStateFilter(preset); });
        if (i == 2)
            states->addSeparator();
    }
    m_stateFilterGroup->actions().constFirst()->setChecked(true);
    view->addSeparator();

    QMenu *theme = view->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    const std::pair<UiSettings::ThemeMode, QString> themes[] = {
        {UiSettings::ThemeMode::System, tr("&System")},
        {UiSettings::ThemeMode::Light, tr("&Light")},
        {UiSettings::ThemeMode::Dark, tr("&Dark")},
    };
    for (const auto &[mode, label] : themes) {
        QAction *action = theme->addAction(label);
        action->setCheckable(true);
        action->setActionGroup(m_themeGroup);
        action->setData(int(mode));
        const UiSettings::ThemeMode chosen = mode;
        connect(action, &QAction::triggered, this, [this, chosen] { setTheme(chosen); });
    }

    QMenu *notifications = view->addMenu(tr("&Notifications"));
    m_notificationGroup = new QActionGroup(this);
    const std::pair<UiSettings::NotificationMode, QString> modes[] = {
        {UiSettings::NotificationMode::All, tr("When Tasks &Finish")},
        {UiSettings::NotificationMode::FailuresOnly, tr("Only When Tasks &Fail")},
        {UiSettings::NotificationMode::Off, tr("&Off")},
    };
    for (const auto &[mode, label] : modes) {
        QAction *action = notifications->addAction(label);
        action->setCheckable(true);
        action->setActionGroup(m_notificationGroup);
        action->setChecked(mode == m_notifier->mode());
        const UiSettings::NotificationMode chosen = mode;
        connect(action, &QAction::triggered, this, [this, chosen] {
            m_notifier->setMode(chosen);
            m_settings.setNotificationMode(chosen);
        });
    }

    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    connection->addAction(m_manageConnections);
    connection->addSeparator();
    connection->addAction(m_pollNow);
    connection->addAction(m_pause);
    connection->addSeparator();
    m_history = connection->addAction(tr("&History && Cleanup…"), this,
        [this] { HistoryView::open(m_monitor, m_sidebar->connectionFilter(), this); });
    m_history->setObjectName(u"historyAction"_s);
    m_clearSeveral = connection->addAction(tr("Clear &Several Libraries…"), this,
        [this] { CampaignDialog::openLatest(m_monitor, this); });
    m_clearSeveral->setObjectName(u"clearSeveralAction"_s);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcuts);
    help->addSeparator();
    help->addAction(m_about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    m_trayMenu = new QMenu(this);
    QAction *show = m_trayMenu->addAction(tr("&Show Window"));
    connect(show, &QAction::triggered, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    m_trayMenu->addAction(m_pollNow);
    m_trayMenu->addAction(m_pause);
    m_trayMenu->addSeparator();
    m_trayMenu->addAction(m_quit);
    m_notifier->setMenu(m_trayMenu);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_addTasks);
    bar->addAction(m_remove);
    bar->addAction(m_recheck);
    bar->addSeparator();
    bar->addAction(m_pollNow);
    bar->addAction(m_pause);
    bar->addSeparator();
    bar->addAction(m_export);
}

void MainWindow::restoreSettings()
{
    if (!restoreGeometry(m_settings.windowGeometry())) {
        // The window manager's frame is not known before the window is shown:
        // a guess now, corrected by fitFrameToScreen() once it is.
        const int titleBar =
            std::max(style()->pixelMetric(QStyle::PM_TitleBarHeight, nullptr, this),
                fontMetrics().height() * 2);
        m_firstSize =
            defaultClientSize(screen()->availableGeometry().size(), QMargins(4, titleBar, 4, 4));
        resize(m_firstSize);
    }
    m_defaultDocks = !restoreState(m_settings.windowState(), windowStateVersion);
    if (m_defaultDocks) {
        m_sidebarDock->show();
        m_detailsDock->show();
    }
    // A header state from another version or a damaged file falls back to
    // the default columns, fitted when the window's size is known.
    m_defaultColumns = !m_view->restoreHeaderState(m_settings.headerState());

    const UiSettings::Filter filter = m_settings.filter();
    m_filterEdit->setText(filter.text);
    m_sidebar->setStateFilter(filter.states);
    m_sidebar->setConnectionFilter(filter.connectionId);
    // The sidebar may have refused an unknown connection or set of states.
    m_filter->setStateFilter(m_sidebar->stateFilter());
    m_filter->setConnectionFilter(m_sidebar->connectionFilter());

    const UiSettings::ThemeMode theme = m_settings.themeMode();
    for (QAction *action : m_themeGroup->actions())
        action->setChecked(action->data().toInt() == int(theme));
}

void MainWindow::pageChanged()
{
    const bool libraries = m_pages->currentWidget() == m_libraries;
    // F5 and Find act on the page shown: the Libraries view has its own.
    m_pollNow->setShortcut(libraries ? QKeySequence() : QKeySequence(Qt::Key_F5));
    m_find->setShortcut(libraries ? QKeySequence() : QKeySequence(QKeySequence::Find));
    // The filters and details are the task table's: out of the wide table's way.
    if (libraries) {
        m_docksBeforeLibraries = {m_sidebarDock->isVisible(), m_detailsDock->isVisible()};
        m_sidebarDock->hide();
        m_detailsDock->hide();
        m_libraries->setFocus(Qt::OtherFocusReason);
    } else if (m_docksBeforeLibraries) {
        m_sidebarDock->setVisible(m_docksBeforeLibraries->first);
        m_detailsDock->setVisible(m_docksBeforeLibraries->second);
        m_docksBeforeLibraries.reset();
    }
}

void MainWindow::saveSettings()
{
    // The layout saved is the task page's.
    m_pages->setCurrentIndex(0);
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState(windowStateVersion));
    m_settings.setHeaderState(m_view->saveHeaderState());
    m_settings.setFilter(
        {m_filterEdit->text(), m_filter->stateFilter(), m_filter->connectionFilter()});
    m_settings.sync();
}

void MainWindow::setTheme(UiSettings::ThemeMode mode)
{
    Theme::apply(mode);
    m_settings.setThemeMode(mode);
    for (QAction *action : m_themeGroup->actions())
        action->setChecked(action->data().toInt() == int(mode));
}

QSize MainWindow::defaultClientSize(const QSize &available, const QMargins &frame)
{
    // A small screen is all used, title bar and borders included; a large
    // one leaves room around.
    if (available.width() < 1280)
        return available.shrunkBy(frame);
    return {std::min(1440, available.width() * 9 / 10), std::min(900, available.height() * 9 / 10)};
}

void MainWindow::fitFrameToScreen()
{
    const QRect available = screen()->availableGeometry();
    const QRect frame = frameGeometry();
    // A size chosen since (by the caller or the user) is theirs.
    if (size() != m_firstSize || available.contains(frame))
        return;
    const QMargins margins(geometry().left() - frame.left(), geometry().top() - frame.top(),
        frame.right() - geometry().right(), frame.bottom() - geometry().bottom());
    resize(available.size().shrunkBy(margins).boundedTo(size()));
    move(available.topLeft());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_firstSize.isValid() && !m_fitScheduled) {
        m_fitScheduled = true;
        // The frame arrives from the window manager after the first show.
        QTimer::singleShot(0, this, &MainWindow::fitFrameToScreen);
        QTimer::singleShot(300ms, this, &MainWindow::fitFrameToScreen);
    }
    int tableWidth = width();
    if (m_defaultDocks) {
        m_defaultDocks = false;
        // The docks take a share of the width, so that a small screen keeps
        // room for the table.
        const int sidebar = std::clamp(width() / 7, 150, 190);
        const int details = std::clamp(width() / 4, 260, 380);
        resizeDocks({m_sidebarDock, m_detailsDock}, {sidebar, details}, Qt::Horizontal);
        tableWidth -= sidebar + details;
    }
    if (m_defaultColumns) {
        m_defaultColumns = false;
        m_view->resetColumns(
            tableWidth - 2 * style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent));
    }
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (!isVisible() || !m_sidebarDock || !m_detailsDock)
        return;
    // A narrowed window does not leave the table two columns wide: docks
    // side by side with it give way to their share of the new width.
    const int table = centralWidget()->width();
    if (table >= width() * 2 / 5)
        return;
    QList<QDockWidget *> docks;
    QList<int> widths;
    for (auto [dock, share, most] : {std::tuple {m_sidebarDock, 7, 190}, {m_detailsDock, 4, 380}}) {
        if (dock->isVisible() && !dock->isFloating()
            && dockWidgetArea(dock) != Qt::TopDockWidgetArea
            && dockWidgetArea(dock) != Qt::BottomDockWidgetArea) {
            docks << dock;
            widths << std::min({dock->width(), most, width() / share});
        }
    }
    if (!docks.isEmpty())
        resizeDocks(docks, widths, Qt::Horizontal);
}

void MainWindow::editLedgerLocation()
{
    auto *dialog =
        new LedgerLocationDialog(m_monitor->isDemoMode() ? u":memory:"_s : TaskStore::defaultPath(),
            m_secrets, nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LedgerLocationDialog::restartRequested, this, &MainWindow::restart);
    dialog->open();
}

// A new window on the saved ledger, then this one quits: the ledgers differ,
// so each keeps its own lock and one window per ledger still holds.
void MainWindow::restart()
{
    QStringList arguments;
    const QStringList own = QCoreApplication::arguments();
    for (qsizetype i = 1; i < own.size(); ++i) {
        // The language is the user's; tasks and credentials were handed over already.
        if (own.at(i).startsWith(u"--lang="_s))
            arguments << own.at(i);
        else if (own.at(i) == u"--lang" && i + 1 < own.size())
            arguments << own.at(i) << own.at(i + 1);
    }
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments)) {
        showMessage(tr("The monitor could not be started again; start it yourself to use the "
                       "new ledger."));
        return;
    }
    m_quit->trigger();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!QuitGuard::mayQuit(m_monitor, this))
        return event->ignore();
    saveSettings();
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    // Style changes from a theme switch reach widgets as palette changes;
    // the state colours follow, and with them every icon we drew.
    if (event->type() == QEvent::PaletteChange)
        m_style->setPalette(palette());
    QMainWindow::changeEvent(event);
}

void MainWindow::scheduleStatusUpdate()
{
    if (!m_statusTimer->isActive())
        m_statusTimer->start();
}

QString MainWindow::connectionName(qint64 connectionId) const
{
    const std::optional<Connection> connection = m_monitor->tasks().connection(connectionId);
    if (!connection)
        return tr("Connection %1").arg(connectionId);
    return connection->label();
}

void MainWindow::updateStatus()
{
    // The core keeps the counts as tasks change: no walk over the rows.
    const TaskNotifier *tasks = &m_monitor->notifications();
    TaskStates::Counts counts {};
    for (int i = 0; i < TaskStates::count; ++i)
        counts[size_t(i)] = tasks->count(TaskState(i));
    m_status->setStateCounts(counts);
    const ConnectionHealth::Summary health =
        ConnectionHealth::of(*m_monitor, QDateTime::currentDateTimeUtc());
    QList<FilterSidebar::ConnectionEntry> entries;
    for (const ConnectionHealth::Entry &connection : health.connections) {
        m_styled->setConnectionTrouble(connection.id, connection.trouble, connection.message);
        FilterSidebar::ConnectionEntry entry;
        entry.id = connection.id;
        entry.name = connection.name;
        entry.toolTip = connection.toolTip;
        if (connection.trouble != ConnectionHealth::Trouble::None)
            entry.icon = m_style->troubleIcon(connection.trouble);
        else if (connection.health == PollScheduler::Health::Paused)
            entry.icon = m_style->pausedIcon();
        else
            entry.icon = m_style->healthyIcon();
        entries << entry;
    }
    m_status->setHealth(health, tasks->unfinished());
    m_status->setLedgerLost(m_ledgerLostAt, m_monitor->tasks().waitingWrites());
    m_sidebar->setConnections(entries);
    m_notifier->setConnectionTrouble(!health.problems.isEmpty());
    m_pause->setChecked(health.allPaused);
    // The action says what it will do.
    const QString pauseText = health.allPaused ? tr("&Resume Polling") : tr("P&ause Polling");
    if (m_pause->text() != pauseText) {
        m_pause->setText(pauseText);
        m_pause->setIcon(
            themeIcon(health.allPaused ? u"media-playback-start"_s : u"media-playback-pause"_s));
    }
    m_pause->setEnabled(health.hasConnections());
    m_pollNow->setEnabled(health.hasConnections());
    // A selected task may have become final (Re-check) or gone.
    updateActions();
}

void MainWindow::updateCounts()
{
    m_sidebar->setCounts(m_filter->stateCounts());
    m_sidebar->setConnectionCounts(m_filter->connectionCounts());
    updateShown();
}

void MainWindow::updateShown()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_shown->setText(shown == total
            ? tr("%Ln task(s)", nullptr, total)
            : tr("%1 of %Ln task(s) shown", nullptr, total).arg(QLocale().toString(shown)));
}

void MainWindow::updateActions()
{
    const QList<TaskKey> keys = m_view->selectedTaskKeys();
    // Changes to the ledger wait while it cannot be reached (the status bar
    // says since when); reading, copying and polling go on.
    const bool writable = !ledgerLost();
    m_remove->setEnabled(writable && !keys.isEmpty());
    m_copy->setEnabled(!keys.isEmpty());
    m_editNote->setEnabled(writable && detailsKey().has_value());
    for (QAction *action : {m_addTasks, m_import, m_manageConnections, m_history, m_clearSeveral}) {
        if (action)
            action->setEnabled(writable);
    }
    for (QPushButton *button : {m_emptyAddTasks, m_emptyAddConnection}) {
        if (button)
            button->setEnabled(writable);
    }
    bool anyFinal = false;
    for (const TaskKey &key : keys) {
        const int row = m_model->rowOf(key);
        if (const Task *task = m_model->taskAt(row); task && task->isFinal()) {
            anyFinal = true;
            break;
        }
    }
    m_recheck->setEnabled(anyFinal);
}

void MainWindow::showMessage(const QString &text)
{
    m_status->showMessage(text, 4000);
}

void MainWindow::addTasks(const QString &prefill, const QStringList &files)
{
    if (refusedWhileLedgerLost(tr("Add Tasks")))
        return;
    const QList<Connection> connections = m_monitor->tasks().connections();
    if (connections.isEmpty()) {
        QMessageBox box(QMessageBox::Information, tr("Add Tasks"),
            tr("Tasks belong to an SMH library: add a connection to it first."),
            QMessageBox::Cancel, this);
        QPushButton *add = box.addButton(tr("Add Connection…"), QMessageBox::AcceptRole);
        add->setObjectName(u"promptAddConnectionButton"_s);
        box.setDefaultButton(add);
        box.exec();
        if (box.clickedButton() != add)
            return;
        manageConnections();
        if (m_monitor->tasks().connections().isEmpty())
            return;
        addTasks(prefill, files);
        return;
    }
    AddTasksDialog dialog(m_monitor->tasks().connections(), this);
    const TaskStore *store = &m_monitor->tasks();
    dialog.setWatchedLookup([store](qint64 connectionId, qint64 taskId) {
        return store->contains({connectionId, taskId});
    });
    if (m_filter->connectionFilter() != 0)
        dialog.setConnection(m_filter->connectionFilter());
    if (!prefill.isEmpty())
        dialog.setText(prefill);
    for (const QString &file : files)
        dialog.importFile(file);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addTaskIds(
        dialog.connectionId(), dialog.ids(), dialog.text(), dialog.note(), dialog.libraryLevel());
}

void MainWindow::addTaskIds(qint64 connectionId, const QList<qint64> &ids, const QString &text,
    const QString &note, std::optional<bool> libraryLevel)
{
    auto *adder = new TaskAdder(m_monitor, connectionId, ids, note, libraryLevel, this);
    connect(adder, &TaskAdder::progress, this, [this](qsizetype done, qsizetype total) {
        if (done < total)
            m_status->showMessage(tr("Adding tasks: %1 of %2…")
                                      .arg(QLocale().toString(done), QLocale().toString(total)),
                0);
    });
    connect(adder, &TaskAdder::finished, this,
        [this, adder, connectionId, text](const TaskAdder::Outcome &outcome) {
            adder->deleteLater();
            if (!outcome.ok()) {
                // Nothing the user gave is lost: the dialog comes back with
                // what was not saved.
                const QString why = outcome.added == 0
                    ? tr("The tasks could not be saved: %1").arg(outcome.error->message())
                    : tr("%1 of %2 task IDs were saved; the rest could not be: %3")
                          .arg(QLocale().toString(outcome.given - outcome.notSaved.size()),
                              QLocale().toString(outcome.given), outcome.error->message());
                m_status->clearMessage();
                QMessageBox::warning(this, tr("Add Tasks"), why);
                QStringList left;
                if (outcome.added > 0) {
                    left.reserve(outcome.notSaved.size());
                    for (qint64 id : outcome.notSaved)
                        left << QString::number(id);
                }
                addTasks(outcome.added == 0 ? text : left.join(u'\n'));
                return;
            }
            const qsizetype known = outcome.given - outcome.added;
            QString message = tr("%Ln task(s) added.", nullptr, int(outcome.added));
            if (known > 0)
                message += u' ' + tr("%Ln already watched.", nullptr, int(known));
            // New tasks the filter does not show are not lost: say so.
            if (outcome.firstAdded && !m_view->selectTask({connectionId, *outcome.firstAdded}))
                message += u' '
                    + tr("The filter hides them: clear it (Escape in the filter) to see them.");
            showMessage(message);
        });
    adder->start();
}

void MainWindow::importDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Task IDs"), QString(),
        tr("Task ID lists (*.txt *.csv *.tsv *.log);;All files (*)"));
    if (!path.isEmpty())
        addTasks({}, {path});
}

void MainWindow::manageConnections(qint64 select, const std::optional<ConnectionSettings> &prefill)
{
    ConnectionDialog dialog(m_monitor, m_monitor->tasks().connections(), this);
    QPointer<Monitor> monitor(m_monitor);
    dialog.setTokenLookup(
        [monitor](qint64 id) { return monitor ? monitor->credential(id).accessToken : QString(); });
    const SecretStore::Backend backend =
        m_secrets ? m_secrets->backend() : SecretStore::Backend::Keychain;
    const bool fileOffered =
        backend != SecretStore::Backend::Keychain && !m_secrets->privateFilePath().isEmpty();
    if (backend != SecretStore::Backend::Keychain) {
        const QString problem = m_secrets->backendProblem(); // reads the file: once
        dialog.setSecretStorageNote(
            problem.isEmpty() ? tr("Secrets are kept for this session only.") : problem);
    }
    if (fileOffered)
        dialog.offerPrivateFile(backend == SecretStore::Backend::PrivateFile);
    if (backend == SecretStore::Backend::SessionOnly)
        dialog.setSavedSecretHint(tr("Kept for this session; type to replace"));
    else if (backend == SecretStore::Backend::PrivateFile)
        dialog.setSavedSecretHint(tr("Kept in the private file; type to replace"));
    QSet<qint64> missing;
    const QList<qint64> ids = m_monitor->polling().connectionIds();
    for (qint64 id : ids) {
        if (m_monitor->polling().status(id).health == PollScheduler::Health::NoCredentials)
            missing.insert(id);
    }
    dialog.setCredentialsMissing(missing);
    if (prefill)
        dialog.addProfile(*prefill, AuthKind::AccessToken);
    else if (select != 0)
        dialog.selectConnection(select);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QList<ConnectionEdit> edits = dialog.edits();
    int removedTasks = 0;
    QStringList removedNames;
    for (const ConnectionEdit &edit : edits) {
        if (edit.kind != ConnectionEdit::Kind::Removed)
            continue;
        removedNames << connectionName(edit.connection.id);
        for (int row = 0; row < m_model->rowCount(); ++row)
            removedTasks += m_model->taskAt(row)->key.connectionId == edit.connection.id ? 1 : 0;
    }
    if (removedTasks > 0) {
        const auto answer = QMessageBox::question(this, tr("Remove Connections"),
            tr("Removing %1 also stops watching its %Ln task(s). Nothing changes on the server.",
                nullptr, removedTasks)
                .arg(removedNames.join(u", "_s)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    QStringList problems;
    // Before the edits, so that secrets typed now already go where chosen.
    if (fileOffered && dialog.privateFileChosen() != m_secrets->privateFileEnabled()) {
        const Expected<void> done = dialog.privateFileChosen() ? m_secrets->enablePrivateFile()
                                                               : m_secrets->disablePrivateFile();
        if (!done)
            problems << done.error().message();
    }
    const ConnectionProfiles::Applied applied =
        ConnectionProfiles::apply(m_monitor, m_secrets, edits);
    for (const Error &problem : applied.problems)
        problems << problem.message();
    if (!problems.isEmpty())
        QMessageBox::warning(this, tr("Connections"), problems.join(u'\n'));
    updateStatus();
}

void MainWindow::removeSelectedTasks()
{
    const QList<TaskKey> keys = m_view->selectedTaskKeys();
    if (keys.isEmpty() || refusedWhileLedgerLost(tr("Remove Tasks")))
        return;
    if (m_confirmRemoval) {
        QStringList ids;
        for (qsizetype i = 0; i < keys.size() && i < 10; ++i)
            ids << QString::number(keys.at(i).taskId);
        if (keys.size() > 10)
            ids << tr("…");
        const auto answer = QMessageBox::question(this, tr("Remove Tasks"),
            tr("Stop watching %Ln task(s)?", nullptr, int(keys.size())) + u"\n\n"_s
                + ids.join(u", "_s) + u"\n\n"_s
                + tr("They leave the list and the ledger; nothing changes on the server."),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    if (const Expected<void> removed = m_monitor->removeTasks(keys); removed)
        showMessage(tr("%n task(s) removed.", nullptr, int(keys.size())));
    else
        QMessageBox::warning(this, tr("Remove Tasks"),
            tr("The tasks could not be removed: %1").arg(removed.error().message()));
}

void MainWindow::recheckSelectedTasks()
{
    const int asked = m_monitor->recheckTasks(m_view->selectedTaskKeys());
    if (asked > 0)
        showMessage(tr("Asking SMH again about %n task(s)…", nullptr, asked));
}

Expected<void> MainWindow::exportVisibleRows(const QString &path)
{
    QList<Exporter::Row> rows;
    rows.reserve(m_filter->rowCount());
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, TaskTableModel::ConnectionColumn);
        const auto key = index.data(TaskTableModel::TaskKeyRole).value<TaskKey>();
        if (const Task *task = m_model->taskAt(m_model->rowOf(key)))
            rows.append({*task, index.data().toString()});
    }
    return Exporter::write(path, Exporter::formatForPath(path), rows);
}

void MainWindow::exportDialog()
{
    const QString path =
        ExportPath::ask(this, tr("Export Visible Rows"), u"smh-tasks"_s, m_settings);
    if (path.isEmpty())
        return;
    if (const Expected<void> exported = exportVisibleRows(path); !exported) {
        QMessageBox::warning(this, tr("Export"), exported.error().message());
        return;
    }
    m_settings.setExportFolder(QFileInfo(path).absolutePath());
    showMessage(tr("Saved %n row(s) to %1.", nullptr, m_filter->rowCount())
                    .arg(QDir::toNativeSeparators(path)));
}

void MainWindow::selectConnectionByName(const QString &name)
{
    const QList<Connection> connections = m_monitor->tasks().connections();
    for (const Connection &connection : connections) {
        if (connection.answersTo(name)) {
            m_sidebar->setConnectionFilter(connection.id);
            return;
        }
    }
}

void MainWindow::showConnectionMenu(qint64 connectionId, const QPoint &position)
{
    QMenu menu(this);
    const bool paused = m_monitor->isPaused(connectionId);
    QAction *pause = menu.addAction(paused ? tr("&Resume Polling") : tr("P&ause Polling"));
    QAction *poll = menu.addAction(tr("&Poll Now"));
    poll->setEnabled(!paused);
    menu.addSeparator();
    QAction *edit = menu.addAction(tr("&Edit Connection…"));
    QAction *history = menu.addAction(tr("&History && Cleanup…"));
    history->setEnabled(!ledgerLost());
    QAction *chosen = menu.exec(position);
    if (chosen == pause)
        m_monitor->setPaused(connectionId, !paused);
    else if (chosen == poll)
        m_monitor->pollNow(connectionId);
    else if (chosen == edit)
        manageConnections(connectionId);
    else if (chosen == history)
        HistoryView::open(m_monitor, connectionId, this);
}

QWidget *MainWindow::createEmptyState()
{
    auto *box = new QWidget;
    box->setObjectName(u"emptyState"_s);
    auto *layout = new QVBoxLayout(box);
    m_emptyText = new QLabel(box);
    m_emptyText->setObjectName(u"emptyStateText"_s);
    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_emptyText);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_emptyAddConnection = new QPushButton(tr("Add Connection…"), box);
    m_emptyAddConnection->setObjectName(u"addConnectionButton"_s);
    connect(m_emptyAddConnection, &QPushButton::clicked, this, [this] { manageConnections(); });
    m_emptyAddTasks = new QPushButton(tr("Add Tasks…"), box);
    m_emptyAddTasks->setObjectName(u"addTasksButton"_s);
    connect(m_emptyAddTasks, &QPushButton::clicked, this, [this] { addTasks(); });
    m_emptyDemo = new QPushButton(tr("Try the Demo"), box);
    m_emptyDemo->setObjectName(u"tryDemoButton"_s);
    m_emptyDemo->setToolTip(tr("Opens a second window that watches tasks on a simulator on this "
                               "computer; nothing is sent to Tencent Cloud."));
    connect(m_emptyDemo, &QPushButton::clicked, this, &MainWindow::tryDemo);
    for (QPushButton *button : {m_emptyAddConnection, m_emptyAddTasks, m_emptyDemo})
        buttons->addWidget(button);
    buttons->addStretch();
    layout->addLayout(buttons);
    updateEmptyState();
    return box;
}

QWidget *MainWindow::createNoMatchState()
{
    auto *box = new QWidget;
    box->setObjectName(u"noMatchState"_s);
    auto *layout = new QVBoxLayout(box);
    auto *text = new QLabel(tr("No task matches the filter."), box);
    text->setAlignment(Qt::AlignCenter);
    text->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(text);
    auto *clear = new QPushButton(tr("Clear Filter"), box);
    clear->setObjectName(u"clearFilterButton"_s);
    connect(clear, &QPushButton::clicked, this, &MainWindow::clearFilters);
    layout->addWidget(clear, 0, Qt::AlignCenter);
    return box;
}

void MainWindow::updateEmptyState()
{
    const bool noConnection = m_monitor->tasks().connections().isEmpty();
    m_emptyText->setText(noConnection
            ? tr("No tasks are watched yet.\nTasks belong to an SMH library: add a connection to "
                 "it, or try the monitor on a built-in simulator first.")
            : tr("No tasks are watched yet.\nAdd task IDs, or drop a file of IDs here."));
    m_emptyAddConnection->setVisible(noConnection);
    m_emptyAddTasks->setVisible(!noConnection);
    m_emptyDemo->setVisible(!m_monitor->isDemoMode());
}

void MainWindow::clearFilters()
{
    m_filterEdit->clear();
    m_sidebar->setStateFilter({});
    m_sidebar->setConnectionFilter(0);
    m_view->setFocus(Qt::OtherFocusReason);
}

void MainWindow::tryDemo()
{
    Q_EMIT demoRequested();
    // Unless the executable handles it, the demo is this program once more.
    if (!isSignalConnected(QMetaMethod::fromSignal(&MainWindow::demoRequested))) {
        // In the language this window speaks, when it is not the system's.
        QStringList arguments {u"--demo"_s};
        if (QLocale() != QLocale::system())
            arguments << u"--lang"_s << QLocale().name();
        if (QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments))
            showMessage(tr("Starting the demo in a new window…"));
        else
            QMessageBox::warning(this, tr("Try the Demo"), tr("The demo could not be started."));
    }
}

std::optional<TaskKey> MainWindow::detailsKey() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), {}))
        return std::nullopt;
    return m_view->currentTaskKey();
}

void MainWindow::followSelection()
{
    const std::optional<TaskKey> key = detailsKey();
    m_details->showTask(key);
    // Its type is learned (once, under a budget) because someone looks.
    if (key)
        m_monitor->taskShown(*key);
    updateActions();
}

void MainWindow::learnShownTypes()
{
    // A screenful of rows; the bottom ones asked first so that the top of
    // the view, then the details pane's task, come first in the queue.
    constexpr int maxPerPass = 40;
    const QList<TaskKey> keys = m_view->visibleTasksWithoutType(maxPerPass);
    for (auto it = keys.crbegin(); it != keys.crend(); ++it)
        m_monitor->taskShown(*it);
    if (const std::optional<TaskKey> key = detailsKey(); key && !keys.isEmpty())
        m_monitor->taskShown(*key);
}

void MainWindow::keepSelectionInStep()
{
    // The filter took the selected rows away and left the current index on
    // a neighbour: that row becomes the selection, as if walked to.
    QItemSelectionModel *selection = m_view->selectionModel();
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && !selection->hasSelection())
        selection->select(current, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    followSelection();
}

void MainWindow::editNote()
{
    const std::optional<TaskKey> key = detailsKey();
    if (!key || refusedWhileLedgerLost(tr("Edit Note")))
        return;
    const QModelIndex note = m_view->currentIndex().siblingAtColumn(TaskTableModel::NoteColumn);
    if (!m_view->isColumnHidden(TaskTableModel::NoteColumn)) {
        // The editor opens where it can be seen.
        m_view->scrollTo(note);
        m_view->edit(note);
        return;
    }
    bool ok = false;
    const QString text =
        QInputDialog::getText(this, tr("Edit Note"), tr("Note for task %1:").arg(key->taskId),
            QLineEdit::Normal, note.data(Qt::EditRole).toString(), &ok);
    if (!ok)
        return;
    if (const Expected<void> saved = m_monitor->setNote(*key, text); !saved)
        QMessageBox::warning(this, tr("Edit Note"),
            tr("The note could not be saved: %1").arg(saved.error().message()));
}

QString MainWindow::secretsSentence() const
{
    const SecretStore::Backend backend =
        m_secrets ? m_secrets->backend() : SecretStore::Backend::SessionOnly;
    switch (backend) {
    case SecretStore::Backend::Keychain:
        return tr("Tokens and library secrets are kept in the desktop keychain, never in settings, "
                  "the task ledger or exports.");
    case SecretStore::Backend::PrivateFile:
        return tr("No keychain answered: tokens and library secrets are kept in a private file "
                  "only your user account can read (%1), never in settings, the task ledger or "
                  "exports.")
            .arg(QDir::toNativeSeparators(m_secrets->privateFilePath()));
    case SecretStore::Backend::SessionOnly:
        break;
    }
    return tr("No keychain answered: tokens and library secrets are kept in memory for this "
              "session only, never in settings, the task ledger or exports.");
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setObjectName(u"shortcutsDialog"_s);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto *list = new QTreeWidget(&dialog);
    list->setObjectName(u"shortcutList"_s);
    list->setRootIsDecorated(false);
    list->setHeaderLabels({tr("Keys"), tr("Action")});
    auto add = [list](const QString &keys, const QString &what) {
        auto *item = new QTreeWidgetItem(list, {keys, what});
        item->setToolTip(1, what);
    };
    // The menus' own shortcuts, read from the actions so that the list
    // cannot drift from what the keys do.
    QList<QAction *> actions = findChildren<QAction *>();
    for (const QAction *action : std::as_const(actions)) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        // A key can serve two actions in different places (Ctrl+C copies
        // the rows, or the timeline when it has the focus): say where.
        QString what = QString(action->text()).remove(u'&');
        if (action->shortcutContext() == Qt::WidgetShortcut) {
            const QList<QObject *> owners = action->associatedObjects();
            const auto *owner =
                qobject_cast<const QWidget *>(owners.isEmpty() ? nullptr : owners.constFirst());
            what = owner && !owner->accessibleName().isEmpty()
                ? tr("%1 (when the %2 has the focus)").arg(what, owner->accessibleName().toLower())
                : tr("%1 (where it has the focus)").arg(what);
        }
        add(action->shortcut().toString(QKeySequence::NativeText), what);
    }
    list->sortItems(0, Qt::AscendingOrder);
    add(tr("Tab, Shift+Tab"), tr("Move between the filter box, sidebar, table and details"));
    add(tr("Arrow keys"), tr("Move within the table or a list"));
    add(tr("Escape"), tr("Clear the filter box (again: back to the table)"));
    add(tr("Double-click a note"), tr("Edit it in place"));
    list->resizeColumnToContents(0);
    list->resizeColumnToContents(1);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(list);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // Every row and both columns in view, within the screen.
    const QRect available = screen()->availableGeometry();
    const int rows = list->topLevelItemCount() * list->sizeHintForRow(0)
        + list->header()->sizeHint().height() + 2 * list->frameWidth() + 4;
    const int columns = list->columnWidth(0) + list->columnWidth(1) + 2 * list->frameWidth() + 4;
    list->setMinimumSize(std::min(columns + list->verticalScrollBar()->sizeHint().width(),
                             available.width() * 8 / 10),
        std::min(rows, available.height() * 7 / 10));
    dialog.adjustSize();
    dialog.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    QStringList files;
    if (mime->hasUrls()) {
        const QList<QUrl> urls = mime->urls();
        for (const QUrl &url : urls) {
            if (url.isLocalFile())
                files << url.toLocalFile();
        }
    }
    event->acceptProposedAction();
    const QString text = files.isEmpty() ? mime->text() : QString();
    // Open the dialog after the drop has finished, not inside it.
    QTimer::singleShot(0, this, [this, text, files] { addTasks(text, files); });
}
