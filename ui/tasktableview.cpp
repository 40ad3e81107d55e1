#include "ui/tasktableview.h"

#include "tasks/displaytext.h"
#include "tasks/tasktablemodel.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Cells go into one line of TSV: tabs and line breaks would break it.
QString tsvCell(QString text)
{
    for (QChar &c : text) {
        if (c == u'\t' || c == u'\n' || c == u'\r')
            c = u' ';
    }
    return text;
}

// Times in the table: today's as a clock time with seconds (what an operator
// compares), older ones with their date. The model's text keeps the full
// form for copying; this only draws.
class TimeDelegate final : public QStyledItemDelegate
{
    Q_DISABLE_COPY_MOVE(TimeDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QString displayText(const QVariant &value, const QLocale &locale) const override
    {
        const QDateTime when = value.toDateTime();
        if (!when.isValid())
            return QStyledItemDelegate::displayText(value, locale);
        return DisplayText::compact(when, QDate::currentDate(), locale);
    }

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant raw = index.data(TaskTableModel::SortRole);
        option->text = raw.toDateTime().isValid() ? displayText(raw, option->locale) : QString();
    }
};

// Paths keep both ends when cut: the folder and the file name.
class PathDelegate final : public QStyledItemDelegate
{
    Q_DISABLE_COPY_MOVE(PathDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};

} // namespace

TaskTableView::TaskTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(SelectRows);
    setSelectionMode(ExtendedSelection);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setEditTriggers(DoubleClicked | EditKeyPressed | SelectedClicked);
    // Tab leaves the table for the next pane; arrows move inside it.
    setTabKeyNavigation(false);
    setHorizontalScrollMode(ScrollPerPixel);
    setVerticalScrollMode(ScrollPerPixel);
    setIconSize(QSize(16, 16));
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(header, &QHeaderView::customContextMenuRequested, this, &TaskTableView::showHeaderMenu);
    auto *times = new TimeDelegate(this);
    setItemDelegateForColumn(TaskTableModel::AddedColumn, times);
    setItemDelegateForColumn(TaskTableModel::LastPolledColumn, times);
    auto *paths = new PathDelegate(this);
    setItemDelegateForColumn(TaskTableModel::PathColumn, paths);
    setItemDelegateForColumn(TaskTableModel::SourceInodeColumn, paths);
    setItemDelegateForColumn(TaskTableModel::TargetInodeColumn, paths);
}

void TaskTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    applyDefaultColumns();
    if (model) {
        // The empty state over the table follows the row count.
        auto follow = [this] { updateEmptyState(); };
        connect(model, &QAbstractItemModel::rowsInserted, this, follow);
        connect(model, &QAbstractItemModel::rowsRemoved, this, follow);
        connect(model, &QAbstractItemModel::modelReset, this, follow);
        connect(model, &QAbstractItemModel::layoutChanged, this, follow);
    }
}

