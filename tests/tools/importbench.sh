#!/bin/sh
# importbench: the time and peak memory of `httpcodes --db F import rows.csv`, side by side with
# the yardstick issue 14 sets: SQLite's own FTS5 with the unicode61 tokenizer indexing the same
# ten columns of the same rows, in the same run. `make bench` runs it for 10,000 and 100,000 rows,
# `make bench-big` for 1,000,000 (the import streams the file: its peak memory is the figure to
# watch there); by hand:
#   tests/tools/importbench.sh [BIN] [ROWS...]        default: build/httpcodes 10000 100000
# The rows come from tests/tools/gencsv.c (about 700 bytes a row, Chinese and English mixed),
# made once per size and kept under build/importbench/. Times are wall and on-CPU (user+sys)
# seconds: on a busy machine the CPU time is the steadier figure, and the ratio is taken of it.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:-$ROOT/build/httpcodes}
[ $# -gt 0 ] && shift
SIZES=${*:-10000 100000}
WORK=$ROOT/build/importbench
mkdir -p "$WORK"
GEN=$WORK/gencsv
[ "$GEN" -nt "$HERE/gencsv.c" ] || ${CC:-cc} -std=c11 -O2 -o "$GEN" "$HERE/gencsv.c"
command -v sqlite3 >/dev/null || { echo "importbench: the sqlite3 shell is needed for the yardstick" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "importbench: /usr/bin/time is needed for peak memory" >&2; exit 2; }
# Never the developer's own database.
XDG_DATA_HOME=$WORK/xdg
export XDG_DATA_HOME

# "wall cpu rss_kb" of a command, from GNU time; its own output thrown away.
measure() {
	/usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || {
		echo "importbench: failed: $*" >&2; cat "$WORK/err" >&2; exit 1; }
	awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$WORK/time"
}

printf '%-9s %-24s %-24s %s\n' rows "httpcodes import" "sqlite3 fts5 unicode61" "ratio (cpu)"
printf '%-9s %-24s %-24s\n' "" "wall/cpu s, peak MB, B/row" "wall/cpu s, peak MB, B/row"
for n in $SIZES; do
	csv=$WORK/rows-$n.csv
	[ -s "$csv" ] || "$GEN" "$n" >"$csv"
	rm -f "$WORK/user.db" "$WORK/user.db-wal" "$WORK/user.db-shm" "$WORK/fts.db"
	set -- $(measure "$BIN" --db "$WORK/user.db" import "$csv")
	ours_wall=$1 ours_cpu=$2 ours_kb=$3
	ours_bytes=$(stat -c %s "$WORK/user.db")
	set -- $(measure sqlite3 "$WORK/fts.db" \
		"CREATE VIRTUAL TABLE t USING fts5(team, product, error_code, http_status, message_en,
		 message_zh, description_en, description_zh, advice_en, advice_zh, tokenize = 'unicode61')" \
		".import --csv --skip 1 $csv t")
	base_wall=$1 base_cpu=$2 base_kb=$3
	base_bytes=$(stat -c %s "$WORK/fts.db")
	awk -v n="$n" -v ow="$ours_wall" -v oc="$ours_cpu" -v ok="$ours_kb" -v ob="$ours_bytes" \
	    -v bw="$base_wall" -v bc="$base_cpu" -v bk="$base_kb" -v bb="$base_bytes" 'BEGIN {
		printf "%-9d %5.2f/%5.2f %5.0f %6.0f    %5.2f/%5.2f %5.0f %6.0f    %.1fx\n",
		       n, ow, oc, ok / 1024, ob / n, bw, bc, bk / 1024, bb / n, (bc > 0 ? oc / bc : 0) }'
done
