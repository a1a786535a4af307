#!/bin/sh
# The command line's output (issue 19): the pager on a terminal, --brief, search's --limit and
# "... and N more", --color, -i QUERY and the shells' completion of codes. A terminal is a
# pseudo-terminal of util-linux's script; the pager is a small script that keeps what it got.
#   tests/cli/cmdline.sh BIN
set -u
BIN=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$HERE/../lib.sh"
unset NO_COLOR PAGER LESS

# A pager that keeps its input in $TMP/paged and what it was run with in $TMP/paged.env.
cat >"$TMP/pager" <<EOF
#!/bin/sh
echo "args=\$* LESS=\${LESS-unset}" >"$TMP/paged.env"
cat >"$TMP/paged"
EOF
chmod +x "$TMP/pager"
# onpty COMMAND: run in a pseudo-terminal; what the terminal showed in $TMP/out (no CRs), the
# status in rc, no pager's files left from before.
onpty() {
	rm -f "$TMP/paged" "$TMP/paged.env"
	script -qec "$1" /dev/null </dev/null >"$TMP/pty" 2>&1; rc=$?
	tr -d '\r' <"$TMP/pty" >"$TMP/out"
}
paged_has() { grep -q -- "$1" "$TMP/paged" 2>/dev/null; }

# ---- the pager: on a terminal, long output goes through $PAGER ----------------------------------
onpty "PAGER='$TMP/pager' '$BIN' --lang en 404"
[ $rc -eq 0 ] && paged_has '^404 Not Found$' && paged_has '^What to do$' && ! has 'Not Found' \
	&& grep -qx 'args= LESS=FRX' "$TMP/paged.env" && ok \
	|| bad "404 on a terminal: the whole entry to \$PAGER, with LESS=FRX, nothing printed past it (got $rc)"
onpty "PAGER='$TMP/pager -a b' LESS=-S '$BIN' --lang en 404"
grep -qx 'args=-a b LESS=-S' "$TMP/paged.env" && ok || bad "PAGER's words are its arguments; the user's LESS is kept"
# The default: less -FRX, run as less (a stand-in that says how it was run).
mkdir -p "$TMP/bin"
printf '#!/bin/sh\necho "less $* LESS=$LESS" >"%s/paged.env"\ncat >"%s/paged"\n' "$TMP" "$TMP" >"$TMP/bin/less"
chmod +x "$TMP/bin/less"
onpty "PATH='$TMP/bin':\$PATH '$BIN' --lang en 404"
grep -qx 'less -FRX LESS=FRX' "$TMP/paged.env" && paged_has '^404 Not Found$' && ok \
	|| bad "PAGER unset: less -FRX ($(cat "$TMP/paged.env" 2>/dev/null))"
for cmd in "4xx" "search timeout" "--stats" "--help" "--json 404" "--brief 404" "choose 3 1 2" \
	"explain $ROOT/tests/explain/samples/access-nginx-mixed.log"; do
	onpty "PAGER='$TMP/pager' '$BIN' --lang en $cmd"
	[ -s "$TMP/paged" ] && [ "$(grep -c . "$TMP/out")" -le 2 ] && ok \
		|| bad "httpcodes $cmd on a terminal: through the pager (printed: $(head -c 200 "$TMP/out"))"
done
onpty "PAGER='$TMP/pager' '$BIN' --lang en --no-pager 404"
[ ! -e "$TMP/paged" ] && has '^404 Not Found$' && ok || bad "--no-pager: printed, no pager"
onpty "PAGER='$TMP/pager' '$BIN' --lang en 404 | cat"
[ ! -e "$TMP/paged" ] && has '^404 Not Found$' && ok || bad "stdout a pipe: no pager"
for p in "" "cat" "  "; do
	onpty "PAGER='$p' '$BIN' --lang en 404"
	[ $rc -eq 0 ] && has '^404 Not Found$' && ! has 'pager' && ok || bad "PAGER='$p': printed directly"