void TaskTableView::applyDefaultColumns(int expectedWidth)
{
    QHeaderView *header = horizontalHeader();
    const QFontMetrics metrics = fontMetrics();
    // Wide enough for the header, a typical value and the rows at hand
    // (a bounded look: the first rows only).
    header->setResizeContentsPrecision(200);
    auto width = [&metrics, this](int column, const QString &sample, int extra = 16) {
        const QString title =
            model() ? model()->headerData(column, Qt::Horizontal).toString() : QString();
        const int content = model() && model()->rowCount() > 0 ? sizeHintForColumn(column) : 0;
        return std::min(400,
            std::max({metrics.horizontalAdvance(sample) + extra,
                metrics.horizontalAdvance(title) + 16, content}));
    };
    const QString sampleTime = DisplayText::clock(QTime(23, 58, 58));
    const QString shortStateSample = TaskStates::label(TaskState::Succeeded);
    QString stateSample = shortStateSample;
    for (int state = 0; state < TaskStates::count; ++state) {
        const QString label = TaskStates::label(TaskState(state));
        if (metrics.horizontalAdvance(label) > metrics.horizontalAdvance(stateSample))
            stateSample = label;
    }
    // In the order they are shown: the task itself first, its kind beside
    // its state.
    struct Default
    {
        int column;
        int width;
        bool hidden;
    };
    Default defaults[] = {
        {TaskTableModel::TaskIdColumn, width(TaskTableModel::TaskIdColumn, u"00000000"_s), false},
        {TaskTableModel::ConnectionColumn,
            width(TaskTableModel::ConnectionColumn, u"library/space"_s, 30), false},
        {TaskTableModel::TypeColumn, width(TaskTableModel::TypeColumn, u"Batch delete"_s), false},
        {TaskTableModel::StateColumn, width(TaskTableModel::StateColumn, stateSample, 40), false},
        {TaskTableModel::StatusColumn, width(TaskTableModel::StatusColumn, u"000"_s), false},
        {TaskTableModel::AddedColumn, width(TaskTableModel::AddedColumn, sampleTime), true},
        {TaskTableModel::LastPolledColumn, width(TaskTableModel::LastPolledColumn, sampleTime),
            false},
        {TaskTableModel::DurationColumn, width(TaskTableModel::DurationColumn, u"9 min 59 s"_s),
            false},
        {TaskTableModel::SourceInodeColumn,
            width(TaskTableModel::SourceInodeColumn, u"0123456789abcdef"_s), true},
        {TaskTableModel::TargetInodeColumn,
            width(TaskTableModel::TargetInodeColumn, u"0123456789abcdef"_s), true},
        {TaskTableModel::PathColumn, width(TaskTableModel::PathColumn, u"folder/file.pdf"_s),
            false},
        {TaskTableModel::NoteColumn, width(TaskTableModel::NoteColumn, u"a short note"_s), false},
    };
    // A table too narrow for all of them lets go of what is said elsewhere,
    // in this order, until the path keeps room of its own: the code (the
    // state says it), the connection (sidebar, details), the type (details).
    if (expectedWidth > 0) {
        int total = 2 * metrics.horizontalAdvance(u"folder/file.pdf"_s);
        for (const Default &column : defaults) {
            if (!column.hidden && column.column != TaskTableModel::PathColumn)
                total += column.width;
        }
        // Before the type goes, the state column keeps room for the common
        // states only (the longest ones elide, whole in the tooltip and the
        // details).
        for (int letGo : {int(TaskTableModel::StatusColumn), int(TaskTableModel::ConnectionColumn),
                 -1, int(TaskTableModel::TypeColumn)}) {
            if (total <= expectedWidth)
                break;
            for (Default &column : defaults) {
                if (letGo < 0 && column.column == TaskTableModel::StateColumn) {
                    const int shorter = width(TaskTableModel::StateColumn, shortStateSample, 40);
                    total -= column.width - shorter;
                    column.width = shorter;
                } else if (column.column == letGo) {
                    column.hidden = true;
                    total -= column.width;
                }
            }
        }
    }
    int visual = 0;
    for (const Default &column : defaults) {
        if (column.column >= header->count())
            continue;
        header->moveSection(header->visualIndex(column.column), visual++);
        header->setSectionResizeMode(column.column, QHeaderView::Interactive);
        header->resizeSection(column.column, column.width);
        header->setSectionHidden(column.column, column.hidden);
    }
    stretchPath();
    header->setSortIndicator(TaskTableModel::TaskIdColumn, Qt::AscendingOrder);
}

void TaskTableView::stretchPath()
{
    // The path is what people look for: it takes the room the others leave,
    // so the table fits its width and the note stays in view.
    QHeaderView *header = horizontalHeader();
    if (header->count() > TaskTableModel::PathColumn) {
        header->setSectionResizeMode(TaskTableModel::PathColumn, QHeaderView::Stretch);
        header->setStretchLastSection(false);
    }
}

