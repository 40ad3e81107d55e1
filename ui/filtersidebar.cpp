#include "ui/filtersidebar.h"

#include "ui/statestyle.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int statesRole = Qt::UserRole + 1; // int bit mask of TaskState
constexpr int countRole = Qt::UserRole + 2;
constexpr int connectionRole = Qt::UserRole + 3;

int maskOf(const QSet<TaskState> &states)
{
    int mask = 0;
    for (TaskState state : states)
        mask |= 1 << int(state);
    return mask;
}

QSet<TaskState> statesOf(int mask)
{
    QSet<TaskState> states;
    for (int i = 0; i < TaskStates::count; ++i) {
        if (mask & (1 << i))
            states.insert(TaskState(i));
    }
    return states;
}

// Draws the item as usual and its count right-aligned in a muted colour, as
// mail clients show unread counts.
class CountDelegate final : public QStyledItemDelegate
{
    Q_DISABLE_COPY_MOVE(CountDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QVariant count = index.data(countRole);
        QString countText;
        if (count.isValid())
            countText = QLocale().toString(count.toInt());
        const int countWidth =
            countText.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(countText) + 12;
        opt.rect.setRight(opt.rect.right() - countWidth);
        // Background and selection span the whole row.
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        background.icon = QIcon();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
        opt.backgroundBrush = Qt::NoBrush;
        opt.state &= ~QStyle::State_HasFocus;
        // Only the text and icon; the row was painted above.
        QStyleOptionViewItem content = opt;
        content.state &= ~QStyle::State_Selected;
        // The icon's selected form stays visible on the selection colour.
        if (option.state & QStyle::State_Selected)
            content.icon = QIcon(content.icon.pixmap(content.decorationSize, QIcon::Selected));
        content.palette.setColor(QPalette::Text,
            (option.state & QStyle::State_Selected)
                ? option.palette.color(QPalette::HighlightedText)
                : option.palette.color(QPalette::Text));
        style->drawControl(QStyle::CE_ItemViewItem, &content, painter, widget);
        // The style draws no focus mark over the selection colour: with the
        // keyboard in this list, its current row gets a visible frame.
        if ((option.state & QStyle::State_HasFocus) && widget && widget->hasFocus()) {
            painter->save();
            painter->setPen(QPen((option.state & QStyle::State_Selected)
                    ? option.palette.color(QPalette::HighlightedText)
                    : option.palette.color(QPalette::Highlight),
                2));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5));
            painter->restore();
        }
        if (countText.isEmpty())
            return;
        painter->save();
        const bool selected = option.state & QStyle::State_Selected;
        painter->setPen(selected ? option.palette.color(QPalette::HighlightedText)
                                 : option.palette.color(QPalette::PlaceholderText));
        const QRect countRect(option.rect.right() - countWidth, option.rect.top(), countWidth - 6,
            option.rect.height());
        painter->drawText(countRect, Qt::AlignRight | Qt::AlignVCenter, countText);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
        return size;
    }
};

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(6, 6, 6, 2);
    return label;
}

void setupList(QListWidget *list)
{
    list->setFrameShape(QFrame::NoFrame);
    list->setUniformItemSizes(true);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->setItemDelegate(new CountDelegate(list));
    list->setIconSize(QSize(16, 16));
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setTextElideMode(Qt::ElideRight);
}

} // namespace

FilterSidebar::FilterSidebar(StateStyle *style, QWidget *parent)
    : QWidget(parent)
    , m_style(style)
    , m_states(new QListWidget(this))
    , m_connections(new QListWidget(this))
{
    setupList(m_states);
    setupList(m_connections);
    m_states->setObjectName(u"stateList"_s);
    m_connections->setObjectName(u"connectionList"_s);
    m_states->setAccessibleName(tr("State filters"));
    m_connections->setAccessibleName(tr("Connection filters"));
    m_connections->setContextMenuPolicy(Qt::CustomContextMenu);

    const QList<QSet<TaskState>> all = presets();
    for (const QSet<TaskState> &states : all) {
        auto *item = new QListWidgetItem(presetLabel(states), m_states);
        item->setData(statesRole, maskOf(states));
        item->setData(countRole, 0);
    }
    // Fit the list to its rows: it never scrolls.
    m_states->setFixedHeight(m_states->sizeHintForRow(0) * m_states->count() + 4);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    const QString counted = tr("Each number is how many tasks picking the entry would show, "
                               "with the filter box and the other list as they are.");
    layout->addWidget(heading(tr("Tasks"), this));
    layout->addWidget(m_states);
    layout->addWidget(heading(tr("Connections"), this));
    for (QWidget *list : {static_cast<QWidget *>(m_states), static_cast<QWidget *>(m_connections)})
        list->setToolTip(counted);
    layout->addWidget(m_connections, 1);
    setMinimumWidth(120);

    m_states->setCurrentRow(0);
    auto *allConnections = new QListWidgetItem(tr("All connections"), m_connections);
    allConnections->setData(connectionRole, qint64(0));
    allConnections->setData(countRole, 0);
    m_connections->setCurrentRow(0);

    connect(m_states, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!m_updating && item)
            Q_EMIT stateFilterChanged(statesOf(item->data(statesRole).toInt()));
    });
    connect(m_connections, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!m_updating && item)
            Q_EMIT connectionFilterChanged(item->data(connectionRole).toLongLong());
    });
    connect(
        m_connections, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
            const QListWidgetItem *item = m_connections->itemAt(position);
            const qint64 id = item ? item->data(connectionRole).toLongLong() : 0;
            if (id != 0)
                Q_EMIT connectionMenuRequested(
                    id, m_connections->viewport()->mapToGlobal(position));
        });
    if (style)
        connect(style, &StateStyle::changed, this, &FilterSidebar::restyle);
    restyle();
}

