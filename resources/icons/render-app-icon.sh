#!/usr/bin/env bash
# Renders the committed PNGs of the application icon from its SVG drawings, so
# that building the project needs no SVG renderer. Run after editing either
# drawing (needs rsvg-convert, from librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/app"
mkdir -p png
for size in 16 24 32 48 64 128 256; do
    source=smh-task-monitor.svg
    # Below 32 px the full drawing blurs; the small one is drawn on a 16 px grid.
    if ((size < 32)); then
        source=smh-task-monitor-16.svg
    fi
    rsvg-convert --width "$size" --height "$size" "$source" --output "png/smh-task-monitor-$size.png"
done
