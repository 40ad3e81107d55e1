#pragma once

#include "smh/taskreply.h"

#include <QAbstractTableModel>

// The items of a batch task's result, one row each: path, outcome, error.
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

    explicit ResultItemModel(QObject *parent = nullptr);

    void setItems(const QList<TaskResultItem> &items);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TaskResultItem> m_items;
};
