# Shared by rgw.sh, sshd.sh and webdav.sh (sourced, never run): free loopback ports, daemons
# started in the background with their pid in DIR/pids, waiting with a bounded timeout, and a
# stop that kills from the pid files, never the servers of another ctest run (in_use_by).
#
# Every daemon gets a path inside DIR on its command line, so a pid file that outlived its
# process (a reused pid) is never trusted: stop only signals a process whose command line
# names a path inside DIR.

# state_dir PATH: PATH made absolute, refused when it holds characters the env file and
# sshd_config would have to quote (the env file is read by the tests unquoted).
state_dir() {
  local dir
  dir=$(realpath -m "$1")
  [[ $dir =~ ^[A-Za-z0-9/._+,@=-]+$ ]] || die "$dir: use a state folder without spaces or quotes"
  echo "$dir"
}

# need PROGRAM...: fails with the package to install when one is missing.
need() {
  local p
  for p in "$@"; do
    command -v "$p" >/dev/null 2>&1 || die "$p is missing: installer/setup.sh --test installs the test servers"
  done
}

# free_ports N: N distinct loopback ports that were free a moment ago. They are held together
# while picked, so they differ; a daemon binding one of them later is the usual small race.
free_ports() {
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# random_hex N: N random bytes as 2N hex digits.
random_hex() {
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# spawn DIR NAME LOG COMMAND...: runs COMMAND in the background with stdin, stdout and stderr
# away from the caller (CTest waits for its test's pipes to close, so a daemon holding them
# would hang the setup test) and records its pid in DIR/pids/NAME.pid. The daemon stays in the
# caller's process group, and SIGINT, which bash ignores in background commands, is its default
# again: an interrupted ctest run (Ctrl-C) takes it down too.
spawn() {
  local dir=$1 name=$2 log=$3
  shift 3
  mkdir -p "$dir/pids"
  env --default-signal=INT,QUIT "$@" </dev/null >>"$log" 2>&1 &
  echo $! >"$dir/pids/$name.pid"
  disown $! # no "Killed" notice when a failed start kills it
}

# ours DIR PID: true when PID is alive and its command line names DIR.
ours() {
  local dir=$1 pid=$2
  [[ $pid =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir/"
}

# alive DIR NAME: the daemon recorded as NAME still runs.
alive() {
  local pid
  pid=$(cat "$1/pids/$2.pid" 2>/dev/null) && ours "$1" "$pid"
}

# running PID: PID is a process and not a zombie (what start's failure path kills is its own
# child, a zombie until start exits).
running() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

# descendants PID...: the processes below PID, children first seen before their parents die.
descendants() {
  local pid child
  for pid in "$@"; do
    for child in $(pgrep -P "$pid" || true); do
      echo "$child"
      descendants "$child"
    done
  done
}

# kill_all DIR [SIGNAL]: SIGNAL (default TERM) to every daemon recorded in DIR/pids and to the
# processes below them (sshd's sessions outlive their listener), SIGKILL to those still there
# after 5 seconds. Quiet when there is nothing to stop.
kill_all() {
  local dir=$1 signal=${2:-TERM} f pid pids=()
  for f in "$dir"/pids/*.pid; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    ours "$dir" "$pid" && pids+=("$pid")
  done
  ((${#pids[@]})) || return 0
  local below
  mapfile -t below < <(descendants "${pids[@]}")
  pids+=("${below[@]}")
  kill -"$signal" "${pids[@]}" 2>/dev/null || true
  local i left
  for ((i = 0; i < 50; i++)); do
    left=()
    for pid in "${pids[@]}"; do
      running "$pid" && left+=("$pid")
    done
    ((${#left[@]})) || return 0
    sleep 0.1
  done
  echo "${0##*/}: killing ${left[*]} after 5 s" >&2
  kill -KILL "${left[@]}" 2>/dev/null || true
}

# wait_for SECONDS WHAT DAEMON-DIR DAEMON-NAME LOG COMMAND...: retries COMMAND every 0.1 s until
# it succeeds. Fails with the tail of LOG when the time is up or the daemon died.
wait_for() {
  local seconds=$1 what=$2 dir=$3 name=$4 log=$5
  shift 5
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ! alive "$dir" "$name"; then
      die "$name exited before $what" "$log"
    fi
    if ((SECONDS >= deadline)); then
      die "$what: no answer after $seconds s" "$log"
    fi
    sleep 0.1
  done
}

# die MESSAGE [LOG]: prints MESSAGE and the last lines of LOG, then fails. The caller's EXIT
# trap stops what was started.
die() {
  echo "${0##*/}: $1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    echo "--- last lines of $2:" >&2
    tail -n 30 "$2" >&2
  fi
  exit 1
}

# in_use_by DIR: prints the pid of the other ctest run whose servers DIR holds, if any. The
# state folders are fixed per build tree, so two ctest runs there at once would share them;
# DIR/owner records the ctest that started the server (start's parent), and no other run
# touches DIR while that ctest lives. A folder whose owner is gone is stale.
in_use_by() {
  local owner
  owner=$(cat "$1/owner" 2>/dev/null) || return 0
  [[ $owner =~ ^[0-9]+$ ]] && ((owner != PPID)) || return 0
  [ "$(cat "/proc/$owner/comm" 2>/dev/null)" = ctest ] && echo "$owner"
  return 0
}

# prepare DIR [SIGNAL]: a fresh DIR, after stopping what a previous run there may have left.
prepare() {
  local dir=$1 other
  other=$(in_use_by "$dir")
  [ -z "$other" ] || die "$dir is in use by another ctest run in this build tree (pid $other)"
  kill_all "$dir" "${2:-TERM}"
  rm -rf "$dir"
  mkdir -p "$dir/pids"
  echo "$PPID" >"$dir/owner"
}

# stop_and_remove DIR [SIGNAL]: the stop command of every script; leaves another run's
# servers alone.
stop_and_remove() {
  local dir=$1 other
  other=$(in_use_by "$dir")
  if [ -n "$other" ]; then
    echo "${0##*/}: $dir is in use by another ctest run (pid $other): left alone" >&2
    return 0
  fi
  kill_all "$dir" "${2:-TERM}"
  rm -rf "$dir"
}

# on_start_failure DIR [SIGNAL]: installed as the EXIT trap of start; a start that fails
# half-way kills what it started, and leaves DIR (the logs) to the stop command.
on_start_failure() {
  local rc=$? dir=$1
  if ((rc != 0)); then
    kill_all "$dir" "${2:-TERM}"
  fi
  return "$rc"
}
