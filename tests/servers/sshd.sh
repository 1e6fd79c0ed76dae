#!/usr/bin/env bash
# OpenSSH's sshd on loopback as a private instance: the SFTP server of the tests
# (tests/servers/README.md).
#
#   sshd.sh start DIR   host and client keys, sshd_config, sshd -D; writes DIR/env
#   sshd.sh stop DIR    kills what start started (from DIR/pids) and removes DIR
#
# The current user logs in with DIR/client_key only (root too, when the tests run as root);
# the host key is in DIR/known_hosts, so clients check it rather than trusting it blindly.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

SSHD=/usr/sbin/sshd

usage() {
  echo "usage: sshd.sh start|stop DIR" >&2
  exit 2
}
(($# == 2)) || usage
dir=$(state_dir "$2")

start() {
  prepare "$dir"
  trap 'on_start_failure "$dir"' EXIT
  need ssh-keygen ssh-keyscan python3
  [ -x "$SSHD" ] || die "$SSHD is missing (Debian: openssh-server)"
  mkdir -p "$dir/root"
  ssh-keygen -q -t ed25519 -N '' -C strata-test-host -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -C strata-test-client -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  local user port
  user=$(id -un)
  read -r port < <(free_ports 1)
  # MaxStartups and MaxSessions: the tests may open many connections at once.
  cat >"$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
X11Forwarding no
AllowTcpForwarding no
PrintMotd no
MaxStartups 100
MaxSessions 100
LogLevel VERBOSE
Subsystem sftp internal-sftp
EOF
  "$SSHD" -t -f "$dir/sshd_config" >"$dir/log" 2>&1 || die "sshd rejects $dir/sshd_config" "$dir/log"
  # Privilege separation needs its empty folder when sshd runs as root.
  if ((EUID == 0)); then
    mkdir -p /run/sshd
  fi
  spawn "$dir" sshd "$dir/log" "$SSHD" -D -f "$dir/sshd_config" -E "$dir/log"
  wait_for 10 "sshd on port $port" "$dir" sshd "$dir/log" ssh-keyscan -T 1 -t ed25519 -p "$port" 127.0.0.1

  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_key.pub")" >"$dir/known_hosts"
  cat >"$dir/env" <<EOF
STRATA_TEST_SFTP_HOST=127.0.0.1
STRATA_TEST_SFTP_PORT=$port
STRATA_TEST_SFTP_USER=$user
STRATA_TEST_SFTP_KEY=$dir/client_key
STRATA_TEST_SFTP_KNOWN_HOSTS=$dir/known_hosts
STRATA_TEST_SFTP_ROOT=$dir/root
EOF
  trap - EXIT
  echo "sshd.sh: SFTP at $user@127.0.0.1:$port, state in $dir"
}

case "$1" in
  start) start ;;
  stop) stop_and_remove "$dir" ;;
  *) usage ;;
esac
