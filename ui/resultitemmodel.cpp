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

QVariant ResultItemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskResultItem &item = m_items.at(index.row());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case PathColumn:
        return TaskResult::joined(item.displayPath());
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
