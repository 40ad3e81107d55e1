#include "ui/librariesview.h"

#include "history/historyservice.h"
#include "history/librariesmodel.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "ui/campaigndialog.h"
#include "ui/historyview.h"
#include "ui/libraryfiltermodel.h"
#include "ui/sparklinedelegate.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

LibrariesView::LibrariesView(Monitor *monitor, StateStyle *style, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_model(new LibrariesModel(&monitor->tasks(), HistoryService::of(monitor), this))
    , m_filter(new LibraryFilterModel(style, this))
    , m_filterEdit(new QLineEdit(this))
    , m_show(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_historyButton(new QPushButton(tr("&History && Cleanup…"), this))
    , m_cleanUpButton(new QPushButton(tr("Clean &Up Selected Libraries…"), this))
{
    setObjectName(u"librariesView"_s);
    m_filter->setSourceModel(m_model);

    m_filterEdit->setObjectName(u"librariesFilter"_s);
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setPlaceholderText(
        tr("Filter: library, space, status… (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &LibraryFilterModel::setFilterText);
    m_show->setObjectName(u"librariesShow"_s);
    for (auto show : {LibraryFilterModel::Show::All, LibraryFilterModel::Show::HistoryOn,
             LibraryFilterModel::Show::HistoryOff, LibraryFilterModel::Show::NeedsAttention,
             LibraryFilterModel::Show::NeverRead})
        m_show->addItem(LibraryFilterModel::showLabel(show), int(show));
    m_show->setAccessibleName(tr("Show"));
    connect(m_show, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setShow(LibraryFilterModel::Show(m_show->currentData().toInt())); });
    m_summary->setObjectName(u"librariesSummary"_s);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    m_table->setObjectName(u"librariesTable"_s);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LibrariesModel::LibraryColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setItemDelegateForColumn(
        LibrariesModel::TrendColumn, new SparklineDelegate(LibrariesModel::TrendRole, m_table));
    connect(m_table, &QAbstractItemView::activated, this, &LibrariesView::openHistory);
    QHeaderView *header = m_table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &LibrariesView::showColumnMenu);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &LibrariesView::fitColumns);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, [this] {
        if (!m_fitting)
            m_userSized = true;
    });
    setFocusProxy(m_table); // the page shown: its table has the keyboard

    m_refreshButton->setObjectName(u"refreshLibraries"_s);
    m_historyButton->setObjectName(u"openLibraryHistory"_s);
    m_cleanUpButton->setObjectName(u"cleanUpSelectedLibraries"_s);
    buildActions();

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_show);
    top->addWidget(m_summary);
    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(0, 0, 0, 0);
    bottom->addWidget(m_refreshButton);
    bottom->addWidget(m_historyButton);
    bottom->addStretch(1);
    bottom->addWidget(m_cleanUpButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    setTabOrder(m_filterEdit, m_show);
    setTabOrder(m_show, m_table);
    setTabOrder(m_table, m_refreshButton);
    setTabOrder(m_refreshButton, m_historyButton);
    setTabOrder(m_historyButton, m_cleanUpButton);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &LibrariesView::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &LibrariesView::updateActions);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &LibrariesView::updateSummary);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &LibrariesView::updateSummary);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &LibrariesView::updateSummary);
    connect(m_model, &LibrariesModel::readFinished, this, &LibrariesView::updateSummary);
    connect(
        &monitor->tasks(), &TaskStore::reachabilityChanged, this, &LibrariesView::updateActions);
    updateSummary();
    updateActions();
}

void LibrariesView::buildActions()
{
    // Shortcuts of this view only: the task table keeps its own F5 and Find.
    m_refresh = new QAction(tr("&Refresh Libraries"), this);
    m_refresh->setObjectName(u"refreshLibrariesAction"_s);
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_refresh, &QAction::triggered, this, &LibrariesView::refresh);
    addAction(m_refresh);
    m_refreshButton->setToolTip(
        tr("Read the selected libraries (all when none is selected) from SMH now (%1); a "
           "library read in the last half minute is not read again")
            .arg(m_refresh->shortcut().toString(QKeySequence::NativeText)));
    connect(m_refreshButton, &QPushButton::clicked, m_refresh, &QAction::trigger);

    m_find = new QAction(tr("&Find Library"), this);
    m_find->setShortcut(QKeySequence::Find);
    m_find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_find, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(m_find);
    // Escape empties the filter; pressed again, it goes back to the table.
    auto *clearFilter = new QAction(m_filterEdit);
    clearFilter->setShortcut(QKeySequence(Qt::Key_Escape));
    clearFilter->setShortcutContext(Qt::WidgetShortcut);
    connect(clearFilter, &QAction::triggered, this, [this] {
        if (m_filterEdit->text().isEmpty())
            m_table->setFocus(Qt::ShortcutFocusReason);
        else
            m_filterEdit->clear();
    });
    m_filterEdit->addAction(clearFilter);

    m_cleanUp = new QAction(tr("Clean &Up Selected Libraries…"), this);
    m_cleanUp->setObjectName(u"cleanUpSelectedAction"_s);
    m_cleanUp->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
    m_cleanUp->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_cleanUp, &QAction::triggered, this,
        [this] { openCleanupCampaign(selectedConnections()); });
    addAction(m_cleanUp);
    m_cleanUpButton->setToolTip(
        tr("Clear the historical versions of every selected library, in one guarded campaign "
           "(%1)")
            .arg(m_cleanUp->shortcut().toString(QKeySequence::NativeText)));
    connect(m_cleanUpButton, &QPushButton::clicked, m_cleanUp, &QAction::trigger);

    m_historyButton->setToolTip(
        tr("Settings, storage and cleanups of the current library (Enter or double click)"));
    connect(m_historyButton, &QPushButton::clicked, this, &LibrariesView::openHistory);
}

