#include "ui/historyview.h"

#include "history/cleanuplistmodel.h"
#include "history/historyservice.h"
#include "history/usagechartmodel.h"
#include "tasks/displaytext.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "ui/clearhistorydialog.h"
#include "ui/statestyle.h"
#include "ui/usagechart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace

HistoryView::HistoryView(Monitor *monitor, qint64 connectionId, QWidget *parent)
    : QDialog(parent)
    , m_monitor(monitor)
    , m_connections(new QComboBox(this))
    , m_enabled(new QCheckBox(tr("Keep historical versions of files"), this))
    , m_count(new QSpinBox(this))
    , m_expireDays(new QSpinBox(this))
    , m_mergeInterval(new QSpinBox(this))
    , m_apply(new QPushButton(tr("&Apply"), this))
    , m_settingsStatus(new QLabel(this))
    , m_usage(new QLabel(this))
    , m_usageStatus(new QLabel(this))
    , m_chartModel(new UsageChartModel(HistoryService::of(monitor)->ledger(), this))
    , m_chart(new UsageChart(m_chartModel, this))
    , m_cleanupModel(new CleanupListModel(HistoryService::of(monitor)->ledger(), this))
    , m_cleanups(new QTableView(this))
    , m_clear(new QPushButton(this))
    , m_clearStatus(new QLabel(this))
    , m_historyOff(new QLabel(this))
    , m_restoreHistory(new QPushButton(tr("&Turn File History Back On"), this))
    , m_countdown(new QTimer(this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"historyView"_s);
    setWindowTitle(tr("History & Cleanup"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    auto *connectionLabel = new QLabel(tr("&Connection:"), this);
    connectionLabel->setBuddy(m_connections);
    m_connections->setObjectName(u"historyConnection"_s);
    top->addWidget(connectionLabel);
    top->addWidget(m_connections, 1);
    layout->addLayout(top);

    // Said above the tabs, whichever is shown: overwritten files keep no
    // versions meanwhile.
    auto *offRow = new QHBoxLayout;
    m_historyOff->setObjectName(u"historyLeftOff"_s);
    m_historyOff->setWordWrap(true);
    m_historyOff->hide();
    m_restoreHistory->setObjectName(u"turnHistoryBackOn"_s);
    m_restoreHistory->hide();
    offRow->addWidget(m_historyOff, 1);
    offRow->addWidget(m_restoreHistory);
    layout->addLayout(offRow);

    // Three parts in tabs, so that the view fits a 1024x700 screen with
    // each part at a readable size and the actions below always in view.
    m_tabs->setObjectName(u"historyTabs"_s);
    m_tabs->addTab(buildSettings(), tr("File &History"));
    m_tabs->addTab(buildStorage(), tr("&Storage"));
    m_tabs->addTab(buildCleanups(), tr("Clea&nups"));
    layout->addWidget(m_tabs, 1);

    auto *actions = new QHBoxLayout;
    m_clear->setObjectName(u"clearHistory"_s);
    m_clearStatus->setObjectName(u"clearStatus"_s);
    m_clearStatus->setWordWrap(true);
    m_clearStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actions->addWidget(m_clearStatus, 1);
    actions->addWidget(m_clear);
    auto *close = new QPushButton(tr("Close"), this);
    actions->addWidget(close);
    layout->addLayout(actions);

    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_apply, &QPushButton::clicked, this, &HistoryView::applySettings);
    connect(m_clear, &QPushButton::clicked, this, &HistoryView::clearHistory);
    connect(m_countdown, &QTimer::timeout, this, &HistoryView::updateClearButton);
    connect(m_restoreHistory, &QPushButton::clicked, this, &HistoryView::restoreHistory);
    // The clear belongs to the core: its end is heard here whoever started it
    // and whether or not this view was open meanwhile.
    connect(HistoryService::of(monitor), &HistoryService::clearFinished, this,
        &HistoryView::onClearFinished);
    connect(HistoryService::of(monitor)->ledger(), &HistoryLedger::cleanupsChanged, this,
        [this](const LibraryKey &library) {
            if (library != m_library)
                return;
            updateHistoryOffBanner();
            // A clear's settings were put back (or not): show what SMH says now.
            const QList<CleanupRecord> records =
                HistoryService::of(m_monitor)->ledger()->cleanups(library);
            const QString restore =
                records.isEmpty() ? QString() : records.constFirst().restoreOutcome;
            if (restore != m_restoreSeen) {
                m_restoreSeen = restore;
                readSettings();
            }
        });
    connect(HistoryService::of(monitor)->ledger(), &HistoryLedger::sampleAdded, this,
        [this](const LibraryKey &library) {
            if (library == m_library)
                showLatestUsage();
        });
    // A finished clear may have put file history back on.
    connect(HistoryService::of(monitor), &HistoryService::cleanupFinished, this,
        [this](const CleanupRecord &record) {
            if (record.library == m_library)
                readSettings();
        });
    connect(m_connections, &QComboBox::activated, this,
        [this](int index) { setConnection(m_connections->itemData(index).toLongLong()); });
    connect(
        &monitor->tasks(), &TaskStore::connectionsChanged, this, &HistoryView::reloadConnections);
    m_countdown->setInterval(1000);

    reloadConnections();
    setSettingsEditable(false);
    setConnection(connectionId ? connectionId : m_connections->itemData(0).toLongLong());
    if (m_connectionId == 0) {
        // Nothing to read or clear: say what to do instead of an error.
        m_tabs->setEnabled(false);
        m_clear->setEnabled(false);
        setStatus(m_clearStatus,
            tr("There is no connection yet: add one under Connection ▸ Manage Connections."),
            false);
    }
    fitScreen();
}

void HistoryView::fitScreen()
{
    const QWidget *anchor = parentWidget() ? parentWidget()->window() : this;
    const QScreen *screen = anchor->screen();
    if (!screen)
        return;
    // The window manager's frame (title bar, borders) comes on top of the
    // size given here: leave room for it.
    const QSize room = screen->availableGeometry().size() - QSize(24, 64);
    resize(QSize(880, 640).boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room)));
}

