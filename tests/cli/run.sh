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
	&& jqtrue 'all(.[] | select(.kind == "status"); .phrase_en != "" and .phrase_zh != "" and .class == "4xx" and .summary_en != "" and .summary_zh != "" and has("spec") and .status != "")' \
	&& jqtrue 'all(.[]; .kind == "status" or (.kind == "meaning" and .source_en != ""))' \
	&& jqtrue 'any(.[]; .code == 404 and .phrase_zh == "未找到" and .spec == "RFC9110, Section 15.5.5")' \
	&& ok || bad "--json 4xx: an array of complete status objects"
run --json 104
jqtrue '.[0].status == "temporary" and .[0].expires == "2026-11-13" and .[0].expired == true' \
	&& ok || bad "--json 104 says temporary, expired 2026-11-13"
# A business error its vendor documents without a status: said so, never a status of 0.
run BILLING_DISABLED
[ $rc -eq 0 ] && grep -q '^BILLING_DISABLED → status not documented$' "$TMP/out" && ! grep -q ' 0$\|000' "$TMP/out" \
	&& ok || bad "an error code without a documented status says so"
run --lang zh BILLING_DISABLED
grep -q '^BILLING_DISABLED → 未公布状态码$' "$TMP/out" && ok || bad "zh: an error code without a documented status says so"
run --json BILLING_DISABLED
jqtrue '.[0].kind == "mapping" and .[0].code == null and .[0].source == "google-cloud"' \
	&& ok || bad "--json: an error code without a documented status has code null"
run search billing disabled google
grep -q '^---  BILLING_DISABLED' "$TMP/out" && ok || bad "search: a result without a status shows --- for its number"
run --json 413
jqtrue '.[0].aliases | map(.alias) | index("Payload Too Large") != null' && ok \
	|| bad "--json 413 lists its old names"
run --json search timeout
[ $rc -eq 0 ] && jqtrue 'length > 0 and all(.[]; has("kind") and ((.code|type) == "number" or (.kind == "mapping" and .code == null)))' \
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
# Asked in a person's own words (issue 15): questions, codes inside text, comparisons.
rows() { grep -E '^[0-9]{3}  ' "$TMP/out" | head -2 | cut -c1-3 | tr '\n' ' ' | sed 's/ $//'; } # the first two rows' codes
run --lang en search what does 429 mean
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q '^429  *Too Many Requests' && ! err_has 'closest' && ok \
	|| bad "search what does 429 mean: 429 first, every word that must match did"
run --lang zh search 报502
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q '^502 ' && ok || bad "search 报502: 502 first"
run --lang en search 'status=404'
head -1 "$TMP/out" | grep -q '^404  *Not Found' && ok || bad "search status=404: 404 first"
run --lang en search 503 vs 504
head -1 "$TMP/out" | grep -qi '^how 503 differs from 504' && has 'use 504' && [ "$(rows)" = "503 504" ] && ok \
	|| bad "search 503 vs 504: the note on how they differ, above the results, then 503 and 504"
run --lang en --json search 503 vs 504
jqtrue '.[0].kind == "about" and .[0].about == "comparison" and .[0].code == 503 and .[0].related == 504 and (.[0].note_en | test("504")) and .[1].code == 503 and .[2].code == 504' && ok \
	|| bad "--json search 503 vs 504: the note on how they differ first, then 503 and 504"
run --lang en --json search 'curl: (52) Empty reply from server'
jqtrue '.[0].kind == "about" and .[0].about == "no_status" and .[0].id == "curl-empty-reply" and (.[0].related | index(444)) != null and ([.[] | select(.kind != "about")] | length) > 0' && ok \
	|| bad "--json search a pasted curl error: a note on what it is (no status of its own) first, then the related statuses"
run --lang en search 'net::ERR_CONNECTION_RESET'
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q '^Connection reset: no status of its own' && has 'Statuses related to it' \
	&& grep -q '^    502 Bad Gateway' "$TMP/out" && ok || bad "search net::ERR_CONNECTION_RESET: what it is, above the results, with the statuses related to it"
