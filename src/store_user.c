/* store_user: the user's own database. Write transactions (mappings, bookmarks, notes, each
 * keeping the search index in step), a damaged file set aside, and what is read back of it:
 * bookmarks, notes, the rows to export, and JSON for import. */
/* renameat2 (RENAME_NOREPLACE) and flock: a damaged file is set aside once, never over another */
#define _GNU_SOURCE
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_schema.h"
#include "text.h"

/* ---- writing the user's database ---------------------------------------------------------- */

const char *const user_field_names[UF_COUNT_] = {
#define X(f) #f,
	USER_FIELDS(X)
#undef X
};

void user_row_release(struct user_row *r)
{
	for (int i = 0; i < UF_COUNT_; i++)
		free(r->f[i]);
	memset(r, 0, sizeof *r);
}

struct store_tx {
	sqlite3 *db;
	/* The statements that index a mapping or a note, made once per transaction. */
	char *index_mapping, *index_note;
	/* An import adds thousands of rows in one transaction: its INSERT is compiled on the first
	 * add and reused for every row (NULL until then). */
	sqlite3_stmt *add;
	/* The rows added wait to be indexed together, from the first of them (0: none waits), in
	 * one statement: FTS5 writes out all it holds at the start of every statement that may
	 * need undoing on its own (each INSERT, with its UNIQUE key), so a row at a time it wrote
	 * a segment a row and merged them again, 3-4 times the work. See index_added. */
	sqlite3_int64 unindexed_from, nunindexed;
	/* The characters the index was given, for search_pinyin (written at commit). */
	struct index_pairs pairs;
	/* Notes a team whose rows changed (temp.touched), for user_teams's counts at commit. */
	sqlite3_stmt *touch;
	/* import --replace: the UPDATE of a row already there, and the note of its id in
	 * temp.changed; the rows changed are indexed again together, as the rows added are. */
	sqlite3_stmt *put, *note_changed;
	sqlite3_int64 nchanged;
};

/* After this many rows added in one go the index is merged into one segment, once, rather than
 * left in the dozen or more the rows were written out in (each later search reads them all).
 * Fewer leave two or three segments (3,000 rows: two), not worth a rewrite that leaves the
 * old pages free in the file. */
#define OPTIMIZE_AFTER_ROWS 10000

/* Is the file at path one of ours, by its header (magic and application id), even if the rest
 * is damaged? Only such a file is ever set aside. */
static int ours_on_disk(const char *path)
{
	struct store_header h;
	store_read_header(path, &h);
	return h.sqlite && h.app == APPLICATION_ID;
}

/* Can SQLite read the file at path? A look through a read-only connection, which never
 * changes the file: 0 when it can (or there is no file), else SQLite's code. */
static int probe_read(const char *path, int *unreadable_schema)
{
	sqlite3 *db = NULL;
	int tables = 0, rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	*unreadable_schema = 0;
	if (rc == SQLITE_OK) {
		store_harden(db);
		sqlite3_busy_timeout(db, STORE_BUSY_MS);
		rc = store_scalar_int(db, "SELECT count(*) FROM sqlite_schema", &tables);
		*unreadable_schema = rc != SQLITE_OK && store_schema_unreadable(db);
	}
	sqlite3_close(db);
	return rc == SQLITE_CANTOPEN && access(path, F_OK) != 0 ? SQLITE_OK : rc;
}

