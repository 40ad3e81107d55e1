#include "ui/mainwindow.h"

#include "smh/redact.h"
#include "smh/secretstore.h"
#include "smh/tokenprovider.h"
#include "smhresources.h"
#include "tasks/connectionprofiles.h"
#include "tasks/exporter.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/addtasksdialog.h"
#include "ui/connectiondialog.h"
#include "ui/filtersidebar.h"
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
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

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
    , m_model(new TaskTableModel(monitor->store(), this))
    , m_styled(new StyledTaskModel(m_style, this))
    , m_filter(new TaskFilterModel(this))
    , m_view(new TaskTableView(this))
    , m_details(new TaskDetailsPane(monitor->store(), m_style, this))
    , m_sidebar(new FilterSidebar(m_style, this))
    , m_status(new StatusPanel(m_style, this))
    , m_notifier(new TrayNotifier(monitor->notifier(), m_style, this))
    , m_filterEdit(new QLineEdit(this))
    , m_shown(new QLabel(this))
    , m_clock(new QTimer(this))
    , m_statusTimer(new QTimer(this))
{
    setObjectName(u"MainWindow"_s);
    setWindowIcon(applicationIcon());
    if (monitor->isDemoMode())
        setWindowTitle(tr("Demo: embedded SMH simulator"));
    setAcceptDrops(true);

    m_styled->setSourceModel(m_model);
    m_filter->setSourceModel(m_styled);
    m_view->setModel(m_filter);
    m_view->setObjectName(u"taskTable"_s);
    m_view->setEmptyText(
        tr("No tasks are watched yet.\n\nAdd task IDs with File ▸ Add Tasks (Ctrl+N), "
           "drop a file of IDs here, or start with --demo to try the monitor."),
        tr("No task matches the filter."));

    m_filterEdit->setObjectName(u"filterEdit"_s);
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setPlaceholderText(
        tr("Filter: ID, path, inode, note… (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &TaskFilterModel::setFilterText);

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
    setCentralWidget(central);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &MainWindow::updateShown);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateShown);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateShown);

    m_details->setScheduler(monitor->scheduler());
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
        [this](int rows) { showMessage(tr("Rows copied: %1.").arg(rows)); });

    createActions();
    createDocks();
    createMenus();
    createToolBar();
    if (monitor->isDemoMode()) {
        auto *demo = new QLabel(tr("Demo mode: embedded SMH simulator"), this);
        demo->setToolTip(
            tr("Tasks come from a simulator on 127.0.0.1; nothing is sent to Tencent Cloud."));
        demo->setContentsMargins(6, 0, 6, 0);
        QFont bold = demo->font();
        bold.setBold(true);
        demo->setFont(bold);
        statusBar()->addPermanentWidget(demo);
    }
    statusBar()->addPermanentWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(true);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this] { m_details->showTask(m_view->currentTaskKey()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MainWindow::updateActions);
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

    // Status: coalesce the many small signals into one refresh per turn.
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(0);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    PollScheduler *scheduler = monitor->scheduler();
    connect(scheduler, &PollScheduler::connectionStatusChanged, this,
        &MainWindow::scheduleStatusUpdate);
    connect(scheduler, &PollScheduler::cycleFinished, this, &MainWindow::scheduleStatusUpdate);
    TaskStore *store = monitor->store();
    connect(store, &TaskStore::tasksAdded, this, &MainWindow::scheduleStatusUpdate);
    connect(store, &TaskStore::tasksChanged, this, &MainWindow::scheduleStatusUpdate);
    connect(store, &TaskStore::tasksRemoved, this, &MainWindow::scheduleStatusUpdate);
    connect(store, &TaskStore::connectionsChanged, this, &MainWindow::scheduleStatusUpdate);
    // Durations and "next poll in" move with the clock.
    connect(m_clock, &QTimer::timeout, this, [this] {
        m_model->refreshDurations();
        m_details->tick();
        updateStatus();
    });
    m_clock->start(1s);

    restoreSettings();
    updateStatus();
    updateCounts();
    updateActions();
    // Start with a task in the details pane rather than an empty one.
    if (m_filter->rowCount() > 0 && !m_view->currentIndex().isValid())
        m_view->selectionModel()->setCurrentIndex(
            m_filter->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_addTasks = new QAction(themeIcon(u"list-add"_s), tr("&Add Tasks…"), this);
    m_addTasks->setShortcut(QKeySequence::New);
    m_addTasks->setToolTip(tr("Watch more task IDs (%1)")
                               .arg(m_addTasks->shortcut().toString(QKeySequence::NativeText)));
    connect(m_addTasks, &QAction::triggered, this, [this] { addTasks(); });

    m_import = new QAction(themeIcon(u"document-open"_s), tr("&Import IDs from File…"), this);
    m_import->setShortcut(QKeySequence::Open);
    connect(m_import, &QAction::triggered, this, &MainWindow::importDialog);

    m_export = new QAction(themeIcon(u"document-save-as"_s), tr("&Export Visible Rows…"), this);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setToolTip(tr("Save the rows shown as CSV or JSON"));
    connect(m_export, &QAction::triggered, this, &MainWindow::exportDialog);

    m_quit = new QAction(themeIcon(u"application-exit"_s), tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    // Copy, Remove and Edit Note act on the table only: in the filter box
    // Ctrl+C and Delete keep their usual meaning.
    m_copy = new QAction(themeIcon(u"edit-copy"_s), tr("&Copy Rows"), this);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copy, &QAction::triggered, m_view, &TaskTableView::copySelectedRows);

    m_remove = new QAction(themeIcon(u"list-remove"_s), tr("&Remove…"), this);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove->setToolTip(tr("Stop watching the selected tasks (Delete)"));
    connect(m_remove, &QAction::triggered, this, &MainWindow::removeSelectedTasks);

    m_editNote = new QAction(tr("Edit &Note"), this);
    m_editNote->setShortcut(QKeySequence(Qt::Key_F2));
    m_editNote->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_editNote, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            m_view->edit(current.siblingAtColumn(TaskTableModel::NoteColumn));
    });

    m_recheck = new QAction(themeIcon(u"view-refresh"_s), tr("Re-&check"), this);
    m_recheck->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_recheck->setToolTip(tr("Ask SMH again about the selected finished tasks (%1)")
                              .arg(m_recheck->shortcut().toString(QKeySequence::NativeText)));
    connect(m_recheck, &QAction::triggered, this, &MainWindow::recheckSelectedTasks);

    m_find = new QAction(themeIcon(u"edit-find"_s), tr("&Find…"), this);
    m_find->setShortcut(QKeySequence::Find);
    connect(m_find, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });

    m_manageConnections =
        new QAction(themeIcon(u"network-server"_s), tr("&Manage Connections…"), this);
    connect(m_manageConnections, &QAction::triggered, this, [this] { manageConnections(); });

    m_pollNow = new QAction(themeIcon(u"view-refresh"_s), tr("&Poll Now"), this);
    m_pollNow->setShortcut(QKeySequence(Qt::Key_F5));
    m_pollNow->setToolTip(tr("Ask SMH about every unfinished task now (F5)"));
    connect(m_pollNow, &QAction::triggered, this, [this] {
        m_monitor->scheduler()->pollAllNow();
        showMessage(tr("Polling now…"));
    });

    m_pause = new QAction(themeIcon(u"media-playback-pause"_s), tr("P&ause Polling"), this);
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_pause, &QAction::triggered, this, [this](bool paused) {
        PollScheduler *scheduler = m_monitor->scheduler();
        const QList<qint64> ids = scheduler->connectionIds();
        for (qint64 id : ids)
            scheduler->setPaused(id, paused);
        showMessage(paused ? tr("Polling paused.") : tr("Polling resumed."));
    });

    m_about = new QAction(tr("&About SMH Task Monitor"), this);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About SMH Task Monitor"),
            tr("<h3>SMH Task Monitor %1</h3>"
               "<p>Watches Tencent Cloud Smart Media Hosting asynchronous tasks: polls their "
               "status, "
               "keeps a ledger of every change and tells you when they finish.</p>"
               "<p>Tokens and library secrets are kept in the desktop keychain, never in settings "
               "or exports.</p>")
                .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
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
    resizeDocks({m_sidebarDock, m_detailsDock}, {190, 380}, Qt::Horizontal);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_addTasks);
    file->addAction(m_import);
    file->addSeparator();
    file->addAction(m_export);
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

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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
        const QRect available = screen()->availableGeometry();
        resize(
            std::min(1440, available.width() * 9 / 10), std::min(900, available.height() * 9 / 10));
    }
    if (!restoreState(m_settings.windowState(), windowStateVersion)) {
        m_sidebarDock->show();
        m_detailsDock->show();
    }
    // A header state from another version or a damaged file falls back to
    // the default columns inside restoreHeaderState().
    m_view->restoreHeaderState(m_settings.headerState());

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