QList<QSet<TaskState>> FilterSidebar::presets()
{
    const QList<TaskState> attention = TaskStates::attentionStates();
    return {
        {},
        {TaskState::Queued, TaskState::Running},
        QSet<TaskState>(attention.cbegin(), attention.cend()),
        {TaskState::Queued},
        {TaskState::Running},
        {TaskState::Succeeded},
        {TaskState::SucceededNoResult},
        {TaskState::Failed},
        {TaskState::PartlyFailed},
        {TaskState::NotFound},
        {TaskState::Unknown},
    };
}

QString FilterSidebar::presetLabel(const QSet<TaskState> &states)
{
    if (states.isEmpty())
        return tr("All tasks");
    if (states == QSet<TaskState> {TaskState::Queued, TaskState::Running})
        return tr("Unfinished");
    if (states.size() > 1
        && std::all_of(states.cbegin(), states.cend(), TaskStates::needsAttention))
        return tr("Needs attention");
    if (states.size() == 1)
        return TaskStates::label(*states.cbegin());
    return {};
}

void FilterSidebar::restyle()
{
    if (!m_style)
        return;
    // "All tasks" gets an empty icon of the same size so the labels line up.
    QPixmap blank(16, 16);
    blank.fill(Qt::transparent);
    for (int row = 0; row < m_states->count(); ++row) {
        QListWidgetItem *item = m_states->item(row);
        const QSet<TaskState> states = statesOf(item->data(statesRole).toInt());
        if (states.size() == 1)
            item->setIcon(m_style->icon(*states.cbegin()));
        else if (states.isEmpty())
            item->setIcon(QIcon(blank));
        else if (states.contains(TaskState::Failed))
            item->setIcon(m_style->icon(TaskState::Failed));
        else
            item->setIcon(m_style->icon(TaskState::Running));
    }
}

int FilterSidebar::countShown(const QSet<TaskState> &states) const
{
    const QListWidgetItem *item = itemFor(states);
    return item ? item->data(countRole).toInt() : -1;
}

void FilterSidebar::setCounts(const TaskStates::Counts &counts)
{
    m_counts = counts;
    for (int row = 0; row < m_states->count(); ++row) {
        QListWidgetItem *item = m_states->item(row);
        const int mask = item->data(statesRole).toInt();
        int total = 0;
        for (int i = 0; i < TaskStates::count; ++i) {
            if (mask == 0 || (mask & (1 << i)))
                total += counts.at(size_t(i));
        }
        if (item->data(countRole).toInt() != total)
            item->setData(countRole, total);
    }
}

void FilterSidebar::setConnections(const QList<ConnectionEntry> &connections)
{
    // Update in place so the selection and the scroll position stay.
    m_updating = true;
    const qint64 selected = connectionFilter();
    while (m_connections->count() > connections.size() + 1)
        delete m_connections->takeItem(m_connections->count() - 1);
    for (qsizetype i = 0; i < connections.size(); ++i) {
        const ConnectionEntry &entry = connections.at(i);
        QListWidgetItem *item = m_connections->item(int(i) + 1);
        if (!item)
            item = new QListWidgetItem(m_connections);
        item->setText(entry.name);
        item->setIcon(entry.icon);
        item->setToolTip(entry.toolTip);
        item->setData(connectionRole, entry.id);
        item->setData(countRole, m_connectionCounts.value(entry.id));
    }
    m_updating = false;
    if (connectionFilter() != selected || !m_connections->currentItem())
        setConnectionFilter(selected);
}

void FilterSidebar::setConnectionCounts(const QHash<qint64, int> &counts)
{
    m_connectionCounts = counts;
    for (int row = 0; row < m_connections->count(); ++row) {
        QListWidgetItem *item = m_connections->item(row);
        const int count = counts.value(item->data(connectionRole).toLongLong());
        if (item->data(countRole) != QVariant(count))
            item->setData(countRole, count);
    }
}

QListWidgetItem *FilterSidebar::itemFor(const QSet<TaskState> &states) const
{
    const int mask = maskOf(states);
    for (int row = 0; row < m_states->count(); ++row) {
        if (m_states->item(row)->data(statesRole).toInt() == mask)
            return m_states->item(row);
    }
    return nullptr;
}

void FilterSidebar::setStateFilter(const QSet<TaskState> &states)
{
    QListWidgetItem *item = itemFor(states);
    m_states->setCurrentItem(item ? item : m_states->item(0));
}

QSet<TaskState> FilterSidebar::stateFilter() const
{
    const QListWidgetItem *item = m_states->currentItem();
    return item ? statesOf(item->data(statesRole).toInt()) : QSet<TaskState>();
}

void FilterSidebar::setConnectionFilter(qint64 connectionId)
{
    for (int row = 0; row < m_connections->count(); ++row) {
        if (m_connections->item(row)->data(connectionRole).toLongLong() == connectionId) {
            m_connections->setCurrentRow(row);
            return;
        }
    }
    m_connections->setCurrentRow(0);
}

qint64 FilterSidebar::connectionFilter() const
{
    const QListWidgetItem *item = m_connections->currentItem();
    return item ? item->data(connectionRole).toLongLong() : 0;
}
