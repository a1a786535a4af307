#!/bin/sh
# What httpcodes writes: every write checked (a full disk, a closed stdout, a broken pipe),
# nothing raw from a crafted database, and clean error paths.
#   tests/cli/output.sh BIN SQLX
set -u
BIN=$1
SQLX=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
. "$(dirname "$0")/../lib.sh"

# ---- the browser: a failed save says why (the reason was read before it was set) ---------------
"$BIN" --db "$TMP/full.db" add FULL_ONE 400 --en one 2>/dev/null
pages=$("$SQLX" "$TMP/full.db" "PRAGMA page_count")
note=$(head -c 6000 /dev/zero | tr '\0' x) # more than the pages left can hold
HTTPCODES_TEST_MAX_PAGES=$pages HTTPCODES_SCRIPT="4<Down>c$note<Enter>" HTTPCODES_SIZE=100x24 \
	HTTPCODES_DUMP="$TMP/screen" "$BIN" --db "$TMP/full.db" --lang en >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && grep 'cannot save' "$TMP/screen" | grep -q 'disk is full' && ok \
	|| bad "a note that does not fit: the status bar says the disk is full (got: $(tail -n 1 "$TMP/screen"))"

finish