done
# Not what asks or answers a paste: add, the guide asking on the terminal, explain of stdin.
onpty "PAGER='$TMP/pager' '$BIN' --lang en choose"
[ ! -e "$TMP/paged" ] && has 'answer 1-' && ok || bad "choose asking on a terminal: no pager"
onpty "PAGER='$TMP/pager' '$BIN' --lang en explain <'$ROOT/tests/explain/samples/alibaba-oss-nosuchkey.txt'"
[ $rc -eq 0 ] && [ ! -e "$TMP/paged" ] && has 'NoSuchKey' && ok || bad "explain of stdin: no pager"
onpty "PAGER='$TMP/pager' XDG_DATA_HOME='$TMP/padd' '$BIN' --lang en add PAGE_ONE 409 --en one"
[ $rc -eq 0 ] && [ ! -e "$TMP/paged" ] && ok || bad "add: no pager"
# Nothing on stdout (only a message): no pager either.
onpty "PAGER='$TMP/pager' '$BIN' --lang en 399"
[ $rc -eq 1 ] && [ ! -e "$TMP/paged" ] && has "nothing matches '399'" && ok || bad "399: only a message, no pager"
# stderr goes into the pager too, in its place among the text (git does the same).
onpty "PAGER='$TMP/pager' '$BIN' --lang en 404 NOSUCHTHINGX 410"
a=$(grep -n '^404 Not Found$' "$TMP/paged" | cut -d: -f1); b=$(grep -n "no code or error code named 'NOSUCHTHINGX'" "$TMP/paged" | cut -d: -f1)
c=$(grep -n '^410 Gone$' "$TMP/paged" | cut -d: -f1)
[ $rc -eq 1 ] && [ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ] && ok \
	|| bad "a message among lookups: in the pager, in order ($a $b $c), status 1 (got $rc)"
# A pager that cannot be run: said (it was asked for), and the text printed; in Chinese too.
onpty "PAGER=no-such-pager-x '$BIN' --lang en 404"
[ $rc -eq 0 ] && has "printed without the pager 'no-such-pager-x': no such file or directory" \
	&& has '^404 Not Found$' && ok || bad "a PAGER that is not there: said, and printed directly (got $rc)"
onpty "PAGER=no-such-pager-x '$BIN' --lang zh 404"
has "未经分页程序“no-such-pager-x”，直接输出：文件或目录不存在" && has '^404 未找到' && ok \
	|| bad "a PAGER that is not there, said in Chinese"
# The default pager missing (no less on PATH): printed directly, without a word.
mkdir -p "$TMP/noless"
onpty "PATH='$TMP/noless' '$BIN' --lang en 404"
[ $rc -eq 0 ] && has '^404 Not Found$' && ! has 'pager' && ok || bad "no less installed: printed directly, quietly"
# The user leaves the pager early (here it reads 10 bytes of 2.5 MB): no word, status as usual.
onpty "PAGER='head -c 10' '$BIN' --lang en --json 0-999; st=\$?; echo; echo status=\$st"
[ "$(grep -c . "$TMP/out")" -eq 3 ] && has '^{"kind":$' && has '^status=0$' && ! has 'cannot write' && ok \
	|| bad "a pager left early: quiet, status 0 ($(head -c 300 "$TMP/out"))"
onpty "PAGER='head -c 10' '$BIN' --lang en 404 NOSUCHTHINGX; st=\$?; echo; echo status=\$st"
has '^status=1$' && ok || bad "a pager left early: the status is the command's own (1 here)"

# ---- --brief: one paragraph per code -----------------------------------------------------------
run --lang en -b 404 NoSuchKey 999 Retry-After HTTPStatus.TOO_MANY_REQUESTS
[ $rc -eq 0 ] && [ "$(grep -c '^$' "$TMP/out")" -eq 6 ] && has '^404 Not Found$' \
	&& grep -A1 '^404 Not Found$' "$TMP/out" | grep -q '^  Nothing exists at this URI' \
	&& grep -A1 '^NoSuchKey → 404 Not Found$' "$TMP/out" | grep -q '^  Amazon Web Services S3: The specified key does not exist.$' \
	&& has '^999  Request Denied$' && has '^  LinkedIn: Request Denied$' && has '^Retry-After$' \
	&& has '^429 Too Many Requests$' && ! has 'What to do' && ! has 'Reference' && ok \
	|| bad "--brief: a title and a short text for each (a status, a business error, a number, a header)"
