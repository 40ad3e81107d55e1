#pragma once

#include "history/historyledger.h"

#include <QAbstractTableModel>

// A library's usage over time for the chart: one row per sample, column 0
// the time and column 1 the bytes (RawRole: ms since the epoch and bytes, as
// doubles for a chart's axes; DisplayRole: text). Cleanup starts and ends are the
// markers. New samples are appended as rows (no reset), so the chart does not
// redraw from scratch on every reading.
class UsageChartModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageChartModel)

public:
    static constexpr int RawRole = Qt::UserRole;
    static constexpr qsizetype maxCleanupsMarked = 20;

    enum Column {
        TimeColumn,
        BytesColumn,
        ColumnCount,
    };

    struct Marker
    {
        QDateTime at;
        bool start = true; // false: the end
        qint64 taskId = 0;
        friend bool operator==(const Marker &, const Marker &) = default;
    };

    explicit UsageChartModel(HistoryLedger *ledger, QObject *parent = nullptr);

    // Loads the samples and markers of `library` (the whole library's usage).
    void setLibrary(const LibraryKey &library);
    LibraryKey library() const { return m_library; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QList<Marker> markers() const { return m_markers; }
    // Smallest and largest bytes; {0, 0} without samples.
    std::pair<qint64, qint64> range() const { return {m_min, m_max}; }

Q_SIGNALS:
    void markersChanged();

private:
    void append(const LibraryKey &library, const UsageSample &sample);
    void reloadMarkers();
    void widen(qint64 bytes);

    HistoryLedger *m_ledger;
    LibraryKey m_library;
    QList<UsageSample> m_samples;
    QList<Marker> m_markers;
    qint64 m_min = 0;
    qint64 m_max = 0;
};
