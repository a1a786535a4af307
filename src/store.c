/* store: the one SQLite layer. This file opens the built-in data, attaches and checks the
 * user's file, keeps the prepared statements, and reads records; store_user.c writes the
 * user's file, store_search.c runs searches, store_index.c keeps the index. */
/* usleep: a few short waits while the file is switched to WAL */
#define _DEFAULT_SOURCE
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
#include "store_schema.h"
#include "text.h"

/* The database built from db/ by mkdb, linked in by dbimage.S. */
extern const unsigned char httpcodes_db[];
extern const unsigned int httpcodes_db_size;

/* The schema version this program reads (db/schema.sql sets it). */
#define SCHEMA_VERSION 6
/* How long a read waits for a lock on the user's file before the built-in data answers alone. */
#define READ_BUSY_MS 200

/* SQLite's result codes, as err.h names them without SQLite's header. */
#define X(name, rc, en, zh) _Static_assert(SQLITE_##name == (rc), "err.h: SQLITE_" #name);
ERR_SQLITE_CODES(X)
#undef X

void store_fail(struct store *st, enum hc_errc code)
{
	err_set(&st->err, code, sqlite3_extended_errcode(st->db), NULL);
}

const struct hc_err *store_err(const struct store *st)
{
	return &st->err;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

struct store *store_open(struct hc_err *err)
{
	struct store *st = calloc(1, sizeof *st);
	int version = -1;

	err_clear(err);
	if (!st) {
		err_set(err, ERR_BUILTIN, SQLITE_NOMEM, NULL);
		return NULL;
	}
	if (sqlite3_open_v2(":memory:", &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
	    sqlite3_deserialize(st->db, "main", (unsigned char *)httpcodes_db, httpcodes_db_size,
				httpcodes_db_size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		err_set(err, ERR_BUILTIN, st->db ? sqlite3_extended_errcode(st->db) : SQLITE_NOMEM, NULL);
		store_free(st);
		return NULL;
	}
	store_harden(st->db);
	if (index_register(st->db, NULL) != 0) {
		err_set(err, ERR_SEARCH_SETUP, sqlite3_extended_errcode(st->db), NULL);
		store_free(st);
		return NULL;
	}
	/* The image's own header says its user_version (bytes 60-63, big-endian): no statement
	 * needed to read it. */
	version = httpcodes_db_size >= 100 ? (int)(int32_t)be32(httpcodes_db + 60) : -1;
	if (version != SCHEMA_VERSION) {
		err_set(err, ERR_BUILTIN_VERSION, 0, NULL);
		store_free(st);
		return NULL;
	}
	return st;
}

/* ---- the user's database ------------------------------------------------------------------ */

int store_scalar_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			*out = sqlite3_column_int(q, 0);
		rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

/* Set by the browser's signal handlers: every statement stops when it is. */
static volatile sig_atomic_t *interrupted;

void store_watch(volatile sig_atomic_t *flag)
{
	interrupted = flag;
}

static int on_progress(void *unused)
{
	(void)unused;
	return interrupted && *interrupted;
}

/* Every connection: a file's schema runs nothing we did not write (no untrusted functions or
 * virtual tables in its views and triggers, no writes to its internals, no recursion), and a
 * signal ends any statement. */
void store_harden(sqlite3 *db)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_exec(db, "PRAGMA recursive_triggers = OFF", NULL, NULL, NULL);
	sqlite3_progress_handler(db, 100, on_progress, NULL);
}

/* SQLite could not parse the schema: a newer program's, or a damaged one; never set aside. */
int store_schema_unreadable(sqlite3 *db)
{
	return strncmp(sqlite3_errmsg(db), "malformed database schema", 25) == 0;
}

/* FTS5's own tables for search_fts: their SQL is FTS5's, which may differ between versions. */
#define SHADOW_TABLES "'search_fts_data', 'search_fts_idx', 'search_fts_content', " \
	"'search_fts_docsize', 'search_fts_config'"

/* Is the schema `schema` of db, at version, exactly what our migrations make? A crafted file
 * may hold triggers or views that loop forever or call what they like: every trigger, view
 * and index must be one of ours, word for word, and so must each table we read (FTS5's own
 * tables by kind only; a table of somebody's own is never read). Ours is the built-in table
 * user_schema in schema ref, which mkdb filled from the migrations. Returns 0, 1 with what is
 * wrong in *err, or -1 when it cannot be read (SQLite's code on db). */
static int check_schema(sqlite3 *db, const char *schema, const char *ref, int version, struct hc_err *err)
{
	sqlite3_stmt *q = NULL;
	char *sql;
	int rc;

	if (version > USER_SCHEMA_VERSION) /* read only; the tables we read are tried by the caller */
		return 0;
	sql = sqlite3_mprintf(
		"SELECT 1, u.name FROM \"%w\".sqlite_schema u"
		"  LEFT JOIN \"%w\".user_schema r ON r.version = ?1 AND r.name = u.name"
		"  WHERE CASE WHEN r.name IS NULL THEN u.type <> 'table' AND NOT (u.type = 'index' AND u.sql IS NULL)"
		"             ELSE u.type IS NOT r.type OR (u.sql IS NOT r.sql AND u.name NOT IN (" SHADOW_TABLES "))"
		"        END"
		" UNION ALL SELECT 2, r.name FROM \"%w\".user_schema r WHERE r.version = ?1"
		"  AND r.name NOT IN (SELECT name FROM \"%w\".sqlite_schema)"
		" LIMIT 1", schema, ref, ref, schema);
	rc = sql ? sqlite3_prepare_v2(db, sql, -1, &q, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(q, 1, version);
		rc = sqlite3_step(q);
	}
	if (rc == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 1);
		err_set(err, sqlite3_column_int(q, 0) == 1 ? ERR_ALIEN : ERR_MISSING, 0, name ? name : "?");
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}


void store_read_header(const char *path, struct store_header *h)
{
	unsigned char b[100];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, b, sizeof b) : -1;
	if (fd >= 0)
		close(fd);
	memset(h, 0, sizeof *h);
	if (n != (ssize_t)sizeof b)
		return;
	h->sqlite = memcmp(b, "SQLite format 3", 16) == 0;
	h->version = (long)(int32_t)be32(b + 60);
	h->app = be32(b + 68);
}

int store_path_too_long(const char *path)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	size_t n = strlen(path);
	if (path[0] != '/') {
		char cwd[4096];
		n += getcwd(cwd, sizeof cwd) ? strlen(cwd) + 1 : sizeof cwd;
	}
	return vfs && n >= (size_t)vfs->mxPathname;
}

