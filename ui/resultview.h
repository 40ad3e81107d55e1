#pragma once

#include "smh/taskreply.h"

#include <QDialog>
#include <QPointer>
#include <QWidget>

#include <optional>

class BatchItemsView;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class StateStyle;

// The part of a task's result the details pane has no fields for: a batch's
// items under their counts ("998 done, 2 failed"), failures first, with a
// button that opens them in a window of their own; or any other shape as a
// read-only JSON tree. Hidden for conversions and for tasks without a result.
class ResultView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultView)

public:
    // A hostile result must not freeze the window: the tree stops here.
    static constexpr int maxTreeNodes = 2000;

    explicit ResultView(QWidget *parent = nullptr);

    void setStateStyle(StateStyle *style);
    // `title` names the task in the items window's title.
    void setResult(const SharedResult &result, const QString &title = {});
    // The items window, once opened (null before).
    QDialog *itemsWindow() const { return m_window; }
    void openItemsWindow();

Q_SIGNALS:
    void copied(const QString &what, const QString &value);

private:
    void fillTree(const QJsonValue &value);
    void addNode(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value, int *budget);

    void updateWindow();

    QLabel *m_counts;
    QPushButton *m_open;
    BatchItemsView *m_items;
    QTreeWidget *m_tree;
    StateStyle *m_style = nullptr;
    QPointer<QDialog> m_window;
    SharedResult m_result;
    QList<TaskResultItem> m_batchItems; // the shown batch's, read once
    QString m_title;
};
