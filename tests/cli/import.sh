#!/bin/sh
# Imports that are linear, bounded and exact: a hundred thousand rows in seconds, endless
# sources refused, a file that is not UTF-8 text named for what it is, JSON and CSV read
# exactly as written, and keys in one form whoever writes them.
#   tests/cli/import.sh BIN
set -u
BIN=$1
. "$(dirname "$0")/../lib.sh"
count() { "$BIN" export --format json | jq length; }
# A bound where slowness or a hang is the bug (never a timing to meet: ASan builds are slower).
trun() { timeout 60 "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }
# Memory bound too, so that a reader without a limit fails here instead of taking the machine
# (not for ASan builds, which map terabytes of shadow memory).
limited() { (grep -qa __asan_init "$BIN" || ulimit -v 2000000; "$@"); }
csv() { printf 'team,error_code,http_status,message_en\n'; printf "$@"; }

# ---- F8: checking is linear: 100,000 rows, with a duplicate, and with bad rows ----------------------
gen() { # gen N: N good rows, each team with its codes
	awk -v n="$1" 'BEGIN { print "team,error_code,http_status,message_en"
		for (i = 0; i < n; i++) printf "T%d,E%d,400,message %d\n", i % 7, i, i }'
}
gen 100000 >"$TMP/100k.csv"
{ cat "$TMP/100k.csv"; echo "T3,E3,400,again"; } >"$TMP/100k-dup.csv"
export XDG_DATA_HOME="$TMP/big"
trun import "$TMP/100k-dup.csv"
[ $rc -eq 1 ] && err_has "line 100002: the same error code as line 5" && [ "$(grep -c . "$TMP/err")" -eq 2 ] \
	&& [ "$(count)" -eq 0 ] && ok || bad "100,000 rows and one duplicate: refused (status $rc), pointing at the first"
trun import "$TMP/100k.csv"
[ $rc -eq 0 ] && err_has "imported 100000 rows" && [ "$(count)" -eq 100000 ] && ok \
	|| bad "100,000 rows imported (status $rc)"
export XDG_DATA_HOME="$TMP/mostly-bad"
awk 'BEGIN { print "error_code,http_status,message_en"
	for (i = 0; i < 200000; i++) printf "H%d,%d,m\n", i, i % 100 ? 999 : 400 }' >"$TMP/bad.csv"
trun import --skip-invalid "$TMP/bad.csv"
[ $rc -eq 0 ] && err_has "line 200001: '999' is not an HTTP status" && err_has "skipped 198000 bad rows" \
	&& err_has "imported 2000 rows" && [ "$(count)" -eq 2000 ] && ok \
	|| bad "200,000 rows, 198,000 of them bad: the good ones imported (status $rc)"

# ---- F15: endless and huge sources end promptly; a file is read as a stream, kept whole or not at all -
export XDG_DATA_HOME="$TMP/data"
limited timeout 60 "$BIN" import /dev/zero >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && err_has "the file contains NUL bytes: not a text file" && ! err_has "CSV" && ok \
	|| bad "import /dev/zero: ends, not a text file (status $rc)"
yes | limited timeout 60 "$BIN" import - >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && err_has "line 1: unknown column 'y'" && err_has "your database is as it was" && ok \
	|| bad "an endless pipe with a bad header: ends at the header (status $rc)"
csv 'A,E1,400,x\n' >"$TMP/huge.csv"; truncate -s 300M "$TMP/huge.csv" # sparse: no disk taken
limited timeout 60 "$BIN" --lang zh import "$TMP/huge.csv" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && err_has "文件含有 NUL 字节，不是文本文件" && err_has "你的数据库保持原样" && ok \
	|| bad "a 300 MB file of NUL bytes after a good row: refused, in Chinese (status $rc)"
{ csv ''; yes 'T,E,400,m'; } | limited timeout 60 "$BIN" import - >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && err_has "'-' has more than 2,000,000 rows: import it in parts" && [ "$(grep -c . "$TMP/err")" -eq 2 ] && ok \
	|| bad "an endless pipe of rows: refused at the row limit, nothing else said (status $rc)"