run --lang zh net::ERR_CONNECTION_RESET
head -1 "$TMP/out" | grep -q '^连接被重置：本身没有状态码' && ok || bad "lookup of net::ERR_CONNECTION_RESET (zh): what it is, above the suggestions"
run --lang en --json search what does 429 mean
jqtrue '.[0].code == 429 and (.[0] | has("closest") | not)' && ok || bad "--json search: a row with every word is not marked closest"
run --lang en --json search 腾讯云 鉴权失败
jqtrue '([.[] | select(.closest == true)] | length) > 0' && ok || bad "--json search: the closest matches say so"
run --lang zh search 403和404有什么区别
[ "$(rows)" = "403 404" ] && ok \
	|| bad "search 403和404有什么区别: 403 then 404"
run --lang en search flibber wobble timeout
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q 'Timeout' \
	&& err_has "no result has every word of 'flibber wobble timeout'; closest matches" && ! has 'closest' && ok \
	|| bad "a sentence with one real word: its rows, said on stderr to be the closest matches"
run --lang zh search flibber wobble 超时
[ $rc -eq 0 ] && err_has "没有结果包含 'flibber wobble 超时' 的所有词；以下为最接近的结果" && ok \
	|| bad "the closest matches, said in Chinese"
# The browser says the same above its list, shortened to its gist where the list is narrow.
for size in 160x12 100x12; do
	HTTPCODES_SCRIPT="/flibber timeout" HTTPCODES_SIZE=$size HTTPCODES_DUMP="$TMP/screen" TERM=xterm-256color \
		XDG_DATA_HOME="$TMP/xdg-closest" timeout 30 "$BIN" --lang en >/dev/null 2>&1
	sed -n 2p "$TMP/screen" | grep -q '^/ flibber timeout  .*closest matches' && sed -n 3p "$TMP/screen" | grep -q '^504 ' \
		&& ok || bad "the browser at $size: the closest matches, said above them (got: $(sed -n 2p "$TMP/screen"))"
done
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

# ---- B14: a word that names nothing is no match: said, suggestions under their heading, 1 -------
run MINE
[ $rc -eq 1 ] && err_has "no code or error code named 'MINE'" \
	&& head -1 "$TMP/out" | grep -qx 'Suggestions (none of them an exact match)' && has '^[0-9][0-9][0-9]  ' \
	&& ok || bad "MINE: said to name nothing, the search's rows under a heading that calls them suggestions, 1 (got $rc)"
"$BIN" MINE >/dev/null 2>&1 && bad "httpcodes \"\$ERR\" >/dev/null && echo known: says known" || ok
for word in 4x 99999 '-77' help2; do
	run -- "$word"
	[ $rc -eq 1 ] && err_has "no code or error code named '$word'" && ok || bad "'$word': no exact match, 1 (got $rc)"
done
run xqzv
[ $rc -eq 1 ] && err_has "no code or error code named 'xqzv'" && [ ! -s "$TMP/out" ] && ok \
	|| bad "xqzv: said, and no heading over nothing"
run --lang zh MINE
[ $rc -eq 1 ] && err_has '没有名为“MINE”的状态码或错误码' && head -1 "$TMP/out" | grep -qx '建议（都不是精确匹配）' && ok \
	|| bad "the same in Chinese"
run --json MINE
[ $rc -eq 1 ] && jqtrue '. == []' && err_has 'Suggestions (none of them an exact match)' && grep -q '^[0-9][0-9][0-9]  ' "$TMP/err" \
	&& ok || bad "--json MINE: [] on stdout, the suggestions as text on stderr, 1"
run --json 404 MINE
[ $rc -eq 1 ] && jqtrue 'length == 1 and .[0].code == 404' && ok || bad "--json 404 MINE: only the exact match, 1"
run 404 MINE
[ $rc -eq 1 ] && has '^404 Not Found' && has '^Suggestions' && ok || bad "404 MINE: 404 in full, MINE's suggestions, 1"
run help
[ $rc -eq 0 ] && has '^Usage:' && ok || bad "httpcodes help prints the help"

