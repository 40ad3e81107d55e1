#pragma once

#include "smh/error.h"

#include <type_traits>
#include <utility>
#include <variant>

// A value or the reason there is none, in one return value (C++23's
// std::expected, which Debian 12's compilers lack; qBittorrent uses
// nonstd::expected the same way). It replaces "false plus lastError()" and
// "0 or an empty list means failure": a caller cannot read a value that is
// not there without having asked. The error is an Error (kind, message,
// the SMH request's error where there was one) unless said otherwise.
template<typename E>
struct Unexpected
{
    E error;
};

template<typename E>
Unexpected<std::decay_t<E>> unexpected(E &&error)
{
    return {std::forward<E>(error)};
}

template<typename T, typename E = Error>
class Expected
{
public:
    Expected(T value)
        : m_value(std::in_place_index<0>, std::move(value))
    { }
    Expected(Unexpected<E> error)
        : m_value(std::in_place_index<1>, std::move(error.error))
    { }
    // An error of a narrower type (an SmhError where an Error is expected).
    template<typename F>
    requires(!std::is_same_v<F, E> && std::is_constructible_v<E, const F &>)
        Expected(Unexpected<F> error)
        : m_value(std::in_place_index<1>, E(error.error))
    { }

    bool hasValue() const { return m_value.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T &value() & { return std::get<0>(m_value); }
    const T &value() const & { return std::get<0>(m_value); }
    T &&value() && { return std::get<0>(std::move(m_value)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T valueOr(T fallback) const { return hasValue() ? value() : std::move(fallback); }

    const E &error() const { return std::get<1>(m_value); }

private:
    std::variant<T, E> m_value;
};

template<typename E>
class Expected<void, E>
{
public:
    Expected() = default;
    Expected(Unexpected<E> error)
        : m_error(std::move(error.error))
        , m_failed(true)
    { }
    template<typename F>
    requires(!std::is_same_v<F, E> && std::is_constructible_v<E, const F &>)
        Expected(Unexpected<F> error)
        : m_error(error.error)
        , m_failed(true)
    { }

    bool hasValue() const { return !m_failed; }
    explicit operator bool() const { return hasValue(); }
    const E &error() const { return m_error; }

private:
    E m_error {};
    bool m_failed = false;
};
