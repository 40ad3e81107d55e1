#include "smh/redact.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestRedact final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlQueryItems_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("secret");

        QTest::newRow("access_token")
            << u"https://h/api/v1/task/lib/-/1,2?access_token=Tok3nValue&user_id=alice"_s
            << u"https://h/api/v1/task/lib/-/1,2?access_token=REDACTED&user_id=alice"_s
            << u"Tok3nValue"_s;
        QTest::newRow("encoded token")
            << u"https://h/api/v1/task/lib/-/1?access_token=a%2Bb%2Fc%3D%3D%26d"_s
            << u"https://h/api/v1/task/lib/-/1?access_token=REDACTED"_s << u"a%2Bb"_s;
        QTest::newRow("library_secret")
            << u"https://h/api/v1/token?library_id=lib&library_secret=S3cr3t&space_id=-"_s
            << u"https://h/api/v1/token?library_id=lib&library_secret=REDACTED&space_id=-"_s
            << u"S3cr3t"_s;
        QTest::newRow("key case") << u"https://h/x?ACCESS_TOKEN=abcdef"_s
                                  << u"https://h/x?ACCESS_TOKEN=REDACTED"_s << u"abcdef"_s;
        QTest::newRow("camel case") << u"https://h/x?accessToken=abcdef&a=1"_s
                                    << u"https://h/x?accessToken=REDACTED&a=1"_s << u"abcdef"_s;
        QTest::newRow("refresh_token") << u"https://h/x?refresh_token=abcdef"_s
                                       << u"https://h/x?refresh_token=REDACTED"_s << u"abcdef"_s;
        QTest::newRow("repeated") << u"https://h/x?access_token=one1&access_token=two2"_s
                                  << u"https://h/x?access_token=REDACTED&access_token=REDACTED"_s
                                  << u"two2"_s;
        QTest::newRow("password") << u"https://user:hunter2@h/x"_s << u"https://user@h/x"_s
                                  << u"hunter2"_s;
        QTest::newRow("nothing secret")
            << u"https://h/api/v1/task/lib/-/1?user_id=bob"_s
            << u"https://h/api/v1/task/lib/-/1?user_id=bob"_s << QString();
    }

    void urlQueryItems()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QFETCH(QString, secret);
        const QString redacted = Redact::url(QUrl(url, QUrl::StrictMode));
        QCOMPARE(redacted, expected);
        if (!secret.isEmpty())
            QVERIFY(!redacted.contains(secret));
    }

    void text_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        QTest::newRow("query in prose")
            << u"Error transferring https://h/x?access_token=abc.def-123&user_id=u - server replied"_s
            << u"Error transferring https://h/x?access_token=REDACTED&user_id=u - server replied"_s;
        QTest::newRow("encoded equals") << u"GET /x?access_token%3Dabc123 failed"_s
                                        << u"GET /x?access_token%3DREDACTED failed"_s;
        QTest::newRow("secret") << u"library_secret=xyz&x=1"_s << u"library_secret=REDACTED&x=1"_s;
        QTest::newRow("json") << uR"({"accessToken": "abc/def+=", "expiresIn": 3600})"_s
                              << uR"({"accessToken": "REDACTED", "expiresIn": 3600})"_s;
        QTest::newRow("quoted url") << u"'https://h/x?access_token=abc' refused"_s
                                    << u"'https://h/x?access_token=REDACTED' refused"_s;
        QTest::newRow("case") << u"Access_Token=abc"_s << u"Access_Token=REDACTED"_s;
        QTest::newRow("in brackets") << u"refused (https://h/x?access_token=abc123)."_s
                                     << u"refused (https://h/x?access_token=REDACTED)."_s;
        QTest::newRow("already redacted, in brackets")
            << u"(https://h/x?access_token=REDACTED)"_s << u"(https://h/x?access_token=REDACTED)"_s;
        QTest::newRow("bracket inside the value")
            << u"access_token=ab)cd]ef&x=1"_s << u"access_token=REDACTED&x=1"_s;
        QTest::newRow("end of text") << u"[access_token=abc]"_s << u"[access_token=REDACTED]"_s;
        QTest::newRow("untouched") << u"the token was refused"_s << u"the token was refused"_s;
    }

    void text()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(Redact::text(input), expected);
    }

    // Server text shown in a cell or a terminal: what would move the cursor,
    // break the line or reorder the text becomes a visible escape.
    void visible_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"batchDelete"_s << u"batchDelete"_s;
        QTest::newRow("Chinese") << u"批量删除"_s << u"批量删除"_s;
        QTest::newRow("Arabic letters stay") << u"\u0645\u0644\u0641"_s << u"\u0645\u0644\u0641"_s;
        QTest::newRow("right-to-left override") << u"a\u202Eexe.txt"_s << u"a\\u202eexe.txt"_s;
        QTest::newRow("isolate") << u"x\u2067y\u2069"_s << u"x\\u2067y\\u2069"_s;
        QTest::newRow("marks") << u"\u200Fa\u200E"_s << u"\\u200fa\\u200e"_s;
        QTest::newRow("escape") << u"a\u001b[2Kb"_s << u"a\\u001b[2Kb"_s;
        QTest::newRow("new line") << u"a\nb\tc\r"_s << u"a\\nb\\tc\\r"_s;
        QTest::newRow("line separator") << u"a\u2028b"_s << u"a\\u2028b"_s;
        QTest::newRow("joiners stay")
            << u"\u0645\u200C\u0645\u200D"_s << u"\u0645\u200C\u0645\u200D"_s;
    }

    void visible()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(Redact::visible(input), expected);
    }

    void registeredSecrets()
    {
        const QString token = u"Zq8+pT/xY2w=kM&n"_s;
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(token));
        QVERIFY(Redact::text(u"renewing "_s + token).contains(token));
        Redact::registerSecret(token);
        QCOMPARE(Redact::text(u"renewing "_s + token + u" now"_s), u"renewing REDACTED now"_s);
        QCOMPARE(Redact::text(u"/api/v1/token/lib/"_s + encoded), u"/api/v1/token/lib/REDACTED"_s);

        // A token in a URL path, as the renew and delete endpoints put it.
        QUrl url(u"https://h"_s);
        url.setPath(u"/api/v1/token/lib/"_s + encoded, QUrl::StrictMode);
        QCOMPARE(Redact::url(url), u"https://h/api/v1/token/lib/REDACTED"_s);

        Redact::forgetSecret(token);
        QVERIFY(Redact::text(token).contains(token));
    }

    void secretDecodedForDisplayInPath()
    {
        // QUrl shows spaces and non-ASCII decoded but keeps reserved characters
        // encoded; a token mixing both must still be found.
        const QString token = u"odd token ä+x/y=z"_s;
        Redact::registerSecret(token);
        QUrl url(u"https://h"_s);
        url.setPath(u"/api/v1/token/lib/"_s + QString::fromLatin1(QUrl::toPercentEncoding(token)),
            QUrl::StrictMode);
        const QString redacted = Redact::url(url);
        QCOMPARE(redacted, u"https://h/api/v1/token/lib/REDACTED"_s);
        Redact::forgetSecret(token);
    }

    void shortSecretsAreNotRegistered()
    {
        // Replacing "abc" everywhere would mangle ordinary text.
        Redact::registerSecret(u"abc"_s);
        QCOMPARE(Redact::text(u"abcdef"_s), u"abcdef"_s);
    }

    void sensitiveKeys()
    {
        QVERIFY(Redact::isSensitiveQueryKey(u"access_token"));
        QVERIFY(Redact::isSensitiveQueryKey(u"Library_Secret"));
        QVERIFY(Redact::isSensitiveQueryKey(u"accessToken"));
        QVERIFY(!Redact::isSensitiveQueryKey(u"user_id"));
        QVERIFY(!Redact::isSensitiveQueryKey(u"library_id"));
    }
};

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
