#include "history/librariesmodel.h"

#include "history/campaign.h"
#include "history/cleanuplistmodel.h"
#include "history/historyservice.h"
#include "tasks/displaytext.h"
#include "tasks/taskstore.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QString size(const std::optional<qint64> &bytes)
{
    return bytes ? QLocale().formattedDataSize(*bytes, 1, QLocale::DataSizeIecFormat)
                 : DisplayText::noValue();
}

QString number(const std::optional<int> &value)
{
    return value ? QLocale().toString(*value) : DisplayText::noValue();
}

QVariant rawValue(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant rawValue(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant rawTime(const QDateTime &when)
{
    return when.isValid() ? QVariant(when.toMSecsSinceEpoch()) : QVariant();
}

// 403 on a settings read: SMH refuses the call to this token, which the
// admin grant would allow. An expired or unknown token is another matter.
bool isNotAdmin(const SmhError &error)
{
    return error.kind() == SmhError::Kind::Http && error.httpStatus() == 403
        && !error.isTokenRejected();
}

bool isUnreachable(const SmhError &error)
{
    return error.kind() == SmhError::Kind::Network || error.kind() == SmhError::Kind::Timeout;
}

} // namespace

LibrariesModel::LibrariesModel(const TaskStore *store, HistoryService *service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_service(service)
    , m_ledger(service->ledger())
{
    m_clock.start();
    m_pump.setSingleShot(true);
    connect(&m_pump, &QTimer::timeout, this, &LibrariesModel::pump);
    m_nextClearTick.setSingleShot(true);
    connect(&m_nextClearTick, &QTimer::timeout, this, [this] {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).nextClearAt.isValid() && m_rows.at(i).nextClearAt <= now) {
                m_rows[i].nextClearAt = {};
                rowChanged(i);
            }
        }
        scheduleNextClearTick();
    });
    connect(m_store, &TaskStore::connectionsChanged, this, &LibrariesModel::syncConnections);
    connect(m_ledger, &HistoryLedger::sampleAdded, this, &LibrariesModel::onSample);
    connect(m_ledger, &HistoryLedger::cleanupsChanged, this, &LibrariesModel::onCleanups);
    Campaigns *campaigns = Campaigns::of(service);
    connect(campaigns, &Campaigns::campaignStarted, this, &LibrariesModel::followCampaign);
    const QList<Campaign *> running = campaigns->active();
    for (Campaign *campaign : running)
        followCampaign(campaign);
    // Opening on many libraries: the ledger is read in a few statements for
    // all of them, not a few per library.
    const QList<Connection> connections = m_store->connections();
    QList<LibraryKey> libraries;
    libraries.reserve(connections.size());
    for (const Connection &connection : connections)
        libraries.append(LibraryKey::of(connection.settings));
    const auto samples = m_ledger->recentSamples(libraries, trendLength);
    const auto clears = m_ledger->clearsByLibrary();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_rows.reserve(connections.size());
    for (qsizetype i = 0; i < connections.size(); ++i) {
        Row row = rowFor(connections.at(i), false);
        takeSamples(row, samples.value(row.library));
        const HistoryLedger::LibraryClears clear = clears.value(row.library);
        row.lastCleanup = clear.latest;
        if (clear.secondsUntilNextClear > 0)
            row.nextClearAt = now.addSecs(clear.secondsUntilNextClear);
        m_rows.append(std::move(row));
    }
    scheduleNextClearTick();
}

LibrariesModel::Row LibrariesModel::rowFor(const Connection &connection, bool readLedger) const
{
    Row row;
    row.connectionId = connection.id;
    row.label = connection.label();
    row.library = LibraryKey::of(connection.settings);
    const bool spaced = !connection.settings.libraryLevel
        && connection.settings.spaceId != ConnectionSettings::singleTenantSpace;
    if (spaced)
        row.spaceId = connection.settings.spaceId;
    if (readLedger) {
        takeSamples(row, m_ledger->samples(row.library, {}, trendLength));
        loadCleanups(row);
    }
    return row;
}

void LibrariesModel::takeSamples(Row &row, const QList<UsageSample> &samples) const
{
    row.trend.clear();
    for (const UsageSample &sample : samples)
        row.trend.append(sample.bytes);
    row.usage = samples.isEmpty() ? std::nullopt : std::optional(samples.constLast());
    // A space's own figure is read when it is sampled; it is not in the trend.
    if (!row.spaceId.isEmpty()) {
        if (const auto space = m_ledger->latestSample(row.library, row.spaceId))
            row.spaceBytes = space->bytes;
    }
}

