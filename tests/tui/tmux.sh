#!/bin/sh
# Black-box tests of the browser in a real pseudo-terminal, through tmux: keys in with
# send-keys, the screen out with capture-pane. Waits poll the screen for what should appear
# (bounded), they assert no timing.
#   tests/tui/tmux.sh BIN
set -u
BIN=$1 NAME=test
. "$(dirname "$0")/tmuxlib.sh"

# Each run: a shell in a pane runs httpcodes, then prints how it ended and waits.
start() { # start COLS LINES ARGS...
	cols=$1; lines=$2; shift 2
	new_server
	$T new-session -d -s t -x "$cols" -y "$lines" \
		"env XDG_DATA_HOME=$XDG_DATA_HOME LC_ALL=C.UTF-8 HTTPCODES_TODAY=2026-11-22 TERM=tmux-256color $BIN $*; echo ENDED-\$?; sleep 60"
	$T set-option -t t -g status off >/dev/null
}

# The same under a TERM of our choosing (start's is tmux's own): start_term TERM COLS LINES ARGS...
start_term() {
	term=$1 cols=$2 lines=$3
	shift 3
	new_server
	$T new-session -d -s t -x "$cols" -y "$lines" \
		"env XDG_DATA_HOME=$XDG_DATA_HOME LC_ALL=C.UTF-8 TERM=$term $BIN $*; echo ENDED-\$?; sleep 60"
	$T set-option -t t -g status off >/dev/null
}

# ---- start, search in Chinese, open, resize, quit --------------------------------------------
start 100 30 --lang zh
wait_for "httpcodes" && wait_for "100  继续" && ok || bad "starts and shows the list"
$T send-keys -t t / && $T send-keys -t t -l '超时'
wait_for "/ 超时" && wait_for "408  请求超时" && ok || bad "search in Chinese as you type"
$T send-keys -t t BSpace
wait_gone "/ 超时" && wait_for "/ 超" && ! screen | grep -q "$(printf '\357\277\275')" && ok \
	|| bad "backspace removes a whole Chinese character"
$T send-keys -t t -l '时' && $T send-keys -t t Enter
wait_for "504 网关超时（Gateway Timeout）" && ok || bad "Enter opens the detail"
$T resize-window -t t -x 40 -y 12
# The stacked layout's rule between list and detail is drawn only once the program has laid
# the screen out anew at 40 columns (at 100 the panes stand side by side).
wait_for "────────────────" && screen | grep -q "504" && [ "$(screen | wc -l)" -le 12 ] && ok \
	|| bad "resized to 40x12, laid out anew"
$T resize-window -t t -x 20 -y 5
wait_for "终端太小" && ok || bad "a clear notice when too small"
$T resize-window -t t -x 100 -y 30
wait_for "504 网关超时" && ok || bad "back to normal when it grows"
$T send-keys -t t q
wait_for "ENDED-0" && ! screen | grep -q "httpcodes  状态码" && ok \
	|| bad "q quits with status 0 and gives the terminal back"

# ---- English search, business errors, jump to the status and back -----------------------------
start 120 40 --lang en
wait_for "100  Continue" || bad "starts in English"
$T send-keys -t t / && $T send-keys -t t -l 'gateway timeout'
wait_for "504  Gateway Timeout" && ok || bad "search in English"
$T send-keys -t t Escape
wait_for "all classes" && wait_for "504 Gateway Timeout" && ! screen | grep -qF "/ gateway" && ok \
	|| bad "Esc leaves the search, on the code it showed"
$T send-keys -t t b
wait_for "Alibaba Cloud" && wait_for "Amazon Web Services" && ok || bad "b lists the sources"
$T send-keys -t t Enter
wait_for "Account.Arrearage" && ok || bad "Enter opens a source's errors"
$T send-keys -t t Enter Enter
wait_for "403 Forbidden" && wait_for "Typical causes" && ok || bad "from a mapping to its status"
$T send-keys -t t BSpace
wait_for "ActionUnauthorized → 403" && ok || bad "Backspace goes back to the mapping"
$T send-keys -t t L
wait_for "Source 来源" && wait_for "阿里云" && ok || bad "L switches the language (English -> both)"
$T send-keys -t t '?'
wait_for "复制状态码和名称" && ok || bad "? shows the keys"
$T send-keys -t t q q
wait_for "ENDED-0" && ok || bad "quits"

