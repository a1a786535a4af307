#!/bin/sh
# CLI tests: what a user of `httpcodes ...` sees, checked as they would check it.
#   tests/cli/run.sh BIN            run
#   tests/cli/run.sh BIN --update   rewrite the golden files in tests/cli/golden/
# Golden cases are listed in tests/cli/golden.list: one line per case, NAME<TAB>ARGS.
set -u
BIN=$1
UPDATE=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"
export NO_COLOR=1

# ---- golden outputs ----------------------------------------------------------------------
while IFS='	' read -r name args; do
	case $name in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086 # ARGS are words
	( eval "set -- $args"; "$BIN" "$@" ) >"$TMP/golden.out" 2>&1
	echo "exit $?" >>"$TMP/golden.out"
	if [ "$UPDATE" = --update ]; then
		cp "$TMP/golden.out" "$HERE/golden/$name.out"
	elif cmp -s "$TMP/golden.out" "$HERE/golden/$name.out"; then
		ok
	else
		bad "golden $name ($args)"
		diff -u "$HERE/golden/$name.out" "$TMP/golden.out" | head -30 | sed 's/^/    /'
	fi
done <"$HERE/golden.list"

# ---- one code, several, a class, a range ------------------------------------------------
run 404
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -qx '404 Not Found' && has 'RFC9110, Section 15.5.5' \
	&& ok || bad "404: exit 0, title and spec"
run 404 503
has '^404 Not Found' && has '^503 Service Unavailable' && ok || bad "404 503 shows both"
run 4xx
[ "$(grep -c '^4[0-9][0-9] ' "$TMP/out")" -ge 29 ] && ! grep -q '^[^4]' "$TMP/out" && ok \
	|| bad "4xx lists every 4xx code and nothing else"
run 40x
[ "$(grep -c '^40[0-9] ' "$TMP/out")" -eq 10 ] && [ "$(wc -l <"$TMP/out")" -eq 10 ] && ok \
	|| bad "40x lists exactly 400-409"
run 5
has '^504 ' && ok || bad "5 means 5xx"
run 500-502
[ "$(wc -l <"$TMP/out")" -eq 3 ] && ok || bad "500-502 is a range of three"

# ---- languages -----------------------------------------------------------------------------
run --lang zh 404
head -1 "$TMP/out" | grep -q '^404 未找到' && has '处理建议' && ! has 'Typical causes' && ok \
	|| bad "--lang zh shows Chinese only (the title keeps the registered name)"
run --lang=en 404
! has '处理建议' && ok || bad "--lang=en shows no Chinese labels"
run -l both 404
has 'What to do 处理建议' && has 'Not Found · 未找到' && ok || bad "-l both shows both"
LANG=zh_CN.UTF-8 LC_ALL= "$BIN" 404 >"$TMP/out" 2>&1
has '未找到' && has '常见原因' && ok || bad "LANG=zh_CN picks Chinese"
LC_ALL=zh_TW.UTF-8 "$BIN" 404 >"$TMP/out" 2>&1
has '常见原因' && ok || bad "LC_ALL=zh_* picks Chinese"
LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES=en_US.UTF-8 "$BIN" 404 >"$TMP/out" 2>&1
has 'Typical causes' && ok || bad "LC_MESSAGES outranks LANG"

# ---- JSON ------------------------------------------------------------------------------------
run --json 4xx
[ $rc -eq 0 ] && jqtrue 'type == "array" and length >= 29' \
	&& jqtrue 'all(.[]; (.code|type) == "number" and .code >= 400 and .code < 500)' \
	&& jqtrue 'all(.[]; .phrase_en != "" and .phrase_zh != "" and .class == "4xx" and .summary_en != "" and .summary_zh != "" and has("spec") and .status != "")' \
	&& jqtrue 'any(.[]; .code == 404 and .phrase_zh == "未找到" and .spec == "RFC9110, Section 15.5.5")' \
	&& ok || bad "--json 4xx: an array of complete status objects"
run --json 104
jqtrue '.[0].status == "temporary" and .[0].expires == "2026-11-13" and .[0].expired == true' \
	&& ok || bad "--json 104 says temporary, expired 2026-11-13"
run --json 413
jqtrue '.[0].aliases | map(.alias) | index("Payload Too Large") != null' && ok \
	|| bad "--json 413 lists its old names"
run --json search timeout
[ $rc -eq 0 ] && jqtrue 'length > 0 and all(.[]; has("kind") and (.code|type) == "number")' \
	&& jqtrue 'any(.[]; .code == 504) and any(.[]; .code == 408)' && ok \
	|| bad "--json search: kind and code on every result"