# A problem found at the end of a file, after 100,000 rows went in, undoes them all.
export XDG_DATA_HOME="$TMP/late"
"$BIN" add KEPT 400 --en kept 2>/dev/null
{ cat "$TMP/100k.csv"; printf 'T,NUL,400,a\000b\n'; } >"$TMP/late-nul.csv"
for skip in "" --skip-invalid; do
	trun import $skip "$TMP/late-nul.csv"
	[ $rc -eq 1 ] && err_has "NUL bytes" && err_has "your database is as it was" && [ "$(count)" -eq 1 ] && ok \
		|| bad "a NUL byte after 100,000 rows ${skip:-(all or nothing)}: nothing imported (status $rc)"
done
awk 'BEGIN { printf "["; for (i = 0; i < 100000; i++) printf "%s{\"error_code\":\"J%d\",\"http_status\":400,\"message_en\":\"m\"}", i ? ",\n" : "", i }' >"$TMP/late.json"
trun import --skip-invalid "$TMP/late.json"
[ $rc -eq 1 ] && err_has "not valid JSON: not a JSON array of objects" && [ "$(grep -c . "$TMP/err")" -eq 2 ] && [ "$(count)" -eq 1 ] && ok \
	|| bad "a JSON array never closed, after 100,000 elements: nothing imported (status $rc)"
{ echo ']'; } >>"$TMP/late.json"
trun import "$TMP/late.json"
[ $rc -eq 0 ] && err_has "imported 100000 rows" && [ "$(count)" -eq 100001 ] && ok \
	|| bad "the same array closed: imported element by element (status $rc)"
{ csv 'A,Q1,400,x\nA,Q2,400,"never closed\n'; yes 'more text, no quote'; } | head -c 3000000 >"$TMP/open-quote.csv"
trun import --skip-invalid "$TMP/open-quote.csv"
[ $rc -eq 0 ] && err_has "line 3: not valid CSV: a field is too big" && err_has "imported 1 row" && ok \
	|| bad "an unclosed quote: the reading ends a megabyte on, not at the end of the file (status $rc)"
export XDG_DATA_HOME="$TMP/data"

# ---- F19: NUL bytes, UTF-16 and UTF-32 are named for what they are ----------------------------
rows() { csv 'A,E1,400,x\n'; }
wide() { # wide NAME BOM ENCODING: the rows in that encoding, after that byte order mark
	{ printf "$2"; rows | iconv -f UTF-8 -t "$3"; } >"$TMP/$1"
}
wide u16le.csv '\377\376' UTF-16LE; wide u16be.csv '\376\377' UTF-16BE
wide u32le.csv '\377\376\000\000' UTF-32LE; wide u32be.csv '\000\000\376\377' UTF-32BE
wide u16le-nobom.csv '' UTF-16LE; wide u16be-nobom.csv '' UTF-16BE; wide u32le-nobom.csv '' UTF-32LE
for f in u16le:UTF-16LE u16be:UTF-16BE u32le:UTF-32LE u32be:UTF-32BE u16le-nobom:UTF-16LE \
	u16be-nobom:UTF-16BE u32le-nobom:UTF-32LE; do
	run import "$TMP/${f%%:*}.csv"
	[ $rc -eq 1 ] && err_has "the file is ${f#*:} text, not UTF-8: save it as UTF-8" && ! err_has "CSV" && ok \
		|| bad "${f%%:*}: said to be ${f#*:} (status $rc)"
done
{ printf '\377\376'; printf '错误码' | iconv -f UTF-8 -t UTF-16LE; } >"$TMP/u16-cjk.csv" # no NUL at all
run --lang zh import "$TMP/u16-cjk.csv"
[ $rc -eq 1 ] && err_has "文件是 UTF-16LE 编码的文本，不是 UTF-8：请另存为 UTF-8" && ok \
	|| bad "UTF-16 Chinese text (no NUL bytes): named, in Chinese"
printf '[{"error_code":"A","http_status":400,"message_en":"a"}]' | iconv -f UTF-8 -t UTF-16LE >"$TMP/u16.json"
run import "$TMP/u16.json"
[ $rc -eq 1 ] && err_has "the file is UTF-16LE text" && ok || bad "UTF-16 JSON: named"
printf '[{"error_code":"A","http_status":400,"message_en":"a\000b"}]' >"$TMP/nul.json"
run import "$TMP/nul.json"
[ $rc -eq 1 ] && err_has "the file contains NUL bytes: not a text file" && ! err_has "CSV" && ok \
	|| bad "a NUL byte in JSON: not called CSV"
