#include "ui/addtasksdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Typing, pasting, importing and dropping task IDs: what is read, what is
// refused, and that nothing can be added while anything is refused.
class TestAddTasksDialog final : public QObject
{
    Q_OBJECT

private:
    static QList<Connection> connections()
    {
        Connection a;
        a.id = 3;
        a.name = u"Archive"_s;
        a.settings.libraryId = u"archive"_s;
        Connection b;
        b.id = 8;
        b.settings.libraryId = u"media"_s;
        b.settings.spaceId = u"space2"_s;
        return {a, b};
    }

    static QString writeFile(
        const QTemporaryDir &dir, const QString &name, const QByteArray &content)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return path;
    }

private Q_SLOTS:
    // The counts say what Add would really add: IDs the chosen connection
    // already watches are counted apart, per connection.
    void countsLeaveOutWatchedIds()
    {
        AddTasksDialog dialog(connections());
        dialog.setWatchedLookup(
            [](qint64 connection, qint64 id) { return connection == 3 && (id == 11 || id == 12); });
        dialog.setConnection(3);
        dialog.setText(u"10, 11, 12"_s);
        QString summary = dialog.findChild<QLabel *>(u"summary"_s)->text();
        QVERIFY2(summary.startsWith(u"1 task"_s) && summary.contains(u"2 already watched"_s),
            qPrintable(summary));
        dialog.setConnection(8); // another library: nothing of it is watched
        summary = dialog.findChild<QLabel *>(u"summary"_s)->text();
        QVERIFY2(summary.startsWith(u"3 task"_s) && !summary.contains(u"already"_s),
            qPrintable(summary));
    }

    // One button takes out what is not an ID, the rest is kept.
    void dropInvalidEntriesKeepsTheRest()
    {
        AddTasksDialog dialog(connections());
        dialog.show();
        auto *drop = dialog.findChild<QPushButton *>(u"dropInvalidButton"_s);
        QVERIFY(drop);
        dialog.setText(u"10, abc\n20-22 x 99999999999999999999"_s);
        QVERIFY(!dialog.canAdd());
        QVERIFY(drop->isVisible());
        // Too large is said as such, with the line it is on.
        QVERIFY2(dialog.parseResult().invalid.join(u'\n').contains(
                     u"line 2: \"99999999999999999999\": too large"_s),
            qPrintable(dialog.parseResult().invalid.join(u'\n')));
        QTest::mouseClick(drop, Qt::LeftButton);
        QCOMPARE(dialog.text(), u"10\n20-22"_s);
        QVERIFY(dialog.canAdd());
        QVERIFY(!drop->isVisible());
        QCOMPARE(dialog.ids(), (QList<qint64> {10, 20, 21, 22}));
    }

    // The scope starts as the chosen connection's and can be changed per add.
    void scopeFollowsTheConnection()
    {
        QList<Connection> list = connections();
        list[1].settings.libraryLevel = true;
        AddTasksDialog dialog(list);
        auto *scope = dialog.findChild<QComboBox *>(u"scopeBox"_s);
        QVERIFY(scope);
        QVERIFY(!dialog.libraryLevel());
        dialog.setConnection(8);
        QVERIFY(dialog.libraryLevel());
        scope->setCurrentIndex(0);
        QVERIFY(!dialog.libraryLevel());
    }

    void typedIdsAreParsed()
    {
        AddTasksDialog dialog(connections());
        dialog.show();
        QVERIFY(!dialog.findChild<QPushButton *>(u"addButton"_s)->isEnabled()); // nothing typed yet
        QTest::keyClicks(dialog.findChild<QPlainTextEdit *>(u"taskIds"_s), u"10, 12 13"_s);
        QTest::keyClick(dialog.findChild<QPlainTextEdit *>(u"taskIds"_s), Qt::Key_Return);
        QTest::keyClicks(dialog.findChild<QPlainTextEdit *>(u"taskIds"_s), u"100-102;7"_s);
        QCOMPARE(dialog.ids(), (QList<qint64> {10, 12, 13, 100, 101, 102, 7}));
        QVERIFY(dialog.findChild<QPushButton *>(u"addButton"_s)->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(u"summary"_s)->text().contains(u"7"_s));
        QVERIFY(!dialog.findChild<QListWidget *>(u"problems"_s)->isVisible());

        QCOMPARE(dialog.findChild<QComboBox *>(u"connectionBox"_s)->count(), 2);
        QCOMPARE(dialog.findChild<QComboBox *>(u"connectionBox"_s)->itemText(1), u"media/space2"_s);
        dialog.setConnection(8);
        QCOMPARE(dialog.connectionId(), 8);

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"addButton"_s), Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    // From the ID box: Enter starts a line, Ctrl+Enter adds; Alt+A is the
    // Add button's mnemonic, not an "a" typed; rows copied from the table
    // give their IDs.
    void submittedFromTheKeyboard()
    {
        AddTasksDialog dialog(connections());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *ids = dialog.findChild<QPlainTextEdit *>(u"taskIds"_s);
        ids->setFocus();
        // Pasted: Tab would move the focus.
        ids->insertPlainText(u"1001\tSucceeded\t1 min 0 s\tnote"_s);
        QTest::keyClick(ids, Qt::Key_Return);
        QVERIFY(ids->toPlainText().endsWith(u'\n'));
        QCOMPARE(dialog.ids(), (QList<qint64> {1001}));
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.findChild<QPushButton *>(u"addButton"_s)->text().contains(u"&A"_s));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::keyClick(ids, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(accepted.count(), 1);
    }

    void duplicatesAreMerged()
    {
        AddTasksDialog dialog(connections());
        dialog.setText(u"5,5,6\n6 5 4-6"_s);
        QCOMPARE(dialog.ids(), (QList<qint64> {5, 6, 4}));
        QCOMPARE(dialog.parseResult().duplicates, 5);
        QVERIFY(
            dialog.findChild<QLabel *>(u"summary"_s)->text().contains(u"Duplicates merged: 5"_s));
        QVERIFY(dialog.canAdd());
    }

    void invalidTokensAreListedAndNothingIsAdded()
    {
        AddTasksDialog dialog(connections());
        dialog.show();
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.setText(u"10, abc, 12\n9-3 -4 1e3"_s);
        QCOMPARE(dialog.findChild<QListWidget *>(u"problems"_s)->count(), 4);
        QVERIFY(dialog.findChild<QListWidget *>(u"problems"_s)->isVisible());
        const QString problems = [&] {
            QStringList items;
            for (int i = 0; i < dialog.findChild<QListWidget *>(u"problems"_s)->count(); ++i)
                items << dialog.findChild<QListWidget *>(u"problems"_s)->item(i)->text();
            return items.join(u'\n');
        }();
        QVERIFY(problems.contains(u"\"abc\""_s));
        QVERIFY(problems.contains(u"\"9-3\""_s));
        QVERIFY(problems.contains(u"\"-4\""_s));
        QVERIFY(problems.contains(u"\"1e3\""_s));
        QVERIFY(!dialog.findChild<QPushButton *>(u"addButton"_s)->isEnabled());
        QVERIFY(!dialog.canAdd());

        // Neither the button, Enter nor accept() lets it through.
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"addButton"_s), Qt::LeftButton);
        QTest::keyClick(&dialog, Qt::Key_Return, Qt::ControlModifier);
        dialog.accept();
        QCOMPARE(accepted.count(), 0);
        QVERIFY(dialog.isVisible());

        // Fixing the text enables it again.
        dialog.setText(u"10, 12, 3-9, 4"_s);
        QCOMPARE(dialog.findChild<QListWidget *>(u"problems"_s)->count(), 0);
        QVERIFY(dialog.canAdd());
        QCOMPARE(dialog.ids().size(), 9); // 10, 12, 3..9 (the second 4 merged)
    }

    void withoutAConnectionNothingCanBeAdded()
    {
        AddTasksDialog dialog({});
        dialog.setText(u"1 2 3"_s);
        QVERIFY(!dialog.canAdd());
        QVERIFY(!dialog.findChild<QPushButton *>(u"addButton"_s)->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(u"summary"_s)->text().contains(u"connection"_s));
    }

    void importsTextAndCsvFiles()
    {
        QTemporaryDir dir;
        const QString text = writeFile(dir, u"ids.txt"_s, "1001\n1002, 1003\r\n1010-1012\n");
        const QString csv = writeFile(dir, u"tasks.csv"_s,
            "task_id,state,note\n\"2001\",running,\"a, b\"\n2002,failed,x\n\n2003,,\n");
        AddTasksDialog dialog(connections());
        QVERIFY(dialog.importFile(text));
        QCOMPARE(dialog.ids(), (QList<qint64> {1001, 1002, 1003, 1010, 1011, 1012}));
        QVERIFY(dialog.importFile(csv));
        QCOMPARE(dialog.ids().mid(6), (QList<qint64> {2001, 2002, 2003}));
        QVERIFY(dialog.canAdd());

        QVERIFY(!dialog.importFile(dir.filePath(u"missing.txt"_s)));
        QVERIFY(dialog.lastImportError().contains(u"missing.txt"_s));
        QCOMPARE(dialog.ids().size(), 9);

        // A file with a bad line: its text is shown and refused like typed text.
        const QString bad = writeFile(dir, u"bad.txt"_s, "3001\nthree-thousand-two\n");
        QVERIFY(dialog.importFile(bad));
        QCOMPARE(dialog.findChild<QListWidget *>(u"problems"_s)->count(), 1);
        QVERIFY(!dialog.canAdd());
    }

    void droppedFileIsImported()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"dropped.txt"_s, "42 43 44\n");
        AddTasksDialog dialog(connections());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        const QPoint at = dialog.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&dialog, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&dialog, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(dialog.ids(), (QList<qint64> {42, 43, 44}));

        // Dropped text is taken as IDs too.
        QMimeData text;
        text.setText(u"45,46"_s);
        QDragEnterEvent enterText(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&dialog, &enterText);
        QDropEvent dropText(QPointF(at), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&dialog, &dropText);
        QCOMPARE(dialog.ids(), (QList<qint64> {42, 43, 44, 45, 46}));
    }
};

QTEST_MAIN(TestAddTasksDialog)
#include "tst_addtasksdialog.moc"
