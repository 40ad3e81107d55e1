#pragma once

#include "history/campaign.h"

#include <QDialog>
#include <QPointer>

class CampaignModel;
class Monitor;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;
class QTableWidget;
class StateStyle;

// The guarded cleanup campaign: one dialog that lists each chosen library
// with its file history settings, usage and when its next clear is allowed,
// the options of the single clear (history off first, settings restored
// afterwards) and how many libraries run at once; it starts only once the
// number of libraries is typed. Then it shows each library's progress (step,
// outcome, versions deleted, usage, freed) with Cancel. Closing it does not
// stop the campaign: the campaign belongs to the monitor.
class CampaignDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignDialog)

public:
    // The plan for `connectionIds` (the Libraries view's selection). Not
    // modal; it deletes itself when closed.
    static CampaignDialog *open(
        Monitor *monitor, const QList<qint64> &connectionIds, QWidget *parent);
    // The progress of a campaign started elsewhere or resumed after a crash.
    static CampaignDialog *show(Monitor *monitor, Campaign *campaign, QWidget *parent);
    // The newest campaign still running or resumed here, else the plan for
    // every connection (the menu's entry).
    static CampaignDialog *openLatest(Monitor *monitor, QWidget *parent);

    ~CampaignDialog() override;

    // The libraries ticked in the plan, in order.
    QList<qint64> chosenConnections() const;
    Campaign *campaign() const { return m_campaign; }

private:
    CampaignDialog(Monitor *monitor, QWidget *parent);
    QWidget *buildPlan();
    QWidget *buildProgress();
    void setConnections(const QList<qint64> &connectionIds);
    void fitScreen();
    // Settings and usage are read a few libraries at a time.
    void readNext();
    void readLibrary(int row);
    void updateConfirm();
    void start();
    void follow(Campaign *campaign);
    void updateSummary();

    Monitor *m_monitor;
    StateStyle *m_style;
    QStackedWidget *m_pages;
    QTableWidget *m_plan = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_historyNote = nullptr;
    QLabel *m_undone = nullptr;
    QCheckBox *m_turnOff = nullptr;
    QCheckBox *m_restore = nullptr;
    QSpinBox *m_parallel = nullptr;
    QLabel *m_prompt = nullptr;
    QLineEdit *m_confirm = nullptr;
    QPushButton *m_start = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QTableView *m_progress = nullptr;
    CampaignModel *m_model = nullptr;
    QPushButton *m_cancel = nullptr;
    QPointer<Campaign> m_campaign;
    QList<int> m_toRead;
    int m_reading = 0;
};