QList<qint64> LibrariesView::selectedConnections() const
{
    QList<QModelIndex> rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex &row : std::as_const(rows))
        ids << row.data(LibrariesModel::ConnectionIdRole).toLongLong();
    return ids;
}

void LibrariesView::refresh()
{
    const int queued = m_model->refresh(selectedConnections());
    m_summary->setToolTip(
        queued == 0 ? tr("Every library asked for was read a moment ago.") : QString());
    updateSummary();
}

void LibrariesView::openCleanupCampaign(const QList<qint64> &connectionIds)
{
    if (connectionIds.isEmpty())
        return;
    // Guarded there: each library's settings and usage, the options, the
    // number of libraries typed. Each library's step then shows in Outcome.
    CampaignDialog::open(m_monitor, connectionIds, window());
}

void LibrariesView::openHistory()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    HistoryView::open(
        m_monitor, current.data(LibrariesModel::ConnectionIdRole).toLongLong(), window());
}

void LibrariesView::updateActions()
{
    const bool any = m_table->selectionModel()->hasSelection();
    // A clear is claimed in the ledger first, and the history is read from
    // it: both wait while a team ledger cannot be reached.
    const bool ledger = m_monitor->tasks().isReachable();
    m_cleanUp->setEnabled(ledger && any);
    m_cleanUpButton->setEnabled(ledger && any);
    m_historyButton->setEnabled(ledger && m_table->currentIndex().isValid());
}

void LibrariesView::updateSummary()
{
    const int total = m_model->rowCount();
    QString text = total == 0
        ? tr("No connections yet")
        : tr("%1 of %n library(ies)", nullptr, total).arg(QLocale().toString(m_filter->rowCount()));
    if (!m_model->isIdle())
        text += u" · "_s + tr("reading…");
    m_summary->setText(text);
    fitColumns();
}

void LibrariesView::showColumnMenu(const QPoint &position)
{
    QMenu menu(this);
    for (int column = 0; column < LibrariesModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(m_filter->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_table->isColumnHidden(column));
        action->setEnabled(column != LibrariesModel::LibraryColumn);
        connect(action, &QAction::toggled, this,
            [this, column](bool shown) { m_table->setColumnHidden(column, !shown); });
    }
    menu.exec(m_table->horizontalHeader()->mapToGlobal(position));
}

void LibrariesView::fitColumns()
{
    // To what the rows say, until the user sizes a column by hand.
    if (m_userSized || m_filter->rowCount() == 0 || !isVisible())
        return;
    m_fitting = true;
    // The cells' widths and the headers' words; room for the sort arrow only
    // where it is (QHeaderView would keep it on every column).
    const QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics headerFont(header->font());
    const int padding = style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header) * 2 + 8;
    for (int column = 0; column < LibrariesModel::ColumnCount; ++column) {
        const int words =
            headerFont.horizontalAdvance(m_filter->headerData(column, Qt::Horizontal).toString())
            + padding + (header->sortIndicatorSection() == column ? headerFont.height() + 4 : 0);
        // (QTableView hides the cells' hint; its base offers it.)
        const int cells =
            static_cast<const QAbstractItemView *>(m_table)->sizeHintForColumn(column);
        m_table->setColumnWidth(column, std::max(cells, words));
    }
    // A long name is elided (in its middle, where names differ) rather than
    // pushing the figures out of view.
    const int library = LibrariesModel::LibraryColumn;
    int others = 0;
    for (int column = 0; column < LibrariesModel::ColumnCount; ++column) {
        if (column != library && !m_table->isColumnHidden(column))
            others += m_table->columnWidth(column);
    }
    const int chars = fontMetrics().averageCharWidth();
    const int room = m_table->viewport()->width() - others;
    // Never so narrow that names cannot be told apart: the last columns
    // scroll into view then (or are hidden from the header's menu).
    // Room to spare goes to the names too, so that the table fills the page.
    m_table->setColumnWidth(library, std::max(room, chars * 22));
    m_fitting = false;
}

void LibrariesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Read while someone looks, politely (see LibrariesModel::Budget).
    m_model->setBackgroundRefresh(true);
    updateSummary();
}

void LibrariesView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

void LibrariesView::hideEvent(QHideEvent *event)
{
    m_model->setBackgroundRefresh(false);
    QWidget::hideEvent(event);
}
