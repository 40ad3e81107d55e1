#pragma once

#include "history/historyapi.h"
#include "history/historyservice.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// The confirmation of a clear: it names the library, says the deletion cannot
// be undone, and enables its button only once the library ID is typed. When
// file history is on it says it must be turned off first and offers to do it,
// and to restore the previous settings when the clear has finished.
class ClearHistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClearHistoryDialog)

public:
    ClearHistoryDialog(const QString &libraryId, const std::optional<HistorySettings> &current,
        QWidget *parent = nullptr);

    ClearOptions options() const;

private:
    void updateButton();

    QString m_libraryId;
    bool m_historyOn = false;
    QLineEdit *m_confirm;
    QCheckBox *m_turnOff = nullptr;
    QCheckBox *m_restore = nullptr;
    QDialogButtonBox *m_buttons;
};
