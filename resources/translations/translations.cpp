#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace Translations {

namespace {

// Installed .qm files win over the compiled-in ones, so that a distribution
// can update a translation without rebuilding.
QStringList searchPaths()
{
    return {QDir(QCoreApplication::applicationDirPath())
                .filePath(u"../"_s + QStringLiteral(SMH_TRANSLATIONS_INSTALL_DIR)),
        u":/i18n"_s};
}

bool loadInto(
    QTranslator *translator, const QLocale &locale, const QString &name, const QStringList &paths)
{
    for (const QString &path : paths) {
        if (translator->load(locale, name, u"_"_s, path))
            return true;
    }
    return false;
}

} // namespace

QStringList available()
{
    return {u"zh_CN"_s};
}

QLocale install(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);

    // Without a translation for the locale the words stay English, and the
    // English catalogue still picks "1 task" or "2 tasks".
    auto *app = new QTranslator(QCoreApplication::instance());
    if (loadInto(app, locale, u"smh-task-monitor"_s, searchPaths())
        || loadInto(app, QLocale(QLocale::English), u"smh-task-monitor"_s, searchPaths()))
        QCoreApplication::installTranslator(app);
    else
        delete app;

    // Qt's own strings: standard buttons, the file dialog, shortcuts.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (loadInto(qt, locale, u"qtbase"_s, {QLibraryInfo::path(QLibraryInfo::TranslationsPath)}))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return locale;
}

} // namespace Translations