void TaskTableView::resetColumns(int expectedWidth)
{
    applyDefaultColumns(expectedWidth);
    // Once the view has its final width.
    QTimer::singleShot(0, this, &TaskTableView::fitColumns);
}

bool TaskTableView::restoreHeaderState(const QByteArray &state)
{
    QHeaderView *header = horizontalHeader();
    if (state.isEmpty() || !model())
        return false;
    const int columns = model()->columnCount();
    if (!header->restoreState(state) || header->count() != columns
        || header->hiddenSectionCount() >= columns) {
        applyDefaultColumns();
        return false;
    }
    // A column saved as zero wide would be invisible yet "shown".
    for (int column = 0; column < columns; ++column) {
        if (!header->isSectionHidden(column)
            && header->sectionSize(column) < header->minimumSectionSize())
            header->resizeSection(column, header->defaultSectionSize());
    }
    stretchPath();
    return true;
}

QByteArray TaskTableView::saveHeaderState() const
{
    return horizontalHeader()->saveState();
}

void TaskTableView::populateColumnMenu(QMenu *menu)
{
    menu->clear();
    QAbstractItemModel *source = model();
    if (!source)
        return;
    QHeaderView *header = horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction *action = menu->addAction(source->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last visible column stays: a table without columns is a trap.
        action->setEnabled(
            header->isSectionHidden(column) || header->count() - header->hiddenSectionCount() > 1);
        connect(action, &QAction::toggled, this, [this, header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            if (shown) {
                // Room for its title and a typical value, not a stale width.
                const int title = fontMetrics().horizontalAdvance(
                                      model()->headerData(column, Qt::Horizontal).toString())
                    + 24;
                const int content = model()->rowCount() > 0 ? sizeHintForColumn(column) : 0;
                header->resizeSection(column, std::clamp(content, title, std::max(title, 240)));
            }
            fitColumns();
        });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Reset Columns")), &QAction::triggered, this,
        [this] { resetColumns(viewport()->width()); });
}

void TaskTableView::fitColumns()
{
    QHeaderView *header = horizontalHeader();
    const int room = viewport()->width();
    if (room <= 0 || !model())
        return;
    // First the others give way down to their titles while the path keeps
    // room for a typical path; if that is not enough, down to a few
    // characters (the title elides, whole in the column menu) and the path
    // to a short one.
    const QFontMetrics metrics = fontMetrics();
    const int compact =
        std::max(header->minimumSectionSize(), metrics.horizontalAdvance(u"0000…"_s) + 16);
    auto titleOf = [this, &metrics](int column) {
        return metrics.horizontalAdvance(model()->headerData(column, Qt::Horizontal).toString())
            + 24;
    };
    int excess = 0;
    for (const bool tight : {false, true}) {
        const int pathRoom = tight ? 100 : 2 * metrics.horizontalAdvance(u"folder/file.pdf"_s);
        int others = 0;
        for (int column = 0; column < header->count(); ++column) {
            if (!header->isSectionHidden(column) && column != TaskTableModel::PathColumn)
                others += header->sectionSize(column);
        }
        excess = others + pathRoom - room;
        // The widest column that can give way gives a little at a time: a
        // dozen columns, a bounded number of steps.
        while (excess > 0) {
            int widest = -1;
            auto floorOf = [&](int column) { return tight ? compact : titleOf(column); };
            for (int column = 0; column < header->count(); ++column) {
                if (header->isSectionHidden(column) || column == TaskTableModel::PathColumn
                    || header->sectionSize(column) <= floorOf(column))
                    continue;
                if (widest < 0 || header->sectionSize(column) > header->sectionSize(widest))
                    widest = column;
            }
            if (widest < 0)
                break;
            const int size = header->sectionSize(widest);
            const int give = std::min({excess, size - floorOf(widest), std::max(4, size / 8)});
            header->resizeSection(widest, size - give);
            excess -= give;
        }
        if (excess <= 0)
            break;
    }
    readStateWhole(room);
}

