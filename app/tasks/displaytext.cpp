#include "tasks/displaytext.h"

using namespace Qt::StringLiterals;

namespace {

// A short date format without its year and the separator that went with
// it ("M/d/yy" to "M/d", "dd.MM.yy" to "dd.MM", "yy. M. d." to "M. d.").
// A format with quoted text is left whole.
QString withoutYear(const QString &format)
{
    qsizetype start = format.indexOf(u'y');
    if (start < 0 || format.contains(u'\''))
        return format;
    qsizetype end = start;
    while (end < format.size() && format.at(end) == u'y')
        ++end;
    if (end == format.size()) {
        while (start > 0 && !format.at(start - 1).isLetter())
            --start;
    } else {
        while (end < format.size() && !format.at(end).isLetter())
            ++end;
    }
    return QString(format).remove(start, end - start).trimmed();
}

} // namespace

namespace DisplayText {

// The locale's long time format minus its time-zone fields ("t", "tt",
// "tttt") and the spaces or brackets around them; quoted text stays as is.
QString clockFormat(const QLocale &locale)
{
    const QString format = locale.timeFormat(QLocale::LongFormat);
    QString result;
    result.reserve(format.size());
    bool quoted = false;
    for (qsizetype i = 0; i < format.size(); ++i) {
        const QChar c = format.at(i);
        if (c == u'\'')
            quoted = !quoted;
        if (quoted || c != u't')
            result += c;
    }
    // What the zone leaves behind: doubled or trailing spaces, empty brackets.
    result.replace(u"()"_s, QString()).replace(u"[]"_s, QString());
    return result.simplified();
}

// The locale's short date and time with clockFormat() in the time's place,
// so the locale's own joiner between them (a space, a comma) stays.
QString dateTimeFormat(bool withYear, const QLocale &locale)
{
    QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    const QString shortDate = locale.dateFormat(QLocale::ShortFormat);
    const QString shortTime = locale.timeFormat(QLocale::ShortFormat);
    const QString date = withYear ? shortDate : withoutYear(shortDate);
    if (!shortDate.isEmpty() && !shortTime.isEmpty() && format.contains(shortDate)
        && format.contains(shortTime))
        return format.replace(shortTime, clockFormat(locale)).replace(shortDate, date);
    return date + u' ' + clockFormat(locale);
}

QString noValue()
{
    return u"—"_s;
}

QString clock(const QTime &time, const QLocale &locale)
{
    return time.isValid() ? locale.toString(time, clockFormat(locale)) : QString();
}

QString dateTime(const QDateTime &when, const QLocale &locale)
{
    return when.isValid() ? locale.toString(when.toLocalTime(), dateTimeFormat(true, locale))
                          : QString();
}

QString compact(const QDateTime &when, const QDate &today, const QLocale &locale)
{
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    if (local.date() == today)
        return clock(local.time(), locale);
    return locale.toString(local, dateTimeFormat(local.date().year() != today.year(), locale));
}

QString shortDate(const QDate &day, const QDate &today, const QLocale &locale)
{
    if (!day.isValid())
        return {};
    const QString format = locale.dateFormat(QLocale::ShortFormat);
    return locale.toString(day, day.year() == today.year() ? withoutYear(format) : format);
}

} // namespace DisplayText
