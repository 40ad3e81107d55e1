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
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
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
    Monitor *m_monitor = nullptr;

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

    // The dialog's parts, by object name.
    template<typename T>
    static T *part(const QWidget &dialog, const QString &name)
    {
        T *found = dialog.findChild<T *>(name);
        if (!found)
            qWarning("no %s in the dialog", qPrintable(name));
        return found;
    }

    static QStringList texts(const QList<ConnectionDialog::Found> &problems)
    {
        QStringList sentences;
        for (const ConnectionDialog::Found &found : problems)
            sentences << found.text;
        return sentences;
    }

    static QString readSecret(SecretStore &secrets, qint64 id)
    {
        QString stored = u"<timeout>"_s;
        bool read = false;
        SecretReadJob *job = secrets.read(id);
        QObject::connect(job, &SecretJob::finished, job, [&, job] {
            stored = job->result().valueOr(QString());
            read = true;
        });
        return QTest::qWaitFor([&read] { return read; }) ? stored : u"<timeout>"_s;
    }

    void fillForSimulator(ConnectionDialog &dialog, const QString &secret)
    {
        replaceText(part<QLineEdit>(dialog, u"endpoint"_s), m_simulator->baseUrl().toString());
        replaceText(part<QLineEdit>(dialog, u"library"_s), m_simulator->libraryId());
        replaceText(part<QLineEdit>(dialog, u"secret"_s), secret);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_simulator = new SmhSimulator(this);
        QVERIFY(m_simulator->start());
        m_monitor = new Monitor(this);
    }

    void slowTestShowsProgressAndCancels()
    {
        // A server that accepts and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        ConnectionDialog dialog(m_monitor, {});
        dialog.show();
        replaceText(part<QLineEdit>(dialog, u"endpoint"_s),
            u"http://127.0.0.1:%1"_s.arg(silent.serverPort()));
        replaceText(part<QLineEdit>(dialog, u"library"_s), u"lib"_s);
        replaceText(part<QLineEdit>(dialog, u"secret"_s), u"token"_s);
        auto *test = part<QPushButton>(dialog, u"testButton"_s);
        auto *cancel = part<QPushButton>(dialog, u"cancelTestButton"_s);
        auto *progress = part<QProgressBar>(dialog, u"testProgress"_s);
        auto *result = part<QLabel>(dialog, u"testResult"_s);
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(progress->isVisible());
        QVERIFY(cancel->isVisible());
        QVERIFY(!test->isEnabled());
        // How long it may take is said, in seconds.
        QVERIFY2(result->text().contains(u"30 s"_s), qPrintable(result->text()));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!progress->isVisible());
        QVERIFY(!cancel->isVisible());
        QVERIFY(test->isEnabled());
        QCOMPARE(result->text(), u"Test cancelled."_s);
        QCOMPARE(finished.count(), 0);
    }

    void newProfileExplainsWhatIsMissing()
    {
        ConnectionDialog dialog(m_monitor, {});
        dialog.show();
        QCOMPARE(dialog.profileCount(), 1); // an empty profile is ready
        QStringList problems = texts(dialog.problems());
        QVERIFY(problems.contains(u"The library ID is empty."_s));
        QVERIFY(problems.contains(u"Enter the access token."_s));
        // Nothing is red before anything was typed...
        auto *shown = part<QLabel>(dialog, u"problems"_s);
        auto *test = part<QPushButton>(dialog, u"testButton"_s);
        const QPoint testAt = test->mapTo(&dialog, QPoint());
        QVERIFY(!shown->isVisible());
        // ...a field typed in shows its own problems, and Test stays put.
        replaceText(part<QLineEdit>(dialog, u"library"_s), u"my lib"_s);
        QVERIFY(shown->isVisible());
        QVERIFY(shown->text().contains(u"spaces or control characters"_s));
        QVERIFY(!shown->text().contains(u"Enter the access token."_s));
        QCOMPARE(test->mapTo(&dialog, QPoint()), testAt);
        replaceText(part<QLineEdit>(dialog, u"library"_s), QString());
        QVERIFY(shown->text().contains(u"The library ID is empty."_s));
        QCOMPARE(dialog.problems().constFirst().problem, ConnectionDialog::Problem::Library);
        QCOMPARE(part<QLineEdit>(dialog, u"secret"_s)->echoMode(), QLineEdit::Password);

        replaceText(part<QLineEdit>(dialog, u"endpoint"_s), u"http://smh.example.com"_s);
        QVERIFY(texts(dialog.problems()).join(u' ').contains(u"HTTPS"_s, Qt::CaseInsensitive));
        replaceText(
            part<QLineEdit>(dialog, u"endpoint"_s), QString()); // empty: the default endpoint
        replaceText(part<QLineEdit>(dialog, u"library"_s), u"my lib"_s);
        QVERIFY(texts(dialog.problems())
                    .contains(u"The library ID contains spaces or control characters."_s));
        replaceText(part<QLineEdit>(dialog, u"library"_s), u"mylib"_s);
        replaceText(part<QLineEdit>(dialog, u"space"_s), QString());
        QVERIFY(texts(dialog.problems()).join(u' ').contains(u"space ID is empty"_s));
        QTest::mouseClick(part<QCheckBox>(dialog, u"libraryLevel"_s), Qt::LeftButton, {},
            QPoint(4, part<QCheckBox>(dialog, u"libraryLevel"_s)->height() / 2));
        QVERIFY(part<QCheckBox>(dialog, u"libraryLevel"_s)->isChecked());
        QVERIFY(!part<QLineEdit>(dialog, u"space"_s)->isEnabled());
        QVERIFY(!texts(dialog.problems()).join(u' ').contains(u"space ID"_s));

        part<QComboBox>(dialog, u"auth"_s)
            ->setCurrentIndex(
                part<QComboBox>(dialog, u"auth"_s)->findData(int(AuthKind::LibrarySecret)));
        QVERIFY(texts(dialog.problems()).contains(u"Enter the library secret."_s));
        replaceText(part<QLineEdit>(dialog, u"secret"_s), u"abc def"_s);
        QVERIFY(texts(dialog.problems()).join(u' ').contains(u"spaces or line breaks"_s));

        // OK refuses while anything is wrong.
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.count(), 0);

        replaceText(part<QLineEdit>(dialog, u"secret"_s), u"s3cret-value"_s);
        QVERIFY2(
            texts(dialog.problems()).isEmpty(), qPrintable(texts(dialog.problems()).join(u'\n')));
        QVERIFY(!part<QLabel>(dialog, u"problems"_s)->isVisible());
        dialog.accept();
        QCOMPARE(accepted.count(), 1);

        const QList<ConnectionEdit> edits = dialog.edits();
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits.at(0).kind, ConnectionEdit::Kind::Added);
        QCOMPARE(edits.at(0).connection.settings.libraryId, u"mylib"_s);
        // No endpoint given: the library's own host.
        QCOMPARE(
            edits.at(0).connection.settings.endpoint, QUrl(u"https://mylib.api.tencentsmh.cn"_s));
        QVERIFY(part<QLineEdit>(dialog, u"endpoint"_s)
                    ->placeholderText()
                    .contains(u"mylib.api.tencentsmh.cn"_s));
        QVERIFY(edits.at(0).connection.settings.libraryLevel);
        QCOMPARE(edits.at(0).connection.authKind, AuthKind::LibrarySecret);
        QCOMPARE(edits.at(0).secret, u"s3cret-value"_s);
    }

    void okSelectsTheFirstInvalidProfile()
    {
        ConnectionDialog dialog(m_monitor, {saved(1, u"alpha"_s), saved(2, u"beta"_s)});
        dialog.show();
        QCOMPARE(dialog.profileCount(), 2);
        // Saved profiles need no secret: it is in the keychain.
        QVERIFY(texts(dialog.problems()).isEmpty());
        QVERIFY(part<QLineEdit>(dialog, u"secret"_s)->placeholderText().contains(u"keychain"_s));
        dialog.addProfile();
        replaceText(part<QLineEdit>(dialog, u"library"_s), u"beta"_s);
        replaceText(part<QLineEdit>(dialog, u"secret"_s), u"token-123"_s);
        QVERIFY(texts(dialog.problems())
                    .contains(u"Another connection already watches this library and space."_s));
        dialog.selectConnection(1);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(part<QListWidget>(dialog, u"profiles"_s)->currentRow(), 2);
        replaceText(part<QLineEdit>(dialog, u"space"_s), u"other-space"_s);
        QVERIFY(texts(dialog.problems()).isEmpty());
        dialog.accept();
        QCOMPARE(accepted.count(), 1);
    }

    void editsDescribeChangesAndRemovals()
    {
        ConnectionDialog dialog(
            m_monitor, {saved(1, u"alpha"_s), saved(2, u"beta"_s), saved(3, u"gamma"_s)});
        dialog.selectConnection(2);
        replaceText(part<QLineEdit>(dialog, u"name"_s), u"Beta archive"_s);
        dialog.selectConnection(3);
        replaceText(part<QLineEdit>(dialog, u"secret"_s), u"new-token-value"_s);
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
        part<QComboBox>(dialog, u"auth"_s)
            ->setCurrentIndex(
                part<QComboBox>(dialog, u"auth"_s)->findData(int(AuthKind::LibrarySecret)));
        QVERIFY(texts(dialog.problems()).contains(u"Enter the library secret."_s));
    }

    void testConnectionWithAToken()
    {
        ConnectionDialog dialog(m_monitor, {});
        dialog.show();
        fillForSimulator(dialog, m_simulator->staticToken());
        QVERIFY2(
            texts(dialog.problems()).isEmpty(), qPrintable(texts(dialog.problems()).join(u'\n')));
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        const int queries = m_simulator->taskQueryCount();
        QTest::mouseClick(part<QPushButton>(dialog, u"testButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(part<QLabel>(dialog, u"testResult"_s)->text().startsWith(u"Connected"_s));
        QCOMPARE(m_simulator->taskQueryCount(), queries + 1);

        // A wrong token: refused, and the message does not repeat it.
        const QString wrong = u"wrong-token-0123456789"_s;
        replaceText(part<QLineEdit>(dialog, u"secret"_s), wrong);
        QTest::mouseClick(part<QPushButton>(dialog, u"testButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        const QString message = finished.at(1).at(1).toString();
        QVERIFY(message.contains(u"Refused"_s));
        QVERIFY(message.contains(u"InvalidAccessToken"_s));
        QVERIFY(!message.contains(wrong));
        QVERIFY(!part<QLabel>(dialog, u"testResult"_s)->text().contains(wrong));
    }

    void testConnectionWithALibrarySecret()
    {
        ConnectionDialog dialog(m_monitor, {});
        dialog.show();
        part<QComboBox>(dialog, u"auth"_s)
            ->setCurrentIndex(
                part<QComboBox>(dialog, u"auth"_s)->findData(int(AuthKind::LibrarySecret)));
        fillForSimulator(dialog, m_simulator->librarySecret());
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        const int mints = m_simulator->mintCount();
        QTest::mouseClick(part<QPushButton>(dialog, u"testButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(m_simulator->mintCount(), mints + 1);

        // The wrong library: the server's own words (code, request ID).
        replaceText(part<QLineEdit>(dialog, u"library"_s), u"nosuchlibrary"_s);
        QTest::mouseClick(part<QPushButton>(dialog, u"testButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        QVERIFY(finished.at(1).at(1).toString().contains(u"WrongLibraryIdOrSecret"_s));
        QVERIFY(finished.at(1).at(1).toString().contains(u"sim-"_s)); // request ID
    }

    // Switching the kind drops what was typed for the other kind.
    void aTypedTokenIsNotKeptAsTheSecret()
    {
        ConnectionDialog dialog(m_monitor, {});
        dialog.show();
        auto *auth = part<QComboBox>(dialog, u"auth"_s);
        auth->setCurrentIndex(auth->findData(int(AuthKind::AccessToken)));
        auto *secret = part<QLineEdit>(dialog, u"secret"_s);
        replaceText(secret, u"typed-token"_s);
        auth->setCurrentIndex(auth->findData(int(AuthKind::LibrarySecret)));
        QCOMPARE(secret->text(), QString());
        auth->setCurrentIndex(auth->findData(int(AuthKind::AccessToken)));
        QCOMPARE(secret->text(), QString());
    }

    void testRefusesAnInvalidProfile()
    {
        ConnectionDialog dialog(m_monitor, {});
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
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message()));
        }
        SecretStore secrets;
        secrets.setKeychainEnabled(false);

        ConnectionEdit added;
        added.kind = ConnectionEdit::Kind::Added;
        added.connection.name = u"Simulator"_s;
        added.connection.settings.endpoint = m_simulator->baseUrl();
        added.connection.settings.libraryId = m_simulator->libraryId();
        added.secret = m_simulator->staticToken();
        const ConnectionProfiles::Applied applied =
            ConnectionProfiles::apply(&monitor, &secrets, {added});
        QVERIFY2(applied.problems.isEmpty(), qPrintable(applied.problems.value(0).message()));
        QCOMPARE(applied.added.size(), 1);
        const qint64 id = applied.added.constFirst();
        QCOMPARE(monitor.tasks().connection(id)->name, u"Simulator"_s);
        QCOMPARE(monitor.credential(id).accessToken, m_simulator->staticToken());
        QCOMPARE(readSecret(secrets, id), m_simulator->staticToken());

        // Polling works with what was applied.
        monitor.addTasks(id, {5001});
        QTRY_VERIFY_WITH_TIMEOUT(monitor.tasks().task({id, 5001})->lastPolledAt.isValid(), 15000);

        // Removal takes the tasks, the connection and the secret.
        ConnectionEdit removed;
        removed.kind = ConnectionEdit::Kind::Removed;
        removed.connection = *monitor.tasks().connection(id);
        QVERIFY(ConnectionProfiles::apply(&monitor, &secrets, {removed}).problems.isEmpty());
        QVERIFY(!monitor.tasks().connection(id));
        QCOMPARE(monitor.tasks().taskCount(), 0);
        // Its tokens went with it: a token given now reaches nothing.
        monitor.setAccessToken(id, m_simulator->staticToken());
        QVERIFY(monitor.credential(id).accessToken.isEmpty());
        QVERIFY(!monitor.polling().connectionIds().contains(id));
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
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message()));
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
        removed.connection = *monitor.tasks().connection(id);
        const QList<Error> problems =
            ConnectionProfiles::apply(&monitor, &secrets, {removed}).problems;
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.constFirst().kind(), Error::Kind::Ledger);
        QVERIFY(problems.constFirst().message().contains(u"could not be removed"_s));
        // Nothing is lost: still saved, still polled, still authenticated.
        QVERIFY(monitor.tasks().connection(id));
        QVERIFY(monitor.polling().connectionIds().contains(id));
        monitor.setAccessToken(id, m_simulator->staticToken());
        QCOMPARE(monitor.credential(id).accessToken, m_simulator->staticToken());
        QCOMPARE(readSecret(secrets, id), m_simulator->staticToken());
        monitor.shutdown();
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
