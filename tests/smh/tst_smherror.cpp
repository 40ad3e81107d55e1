#include "smh/expected.h"
#include "smh/redact.h"
#include "smh/smherror.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Kind = SmhError::Kind;

// How errors are classified decides retry, back-off and "ask for a new token".
class TestSmhError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kinds_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<bool>("transient");
        QTest::newRow("none") << Kind::None << false;
        QTest::newRow("invalid input") << Kind::InvalidInput << false;
        QTest::newRow("network") << Kind::Network << true;
        QTest::newRow("timeout") << Kind::Timeout << true;
        QTest::newRow("tls") << Kind::Tls << false;
        QTest::newRow("malformed") << Kind::Malformed << true;
        QTest::newRow("oversized") << Kind::Oversized << false;
        QTest::newRow("cancelled") << Kind::Cancelled << false;
    }

    void kinds()
    {
        QFETCH(Kind, kind);
        QFETCH(bool, transient);
        const SmhError error(kind, u"detail"_s);
        QCOMPARE(error.kind(), kind);
        QCOMPARE(error.isError(), kind != Kind::None);
        QCOMPARE(error.isTransient(), transient);
        QVERIFY(!error.isAuthError());
        QVERIFY(!SmhError::kindName(kind).isEmpty());
    }

    void httpStatuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("auth");
        QTest::addColumn<bool>("transient");
        QTest::newRow("302") << 302 << false << false;
        QTest::newRow("400") << 400 << false << false;
        QTest::newRow("401") << 401 << true << false;
        QTest::newRow("403") << 403 << true << false;
        QTest::newRow("404") << 404 << false << false;
        QTest::newRow("408") << 408 << false << true;
        QTest::newRow("409") << 409 << false << false;
        QTest::newRow("429") << 429 << false << true;
        QTest::newRow("500") << 500 << false << true;
        QTest::newRow("502") << 502 << false << true;
        QTest::newRow("503") << 503 << false << true;
        QTest::newRow("504") << 504 << false << true;
    }

    void httpStatuses()
    {
        QFETCH(int, status);
        QFETCH(bool, auth);
        QFETCH(bool, transient);
        const SmhError error = SmhError::http(status, u"Code"_s, u"message"_s, u"req-1"_s);
        QCOMPARE(error.kind(), Kind::Http);
        QCOMPARE(error.httpStatus(), status);
        QCOMPARE(error.isAuthError(), auth);
        QCOMPARE(error.isTransient(), transient);
    }

    // What SMH's codes mean for the monitor (smh-api.md, "Errors").
    void smhCodes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("meaning");
        QTest::newRow("401") << 401 << QString() << u"token"_s;
        QTest::newRow("403 InvalidAccessToken") << 403 << u"InvalidAccessToken"_s << u"token"_s;
        QTest::newRow("403 without code") << 403 << QString() << u"token"_s;
        QTest::newRow("403 NoPermission") << 403 << u"NoPermission"_s << u"refused"_s;
        QTest::newRow("403 AccessTokenNotMatchLibrary")
            << 403 << u"AccessTokenNotMatchLibrary"_s << u"refused"_s;
        QTest::newRow("403 LibraryServiceExpired")
            << 403 << u"LibraryServiceExpired"_s << u"refused"_s;
        QTest::newRow("404 WrongLibraryIdOrSecret")
            << 404 << u"WrongLibraryIdOrSecret"_s << u"secret"_s;
        QTest::newRow("404 LibraryNotFound") << 404 << u"LibraryNotFound"_s << u"config"_s;
        QTest::newRow("404 SpaceNotFound") << 404 << u"SpaceNotFound"_s << u"config"_s;
        QTest::newRow("404 RouteNotFound") << 404 << u"RouteNotFound"_s << QString();
        QTest::newRow("414 URITooLong") << 414 << u"URITooLong"_s << u"long"_s;
    }

    void smhCodes()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, meaning);
        const SmhError error = SmhError::http(status, code, u"m"_s, u"req-1"_s);
        QCOMPARE(error.isTokenRejected(), meaning == u"token");
        QCOMPARE(error.isAccessRefused(), meaning == u"refused");
        QCOMPARE(error.isWrongSecret(), meaning == u"secret");
        QCOMPARE(error.isConfigurationError(), meaning == u"config");
        QCOMPARE(error.isUriTooLong(), meaning == u"long");
        QCOMPARE(error.explanation().isEmpty(), meaning.isEmpty());
        // Every message names the code and the request ID.
        QVERIFY(error.toString().contains(u"req-1"_s));
        QVERIFY(code.isEmpty() || error.toString().contains(code));
    }

    void defaultIsNoError()
    {
        const SmhError error;
        QVERIFY(!error.isError());
        QCOMPARE(error.retryAfterSeconds(), -1);
        QCOMPARE(error.httpStatus(), 0);
    }

    void toStringCarriesCodeMessageAndRequestId()
    {
        const SmhError error =
            SmhError::http(404, u"NoSuchLibrary"_s, u"The library does not exist."_s, u"req-42"_s);
        const QString text = error.toString();
        QVERIFY2(text.contains(u"404"_s), qPrintable(text));
        QVERIFY(text.contains(u"NoSuchLibrary"_s));
        QVERIFY(text.contains(u"The library does not exist."_s));
        QVERIFY(text.contains(u"req-42"_s));

        SmhError bare(Kind::Network, u"connection refused"_s);
        QVERIFY(bare.toString().contains(u"connection refused"_s));
        QVERIFY(bare.toString().startsWith(SmhError::kindName(Kind::Network)));
    }

    void httpFieldsAreRedacted()
    {
        // A gateway that echoes the request into its error message.
        const SmhError error = SmhError::http(
            400, u"Bad"_s, u"rejected /api/v1/task/l/-/1?access_token=SeCrEtToKeN1&x=1"_s, u"r"_s);
        QVERIFY(!error.toString().contains(u"SeCrEtToKeN1"_s));
        QVERIFY(!error.message().contains(u"SeCrEtToKeN1"_s));
        Redact::registerSecret(u"registered-secret-42"_s);
        const SmhError code = SmhError::http(403, u"registered-secret-42"_s, {}, {});
        QVERIFY(!code.toString().contains(u"registered-secret-42"_s));
        Redact::forgetSecret(u"registered-secret-42"_s);
    }

    void retryAfter()
    {
        SmhError error = SmhError::http(429, {}, {}, {});
        QCOMPARE(error.retryAfterSeconds(), -1);
        error.setRetryAfterSeconds(30);
        QCOMPARE(error.retryAfterSeconds(), 30);
    }

    // Expected<T> (Error) takes a request's SmhError as it is: kind Request,
    // its sentence, and the code and request ID support asks for.
    void anErrorKeepsTheRequestItCameFrom()
    {
        const SmhError smh = SmhError::http(403, u"NoPermission"_s, u"no"_s, u"req-42"_s);
        const Expected<int> failed = unexpected(smh);
        QVERIFY(!failed);
        QCOMPARE(failed.error().kind(), Error::Kind::Request);
        QCOMPARE(failed.error().message(), smh.toString());
        QCOMPARE(failed.error().code(), u"NoPermission"_s);
        QCOMPARE(failed.error().httpStatus(), 403);
        QCOMPARE(failed.error().requestId(), u"req-42"_s);
        QVERIFY(failed.error().smh() && failed.error().smh()->isAccessRefused());

        const Error local = Error::ledger(u"the disk is full"_s);
        QVERIFY(!local.smh());
        QCOMPARE(local.requestId(), QString());
        const Error said = local.withMessage(u"Cannot save: the disk is full"_s);
        QCOMPARE(said.kind(), Error::Kind::Ledger);
        QCOMPARE(said.message(), u"Cannot save: the disk is full"_s);
    }

    // A detail rides along with the failure through copies and new words,
    // and is read back only as the type it was attached as.
    void anErrorCarriesOneDetailOfItsPartsType()
    {
        enum class Step {
            First,
            Second
        };
        const Error plain = Error::input(u"no"_s);
        QVERIFY(!plain.detail<Step>());
        const Error detailed = plain.withDetail(Step::Second);
        QCOMPARE(detailed.detail<Step>(), std::optional(Step::Second));
        QVERIFY(!detailed.detail<int>());
        const Error said = detailed.withMessage(u"not at all"_s);
        QCOMPARE(said.detail<Step>(), std::optional(Step::Second));
        QCOMPARE(said.kind(), Error::Kind::Input);
        const Expected<void> failed = unexpected(said);
        QCOMPARE(failed.error().detail<Step>(), std::optional(Step::Second));
        const Error replaced = said.withDetail(7);
        QVERIFY(!replaced.detail<Step>());
        QCOMPARE(replaced.detail<int>(), std::optional(7));
        QVERIFY(!plain.detail<Step>()); // the original is untouched
    }

    void metaType()
    {
        const QVariant value = QVariant::fromValue(SmhError(Kind::Timeout, u"x"_s));
        QCOMPARE(value.value<SmhError>().kind(), Kind::Timeout);
    }
};

QTEST_GUILESS_MAIN(TestSmhError)
#include "tst_smherror.moc"
