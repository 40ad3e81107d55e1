#!/usr/bin/env bash
# Quick start 2: install dependencies, build (warnings are errors), run every
# test, then the same tests again under AddressSanitizer + UBSan, then fuzz the
# parsers for a bounded time (scripts/fuzz.sh), then check
# formatting, build and lint the Debian package and (as root or in CI)
# install it and run the installed binary.
# SMH_SKIP_SANITIZERS=1 skips the sanitizer pass (for a quick local run).
# Each fuzzer runs SMH_FUZZ_SECONDS (default 60); SMH_SKIP_FUZZ=1 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)
# The ledger's PostgreSQL tests must run here, not skip: a missing server fails.
export SMH_REQUIRE_POSTGRES=1

echo "== build and test (RelWithDebInfo, -Werror)"
cmake -S . -B build-ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMH_WERROR=ON >/dev/null
cmake --build build-ci -j "$jobs"
ctest --test-dir build-ci --output-on-failure -j "$jobs" --timeout 300

echo "== bench_window at 10,000 tasks (a smoke run: figures printed, nothing fails on them)"
QT_QPA_PLATFORM=offscreen build-ci/tests/bench/bench_window --tasks 10000 --seconds 10 2>&1 \
    | grep -v -e propagateSizeHints -e XDG_RUNTIME_DIR || true

if [[ "${SMH_SKIP_SANITIZERS:-0}" != 1 ]]; then
    echo "== build and test (ASan + UBSan)"
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSMH_SANITIZE=ON -DSMH_WERROR=ON >/dev/null
    cmake --build build-asan -j "$jobs"
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j "$jobs" --timeout 600
fi

if [[ "${SMH_SKIP_FUZZ:-0}" != 1 ]]; then
    scripts/fuzz.sh
fi

echo "== layers"
scripts/check-layers.sh

echo "== clang-format"
scripts/check-format.sh

echo "== package"
scripts/package-check.sh build-ci
