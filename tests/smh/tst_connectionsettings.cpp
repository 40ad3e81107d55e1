#include "smh/connectionsettings.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestConnectionSettings final : public QObject
{
    Q_OBJECT

private:
    static ConnectionSettings valid()
    {
        ConnectionSettings s;
        s.endpoint = QUrl(u"https://api.tencentsmh.cn"_s);
        s.libraryId = u"smh123"_s;
        return s;
    }

private Q_SLOTS:
    void defaultsAreValid()
    {
        const ConnectionSettings s = valid();
        QCOMPARE(s.spaceId, u"-"_s);
        QVERIFY2(s.validate().isEmpty(), qPrintable(s.validate().join(u' ')));
        QCOMPARE(s.displayName(), u"smh123/-"_s);
    }

    void problemsAreNamed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no library") << u"library"_s << QString() << u"library ID is empty"_s;
        QTest::newRow("library with space") << u"library"_s << u"smh 1"_s << u"spaces"_s;
        QTest::newRow("library dot") << u"library"_s << u"."_s << u"not a library ID"_s;
        QTest::newRow("library dotdot") << u"library"_s << u".."_s << u"not a library ID"_s;
        QTest::newRow("no space") << u"space"_s << QString() << u"single-tenant"_s;
        QTest::newRow("space dotdot") << u"space"_s << u".."_s << u"not a space ID"_s;
        QTest::newRow("space tab") << u"space"_s << u"a\tb"_s << u"spaces"_s;
        QTest::newRow("user newline") << u"user"_s << u"bob\n"_s << u"user ID"_s;
        QTest::newRow("plain http") << u"endpoint"_s << u"http://example.com"_s << u"https://"_s;
        QTest::newRow("no endpoint") << u"endpoint"_s << QString() << u"No endpoint"_s;
        QTest::newRow("missing CA") << u"ca"_s << u"/nonexistent/ca.pem"_s << u"cannot be read"_s;
    }

    void problemsAreNamed()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        ConnectionSettings s = valid();
        if (field == u"library")
            s.libraryId = value;
        else if (field == u"space")
            s.spaceId = value;
        else if (field == u"user")
            s.userId = value;
        else if (field == u"endpoint")
            s.endpoint = QUrl(value);
        else if (field == u"ca")
            s.caFile = value;
        const QStringList problems = s.validate();
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.constFirst().contains(expected), qPrintable(problems.constFirst()));
    }

    void libraryLevelNeedsNoSpace()
    {
        ConnectionSettings s = valid();
        s.libraryLevel = true;
        s.spaceId.clear();
        QVERIFY(s.validate().isEmpty());
        QCOMPARE(s.displayName(), u"smh123"_s);
    }

    void samePlaceIsServerLibraryAndSpace()
    {
        const ConnectionSettings s = valid();
        ConnectionSettings other = valid();
        other.userId = u"alice"_s; // who asks does not make another place
        other.caFile = u"/etc/ca.pem"_s;
        QVERIFY(s.samePlace(other));
        other.spaceId = u"space2"_s;
        QVERIFY(!s.samePlace(other));
        other = valid();
        other.endpoint = QUrl(u"https://smh.example.com"_s);
        QVERIFY(!s.samePlace(other));
        // At library level the space does not count.
        ConnectionSettings library = valid();
        library.libraryLevel = true;
        other = library;
        other.spaceId = u"space2"_s;
        QVERIFY(library.samePlace(other));
        QVERIFY(!library.samePlace(s));
    }
};

QTEST_GUILESS_MAIN(TestConnectionSettings)
#include "tst_connectionsettings.moc"
