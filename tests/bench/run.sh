#!/usr/bin/env bash
# Strata against restic and borg on one data set, in one run (issue 3). Not part of ctest.
#
#   tests/bench/run.sh [--size 300M|1.5G] [--runs N] [--out DIR] [--strata PATH] [--only PHASES]
#                      [--versions-size SIZE] [--prune-size SIZE] [--timeout S] [--settle S]
#                      [--no-setup] [--keep]      PHASES: comma-separated, of backup,versions,prune
#   tests/bench/run.sh --scale [--files 1000000] [--folders 10000] [--out DIR] [--strata PATH]
#
# Installs restic, borg and GNU time (installer/setup.sh --bench), builds strata-cli into
# build-bench/ unless --strata names a binary, then hands over to bench.py, which writes
# OUT/results.json and OUT/results.md. See tests/bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
top=$(cd "$here/../.." && pwd)

usage() { sed -n '4,7p' "$0" | sed 's/^# *//'; }

size=300M runs=3 out="" strata="" setup=1 extra=() scale=0 scale_args=() only=""
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || { echo "run.sh: $1 needs a value" >&2; exit 2; }; }
while (($#)); do
  case "$1" in
    --size) need_value "$@"; size=$2; shift 2 ;;
    --runs) need_value "$@"; runs=$2; shift 2 ;;
    --out) need_value "$@"; out=$2; shift 2 ;;
    --strata) need_value "$@"; strata=$2; shift 2 ;;
    --only) need_value "$@"; only=$2; extra+=("$1" "$2"); shift 2 ;;
    --versions-size | --prune-size | --timeout | --settle)
      need_value "$@"; extra+=("$1" "$2")
      [ "$1" = --timeout ] && scale_args+=("$1" "$2")
      shift 2 ;;
    --size=* | --runs=* | --out=* | --strata=* | --only=* | --versions-size=* | --prune-size=* | --timeout=* | \
      --settle=* | --files=* | --folders=*)
      set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
    --scale) scale=1; shift ;;
    --files | --folders) need_value "$@"; scale_args+=("$1" "$2"); shift 2 ;;
    --no-setup) setup=0; shift ;;
    --keep) extra+=(--keep); scale_args+=(--keep); shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $runs =~ ^[0-9]+$ ]] && ((runs >= 1)) || { echo "run.sh: --runs takes a number >= 1" >&2; exit 2; }

# The data set scripts live beside the repository (../shared), or where this machine keeps them.
shared=${STRATA_BENCH_SHARED:-}
if [ -z "$shared" ]; then
  for cand in "$top/../shared/bench" /work/shared/bench; do
    if [ -x "$cand/make_dataset.sh" ]; then shared=$(cd "$cand" && pwd); break; fi
  done
fi
[ -n "$shared" ] && [ -x "$shared/make_dataset.sh" ] && [ -x "$shared/mutate.sh" ] ||
  { echo "run.sh: make_dataset.sh and mutate.sh not found in ../shared/bench or /work/shared/bench" \
      "(set STRATA_BENCH_SHARED)" >&2; exit 1; }

if ((setup)); then
  if [ "$(id -u)" -eq 0 ]; then
    "$top/installer/setup.sh" --bench
  else
    echo "run.sh: not root, skipping installer/setup.sh --bench (the tools must be installed)" >&2
  fi
fi
for tool in restic borg /usr/bin/time zstd openssl tar diff python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (run installer/setup.sh --bench as root)" >&2; exit 1; }
done

if [ -z "$strata" ]; then
  echo "run.sh: building strata-cli (Release) into build-bench/"
  start=$SECONDS
  mkdir -p "$top/build-bench"
  buildlog=$top/build-bench/bench-build.log
  if ! (cd "$top" &&
    cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_GUI=OFF &&
    cmake --build build-bench --target strata-cli) >"$buildlog" 2>&1; then
    tail -n 40 "$buildlog" >&2
    echo "run.sh: building strata-cli failed (whole log: $buildlog); or pass --strata PATH" >&2
    exit 1
  fi
  echo "run.sh: build took $((SECONDS - start)) s"
  strata=$top/build-bench/app/cli/strata-cli
fi
[ -x "$strata" ] || { echo "run.sh: $strata is not an executable" >&2; exit 1; }

if ((scale)); then
  [ -n "$out" ] || out=$top/build-bench/scale
  exec python3 "$here/scale.py" --out "$out" --strata "$(readlink -f "$strata")" "${scale_args[@]}"
fi
# A run of some phases only gets its own folder, so it leaves a whole run's results alone.
[ -n "$out" ] || out=$top/build-bench/bench-$size${only:+-${only//,/-}}
exec python3 "$here/bench.py" --size "$size" --runs "$runs" --out "$out" \
  --strata "$(readlink -f "$strata")" --shared "$shared" --source-tree "$top" "${extra[@]}"
