#include "ui/campaigndialog.h"

#include "history/campaignmodel.h"
#include "history/historyservice.h"
#include "tasks/displaytext.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "ui/statestyle.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int connectionRole = Qt::UserRole;
constexpr int historyOnRole = Qt::UserRole + 1;
// Libraries whose settings and usage are read at the same time.
constexpr int readsAtOnce = 4;

enum PlanColumn {
    PlanLibrary,
    PlanId,
    PlanHistory,
    PlanUsage,
    PlanNextClear,
    PlanColumns,
};

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

// A library's progress as a task state, for StateStyle's colour and icon.
TaskState lookOf(CampaignLibrary::Step step, CampaignLibrary::Outcome outcome)
{
    using Outcome = CampaignLibrary::Outcome;
    switch (outcome) {
    case Outcome::Pending:
        return step == CampaignLibrary::Step::Waiting ? TaskState::Queued : TaskState::Running;
    case Outcome::Cleared:
        return TaskState::Succeeded;
    case Outcome::TaskFailed:
    case Outcome::Refused:
        return TaskState::Failed;
    case Outcome::Unknown:
    case Outcome::Untracked:
        return TaskState::Unknown;
    case Outcome::Cancelled:
    case Outcome::LeftUndone:
        break;
    }
    return TaskState::NotFound;
}

// The campaign's rows with the state's icon and colour on the outcome (the
// text stays: colour is never the only cue).
class StyledCampaignModel final : public QIdentityProxyModel
{
public:
    StyledCampaignModel(StateStyle *style, QObject *parent)
        : QIdentityProxyModel(parent)
        , m_style(style)
    {
        connect(style, &StateStyle::changed, this, [this] {
            if (rowCount() > 0)
                Q_EMIT dataChanged(index(0, CampaignModel::OutcomeColumn),
                    index(rowCount() - 1, CampaignModel::OutcomeColumn),
                    {Qt::DecorationRole, Qt::ForegroundRole});
        });
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (index.column() == CampaignModel::OutcomeColumn
            && (role == Qt::DecorationRole || role == Qt::ForegroundRole)) {
            const TaskState look =
                lookOf(CampaignLibrary::Step(index.data(CampaignModel::StepRole).toInt()),
                    CampaignLibrary::Outcome(index.data(CampaignModel::OutcomeRole).toInt()));
            if (role == Qt::DecorationRole)
                return m_style->icon(look);
            return m_style->foreground(look);
        }
        return QIdentityProxyModel::data(index, role);
    }

private:
    StateStyle *m_style;
};

} // namespace

