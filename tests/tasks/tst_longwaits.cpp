#include "demo/smhsimulator.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/monitoroptions.h"

#include <QCommandLineParser>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Long durations from options and token lifetimes: Qt 6.4's timers take an
// int of milliseconds, so anything near or past 2^31 ms is refused or capped.
// (The scheduler's long waits are in tst_pollscheduler, with a hand clock.)
class TestLongWaits final : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 twoTo31 = qint64(1) << 31;

private Q_SLOTS:
    // expiresIn: 5368710 s is 0.8 × 2^32 ms: renewal used to wrap to 0.7 s.
    void tokenRenewalIsCapped_data()
    {
        QTest::addColumn<qint64>("expiresIn");
        QTest::addColumn<qint64>("minimumMs");
        QTest::addColumn<qint64>("maximumMs");
        // The renewal timer is coarse: it may report up to 5 % more.
        const qint64 max = TokenProvider::maxRenewal.count();
        QTest::newRow("an hour") << qint64(3600) << qint64(2'870'000) << qint64(3'030'000);
        QTest::newRow("past 2^31 ms") << qint64(2684355) << max - 10'000 << max * 105 / 100;
        QTest::newRow("past 2^32 ms") << qint64(5368710) << max - 10'000 << max * 105 / 100;
        QTest::newRow("a second") << qint64(1) << qint64(400) << qint64(900);
    }

    void tokenRenewalIsCapped()
    {
        QFETCH(qint64, expiresIn);
        QFETCH(qint64, minimumMs);
        QFETCH(qint64, maximumMs);
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        simulator.setTokenLifetimeSeconds(expiresIn);
        SmhClient client;
        ConnectionSettings settings;
        settings.endpoint = simulator.baseUrl();
        settings.libraryId = simulator.libraryId();
        TokenProvider tokens(&client, settings);
        tokens.setLibrarySecret(simulator.librarySecret());
        QTRY_COMPARE(tokens.state(), TokenProvider::State::Ready);
        const auto *renewal = tokens.findChild<QTimer *>(u"renewal"_s);
        QVERIFY(renewal);
        QVERIFY(renewal->isActive());
        const qint64 remaining = renewal->remainingTime();
        QVERIFY2(remaining >= minimumMs && remaining <= maximumMs,
            qPrintable(QString::number(remaining)));
    }

    void durationOptionsAreRangeChecked_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("timeout past 2^32 ms") << u"timeout"_s << u"4294968"_s << false;
        QTest::newRow("timeout past 2^31 ms") << u"timeout"_s << u"2147484"_s << false;
        QTest::newRow("timeout a week") << u"timeout"_s << u"604800"_s << true;
        QTest::newRow("interval a day") << u"interval"_s << u"86400"_s << true;
        QTest::newRow("interval past a day") << u"interval"_s << u"86401"_s << false;
        QTest::newRow("interval infinite") << u"interval"_s << u"inf"_s << false;
        QTest::newRow("interval nan") << u"max-interval"_s << u"nan"_s << false;
        QTest::newRow("interval zero") << u"interval"_s << u"0.0001"_s << false;
    }

    void durationOptionsAreRangeChecked()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        QCommandLineParser parser;
        MonitorOptions::declare(parser);
        QVERIFY(parser.parse({u"smh-task-monitor"_s, u"watch"_s, u"--demo"_s, u"--%1"_s.arg(option),
            value, u"1"_s}));
        const Expected<MonitorOptions> options = MonitorOptions::fromParser(parser);
        QCOMPARE(options.hasValue(), accepted);
        if (!accepted) {
            const QString problem = options.error().message();
            QVERIFY2(problem.contains(option), qPrintable(problem));
            return;
        }
        const auto chosen = option == u"timeout" ? options->timeout
            : option == u"interval"              ? options->interval
                                                 : options->maxInterval;
        QVERIFY(chosen);
        QVERIFY(chosen->count() < twoTo31);
    }
};

QTEST_GUILESS_MAIN(TestLongWaits)
#include "tst_longwaits.moc"
