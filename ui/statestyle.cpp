#include "ui/statestyle.h"

#include <QBuffer>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QImageReader>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QStyleHints>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

struct Swatch
{
    TaskState state;
    QRgb light;
    QRgb dark;
    const char16_t *glyph;
    bool filled;
};

// Hues far enough apart to tell states apart at a glance, each checked for a
// WCAG contrast of at least 4.5 against white and against a dark base. They
// follow the hues of the state icons in resources/icons/states; the glyph is
// what is drawn when those icons are not compiled in.
constexpr Swatch swatches[] = {
    {TaskState::Queued, 0x5f6368, 0xb4b8be, u"clock", false},
    {TaskState::Running, 0x1565c0, 0x74b4ff, u"play", true},
    {TaskState::Succeeded, 0x1b7a36, 0x66d17f, u"check", true},
    {TaskState::SucceededNoResult, 0x00756a, 0x4fd1c5, u"check", false},
    {TaskState::Failed, 0xc62828, 0xff8a80, u"cross", true},
    {TaskState::NotFound, 0x6b4fbb, 0xb9a3f0, u"dash", false},
    {TaskState::Unknown, 0x8a5a00, 0xf0b429, u"question", true},
    {TaskState::PartlyFailed, 0xad1457, 0xf48fb1, u"cross", false},
};
constexpr QRgb troubleLight = 0xa04f00;
constexpr QRgb troubleDark = 0xffb74d;
constexpr double tintShare = 0.14;

// The icons' mid-tone strokes read well on light bases; on dark ones they
// get the lighter tone of the same hue.
constexpr std::pair<const char *, const char *> darkIconColours[] = {
    {"#7A8494", "#A3ACB9"}, // grey: queued, outlines
    {"#2F7BEA", "#6CB0FF"}, // blue: running
    {"#8E6FD6", "#B9A3F0"}, // violet: not found
    {"#C2185B", "#F48FB1"}, // pink: partly failed
};
constexpr int iconSizes[] = {16, 20, 22, 24, 32, 48, 64};

double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &colour)
{
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF());
}

QColor mix(const QColor &a, const QColor &b, double share)
{
    return QColor::fromRgbF(float(a.redF() * share + b.redF() * (1 - share)),
        float(a.greenF() * share + b.greenF() * (1 - share)),
        float(a.blueF() * share + b.blueF() * (1 - share)));
}

// A system palette may use a base our fixed colours were not chosen for (mid
// grey, tinted): walk the colour away from the base until it reads again.
QColor withContrast(QColor colour, const QColor &base)
{
    const bool darkBase = luminance(base) < 0.18;
    for (int i = 0; i < 24 && StateStyle::contrast(colour, base) < StateStyle::minimumContrast; ++i)
        colour = darkBase ? colour.lighter(112) : colour.darker(112);
    return colour;
}

// A state icon from the compiled-in resources, recoloured for the variant;
// null when the resource is missing.
QIcon resourceIcon(const QString &name, bool dark)
{
    QFile file(u":/icons/states/%1.svg"_s.arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    if (dark) {
        for (const auto &[from, to] : darkIconColours)
            svg.replace(from, to);
    }
    QIcon icon;
    for (int size : iconSizes) {
        QBuffer buffer(&svg);
        QImageReader reader(&buffer, "svg");
        reader.setScaledSize(QSize(size, size));
        const QImage image = reader.read();
        if (image.isNull())
            return {};
        icon.addPixmap(QPixmap::fromImage(image));
    }
    return icon;
}

// On the selection colour a state colour can vanish (blue on blue): the
// icon of a selected row sits on a disc of the base colour it was made for.
QIcon withBackdrop(const QIcon &icon, const QColor &base)
{
    QIcon result = icon;
    for (int size : iconSizes) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(base);
        p.drawEllipse(QRectF(0, 0, size, size));
        p.drawPixmap(0, 0, icon.pixmap(size, size));
        p.end();
        result.addPixmap(pixmap, QIcon::Selected);
    }
    return result;
}

} // namespace

StateStyle::StateStyle(QObject *parent, bool followApplication)
    : QObject(parent)
    , m_palette(QGuiApplication::palette())
{
    rebuild();
    if (!followApplication)
        return;
    // Qt 6.4 announces palette changes to the application object only as an
    // event; 6.5 adds a signal for the desktop's colour scheme.
    qApp->installEventFilter(this);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this,
        [this] { setPalette(QGuiApplication::palette()); });
