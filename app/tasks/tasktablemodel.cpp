#include "tasks/tasktablemodel.h"

#include "smh/redact.h"
#include "tasks/displaytext.h"

#include "tasks/taskstore.h"
#include "tasks/tasktypes.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Cells whose text depends on the state, status and result; a state change
// touches all of them.
QList<int> changedColumns(const Task &before, const Task &after)
{
    QList<int> columns;
    if (before.state != after.state)
        columns << TaskTableModel::StateColumn;
    if (before.status != after.status)
        columns << TaskTableModel::StatusColumn;
    if (before.lastPolledAt != after.lastPolledAt)
        columns << TaskTableModel::LastPolledColumn;
    if (before.finishedAt != after.finishedAt || before.addedAt != after.addedAt)
        columns << TaskTableModel::DurationColumn;
    if (before.result != after.result)
        columns << TaskTableModel::SourceInodeColumn << TaskTableModel::TargetInodeColumn
                << TaskTableModel::PathColumn;
    if (before.note != after.note)
        columns << TaskTableModel::NoteColumn;
    if (before.lastError != after.lastError)
        columns << TaskTableModel::StateColumn; // tooltip
    if (before.taskType != after.taskType || before.typedResult != after.typedResult)
        columns << TaskTableModel::TypeColumn;
    return columns;
}

} // namespace

TaskTableModel::TaskTableModel(const TaskStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    reloadConnectionNames();
    appendTasks(store->tasks());
    connect(store, &TaskStore::tasksAdded, this, &TaskTableModel::appendTasks);
    connect(store, &TaskStore::tasksChanged, this, &TaskTableModel::updateTasks);
    connect(store, &TaskStore::tasksRemoved, this, &TaskTableModel::removeTasks);
    connect(store, &TaskStore::connectionsChanged, this, [this] {
        reloadConnectionNames();
        if (!m_tasks.isEmpty())
            Q_EMIT dataChanged(index(0, ConnectionColumn), index(rowCount() - 1, ConnectionColumn),
                {Qt::DisplayRole, SortRole});
    });
}

int TaskTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int TaskTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Task *TaskTableModel::taskAt(int row) const
{
    return row >= 0 && row < m_tasks.size() ? &m_tasks.at(row) : nullptr;
}

QModelIndex TaskTableModel::indexOf(const TaskKey &key, int column) const
{
    const int row = rowOf(key);
    return row < 0 ? QModelIndex() : index(row, column);
}