void LibrariesModel::loadCleanups(Row &row) const
{
    const QList<CleanupRecord> records = m_ledger->cleanups(row.library);
    row.lastCleanup =
        records.isEmpty() ? std::nullopt : std::optional<CleanupRecord>(records.constFirst());
    const int wait = m_ledger->secondsUntilNextClear(row.library);
    row.nextClearAt = wait > 0 ? QDateTime::currentDateTimeUtc().addSecs(wait) : QDateTime();
}

void LibrariesModel::syncConnections()
{
    const QList<Connection> connections = m_store->connections();
    QHash<qint64, const Connection *> byId;
    for (const Connection &connection : connections)
        byId.insert(connection.id, &connection);
    // Gone ones leave one by one (a handful at most), from the bottom.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (byId.contains(m_rows.at(i).connectionId))
            continue;
        beginRemoveRows({}, i, i);
        m_queue.removeAll(m_rows.at(i).connectionId);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    QList<Row> added;
    for (const Connection &connection : connections) {
        const int at = rowOf(connection.id);
        if (at < 0) {
            added.append(rowFor(connection));
            continue;
        }
        Row &row = m_rows[at];
        const LibraryKey library = LibraryKey::of(connection.settings);
        if (row.label == connection.label() && row.library == library)
            continue;
        // Edited: a new place is a library never read from here.
        if (!(row.library == library)) {
            Row fresh = rowFor(connection);
            row = std::move(fresh);
        }
        row.label = connection.label();
        rowChanged(at);
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
    m_rows.append(added);
    endInsertRows();
    if (m_background)
        pump();
}

void LibrariesModel::onSample(const LibraryKey &library, const UsageSample &sample)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (!(row.library == library))
            continue;
        if (sample.spaceId.isEmpty()) {
            row.usage = sample;
            row.trend.append(sample.bytes);
            if (row.trend.size() > trendLength)
                row.trend.removeFirst();
        } else if (sample.spaceId == row.spaceId) {
            row.spaceBytes = sample.bytes;
        } else {
            continue;
        }
        rowChanged(i);
    }
}

void LibrariesModel::onCleanups(const LibraryKey &library)
{
    // Empty: every library may have changed (another process wrote).
    const bool all = library.libraryId.isEmpty() && library.endpoint.isEmpty();
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!all && !(m_rows.at(i).library == library))
            continue;
        loadCleanups(m_rows[i]);
        rowChanged(i);
    }
    scheduleNextClearTick();
}

void LibrariesModel::followCampaign(Campaign *campaign)
{
    const QList<CampaignLibrary> &libraries = campaign->libraries();
    for (int i = 0; i < libraries.size(); ++i) {
        const LibraryKey library = libraries.at(i).library;
        m_campaigns.insert(library, {campaign, i});
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows.at(row).library == library)
                rowChanged(row);
        }
    }
    connect(campaign, &Campaign::libraryChanged, this, [this, campaign](int index) {
        const LibraryKey library = campaign->library(index).library;
        if (m_campaigns.value(library).campaign != campaign)
            return; // a newer campaign holds it
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows.at(row).library == library)
                rowChanged(row);
        }
    });
}

std::optional<QString> LibrariesModel::campaignText(const Row &row) const
{
    const CampaignRef ref = m_campaigns.value(row.library);
    if (!ref.campaign || ref.index < 0 || ref.index >= ref.campaign->libraries().size())
        return std::nullopt;
    const CampaignLibrary &library = ref.campaign->library(ref.index);
    if (!library.isDone())
        return tr("Campaign: %1").arg(library.stepLabel());
    // Cleared: the record tells the task's outcome and what it freed. Other
    // ends say more in the campaign's words ("refused" rather than "not sent").
    if (library.outcome == CampaignLibrary::Outcome::Cleared && library.cleanupId != 0)
        return std::nullopt;
    return tr("Campaign: %1").arg(library.outcomeLabel());
}

void LibrariesModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1),
        {Qt::DisplayRole, Qt::ToolTipRole, RawRole, TrendRole, StateRole});
}

