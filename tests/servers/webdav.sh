#!/usr/bin/env bash
# rclone serve webdav on loopback: the WebDAV server of the tests, and the rclone
# configuration of the rclone backend's tests (tests/servers/README.md).
#
#   webdav.sh start DIR   DIR/rclone.conf, rclone serve webdav DIR/root; writes DIR/env
#   webdav.sh stop DIR    kills what start started (from DIR/pids) and removes DIR
#
# rclone reads and writes only DIR (--config, --cache-dir), never ~/.config/rclone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

USER_NAME=strata

usage() {
  echo "usage: webdav.sh start|stop DIR" >&2
  exit 2
}
(($# == 2)) || usage
dir=$(state_dir "$2")

start() {
  prepare "$dir"
  trap 'on_start_failure "$dir"' EXIT
  need rclone curl python3
  mkdir -p "$dir/root" "$dir/cache"
  local port pass url
  read -r port < <(free_ports 1)
  pass=$(random_hex 16)
  url=http://127.0.0.1:$port/
  local obscured
  obscured=$(rclone --config /dev/null obscure "$pass")
  # strata-local: the rclone backend's tests use rclone:strata-local:/some/path; strata-webdav
  # reaches the server below through rclone.
  cat >"$dir/rclone.conf" <<EOF
[strata-local]
type = local

[strata-webdav]
type = webdav
url = $url
vendor = other
user = $USER_NAME
pass = $obscured
EOF
  spawn "$dir" rclone "$dir/log" rclone serve webdav "$dir/root" --addr "127.0.0.1:$port" \
    --user "$USER_NAME" --pass "$pass" --config "$dir/rclone.conf" --cache-dir "$dir/cache"
  wait_for 10 "rclone serve webdav on port $port" "$dir" rclone "$dir/log" \
    curl -fsS -o /dev/null -u "$USER_NAME:$pass" -X PROPFIND -H 'Depth: 0' "$url"

  cat >"$dir/env" <<EOF
STRATA_TEST_WEBDAV_URL=$url
STRATA_TEST_WEBDAV_USER=$USER_NAME
STRATA_TEST_WEBDAV_PASS=$pass
STRATA_TEST_WEBDAV_ROOT=$dir/root
STRATA_TEST_RCLONE_CONFIG=$dir/rclone.conf
EOF
  trap - EXIT
  echo "webdav.sh: WebDAV at $url (user $USER_NAME), state in $dir"
}

case "$1" in
  start) start ;;
  stop) stop_and_remove "$dir" ;;
  *) usage ;;
esac