QString HistoryView::describe(const SmhError &error) const
{
    return named(error.toString());
}

QString HistoryView::named(QString text) const
{
    // The request's address means nothing to an operator: the library does.
    static const QRegularExpression url(u"https?://[^\\s)]+"_s);
    text.replace(url, tr("library %1").arg(m_library.libraryId));
    return text;
}

void HistoryView::setSettingsEditable(bool editable)
{
    // Until the settings are read the fields hold placeholders, not facts.
    for (QWidget *field : {static_cast<QWidget *>(m_enabled), static_cast<QWidget *>(m_count),
             static_cast<QWidget *>(m_expireDays), static_cast<QWidget *>(m_mergeInterval),
             static_cast<QWidget *>(m_apply)})
        field->setEnabled(editable);
}

HistoryView::~HistoryView()
{
    if (m_connectionId)
        HistoryService::of(m_monitor)->watchUsage(m_connectionId, false);
}

HistoryView *HistoryView::open(Monitor *monitor, qint64 connectionId, QWidget *parent)
{
    auto *view = parent ? parent->findChild<HistoryView *>(u"historyView"_s) : nullptr;
    if (!view)
        view = new HistoryView(monitor, connectionId, parent);
    else if (connectionId)
        view->setConnection(connectionId);
    view->show();
    view->raise();
    view->activateWindow();
    return view;
}

QWidget *HistoryView::buildSettings()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_enabled->setObjectName(u"historyEnabled"_s);
    form->addRow(m_enabled);
    m_count->setObjectName(u"historyCount"_s);
    m_count->setRange(HistoryChange::minCount, HistoryChange::maxCount);
    form->addRow(tr("&Versions kept per file:"), m_count);
    m_expireDays->setObjectName(u"historyExpireDays"_s);
    m_expireDays->setRange(0, HistoryChange::maxExpireDays);
    m_expireDays->setSpecialValueText(tr("never expire"));
    m_expireDays->setSuffix(tr(" days"));
    form->addRow(tr("&Keep versions for:"), m_expireDays);
    m_mergeInterval->setObjectName(u"historyMergeInterval"_s);
    // 1-4 s is not allowed; the check before sending says so in words.
    m_mergeInterval->setRange(0, HistoryChange::maxMergeInterval);
    m_mergeInterval->setSpecialValueText(tr("no merging"));
    m_mergeInterval->setSuffix(tr(" s"));
    form->addRow(tr("&Merge saves within:"), m_mergeInterval);
    auto *note = new QLabel(tr("A change can take about a minute to apply."), page);
    note->setForegroundRole(QPalette::PlaceholderText);
    note->setWordWrap(true);
    auto *row = new QHBoxLayout;
    m_apply->setObjectName(u"applyHistory"_s);
    row->addWidget(note, 1);
    row->addWidget(m_apply);
    form->addRow(row);
    m_settingsStatus->setObjectName(u"settingsStatus"_s);
    m_settingsStatus->setWordWrap(true);
    m_settingsStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_settingsStatus);
    return page;
}

