#include "i18ncheck.h"
#include "translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

struct Entry
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // "unfinished", "vanished", "obsolete" or empty
    QStringList translations; // one per numerus form
    qint64 line = 0;

    QString where() const
    {
        return u"line %1 [%2] \"%3\""_s.arg(line).arg(context, source.left(60));
    }
};

QList<Entry> readTs(const QString &path, QString *language, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Entry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == "TS"_L1) {
            *language = xml.attributes().value("language"_L1).toString();
        } else if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "message"_L1) {
            if (entry.line != 0)
                entries.append(entry);
            entry = Entry();
            entry.context = context;
            entry.numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
            entry.line = xml.lineNumber();
        } else if (name == "source"_L1) {
            entry.source = xml.readElementText();
        } else if (name == "comment"_L1) {
            entry.comment = xml.readElementText();
        } else if (name == "translation"_L1) {
            entry.type = xml.attributes().value("type"_L1).toString();
            if (!entry.numerus)
                entry.translations << xml.readElementText();
        } else if (name == "numerusform"_L1) {
            entry.translations << xml.readElementText();
        }
    }
    if (entry.line != 0)
        entries.append(entry);
    if (xml.hasError())
        *error = u"%1 at line %2"_s.arg(xml.errorString()).arg(xml.lineNumber());
    return entries;
}

// %1..%9, %L1..%L9, %n and %Ln: what arg() and tr(..., n) fill in.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(u"%L?[1-9n]"_s);
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    found.removeDuplicates();
    return found;
}

// Accelerators (&F); "&&" is a literal ampersand.
int acceleratorCount(const QString &text)
{
    static const QRegularExpression re(u"&(?!&)\\w"_s);
    QString plain = text;
    plain.replace(u"&&"_s, QString());
    return int(plain.count(re));
}

QStringList htmlTags(const QString &text)
{
    // Only real markup: "<library ID>" in a URL template is prose.
    static const QRegularExpression re(
        u"</?(?:a|b|i|u|p|br|em|strong|code|tt|pre|small|big|span|div|ul|ol|li|table|tr|td|th|h[1-6])\\b"_s);
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    return found;
}

