#pragma once

#include "tasks/task.h"

#include <QTableView>

class QMenu;

// The task table: rows selected whole, sorting on the header, a header
// context menu to show and hide columns, copying of the selected rows as
// tab-separated text, and a hint painted over the empty table.
class TaskTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskTableView)

public:
    explicit TaskTableView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    // Header state as saved by saveHeaderState(); returns false (and keeps
    // the defaults) when the data is not a usable header state.
    bool restoreHeaderState(const QByteArray &state);
    QByteArray saveHeaderState() const;
    // Default columns; a narrow table (expected width in pixels) shows fewer.
    void resetColumns(int expectedWidth = 0);

    // Fills `menu` with one checkable entry per column.
    void populateColumnMenu(QMenu *menu);

    // Actions for the row context menu (the view does not own them).
    void setRowActions(const QList<QAction *> &actions) { m_rowActions = actions; }

    QList<TaskKey> selectedTaskKeys() const;
    std::optional<TaskKey> currentTaskKey() const;
    // The tasks of the rows in view whose type is not known yet, top first,
    // at most `max`.
    QList<TaskKey> visibleTasksWithoutType(int max) const;
    bool selectTask(const TaskKey &key);

    // The visible columns of the selected rows, in view order, as TSV.
    QString selectedRowsAsText() const;
    void copySelectedRows();
    // Repaints one column's visible cells: how a cell whose text follows the
    // clock (a running task's duration) stays current without the model
    // announcing every row each second.
    void repaintColumn(int column);

    // Shown over the viewport while the table has no rows: `whenEmpty` when
    // nothing is watched, `whenFiltered` when the filter hides every task.
    // The view takes ownership.
    void setEmptyStates(QWidget *whenEmpty, QWidget *whenFiltered);

Q_SIGNALS:
    void copied(int rows);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    QItemSelectionModel::SelectionFlags selectionCommand(
        const QModelIndex &index, const QEvent *event = nullptr) const override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyDefaultColumns(int expectedWidth = 0);
    void stretchPath();
    // After a column is shown or hidden: the others give way, down to their
    // titles, until the path has room and nothing is off to the side.
    void fitColumns();
    void readStateWhole(int room);
    void showHeaderMenu(const QPoint &position);

    QList<QAction *> m_rowActions;
    void updateEmptyState();

    QWidget *m_whenEmpty = nullptr;
    QWidget *m_whenFiltered = nullptr;
};