/* Rename from to a name of the form to, to-2, to-3 ... that did not exist: never over a file. */
static char *rename_unique(const char *from, const char *to, const char *suffix)
{
	for (int k = 1; k < 1000; k++) {
		char *name = k == 1 ? sqlite3_mprintf("%s%s", to, suffix) : sqlite3_mprintf("%s-%d%s", to, k, suffix);
		int rc;
		if (!name)
			return NULL;
		rc = renameat2(AT_FDCWD, from, AT_FDCWD, name, RENAME_NOREPLACE);
		if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) { /* a file system without it */
			rc = link(from, name);
			if (rc == 0 && unlink(from) != 0) {
				unlink(name);
				rc = -1;
			}
		}
		if (rc == 0) {
			char *copy = strdup(name);
			sqlite3_free(name);
			return copy;
		}
		sqlite3_free(name);
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

enum { ASIDE_DONE, ASIDE_AGAIN, ASIDE_FAILED };

/* Move a damaged database of ours (and its WAL) aside, once, however many of us find it at
 * the same moment: under an exclusive flock on the file itself (SQLite's own locks are fcntl
 * locks, which flock does not touch), and only if the name still holds that same damaged
 * file. The new name is in *aside. ASIDE_AGAIN: someone else dealt with it; look again. */
static int set_aside(const char *path, char **aside)
{
	char stamp[32], *base, *wal;
	struct stat held, now;
	time_t t = time(NULL);
	struct tm tm;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), unreadable, rc = ASIDE_FAILED;

	if (fd < 0)
		return errno == ENOENT ? ASIDE_AGAIN : ASIDE_FAILED;
	if (flock(fd, LOCK_EX) != 0 || fstat(fd, &held) != 0) {
		close(fd);
		return ASIDE_FAILED;
	}
	if (stat(path, &now) != 0 || now.st_ino != held.st_ino || now.st_dev != held.st_dev) {
		close(fd);
		return ASIDE_AGAIN; /* moved already; a new one may be there */
	}
	/* Still damaged, now that we hold it? */
	rc = probe_read(path, &unreadable);
	if (!((rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) && !unreadable && ours_on_disk(path))) {
		close(fd);
		return rc == SQLITE_OK ? ASIDE_AGAIN : ASIDE_FAILED;
	}
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&t, &tm) ? &tm : gmtime(&t));
	base = sqlite3_mprintf("%s.damaged-%s", path, stamp);
	wal = sqlite3_mprintf("%s-wal", path);
	/* Its WAL first, while nobody can have made a new database here (that one's WAL would be
	 * taken by mistake): it belongs to the damaged file, and left here it would be read into
	 * the new one. Then the file, beside it. A stale -shm is harmless: SQLite rebuilds it. */
	for (int k = 2; base && k < 1000; k++) { /* a name free for both */
		char *w = sqlite3_mprintf("%s-wal", base);
		int taken = access(base, F_OK) == 0 || !w || access(w, F_OK) == 0;
		sqlite3_free(w);
		if (!taken)
			break;
		sqlite3_free(base);
		base = sqlite3_mprintf("%s.damaged-%s-%d", path, stamp, k);
	}
	if (base && wal && access(wal, F_OK) == 0) {
		char *moved = rename_unique(wal, base, "-wal");
		int ok = moved != NULL;
		free(moved);
		if (!ok) {
			sqlite3_free(base);
			sqlite3_free(wal);
			close(fd);
			return ASIDE_FAILED;
		}
	}
	*aside = base ? rename_unique(path, base, "") : NULL;
	rc = *aside ? ASIDE_DONE : ASIDE_FAILED;
	sqlite3_free(base);
	sqlite3_free(wal);
	close(fd);
	return rc;
}

struct store_tx *store_tx_begin(const char *path, struct hc_err *err, char **aside)
{
	struct store_tx *tx = calloc(1, sizeof *tx);
	const char *max_pages = getenv("HTTPCODES_TEST_MAX_PAGES"); /* tests: a disk that fills */
	struct stat sb;
	struct store_header h;

