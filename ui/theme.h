#pragma once

#include "ui/uisettings.h"

#include <QPalette>

// Light, dark or the desktop's look. Light and dark use the Fusion style with
// a palette of ours, so they look the same everywhere (and under Xvfb, where
// there is no desktop theme to follow).
namespace Theme {

QPalette lightPalette();
QPalette darkPalette();

// Applies the mode to the running application. The desktop's own style is
// remembered on the first call so that System can return to it.
void apply(UiSettings::ThemeMode mode);

} // namespace Theme
