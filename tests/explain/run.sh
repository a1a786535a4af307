#!/bin/sh
# explain: every sample of tests/explain/samples/ explained in English and in Chinese and
# compared with its golden output (golden/NAME.en.out, golden/NAME.zh.out); what each must be
# recognised as (expect.tsv: status, sender, error code, detail); --json that parses and
# says the same; bad input; stdin; a team's own code; a whole log.
#   tests/explain/run.sh BIN            check
#   tests/explain/run.sh BIN --update   rewrite the golden files
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$1
UPDATE=${2:-}
. "$HERE/../lib.sh"
S=$HERE/samples
ESC=$(printf '\033')

# ---- golden outputs, both languages -------------------------------------------------------
for f in "$S"/*; do
	name=$(basename "$f")
	case $name in *.md) continue ;; esac
	for lang in en zh; do
		"$BIN" --lang "$lang" explain "$f" >"$TMP/golden.out" 2>&1
		echo "exit $?" >>"$TMP/golden.out"
		g="$HERE/golden/$name.$lang.out"
		if [ "$UPDATE" = --update ]; then
			cp "$TMP/golden.out" "$g"
		elif cmp -s "$TMP/golden.out" "$g"; then
			ok
		else
			bad "golden $name ($lang)"
			diff -u "$g" "$TMP/golden.out" | head -30 | sed 's/^/    /'
		fi
	done
done

# ---- what each sample is recognised as -----------------------------------------------------
# The facts a user would notice first, so that a golden rewritten in haste cannot hide them.
while IFS='	' read -r name status sender code detail; do
	case $name in '#'*|'') continue ;; esac
	run --json explain "$S/$name"
	want=$(printf '%s|%s|%s|%s' "$status" "$sender" "$code" "$detail")
	got=$(jq -r '[(.status // "-"), (.sender // "-"), (.error_code // "-"), (.detail // "-")] | map(tostring) | join("|")' "$TMP/out" 2>/dev/null)
	[ "$got" = "$want" ] && ok || bad "explain $name: want $want, got $got"
done <"$HERE/expect.tsv"

# ---- JSON: one object that parses, matches in the shapes a lookup prints ---------------------
for f in "$S"/*; do
	case $f in *.md|*.log) continue ;; esac
	run --json explain "$f"
	jqtrue 'type == "object" and has("matches") and (.matches | all(.kind == "status" or .kind == "meaning" or .kind == "mapping"))' \
		&& ok || bad "--json explain $(basename "$f"): one object with matches"
done
run --json explain "$S/aws-s3-nosuchkey.txt"
jqtrue '.matches[0].kind == "status" and .matches[0].code == 404 and .matches[0].retry == "never"
	and any(.matches[]; .kind == "mapping" and .error_code == "NoSuchKey" and .source == "aws")
	and .request_id == "7Q2KX9M4B1C8D3EF" and .input == "response"' \
	&& ok || bad "--json explain: S3 NoSuchKey with its status entry, its mapping and its request id"
run --json explain "$S/generic-429-retry-after-seconds.txt"
jqtrue 'any(.headers[]; .name == "Retry-After" and .note_en == "wait 3600 seconds before trying again" and (.note_zh | contains("3600")))' \
	&& ok || bad "--json explain: Retry-After in seconds, said in both languages"
run --json explain "$S/nginx-access-combined-499.txt"
jqtrue '.input == "log_line" and .log.format == "access-log" and any(.matches[]; .kind == "meaning" and .source == "nginx" and .code == 499)' \
	&& ok || bad "--json explain: a 499 in an access log is nginx's"
run --json explain "$S/nginx-error-upstream-timed-out.txt"
jqtrue '.status == 504 and .status_from == "log" and .log_phrases[0].phrase == "upstream timed out"' \
	&& ok || bad "--json explain: nginx's 'upstream timed out' means the client got 504"

# ---- text: the lines a person reads first -----------------------------------------------------
run explain "$S/alibaba-oss-nosuchkey.txt"
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q '^Response  HTTP/1.1 404 Not Found  from Alibaba Cloud$' \
	&& grep -q '^NoSuchKey → 404 Not Found$' "$TMP/out" && ok || bad "explain: OSS NoSuchKey, its status and sender first"
run --lang zh explain "$S/alibaba-oss-nosuchkey.txt"
head -1 "$TMP/out" | grep -q '^响应  HTTP/1.1 404 未找到  来自 阿里云$' && ok || bad "zh explain: the first line in Chinese"
run explain "$S/tencent-api-signature-expire.txt"
grep -q '(not in the input: the status this error code comes with)' "$TMP/out" && ok \
	|| bad "explain: a body without a status says where its status comes from"

# ---- standard input, and the exit status ---------------------------------------------------
"$BIN" explain <"$S/kubernetes-api-404-notfound.txt" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && has '^Response  HTTP/2 404 Not Found  from Kubernetes' && ok || bad "explain reads standard input"
"$BIN" explain - <"$S/kubernetes-api-404-notfound.txt" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && has 'NotFound' && ok || bad "explain - reads standard input"
printf 'hello, nothing to see here\n' | "$BIN" explain >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && err_has 'nothing recognised' && ok || bad "explain: nothing recognised is exit 1, said on stderr"
"$BIN" explain </dev/null >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && err_has 'nothing to explain: the input is empty' && ok || bad "explain: empty input"
run explain "$TMP/no-such-file"
[ $rc -eq 2 ] && err_has "cannot read '$TMP/no-such-file'" && ok || bad "explain: a file that cannot be read is exit 2"
run explain "$S/aws-s3-nosuchkey.txt" "$S/aws-s3-accessdenied.txt"
[ $rc -eq 2 ] && err_has 'one too many' && ok || bad "explain: two files are a usage error"
run --lang zh explain "$TMP/no-such-file"
[ $rc -eq 2 ] && err_has '无法读取' && ok || bad "zh explain: a file that cannot be read"

# ---- bad input: a clear answer, never a crash or a raw control character ----------------------
for f in "$S"/bad-*; do
	run explain "$f"
	[ $rc -le 1 ] && ! grep -q "$ESC" "$TMP/out" "$TMP/err" && ok || bad "explain $(basename "$f"): exit $rc, or ESC on the terminal"
done
run --json explain "$S/bad-xml-entities.txt"
jqtrue '.problems == ["xml_entities"] and .status == null' && ! grep -q 'root:' "$TMP/out" \
	&& ok || bad "explain: XML with entities is refused, nothing expanded"
run --json explain "$S/bad-json-deep.txt"
jqtrue '.problems | index("bad_json") != null' && ok || bad "explain: JSON nested too deeply is said"
head -c 100000000 /dev/zero | tr '\0' 'a' | "$BIN" --json explain >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 1 ] && jqtrue '.problems | index("too_large") != null' && ok || bad "explain: a 100 MB line is cut at 16 MB and said (exit $rc)"
printf '\033]0;owned\007\033[2J HTTP/1.1 502 Bad Gateway\r\n\r\n' | "$BIN" explain >"$TMP/out" 2>"$TMP/err"; rc=$?
! grep -q "$ESC" "$TMP/out" && ok || bad "explain: ESC sequences in pasted text never reach the terminal"

# ---- a team's own codes --------------------------------------------------------------------
DB=$TMP/team.db
"$BIN" --db "$DB" add ORDER_LOCKED 423 --team shop --en "Order is locked" --zh "订单已锁定" >/dev/null 2>&1
run --db "$DB" --json explain "$S/userapi-order-locked.txt"
jqtrue '.status == 423 and .status_from == "error_code" and any(.matches[]; .kind == "mapping" and .error_code == "ORDER_LOCKED" and .source == "user:shop")' \
	&& ok || bad "explain: a member holding one of the team's codes finds it, and its status"

# ---- a whole log ----------------------------------------------------------------------------
run --json explain "$S/access-nginx-mixed.log"
jqtrue '.input == "log" and .lines == 60 and .requests == 60 and (.statuses[0] | .status == 200 and .count == 34)
	and any(.statuses[]; .status == 499 and .sender == "nginx") and .classes["5xx"] == 6' \
	&& ok || bad "explain: a whole nginx log, counted by status"
run explain "$S/access-alb.log"
[ $rc -eq 0 ] && has '^15 lines, 15 of them requests in an access log$' && has '460  Client Closed Connection  (AWS' \
	&& ok || bad "explain: an ALB log, with the ELB's own meaning of 460"
# A log that begins with a line of no known format (a header, a line cut in two) is still a log.
{ echo "#Version: 1.0 (not a request)"; cat "$S/access-alb.log"; } | "$BIN" explain >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && has '^16 lines, 15 of them requests in an access log$' && has '^  1 line was not a request of an access log$' \
	&& ok || bad "explain: a log whose first line is not a request"
# A line longer than a block is counted, not read, and the lines after it still are.
{ head -3 "$S/access-nginx-mixed.log"; head -c 3000000 /dev/zero | tr '\0' 'x'; echo; head -3 "$S/access-nginx-mixed.log"; } \
	| "$BIN" --json explain >"$TMP/out" 2>"$TMP/err"; rc=$?
jqtrue '.lines == 7 and .requests == 6' && ok || bad "explain: an overlong line in a log is skipped"

finish