run --lang zh import "$TMP/nul.json"
err_has "文件含有 NUL 字节，不是文本文件" && ok || bad "the same in Chinese"

# ---- F10: a JSON element that is not an object is a bad row, never a silent empty import -------
printf '[{"error_code":"A1","http_status":400,"message_en":"x"},\n "oops",\n {"error_code":"A3","http_status":400,"message_en":"y"}]\n' >"$TMP/str.json"
run import "$TMP/str.json"
[ $rc -eq 1 ] && err_has "line 2: not an object" && err_has "nothing imported: 1 bad row (use --skip-invalid" && [ "$(count)" -eq 0 ] && ok \
	|| bad "a string element: reported with its line, nothing imported (status $rc)"
run import --skip-invalid "$TMP/str.json"
[ $rc -eq 0 ] && err_has "imported 2 rows" && [ "$(count)" -eq 2 ] && ok || bad "--skip-invalid: the two objects"
printf '[{"error_code":"B1","http_status":400,"message_en":"x"},\n "{\\"error_code\\":\\"B2\\",\\"http_status\\":400,\\"message_en\\":\\"y\\"}"]' >"$TMP/strobj.json"
run import "$TMP/strobj.json"
[ $rc -eq 1 ] && err_has "line 2: not an object" && [ "$(count)" -eq 2 ] && ok \
	|| bad "a string that holds an object is still a string, not a row"

# ---- B7: a minified array (one line): each object stands alone, named by its element -----------------
export XDG_DATA_HOME="$TMP/minified"
printf '[{"team":"J","error_code":"J1","http_status":418,"message_en":"a"},{"team":"J","error_code":"J2","http_status":419,"message_en":"b"},{"team":"J","error_code":"J3","http_status":1,"message_en":"c"},{"team":"J","error_code":"J1","http_status":418,"message_en":"a"}]\n' >"$TMP/j5.json"
run import "$TMP/j5.json"
[ $rc -eq 1 ] && err_has "element 3, line 1: '1' is not an HTTP status" && err_has "element 4, line 1: the same error code as element 1" \
	&& ! err_has "element 1," && ! err_has "element 2," && err_has "nothing imported: 2 bad rows" && [ "$(count)" -eq 0 ] && ok \
	|| bad "minified JSON: the bad objects named by element, nothing imported (status $rc)"
run --lang zh import "$TMP/j5.json"
err_has "第 3 个元素，第 1 行：“1”不是 HTTP 状态码" && err_has "第 4 个元素，第 1 行：与第 1 个元素的错误码重复" && ok \
	|| bad "the same in Chinese"
run import --skip-invalid "$TMP/j5.json"
[ $rc -eq 0 ] && err_has "skipped 2 bad rows" && err_has "imported 2 rows" \
	&& [ "$("$BIN" export --format json | jq -r 'map(.error_code) | join(" ")')" = "J1 J2" ] && ok \
	|| bad "--skip-invalid: the good objects of the line imported (status $rc)"
printf '[{"error_code":"S1","http_status":400,"message_en":"a"},{"error_code":"S2","http_status":999,"message_en":"b"}]' >"$TMP/j2.json"
run import --skip-invalid "$TMP/j2.json"
[ $rc -eq 0 ] && err_has "skipped 1 bad row" && err_has "imported 1 row" && ! err_has "1 rows" && ok \
	|| bad "plurals: skipped 1 bad row, imported 1 row"
printf '[{"error_code":"S3","http_status":400,"message_en":"c"},{"error_code":"S1","http_status":400,"message_en":"a"}]' >"$TMP/j3.json"
run import "$TMP/j3.json"
[ $rc -eq 1 ] && err_has "element 2, line 1: S1 is already in your database" && err_has "nothing imported: 1 bad row (" \
	&& ! "$BIN" S3 >/dev/null 2>&1 && ok || bad "a row already there: named by its element, nothing imported"
printf 'error_code,http_status,message_en\nonly\n' >"$TMP/onefield.csv"
run import "$TMP/onefield.csv"
[ $rc -eq 1 ] && err_has "line 2: 1 field, but the header has a different number" && err_has "nothing imported: 1 bad row (" \
	&& ok || bad "plurals: 1 field, 1 bad row"