CampaignDialog::CampaignDialog(Monitor *monitor, QWidget *parent)
    : QDialog(parent)
    , m_monitor(monitor)
    , m_style(new StateStyle(this))
    , m_pages(new QStackedWidget(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(u"campaignDialog"_s);
    setWindowTitle(tr("Clear Historical Versions in Several Libraries"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    m_pages->addWidget(buildPlan());
    m_pages->addWidget(buildProgress());
}

CampaignDialog::~CampaignDialog() = default;

CampaignDialog *CampaignDialog::open(
    Monitor *monitor, const QList<qint64> &connectionIds, QWidget *parent)
{
    auto *dialog = new CampaignDialog(monitor, parent);
    dialog->setConnections(connectionIds);
    dialog->fitScreen();
    dialog->QDialog::show();
    dialog->m_confirm->setFocus();
    return dialog;
}

CampaignDialog *CampaignDialog::show(Monitor *monitor, Campaign *campaign, QWidget *parent)
{
    auto *dialog = new CampaignDialog(monitor, parent);
    dialog->follow(campaign);
    dialog->fitScreen();
    dialog->QDialog::show();
    return dialog;
}

CampaignDialog *CampaignDialog::openLatest(Monitor *monitor, QWidget *parent)
{
    const QList<Campaign *> active = Campaigns::of(HistoryService::of(monitor))->active();
    if (!active.isEmpty())
        return show(monitor, active.constLast(), parent);
    QList<qint64> ids;
    for (const Connection &connection : monitor->tasks().connections())
        ids << connection.id;
    std::sort(ids.begin(), ids.end());
    return open(monitor, ids, parent);
}

QWidget *CampaignDialog::buildPlan()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins({});
    m_warning = new QLabel(page);
    m_warning->setWordWrap(true);
    m_warning->setObjectName(u"campaignWarning"_s);
    layout->addWidget(m_warning);
    m_undone = new QLabel(page);
    m_undone->setWordWrap(true);
    m_undone->setObjectName(u"leftUndone"_s);
    m_undone->hide();
    layout->addWidget(m_undone);

    m_plan = new QTableWidget(0, PlanColumns, page);
    m_plan->setObjectName(u"campaignPlan"_s);
    m_plan->setHorizontalHeaderLabels(
        {tr("Library"), tr("Library ID"), tr("File history"), tr("Usage"), tr("Next clear")});
    m_plan->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_plan->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_plan->verticalHeader()->hide();
    m_plan->horizontalHeader()->setStretchLastSection(true);
    m_plan->setWordWrap(false);
    m_plan->setTabKeyNavigation(false);
    // Space ticks or unticks the current library.
    connect(m_plan, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() == PlanLibrary)
            updateConfirm();
    });
    layout->addWidget(m_plan, 1);

    auto *options = new QGridLayout;
    m_turnOff = new QCheckBox(tr("Turn file history off first where it is on"), page);
    m_turnOff->setObjectName(u"turnOffHistory"_s);
    m_turnOff->setChecked(true);
    m_restore =
        new QCheckBox(tr("Restore the previous settings when each clear has finished"), page);
    m_restore->setObjectName(u"restoreHistory"_s);
    m_restore->setChecked(true);
    connect(m_turnOff, &QCheckBox::toggled, m_restore, &QWidget::setEnabled);
    connect(m_turnOff, &QCheckBox::toggled, this, &CampaignDialog::updateConfirm);
    m_parallel = new QSpinBox(page);
    m_parallel->setObjectName(u"parallel"_s);
    m_parallel->setRange(1, CampaignPlan::maxParallel);
    m_parallel->setValue(CampaignPlan::defaultParallel);
    auto *parallelLabel = new QLabel(tr("&Libraries at once:"), page);
    parallelLabel->setBuddy(m_parallel);
    options->addWidget(m_turnOff, 0, 0, 1, 3);
    options->addWidget(m_restore, 1, 0, 1, 3);
    options->addWidget(parallelLabel, 2, 0);
    options->addWidget(m_parallel, 2, 1);
    options->setColumnStretch(2, 1);
    layout->addLayout(options);
    m_historyNote = new QLabel(page);
    m_historyNote->setWordWrap(true);
    m_historyNote->setObjectName(u"historyNote"_s);
    layout->addWidget(m_historyNote);

    m_prompt = new QLabel(page);
    m_confirm = new QLineEdit(page);
    m_confirm->setObjectName(u"confirmCount"_s);
    m_prompt->setBuddy(m_confirm);
    layout->addWidget(m_prompt);
    layout->addWidget(m_confirm);
    m_error = new QLabel(page);
    m_error->setWordWrap(true);
    m_error->setObjectName(u"campaignError"_s);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, page);
    m_start = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(u"startCampaign"_s);
    m_start->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &CampaignDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirm, &QLineEdit::textChanged, this, &CampaignDialog::updateConfirm);
    layout->addWidget(buttons);
    return page;
}

QWidget *CampaignDialog::buildProgress()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins({});
    m_summary = new QLabel(page);
    m_summary->setWordWrap(true);
    m_summary->setObjectName(u"campaignSummary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_model = new CampaignModel(this);
    auto *styled = new StyledCampaignModel(m_style, this);
    styled->setSourceModel(m_model);
    m_progress = new QTableView(page);
    m_progress->setObjectName(u"campaignProgress"_s);
    m_progress->setModel(styled);
    m_progress->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_progress->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_progress->verticalHeader()->hide();
    m_progress->horizontalHeader()->setStretchLastSection(true);
    m_progress->setWordWrap(false);
    m_progress->setTabKeyNavigation(false);
    layout->addWidget(m_progress, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, page);
    m_cancel = buttons->addButton(tr("Ca&ncel Campaign"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(u"cancelCampaign"_s);
    m_cancel->setAutoDefault(false);
    m_cancel->setToolTip(tr("No further library starts; a library whose clear has not been sent "
                            "yet stops before it. Clears already sent are tracked to their end."));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_campaign)
            m_campaign->cancel();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    return page;
}

void CampaignDialog::fitScreen()
{
    const QWidget *anchor = parentWidget() ? parentWidget()->window() : this;
    const QScreen *screen = anchor->screen();
    if (!screen)
        return;
    // Room for the window manager's frame around the size given here.
    const QSize room = screen->availableGeometry().size() - QSize(24, 64);
    resize(QSize(900, 600).boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room)));
}

