#include "smh/jsoncount.h"

#include <QString>

namespace JsonCount {

std::optional<qint64> read(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d >= 0 && d < 9.0e18 && d == double(qint64(d)))
            return qint64(d);
        return std::nullopt;
    }
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString().trimmed();
    if (text.isEmpty() || text.size() > 19)
        return std::nullopt;
    for (QChar c : text) {
        if (!c.isDigit() || c.unicode() > 0x7f)
            return std::nullopt;
    }
    bool ok = false;
    const qint64 count = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(count) : std::nullopt;
}

} // namespace JsonCount