/* Readers never wait for a writer in WAL mode. Switching to it needs the file to ourselves, and
 * SQLite does not wait for that (no busy handler): a few tries, and if other writers keep it
 * busy, one of them (or the next) switches it. */
static void use_wal(sqlite3 *db)
{
	for (int i = 0; i < 20; i++) {
		sqlite3_stmt *q = NULL;
		int wal = 0;
		if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			wal = sqlite3_stricmp((const char *)sqlite3_column_text(q, 0), "wal") == 0;
		sqlite3_finalize(q);
		if (wal)
			return;
		usleep(5000);
	}
}

/* What our schema should be, from the built-in data, into temp.user_schema on a writer's
 * connection (attached only for the copy: BEGIN IMMEDIATE would try to lock it too). */
static int copy_user_schema(sqlite3 *db)
{
	int rc = sqlite3_exec(db, "ATTACH ':memory:' AS builtin", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_deserialize(db, "builtin", (unsigned char *)httpcodes_db, httpcodes_db_size,
					 httpcodes_db_size, SQLITE_DESERIALIZE_READONLY);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "CREATE TEMP TABLE user_schema AS SELECT * FROM builtin.user_schema",
				  NULL, NULL, NULL);
	sqlite3_exec(db, "DETACH builtin", NULL, NULL, NULL);
	return rc;
}

/* Who is told of a slow migration (store_on_slow_migration). */
static void (*slow_migration)(void *ctx, const char *path);
static void *slow_migration_ctx;

void store_on_slow_migration(void (*fn)(void *ctx, const char *path), void *ctx)
{
	slow_migration = fn;
	slow_migration_ctx = ctx;
}

/* Migrations to version 5 make the index again from the rows: a second a 10,000 rows or so.
 * The largest id stands for the count (which would read them all). */
#define SLOW_MIGRATION_ROWS 10000

/* On a connection of its own, so that BEGIN IMMEDIATE locks only that file (the built-in data
 * is read-only), in one transaction. Only writers and a real migration come here: a read
 * takes no write lock. */
int store_migrate_user(const char *path, int create, struct hc_err *err)
{
	sqlite3 *db = NULL;
	struct index_pairs pairs = { 0 }; /* the characters of an index made again (version 5) */
	int version = 0, app = 0, tables = 0, rc;
	enum hc_errc why;

	err_clear(err);
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL);
	if (rc == SQLITE_OK) {
		store_harden(db);
		sqlite3_busy_timeout(db, STORE_BUSY_MS);
	}
	if (rc == SQLITE_OK && sqlite3_db_readonly(db, "main") == 1) {
		why = ERR_READ_ONLY;
		goto refuse;
	}
	if (rc != SQLITE_OK || index_register(db, &pairs) != 0 ||
	    copy_user_schema(db) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if (store_scalar_int(db, "PRAGMA user_version", &version) != SQLITE_OK ||
	    store_scalar_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
	    store_scalar_int(db, "SELECT count(*) FROM sqlite_schema", &tables) != SQLITE_OK)
		goto fail; /* "file is not a database" */
	/* Another program's file, even an empty one that only carries its id, is never taken. */
	if ((unsigned)app != APPLICATION_ID && (app != 0 || tables > 0 || version > 0)) {
		why = ERR_FOREIGN;
		goto refuse;
	}
	if (version > USER_SCHEMA_VERSION) {
		why = ERR_NEWER;
		goto refuse;
	}
	if (tables > 0) {
		rc = check_schema(db, "main", "temp", version, err);
		if (rc < 0)
			goto fail;
		if (rc > 0)
			goto rollback;
	}
	if (version < USER_SCHEMA_VERSION) {
		char *sql = sqlite3_mprintf("PRAGMA user_version = %d; PRAGMA application_id = %d",
					    USER_SCHEMA_VERSION, APPLICATION_ID);
		int rows = 0;
		if (version >= 1 && version < 5 && slow_migration &&
		    store_scalar_int(db, "SELECT coalesce(max(id), 0) FROM user_mappings", &rows) == SQLITE_OK &&
		    rows >= SLOW_MIGRATION_ROWS)
			slow_migration(slow_migration_ctx, path);
		rc = store_schema_migrate(db, version, USER_SCHEMA_VERSION);
		if (rc == SQLITE_OK)
			rc = index_pairs_flush(db, &pairs);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			goto fail;
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	use_wal(db);
	sqlite3_close(db);
	index_pairs_release(&pairs);
	return 0;
fail: /* SQLite failed: a schema it cannot parse is said as such, anything else by its code */
	if (db && store_schema_unreadable(db))
		err_set(err, ERR_SCHEMA, 0, NULL);
	else
		err_set(err, ERR_DB, db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM, NULL);
	goto rollback;
refuse: /* the file is not one we may write */
	err_set(err, why, 0, NULL);
rollback:
	if (db) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	index_pairs_release(&pairs);
	return -1;
}

int store_has_user(const struct store *st)
{
	return st->has_user;
}

int store_user_newer(const struct store *st)
{
	return st->user_newer;
}

/* A file: URI that names that very file: '%', '?' and '#' in a path are escaped, not read as
 * URI syntax. */
static char *file_uri(const char *path, const char *params)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			strbuf_addch(&sb, (char)*p);
		else
			strbuf_addf(&sb, "%%%02X", *p);
	}
	strbuf_addf(&sb, "?%s", params);
	return strbuf_detach(&sb);
}

