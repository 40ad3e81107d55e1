#pragma once

#include <array>

// The exit code of a command about several libraries: the worst of theirs,
// in one documented order (README, "Exit codes"). An outcome nobody can
// confirm (7: a clear may have been accepted) comes first, since only a
// person can settle it; then the order of `watch`: 2, 4, 5, 1, 6, 3.
namespace FleetExit {

inline constexpr std::array<int, 7> order {7, 2, 4, 5, 1, 6, 3};

// How bad `code` is: 0 for success, higher for worse; a code outside the
// order ranks just above success.
constexpr int rank(int code)
{
    if (code == 0)
        return 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i] == code)
            return int(order.size() - i) + 1;
    }
    return 1;
}

constexpr int worst(int a, int b)
{
    return rank(b) > rank(a) ? b : a;
}

} // namespace FleetExit
