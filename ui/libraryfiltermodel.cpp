#include "ui/libraryfiltermodel.h"

#include "tasks/taskstate.h"
#include "ui/statestyle.h"

#include <QCollator>

using namespace Qt::StringLiterals;

using ReadState = LibrariesModel::ReadState;

LibraryFilterModel::LibraryFilterModel(StateStyle *style, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_style(style)
{
    setSortRole(LibrariesModel::RawRole);
    // A theme switch recolours the status column only.
    connect(m_style, &StateStyle::changed, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, LibrariesModel::StatusColumn),
                index(rowCount() - 1, LibrariesModel::StatusColumn),
                {Qt::ForegroundRole, Qt::DecorationRole});
    });
}

void LibraryFilterModel::setFilterText(const QString &text)
{
    const QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

void LibraryFilterModel::setShow(Show show)
{
    if (show == m_show)
        return;
    m_show = show;
    invalidateRowsFilter();
}

QString LibraryFilterModel::showLabel(Show show)
{
    switch (show) {
    case Show::All:
        return tr("All libraries");
    case Show::HistoryOn:
        return tr("History on");
    case Show::HistoryOff:
        return tr("History off");
    case Show::NeedsAttention:
        return tr("Needs attention");
    case Show::NeverRead:
        return tr("Never read");
    }
    return {};
}

bool LibraryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    auto cell = [&](int column, int role = Qt::DisplayRole) {
        return source->index(sourceRow, column, sourceParent).data(role);
    };
    const auto state = cell(0, LibrariesModel::StateRole).value<ReadState>();
    const QVariant history = cell(LibrariesModel::HistoryColumn, LibrariesModel::RawRole);
    switch (m_show) {
    case Show::All:
        break;
    case Show::HistoryOn:
    case Show::HistoryOff:
        if (history.isNull() || history.toBool() != (m_show == Show::HistoryOn))
            return false;
        break;
    case Show::NeedsAttention:
        if (state != ReadState::NotAdmin && state != ReadState::Unreachable
            && state != ReadState::Failed)
            return false;
        break;
    case Show::NeverRead:
        if (state != ReadState::NeverRead && state != ReadState::Reading)
            return false;
        break;
    }
    if (m_words.isEmpty())
        return true;
    const QString haystack = QStringList {cell(LibrariesModel::LibraryColumn).toString(),
        cell(LibrariesModel::LibraryColumn, Qt::ToolTipRole).toString(),
        cell(LibrariesModel::StatusColumn).toString(),
        cell(LibrariesModel::OutcomeColumn).toString()}
                                 .join(u'\n');
    return std::all_of(m_words.cbegin(), m_words.cend(),
        [&haystack](const QString &word) { return haystack.contains(word, Qt::CaseInsensitive); });
}

bool LibraryFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(LibrariesModel::RawRole);
    const QVariant b = right.data(LibrariesModel::RawRole);
    // Empty cells sink whichever way the column is sorted.
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    if (a.isNull() != b.isNull())
        return a.isNull() != ascending;
    if (!a.isNull()) {
        if (a.userType() == QMetaType::QString) {
            static const QCollator collator = [] {
                QCollator c;
                c.setNumericMode(true);
                c.setCaseSensitivity(Qt::CaseInsensitive);
                return c;
            }();
            if (const int order = collator.compare(a.toString(), b.toString()); order != 0)
                return order < 0;
        } else {
            const QPartialOrdering order = QVariant::compare(a, b);
            if (order == QPartialOrdering::Less || order == QPartialOrdering::Greater)
                return order == QPartialOrdering::Less;
        }
    }
    // Ties: by name, then by connection, always the same way round.
    const auto label = [](const QModelIndex &index) {
        return index.siblingAtColumn(LibrariesModel::LibraryColumn).data().toString();
    };
    const int byName = QString::localeAwareCompare(label(left), label(right));
    if (byName != 0)
        return (byName < 0) == ascending;
    return (left.data(LibrariesModel::ConnectionIdRole).toLongLong()
               < right.data(LibrariesModel::ConnectionIdRole).toLongLong())
        == ascending;
}

QVariant LibraryFilterModel::data(const QModelIndex &index, int role) const
{
    if (index.column() != LibrariesModel::StatusColumn
        || (role != Qt::ForegroundRole && role != Qt::DecorationRole))
        return QSortFilterProxyModel::data(index, role);
    // Colour AND icon AND text: the text comes from the model.
    const auto state = index.data(LibrariesModel::StateRole).value<ReadState>();
    const bool foreground = role == Qt::ForegroundRole;
    switch (state) {
    case ReadState::NeverRead:
    case ReadState::Reading:
        return foreground ? QVariant(m_style->mutedText()) : QVariant();
    case ReadState::Read:
        return foreground ? QVariant() : QVariant(m_style->healthyIcon());
    case ReadState::NotAdmin:
        return foreground ? QVariant(m_style->troubleColor())
                          : QVariant(m_style->troubleIcon(StateStyle::Trouble::Auth));
    case ReadState::Unreachable:
        return foreground ? QVariant(m_style->troubleColor())
                          : QVariant(m_style->troubleIcon(StateStyle::Trouble::Network));
    case ReadState::Failed:
        return foreground ? QVariant(m_style->foreground(TaskState::Failed))
                          : QVariant(m_style->icon(TaskState::Failed));
    }
    return {};
}

QVariant LibraryFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::ToolTipRole)
        return QSortFilterProxyModel::headerData(section, orientation, role);
    switch (section) {
    case LibrariesModel::LibraryColumn:
        return tr("The connection: its library and space");
    case LibrariesModel::StatusColumn:
        return tr("What the last read of the library's settings and usage came to");
    case LibrariesModel::HistoryColumn:
        return tr("Whether the library keeps historical versions of files");
    case LibrariesModel::VersionsColumn:
        return tr("Versions kept per file (1–999)");
    case LibrariesModel::DaysColumn:
        return tr("Days a version is kept (0: it never expires)");
    case LibrariesModel::MergeColumn:
        return tr("Merge interval: saves within it make one version");
    case LibrariesModel::UsageColumn:
        return tr("The library's storage as last read (SMH's figures lag behind)");
    case LibrariesModel::TrendColumn:
        return tr("The last readings of the library's storage");
    case LibrariesModel::LastCleanupColumn:
        return tr("When the library's historical versions were last cleared");
    case LibrariesModel::OutcomeColumn:
        return tr("What became of the last clear");
    case LibrariesModel::DeletedColumn:
        return tr("Versions deleted by the last clear, when SMH told");
    case LibrariesModel::FreedColumn:
        return tr("Storage the last clear freed: usage before less usage after");
    case LibrariesModel::NextClearColumn:
        return tr("When SMH accepts the next clear of the library");
    }
    return {};
}
