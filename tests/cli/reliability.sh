#!/bin/sh
# The user's file is never lost, never hangs us, never runs code of its own: reads take no
# write lock, a file another program holds or only lets us read still answers, a crafted file
# is refused before anything in it runs, a damaged one is set aside exactly once.
#   tests/cli/reliability.sh BIN SQLX     (SQLX: tests/tools/sqlx.c, SQL on a file)
set -u
BIN=$1
SQLX=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
. "$(dirname "$0")/../lib.sh"
sum() { cksum <"$1"; }
# A bound on a run that must not hang: 20 s is far beyond any answer, far below a hang; quick:
# 5 s, for a read while a writer holds the file 12 s (it must not wait for the writer).
BOUND=20
bounded() { timeout -s KILL "$BOUND" "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }
quick() { BOUND=5; bounded "$@"; BOUND=20; }
fresh() { rm -f "$1" "$1-wal" "$1-shm"; "$BIN" --db "$1" add ORDER_LOCKED 409 --team Orders --en "The order is locked" 2>/dev/null; }

# ---- F1: eight writers at once on a damaged file: its bytes survive in exactly one file ----------
mkdir -p "$TMP/race"
fresh "$TMP/race/good.db"
head -c 20000 "$TMP/race/good.db" >"$TMP/race/damaged"
printf 'the WAL of the damaged file' >"$TMP/race/damaged-wal"
lost=0 rows_bad=0
round=0
while [ $round -lt 50 ]; do
	round=$((round + 1))
	rm -f "$TMP/race"/u.db*
	cp "$TMP/race/damaged" "$TMP/race/u.db"
	[ $((round % 2)) -eq 0 ] && cp "$TMP/race/damaged-wal" "$TMP/race/u.db-wal"
	for i in 1 2 3 4 5 6 7 8; do "$BIN" --db "$TMP/race/u.db" add "C$i" 400 --en x 2>/dev/null & done
	wait
	copies=0 wals=0
	for f in "$TMP/race"/u.db*; do
		cmp -s "$f" "$TMP/race/damaged" && copies=$((copies + 1))
		cmp -s "$f" "$TMP/race/damaged-wal" && wals=$((wals + 1))
	done
	[ $copies -eq 1 ] && { [ $((round % 2)) -eq 1 ] || [ $wals -eq 1 ]; } || { lost=$((lost + 1)); ls -l "$TMP/race"; }
	[ "$("$BIN" --db "$TMP/race/u.db" export --format json | jq length)" -eq 8 ] || rows_bad=$((rows_bad + 1))
done
[ $lost -eq 0 ] && ok || bad "8 writers on a damaged file: its bytes (and its WAL's) in exactly one file ($lost of 50 rounds failed)"
[ $rows_bad -eq 0 ] && ok || bad "8 writers on a damaged file: every one's row is in the new file ($rows_bad of 50 rounds failed)"

# ---- a lookup never sets a damaged file aside --------------------------------------------------
cp "$TMP/race/damaged" "$TMP/dmg.db"; before=$(sum "$TMP/dmg.db")
bounded --db "$TMP/dmg.db" 404
[ $rc -eq 3 ] && [ "$(sum "$TMP/dmg.db")" = "$before" ] && ! ls "$TMP" | grep -q 'dmg.db.damaged' && ok \
	|| bad "a lookup on a damaged file leaves it where and as it is"

# ---- F2: a newer httpcodes's file, even one whose schema this SQLite cannot parse --------------
for v in 3 4 99; do
	fresh "$TMP/newer$v.db"
	"$SQLX" "$TMP/newer$v.db" "PRAGMA user_version = $v; PRAGMA writable_schema = ON;
	  INSERT INTO sqlite_schema VALUES ('view', 'v3', 'v3', 0,
	    'CREATE VIEW v3 AS SELECT string_agg(error_code, '','' ORDER BY error_code) FROM user_mappings')"
	before=$(sum "$TMP/newer$v.db")
	bounded --db "$TMP/newer$v.db" add X1 400 --en x
	[ $rc -eq 3 ] && err_has "cannot save" && [ "$(sum "$TMP/newer$v.db")" = "$before" ] \
		&& ! ls "$TMP" | grep -q "newer$v.db.damaged" && ok \
		|| bad "a schema this SQLite cannot parse (user_version $v): refused, left as it is, never set aside"
	bounded --db "$TMP/newer$v.db" ORDER_LOCKED
	[ $rc -eq 3 ] && { err_has "schema cannot be read" || err_has "newer httpcodes"; } \
		&& [ "$(sum "$TMP/newer$v.db")" = "$before" ] && ok \
		|| bad "a schema this SQLite cannot parse (user_version $v): a lookup says why"
done
fresh "$TMP/newer-ok.db"
"$SQLX" "$TMP/newer-ok.db" "PRAGMA user_version = 7"
before=$(sum "$TMP/newer-ok.db")
bounded --db "$TMP/newer-ok.db" ORDER_LOCKED
[ $rc -eq 0 ] && has "ORDER_LOCKED" && err_has "newer httpcodes" && [ "$(sum "$TMP/newer-ok.db")" = "$before" ] && ok \
	|| bad "a newer file that can be read is read, with a notice, and not changed"

# ---- F3, F4: a crafted file's values are checked; its own code never runs -----------------------
fresh "$TMP/kind.db"
"$SQLX" "$TMP/kind.db" "UPDATE search_fts SET kind = 100000000 WHERE ident = 'ORDER_LOCKED'"
bounded --db "$TMP/kind.db" --json search ORDER_LOCKED
[ $rc -eq 0 ] && jqtrue 'map(select(.ident == "ORDER_LOCKED")) | length == 1' && ok \
	|| bad "a kind out of range in a crafted index: no crash, the row shown"
fresh "$TMP/view.db"
"$SQLX" "$TMP/view.db" "ALTER TABLE user_mappings RENAME TO real_rows" \
	"CREATE VIEW user_mappings AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
	  SELECT 1 AS id, '' AS team, '' AS product, 'X' AS error_code, 400 AS http_status, n AS message_en,
	  '' AS message_zh, '' AS description_en, '' AS description_zh, '' AS advice_en, '' AS advice_zh FROM r"
before=$(sum "$TMP/view.db")
for cmd in 409 ORDER_LOCKED "--json 409" export "export --format json" "search order"; do
	# shellcheck disable=SC2086
	bounded --db "$TMP/view.db" $cmd
	[ $rc -eq 3 ] && err_has "did not make: user_mappings" && ok \
		|| bad "an endless view in the file ($cmd): refused at once, with its name (rc $rc)"
done
"$SQLX" "$TMP/view.db" "PRAGMA user_version = 99" # a newer file is read, not compared word for word...
bounded --db "$TMP/view.db" 409
[ $rc -eq 3 ] && err_has "newer httpcodes" && ok \
	|| bad "...but only when what it reads are plain tables: an endless view in a newer file is refused (rc $rc)"
"$SQLX" "$TMP/view.db" "PRAGMA user_version = 3"
before=$(sum "$TMP/view.db")
HTTPCODES_SCRIPT='q' HTTPCODES_SIZE=80x24 bounded --db "$TMP/view.db"
[ $rc -eq 3 ] && err_has "did not make" && ok || bad "an endless view in the file: the browser refuses it too (rc $rc)"
bounded --db "$TMP/view.db" add NEW 400 --en x
[ $rc -eq 3 ] && err_has "did not make" && [ "$(sum "$TMP/view.db")" = "$before" ] && ok \
	|| bad "an endless view in the file: a write refuses it, and the file is as it was"
fresh "$TMP/trig.db"
"$SQLX" "$TMP/trig.db" "CREATE TRIGGER spin BEFORE INSERT ON user_mappings BEGIN
	  SELECT count(*) FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r); END"
