#include "ui/resultitemmodel.h"

using namespace Qt::StringLiterals;

ResultItemModel::ResultItemModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ResultItemModel::setItems(const QList<TaskResultItem> &items)
{
    if (items == m_items)
        return;
    beginResetModel();
    m_items = items;
    endResetModel();
}

int ResultItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ResultItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ResultItemModel::setFailedLook(const QColor &colour, const QIcon &icon)
{
    m_failedColour = colour;
    m_failedIcon = icon;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
            {Qt::ForegroundRole, Qt::DecorationRole});
}

QString ResultItemModel::text(const TaskResultItem &item, int column) const
{
    switch (column) {
    case PathColumn: {
        const QString path = TaskResult::joined(item.displayPath());
        return path.isEmpty() ? tr("(no path)") : path;
    }
    case OutcomeColumn:
        if (!item.failed())
            return tr("Done");
        return item.status ? tr("Failed (%1)").arg(item.status) : tr("Failed");
    case ErrorColumn:
        if (item.code.isEmpty())
            return item.message;
        return item.message.isEmpty() ? item.code : u"%1: %2"_s.arg(item.code, item.message);
    default:
        return {};
    }
}

QVariant ResultItemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskResultItem &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return text(item, index.column());
    case SortRole:
        // Failures first whichever column sorts; a stable sort keeps the
        // batch's order among equals.
        return QString((item.failed() ? u'0' : u'1') + text(item, index.column()));
    case FailedRole:
        return item.failed();
    case Qt::ForegroundRole:
        if (item.failed() && m_failedColour.isValid())
            return m_failedColour;
        return {};
    case Qt::DecorationRole:
        if (item.failed() && index.column() == OutcomeColumn && !m_failedIcon.isNull())
            return m_failedIcon;
        return {};
    default:
        return {};
    }
}

QVariant ResultItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PathColumn:
        return tr("Path");
    case OutcomeColumn:
        return tr("Outcome");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}
