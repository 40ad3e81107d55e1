#include "smh/secretstore.h"
#include "tasks/ledgersql.h"
#include "testledger.h"
#include "ui/ledgerdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;

// File > Ledger Location…: by keyboard alone and on a 1024x700 screen; what
// it refuses before saving; the password kept in the keychain (the private
// file here) and never in the settings; and, on the PostgreSQL run, what
// "Test Connection" says of a real server in words.
class TestLedgerDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;

    QString settingsFile() const { return m_dir->filePath(u"settings.conf"_s); }
    QString secretsFile() const { return m_dir->filePath(u"secrets.json"_s); }

    static QByteArray contentsOf(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    std::unique_ptr<LedgerLocationDialog> dialog(const QString &running = u"/x/ledger.sqlite"_s)
    {
        auto shown =
            std::make_unique<LedgerLocationDialog>(running, m_secrets.get(), m_settings.get());
        shown->show();
        QApplication::setActiveWindow(shown.get());
        if (!QTest::qWaitForWindowActive(shown.get()))
            return {};
        return shown;
    }

    template<typename T>
    static T *child(QWidget *dialog, const QString &name)
    {
        return dialog->findChild<T *>(name);
    }

    static void fill(QWidget *dialog, const QUrl &url, const QString &password = {})
    {
        child<QRadioButton>(dialog, u"teamRadio"_s)->setChecked(true);
        child<QLineEdit>(dialog, u"hostEdit"_s)->setText(url.host());
        child<QSpinBox>(dialog, u"portSpin"_s)->setValue(url.port(5432));
        child<QLineEdit>(dialog, u"databaseEdit"_s)->setText(url.path().mid(1));
        child<QLineEdit>(dialog, u"userEdit"_s)->setText(url.userName());
        child<QLineEdit>(dialog, u"passwordEdit"_s)->setText(password);
    }

    // The cluster's password, from the password file the fixture wrote.
    static QString clusterPassword()
    {
        const QByteArray line = contentsOf(qEnvironmentVariable("PGPASSFILE")).trimmed();
        return QString::fromUtf8(line.split(':').value(4));
    }

    static QString testResult(QWidget *dialog, const QUrl &url, const QString &password)
    {
        fill(dialog, url, password);
        auto *label = child<QLabel>(dialog, u"testResultLabel"_s);
        auto *button = child<QPushButton>(dialog, u"testButton"_s);
        button->click();
        if (!QTest::qWaitFor([button] { return button->isEnabled(); }, 30'000))
            return u"<no answer>"_s;
        return label->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        SMH_REQUIRE_BACKEND();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<QSettings>(settingsFile(), QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>();
        m_secrets->setKeychainEnabled(false);
        m_secrets->setPrivateFilePath(secretsFile());
        QVERIFY(m_secrets->enablePrivateFile());
    }

    void cleanup()
    {
        m_secrets.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void fitsTheSmallScreen()
    {
        const auto shown = dialog();
        QVERIFY(shown);
        const QSize size = shown->frameGeometry().size();
        QVERIFY2(size.width() <= 1024 && size.height() <= 700,
            qPrintable(u"%1x%2"_s.arg(size.width()).arg(size.height())));
        for (const QString &name : {u"saveButton"_s, u"cancelButton"_s, u"testButton"_s}) {
            auto *button = child<QPushButton>(shown.get(), name);
            QVERIFY(button->isVisible());
            QVERIFY(shown->rect().contains(button->geometry().translated(
                button->parentWidget()->mapTo(shown.get(), QPoint(0, 0)))));
        }
        // This computer's file is named, and chosen while nothing is saved.
        QVERIFY(child<QRadioButton>(shown.get(), u"localRadio"_s)->isChecked());
        QVERIFY(!child<QLabel>(shown.get(), u"localPathLabel"_s)->text().isEmpty());
        QVERIFY(!child<QLineEdit>(shown.get(), u"hostEdit"_s)->isEnabled());
    }

    void worksByKeyboardAlone()
    {
        const auto shown = dialog();
        QVERIFY(shown);
        QSignalSpy restart(shown.get(), &LedgerLocationDialog::restartRequested);
        QTest::keyClick(shown.get(), Qt::Key_T, Qt::AltModifier);
        // A mnemonic clicks as a person would see it: after a moment.
        QTRY_VERIFY(child<QRadioButton>(shown.get(), u"teamRadio"_s)->isChecked());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(shown.get(), u"hostEdit"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"db.example.com"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), child<QSpinBox>(shown.get(), u"portSpin"_s));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(QApplication::focusWidget(), u"5433"_s);
        QTest::keyClick(shown.get(), Qt::Key_D, Qt::AltModifier);
        QTest::keyClicks(QApplication::focusWidget(), u"ledger"_s);
        QTest::keyClick(shown.get(), Qt::Key_U, Qt::AltModifier);
        QTest::keyClicks(QApplication::focusWidget(), u"smh"_s);
        // Enter saves; the dialog stays to say what happens next.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_VERIFY(child<QPushButton>(shown.get(), u"restartButton"_s)->isVisible());
        m_settings->sync();
        QCOMPARE(m_settings->value(u"ledger/location"_s).toString(),
            u"postgresql://smh@db.example.com:5433/ledger"_s);
        const QString note = child<QLabel>(shown.get(), u"noteLabel"_s)->text();
        QVERIFY2(note.contains(u"until it starts again"_s), qPrintable(note));
        // Restart Now is the default now: Enter asks for it.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(restart.size(), 1);
        QVERIFY(!shown->isVisible());
    }

    void refusesBadInputBeforeSaving_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("words");
        QTest::newRow("no host") << QString() << u"ledger"_s << u"host"_s;
        QTest::newRow("password in the host") << u"smh:hunter2@db"_s << u"ledger"_s << u"host"_s;
        QTest::newRow("not a host") << u"db example"_s << u"ledger"_s << u"host"_s;
        QTest::newRow("no database") << u"db"_s << QString() << u"database"_s;
    }

    void refusesBadInputBeforeSaving()
    {
        QFETCH(QString, host);
        QFETCH(QString, database);
        QFETCH(QString, words);
        const auto shown = dialog();
        QVERIFY(shown);
        fill(shown.get(), QUrl(u"postgresql://smh@h:5432/"_s + database));
        child<QLineEdit>(shown.get(), u"hostEdit"_s)->setText(host);
        child<QPushButton>(shown.get(), u"saveButton"_s)->click();
        const QString note = child<QLabel>(shown.get(), u"noteLabel"_s)->text();
        QVERIFY2(note.contains(words), qPrintable(note));
        QVERIFY(!note.contains(u"hunter2"_s));
        QVERIFY(!child<QPushButton>(shown.get(), u"restartButton"_s)->isVisible());
        m_settings->sync();
        QVERIFY(!m_settings->contains(u"ledger/location"_s));
    }

    void thePasswordGoesToTheKeychainOnly()
    {
        const auto shown = dialog();
        QVERIFY(shown);
        fill(shown.get(), QUrl(u"postgresql://smh@DB.example.com:5432/ledger"_s), u"s3cret-pw"_s);
        child<QPushButton>(shown.get(), u"saveButton"_s)->click();
        QTRY_VERIFY(child<QPushButton>(shown.get(), u"restartButton"_s)->isVisible());
        m_settings->sync();
        QVERIFY(!contentsOf(settingsFile()).contains("s3cret-pw"));
        QVERIFY(contentsOf(settingsFile()).contains("db.example.com"));
        const QByteArray secrets = contentsOf(secretsFile());
        QVERIFY(secrets.contains("ledger-postgresql://smh@db.example.com:5432/ledger"));
        QVERIFY(secrets.contains("s3cret-pw"));
        // The field forgets it.
        QVERIFY(child<QLineEdit>(shown.get(), u"passwordEdit"_s)->text().isEmpty());

        // Not kept: taken out of the keychain again.
        child<QCheckBox>(shown.get(), u"keepCheck"_s)->setChecked(false);
        child<QPushButton>(shown.get(), u"saveButton"_s)->click();
        QTRY_VERIFY(!contentsOf(secretsFile()).contains("s3cret-pw"));
    }

    // A saved team ledger opens the dialog on it; the window already on it
    // is told there is nothing to restart.
    void reopensOnTheSavedLedger()
    {
        const QString url = u"postgresql://smh@db.example.com:5432/ledger"_s;
        m_settings->setValue(u"ledger/location"_s, url);
        const auto shown = dialog(url);
        QVERIFY(shown);
        QVERIFY(child<QRadioButton>(shown.get(), u"teamRadio"_s)->isChecked());
        QCOMPARE(child<QLineEdit>(shown.get(), u"hostEdit"_s)->text(), u"db.example.com"_s);
        QCOMPARE(child<QLineEdit>(shown.get(), u"databaseEdit"_s)->text(), u"ledger"_s);
        child<QPushButton>(shown.get(), u"saveButton"_s)->click();
        QTRY_VERIFY(child<QLabel>(shown.get(), u"noteLabel"_s)->isVisible());
        QVERIFY(!child<QPushButton>(shown.get(), u"restartButton"_s)->isVisible());
    }

    void testConnectionSaysWhatIsWrong()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only: a server to ask");
        const QUrl server(TestLedger::serverUrl());
        const auto shown = dialog();
        QVERIFY(shown);
        const QString password = clusterPassword();
        QVERIFY(!password.isEmpty());

        const QUrl empty(TestLedger::fresh(*m_dir, u"probe_empty"_s));
        QString said = testResult(shown.get(), empty, password);
        QVERIFY2(said.contains(u"empty"_s), qPrintable(said));

        said = testResult(shown.get(), empty, u"wrong-pw-123"_s);
        QVERIFY2(said.contains(u"refused the password"_s), qPrintable(said));
        QVERIFY(!said.contains(u"wrong-pw-123"_s));

        QUrl nobody = server;
        nobody.setPort(1);
        said = testResult(shown.get(), nobody, password);
        QVERIFY2(said.contains(u"cannot be reached"_s), qPrintable(said));

        QUrl missing = server;
        missing.setPath(u"/no_such_ledger_db"_s);
        said = testResult(shown.get(), missing, password);
        QVERIFY2(said.contains(u"no database"_s), qPrintable(said));

        const QString newer = TestLedger::fresh(*m_dir, u"probe_newer"_s);
        QVERIFY(TestLedger::exec(
            newer, u"CREATE TABLE ledger_version (id INTEGER PRIMARY KEY, version INTEGER)"_s));
        QVERIFY(TestLedger::exec(newer, u"INSERT INTO ledger_version VALUES (1, 999)"_s));
        said = testResult(shown.get(), QUrl(newer), password);
        QVERIFY2(said.contains(u"newer version"_s), qPrintable(said));

        const QString other = TestLedger::fresh(*m_dir, u"probe_other"_s);
        QVERIFY(TestLedger::exec(other, u"CREATE TABLE invoices (id INTEGER)"_s));
        said = testResult(shown.get(), QUrl(other), password);
        QVERIFY2(said.contains(u"no task ledger"_s), qPrintable(said));

        QVERIFY(TestLedger::exec(newer, u"UPDATE ledger_version SET version = 1"_s));
        said = testResult(shown.get(), QUrl(newer), password);
        QVERIFY2(said.contains(u"can use"_s), qPrintable(said));
    }
};

QTEST_MAIN(TestLedgerDialog)
#include "tst_ledgerdialog.moc"
