#!/bin/sh
# The sesame-server binary's own contract (main.cpp), run by ctest:
#   test_main.sh BINARY bad-option   a bad value exits 2 with a message naming the option
#   test_main.sh BINARY help         --help exits 0 and lists the options
#   test_main.sh BINARY sigterm      serves, then exits 0 after SIGTERM
set -u
binary=$1
case $2 in
bad-option)
    out=$("$binary" --threads x 2>&1)
    code=$?
    [ "$code" -eq 2 ] || { echo "exit code $code, expected 2"; exit 1; }
    echo "$out" | grep -q -- '--threads: must be an integer' || { echo "unexpected message: $out"; exit 1; }
    out=$(SESAME_MODE=prod "$binary" 2>&1)
    [ $? -eq 2 ] && echo "$out" | grep -q 'SESAME_MODE: must be mock or full' || { echo "env: $out"; exit 1; }
    ;;
help)
    out=$("$binary" --help) || { echo "--help failed"; exit 1; }
    echo "$out" | grep -q -- '--listen HOST:PORT  \[SESAME_LISTEN\]' || { echo "$out"; exit 1; }
    ;;
sigterm)
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    mkfifo "$dir/log"
    "$binary" --listen 127.0.0.1:0 2>"$dir/log" &
    pid=$!
    # Blocks until the server logs that it listens: an event, not a delay.
    grep -m1 -q '"event":"listening"' <"$dir/log" || { echo "no listening line"; exit 1; }
    kill -TERM "$pid"
    wait "$pid"
    code=$?
    [ "$code" -eq 0 ] || { echo "exit code $code after SIGTERM, expected 0"; exit 1; }
    ;;
*)
    echo "unknown check $2"; exit 2 ;;
esac