void TaskTableView::readStateWhole(int room)
{
    // The state is read whole before a note column wider than its notes
    // keeps the rest, and before the path gets more than its least room.
    QHeaderView *header = horizontalHeader();
    if (header->isSectionHidden(TaskTableModel::StateColumn))
        return;
    const QFontMetrics metrics = fontMetrics();
    int others = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (!header->isSectionHidden(column) && column != TaskTableModel::PathColumn)
            others += header->sectionSize(column);
    }
    int longest = 0;
    for (int state = 0; state < TaskStates::count; ++state)
        longest = std::max(longest, metrics.horizontalAdvance(TaskStates::label(TaskState(state))));
    const int size = header->sectionSize(TaskTableModel::StateColumn);
    const int wanted = longest + 40; // icon and margins
    if (size >= wanted)
        return;
    // The path's least room, and the scroll bar's that rows still to come
    // may bring.
    const int scrollBar = verticalScrollBar()->isVisible()
        ? 0
        : style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    const int spare = std::max(0, room - others - 100 - scrollBar);
    int noteSlack = 0;
    if (!header->isSectionHidden(TaskTableModel::NoteColumn)) {
        const int notes = std::max(sizeHintForColumn(TaskTableModel::NoteColumn),
            metrics.horizontalAdvance(
                model()->headerData(TaskTableModel::NoteColumn, Qt::Horizontal).toString())
                + 24);
        noteSlack = std::max(0, header->sectionSize(TaskTableModel::NoteColumn) - notes);
    }
    const int fromNote = std::min(wanted - size, noteSlack);
    const int fromPath = std::min(wanted - size - fromNote, spare);
    if (fromNote > 0)
        header->resizeSection(
            TaskTableModel::NoteColumn, header->sectionSize(TaskTableModel::NoteColumn) - fromNote);
    if (fromPath + fromNote > 0)
        header->resizeSection(TaskTableModel::StateColumn, size + fromPath + fromNote);
}

void TaskTableView::showHeaderMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.setTitle(tr("Columns"));
    populateColumnMenu(&menu);
    menu.exec(horizontalHeader()->viewport()->mapToGlobal(position));
}

QList<TaskKey> TaskTableView::selectedTaskKeys() const
{
    QList<TaskKey> keys;
    if (!selectionModel())
        return keys;
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &row : std::as_const(rows))
        keys << row.data(TaskTableModel::TaskKeyRole).value<TaskKey>();
    return keys;
}

std::optional<TaskKey> TaskTableView::currentTaskKey() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return current.siblingAtColumn(0).data(TaskTableModel::TaskKeyRole).value<TaskKey>();
}

QList<TaskKey> TaskTableView::visibleTasksWithoutType(int max) const
{
    QList<TaskKey> keys;
    QAbstractItemModel *m = model();
    if (!m || m->rowCount() == 0)
        return keys;
    const int first = std::max(0, rowAt(0));
    int last = rowAt(viewport()->height() - 1);
    if (last < 0)
        last = m->rowCount() - 1;
    for (int row = first; row <= last && keys.size() < max; ++row) {
        const QModelIndex type = m->index(row, TaskTableModel::TypeColumn);
        if (type.data().toString().isEmpty())
            keys << m->index(row, 0).data(TaskTableModel::TaskKeyRole).value<TaskKey>();
    }
    return keys;
}

bool TaskTableView::selectTask(const TaskKey &key)
{
    QAbstractItemModel *m = model();
    if (!m)
        return false;
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex index = m->index(row, 0);
        if (index.data(TaskTableModel::TaskKeyRole).value<TaskKey>() == key) {
            selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            scrollTo(index);
            return true;
        }
    }
    return false;
}

