#include "cli/texttable.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The headless text table: one line per row whatever the server sent, and
// columns that line up with Chinese text.
class TestTextTable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void controlCharactersBecomeEscapes_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"foo/bar.pdf"_s << u"foo/bar.pdf"_s;
        QTest::newRow("tab and new line") << u"x\ty/evil\nline"_s << u"x\\ty/evil\\nline"_s;
        QTest::newRow("carriage return") << u"a\rb"_s << u"a\\rb"_s;
        QTest::newRow("escape sequence") << u"\x1b[31mred"_s << u"\\u001b[31mred"_s;
        QTest::newRow("line separator") << u"a\u2028b"_s << u"a\\u2028b"_s;
        QTest::newRow("bidi override") << u"a\u202Eb"_s << u"a\\u202eb"_s;
        QTest::newRow("chinese kept") << u"测试/文件.pdf"_s << u"测试/文件.pdf"_s;
        QTest::newRow("emoji kept") << u"a\U0001F600"_s << u"a\U0001F600"_s;
    }

    void controlCharactersBecomeEscapes()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(TextTable::cell(input), expected);
    }

    void displayWidth()
    {
        QCOMPARE(TextTable::displayWidth(u"abc"_s), 3);
        QCOMPARE(TextTable::displayWidth(u"任务"_s), 4);
        QCOMPARE(TextTable::displayWidth(u"ＡＢ"_s), 4); // fullwidth forms
        QCOMPARE(TextTable::displayWidth(u"e\u0301"_s), 1); // combining accent
        QCOMPARE(TextTable::displayWidth(u"\U00020000"_s), 2); // outside the BMP
    }

    void oneLinePerRowAndAlignedColumns()
    {
        const QString table = TextTable::render({u"任务 ID"_s, u"状态"_s, u"PATH"_s},
            {{u"10"_s, u"succeeded"_s, u"a\nb"_s}, {u"1234567"_s, u"失败"_s, u"c"_s}});
        const QStringList lines = table.split(u'\n');
        QCOMPARE(lines.size(), 4); // three rows and the final new line
        QVERIFY(lines.constLast().isEmpty());
        QCOMPARE(lines.at(1), u"10       succeeded  a\\nb"_s);
        // The third column starts at the same terminal column on every line.
        for (qsizetype i = 0; i < 3; ++i) {
            const QString &line = lines.at(i);
            const qsizetype start = line.lastIndexOf(u"  "_s) + 2;
            QCOMPARE(TextTable::displayWidth(line.left(start)), 20);
        }
    }
};

QTEST_APPLESS_MAIN(TestTextTable)
#include "tst_texttable.moc"