static int attach_as_user(struct store *st, const char *path, const char *params)
{
	sqlite3_stmt *q = NULL;
	char *uri = file_uri(path, params);
	int rc = sqlite3_prepare_v2(st->db, "ATTACH ?1 AS user", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, uri, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(st->db);
	}
	sqlite3_finalize(q);
	free(uri);
	return rc;
}

static void detach_user(struct store *st)
{
	sqlite3_exec(st->db, "DETACH user", NULL, NULL, NULL);
}

/* The columns of each table the program reads from a user's file: a newer file is read only
 * when they are all there, each a plain table (a view could run forever), and its search
 * index is exactly ours (an FTS5 table may read its rows from anywhere: content=...). */
static int user_tables_readable(struct store *st)
{
	int plain = 0;
	if (store_scalar_int(st->db,
		       "SELECT count(*) FROM user.sqlite_schema u WHERE u.type = 'table' AND"
		       " (u.name IN ('user_mappings', 'bookmarks', 'notes') OR (u.name = 'search_fts' AND u.sql ="
		       "  (SELECT sql FROM main.user_schema WHERE name = 'search_fts' ORDER BY version DESC LIMIT 1)))",
		       &plain) != SQLITE_OK || plain != 4)
		return 0;
	static const char *const probes[] = {
		("SELECT team, product, error_code, http_status, message_en, message_zh, description_en,"
		 " description_zh, advice_en, advice_zh FROM user.user_mappings LIMIT 0"),
		"SELECT code FROM user.bookmarks LIMIT 0",
		"SELECT code, note FROM user.notes LIMIT 0",
		"SELECT rowid, kind, code, ident FROM user.search_fts LIMIT 0",
	};
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		sqlite3_stmt *q = NULL;
		int rc = sqlite3_prepare_v2(st->db, probes[i], -1, &q, NULL);
		sqlite3_finalize(q);
		if (rc != SQLITE_OK)
			return 0;
	}
	return 1;
}

/* A migration that failed: STORE_LOCKED when another program holds the file, else -1. */
static int locked_or_failed(const struct store *st)
{
	return (st->err.sqlite_rc & 0xff) == SQLITE_BUSY ? STORE_LOCKED : -1;
}

