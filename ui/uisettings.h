#pragma once

#include "tasks/taskstate.h"

#include <QByteArray>
#include <QSet>
#include <QSettings>
#include <QString>

#include <memory>

// The window's preferences, typed. Values read back are checked: an unknown
// enum name or a wrong type gives the default, never a surprise. Tokens and
// secrets never come here (they live in SecretStore).
class UiSettings final
{
public:
    enum class NotificationMode {
        All,
        FailuresOnly,
        Off,
    };
    enum class ThemeMode {
        System,
        Light,
        Dark,
    };

    struct Filter
    {
        QString text;
        QSet<TaskState> states; // empty: all
        qint64 connectionId = 0; // 0: all
    };

    // Uses the application's default QSettings, or `settings` (not owned).
    explicit UiSettings(QSettings *settings = nullptr);
    ~UiSettings();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray headerState() const;
    void setHeaderState(const QByteArray &state);

    NotificationMode notificationMode() const;
    void setNotificationMode(NotificationMode mode);
    ThemeMode themeMode() const;
    void setThemeMode(ThemeMode mode);

    Filter filter() const;
    void setFilter(const Filter &filter);

    // Where exports go: the last folder used, else Documents.
    QString exportFolder() const;
    void setExportFolder(const QString &folder);

    static QString key(NotificationMode mode);
    static QString key(ThemeMode mode);
    static std::optional<NotificationMode> notificationModeFromKey(const QString &key);
    static std::optional<ThemeMode> themeModeFromKey(const QString &key);

    void sync();

private:
    QByteArray bytes(const QString &key) const;

    std::unique_ptr<QSettings> m_owned;
    QSettings *m_settings;
};
