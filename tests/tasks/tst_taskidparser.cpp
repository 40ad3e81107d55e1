#include "tasks/taskidparser.h"
#include "verifyexpected.h"

#include <QTemporaryDir>
#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;

class TestTaskIdParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSeparatorsRangesAndDuplicates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<qint64>>("ids");
        QTest::addColumn<int>("duplicates");
        QTest::newRow("single") << u"10"_s << QList<qint64> {10} << 0;
        QTest::newRow("commas") << u"10,12,13"_s << QList<qint64> {10, 12, 13} << 0;
        QTest::newRow("mixed") << u" 10, 12\n13\t14;15 "_s << QList<qint64> {10, 12, 13, 14, 15}
                               << 0;
        QTest::newRow("crlf") << u"1\r\n2\r\n"_s << QList<qint64> {1, 2} << 0;
        QTest::newRow("range") << u"100-103"_s << QList<qint64> {100, 101, 102, 103} << 0;
        QTest::newRow("range and ids") << u"5,1-3,2"_s << QList<qint64> {5, 1, 2, 3} << 1;
        QTest::newRow("duplicates") << u"7 7 7 8"_s << QList<qint64> {7, 8} << 2;
        QTest::newRow("64-bit") << u"9007199254740993"_s << QList<qint64> {9007199254740993LL} << 0;
        QTest::newRow("empty") << QString() << QList<qint64> {} << 0;
        // The top of the 64-bit range: the range must end, not wrap around.
        QTest::newRow("top of range")
            << u"9223372036854775806-9223372036854775807"_s
            << QList<qint64> {9223372036854775806LL, 9223372036854775807LL} << 0;
        QTest::newRow("top id twice") << u"9223372036854775807-9223372036854775807"_s
                                      << QList<qint64> {9223372036854775807LL} << 0;
    }

    void parsesSeparatorsRangesAndDuplicates()
    {
        QFETCH(QString, text);
        QFETCH(QList<qint64>, ids);
        QFETCH(int, duplicates);
        const TaskIdParser::Result result = TaskIdParser::parse(text);
        QVERIFY2(result.ok(), qPrintable(result.invalid.join(u"; "_s)));
        QCOMPARE(result.ids, ids);
        QCOMPARE(result.duplicates, duplicates);
    }

    void rejectsBadTokensAndNamesThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("culprit");
        QTest::newRow("word") << u"10,abc,12"_s << u"abc"_s;
        QTest::newRow("negative") << u"-5"_s << u"-5"_s;
        QTest::newRow("plus") << u"+5"_s << u"+5"_s;
        QTest::newRow("fraction") << u"1.5"_s << u"1.5"_s;
        QTest::newRow("reversed range") << u"20-10"_s << u"20-10"_s;
        QTest::newRow("open range") << u"10-"_s << u"10-"_s;
        QTest::newRow("huge range") << u"1-1000000"_s << u"1-1000000"_s;
        QTest::newRow("overflow") << u"99999999999999999999"_s << u"99999999999999999999"_s;
        QTest::newRow("hex") << u"0x10"_s << u"0x10"_s;
    }

    void rejectsBadTokensAndNamesThem()
    {
        QFETCH(QString, text);
        QFETCH(QString, culprit);
        const TaskIdParser::Result result = TaskIdParser::parse(text);
        QVERIFY(!result.ok());
        QCOMPARE(result.invalid.size(), 1);
        QVERIFY2(
            result.invalid.constFirst().contains(culprit), qPrintable(result.invalid.constFirst()));
    }

    void problemsSayWhatAndWhere()
    {
        // An ID past 64 bits is too large, not "not a number".
        TaskIdParser::Result result = TaskIdParser::parse(u"99999999999999999999"_s);
        QCOMPARE(result.invalid.size(), 1);
        QVERIFY2(result.invalid.constFirst().contains(u"too large"_s),
            qPrintable(result.invalid.constFirst()));
        result = TaskIdParser::parse(u"1-99999999999999999999"_s);
        QVERIFY2(result.invalid.constFirst().contains(u"too large"_s),
            qPrintable(result.invalid.constFirst()));
        // In a file or a long paste, problems carry their line.
        result = TaskIdParser::parse(u"10\n20, 30\n\nabc 40\n50-40"_s);
        QCOMPARE(result.invalid.size(), 2);
        QVERIFY2(result.invalid.at(0).startsWith(u"line 4: \"abc\""_s),
            qPrintable(result.invalid.at(0)));
        QVERIFY2(result.invalid.at(1).startsWith(u"line 5: \"50-40\""_s),
            qPrintable(result.invalid.at(1)));
    }

    // Rows copied from the task table: the first cell of each is the ID;
    // durations and dates in the others give no numbers.
    void copiedRowsGiveTheirFirstColumn()
    {
        const QString rows = u"1001\tSucceeded\t09:31:28\t1 min 0 s\tcontracts/brief.pptx\t\n"
                             "1002\tFailed\t2026-12-03 09:31:32\t7 s\t\tnote 5\n"_s;
        TaskIdParser::Result result = TaskIdParser::parse(rows);
        QVERIFY2(result.ok(), qPrintable(result.invalid.join(u"; "_s)));
        QCOMPARE(result.ids, (QList<qint64> {1001, 1002}));
        QCOMPARE(TaskIdParser::withoutInvalid(rows), u"1001\n1002"_s);
        // A bad first cell is named by its line; the other cells are not read.
        result = TaskIdParser::parse(u"1001\t1 min 0 s\nabc\t7 s\n"_s);
        QCOMPARE(result.invalid.size(), 1);
        QVERIFY2(result.invalid.constFirst().startsWith(u"line 2: \"abc\""_s),
            qPrintable(result.invalid.constFirst()));
        QCOMPARE(TaskIdParser::withoutInvalid(u"1001\t1 min 0 s\nabc\t7 s\n"_s), u"1001"_s);
        // Tabs only on some lines: not a table, read as before.
        QCOMPARE(TaskIdParser::parse(u"5\t6\n7"_s).ids, (QList<qint64> {5, 6, 7}));
    }

    void withoutInvalidKeepsTheIds()
    {
        QCOMPARE(
            TaskIdParser::withoutInvalid(u"10, abc; 20-22\n+5 0x1 30-20 40"_s), u"10\n20-22\n40"_s);
        QCOMPARE(TaskIdParser::withoutInvalid(u"nothing here"_s), QString());
    }

    void refusesInputsOverTheLimitBeforeExpandingThem()
    {
        // 11 ranges of 100,000: each allowed alone, too many together. Before
        // the limit this expanded to 1.1 M IDs; a 1.5 KB file made 10 M.
        QStringList ranges;
        for (qint64 i = 0; i < 11; ++i)
            ranges << u"%1-%2"_s.arg(i * 100'000 + 1).arg((i + 1) * 100'000);
        TaskIdParser::Result result = TaskIdParser::parse(ranges.join(u','));
        QVERIFY(!result.ok());
        QVERIFY(result.ids.isEmpty());
        QCOMPARE(result.invalid.size(), 1);
        QVERIFY2(result.invalid.constFirst().contains(u"1000000"_s),
            qPrintable(result.invalid.constFirst()));

        ranges.removeLast(); // exactly the limit is fine
        result = TaskIdParser::parse(ranges.join(u','));
        QVERIFY(result.ok());
        QCOMPARE(result.ids.size(), TaskIdParser::maxIdsPerInput);
        QCOMPARE(result.ids.constLast(), TaskIdParser::maxIdsPerInput);
    }

    void appendedIdsCountTowardsTheLimitAndMerge()
    {
        TaskIdParser::Result result = TaskIdParser::parse(u"1,2 3-4 2"_s);
        QCOMPARE(result.named, 5);
        TaskIdParser::append(result, {4, 5, 2, 6});
        QVERIFY(result.ok());
        QCOMPARE(result.ids, (QList<qint64> {1, 2, 3, 4, 5, 6}));
        QCOMPARE(result.duplicates, 3);
        QCOMPARE(result.named, 9);

        // The text's problems stand; nothing is added until it is right.
        result = TaskIdParser::parse(u"1 x"_s);
        TaskIdParser::append(result, {7});
        QCOMPARE(result.invalid.size(), 1);
        QVERIFY(result.ids.isEmpty());

        // The limit is for all of them together, said in one sentence.
        QList<qint64> many(TaskIdParser::maxIdsPerInput - 2);
        std::iota(many.begin(), many.end(), qint64(10));
        result = TaskIdParser::parse(u"1 2"_s);
        TaskIdParser::append(result, many);
        QVERIFY(result.ok());
        QCOMPARE(result.ids.size(), TaskIdParser::maxIdsPerInput);
        result = TaskIdParser::parse(u"1 2 x"_s);
        many.append(3);
        TaskIdParser::append(result, many);
        QVERIFY(result.ids.isEmpty());
        QCOMPARE(result.invalid.size(), 1);
        QVERIFY2(result.invalid.constFirst().contains(u"1000000"_s),
            qPrintable(result.invalid.constFirst()));
    }

    void reportsFewProblemsForGarbage()
    {
        QString garbage;
        for (int i = 0; i < 5000; ++i)
            garbage += u"x%1 "_s.arg(i);
        const TaskIdParser::Result result = TaskIdParser::parse(garbage);
        QVERIFY(!result.ok());
        QCOMPARE(result.invalid.size(), 11); // ten named, then how many more
        QVERIFY2(
            result.invalid.constLast().contains(u"4990"_s), qPrintable(result.invalid.constLast()));
    }

    void refusesABinaryFileInOneSentence()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"ids.txt"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray binary;
        for (int i = 0; i < 100'000; ++i)
            binary += char(i * 7 % 256);
        file.write(binary);
        file.close();
        const Expected<TaskIdParser::Result> result = TaskIdParser::parseFile(path);
        QVERIFY(!result);
        const QString error = result.error().message();
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(u'\n') && error.size() < 200, qPrintable(error));
        QVERIFY2(error.contains(u"not a text file"_s), qPrintable(error));
    }

    void readsTextAndCsvFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString text = dir.filePath(u"ids.txt"_s);
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("10,11\n12-14\n\n15\n");
        file.close();
        Expected<TaskIdParser::Result> read = TaskIdParser::parseFile(text);
        SMH_VERIFY(read);
        TaskIdParser::Result result = *read;
        QCOMPARE(result.ids, (QList<qint64> {10, 11, 12, 13, 14, 15}));

        const QString csv = dir.filePath(u"export.csv"_s);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::WriteOnly));
        csvFile.write("taskId,state,path\n\"20\",running,\"a,b\"\n21,failed,x\n");
        csvFile.close();
        read = TaskIdParser::parseFile(csv);
        SMH_VERIFY(read);
        result = *read;
        QVERIFY2(result.ok(), qPrintable(result.invalid.join(u"; "_s)));
        QCOMPARE(result.ids, (QList<qint64> {20, 21}));

        // A problem names the file's line, the skipped header counted.
        QVERIFY(csvFile.open(QIODevice::WriteOnly));
        csvFile.write("taskId,state\n20,running\nabc,failed\n");
        csvFile.close();
        read = TaskIdParser::parseFile(csv);
        SMH_VERIFY(read);
        result = *read;
        QCOMPARE(result.invalid.size(), 1);
        QVERIFY2(result.invalid.constFirst().startsWith(u"line 3:"_s),
            qPrintable(result.invalid.constFirst()));

        read = TaskIdParser::parseFile(dir.filePath(u"missing.txt"_s));
        QVERIFY(!read);
        QVERIFY(!read.error().message().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTaskIdParser)
#include "tst_taskidparser.moc"
