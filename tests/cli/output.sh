#!/bin/sh
# What httpcodes writes: every write checked (a full disk, a closed stdout, a broken pipe),
# nothing raw from a crafted database, and clean error paths.
#   tests/cli/output.sh BIN SQLX
set -u
BIN=$1
SQLX=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
. "$(dirname "$0")/../lib.sh"

# ---- the browser: a failed save says why (the reason was read before it was set) ---------------
"$BIN" --db "$TMP/full.db" add FULL_ONE 400 --en one 2>/dev/null
"$SQLX" "$TMP/full.db" "VACUUM" # no free pages left for the note to fill
pages=$("$SQLX" "$TMP/full.db" "PRAGMA page_count")
note=$(head -c 6000 /dev/zero | tr '\0' x) # more than the pages left can hold
HTTPCODES_TEST_MAX_PAGES=$pages HTTPCODES_SCRIPT="4<Down>c$note<Enter>" HTTPCODES_SIZE=100x24 \
	HTTPCODES_DUMP="$TMP/screen" timeout 60 "$BIN" --db "$TMP/full.db" --lang en >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && grep 'cannot save' "$TMP/screen" | grep -q 'disk is full' && ok \
	|| bad "a note that does not fit: the status bar says the disk is full (got: $(tail -n 1 "$TMP/screen"))"

# Any byte a terminal would act on: C0 controls but newline and tab, DEL, and the C1 controls
# (U+0080-U+009F, bytes C2 80-C2 9F).
raw_controls() {
	od -An -v -tx1 "$1" | tr ' ' '\n' | grep -v '^$' | awk '
		/^(0[0-8]|0[b-f]|1[0-9a-f]|7f)$/ { found = 1 }
		prev == "c2" && /^[89][0-9a-f]$/ { found = 1 }
		{ prev = $0 }
		END { exit !found }'
}

# ---- every write is checked: a full disk, a closed stdout ---------------------------------------
DB="$TMP/few.db"
"$BIN" --db "$DB" add ORDER_LOCKED 409 --team Orders --en "The order is locked" --zh 订单已锁定 2>/dev/null
"$BIN" --db "$DB" add ERR_QUOTA 429 --en "Quota used up" 2>/dev/null
if [ -w /dev/full ]; then
	for args in "404" "--json 4xx" "--db $DB export" "--db $DB export --format json" "--help"; do
		# shellcheck disable=SC2086
		"$BIN" $args >/dev/full 2>"$TMP/err"; rc=$?
		[ $rc -eq 3 ] && err_has "cannot write the output: no space left on the device" && ok \
			|| bad "httpcodes $args >/dev/full: status 3 and why (got $rc)"
	done
	"$BIN" --lang zh --db "$DB" export >/dev/full 2>"$TMP/err"; rc=$?
	[ $rc -eq 3 ] && err_has "无法写出输出内容：设备上没有剩余空间" && ! err_has "no space" && ok \
		|| bad "a full disk, said in Chinese (got $rc)"
	"$BIN" --lang both --json 404 >/dev/full 2>"$TMP/err"; rc=$?
	[ $rc -eq 3 ] && err_has "no space left on the device" && err_has "设备上没有剩余空间" && ok \
		|| bad "a full disk, said in both languages (got $rc)"
else
	echo "skip: no /dev/full"
fi
for args in "--db $DB export" "--db $DB export --format json" "404"; do
	# shellcheck disable=SC2086
	"$BIN" $args >&- 2>"$TMP/err"; rc=$?
	[ $rc -eq 3 ] && err_has "cannot write the output: standard output is closed" && ok \
		|| bad "httpcodes $args with stdout closed: status 3 and why (got $rc)"
done
"$BIN" --lang zh 404 >&- 2>"$TMP/err"; rc=$?
[ $rc -eq 3 ] && err_has "无法写出输出内容：标准输出已关闭" && ok || bad "stdout closed, said in Chinese (got $rc)"
"$BIN" --db "$DB" add QUIET_ONE 400 --en quiet >&- 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && ! err_has "cannot write" && ok || bad "a command that writes nothing to stdout does not mind it closed"

# ---- a broken pipe stays quiet, and never says "no error" ---------------------------------------
BIG="$TMP/big.db"
{ echo "error_code,http_status,message_en,description_en"; i=0
  while [ $i -lt 2000 ]; do echo "BIG$i,400,m,$(printf '%0200d' $i)"; i=$((i + 1)); done; } >"$TMP/big.csv"