# ---- F18: nothing altered on the way in -----------------------------------------------------------
export XDG_DATA_HOME="$TMP/exact"
printf '[\n{"error_code":"N1","http_status":400,"message_en":"a\\u0000b"},\n{"error_code":"N2\\u0000","http_status":400,"message_en":"x"},\n{"error_code":"N3","http_status":400,"message_en\\u0000":"x"}]' >"$TMP/nulesc.json"
run import "$TMP/nulesc.json"
[ $rc -eq 1 ] && err_has "line 2: message_en contains control characters" \
	&& err_has "line 3: error_code contains control characters" && err_has "line 4: unknown column 'message_en?'" \
	&& [ "$(count)" -eq 0 ] && ok || bad "JSON \\u0000 in a value, a key, a name: refused, never cut short"
printf '[{"error_code":"N4","http_status":400,"message_en":"a\\\\u0000b"}]' >"$TMP/bs.json"
run import "$TMP/bs.json"
[ $rc -eq 0 ] && [ "$("$BIN" export --format json | jq -r '.[0].message_en')" = 'a\u0000b' ] && ok \
	|| bad "an escaped backslash before u0000 is text, kept as it is"
printf 'error_code,http_status,message_en,message_en,error_code\nD1,400,first,second,D2\n' >"$TMP/dupcol.csv"
run import --skip-invalid "$TMP/dupcol.csv"
[ $rc -eq 1 ] && err_has "line 1: column 'message_en' appears twice in the header" \
	&& err_has "line 1: column 'error_code' appears twice in the header" && [ "$(count)" -eq 1 ] && ok \
	|| bad "a CSV header naming a column twice: refused, even with --skip-invalid (status $rc)"
printf '[\n{"error_code":"K1","http_status":400,"message_en":"first","message_en":"second"}]' >"$TMP/dupkey.json"
run import "$TMP/dupkey.json"
[ $rc -eq 1 ] && err_has "line 2: key 'message_en' appears twice in this object" && [ "$(count)" -eq 1 ] && ok \
	|| bad "a JSON object naming a key twice: refused (status $rc)"
awk 'BEGIN { printf "error_code,http_status,message_en"; for (i = 0; i < 70; i++) printf ",x%d", i; print "" }' >"$TMP/wide.csv"
run import "$TMP/wide.csv"
[ $rc -eq 1 ] && err_has "line 1: the header has more than 64 columns" && err_has "unknown column 'x0'" && ok \
	|| bad "a header of 73 columns: said so (status $rc)"
run --lang zh import "$TMP/wide.csv"
err_has "第 1 行：表头超过 64 列" && ok || bad "the same in Chinese"

# ---- F12: one form for keys, so export then import gives back the same rows ----------------------
export XDG_DATA_HOME="$TMP/keys"
run add ' PAD' 400 --en padded
[ $rc -eq 0 ] && err_has "added PAD" && ok || bad "add ' PAD': added as PAD"
run add 'PAD2 ' 409 --team ' Orders ' --product '　Shop' --en x # ideographic space before Shop
[ $rc -eq 0 ] && err_has "added Orders/Shop/PAD2" && ok || bad "padded team and product: trimmed too"
run add '  	 ' 400 --en x
[ $rc -eq 2 ] && err_has "the error code is missing" && [ "$(count)" -eq 2 ] && ok || bad "a blank error code is missing"
run add PAD 400 --en again
[ $rc -eq 1 ] && err_has "PAD is already in your database" && ok || bad "' PAD' and 'PAD' are one key"
"$BIN" export >"$TMP/k.csv"; "$BIN" export --format json >"$TMP/k.json"
[ "$(jq -r 'map(.team + "/" + .product + "/" + .error_code) | join(" ")' "$TMP/k.json")" = "//PAD Orders/Shop/PAD2" ] \
	&& ok || bad "keys are stored trimmed"
