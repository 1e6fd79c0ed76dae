#!/usr/bin/env bash
# The two entry points of the README, for a fresh Debian 12 machine (as root):
#   installer/dev.sh run    install what is needed, build, start Strata on the default repository
#   installer/dev.sh test   install what is needed (test tools too), build, run every test
# Environment: BUILD_DIR (default build), CTEST_ARGS (extra ctest arguments, e.g. "-L quick").
#
# Sanitizer and fuzzing builds (clang; tests/fuzz/README.md), each in a folder of its own:
#   installer/dev.sh sanitize   ASan+UBSan build with the fuzz targets (build-sanitize), every test
#                               but the campaign ones (CTEST_ARGS as above)
#   installer/dev.sh fuzz       the fuzz targets of that build, each for FUZZ_SECONDS (default 40),
#                               two at a time; fails on any finding
#   installer/dev.sh tsan       ThreadSanitizer build (build-tsan), the engine's threaded tests
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${BUILD_DIR:-build}
mode=${1:-}

configure_and_build() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$build" -j"$(nproc)"
}

# clang 14 as Debian 12 names it, or the distribution's clang.
clang_for() {
  local name=clang
  [ "$1" = c++ ] && name=clang++
  command -v "$name-14" || command -v "$name"
}

# One build for the sanitized tests and the fuzz targets: clang with ASan and UBSan (fatal),
# the core with the fuzzers' coverage too. Without the GUI: its tests would double the build
# and add little the core's tests miss; tests/fuzz/README.md has the timings.
configure_sanitized() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$(clang_for c)" \
    -DCMAKE_CXX_COMPILER="$(clang_for c++)" -DSTRATA_SANITIZE=ON -DSTRATA_FUZZ=ON -DSTRATA_BUILD_GUI=OFF \
    -DSTRATA_BUILD_TESTS=ON >/dev/null
}

# Sanitizer settings for every program the tests start; suppressions cover third-party code
# only (tests/sanitizers). The walkers recurse once per folder level (at most 4096, see
# core/engine/TreeGuard.h), and ASan's frames are several times larger: a bigger stack.
sanitizer_env() {
  local supp=$here/tests/sanitizers
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_init_order=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$supp/lsan.supp:print_suppressions=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp}
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp}
  ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
  export ASAN_SYMBOLIZER_PATH
  ulimit -s 65536
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
  sanitize)
    bash installer/setup.sh --test --sanitize
    build=${BUILD_DIR:-build-sanitize}
    configure_sanitized
    cmake --build "$build" -j"$(nproc)"
    sanitizer_env
    # The campaign tests run the CLI for a quarter of an hour unsanitized; here they would
    # take most of CI's time for little that the other CLI tests do not cover.
    # shellcheck disable=SC2086
    exec ctest --test-dir "$build" --output-on-failure --no-tests=error -j2 -LE campaign ${CTEST_ARGS:-}
    ;;
  fuzz)
    bash installer/setup.sh --sanitize
    build=${BUILD_DIR:-build-sanitize}
    configure_sanitized
    cmake --build "$build" -j"$(nproc)" --target fuzz_targets
    sanitizer_env
    exec tests/fuzz/run-fuzzers.sh "$build"
    ;;
  tsan)
    bash installer/setup.sh --test --sanitize
    build=${BUILD_DIR:-build-tsan}
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$(clang_for c)" \
      -DCMAKE_CXX_COMPILER="$(clang_for c++)" -DSTRATA_TSAN=ON -DSTRATA_BUILD_GUI=OFF >/dev/null
    # Only what the tests labelled threads need (the core, strata-cli and those tests).
    cmake --build "$build" -j"$(nproc)" --target \
      $(ctest --test-dir "$build" -N -L threads | sed -n 's/^ *Test *#[0-9]*: //p')
    sanitizer_env
    # shellcheck disable=SC2086
    exec ctest --test-dir "$build" --output-on-failure --no-tests=error -j2 -L threads ${CTEST_ARGS:-}
    ;;
  *)
    echo "usage: installer/dev.sh run|test|sanitize|fuzz|tsan" >&2
    exit 2
    ;;
esac
