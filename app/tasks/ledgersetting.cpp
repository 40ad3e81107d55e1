#include "tasks/ledgersetting.h"

#include "smh/privatefile.h"
#include "tasks/ledgersql.h"

#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

const QString locationKey = u"ledger/location"_s;
// Longer than any honest URL; anything bigger is not ours.
constexpr qsizetype maxLocationLength = 2048;

// As the window's settings: without an organisation QSettings would write
// under "Unknown Organization".
QString organization()
{
    const QString name = QCoreApplication::organizationName();
    return name.isEmpty() ? QCoreApplication::applicationName() : name;
}

} // namespace

LedgerSetting::LedgerSetting(QSettings *settings)
    : m_owned(settings
            ? nullptr
            : std::make_unique<QSettings>(organization(), QCoreApplication::applicationName()))
    , m_settings(settings ? settings : m_owned.get())
{ }

LedgerSetting::~LedgerSetting() = default;

Expected<QString> LedgerSetting::location() const
{
    const QVariant value = m_settings->value(locationKey);
    if (!value.isValid() || value.toString().isEmpty())
        return QString();
    const Expected<QString> checked = check(value.toString());
    if (!checked)
        return unexpected(checked.error().withMessage(
            tr("The ledger location saved in %1 cannot be used: %2 Choose it again in the "
               "window (File > Ledger Location…) or give --ledger.")
                .arg(m_settings->fileName(), checked.error().message())));
    return checked;
}

Expected<void> LedgerSetting::setLocation(const QString &location)
{
    if (location.isEmpty()) {
        m_settings->remove(locationKey);
    } else {
        const Expected<QString> checked = check(location);
        if (!checked)
            return unexpected(checked.error());
        // Private before it names a server; reading made nothing (a command on
        // a server leaves no settings file behind).
        if (m_owned)
            (void)PrivateFile::prepare(m_owned->fileName()); // worth keeping anyway
        m_settings->setValue(locationKey, *checked);
    }
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError)
        return unexpected(Error::file(
            tr("The ledger location cannot be saved in %1.").arg(m_settings->fileName())));
    return {};
}

Expected<QString> LedgerSetting::check(const QString &location)
{
    const QString trimmed = location.trimmed();
    if (trimmed.size() > maxLocationLength)
        return unexpected(Error::input(tr("The team database's URL is too long.")));
    if (!LedgerLocation::isPostgres(trimmed))
        return unexpected(
            Error::input(tr("A team database is given as postgresql://user@host:port/database.")));
    // The password check first: its sentence never repeats the URL.
    if (!QUrl(trimmed).password().isEmpty())
        return unexpected(Error::input(
            tr("The URL must not carry a password: it would be saved in the settings file. "
               "Keep it in the keychain, in PGPASSWORD or in ~/.pgpass instead.")));
    const Expected<QUrl> url = LedgerLocation::parse(trimmed);
    if (!url && QUrl(trimmed, QUrl::StrictMode).isValid() && QUrl(trimmed).host().isEmpty())
        return unexpected(Error::input(tr("The team database needs a host.")));
    if (!url)
        return unexpected(url.error());
    return url->toString();
}

Expected<QString> LedgerSetting::compose(
    const QString &host, int port, const QString &database, const QString &user)
{
    if (host.trimmed().isEmpty())
        return unexpected(Error::input(tr("The team database needs a host.")));
    if (database.trimmed().isEmpty())
        return unexpected(Error::input(tr("The team database needs a database name.")));
    if (user.trimmed().isEmpty())
        return unexpected(Error::input(tr("The team database needs a user name.")));
    if (port < 1 || port > 65535)
        return unexpected(Error::input(tr("The port must be between 1 and 65535.")));
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(host.trimmed());
    url.setPort(port);
    url.setUserName(user.trimmed());
    url.setPath(u"/"_s + database.trimmed());
    if (!url.isValid() || url.host().isEmpty())
        // Not repeated: a password typed into the wrong field must not be shown.
        return unexpected(Error::input(tr("The host is not a valid host name or address.")));
    return check(url.toString());
}
