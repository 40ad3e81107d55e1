#include "ui/focusframe.h"

#include "ui/statestyle.h"

#include <QPainter>
#include <QWidget>

namespace FocusFrame {

QColor colour(const QPalette &palette, QPalette::ColorRole background)
{
    QColor mark = palette.color(QPalette::Active, QPalette::Highlight);
    const QColor behind = palette.color(QPalette::Active, background);
    const bool darkBehind = behind.lightness() < 128;
    for (int i = 0; i < 24 && StateStyle::contrast(mark, behind) < minimumContrast; ++i)
        mark = darkBehind ? mark.lighter(112) : mark.darker(112);
    return mark;
}

void paint(QWidget *owner, QWidget *surface)
{
    if (!owner->hasFocus())
        return;
    // A list's viewport shows its base; a value shows what is behind it.
    const QWidget *behind =
        surface != owner || !owner->parentWidget() ? surface : owner->parentWidget();
    QPainter painter(surface);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour(owner->palette(), behind->backgroundRole()), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(QRectF(surface->rect()).adjusted(1, 1, -1, -1), 2, 2);
}

} // namespace FocusFrame
