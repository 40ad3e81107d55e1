#include "ui/uisettings.h"

#include "smh/privatefile.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

const QString geometryKey = u"window/geometry"_s;
const QString stateKey = u"window/state"_s;
const QString headerKey = u"window/taskHeader"_s;
const QString notificationsKey = u"notifications/mode"_s;
const QString themeKey = u"appearance/theme"_s;
const QString filterTextKey = u"filter/text"_s;
const QString filterStatesKey = u"filter/states"_s;
const QString filterConnectionKey = u"filter/connection"_s;

// Far larger than any window state Qt writes; anything bigger is not ours.
constexpr qsizetype maxBlobBytes = 64 * 1024;
constexpr qsizetype maxFilterText = 512;

// Without an organisation QSettings writes under "Unknown Organization";
// the application name is the better folder.
QString defaultOrganization()
{
    const QString organization = QCoreApplication::organizationName();
    return organization.isEmpty() ? QCoreApplication::applicationName() : organization;
}

} // namespace

UiSettings::UiSettings(QSettings *settings)
    : m_owned(settings ? nullptr
                       : std::make_unique<QSettings>(
                           defaultOrganization(), QCoreApplication::applicationName()))
    , m_settings(settings ? settings : m_owned.get())
{
    if (m_owned) {
        // Failing that, settings are still worth keeping: QSettings writes anyway.
        (void)PrivateFile::prepare(m_owned->fileName());
    }
}

UiSettings::~UiSettings() = default;

QByteArray UiSettings::bytes(const QString &key) const
{
    const QVariant value = m_settings->value(key);
    if (value.typeId() != QMetaType::QByteArray)
        return {};
    const QByteArray data = value.toByteArray();
    return data.size() <= maxBlobBytes ? data : QByteArray();
}

QByteArray UiSettings::windowGeometry() const
{
    return bytes(geometryKey);
}

void UiSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(geometryKey, geometry);
}

QByteArray UiSettings::windowState() const
{
    return bytes(stateKey);
}

void UiSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(stateKey, state);
}

QByteArray UiSettings::headerState() const
{
    return bytes(headerKey);
}

void UiSettings::setHeaderState(const QByteArray &state)
{
    m_settings->setValue(headerKey, state);
}

QString UiSettings::key(NotificationMode mode)
{
    switch (mode) {
    case NotificationMode::All:
        return u"all"_s;
    case NotificationMode::FailuresOnly:
        return u"failures"_s;
    case NotificationMode::Off:
        return u"off"_s;
    }
    return {};
}

QString UiSettings::key(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::System:
        return u"system"_s;
    case ThemeMode::Light:
        return u"light"_s;
    case ThemeMode::Dark:
        return u"dark"_s;
    }
    return {};
}

std::optional<UiSettings::NotificationMode> UiSettings::notificationModeFromKey(const QString &text)
{
    for (NotificationMode mode :
        {NotificationMode::All, NotificationMode::FailuresOnly, NotificationMode::Off}) {
        if (key(mode) == text)
            return mode;
    }
    return std::nullopt;
}

std::optional<UiSettings::ThemeMode> UiSettings::themeModeFromKey(const QString &text)
{
    for (ThemeMode mode : {ThemeMode::System, ThemeMode::Light, ThemeMode::Dark}) {
        if (key(mode) == text)
            return mode;
    }
    return std::nullopt;
}

UiSettings::NotificationMode UiSettings::notificationMode() const
{
    return notificationModeFromKey(m_settings->value(notificationsKey).toString())
        .value_or(NotificationMode::All);
}

void UiSettings::setNotificationMode(NotificationMode mode)
{
    m_settings->setValue(notificationsKey, key(mode));
}

UiSettings::ThemeMode UiSettings::themeMode() const
{
    return themeModeFromKey(m_settings->value(themeKey).toString()).value_or(ThemeMode::System);
}

void UiSettings::setThemeMode(ThemeMode mode)
{
    m_settings->setValue(themeKey, key(mode));
}

UiSettings::Filter UiSettings::filter() const
{
    Filter filter;
    filter.text = m_settings->value(filterTextKey).toString().left(maxFilterText);
    const QStringList states = m_settings->value(filterStatesKey).toStringList();
    for (const QString &name : states) {
        if (const std::optional<TaskState> state = TaskStates::fromKey(name))
            filter.states.insert(*state);
    }
    bool ok = false;
    const qint64 connection = m_settings->value(filterConnectionKey).toLongLong(&ok);
    filter.connectionId = ok && connection > 0 ? connection : 0;
    return filter;
}

void UiSettings::setFilter(const Filter &filter)
{
    m_settings->setValue(filterTextKey, filter.text);
    QStringList states;
    for (int i = 0; i < TaskStates::count; ++i) {
        if (filter.states.contains(TaskState(i)))
            states << TaskStates::key(TaskState(i));
    }
    m_settings->setValue(filterStatesKey, states);
    m_settings->setValue(filterConnectionKey, filter.connectionId);
}

void UiSettings::sync()
{
    m_settings->sync();
}