QWidget *HistoryView::buildStorage()
{
    auto *page = new QWidget(this);
    auto *storageLayout = new QVBoxLayout(page);
    auto *usageRow = new QHBoxLayout;
    m_usage->setObjectName(u"usageLabel"_s);
    m_usage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_usage->setWordWrap(true);
    usageRow->addWidget(m_usage, 1);
    auto *refresh = new QPushButton(tr("&Refresh"), page);
    refresh->setObjectName(u"refreshUsage"_s);
    connect(refresh, &QPushButton::clicked, this, &HistoryView::refreshUsage);
    usageRow->addWidget(refresh);
    storageLayout->addLayout(usageRow);
    auto *lag = new QLabel(tr("SMH's usage figures can lag well behind, so freed space may show "
                              "only some time after a clear has finished."),
        page);
    lag->setWordWrap(true);
    lag->setForegroundRole(QPalette::PlaceholderText);
    storageLayout->addWidget(lag);
    storageLayout->addWidget(m_chart, 1);
    m_usageStatus->setWordWrap(true);
    m_usageStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    storageLayout->addWidget(m_usageStatus);
    return page;
}

QWidget *HistoryView::buildCleanups()
{
    auto *page = new QWidget(this);
    auto *cleanupLayout = new QVBoxLayout(page);
    m_cleanups->setObjectName(u"cleanupList"_s);
    m_cleanups->setModel(m_cleanupModel);
    m_cleanups->verticalHeader()->hide();
    m_cleanups->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_cleanups->horizontalHeader()->setStretchLastSection(true);
    m_cleanups->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    cleanupLayout->addWidget(m_cleanups);
    return page;
}

void HistoryView::reloadConnections()
{
    const qint64 current = m_connectionId;
    m_connections->clear();
    const QList<Connection> connections = m_monitor->tasks().connections();
    for (const Connection &connection : connections) {
        m_connections->addItem(connection.label(), connection.id);
    }
    const int index = m_connections->findData(current);
    if (index >= 0)
        m_connections->setCurrentIndex(index);
}

void HistoryView::setStatus(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    // The window's error colour (the Failed state's, readable on this
    // palette's background), as the connection dialog's problems.
    QPalette palette = this->palette();
    if (error)
        palette.setColor(
            QPalette::WindowText, StateStyle::foregroundFor(TaskState::Failed, palette));
    label->setPalette(palette);
    QFont font = label->font();
    font.setBold(error);
    label->setFont(font);
}

void HistoryView::setConnection(qint64 connectionId)
{
    const auto connection = m_monitor->tasks().connection(connectionId);
    if (!connection || connectionId == m_connectionId)
        return;
    ++m_generation;
    if (m_connectionId)
        HistoryService::of(m_monitor)->watchUsage(m_connectionId, false);
    m_connectionId = connectionId;
    m_library = LibraryKey::of(connection->settings);
    m_current.reset();
    m_connections->setCurrentIndex(m_connections->findData(connectionId));
    setWindowTitle(tr("History & Cleanup — %1").arg(connection->label()));
    m_chartModel->setLibrary(m_library);
    m_cleanupModel->setLibrary(m_library);
    const QList<CleanupRecord> records =
        HistoryService::of(m_monitor)->ledger()->cleanups(m_library);
    m_restoreSeen = records.isEmpty() ? QString() : records.constFirst().restoreOutcome;
    m_usage->setText(tr("Reading usage…"));
    m_usageStatus->clear();
    m_clearStatus->clear();
    if (HistoryService::of(m_monitor)->isClearing(m_library))
        setStatus(m_clearStatus, tr("A clear of this library is under way…"), false);
    updateHistoryOffBanner();
    showLatestUsage();
    readSettings();
    HistoryService::of(m_monitor)->watchUsage(connectionId, true);
    updateClearButton();
    m_countdown->start();
}

