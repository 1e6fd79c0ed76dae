#!/usr/bin/env bash
# Runs every fuzz target of a STRATA_FUZZ build for a fixed time, and fails on any finding
# (a crash, a broken property, a leak, a timeout or a memory blow-up), leaving the input under
# <build>/tests/fuzz/artifacts/<target>/. See tests/fuzz/README.md.
#
#   tests/fuzz/run-fuzzers.sh <build folder> [target...]
#
# Environment: FUZZ_SECONDS (per target, default 40), FUZZ_JOBS (targets at once, default
# the number of cores), FUZZ_ARGS (more libFuzzer options, e.g. "-max_len=65536").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-fuzzers.sh <build folder> [target...]}
shift
fuzz=$(cd "$build" && pwd)/tests/fuzz
seconds=${FUZZ_SECONDS:-40}
jobs=${FUZZ_JOBS:-$(nproc)}
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(tree index pack_header snapshot config keyfile lock compression sets runlog exclude_pattern exclude_file)
fi

# Leaks fail a run; symbolized reports name the line.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../sanitizers/lsan.supp}
if command -v llvm-symbolizer-14 >/dev/null 2>&1; then
  export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14)}
fi

"$fuzz/strata-fuzz-seeds" "$fuzz/seeds" "$here/../data" >/dev/null

dict_for() {
  case "$1" in
    snapshot | config | keyfile | lock | sets | runlog) echo "-dict=$here/dict/$1.dict" ;;
    exclude_pattern | exclude_file) echo "-dict=$here/dict/exclude.dict" ;;
  esac
}

run_one() {
  local t=$1
  local corpus=$fuzz/corpus/$t artifacts=$fuzz/artifacts/$t log=$fuzz/logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  # New inputs go to the first folder (corpus/, kept between runs); seeds and regressions
  # are read only. -timeout is per input; -rss_limit_mb and -malloc_limit_mb catch blow-ups.
  # shellcheck disable=SC2046,SC2086
  if "$fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$artifacts/" $(dict_for "$t") ${FUZZ_ARGS:-} \
    "$corpus" "$fuzz/seeds/$t" "$here/regressions/$t" >"$log" 2>&1; then
    local execs size
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    size=$(find "$corpus" -type f | wc -l)
    printf 'fuzz %-16s ok    %ss, %s executions, corpus %s files\n' "$t" "$seconds" "$execs" "$size"
  else
    printf 'fuzz %-16s FAILED: see %s and %s\n' "$t" "$log" "$artifacts"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz property broken|.*runtime error)' "$log" | head -n 5 || true
    return 1
  fi
}
export -f run_one dict_for
export fuzz here seconds

printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {}