run --lang zh --brief 404 NoSuchKey
has '^404 未找到（Not Found）$' && has '^  服务器找不到目标资源' && has '^  亚马逊云科技 (AWS) S3：指定的键不存在。$' \
	&& ! has '处理建议' && ok || bad "--brief in Chinese"
"$BIN" --db "$TMP/brief.db" add ONLY_ZH 409 --zh 订单已锁定 --team Orders 2>/dev/null
run --db "$TMP/brief.db" --lang en -b ONLY_ZH
has '^ONLY_ZH → 409 Conflict$' && has '^  Orders（自定义）：订单已锁定$' && ok \
	|| bad "--brief of one of yours with a Chinese message only: the message all the same"
run --json -b 404
jqtrue '.[0].code == 404 and .[0].description_en != ""' && ok || bad "--json -b: JSON is whole"

# ---- search: --limit, and "... and N more" ------------------------------------------------------
run --lang en --limit all search timeout
total=$(grep -c . "$TMP/out")
run --lang en search timeout
[ $rc -eq 0 ] && [ "$(grep -c . "$TMP/out")" -eq 20 ] && [ "$total" -gt 25 ] \
	&& err_has "... and $((total - 20)) more (--limit N shows more, --limit all every one)" && ok \
	|| bad "search: 20 results, then how many more on stderr (of $total)"
run --lang zh --limit 5 search timeout
[ "$(grep -c . "$TMP/out")" -eq 5 ] && err_has "……另有 $((total - 5)) 条结果（--limit N 显示更多，--limit all 显示全部）" && ok \
	|| bad "--limit 5, said in Chinese"
run --lang en --limit 0 search timeout
[ "$(grep -c . "$TMP/out")" -eq "$total" ] && ! err_has 'more' && ok || bad "--limit 0: every one, nothing more said"
run --lang en --limit "$total" search timeout
! err_has 'more' && ok || bad "--limit exactly the count: nothing more said"
run --json --limit 3 search timeout
jqtrue 'length == 3' && err_has "more" && ok || bad "--json --limit 3: three items, the rest said on stderr"
for v in x -1 '' 1x 2.5; do
	run --lang both --limit "$v" search timeout
	[ $rc -eq 2 ] && err_has "'$v' is not a number of results" && err_has "“$v”不是有效的结果数" && [ ! -s "$TMP/out" ] && ok \
		|| bad "--limit '$v': a usage error in both languages (got $rc)"
done

# ---- --color -------------------------------------------------------------------------------------
esc=$(printf '\033')
bold() { grep -q "$esc\[1m" "$TMP/out"; }
onpty "'$BIN' --lang en --no-pager search timeout"
bold && ok || bad "--color auto on a terminal: matches in bold"
onpty "NO_COLOR=1 '$BIN' --lang en --no-pager search timeout"
! bold && has 'Timeout' && ok || bad "NO_COLOR=1: no bold"
onpty "NO_COLOR= '$BIN' --lang en --no-pager search timeout"
bold && ok || bad "NO_COLOR set but empty counts as unset"
onpty "TERM=dumb '$BIN' --lang en --no-pager search timeout"
! bold && ok || bad "TERM=dumb: no bold"
onpty "'$BIN' --lang en --no-pager --color=never search timeout"
! bold && ok || bad "--color=never on a terminal: no bold"
onpty "PAGER='$TMP/pager' '$BIN' --lang en search timeout"
grep -q "$esc\[1m" "$TMP/paged" && ok || bad "through the pager: bold (less -R shows it)"
run --color=always search timeout
bold && ok || bad "--color=always in a pipe: bold"
NO_COLOR=1 "$BIN" --color always search timeout >"$TMP/out" 2>&1
bold && ok || bad "--color always outranks NO_COLOR"
run search timeout
! bold && ok || bad "--color auto in a pipe: none"
run --lang both --color=sometimes 404
[ $rc -eq 2 ] && err_has "unknown --color value 'sometimes' (use auto, always or never)" \
	&& err_has "未知的 --color 取值“sometimes”（可用 auto、always 或 never）" && ok || bad "--color=sometimes: a usage error in both languages"