before=$(sum "$TMP/trig.db")
bounded --db "$TMP/trig.db" add NEWCODE 400 --en x
[ $rc -eq 3 ] && err_has "did not make: spin" && [ "$(sum "$TMP/trig.db")" = "$before" ] && ok \
	|| bad "an endless trigger in the file: the write refuses at once and leaves the file (rc $rc)"
bounded --db "$TMP/trig.db" 409
[ $rc -eq 3 ] && err_has "spin" && ok || bad "an endless trigger in the file: a lookup names it"

# ---- F4: a hangup ends the browser at once, even while it works; never an orphan -------------------
# (a 30 MB message keeps it busy for seconds: before, it ran on with its terminal gone)
fresh "$TMP/huge.db"
"$SQLX" "$TMP/huge.db" "UPDATE user_mappings SET message_en = 'order ' || hex(zeroblob(15000000))"
sock="hc-rel-$$"
tmux -L "$sock" new-session -d -x 100 -y 30 \
	"echo \$\$ >'$TMP/pid'; exec env TERM=xterm-256color '$BIN' --db '$TMP/huge.db'"
n=0; while [ ! -s "$TMP/pid" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
sleep 1
tmux -L "$sock" send-keys "/order" Enter
sleep 0.5
tmux -L "$sock" kill-server
n=0; while kill -0 "$(cat "$TMP/pid")" 2>/dev/null && [ $n -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
! kill -0 "$(cat "$TMP/pid")" 2>/dev/null && ok \
	|| { bad "the terminal closed while the browser worked: it is gone within 3 s"; kill -9 "$(cat "$TMP/pid")"; }
rm -f "$TMP/huge.db"*

# ---- F5: reads never take the write lock; a file held by another program is not waited for ------
fresh "$TMP/held.db"
"$SQLX" "$TMP/held.db" "BEGIN IMMEDIATE" "INSERT INTO bookmarks (code) VALUES (500)" sleep:12 "COMMIT" &
holder=$!
sleep 1
quick --db "$TMP/held.db" ORDER_LOCKED
[ $rc -eq 0 ] && has "ORDER_LOCKED" && ok || bad "a writer holds the file: a lookup reads it all the same (rc $rc)"
quick --db "$TMP/held.db" export
[ $rc -eq 0 ] && has "ORDER_LOCKED" && ok || bad "a writer holds the file: export reads it all the same"
wait $holder
fresh "$TMP/excl.db"
"$SQLX" "$TMP/excl.db" "PRAGMA locking_mode = EXCLUSIVE" "BEGIN EXCLUSIVE" \
	"INSERT INTO bookmarks (code) VALUES (500)" sleep:12 "COMMIT" >/dev/null &
holder=$!
sleep 1
quick --db "$TMP/excl.db" 404
[ $rc -eq 0 ] && grep -q '^404 Not Found' "$TMP/out" && err_has "locked by another program" && ok \
	|| bad "another program locks the file: the built-in data answers, and the user is told (rc $rc)"
quick --lang zh --db "$TMP/excl.db" ORDER_LOCKED
[ $rc -eq 1 ] && err_has "正被其他程序锁定" && ok || bad "...and in Chinese, and their own row is said to be missing"
quick --db "$TMP/excl.db" export
[ $rc -eq 3 ] && err_has "locked" && [ ! -s "$TMP/out" ] && ok \
	|| bad "another program locks the file: export fails, never an empty backup (rc $rc)"
wait $holder

# ---- F6: a file the user may read but not write ---------------------------------------------------
# As root every file is writable: the checks run as nobody.
as_reader() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
mkdir -p "$TMP/shared"
fresh "$TMP/shared/team.db"
"$SQLX" "$TMP/shared/team.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
rm -f "$TMP/shared/team.db-wal" "$TMP/shared/team.db-shm"
mkdir -p "$TMP/dumps"; chmod 777 "$TMP/dumps"
chmod 755 "$TMP"; chmod 555 "$TMP/shared"; chmod 444 "$TMP/shared/team.db"
ln -s "$TMP/shared/team.db" "$TMP/link.db"
before=$(sum "$TMP/shared/team.db")
for db in "$TMP/shared/team.db" "$TMP/link.db"; do
	as_reader env HOME=/nonexistent XDG_DATA_HOME=/nonexistent timeout -s KILL 20 "$BIN" --db "$db" ORDER_LOCKED >"$TMP/out" 2>"$TMP/err"; rc=$?
	[ $rc -eq 0 ] && has "ORDER_LOCKED" && ok || bad "a read-only shared file ($db): a lookup reads it (rc $rc)"
	as_reader env HOME=/nonexistent timeout -s KILL 20 "$BIN" --db "$db" search locked >"$TMP/out" 2>"$TMP/err"; rc=$?
	[ $rc -eq 0 ] && has "ORDER_LOCKED" && ok || bad "a read-only shared file ($db): search finds its rows"
	as_reader env HOME=/nonexistent timeout -s KILL 20 "$BIN" --db "$db" export >"$TMP/out" 2>"$TMP/err"; rc=$?
	[ $rc -eq 0 ] && has "ORDER_LOCKED" && ok || bad "a read-only shared file ($db): export works"
	as_reader env HOME=/nonexistent TERM=xterm-256color HTTPCODES_SCRIPT='/order<Enter>' HTTPCODES_DUMP="$TMP/dumps/screen" \
		HTTPCODES_SIZE=100x30 timeout -s KILL 20 "$BIN" --db "$db" >"$TMP/out" 2>"$TMP/err"; rc=$?
	[ $rc -eq 0 ] && grep -q "ORDER_LOCKED" "$TMP/dumps/screen" && ok || bad "a read-only shared file ($db): the browser shows its rows"
	as_reader env HOME=/nonexistent timeout -s KILL 20 "$BIN" --db "$db" add X 400 --en x >"$TMP/out" 2>"$TMP/err"; rc=$?
	[ $rc -eq 3 ] && err_has "$db" && { err_has "readonly" || err_has "read-only"; } && ok \
		|| bad "a read-only shared file ($db): a write says which file is read-only"
done
[ "$(sum "$TMP/shared/team.db")" = "$before" ] && ok || bad "the read-only file is unchanged"
chmod 755 "$TMP/shared"

# ---- a version 3 file (tests/data/user-v3.db, written by the binary before version 4) -------------
# Read-only, it is read as it is (its schema is version 3's, word for word) and never changed.
mkdir -p "$TMP/v3ro"
cp "$(dirname "$0")/../data/user-v3.db" "$TMP/v3ro/team.db"
chmod 555 "$TMP/v3ro"; chmod 444 "$TMP/v3ro/team.db"
before=$(sum "$TMP/v3ro/team.db")
as_reader env HOME=/nonexistent timeout -s KILL 20 "$BIN" --db "$TMP/v3ro/team.db" --lang en ORDER_LOCKED >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && has "ORDER_LOCKED" && has "The order is locked" && ok || bad "a read-only version 3 file: a lookup reads it (rc $rc)"
as_reader env HOME=/nonexistent timeout -s KILL 20 "$BIN" --db "$TMP/v3ro/team.db" --json bookmarks >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && jqtrue 'map(select(.code == 404 and .bookmarked)) | length == 1' \
	&& jqtrue 'map(select(.code == 418 and .note == "teapot drills")) | length == 1' && ok \
	|| bad "a read-only version 3 file: its bookmark and its note are read (rc $rc)"
# Its index keeps pinyin at every character (before version 5): pinyin still finds its rows.
as_reader env HOME=/nonexistent timeout -s KILL 20 "$BIN" --db "$TMP/v3ro/team.db" --lang en search dingdan >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && has "ORDER_LOCKED" && ok || bad "a read-only version 3 file: pinyin (dingdan) finds its row 订单已锁定 (rc $rc)"
[ "$(sum "$TMP/v3ro/team.db")" = "$before" ] && ok || bad "the read-only version 3 file is unchanged"
chmod 755 "$TMP/v3ro"; chmod 644 "$TMP/v3ro/team.db"
# Writable, the first write brings it to version 5 (the indexes on user_mappings; the lean
# search index, made again, and its readings in search_pinyin) and keeps all.
cp "$(dirname "$0")/../data/user-v3.db" "$TMP/v3.db"
run --db "$TMP/v3.db" add AFTER_V4 400 --team Orders --en "written after the migration"
[ $rc -eq 0 ] && [ "$("$SQLX" "$TMP/v3.db" "PRAGMA user_version")" = 5 ] \
	&& [ "$("$SQLX" "$TMP/v3.db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema
		WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)")" = "user_mappings_code user_mappings_status" ] \
	&& ok || bad "a version 3 file: a write migrates it to version 5, with its indexes (rc $rc)"
run --db "$TMP/v3.db" --json export
[ $rc -eq 0 ] && jqtrue 'map(.error_code) | sort == ["AFTER_V4", "ERR_QUOTA", "ORDER_LOCKED"]' \
	&& jqtrue 'map(select(.error_code == "ERR_QUOTA" and .message_zh == "配额用尽" and .http_status == 429)) | length == 1' \
	&& ok || bad "a version 3 file migrated: its rows are all there, with the new one"
run --db "$TMP/v3.db" --json bookmarks
[ $rc -eq 0 ] && jqtrue 'map(select(.code == 404 and .bookmarked)) | length == 1' \
	&& jqtrue 'map(select(.code == 418 and .note == "teapot drills")) | length == 1' && ok \
	|| bad "a version 3 file migrated: its bookmark and note are kept"
run --db "$TMP/v3.db" --lang en search teapot drills
[ $rc -eq 0 ] && has "418" && ok || bad "a version 3 file migrated: its note is still found by search"
run --db "$TMP/v3.db" --lang en search dingdan
[ $rc -eq 0 ] && has "ORDER_LOCKED" && ok || bad "a version 3 file migrated: pinyin (dingdan) finds its row 订单已锁定"
run --db "$TMP/v3.db" --lang en err_quota
[ $rc -eq 0 ] && has "ERR_QUOTA" && ok || bad "a version 3 file migrated: a look-up by error code, any case, finds its row"

# A version 4 file of many rows (the largest id stands for the count): its index is made again,
# and whoever waits is told first, in their language; a small one is migrated without a word.
cp "$(dirname "$0")/../data/user-v4.db" "$TMP/v4big.db"
"$SQLX" "$TMP/v4big.db" "INSERT INTO user_mappings (id, team, error_code, http_status, message_en)
	VALUES (10000, 'Big', 'BIG_ONE', 400, 'the ten thousandth')" >/dev/null
run --db "$TMP/v4big.db" --lang zh BIG_ONE
[ $rc -eq 0 ] && err_has "正在为此版本的 httpcodes 更新" && has "BIG_ONE" && ok \
	|| bad "a large version 4 file: its migration is said before it runs (rc $rc)"
run --db "$TMP/v4big.db" --lang en BIG_ONE
[ $rc -eq 0 ] && ! err_has "updating" && ok || bad "a migrated file is not migrated (or said) again"
cp "$(dirname "$0")/../data/user-v4.db" "$TMP/v4small.db"
run --db "$TMP/v4small.db" --lang en ORDER_LOCKED
[ $rc -eq 0 ] && ! err_has "updating" && has "ORDER_LOCKED" && ok || bad "a small file is migrated without a word"

# ---- F9: --db names that very file, whatever its characters ------------------------------------
mkdir -p "$TMP/uri"
for name in 'codes#v2' 'codes?mode=ro' 'p%41.db' 'a b.db'; do
	run --db "$TMP/uri/codes" add FROM_CODES 400 --en "row of codes"
	run --db "$TMP/uri/$name" add MINE 400 --en "row of $name"
	run --db "$TMP/uri/$name" export --format json
	[ $rc -eq 0 ] && jqtrue 'length == 1 and .[0].error_code == "MINE"' && [ -f "$TMP/uri/$name" ] && ok \
		|| bad "--db '$name' reads and writes that very file"
done
[ "$(ls "$TMP/uri" | grep -c -v -e '-wal$' -e '-shm$')" -eq 5 ] && ok || bad "no stray files from --db paths ($(ls "$TMP/uri"))"

# ---- F17: a lookup never writes, not even to another program's empty file ----------------------
"$SQLX" "$TMP/theirs.db" "PRAGMA application_id = 1234"
before=$(sum "$TMP/theirs.db")
bounded --db "$TMP/theirs.db" 404
[ $rc -eq 3 ] && err_has "not an httpcodes database" && [ "$(sum "$TMP/theirs.db")" = "$before" ] && ok \
	|| bad "another program's empty database: refused, not a byte changed"
bounded --db "$TMP/theirs.db" add X 400 --en x
[ $rc -eq 3 ] && [ "$(sum "$TMP/theirs.db")" = "$before" ] && ok || bad "...and not taken over by a write"
: >"$TMP/empty.db"
bounded --db "$TMP/empty.db" 404
[ $rc -eq 0 ] && [ ! -s "$TMP/empty.db" ] && ok || bad "a zero-length file: a lookup works and leaves it empty"

# ---- F19: a data path too long to use is reported ------------------------------------------------
long="$TMP/$(printf '%0600d' 0)"
mkdir -p "$long" 2>/dev/null || long=
if [ -n "$long" ]; then
	XDG_DATA_HOME="$long" bounded add X 400 --en x
	[ $rc -eq 3 ] && err_has "the path is too long" && ok || bad "a data path too long for SQLite: said so"
fi

# ---- P9: a table that cannot be read is an error, never "none" ----------------------------------
# The page of one table overwritten (its b-tree is garbage), the schema and every other table
# intact: the file attaches, and only what reads that table fails.
damage() { # FILE TABLE
	page=$("$SQLX" "$1" "SELECT rootpage FROM sqlite_schema WHERE name = '$2'")
	size=$("$SQLX" "$1" "PRAGMA page_size")
	head -c "$size" /dev/zero | tr '\000' '\377' | dd of="$1" bs="$size" seek=$((page - 1)) conv=notrunc 2>/dev/null
}
for table in bookmarks notes; do
	fresh "$TMP/unread-$table.db"
	"$SQLX" "$TMP/unread-$table.db" "INSERT INTO bookmarks (code) VALUES (404)" \
		"INSERT INTO notes (code, note) VALUES (404, 'retry later')" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	damage "$TMP/unread-$table.db" "$table"
	bounded --db "$TMP/unread-$table.db" bookmarks
	[ $rc -eq 3 ] && err_has "database error" && ! err_has "no bookmarks" && [ ! -s "$TMP/out" ] && ok \
		|| bad "bookmarks with its $table table unreadable: exit 3 and the error, not 'no bookmarks yet'"
done
# The browser says it in its status bar, rather than show a list without the bookmarks.
(cd "$TMP" && HTTPCODES_SCRIPT= HTTPCODES_SIZE=100x10 HTTPCODES_DUMP="$TMP/screen" \
	timeout -s KILL "$BOUND" "$BIN" --lang en --db "$TMP/unread-bookmarks.db" >"$TMP/out" 2>"$TMP/err")
tail -n 1 "$TMP/screen" | grep -q "database error: .*malformed" && ok \
	|| bad "the browser with its bookmarks unreadable: the error in the status bar"

finish