# ---- signals and terminals -----------------------------------------------------------------
start 80 24 --lang en
wait_for "100  Continue" && $T send-keys -t t C-c
wait_for "ENDED-130" && ! screen | grep -q "1xx Informational" && ok \
	|| bad "Ctrl-C (SIGINT) restores the terminal and exits 130"
start 80 24 --lang en
wait_for "100  Continue"
pid=$(pgrep -P "$($T list-panes -t t -F '#{pane_pid}')" -x httpcodes | head -n 1)
[ -n "$pid" ] && kill -TERM "$pid"
wait_for "ENDED-143" && ok || bad "SIGTERM restores the terminal and exits 143"

# ---- a header field: found by search, its statuses followed, Backspace back to it -------------
for term in xterm-256color screen-256color; do
	start_term "$term" 110 30 --lang en
	wait_for "100  Continue" || bad "$term: starts"
	$T send-keys -t t / && $T send-keys -t t -l 'retry-after'
	wait_re "^ +Retry-After +How long" && ok || bad "$term: a header field is a search result, first"
	$T send-keys -t t Enter
	wait_for "Statuses it goes with" && wait_for "RFC 9110, Section 10.2.3" && ok || bad "$term: Enter opens the header's entry"
	# Enter left the focus on the entry. The first link in view is followed: scroll the entry
	# until its statuses are at the top.
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do $T send-keys -t t j; done
	$T send-keys -t t Enter
	wait_re "│ [0-9]{3} [A-Z]" && ! screen | grep -q "Statuses it goes with" && ok \
		|| bad "$term: Enter on a status the header goes with opens that status"
	$T send-keys -t t BSpace
	wait_for "Statuses it goes with" && ok || bad "$term: Backspace comes back to the header's entry"
	$T send-keys -t t q
	wait_for "ENDED-0" && ok || bad "$term: q quits"
done

# ---- explain: a paste anywhere (bracketed by the terminal), x and typing, links and back ------
S=$(cd "$(dirname "$0")/../explain/samples" && pwd)
for term in xterm-256color screen-256color; do
	start_term "$term" 110 30 --lang en
	wait_for "100  Continue" || bad "$term: starts"
	# tmux brackets a paste (-p) for a program that asked for it, and sends each line feed as a
	# carriage return, as terminals do: a curl -si response, CRLF headers and an LF body.
	$T load-buffer -b s3 "$S/aws-s3-nosuchkey.txt"
	$T paste-buffer -p -b s3 -t t
	wait_for "Response  HTTP/1.1 404 Not Found  from Amazon Web Services" && wait_for "Request id     7Q2KX9M4B1C8D3EF" \
		&& wait_for "NoSuchKey → 404 Not Found" && ok || bad "$term: a paste anywhere is explained, headers and body"
	$T send-keys -t t Enter
	wait_for "Typical causes" && ! screen | grep -q "Response  HTTP" && ok || bad "$term: Enter follows the status it names"
	$T send-keys -t t BSpace
	wait_for "Response  HTTP/1.1 404 Not Found" && ok || bad "$term: Backspace comes back to the explanation"
	$T send-keys -t t x
	wait_for "Ctrl-D explains, Esc cancels" && ok || bad "$term: x opens the paste area"
	$T send-keys -t t -l '2026/11/29 10:00:01 [error] 7#7: *9 upstream timed out (110: Connection timed out)'
	wait_for "upstream timed out (110" || bad "$term: typed text shows in the paste area"
	$T send-keys -t t C-d
	wait_for "Log line  504 Gateway Timeout  from nginx" && wait_for '"upstream timed out"  the client got 504' \
		&& ok || bad "$term: Ctrl-D explains what was typed"
	$T send-keys -t t x
	wait_for "Ctrl-D explains, Esc cancels" && $T send-keys -t t Escape
	wait_gone "Ctrl-D explains, Esc cancels" && wait_for "Log line  504" && ok || bad "$term: Esc closes the paste area"
	$T load-buffer -b log "$S/access-nginx-mixed.log"
	$T paste-buffer -p -b log -t t
	wait_for "60 lines, 60 of them requests in an access log" && wait_for "499  Client Closed Request  (nginx)" \
		&& ok || bad "$term: a pasted access log is summarised"
	$T send-keys -t t q
	wait_for "ENDED-0" && ok || bad "$term: q quits"