void MainWindow::saveSettings()
{
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

void MainWindow::closeEvent(QCloseEvent *event)
{
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
    const std::optional<Connection> connection = m_monitor->store()->connection(connectionId);
    if (!connection)
        return tr("Connection %1").arg(connectionId);
    return connection->label();
}

void MainWindow::updateStatus()
{
    PollScheduler *scheduler = m_monitor->scheduler();
    const QDateTime now = QDateTime::currentDateTimeUtc();

    StatusPanel::StateCounts counts {};
    for (int row = 0; row < m_model->rowCount(); ++row)
        ++counts[size_t(m_model->taskAt(row)->state)];
    m_status->setStateCounts(counts);

    StatusPanel::Polling polling;
    polling.requests = scheduler->totalRequests();
    QStringList errors;
    bool authProblem = false;
    bool allPaused = true;
    QList<FilterSidebar::ConnectionEntry> entries;
    const QList<Connection> connections = m_monitor->store()->connections();
    for (const Connection &connection : connections) {
        const qint64 id = connection.id;
        const PollScheduler::ConnectionStatus status = scheduler->status(id);
        const QString name = connectionName(id);
        if (status.lastPollAt.isValid()
            && (!polling.lastPollAt.isValid() || status.lastPollAt > polling.lastPollAt))
            polling.lastPollAt = status.lastPollAt;
        polling.inFlight = polling.inFlight || status.inFlight;
        allPaused = allPaused && status.health == PollScheduler::Health::Paused;
        const bool polls = status.health == PollScheduler::Health::Ok
            || status.health == PollScheduler::Health::Backoff;
        if (polls && status.nextPollAt.isValid()
            && (!polling.nextPollAt.isValid() || status.nextPollAt < polling.nextPollAt))
            polling.nextPollAt = status.nextPollAt;

        StateStyle::Trouble trouble = StateStyle::Trouble::None;
        QString message;
        // Every text from an error is redacted again: it may quote a URL.
        const QString detail = Redact::text(status.lastError.toString());
        switch (status.health) {
        case PollScheduler::Health::AuthRejected:
            trouble = StateStyle::Trouble::Auth;
            message =
                tr("%1: the server refused the credentials (%2). Update them under Connection ▸ "
                   "Manage Connections.")
                    .arg(name, detail);
            break;
        case PollScheduler::Health::ConfigError:
            trouble = StateStyle::Trouble::Auth;
            message = tr("%1: %2. Polling stopped; edit the connection under Connection ▸ "
                         "Manage Connections.")
                          .arg(name, detail);
            break;
        case PollScheduler::Health::NoCredentials:
            if (status.pending > 0) {
                trouble = StateStyle::Trouble::Auth;
                message = tr("%1: no access token or library secret is set.").arg(name);
            }
            break;
        case PollScheduler::Health::Backoff:
            trouble = StateStyle::Trouble::Network;
            message = status.nextPollAt.isValid()
                ? tr("%1: %2; retrying in %3")
                      .arg(name, detail,
                          TaskTableModel::formatDuration(
                              std::max<qint64>(0, now.secsTo(status.nextPollAt))))
                : tr("%1: %2").arg(name, detail);
            break;
        case PollScheduler::Health::Idle:
        case PollScheduler::Health::Ok:
        case PollScheduler::Health::Paused:
            break;
        }
        m_styled->setConnectionTrouble(id, trouble, message);
        if (trouble != StateStyle::Trouble::None) {
            errors << message;
            authProblem = authProblem || trouble == StateStyle::Trouble::Auth;
        }

        FilterSidebar::ConnectionEntry entry;
        entry.id = id;
        entry.name = name;
        entry.pending = int(status.pending);
        if (trouble != StateStyle::Trouble::None)
            entry.icon = m_style->troubleIcon(trouble);
        else if (status.health == PollScheduler::Health::Paused)
            entry.icon = m_style->pausedIcon();
        else
            entry.icon = m_style->healthyIcon();
        QStringList tip {
            connection.settings.displayName() + u" · "_s + connection.settings.endpoint.host()};
        if (!message.isEmpty())
            tip << message;
        else if (status.health == PollScheduler::Health::Paused)
            tip << tr("Paused");
        tip << tr("Unfinished tasks: %1").arg(status.pending);
        tip << tr("Requests sent: %1").arg(status.requestsSent);
        entry.toolTip = tip.join(u'\n');
        entries << entry;
    }
    polling.paused = !connections.isEmpty() && allPaused;
    for (TaskState state : {TaskState::Queued, TaskState::Running})
        polling.pending += counts.at(size_t(state));
    m_status->setPolling(polling);
    m_status->setConnectionErrors(errors, authProblem);
    m_sidebar->setConnections(entries);
    m_notifier->setConnectionTrouble(!errors.isEmpty());
    m_pause->setChecked(polling.paused);
    m_pause->setEnabled(!connections.isEmpty());
    m_pollNow->setEnabled(!connections.isEmpty());
    // A selected task may have become final (Re-check) or gone.
    updateActions();
}

void MainWindow::updateCounts()
{
    m_sidebar->setCounts(m_filter->stateCounts());
    updateShown();
}

void MainWindow::updateShown()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_shown->setText(
        shown == total ? tr("Tasks: %1").arg(total) : tr("Shown: %1 of %2").arg(shown).arg(total));
}

