#!/bin/sh
# The bad-input catalogue: whatever a user or a file throws at httpcodes, it says clearly what
# is wrong, in the user's language, and loses nothing.
#   tests/cli/badinput.sh BIN
set -u
BIN=$1
. "$(dirname "$0")/../lib.sh"
sum() { cksum <"$1"; }
DB="$TMP/data/httpcodes/user.db"

# A real database of ours to damage.
"$BIN" add ORDER_LOCKED 409 --team Orders --en locked 2>/dev/null
"$BIN" add ERR_QUOTA 429 --zh 配额用尽 2>/dev/null

# ---- a zero-byte database is an empty one -------------------------------------------------------
: >"$TMP/zero.db"
run --db "$TMP/zero.db" add Z1 400 --en zero
[ $rc -eq 0 ] && "$BIN" --db "$TMP/zero.db" Z1 >/dev/null 2>&1 && ok || bad "a zero-byte database file works as a new one"

# ---- a truncated database of ours: reads go on without it; a change keeps it aside --------------
cp "$DB" "$TMP/good.db"
head -c 3000 "$TMP/good.db" >"$DB"; rm -f "$DB-wal" "$DB-shm"
before=$(sum "$DB")
run 404
[ $rc -eq 0 ] && grep -q '^404 Not Found' "$TMP/out" && err_has "cannot be used" && ok \
	|| bad "a damaged database: a warning, and the built-in data still works"
[ "$(sum "$DB")" = "$before" ] && ok || bad "reading does not touch the damaged file"
run add NEW_ONE 400 --en new
aside=$(ls "$TMP/data/httpcodes/" | grep 'user.db.damaged-' | head -n 1)
[ $rc -eq 0 ] && err_has "it is kept as" && [ -n "$aside" ] \
	&& [ "$(sum "$TMP/data/httpcodes/$aside")" = "$before" ] && ok \
	|| bad "a change keeps the damaged file aside, untouched, and says where"
run NEW_ONE
[ $rc -eq 0 ] && ok || bad "and the new database works"
run --lang zh add NEW_TWO 400 --en x
[ $rc -eq 0 ] && ok || bad "(again, now healthy)"

# ---- somebody else's files are refused and left alone ---------------------------------------
printf 'SQLite format 3\000' >"$TMP/fake.db"; head -c 5000 /dev/urandom >>"$TMP/fake.db"
for f in "$TMP/fake.db" /etc/hostname; do
	[ -r "$f" ] || continue
	cp "$f" "$TMP/copy"; before=$(sum "$TMP/copy")
	run --db "$TMP/copy" add X 400 --en x
	[ $rc -eq 3 ] && err_has "cannot save to your database" && [ "$(sum "$TMP/copy")" = "$before" ] \
		&& ! ls "$TMP" | grep -q 'copy.damaged' && ok || bad "not ours ($f): refused, unchanged, not moved"
	run --db "$TMP/copy" 404
	[ $rc -eq 3 ] && err_has "cannot open database" && ok || bad "not ours ($f): --db says so"
done
sqlite_foreign() { # a healthy SQLite database of another program
	"$BIN" --db "$TMP/tmp-ours.db" add A 400 --en a >/dev/null 2>&1 # makes a file of ours...
	cp "$TMP/tmp-ours.db" "$1"
	# ...and give it another application id: bytes 68-71 of the header
	printf '\001\002\003\004' | dd of="$1" bs=1 seek=68 conv=notrunc 2>/dev/null
}
sqlite_foreign "$TMP/foreign.db"; before=$(sum "$TMP/foreign.db")
run --db "$TMP/foreign.db" add X 400 --en x
[ $rc -eq 3 ] && err_has "not an httpcodes database" && [ "$(sum "$TMP/foreign.db")" = "$before" ] && ok \
	|| bad "a foreign SQLite database: refused and unchanged"

# ---- a database from a newer httpcodes ---------------------------------------------------------
"$BIN" --db "$TMP/newer.db" add A 400 --en a >/dev/null 2>&1
printf '\000\000\000\143' | dd of="$TMP/newer.db" bs=1 seek=60 conv=notrunc 2>/dev/null # user_version 99
before=$(sum "$TMP/newer.db")
run --db "$TMP/newer.db" A
[ $rc -eq 0 ] && err_has "newer httpcodes" && has "^A" && [ "$(sum "$TMP/newer.db")" = "$before" ] && ok \
	|| bad "a newer schema: read, with a clear message, and left as it was"
run --lang zh --db "$TMP/newer.db" add B 400 --en b
[ $rc -eq 3 ] && err_has "无法保存到你的数据库" && [ "$(sum "$TMP/newer.db")" = "$before" ] && ok \
	|| bad "a newer schema: not written (message in Chinese)"

