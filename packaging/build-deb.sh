#!/usr/bin/env bash
# Builds the Debian package with Debian's hardening flags and checks it:
#   packaging/build-deb.sh [BUILD_DIR]     (default: build-deb)
# The .deb lands in BUILD_DIR; lintian runs on it when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-deb}

# The flags Debian's own packages are built with (fortify, stack protector,
# relro and bindnow); -ffile-prefix-map keeps the build path out of the binary.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cxxflags="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)

cmake -S . -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSMH_BUILD_TESTS=OFF \
    -DCMAKE_CXX_FLAGS="$cxxflags" \
    -DCMAKE_EXE_LINKER_FLAGS="$ldflags"
cmake --build "$build_dir" --target package

deb=$(ls -t "$build_dir"/smh-task-monitor_*.deb | head -n 1)
echo "Built $deb"
if command -v lintian > /dev/null; then
    lintian --pedantic --display-info "$deb"
fi
