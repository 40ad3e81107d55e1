#pragma once

#include "history/historyapi.h"
#include "history/historyledger.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

class Campaign;
class HistoryService;
class TaskStore;

// Every connection (library and space) side by side: its file-history
// settings, usage now with a trend of the last samples, its last cleanup and
// when the next clear is allowed; while a cleanup campaign of this monitor
// holds the library, its step there is the outcome shown. Usage and cleanups come from the ledger
// and follow its signals; the settings are read from SMH on demand (refresh()) and in the
// background, spread over time and within each library's budget (see Budget). Rows follow the
// connections; a change touches its row alone (dataChanged), never the whole model.
class LibrariesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibrariesModel)

public:
    // RawRole: the value a column sorts by (bytes, counts, ms since the
    // epoch, the state as a number); TrendRole: the last usage samples,
    // oldest first (QList<qint64>), for a sparkline; StateRole: ReadState.
    static constexpr int RawRole = Qt::UserRole;
    static constexpr int TrendRole = Qt::UserRole + 1;
    static constexpr int StateRole = Qt::UserRole + 2;
    static constexpr int ConnectionIdRole = Qt::UserRole + 3;
    // Samples in a trend.
    static constexpr int trendLength = 24;
    // A read is a settings read and a usage sample, each with an admin token
    // minted and deleted again: at most this many requests to the library.
    static constexpr int requestsPerRead = 7;

    enum Column {
        LibraryColumn,
        StatusColumn,
        HistoryColumn,
        VersionsColumn,
        DaysColumn,
        MergeColumn,
        UsageColumn,
        TrendColumn,
        LastCleanupColumn,
        OutcomeColumn,
        DeletedColumn,
        FreedColumn,
        NextClearColumn,
        ColumnCount,
    };

    enum class ReadState {
        NeverRead,
        Reading, // the first read is under way
        Read,
        NotAdmin, // 403 on the settings read: the token may not administer the library
        Unreachable, // no answer: network, timeout
        Failed, // another error (what SMH said is in the status's tooltip)
    };

    // How politely SMH is asked. Per library (all of its connections
    // together) one read at a time, and none sooner than `freshFor` after the
    // last one began, on demand or not; so a library gets at most
    // requestsPerRead requests per `freshFor`. In the background each library
    // is read again once `backgroundEvery` has passed, one read starting at
    // most every `spacing` across all libraries, `inFlight` at most at once.
    struct Budget
    {
        std::chrono::milliseconds freshFor {std::chrono::seconds(30)};
        std::chrono::milliseconds backgroundEvery {std::chrono::minutes(10)};
        std::chrono::milliseconds spacing {std::chrono::seconds(2)};
        int inFlight = 2;
    };

    LibrariesModel(const TaskStore *store, HistoryService *service, QObject *parent = nullptr);

    void setBudget(const Budget &budget) { m_budget = budget; }
    Budget budget() const { return m_budget; }
    // Reads libraries in the background (while someone looks).
    void setBackgroundRefresh(bool on);
    bool backgroundRefresh() const { return m_background; }
    // Reads every connection (`ids` empty) or those given, as soon as the
    // budget allows; a library read within `freshFor` is left as it is.
    // Returns how many connections were queued.
    int refresh(const QList<qint64> &ids = {});
    // Reads under way.
    int readsInFlight() const { return m_inFlight; }
    // Nothing asked for is waiting or under way.
    bool isIdle() const { return m_inFlight == 0 && m_queue.isEmpty(); }

    qint64 connectionId(int row) const;
    int rowOf(qint64 connectionId) const;
    ReadState state(int row) const;

    static QString stateLabel(ReadState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // A read of a library ended (whatever came of it).
    void readFinished(const LibraryKey &library);

private:
    struct Row
    {
        qint64 connectionId = 0;
        QString label;
        LibraryKey library;
        QString spaceId; // empty: the whole library (library-level connection)
        ReadState state = ReadState::NeverRead;
        bool reading = false;
        QString error; // what the last read said, when it failed
        QDateTime readAt; // the last read that answered
        std::optional<HistorySettings> settings;
        std::optional<UsageSample> usage;
        std::optional<qint64> spaceBytes;
        QList<qint64> trend;
        std::optional<CleanupRecord> lastCleanup;
        QDateTime nextClearAt; // invalid: a clear may go now
    };

    void syncConnections();
    // `readLedger` false: samples and cleanups are left to the caller.
    Row rowFor(const Connection &connection, bool readLedger = true) const;
    void takeSamples(Row &row, const QList<UsageSample> &samples) const;
    void loadCleanups(Row &row) const;
    void onSample(const LibraryKey &library, const UsageSample &sample);
    void onCleanups(const LibraryKey &library);
    void rowChanged(int row);
    void followCampaign(Campaign *campaign);
    // The campaign's word on the library while it holds it (or when it
    // ended without a cleanup record): nullopt when the record speaks.
    std::optional<QString> campaignText(const Row &row) const;
    void scheduleNextClearTick();

    // The reads.
    void pump();
    int nextToRead() const;
    bool mayRead(const LibraryKey &library, qint64 nowMs, std::chrono::milliseconds age) const;
    void startRead(int row);
    void settingsRead(qint64 connectionId, const LibraryKey &library,
        Expected<HistorySettings, SmhError> settings);
    void finishRead(const LibraryKey &library, const std::optional<SmhError> &error);
    void forLibrary(const LibraryKey &library, const std::function<void(Row &)> &change);

    QVariant display(const Row &row, int column) const;
    QVariant raw(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;

    const TaskStore *m_store;
    HistoryService *m_service;
    HistoryLedger *m_ledger;
    QList<Row> m_rows;
    struct CampaignRef
    {
        QPointer<Campaign> campaign;
        int index = -1; // into Campaign::libraries()
    };
    QHash<LibraryKey, CampaignRef> m_campaigns; // the newest of each library
    Budget m_budget;
    bool m_background = false;
    QList<qint64> m_queue; // asked for, oldest first
    QHash<LibraryKey, qint64> m_lastReadMs; // when its last read began, on m_clock
    QSet<LibraryKey> m_busy; // a read under way
    int m_inFlight = 0;
    qint64 m_lastStartMs = -1;
    QElapsedTimer m_clock;
    QTimer m_pump;
    QTimer m_nextClearTick;
};

Q_DECLARE_METATYPE(LibrariesModel::ReadState)
