#include "demo/smhsimulator.h"
#include "smh/secretstore.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/connectionprofiles.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "ui/connectiondialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Connection profiles: validation in words, "test connection" against a real
// simulator on loopback, the edits handed back, and how they are applied.
class TestConnectionDialog final : public QObject
{
    Q_OBJECT

private:
    SmhSimulator *m_simulator = nullptr;
    SmhClient *m_client = nullptr;

    static Connection saved(qint64 id, const QString &library)
    {
        Connection connection;
        connection.id = id;
        connection.name = library.toUpper();
        connection.settings.endpoint = QUrl(u"https://%1.api.tencentsmh.cn"_s.arg(library));
        connection.settings.libraryId = library;
        return connection;
    }

    static void replaceText(QLineEdit *edit, const QString &text)
    {
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Backspace);
        else
            QTest::keyClicks(edit, text);
    }

    static QString readSecret(SecretStore &secrets, qint64 id)
    {
        QString stored = u"<timeout>"_s;
        bool read = false;
        secrets.read(id, [&](const QString &secret, const QString &) {
            stored = secret;
            read = true;
        });
        return QTest::qWaitFor([&read] { return read; }) ? stored : u"<timeout>"_s;
    }

    void fillForSimulator(ConnectionDialog &dialog, const QString &secret)
    {
        replaceText(dialog.endpointEdit(), m_simulator->baseUrl().toString());
        replaceText(dialog.libraryEdit(), m_simulator->libraryId());
        replaceText(dialog.secretEdit(), secret);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_simulator = new SmhSimulator(this);
        QVERIFY(m_simulator->start());
        m_client = new SmhClient(this);
    }

    void newProfileExplainsWhatIsMissing()
    {
        ConnectionDialog dialog(m_client, {});
        dialog.show();
        QCOMPARE(dialog.profileCount(), 1); // an empty profile is ready
        QStringList problems = dialog.problems();
        QVERIFY(problems.contains(u"The library ID is empty."_s));
        QVERIFY(problems.contains(u"Enter the access token."_s));
        QVERIFY(dialog.problemLabel()->isVisible());
        QVERIFY(dialog.problemLabel()->text().contains(u"The library ID is empty."_s));
        QCOMPARE(dialog.secretEdit()->echoMode(), QLineEdit::Password);

        replaceText(dialog.endpointEdit(), u"http://smh.example.com"_s);
        QVERIFY(dialog.problems().join(u' ').contains(u"HTTPS"_s, Qt::CaseInsensitive));
        replaceText(dialog.endpointEdit(), QString()); // empty: the default endpoint
        replaceText(dialog.libraryEdit(), u"my lib"_s);
        QVERIFY(
            dialog.problems().contains(u"The library ID contains spaces or control characters."_s));
        replaceText(dialog.libraryEdit(), u"mylib"_s);
        replaceText(dialog.spaceEdit(), QString());
        QVERIFY(dialog.problems().join(u' ').contains(u"space ID is empty"_s));
        QTest::mouseClick(dialog.libraryLevelBox(), Qt::LeftButton, {},
            QPoint(4, dialog.libraryLevelBox()->height() / 2));
        QVERIFY(dialog.libraryLevelBox()->isChecked());
        QVERIFY(!dialog.spaceEdit()->isEnabled());
        QVERIFY(!dialog.problems().join(u' ').contains(u"space ID"_s));

        dialog.authBox()->setCurrentIndex(dialog.authBox()->findData(int(AuthKind::LibrarySecret)));
        QVERIFY(dialog.problems().contains(u"Enter the library secret."_s));
        replaceText(dialog.secretEdit(), u"abc def"_s);
        QVERIFY(dialog.problems().join(u' ').contains(u"spaces or line breaks"_s));

        // OK refuses while anything is wrong.
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.count(), 0);

        replaceText(dialog.secretEdit(), u"s3cret-value"_s);
        QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(u'\n')));
        QVERIFY(!dialog.problemLabel()->isVisible());
        dialog.accept();
        QCOMPARE(accepted.count(), 1);

        const QList<ConnectionEdit> edits = dialog.edits();
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits.at(0).kind, ConnectionEdit::Kind::Added);
        QCOMPARE(edits.at(0).connection.settings.libraryId, u"mylib"_s);
        // No endpoint given: the library's own host.
        QCOMPARE(
            edits.at(0).connection.settings.endpoint, QUrl(u"https://mylib.api.tencentsmh.cn"_s));
        QVERIFY(dialog.endpointEdit()->placeholderText().contains(u"mylib.api.tencentsmh.cn"_s));
        QVERIFY(edits.at(0).connection.settings.libraryLevel);
        QCOMPARE(edits.at(0).connection.authKind, AuthKind::LibrarySecret);
        QCOMPARE(edits.at(0).secret, u"s3cret-value"_s);
    }

    void okSelectsTheFirstInvalidProfile()
    {
        ConnectionDialog dialog(m_client, {saved(1, u"alpha"_s), saved(2, u"beta"_s)});
        dialog.show();
        QCOMPARE(dialog.profileCount(), 2);
        // Saved profiles need no secret: it is in the keychain.
        QVERIFY(dialog.problems().isEmpty());
        QVERIFY(dialog.secretEdit()->placeholderText().contains(u"keychain"_s));
        dialog.addProfile();
        replaceText(dialog.libraryEdit(), u"beta"_s);
        replaceText(dialog.secretEdit(), u"token-123"_s);
        QVERIFY(dialog.problems().contains(
            u"Another connection already watches this library and space."_s));
        dialog.selectConnection(1);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(dialog.profileList()->currentRow(), 2);
        replaceText(dialog.spaceEdit(), u"other-space"_s);
        QVERIFY(dialog.problems().isEmpty());
        dialog.accept();
        QCOMPARE(accepted.count(), 1);
    }

    void editsDescribeChangesAndRemovals()
    {
        ConnectionDialog dialog(
            m_client, {saved(1, u"alpha"_s), saved(2, u"beta"_s), saved(3, u"gamma"_s)});
        dialog.selectConnection(2);
        replaceText(dialog.nameEdit(), u"Beta archive"_s);
        dialog.selectConnection(3);
        replaceText(dialog.secretEdit(), u"new-token-value"_s);
        dialog.selectConnection(1);
        dialog.removeCurrentProfile();
        QCOMPARE(dialog.profileCount(), 2);
        const QList<ConnectionEdit> edits = dialog.edits();
        QCOMPARE(edits.size(), 3);
        QCOMPARE(edits.at(0).kind, ConnectionEdit::Kind::Removed);
        QCOMPARE(edits.at(0).connection.id, 1);
        QVERIFY(edits.at(0).secret.isEmpty());
        QCOMPARE(edits.at(1).kind, ConnectionEdit::Kind::Changed);
        QCOMPARE(edits.at(1).connection.name, u"Beta archive"_s);
        QVERIFY(edits.at(1).secret.isEmpty()); // unchanged secret stays in the keychain
        QCOMPARE(edits.at(2).kind, ConnectionEdit::Kind::Changed);
        QCOMPARE(edits.at(2).secret, u"new-token-value"_s);

        // Changing how a saved connection authenticates needs the new secret.
        dialog.selectConnection(2);
        dialog.authBox()->setCurrentIndex(dialog.authBox()->findData(int(AuthKind::LibrarySecret)));
        QVERIFY(dialog.problems().contains(u"Enter the library secret."_s));
    }

    void testConnectionWithAToken()
    {
        ConnectionDialog dialog(m_client, {});
        dialog.show();
        fillForSimulator(dialog, m_simulator->staticToken());
        QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(u'\n')));
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        const int queries = m_simulator->taskQueryCount();
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(dialog.testResultLabel()->text().startsWith(u"Connected"_s));
        QCOMPARE(m_simulator->taskQueryCount(), queries + 1);

        // A wrong token: refused, and the message does not repeat it.
        const QString wrong = u"wrong-token-0123456789"_s;
        replaceText(dialog.secretEdit(), wrong);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        const QString message = finished.at(1).at(1).toString();
        QVERIFY(message.contains(u"Refused"_s));
        QVERIFY(message.contains(u"InvalidAccessToken"_s));
        QVERIFY(!message.contains(wrong));
        QVERIFY(!dialog.testResultLabel()->text().contains(wrong));
    }

    void testConnectionWithALibrarySecret()
    {
        ConnectionDialog dialog(m_client, {});
        dialog.show();
        dialog.authBox()->setCurrentIndex(dialog.authBox()->findData(int(AuthKind::LibrarySecret)));
        fillForSimulator(dialog, m_simulator->librarySecret());
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        const int mints = m_simulator->mintCount();
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(m_simulator->mintCount(), mints + 1);

        // The wrong library: the server's own words (code, request ID).
        replaceText(dialog.libraryEdit(), u"nosuchlibrary"_s);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        QVERIFY(finished.at(1).at(1).toString().contains(u"WrongLibraryIdOrSecret"_s));
        QVERIFY(finished.at(1).at(1).toString().contains(u"sim-"_s)); // request ID
    }

    void testRefusesAnInvalidProfile()
    {
        ConnectionDialog dialog(m_client, {});
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        const int queries = m_simulator->taskQueryCount();
        dialog.testConnection();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(m_simulator->taskQueryCount(), queries);
    }

    void appliedEditsReachLedgerKeychainAndMonitor()
    {
        Monitor monitor;
        {
            const Expected<void> opened = monitor.openStore(u":memory:"_s);
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        }
        SecretStore secrets;
        secrets.setKeychainEnabled(false);

        ConnectionEdit added;
        added.kind = ConnectionEdit::Kind::Added;
        added.connection.name = u"Simulator"_s;
        added.connection.settings.endpoint = m_simulator->baseUrl();
        added.connection.settings.libraryId = m_simulator->libraryId();
        added.secret = m_simulator->staticToken();
        QStringList problems;
        const QList<qint64> ids = ConnectionProfiles::apply(&monitor, &secrets, {added}, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(ids.size(), 1);
        const qint64 id = ids.constFirst();
        QCOMPARE(monitor.store()->connection(id)->name, u"Simulator"_s);
        QVERIFY(monitor.tokens(id));
        QCOMPARE(monitor.tokens(id)->token(), m_simulator->staticToken());
        QCOMPARE(readSecret(secrets, id), m_simulator->staticToken());

        // Polling works with what was applied.
        monitor.addTasks(id, {5001});
        QTRY_VERIFY_WITH_TIMEOUT(monitor.store()->task({id, 5001})->lastPolledAt.isValid(), 15000);

        // Removal takes the tasks, the connection and the secret.
        ConnectionEdit removed;
        removed.kind = ConnectionEdit::Kind::Removed;
        removed.connection = *monitor.store()->connection(id);
        ConnectionProfiles::apply(&monitor, &secrets, {removed}, &problems);
        QVERIFY(problems.isEmpty());
        QVERIFY(!monitor.store()->connection(id));
        QCOMPARE(monitor.store()->taskCount(), 0);
        QVERIFY(!monitor.tokens(id));
        QVERIFY(!monitor.scheduler()->connectionIds().contains(id));
        QCOMPARE(readSecret(secrets, id), QString());
        monitor.shutdown();
    }

    void failedRemovalKeepsConnectionPollingAndSecret()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"ledger.sqlite"_s);
        Monitor monitor;
        {
            const Expected<void> opened = monitor.openStore(file);
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        }
        SecretStore secrets;
        secrets.setKeychainEnabled(false);
        secrets.setPrivateFilePath({});
        Connection connection;
        connection.settings.endpoint = m_simulator->baseUrl();
        connection.settings.libraryId = m_simulator->libraryId();
        const qint64 id = monitor.addConnection(connection).valueOr(0);
        QVERIFY(id > 0);
        secrets.write(id, m_simulator->staticToken());
        {
            // Another writer breaks the ledger under the monitor's feet.
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            raw.setDatabaseName(file);
            QVERIFY(raw.open());
            QVERIFY(QSqlQuery(raw).exec(u"ALTER TABLE connections RENAME TO elsewhere"_s));
            raw.close();
        }
        QSqlDatabase::removeDatabase(u"raw"_s);

        ConnectionEdit removed;
        removed.kind = ConnectionEdit::Kind::Removed;
        removed.connection = *monitor.store()->connection(id);
        QStringList problems;
        ConnectionProfiles::apply(&monitor, &secrets, {removed}, &problems);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.constFirst().contains(u"could not be removed"_s));
        // Nothing is lost: still saved, still polled, still authenticated.
        QVERIFY(monitor.store()->connection(id));
        QVERIFY(monitor.scheduler()->connectionIds().contains(id));
        QVERIFY(monitor.tokens(id));
        QCOMPARE(readSecret(secrets, id), m_simulator->staticToken());
        monitor.shutdown();
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
