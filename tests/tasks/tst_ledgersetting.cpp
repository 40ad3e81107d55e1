#include "tasks/ledgersetting.h"
#include "tasks/ledgersql.h"
#include "verifyexpected.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The ledger location as a setting: what is saved (never a password), what
// is refused before saving and in words, and how the team ledger's password
// is looked for (PGPASSWORD, then ~/.pgpass, before the keychain).
class TestLedgerSetting final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString settingsFile() const { return m_dir.filePath(u"settings.conf"_s); }

    QString writePassFile(const QByteArray &content, QFileDevice::Permissions permissions)
    {
        const QString path = m_dir.filePath(u"pgpass"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        file.close();
        file.setPermissions(permissions);
        return path;
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(settingsFile());
        qunsetenv("PGPASSWORD");
    }

    void roundTripsWithoutAPassword()
    {
        const QString url = u"postgresql://smh@db.example.com:5433/ledger?sslmode=require"_s;
        {
            QSettings settings(settingsFile(), QSettings::IniFormat);
            LedgerSetting setting(&settings);
            QVERIFY(setting.location().valueOr(u"x"_s).isEmpty()); // nothing saved: this computer
            SMH_VERIFY(setting.setLocation(url));
        }
        QSettings settings(settingsFile(), QSettings::IniFormat);
        QCOMPARE(LedgerSetting(&settings).location().valueOr(QString()), url);
        // Back to this computer: nothing left saved.
        SMH_VERIFY(LedgerSetting(&settings).setLocation(QString()));
        QCOMPARE(LedgerSetting(&settings).location().valueOr(u"x"_s), QString());
        QVERIFY(!settings.contains(u"ledger/location"_s));
    }

    void badLocationsAreRefusedInWords_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("words");
        QTest::newRow("password") << u"postgresql://smh:hunter2@db/ledger"_s << u"password"_s;
        QTest::newRow("no host") << u"postgresql:///ledger"_s << u"host"_s;
        QTest::newRow("no database") << u"postgresql://smh@db"_s << u"postgresql://"_s;
        QTest::newRow("a file") << u"/tmp/ledger.sqlite"_s << u"postgresql://"_s;
        QTest::newRow("other query") << u"postgresql://smh@db/l?host=evil"_s << u"sslmode"_s;
        QTest::newRow("garbage") << u"postgresql://smh@[::1/x"_s << u"postgresql://"_s;
    }

    void badLocationsAreRefusedInWords()
    {
        QFETCH(QString, location);
        QFETCH(QString, words);
        const Expected<QString> checked = LedgerSetting::check(location);
        QVERIFY(!checked);
        QVERIFY2(checked.error().message().contains(words), qPrintable(checked.error().message()));
        QVERIFY(!checked.error().message().contains(u"hunter2"_s));
        QSettings settings(settingsFile(), QSettings::IniFormat);
        QVERIFY(!LedgerSetting(&settings).setLocation(location));
        QVERIFY(!settings.contains(u"ledger/location"_s));
    }

    void composedFromItsParts()
    {
        QCOMPARE(LedgerSetting::compose(u" db.example.com "_s, 5432, u"ledger"_s, u"smh"_s)
                     .valueOr(QString()),
            u"postgresql://smh@db.example.com:5432/ledger"_s);
        const Expected<QString> noHost = LedgerSetting::compose(u"  "_s, 5432, u"l"_s, u"smh"_s);
        QVERIFY(!noHost);
        QVERIFY(noHost.error().message().contains(u"host"_s));
        QVERIFY(!LedgerSetting::compose(u"db"_s, 5432, QString(), u"smh"_s));
        QVERIFY(!LedgerSetting::compose(u"db"_s, 5432, u"l"_s, QString()));
        // A password typed into the host field is refused and never repeated.
        const Expected<QString> typo =
            LedgerSetting::compose(u"smh:hunter2@db"_s, 5432, u"l"_s, u"smh"_s);
        QVERIFY(!typo);
        QVERIFY(!typo.error().message().contains(u"hunter2"_s));
    }

    // Edited by hand into something refused: said, naming the file and the
    // way out, instead of quietly using another ledger.
    void aHandEditedSettingIsAnError()
    {
        QSettings settings(settingsFile(), QSettings::IniFormat);
        settings.setValue(u"ledger/location"_s, u"postgresql://smh:hunter2@db/ledger"_s);
        const Expected<QString> saved = LedgerSetting(&settings).location();
        QVERIFY(!saved);
        QVERIFY(saved.error().message().contains(settingsFile()));
        QVERIFY(saved.error().message().contains(u"--ledger"_s));
        QVERIFY(!saved.error().message().contains(u"hunter2"_s));
    }

    void oneNameWhateverTheSpelling()
    {
        const QString name = LedgerLocation::canonical(u"postgresql://smh@db.example.com:5432/l"_s);
        QCOMPARE(
            LedgerLocation::canonical(u"postgres://smh@DB.example.com/l?sslmode=require"_s), name);
        QVERIFY(LedgerLocation::canonical(u"postgresql://smh@db.example.com:5433/l"_s) != name);
        QVERIFY(LedgerLocation::canonical(u"postgresql://other@db.example.com/l"_s) != name);
    }

    // The keychain is asked only when libpq finds nothing of its own.
    void libpqsOwnPasswordsComeFirst()
    {
        const QString ledger = u"postgresql://smh@db.example.com:5432/ledger"_s;
        const QFileDevice::Permissions mine = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        qputenv("PGPASSFILE", m_dir.filePath(u"none"_s).toLocal8Bit());
        QVERIFY(!LedgerLocation::libpqHasPassword(ledger));
        qputenv("PGPASSWORD", "x");
        QVERIFY(LedgerLocation::libpqHasPassword(ledger));
        qunsetenv("PGPASSWORD");

        qputenv("PGPASSFILE",
            writePassFile("# comment\nother:5432:*:smh:a\ndb.example.com:*:ledger:smh:b\n", mine)
                .toLocal8Bit());
        QVERIFY(LedgerLocation::libpqHasPassword(ledger));
        QVERIFY(!LedgerLocation::libpqHasPassword(u"postgresql://ann@db.example.com/ledger"_s));
        QVERIFY(!LedgerLocation::libpqHasPassword(u"postgresql://smh@db.example.com/other"_s));
        // Escaped colons are part of a field.
        writePassFile("db.example.com:5432:led\\:ger:smh:c\n", mine);
        QVERIFY(!LedgerLocation::libpqHasPassword(ledger));
        writePassFile("*:*:*:*:d\n", mine);
        QVERIFY(LedgerLocation::libpqHasPassword(ledger));
        // libpq ignores a file others can read; so must we, or no password comes at all.
        writePassFile("*:*:*:*:d\n", mine | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        QVERIFY(!LedgerLocation::libpqHasPassword(ledger));
        qunsetenv("PGPASSFILE");
    }
};

QTEST_GUILESS_MAIN(TestLedgerSetting)
#include "tst_ledgersetting.moc"
