#!/usr/bin/env bash
# Builds the .deb from an existing build tree, validates the desktop metadata
# and the package, and (as root, or with CI=true) installs it and runs the
# installed binary as a smoke test.
#   scripts/package-check.sh [BUILD_DIR]   (default: build-ci)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-ci}

desktop-file-validate resources/desktop/*.desktop
appstreamcli validate --no-net resources/desktop/*.metainfo.xml

rm -f "$build_dir"/smh-task-monitor_*.deb
cmake --build "$build_dir" --target package
deb=$(ls -t "$build_dir"/smh-task-monitor_*.deb | head -n 1)
echo "package: $deb"
dpkg-deb --info "$deb" | sed -n '/Depends/p'
# Errors fail; warnings are explained in packaging/README.md.
lintian --fail-on error "$deb"

if [[ $(id -u) -eq 0 || "${CI:-}" == true ]]; then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "./$deb"
    installed=/usr/bin/smh-task-monitor
    "$installed" --version
    # Headless, no display: the installed binary against its own simulator.
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
        "$installed" query --demo --output json 1001-1003 > "$build_dir/smoke.json"
    grep -q '"taskId": 1001' "$build_dir/smoke.json"
    echo "installed package smoke test: ok"
else
    echo "installed package smoke test: skipped (needs root or CI=true)"
fi
