#!/bin/sh
# Runs a test program on a private D-Bus session bus, in a throw-away HOME, with one of:
#   keyring  a real gnome-keyring-daemon (Secret Service), its login keyring unlocked
#   none     no Secret Service at all, and none that D-Bus could start on demand
#   hang     a Secret Service that D-Bus "starts" but that never answers (tests the timeout)
# Usage: run-with-keyring.sh MODE PROGRAM [ARGS...]
# The mode reaches the program as STRATA_KEYCHAIN_MODE.
set -eu

mode=$1
shift
case "$mode" in
keyring | none | hang) ;;
*)
    echo "run-with-keyring.sh: unknown mode $mode" >&2
    exit 2
    ;;
esac

scratch=$(mktemp -d "${TMPDIR:-/tmp}/strata-keyring.XXXXXX")
keyring_pid=
cleanup() {
    # Only the daemon this script started, by its pid.
    if [ -n "$keyring_pid" ]; then kill "$keyring_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

export HOME="$scratch/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" "$scratch/services"
chmod 700 "$XDG_RUNTIME_DIR"
# No desktop: Qt Keychain then picks the Secret Service (libsecret) over KWallet.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID
export STRATA_KEYCHAIN_MODE="$mode"

# The system's session bus would start gnome-keyring on demand, which would make "none"
# impossible to test: this bus starts only what $scratch/services offers.
if [ "$mode" = hang ]; then
    cat >"$scratch/services/org.freedesktop.secrets.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sleep 15
SERVICE
fi
cat >"$scratch/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$scratch</listen>
  <servicedir>$scratch/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

if [ "$mode" != keyring ]; then
    exec dbus-run-session --config-file="$scratch/session.conf" -- "$@"
fi

export KEYRING_PW="strata-test-$$"
# The inner shell starts the daemon in the foreground (so its pid is known), waits until it
# owns the Secret Service name, runs the program and stops the daemon again.
dbus-run-session --config-file="$scratch/session.conf" -- sh -c '
    printf "%s" "$KEYRING_PW" | gnome-keyring-daemon --foreground --unlock --components=secrets \
        >"$XDG_RUNTIME_DIR/keyring.log" 2>&1 &
    daemon=$!
    tries=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
            grep -q "boolean true"; do
        tries=$((tries + 1))
        if [ $tries -gt 100 ]; then
            echo "gnome-keyring-daemon did not start:" >&2
            cat "$XDG_RUNTIME_DIR/keyring.log" >&2
            kill $daemon 2>/dev/null
            exit 1
        fi
        sleep 0.1
    done
    status=0
    "$@" || status=$?
    kill $daemon 2>/dev/null
    wait $daemon 2>/dev/null
    exit $status
' sh "$@"
