#pragma once

#include "tasks/connectionhealth.h"
#include "tasks/taskstate.h"

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPalette>

// How a task state looks: a colour, a tint and an icon, in a light and a dark
// variant. Colour is never the only cue (the icon has a distinct shape and the
// text stays), and every colour keeps readable contrast against the palette's
// base. Follows the application palette, so a theme change recolours at once.
class StateStyle final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateStyle)

public:
    enum class Variant {
        Light,
        Dark,
    };
    Q_ENUM(Variant)

    // Trouble with a connection rather than with a task, as the core judges it.
    using Trouble = ConnectionHealth::Trouble;

    // The least contrast (WCAG ratio) a state colour keeps against the base.
    static constexpr double minimumContrast = 4.5;

    // Follows QGuiApplication::palette() when `followApplication` is true.
    explicit StateStyle(QObject *parent = nullptr, bool followApplication = true);
    ~StateStyle() override;

    static Variant variantFor(const QPalette &palette);
    static double contrast(const QColor &a, const QColor &b);
    // The state colour for a palette, without building icons (for widgets
    // that only colour a line of text).
    static QColor foregroundFor(TaskState state, const QPalette &palette);
    // `colour`, darkened or lightened until it keeps minimumContrast against
    // `background` (text on the window colour rather than the base).
    static QColor readableOn(const QColor &colour, const QColor &background);

    // Recomputes colours and icons for `palette`; emits changed() when
    // anything a view shows is different.
    void setPalette(const QPalette &palette);
    Variant variant() const { return m_variant; }

    QColor foreground(TaskState state) const;
    QColor background(TaskState state) const; // a tint of the foreground over the base
    QIcon icon(TaskState state) const;

    QColor troubleColor() const;
    QIcon troubleIcon(Trouble trouble) const;
    // A dot in the colour of a healthy connection (idle or polling).
    QIcon healthyIcon() const;
    QIcon pausedIcon() const;

    // The palette's own colour for muted text (counts, hints).
    QColor mutedText() const;

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    QIcon drawIcon(const QString &glyph, const QColor &colour, bool filled) const;

    QPalette m_palette;
    Variant m_variant = Variant::Light;
    QHash<int, QColor> m_foreground;
    QHash<int, QColor> m_background;
    QHash<int, QIcon> m_icons;
    QColor m_trouble;
    QIcon m_authIcon;
    QIcon m_networkIcon;
    QIcon m_healthyIcon;
    QIcon m_pausedIcon;
};