void LibrariesModel::scheduleNextClearTick()
{
    QDateTime first;
    for (const Row &row : std::as_const(m_rows)) {
        if (row.nextClearAt.isValid() && (!first.isValid() || row.nextClearAt < first))
            first = row.nextClearAt;
    }
    if (!first.isValid()) {
        m_nextClearTick.stop();
        return;
    }
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(first);
    m_nextClearTick.start(std::chrono::milliseconds(std::clamp<qint64>(ms + 50, 0, 3'600'000)));
}

// The reads -----------------------------------------------------------------

void LibrariesModel::setBackgroundRefresh(bool on)
{
    m_background = on;
    if (on)
        pump();
    else if (m_queue.isEmpty())
        m_pump.stop();
}

int LibrariesModel::refresh(const QList<qint64> &ids)
{
    const qint64 now = m_clock.elapsed();
    QSet<LibraryKey> queued;
    for (qint64 id : std::as_const(m_queue))
        queued.insert(m_rows.value(rowOf(id)).library);
    int count = 0;
    for (const Row &row : std::as_const(m_rows)) {
        if (!ids.isEmpty() && !ids.contains(row.connectionId))
            continue;
        // One read answers for every connection to the library; one read
        // recently (or under way) still stands.
        if (queued.contains(row.library) || !mayRead(row.library, now, m_budget.freshFor))
            continue;
        queued.insert(row.library);
        m_queue.append(row.connectionId);
        ++count;
    }
    pump();
    return count;
}

bool LibrariesModel::mayRead(
    const LibraryKey &library, qint64 nowMs, std::chrono::milliseconds age) const
{
    if (m_busy.contains(library))
        return false;
    const auto last = m_lastReadMs.constFind(library);
    return last == m_lastReadMs.cend() || nowMs - *last >= age.count();
}

int LibrariesModel::nextToRead() const
{
    const qint64 now = m_clock.elapsed();
    for (qint64 id : m_queue) {
        const int at = rowOf(id);
        if (at >= 0 && mayRead(m_rows.at(at).library, now, m_budget.freshFor))
            return at;
    }
    if (!m_background)
        return -1;
    // The one read longest ago (never read first), due again.
    int best = -1;
    qint64 bestAt = 0;
    for (int i = 0; i < m_rows.size(); ++i) {
        const LibraryKey &library = m_rows.at(i).library;
        if (!mayRead(library, now, std::max(m_budget.backgroundEvery, m_budget.freshFor)))
            continue;
        const qint64 at = m_lastReadMs.value(library, -1);
        if (best < 0 || at < bestAt) {
            best = i;
            bestAt = at;
        }
    }
    return best;
}

void LibrariesModel::pump()
{
    const qint64 now = m_clock.elapsed();
    const qint64 spacing = m_budget.spacing.count();
    if (m_lastStartMs >= 0 && now - m_lastStartMs < spacing) {
        m_pump.start(std::chrono::milliseconds(spacing - (now - m_lastStartMs)));
        return;
    }
    if (m_inFlight < m_budget.inFlight) {
        if (const int row = nextToRead(); row >= 0) {
            m_queue.removeAll(m_rows.at(row).connectionId);
            startRead(row);
            m_lastStartMs = now;
        }
    }
    // Looked at again a spacing later while there is anything to do; a read
    // that ends calls pump() too.
    if (m_background || !m_queue.isEmpty())
        m_pump.start(std::max<qint64>(spacing, 100) * 1ms);
}

void LibrariesModel::startRead(int at)
{
    const LibraryKey library = m_rows.at(at).library;
    m_busy.insert(library);
    m_lastReadMs.insert(library, m_clock.elapsed());
    ++m_inFlight;
    forLibrary(library, [](Row &row) { row.reading = true; });
    const qint64 id = m_rows.at(at).connectionId;
    m_service->readSettings(
        id, this, [this, id, library](Expected<HistorySettings, SmhError> settings) {
            settingsRead(id, library, std::move(settings));
        });
}

void LibrariesModel::settingsRead(
    qint64 id, const LibraryKey &library, Expected<HistorySettings, SmhError> settings)
{
    if (!settings || rowOf(id) < 0) {
        finishRead(library, settings ? std::nullopt : std::optional(settings.error()));
        return;
    }
    const HistorySettings read = *settings;
    forLibrary(library, [&read](Row &row) { row.settings = read; });
    // The usage arrives through the ledger (onSample); only how it ended is taken here.
    m_service->sampleUsage(id, this, [this, library](Expected<UsageReading, SmhError> usage) {
        finishRead(library, usage ? std::nullopt : std::optional(usage.error()));
    });
}