int store_attach_user(struct store *st, const char *path, int create)
{
	struct store_header h;
	struct stat sb;
	int writable, rc, version = 0, app = 0, tables = 0;

	err_clear(&st->err);
	if (st->has_user)
		return 0;
	if (store_path_too_long(path)) {
		err_set(&st->err, ERR_TOO_LONG, 0, NULL);
		return -1;
	}
	/* Making the file is a write: it takes the writers' path (and its lock). */
	if (create && store_migrate_user(path, 1, &st->err) != 0)
		return locked_or_failed(st);
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return STORE_NO_FILE;
		err_set_errno(&st->err, ERR_OPEN, errno);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		err_set(&st->err, ERR_NOT_FILE, 0, NULL);
		return -1;
	}
	if (sb.st_size == 0)
		return STORE_EMPTY; /* nothing to read, and a read never makes it a database */
	store_read_header(path, &h);
	if (!h.sqlite) {
		err_set(&st->err, ERR_NOT_DB, 0, NULL);
		return -1;
	}
	if (h.app != APPLICATION_ID && h.app != 0) {
		err_set(&st->err, ERR_FOREIGN, 0, NULL);
		return -1;
	}
	writable = access(path, W_OK) == 0;
	/* Readers never wait long: the built-in data answers even while another program holds
	 * the file. In WAL mode a writer never blocks a reader, so this is rare. */
	sqlite3_busy_timeout(st->db, READ_BUSY_MS);
	rc = attach_as_user(st, path, writable ? "mode=rw" : "mode=ro");
	if ((rc == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) && !writable) {
		/* A WAL file shared read-only, in a folder we cannot write: no -shm can be made
		 * beside it, and SQLite reads it only as immutable (nobody else may write it then). */
		detach_user(st);
		rc = attach_as_user(st, path, "mode=ro&immutable=1");
	}
	if (rc == SQLITE_OK) {
		if (store_scalar_int(st->db, "PRAGMA user.user_version", &version) != SQLITE_OK ||
		    store_scalar_int(st->db, "PRAGMA user.application_id", &app) != SQLITE_OK ||
		    store_scalar_int(st->db, "SELECT count(*) FROM user.sqlite_schema", &tables) != SQLITE_OK)
			rc = sqlite3_errcode(st->db);
	}
	if (rc != SQLITE_OK) {
		if (store_schema_unreadable(st->db))
			err_set(&st->err, ERR_SCHEMA, 0, NULL);
		else
			err_set(&st->err, ERR_OPEN, rc, NULL);
		detach_user(st);
		return rc == SQLITE_BUSY ? STORE_LOCKED : -1;
	}
	if ((unsigned)app != APPLICATION_ID && (app != 0 || tables > 0 || version > 0)) {
		detach_user(st);
		err_set(&st->err, ERR_FOREIGN, 0, NULL);
		return -1;
	}
	if (tables == 0) { /* an empty database: nothing of the user's in it yet */
		detach_user(st);
		return STORE_EMPTY;
	}
	if (version < USER_SCHEMA_VERSION && writable) {
		/* An older schema of ours is brought up to date, on a connection of its own: the only
		 * read that takes the write lock. Then it is read as any other. */
		detach_user(st);
		if (store_migrate_user(path, 0, &st->err) != 0)
			return locked_or_failed(st);
		return store_attach_user(st, path, 0);
	}
	rc = check_schema(st->db, "user", "main", version, &st->err);
	if (rc == 0 && version > USER_SCHEMA_VERSION && !user_tables_readable(st))
		rc = 2;
	if (rc != 0) {
		if (rc < 0)
			store_fail(st, ERR_OPEN);
		else if (rc == 2)
			err_set(&st->err, ERR_NEWER, 0, NULL);
		detach_user(st);
		return -1;
	}
	st->user_newer = version > USER_SCHEMA_VERSION;
	st->user_v5 = version >= 5; /* an older file read only (not ours to migrate) has neither */
	/* The user's own mappings beside the built-in ones, marked as theirs. */
	if (sqlite3_exec(st->db,
		"CREATE TEMP VIEW IF NOT EXISTS all_mappings AS"
		"  SELECT *, 0 AS is_user, '' AS team FROM main.mapping_view"
		"  UNION ALL SELECT id, 'user:' || team, product, error_code, http_status, message_en, message_zh,"
		"    description_en, description_zh, advice_en, advice_zh, 'your own database', '', '', 1, team"
		"  FROM user.user_mappings", NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(st, ERR_OPEN);
		detach_user(st);
		return -1;
	}
	st->has_user = 1;
	st->search.user_rows_read = 0; /* counted again when search wants it */
	return 0;
}

char *store_write_path(const char *db_path)
{
	char *path = db_path ? strdup(db_path) : store_user_path();
	if (path && !db_path) { /* the default one: make its directories, as mkdir -p */
		char *slash = strrchr(path, '/');
		for (char *p = path + 1; slash && p <= slash; p++)
			if (*p == '/') {
				*p = '\0';
				mkdir(path, 0755); /* one that exists is fine; a failure shows at open */
				*p = '/';
			}
	}
	return path;
}

char *store_user_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *p = NULL;
	if (xdg && *xdg == '/')
		p = sqlite3_mprintf("%s/httpcodes/user.db", xdg);
	else if (home && *home)
		p = sqlite3_mprintf("%s/.local/share/httpcodes/user.db", home);
	if (!p)
		return NULL;
	{
		char *copy = strdup(p);
		sqlite3_free(p);
		return copy;
	}
}

void store_free(struct store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].q);
	free(st->stmts);
	store_search_release(st);
	sqlite3_close(st->db);
	free(st);
}

/* ---- prepared statements ------------------------------------------------------------- */

sqlite3_stmt *store_stmt(struct store *st, const char *sql)
{
	struct stmt_slot *slot;
	for (size_t i = 0; i < st->nstmts; i++)
		if (st->stmts[i].sql == sql)
			return st->stmts[i].q;
	slot = store_list_push((void **)&st->stmts, &st->nstmts, &st->capstmts, sizeof *st->stmts);
	slot->sql = sql;
	/* Kept for the life of the store; SQLite prepares it again itself when the schema
	 * changes (a user's file attached). */
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot->q, NULL) != SQLITE_OK) {
		store_fail(st, ERR_QUERY);
		sqlite3_finalize(slot->q);
		st->nstmts--; /* not kept: a failure is tried again next time */
		return NULL;
	}
	return slot->q;
}

void store_stmt_done(sqlite3_stmt *q)
{
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
}

/* ---- rows to records ---------------------------------------------------------------- */

char *store_col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	const char *s = t ? (const char *)t : "";
	return xstrdup(s);
}

void *store_list_push(void **items, size_t *n, size_t *cap, size_t size)
{
	*items = xgrow(*items, cap, *n + 1, size, 16);
	void *item = (char *)*items + (*n)++ * size;
	memset(item, 0, size);
	return item;
}

