#include "ui/elidedlabel.h"

#include <QApplication>
#include <QClipboard>
#include <QTest>

using namespace Qt::StringLiterals;

// A line of text short of room ends in "…" with the whole in its tooltip,
// never cut mid-word.
class TestElidedLabel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endsInAnEllipsisAndTellsTheRest()
    {
        ElidedLabel label;
        const QString text = u"Demo library: the server refused the credentials (HTTP 401)"_s;
        label.setText(text);
        label.show();
        label.resize(label.sizeHint());
        QCOMPARE(label.shownText(), text);
        QVERIFY(label.toolTip().isEmpty());

        label.resize(label.fontMetrics().horizontalAdvance(u"Demo library: the"_s), 20);
        QVERIFY(label.shownText().endsWith(u"…"_s));
        QVERIFY(text.startsWith(label.shownText().chopped(1)));
        QCOMPARE(label.toolTip(), text);
        // It lets the window be narrower than its text.
        QVERIFY(label.minimumSizeHint().width() < label.sizeHint().width() / 4);

        label.setDetails(u"first problem\nsecond problem"_s);
        QCOMPARE(label.toolTip(), u"first problem\nsecond problem"_s);
    }
};

QTEST_MAIN(TestElidedLabel)
#include "tst_elidedlabel.moc"
