#!/bin/sh
# The user's own mappings from the command line: add, edit, rm, import, export, and what
# happens with bad files, two importers at once, a kill -9, and nowhere to save.
#   tests/cli/user.sh BIN
set -u
BIN=$1
. "$(dirname "$0")/../lib.sh"
count() { "$BIN" export --format json | jq length; }

# ---- add, look up, search, edit, remove ------------------------------------------------------
run add ORDER_LOCKED 409 --team Orders --en "The order is locked" --zh 订单已锁定
[ $rc -eq 0 ] && err_has "added Orders/ORDER_LOCKED" && ok || bad "add"
run ORDER_LOCKED
[ $rc -eq 0 ] && grep -q '^ORDER_LOCKED → 409 Conflict' "$TMP/out" && grep -q 'Orders (yours)' "$TMP/out" \
	&& ok || bad "a looked-up own code shows its status, marked as ours"
run search 订单已锁定
grep -q 'ORDER_LOCKED' "$TMP/out" && ok || bad "search finds our own code by its Chinese"
run 409
grep -q 'ORDER_LOCKED' "$TMP/out" && ok || bad "the status's detail lists our own code"
# A word of ours alone, typed in part, where the built-in data has many words it begins too
# ('requ': request, required ...): our row is found by the prefix.
run add REQUISITION_HELD 423 --team Orders --en "The requisition is on hold" --zh 申购单被挂起
run search requ
grep -q 'REQUISITION_HELD' "$TMP/out" && ok || bad "search requ finds our own word requisition"
run rm REQUISITION_HELD --team Orders
[ $rc -eq 0 ] && ok || bad "rm REQUISITION_HELD"
run add ORDER_LOCKED 409 --team Orders --en again
[ $rc -eq 1 ] && err_has "already in your database" && ok || bad "adding twice is refused"
run --lang zh add ERR_QUOTA 429 --zh 配额用尽
[ $rc -eq 0 ] && err_has "已添加 ERR_QUOTA" && ok || bad "add with a Chinese message only"
run add NO_MESSAGE 400
[ $rc -eq 2 ] && err_has "a message in English or Chinese is needed" && ok || bad "add without a message"
run add BAD_STATUS 700 --en x
[ $rc -eq 2 ] && err_has "'700' is not an HTTP status" && ok || bad "add with a bad status"
run edit ORDER_LOCKED --team Orders --status 423 --en "Locked by another user"
[ $rc -eq 0 ] && "$BIN" ORDER_LOCKED | grep -q '423 Locked' && ok || bad "edit changes the status"
run edit ORDER_LOCKED --team Nobody --status 423
[ $rc -eq 1 ] && err_has "Nobody/ORDER_LOCKED is not in your database" && ok || bad "edit names the row by team"
run rm ERR_QUOTA
[ $rc -eq 0 ] && [ "$(count)" -eq 1 ] && ok || bad "rm"

# ---- B12: edit and rm without --team: the only match, or the teams that have it --------------------
export XDG_DATA_HOME="$TMP/teams"
"$BIN" add ORDER_HELD 409 --team Orders --en x 2>/dev/null
run edit ORDER_HELD --status 410
[ $rc -eq 0 ] && err_has "changed Orders/ORDER_HELD" && "$BIN" ORDER_HELD | grep -q '^ORDER_HELD → 410 Gone' && ok \
	|| bad "edit without --team: the only ORDER_HELD, under Orders (got $rc)"
"$BIN" add ORDER_HELD 409 --team 'Billing Ops' --en y 2>/dev/null
"$BIN" add ORDER_HELD 409 --en z 2>/dev/null
run rm ORDER_HELD
[ $rc -eq 2 ] && err_has "ORDER_HELD is in your database more than once" && err_has "  --team 'Billing Ops'" \
	&& err_has "  --team Orders" && err_has "  --team ''" && [ "$(count)" -eq 3 ] && ok \
	|| bad "rm of a code three teams have: each team said, nothing removed, 2 (got $rc)"
run --lang zh edit ORDER_HELD --status 423
[ $rc -eq 2 ] && err_has "你的数据库中有不止一个 ORDER_HELD" && ok || bad "the same in Chinese"
run rm ORDER_HELD --team ''
[ $rc -eq 0 ] && err_has "removed ORDER_HELD" && [ "$(count)" -eq 2 ] && ok || bad "--team '' names the one without a team"
"$BIN" add ORDER_HELD 409 --team Orders --product Shop --en w 2>/dev/null
run edit ORDER_HELD --team Orders --status 423
[ $rc -eq 2 ] && err_has "  --team Orders --product ''" && err_has "  --team Orders --product Shop" && ok \
	|| bad "one team, two products: the products said (got $rc)"