int store_fill(struct store *st, sqlite3_stmt *q, void **items, size_t *n, size_t *cap, size_t size,
	       void (*read)(sqlite3_stmt *q, void *item))
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		read(q, store_list_push(items, n, cap, size));
	if (rc != SQLITE_DONE)
		store_fail(st, ERR_READ);
	store_stmt_done(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

void store_list_release(void **items, size_t *n, size_t *cap, size_t size, void (*release)(void *item))
{
	for (size_t k = 0; k < *n; k++)
		release((char *)*items + k * size);
	free(*items);
	*items = NULL;
	*n = *cap = 0;
}

/* Each record type: its SELECT column list (the integer column, then the text fields), a
 * reader of a row in that order, and a release, all from its field list (store.h). The
 * functions are written out by name; only their bodies come from the field lists
 * (RECORD_READ, RECORD_RELEASE: store_int.h). */

#define STATUS_COLS "code" STATUS_TEXT_FIELDS(SQL_COL)
#define CATEGORY_COLS "class" CATEGORY_TEXT_FIELDS(SQL_COL)
#define ALIAS_COLS "code" ALIAS_TEXT_FIELDS(SQL_COL)
#define RELATED_COLS "code" RELATED_TEXT_FIELDS(SQL_COL)
#define MEANING_COLS "number" MEANING_TEXT_FIELDS(SQL_COL)
/* A mapping's columns; is_user and team follow them, from all_mappings or as constants. */
#define MAPPING_COLS "http_status" MAPPING_TEXT_FIELDS(SQL_COL)
#define BUILTIN_MAPPING_COLS MAPPING_COLS ", 0, ''"
#define ANY_MAPPING_COLS MAPPING_COLS ", is_user, team"
/* The user's rows read as all_mappings has them, but from their own table: a query of the
 * view whose order is an index's is sorted in full (2.3 s for a team of a million rows). */
#define USER_MAPPINGS \
	"SELECT http_status, 'user:' || team, '', '', product, error_code, message_en, message_zh," \
	" description_en, description_zh, advice_en, advice_zh, 'your own database', 1, team" \
	" FROM user.user_mappings"
#define STAT_COLS "count" STAT_TEXT_FIELDS(SQL_COL) ", section"
#define SOURCE_COLS "count" SOURCE_TEXT_FIELDS(SQL_COL) ", is_user, team"

static void status_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_status, code, STATUS_TEXT_FIELDS)
}

static void status_release(void *item)
{
	RECORD_RELEASE(struct hc_status, STATUS_TEXT_FIELDS)
}

static void category_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_category, klass, CATEGORY_TEXT_FIELDS)
}

static void alias_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_alias, code, ALIAS_TEXT_FIELDS)
}

static void alias_release(void *item)
{
	RECORD_RELEASE(struct hc_alias, ALIAS_TEXT_FIELDS)
}

static void related_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_related, code, RELATED_TEXT_FIELDS)
}

static void related_release(void *item)
{
	RECORD_RELEASE(struct hc_related, RELATED_TEXT_FIELDS)
}

static void concept_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_concept, rowid, CONCEPT_TEXT_FIELDS)
}

void hc_concept_release(struct hc_concept *c)
{
	void *item = c;
	RECORD_RELEASE(struct hc_concept, CONCEPT_TEXT_FIELDS)
}

static void meaning_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_meaning, number, MEANING_TEXT_FIELDS)
}

static void meaning_release(void *item)
{
	RECORD_RELEASE(struct hc_meaning, MEANING_TEXT_FIELDS)
}

/* A name of the user's team as the lists give it ("Orders (yours)"; "Yours" with no team). */
static char *team_name(enum lang l, const char *team)
{
	struct strbuf sb = STRBUF_INIT;
	if (*team)
		strbuf_addf(&sb, label(l, L_TEAM_YOURS), team);
	else
		strbuf_adds(&sb, label(l, L_YOURS));
	return strbuf_detach(&sb);
}

/* A sender's names, *en and *zh, replaced by the words for the user's team. */
static void name_team(char **en, char **zh, const char *team)
{
	free(*en);
	free(*zh);
	*en = team_name(LANG_EN, team);
	*zh = team_name(LANG_ZH, team);
}

static void mapping_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_mapping, http_status, MAPPING_TEXT_FIELDS)
	r->is_user = sqlite3_column_int(q, i++);
	r->team = store_col_dup(q, i);
	if (r->is_user)
		name_team(&r->source_en, &r->source_zh, r->team);
}

static void mapping_release(void *item)
{
	free(((struct hc_mapping *)item)->team);
	RECORD_RELEASE(struct hc_mapping, MAPPING_TEXT_FIELDS)
}

static void stat_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_stat, count, STAT_TEXT_FIELDS)
	r->section = (enum stat_section)sqlite3_column_int(q, i);
}

static void stat_release(void *item)
{
	RECORD_RELEASE(struct hc_stat, STAT_TEXT_FIELDS)
}

static void source_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_source, count, SOURCE_TEXT_FIELDS)
	r->is_user = sqlite3_column_int(q, i++);
	r->team = store_col_dup(q, i);
	if (r->is_user)
		name_team(&r->name_en, &r->name_zh, r->team);
}

static void source_release(void *item)
{
	free(((struct hc_source *)item)->team);
	RECORD_RELEASE(struct hc_source, SOURCE_TEXT_FIELDS)
}

void hc_status_release(struct hc_status *s)
{
	status_release(s);
}

void hc_category_release(struct hc_category *item)
{
	RECORD_RELEASE(struct hc_category, CATEGORY_TEXT_FIELDS)
}