void LibrariesModel::finishRead(const LibraryKey &library, const std::optional<SmhError> &error)
{
    --m_inFlight;
    m_busy.remove(library);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    forLibrary(library, [&error, &now](Row &row) {
        row.reading = false;
        if (!error) {
            row.state = ReadState::Read;
            row.error.clear();
            row.readAt = now;
            return;
        }
        row.state = isNotAdmin(*error) ? ReadState::NotAdmin
            : isUnreachable(*error)    ? ReadState::Unreachable
                                       : ReadState::Failed;
        row.error = error->toString();
        // What an unreachable library said last still stands (its state says
        // it is old); a token that may not read it has no settings to show.
        if (row.state == ReadState::NotAdmin)
            row.settings.reset();
    });
    Q_EMIT readFinished(library);
    pump();
}

void LibrariesModel::forLibrary(const LibraryKey &library, const std::function<void(Row &)> &change)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).library == library) {
            change(m_rows[i]);
            rowChanged(i);
        }
    }
}

// The model ------------------------------------------------------------------

qint64 LibrariesModel::connectionId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).connectionId : 0;
}

int LibrariesModel::rowOf(qint64 connectionId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).connectionId == connectionId)
            return i;
    }
    return -1;
}

LibrariesModel::ReadState LibrariesModel::state(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).state : ReadState::NeverRead;
}

QString LibrariesModel::stateLabel(ReadState state)
{
    switch (state) {
    case ReadState::NeverRead:
        return tr("Never read");
    case ReadState::Reading:
        return tr("Reading…");
    case ReadState::Read:
        return tr("Read");
    case ReadState::NotAdmin:
        return tr("Not an admin token");
    case ReadState::Unreachable:
        return tr("Unreachable");
    case ReadState::Failed:
        return tr("Read failed");
    }
    return {};
}

int LibrariesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LibrariesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LibrariesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case RawRole:
        return raw(row, index.column());
    case StateRole:
        return QVariant::fromValue(
            row.reading && row.state == ReadState::NeverRead ? ReadState::Reading : row.state);
    case ConnectionIdRole:
        return row.connectionId;
    case TrendRole:
        return index.column() == TrendColumn ? QVariant::fromValue(row.trend) : QVariant();
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case VersionsColumn:
        case DaysColumn:
        case MergeColumn:
        case UsageColumn:
        case DeletedColumn:
        case FreedColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    }
    return {};
}

QVariant LibrariesModel::display(const Row &row, int column) const
{
    const std::optional<HistorySettings> &s = row.settings;
    const std::optional<CleanupRecord> &last = row.lastCleanup;
    switch (column) {
    case LibraryColumn:
        return row.label;
    case StatusColumn:
        if (row.reading)
            return tr("Reading…");
        if (row.state == ReadState::Read)
            return tr("Read %1").arg(DisplayText::compact(row.readAt.toLocalTime()));
        return stateLabel(row.state);
    case HistoryColumn:
        return s ? (s->enabled ? tr("On") : tr("Off")) : DisplayText::noValue();
    case VersionsColumn:
        return s ? number(s->count) : DisplayText::noValue();
    case DaysColumn:
        if (s && s->expireDays == 0)
            return tr("Never expire");
        return s ? number(s->expireDays) : DisplayText::noValue();
    case MergeColumn:
        if (s && s->mergeInterval == 0)
            return tr("No merging");
        return s && s->mergeInterval ? tr("%1 s").arg(QLocale().toString(*s->mergeInterval))
                                     : DisplayText::noValue();
    case UsageColumn:
        return size(row.usage ? std::optional(row.usage->bytes) : std::nullopt);
    case TrendColumn:
        return {};
    case LastCleanupColumn:
        return last ? DisplayText::compact(last->startedAt.toLocalTime()) : DisplayText::noValue();
    case OutcomeColumn:
        if (const auto campaign = campaignText(row))
            return *campaign;
        return last ? CleanupListModel::outcomeLabel(*last) : DisplayText::noValue();
    case DeletedColumn:
        return last && last->deleteCount ? QLocale().toString(*last->deleteCount)
                                         : DisplayText::noValue();
    case FreedColumn:
        return size(last ? last->freedBytes() : std::nullopt);
    case NextClearColumn:
        if (last && last->isRunning())
            return tr("After the running clear");
        return row.nextClearAt.isValid() ? DisplayText::compact(row.nextClearAt.toLocalTime())
                                         : tr("Now");
    }
    return {};
}

