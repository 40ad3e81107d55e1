#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/tasktableview.h"
#include "ui/uisettings.h"
#include "verifyexpected.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Settings come back typed and checked: wrong values give defaults, and a
// header state that does not fit the table is refused.
class TestUiSettings final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<QSettings> settingsFile()
    {
        return std::make_unique<QSettings>(m_dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    }

private Q_SLOTS:
    void theDefaultFileIsPrivate()
    {
        // Window layout and filters say which libraries and paths a user works on.
        QTemporaryDir config;
        QVERIFY(config.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
        const QString organization = QCoreApplication::organizationName();
        QCoreApplication::setOrganizationName(u"private-settings-test"_s);
        QString fileName;
        {
            UiSettings settings;
            settings.setThemeMode(UiSettings::ThemeMode::Dark);
            fileName = QSettings().fileName();
        }
        QCoreApplication::setOrganizationName(organization);
        QVERIFY2(fileName.startsWith(config.path()), qPrintable(fileName));
        QVERIFY(QFile::exists(fileName));
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(QFile::permissions(fileName) & others, QFileDevice::Permissions());
        QCOMPARE(QFile::permissions(QFileInfo(fileName).absolutePath()) & others,
            QFileDevice::Permissions());
    }

    void roundTrip()
    {
        auto file = settingsFile();
        {
            UiSettings settings(file.get());
            settings.setNotificationMode(UiSettings::NotificationMode::FailuresOnly);
            settings.setThemeMode(UiSettings::ThemeMode::Dark);
            settings.setFilter({u"archive"_s, {TaskState::Failed, TaskState::Unknown}, 4});
            settings.setHeaderState(QByteArray("header"));
            settings.sync();
        }
        UiSettings again(file.get());
        QCOMPARE(again.notificationMode(), UiSettings::NotificationMode::FailuresOnly);
        QCOMPARE(again.themeMode(), UiSettings::ThemeMode::Dark);
        const UiSettings::Filter filter = again.filter();
        QCOMPARE(filter.text, u"archive"_s);
        QCOMPARE(filter.states, (QSet<TaskState> {TaskState::Failed, TaskState::Unknown}));
        QCOMPARE(filter.connectionId, 4);
        QCOMPARE(again.headerState(), QByteArray("header"));
        // Names, not numbers, in the file: readable and stable.
        QCOMPARE(file->value(u"notifications/mode"_s).toString(), u"failures"_s);
        QCOMPARE(file->value(u"filter/states"_s).toStringList(),
            (QStringList {u"failed"_s, u"unknown"_s}));
    }

    void wrongValuesGiveDefaults()
    {
        auto file = settingsFile();
        file->setValue(u"notifications/mode"_s, u"loud"_s);
        file->setValue(u"appearance/theme"_s, 3);
        file->setValue(u"filter/states"_s, QStringList {u"failed"_s, u"exploded"_s});
        file->setValue(u"filter/connection"_s, u"-5"_s);
        file->setValue(u"window/geometry"_s, u"not bytes"_s);
        file->setValue(u"window/taskHeader"_s, QByteArray(100 * 1024, 'x'));
        UiSettings settings(file.get());
        QCOMPARE(settings.notificationMode(), UiSettings::NotificationMode::All);
        QCOMPARE(settings.themeMode(), UiSettings::ThemeMode::System);
        QCOMPARE(settings.filter().states, QSet<TaskState> {TaskState::Failed});
        QCOMPARE(settings.filter().connectionId, 0);
        QVERIFY(settings.windowGeometry().isEmpty());
        QVERIFY(settings.headerState().isEmpty());
    }

    void headerStateIsValidatedOnRestore()
    {
        TaskStore store;
        SMH_VERIFY(store.open(u":memory:"_s));
        TaskTableModel model(&store);
        TaskTableView view;
        view.setModel(&model);
        QHeaderView *header = view.horizontalHeader();
        QVERIFY(header->isSectionHidden(
            TaskTableModel::SourceInodeColumn)); // in the details pane instead
        QVERIFY(!header->isSectionHidden(TaskTableModel::StateColumn));

        header->setSectionHidden(TaskTableModel::NoteColumn, true);
        header->moveSection(header->visualIndex(TaskTableModel::PathColumn), 0);
        const QByteArray saved = view.saveHeaderState();

        TaskTableView other;
        other.setModel(&model);
        QVERIFY(other.restoreHeaderState(saved));
        QVERIFY(other.horizontalHeader()->isSectionHidden(TaskTableModel::NoteColumn));
        QCOMPARE(other.horizontalHeader()->logicalIndex(0), int(TaskTableModel::PathColumn));

        TaskTableView fresh;
        fresh.setModel(&model);
        QVERIFY(!fresh.restoreHeaderState(QByteArray("garbage")));
        QVERIFY(!fresh.restoreHeaderState({}));
        QVERIFY(!fresh.horizontalHeader()->isSectionHidden(TaskTableModel::NoteColumn));
        QCOMPARE(fresh.horizontalHeader()->logicalIndex(0), int(TaskTableModel::TaskIdColumn));

        // A state that hides every column is refused too.
        for (int column = 0; column < TaskTableModel::ColumnCount; ++column)
            header->setSectionHidden(column, true);
        QVERIFY(!fresh.restoreHeaderState(view.saveHeaderState()));
        QVERIFY(!fresh.horizontalHeader()->isSectionHidden(TaskTableModel::TaskIdColumn));
    }
};

QTEST_MAIN(TestUiSettings)
#include "tst_uisettings.moc"
