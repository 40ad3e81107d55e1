#include "testjobs.h"

#include "demo/smhsimulator.h"
#include "smh/smhclient.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

// createToken, renewToken and deleteToken against the simulator, whose clock
// the test drives, so that hours pass in no time.
class TestSmhClientTokens final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    std::unique_ptr<SmhClient> m_client;
    qint64 m_nowMs = 0;
    QList<HttpRequest> m_requests;

    ConnectionSettings settings() const
    {
        ConnectionSettings settings;
        settings.endpoint = m_simulator->baseUrl();
        settings.libraryId = m_simulator->libraryId();
        return settings;
    }

    void advance(qint64 seconds) { m_nowMs += seconds * 1000; }

    JobResult query(const QString &token)
    {
        return TestJobs::wait(m_client->queryTasks(settings(), token, {1}));
    }

private Q_SLOTS:
    void init()
    {
        m_nowMs = 1'000'000;
        m_requests.clear();
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        QVERIFY(m_simulator->start());
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [this](const HttpRequest &request) { m_requests.append(request); });
        m_client = std::make_unique<SmhClient>();
    }

    void cleanup()
    {
        m_client.reset();
        m_simulator.reset();
    }

    void mintWithSecret()
    {
        ConnectionSettings connection = settings();
        connection.userId = u"alice"_s;
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const JobResult minted =
            TestJobs::wait(m_client->createToken(connection, m_simulator->librarySecret(), 600));
        QVERIFY(minted.finished);
        QCOMPARE(minted.finishedCount, 1);
        QVERIFY2(!minted.error().isError(), qPrintable(minted.error().toString()));
        QVERIFY(!minted.token.isNull());
        QCOMPARE(minted.token.expiresInSeconds, 600);
        QVERIFY(minted.token.obtainedAt >= before.addSecs(-1));
        QVERIFY(minted.token.obtainedAt <= QDateTime::currentDateTimeUtc());
        QCOMPARE(minted.token.expiresAt(), minted.token.obtainedAt.addSecs(600));
        QCOMPARE(m_simulator->mintCount(), 1);

        QCOMPARE(m_requests.size(), 1);
        const HttpRequest request = m_requests.constFirst();
        QCOMPARE(request.method, "GET");
        QCOMPARE(request.pathSegments(), QStringList({u"api"_s, u"v1"_s, u"token"_s}));
        QCOMPARE(request.queryValue(u"library_id"_s), m_simulator->libraryId());
        QCOMPARE(request.queryValue(u"library_secret"_s), m_simulator->librarySecret());
        QCOMPARE(request.queryValue(u"space_id"_s), u"-"_s);
        QCOMPARE(request.queryValue(u"user_id"_s), u"alice"_s);
        QCOMPARE(request.queryValue(u"period"_s), u"600"_s);

        // The token works.
        const JobResult used = query(minted.token.value);
        QVERIFY2(!used.error().isError(), qPrintable(used.error().toString()));
    }

    void mintWithServerDefaultPeriod()
    {
        ConnectionSettings connection = settings();
        connection.libraryLevel = true;
        const JobResult minted =
            TestJobs::wait(m_client->createToken(connection, m_simulator->librarySecret()));
        QVERIFY(!minted.error().isError());
        QCOMPARE(minted.token.expiresInSeconds, SmhSimulator::defaultTokenLifetimeSeconds);
        const HttpRequest request = m_requests.constLast();
        QVERIFY(!request.query().hasQueryItem(u"period"_s));
        QVERIFY(!request.query().hasQueryItem(u"space_id"_s)); // library-level: no space
        QVERIFY(!request.query().hasQueryItem(u"user_id"_s));
    }

    void wrongSecretIsAnAuthError()
    {
        const JobResult minted =
            TestJobs::wait(m_client->createToken(settings(), u"not-the-library-secret"_s));
        QVERIFY(minted.finished);
        QVERIFY(minted.token.isNull());
        QCOMPARE(minted.error().kind(), SmhError::Kind::Http);
        // SMH's answer to a wrong secret: 404, not 403.
        QCOMPARE(minted.error().httpStatus(), 404);
        QVERIFY(minted.error().isWrongSecret());
        QVERIFY(!minted.error().isTransient());
        QCOMPARE(minted.error().code(), u"WrongLibraryIdOrSecret"_s);
        QVERIFY(minted.error().toString().contains(u"library ID or secret is wrong"_s));
        QVERIFY(minted.error().requestId().startsWith(u"sim-"_s));
        QCOMPARE(m_simulator->mintCount(), 0);
    }

    void wrongLibraryIsAWrongSecret()
    {
        ConnectionSettings connection = settings();
        connection.libraryId = u"otherlib"_s;
        const JobResult minted =
            TestJobs::wait(m_client->createToken(connection, m_simulator->librarySecret()));
        QCOMPARE(minted.error().httpStatus(), 404);
        QCOMPARE(minted.error().code(), u"WrongLibraryIdOrSecret"_s);
        QVERIFY(!minted.error().isAuthError());
        QVERIFY(minted.error().isWrongSecret());
    }

    void renewExtends()
    {
        const JobResult minted =
            TestJobs::wait(m_client->createToken(settings(), m_simulator->librarySecret(), 100));
        QVERIFY(!minted.error().isError());
        const QString token = minted.token.value;

        advance(90);
        const JobResult renewed = TestJobs::wait(m_client->renewToken(settings(), token));
        QVERIFY2(!renewed.error().isError(), qPrintable(renewed.error().toString()));
        QCOMPARE(renewed.token.value, token); // SMH renews the same token
        QCOMPARE(renewed.token.expiresInSeconds, 100);
        QCOMPARE(m_simulator->renewCount(), 1);
        QCOMPARE(m_requests.constLast().method, "POST");
        QCOMPARE(m_requests.constLast().pathSegments(),
            QStringList({u"api"_s, u"v1"_s, u"token"_s, m_simulator->libraryId(), token}));

        // 150 s after minting: past the first 100 s, within the renewed ones.
        advance(60);
        const JobResult used = query(token);
        QVERIFY2(!used.error().isError(), qPrintable(used.error().toString()));
    }

    void expiredTokenIsRefused()
    {
        const JobResult minted =
            TestJobs::wait(m_client->createToken(settings(), m_simulator->librarySecret(), 100));
        const QString token = minted.token.value;
        advance(101);
        const JobResult used = query(token);
        QCOMPARE(used.error().kind(), SmhError::Kind::Http);
        QCOMPARE(used.error().httpStatus(), 403);
        QCOMPARE(used.error().code(), u"InvalidAccessToken"_s);
        QVERIFY(used.error().isTokenRejected());
        QCOMPARE(used.failedIds, QList<qint64> {1});

        const JobResult renewed = TestJobs::wait(m_client->renewToken(settings(), token));
        QCOMPARE(renewed.error().httpStatus(), 403);
        QVERIFY(renewed.error().isAuthError());
        QVERIFY(renewed.token.isNull());
    }

    void deleteRevokes()
    {
        const JobResult minted =
            TestJobs::wait(m_client->createToken(settings(), m_simulator->librarySecret(), 3600));
        const QString token = minted.token.value;
        const JobResult deleted = TestJobs::wait(m_client->deleteToken(settings(), token));
        QVERIFY(deleted.finished);
        QCOMPARE(deleted.finishedCount, 1);
        QVERIFY2(!deleted.error().isError(), qPrintable(deleted.error().toString()));
        QCOMPARE(m_requests.constLast().method, "DELETE");
        QCOMPARE(m_requests.constLast().pathSegments().constLast(), token);

        const JobResult used = query(token);
        QCOMPARE(used.error().httpStatus(), 403);
        QCOMPARE(used.error().code(), u"InvalidAccessToken"_s);
        const JobResult again = TestJobs::wait(m_client->deleteToken(settings(), token));
        QCOMPARE(again.error().httpStatus(), 403);
    }

    void malformedTokenReply()
    {
        // A 200 without the documented fields is not a token.
        HttpServer server([](const HttpRequest &) {
            return HttpResponse::json(200, R"({"token":"x","expires":60})");
        });
        QVERIFY(server.listen());
        ConnectionSettings connection = settings();
        connection.endpoint = server.baseUrl();
        const JobResult minted = TestJobs::wait(m_client->createToken(connection, u"secret-1"_s));
        QCOMPARE(minted.error().kind(), SmhError::Kind::Malformed);
        QVERIFY(minted.token.isNull());
    }

    void unreachableIsNotAnAuthError()
    {
        ConnectionSettings connection = settings();
        m_simulator->server().close();
        const JobResult minted =
            TestJobs::wait(m_client->createToken(connection, m_simulator->librarySecret()));
        QCOMPARE(minted.error().kind(), SmhError::Kind::Network);
        QVERIFY(!minted.error().isAuthError());
        QVERIFY(minted.error().isTransient());
    }
};

QTEST_GUILESS_MAIN(TestSmhClientTokens)
#include "tst_smhclient_tokens.moc"