# ---- the database path is a directory ------------------------------------------------------------
mkdir -p "$TMP/adir"
run --db "$TMP/adir" 404
[ $rc -eq 3 ] && err_has "cannot open database '$TMP/adir'" && ok || bad "a directory as the database: a clear message"
run --lang zh --db "$TMP/adir" 404
[ $rc -eq 3 ] && err_has "不是普通文件" && ! err_has "not a regular file" && ok \
	|| bad "the reason is given in Chinese too"
run --lang zh search "database is locked zzqx"
err_has "database is locked zzqx" && ok || bad "a user's own words are echoed as typed, never translated"
run --db "$TMP/adir" add X 400 --en x
[ $rc -eq 3 ] && err_has "cannot save" && ok || bad "a directory as the database: nothing written"

# ---- a full disk in the middle of an import ------------------------------------------------------
export XDG_DATA_HOME="$TMP/full"
"$BIN" add KEEP_ME 400 --en keep 2>/dev/null
{ echo "error_code,http_status,message_en,description_en"; i=0
  while [ $i -lt 3000 ]; do echo "F$i,400,m,$(printf '%0200d' $i)"; i=$((i + 1)); done; } >"$TMP/big.csv"
HTTPCODES_TEST_MAX_PAGES=60 "$BIN" import "$TMP/big.csv" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 3 ] && err_has "database or disk is full" && err_has "your database is as it was" \
	&& [ "$(grep -c . "$TMP/err")" -le 3 ] && [ "$("$BIN" export --format json | jq length)" -eq 1 ] && ok \
	|| bad "disk full during import: one clear message, nothing imported, the rest intact"
HTTPCODES_TEST_MAX_PAGES=60 "$BIN" --lang zh import "$TMP/big.csv" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 3 ] && err_has "无法保存到你的数据库 '$TMP/full/httpcodes/user.db'（数据库或磁盘已满）" \
	&& ! sed "s|'$TMP[^']*'||; s/^httpcodes: //" "$TMP/err" | grep -q '[A-Za-z]' && ok \
	|| bad "disk full during import, in Chinese: one sentence, no English reason"
run import "$TMP/big.csv"
[ $rc -eq 0 ] && [ "$("$BIN" export --format json | jq length)" -eq 3001 ] && ok \
	|| bad "and with room again, the import goes through"
# The review's reproduction ("cannot save to your database database or disk is full"): a row
# too big for a database that cannot grow.
long=$(printf 'x%.0s' $(seq 1 3000))
HTTPCODES_TEST_MAX_PAGES=1 "$BIN" add FULL_ADD 400 --en "$long" --description-en "$long" --advice-en "$long" \
	>"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 3 ] && err_has "cannot save to your database '$TMP/full/httpcodes/user.db' (database or disk is full)" \
	&& ok || bad "add on a full database: one sentence with the path and why"
HTTPCODES_TEST_MAX_PAGES=1 "$BIN" --lang zh add FULL_ADD 400 --en "$long" --description-en "$long" \
	--advice-en "$long" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 3 ] && err_has "无法保存到你的数据库 '$TMP/full/httpcodes/user.db'（数据库或磁盘已满）" \
	&& ! sed "s|'$TMP[^']*'||; s/^httpcodes: //" "$TMP/err" | grep -q '[A-Za-z]' && ok \
	|| bad "the same, in Chinese, with no English reason"

# ---- locales, huge queries, hostile arguments -------------------------------------------------
export XDG_DATA_HOME="$TMP/data"
LC_ALL=C "$BIN" 404 >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && grep -q '^404 Not Found' "$TMP/out" && ok || bad "a non-UTF-8 locale (C): English still works"
LC_ALL=POSIX LANG= "$BIN" --lang zh 504 >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && grep -q '网关超时' "$TMP/out" && ok || bad "a non-UTF-8 locale: Chinese is still written as UTF-8"
# The kernel caps one argument at 128 KB and all of them near 2 MB: half a megabyte of query
# comes as many words here (test_search.c gives the search itself a full megabyte).
# shellcheck disable=SC2046
run search $(yes 'gateway 超时 "*(' | head -c 500000)
[ $rc -le 1 ] && ! err_has "error" && ok || bad "a 500 KB query on the command line: no error, no crash"
run search "$(printf '\033]52;c;AAAA\007\033[2J')"
! grep -q "$(printf '\033')" "$TMP/err" && ! grep -q "$(printf '\033')" "$TMP/out" && ok \
	|| bad "escape sequences in a query are never echoed raw"

finish
