#!/bin/sh
# Runs a test with no D-Bus session at all (and no display to autolaunch
# one), under a throwaway HOME: the keychain is simply unavailable.
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/runtime"
env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY \
    HOME="$home" XDG_RUNTIME_DIR="$home/runtime" SESAME_KEYRING=none "$@"
