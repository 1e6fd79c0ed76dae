#!/usr/bin/env bash
# The two entry points of the README, for a fresh Debian 12 machine (as root):
#   installer/dev.sh run    install what is needed, build, start Strata on the default repository
#   installer/dev.sh test   install what is needed (test tools too), build, run every test
# Environment: BUILD_DIR (default build), CTEST_ARGS (extra ctest arguments, e.g. "-L quick").
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${BUILD_DIR:-build}
mode=${1:-}

configure_and_build() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$build" -j"$(nproc)"
}

case "$mode" in
  run)
    bash installer/setup.sh
    configure_and_build -DSTRATA_BUILD_TESTS=OFF
    # The default repository lives in the user's data folder; the app offers to create it.
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec "$build/app/gui/strata"
    fi
    echo "dev.sh: no display server found; starting Strata on a virtual X display (Xvfb)." >&2
    bash installer/setup.sh --test >/dev/null
    exec xvfb-run -a "$build/app/gui/strata"
    ;;
  test)
    bash installer/setup.sh --test
    configure_and_build -DSTRATA_BUILD_TESTS=ON
    # shellcheck disable=SC2086
    exec ctest --test-dir "$build" --output-on-failure --no-tests=error -j2 ${CTEST_ARGS:-}
    ;;
  *)
    echo "usage: installer/dev.sh run|test" >&2
    exit 2
    ;;
esac
