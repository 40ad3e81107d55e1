#pragma once

#include "history/campaign.h"
#include "smh/expected.h"

#include <QObject>

class QSqlQuery;
class TaskStore;

// Campaigns in the task ledger, beside the cleanups (their own schema part,
// "campaigns"): the campaign with who ran it from where, when and with which
// options, and each library's step and cleanup record. A library's step is
// written before the step's first destructive call leaves, so that a
// process that stops at any point leaves a ledger that says what was sent.
class CampaignLedger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignLedger)

public:
    explicit CampaignLedger(TaskStore *store, QObject *parent = nullptr);

    static bool createTables(QSqlQuery &query);

    // The campaign and its libraries in one transaction; returns its id.
    Expected<qint64> add(const CampaignSummary &summary, const QList<CampaignLibrary> &libraries);
    Expected<void> updateSummary(const CampaignSummary &summary);
    Expected<void> updateLibrary(qint64 campaignId, const CampaignLibrary &library);

    std::optional<CampaignSummary> summary(qint64 id) const;
    QList<CampaignLibrary> libraries(qint64 campaignId) const;
    // Newest first.
    QList<CampaignSummary> list(int limit) const;
    // Running or cancelling campaigns whose process is gone, and
    // interrupted ones whose tracking did not end.
    QList<CampaignSummary> orphaned() const;

private:
    QList<CampaignSummary> select(
        const QString &where, const QVariantList &values, int limit = -1) const;

    TaskStore *m_store;
};