QString TaskTableModel::formatDuration(qint64 seconds)
{
    if (seconds < 60)
        return tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QVariant TaskTableModel::displayData(const Task &task, int column) const
{
    switch (column) {
    case TaskIdColumn:
        return QString::number(task.key.taskId);
    case ConnectionColumn:
        return m_connectionNames.value(task.key.connectionId);
    case StateColumn:
        return TaskStates::label(task.state);
    case StatusColumn:
        return task.status && task.status != TaskStatusReport::statusUnreadable
            ? QString::number(task.status)
            : QString();
    case AddedColumn:
        return DisplayText::dateTime(task.addedAt);
    case LastPolledColumn:
        return DisplayText::dateTime(task.lastPolledAt);
    case DurationColumn:
        // As in the details pane: a dash says "unknown", an empty cell would say nothing.
        return task.durationKnown() ? formatDuration(task.runningSeconds(m_now()))
                                    : DisplayText::noValue();
    case SourceInodeColumn:
    case TargetInodeColumn:
    case PathColumn:
        return task.result ? resultText(*task.result, column) : QString();
    case NoteColumn:
        return task.note;
    case TypeColumn:
        return TaskTypes::label(task.taskType);
    }
    return {};
}

QString TaskTableModel::resultText(const TaskResult &result, int column)
{
    switch (column) {
    case SourceInodeColumn:
        return Redact::visible(result.srcInode);
    case TargetInodeColumn:
        return Redact::visible(result.dstInode);
    case PathColumn:
        return Redact::visible(result.summaryPath());
    default:
        return {};
    }
}

QVariant TaskTableModel::sortData(const Task &task, int column) const
{
    switch (column) {
    case TaskIdColumn:
        return task.key.taskId;
    case StateColumn:
        return int(task.state);
    case StatusColumn:
        return task.status;
    case AddedColumn:
        return task.addedAt;
    case LastPolledColumn:
        return task.lastPolledAt;
    case DurationColumn:
        return task.durationKnown() ? task.runningSeconds(m_now()) : -1;
    case TypeColumn:
        return task.taskType;
    default:
        return displayData(task, column);
    }
}

const QString &TaskTableModel::connectionName(qint64 connectionId) const
{
    static const QString none;
    const auto found = m_connectionNames.constFind(connectionId);
    return found == m_connectionNames.cend() ? none : *found;
}

bool TaskTableModel::rowLessThan(int left, int right, int column) const
{
    const Task &a = m_tasks.at(left);
    const Task &b = m_tasks.at(right);
    auto order = [](const auto &x, const auto &y) { return x < y ? -1 : (y < x ? 1 : 0); };
    auto text = [](const QString &x, const QString &y) {
        return QString::compare(x, y, Qt::CaseInsensitive);
    };
    int result = 0;
    switch (column) {
    case TaskIdColumn:
        break; // the tie-breaker below
    case ConnectionColumn:
        result = a.key.connectionId == b.key.connectionId
            ? 0
            : text(connectionName(a.key.connectionId), connectionName(b.key.connectionId));
        break;
    case StateColumn:
        result = order(int(a.state), int(b.state));
        break;
    case StatusColumn:
        result = order(a.status, b.status);
        break;
    case AddedColumn:
        result = order(a.addedAt, b.addedAt);
        break;
    case LastPolledColumn:
        result = order(a.lastPolledAt, b.lastPolledAt);
        break;
    case DurationColumn: {
        // The clock is read only when a running task is compared.
        const bool ticking = !a.isFinal() || !b.isFinal();
        const QDateTime now = ticking ? m_now() : QDateTime();
        auto seconds = [&now](const Task &task) {
            return task.durationKnown() ? task.runningSeconds(now) : qint64(-1);
        };
        result = order(seconds(a), seconds(b));
        break;
    }
    case SourceInodeColumn:
    case TargetInodeColumn:
    case PathColumn:
        if (a.result || b.result)
            result = text(a.result ? resultText(*a.result, column) : QString(),
                b.result ? resultText(*b.result, column) : QString());
        break;
    case NoteColumn:
        result = text(a.note, b.note);
        break;
    case TypeColumn:
        // SMH's names, not the translated ones: no look-up per comparison.
        result = text(a.taskType, b.taskType);
        break;
    default:
        break;
    }
    if (result != 0)
        return result < 0;
    if (a.key.taskId != b.key.taskId)
        return a.key.taskId < b.key.taskId;
    return a.key.connectionId < b.key.connectionId;
}

QVariant TaskTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Task &task = m_tasks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(task, index.column());
    case Qt::EditRole:
        return index.column() == NoteColumn ? QVariant(task.note)
                                            : displayData(task, index.column());
    case SortRole:
        return sortData(task, index.column());
    case StateRole:
        return int(task.state);
    case TaskKeyRole:
        return QVariant::fromValue(task.key);
    case ConnectionIdRole:
        return task.key.connectionId;
    case IsFinalRole:
        return task.isFinal();
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case TaskIdColumn:
        case StatusColumn:
        case DurationColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ToolTipRole:
        if (index.column() == StateColumn) {
            QStringList lines {TaskStates::explanation(task.state, task.status), task.lastError};
            lines.removeAll(QString());
            return lines.isEmpty() ? QVariant() : QVariant(lines.join(u"\n\n"_s));
        }
        if (index.column() == PathColumn && task.result) {
            if (task.result->shape == TaskResult::Shape::Batch)
                return task.result->itemCounts();
            if (task.result->shape == TaskResult::Shape::Conversion)
                return tr("Converted from: %1")
                    .arg(Redact::visible(TaskResult::joined(task.result->convertFrom)));
        }
        if (index.column() == TypeColumn && !task.typedResult.isEmpty()) {
            const QString outcome = TaskTypes::outcome(task.typedResult);
            return outcome.isEmpty() ? QVariant() : QVariant(outcome);
        }
        if (index.column() == DurationColumn && !task.durationKnown())
            return tr("Unknown: the task had already ended when it was first polled.");
        return {};
    default:
        return {};
    }
}

QVariant TaskTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == TaskIdColumn || section == StatusColumn || section == DurationColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TaskIdColumn:
        return tr("Task ID");
    case ConnectionColumn:
        return tr("Connection");
    case StateColumn:
        return tr("State");
    case StatusColumn:
        return tr("Code", "SMH status code");
    case AddedColumn:
        return tr("Added");
    case LastPolledColumn:
        return tr("Last polled");
    case DurationColumn:
        return tr("Running for");
    case SourceInodeColumn:
        return tr("Source inode");
    case TargetInodeColumn:
        return tr("Target inode");
    case PathColumn:
        return tr("Path");
    case NoteColumn:
        return tr("Note");
    case TypeColumn:
        return tr("Type", "kind of task");
    }
    return {};
}

Qt::ItemFlags TaskTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NoteColumn && m_noteWriter)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool TaskTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != NoteColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid) || !m_noteWriter)
        return false;
    // The store announces the change; updateTasks() then updates the row.
    return m_noteWriter(m_tasks.at(index.row()).key, value.toString().trimmed());
}

