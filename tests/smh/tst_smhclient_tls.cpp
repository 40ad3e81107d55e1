#include "scriptedserver.h"
#include "testjobs.h"
#include "testtls.h"

#include "smh/smhclient.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString token = u"TlsT0ken+/=abcdefghijkl"_s;
}

// HTTPS against a server whose certificate comes from the committed test CA:
// refused unless that CA is configured, never silently accepted.
class TestSmhClientTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QVERIFY(QFile::exists(TestTls::caFile()));
    }

    void untrustedCertificateIsRefused()
    {
        ScriptedServer server;
        QVERIFY(server.listenTls());
        QCOMPARE(server.baseUrl().scheme(), u"https"_s);
        SmhClient client;
        QSignalSpy finished(&client, &SmhClient::requestFinished);
        const JobResult result =
            TestJobs::wait(client.queryTasks(server.settings(), token, {1, 2}));
        QVERIFY(result.finished);
        QCOMPARE(result.error().kind(), SmhError::Kind::Tls);
        QVERIFY(!result.error().isTransient());
        QVERIFY(!result.error().isAuthError());
        QCOMPARE(result.failedIds, QList<qint64>({1, 2}));
        QVERIFY(result.reports.isEmpty());
        // Nothing was asked over the refused connection.
        QCOMPARE(server.requestCount(), 0);
        QVERIFY(!result.error().toString().contains(u"TlsT0ken"_s));
        QVERIFY(!result.error().detail().isEmpty());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(3).value<SmhError>().kind(), SmhError::Kind::Tls);
    }

    void trustedWithCaFile()
    {
        ScriptedServer server;
        QVERIFY(server.listenTls());
        ConnectionSettings settings = server.settings();
        settings.caFile = TestTls::caFile();
        QVERIFY2(settings.validate().isEmpty(), qPrintable(settings.validate().join(u' ')));
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {1, 2}));
        QVERIFY2(!result.error().isError(), qPrintable(result.error().toString()));
        QCOMPARE(result.report(2).status, 202);
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(ScriptedServer::formDecoded(
                     ScriptedServer::rawQueryValue(server.lastRequest(), "access_token")),
            token);

        // The CA was added for this request, not trusted process-wide.
        SmhClient other;
        const JobResult without = TestJobs::wait(other.queryTasks(server.settings(), token, {3}));
        QCOMPARE(without.error().kind(), SmhError::Kind::Tls);
        QVERIFY(!QSslConfiguration::defaultConfiguration().caCertificates().contains(
            QSslCertificate::fromPath(TestTls::caFile()).constFirst()));
    }

    // The user sees the TLS error, configures the CA and tries again with the
    // same client: the fix must take effect without a restart.
    void caFileAddedAfterARefusal()
    {
        ScriptedServer server;
        QVERIFY(server.listenTls());
        SmhClient client;
        const JobResult refused = TestJobs::wait(client.queryTasks(server.settings(), token, {1}));
        QCOMPARE(refused.error().kind(), SmhError::Kind::Tls);
        ConnectionSettings settings = server.settings();
        settings.caFile = TestTls::caFile();
        const JobResult trusted = TestJobs::wait(client.queryTasks(settings, token, {1}));
        QVERIFY2(!trusted.error().isError(), qPrintable(trusted.error().toString()));
        QCOMPARE(server.requestCount(), 1);
    }

    // Two connections to the same host, only one of which trusts the test CA:
    // the other must not ride on the first one's kept-alive TLS connection.
    void caFileIsNotSharedThroughKeepAlive()
    {
        ScriptedServer server;
        QVERIFY(server.listenTls());
        SmhClient client;
        ConnectionSettings trusting = server.settings();
        trusting.caFile = TestTls::caFile();
        const JobResult trusted = TestJobs::wait(client.queryTasks(trusting, token, {1}));
        QVERIFY2(!trusted.error().isError(), qPrintable(trusted.error().toString()));
        const JobResult other = TestJobs::wait(client.queryTasks(server.settings(), token, {2}));
        QCOMPARE(other.error().kind(), SmhError::Kind::Tls);
        QCOMPARE(server.requestCount(), 1);
    }

    // The same host with another CA file (the server's own certificate, which
    // is not a CA): the earlier trust does not carry over.
    void caFileChangedTakesEffect()
    {
        ScriptedServer server;
        QVERIFY(server.listenTls());
        ConnectionSettings settings = server.settings();
        settings.caFile = TestTls::caFile();
        SmhClient client;
        const JobResult trusted = TestJobs::wait(client.queryTasks(settings, token, {1}));
        QVERIFY2(!trusted.error().isError(), qPrintable(trusted.error().toString()));
        // Connections with an extra CA are not kept once idle (kept, the next
        // request would ride on one whatever its CA file says).
        QTRY_COMPARE(server.openConnections(), 0);
        settings.caFile = TestTls::serverCertificateFile();
        const JobResult other = TestJobs::wait(client.queryTasks(settings, token, {2}));
        QCOMPARE(other.error().kind(), SmhError::Kind::Tls);
        QCOMPARE(server.requestCount(), 1);
    }

    // A private CA renewed in place, at the same path: the next request reads
    // the new file, without a restart.
    void caFileRewrittenInPlaceTakesEffect()
    {
        ScriptedServer server;
        QVERIFY(server.listenTls());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"private-ca.pem"_s);
        auto install = [&path](const QString &from) {
            QFile::remove(path);
            return QFile::copy(from, path);
        };
        QVERIFY(install(TestTls::caFile()));
        ConnectionSettings settings = server.settings();
        settings.caFile = path;
        SmhClient client;
        const JobResult trusted = TestJobs::wait(client.queryTasks(settings, token, {1}));
        QVERIFY2(!trusted.error().isError(), qPrintable(trusted.error().toString()));
        QTRY_COMPARE(server.openConnections(), 0);

        // Not a CA: nothing it signs is trusted any more.
        QVERIFY(QFileInfo(TestTls::serverCertificateFile()).size()
            != QFileInfo(TestTls::caFile()).size());
        QVERIFY(install(TestTls::serverCertificateFile()));
        const JobResult refused = TestJobs::wait(client.queryTasks(settings, token, {2}));
        QCOMPARE(refused.error().kind(), SmhError::Kind::Tls);
        QTRY_COMPARE(server.openConnections(), 0);

        // Emptied by a botched renewal: a clear input error, nothing sent.
        {
            QFile broken(path);
            QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        }
        const JobResult unreadable = TestJobs::wait(client.queryTasks(settings, token, {3}));
        QCOMPARE(unreadable.error().kind(), SmhError::Kind::InvalidInput);

        QVERIFY(install(TestTls::caFile()));
        // The refused connection can stay parked in the network manager for a
        // few milliseconds (its expiry runs in the HTTP thread); polls come
        // seconds apart, so ask as the scheduler would: again, a little later.
        JobResult again;
        for (int attempt = 0; attempt < 50; ++attempt) {
            again = TestJobs::wait(client.queryTasks(settings, token, {4}));
            if (!again.error().isError())
                break;
            QTest::qWait(100);
        }
        QVERIFY2(!again.error().isError(), qPrintable(again.error().toString()));
        QCOMPARE(server.requestCount(), 2);
    }

    void trustedByHostName()
    {
        ScriptedServer server;
        QVERIFY(server.listenTls());
        ConnectionSettings settings = server.settings();
        settings.endpoint.setHost(u"localhost"_s);
        settings.caFile = TestTls::caFile();
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {5}));
        QVERIFY2(!result.error().isError(), qPrintable(result.error().toString()));
        QCOMPARE(result.report(5).status, 202);
    }

    void nameNotInCertificateIsRefused()
    {
        // The certificate names 127.0.0.1, ::1 and localhost only.
        ScriptedServer server;
        if (!server.listenTls(QHostAddress(u"127.0.0.2"_s)))
            QSKIP("cannot listen on 127.0.0.2 here");
        ConnectionSettings settings = server.settings();
        QCOMPARE(settings.endpoint.host(), u"127.0.0.2"_s);
        settings.caFile = TestTls::caFile();
        SmhClient client;
        const JobResult result = TestJobs::wait(client.queryTasks(settings, token, {1}));
        QCOMPARE(result.error().kind(), SmhError::Kind::Tls);
        QCOMPARE(server.requestCount(), 0);
    }

    void tokenEndpointsOverTls()
    {
        ScriptedServer server;
        QVERIFY(server.listenTls());
        server.setFallback([](const HttpRequest &) {
            return HttpResponse::json(200, R"({"accessToken":"minted-over-tls","expiresIn":60})");
        });
        ConnectionSettings settings = server.settings();
        settings.caFile = TestTls::caFile();
        SmhClient client;
        const JobResult minted =
            TestJobs::wait(client.createToken(settings, u"a-library-secret"_s));
        QVERIFY2(!minted.error().isError(), qPrintable(minted.error().toString()));
        QCOMPARE(minted.token.value, u"minted-over-tls"_s);
        QCOMPARE(minted.token.expiresInSeconds, 60);
    }

    void unreadableCaFile_data()
    {
        QTest::addColumn<QString>("content"); // empty: the file does not exist
        QTest::newRow("missing") << QString();
        QTest::newRow("not pem") << u"this is not a certificate"_s;
        QTest::newRow("key only") << u"key"_s;
    }

    void unreadableCaFile()
    {
        QFETCH(QString, content);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"ca.pem"_s);
        if (content == u"key") {
            QVERIFY(QFile::copy(TestTls::serverKeyFile(), path));
        } else if (!content.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content.toUtf8());
        }

        ScriptedServer server;
        QVERIFY(server.listenTls());
        ConnectionSettings settings = server.settings();
        settings.caFile = path;
        SmhClient client;
        const JobResult query = TestJobs::wait(client.queryTasks(settings, token, {1}));
        QCOMPARE(query.error().kind(), SmhError::Kind::InvalidInput);
        QVERIFY2(query.error().toString().contains(path), qPrintable(query.error().toString()));
        QCOMPARE(query.failedIds, QList<qint64> {1});
        const JobResult mint = TestJobs::wait(client.createToken(settings, u"secret-value"_s));
        QCOMPARE(mint.error().kind(), SmhError::Kind::InvalidInput);
        const JobResult renew = TestJobs::wait(client.renewToken(settings, token));
        QCOMPARE(renew.error().kind(), SmhError::Kind::InvalidInput);
        const JobResult remove = TestJobs::wait(client.deleteToken(settings, token));
        QCOMPARE(remove.error().kind(), SmhError::Kind::InvalidInput);
        // Refused before any request: not even a connection was opened.
        QCOMPARE(client.requestsSent(), 0);
        QCOMPARE(server.server().connectionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSmhClientTls)
#include "tst_smhclient_tls.moc"
