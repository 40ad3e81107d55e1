#include "ui/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace {

struct Desktop
{
    bool known = false;
    QString style;
};

Desktop &desktop()
{
    static Desktop remembered;
    return remembered;
}

void setColours(
    QPalette &palette, QPalette::ColorRole role, const QColor &active, const QColor &disabled)
{
    palette.setColor(QPalette::Active, role, active);
    palette.setColor(QPalette::Inactive, role, active);
    palette.setColor(QPalette::Disabled, role, disabled);
}

} // namespace

namespace Theme {

QPalette lightPalette()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
    QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    palette.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x6f, 0x76));
    return palette;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor text(0xe4, 0xe6, 0xeb);
    const QColor disabledText(0x73, 0x77, 0x7e);
    setColours(p, QPalette::Window, QColor(0x2b, 0x2d, 0x31), QColor(0x2b, 0x2d, 0x31));
    setColours(p, QPalette::WindowText, text, disabledText);
    setColours(p, QPalette::Base, QColor(0x1e, 0x1f, 0x22), QColor(0x26, 0x27, 0x2b));
    setColours(p, QPalette::AlternateBase, QColor(0x25, 0x27, 0x2b), QColor(0x26, 0x27, 0x2b));
    setColours(p, QPalette::ToolTipBase, QColor(0x33, 0x36, 0x3b), QColor(0x33, 0x36, 0x3b));
    setColours(p, QPalette::ToolTipText, text, disabledText);
    setColours(p, QPalette::PlaceholderText, QColor(0x93, 0x97, 0x9e), disabledText);
    setColours(p, QPalette::Text, text, disabledText);
    setColours(p, QPalette::Button, QColor(0x36, 0x39, 0x3e), QColor(0x2e, 0x30, 0x34));
    setColours(p, QPalette::ButtonText, text, disabledText);
    setColours(p, QPalette::BrightText, QColor(0xff, 0x8a, 0x80), QColor(0xff, 0x8a, 0x80));
    setColours(p, QPalette::Light, QColor(0x45, 0x48, 0x4e), QColor(0x3a, 0x3c, 0x41));
    setColours(p, QPalette::Midlight, QColor(0x3a, 0x3d, 0x42), QColor(0x33, 0x35, 0x39));
    setColours(p, QPalette::Mid, QColor(0x24, 0x26, 0x29), QColor(0x24, 0x26, 0x29));
    setColours(p, QPalette::Dark, QColor(0x18, 0x19, 0x1c), QColor(0x18, 0x19, 0x1c));
    setColours(p, QPalette::Shadow, QColor(0x0c, 0x0c, 0x0e), QColor(0x0c, 0x0c, 0x0e));
    setColours(p, QPalette::Highlight, QColor(0x2f, 0x6f, 0xdb), QColor(0x44, 0x47, 0x4d));
    p.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x2b, 0x4f, 0x8a));
    setColours(p, QPalette::HighlightedText, QColor(0xff, 0xff, 0xff), disabledText);
    setColours(p, QPalette::Link, QColor(0x74, 0xb4, 0xff), QColor(0x5a, 0x7d, 0xa8));
    setColours(p, QPalette::LinkVisited, QColor(0xc3, 0x9b, 0xff), QColor(0x7e, 0x6a, 0xa8));
    return p;
}

void apply(UiSettings::ThemeMode mode)
{
    Desktop &original = desktop();
    if (!original.known) {
        original.known = true;
        original.style = QApplication::style()->name();
    }
    switch (mode) {
    case UiSettings::ThemeMode::System:
        QApplication::setStyle(original.style);
        // An empty palette hands colours back to the desktop, so that its own
        // light/dark switch is followed again.
        QApplication::setPalette(QPalette());
        break;
    case UiSettings::ThemeMode::Light:
        QApplication::setStyle(u"Fusion"_s);
        QApplication::setPalette(lightPalette());
        break;
    case UiSettings::ThemeMode::Dark:
        QApplication::setStyle(u"Fusion"_s);
        QApplication::setPalette(darkPalette());
        break;
    }
}

} // namespace Theme
