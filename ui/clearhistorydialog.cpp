#include "ui/clearhistorydialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ClearHistoryDialog::ClearHistoryDialog(
    const QString &libraryId, const std::optional<HistorySettings> &current, QWidget *parent)
    : QDialog(parent)
    , m_libraryId(libraryId)
    , m_historyOn(current && current->enabled)
    , m_confirm(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Clear Historical Versions"));
    auto *layout = new QVBoxLayout(this);
    auto *warning = new QLabel(
        tr("<p>Every historical version of every file in library <b>%1</b> will be deleted and "
           "its space released.</p><p><b>This cannot be undone.</b></p>")
            .arg(libraryId.toHtmlEscaped()),
        this);
    warning->setWordWrap(true);
    layout->addWidget(warning);

    if (m_historyOn) {
        auto *on = new QLabel(tr("File history is on for this library. It must be turned off "
                                 "before its historical versions can be cleared."),
            this);
        on->setWordWrap(true);
        layout->addWidget(on);
        m_turnOff = new QCheckBox(tr("Turn file history off first"), this);
        m_turnOff->setObjectName(u"turnOffHistory"_s);
        m_turnOff->setChecked(true);
        m_restore =
            new QCheckBox(tr("Restore the previous settings when the clear has finished"), this);
        m_restore->setObjectName(u"restoreHistory"_s);
        m_restore->setChecked(true);
        layout->addWidget(m_turnOff);
        layout->addWidget(m_restore);
        connect(m_turnOff, &QCheckBox::toggled, this, &ClearHistoryDialog::updateButton);
        connect(m_turnOff, &QCheckBox::toggled, m_restore, &QWidget::setEnabled);
    }

    auto *prompt = new QLabel(
        tr("Type the library ID <b>%1</b> to confirm:").arg(libraryId.toHtmlEscaped()), this);
    prompt->setBuddy(m_confirm);
    layout->addWidget(prompt);
    m_confirm->setObjectName(u"confirmLibraryId"_s);
    layout->addWidget(m_confirm);

    QPushButton *clear =
        m_buttons->addButton(tr("&Clear Historical Versions"), QDialogButtonBox::AcceptRole);
    clear->setObjectName(u"confirmClear"_s);
    clear->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirm, &QLineEdit::textChanged, this, &ClearHistoryDialog::updateButton);
    updateButton();
    m_confirm->setFocus();
}

void ClearHistoryDialog::updateButton()
{
    const bool typed = m_confirm->text().trimmed() == m_libraryId;
    const bool historyHandled = !m_historyOn || (m_turnOff && m_turnOff->isChecked());
    for (QAbstractButton *button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(typed && historyHandled);
        else
            button->setEnabled(true);
    }
}

ClearOptions ClearHistoryDialog::options() const
{
    ClearOptions options;
    options.disableHistoryFirst = m_turnOff && m_turnOff->isChecked();
    options.restoreAfterwards = options.disableHistoryFirst && m_restore && m_restore->isChecked();
    return options;
}