	err_clear(err);
	*aside = NULL;
	if (!tx) {
		err_set(err, ERR_DB, SQLITE_NOMEM, NULL);
		return NULL;
	}
	if (store_path_too_long(path)) {
		err_set(err, ERR_TOO_LONG, 0, NULL);
		free(tx);
		return NULL;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		err_set(err, ERR_NOT_FILE, 0, NULL);
		free(tx);
		return NULL;
	}
	/* A newer httpcodes's file is refused on its header alone: its schema may be one this
	 * SQLite cannot parse, which must not be taken for damage. */
	store_read_header(path, &h);
	if (h.sqlite && h.app == APPLICATION_ID && h.version > USER_SCHEMA_VERSION) {
		err_set(err, ERR_NEWER, 0, NULL);
		free(tx);
		return NULL;
	}
	/* A database of ours that SQLite finds damaged is never written over: it is kept aside
	 * and a new one started. Anything else that fails is refused and left alone. */
	for (int round = 0; round < 5; round++) {
		int unreadable, rc = probe_read(path, &unreadable), moved;
		if (!((rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) && !unreadable && ours_on_disk(path)))
			break;
		moved = set_aside(path, aside);
		if (moved == ASIDE_FAILED)
			break; /* the migration below says why */
		if (moved == ASIDE_DONE)
			break;
	}
	if (store_migrate_user(path, 1, err) != 0) {
		free(tx);
		return NULL;
	}
	if (sqlite3_open_v2(path, &tx->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    (store_harden(tx->db), index_register(tx->db, &tx->pairs)) != 0 ||
	    (sqlite3_busy_timeout(tx->db, STORE_BUSY_MS), sqlite3_exec(tx->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK) {
		err_set(err, ERR_DB, tx->db ? sqlite3_extended_errcode(tx->db) : SQLITE_NOMEM, NULL);
		sqlite3_close(tx->db);
		free(tx);
		return NULL;
	}
	/* Room for the pages a large import's index is merged through (SQLite's default is 2 MB):
	 * with less, each is written out to the WAL and read back several times. The cache grows
	 * only as pages are used, so a write of one row costs no more memory than before. */
	sqlite3_exec(tx->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	tx->index_mapping = index_mapping_sql(0);
	tx->index_note = index_note_sql();
	sqlite3_exec(tx->db, "CREATE TEMP TABLE touched (team TEXT PRIMARY KEY) WITHOUT ROWID;"
		     "CREATE TEMP TABLE changed (id INTEGER PRIMARY KEY)", NULL, NULL, NULL);
	if (max_pages) {
		char *sql = sqlite3_mprintf("PRAGMA max_page_count = %d", atoi(max_pages));
		sqlite3_exec(tx->db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
	}
	return tx;
}

static const char *field(const struct user_row *r, enum user_field f)
{
	return r->f[f] ? r->f[f] : "";
}

/* Run sql with ?1 = id; SQLITE_OK or SQLite's code (SQLITE_NOMEM for no sql). */
static int exec_id(sqlite3 *db, const char *sql, sqlite3_int64 id)
{
	sqlite3_stmt *q = NULL;
	int rc = sql ? sqlite3_prepare_v2(db, sql, -1, &q, NULL) : SQLITE_NOMEM;
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, id);
		rc = sqlite3_step(q);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

/* Take the index entry with rowid id out, and put back what the table now holds (nothing if
 * the row is gone). */
static int reindex(sqlite3 *db, const char *sql, sqlite3_int64 id, sqlite3_int64 rowid)
{
	int rc = exec_id(db, "DELETE FROM search_fts WHERE rowid = ?1", rowid);
	return rc == SQLITE_OK ? exec_id(db, sql, id) : rc;
}

int store_tx_reindex(struct store_tx *tx, struct hc_err *err)
{
	char *fill = index_mapping_sql(1);
	char *sql = fill ? sqlite3_mprintf("DELETE FROM search_fts WHERE rowid < %d; %s;"
					   "INSERT INTO search_fts (search_fts) VALUES ('optimize');"
					   "DELETE FROM user_teams;"
					   "INSERT INTO user_teams SELECT team, count(*) FROM user_mappings GROUP BY team;"
					   "DELETE FROM temp.changed;",
					   NOTE_ROWID_BASE, fill) : NULL;
	int rc = sql ? sqlite3_exec(tx->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(fill);
	sqlite3_free(sql);
	err_clear(err);
	if (rc != SQLITE_OK) {
		err_set(err, ERR_DB, rc == SQLITE_NOMEM ? rc : sqlite3_extended_errcode(tx->db), NULL);
		return -1;
	}
	tx->unindexed_from = tx->nunindexed = tx->nchanged = 0; /* indexed with the rest */
	return 0;
}

/* A failure on tx's connection: SQLite's code for it in *err, and rc. */
static int db_failed(struct store_tx *tx, struct hc_err *err, int rc)
{
	err_set(err, ERR_DB, sqlite3_extended_errcode(tx->db), NULL);
	return rc;
}

/* Make q, a statement kept for the transaction, ready for the next row. */
static void kept_reset(sqlite3_stmt *q)
{
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
}

/* *q, prepared from sql the first time and kept until the transaction ends; SQLITE_OK or
 * SQLite's code. */
static int prepare_kept(struct store_tx *tx, sqlite3_stmt **q, const char *sql)
{
	if (*q)
		return SQLITE_OK;
	return sql ? sqlite3_prepare_v3(tx->db, sql, -1, SQLITE_PREPARE_PERSISTENT, q, NULL) : SQLITE_NOMEM;
}

/* Index the rows added since the last time, in one statement (see struct store_tx), and merge
 * the index after many: 0, or -1 with the reason in *err. It runs before anything else in the
 * transaction reads or changes the index, and before the transaction commits. */
static int index_added(struct store_tx *tx, struct hc_err *err)
{
	char *fill, *sql;
	sqlite3_stmt *q = NULL;
	sqlite3_int64 n = tx->nunindexed + tx->nchanged;
	int rc, merge, rows = 0;

	if (!tx->unindexed_from && !tx->nchanged)
		return 0;
	/* Merging rewrites the whole index, so only when the rows added or changed are at least
	 * as many as the others (ids from 1, so the largest counts them all): it then costs at
	 * most what indexing them did. After a smaller change FTS5's own automerge has kept the
	 * segments few. */
	if (n >= OPTIMIZE_AFTER_ROWS)
		store_scalar_int(tx->db, "SELECT coalesce(max(id), 0) FROM user_mappings", &rows);
	merge = n >= OPTIMIZE_AFTER_ROWS && 2 * n >= rows;
	/* Rows merged into one segment at the end go in without FTS5's merges on the way, which
	 * did the same work again as they were written (a third of 100,000 rows' import); its
	 * settings are put back after (in the transaction: a failure takes them back too). */
	rc = merge ? sqlite3_exec(tx->db, "INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0);"
				  "INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 1000)",
				  NULL, NULL, NULL) : SQLITE_OK;
	fill = index_mapping_sql(1);
	/* The rows an import changed (older than those it added: see store_tx_put): their entries
	 * out, the rows as they are now in, a statement each. */
	if (rc == SQLITE_OK && tx->nchanged) {
		sql = fill ? sqlite3_mprintf("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM temp.changed);"
					     "%s WHERE id IN (SELECT id FROM temp.changed);"
					     "DELETE FROM temp.changed", fill) : NULL;
		rc = sql ? sqlite3_exec(tx->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		rc = rc == SQLITE_OK || rc == SQLITE_NOMEM ? rc : sqlite3_extended_errcode(tx->db);
		sqlite3_free(sql);
	}
	/* A new row's id is above every id in the table (INTEGER PRIMARY KEY, while the largest is
	 * below 2^63 - 1), and nothing at or above the first of them is removed or changed while
	 * they wait: so the rows waiting are those from the first of them on. */
	sql = fill && tx->unindexed_from ? sqlite3_mprintf("%s WHERE id >= ?1", fill) : NULL;
	if (rc == SQLITE_OK && tx->unindexed_from)
		rc = sql ? sqlite3_prepare_v2(tx->db, sql, -1, &q, NULL) : SQLITE_NOMEM;
	if (rc == SQLITE_OK && q) {
		sqlite3_bind_int64(q, 1, tx->unindexed_from);
		rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(tx->db);
	}
	sqlite3_finalize(q);
	sqlite3_free(fill);
	sqlite3_free(sql);
	if (rc == SQLITE_OK && merge &&
	    sqlite3_exec(tx->db, "INSERT INTO search_fts (search_fts) VALUES ('optimize');"
			 "INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 4);"
			 "INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 16)",
			 NULL, NULL, NULL) != SQLITE_OK)
		rc = sqlite3_extended_errcode(tx->db);
	if (rc != SQLITE_OK) {
		err_set(err, ERR_DB, rc, NULL);
		return -1;
	}
	tx->unindexed_from = tx->nunindexed = tx->nchanged = 0;
	return 0;
}

/* Note that team's rows changed; SQLITE_OK or SQLite's code. */
static int touch(struct store_tx *tx, const char *team)
{
	int rc = prepare_kept(tx, &tx->touch, "INSERT OR IGNORE INTO temp.touched (team) VALUES (?1)");
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(tx->touch, 1, team, -1, SQLITE_STATIC);
	rc = sqlite3_step(tx->touch) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(tx->db);
	kept_reset(tx->touch);
	return rc;
}

/* Count the touched teams' rows again (a range of the UNIQUE key's index each). */
static int count_touched(struct store_tx *tx)
{
	return sqlite3_exec(tx->db,
		"INSERT OR REPLACE INTO user_teams (team, rows)"
		"  SELECT team, (SELECT count(*) FROM user_mappings m WHERE m.team = t.team) FROM temp.touched t;"
		"DELETE FROM user_teams WHERE rows = 0;"
		"DELETE FROM temp.touched;", NULL, NULL, NULL);
}

int store_tx_add(struct store_tx *tx, const struct user_row *r, struct hc_err *err)
{
	int rc;
	err_clear(err);
	if (prepare_kept(tx, &tx->add,
			 "INSERT INTO user_mappings (team, product, error_code, http_status, message_en,"
			 " message_zh, description_en, description_zh, advice_en, advice_zh)"
			 " VALUES (?1, ?2, ?3, CAST(?4 AS INTEGER), ?5, ?6, ?7, ?8, ?9, ?10)") != SQLITE_OK)
		return db_failed(tx, err, -1);
	for (int i = 0; i < UF_COUNT_; i++)
		sqlite3_bind_text(tx->add, i + 1, field(r, (enum user_field)i), -1, SQLITE_STATIC);
	/* Each failure is told apart (and recorded) before its statement is reset, while the
	 * connection still holds the step's own code. */
	if (sqlite3_step(tx->add) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(tx->db);
		if (ext == SQLITE_CONSTRAINT_UNIQUE)
			rc = 1;
		else /* the row (a constraint), or the database (full, I/O) */
			rc = db_failed(tx, err, (ext & 0xff) == SQLITE_CONSTRAINT ? -1 : -2);
		kept_reset(tx->add);
		return rc;
	}
	kept_reset(tx->add);
	if (touch(tx, field(r, UF_team)) != SQLITE_OK)
		return db_failed(tx, err, -2);
	if (!tx->unindexed_from)
		tx->unindexed_from = sqlite3_last_insert_rowid(tx->db);
	tx->nunindexed++;
	return 0;
}

/* The UPDATE of import --replace: each field the row gives (?1-?10 in the table's order; NULL
 * for one it does not) replaces the stored one, in the row named by the keys (?1-?3), and only
 * when that changes something, so that a row the file holds as it is keeps its date and its
 * index entry. Returns the id of the row it changed. Made from the one list of fields. */
static char *put_sql(void)
{
	struct strbuf set = STRBUF_INIT, now = STRBUF_INIT, new = STRBUF_INIT;
	char *sql;
	for (int i = UF_error_code + 1; i < UF_COUNT_; i++) {
		const char *name = user_field_names[i];
		char value[64];
		snprintf(value, sizeof value, i == UF_http_status ? "coalesce(CAST(?%d AS INTEGER), %s)" : "coalesce(?%d, %s)",
			 i + 1, name);
		strbuf_addf(&set, "%s = %s, ", name, value);
		strbuf_addf(&now, "%s%s", i > UF_error_code + 1 ? ", " : "", name);
		strbuf_addf(&new, "%s%s", i > UF_error_code + 1 ? ", " : "", value);
	}
	sql = sqlite3_mprintf("UPDATE user_mappings SET %supdated = strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now')"
			      " WHERE team = ?1 AND product = ?2 AND error_code = ?3 AND (%s) IS NOT (%s) RETURNING id",
			      set.buf, now.buf, new.buf);
	strbuf_release(&set);
	strbuf_release(&now);
	strbuf_release(&new);
	return sql;
}

int store_tx_put(struct store_tx *tx, const struct user_row *r, struct hc_err *err)
{
	sqlite3_int64 id = 0;
	int rc = store_tx_add(tx, r, err);

	if (rc != 1)
		return rc; /* added, or failed */
	rc = SQLITE_OK;
	if (!tx->put) {
		char *sql = put_sql();
		rc = prepare_kept(tx, &tx->put, sql);
		sqlite3_free(sql);
	}
	if (rc != SQLITE_OK || prepare_kept(tx, &tx->note_changed, "INSERT OR IGNORE INTO temp.changed (id) VALUES (?1)") != SQLITE_OK)
		return db_failed(tx, err, -2);
	for (int i = 0; i < UF_COUNT_; i++)
		if (i <= UF_error_code || r->f[i]) /* the keys always; NULL (unbound): kept */
			sqlite3_bind_text(tx->put, i + 1, field(r, (enum user_field)i), -1, SQLITE_STATIC);
	rc = sqlite3_step(tx->put);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(tx->put, 0);
		rc = sqlite3_step(tx->put); /* RETURNING: the change is done when the statement is */
	}
	if (rc != SQLITE_DONE) { /* told apart before the reset, as in store_tx_add */
		int ext = sqlite3_extended_errcode(tx->db);
		rc = db_failed(tx, err, (ext & 0xff) == SQLITE_CONSTRAINT ? -1 : -2);
		kept_reset(tx->put);
		return rc;
	}
	kept_reset(tx->put);
	if (!id)
		return 2; /* there, and as the file has it */
	/* A row waiting to be indexed (added in this transaction) is indexed as it is then. */
	if (!tx->unindexed_from || id < tx->unindexed_from) {
		sqlite3_bind_int64(tx->note_changed, 1, id);
		rc = sqlite3_step(tx->note_changed) == SQLITE_DONE ? 1 : db_failed(tx, err, -2);
		tx->nchanged += rc == 1 && sqlite3_changes(tx->db) > 0;
		kept_reset(tx->note_changed);
		return rc;
	}
	return 1;
}

/* Run a change's statement, which returns the id of the row it changed: 0 when it changed a
 * row (and the index follows), 1 when there was none to change, -1 with the reason in *err.
 * Finalises q. */
static int step_change(struct store_tx *tx, sqlite3_stmt *q, struct hc_err *err)
{
	int rc = sqlite3_step(q);
	sqlite3_int64 id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(q); /* RETURNING: the change is done when the statement is */
	if (rc != SQLITE_DONE)
		rc = db_failed(tx, err, -1);
	else if (id == 0)
		rc = 1;
	else
		rc = reindex(tx->db, tx->index_mapping, id, id) == SQLITE_OK ? 0 : db_failed(tx, err, -1);
	sqlite3_finalize(q);
	return rc;
}

int store_tx_edit(struct store_tx *tx, const struct user_row *key, const struct user_row *r, struct hc_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *q;
	int rc;

	err_clear(err);
	if (index_added(tx, err) != 0)
		return -1;
	strbuf_adds(&sql, "UPDATE user_mappings SET updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
	for (int i = 0; i < UF_COUNT_; i++)
		if (r->f[i])
			strbuf_addf(&sql, ", %s = %s?%d%s", user_field_names[i],
				    i == UF_http_status ? "CAST(" : "", i + 1,
				    i == UF_http_status ? " AS INTEGER)" : "");
	strbuf_adds(&sql, " WHERE team = ?11 AND product = ?12 AND error_code = ?13 RETURNING id");
	rc = sqlite3_prepare_v2(tx->db, sql.buf, -1, &q, NULL);
	strbuf_release(&sql);
	if (rc != SQLITE_OK) {
		return db_failed(tx, err, -1);
	}
	for (int i = 0; i < UF_COUNT_; i++)
		if (r->f[i])
			sqlite3_bind_text(q, i + 1, r->f[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 11, field(key, UF_team), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 12, field(key, UF_product), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 13, field(key, UF_error_code), -1, SQLITE_STATIC);
	if (touch(tx, field(key, UF_team)) != SQLITE_OK || (r->f[UF_team] && touch(tx, r->f[UF_team]) != SQLITE_OK)) {
		sqlite3_finalize(q);
		return db_failed(tx, err, -1);
	}
	return step_change(tx, q, err);
}

int store_tx_remove(struct store_tx *tx, const struct user_row *key, struct hc_err *err)
{
	sqlite3_stmt *q;
	err_clear(err);
	if (index_added(tx, err) != 0)
		return -1;
	if (sqlite3_prepare_v2(tx->db, "DELETE FROM user_mappings WHERE team = ?1 AND product = ?2"
				       " AND error_code = ?3 RETURNING id", -1, &q, NULL) != SQLITE_OK) {
		return db_failed(tx, err, -1);
	}
	sqlite3_bind_text(q, 1, field(key, UF_team), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, field(key, UF_product), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, field(key, UF_error_code), -1, SQLITE_STATIC);
	if (touch(tx, field(key, UF_team)) != SQLITE_OK) {
		sqlite3_finalize(q);
		return db_failed(tx, err, -1);
	}
	return step_change(tx, q, err);
}

static void tx_free(struct store_tx *tx)
{
	sqlite3_finalize(tx->add);
	sqlite3_finalize(tx->touch);
	sqlite3_finalize(tx->put);
	sqlite3_finalize(tx->note_changed);
	sqlite3_close(tx->db);
	index_pairs_release(&tx->pairs);
	sqlite3_free(tx->index_mapping);
	sqlite3_free(tx->index_note);
	free(tx);
}

int store_tx_commit(struct store_tx *tx, struct hc_err *err)
{
	int rc;
	err_clear(err);
	if (index_added(tx, err) != 0) {
		store_tx_rollback(tx);
		return -1;
	}
	rc = index_pairs_flush(tx->db, &tx->pairs);
	if (rc == SQLITE_OK)
		rc = count_touched(tx);
	if (rc != SQLITE_OK) {
		db_failed(tx, err, -1);
		store_tx_rollback(tx);
		return -1;
	}
	rc = sqlite3_exec(tx->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		db_failed(tx, err, -1);
		sqlite3_exec(tx->db, "ROLLBACK", NULL, NULL, NULL);
	}
	tx_free(tx);
	return rc == SQLITE_OK ? 0 : -1;
}

void store_tx_rollback(struct store_tx *tx)
{
	sqlite3_exec(tx->db, "ROLLBACK", NULL, NULL, NULL);
	tx_free(tx);
}

int store_user_rows(struct store *st, struct user_row **rows, size_t *n)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!st->has_user)
		return 0;
	if (sqlite3_prepare_v2(st->db, "SELECT team, product, error_code, http_status, message_en,"
				       " message_zh, description_en, description_zh, advice_en, advice_zh"
				       " FROM user.user_mappings ORDER BY team, product, error_code",
			       -1, &q, NULL) != SQLITE_OK) {
		store_fail(st, ERR_READ_USER);
		return -1;
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct user_row *r = store_list_push((void **)rows, n, &cap, sizeof **rows);
		for (int i = 0; i < UF_COUNT_; i++)
			r->f[i] = store_col_dup(q, i);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		store_fail(st, ERR_READ_USER);
		return -1;
	}
	return 0;
}

int store_json_members(struct store *st, const char *text, int index,
		       int (*fn)(void *ctx, int index, const char *key, const char *type,
				 const char *value),
		       void *ctx)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) END");
	char *type = NULL;
	int rc, members = 0;

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		type = store_col_dup(q, 0);
	store_stmt_done(q);
	if (!type || !*type) {
		free(type);
		err_set(&st->err, ERR_NOT_JSON_ARRAY, 0, NULL);
		return -1;
	}
	/* json_each only over an object: on any other value it has nothing to say of members. */
	if (strcmp(type, "object") == 0) {
		if (!(q = store_stmt(st, "SELECT key, type, coalesce(atom, value) FROM json_each(?1) ORDER BY id"))) {
			free(type);
			return -1;
		}
		sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			members++;
			if (fn(ctx, index, (const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1),
			       (const char *)sqlite3_column_text(q, 2)))
				break;
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			store_fail(st, ERR_JSON);
			store_stmt_done(q);
			free(type);
			return -1;
		}
		store_stmt_done(q);
	}
	if (!members)
		fn(ctx, index, NULL, type, NULL);
	free(type);
	return 0;
}

/* ---- bookmarks and notes ------------------------------------------------------------------- */

/* Step q (its code bound) for at most one row: 1 with a row (its first column in *out, when out
 * is not NULL), 0 without, -1 when the user's database cannot be read. */
static int user_row(struct store *st, sqlite3_stmt *q, char **out)
{
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && out)
		*out = store_col_dup(q, 0);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_fail(st, ERR_READ_USER);
	store_stmt_done(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_bookmarked(struct store *st, int code)
{
	sqlite3_stmt *q;
	if (!st->has_user)
		return 0;
	if (!(q = store_stmt(st, "SELECT 1 FROM user.bookmarks WHERE code = ?1")))
		return -1;
	sqlite3_bind_int(q, 1, code);
	return user_row(st, q, NULL);
}

int store_note(struct store *st, int code, char **note)
{
	sqlite3_stmt *q;
	*note = NULL;
	if (!st->has_user)
		return 0;
	if (!(q = store_stmt(st, "SELECT note FROM user.notes WHERE code = ?1")))
		return -1;
	sqlite3_bind_int(q, 1, code);
	return user_row(st, q, note);
}

int store_tx_bookmark(struct store_tx *tx, int code, int on, struct hc_err *err)
{
	sqlite3_stmt *q;
	int rc;
	err_clear(err);
	if (sqlite3_prepare_v2(tx->db, on ? "INSERT OR IGNORE INTO bookmarks (code) VALUES (?1)"
					  : "DELETE FROM bookmarks WHERE code = ?1", -1, &q, NULL) != SQLITE_OK) {
		return db_failed(tx, err, -1);
	}
	sqlite3_bind_int(q, 1, code);
	rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	if (rc)
		db_failed(tx, err, rc);
	sqlite3_finalize(q);
	return rc;
}

int store_tx_note(struct store_tx *tx, int code, const char *note, struct hc_err *err)
{
	sqlite3_stmt *q;
	int rc;
	err_clear(err);
	if (sqlite3_prepare_v2(tx->db, note && *note
				? "INSERT INTO notes (code, note) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE"
				  " SET note = excluded.note, updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
				: "DELETE FROM notes WHERE code = ?1", -1, &q, NULL) != SQLITE_OK) {
		return db_failed(tx, err, -1);
	}
	sqlite3_bind_int(q, 1, code);
	if (note && *note)
		sqlite3_bind_text(q, 2, note, -1, SQLITE_STATIC);
	rc = sqlite3_step(q) == SQLITE_DONE &&
	     reindex(tx->db, tx->index_note, code, (sqlite3_int64)NOTE_ROWID_BASE + code) == SQLITE_OK ? 0 : -1;
	if (rc)
		db_failed(tx, err, rc);
	sqlite3_finalize(q);
	return rc;
}

static void mark_read(sqlite3_stmt *q, void *item)
{
	struct hc_mark *r = item;
	r->code = sqlite3_column_int(q, 0);
	r->bookmarked = sqlite3_column_int(q, 1);
	r->note = store_col_dup(q, 2);
}

static void mark_release(void *item)
{
	struct hc_mark *r = item;
	free(r->note);
	memset(r, 0, sizeof *r);
}

void hc_mark_list_release(hc_mark_list *l)
{
	LIST_RELEASE(l, mark_release);
}

int store_marks(struct store *st, hc_mark_list *out)
{
	sqlite3_stmt *q;
	if (!st->has_user)
		return 0;
	q = store_stmt(st, "SELECT code, max(bookmarked), max(note)"
		       " FROM (SELECT code, 1 AS bookmarked, '' AS note FROM user.bookmarks"
		       "       UNION ALL SELECT code, 0, note FROM user.notes)"
		       " GROUP BY code ORDER BY code");
	return q ? STORE_FILL(st, q, out, mark_read) : -1;
}

int store_bookmarks(struct store *st, int **codes, size_t *n)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc;
	*codes = NULL;
	*n = 0;
	if (!st->has_user)
		return 0;
	if (!(q = store_stmt(st, "SELECT code FROM user.bookmarks ORDER BY code")))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		*(int *)store_list_push((void **)codes, n, &cap, sizeof **codes) = sqlite3_column_int(q, 0);
	if (rc != SQLITE_DONE)
		store_fail(st, ERR_READ_USER);
	store_stmt_done(q);
	return rc == SQLITE_DONE ? 0 : -1;
}