run rm ORDER_HELD --team Orders --product Shop
[ $rc -eq 0 ] && err_has "removed Orders/Shop/ORDER_HELD" && ok || bad "team and product: removed"
run rm ORDER_GONE
[ $rc -eq 1 ] && err_has "ORDER_GONE is not in your database" && ok || bad "a code nobody has: 1"
"$BIN" add 10-20 400 --en range-like 2>/dev/null; "$BIN" add 1001 400 --en number-like 2>/dev/null
run 10-20 1001
[ $rc -eq 0 ] && has '^10-20 → 400' && has '^1001 → 400' && ok || bad "error codes of yours that look like ranges or numbers"

# ---- B20: notes and bookmarks in --json, and listed by 'httpcodes bookmarks' ------------------------
export XDG_DATA_HOME="$TMP/marks"
run bookmarks
[ $rc -eq 1 ] && [ ! -s "$TMP/out" ] && err_has "no bookmarks or notes yet" && ok || bad "bookmarks: none yet, 1 (got $rc)"
run --json bookmarks
[ $rc -eq 1 ] && jqtrue '. == []' && ok || bad "--json bookmarks: [] when there are none"
# The browser (scripted) bookmarks 404 and writes a note on it, and notes 418.
HTTPCODES_SCRIPT='/404<Enter>mcrouter drops these<Enter>/418<Enter>ctea<Enter>' HTTPCODES_SIZE=100x30 \
	HTTPCODES_DUMP="$TMP/screen" TERM=xterm-256color timeout 30 "$BIN" --lang en >/dev/null 2>&1
run --json 404 418 503
[ $rc -eq 0 ] && jqtrue '.[0].bookmarked == true and .[0].note == "router drops these"' \
	&& jqtrue '.[1].bookmarked == false and .[1].note == "tea"' && jqtrue '.[2].bookmarked == false and .[2].note == null' \
	&& ok || bad "--json carries the bookmark and the note on a status"
run bookmarks
[ $rc -eq 0 ] && grep -qx '404  Not Found ★' "$TMP/out" && grep -qx '       router drops these' "$TMP/out" \
	&& grep -qx '418  (Unused)' "$TMP/out" && ok || bad "bookmarks: each code, ★ when bookmarked, the note under it"
run --lang zh bookmarks
[ $rc -eq 0 ] && has '^404  未找到 ★' && has '你的笔记' && ok || bad "bookmarks in Chinese"
run --json bookmarks
[ $rc -eq 0 ] && jqtrue 'length == 2 and .[0].code == 404 and .[0].bookmarked and .[0].note == "router drops these"' \
	&& jqtrue '.[1].code == 418 and (.[1].bookmarked | not) and .[1].name_zh != ""' && ok || bad "--json bookmarks"

# ---- export and import give back identical rows ---------------------------------------------
export XDG_DATA_HOME="$TMP/data"
printf '\357\273\277team,error_code,http_status,message_en,message_zh,description_en\r\nPay,"PAY,DECLINED",402,"Card ""declined""",卡被拒,"line one\nline two"\r\nPay,PAY_LIMIT,429,Too many,太多了,\r\n' >"$TMP/in.csv"
run import "$TMP/in.csv"
[ $rc -eq 0 ] && err_has "imported 2 rows" && ok || bad "import CSV with a BOM, quotes, commas, newlines"
"$BIN" export >"$TMP/a.csv"; "$BIN" export --format json >"$TMP/a.json"
XDG_DATA_HOME="$TMP/data2" "$BIN" import "$TMP/a.csv" 2>/dev/null
XDG_DATA_HOME="$TMP/data2" "$BIN" export >"$TMP/b.csv"
cmp -s "$TMP/a.csv" "$TMP/b.csv" && ok || bad "CSV export, import, export: identical"
XDG_DATA_HOME="$TMP/data3" "$BIN" import "$TMP/a.json" 2>/dev/null
XDG_DATA_HOME="$TMP/data3" "$BIN" export --format json >"$TMP/b.json"
cmp -s "$TMP/a.json" "$TMP/b.json" && jq -e 'length == 3' "$TMP/b.json" >/dev/null && ok \
	|| bad "JSON export, import, export: identical"

# ---- every kind of bad row: nothing imported, each reported with its line ---------------------
before=$(count)
printf 'error_code,http_status,message_en\n,404,m\nE2,999,m\nE3,abc,m\nE4,404,\nE5,404,m\nE5,404,m\nE6,404,\377\376\nE7,404,"a\033[31mred"\nE9,404,m,extra\n"E10,404,m\n' >"$TMP/bad.csv"
run import "$TMP/bad.csv"
[ $rc -eq 1 ] && [ "$(count)" -eq "$before" ] && ok || bad "a file with bad rows imports nothing"
for want in "line 2: the error code is missing" "line 3: '999' is not an HTTP status" \
	"line 4: 'abc' is not an HTTP status" "line 5: a message in English or Chinese is needed" \
	"line 7: the same error code as line 6" "line 8: message_en is not valid UTF-8" \
	"line 9: message_en contains control characters" "line 10: 4 fields"; do
	err_has "$want" && ok || bad "reported: $want"
