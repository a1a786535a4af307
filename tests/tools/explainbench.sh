#!/bin/sh
# explainbench: what `httpcodes explain` costs a person, side by side with its yardsticks in
# the same run:
#   - a whole access log of about 1 GB (the nginx sample of tests/explain/samples repeated),
#     summarised by `httpcodes explain FILE`, against `awk '{print $9}' FILE | sort | uniq -c`
#     (issue 17's yardstick); wall and on-CPU seconds and peak memory, each the best of 3, the
#     file read once before (both read it from the page cache);
#   - one pasted response explained (`httpcodes explain aws-s3-nosuchkey.txt`) against a plain
#     lookup (`httpcodes 404`): the mean of 50 runs each.
#   tests/tools/explainbench.sh [BIN] [MB]        default: build/httpcodes 1000
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:-$ROOT/build/httpcodes}
MB=${2:-1000}
S=$ROOT/tests/explain/samples
WORK=$ROOT/build/explainbench
mkdir -p "$WORK"
[ -x /usr/bin/time ] || { echo "explainbench: /usr/bin/time is needed" >&2; exit 2; }
XDG_DATA_HOME=$WORK/xdg
export XDG_DATA_HOME LC_ALL=C.UTF-8

LOG=$WORK/access-${MB}m.log
if [ ! -s "$LOG" ]; then
	: >"$WORK/chunk"
	i=0; while [ $i -lt 100 ]; do cat "$S/access-nginx-mixed.log" >>"$WORK/chunk"; i=$((i + 1)); done
	chunk=$(stat -c %s "$WORK/chunk")
	n=$(( MB * 1000000 / chunk ))
	: >"$LOG.tmp"
	i=0; while [ $i -lt $n ]; do cat "$WORK/chunk" >>"$LOG.tmp"; i=$((i + 1)); done
	mv "$LOG.tmp" "$LOG"
fi
cat "$LOG" >/dev/null

# "wall cpu rss_kb" of a command (its output thrown away), the best wall time of 3.
best() {
	b=
	for r in 1 2 3; do
		/usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || {
			echo "explainbench: failed: $*" >&2; cat "$WORK/err" >&2; exit 1; }
		t=$(awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$WORK/time")
		if [ -z "$b" ] || [ "$(echo "$t $b" | awk '{ print ($1 < $4) }')" = 1 ]; then b=$t; fi
	done
	echo "$b"
}

lines=$(wc -l <"$LOG")
size=$(stat -c %s "$LOG")
set -- $(best "$BIN" explain "$LOG")
hw=$1 hc=$2 hm=$3
set -- $(best sh -c "awk '{print \$9}' '$LOG' | sort | uniq -c")
aw=$1 ac=$2 am=$3
printf 'explain a whole access log: %d MB, %d lines\n' $((size / 1000000)) "$lines"
printf '  %-44s %6s s wall %6s s cpu %7s MB peak\n' "httpcodes explain FILE" "$hw" "$hc" $((hm / 1024))
printf '  %-44s %6s s wall %6s s cpu %7s MB peak\n' "awk '{print \$9}' FILE | sort | uniq -c" "$aw" "$ac" $((am / 1024))
echo "$hw $aw" | awk '{ if ($1 > 0) printf "  httpcodes is %.1fx the speed of the awk pipeline (wall)\n", $2 / $1 }'

# One response, and one lookup, as a person runs them: the mean of 50 runs each.
mean() {
	start=$(date +%s%N)
	i=0; while [ $i -lt 50 ]; do "$@" >/dev/null 2>&1 || true; i=$((i + 1)); done
	echo $(( ($(date +%s%N) - start) / 50000 ))
}
e=$(mean "$BIN" explain "$S/aws-s3-nosuchkey.txt")
l=$(mean "$BIN" 404)
printf 'explain one response (aws-s3-nosuchkey.txt): %d.%03d ms a run; httpcodes 404: %d.%03d ms a run (mean of 50)\n' \
	$((e / 1000)) $((e % 1000)) $((l / 1000)) $((l % 1000))
