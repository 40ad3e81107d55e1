#include "demowindow.h"
#include "i18ncheck.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "translations.h"
#include "ui/addtasksdialog.h"
#include "ui/connectiondialog.h"
#include "ui/mainwindow.h"
#include "ui/taskfiltermodel.h"
#include "ui/tasktableview.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace {

QString describe(const QString &what, const QString &text)
{
    return u"%1: \"%2\" (English: %3)"_s.arg(what, text, I18nCheck::englishWords(text).join(u' '));
}

// Every entry of `menu` and of its submenus, filled as if the user opened
// them (some are built on aboutToShow).
void collectMenuProblems(QMenu *menu, const QString &path, QStringList *problems)
{
    Q_EMIT menu->aboutToShow();
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->isSeparator() || action->text().isEmpty())
            continue;
        const QString where = path + u" ▸ "_s + action->text();
        if (!I18nCheck::isChinese(action->text()))
            problems->append(describe(where, action->text()));
        if (action->menu())
            collectMenuProblems(action->menu(), where, problems);
    }
    Q_EMIT menu->aboutToHide();
}

// What a dialog shows of its own: titles, labels, buttons, placeholders and
// choices. Values (names, IDs, URLs) are data and may be Latin.
QStringList dialogProblems(QDialog *dialog)
{
    QStringList problems;
    if (!I18nCheck::isChinese(dialog->windowTitle()))
        problems << describe(u"title"_s, dialog->windowTitle());
    const QList<QLabel *> labels = dialog->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->isVisible() && !label->text().isEmpty() && !I18nCheck::isChinese(label->text()))
            problems << describe(u"label"_s, label->text());
    }
    const QList<QAbstractButton *> buttons = dialog->findChildren<QAbstractButton *>();
    for (const QAbstractButton *button : buttons) {
        if (button->isVisible() && !button->text().isEmpty()
            && !I18nCheck::isChinese(button->text()))
            problems << describe(u"button"_s, button->text());
    }
    const QList<QLineEdit *> edits = dialog->findChildren<QLineEdit *>();
    for (const QLineEdit *edit : edits) {
        const QString hint = edit->placeholderText();
        if (edit->isVisible() && !hint.isEmpty() && !hint.contains(u"://"_s)
            && !I18nCheck::hasCjk(hint))
            problems << describe(u"placeholder"_s, hint);
    }
    const QList<QComboBox *> combos = dialog->findChildren<QComboBox *>();
    for (const QComboBox *combo : combos) {
        if (!combo->isEditable() && combo->isVisible()) {
            for (int i = 0; i < combo->count(); ++i) {
                if (!I18nCheck::hasCjk(combo->itemText(i)))
                    problems << describe(u"choice"_s, combo->itemText(i));
            }
        }
    }
    return problems;
}

} // namespace

// The real monitor window, demo mode, with the zh_CN translation installed
// the way --lang zh_CN installs it.
class TestChineseUi final : public QObject
{
    Q_OBJECT

private:
    DemoWindow m_demo;
    MainWindow *m_window = nullptr;
    Monitor *m_monitor = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(u"smh-task-monitor-i18n-test"_s);
        QApplication::setQuitOnLastWindowClosed(false);
        QSettings settings(u"smh-task-monitor-i18n-test"_s, u"smh-task-monitor-i18n-test"_s);
        QVERIFY(settings.fileName().contains(u".qttest"_s));
        settings.clear();

        QCOMPARE(Translations::install(u"zh_CN"_s).name(), u"zh_CN"_s);
        // As the GUI startup does.
        QApplication::setApplicationDisplayName(
            QCoreApplication::translate("main", "SMH Task Monitor"));

