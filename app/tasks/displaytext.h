#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

// How times and missing values read in every table and pane, so that one
// screen never shows "6:39 AM" beside "06:39:50", nor two kinds of dash.
namespace DisplayText {

// What a cell or field shows when it has no value.
QString noValue();

// The formats behind clock() and dateTime(), for what formats by itself (a
// chart's time axis). dateTimeFormat() without the year for this year's days.
QString clockFormat(const QLocale &locale = QLocale());
QString dateTimeFormat(bool withYear, const QLocale &locale = QLocale());

// A clock time with seconds, in the locale's own order, separators and
// 12- or 24-hour habit ("2:03:05 PM", "14:03:05"): the locale's long time
// format without its time zone.
QString clock(const QTime &time, const QLocale &locale = QLocale());

// The locale's short date and clock(): "12/3/26 2:03:05 PM", "03.12.26
// 14:03:05", "2026/12/3 14:03:05". Empty for an invalid time.
QString dateTime(const QDateTime &when, const QLocale &locale = QLocale());

// Where room is short (a timeline, a table cell drawn): today's as clock()
// alone, another day of this year with the short date less its year
// ("11/28 2:03:05 PM"), an earlier year's as dateTime().
QString compact(const QDateTime &when, const QDate &today = QDate::currentDate(),
    const QLocale &locale = QLocale());

// The date of compact() alone: the short date, less its year in `today`'s year.
QString shortDate(
    const QDate &day, const QDate &today = QDate::currentDate(), const QLocale &locale = QLocale());

} // namespace DisplayText
