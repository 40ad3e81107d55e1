#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a
# bounded time from its seed corpus under tests/fuzz/corpus/. Any crash, leak,
# sanitizer report, timeout or out-of-memory fails the script; the input that
# found it is left in build-fuzz/findings/ to be added to the corpus once fixed.
# SMH_FUZZ_SECONDS sets the time per target (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SMH_FUZZ_SECONDS:-60}
targets=(fuzz_taskreply fuzz_smherror fuzz_taskidparser)

echo "== fuzz (libFuzzer, ${seconds} s per target)"
# clang 14 as Debian 12 ships it (install-deps.sh); another clang does as well.
cxx=$(command -v clang++-14 || command -v clang++)
cc=$(command -v clang-14 || command -v clang)
CC=$cc CXX=$cxx cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSMH_FUZZ=ON -DSMH_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"

mkdir -p build-fuzz/findings
for target in "${targets[@]}"; do
    # New inputs go to a scratch corpus; the committed seeds stay as they are.
    work=build-fuzz/corpus/$target
    mkdir -p "$work"
    echo "-- $target"
    if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="build-fuzz/findings/$target-" \
        "$work" "tests/fuzz/corpus/$target" 2>"build-fuzz/$target.log"; then
        tail -n 60 "build-fuzz/$target.log"
        echo "fuzz: $target found a problem; the input is in build-fuzz/findings/" >&2
        exit 1
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "build-fuzz/$target.log" || true
done