void HistoryView::readSettings()
{
    setSettingsEditable(false);
    setStatus(m_settingsStatus, tr("Reading the settings…"), false);
    const int generation = m_generation;
    HistoryService::of(m_monitor)->readSettings(
        m_connectionId, this, [this, generation](Expected<HistorySettings, SmhError> settings) {
            if (generation != m_generation)
                return;
            if (!settings) {
                const SmhError &error = settings.error();
                setStatus(m_settingsStatus,
                    error.code() == u"NoPermission"
                        ? tr("Reading and changing these settings needs an admin token: %1")
                              .arg(describe(error))
                        : describe(error),
                    true);
                return;
            }
            showSettings(*settings);
        });
}

void HistoryView::showSettings(const HistorySettings &settings)
{
    m_current = settings;
    m_enabled->setChecked(settings.enabled);
    m_count->setValue(settings.count.value_or(HistoryChange::minCount));
    m_expireDays->setValue(settings.expireDays.value_or(0));
    m_mergeInterval->setValue(settings.mergeInterval.value_or(0));
    setSettingsEditable(true);
    setStatus(m_settingsStatus,
        settings.enabled ? tr("File history is on.")
                         : tr("File history is off: no historical versions are being kept."),
        false);
}

HistoryChange HistoryView::editedChange() const
{
    HistoryChange change;
    const HistorySettings current = m_current.value_or(HistorySettings {});
    if (m_enabled->isChecked() != current.enabled)
        change.enabled = m_enabled->isChecked();
    // Count and expiry go along with a first enable, which needs them.
    const bool enabling = change.enabled.value_or(false);
    if (m_count->value() != current.count.value_or(-1) || (enabling && !current.count))
        change.count = m_count->value();
    if (m_expireDays->value() != current.expireDays.value_or(-1)
        || (enabling && !current.expireDays))
        change.expireDays = m_expireDays->value();
    if (m_mergeInterval->value() != current.mergeInterval.value_or(0))
        change.mergeInterval = m_mergeInterval->value();
    return change;
}

void HistoryView::applySettings()
{
    const HistoryChange change = editedChange();
    if (const QStringList problems = change.validate(m_current); !problems.isEmpty()) {
        setStatus(m_settingsStatus, problems.join(u' '), true);
        return;
    }
    m_apply->setEnabled(false);
    setStatus(m_settingsStatus, tr("Applying…"), false);
    const int generation = m_generation;
    HistoryService::of(m_monitor)->applySettings(m_connectionId, change, m_current, this,
        [this, generation, change](Expected<bool, SmhError> written) {
            if (generation != m_generation)
                return;
            m_apply->setEnabled(true);
            if (!written) {
                setStatus(m_settingsStatus, describe(written.error()), true);
                return;
            }
            HistorySettings applied = m_current.value_or(HistorySettings {});
            if (change.enabled)
                applied.enabled = *change.enabled;
            if (change.count)
                applied.count = change.count;
            if (change.expireDays)
                applied.expireDays = change.expireDays;
            if (change.mergeInterval)
                applied.mergeInterval = change.mergeInterval;
            m_current = applied;
            setStatus(
                m_settingsStatus, tr("Sent. A change can take about a minute to apply."), false);
        });
}

void HistoryView::refreshUsage()
{
    const int generation = m_generation;
    HistoryService::of(m_monitor)->sampleUsage(
        m_connectionId, this, [this, generation](Expected<UsageReading, SmhError> reading) {
            if (generation != m_generation)
                return;
            if (reading) {
                m_usageStatus->clear();
                return;
            }
            const SmhError &error = reading.error();
            setStatus(m_usageStatus,
                error.code() == u"NoPermission"
                    ? tr("Library usage needs an admin token: %1").arg(describe(error))
                    : describe(error),
                true);
        });
}

