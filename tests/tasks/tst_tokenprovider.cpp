#include "demo/smhsimulator.h"
#include "smh/redact.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTokenProvider final : public QObject
{
    Q_OBJECT

private:
    static ConnectionSettings settingsFor(const SmhSimulator &simulator)
    {
        ConnectionSettings settings;
        settings.endpoint = simulator.baseUrl();
        settings.libraryId = simulator.libraryId();
        return settings;
    }

private Q_SLOTS:
    void mintsFromTheSecret()
    {
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        SmhClient client;
        TokenProvider tokens(&client, settingsFor(simulator));
        QCOMPARE(tokens.state(), TokenProvider::State::Missing);
        QSignalSpy changed(&tokens, &TokenProvider::tokenChanged);
        tokens.setLibrarySecret(simulator.librarySecret(), 3600);
        QCOMPARE(tokens.state(), TokenProvider::State::Minting);
        QTRY_COMPARE(tokens.state(), TokenProvider::State::Ready);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!tokens.token().isEmpty());
        const qint64 remaining = QDateTime::currentDateTimeUtc().secsTo(tokens.expiresAt());
        QVERIFY(remaining > 3590 && remaining <= 3600);
        QCOMPARE(simulator.mintCount(), 1);
        // The minted token is known to redaction from now on.
        QVERIFY(!Redact::text(u"token "_s + tokens.token()).contains(tokens.token()));
    }

    void renewsBeforeExpiry()
    {
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        SmhClient client;
        TokenProvider tokens(&client, settingsFor(simulator));
        tokens.setLibrarySecret(simulator.librarySecret(), 1); // renew after 0.8 s
        QTRY_COMPARE(tokens.state(), TokenProvider::State::Ready);
        const QString first = tokens.token();
        QTRY_VERIFY_WITH_TIMEOUT(simulator.renewCount() >= 1, 5000);
        QTRY_COMPARE(tokens.state(), TokenProvider::State::Ready);
        QCOMPARE(tokens.token(), first); // SMH renews the same token
        // Renewed each time before it runs out: still usable after several lifetimes.
        QTRY_VERIFY_WITH_TIMEOUT(simulator.renewCount() >= 3, 8000);
        QCOMPARE(simulator.mintCount(), 1);
        QCOMPARE(tokens.state(), TokenProvider::State::Ready);
    }

    void wrongSecretIsRejectedNotRetried()
    {
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        SmhClient client;
        TokenProvider tokens(&client, settingsFor(simulator));
        tokens.setLibrarySecret(u"not-the-secret-at-all"_s);
        QTRY_COMPARE(tokens.state(), TokenProvider::State::Rejected);
        const std::optional<SmhError> why = tokens.whyNotReady();
        QVERIFY(why);
        QVERIFY(why->isWrongSecret());
        QCOMPARE(why->code(), u"WrongLibraryIdOrSecret"_s);
        QVERIFY(!why->toString().contains(u"not-the-secret-at-all"_s));
        tokens.ensureToken();
        QTest::qWait(50);
        QCOMPARE(simulator.mintCount(), 0);
    }

    void unreachableServerIsNotARejection()
    {
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        ConnectionSettings settings = settingsFor(simulator);
        simulator.server().close(); // nothing listens there any more
        SmhClient client;
        TokenProvider tokens(&client, settings);
        tokens.setLibrarySecret(simulator.librarySecret());
        QTRY_COMPARE(tokens.state(), TokenProvider::State::Missing);
        QCOMPARE(tokens.whyNotReady().value_or(SmhError()).kind(), SmhError::Kind::Network);
        QVERIFY(tokens.usesSecret());
    }

    void staticTokenRejectionNeedsTheUser()
    {
        SmhClient client;
        ConnectionSettings settings;
        settings.endpoint = QUrl(u"http://127.0.0.1:9"_s);
        settings.libraryId = u"lib"_s;
        TokenProvider tokens(&client, settings);
        tokens.setAccessToken(u"static-token-value-1"_s);
        QCOMPARE(tokens.state(), TokenProvider::State::Ready);
        const SmhError refused = SmhError::http(401, u"InvalidAccessToken"_s, {}, {});
        QVERIFY(!tokens.handleRejection(u"static-token-value-1"_s, refused));
        QCOMPARE(tokens.state(), TokenProvider::State::Rejected);
        tokens.setAccessToken(u"static-token-value-2"_s);
        QCOMPARE(tokens.state(), TokenProvider::State::Ready);
        QCOMPARE(tokens.token(), u"static-token-value-2"_s);
    }

    void whenReadyWaitsForAToken()
    {
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        SmhClient client;
        TokenProvider tokens(&client, settingsFor(simulator));
        int calls = 0;
        auto count = [&calls] { ++calls; };
        {
            QObject gone;
            QVERIFY(tokens.whenReady(&gone, count));
        }
        QObject context;
        const QMetaObject::Connection wait = tokens.whenReady(&context, count);
        QVERIFY(wait);
        const QMetaObject::Connection cancelled = tokens.whenReady(&context, count);
        QObject::disconnect(cancelled);
        tokens.setAccessToken(QString()); // a change, but no token yet
        QCOMPARE(calls, 0);
        QVERIFY(wait);

        tokens.setLibrarySecret(simulator.librarySecret(), 3600);
        QTRY_COMPARE(tokens.state(), TokenProvider::State::Ready);
        // Once, for the one wait whose context lives and that was not cancelled.
        QCOMPARE(calls, 1);
        QVERIFY(!wait);
        QSignalSpy renewed(&tokens, &TokenProvider::tokenChanged);
        tokens.renew();
        QTRY_COMPARE(renewed.count(), 1);
        QCOMPARE(simulator.renewCount(), 1);
        QCOMPARE(calls, 1);

        // Ready now: at once, nothing left waiting.
        QVERIFY(!tokens.whenReady(&context, count));
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestTokenProvider)
#include "tst_tokenprovider.moc"
