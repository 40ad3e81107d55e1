#include "ui/taskfiltermodel.h"

#include "tasks/task.h"
#include "tasks/tasktablemodel.h"
#include "tasks/tasktypes.h"

#include <QIdentityProxyModel>
#include <QRegularExpression>

#include <optional>

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
    // Sorting and filtering read the tasks directly; the proxies in between
    // (styling) pass rows through one for one.
    m_tasks = nullptr;
    for (QAbstractItemModel *model = source; model && !m_tasks;) {
        m_tasks = qobject_cast<const TaskTableModel *>(model);
        auto *identity = qobject_cast<QIdentityProxyModel *>(model);
        model = identity ? identity->sourceModel() : nullptr;
    }
    refreshStateLabels();
    if (source) {
        m_sourceConnections << connect(
            source, &QAbstractItemModel::headerDataChanged, this, [this] {
                // A language change: the state words the filter matches change too.
                refreshStateLabels();
                if (!m_words.isEmpty())
                    invalidateFilter();
            });
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
    m_words.clear();
    const QStringList words = m_text.split(spaces, Qt::SkipEmptyParts);
    for (const QString &word : words) {
        // A word without letters ("12", "2026-11") has no case to fold: the
        // plain search is several times faster over 100,000 rows.
        const bool letters =
            std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetter(); });
        m_words.append({word, letters ? Qt::CaseInsensitive : Qt::CaseSensitive});
    }
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
    const Task *task = m_tasks ? m_tasks->taskAt(sourceRow) : nullptr;
    if (!task)
        return false;
    if (m_connectionId != 0 && task->key.connectionId != m_connectionId)
        return false;
    return matchesText(*task);
}

namespace {

// A number's decimal digits in `buffer`, without allocating: the filter reads
// every row on each keystroke.
QStringView decimal(qint64 value, std::array<char16_t, 24> &buffer)
{
    size_t at = buffer.size();
    const bool negative = value < 0;
    quint64 rest = negative ? 0 - quint64(value) : quint64(value);
    do {
        buffer[--at] = char16_t(u'0' + rest % 10);
        rest /= 10;
    } while (rest != 0);
    if (negative)
        buffer[--at] = u'-';
    return QStringView(buffer.data() + at, qsizetype(buffer.size() - at));
}

} // namespace

bool TaskFilterModel::matchesText(const Task &task) const
{
    if (m_words.isEmpty())
        return true;
    std::array<char16_t, 24> idBuffer;
    std::array<char16_t, 24> statusBuffer;
    const QStringView id = decimal(task.key.taskId, idBuffer);
    const QStringView status = task.status ? decimal(task.status, statusBuffer) : QStringView();
    const QString &connection = m_tasks->connectionName(task.key.connectionId);
    const QString &state = m_stateLabels.at(size_t(task.state));
    // The path is joined from its segments: only when a word gets that far.
    std::optional<QString> path;
    for (const Word &word : std::as_const(m_words)) {
        // "#1003" asks for that task ID and nothing that merely contains it.
        if (word.text.size() > 1 && word.text.startsWith(u'#')) {
            if (id != QStringView(word.text).mid(1))
                return false;
            continue;
        }
        auto has = [&word](QStringView text) { return text.contains(word.text, word.cs); };
        if (has(id) || has(status) || has(state) || has(connection) || has(task.note))
            continue;
        // Only tasks whose type is known pay for its name.
        if (!task.taskType.isEmpty() && has(TaskTypes::label(task.taskType)))
            continue;
        if (!task.result)
            return false;
        if (has(task.result->srcInode) || has(task.result->dstInode))
            continue;
        if (!path)
            path = TaskTableModel::resultText(*task.result, TaskTableModel::PathColumn);
        if (!has(*path))
            return false;
    }
    return true;
}

bool TaskFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_tasks)
        return false;
    const Task *task = m_tasks->taskAt(sourceRow);
    if (!task)
        return false;
    if (!m_states.isEmpty() && !m_states.contains(task->state))
        return false;
    return matchesTextAndConnection(sourceRow);
}

bool TaskFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // The source shows the task model row for row (see setSourceModel).
    if (m_tasks)
        return m_tasks->rowLessThan(left.row(), right.row(), left.column());
    return QSortFilterProxyModel::lessThan(left, right);
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

void TaskFilterModel::refreshStateLabels()
{
    for (int state = 0; state < TaskStates::count; ++state)
        m_stateLabels[size_t(state)] = TaskStates::label(TaskState(state));
}

void TaskFilterModel::countsMayHaveChanged()
{
    m_countsDirty = true;
    m_countsTimer.start();
}

TaskStates::Counts TaskFilterModel::stateCounts() const
{
    if (m_countsDirty) {
        m_counts.fill(0);
        m_matching = 0;
        m_connectionCounts.clear();
        m_connectionCounts.insert(0, 0);
        auto add = [this](qint64 connection, TaskState state, int n) {
            if (m_connectionId == 0 || connection == m_connectionId) {
                m_counts[size_t(state)] += n;
                m_matching += n;
            }
            if (n != 0 && (m_states.isEmpty() || m_states.contains(state))) {
                m_connectionCounts[connection] += n;
                m_connectionCounts[0] += n;
            }
        };
        if (m_tasks && m_words.isEmpty()) {
            // No text to match: the table's own tally, no walk over the rows.
            const auto &tally = m_tasks->stateCountsByConnection();
            for (auto it = tally.cbegin(); it != tally.cend(); ++it) {
                for (int state = 0; state < TaskStates::count; ++state)
                    add(it.key(), TaskState(state), it.value().at(size_t(state)));
            }
        } else if (m_tasks) {
            const int rows = m_tasks->rowCount();
            // One walk for both lists: a state counts the tasks of the chosen
            // connection, a connection those in the chosen states.
            for (int row = 0; row < rows; ++row) {
                const Task *task = m_tasks->taskAt(row);
                if (task && matchesText(*task))
                    add(task->key.connectionId, task->state, 1);
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
