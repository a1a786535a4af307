#!/bin/sh
# Keys through a real terminal: tmux sends what a terminal sends (escape sequences, ^S, ^C)
# through a pseudo-terminal and its driver, under the TERMs people run with. The scripted
# screens (run.sh) feed keys straight to the program and never meet either. Waits poll the
# screen for what should appear (bounded); no timing is asserted.
#   tests/tui/keys.sh BIN
set -u
BIN=$1 NAME=keys
. "$(dirname "$0")/tmuxlib.sh"
DATA= # each run's own: no bookmark is left over for the next
bar() { screen | tail -n 1; } # the status bar: the last row
# Nothing stray ran: no class switched to, no delete or edit refused, no help opened.
calm() {
	bar | grep -qF "all classes" && ! screen | grep -qE "only your own|Keys \(j/k"
}

# start TERM COLS LINES ARGS...: the browser in a pane whose tty has the driver's usual modes
# (ixon on, as a terminal has it); XENV is given to env first (-u NAME, NAME=VALUE). Then the
# shell says how it ended.
XENV=
start() {
	term=$1; cols=$2; lines=$3; shift 3
	new_server
	DATA=$TMP/data-$RUN
	$T new-session -d -s t -x "$cols" -y "$lines" \
		"stty ixon; env $XENV XDG_DATA_HOME=$DATA LC_ALL=C.UTF-8 HTTPCODES_TODAY=2026-11-22 TERM=$term $BIN $*; echo ENDED-\$?; sleep 60"
	$T set-option -t t -g status off >/dev/null
}

# ---- Home, End, Ctrl-arrows (B15): named whatever TERM says, never split into keys ------------
for term in xterm-256color screen-256color tmux-256color; do
	start $term 100 30 --lang en
	wait_for "100  Continue" || bad "$term: starts"
	$T send-keys -t t End
	wait_re "│ 999$" && calm && ok || bad "$term: End selects the last row (no class switch)"
	$T send-keys -t t Home
	wait_re "│ 100 Continue$" && calm && ok || bad "$term: Home selects the first row"
	$T send-keys -t t j
	wait_re "│ 101 Switching Protocols$" && calm && ok || bad "$term: j after Home moves down"
	# Ctrl-Right focuses the details (as Right does): j then scrolls them, the list stays.
	$T send-keys -t t C-Right j
	wait_re "│ The server agrees to switch" && wait_gone "│ 101 Switching Protocols" && calm \
		&& ! screen | grep -qF "102 Processing" && ok || bad "$term: Ctrl-Right focuses the details"
	$T send-keys -t t C-Left j
	wait_re "│ 102 Processing$" && calm && ok || bad "$term: Ctrl-Left focuses the list"
	# In the search line, Home and End move in the query (as in fzf); the Ctrl-arrows leave it alone.
	$T send-keys -t t / && $T send-keys -t t -l gate
	wait_for "/ gate" || bad "$term: / opens the search"
	$T send-keys -t t Home && $T send-keys -t t -l "bad "
	wait_for "/ bad gate" && ok || bad "$term: Home in the search line"
	$T send-keys -t t End C-Left C-Right && $T send-keys -t t -l way
	wait_for "/ bad gateway" && wait_re "^502  Bad Gateway " && ok || bad "$term: End/Ctrl-arrows in the search line"
	$T send-keys -t t Escape
	wait_gone "/ bad gateway" || bad "$term: Esc leaves the search"
	# The line editor in the search line (the query line is the list's first row, up to its
	# rule): Ctrl-A, Ctrl-E, Ctrl-W, ← → and Ctrl-K move and cut in the query.
	query() { wait_re "^/ $1 +(no results +)?│"; }
	$T send-keys -t t / && $T send-keys -t t -l timeout
	query timeout && $T send-keys -t t C-a && $T send-keys -t t -l "gateway "
	query "gateway timeout" && ok || bad "$term: Ctrl-A in the search line, typing before the query"
	$T send-keys -t t C-e && $T send-keys -t t -l s
	query "gateway timeouts" && ok || bad "$term: Ctrl-E in the search line"
	$T send-keys -t t C-w
	query "gateway" && ok || bad "$term: Ctrl-W deletes the word before"
	$T send-keys -t t Left Left Left C-k
	query "gatew" && ok || bad "$term: ← and Ctrl-K in the search line"
	$T send-keys -t t Left Left Right && $T send-keys -t t -l X
	query "gateXw" && ok || bad "$term: → in the search line"
	$T send-keys -t t Escape
	wait_gone "/ gateXw" || bad "$term: Esc leaves the search"
	# In a form field: Home and End move in the field; the Ctrl-arrows do nothing, and typing
	# goes on where it was.
	$T send-keys -t t a && $T send-keys -t t -l AB
	wait_for "Add your error code" || bad "$term: a opens the form"
	$T send-keys -t t Home End C-Left C-Right && $T send-keys -t t -l CD
	wait_for "ABCD" && screen | grep -qF "Add your error code" && ok || bad "$term: Home/End/Ctrl-arrows in the form"
	$T send-keys -t t Home && $T send-keys -t t -l X
	wait_for "XABCD" && ok || bad "$term: Home in a form field"
	$T send-keys -t t DC
	wait_gone "XABCD" && wait_for "XBCD" && ok || bad "$term: Delete in a form field"
	$T send-keys -t t Escape
	wait_gone "Add your error code" && ok || bad "$term: Esc closes the form"
	# The help names every key bound, Ctrl-B and Ctrl-F among them; they page the list.
	$T send-keys -t t g
	wait_re "│ 100 Continue$" && $T send-keys -t t "?" # quoted: a one-letter file here would be the glob's match
	wait_for "PgUp Ctrl-B" && wait_for "PgDn Space Ctrl-F" && ok || bad "$term: the help shows Ctrl-B and Ctrl-F"
	$T send-keys -t t x C-f
	wait_gone "PgUp Ctrl-B" && wait_gone "│ 100 Continue" && calm && ok || bad "$term: Ctrl-F pages down"
	$T send-keys -t t C-b
	wait_re "│ 100 Continue$" && ok || bad "$term: Ctrl-B pages up"
	$T send-keys -t t q
	wait_for "ENDED-0" && ok || bad "$term: q quits"