# ---- -i QUERY: the browser on that search --------------------------------------------------------
run --lang en -i timeout
[ $rc -eq 2 ] && err_has "-i opens the browser, which needs a terminal; in a pipe or a script: httpcodes search timeout" && ok \
	|| bad "-i in a pipe: a usage error that says the browser needs a terminal (got $rc)"
run --lang zh --interactive 超时
[ $rc -eq 2 ] && err_has "-i 会打开浏览界面，需要在终端中运行；在管道或脚本中请用：httpcodes search 超时" && ok \
	|| bad "-i in a pipe, said in Chinese"
HTTPCODES_SCRIPT='' HTTPCODES_SIZE=80x24 HTTPCODES_DUMP="$TMP/screen" "$BIN" --lang en -i gateway timeout >"$TMP/out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q '^/ gateway timeout' "$TMP/screen" && grep -q '^504  Gateway Timeout' "$TMP/screen" && ok \
	|| bad "-i gateway timeout: the search line holds both words, its results shown"
HTTPCODES_SCRIPT='<Esc>' HTTPCODES_SIZE=80x24 HTTPCODES_DUMP="$TMP/screen" "$BIN" --lang en -i "$(printf 'a\033[2Jb')" >"$TMP/out" 2>&1; rc=$?
[ $rc -eq 0 ] && ! grep -q "$esc" "$TMP/screen" && grep -q '100  Continue' "$TMP/screen" && ok \
	|| bad "-i with a control character: made safe; Esc leaves the search"

# ---- --complete: what the shells complete -------------------------------------------------------
run --complete nosuchk
[ "$(cat "$TMP/out")" = NoSuchKey ] && ok || bad "--complete nosuchk: NoSuchKey (case ignored)"
run --complete 40
[ "$(head -n 10 "$TMP/out" | tr '\n' ' ')" = "400 401 402 403 404 405 406 407 408 409 " ] && ok \
	|| bad "--complete 40: the statuses first ($(head -n 10 "$TMP/out" | tr '\n' ' '))"
run --complete 99
has '^999$' && ok || bad "--complete 99: a number only senders use"
run --complete retry-a
[ "$(cat "$TMP/out")" = Retry-After ] && ok || bad "--complete retry-a: a header field"
run --complete ''
n=$(wc -l <"$TMP/out")
[ "$n" -ge 150 ] && [ "$n" -le 200 ] && [ "$(sort -u "$TMP/out" | wc -l)" -eq "$n" ] && ok \
	|| bad "--complete '': at most 200, each once (got $n)"
