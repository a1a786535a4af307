#!/bin/sh
# The decision guide on the command line (issue 18): every leaf reached by a path of answers,
# in English and in Chinese; --json's tree; a house style; bad answers and styles; a team's
# own codes at a leaf; the outline in a pipe.
#   tests/cli/guide.sh BIN
BIN=$1
. "$(dirname "$0")/../lib.sh"

run --json choose
[ $rc -eq 0 ] && jqtrue 'type == "array" and .[0].id == "start" and (.[0].answers | length) >= 2
	and ([.[] | select(.code)] | length) >= 35' && ok || bad "choose --json: the tree, the root first, 35 leaves or more"
cp "$TMP/out" "$TMP/tree.json"

# One path of answers (their numbers) to each leaf, found by walking the tree.
jq -r '(map({(.id): .}) | add) as $n
	| def walk($id; $path): $n[$id] as $x
		| if $x.code then [$id, $x.code, $path] else ($x.answers[] | walk(.next; $path + [.ord])) end;
	  [walk("start"; [])] | group_by(.[0]) | map(.[0])[] | "\(.[0]) \(.[1]) \(.[2] | map(tostring) | join(" "))"' \
	"$TMP/tree.json" >"$TMP/paths"
leaves=$(jq '[.[] | select(.code)] | length' "$TMP/tree.json")
[ "$(wc -l <"$TMP/paths")" -eq "$leaves" ] && ok || bad "every leaf has a path from the root"
while read -r id code path; do
	for lang in en zh; do
		# shellcheck disable=SC2086
		"$BIN" --lang $lang choose $path >"$TMP/out" 2>"$TMP/err"; rc=$?
		[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q "^$code  " && ok || bad "choose $path ($lang): leaf $id, $code"
	done
done <"$TMP/paths"

# The first question, and a bad answer.
run choose
[ $rc -eq 0 ] && has "$(jq -r '.[0].question_en' "$TMP/tree.json")" && ok || bad "choose in a pipe: the outline, the root first"
run choose 9
[ $rc -eq 2 ] && err_has "'9' is not one of the answers to this question" && ok || bad "choose with an answer there is not"
run --lang zh choose x
[ $rc -eq 2 ] && err_has '不是这个问题的选项' && ok || bad "zh: choose with an answer there is not"
run choose --style nosuch 1
[ $rc -eq 2 ] && err_has "unknown house style 'nosuch'" && ok || bad "an unknown house style"

# A house style where it changes a leaf: its code first, and why.
styled=$(jq -r '[.[] | select(.code) | . as $l | .styles[] | select(.code != $l.code) | "\($l.id) \(.style) \(.code)"][0]' "$TMP/tree.json")
set -- $styled
sid=$1 style=$2 scode=$3
path=$(grep "^$sid " "$TMP/paths" | cut -d' ' -f3-)
# shellcheck disable=SC2086
run choose --style "$style" $path
[ $rc -eq 0 ] && head -1 "$TMP/out" | grep -q "^$scode  " && has "house style; RFC 9110's default is" \
	&& ok || bad "choose --style $style: leaf $sid gives $scode"
# shellcheck disable=SC2086
run choose $path
has "Where house styles differ" && ok || bad "without a style, a leaf says where the styles differ"

# A team's own code sent with a leaf's status is listed there, first.
set -- $(grep ' 429 ' "$TMP/paths" | head -1)
shift 2
DB=$TMP/team.db
"$BIN" --db "$DB" add SLOW_DOWN 429 --team shop --en "Too many orders" >/dev/null 2>&1
run --db "$DB" choose "$@"
[ $rc -eq 0 ] && grep -A1 "Business errors sent with it" "$TMP/out" | grep -q "SLOW_DOWN  shop (yours)" \
	&& ok || bad "a leaf lists the team's own codes with its status first"
finish