done

# ---- Ctrl-S saves (B1): the driver's flow control does not take it ----------------------------
start xterm-256color 100 30 --lang en
wait_for "100  Continue" && $T send-keys -t t a
wait_for "Add your error code" && $T send-keys -t t -l ERR1 && $T send-keys -t t Tab Tab \
	&& $T send-keys -t t -l Team && $T send-keys -t t Tab Tab && $T send-keys -t t -l msg
wait_for "msg" && $T send-keys -t t C-s
wait_for "added ERR1" && ok || bad "Ctrl-S saves the form (ixon set in the terminal)"
$T send-keys -t t q
wait_for "ENDED-0" && "$BIN" --db "$DATA/httpcodes/user.db" export --format json | grep -qF '"error_code":"ERR1"' && ok \
	|| bad "the row saved with Ctrl-S is in the database"

# ---- the terminal given back as it was, however the browser ends --------------------------------
# end_with KEY-OR-HUP STATUS: Ctrl-S and j first; the screen must go on (a driver that took ^S
# would freeze it), then the key or the hangup ends the browser with STATUS.
end_with() {
	new_server
	rm -f "$TMP/before" "$TMP/after"
	$T new-session -d -s t -x 80 -y 24 \
		"stty ixon; stty -a >$TMP/before; env XDG_DATA_HOME=$XDG_DATA_HOME LC_ALL=C.UTF-8 TERM=xterm-256color $BIN --lang en; echo ENDED-\$?; stty -a >$TMP/after; sleep 60"
	$T set-option -t t -g status off >/dev/null
	wait_for "100  Continue" && $T send-keys -t t C-s j
	wait_re "│ 101 Switching Protocols$" || return 1 # the detail's title: j was taken
	if [ "$1" = HUP ]; then
		pid=$(pgrep -P "$($T list-panes -t t -F '#{pane_pid}')" -x httpcodes | head -n 1)
		[ -n "$pid" ] && kill -HUP "$pid"
	else
		$T send-keys -t t "$1"
	fi
	wait_for "ENDED-$2" && i=0 && while [ ! -s "$TMP/after" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	cmp -s "$TMP/before" "$TMP/after"
}
end_with C-c 130 && ok || bad "after Ctrl-S the screen goes on; Ctrl-C ends the browser (130), stty -a as before"
end_with HUP 129 && ok || bad "after Ctrl-S the screen goes on; a hangup ends the browser (129), stty -a as before"

# ---- y (B11): the name without the star, and "copied" only when something took it ---------------
mkdir -p "$TMP/bin-tmux" "$TMP/bin-xclip"
ln -s "$(command -v tmux)" "$TMP/bin-tmux/tmux"
ln -s "$(command -v tmux)" "$TMP/bin-xclip/tmux"
printf '#!/bin/sh\necho "$@" >%s/clip-args\nexec /bin/cat >%s/clip\n' "$TMP" "$TMP" >"$TMP/bin-xclip/xclip"
chmod +x "$TMP/bin-xclip/xclip"

start xterm-256color 100 30 --lang en
$T set-option -s set-clipboard on
wait_for "100  Continue" && $T send-keys -t t 4 Down Down Down Down
wait_re "│ 404 Not Found$" && $T send-keys -t t m
wait_for "bookmarked 404" && $T send-keys -t t y
wait_for "copied: " && bar | grep -qE "copied: 404 Not Found *$" && [ "$($T show-buffer)" = "404 Not Found" ] && ok \
	|| bad "y under tmux's set-clipboard on: copied, without the star"

XENV="PATH=$TMP/bin-tmux"
start xterm-256color 100 30 --lang en
wait_for "100  Continue" && $T send-keys -t t y
wait_for "cannot copy" && ! screen | grep -qF "copied" && ok || bad "y where nothing takes it says so"

XENV="PATH=$TMP/bin-xclip"
start xterm-256color 100 30 --lang en
wait_for "100  Continue" && $T send-keys -t t y
wait_for "copied: 100 Continue" && [ "$(cat "$TMP/clip" 2>/dev/null)" = "100 Continue" ] \
	&& grep -qx -- "-selection clipboard" "$TMP/clip-args" && ok || bad "y through xclip when OSC 52 is not taken"

# Outside tmux's knowledge (no TMUX): the terminal is asked (DA1); its answer lists no 52,
# and the answer is read whole, not taken as keys.
XENV="-u TMUX PATH=$TMP/bin-tmux"
start xterm-256color 100 30 --lang en
wait_for "100  Continue" && $T send-keys -t t y
wait_for "cannot copy" && $T send-keys -t t j
wait_re "│ 101 Switching Protocols$" && calm && ok || bad "y asks the terminal, and its answer is no keys"
XENV=

# ---- scrolling the results (issue 14) ------------------------------------------------------------
# The browser reads a result only once it comes into view: every key that moves in the results
# must show rows that were not read before. Through the terminal, the screen after each key is
# the one the scripted browser draws for the same keys, and no result row in view is blank.
# shown KEYS: the pane shows what the scripted browser shows after KEYS (polled, bounded).
shown() {
	HTTPCODES_SCRIPT="$1" HTTPCODES_SIZE=100x12 HTTPCODES_DUMP="$TMP/want" XDG_DATA_HOME="$TMP/data-script" \
		LC_ALL=C.UTF-8 HTTPCODES_TODAY=2026-11-22 TERM=xterm-256color "$BIN" --lang en >/dev/null 2>&1
	sed 's/ *$//' "$TMP/want" >"$TMP/want.trimmed"
	i=0
	while [ $i -lt 600 ]; do
		screen | sed 's/ *$//' | cmp -s - "$TMP/want.trimmed" && break
		sleep 0.05; i=$((i + 1))
	done
	# Rows 3 to 11 are the list's, below the query line: each shows a result (some 180 rows
	# of 200 matches, a number's meanings on one row).
	[ $i -lt 600 ] && ! screen | sed -n '3,11p' | grep -q '^ *│' && bar | grep -qE " 1[0-9][0-9] items"
}
for term in xterm-256color screen-256color; do
	start $term 100 12 --lang en
	wait_for "100  Continue" && $T send-keys -t t / && $T send-keys -t t -l e
	shown '/e' && ok || bad "$term: a search shows its first results"
	$T send-keys -t t NPage NPage
	shown '/e<PgDn><PgDn>' && ok || bad "$term: PgDn in the results reads the next page"
	$T send-keys -t t PPage
	shown '/e<PgDn><PgDn><PgUp>' && ok || bad "$term: PgUp in the results"
	# Enter focuses the details; Tab gives the list the keys: j past the rows read, then k, G, g.
	$T send-keys -t t Enter Tab j j j j j j j j j j j j j j
	shown '/e<PgDn><PgDn><PgUp><Enter><Tab>jjjjjjjjjjjjjj' && ok || bad "$term: j down the results"
	$T send-keys -t t k k
	shown '/e<PgDn><PgDn><PgUp><Enter><Tab>jjjjjjjjjjjjjjkk' && ok || bad "$term: k up the results"
	$T send-keys -t t G
	shown '/e<PgDn><PgDn><PgUp><Enter><Tab>jjjjjjjjjjjjjjkkG' && ok || bad "$term: G reads the last results"
	$T send-keys -t t g
	shown '/e<PgDn><PgDn><PgUp><Enter><Tab>jjjjjjjjjjjjjjkkGg' && ok || bad "$term: g to the first result"
	# n and N: from the codes into the results, then from one result to the next.
	$T send-keys -t t Escape n N n n n n n n n n n n n
	shown '/e<PgDn><PgDn><PgUp><Enter><Tab>jjjjjjjjjjjjjjkkGg<Esc>nNnnnnnnnnnnn' && ok \
		|| bad "$term: n and N through the results"
	$T send-keys -t t q
	wait_for "ENDED-0" && ok || bad "$term: q quits"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
