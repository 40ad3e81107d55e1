#pragma once

#include <QAbstractScrollArea>
#include <QColor>
#include <QFocusEvent>
#include <QPaintEvent>
#include <QPalette>
#include <QWidget>

// The mark a keyboard-reachable part draws while it has the focus, where the
// style draws none (a frameless read-only value, a selectable label): a
// frame in the palette's highlight colour, made lighter or darker until it
// stands out from the background as WCAG asks of a focus mark (3:1).
namespace FocusFrame {

constexpr double minimumContrast = 3.0;

// The highlight, walked away from `background` until it has the contrast.
QColor colour(const QPalette &palette, QPalette::ColorRole background = QPalette::Window);

// Draws the frame just inside `surface`'s edges when `owner` has the focus
// (a list draws it on its viewport, inside its own frame).
void paint(QWidget *owner, QWidget *surface);

} // namespace FocusFrame

// A W (a read-only line edit, a selectable label, a tool button, a list)
// that draws FocusFrame over its own painting: the style marks none of
// these, or one too faint to find (a list's current cell when nothing is
// selected).
template<typename W>
class FocusMarked final : public W
{
    Q_DISABLE_COPY_MOVE(FocusMarked)

public:
    using W::W;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        W::paintEvent(event);
        FocusFrame::paint(this, surface());
    }
    void focusInEvent(QFocusEvent *event) override
    {
        W::focusInEvent(event);
        surface()->update();
    }
    void focusOutEvent(QFocusEvent *event) override
    {
        W::focusOutEvent(event);
        surface()->update();
    }

private:
    QWidget *surface()
    {
        if constexpr (std::is_base_of_v<QAbstractScrollArea, W>)
            return this->viewport();
        else
            return this;
    }
};
