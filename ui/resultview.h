#pragma once

#include "smh/taskreply.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;
class ResultItemModel;

// The part of a task's result the details pane has no fields for: a batch's
// items in a small table under their counts ("998 done, 2 failed"), or any
// other shape as a read-only JSON tree. Hidden for conversions and for tasks
// without a result.
class ResultView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultView)

public:
    // A hostile result must not freeze the window: the tree stops here.
    static constexpr int maxTreeNodes = 2000;

    explicit ResultView(QWidget *parent = nullptr);

    void setResult(const SharedResult &result);

private:
    void fillTree(const QJsonValue &value);
    void addNode(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value, int *budget);

    QLabel *m_counts;
    QTableView *m_items;
    ResultItemModel *m_model;
    QTreeWidget *m_tree;
    SharedResult m_result;
};