// A source needs a Chinese translation unless it is made only of
// placeholders, file-name patterns, symbols and identifiers kept as they are.
bool needsWords(const QString &source)
{
    static const QRegularExpression noise(u"%L?[1-9n]|<[^>]*>|\\(\\*\\.[^)]*\\)|&"_s);
    static const QRegularExpression word(u"[A-Za-z]{2,}"_s);
    QString rest = source;
    rest.remove(noise);
    for (auto it = word.globalMatch(rest); it.hasNext();) {
        const QString w = it.next().captured();
        if (!I18nCheck::keptWords().contains(w, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private:
    QList<Entry> m_entries;

private Q_SLOTS:
    void initTestCase()
    {
        QString language;
        QString error;
        m_entries = readTs(QStringLiteral(SMH_TS_FILE), &language, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(language, u"zh_CN"_s);
        // The catalogue covers the whole UI, not a handful of strings.
        QVERIFY2(m_entries.size() > 300, qPrintable(QString::number(m_entries.size())));
    }

    void everyEntryIsTranslated()
    {
        QStringList problems;
        for (const Entry &e : std::as_const(m_entries)) {
            if (!e.type.isEmpty())
                problems << e.where() + u": marked "_s + e.type;
            if (e.translations.isEmpty())
                problems << e.where() + u": no translation"_s;
            if (e.numerus && e.translations.size() != 1)
                problems << e.where()
                        + u": Chinese has one plural form, found %1"_s.arg(e.translations.size());
            for (const QString &t : e.translations) {
                if (t.trimmed().isEmpty())
                    problems << e.where() + u": empty translation"_s;
                else if (needsWords(e.source) && !I18nCheck::hasCjk(t))
                    problems << e.where() + u": not Chinese: \""_s + t + u'"';
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    void placeholdersMatchTheSource()
    {
        QStringList problems;
        for (const Entry &e : std::as_const(m_entries)) {
            const QStringList expected = placeholders(e.source);
            for (const QString &t : e.translations) {
                const QStringList got = placeholders(t);
                if (got != expected)
                    problems << e.where()
                            + u": placeholders %1 in the source, %2 in \"%3\""_s.arg(
                                expected.join(u','), got.join(u','), t);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    void acceleratorsAndMarkupAreKept()
    {
        QStringList problems;
        for (const Entry &e : std::as_const(m_entries)) {
            for (const QString &t : e.translations) {
                if (acceleratorCount(t) != acceleratorCount(e.source))
                    problems << e.where() + u": accelerator lost or doubled in \""_s + t + u'"';
                if (htmlTags(t) != htmlTags(e.source))
                    problems << e.where() + u": HTML tags differ in \""_s + t + u'"';
                if (e.source.endsWith(u'…') != t.endsWith(u'…'))
                    problems << e.where() + u": ellipsis differs in \""_s + t + u'"';
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    // Before anything is installed, and for a language we do not ship, the
    // English source texts are shown.
    void unknownLanguageStaysEnglish()
    {
        Translations::install(u"sw_KE"_s);
        QCOMPARE(QCoreApplication::translate("TaskState", "Running"), u"Running"_s);
        // English has no words to translate but plurals to choose.
        QCOMPARE(QCoreApplication::translate("MainWindow", "%Ln task(s)", nullptr, 1), u"1 task"_s);
        QCOMPARE(
            QCoreApplication::translate("MainWindow", "%Ln task(s)", nullptr, 26), u"26 tasks"_s);
    }

    void compiledTranslationIsInTheResource()
    {
        // qt_add_resources on a static library only links through the
        // target: a consumer that loses it would silently stay English.
        QVERIFY(QFile::exists(u":/i18n/smh-task-monitor_zh_CN.qm"_s));
        QVERIFY(Translations::available().contains(u"zh_CN"_s));
    }

    void installLoadsChinese()
    {
        const QLocale locale = Translations::install(u"zh_CN"_s);
        QCOMPARE(locale.name(), u"zh_CN"_s);
        QCOMPARE(QLocale().name(), u"zh_CN"_s);

        const QString running = QCoreApplication::translate("TaskState", "Running");
        QVERIFY2(I18nCheck::isChinese(running), qPrintable(running));
        QCOMPARE(running, u"执行中"_s);
        QCOMPARE(QCoreApplication::translate("main", "SMH Task Monitor"), u"SMH 任务监控"_s);
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"文件(&F)"_s);
        QCOMPARE(QCoreApplication::translate("TaskTableModel", "%n s", nullptr, 7), u"7 秒"_s);
    }

    void qtOwnStringsAreChinese()
    {
        // What QDialogButtonBox and QMessageBox show on their standard buttons.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"取消"_s);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "OK"), u"确定"_s);
    }

    // The .qm compiled into the binary says what the .ts says, entry by
    // entry: a stale or partial .qm fails here.
    void compiledCatalogueMatchesTheTsFile()
    {
        QStringList problems;
        for (const Entry &e : std::as_const(m_entries)) {
            if (e.translations.isEmpty())
                continue;
            const QByteArray context = e.context.toUtf8();
            const QByteArray source = e.source.toUtf8();
            const QByteArray comment = e.comment.toUtf8();
            const char *disambiguation = e.comment.isEmpty() ? nullptr : comment.constData();
            const int n = e.numerus ? 5 : -1;
            QString expected = e.translations.constFirst();
            if (e.numerus)
                expected.replace(u"%Ln"_s, QLocale().toString(n)).replace(u"%n"_s, u"5"_s);
            const QString got = QCoreApplication::translate(
                context.constData(), source.constData(), disambiguation, n);
            if (got != expected)
                problems << e.where() + u": runtime gives \""_s + got + u'"';
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
