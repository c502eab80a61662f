#!/bin/sh
# Runs an app test in its own X server (Xvfb on a free display, big enough
# for the 390×844 mobile window) under a throwaway HOME, either with the
# keychain of a private D-Bus session and an unlocked gnome-keyring
# (RECIPES.md "QtKeychain headless") or with no D-Bus at all. Exits with the
# command's status and leaves no process behind.
#   run_in_xvfb.sh keyring|no-bus COMMAND [ARGS...]
set -eu
mode=$1
shift
case "$mode" in
  keyring|no-bus) ;;
  *) echo "run_in_xvfb.sh: the mode is keyring or no-bus, not '$mode'" >&2; exit 2 ;;
esac

work=$(mktemp -d)
xvfb=
cleanup() {
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -m 700 "$work/home" "$work/home/runtime"

# Xvfb names the display it took on the descriptor given to -displayfd.
mkfifo "$work/display"
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
read -r display <"$work/display"

export DISPLAY=":$display" HOME="$work/home" XDG_RUNTIME_DIR="$work/home/runtime"
status=0
if [ "$mode" = keyring ]; then
  # Started as RECIPES.md says (it is ready when the command returns); it
  # outlives the bus for a while, so it is stopped by its id afterwards: the
  # gnome-keyring-daemon whose environment names this very bus.
  XDG_DATA_HOME="$HOME/.local/share" SESAME_KEYRING=unlocked dbus-run-session -- sh -c '
    printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    status=0
    "$@" || status=$?
    for dir in /proc/[0-9]*; do
      [ "$(cat "$dir/comm" 2>/dev/null)" = gnome-keyring-d ] || continue
      if tr "\0" "\n" <"$dir/environ" 2>/dev/null | grep -qxF "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS"; then
        kill "${dir#/proc/}"
        while kill -0 "${dir#/proc/}" 2>/dev/null; do sleep 0.05; done  # it saves into HOME as it goes
      fi
    done
    exit "$status"' sh "$@" || status=$?
else
  env -u DBUS_SESSION_BUS_ADDRESS SESAME_KEYRING=none "$@" || status=$?
fi
exit "$status"