run --complete 'NoSuch%'
[ $rc -eq 1 ] && [ ! -s "$TMP/out" ] && ok || bad "--complete: % is no wildcard"
run --complete 'APIGW_0'
[ $rc -eq 1 ] && [ ! -s "$TMP/out" ] && ok || bad "--complete: _ is no wildcard"
DB="$TMP/mine.db"
"$BIN" --db "$DB" add ORDER_LOCKED 409 --team Orders --en "The order is locked" 2>/dev/null
"$BIN" --db "$DB" add order_gone 410 --en "gone" 2>/dev/null
run --db "$DB" --complete order_
[ "$(grep -c '^ORDER_LOCKED$\|^order_gone$' "$TMP/out")" -eq 2 ] && ok || bad "--complete: your own codes"
run --complete order_l
! has ORDER_LOCKED && ok || bad "--complete: another database's codes are not yours"
! "$BIN" --help | grep -q -- '--complete' && ok || bad "--complete is not in --help (it is the completions')"
# The bash completion itself, as bash runs it, with this httpcodes first on PATH.
if command -v bash >/dev/null 2>&1; then
	mkdir -p "$TMP/path" && ln -sf "$BIN" "$TMP/path/httpcodes"
	got=$(PATH="$TMP/path:$PATH" bash -c '. "$1"; COMP_WORDS=(httpcodes --db "$2" nosuchk); COMP_CWORD=3; _httpcodes
		printf "%s\n" "${COMPREPLY[@]}"; COMP_WORDS=(httpcodes --db "$2" order_l); COMP_CWORD=3; _httpcodes
		printf "%s\n" "${COMPREPLY[@]}"; COMP_WORDS=(httpcodes --color ""); COMP_CWORD=2; _httpcodes
		printf "%s\n" "${COMPREPLY[@]}"' bash "$ROOT/completions/httpcodes.bash" "$DB" | tr '\n' ' ')
	[ "$got" = "NoSuchKey ORDER_LOCKED auto always never " ] && ok \
		|| bad "bash: nosuchk<TAB> is NoSuchKey, your order_l<TAB> ORDER_LOCKED, --color's values (got '$got')"
	got=$(PATH="$TMP/path:$PATH" XDG_DATA_HOME="$TMP/xdg" bash -c '"$3" add MY_OWN_CODE 400 --en mine >/dev/null 2>&1
		. "$1"; COMP_WORDS=(httpcodes my_own); COMP_CWORD=1; _httpcodes; printf "%s\n" "${COMPREPLY[@]}"' \
		bash "$ROOT/completions/httpcodes.bash" "$DB" "$BIN")
	[ "$got" = MY_OWN_CODE ] && ok || bad "bash: your own codes, from your default database (got '$got')"
fi

# ---- in a real terminal (tmux): less -FRX by default, and -i ------------------------------------
if command -v tmux >/dev/null 2>&1 && command -v less >/dev/null 2>&1; then
	T="tmux -L httpcodes-cmdline-$$-0 -f /dev/null" RUNS=0
	pane() { $T capture-pane -p -t t 2>/dev/null; }
	wait_for() { # poll the screen (bounded; no timing is asserted)
		i=0
		while [ $i -lt 600 ]; do pane | grep -qF -- "$1" && return 0; sleep 0.05; i=$((i + 1)); done
		return 1
	}
	wait_prompt() { # less's prompt, ":", alone on the last line
		i=0
		while [ $i -lt 600 ]; do pane | tail -n 1 | grep -qx ':' && return 0; sleep 0.05; i=$((i + 1)); done
		return 1
	}
	start() { # start TERM COMMAND...: a pane of 80x24 runs it, then says how it ended
		$T kill-server 2>/dev/null
		RUNS=$((RUNS + 1)) # a server of its own each time: none waits on another's shutdown
		T="tmux -L httpcodes-cmdline-$$-$RUNS -f /dev/null"
		term=$1; shift
		$T new-session -d -s t -x 80 -y 24 "env -u PAGER -u LESS XDG_DATA_HOME=$XDG_DATA_HOME LC_ALL=C.UTF-8 \
			TERM=$term $*; echo ENDED-\$?; sleep 60"
		$T set-option -t t -g status off >/dev/null
	}
	for term in xterm-256color screen-256color; do
		# Longer than the screen: less holds it, from its first line, until q.
		start $term "$BIN" --lang en 404
		wait_for "404 Not Found" && wait_prompt && ! pane | grep -q ENDED && ok || bad "$term: 404 in less, waiting at its prompt"
		$T send-keys -t t q
		wait_for "ENDED-0" && ok || bad "$term: q leaves less; status 0"
		# Shorter than the screen: less -F quits at once, and -X leaves it on the screen.
		start $term "$BIN" --lang en 40x
		wait_for "ENDED-0" && pane | grep -q '^404  Not Found' && ok || bad "$term: 40x fits: printed, no keys needed"
		# Quit early from a long list: no word, the status as usual.
		start $term "$BIN" --lang en 0-999
		wait_for "100  Continue" && $T send-keys -t t q && wait_for "ENDED-0" && ! pane | grep -q 'cannot write' && ok \
			|| bad "$term: q before the end of 0-999: quiet, status 0"
		# -i: the browser opens on the search, which goes on as typed.
		start $term "$BIN" --lang zh -i 超时
		wait_for "/ 超时" && wait_for "504  网关超时" && ok || bad "$term: -i 超时 opens the browser on that search"
		$T send-keys -t t -l '网关'
		wait_for "/ 超时网关" && ok || bad "$term: -i: the search line keeps the keys"
		$T send-keys -t t Escape q
		wait_for "ENDED-0" && ok || bad "$term: -i: Esc, q: status 0"
	done
	$T kill-server 2>/dev/null
else
	echo "cmdline: tmux or less is not installed"; fail=$((fail + 1))
fi

finish
