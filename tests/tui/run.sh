#!/bin/sh
# Golden screens of the browser in its scripted mode: the keys are fed one at a time, each
# once the previous one is handled, and the final screen is compared as text.
#   tests/tui/run.sh BIN [--update]
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
UPDATE=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Never the developer's own database: an empty data home of our own.
export XDG_DATA_HOME="$TMP/data"
unset LANG LC_MESSAGES LANGUAGE NO_COLOR
export LC_ALL=C.UTF-8 HTTPCODES_TODAY=2026-11-22 TERM=xterm-256color

pass=0 fail=0
while IFS='	' read -r name size lang keys more; do
	case $name in ''|'#'*) continue ;; esac
	# Each case starts from an empty database of its own, in a folder of its own where it runs:
	# a --db FILE among its arguments is named there (so the screen shows no temporary path),
	# and starts as an empty file.
	mkdir -p "$TMP/run-$name"
	env=; args=
	for w in $more; do
		case $w in *=*) [ -z "$args" ] && env="$env $w" || args="$args $w" ;; *) args="$args $w" ;; esac
	done
	case $args in *--db\ *) db=${args#*--db }; : >"$TMP/run-$name/${db%% *}" ;; esac
	# shellcheck disable=SC2086 # the words of env and args are split on purpose
	(cd "$TMP/run-$name" && env $env XDG_DATA_HOME="$TMP/data-$name" XDG_CONFIG_HOME="$TMP/config-$name" HTTPCODES_SCRIPT="$keys" HTTPCODES_SIZE=$size \
		HTTPCODES_DUMP="$TMP/screen" timeout 30 "$BIN" --lang "$lang" $args) >"$TMP/out" 2>&1
	rc=$?
	problem=
	[ $rc -eq 0 ] || problem="exit $rc: $(head -c 300 "$TMP/out")"
	[ -s "$TMP/out" ] && [ -z "$problem" ] && problem="printed outside the screen: $(head -c 200 "$TMP/out")"
	# Nothing raw: no control character may be on the screen.
	[ -z "$problem" ] && grep -q "$(printf '[\001-\010\013-\037\177]')" "$TMP/screen" && problem="control character on screen"
	rows=$(wc -l <"$TMP/screen"); want=${size#*x}
	[ -z "$problem" ] && [ "$rows" -ne "$want" ] && problem="$rows rows, want $want"
	if [ -n "$problem" ]; then
		fail=$((fail + 1)); echo "FAIL: screen $name: $problem"
	elif [ "$UPDATE" = --update ]; then
		cp "$TMP/screen" "$HERE/golden/$name.txt"; pass=$((pass + 1))
	elif cmp -s "$TMP/screen" "$HERE/golden/$name.txt"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: screen $name differs:"
		diff -u "$HERE/golden/$name.txt" "$TMP/screen" | head -40 | sed 's/^/    /'
	fi
done <"$HERE/screens.list"

# README's key table names every key the browser binds, and binds every key it names: both
# sides from the tables (HTTPCODES_KEYS), README's from its first column's `key`s.
XDG_DATA_HOME="$TMP/data-keys" HTTPCODES_SCRIPT= HTTPCODES_KEYS="$TMP/bound" "$BIN" >/dev/null 2>&1
sort -u "$TMP/bound" >"$TMP/bound.sorted"
sed -n '/^| keys | what they do |$/,/^$/p' "$HERE/../../README.md" | sed -n '3,$p' | cut -d'|' -f2 \
	| grep -o '`[^`]*`' | tr -d '`' | sort -u >"$TMP/readme"
if [ -s "$TMP/bound.sorted" ] && cmp -s "$TMP/bound.sorted" "$TMP/readme"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: README's key table and the bindings differ (< bound, > README):"
	diff "$TMP/bound.sorted" "$TMP/readme" | grep '^[<>]' | sed 's/^/    /'
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
