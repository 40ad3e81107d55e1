#include "ui/styledtaskmodel.h"

#include "tasks/tasktablemodel.h"

using namespace Qt::StringLiterals;

StyledTaskModel::StyledTaskModel(StateStyle *style, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_style(style)
{
    connect(style, &StateStyle::changed, this, &StyledTaskModel::announceStyle);
}

const QList<int> &StyledTaskModel::styleRoles()
{
    static const QList<int> roles {Qt::DecorationRole, Qt::ForegroundRole, Qt::BackgroundRole};
    return roles;
}

void StyledTaskModel::setSourceModel(QAbstractItemModel *source)
{
    disconnect(m_sourceConnection);
    QIdentityProxyModel::setSourceModel(source);
    if (source)
        m_sourceConnection = connect(
            source, &QAbstractItemModel::dataChanged, this, &StyledTaskModel::forwardStateChange);
}

void StyledTaskModel::forwardStateChange(
    const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    // The source speaks of StateRole; our colour roles follow from it and a
    // view listening for them by name must hear it too.
    if (!roles.isEmpty() && !roles.contains(TaskTableModel::StateRole))
        return;
    if (topLeft.column() > TaskTableModel::StateColumn
        || bottomRight.column() < TaskTableModel::StateColumn)
        return;
    Q_EMIT dataChanged(index(topLeft.row(), TaskTableModel::StateColumn),
        index(bottomRight.row(), TaskTableModel::StateColumn), styleRoles());
}

void StyledTaskModel::setConnectionTrouble(
    qint64 connectionId, StateStyle::Trouble trouble, const QString &message)
{
    const TroubleInfo info {trouble, trouble == StateStyle::Trouble::None ? QString() : message};
    if (m_trouble.value(connectionId) == info)
        return;
    if (trouble == StateStyle::Trouble::None)
        m_trouble.remove(connectionId);
    else
        m_trouble.insert(connectionId, info);
    announceConnection(connectionId);
}

StateStyle::Trouble StyledTaskModel::connectionTrouble(qint64 connectionId) const
{
    return m_trouble.value(connectionId).trouble;
}

void StyledTaskModel::announceStyle()
{
    const int rows = rowCount();
    if (rows == 0)
        return;
    Q_EMIT dataChanged(index(0, 0), index(rows - 1, columnCount() - 1), styleRoles());
}

void StyledTaskModel::announceConnection(qint64 connectionId)
{
    // Rows of one connection need not be adjacent: one range per run. The
    // state column's tooltip mentions the trouble too.
    static_assert(TaskTableModel::StateColumn == TaskTableModel::ConnectionColumn + 1);
    const int rows = rowCount();
    const QList<int> roles {Qt::DecorationRole, Qt::ForegroundRole, Qt::ToolTipRole};
    int first = -1;
    for (int row = 0; row <= rows; ++row) {
        const bool ours = row < rows
            && index(row, 0).data(TaskTableModel::ConnectionIdRole).toLongLong() == connectionId;
        if (ours && first < 0)
            first = row;
        if (!ours && first >= 0) {
            Q_EMIT dataChanged(index(first, TaskTableModel::ConnectionColumn),
                index(row - 1, TaskTableModel::StateColumn), roles);
            first = -1;
        }
    }
}

QVariant StyledTaskModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_style)
        return QIdentityProxyModel::data(index, role);
    const int column = index.column();
    if (column == TaskTableModel::StateColumn
        && (role == Qt::DecorationRole || role == Qt::ForegroundRole
            || role == Qt::BackgroundRole)) {
        const auto state =
            TaskState(QIdentityProxyModel::data(index, TaskTableModel::StateRole).toInt());
        if (role == Qt::DecorationRole)
            return m_style->icon(state);
        if (role == Qt::ForegroundRole)
            return m_style->foreground(state);
        return m_style->background(state);
    }
    if (column == TaskTableModel::ConnectionColumn
        && (role == Qt::DecorationRole || role == Qt::ForegroundRole || role == Qt::ToolTipRole)) {
        const qint64 connectionId =
            QIdentityProxyModel::data(index, TaskTableModel::ConnectionIdRole).toLongLong();
        const auto it = m_trouble.constFind(connectionId);
        if (it == m_trouble.cend())
            return QIdentityProxyModel::data(index, role);
        if (role == Qt::DecorationRole)
            return m_style->troubleIcon(it->trouble);
        if (role == Qt::ForegroundRole)
            return m_style->troubleColor();
        return it->message;
    }
    if (column == TaskTableModel::StateColumn && role == Qt::ToolTipRole) {
        // A state shown while its connection is in trouble may be stale: say so.
        const QVariant own = QIdentityProxyModel::data(index, role);
        const qint64 connectionId =
            QIdentityProxyModel::data(index, TaskTableModel::ConnectionIdRole).toLongLong();
        const auto it = m_trouble.constFind(connectionId);
        if (it == m_trouble.cend())
            return own;
        const QString note = tr("Not updated: %1").arg(it->message);
        return own.toString().isEmpty() ? note : own.toString() + u'\n' + note;
    }
    return QIdentityProxyModel::data(index, role);
}
