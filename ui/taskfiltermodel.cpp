#include "ui/taskfiltermodel.h"

#include "tasks/task.h"
#include "tasks/tasktablemodel.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

constexpr int searchedColumns[] = {
    TaskTableModel::TaskIdColumn,
    TaskTableModel::ConnectionColumn,
    TaskTableModel::StateColumn,
    TaskTableModel::StatusColumn,
    TaskTableModel::SourceInodeColumn,
    TaskTableModel::TargetInodeColumn,
    TaskTableModel::PathColumn,
    TaskTableModel::NoteColumn,
    TaskTableModel::TypeColumn,
};

} // namespace

TaskFilterModel::TaskFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TaskTableModel::SortRole);
    setDynamicSortFilter(true);
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(0);
    connect(&m_countsTimer, &QTimer::timeout, this, &TaskFilterModel::countsChanged);
}

void TaskFilterModel::setSourceModel(QAbstractItemModel *source)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    QSortFilterProxyModel::setSourceModel(source);
    if (source) {
        auto dirty = [this] { countsMayHaveChanged(); };
        m_sourceConnections << connect(source, &QAbstractItemModel::rowsInserted, this, dirty)
                            << connect(source, &QAbstractItemModel::rowsRemoved, this, dirty)
                            << connect(source, &QAbstractItemModel::modelReset, this, dirty)
                            << connect(source, &QAbstractItemModel::layoutChanged, this, dirty)
                            << connect(source, &QAbstractItemModel::dataChanged, this,
                                   &TaskFilterModel::sourceDataChanged);
    }
    countsMayHaveChanged();
}

void TaskFilterModel::sourceDataChanged(
    const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    // Durations and poll times tick all the time; only a state or the text
    // of a searched column can move a count.
    if (roles.contains(TaskTableModel::StateRole)) {
        countsMayHaveChanged();
        return;
    }
    if (!roles.isEmpty() && !roles.contains(Qt::DisplayRole))
        return;
    for (int column : searchedColumns) {
        if (column >= topLeft.column() && column <= bottomRight.column()) {
            countsMayHaveChanged();
            return;
        }
    }
}

void TaskFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    static const QRegularExpression spaces(u"\\s+"_s);
    m_words = m_text.split(spaces, Qt::SkipEmptyParts);
    invalidateFilter();
    countsMayHaveChanged();
    Q_EMIT filterChanged();
}

void TaskFilterModel::setStateFilter(const QSet<TaskState> &states)
{
    if (states == m_states)
        return;
    m_states = states;
    invalidateFilter();
    countsMayHaveChanged(); // the connections' counts follow the state filter
    Q_EMIT filterChanged();
}

void TaskFilterModel::setConnectionFilter(qint64 connectionId)
{
    if (connectionId == m_connectionId)
        return;
    m_connectionId = connectionId;
    invalidateFilter();
    countsMayHaveChanged();
    Q_EMIT filterChanged();
}

bool TaskFilterModel::matchesTextAndConnection(int sourceRow) const
{
    if (m_connectionId != 0
        && sourceModel()->index(sourceRow, 0).data(TaskTableModel::ConnectionIdRole).toLongLong()
            != m_connectionId)
        return false;
    return matchesText(sourceRow);
}

bool TaskFilterModel::matchesText(int sourceRow) const
{
    const QAbstractItemModel *source = sourceModel();
    for (const QString &word : m_words) {
        // "#1003" asks for that task ID and nothing that merely contains it.
        if (word.size() > 1 && word.startsWith(u'#')) {
            if (source->index(sourceRow, TaskTableModel::TaskIdColumn).data().toString()
                != QStringView(word).mid(1))
                return false;
            continue;
        }
        bool found = false;
        for (int column : searchedColumns) {
            if (source->index(sourceRow, column)
                    .data()
                    .toString()
                    .contains(word, Qt::CaseInsensitive)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

bool TaskFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !sourceModel())
        return false;
    if (!m_states.isEmpty()) {
        const auto state =
            TaskState(sourceModel()->index(sourceRow, 0).data(TaskTableModel::StateRole).toInt());
        if (!m_states.contains(state))
            return false;
    }
    return matchesTextAndConnection(sourceRow);
}

bool TaskFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.userType() == QMetaType::QString && b.userType() == QMetaType::QString) {
        const int order = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
        if (order != 0)
            return order < 0;
    } else {
        const QPartialOrdering order = QVariant::compare(a, b);
        if (order == QPartialOrdering::Less)
            return true;
        if (order == QPartialOrdering::Greater)
            return false;
    }
    // Equal (or incomparable) values: the task decides, so rows never swap
    // places just because something else in the table changed.
    const auto leftKey =
        sourceModel()->index(left.row(), 0).data(TaskTableModel::TaskKeyRole).value<TaskKey>();
    const auto rightKey =
        sourceModel()->index(right.row(), 0).data(TaskTableModel::TaskKeyRole).value<TaskKey>();
    if (leftKey.taskId != rightKey.taskId)
        return leftKey.taskId < rightKey.taskId;
    return leftKey.connectionId < rightKey.connectionId;
}

