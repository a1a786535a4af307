# Shared by the tmux suites (tmux.sh, keys.sh): a tmux server of their own, the screen, and
# waits that poll it (bounded; no timing is asserted). Sourced with BIN set to the program
# and NAME to the suite's name.
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
if ! command -v tmux >/dev/null 2>&1; then
	echo "$NAME: tmux is not installed"; echo "0 passed, 1 failed"; exit 1
fi
TMP=$(mktemp -d)
export XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" # never the developer's own files
unset HTTPCODES_LANG LANGUAGE COLORFGBG
RUN=0
T="tmux -L httpcodes-$NAME-$$-0 -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
# A fresh tmux server (its own socket) for each run, so no run waits on another's shutdown.
new_server() {
	$T kill-server 2>/dev/null
	RUN=$((RUN + 1))
	T="tmux -L httpcodes-$NAME-$$-$RUN -f /dev/null"
}
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; $T capture-pane -p -t t 2>/dev/null | sed 's/^/    | /' | head -32; }

screen() { $T capture-pane -p -t t 2>/dev/null; }
# poll GREP-ARGS...: until grep finds it on the screen (at most ~30 s: a sanitized build on a
# busy machine is slow).
poll() {
	i=0
	while [ $i -lt 600 ]; do
		screen | grep -q "$@" && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
wait_for() { poll -F -- "$1"; }   # the screen shows TEXT
wait_re() { poll -E -- "$1"; }    # the screen matches REGEX
# wait_gone TEXT: until the screen no longer shows TEXT.
wait_gone() {
	i=0
	while [ $i -lt 600 ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