#endif
}

StateStyle::~StateStyle() = default;

bool StateStyle::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
        setPalette(QGuiApplication::palette());
    return QObject::eventFilter(watched, event);
}

StateStyle::Variant StateStyle::variantFor(const QPalette &palette)
{
    // The base is what our colours sit on; the window colour decides when the
    // base is missing from a custom palette.
    const QColor base = palette.color(QPalette::Active, QPalette::Base);
    const QColor reference = base.isValid() ? base : palette.color(QPalette::Window);
    return reference.lightness() < 128 ? Variant::Dark : Variant::Light;
}

double StateStyle::contrast(const QColor &a, const QColor &b)
{
    double la = luminance(a);
    double lb = luminance(b);
    if (la < lb)
        std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

QColor StateStyle::foregroundFor(TaskState state, const QPalette &palette)
{
    const bool dark = variantFor(palette) == Variant::Dark;
    for (const Swatch &swatch : swatches) {
        if (swatch.state == state)
            return withContrast(QColor::fromRgb(dark ? swatch.dark : swatch.light),
                palette.color(QPalette::Active, QPalette::Base));
    }
    return palette.color(QPalette::Active, QPalette::Text);
}

QColor StateStyle::readableOn(const QColor &colour, const QColor &background)
{
    return withContrast(colour, background);
}

void StateStyle::setPalette(const QPalette &palette)
{
    const bool same = palette.color(QPalette::Active, QPalette::Base)
            == m_palette.color(QPalette::Active, QPalette::Base)
        && palette.color(QPalette::Active, QPalette::Text)
            == m_palette.color(QPalette::Active, QPalette::Text)
        && palette.color(QPalette::Active, QPalette::Window)
            == m_palette.color(QPalette::Active, QPalette::Window);
    m_palette = palette;
    if (same)
        return;
    rebuild();
    Q_EMIT changed();
}

void StateStyle::rebuild()
{
    m_variant = variantFor(m_palette);
    const bool dark = m_variant == Variant::Dark;
    const QColor base = m_palette.color(QPalette::Active, QPalette::Base);
    m_foreground.clear();
    m_background.clear();
    m_icons.clear();
    for (const Swatch &swatch : swatches) {
        const QColor colour =
            withContrast(QColor::fromRgb(dark ? swatch.dark : swatch.light), base);
        const int key = int(swatch.state);
        m_foreground.insert(key, colour);
        m_background.insert(key, mix(colour, base, tintShare));
        QIcon icon = resourceIcon(TaskStates::key(swatch.state), dark);
        if (icon.isNull())
            icon = drawIcon(QString::fromUtf16(swatch.glyph), colour, swatch.filled);
        m_icons.insert(key, withBackdrop(icon, base));
    }
    m_trouble = withContrast(QColor::fromRgb(dark ? troubleDark : troubleLight), base);
    m_authIcon = resourceIcon(u"auth"_s, dark);
    if (m_authIcon.isNull())
        m_authIcon = drawIcon(u"lock"_s, m_trouble, true);
    m_networkIcon = resourceIcon(u"network"_s, dark);
    if (m_networkIcon.isNull())
        m_networkIcon = drawIcon(u"warning"_s, m_trouble, true);
    m_healthyIcon = drawIcon(u"dot"_s, m_foreground.value(int(TaskState::Succeeded)), true);
    m_pausedIcon = drawIcon(u"pause"_s, m_foreground.value(int(TaskState::Queued)), false);
}

QColor StateStyle::foreground(TaskState state) const
{
    return m_foreground.value(int(state));
}

QColor StateStyle::background(TaskState state) const
{
    return m_background.value(int(state));
}

QIcon StateStyle::icon(TaskState state) const
{
    return m_icons.value(int(state));
}

QColor StateStyle::troubleColor() const
{
    return m_trouble;
}

QIcon StateStyle::troubleIcon(Trouble trouble) const
{
    switch (trouble) {
    case Trouble::None:
        return {};
    case Trouble::Auth:
        return m_authIcon;
    case Trouble::Network:
        return m_networkIcon;
    }
    return {};
}

QIcon StateStyle::healthyIcon() const
{
    return m_healthyIcon;
}

QIcon StateStyle::pausedIcon() const
{
    return m_pausedIcon;
}

QColor StateStyle::mutedText() const
{
    return m_palette.color(QPalette::Active, QPalette::PlaceholderText);
}

QIcon StateStyle::drawIcon(const QString &glyph, const QColor &colour, bool filled) const
{
    // Drawn rather than loaded so that the icon takes the exact state colour
    // of the current variant; shapes differ per state for colour-blind users.
    const QColor onFill = m_palette.color(QPalette::Active, QPalette::Base);
    const QColor ink = filled ? onFill : colour;
    QIcon icon;
    for (int size : iconSizes) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 16.0, size / 16.0);
        QPen pen(ink, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);

        if (glyph == u"warning") {
            QPainterPath triangle;
            triangle.moveTo(8, 1.2);
            triangle.lineTo(15.2, 14.6);
            triangle.lineTo(0.8, 14.6);
            triangle.closeSubpath();
            p.setPen(QPen(colour, 1.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(colour);
            p.drawPath(triangle);
            p.setPen(QPen(onFill, 1.8, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(8, 5.8), QPointF(8, 9.6));
            p.drawPoint(QPointF(8, 12.3));
        } else if (glyph == u"lock") {
            p.setPen(QPen(colour, 1.7, Qt::SolidLine, Qt::RoundCap));
            p.setBrush(Qt::NoBrush);
            p.drawArc(QRectF(4.6, 1.8, 6.8, 9.0), 0, 180 * 16);
            p.drawLine(QPointF(4.6, 6.3), QPointF(4.6, 7.5));
            p.drawLine(QPointF(11.4, 6.3), QPointF(11.4, 7.5));
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
            p.drawRoundedRect(QRectF(2.8, 7.0, 10.4, 8.0), 1.6, 1.6);
            p.setPen(QPen(onFill, 1.6, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(8, 9.8), QPointF(8, 12.0));
        } else if (glyph == u"dot") {
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
            p.drawEllipse(QPointF(8, 8), 4.5, 4.5);
        } else {
            // A disc (filled) or a ring, with the glyph inside.
            if (filled) {
                p.setPen(Qt::NoPen);
                p.setBrush(colour);
                p.drawEllipse(QPointF(8, 8), 7.4, 7.4);
            } else {
                QPen ring(colour, 1.5);
                if (glyph == u"dash")
                    ring.setDashPattern({2.2, 1.4});
                p.setPen(ring);
                p.setBrush(Qt::NoBrush);
                p.drawEllipse(QPointF(8, 8), 6.6, 6.6);
            }
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            if (glyph == u"check") {
                const QPointF points[] = {{4.6, 8.3}, {7.0, 10.6}, {11.4, 5.6}};
                p.drawPolyline(points, 3);
            } else if (glyph == u"cross") {
                p.drawLine(QPointF(5.4, 5.4), QPointF(10.6, 10.6));
                p.drawLine(QPointF(10.6, 5.4), QPointF(5.4, 10.6));
            } else if (glyph == u"play") {
                QPainterPath triangle;
                triangle.moveTo(6.3, 4.7);
                triangle.lineTo(11.6, 8.0);
                triangle.lineTo(6.3, 11.3);
                triangle.closeSubpath();
                p.setPen(QPen(ink, 1.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                p.setBrush(ink);
                p.drawPath(triangle);
            } else if (glyph == u"clock") {
                p.setPen(QPen(ink, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                const QPointF points[] = {{8.0, 4.6}, {8.0, 8.0}, {10.6, 9.6}};
                p.drawPolyline(points, 3);
            } else if (glyph == u"dash") {
                p.drawLine(QPointF(5.2, 8), QPointF(10.8, 8));
            } else if (glyph == u"question") {
                QPainterPath hook;
                hook.moveTo(5.6, 6.2);
                hook.cubicTo(5.6, 3.4, 10.4, 3.4, 10.4, 6.2);
                hook.cubicTo(10.4, 8.0, 8.0, 8.0, 8.0, 9.8);
                p.setPen(QPen(ink, 1.7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                p.drawPath(hook);
                p.setPen(QPen(ink, 2.0, Qt::SolidLine, Qt::RoundCap));
                p.drawPoint(QPointF(8.0, 12.3));
            } else if (glyph == u"pause") {
                p.setPen(QPen(ink, 1.7, Qt::SolidLine, Qt::RoundCap));
                p.drawLine(QPointF(6.4, 5.4), QPointF(6.4, 10.6));
                p.drawLine(QPointF(9.6, 5.4), QPointF(9.6, 10.6));
            }
        }
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}