"$BIN" --db "$BIG" import "$TMP/big.csv" 2>/dev/null
{ "$BIN" 4xx 2>"$TMP/err"; echo $? >"$TMP/rc"; } | head -n 1 >/dev/null
[ ! -s "$TMP/err" ] && ok || bad "httpcodes 4xx | head -1: quiet"
for args in "export" "export --format json" "--json 1xx 2xx 3xx 4xx 5xx"; do
	# shellcheck disable=SC2086
	{ (trap '' PIPE; "$BIN" --db "$BIG" $args 2>"$TMP/err"; echo $? >"$TMP/rc"); } | head -c 5 >/dev/null
	rc=$(cat "$TMP/rc")
	[ "$rc" -ne 0 ] && [ ! -s "$TMP/err" ] && ok \
		|| bad "SIGPIPE ignored, httpcodes $args | head -c 5: quiet, not 0 (got $rc)"
done

# ---- nothing raw from a crafted database: ESC, BEL and C1 in a field --------------------------
CTL="$TMP/ctl.db"
"$BIN" --db "$CTL" add CTL_ONE 409 --team Orders --en plain 2>/dev/null
"$BIN" --db "$CTL" add CTL_TWO 409 --team Orders --en plain 2>/dev/null
# The CLI refuses such bytes, so they are put in behind its back (and into the search index,
# which the file itself no longer keeps).
"$SQLX" "$CTL" "UPDATE user_mappings SET message_en = char(27)||']0;PWNED'||char(7)||char(155)||'31m'
	WHERE error_code = 'CTL_ONE'" "UPDATE user_mappings SET team = 'Or'||char(27)||'[2Jders'||char(133)
	WHERE error_code = 'CTL_TWO'" \
	"UPDATE search_fts SET name_en = (SELECT message_en FROM user_mappings WHERE id = search_fts.rowid)"
want='"\u001b]0;PWNED\u0007\u009b31m"'
run --db "$CTL" --json CTL_ONE
[ $rc -eq 0 ] && ! raw_controls "$TMP/out" && jqtrue ".[0].message_en == $want" && ok \
	|| bad "--json lookup: the controls escaped, the text intact"
run --db "$CTL" --json search CTL_ONE
[ $rc -eq 0 ] && ! raw_controls "$TMP/out" && jqtrue "any(.[]; .name_en == $want)" && ok \
	|| bad "--json search: the controls escaped, the text intact"
run --db "$CTL" export --format json
[ $rc -eq 0 ] && ! raw_controls "$TMP/out" && jqtrue "any(.[]; .message_en == $want)" \
	&& jqtrue 'any(.[]; .team == "Or\u001b[2Jders\u0085")' && ok \
	|| bad "export --format json: the controls escaped, the text intact"
run --db "$CTL" export
[ $rc -eq 3 ] && [ ! -s "$TMP/out" ] && err_has "cannot export 'Or?[2Jders?/CTL_TWO' as CSV" \
	&& err_has "--format json" && ! raw_controls "$TMP/err" && ok \
	|| bad "CSV export of a row with controls: refused, nothing written, the row named (sanitised)"
run --lang zh --db "$CTL" export --format csv
[ $rc -eq 3 ] && err_has "无法把“Or?[2Jders?/CTL_TWO”导出为 CSV" && ok || bad "the same, in Chinese"
"$SQLX" "$CTL" "UPDATE user_mappings SET team = 'Orders' WHERE error_code = 'CTL_TWO'"
run --db "$CTL" export
[ $rc -eq 3 ] && err_has "'Orders/CTL_ONE'" && [ ! -s "$TMP/out" ] && ok || bad "CSV export: a control in a message is refused too"
"$SQLX" "$CTL" "UPDATE user_mappings SET message_en = 'line one'||char(10)||'line'||char(9)||'two'
	WHERE error_code = 'CTL_ONE'"
run --db "$CTL" export
[ $rc -eq 0 ] && grep -q '"line one$' "$TMP/out" && ok || bad "CSV export: newline and tab are kept (CSV quotes them)"

# A table that is not STRICT (so it could hold a BLOB) is not ours: refused, and said why.
ODD="$TMP/odd.db"
"$BIN" --db "$ODD" add ODD_ONE 409 --en plain 2>/dev/null
"$SQLX" "$ODD" "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')')
	WHERE name = 'user_mappings'"
"$SQLX" "$ODD" "UPDATE user_mappings SET message_zh = X'1b5b324aff9b' WHERE error_code = 'ODD_ONE'"
run --db "$ODD" export --format json
[ $rc -eq 3 ] && [ ! -s "$TMP/out" ] && err_has "did not make: user_mappings" && ! err_has "no error" && ok \
	|| bad "export --format json of a table that is not ours: refused, and why (got $rc)"
run --db "$ODD" export
[ $rc -eq 3 ] && err_has "did not make: user_mappings" && ! err_has "no error" && ok \
	|| bad "CSV export of a table that is not ours: refused, and why"

# ---- usage, and error paths that release what they hold (LeakSanitizer in the ASan build) ------
run export foo
[ $rc -eq 2 ] && err_has "usage: httpcodes export [--format csv|json] [--db PATH]" && ! err_has "ERROR_CODE" && ok \
	|| bad "export with an argument: the usage of export"
