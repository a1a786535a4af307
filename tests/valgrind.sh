#!/bin/sh
# The CLI and the scripted browser under valgrind memcheck: no errors, no leaks.
#   tests/valgrind.sh "VALGRIND COMMAND" BIN
set -u
VG=$1
BIN=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8 XDG_DATA_HOME="$TMP/data" HTTPCODES_TODAY=2026-11-22 TERM=xterm-256color
pass=0 fail=0
vg() { # vg DESCRIPTION ARGS...
	d=$1; shift
	if $VG "$BIN" "$@" >/dev/null 2>"$TMP/vg.log" || [ $? -ne 99 ]; then
		if grep -q 'ERROR SUMMARY: [1-9]\|definitely lost: [1-9]\|indirectly lost: [1-9]' "$TMP/vg.log"; then
			fail=$((fail + 1)); echo "FAIL: valgrind: $d"; head -40 "$TMP/vg.log"
		else
			pass=$((pass + 1))
		fi
	else
		fail=$((fail + 1)); echo "FAIL: valgrind: $d"; head -40 "$TMP/vg.log"
	fi
}
printf 'team,error_code,http_status,message_en\nT,E1,409,m\nT,E2,999,bad\n' >"$TMP/in.csv"
vg "404" 404
vg "--lang both --json 4xx" --lang both --json 4xx
vg "search 超时" search 超时
vg "search with a typo" search forbiden
vg "error code" AccessDenied
vg "nothing found" 399
vg "add" add ORDER_LOCKED 409 --en locked
vg "import with a bad row" import "$TMP/in.csv"
vg "export json" export --format json
vg "stats" --stats
vg "brief" --brief 404 NoSuchKey 999 Retry-After
vg "search with a limit" --limit 3 search timeout
vg "complete" --complete nosuch
S=$(cd "$(dirname "$0")/explain/samples" && pwd)
vg "explain a response (XML body)" explain "$S/alibaba-oss-nosuchkey.txt"
vg "explain a Google error (JSON, ErrorInfo)" --json explain "$S/google-api-service-disabled.txt"
vg "explain XML with entities" explain "$S/bad-xml-entities.txt"
vg "explain a log line" explain "$S/nginx-error-upstream-timed-out.txt"
vg "explain a whole log" explain "$S/access-nginx-mixed.log"
vg "choose a path" choose 3 1 2
vg "choose --json" --json choose
HTTPCODES_SCRIPT='w3<Down><Enter><BS>12q' HTTPCODES_DUMP="$TMP/screen" HTTPCODES_SIZE=100x30 vg "the browser's guide" --lang zh
HTTPCODES_SCRIPT='<PasteStart>{"Response":{"Error":{"Code":"AuthFailure","Message":"m"}}}<PasteEnd><Enter><BS>xabc<C-d>q' \
	HTTPCODES_DUMP="$TMP/screen" HTTPCODES_SIZE=100x30 vg "the browser's paste area" --lang en
HTTPCODES_SCRIPT='/超时<Enter><Tab><PgDn>b<Enter><Enter><Enter><BS>L?<Esc>mcnote<Enter><Resize:40x12>q' \
	HTTPCODES_DUMP="$TMP/screen" HTTPCODES_SIZE=100x30 vg "the browser, scripted" --lang zh
HTTPCODES_SCRIPT='aE9<Tab>418<Tab><Tab><Tab>x<C-s>eD y' HTTPCODES_DUMP="$TMP/screen" HTTPCODES_SIZE=80x24 \
	vg "the browser's form" --lang en
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
