#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/statestyle.h"
#include "ui/styledtaskmodel.h"
#include "ui/theme.h"
#include "verifyexpected.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// State colours and icons: distinct per state, readable on both palettes,
// following a live palette change, and announced by the styled model with
// the colour roles only.
class TestStateStyle final : public QObject
{
    Q_OBJECT

private:
    static QList<TaskState> allStates()
    {
        QList<TaskState> states;
        for (int i = 0; i < TaskStates::count; ++i)
            states << TaskState(i);
        return states;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<int>>(); }

    void cleanup() { QApplication::setPalette(Theme::lightPalette()); }

    void paletteVariants_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<StateStyle::Variant>("variant");
        QTest::newRow("light") << Theme::lightPalette() << StateStyle::Variant::Light;
        QTest::newRow("dark") << Theme::darkPalette() << StateStyle::Variant::Dark;
        QPalette grey = Theme::lightPalette();
        grey.setColor(QPalette::Base, QColor(0x80, 0x80, 0x80));
        QTest::newRow("mid-grey base") << grey << StateStyle::Variant::Light;
    }

    void paletteVariants()
    {
        QFETCH(QPalette, palette);
        QFETCH(StateStyle::Variant, variant);
        StateStyle style(nullptr, false);
        style.setPalette(palette);
        QCOMPARE(style.variant(), variant);
        const QColor base = palette.color(QPalette::Active, QPalette::Base);
        QSet<QRgb> seen;
        const QList<TaskState> states = allStates();
        for (TaskState state : states) {
            const QColor colour = style.foreground(state);
            QVERIFY2(colour.isValid(), qPrintable(TaskStates::key(state)));
            QVERIFY2(!seen.contains(colour.rgb()),
                qPrintable(u"colour of %1 repeats"_s.arg(TaskStates::key(state))));
            seen.insert(colour.rgb());
            const double againstBase = StateStyle::contrast(colour, base);
            QVERIFY2(againstBase >= StateStyle::minimumContrast,
                qPrintable(u"%1: contrast %2"_s.arg(TaskStates::key(state)).arg(againstBase)));
            // The tinted cell keeps the text readable too.
            QVERIFY2(StateStyle::contrast(colour, style.background(state)) >= 3.0,
                qPrintable(TaskStates::key(state)));
            QVERIFY(style.background(state) != base);
            const QIcon icon = style.icon(state);
            QVERIFY(!icon.isNull());
            QVERIFY(!icon.pixmap(16, 16).isNull());
            QVERIFY(!icon.pixmap(32, 32).isNull());
        }
        QVERIFY(StateStyle::contrast(style.troubleColor(), base) >= StateStyle::minimumContrast);
        QVERIFY(!style.troubleIcon(StateStyle::Trouble::Auth).isNull());
        QVERIFY(!style.troubleIcon(StateStyle::Trouble::Network).isNull());
        QVERIFY(style.troubleIcon(StateStyle::Trouble::None).isNull());
        QVERIFY(!style.healthyIcon().isNull());
        QVERIFY(!style.pausedIcon().isNull());
    }

    void iconsStayVisibleWhenSelected_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << Theme::lightPalette();
        QTest::newRow("dark") << Theme::darkPalette();
    }

    void iconsStayVisibleWhenSelected()
    {
        QFETCH(QPalette, palette);
        StateStyle style(nullptr, false);
        style.setPalette(palette);
        const QColor highlight = palette.color(QPalette::Active, QPalette::Highlight);
        for (TaskState state : allStates()) {
            // The icon as a selected row shows it, over the selection colour.
            QImage image(16, 16, QImage::Format_ARGB32_Premultiplied);
            image.fill(highlight);
            QPainter painter(&image);
            painter.drawPixmap(0, 0, style.icon(state).pixmap(16, 16, QIcon::Selected));
            painter.end();
            double best = 1.0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x)
                    best = std::max(best, StateStyle::contrast(image.pixelColor(x, y), highlight));
            }
            QVERIFY2(
                best >= 3.0, qPrintable(TaskStates::key(state) + u": "_s + QString::number(best)));
        }
    }

    void iconsDifferInShapeNotOnlyColour()
    {
        // Colour-blind users tell states apart by the icon's shape: compare
        // the alpha masks, which ignore colour.
        StateStyle style(nullptr, false);
        style.setPalette(Theme::lightPalette());
        const QList<TaskState> states = allStates();
        QList<QImage> masks;
        for (TaskState state : states)
            masks << style.icon(state).pixmap(32, 32).toImage().createAlphaMask();
        for (qsizetype i = 0; i < masks.size(); ++i) {
            for (qsizetype j = i + 1; j < masks.size(); ++j)
                QVERIFY2(masks.at(i) != masks.at(j),
                    qPrintable(
                        TaskStates::key(states.at(i)) + u" vs "_s + TaskStates::key(states.at(j))));
        }
    }

    void lightAndDarkDiffer()
    {
        StateStyle light(nullptr, false);
        light.setPalette(Theme::lightPalette());
        StateStyle dark(nullptr, false);
        dark.setPalette(Theme::darkPalette());
        const QList<TaskState> states = allStates();
        for (TaskState state : states) {
            QVERIFY(light.foreground(state) != dark.foreground(state));
            // Dark text on light, light text on dark.
            QVERIFY(light.foreground(state).lightness() < dark.foreground(state).lightness());
        }
        QCOMPARE(StateStyle::foregroundFor(TaskState::Failed, Theme::darkPalette()),
            dark.foreground(TaskState::Failed));
    }

    void followsTheApplicationPalette()
    {
        QApplication::setPalette(Theme::lightPalette());
        StateStyle style;
        QCOMPARE(style.variant(), StateStyle::Variant::Light);
        const QColor lightRunning = style.foreground(TaskState::Running);
        QSignalSpy changed(&style, &StateStyle::changed);
        QApplication::setPalette(Theme::darkPalette());
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(style.variant(), StateStyle::Variant::Dark);
        QVERIFY(style.foreground(TaskState::Running) != lightRunning);
        // The same palette again is no change.
        QApplication::setPalette(Theme::darkPalette());
        QCoreApplication::processEvents();
        QCOMPARE(changed.count(), 1);
        QApplication::setPalette(Theme::lightPalette());
        QTRY_COMPARE(changed.count(), 2);
        QCOMPARE(style.foreground(TaskState::Running), lightRunning);
    }

    void styledModelAnnouncesOnlyColourRoles()
    {
        TaskStore store;
        SMH_VERIFY(store.open(u":memory:"_s));
        Connection connection;
        connection.settings.endpoint = QUrl(u"https://api.tencentsmh.cn"_s);
        connection.settings.libraryId = u"lib"_s;
        const qint64 id = store.addConnection(connection).value();
        TaskTableModel model(&store);
        StateStyle style(nullptr, false);
        style.setPalette(Theme::lightPalette());
        StyledTaskModel styled(&style);
        styled.setSourceModel(&model);
        QAbstractItemModelTester tester(
            &styled, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        store.addTasks(id, {1, 2, 3}, {}, now);
        store.applyObservations({{{id, 2}, TaskState::Failed, 500, std::nullopt, now}});

        const QModelIndex failed = styled.index(1, TaskTableModel::StateColumn);
        QCOMPARE(
            failed.data(Qt::ForegroundRole).value<QColor>(), style.foreground(TaskState::Failed));
        QCOMPARE(
            failed.data(Qt::BackgroundRole).value<QColor>(), style.background(TaskState::Failed));
        QVERIFY(!failed.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(failed.data().toString(), TaskStates::label(TaskState::Failed));
        // Other columns keep the view's own colours.
        QVERIFY(!styled.index(1, TaskTableModel::PathColumn).data(Qt::ForegroundRole).isValid());

        QSignalSpy changed(&styled, &QAbstractItemModel::dataChanged);
        QSignalSpy layout(&styled, &QAbstractItemModel::layoutChanged);
        style.setPalette(Theme::darkPalette());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(layout.count(), 0);
        const QList<int> roles = changed.at(0).at(2).value<QList<int>>();
        QCOMPARE(QSet<int>(roles.cbegin(), roles.cend()),
            (QSet<int> {Qt::DecorationRole, Qt::ForegroundRole, Qt::BackgroundRole}));
        QCOMPARE(
            failed.data(Qt::ForegroundRole).value<QColor>(), style.foreground(TaskState::Failed));

        // A state change in the source also announces the colour roles.
        changed.clear();
        store.applyObservations({{{id, 3}, TaskState::Running, 202, std::nullopt, now}});
        bool colourAnnounced = false;
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            const QList<int> r = signal.at(2).value<QList<int>>();
            if (r.contains(Qt::ForegroundRole) && signal.at(0).value<QModelIndex>().row() <= 2
                && signal.at(1).value<QModelIndex>().row() >= 2)
                colourAnnounced = true;
        }
        QVERIFY(colourAnnounced);
    }

    void connectionTroubleShowsOnItsRows()
    {
        TaskStore store;
        SMH_VERIFY(store.open(u":memory:"_s));
        Connection a;
        a.settings.endpoint = QUrl(u"https://api.tencentsmh.cn"_s);
        a.settings.libraryId = u"a"_s;
        Connection b = a;
        b.settings.libraryId = u"b"_s;
        const qint64 idA = store.addConnection(a).value();
        const qint64 idB = store.addConnection(b).value();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        store.addTasks(idA, {1}, {}, now);
        store.addTasks(idB, {2}, {}, now);
        store.addTasks(idA, {3}, {}, now);
        TaskTableModel model(&store);
        StateStyle style(nullptr, false);
        StyledTaskModel styled(&style);
        styled.setSourceModel(&model);
        QAbstractItemModelTester tester(
            &styled, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QSignalSpy changed(&styled, &QAbstractItemModel::dataChanged);
        styled.setConnectionTrouble(idA, StateStyle::Trouble::Auth, u"token refused"_s);
        QCOMPARE(changed.count(), 2); // rows 0 and 2, not adjacent
        QCOMPARE(styled.connectionTrouble(idA), StateStyle::Trouble::Auth);
        const QModelIndex rowA = styled.index(0, TaskTableModel::ConnectionColumn);
        const QModelIndex rowB = styled.index(1, TaskTableModel::ConnectionColumn);
        QVERIFY(!rowA.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(rowA.data(Qt::ToolTipRole).toString(), u"token refused"_s);
        QCOMPARE(rowA.data(Qt::ForegroundRole).value<QColor>(), style.troubleColor());
        QVERIFY(styled.index(0, TaskTableModel::StateColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"token refused"_s));
        QVERIFY(rowB.data(Qt::DecorationRole).isNull());

        // Telling it again changes nothing; clearing restores the rows.
        styled.setConnectionTrouble(idA, StateStyle::Trouble::Auth, u"token refused"_s);
        QCOMPARE(changed.count(), 2);
        styled.setConnectionTrouble(idA, StateStyle::Trouble::None, {});
        QCOMPARE(changed.count(), 4);
        QVERIFY(rowA.data(Qt::DecorationRole).isNull());
    }
};

QTEST_MAIN(TestStateStyle)
#include "tst_statestyle.moc"
