#include "ui/tasktableview.h"

#include "tasks/tasktablemodel.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>

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
        const QDateTime local = when.toLocalTime();
        if (local.date() == QDate::currentDate())
            return locale.toString(local.time(), u"HH:mm:ss"_s);
        return locale.toString(local, QLocale::ShortFormat);
    }

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant raw = index.data(TaskTableModel::SortRole);
        option->text = raw.toDateTime().isValid() ? displayText(raw, option->locale) : QString();
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
    setTextElideMode(Qt::ElideMiddle);
    setEditTriggers(DoubleClicked | EditKeyPressed | SelectedClicked);
    setHorizontalScrollMode(ScrollPerPixel);
    setVerticalScrollMode(ScrollPerPixel);
    setIconSize(QSize(16, 16));
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(header, &QHeaderView::customContextMenuRequested, this, &TaskTableView::showHeaderMenu);
    auto *times = new TimeDelegate(this);
    setItemDelegateForColumn(TaskTableModel::AddedColumn, times);
    setItemDelegateForColumn(TaskTableModel::LastPolledColumn, times);
}

void TaskTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    applyDefaultColumns();
    if (model) {
        // The hint over the empty table follows the row count.
        auto repaint = [this] { viewport()->update(); };
        connect(model, &QAbstractItemModel::rowsInserted, this, repaint);
        connect(model, &QAbstractItemModel::rowsRemoved, this, repaint);
        connect(model, &QAbstractItemModel::modelReset, this, repaint);
        connect(model, &QAbstractItemModel::layoutChanged, this, repaint);
    }
}

void TaskTableView::applyDefaultColumns()
{
    QHeaderView *header = horizontalHeader();
    const QFontMetrics metrics = fontMetrics();
    auto width = [&metrics](const QString &sample, int extra = 24) {
        return metrics.horizontalAdvance(sample) + extra;
    };
    const QString sampleTime = QLocale().toString(QTime(23, 58, 58), u"HH:mm:ss"_s);
    const struct
    {
        int column;
        int width;
        bool hidden;
    } defaults[] = {
        {TaskTableModel::TaskIdColumn, width(u"00000000"_s), false},
        {TaskTableModel::ConnectionColumn, width(u"library-name/space"_s, 36), false},
        {TaskTableModel::StateColumn, width(TaskStates::label(TaskState::SucceededNoResult), 40),
            false},
        {TaskTableModel::StatusColumn, width(tr("Status")), false},
        {TaskTableModel::AddedColumn, width(sampleTime), true},
        {TaskTableModel::LastPolledColumn, width(sampleTime), false},
        {TaskTableModel::DurationColumn, width(u"59 min 59 s"_s), false},
        {TaskTableModel::SourceInodeColumn, width(u"0123456789abcdef"_s), true},
        {TaskTableModel::TargetInodeColumn, width(u"0123456789abcdef"_s), true},
        {TaskTableModel::PathColumn, width(u"folder/subfolder/a-longer-file-name.pdf"_s), false},
        {TaskTableModel::NoteColumn, width(u"a short note"_s), false},
    };
    for (const auto &column : defaults) {
        if (column.column >= header->count())
            continue;
        header->moveSection(header->visualIndex(column.column), column.column);
        header->resizeSection(column.column, column.width);
        header->setSectionHidden(column.column, column.hidden);
    }
    header->setSortIndicator(TaskTableModel::TaskIdColumn, Qt::AscendingOrder);
}

void TaskTableView::resetColumns()
{
    applyDefaultColumns();
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
        connect(action, &QAction::toggled, this, [header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            if (shown && header->sectionSize(column) < header->minimumSectionSize() * 2)
                header->resizeSection(column, header->defaultSectionSize());
        });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Reset Columns")), &QAction::triggered, this,
        &TaskTableView::resetColumns);
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
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (!header->isSectionHidden(column))
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

void TaskTableView::setEmptyText(const QString &whenEmpty, const QString &whenFiltered)
{
    m_whenEmpty = whenEmpty;
    m_whenFiltered = whenFiltered;
    viewport()->update();
}

void TaskTableView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (!model() || model()->rowCount() > 0)
        return;
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    const bool filtered = proxy && proxy->sourceModel() && proxy->sourceModel()->rowCount() > 0;
    const QString text = filtered ? m_whenFiltered : m_whenEmpty;
    if (text.isEmpty())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, text);
}