QString TaskTableView::selectedRowsAsText() const
{
    if (!selectionModel() || !model())
        return {};
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    const QHeaderView *header = horizontalHeader();
    // The task ID always comes first, shown or not: pasted into Add Tasks,
    // the rows give their IDs and nothing else.
    QList<int> columns {TaskTableModel::TaskIdColumn};
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (!header->isSectionHidden(column) && column != TaskTableModel::TaskIdColumn)
            columns << column;
    }
    QStringList lines;
    lines.reserve(rows.size());
    for (const QModelIndex &row : std::as_const(rows)) {
        QStringList cells;
        cells.reserve(columns.size());
        for (int column : std::as_const(columns))
            cells << tsvCell(row.siblingAtColumn(column).data().toString());
        lines << cells.join(u'\t');
    }
    return lines.isEmpty() ? QString() : lines.join(u'\n') + u'\n';
}

void TaskTableView::copySelectedRows()
{
    const QString text = selectedRowsAsText();
    if (text.isEmpty())
        return;
    QApplication::clipboard()->setText(text);
    Q_EMIT copied(int(text.count(u'\n')));
}

void TaskTableView::keyPressEvent(QKeyEvent *event)
{
    // QTableView would copy only the current cell; people expect the rows.
    if (event == QKeySequence::Copy) {
        copySelectedRows();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

QItemSelectionModel::SelectionFlags TaskTableView::selectionCommand(
    const QModelIndex &index, const QEvent *event) const
{
    // Ctrl with a move key (Ctrl+Down, Ctrl+End…) would move the focus and
    // leave the selection behind: the highlighted row, the details and the
    // actions would speak of different tasks. Ctrl+Space still toggles.
    if (event && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<const QKeyEvent *>(event);
        static const QList<int> moves {
            Qt::Key_Up, Qt::Key_Down, Qt::Key_Home, Qt::Key_End, Qt::Key_PageUp, Qt::Key_PageDown};
        if (key->modifiers() == Qt::ControlModifier && moves.contains(key->key()))
            return QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows;
    }
    return QTableView::selectionCommand(index, event);
}

void TaskTableView::contextMenuEvent(QContextMenuEvent *event)
{
    if (m_rowActions.isEmpty())
        return;
    QMenu menu(this);
    for (QAction *action : std::as_const(m_rowActions)) {
        if (action)
            menu.addAction(action);
        else
            menu.addSeparator();
    }
    menu.exec(event->globalPos());
}

void TaskTableView::setEmptyStates(QWidget *whenEmpty, QWidget *whenFiltered)
{
    delete m_whenEmpty;
    delete m_whenFiltered;
    m_whenEmpty = whenEmpty;
    m_whenFiltered = whenFiltered;
    for (QWidget *widget : {whenEmpty, whenFiltered}) {
        if (widget) {
            widget->setParent(viewport());
            widget->hide();
        }
    }
    updateEmptyState();
}

void TaskTableView::updateEmptyState()
{
    const bool empty = model() && model()->rowCount() == 0;
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    const bool filtered =
        empty && proxy && proxy->sourceModel() && proxy->sourceModel()->rowCount() > 0;
    QWidget *shown = !empty ? nullptr : filtered ? m_whenFiltered : m_whenEmpty;
    for (QWidget *widget : {m_whenEmpty, m_whenFiltered}) {
        if (!widget || widget == shown)
            continue;
        // Focus inside a hidden overlay would be lost: give it to the table.
        const bool hadFocus = widget->isAncestorOf(QApplication::focusWidget());
        widget->hide();
        if (hadFocus)
            setFocus();
    }
    if (!shown)
        return;
    const QRect area = viewport()->rect().adjusted(12, 12, -12, -12);
    const QSize size =
        shown->sizeHint().boundedTo(area.size()).expandedTo(QSize(std::min(area.width(), 360), 0));
    shown->setGeometry(QStyle::alignedRect(layoutDirection(), Qt::AlignCenter, size, area));
    shown->show();
    shown->raise();
}

void TaskTableView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    updateEmptyState();
}

void TaskTableView::repaintColumn(int column)
{
    if (isColumnHidden(column) || !model() || model()->rowCount() == 0)
        return;
    const int x = columnViewportPosition(column);
    viewport()->update(QRect(x, 0, columnWidth(column), viewport()->height()));
}