"$BIN" --db "$TMP/k1.db" import "$TMP/k.csv" 2>/dev/null && "$BIN" --db "$TMP/k1.db" export >"$TMP/k1.csv"
cmp -s "$TMP/k.csv" "$TMP/k1.csv" && ok || bad "CSV: export, import into a fresh database, export: identical"
"$BIN" --db "$TMP/k2.db" import "$TMP/k.json" 2>/dev/null && "$BIN" --db "$TMP/k2.db" export --format json >"$TMP/k2.json"
cmp -s "$TMP/k.json" "$TMP/k2.json" && ok || bad "JSON: export, import into a fresh database, export: identical"
run edit ' PAD2' --team 'Orders ' --product Shop --status 423
[ $rc -eq 0 ] && [ "$("$BIN" export --format json | jq '.[1].http_status')" -eq 423 ] && ok \
	|| bad "edit finds the row by its key typed with blanks"
run rm '  PAD	'
[ $rc -eq 0 ] && err_has "removed PAD" && [ "$(count)" -eq 1 ] && ok || bad "rm finds the row by its key typed with blanks"
run rm ' '
[ $rc -eq 2 ] && err_has "the error code is missing" && ok || bad "rm of a blank key: missing"

# ---- F14: no invisible or direction-changing characters in keys ---------------------------------
export XDG_DATA_HOME="$TMP/invisible"
RLO=$(printf '\342\200\256') ZWSP=$(printf '\342\200\213') LRI=$(printf '\342\201\246') TAG=$(printf '\363\240\200\201')
run add "ORDER${RLO}_LOCKED" 409 --en x
[ $rc -eq 2 ] && err_has "error_code contains invisible or direction-changing characters" && ok \
	|| bad "add: a bidi override in the error code"
run add ORDER_LOCKED 409 --team "Orders$ZWSP" --en x
[ $rc -eq 2 ] && err_has "team contains invisible or direction-changing characters" && ok \
	|| bad "add: a zero-width space in the team"
run --lang zh add ORDER_LOCKED 409 --product "${LRI}Shop" --en x
[ $rc -eq 2 ] && err_has "product 含有不可见字符或改变文字方向的字符" && [ "$(count)" -eq 0 ] && ok \
	|| bad "add: an isolate in the product, in Chinese"
run add ORDER_LOCKED 409 --en "says ${RLO}hello" --zh "订单${ZWSP}已锁定"
[ $rc -eq 0 ] && [ "$(count)" -eq 1 ] && ok || bad "text fields may keep them"
{ csv "T,E1$(printf '\302\255'),400,soft hyphen\n"; csv "T,E2$TAG,400,tag\n" | tail -n 1
  csv "T$(printf '\357\273\277'),E3,400,BOM in a team\n" | tail -n 1; csv "T,E4,400,fine ${RLO}here\n" | tail -n 1; } >"$TMP/inv.csv"
run import "$TMP/inv.csv"
[ $rc -eq 1 ] && err_has "line 2: error_code contains invisible" && err_has "line 3: error_code contains invisible" \
	&& err_has "line 4: team contains invisible" && ! err_has "line 5" && [ "$(count)" -eq 1 ] && ok \
	|| bad "import: each key with one reported with its line"

# ---- the browser's form: the same key form, the same refusals ---------------------------------------
export XDG_DATA_HOME="$TMP/form"
browse() { # browse KEYS: the browser in its scripted mode (see tests/tui/run.sh); the screen in $TMP/screen
	HTTPCODES_SCRIPT=$1 HTTPCODES_SIZE=100x30 HTTPCODES_DUMP="$TMP/screen" TERM=xterm-256color \
		timeout 30 "$BIN" --lang en >/dev/null 2>&1
}
browse 'a  FORM_PAD <Tab>409<Tab> Team　<Tab><Tab>padded<C-s>'
[ "$("$BIN" export --format json | jq -r '.[] | .team + "/" + .error_code')" = "Team/FORM_PAD" ] \
	&& grep -q 'added FORM_PAD' "$TMP/screen" && ok || bad "the form trims keys as add and import do"
browse "aX${ZWSP}Y<Tab>409<Tab>Te${RLO}am<Tab><Tab>x<C-s>"
grep -q 'error_code contains invisible or direction-changing characters' "$TMP/screen" \
	&& grep -q 'team contains invisible or direction-changing characters' "$TMP/screen" && [ "$(count)" -eq 1 ] && ok \
	|| bad "the form refuses invisible characters in keys, beside their fields"

