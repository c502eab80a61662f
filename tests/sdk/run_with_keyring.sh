#!/bin/sh
# Runs a test inside a private D-Bus session with an unlocked gnome-keyring
# (RECIPES.md "QtKeychain headless"), under a throwaway HOME that is removed
# afterwards. Leaves no process behind: the bus and the keyring die with it.
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/runtime"
HOME="$home" XDG_RUNTIME_DIR="$home/runtime" XDG_DATA_HOME="$home/.local/share" SESAME_KEYRING=unlocked \
    dbus-run-session -- sh -c 'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' \
    sh "$@"