void CampaignDialog::setConnections(const QList<qint64> &connectionIds)
{
    HistoryLedger *ledger = HistoryService::of(m_monitor)->ledger();
    QList<LibraryKey> listed;
    // Rows are complete before anyone hears of a change.
    const QSignalBlocker quiet(m_plan);
    for (qint64 id : connectionIds) {
        const auto connection = m_monitor->tasks().connection(id);
        const LibraryKey key = connection ? LibraryKey::of(connection->settings) : LibraryKey();
        // A clear empties the whole library: one row per library.
        if (!connection || listed.contains(key))
            continue;
        listed << key;
        const int row = m_plan->rowCount();
        m_plan->insertRow(row);
        auto *name = new QTableWidgetItem(connection->label());
        name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
        name->setCheckState(Qt::Checked);
        name->setData(connectionRole, id);
        m_plan->setItem(row, PlanLibrary, name);
        m_plan->setItem(row, PlanId, new QTableWidgetItem(key.libraryId));
        m_plan->setItem(row, PlanHistory, new QTableWidgetItem(tr("Reading…")));
        const auto sample = ledger->latestSample(key);
        m_plan->setItem(row, PlanUsage,
            new QTableWidgetItem(sample ? sizeText(sample->bytes) : DisplayText::noValue()));
        m_plan->item(row, PlanUsage)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const int wait = HistoryService::of(m_monitor)->secondsUntilNextClear(key);
        m_plan->setItem(row, PlanNextClear,
            new QTableWidgetItem(wait > 0 ? tr("in %n s", nullptr, wait) : tr("now")));
        m_toRead << row;
    }
    m_plan->resizeColumnsToContents();
    if (m_plan->rowCount() > 0)
        m_plan->setCurrentCell(0, PlanLibrary);
    m_plan->viewport()->update();

    // The newest campaign was cut short by a crash: say what it left undone.
    Campaigns *campaigns = Campaigns::of(HistoryService::of(m_monitor));
    const QList<CampaignSummary> newest = campaigns->list(1);
    if (!newest.isEmpty() && newest.constFirst().state == CampaignSummary::State::Interrupted) {
        const Campaign *campaign = campaigns->find(newest.constFirst().id);
        const QStringList undone = campaign ? campaign->leftUndone() : QStringList();
        if (!undone.isEmpty()) {
            m_undone->setText(tr("The last campaign stopped before it was done (its monitor was "
                                 "closed or stopped); nothing was sent again. Left undone: %1.")
                                  .arg(QLocale().createSeparatedList(undone)));
            m_undone->show();
        }
    }
    updateConfirm();
    for (int i = 0; i < readsAtOnce; ++i)
        readNext();
}

void CampaignDialog::readNext()
{
    if (m_toRead.isEmpty() || m_reading >= readsAtOnce)
        return;
    readLibrary(m_toRead.takeFirst());
}

// Settings then usage, with the library's admin token, as a clear would.
void CampaignDialog::readLibrary(int row)
{
    ++m_reading;
    const qint64 id = m_plan->item(row, PlanLibrary)->data(connectionRole).toLongLong();
    HistoryService *service = HistoryService::of(m_monitor);
    service->readSettings(
        id, this, [this, row, id, service](Expected<HistorySettings, SmhError> settings) {
            QTableWidgetItem *item = m_plan->item(row, PlanHistory);
            if (settings) {
                item->setData(historyOnRole, settings->enabled);
                item->setText(settings->enabled
                        ? tr("On: %n version(s), %1 days, merge %2 s", nullptr,
                            settings->count.value_or(0))
                              .arg(QLocale().toString(settings->expireDays.value_or(0)),
                                  QLocale().toString(settings->mergeInterval.value_or(0)))
                        : tr("Off"));
            } else {
                const SmhError &error = settings.error();
                const bool notAdmin = error.httpStatus() == 403 && error.code() == u"NoPermission";
                item->setText(notAdmin ? tr("Not an admin token: it will be refused")
                        : error.kind() == SmhError::Kind::Network ? tr("Unreachable")
                                                                  : tr("Could not be read"));
                item->setToolTip(error.toString());
                item->setForeground(m_style->troubleColor());
            }
            updateConfirm();
            service->sampleUsage(id, this, [this, row](Expected<UsageReading, SmhError> usage) {
                if (usage)
                    m_plan->item(row, PlanUsage)->setText(sizeText(usage->libraryBytes));
                --m_reading;
                readNext();
            });
        });
}

QList<qint64> CampaignDialog::chosenConnections() const
{
    QList<qint64> ids;
    for (int row = 0; row < m_plan->rowCount(); ++row) {
        const QTableWidgetItem *item = m_plan->item(row, PlanLibrary);
        if (item->checkState() == Qt::Checked)
            ids << item->data(connectionRole).toLongLong();
    }
    return ids;
}

