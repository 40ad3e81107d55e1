#include "ui/resultview.h"

#include "ui/resultitemmodel.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String:
        return value.toString();
    default:
        return {};
    }
}

} // namespace

ResultView::ResultView(QWidget *parent)
    : QWidget(parent)
    , m_counts(new QLabel(this))
    , m_items(new QTableView(this))
    , m_model(new ResultItemModel(this))
    , m_tree(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_counts->setObjectName(u"resultCounts"_s);
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_counts);

    m_items->setObjectName(u"resultItems"_s);
    m_items->setModel(m_model);
    m_items->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_items->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_items->verticalHeader()->hide();
    m_items->horizontalHeader()->setStretchLastSection(true);
    m_items->setMinimumHeight(160);
    layout->addWidget(m_items);

    m_tree->setObjectName(u"resultTree"_s);
    m_tree->setHeaderLabels({tr("Key"), tr("Value")});
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setMinimumHeight(120);
    layout->addWidget(m_tree);
    hide();
}

void ResultView::setResult(const SharedResult &result)
{
    // The pane renders again on every change of its task: a batch of a
    // thousand items is laid out once, not on every poll.
    if (result == m_result)
        return;
    m_result = result;
    const bool batch = result && result->shape == TaskResult::Shape::Batch;
    const bool other = result && result->shape == TaskResult::Shape::Other;
    setVisible(batch || other);
    m_counts->setVisible(batch);
    m_items->setVisible(batch);
    m_tree->setVisible(other);
    m_model->setItems(batch ? result->readItems() : QList<TaskResultItem>());
    m_counts->setText(batch ? result->itemCounts() : QString());
    if (other)
        fillTree(result->toJson());
    else
        m_tree->clear();
}

void ResultView::fillTree(const QJsonValue &value)
{
    m_tree->clear();
    int budget = maxTreeNodes;
    addNode(new QTreeWidgetItem(m_tree), tr("result"), value, &budget);
    m_tree->expandToDepth(1);
    m_tree->resizeColumnToContents(0);
}

void ResultView::addNode(
    QTreeWidgetItem *item, const QString &key, const QJsonValue &value, int *budget)
{
    item->setText(0, key);
    if (--*budget < 0) {
        item->setText(1, tr("… (too large to show)"));
        return;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        item->setText(1, tr("{%1 fields}").arg(object.size()));
        for (auto it = object.begin(); it != object.end() && *budget >= 0; ++it)
            addNode(new QTreeWidgetItem(item), it.key(), it.value(), budget);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        item->setText(1, tr("[%1 items]").arg(array.size()));
        for (qsizetype i = 0; i < array.size() && *budget >= 0; ++i)
            addNode(new QTreeWidgetItem(item), QString::number(i), array.at(i), budget);
    } else {
        item->setText(1, scalarText(value));
    }
}
