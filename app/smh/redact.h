#pragma once

#include <QString>
#include <QUrl>

// Access tokens and library secrets travel in query strings. Anything that may
// reach a person (logs, error text, exports, the window) goes through here.
namespace Redact {

inline constexpr QStringView placeholder = u"REDACTED";

// The URL as text with the values of sensitive query items replaced.
QString url(const QUrl &url);

// Free text (an error string from Qt that may quote a URL, say) with every
// `access_token=...`, `library_secret=...` value and every registered secret replaced.
QString text(const QString &text);

// Secrets that are not in a query string (a token inside a URL path, as in the
// renew endpoint) are registered once known, so that text() can find them.
void registerSecret(const QString &secret);
void forgetSecret(const QString &secret);

bool isSensitiveQueryKey(QStringView key);

// Server text made safe to show on one line, in a terminal or a cell:
// control characters, line separators and invisible format characters,
// bidi overrides and isolates included (U+202E would reorder the text
// around it), become visible escapes such as \t, \n or \u202e. Zero-width
// (non-)joiners stay: Persian, Indic scripts and emoji need them. Text that
// needs nothing comes back as it is, without a copy.
QString visible(const QString &text);

} // namespace Redact
