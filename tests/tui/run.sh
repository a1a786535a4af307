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
	# HTTPCODES_DUMP_STYLE=1: the styles too, a letter a cell (tui_script.c), compared as well.
	style=; rm -f "$TMP/style"
	case $env in *HTTPCODES_DUMP_STYLE=1*) style=1; env=$(echo "$env" | sed "s|HTTPCODES_DUMP_STYLE=1|HTTPCODES_DUMP_STYLE=$TMP/style|") ;; esac
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
	# A theme for a light background, or for one not known, paints nothing in white (7) or
	# yellow (3) on the terminal's own background: it would not read on white.
	if [ -z "$problem" ] && [ -n "$style" ]; then
		case $name in *light*|*auto*)
			grep -Eq '^[a-z] fg=(3|7|11|15|226|227|228|229|230|231) bg=-1$' "$TMP/style" \
				&& problem="white or yellow on the terminal's background: $(grep -E 'fg=(3|7|11|15|22[6-9]|23[01]) bg=-1' "$TMP/style" | head -3 | tr '\n' ' ')" ;;
		esac
		[ -z "$problem" ] && [ "$(grep -c . "$TMP/style")" -lt "$want" ] && problem="no style dump"
		if [ -z "$problem" ] && [ "$UPDATE" = --update ]; then
			cp "$TMP/style" "$HERE/golden/$name.style"
		elif [ -z "$problem" ] && ! cmp -s "$TMP/style" "$HERE/golden/$name.style"; then
			problem="styles differ: $(diff "$HERE/golden/$name.style" "$TMP/style" | head -6 | tr '\n' ' ')"
		fi
	fi
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
