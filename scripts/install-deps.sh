#!/usr/bin/env bash
# Installs what building, testing and packaging need on Debian 12 / Ubuntu 24.04.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config file dpkg-dev
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n qt6-svg-dev libqt6svg6 libqt6sql6-sqlite qt6-qpa-plugins
    # The team ledger: Qt's PostgreSQL driver, and a server the tests start a
    # throwaway cluster of (initdb/pg_ctl; tests/support/pgcluster.sh).
    libqt6sql6-psql postgresql
    # Qt Charts (usage plot); its CMake package needs Qt6OpenGL's, which Debian 12's
    # qt6-charts-dev does not pull in.
    qt6-charts-dev libqt6opengl6-dev
    qtkeychain-qt6-dev libgl-dev
    xvfb xauth dbus-x11 fonts-noto-cjk clang-format
    desktop-file-utils appstream lintian
    clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