# ---- the index follows an import: the rows added are indexed together, at commit ------------------
# A row already there is skipped, not indexed twice; the rows on either side of it are found.
export XDG_DATA_HOME="$TMP/indexed"
run add DUP_ONE 400 --en "first copy zebra"
printf 'error_code,http_status,message_en\nNEW_A,400,alpha giraffe\nDUP_ONE,400,second copy zebra\nNEW_B,401,beta giraffe\n' \
	>"$TMP/idx.csv"
run --skip-invalid import "$TMP/idx.csv"
[ $rc -eq 0 ] && err_has "imported 2 rows" && ok || bad "import beside a row already there: the others go in (rc $rc)"
run --json search giraffe
[ $rc -eq 0 ] && jqtrue 'map(.ident) | sort == ["NEW_A", "NEW_B"]' && ok || bad "search finds both imported rows"
run --json search zebra
[ $rc -eq 0 ] && jqtrue 'map(select(.ident == "DUP_ONE")) | length == 1' && jqtrue 'map(.name_en) | index("second copy zebra") == null' \
	&& ok || bad "the skipped row is in the index once, as it was before the import"

# ---- import --replace: rows already there take the file's values; one transaction still -------------
export XDG_DATA_HOME="$TMP/replace"
run add ORDER_LOCKED 409 --team Orders --en "The order is locked" --zh 订单已锁定
run add ORDER_GONE 410 --team Orders --en "The order is gone"
printf 'team,error_code,http_status,message_en\nOrders,ORDER_LOCKED,423,The order is held by a payment\nOrders,ORDER_NEW,201,A new order\n' \
	>"$TMP/rep.csv"
run import "$TMP/rep.csv"
[ $rc -eq 1 ] && err_has "line 2: Orders/ORDER_LOCKED is already in your database (import --replace updates it)" \
	&& [ "$(count)" -eq 2 ] && ok || bad "without --replace a row already there still refuses the import (status $rc)"
run import --replace "$TMP/rep.csv"
[ $rc -eq 0 ] && err_has "added 1 new row" && err_has "updated 1 row already in your database" && ! err_has "as they were" \
	&& [ "$(count)" -eq 3 ] && ok || bad "--replace: one row added, one updated, both said (status $rc)"
run --lang both ORDER_LOCKED
[ $rc -eq 0 ] && has "423 Locked" && has "The order is held by a payment" && ! has "The order is locked" \
	&& has "订单已锁定" && ok || bad "a lookup shows the replaced row (a column the file lacks is kept: message_zh)"
run --json search payment
[ $rc -eq 0 ] && jqtrue 'map(select(.ident == "ORDER_LOCKED")) | length == 1' && ok || bad "search finds the row by its new words"
run --json search locked
[ $rc -eq 0 ] && jqtrue 'map(select(.ident == "ORDER_LOCKED" and .name_en == "The order is locked")) | length == 0' && ok \
	|| bad "search no longer has the row's old message"
run --lang zh import --replace "$TMP/rep.csv"
[ $rc -eq 0 ] && err_has "新增了 0 行" && err_has "更新了数据库中已有的 0 行" && err_has "2 行与文件中的相同，未作改动" && ok \
	|| bad "--replace again: nothing to change, said in Chinese"
"$BIN" export >"$TMP/rep-before.csv"
run import --replace "$TMP/rep-before.csv"
[ $rc -eq 0 ] && err_has "added 0 new rows" && err_has "updated 0 rows already in your database" \
	&& err_has "left 3 rows as they were: the file holds the same" && "$BIN" export | cmp -s - "$TMP/rep-before.csv" && ok \
	|| bad "--replace of the database's own export: a no-op that says so (status $rc)"
# A bad row: nothing changes without --skip-invalid; with it, the good rows go in and the bad one is named.
printf 'team,error_code,http_status,message_en\nOrders,ORDER_GONE,404,Never was\nOrders,ORDER_BAD,999,bad status\nOrders,ORDER_LATE,202,Later\n' \
	>"$TMP/rep-bad.csv"
run import --replace "$TMP/rep-bad.csv"
[ $rc -eq 1 ] && err_has "line 3: '999' is not an HTTP status" && err_has "nothing imported: 1 bad row" \
	&& "$BIN" export | cmp -s - "$TMP/rep-before.csv" && ok || bad "--replace and a bad row: nothing changed (status $rc)"
