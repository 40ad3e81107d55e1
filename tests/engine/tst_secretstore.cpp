#include "smh/secretstore.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSecretStore final : public QObject
{
    Q_OBJECT

private:
    static QString readBack(SecretStore &store, qint64 id, QString *error = nullptr)
    {
        QString value;
        bool done = false;
        store.read(id, [&](const QString &secret, const QString &readError) {
            value = secret;
            if (error)
                *error = readError;
            done = true;
        });
        if (!QTest::qWaitFor([&done] { return done; }, 20'000))
            return u"<timeout>"_s;
        return value;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sessionOnlyKeepsSecretsInMemory()
    {
        SecretStore store;
        store.setKeychainEnabled(false);
        store.write(7, u"secret-seven-value"_s);
        QCOMPARE(store.backend(), SecretStore::Backend::SessionOnly);
        QCOMPARE(readBack(store, 7), u"secret-seven-value"_s);
        QCOMPARE(readBack(store, 8), QString());
        store.remove(7);
        QCOMPARE(readBack(store, 7), QString());
    }

    void noKeychainFallsBackWithAClearMessage()
    {
        // No session bus: the keychain cannot be reached, as on a server or in CI.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        SecretStore store;
        bool written = false;
        QString writeError;
        store.write(1, u"token-value-for-one"_s, [&](const QString &error) {
            writeError = error;
            written = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(written, 20'000);
        if (store.backend() == SecretStore::Backend::Keychain)
            QSKIP("a keychain answered even without a session bus");
        QVERIFY(writeError.isEmpty()); // nothing is lost: it is kept for the session
        QVERIFY(!store.backendProblem().isEmpty());
        QVERIFY(!store.backendProblem().contains(u"token-value-for-one"_s));
        QCOMPARE(readBack(store, 1), u"token-value-for-one"_s);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
