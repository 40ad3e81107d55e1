#pragma once

#include "smh/expected.h"
#include "smh/taskreply.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class ResultItemModel;
class StateStyle;

// A batch task's items where each can be found: failures first and in the
// failure colour, any column sorts, a filter over every column, "failed
// only", and the failed paths or every item taken away (clipboard, CSV).
// Used in the details pane and, with more room, in a window of its own.
class BatchItemsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchItemsView)

public:
    explicit BatchItemsView(QWidget *parent = nullptr);

    void setStateStyle(StateStyle *style);
    void setItems(const QList<TaskResultItem> &items);
    // The failed items' paths, one a line, in the batch's order.
    QString failedPaths() const;
    // Every item as CSV (path, outcome, status, code, message), one a row.
    static QByteArray toCsv(const QList<TaskResultItem> &items);
    static Expected<void> exportCsv(const QList<TaskResultItem> &items, const QString &path);

Q_SIGNALS:
    void copied(const QString &what, const QString &value);

protected:
    void changeEvent(QEvent *event) override;

private:
    void copyFailedPaths();
    void exportItems();
    void restyle();
    void updateShown();

    StateStyle *m_style = nullptr;
    ResultItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QCheckBox *m_failedOnly;
    QLabel *m_shown;
    QTableView *m_table;
    QPushButton *m_copyFailed;
    QPushButton *m_export;
};
