#pragma once

#include <QJsonValue>

#include <optional>

// A count or a size as SMH sends it: a decimal string (byte counts, which
// outgrow a double's exact range) or a number. Anything else (negative,
// fractional, too long, another type) is no count.
namespace JsonCount {
std::optional<qint64> read(const QJsonValue &value);
} // namespace JsonCount