QVariant LibrariesModel::raw(const Row &row, int column) const
{
    const std::optional<HistorySettings> &s = row.settings;
    const std::optional<CleanupRecord> &last = row.lastCleanup;
    switch (column) {
    case LibraryColumn:
        return row.label;
    case StatusColumn:
        return int(row.state);
    case HistoryColumn:
        return s ? QVariant(int(s->enabled)) : QVariant();
    case VersionsColumn:
        return s ? rawValue(s->count) : QVariant();
    case DaysColumn:
        return s ? rawValue(s->expireDays) : QVariant();
    case MergeColumn:
        return s ? rawValue(s->mergeInterval) : QVariant();
    case UsageColumn:
    case TrendColumn:
        return row.usage ? QVariant(row.usage->bytes) : QVariant();
    case LastCleanupColumn:
        return last ? rawTime(last->startedAt) : QVariant();
    case OutcomeColumn:
        if (const auto campaign = campaignText(row))
            return *campaign;
        return last ? QVariant(CleanupListModel::outcomeLabel(*last)) : QVariant();
    case DeletedColumn:
        return last ? rawValue(last->deleteCount) : QVariant();
    case FreedColumn:
        return last ? rawValue(last->freedBytes()) : QVariant();
    case NextClearColumn:
        return rawTime(row.nextClearAt);
    }
    return {};
}

QVariant LibrariesModel::toolTip(const Row &row, int column) const
{
    switch (column) {
    case LibraryColumn: {
        QString text = tr("Library %1").arg(row.library.libraryId);
        if (!row.spaceId.isEmpty())
            text += u'\n' + tr("Space %1").arg(row.spaceId);
        return QString(text + u'\n' + row.library.endpoint);
    }
    case StatusColumn:
        if (!row.error.isEmpty())
            return row.error;
        return row.readAt.isValid()
            ? tr("Settings and usage read %1").arg(DisplayText::dateTime(row.readAt.toLocalTime()))
            : tr("Not read from SMH since the monitor started");
    case UsageColumn: {
        if (!row.usage)
            return tr("No usage read yet");
        QString text =
            tr("Library: %1, read %2")
                .arg(size(row.usage->bytes), DisplayText::dateTime(row.usage->at.toLocalTime()));
        if (row.spaceBytes)
            text += u'\n' + tr("Space %1: %2").arg(row.spaceId, size(row.spaceBytes));
        return text;
    }
    case TrendColumn:
        if (row.trend.isEmpty())
            return tr("No usage read yet");
        return tr("Last %n reading(s): from %1 to %2", nullptr, int(row.trend.size()))
            .arg(size(row.trend.constFirst()), size(row.trend.constLast()));
    case OutcomeColumn:
        if (const auto campaign = campaignText(row)) {
            const CampaignRef ref = m_campaigns.value(row.library);
            const QString detail = ref.campaign->library(ref.index).detail;
            return detail.isEmpty() ? *campaign : QString(*campaign + u'\n' + detail);
        }
        if (row.lastCleanup) {
            QStringList lines {CleanupListModel::outcomeLabel(*row.lastCleanup)};
            for (const QString &line : {row.lastCleanup->detail, row.lastCleanup->origin}) {
                if (!line.isEmpty())
                    lines << line;
            }
            return lines.join(u'\n');
        }
        return {};
    case NextClearColumn:
        return tr("SMH accepts one clear a minute per library.");
    }
    return {};
}

QVariant LibrariesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LibraryColumn:
        return tr("Library");
    case StatusColumn:
        return tr("Status");
    case HistoryColumn:
        return tr("History");
    case VersionsColumn:
        return tr("Versions");
    case DaysColumn:
        return tr("Days");
    case MergeColumn:
        return tr("Merge");
    case UsageColumn:
        return tr("Usage");
    case TrendColumn:
        return tr("Trend");
    case LastCleanupColumn:
        return tr("Last cleanup");
    case OutcomeColumn:
        return tr("Outcome");
    case DeletedColumn:
        return tr("Deleted");
    case FreedColumn:
        return tr("Freed");
    case NextClearColumn:
        return tr("Next clear");
    }
    return {};
}