QVariant TaskFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QSortFilterProxyModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole && section == TaskTableModel::DurationColumn)
        return tr("Duration");
    if (role != Qt::ToolTipRole)
        return QSortFilterProxyModel::headerData(section, orientation, role);
    switch (section) {
    case TaskTableModel::TaskIdColumn:
        return tr("The task ID SMH returned when the task was started");
    case TaskTableModel::ConnectionColumn:
        return tr("The library (and space) the task belongs to");
    case TaskTableModel::StateColumn:
        return tr("What the last answer from SMH said");
    case TaskTableModel::StatusColumn:
        return tr("The status code SMH sent: 202 running, 200 done, 204 done without details, 500 "
                  "failed; empty before the first answer and for tasks SMH does not know");
    case TaskTableModel::AddedColumn:
        return tr("When the task was added to the monitor");
    case TaskTableModel::LastPolledColumn:
        return tr("When SMH was last asked about the task");
    case TaskTableModel::DurationColumn:
        return tr("Running for (unfinished tasks) or finished in (final tasks), counted from when "
                  "it was added");
    case TaskTableModel::SourceInodeColumn:
        return tr("srcInode from the task's result");
    case TaskTableModel::TargetInodeColumn:
        return tr("dstInode from the task's result");
    case TaskTableModel::PathColumn:
        return tr("The result path; the tooltip of a cell shows what it was converted from");
    case TaskTableModel::NoteColumn:
        return tr("Your note; double-click or press F2 to edit");
    case TaskTableModel::TypeColumn:
        return tr("The kind of task, from SMH's Query Task v2 (asked once per task, when it ends "
                  "or is shown); empty while unknown or where the server has no v2");
    }
    return {};
}

void TaskFilterModel::countsMayHaveChanged()
{
    m_countsDirty = true;
    m_countsTimer.start();
}

TaskFilterModel::StateCounts TaskFilterModel::stateCounts() const
{
    if (m_countsDirty) {
        m_counts.fill(0);
        m_matching = 0;
        m_connectionCounts.clear();
        m_connectionCounts.insert(0, 0);
        if (const QAbstractItemModel *source = sourceModel()) {
            const int rows = source->rowCount();
            // One walk for both lists: a state counts the tasks of the chosen
            // connection, a connection those in the chosen states.
            for (int row = 0; row < rows; ++row) {
                if (!matchesText(row))
                    continue;
                const QModelIndex index = source->index(row, 0);
                const int state = index.data(TaskTableModel::StateRole).toInt();
                const qint64 connection = index.data(TaskTableModel::ConnectionIdRole).toLongLong();
                if (m_connectionId == 0 || connection == m_connectionId) {
                    if (state >= 0 && state < TaskStates::count)
                        ++m_counts[size_t(state)];
                    ++m_matching;
                }
                if (m_states.isEmpty() || m_states.contains(TaskState(state))) {
                    ++m_connectionCounts[connection];
                    ++m_connectionCounts[0];
                }
            }
        }
        m_countsDirty = false;
    }
    return m_counts;
}

QHash<qint64, int> TaskFilterModel::connectionCounts() const
{
    stateCounts();
    return m_connectionCounts;
}

int TaskFilterModel::matchingCount() const
{
    stateCounts();
    return m_matching;
}
