#include "history/cleanuplistmodel.h"

#include "tasks/displaytext.h"
#include "tasks/taskstate.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

QString size(const std::optional<qint64> &bytes)
{
    return bytes ? QLocale().formattedDataSize(*bytes, 1, QLocale::DataSizeIecFormat)
                 : DisplayText::noValue();
}

QVariant raw(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

CleanupListModel::CleanupListModel(HistoryLedger *ledger, QObject *parent)
    : QAbstractTableModel(parent)
    , m_ledger(ledger)
{
    connect(ledger, &HistoryLedger::cleanupsChanged, this, [this](const LibraryKey &library) {
        if (library == m_library)
            reload();
    });
}

void CleanupListModel::setLibrary(const LibraryKey &library)
{
    m_library = library;
    beginResetModel();
    m_records = m_ledger->cleanups(library);
    endResetModel();
}

void CleanupListModel::reload()
{
    const QList<CleanupRecord> records = m_ledger->cleanups(m_library);
    // New cleanups come first; the rest change in place.
    const qsizetype added = records.size() - m_records.size();
    if (added < 0) {
        setLibrary(m_library);
        return;
    }
    if (added > 0) {
        beginInsertRows({}, 0, int(added - 1));
        m_records = records;
        endInsertRows();
    } else {
        m_records = records;
    }
    if (!m_records.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_records.size() - 1), ColumnCount - 1),
            {Qt::DisplayRole, RawRole});
}

int CleanupListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int CleanupListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CleanupListModel::outcomeLabel(const CleanupRecord &record)
{
    if (record.isRunning())
        return TaskStates::label(TaskState::Running);
    return record.outcomeLabel();
}

QVariant CleanupListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CleanupRecord &r = m_records.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() >= DeletedColumn || index.column() == TaskColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    if (role == RawRole) {
        switch (index.column()) {
        case StartedColumn:
            return r.startedAt;
        case ConnectionColumn:
            return r.connectionName;
        case TaskColumn:
            return r.task.taskId;
        case OutcomeColumn:
            return r.outcome;
        case DeletedColumn:
            return raw(r.deleteCount);
        case BeforeColumn:
            return raw(r.usageBefore);
        case AfterColumn:
            return raw(r.usageAfter);
        case FreedColumn:
            return raw(r.freedBytes());
        }
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case StartedColumn:
        return DisplayText::dateTime(r.startedAt);
    case ConnectionColumn:
        return r.connectionName;
    case TaskColumn:
        return r.task.taskId != 0 ? QString::number(r.task.taskId) : DisplayText::noValue();
    case OutcomeColumn:
        if (role == Qt::ToolTipRole) {
            // Why it was refused or what to check, who ran it, what became of history.
            QStringList lines {outcomeLabel(r)};
            for (const QString &line : {r.detail, r.restoreOutcome, r.origin}) {
                if (!line.isEmpty())
                    lines << line;
            }
            return lines.join(u'\n');
        }
        return outcomeLabel(r);
    case DeletedColumn:
        return r.deleteCount ? QLocale().toString(*r.deleteCount) : DisplayText::noValue();
    case BeforeColumn:
        return size(r.usageBefore);
    case AfterColumn:
        return size(r.usageAfter);
    case FreedColumn:
        return size(r.freedBytes());
    }
    return {};
}

QVariant CleanupListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case ConnectionColumn:
        return tr("Connection");
    case TaskColumn:
        return tr("Task");
    case OutcomeColumn:
        return tr("Outcome");
    case DeletedColumn:
        return tr("Versions deleted");
    case BeforeColumn:
        return tr("Before");
    case AfterColumn:
        return tr("After");
    case FreedColumn:
        return tr("Freed");
    }
    return {};
}