run --lang zh export foo
[ $rc -eq 2 ] && err_has "用法：httpcodes export [--format csv|json] [--db 路径]" && ok || bad "the same, in Chinese"
COLS="$TMP/cols.db"
"$BIN" --db "$COLS" add COLS_ONE 409 --en x 2>/dev/null
"$SQLX" "$COLS" "DROP TABLE user_mappings; CREATE TABLE user_mappings (id INTEGER PRIMARY KEY, error_code TEXT)"
for args in "409" "--json 409" "--json 409-410" "COLS_ONE" "--json COLS_ONE" "export" "export --format json"; do
	# shellcheck disable=SC2086
	run --db "$COLS" $args
	[ $rc -eq 3 ] && err_has "did not make: user_mappings" && ! err_has "no error" && ok \
		|| bad "user_mappings with the wrong columns: httpcodes $args says so, status 3 (got $rc)"
done
FTS="$TMP/fts.db"
"$BIN" --db "$FTS" add FTS_ONE 409 --en "order locked" 2>/dev/null
"$SQLX" "$FTS" "UPDATE search_fts_config SET v = 99 WHERE k = 'version'"
for args in "search order" "order" "--json search order"; do
	# shellcheck disable=SC2086
	run --db "$FTS" $args
	[ $rc -eq 3 ] && err_has "cannot search" && ok || bad "a damaged search index: httpcodes $args, status 3 (got $rc)"
done

# ---- the browser: COLUMNS and LINES beyond any terminal ---------------------------------------
# Under a memory limit, so that a browser that sizes its screens by them fails here, not the
# machine. AddressSanitizer reserves terabytes of address space, so its build gets an RSS limit.
if ASAN_OPTIONS=help=1 "$BIN" --version 2>&1 | grep -q 'flags for AddressSanitizer'; then
	limit="export ASAN_OPTIONS=${ASAN_OPTIONS:-}:hard_rss_limit_mb=1500"
else
	limit="ulimit -v 1500000"
fi
for lang in en zh; do
	(eval "$limit"; HTTPCODES_SCRIPT= HTTPCODES_SIZE=30000x30000 HTTPCODES_DUMP="$TMP/screen" \
		exec "$BIN" --lang $lang) >"$TMP/out" 2>"$TMP/err"; rc=$?
	case $lang in
	en) want="ignored 'COLUMNS=30000 LINES=30000': no terminal is that large" ;;
	zh) want="已忽略“COLUMNS=30000 LINES=30000”：没有这么大的终端" ;;
	esac
	[ $rc -eq 0 ] && [ -s "$TMP/screen" ] && [ "$(wc -l <"$TMP/screen")" -le 1000 ] \
		&& grep -qF "$want" "$TMP/screen" && ok \
		|| bad "COLUMNS=30000 LINES=30000 ($lang): the browser runs, says what it ignored (got $rc)"
	rm -f "$TMP/screen"
done
(eval "$limit"; HTTPCODES_SCRIPT='4' HTTPCODES_SIZE=120x40 HTTPCODES_DUMP="$TMP/screen" exec "$BIN" --lang en) \
	>"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && [ "$(wc -l <"$TMP/screen")" -eq 40 ] && ! grep -q "no terminal is that large" "$TMP/screen" && ok \
	|| bad "a size a terminal can have is used as it is, without a word"
# The same in a real terminal (tmux): the variables dropped, curses asks the terminal its size.
if command -v tmux >/dev/null 2>&1; then
	T="tmux -L httpcodes-output-$$ -f /dev/null"
	pane() { $T capture-pane -p -t t 2>/dev/null; }
	wait_for() { # poll the screen (bounded; no timing is asserted)
		i=0
		while [ $i -lt 600 ]; do pane | grep -qF -- "$1" && return 0; sleep 0.05; i=$((i + 1)); done
		return 1
	}
	$T new-session -d -s t -x 100 -y 30 "$limit; env XDG_DATA_HOME=$XDG_DATA_HOME LC_ALL=C.UTF-8 \
		TERM=tmux-256color COLUMNS=30000 LINES=30000 $BIN --lang en; echo ENDED-\$?; sleep 60"
	$T set-option -t t -g status off >/dev/null
	wait_for "no terminal is that large" && [ "$(pane | wc -l)" -le 30 ] && wait_for "100  Continue" && ok \
		|| bad "in tmux, COLUMNS=30000 LINES=30000: the terminal's own size, and a word on the status bar"
	$T send-keys -t t q
	wait_for "ENDED-0" && ok || bad "in tmux, COLUMNS=30000 LINES=30000: q quits with status 0 ($(pane | tail -n 1))"
	$T kill-server 2>/dev/null
else
	echo "skip: no tmux"
fi

finish
