#include "history/campaignmodel.h"

#include "tasks/displaytext.h"

#include <QLocale>

namespace {

QString size(const std::optional<qint64> &bytes)
{
    return bytes ? QLocale().formattedDataSize(*bytes, 1, QLocale::DataSizeIecFormat)
                 : DisplayText::noValue();
}

QVariant number(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

CampaignModel::CampaignModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void CampaignModel::setCampaign(Campaign *campaign)
{
    beginResetModel();
    if (m_campaign)
        m_campaign->disconnect(this);
    m_campaign = campaign;
    m_rows = campaign ? int(campaign->libraries().size()) : 0;
    endResetModel();
    if (!campaign)
        return;
    connect(campaign, &Campaign::libraryChanged, this, [this](int row) {
        if (row >= 0 && row < m_rows)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    connect(campaign, &QObject::destroyed, this, [this] { setCampaign(nullptr); });
}

int CampaignModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int CampaignModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_campaign)
        return {};
    const CampaignLibrary &library = m_campaign->library(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(library, index.column());
    case RawRole:
        return raw(library, index.column());
    case StepRole:
        return int(library.step);
    case OutcomeRole:
        return int(library.outcome);
    case Qt::ToolTipRole: {
        QStringList lines {library.library.libraryId};
        if (!library.detail.isEmpty())
            lines << library.detail;
        if (!library.restoreOutcome.isEmpty() && library.restoreOutcome != library.detail)
            lines << library.restoreOutcome;
        return lines.join(u'\n');
    }
    case Qt::TextAlignmentRole:
        return index.column() >= DeletedColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                               : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant CampaignModel::display(const CampaignLibrary &library, int column) const
{
    switch (column) {
    case LibraryColumn:
        return library.connectionName;
    case StepColumn:
        return library.stepLabel();
    case OutcomeColumn:
        return library.outcomeLabel();
    case DeletedColumn:
        return library.deleteCount ? QLocale().toString(*library.deleteCount)
                                   : DisplayText::noValue();
    case BeforeColumn:
        return size(library.usageBefore);
    case AfterColumn:
        return size(library.usageAfter);
    case FreedColumn:
        return size(library.freedBytes());
    default:
        return {};
    }
}

QVariant CampaignModel::raw(const CampaignLibrary &library, int column) const
{
    switch (column) {
    case LibraryColumn:
        return library.connectionName;
    case StepColumn:
        return int(library.step);
    case OutcomeColumn:
        return int(library.outcome);
    case DeletedColumn:
        return number(library.deleteCount);
    case BeforeColumn:
        return number(library.usageBefore);
    case AfterColumn:
        return number(library.usageAfter);
    case FreedColumn:
        return number(library.freedBytes());
    default:
        return {};
    }
}

QVariant CampaignModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LibraryColumn:
        return tr("Library");
    case StepColumn:
        return tr("Step");
    case OutcomeColumn:
        return tr("Outcome");
    case DeletedColumn:
        return tr("Versions deleted");
    case BeforeColumn:
        return tr("Usage before");
    case AfterColumn:
        return tr("Usage after");
    case FreedColumn:
        return tr("Freed");
    default:
        return {};
    }
}
