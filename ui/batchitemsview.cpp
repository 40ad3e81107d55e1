#include "ui/batchitemsview.h"

#include "tasks/exporter.h"
#include "ui/flowlayout.h"
#include "ui/resultitemmodel.h"
#include "ui/statestyle.h"
#include "ui/uisettings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The text filter over every column, and "failed only".
class ItemFilterModel final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setFailedOnly(bool failedOnly)
    {
        m_failedOnly = failedOnly;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_failedOnly
            && !sourceModel()->index(row, 0, parent).data(ResultItemModel::FailedRole).toBool())
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    bool m_failedOnly = false;
};

} // namespace

BatchItemsView::BatchItemsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ResultItemModel(this))
    , m_proxy(new ItemFilterModel(this))
    , m_filter(new QLineEdit(this))
    , m_failedOnly(new QCheckBox(tr("&Failed only"), this))
    , m_shown(new QLabel(this))
    , m_table(new QTableView(this))
    , m_copyFailed(new QPushButton(tr("Copy Failed &Paths"), this))
    , m_export(new QPushButton(tr("E&xport Items…"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_filter->setObjectName(u"itemFilter"_s);
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter items: path, error…"));
    m_failedOnly->setObjectName(u"failedOnly"_s);
    m_shown->setObjectName(u"itemsShown"_s);
    m_shown->setForegroundRole(QPalette::PlaceholderText);
    // The filter has a line of its own; the rest wraps onto as many lines
    // as a narrow dock needs rather than widening it.
    layout->addWidget(m_filter);
    auto *controls = new QWidget(this);
    auto *flow = new FlowLayout(controls, 6);
    flow->setContentsMargins(0, 0, 0, 0);
    flow->addWidget(m_failedOnly);
    flow->addWidget(m_copyFailed);
    flow->addWidget(m_export);
    flow->addWidget(m_shown);
    layout->addWidget(controls);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ResultItemModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
        [this](const QString &text) { m_proxy->setFilterFixedString(text.trimmed()); });
    connect(m_failedOnly, &QCheckBox::toggled, this,
        [this](bool on) { static_cast<ItemFilterModel *>(m_proxy)->setFailedOnly(on); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &BatchItemsView::updateShown);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &BatchItemsView::updateShown);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &BatchItemsView::updateShown);

    m_table->setObjectName(u"resultItems"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ResultItemModel::OutcomeColumn, Qt::AscendingOrder);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // Path and error share the width; the outcome fits its text.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(ResultItemModel::PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ResultItemModel::OutcomeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ResultItemModel::ErrorColumn, QHeaderView::Stretch);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setMinimumHeight(m_table->fontMetrics().height() * 10);
    layout->addWidget(m_table, 1);

    m_copyFailed->setObjectName(u"copyFailedPaths"_s);
    m_export->setObjectName(u"exportItems"_s);
    connect(m_copyFailed, &QPushButton::clicked, this, &BatchItemsView::copyFailedPaths);
    connect(m_export, &QPushButton::clicked, this, &BatchItemsView::exportItems);
    restyle();
}

void BatchItemsView::setStateStyle(StateStyle *style)
{
    m_style = style;
    if (style)
        connect(style, &StateStyle::changed, this, &BatchItemsView::restyle);
    restyle();
}

void BatchItemsView::setItems(const QList<TaskResultItem> &items)
{
    if (items == m_model->items())
        return;
    m_model->setItems(items);
    // Another task's items start at their top, failures first.
    m_table->scrollToTop();
    m_table->horizontalScrollBar()->setValue(0);
    qsizetype failed = 0;
    for (const TaskResultItem &item : items)
        failed += item.failed() ? 1 : 0;
    m_copyFailed->setEnabled(failed > 0);
    m_export->setEnabled(!items.isEmpty());
    updateShown();
}

void BatchItemsView::updateShown()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const QLocale locale;
    m_shown->setText(shown == total
            ? tr("%Ln item(s)", nullptr, total)
            : tr("%1 of %Ln item(s) shown", nullptr, total).arg(locale.toString(shown)));
}

QString BatchItemsView::failedPaths() const
{
    QStringList paths;
    for (const TaskResultItem &item : m_model->items()) {
        if (item.failed())
            paths << TaskResult::joined(item.displayPath());
    }
    return paths.join(u'\n');
}

void BatchItemsView::copyFailedPaths()
{
    const QString paths = failedPaths();
    if (paths.isEmpty())
        return;
    QApplication::clipboard()->setText(paths + u'\n');
    Q_EMIT copied(tr("the failed paths"), paths);
}

QByteArray BatchItemsView::toCsv(const QList<TaskResultItem> &items)
{
    QString text = u"path,outcome,status,code,message\r\n"_s;
    for (const TaskResultItem &item : items) {
        const QStringList fields {Exporter::csvField(TaskResult::joined(item.displayPath())),
            item.failed() ? u"failed"_s : u"done"_s,
            item.status ? QString::number(item.status) : QString(), Exporter::csvField(item.code),
            Exporter::csvField(item.message)};
        text += fields.join(u',') + u"\r\n"_s;
    }
    return text.toUtf8();
}

Expected<void> BatchItemsView::exportCsv(const QList<TaskResultItem> &items, const QString &path)
{
    return Exporter::save(path, toCsv(items));
}

void BatchItemsView::exportItems()
{
    UiSettings settings;
    const QString folder = settings.exportFolder();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Items"),
        QDir(folder.isEmpty() ? QDir::homePath() : folder).filePath(u"items.csv"_s),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const Expected<void> written = exportCsv(m_model->items(), path);
    if (!written) {
        QMessageBox::warning(this, tr("Export Items"), written.error().message());
        return;
    }
    settings.setExportFolder(QFileInfo(path).absolutePath());
    Q_EMIT copied(tr("the items to %1").arg(QDir::toNativeSeparators(path)), path);
}

void BatchItemsView::restyle()
{
    const QColor colour = m_style ? m_style->foreground(TaskState::Failed)
                                  : StateStyle::foregroundFor(TaskState::Failed, palette());
    m_model->setFailedLook(colour, m_style ? m_style->icon(TaskState::Failed) : QIcon());
}

void BatchItemsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !m_style)
        restyle();
    QWidget::changeEvent(event);
}
