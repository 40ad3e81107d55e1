#!/usr/bin/env bash
# Quick start 1: install dependencies, build, and open the monitor in demo mode
# (an embedded SMH simulator on 127.0.0.1; no account needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMH_BUILD_TESTS=OFF >/dev/null
cmake --build build --target smh-task-monitor
exec build/app/smh-task-monitor --demo "$@"