void MainWindow::updateActions()
{
    const QList<TaskKey> keys = m_view->selectedTaskKeys();
    m_remove->setEnabled(!keys.isEmpty());
    m_copy->setEnabled(!keys.isEmpty());
    m_editNote->setEnabled(m_view->currentIndex().isValid());
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
    statusBar()->showMessage(text, 4000);
}

void MainWindow::addTasks(const QString &prefill, const QStringList &files)
{
    const QList<Connection> connections = m_monitor->store()->connections();
    if (connections.isEmpty()) {
        const auto answer = QMessageBox::question(this, tr("Add Tasks"),
            tr("Tasks belong to a library: add a connection first."),
            QMessageBox::Ok | QMessageBox::Cancel);
        if (answer == QMessageBox::Ok)
            manageConnections();
        if (m_monitor->store()->connections().isEmpty())
            return;
        addTasks(prefill, files);
        return;
    }
    AddTasksDialog dialog(m_monitor->store()->connections(), this);
    if (m_filter->connectionFilter() != 0)
        dialog.setConnection(m_filter->connectionFilter());
    if (!prefill.isEmpty())
        dialog.setText(prefill);
    for (const QString &file : files)
        dialog.importFile(file);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Expected<QList<Task>> stored = m_monitor->addTasks(
        dialog.connectionId(), dialog.ids(), dialog.note(), dialog.libraryLevel());
    if (!stored) {
        // Nothing the user typed is lost: the dialog comes back with it.
        QMessageBox::warning(
            this, tr("Add Tasks"), tr("The tasks could not be saved: %1").arg(stored.error()));
        addTasks(dialog.text());
        return;
    }
    const QList<Task> &added = *stored;
    const qsizetype known = dialog.ids().size() - added.size();
    QString message = tr("Tasks added: %1.").arg(added.size());
    if (known > 0)
        message += u' ' + tr("Already watched: %1.").arg(known);
    showMessage(message);
    if (!added.isEmpty())
        m_view->selectTask(added.constFirst().key);
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
    ConnectionDialog dialog(m_monitor->client(), m_monitor->store()->connections(), this);
    QPointer<Monitor> monitor(m_monitor);
    dialog.setTokenLookup([monitor](qint64 id) {
        TokenProvider *tokens = monitor ? monitor->tokens(id) : nullptr;
        return tokens ? tokens->token() : QString();
    });
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
    const QList<qint64> ids = m_monitor->scheduler()->connectionIds();
    for (qint64 id : ids) {
        if (m_monitor->scheduler()->status(id).health == PollScheduler::Health::NoCredentials)
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
            tr("Removing %1 also stops watching its tasks (%2). Nothing changes on the server.")
                .arg(removedNames.join(u", "_s))
                .arg(removedTasks),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    QStringList problems;
    // Before the edits, so that secrets typed now already go where chosen.
    if (fileOffered && dialog.privateFileChosen() != m_secrets->privateFileEnabled()) {
        QString error;
        const bool done = dialog.privateFileChosen() ? m_secrets->enablePrivateFile(&error)
                                                     : m_secrets->disablePrivateFile(&error);
        if (!done)
            problems << error;
    }
    ConnectionProfiles::apply(m_monitor, m_secrets, edits, &problems);
    if (!problems.isEmpty())
        QMessageBox::warning(this, tr("Connections"), problems.join(u'\n'));
    updateStatus();
}

void MainWindow::removeSelectedTasks()
{
    const QList<TaskKey> keys = m_view->selectedTaskKeys();
    if (keys.isEmpty())
        return;
    if (m_confirmRemoval) {
        QStringList ids;
        for (qsizetype i = 0; i < keys.size() && i < 10; ++i)
            ids << QString::number(keys.at(i).taskId);
        if (keys.size() > 10)
            ids << tr("…");
        const auto answer = QMessageBox::question(this, tr("Remove Tasks"),
            tr("Stop watching these tasks (%1)?").arg(keys.size()) + u"\n\n"_s + ids.join(u", "_s)
                + u"\n\n"_s
                + tr("They leave the list and the ledger; nothing changes on the server."),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    if (m_monitor->store()->removeTasks(keys))
        showMessage(tr("Tasks removed: %1.").arg(keys.size()));
    else
        QMessageBox::warning(this, tr("Remove Tasks"),
            tr("The tasks could not be removed: %1").arg(m_monitor->store()->lastError()));
}

void MainWindow::recheckSelectedTasks()
{
    QList<TaskKey> finals;
    const QList<TaskKey> keys = m_view->selectedTaskKeys();
    for (const TaskKey &key : keys) {
        const Task *task = m_model->taskAt(m_model->rowOf(key));
        if (task && task->isFinal())
            finals << key;
    }
    if (finals.isEmpty())
        return;
    m_monitor->scheduler()->recheck(finals);
    QSet<qint64> connections;
    for (const TaskKey &key : std::as_const(finals))
        connections.insert(key.connectionId);
    for (qint64 id : std::as_const(connections))
        m_monitor->scheduler()->pollNow(id);
    showMessage(tr("Tasks checked again: %1.").arg(finals.size()));
}

bool MainWindow::exportVisibleRows(const QString &path, QString *error)
{
    QList<Exporter::Row> rows;
    rows.reserve(m_filter->rowCount());
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, TaskTableModel::ConnectionColumn);
        const auto key = index.data(TaskTableModel::TaskKeyRole).value<TaskKey>();
        if (const Task *task = m_model->taskAt(m_model->rowOf(key)))
            rows.append({*task, index.data().toString()});
    }
    return Exporter::write(path, Exporter::formatForPath(path), rows, error);
}

void MainWindow::exportDialog()
{
    const QString csvFilter = tr("CSV (*.csv)");
    const QString jsonFilter = tr("JSON (*.json)");
    QString selected = csvFilter;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name =
        u"smh-tasks-%1.csv"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Visible Rows"),
        QDir(folder).filePath(name), csvFilter + u";;"_s + jsonFilter, &selected);
    if (path.isEmpty())
        return;
    if (selected == jsonFilter && !path.endsWith(u".json"_s, Qt::CaseInsensitive)) {
        if (path.endsWith(u".csv"_s, Qt::CaseInsensitive))
            path.chop(4);
        path += u".json"_s;
    }
    QString error;
    if (!exportVisibleRows(path, &error)) {
        QMessageBox::warning(this, tr("Export"), error);
        return;
    }
    showMessage(tr("Exported to %1 (tasks: %2).")
                    .arg(QDir::toNativeSeparators(path))
                    .arg(m_filter->rowCount()));
}

void MainWindow::selectConnectionByName(const QString &name)
{
    const QList<Connection> connections = m_monitor->store()->connections();
    for (const Connection &connection : connections) {
        if (connection.answersTo(name)) {
            m_sidebar->setConnectionFilter(connection.id);
            return;
        }
    }
}

void MainWindow::showConnectionMenu(qint64 connectionId, const QPoint &position)
{
    PollScheduler *scheduler = m_monitor->scheduler();
    QMenu menu(this);
    const bool paused = scheduler->isPaused(connectionId);
    QAction *pause = menu.addAction(paused ? tr("&Resume Polling") : tr("P&ause Polling"));
    QAction *poll = menu.addAction(tr("&Poll Now"));
    poll->setEnabled(!paused);
    menu.addSeparator();
    QAction *edit = menu.addAction(tr("&Edit Connection…"));
    QAction *chosen = menu.exec(position);
    if (chosen == pause)
        scheduler->setPaused(connectionId, !paused);
    else if (chosen == poll)
        scheduler->pollNow(connectionId);
    else if (chosen == edit)
        manageConnections(connectionId);
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
