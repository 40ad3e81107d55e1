#pragma once

#include "history/campaign.h"

#include <QAbstractTableModel>
#include <QPointer>

// A campaign's libraries, one row each in plan order: step, outcome, versions
// deleted, usage before and after, what was freed. Rows never move or go;
// a library's change is one dataChanged over its row. For the campaign
// dialog and any view that shows a campaign's progress.
class CampaignModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignModel)

public:
    static constexpr int RawRole = Qt::UserRole; // numbers as numbers, for sorting
    // CampaignLibrary::Step and ::Outcome as int, for styling.
    static constexpr int StepRole = Qt::UserRole + 1;
    static constexpr int OutcomeRole = Qt::UserRole + 2;

    enum Column {
        LibraryColumn,
        StepColumn,
        OutcomeColumn,
        DeletedColumn,
        BeforeColumn,
        AfterColumn,
        FreedColumn,
        ColumnCount,
    };

    explicit CampaignModel(QObject *parent = nullptr);

    // Null: empty.
    void setCampaign(Campaign *campaign);
    Campaign *campaign() const { return m_campaign; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const CampaignLibrary &library, int column) const;
    QVariant raw(const CampaignLibrary &library, int column) const;

    QPointer<Campaign> m_campaign;
    int m_rows = 0;
};