void hc_source_release(struct hc_source *s)
{
	source_release(s);
}

void hc_status_list_release(hc_status_list *l)
{
	LIST_RELEASE(l, status_release);
}

void hc_alias_list_release(hc_alias_list *l)
{
	LIST_RELEASE(l, alias_release);
}

void hc_related_list_release(hc_related_list *l)
{
	LIST_RELEASE(l, related_release);
}

void hc_meaning_release(struct hc_meaning *m)
{
	meaning_release(m);
}

void hc_meaning_list_release(hc_meaning_list *l)
{
	LIST_RELEASE(l, meaning_release);
}

void hc_mapping_list_release(hc_mapping_list *l)
{
	LIST_RELEASE(l, mapping_release);
}

void hc_stat_list_release(hc_stat_list *l)
{
	LIST_RELEASE(l, stat_release);
}

void hc_source_list_release(hc_source_list *l)
{
	LIST_RELEASE(l, source_release);
}

/* Run q (its parameters bound) for at most one row, read into out by read: 1 found, 0 not,
 * -1 on error. */
static int get_one(struct store *st, sqlite3_stmt *q, void *out, void (*read)(sqlite3_stmt *q, void *item))
{
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read(q, out);
	else if (rc != SQLITE_DONE)
		store_fail(st, ERR_READ);
	store_stmt_done(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* One statement for a status and for a range of them, so that a run that lists and then
 * shows them prepares it once (the cache's key is this address). */
static const char status_range_sql[] =
	"SELECT " STATUS_COLS " FROM status_codes WHERE code BETWEEN ?1 AND ?2 ORDER BY code";

int store_status_get(struct store *st, int code, struct hc_status *out)
{
	sqlite3_stmt *q = store_stmt(st, status_range_sql);
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	sqlite3_bind_int(q, 2, code);
	return get_one(st, q, out, status_read);
}

int store_category_get(struct store *st, int klass, struct hc_category *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " CATEGORY_COLS " FROM categories WHERE class = ?1");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, klass);
	return get_one(st, q, out, category_read);
}

int store_status_range(struct store *st, int lo, int hi, hc_status_list *out)
{
	sqlite3_stmt *q = store_stmt(st, status_range_sql);
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, lo);
	sqlite3_bind_int(q, 2, hi);
	return STORE_FILL(st, q, out, status_read);
}

int store_aliases(struct store *st, int code, hc_alias_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " ALIAS_COLS " FROM status_aliases WHERE code = ?1 ORDER BY alias");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	return STORE_FILL(st, q, out, alias_read);
}

int store_related(struct store *st, int code, hc_related_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " RELATED_COLS " FROM related_view WHERE of_code = ?1 ORDER BY code");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	return STORE_FILL(st, q, out, related_read);
}

/* A constant without what qualifies it: "HttpStatus.TOO_MANY_REQUESTS" is "TOO_MANY_REQUESTS",
 * "StatusCode::OK" "OK", ":ok" "ok". */
static const char *bare_constant(const char *s)
{
	const char *b = s;
	for (const char *p = s; *p; p++)
		if (*p == '.' || *p == ':')
			b = p + 1;
	return b;
}

int store_constant_code(struct store *st, const char *name)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT code, constant FROM constants");
	int code = 0, rc;
	if (!q)
		return -1;
	while (!code && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(q, 1);
		if (k && (strcasecmp(k, name) == 0 || strcasecmp(bare_constant(k), bare_constant(name)) == 0))
			code = sqlite3_column_int(q, 0);
	}
	if (!code && rc != SQLITE_DONE) {
		store_fail(st, ERR_READ);
		code = -1;
	}
	store_stmt_done(q);
	return code;
}

int store_concept(struct store *st, long long rowid, struct hc_concept *out,
		  struct hc_status related[CONCEPT_MAX_RELATED], size_t *n)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT rowid" CONCEPT_TEXT_FIELDS(SQL_COL) " FROM concepts WHERE rowid = ?1");
	int rc;
	memset(out, 0, sizeof *out);
	*n = 0;
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, rowid);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		concept_read(q, out);
	else if (rc != SQLITE_DONE)
		store_fail(st, ERR_READ);
	store_stmt_done(q);
	if (rc != SQLITE_ROW)
		return -1;
	for (const char *p = out->codes; *p && *n < CONCEPT_MAX_RELATED;) {
		char *end;
		long code = strtol(p, &end, 10);
		int got;
		if (end == p)
			break;
		if ((got = store_status_get(st, (int)code, &related[*n])) < 0) {
			while (*n)
				hc_status_release(&related[--*n]);
			hc_concept_release(out);
			return -1;
		}
		*n += got == 1;
		p = end;
	}
	return 0;
}

int store_meanings(struct store *st, int number, hc_meaning_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " MEANING_COLS
				     " FROM meaning_view WHERE number = ?1 OR ?1 < 0 ORDER BY number, source");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, number);
	return STORE_FILL(st, q, out, meaning_read);
}

void store_set_detail_max(struct store *st, size_t max)
{
	st->detail_max = max;
}

/* all_mappings's order: source (a user's is "user:" and the team), product, error code. */
static int mapping_order(const struct hc_mapping *a, const struct hc_mapping *b)
{
	int c = strcmp(a->source, b->source);
	c = c ? c : strcmp(a->product, b->product);
	return c ? c : strcmp(a->error_code, b->error_code);
}

