#include "ui/resultview.h"

#include "ui/batchitemsview.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
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
    , m_open(new QPushButton(tr("Open in &Window"), this))
    , m_items(new BatchItemsView(this))
    , m_tree(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_counts->setObjectName(u"resultCounts"_s);
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counts->setWordWrap(true);
    m_open->setObjectName(u"openItemsWindow"_s);
    m_open->setToolTip(tr("Show the items in a window of their own, with room to read them"));
    connect(m_open, &QPushButton::clicked, this, &ResultView::openItemsWindow);
    auto *countsRow = new QHBoxLayout;
    countsRow->addWidget(m_counts, 1);
    countsRow->addWidget(m_open, 0, Qt::AlignTop);
    layout->addLayout(countsRow);

    m_items->setObjectName(u"batchItems"_s);
    connect(m_items, &BatchItemsView::copied, this, &ResultView::copied);
    layout->addWidget(m_items);

    m_tree->setObjectName(u"resultTree"_s);
    m_tree->setHeaderLabels({tr("Key"), tr("Value")});
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setMinimumHeight(120);
    layout->addWidget(m_tree);
    hide();
}

void ResultView::setStateStyle(StateStyle *style)
{
    m_style = style;
    m_items->setStateStyle(style);
}

void ResultView::setResult(const SharedResult &result, const QString &title)
{
    m_title = title;
    // The pane renders again on every change of its task: a batch of a
    // thousand items is laid out once, not on every poll.
    if (result == m_result) {
        updateWindow();
        return;
    }
    m_result = result;
    const bool batch = result && result->shape == TaskResult::Shape::Batch;
    const bool other = result && result->shape == TaskResult::Shape::Other;
    setVisible(batch || other);
    m_counts->setVisible(batch);
    m_open->setVisible(batch);
    m_items->setVisible(batch);
    m_tree->setVisible(other);
    // Read once from the compact result, for the pane and its window alike.
    m_batchItems = batch ? result->readItems() : QList<TaskResultItem>();
    m_items->setItems(m_batchItems);
    m_counts->setText(batch ? result->itemCounts() : QString());
    if (other)
        fillTree(result->toJson());
    else
        m_tree->clear();
    updateWindow();
}

void ResultView::openItemsWindow()
{
    if (!m_window) {
        m_window = new QDialog(window());
        m_window->setObjectName(u"batchItemsWindow"_s);
        m_window->setAttribute(Qt::WA_DeleteOnClose);
        auto *layout = new QVBoxLayout(m_window);
        auto *counts = new QLabel(m_window);
        counts->setObjectName(u"windowCounts"_s);
        counts->setWordWrap(true);
        counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(counts);
        auto *items = new BatchItemsView(m_window);
        items->setObjectName(u"windowItems"_s);
        items->setStateStyle(m_style);
        connect(items, &BatchItemsView::copied, this, &ResultView::copied);
        layout->addWidget(items, 1);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_window);
        connect(buttons, &QDialogButtonBox::rejected, m_window, &QDialog::reject);
        layout->addWidget(buttons);
        // Room for long paths and errors, within the screen whatever its size.
        const QRect available = screen()->availableGeometry();
        m_window->resize(
            std::min(960, available.width() * 9 / 10), std::min(640, available.height() * 8 / 10));
    }
    updateWindow();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void ResultView::updateWindow()
{
    if (!m_window)
        return;
    const bool batch = m_result && m_result->shape == TaskResult::Shape::Batch;
    m_window->setWindowTitle(m_title.isEmpty() ? tr("Items") : tr("Items of %1").arg(m_title));
    m_window->findChild<QLabel *>(u"windowCounts"_s)
        ->setText(batch ? m_result->itemCounts() : tr("This task has no items."));
    m_window->findChild<BatchItemsView *>(u"windowItems"_s)
        ->setItems(batch ? m_batchItems : QList<TaskResultItem>());
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
        item->setText(1, tr("{%Ln field(s)}", nullptr, int(object.size())));
        for (auto it = object.begin(); it != object.end() && *budget >= 0; ++it)
            addNode(new QTreeWidgetItem(item), it.key(), it.value(), budget);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        item->setText(1, tr("[%Ln item(s)]", nullptr, int(array.size())));
        for (qsizetype i = 0; i < array.size() && *budget >= 0; ++i)
            addNode(new QTreeWidgetItem(item), QString::number(i), array.at(i), budget);
    } else {
        item->setText(1, scalarText(value));
    }
}