        const Expected<void> started = m_demo.start({});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message()));
        m_window = m_demo.window();
        m_monitor = m_demo.monitor();
        QTRY_VERIFY(m_demo.filterModel()->rowCount() > 0);
    }

    void cleanupTestCase() { m_demo.stop(); }

    void windowTitleIsChinese()
    {
        const QString title = m_window->windowTitle();
        QVERIFY2(I18nCheck::isChinese(title), qPrintable(describe(u"title"_s, title)));
        QCOMPARE(title, u"演示：内置 SMH 模拟器"_s);
        const QString app = QGuiApplication::applicationDisplayName();
        QVERIFY2(I18nCheck::isChinese(app), qPrintable(describe(u"application"_s, app)));
    }

    void menuTitlesAreChinese()
    {
        const QList<QAction *> menus = m_window->menuBar()->actions();
        QVERIFY(menus.size() >= 5);
        QStringList problems;
        for (QAction *action : menus) {
            QVERIFY(action->menu());
            const QString title = action->menu()->title();
            QVERIFY(!title.isEmpty());
            if (!I18nCheck::isChinese(title))
                problems << describe(u"menu"_s, title);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
        QCOMPARE(menus.constFirst()->menu()->title(), u"文件(&F)"_s);
    }

    void menuEntriesAreChinese()
    {
        QStringList problems;
        const QList<QAction *> menus = m_window->menuBar()->actions();
        for (QAction *action : menus)
            collectMenuProblems(action->menu(), action->menu()->title(), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    void toolBarAndDocksAreChinese()
    {
        QStringList problems;
        const QList<QToolBar *> bars = m_window->findChildren<QToolBar *>();
        QVERIFY(!bars.isEmpty());
        for (QToolBar *bar : bars) {
            if (!I18nCheck::isChinese(bar->windowTitle()))
                problems << describe(u"toolbar"_s, bar->windowTitle());
            const QList<QAction *> actions = bar->actions();
            for (QAction *action : actions) {
                if (action->isSeparator() || action->text().isEmpty())
                    continue;
                if (!I18nCheck::isChinese(action->text()))
                    problems << describe(u"toolbar button"_s, action->text());
                if (!action->toolTip().isEmpty() && !I18nCheck::isChinese(action->toolTip()))
                    problems << describe(u"toolbar tooltip"_s, action->toolTip());
            }
        }
        const QList<QDockWidget *> docks = m_window->findChildren<QDockWidget *>();
        QVERIFY(docks.size() >= 2);
        for (QDockWidget *dock : docks) {
            if (!I18nCheck::isChinese(dock->windowTitle()))
                problems << describe(u"dock"_s, dock->windowTitle());
        }
        const QString filter = m_window->findChild<QLineEdit *>(u"filterEdit"_s)->placeholderText();
        if (!I18nCheck::hasCjk(filter))
            problems << describe(u"filter placeholder"_s, filter);
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    void tableHeadersAreChinese()
    {
        const QAbstractItemModel *model = m_demo.view()->model();
        QVERIFY(model->columnCount() >= 8);
        QStringList problems;
        for (int column = 0; column < model->columnCount(); ++column) {
            const QString label = model->headerData(column, Qt::Horizontal).toString();
            if (!I18nCheck::isChinese(label))
                problems << describe(u"column %1"_s.arg(column), label);
            const QString tip =
                model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
            if (!tip.isEmpty() && !I18nCheck::hasCjk(tip))
                problems << describe(u"column %1 tooltip"_s.arg(column), tip);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
        const QStringList expected {u"任务 ID"_s, u"状态"_s};
        QStringList firstTwo;
        for (int column = 0; column < 2; ++column)
            firstTwo << model->headerData(column, Qt::Horizontal).toString();
        for (const QString &label : expected)
            QVERIFY2(firstTwo.contains(label) || model->headerData(2, Qt::Horizontal) == label,
                qPrintable(firstTwo.join(u", "_s)));
    }

    void taskStatesShowInChinese()
    {
        const QAbstractItemModel *model = m_demo.view()->model();
        int stateColumn = -1;
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->headerData(column, Qt::Horizontal).toString() == u"状态"_s)
                stateColumn = column;
        }
        QVERIFY(stateColumn >= 0);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString state = model->index(row, stateColumn).data().toString();
            QVERIFY2(I18nCheck::isChinese(state), qPrintable(describe(u"state"_s, state)));
        }
    }

    void dialogsAreChinese()
    {
        const QList<Connection> connections = m_monitor->tasks().connections();
        QVERIFY(!connections.isEmpty());
        QStringList problems;
        {
            AddTasksDialog dialog(connections, m_window);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            problems << dialogProblems(&dialog);
        }
        {
            ConnectionDialog dialog(m_monitor, connections, m_window);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            problems << dialogProblems(&dialog);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    void qtStandardButtonsAreChinese()
    {
        QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Ok)->text(), u"确定"_s);
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), u"取消"_s);
    }
};

QTEST_MAIN(TestChineseUi)
#include "tst_chineseui.moc"
