#pragma once

#include "smh/taskreply.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QIcon>

// The items of a batch task's result, one row each: path, outcome, error;
// failed items in the failure colour with its icon.
// A batch holds at most 1,000 items, so the whole list is held and reset
// when another task is shown.
class ResultItemModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultItemModel)

public:
    enum Column {
        PathColumn,
        OutcomeColumn,
        ErrorColumn,
        ColumnCount
    };

    enum Role {
        // What the columns sort on: an item that failed before one that did
        // not, then the text.
        SortRole = Qt::UserRole + 1,
        FailedRole,
    };

    explicit ResultItemModel(QObject *parent = nullptr);

    void setItems(const QList<TaskResultItem> &items);
    const QList<TaskResultItem> &items() const { return m_items; }
    // How a failed item looks: colour and icon (the text says it too).
    void setFailedLook(const QColor &colour, const QIcon &icon);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(const TaskResultItem &item, int column) const;

    QList<TaskResultItem> m_items;
    QColor m_failedColour;
    QIcon m_failedIcon;
};
