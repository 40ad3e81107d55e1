#include "history/usagechartmodel.h"

#include "tasks/displaytext.h"

#include <QLocale>

UsageChartModel::UsageChartModel(HistoryLedger *ledger, QObject *parent)
    : QAbstractTableModel(parent)
    , m_ledger(ledger)
{
    connect(ledger, &HistoryLedger::sampleAdded, this, &UsageChartModel::append);
    connect(ledger, &HistoryLedger::cleanupsChanged, this, [this](const LibraryKey &library) {
        if (library == m_library)
            reloadMarkers();
    });
}

void UsageChartModel::setLibrary(const LibraryKey &library)
{
    beginResetModel();
    m_library = library;
    m_samples = m_ledger->samples(library);
    m_min = m_max = 0;
    for (qsizetype i = 0; i < m_samples.size(); ++i) {
        if (i == 0)
            m_min = m_max = m_samples.at(i).bytes;
        widen(m_samples.at(i).bytes);
    }
    endResetModel();
    reloadMarkers();
}

void UsageChartModel::widen(qint64 bytes)
{
    m_min = std::min(m_min, bytes);
    m_max = std::max(m_max, bytes);
}

void UsageChartModel::append(const LibraryKey &library, const UsageSample &sample)
{
    if (library != m_library || !sample.spaceId.isEmpty())
        return;
    // Samples arrive in time order; one out of order (a clock step) goes
    // where it belongs so that the line does not fold back.
    qsizetype row = m_samples.size();
    while (row > 0 && m_samples.at(row - 1).at > sample.at)
        --row;
    beginInsertRows({}, int(row), int(row));
    if (m_samples.isEmpty())
        m_min = m_max = sample.bytes;
    m_samples.insert(row, sample);
    widen(sample.bytes);
    endInsertRows();
}

void UsageChartModel::reloadMarkers()
{
    QList<Marker> markers;
    const QList<CleanupRecord> records = m_ledger->cleanups(m_library);
    // The newest ones: each marker is a series of its own on the chart.
    for (const CleanupRecord &record : records.first(std::min(records.size(), maxCleanupsMarked))) {
        markers.append({record.startedAt, true, record.task.taskId});
        if (record.finishedAt.isValid())
            markers.append({record.finishedAt, false, record.task.taskId});
    }
    std::sort(markers.begin(), markers.end(),
        [](const Marker &a, const Marker &b) { return a.at < b.at; });
    if (markers == m_markers)
        return;
    m_markers = markers;
    Q_EMIT markersChanged();
}

int UsageChartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int UsageChartModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageChartModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UsageSample &sample = m_samples.at(index.row());
    if (role == Qt::DisplayRole) {
        if (index.column() == TimeColumn)
            return DisplayText::dateTime(sample.at);
        return QLocale().formattedDataSize(sample.bytes, 1, QLocale::DataSizeIecFormat);
    }
    if (role == RawRole) {
        if (index.column() == TimeColumn)
            return double(sample.at.toMSecsSinceEpoch());
        return double(sample.bytes);
    }
    return {};
}

QVariant UsageChartModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TimeColumn ? tr("Time") : tr("Used");
}
