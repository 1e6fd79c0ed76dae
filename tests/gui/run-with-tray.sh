#!/bin/sh
# Runs a test program on a real X display that has a system tray: a private Xvfb, and trayer
# (or stalonetray) on it as the XEmbed tray that QSystemTrayIcon docks into.
# Usage: run-with-tray.sh PROGRAM [ARGS...]
set -eu

host=
for candidate in trayer stalonetray; do
    if command -v "$candidate" >/dev/null 2>&1; then
        host=$candidate
        break
    fi
done
if ! command -v Xvfb >/dev/null 2>&1 || [ -z "$host" ]; then
    echo "run-with-tray.sh: needs Xvfb and trayer (installer/setup.sh --test installs them)" >&2
    exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/strata-tray.XXXXXX")
xvfb_pid=
tray_pid=
cleanup() {
    # Only what this script started, by pid.
    if [ -n "$tray_pid" ]; then kill "$tray_pid" 2>/dev/null || true; fi
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

# Xvfb picks a free display and writes its number once it accepts clients.
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$scratch/display" 2>"$scratch/xvfb.log" &
xvfb_pid=$!
tries=0
until [ -s "$scratch/display" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
        echo "run-with-tray.sh: Xvfb did not start:" >&2
        cat "$scratch/xvfb.log" >&2
        exit 1
    fi
    sleep 0.05
done
DISPLAY=:$(head -n 1 "$scratch/display")
export DISPLAY

if [ "$host" = trayer ]; then
    trayer --edge top --align right --widthtype pixel --width 200 --height 24 >"$scratch/tray.log" 2>&1 &
else
    stalonetray >"$scratch/tray.log" 2>&1 &
fi
tray_pid=$!

# The program waits for the tray itself (QSystemTrayIcon::isSystemTrayAvailable).
export QT_QPA_PLATFORM=xcb
status=0
"$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "run-with-tray.sh: $host said:" >&2
    cat "$scratch/tray.log" >&2
fi
exit "$status"
