#pragma once

#include <QLocale>
#include <QString>

// Loads the application's and Qt's own translations for a locale: the one
// given with --lang, else the system's.
namespace Translations {

// Installs translators on the running application; returns the locale used.
// English needs none and is always "loaded".
QLocale install(const QString &language);

// Locales we ship a translation for (besides English).
QStringList available();

} // namespace Translations