# ---- B16: every status README lists ----------------------------------------------------------
for args in '""' 'search ""' "search '   '" '404 ""'; do
	eval "run $args"
	[ $rc -eq 2 ] && err_has "try 'httpcodes --help'" && [ ! -s "$TMP/out" ] && ok \
		|| bad "httpcodes $args: an empty query is a usage error, 2 (got $rc)"
done
run ""
err_has "an empty argument names nothing" && ok || bad "the empty argument is said to be one"
run bookmarks extra
[ $rc -eq 2 ] && err_has "usage: httpcodes bookmarks" && ok || bad "bookmarks takes no words: 2"
# A terminal the browser cannot use: 3, said to be the terminal, and --help says 3 covers it.
TERM=dumb script -qec "$BIN --lang en" /dev/null >"$TMP/out" 2>&1; rc=$?
[ $rc -eq 3 ] && has "cannot open the terminal browser (TERM=dumb)" && ! has 'database' \
	&& "$BIN" --lang en --help | grep -q '3 database,$' && "$BIN" --lang en --help | grep -q '^output or terminal error' \
	&& ok || bad "TERM=dumb on a terminal: 3, the terminal named, and the help's statuses say so (got $rc)"
# A reader that stops early ends us by SIGPIPE, quietly: 128+13 in a shell, as README says.
{ "$BIN" --json 1 2 3 4 5; echo $? >"$TMP/status"; } 2>"$TMP/err" | head -c 10 >/dev/null
[ "$(cat "$TMP/status")" -eq 141 ] && [ ! -s "$TMP/err" ] && ok || bad "a closed pipe: 141, nothing said"
run --db /dev/null 404
[ $rc -eq 3 ] && err_has "cannot open database '/dev/null'" && ok || bad "a --db that is no database: 3"

# ---- B17: every number the browser lists, with its sender --------------------------------------
run 6xx
[ $rc -eq 0 ] && [ "$(cut -c1-3 "$TMP/out" | tr '\n' ' ')" = "608 612 614 630 631 640 " ] \
	&& grep -q '^608  Resource Content Modified  *Qiniu Kodo object storage$' "$TMP/out" && ok \
	|| bad "6xx: the numbers senders use in 600-699, each with its name and sender"
for arg in 6 600-700 6XX; do
	run "$arg"
	[ $rc -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 6 ] && ok || bad "$arg reaches 608-640 (got $rc)"
done
run 7
[ "$(cut -c1-3 "$TMP/out" | tr '\n' ' ')" = "701 783 " ] && has '^783  Unexpected Token  *Shopify$' && ok || bad "7: 701 and 783"
run 9
[ $rc -eq 0 ] && grep -qx '999  Request Denied  LinkedIn' "$TMP/out" && ok || bad "9: 999, named, with its sender"
run 0
[ $rc -eq 0 ] && has '^000  .*AWS Elastic Load Balancing.*curl / libcurl' && ok || bad "0: 000, with its senders"
run 0xx
[ $rc -eq 0 ] && has '^000 ' && ok || bad "0xx: 000"
run 0-999
[ "$(wc -l <"$TMP/out")" -eq 158 ] && ok || bad "0-999: the 158 items the browser lists"
run 400-4000
[ $rc -eq 0 ] && has '^404  Not Found' && has '^999  Request Denied' && ok || bad "400-4000: up to 999"
run --json 6xx
[ $rc -eq 0 ] && jqtrue 'length == 6 and all(.[]; .kind == "meaning" and .code >= 600 and .code < 700)' \
	&& jqtrue 'all(.[]; .source_en != "")' && ok || bad "--json 6xx: the meanings of 608-640"
run 8xx
[ $rc -eq 1 ] && err_has "nothing matches '8xx'" && ok || bad "8xx: nothing there, 1"