void HistoryView::showLatestUsage()
{
    HistoryLedger *ledger = HistoryService::of(m_monitor)->ledger();
    const auto library = ledger->latestSample(m_library);
    if (!library) {
        refreshUsage();
        return;
    }
    QString text = tr("Library: %1").arg(sizeText(library->bytes));
    const auto connection = m_monitor->tasks().connection(m_connectionId);
    if (connection && !connection->settings.libraryLevel
        && connection->settings.spaceId != ConnectionSettings::singleTenantSpace) {
        if (const auto space = ledger->latestSample(m_library, connection->settings.spaceId))
            text += u"   "_s
                + tr("Space %1: %2").arg(connection->settings.spaceId, sizeText(space->bytes));
    }
    text += u"   "_s + tr("(read %1)").arg(DisplayText::compact(library->at));
    m_usage->setText(text);
}

void HistoryView::updateClearButton()
{
    const int wait = HistoryService::of(m_monitor)->secondsUntilNextClear(m_library);
    m_clear->setEnabled(wait == 0);
    m_clear->setText(wait > 0 ? tr("C&lear Historical Versions… (%1 s)").arg(wait)
                              : tr("C&lear Historical Versions…"));
}

void HistoryView::clearHistory()
{
    const auto connection = m_monitor->tasks().connection(m_connectionId);
    if (!connection)
        return;
    ClearHistoryDialog dialog(connection->settings.libraryId, m_current, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_clear->setEnabled(false);
    setStatus(m_clearStatus, tr("Starting the clear…"), false);
    // The answer arrives through HistoryService::clearFinished.
    HistoryService::of(m_monitor)->clearHistory(
        m_connectionId, dialog.options(), this, [](const ClearResult &) {});
}

void HistoryView::onClearFinished(const LibraryKey &library, const ClearResult &result)
{
    if (library != m_library)
        return;
    updateClearButton();
    updateHistoryOffBanner();
    if (!result) {
        setStatus(m_clearStatus, named(result.error().message()), true);
        return;
    }
    if (result->previous && result->previous->enabled)
        m_current.reset();
    readSettings();
    setStatus(m_clearStatus,
        tr("Started as task %1; it is tracked in the task list and listed here.")
            .arg(result->record.task.taskId),
        false);
}

void HistoryView::updateHistoryOffBanner()
{
    const QList<CleanupRecord> records =
        HistoryService::of(m_monitor)->ledger()->cleanups(m_library);
    const auto left = std::find_if(records.cbegin(), records.cend(),
        [](const CleanupRecord &record) { return record.leftHistoryOff(); });
    m_leftOffRecord = left == records.cend() ? 0 : left->id;
    m_historyOff->setVisible(m_leftOffRecord != 0);
    m_restoreHistory->setVisible(m_leftOffRecord != 0);
    m_restoreHistory->setEnabled(true);
    if (m_leftOffRecord == 0)
        return;
    setStatus(m_historyOff,
        left->phase == CleanupRecord::Phase::Unknown
            ? tr("File history of this library may still be off: it was turned off for a clear "
                 "whose outcome is unknown (%1). Overwritten files keep no versions until it is "
                 "turned back on.")
                  .arg(DisplayText::dateTime(left->startedAt))
            : tr("File history of this library may still be off: it was turned off for a clear "
                 "that did not happen (%1). Overwritten files keep no versions until it is "
                 "turned back on.")
                  .arg(DisplayText::dateTime(left->startedAt)),
        true);
}

void HistoryView::restoreHistory()
{
    if (m_leftOffRecord == 0)
        return;
    m_restoreHistory->setEnabled(false);
    const int generation = m_generation;
    HistoryService::of(m_monitor)->restoreHistory(
        m_leftOffRecord, this, [this, generation](Expected<bool, SmhError> written) {
            if (generation != m_generation)
                return;
            updateHistoryOffBanner();
            if (!written) {
                setStatus(m_clearStatus, describe(written.error()), true);
                return;
            }
            m_current.reset();
            readSettings();
            setStatus(m_clearStatus, tr("File history was turned back on."), false);
        });
}
