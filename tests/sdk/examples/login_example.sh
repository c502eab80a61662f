#!/bin/sh
# sesame-login (sdk/examples/login-cli) against a private
# `sesame-server --mode mock` on a free port: whole logins with the code from
# the outbox and from stdin, then what a user gets wrong, each with its exit
# code. No sleeps: the server's port comes from its start log, read through a
# FIFO. Run it inside run_with_keyring.sh, for the --keychain case.
#   login_example.sh SESAME_SERVER SESAME_LOGIN
set -eu
server=$1
login=$2
dir=$(mktemp -d)
pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in out err; do [ -f "$dir/$f" ] && sed "s/^/  $f: /" "$dir/$f" >&2; done; exit 1; }

# A test number has a fixed code and is never delivered, so wrong codes are surely wrong.
test_phone=+77009990001
test_code=123456
mkfifo "$dir/log"
"$server" --mode mock --listen 127.0.0.1:0 --resend-cooldown 2 --test-numbers "$test_phone=$test_code" \
    >/dev/null 2>"$dir/log" &
pid=$!
exec 3<"$dir/log"
port=""
while IFS= read -r line <&3; do
    case $line in
    *'"event":"listening"'*) port=$(printf '%s\n' "$line" | sed -n 's/.*"port":\([0-9][0-9]*\).*/\1/p'); break ;;
    esac
done
[ -n "$port" ] || fail "sesame-server did not start"
cat <&3 >/dev/null &  # keeps the log drained so the server never blocks on it
url="http://127.0.0.1:$port"

# run WANTED_EXIT_CODE [sesame-login arguments...] < stdin, against $url.
run() { run_at "$url" "$@"; }
run_at() {
    server_url=$1
    want=$2
    shift 2
    got=0
    "$login" --server "$server_url" "$@" >"$dir/out" 2>"$dir/err" || got=$?
    [ "$got" -eq "$want" ] || fail "sesame-login --server $server_url $* exited with $got, not $want"
}
has() { grep -Eq -- "$2" "$dir/$1" || fail "no /$2/ in std$1"; }
lacks() { ! grep -Fq -- "$2" "$dir/$1" || fail "'$2' in std$1"; }
uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

# A first login, the code from the mock outbox: a new user and shop.
run 0 --outbox +77001234567 </dev/null
has out '^Code sent to \+7700\*\*\*4567 by sms \(6 digits\)\.$'
has out '^Signed in: a new account and shop were created\.$'
has out '^GET /v1/me: 200$'
has out "^  user     $uuid  phone \\+7700\\*\\*\\*4567  name -$"
has out "^  shop     $uuid  name -  plan free  currency [A-Z]{3}  language "
has out "^  session  $uuid  device .+\\(linux\\)  since "
lacks out '+77001234567'
shop=$(sed -n 's/^  shop     \([0-9a-f-]*\) .*/\1/p' "$dir/out")

# Again: the same account and shop, no longer new.
run 0 --outbox +77001234567 </dev/null
has out '^Signed in\.$'
has out "^  shop     $shop "

# No code typed: the code stays pending on the server.
run 2 "$test_phone" </dev/null
has err 'no code given'
# So asking again at once meets the resend cooldown (2 s): the client waits
# it out, then takes the code typed on stdin (a national number, its region).
printf '%s\n' "$test_code" | run 0 --region KZ "8 (700) 999-00-01"
has err 'asks to wait [12] s before it sends another code; waiting'
has err '^Code \(6 digits\): '
has out '^GET /v1/me: 200$'

# The phone asked for on stdin, then wrong codes until the server gives up;
# something that is no code at all costs no attempt.
printf '%s\n' "$test_phone" 000000 "12a456" 000001 000002 | run 4
has err '^Phone number: '
has err '2 attempt\(s\) left\.'
has err '1 attempt\(s\) left\.'
lacks err '0 attempt(s) left'
lacks out 'Signed in'

# With --keychain (run_with_keyring.sh gives a private keyring) the session
# outlives the process: the next run restores it without a new code.
run 0 --keychain --outbox +77001234570 </dev/null
has out '^Signed in: a new account and shop were created\.$'
lacks err 'warning'
run 0 --keychain --outbox +77001234570 </dev/null
has out '^Restored the saved session\.$'
has out '^GET /v1/me: 200$'
lacks out 'Code sent'

# Nothing typed at all.
run 2 </dev/null
has err 'no phone number given'

# Hostile phones are refused before anything is sent: too short, a control
# character, non-ASCII, 1000 digits, blank.
for phone in 12 "+7700$(printf '\033')1234567" "+7700123456ä" "$(printf '%01000d' 7)" " "; do
    run 4 "$phone" </dev/null
    has err '^sesame-login: .'
done

# Bad usage: two phones, an unknown option, a URL that is no server, plain
# http off the machine.
run 2 +77001234567 +77001234568 </dev/null
run 2 --no-such-option </dev/null
run_at ftp://127.0.0.1 2 +77001234567 </dev/null
has err 'needs an http:// or https:// URL'
run_at "not a url" 2 +77001234567 </dev/null
run_at http://sesame.example 2 --outbox +77001234567 </dev/null
has err '^sesame-login: .'

# The server gone: unreachable.
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
run 3 --outbox +77001234567 </dev/null
has err 'sesame-login: .'
echo "sesame-login example: all checks passed"