int store_mappings_by_status(struct store *st, int code, hc_mapping_list *out, size_t *more)
{
	hc_mapping_list builtin = { 0 }, user = { 0 };
	sqlite3_stmt *q = store_stmt(st, "SELECT " BUILTIN_MAPPING_COLS " FROM mapping_view WHERE http_status = ?1"
				     " ORDER BY source, product, error_code");
	size_t i = 0, j = 0;
	int rc;

	*more = 0;
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	if (!st->has_user)
		return STORE_FILL(st, q, out, mapping_read);
	if (STORE_FILL(st, q, &builtin, mapping_read) < 0)
		return -1;
	/* The user's rows as all_mappings has them, read in their index's order (the first few
	 * of thousands cost what a few do), and merged with the built-in ones. */
	q = store_stmt(st, USER_MAPPINGS " WHERE http_status = ?1 ORDER BY team, product, error_code LIMIT ?2");
	rc = q ? 0 : -1;
	if (q) {
		sqlite3_bind_int(q, 1, code);
		sqlite3_bind_int64(q, 2, st->detail_max ? (sqlite3_int64)st->detail_max : -1);
		rc = STORE_FILL(st, q, &user, mapping_read);
	}
	if (rc == 0 && st->detail_max && user.n == st->detail_max) {
		int all = 0;
		q = store_stmt(st, "SELECT count(*) FROM user.user_mappings WHERE http_status = ?1");
		rc = q ? 0 : -1;
		if (q) {
			sqlite3_bind_int(q, 1, code);
			if (sqlite3_step(q) == SQLITE_ROW)
				all = sqlite3_column_int(q, 0);
			store_stmt_done(q);
		}
		*more = all > (int)user.n ? (size_t)all - user.n : 0;
	}
	while (rc == 0 && (i < builtin.n || j < user.n)) {
		int mine = i == builtin.n || (j < user.n && mapping_order(&user.items[j], &builtin.items[i]) < 0);
		struct hc_mapping *m = LIST_PUSH(out);
		*m = mine ? user.items[j++] : builtin.items[i++];
	}
	/* Moved into out: only the arrays are left to free (or, on failure, everything). */
	if (rc == 0)
		builtin.n = user.n = 0;
	hc_mapping_list_release(&builtin);
	hc_mapping_list_release(&user);
	return rc;
}

int store_mappings_by_code(struct store *st, const char *name, hc_mapping_list *out)
{
	sqlite3_stmt *q = store_stmt(st, st->has_user
		? "SELECT " ANY_MAPPING_COLS " FROM all_mappings WHERE error_code = ?1 COLLATE NOCASE "
		  "ORDER BY is_user DESC, source, product, http_status"
		: "SELECT " BUILTIN_MAPPING_COLS " FROM mapping_view WHERE error_code = ?1 COLLATE NOCASE "
		  "ORDER BY source, product, http_status");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	return STORE_FILL(st, q, out, mapping_read);
}

/* What --complete lists: numbers (statuses and the numbers only senders use) first, then
 * business errors, header fields and the user's own codes, each part read in its index's
 * order and bounded by ?2, so that a short prefix over a million rows of the user's stays
 * quick. LIKE ignores ASCII case and uses the NOCASE indexes on error_code. */
#define COMPLETE_PART(part, col, table, order) \
	"SELECT " #part " AS part, w FROM (SELECT DISTINCT " col " AS w FROM " table \
	" WHERE w LIKE ?1 ESCAPE '\\' ORDER BY " order " LIMIT ?2)"
#define COMPLETE_BUILTIN \
	COMPLETE_PART(0, "printf('%03d', code)", "main.status_codes", "w") \
	" UNION ALL " COMPLETE_PART(0, "printf('%03d', number)", "main.vendor_meanings", "w") \
	" UNION ALL " COMPLETE_PART(1, "error_code", "main.mappings", "error_code COLLATE NOCASE") \
	" UNION ALL " COMPLETE_PART(1, "name", "main.headers", "name COLLATE NOCASE")
#define COMPLETE_ORDER " GROUP BY w ORDER BY min(part), w COLLATE NOCASE, w LIMIT ?2"

int store_complete(struct store *st, const char *prefix, int max, void (*fn)(const char *word, void *ctx),
		   void *ctx)
{
	sqlite3_stmt *q = store_stmt(st, st->has_user
		? "SELECT w FROM (" COMPLETE_BUILTIN " UNION ALL "
		  COMPLETE_PART(1, "error_code", "user.user_mappings", "error_code COLLATE NOCASE") ")" COMPLETE_ORDER
		: "SELECT w FROM (" COMPLETE_BUILTIN ")" COMPLETE_ORDER);
	struct strbuf like = STRBUF_INIT;
	int rc;

	if (!q)
		return -1;
	for (const char *p = prefix; *p; p++) { /* the prefix as it is: its % and _ are no wildcards */
		if (*p == '%' || *p == '_' || *p == '\\')
			strbuf_addch(&like, '\\');
		strbuf_addch(&like, *p);
	}
	strbuf_addch(&like, '%');
	sqlite3_bind_text(q, 1, strbuf_str(&like), -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, max);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(q, 0), ctx);
	if (rc != SQLITE_DONE)
		store_fail(st, ERR_READ);
	store_stmt_done(q);
	strbuf_release(&like);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The rows of the first section: the name each goes by (in JSON output), the table it counts,
 * and its label. */
