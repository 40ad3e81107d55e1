#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cmath>

// Requests allowed at a rate, with a burst: the bucket fills at `perSecond`
// up to `burst`, and each request takes one token. Spending more than is
// there leaves a debt (one cannot send half a batch) that delays the next.
// The rate is given with every call, so that its owner may change it (a 429
// halves the polling rate for a while) without touching what was spent.
// Times are milliseconds on the owner's clock.
class TokenBucket final
{
public:
    struct Rate
    {
        double perSecond = 1.0;
        double burst = 1.0;
    };

    TokenBucket() = default; // empty
    // Full at `atMs`: a fresh connection may burst.
    TokenBucket(const Rate &rate, qint64 atMs)
        : m_tokens(rate.burst)
        , m_atMs(atMs)
    { }

    double available(const Rate &rate, qint64 nowMs) const
    {
        const double refilled =
            m_tokens + double(std::max<qint64>(0, nowMs - m_atMs)) / 1000.0 * rate.perSecond;
        return std::min(refilled, rate.burst);
    }
    // Whole requests that may go now.
    int allowance(const Rate &rate, qint64 nowMs) const
    {
        return std::max(0, int(std::floor(available(rate, nowMs))));
    }
    void spend(double count, const Rate &rate, qint64 nowMs)
    {
        m_tokens = available(rate, nowMs) - count;
        m_atMs = nowMs;
    }
    // Nothing left to spend now; a debt stays.
    void drain(const Rate &rate, qint64 nowMs)
    {
        m_tokens = std::min(available(rate, nowMs), 0.0);
        m_atMs = nowMs;
    }
    // How long until one request may go: 0 when it may now.
    qint64 msUntilOne(const Rate &rate, qint64 nowMs) const
    {
        const double missing = 1.0 - available(rate, nowMs);
        return missing <= 0 ? 0 : qint64(std::ceil(missing / rate.perSecond * 1000.0));
    }

private:
    double m_tokens = 0;
    qint64 m_atMs = 0;
};