# ---- B21: sources by their names, never their slugs ---------------------------------------------
run search Account.Arrearage
has 'business error: Alibaba Cloud' && ! grep -q 'alibaba-cloud' "$TMP/out" && ok || bad "search: the source's name"
run --lang zh search Account.Arrearage
has '业务错误码: 阿里云' && ok || bad "search in Chinese: 阿里云"
run --json search Account.Arrearage
jqtrue 'any(.[]; .kind == "mapping" and .source == "alibaba-cloud" and .source_en == "Alibaba Cloud" and .source_zh == "阿里云")' \
	&& ok || bad "--json search: the slug as source, the names beside it"
# ---- issue 16: a framework's name for a status, and what a program can use ------------------
for name in HTTPStatus.TOO_MANY_REQUESTS http.StatusTooManyRequests :too_many_requests 'StatusCode::TOO_MANY_REQUESTS' \
	Response::HTTP_TOO_MANY_REQUESTS; do
	run --lang en "$name"
	[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q '^429 Too Many Requests' && ok || bad "$name: the status the constant names (429)"
done
run --lang en 429
has '^In code$' && has '^  Go  *http.StatusTooManyRequests$' && has '^  Python  *HTTPStatus.TOO_MANY_REQUESTS$' \
	&& has '^  Retry  *yes, after Retry-After' && has '^Example$' && has '^  HTTP/1.1 429 Too Many Requests$' \
	&& ok || bad "429: the frameworks' constants, the retry advice and an example exchange"
run --json 429
jqtrue '.[0].retry == "after" and .[0].cacheable == false and .[0].may_have_body == true and .[0].grpc_code == "UNAVAILABLE"' \
	&& jqtrue '.[0].example[1] == "HTTP/1.1 429 Too Many Requests" and any(.[0].constants[]; .framework == "rust" and .constant == "StatusCode::TOO_MANY_REQUESTS")' \
	&& ok || bad "--json 429: retry, cacheable, body, gRPC's code, the example's lines, the constants"
run --json 204
jqtrue '.[0].may_have_body == false and .[0].cacheable == true and .[0].spec_url == "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5"' \
	&& ok || bad "--json 204: no content, cacheable by default, its RFC section's URL"
run --lang zh 503
has '^  重试  *可以，等 Retry-After' && has '^  默认可缓存  *仅当响应明确允许时' && ok || bad "503 (zh): the facts in Chinese"

run --lang en Retry-After
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -qx 'Retry-After' && has '^  Specification  *RFC 9110, Section 10.2.3' \
	&& has '^  429 Too Many Requests (usual)' && has '^  503 Service Unavailable (usual)' && ok \
	|| bad "Retry-After: a header's entry, with the statuses it goes with"
run --lang zh retry-after
has '^  429 请求过多 (常用)' && ok || bad "retry-after (zh, any case): the entry in Chinese"
run --json Retry-After
jqtrue '.[0].kind == "header" and .[0].name == "Retry-After" and any(.[0].statuses[]; .code == 503 and .role == "usual")' \
	&& ok || bad "--json Retry-After: kind header, with its statuses and roles"
run --lang en 401
has '^Headers that go with it$' && has '^  WWW-Authenticate (required)' && ok || bad "401: the headers that go with it, WWW-Authenticate required"
run --json 405
jqtrue 'any(.[0].headers_with[]; .header == "Allow" and .role == "required")' && ok || bad "--json 405: Allow required"

run --stats
[ $rc -eq 0 ] && has '^  Alibaba Cloud  *[1-9][0-9]*$' && has '^  HTTP status codes  *1[0-9][0-9]$' \
	&& ! grep -Eq 'alibaba-cloud|status_codes|vendor_meanings|related_codes|status_aliases|^  mappings' "$TMP/out" \
	&& ok || bad "--stats: human names, no table names or slugs"
run --lang zh --stats
has '^内置数据的内容$' && has '^  阿里云  *[1-9][0-9]*$' && ! has 'alibaba' && ok || bad "--stats in Chinese"
run --json --stats
jqtrue 'all(.[]; .name_en != "" and .name_zh != "" and (.count|type) == "number")' \
	&& jqtrue 'any(.[]; .id == "alibaba-cloud" and .name_zh == "阿里云")' && ok || bad "--json --stats: names in both"

# ---- B13: --help says what --db does; --format in any case -----------------------------------
"$BIN" --lang en --help | grep -- '--db PATH' | grep -q 'not the default one' && ! "$BIN" --lang en --help | grep -q 'also read' \
	&& ok || bad "--help: --db replaces your database"
"$BIN" --lang zh --help | grep -- '--db PATH' | grep -q '代替默认的那个' && ok || bad "the same in Chinese"
run export --format JSON
[ $rc -eq 0 ] && jqtrue '. == []' && ok || bad "--format JSON"
run export --format Csv
[ $rc -eq 0 ] && has '^team,product,error_code' && ok || bad "--format Csv"
run export --format xml
[ $rc -eq 2 ] && err_has "unknown format 'xml'" && ok || bad "--format xml: 2"

# ---- short options combine and attach as getopt allows ------------------------------------------
run -lzh 404
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q '^404 未找到' && ok || bad "-lzh"
for args in '-jlzh 404' '-j -l zh 404' '-jl zh 404' '404 -j' '--lang=zh --json 404' '--js 404'; do
	eval "run $args"
	[ $rc -eq 0 ] && jqtrue '.[0].code == 404' && ok || bad "$args: JSON of 404 (got $rc)"
done
run -jl=zh 404
[ $rc -eq 2 ] && err_has "unknown language '=zh'" && ok || bad "-jl=zh: '=zh' is the value, as getopt has it (got $rc)"
run -jx 404
[ $rc -eq 2 ] && err_has "unknown option '-x'" && ok || bad "-jx: unknown option '-x'"
run --json=1 404
[ $rc -eq 2 ] && err_has "unknown option '--json=1'" && ok || bad "--json=1: a flag takes no value"
run -j -l
[ $rc -eq 2 ] && err_has "option '-l' needs a value" && ok || bad "-l at the end needs a value"
run -jl
[ $rc -eq 2 ] && err_has "option '-l' needs a value" && ok || bad "-jl at the end needs a value"
run 404 --lang zh --bogus
[ $rc -eq 2 ] && err_has "未知选项 '--bogus'" && ok || bad "--lang applies to usage errors, wherever it is"
run -- --json
[ $rc -eq 1 ] && err_has "no code or error code named '--json'" && ok || bad "after --, words only"
run -- -lzh 404
[ $rc -eq 1 ] && has '^404 Not Found' && ok || bad "-- -lzh 404: both words, in place"
run --d x 404
[ $rc -eq 2 ] && err_has "unknown option '--d'" && ok || bad "an ambiguous abbreviation: unknown"

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

# ---- the man pages and the shell completions know every option and command ------------------
HERE_ROOT=$(cd "$HERE/../.." && pwd)
"$BIN" --help | grep -o -- '--[a-z-]*' | sort -u >"$TMP/opts"
missing=
for page in "$HERE_ROOT/man/httpcodes.1" "$HERE_ROOT/man/zh_CN/httpcodes.1"; do
	while read -r opt; do
		grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$page" || missing="$missing $opt($(basename "$(dirname "$page")"))"
	done <"$TMP/opts"
done
[ -z "$missing" ] && ok || bad "options missing from the man pages:$missing"
# The commands, as --help lists them ("httpcodes add ...", "httpcodes search ..."), with the options.
"$BIN" --help | sed -n 's/^  httpcodes \([a-z][a-z|]*\) .*/\1/p' | tr '|' '\n' | sort -u >>"$TMP/opts"
missing=
for comp in "$HERE_ROOT/completions/httpcodes.bash" "$HERE_ROOT/completions/_httpcodes"; do
	while read -r word; do
		grep -q -- "$word" "$comp" || missing="$missing $word($(basename "$comp"))"
	done <"$TMP/opts"
done
[ -z "$missing" ] && [ "$(wc -l <"$TMP/opts")" -gt 20 ] && ok || bad "options or commands missing from the completions:$missing"

finish