run --json 399
[ $rc -eq 1 ] && jqtrue '. == []' && ok || bad "--json with no match prints [] and exits 1"

# ---- search ------------------------------------------------------------------------------------
run search 超时
[ $rc -eq 0 ] && has '^504 ' && has '^408 ' && ok || bad "search 超时 finds 504 and 408"
run search timeout
[ $rc -eq 0 ] && head -3 "$TMP/out" | grep -q '^504 \|^408 ' && ok || bad "search timeout ranks 408/504 high"
run search 网关
has '^502 ' && has '^504 ' && ok || bad "search 网关 finds 502 and 504"
run search payload too large
head -1 "$TMP/out" | grep -q '^413 ' && ok || bad "search by an old name finds 413 first"
run search '"' 'AND' '404)' 'c++' '*' 'a-b' 'zz:foo'
if [ $rc -le 1 ] && ! err_has 'error'; then ok; else bad "hostile query: no error"; fi
run search xqzv
[ $rc -eq 1 ] && err_has "no results for 'xqzv'" && ok || bad "search with no result: exit 1 and a message"

# ---- error codes -----------------------------------------------------------------------------
run AccessDenied
[ $rc -eq 0 ] && has '^AccessDenied → 403' && has 'Alibaba Cloud' && ok || bad "AccessDenied -> 403, with its sender"
run overLimit
has '^overLimit → 413' && has 'Huawei Cloud' && ok || bad "overLimit -> 413 (Huawei Cloud)"
run --json accessdenied
jqtrue 'length > 0 and all(.[]; .kind == "mapping" and .code == 403)' && ok \
	|| bad "error codes ignore case; --json gives mappings"

# ---- exit statuses and messages ------------------------------------------------------------
run 399
[ $rc -eq 1 ] && err_has "nothing matches '399'" && [ ! -s "$TMP/out" ] && ok || bad "399: exit 1 and a message"
run --lang zh 399
[ $rc -eq 1 ] && err_has '没有与' && ok || bad "the no-match message is in Chinese with --lang zh"
run --bogus
[ $rc -eq 2 ] && err_has "unknown option '--bogus'" && ok || bad "unknown option: exit 2"
run --lang klingon 404
[ $rc -eq 2 ] && err_has 'unknown language' && ok || bad "bad --lang: exit 2"
run --lang
[ $rc -eq 2 ] && err_has "needs a value" && ok || bad "--lang without value: exit 2"
run search
[ $rc -eq 2 ] && ok || bad "search without a query: exit 2"
run --version
[ $rc -eq 0 ] && has '^httpcodes [0-9]' && ok || bad "--version"
run
[ $rc -eq 0 ] && has 'Usage' && ok || bad "no arguments and no terminal: help"

# ---- pipes, terminals, other directories -----------------------------------------------------
( "$BIN" 4xx | head -1 ) >"$TMP/out" 2>"$TMP/err"
[ "$(wc -l <"$TMP/out")" -eq 1 ] && [ ! -s "$TMP/err" ] && ok || bad "4xx | head -1 ends quietly"
( "$BIN" --json 1 2 3 4 5 | head -c 10 ) >/dev/null 2>"$TMP/err"
[ ! -s "$TMP/err" ] && ok || bad "a closed pipe mid-JSON ends quietly"
( cd / && "$BIN" 418 ) >"$TMP/out" 2>&1
has '^418 ' && ok || bad "works from any directory, with no file beside it"
run "$(printf 'Acc\033[31mess')" "$(printf 'x\001y\002z')"
! grep -q "$(printf '[\001-\010\033]')" "$TMP/err" && grep -q 'Acc?\[31mess' "$TMP/err" && ok \
	|| bad "control characters in arguments are not echoed raw"
run --lang both 4xx 5xx
! grep -q "$(printf '[\001-\010\013-\037\177]')" "$TMP/out" && ok || bad "no control characters in output"

# ---- the man pages know every option --------------------------------------------------------
HERE_ROOT=$(cd "$HERE/../.." && pwd)
"$BIN" --help | grep -o -- '--[a-z-]*' | sort -u >"$TMP/opts"
missing=
for page in "$HERE_ROOT/man/httpcodes.1" "$HERE_ROOT/man/zh_CN/httpcodes.1"; do
	while read -r opt; do
		grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$page" || missing="$missing $opt($(basename "$(dirname "$page")"))"
	done <"$TMP/opts"
done
[ -z "$missing" ] && ok || bad "options missing from the man pages:$missing"

finish
