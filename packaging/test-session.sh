#!/usr/bin/env bash
# Runs inside `dbus-run-session`: starts an unlocked gnome-keyring with a throw-away data directory,
# then runs ctest for the given preset.
set -euo pipefail
preset=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

scratch=$(mktemp -d)
cleanup() {
    # The daemon also exits with the private bus; killing it here just makes that immediate.
    if [ -n "${GNOME_KEYRING_PID:-}" ]; then kill "$GNOME_KEYRING_PID" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# A fresh XDG_DATA_HOME makes the daemon create a new "login" keyring, unlocked with this password.
eval "$(printf 'throwaway\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL="${GNOME_KEYRING_CONTROL:-}" GNOME_KEYRING_PID="${GNOME_KEYRING_PID:-}"
export VL_KEYCHAIN_AVAILABLE=1

cd "$here"
ctest --preset "$preset" -j2