void TaskTableModel::appendTasks(const QList<Task> &tasks)
{
    QList<Task> fresh;
    fresh.reserve(tasks.size());
    for (const Task &task : tasks) {
        if (!m_rowOf.contains(task.key))
            fresh.append(task);
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_tasks.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Task &task : std::as_const(fresh))
        ++m_counts[task.key.connectionId][size_t(task.state)];
    m_tasks.append(fresh);
    rebuildRowIndex(first);
    endInsertRows();
}

void TaskTableModel::updateTasks(const QList<Task> &tasks)
{
    // Collect changed columns per row, then report contiguous rows with the
    // same column span as one range.
    struct Change
    {
        int row;
        int firstColumn;
        int lastColumn;
    };
    QList<Change> changes;
    for (const Task &task : tasks) {
        const int row = m_rowOf.value(task.key, -1);
        if (row < 0)
            continue;
        const QList<int> columns = changedColumns(m_tasks.at(row), task);
        if (m_tasks.at(row).state != task.state) {
            TaskStates::Counts &counts = m_counts[task.key.connectionId];
            --counts[size_t(m_tasks.at(row).state)];
            ++counts[size_t(task.state)];
        }
        m_tasks[row] = task;
        if (columns.isEmpty())
            continue;
        const auto [lo, hi] = std::minmax_element(columns.cbegin(), columns.cend());
        changes.append({row, *lo, *hi});
    }
    std::sort(changes.begin(), changes.end(),
        [](const Change &a, const Change &b) { return a.row < b.row; });
    const QList<int> roles {
        Qt::DisplayRole, Qt::EditRole, SortRole, StateRole, IsFinalRole, Qt::ToolTipRole};
    // A poll answers for hundreds of tasks scattered over the table. Each
    // range costs a sorting proxy a pass over every row (and its view a
    // relayout), so beyond a few ranges one covering range is far cheaper:
    // the rows between are looked at once and found unchanged.
    constexpr qsizetype manyRanges = 16;
    qsizetype ranges = 0;
    for (qsizetype i = 0; i < changes.size() && ranges <= manyRanges; ++i) {
        if (i == 0 || changes.at(i).row != changes.at(i - 1).row + 1)
            ++ranges;
    }
    if (ranges > manyRanges) {
        int firstColumn = ColumnCount;
        int lastColumn = 0;
        for (const Change &change : std::as_const(changes)) {
            firstColumn = std::min(firstColumn, change.firstColumn);
            lastColumn = std::max(lastColumn, change.lastColumn);
        }
        Q_EMIT dataChanged(index(changes.constFirst().row, firstColumn),
            index(changes.constLast().row, lastColumn), roles);
        return;
    }
    for (qsizetype i = 0; i < changes.size();) {
        qsizetype j = i;
        int firstColumn = changes.at(i).firstColumn;
        int lastColumn = changes.at(i).lastColumn;
        while (j + 1 < changes.size() && changes.at(j + 1).row == changes.at(j).row + 1) {
            ++j;
            firstColumn = std::min(firstColumn, changes.at(j).firstColumn);
            lastColumn = std::max(lastColumn, changes.at(j).lastColumn);
        }
        Q_EMIT dataChanged(
            index(changes.at(i).row, firstColumn), index(changes.at(j).row, lastColumn), roles);
        i = j + 1;
    }
}

void TaskTableModel::removeTasks(const QList<TaskKey> &keys)
{
    QList<int> rows;
    rows.reserve(keys.size());
    for (const TaskKey &key : keys) {
        const int row = m_rowOf.value(key, -1);
        if (row >= 0)
            rows.append(row);
    }
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Remove contiguous blocks from the bottom up so earlier rows keep their numbers.
    qsizetype end = rows.size() - 1;
    while (end >= 0) {
        qsizetype start = end;
        while (start > 0 && rows.at(start - 1) == rows.at(start) - 1)
            --start;
        const int first = rows.at(start);
        const int last = rows.at(end);
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row) {
            const Task &task = m_tasks.at(row);
            m_rowOf.remove(task.key);
            TaskStates::Counts &counts = m_counts[task.key.connectionId];
            --counts[size_t(task.state)];
            if (std::all_of(counts.cbegin(), counts.cend(), [](int n) { return n == 0; }))
                m_counts.remove(task.key.connectionId);
        }
        m_tasks.remove(first, last - first + 1);
        endRemoveRows();
        end = start - 1;
    }
    rebuildRowIndex(rows.constFirst());
}

void TaskTableModel::rebuildRowIndex(int fromRow)
{
    for (int row = fromRow; row < m_tasks.size(); ++row)
        m_rowOf.insert(m_tasks.at(row).key, row);
}

void TaskTableModel::reloadConnectionNames()
{
    m_connectionNames.clear();
    if (!m_store)
        return;
    const QList<Connection> connections = m_store->connections();
    for (const Connection &connection : connections)
        m_connectionNames.insert(connection.id, connection.label());
}

void TaskTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_tasks.isEmpty())
        Q_EMIT dataChanged(
            index(0, StateColumn), index(rowCount() - 1, TypeColumn), {Qt::DisplayRole});
}