done
! grep -q "$(printf '\033')" "$TMP/err" && ok || bad "the ESC from the file is not echoed raw"
run --lang zh import "$TMP/bad.csv"
err_has "第 3 行：“999”不是 HTTP 状态码" && err_has "第 11 行：不是有效的 CSV：数据不符合 CSV 格式" && ok \
	|| bad "reports in Chinese, the CSV parser's reason too"
printf 'team,error_code,http_status,colour\nA,X1,404,red\n' >"$TMP/col.csv"
run import "$TMP/col.csv"
[ $rc -eq 1 ] && err_has "line 1: unknown column 'colour'" && ok || bad "unknown column"
run import --skip-invalid "$TMP/bad.csv"
[ $rc -eq 0 ] && err_has "skipped 9 bad rows" && err_has "imported 1 row" && ! err_has "1 rows" \
	&& [ "$(count)" -eq $((before + 1)) ] \
	&& ok || bad "--skip-invalid imports the good rows and lists the rest"
run import "$TMP/in.csv"
[ $rc -eq 1 ] && err_has "already in your database" && ok || bad "rows already there: nothing imported"
printf '[\n {"error_code":"J1","http_status":404,"message_en":"a"},\n 42,\n {"error_code":"J3","http_status":"700","message_en":"x","extra":1}\n]' >"$TMP/in.json"
run import "$TMP/in.json"
[ $rc -eq 1 ] && err_has "line 3: not an object" && err_has "line 4: unknown column 'extra'" \
	&& err_has "line 4: '700' is not an HTTP status" && ok || bad "JSON bad rows with their lines"
echo '{not json' >"$TMP/broken.json"
run import "$TMP/broken.json"
[ $rc -eq 1 ] && err_has "not valid JSON" && ok || bad "broken JSON"
run import "$TMP/missing.csv"
[ $rc -eq 2 ] && err_has "cannot read '$TMP/missing.csv': no such file or directory" && ok \
	|| bad "a missing file: a usage error (2), the reason named (got $rc)"
run --lang zh import "$TMP/missing.csv"
[ $rc -eq 2 ] && err_has "无法读取“$TMP/missing.csv”：文件或目录不存在" && ok || bad "the same, in Chinese"
run import "$TMP"
[ $rc -eq 2 ] && err_has "cannot read '$TMP': it is a directory" && ok || bad "a directory to import: named as one"

# ---- two importers at once; a kill -9 in the middle -------------------------------------------
gen() { # gen PREFIX N: N rows
	echo "team,error_code,http_status,message_en"
	i=0; while [ $i -lt "$2" ]; do echo "$1,E$i,400,message $i"; i=$((i + 1)); done
}
gen A 1000 >"$TMP/a1000.csv"; gen B 1000 >"$TMP/b1000.csv"
export XDG_DATA_HOME="$TMP/conc"
"$BIN" import "$TMP/a1000.csv" 2>"$TMP/e1" & p1=$!
"$BIN" import "$TMP/b1000.csv" 2>"$TMP/e2" & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && [ "$(count)" -eq 2000 ] && ok || bad "two importers of 1,000 rows: 2,000 rows"
gen K 5000 >"$TMP/k5000.csv"
HTTPCODES_TEST_KILL_AT=2500 "$BIN" import "$TMP/k5000.csv" 2>/dev/null; r=$?
[ $r -eq 137 ] && [ "$(count)" -eq 2000 ] && "$BIN" import "$TMP/k5000.csv" 2>/dev/null && [ "$(count)" -eq 7000 ] \
	&& ok || bad "killed mid-import (status $r): the file is as it was, and usable"

# ---- nowhere to save ---------------------------------------------------------------------------
: >"$TMP/not-a-dir"
export XDG_DATA_HOME="$TMP/not-a-dir"
run add X 400 --en x
[ $rc -eq 3 ] && err_has "cannot save to your database" && ok || bad "no writable data directory: a clear message"
run 404
[ $rc -eq 0 ] && grep -q '^404 Not Found' "$TMP/out" && ok || bad "and the built-in data still works"
# A read-only data directory, read-only even for root (CI runs as root, where chmod is no bar).
export XDG_DATA_HOME=/proc/1
run import "$TMP/in.csv"
[ $rc -eq 3 ] && err_has "cannot save to your database '/proc/1/httpcodes/user.db'" && ok \
	|| bad "a read-only data directory: a clear message, naming the file"
run --lang zh add X 400 --en x
[ $rc -eq 3 ] && err_has "无法保存到你的数据库" && ok || bad "the same, in Chinese"

finish
