#!/bin/sh
# How many statements a run prepares (issue 13): the store keeps its statements, so a search
# keystroke in the browser costs at most 2 new ones, and `--json 4xx` at most 13 in all (10, and
# one each for a status's constants, headers and facts since issue 16).
# Counted by tests/tools/countprep.c (an LD_PRELOAD object): every call of sqlite3_prepare_v2
# and _v3, from the program and from inside SQLite (sqlite3_exec's, FTS5's own), as the code
# review's counter counted them. The figures are printed.
#   tests/cli/prepares.sh BIN COUNTPREP
set -u
BIN=$1
COUNTPREP=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
. "$(dirname "$0")/../lib.sh"

# The prepares of one run of the program with these arguments (and the environment given).
prepares() {
	rm -f "$TMP/count"
	# ASan wants to be first in the library list; the count does not care, so let it be second.
	HTTPCODES_COUNTPREP="$TMP/count" LD_PRELOAD="$COUNTPREP" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		"$@" >/dev/null 2>&1
	cat "$TMP/count" 2>/dev/null || echo none
}

# A static build (make STATIC=1) loads no library, so LD_PRELOAD cannot count its calls.
if ! ldd "$BIN" >/dev/null 2>&1; then
	echo "prepares: not counted: $BIN is linked statically (make STATIC=1)"
	finish
	exit
fi

n=$(prepares "$BIN" --json 4xx)
echo "prepares: httpcodes --json 4xx: $n"
[ "$n" != none ] && [ "$n" -le 13 ] && ok || bad "httpcodes --json 4xx prepares $n statements, want at most 13"

# The browser in its scripted mode, with the keys given, to the end of the script.
browse() {
	prepares env HTTPCODES_SCRIPT="$1" HTTPCODES_SIZE=80x24 HTTPCODES_DUMP="$TMP/screen" TERM=xterm-256color \
		"$BIN" --lang en
}

# One more letter of a search typed: what it costs over the search without it. The first
# search that is ranked (not too broad), the first that opens a business error and the first
# that asks for a word whole each prepare their statements once in a process ('/cha' is too
# broad to rank, '/chan' is not): the pairs are past those, as every keystroke after them is.
for pair in '/chan /chang' '/网关超 /网关超时' '/wangguan /wangguanc'; do
	set -- $pair
	a=$(browse "$1") b=$(browse "$2")
	if [ "$a" = none ] || [ "$b" = none ]; then
		bad "no count for '$1' or '$2'"
		continue
	fi
	echo "prepares: typing '$2' after '$1': $((b - a)) (in all $a, then $b)"
	[ $((b - a)) -le 2 ] && ok || bad "one more letter after '$1' prepares $((b - a)) statements, want at most 2"
done
finish
