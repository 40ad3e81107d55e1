#include "ui/copyablefield.h"

#include "tasks/displaytext.h"
#include "ui/focusframe.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QToolButton>

using namespace Qt::StringLiterals;

CopyableField::CopyableField(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_name(name)
    // Read-only and frameless, the value shows no cursor and no frame of the
    // style's; an auto-raised button's focus is faint: each marks the keyboard.
    , m_edit(new FocusMarked<QLineEdit>(this))
    , m_wrapped(new FocusMarked<QLabel>(this))
    , m_button(new FocusMarked<QToolButton>(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_edit->setReadOnly(true);
    m_edit->setFrame(false);
    m_edit->setAccessibleName(name);
    // Read like a label on any theme: no base colour behind the text.
    QPalette transparent = m_edit->palette();
    transparent.setColor(QPalette::Base, Qt::transparent);
    m_edit->setPalette(transparent);
    m_edit->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_edit, &QWidget::customContextMenuRequested, this, &CopyableField::showMenu);
    m_edit->installEventFilter(this);
    // Short of room the line edit elides; its width must not follow the text.
    m_edit->setMinimumWidth(fontMetrics().horizontalAdvance(u"M…"_s) * 2);
    m_wrapped->setWordWrap(true);
    m_wrapped->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // A label selectable by keyboard takes only a click; Tab reaches the
    // line-edit values, and this one too.
    m_wrapped->setFocusPolicy(Qt::StrongFocus);
    // The line edit's text margin: both kinds of value start at one place,
    // clear of the focus frame.
    m_wrapped->setMargin(2);
    m_wrapped->setAccessibleName(name);
    m_wrapped->hide();
    m_button->setAutoRaise(true);
    m_button->setIcon(copyIcon(palette()));
    m_button->setToolTip(tr("Copy %1").arg(name));
    m_button->setAccessibleName(tr("Copy %1").arg(name));
    m_button->setFocusPolicy(Qt::TabFocus);
    connect(m_button, &QToolButton::clicked, this, &CopyableField::copy);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_wrapped, 1);
    layout->addWidget(m_button, 0, Qt::AlignTop);
    setValue({});
}

void CopyableField::setValue(const QString &value)
{
    m_value = value;
    // The whole value is always one hover away, however it is shown.
    m_edit->setToolTip(value);
    m_wrapped->setToolTip(value);
    m_wrapped->setText(value.isEmpty() ? DisplayText::noValue() : value);
    m_button->setEnabled(!value.isEmpty());
    refreshText();
}

void CopyableField::setWrapping(bool wrap)
{
    m_edit->setVisible(!wrap);
    m_wrapped->setVisible(wrap);
}

QString CopyableField::shownText() const
{
    return m_wrapped->isVisibleTo(this) ? m_wrapped->text() : m_edit->text();
}

void CopyableField::refreshText()
{
    const QString text = m_value.isEmpty() ? DisplayText::noValue() : m_value;
    if (m_edit->hasFocus()) {
        // Being read or selected: the whole value, scrolled as needed.
        if (m_edit->text() != text)
            m_edit->setText(text);
        return;
    }
    const int room = m_edit->contentsRect().width() - 2 * 2 - 2; // the line edit's text margins
    const QString shown = m_edit->isVisible() && room > 0
        ? m_edit->fontMetrics().elidedText(text, Qt::ElideRight, room)
        : text;
    m_edit->setText(shown);
    m_edit->setCursorPosition(0);
}

void CopyableField::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    refreshText();
}

bool CopyableField::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit
        && (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut
            || event->type() == QEvent::Resize || event->type() == QEvent::Show))
        refreshText();
    return QWidget::eventFilter(watched, event);
}

void CopyableField::copy()
{
    if (m_value.isEmpty())
        return;
    QApplication::clipboard()->setText(m_value);
    Q_EMIT copied(m_name, m_value);
}

void CopyableField::showMenu(const QPoint &position)
{
    std::unique_ptr<QMenu> menu(m_edit->createStandardContextMenu());
    QAction *copyAll = new QAction(tr("Copy %1").arg(m_name), menu.get());
    copyAll->setEnabled(!m_value.isEmpty());
    connect(copyAll, &QAction::triggered, this, &CopyableField::copy);
    const QList<QAction *> actions = menu->actions();
    menu->insertAction(actions.isEmpty() ? nullptr : actions.constFirst(), copyAll);
    menu->insertSeparator(actions.isEmpty() ? nullptr : actions.constFirst());
    menu->exec(m_edit->mapToGlobal(position));
}

void CopyableField::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_button->setIcon(copyIcon(palette()));
    QWidget::changeEvent(event);
}

QIcon CopyableField::copyIcon(const QPalette &palette)
{
    const QColor ink = palette.color(QPalette::Active, QPalette::ButtonText);
    QIcon icon;
    for (int size : {16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 16.0, size / 16.0);
        p.setPen(QPen(ink, 1.2));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(2.5, 4.5, 8, 9.5), 1.2, 1.2);
        p.drawRoundedRect(QRectF(5.5, 1.8, 8, 9.5), 1.2, 1.2);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}
