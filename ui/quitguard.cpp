#include "ui/quitguard.h"

#include "history/campaign.h"
#include "history/historyservice.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace QuitGuard {

int librariesInFlight(Monitor *monitor)
{
    int count = 0;
    for (const Campaign *campaign : Campaigns::of(HistoryService::of(monitor))->active()) {
        if (campaign->isOver())
            continue;
        count += int(campaign->libraries().size()) - campaign->doneCount();
    }
    return count;
}

bool mayQuit(Monitor *monitor, QWidget *parent)
{
    const int unfinished = librariesInFlight(monitor);
    if (unfinished == 0)
        return true;
    QMessageBox box(QMessageBox::Warning,
        QCoreApplication::translate("QuitGuard", "Quit During a Cleanup?"),
        QCoreApplication::translate("QuitGuard",
            "A cleanup campaign is still running: %n library(s) not finished.", nullptr,
            unfinished),
        QMessageBox::NoButton, parent);
    box.setObjectName(u"quitDuringCampaign"_s);
    box.setInformativeText(QCoreApplication::translate("QuitGuard",
        "If you quit now, the libraries not yet started are left undone and named at the "
        "next start. A clear already sent is followed from the ledger then; it is never sent "
        "twice."));
    QPushButton *keep = box.addButton(
        QCoreApplication::translate("QuitGuard", "&Keep Running"), QMessageBox::RejectRole);
    QPushButton *quit = box.addButton(
        QCoreApplication::translate("QuitGuard", "&Quit Anyway"), QMessageBox::DestructiveRole);
    keep->setObjectName(u"keepRunning"_s);
    quit->setObjectName(u"quitAnyway"_s);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    return box.clickedButton() == quit;
}

} // namespace QuitGuard