#define STAT_CONTENTS(X) \
	X(statuses, status_codes, L_STATS_STATUSES) \
	X(aliases, status_aliases, L_STATS_ALIASES) \
	X(related, related_codes, L_STATS_RELATED) \
	X(sources, sources, L_STATS_SOURCES) \
	X(meanings, vendor_meanings, L_STATS_VENDOR) \
	X(mappings, mappings, L_STATS_BUSINESS) \
	X(mappings_without_status, mappings_without_status, L_STATS_NO_STATUS) \
	X(log_phrases, log_phrases, L_STATS_LOG_PHRASES) \
	X(headers, headers, L_STATS_HEADERS) \
	X(constants, constants, L_STATS_CONSTANTS) \
	X(concepts, concepts, L_STATS_CONCEPTS)
/* Each a row of section 0 (STAT_CONTENTS) named by two parameters, bound in the list's order;
 * it sorts by its id, as the others sort by their English names. */
#define STAT_CONTENTS_SQL(name, table, lab) \
	" UNION ALL SELECT 0, '" #name "', ?, ?, count(*), '' FROM " #table
#define STAT_CONTENTS_BIND(name, table, lab) \
	sqlite3_bind_text(q, k++, label(LANG_EN, lab), -1, SQLITE_STATIC); \
	sqlite3_bind_text(q, k++, label(LANG_ZH, lab), -1, SQLITE_STATIC);
_Static_assert(STAT_CONTENTS == 0 && STAT_MAPPINGS_BY_SOURCE == 1 && STAT_MEANINGS_BY_SENDER == 2,
	       "store_stats' SQL numbers the sections as enum stat_section does");

int store_stats(struct store *st, hc_stat_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " STAT_COLS
		" FROM (SELECT 1 AS section, m.source AS name, s.name_en AS name_en, s.name_zh AS name_zh,"
		"        count(*) AS count, s.name_en AS sort"
		"        FROM mappings m JOIN sources s ON s.id = m.source GROUP BY m.source"
		"      UNION ALL SELECT 2, v.source, s.name_en, s.name_zh, count(*), s.name_en"
		"        FROM vendor_meanings v JOIN sources s ON s.id = v.source GROUP BY v.source"
		STAT_CONTENTS(STAT_CONTENTS_SQL) ")"
		" ORDER BY section, count DESC, sort COLLATE NOCASE, name");
	int k = 1;

	if (!q)
		return -1;
	STAT_CONTENTS(STAT_CONTENTS_BIND)
	return STORE_FILL(st, q, out, stat_read);
}

/* The user's teams by their English names as SQL's ORDER BY name_en COLLATE NOCASE puts them
 * (ASCII letters folded); the same names apart, by team as GROUP BY gave them. */
static int by_name(const void *x, const void *y)
{
	const struct hc_source *a = x, *b = y;
	int c = sqlite3_stricmp(a->name_en, b->name_en);
	return c ? c : strcmp(a->team, b->team);
}

int store_sources(struct store *st, hc_source_list *out)
{
	sqlite3_stmt *q;

	/* The user's teams are named in words of ours (team_name), so they are sorted here. */
	if (st->has_user) {
		/* Counted as rows are written (version 5 on); an older file read only, here. */
		q = store_stmt(st, st->user_v5
			       ? "SELECT rows, '', team, team, 1, team FROM user.user_teams"
			       : "SELECT count(*), '', team, team, 1, team FROM user.user_mappings GROUP BY team");
		if (!q || STORE_FILL(st, q, out, source_read) < 0)
			return -1;
		qsort(out->items, out->n, sizeof *out->items, by_name);
	}
	q = store_stmt(st, "SELECT " SOURCE_COLS
		       " FROM (SELECT count(*) AS count, s.id AS id, s.name_en AS name_en, s.name_zh AS name_zh,"
		       "  0 AS is_user, '' AS team FROM sources s JOIN mappings m ON m.source = s.id GROUP BY s.id)"
		       " ORDER BY name_en COLLATE NOCASE");
	if (!q)
		return -1;
	return STORE_FILL(st, q, out, source_read);
}

int store_source_get(struct store *st, const char *id, struct hc_source *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " SOURCE_COLS
				     " FROM (SELECT 0 AS count, id, name_en, name_zh, 0 AS is_user, '' AS team FROM sources)"
				     " WHERE id = ?1");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	return get_one(st, q, out, source_read);
}

int store_mappings_by_source(struct store *st, const struct hc_source *source, size_t max, hc_mapping_list *out)
{
	sqlite3_stmt *q;

	if (source->is_user && !st->has_user)
		return 0;
	/* A built-in source's rows are all built in (a user's source is "user:" and a team): the
	 * user's rows are not read through, which at a million was 300 ms. */
	q = store_stmt(st, source->is_user
		? USER_MAPPINGS " WHERE team = ?1 ORDER BY product, error_code LIMIT ?2"
		: "SELECT " BUILTIN_MAPPING_COLS " FROM mapping_view WHERE source = ?1 ORDER BY product, error_code"
		  " LIMIT ?2");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, source->is_user ? source->team : source->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, max ? (sqlite3_int64)max : -1);
	return STORE_FILL(st, q, out, mapping_read);
}
