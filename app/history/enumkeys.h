#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <utility>

// The ledger keeps the wing's enums as short words ("cleared", "sending"), so
// that a row reads the same to any version that opens it. A table of pairs
// says each value's word once; these look it up both ways.
namespace EnumKeys {

template<typename Enum, size_t N>
using Table = std::array<std::pair<Enum, const char16_t *>, N>;

template<typename Enum, size_t N>
Enum fromKey(const Table<Enum, N> &table, const QString &key, Enum fallback)
{
    for (const auto &[value, name] : table) {
        if (key == QStringView(name))
            return value;
    }
    return fallback;
}

template<typename Enum, size_t N>
QString toKey(const Table<Enum, N> &table, Enum value)
{
    for (const auto &[entry, name] : table) {
        if (entry == value)
            return QString::fromUtf16(name);
    }
    return {};
}

} // namespace EnumKeys