// Start only once the number of chosen libraries is typed.
void CampaignDialog::updateConfirm()
{
    const int count = int(chosenConnections().size());
    const QString number = QLocale().toString(count);
    m_warning->setText(tr("<p>Every historical version of every file in the %n chosen "
                          "library(s) will be deleted and its space released.</p><p><b>This "
                          "cannot be undone.</b></p>",
        nullptr, count));
    m_prompt->setText(tr("&Type the number of libraries, %1, to confirm:").arg(number));
    m_start->setText(tr("&Clear %n Library(s)", nullptr, count));
    int historyOn = 0;
    for (int row = 0; row < m_plan->rowCount(); ++row) {
        if (m_plan->item(row, PlanLibrary)->checkState() == Qt::Checked
            && m_plan->item(row, PlanHistory)->data(historyOnRole).toBool())
            ++historyOn;
    }
    m_historyNote->setVisible(historyOn > 0 && !m_turnOff->isChecked());
    m_historyNote->setText(tr("File history is on in %n of them: they will be refused unless it "
                              "is turned off first.",
        nullptr, historyOn));
    const QString typed = m_confirm->text().trimmed();
    bool ok = false;
    const int asNumber = QLocale().toInt(typed, &ok);
    const bool confirmed = count > 0 && (typed == number || (ok && asNumber == count));
    m_start->setEnabled(confirmed);
}

void CampaignDialog::start()
{
    if (!m_start->isEnabled())
        return;
    CampaignPlan plan;
    plan.connectionIds = chosenConnections();
    plan.options.disableHistoryFirst = m_turnOff->isChecked();
    plan.options.restoreAfterwards = m_turnOff->isChecked() && m_restore->isChecked();
    plan.parallel = m_parallel->value();
    const Expected<Campaign *> started = Campaigns::of(HistoryService::of(m_monitor))->start(plan);
    if (!started) {
        m_error->setText(started.error().message());
        m_error->show();
        return;
    }
    follow(*started);
}

void CampaignDialog::follow(Campaign *campaign)
{
    m_campaign = campaign;
    m_model->setCampaign(campaign);
    m_pages->setCurrentIndex(1);
    m_progress->resizeColumnsToContents();
    connect(campaign, &Campaign::libraryChanged, this, &CampaignDialog::updateSummary);
    connect(campaign, &Campaign::stateChanged, this, &CampaignDialog::updateSummary);
    updateSummary();
    m_progress->setFocus();
    if (m_progress->model()->rowCount() > 0)
        m_progress->setCurrentIndex(m_progress->model()->index(0, 0));
}

void CampaignDialog::updateSummary()
{
    if (!m_campaign)
        return;
    const QList<CampaignLibrary> &libraries = m_campaign->libraries();
    qint64 freed = 0;
    int cleared = 0;
    for (const CampaignLibrary &library : libraries) {
        freed += std::max<qint64>(0, library.freedBytes().value_or(0));
        if (library.outcome == CampaignLibrary::Outcome::Cleared)
            ++cleared;
    }
    const QLocale locale;
    QStringList parts;
    parts << m_campaign->summary().stateLabel();
    parts << tr("%1 of %n library(s) done", nullptr, int(libraries.size()))
                 .arg(locale.toString(m_campaign->doneCount()));
    parts << tr("%1 running").arg(locale.toString(m_campaign->activeCount()));
    parts << tr("%1 cleared").arg(locale.toString(cleared));
    parts << tr("%1 freed so far").arg(sizeText(freed));
    QString text = parts.join(u" · "_s);
    text += u'\n'
        + tr("Started %1 by %2; at most %n library(s) at once.", nullptr,
            m_campaign->plan().parallel)
              .arg(DisplayText::dateTime(m_campaign->summary().startedAt),
                  m_campaign->summary().origin);
    if (const QStringList undone = m_campaign->leftUndone(); !undone.isEmpty())
        text += u'\n'
            + tr("Left undone when the monitor running the campaign stopped: %1. Nothing was "
                 "sent again; start a new campaign for them.")
                  .arg(locale.createSeparatedList(undone));
    m_summary->setText(text);
    const bool cancellable = !m_campaign->isOver() && !m_campaign->isResumed()
        && m_campaign->state() == CampaignSummary::State::Running;
    m_cancel->setEnabled(cancellable);
    if (!cancellable && m_cancel->hasFocus())
        m_progress->setFocus();
}
