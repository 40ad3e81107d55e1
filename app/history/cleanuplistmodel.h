#pragma once

#include "history/historyledger.h"

#include <QAbstractTableModel>

// The cleanups of one library, newest first: when, from which connection,
// outcome, versions deleted, storage before and after. A handful of rows per
// library, so a change of the ledger reloads them.
class CleanupListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CleanupListModel)

public:
    static constexpr int RawRole = Qt::UserRole;

    enum Column {
        StartedColumn,
        ConnectionColumn,
        TaskColumn,
        OutcomeColumn,
        DeletedColumn,
        BeforeColumn,
        AfterColumn,
        FreedColumn,
        ColumnCount,
    };

    explicit CleanupListModel(HistoryLedger *ledger, QObject *parent = nullptr);

    void setLibrary(const LibraryKey &library);
    CleanupRecord record(int row) const { return m_records.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString outcomeLabel(const CleanupRecord &record);

private:
    void reload();

    HistoryLedger *m_ledger;
    LibraryKey m_library;
    QList<CleanupRecord> m_records;
};