done

# ---- the guide: which status should my API return? ------------------------------------------
for term in xterm-256color screen-256color; do
	start_term "$term" 100 30 --lang en
	wait_for "100  Continue" || bad "$term: starts"
	$T send-keys -t t w
	wait_for "What happened to the request?" && ok || bad "$term: w opens the guide"
	$T send-keys -t t 3
	wait_for "First check: can your service handle requests" && ok || bad "$term: an answer by its number"
	$T send-keys -t t Down Up Enter
	wait_for "Has this client gone over a rate limit or a quota?" && ok || bad "$term: an answer by the arrows and Enter"
	$T send-keys -t t BSpace
	wait_for "First check: can your service handle requests" && ok || bad "$term: Backspace goes to the question before"
	$T send-keys -t t 1 2
	wait_for "429  Too Many Requests" && wait_for "Send with it   Retry-After" && wait_for "The mistake it avoids" \
		&& ok || bad "$term: throttling ends at 429 with Retry-After, opened as the status's detail"
	$T send-keys -t t q
	wait_for "ENDED-0" && ok || bad "$term: q quits"
done

# ---- issue 19: the link cursor, mouse clicks on links and tabs, the theme key, OSC 8 ------------
screen_e() { $T capture-pane -e -p -t t 2>/dev/null; }
# click X Y (0-based): a left press as the terminal sends it, SGR (1006) for xterm, X10 for screen.
click() {
	if [ "$term" = xterm-256color ]; then
		$T send-keys -t t -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)) $(($1 + 1)) $(($2 + 1)))"
	else
		xy="\\0$(printf '%o' $(($1 + 33)))\\0$(printf '%o' $(($2 + 33)))"
		$T send-keys -t t -l "$(printf "\\033[M %b\\033[M#%b" "$xy" "$xy")"
	fi
}
for term in xterm-256color screen-256color; do
	start_term "$term" 100 30 --lang en
	wait_for "100  Continue" && $T send-keys -t t 4 j j j Tab Tab
	wait_for "WWW-Authenticate (usual)" && i=0 && while [ $i -lt 100 ] && ! screen_e | grep "WWW-Authenticate (usual)" \
		| grep -q '48;5;25m'; do sleep 0.05; i=$((i + 1)); done
	screen_e | grep "WWW-Authenticate (usual)" | grep -q '48;5;25m' && ok || bad "$term: Tab marks the first link"
	$T send-keys -t t Tab
	i=0; while [ $i -lt 100 ] && ! screen_e | grep "Authorization (related)" | grep -q '48;5;25m'; do sleep 0.05; i=$((i + 1)); done
	screen_e | grep "Authorization (related)" | grep -q '48;5;25m' && ! screen_e | grep "WWW-Authenticate (usual)" \
		| grep -q '48;5;25m' && ok || bad "$term: Tab moves the mark to the next link"
	$T send-keys -t t BTab
	wait_for "Authorization (related)" && i=0 && while [ $i -lt 100 ] && ! screen_e | grep "WWW-Authenticate (usual)" \
		| grep -q '48;5;25m'; do sleep 0.05; i=$((i + 1)); done
	$T send-keys -t t Enter
	wait_for "│ WWW-Authenticate" && wait_for "Statuses it goes with" && ok || bad "$term: Shift-Tab back, Enter follows it"
	$T send-keys -t t BSpace
	wait_gone "Statuses it goes with" && wait_for "WWW-Authenticate (usual)" && ok || bad "$term: Backspace comes back"
	$T send-keys -t t G
	wait_for "Twilio  20403"
	row=$(screen | grep -n "Twilio  20403" | head -1 | cut -d: -f1)
	[ -n "$row" ] && click 60 $((row - 1))
	wait_re "│ 20403 → 403 Forbidden" && ok || bad "$term: a click on a business error under the status opens it"
	click 22 0
	wait_for "[Business errors]" && wait_for "Alibaba Cloud" && ok || bad "$term: a click on the Business errors tab shows them"
	$T send-keys -t t t
	wait_for "theme: dark background (kept for next time)" && ok || bad "$term: t switches the theme and says so"
	$T send-keys -t t q
	wait_for "ENDED-0" && grep -qx 'theme = dark' "$XDG_CONFIG_HOME/httpcodes/config" && ok || bad "$term: the theme is kept"
	rm -f "$XDG_CONFIG_HOME/httpcodes/config"
done

# OSC 8: the reference written again as a terminal link over what curses drew (the pane's raw
# output, as tmux receives it), and the screen the same as without.
start_term xterm-256color 100 30 --lang en 
$T pipe-pane -t t -o "cat >>$TMP/raw"
new_server
rm -f "$TMP/raw"
$T new-session -d -s t -x 100 -y 30 "env XDG_DATA_HOME=$XDG_DATA_HOME FORCE_HYPERLINK=1 LC_ALL=C.UTF-8 TERM=xterm-256color $BIN --lang en; echo ENDED-\$?; sleep 60"
$T set-option -t t -g status off >/dev/null
$T pipe-pane -t t -o "cat >>$TMP/raw"
wait_for "100  Continue" && $T send-keys -t t 4 j j j j j j j j j j j j j j j j j j j j j j j j j j j j j Tab G
wait_for "Reference: https://shopify.dev/docs/api/usage/response-codes" && sleep 0.3
grep -q "$(printf '\033')]8;;https://shopify.dev/docs/api/usage/response-codes$(printf '\033')" "$TMP/raw" && ok \
	|| bad "FORCE_HYPERLINK=1: a reference in view is written as an OSC 8 link"
screen | grep -q "^430  Security Rejection" && ok || bad "the links leave the screen as it was"
$T send-keys -t t q
wait_for "ENDED-0" || bad "quits after links"

# ---- httpcodes choose on a terminal: asked, answered, back, a leaf -------------------------------
start_term xterm-256color 100 40 --lang en choose
wait_for "answer 1-3 (b back, q quit):" && ok || bad "choose asks on a terminal"
$T send-keys -t t 3 Enter
wait_for "First check: can your service handle requests" && ok || bad "choose: an answer takes the next question"
$T send-keys -t t b Enter
wait_for "What happened to the request?" && ok || bad "choose: b goes back"
$T send-keys -t t 3 Enter 1 Enter 2 Enter
wait_for "429  Too Many Requests" && wait_for "ENDED-0" && ok || bad "choose: throttling ends at 429, exit 0"

new_server
$T new-session -d -s t -x 80 -y 24 "env TERM=dumb LC_ALL=C.UTF-8 $BIN --lang zh; echo ENDED-\$?; sleep 60"
wait_for "无法打开终端浏览界面" && wait_for "ENDED-3" && ok || bad "TERM=dumb: a clear message"
new_server
$T new-session -d -s t -x 80 -y 24 "env TERM=no-such-terminal-xyz LC_ALL=C.UTF-8 $BIN --lang en; echo ENDED-\$?; sleep 60"
wait_for "cannot open the terminal browser (TERM=no-such-terminal-xyz)" && wait_for "ENDED-3" && ok \
	|| bad "a TERM unknown to terminfo: a clear message"
new_server
$T new-session -d -s t -x 80 -y 24 "env -u TERM LC_ALL=C.UTF-8 $BIN 404 | head -1; echo ENDED-\$?; sleep 60"
wait_for "404 Not Found" && ok || bad "TERM unset: the command line still works"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
