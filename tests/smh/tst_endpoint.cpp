#include "smh/endpoint.h"
#include "tasks/monitoroptions.h"
#include "verifyexpected.h"

#include <QCommandLineParser>

#include <QTest>

using namespace Qt::StringLiterals;

// SMH is HTTPS only; a typo must never make us send a token in clear text.
class TestEndpoint final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised");

        QTest::newRow("default") << u"https://api.tencentsmh.cn"_s
                                 << u"https://api.tencentsmh.cn"_s;
        QTest::newRow("library host")
            << u"https://smhx1.api.tencentsmh.cn"_s << u"https://smhx1.api.tencentsmh.cn"_s;
        QTest::newRow("trailing slash")
            << u"https://api.tencentsmh.cn/"_s << u"https://api.tencentsmh.cn"_s;
        QTest::newRow("many slashes")
            << u"https://api.tencentsmh.cn///"_s << u"https://api.tencentsmh.cn"_s;
        QTest::newRow("api prefix")
            << u"https://api.tencentsmh.cn/api/v1"_s << u"https://api.tencentsmh.cn"_s;
        QTest::newRow("api prefix slash")
            << u"https://api.tencentsmh.cn/api/v1/"_s << u"https://api.tencentsmh.cn"_s;
        QTest::newRow("private prefix") << u"https://smh.corp.example/gateway/smh/"_s
                                        << u"https://smh.corp.example/gateway/smh"_s;
        QTest::newRow("private prefix + api")
            << u"https://smh.corp.example/gw/api/v1"_s << u"https://smh.corp.example/gw"_s;
        QTest::newRow("port") << u"https://smh.corp.example:8443"_s
                              << u"https://smh.corp.example:8443"_s;
        QTest::newRow("whitespace")
            << u"  https://api.tencentsmh.cn \n"_s << u"https://api.tencentsmh.cn"_s;
        QTest::newRow("upper-case scheme")
            << u"HTTPS://API.TencentSMH.cn"_s << u"https://api.tencentsmh.cn"_s;
        QTest::newRow("https example.com") << u"https://example.com"_s << u"https://example.com"_s;
        QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:8080"_s << u"http://127.0.0.1:8080"_s;
        QTest::newRow("http 127.x") << u"http://127.4.5.6:1234/"_s << u"http://127.4.5.6:1234"_s;
        QTest::newRow("http ::1") << u"http://[::1]:8080"_s << u"http://[::1]:8080"_s;
        QTest::newRow("http localhost")
            << u"http://localhost:8080/api/v1"_s << u"http://localhost:8080"_s;
        QTest::newRow("http LOCALHOST") << u"HTTP://LocalHost"_s << u"http://localhost"_s;
    }

    void accepts()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        const Expected<QUrl> parsed = Endpoint::parse(text);
        SMH_VERIFY(parsed);
        const QUrl url = *parsed;
        QVERIFY(url.isValid() && !url.isEmpty());
        QCOMPARE(url.toString(), normalised);
        QVERIFY(!url.hasQuery());
        QVERIFY(!url.path().endsWith(u'/'));
        // Normalising twice changes nothing.
        QCOMPARE(Endpoint::parse(url.toString()).valueOr(QUrl()), url);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("empty") << QString() << u"empty"_s;
        QTest::newRow("blank") << u"   "_s << u"empty"_s;
        QTest::newRow("http example.com") << u"http://example.com"_s << u"https://"_s;
        QTest::newRow("http api host") << u"http://api.tencentsmh.cn/api/v1"_s << u"https://"_s;
        QTest::newRow("http 0.0.0.0") << u"http://0.0.0.0:8080"_s << u"https://"_s;
        QTest::newRow("http lan") << u"http://192.168.1.10"_s << u"https://"_s;
        QTest::newRow("http localhost lookalike")
            << u"http://localhost.example.com"_s << u"https://"_s;
        QTest::newRow("http 127 lookalike") << u"http://127.0.0.1.example.com"_s << u"https://"_s;
        QTest::newRow("http userinfo trick") << u"http://localhost@example.com"_s << u"https://"_s;
        QTest::newRow("ftp") << u"ftp://api.tencentsmh.cn"_s << u"https://"_s;
        QTest::newRow("ws") << u"wss://api.tencentsmh.cn"_s << u"https://"_s;
        QTest::newRow("no scheme") << u"api.tencentsmh.cn"_s << QString();
        QTest::newRow("no host") << u"https://"_s << QString();
        QTest::newRow("user:pass") << u"https://user:pass@api.tencentsmh.cn"_s << u"password"_s;
        QTest::newRow("user") << u"https://user@api.tencentsmh.cn"_s << u"user name"_s;
        QTest::newRow("query") << u"https://api.tencentsmh.cn/?access_token=x"_s << u"query"_s;
        QTest::newRow("empty query") << u"https://api.tencentsmh.cn?"_s << u"query"_s;
        QTest::newRow("fragment") << u"https://api.tencentsmh.cn/#top"_s << u"fragment"_s;
        QTest::newRow("garbage") << u"https://exa mple.com"_s << QString();
    }

    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const Expected<QUrl> url = Endpoint::parse(text);
        QVERIFY2(!url, qPrintable(url.valueOr(QUrl()).toString()));
        QCOMPARE(url.error().kind(), Error::Kind::Input);
        const QString error = url.error().message();
        QVERIFY(!error.isEmpty());
        if (!mentions.isEmpty())
            QVERIFY2(error.contains(mentions), qPrintable(error));
        // A refused endpoint with credentials in it is not echoed back.
        QVERIFY(!error.contains(u"pass@"_s));
    }

    void loopbackHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
        QTest::newRow("127.255.0.9") << u"127.255.0.9"_s << true;
        QTest::newRow("::1") << u"::1"_s << true;
        QTest::newRow("[::1]") << u"[::1]"_s << true;
        QTest::newRow("localhost") << u"localhost"_s << true;
        QTest::newRow("LocalHost") << u"LocalHost"_s << true;
        QTest::newRow("128.0.0.1") << u"128.0.0.1"_s << false;
        QTest::newRow("0.0.0.0") << u"0.0.0.0"_s << false;
        QTest::newRow("::") << u"::"_s << false;
        QTest::newRow("localhost.") << u"localhost.evil"_s << false;
        QTest::newRow("empty") << QString() << false;
    }

    void loopbackHosts()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(Endpoint::isLoopbackHost(host), loopback);
    }

    void forLibrary()
    {
        const QUrl url = Endpoint::forLibrary(u"SmhX1Lib"_s);
        QCOMPARE(url.toString(), u"https://smhx1lib.api.tencentsmh.cn"_s);
        QCOMPARE(Endpoint::parse(url.toString()).valueOr(QUrl()), url);
    }

    // Without an endpoint, a library goes to its own host, as the SDKs
    // recommend; no usable library ID, the shared host.
    void defaultIsTheLibrarysOwnHost()
    {
        QCOMPARE(
            Endpoint::defaultFor(u"smhLib01"_s), QUrl(u"https://smhlib01.api.tencentsmh.cn"_s));
        QCOMPARE(Endpoint::defaultFor(QString()), QUrl(u"https://api.tencentsmh.cn"_s));
        QCOMPARE(Endpoint::defaultFor(u"a.b"_s), QUrl(u"https://api.tencentsmh.cn"_s));
        QCOMPARE(Endpoint::defaultFor(u"lib/../x"_s), QUrl(u"https://api.tencentsmh.cn"_s));

        // The command line: only a library given.
        qunsetenv("SMH_ENDPOINT");
        QCommandLineParser parser;
        MonitorOptions::declare(parser);
        QVERIFY(parser.parse({u"smh-task-monitor"_s, u"--library"_s, u"smhlib"_s, u"1"_s}));
        const Expected<MonitorOptions> options = MonitorOptions::fromParser(parser);
        QVERIFY(options);
        QCOMPARE(options->connection.endpoint, QUrl(u"https://smhlib.api.tencentsmh.cn"_s));
    }
};

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
