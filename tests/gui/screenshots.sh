#!/usr/bin/env bash
# Renders screenshots of Strata under Xvfb (a real X server, the xcb platform) into a folder:
# the main window in light and dark palettes, the timeline with 200 versions at every zoom, the
# one-page restore of a file, the restore wizard's pages, the setup assistant's pages, the tray
# menu, a file's history panel, and the diff viewer on a syntax-coloured OTML file and on an image.
#   tests/gui/screenshots.sh [BUILD_DIR (default build)] [OUT (default BUILD_DIR/screenshots)]
# Needs a build with tests (installer/dev.sh test) and Xvfb (installer/setup.sh --test).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
out=${2:-$build/screenshots}
program="$build/tests/gui/strata-screenshots"
[ -x "$program" ] || { echo "screenshots.sh: $program is missing; build with tests first" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is missing; run installer/setup.sh --test" >&2; exit 2; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$out"
# A throw-away HOME and no session bus: nothing of the reviewer's is read or written.
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
  DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/strata-bus QT_QPA_PLATFORM=xcb LC_ALL=C.UTF-8 \
  xvfb-run -a -s "-screen 0 1600x1000x24" "$program" "$out"
echo "screenshots in $out"
