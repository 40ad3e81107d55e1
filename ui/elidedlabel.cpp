#include "ui/elidedlabel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>
#include <QPainter>

ElidedLabel::ElidedLabel(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    updateToolTip();
    updateGeometry();
    update();
}

void ElidedLabel::setDetails(const QString &details)
{
    m_details = details;
    updateToolTip();
}

QString ElidedLabel::shownText() const
{
    return fontMetrics().elidedText(m_text, Qt::ElideRight, contentsRect().width());
}

QSize ElidedLabel::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.horizontalAdvance(m_text) + 4, metrics.height()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.horizontalAdvance(QStringLiteral("M…")), metrics.height()};
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(contentsRect(), Qt::AlignLeft | Qt::AlignVCenter, shownText());
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateToolTip();
}

void ElidedLabel::contextMenuEvent(QContextMenuEvent *event)
{
    if (m_text.isEmpty())
        return;
    QMenu menu(this);
    connect(menu.addAction(tr("&Copy")), &QAction::triggered, this,
        [this] { QApplication::clipboard()->setText(m_details.isEmpty() ? m_text : m_details); });
    menu.exec(event->globalPos());
}

void ElidedLabel::updateToolTip()
{
    if (!m_details.isEmpty())
        setToolTip(m_details);
    else
        setToolTip(shownText() == m_text ? QString() : m_text);
}