run import --replace --skip-invalid "$TMP/rep-bad.csv"
[ $rc -eq 0 ] && err_has "line 3: '999' is not an HTTP status" && err_has "skipped 1 bad row" && err_has "added 1 new row" \
	&& err_has "updated 1 row already" && [ "$(count)" -eq 4 ] && ok || bad "--replace --skip-invalid: the good rows in, the bad named"
run ORDER_GONE
[ $rc -eq 0 ] && has "404 Not Found" && has "Never was" && ok || bad "...and a lookup shows the updated row"
# JSON: a key missing or null keeps the field; a key given replaces it, even with "".
printf '[{"team":"Orders","error_code":"ORDER_LOCKED","http_status":423,"message_en":"Held","message_zh":null},\n{"team":"Orders","error_code":"ORDER_GONE","http_status":404,"message_en":"Gone","advice_en":""}]' \
	>"$TMP/rep.json"
run import --replace "$TMP/rep.json"
[ $rc -eq 0 ] && err_has "updated 2 rows" && [ "$("$BIN" export --format json | jq -r '.[] | select(.error_code == "ORDER_LOCKED") | .message_zh')" = 订单已锁定 ] \
	&& ok || bad "--replace of JSON: null keeps a field (status $rc)"
# Killed in the middle of a --replace: every row as it was, and the file usable.
gen 3000 | sed 's/,message /,first /' >"$TMP/k3000.csv"; gen 3000 | sed 's/,message /,second /' >"$TMP/k3000-b.csv"
export XDG_DATA_HOME="$TMP/replace-kill"
"$BIN" import "$TMP/k3000.csv" 2>/dev/null; "$BIN" export >"$TMP/k-before.csv"
HTTPCODES_TEST_KILL_AT=1500 "$BIN" import --replace "$TMP/k3000-b.csv" 2>/dev/null; r=$?
[ $r -eq 137 ] && "$BIN" export | cmp -s - "$TMP/k-before.csv" && "$BIN" import --replace "$TMP/k3000-b.csv" 2>/dev/null \
	&& [ "$("$BIN" export --format json | jq '[.[] | select(.message_en | startswith("second"))] | length')" -eq 3000 ] \
	&& ok || bad "killed mid --replace (status $r): every row as it was, then replaced by a whole run"

# ---- export's line ends: \n, or RFC 4180's \r\n with --crlf; either reads back, newlines in fields too
export XDG_DATA_HOME="$TMP/eol"
CR=$(printf '\r')
"$BIN" add NL_ONE 400 --team T --en "$(printf 'line one\nline two')" --zh "$(printf '第一行\n第二行')" 2>/dev/null
"$BIN" add NL_TWO 401 --en 'say "hi", then go' 2>/dev/null
run export
[ $rc -eq 0 ] && [ "$(grep -c "$CR" "$TMP/out")" -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 5 ] && cp "$TMP/out" "$TMP/lf.csv" && ok \
	|| bad "export: \\n line ends, no \\r anywhere"
run export --crlf
[ $rc -eq 0 ] && [ "$(grep -c "$CR\$" "$TMP/out")" -eq 3 ] && [ "$(grep -c "$CR" "$TMP/out")" -eq 3 ] && cp "$TMP/out" "$TMP/crlf.csv" && ok \
	|| bad "export --crlf: each record ends with \\r\\n (3), a newline in a field stays \\n"
for eol in lf crlf; do
	"$BIN" --db "$TMP/$eol.db" import "$TMP/$eol.csv" 2>/dev/null && "$BIN" --db "$TMP/$eol.db" export >"$TMP/$eol-lf.csv" \
		&& "$BIN" --db "$TMP/$eol.db" export --crlf >"$TMP/$eol-crlf.csv"
	cmp -s "$TMP/lf.csv" "$TMP/$eol-lf.csv" && cmp -s "$TMP/crlf.csv" "$TMP/$eol-crlf.csv" && ok \
		|| bad "an export with $eol line ends imports back to the same rows, newlines in fields and all"
done
run export --format json --crlf
[ $rc -eq 0 ] && [ "$(grep -c "$CR" "$TMP/out")" -eq 0 ] && jqtrue 'length == 2' && ok || bad "--crlf leaves JSON alone"

finish
