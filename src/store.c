/* renameat2 (RENAME_NOREPLACE) and flock: a damaged file is set aside once, never over another */
#define _GNU_SOURCE
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "index.h"
#include "store_schema.h"
#include "text.h"


/* The database built from db/ by mkdb, linked in by dbimage.S. */
extern const unsigned char httpcodes_db[];
extern const unsigned int httpcodes_db_size;

/* The schema version this program reads (db/schema.sql sets it). */
#define SCHEMA_VERSION 3
/* How long a writer waits for another httpcodes process before giving up: long enough that two
 * importers or a burst of adds take turns (SQLite's lock is not fair), short enough to report. */
#define BUSY_MS 30000
/* How long a read waits for a lock on the user's file before the built-in data answers alone. */
#define READ_BUSY_MS 200

static void harden(sqlite3 *db);

struct store {
	sqlite3 *db;
	char *error;
	int last_code;          /* SQLite's code for the last failure, when there was one */
	int has_user;
	int user_newer;         /* the user's file is from a newer httpcodes: read only */
};

static void set_error(struct store *st, const char *what)
{
	free(st->error);
	st->error = NULL;
	const char *msg = sqlite3_errmsg(st->db);
	size_t n = strlen(what) + strlen(msg) + 3;
	st->error = malloc(n);
	if (st->error)
		snprintf(st->error, n, "%s: %s", what, msg);
}

const char *store_error(const struct store *st)
{
	return st->error ? st->error : "no error";
}

struct sqlite3 *store_db(struct store *st)
{
	return st->db;
}

static char *dup_msg(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 3;
	char *m = malloc(n);
	if (m)
		snprintf(m, n, "%s: %s", a, b);
	return m;
}

struct store *store_open(char **err)
{
	struct store *st = calloc(1, sizeof *st);
	sqlite3_stmt *q;
	int version = -1;

	*err = NULL;
	if (!st) {
		*err = dup_msg("cannot open the built-in data", "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(":memory:", &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
	    sqlite3_deserialize(st->db, "main", (unsigned char *)httpcodes_db, httpcodes_db_size,
				httpcodes_db_size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		*err = dup_msg("cannot open the built-in data", sqlite3_errmsg(st->db));
		store_free(st);
		return NULL;
	}
	harden(st->db);
	if (index_register(st->db) != 0) {
		*err = dup_msg("cannot set up search", sqlite3_errmsg(st->db));
		store_free(st);
		return NULL;
	}
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW)
			version = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
	}
	if (version != SCHEMA_VERSION) {
		*err = dup_msg("cannot open the built-in data", "unexpected schema version");
		store_free(st);
		return NULL;
	}
	return st;
}

/* ---- the user's database ------------------------------------------------------------------ */

static int scalar_int(sqlite3 *db, const char *sql, int *out)
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
static void harden(sqlite3 *db)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_exec(db, "PRAGMA recursive_triggers = OFF", NULL, NULL, NULL);
	sqlite3_progress_handler(db, 100, on_progress, NULL);
}

/* The reasons a user's file is refused, for messages (lang.h translates them). */
#define WHY_FOREIGN "it is not an httpcodes database"
#define WHY_NEWER "it was written by a newer httpcodes (its schema version is newer)"
#define WHY_SCHEMA "its schema cannot be read by this httpcodes (a newer one may have written it); it is left as it is"
#define WHY_ALIEN "it holds something httpcodes did not make"
#define WHY_MISSING "part of its schema is missing"
#define WHY_NOT_FILE "not a regular file"
#define WHY_TOO_LONG "the path is too long"
#define WHY_READ_ONLY "the file is read-only"
#define WHY_LOCKED "database is locked"

/* SQLite could not parse the schema: a newer program's, or a damaged one; never set aside. */
static int schema_unreadable(sqlite3 *db)
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
 * wrong in *what (owned by the caller), or -1 when it cannot be read (SQLite's message on db). */
static int check_schema(sqlite3 *db, const char *schema, const char *ref, int version, char **what)
{
	sqlite3_stmt *q = NULL;
	char *sql;
	int rc;

	*what = NULL;
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
		*what = sqlite3_column_int(q, 0) == 1 ? dup_msg(WHY_ALIEN, name ? name : "?")
						      : dup_msg(WHY_MISSING, name ? name : "?");
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The first 100 bytes of a database file, read without SQLite or a lock: enough to refuse a
 * file from a newer httpcodes, or somebody else's, before SQLite parses its schema. */
struct header {
	int sqlite;             /* it starts with SQLite's magic */
	unsigned long app;      /* application_id */
	long version;           /* user_version */
};

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static void read_header(const char *path, struct header *h)
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

/* SQLite refuses longer paths (its VFS's limit), and says only "unable to open". */
static int path_too_long(const char *path)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	size_t n = strlen(path);
	if (path[0] != '/') {
		char cwd[4096];
		n += getcwd(cwd, sizeof cwd) ? strlen(cwd) + 1 : sizeof cwd;
	}
	return vfs && n >= (size_t)vfs->mxPathname;
}

static void fail_with(struct store *st, const char *what, const char *detail)
{
	free(st->error);
	st->error = detail ? dup_msg(what, detail) : strdup(what);
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

/* Bring the user's database up to this program's schema: on a connection of its own, so that
 * BEGIN IMMEDIATE locks only that file (the built-in data is read-only), in one transaction.
 * Only writers and a real migration come here: a read takes no write lock. Returns 0, or -1
 * with the reason in st->error and SQLite's code in st->last_code. */
static int migrate_user(struct store *st, const char *path, int create)
{
	sqlite3 *db = NULL;
	int version = 0, app = 0, tables = 0, rc;
	const char *why = NULL;
	char *what = NULL;

	st->last_code = 0;
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL);
	if (rc == SQLITE_OK) {
		harden(db);
		sqlite3_busy_timeout(db, BUSY_MS);
	}
	if (rc == SQLITE_OK && sqlite3_db_readonly(db, "main") == 1) {
		why = WHY_READ_ONLY;
		goto fail;
	}
	if (rc != SQLITE_OK || index_register(db) != 0 ||
	    copy_user_schema(db) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		why = schema_unreadable(db) ? WHY_SCHEMA : sqlite3_errmsg(db);
		goto fail;
	}
	if (scalar_int(db, "PRAGMA user_version", &version) != SQLITE_OK ||
	    scalar_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
	    scalar_int(db, "SELECT count(*) FROM sqlite_schema", &tables) != SQLITE_OK) {
		why = schema_unreadable(db) ? WHY_SCHEMA : sqlite3_errmsg(db); /* "file is not a database" */
		goto fail;
	}
	/* Another program's file, even an empty one that only carries its id, is never taken. */
	if ((unsigned)app != APPLICATION_ID && (app != 0 || tables > 0 || version > 0)) {
		why = WHY_FOREIGN;
		goto fail;
	}
	if (version > USER_SCHEMA_VERSION) {
		why = WHY_NEWER;
		goto fail;
	}
	if (tables > 0) {
		rc = check_schema(db, "main", "temp", version, &what);
		if (rc != 0) {
			why = rc < 0 ? sqlite3_errmsg(db) : what;
			goto fail;
		}
	}
	if (version < USER_SCHEMA_VERSION) {
		char *sql = sqlite3_mprintf("PRAGMA user_version = %d; PRAGMA application_id = %d",
					    USER_SCHEMA_VERSION, APPLICATION_ID);
		rc = store_schema_migrate(db, version, USER_SCHEMA_VERSION);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK) {
			why = sqlite3_errmsg(db);
			goto fail;
		}
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		why = sqlite3_errmsg(db);
		goto fail;
	}
	use_wal(db);
	sqlite3_close(db);
	return 0;
fail:
	free(st->error);
	st->error = strdup(why ? why : "cannot open database");
	free(what);
	if (db) {
		st->last_code = sqlite3_errcode(db);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
	}
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
	if (scalar_int(st->db,
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

int store_attach_user(struct store *st, const char *path, int create)
{
	struct header h;
	struct stat sb;
	int writable, rc, version = 0, app = 0, tables = 0;
	char *what = NULL;

	st->last_code = 0;
	if (st->has_user)
		return 0;
	if (path_too_long(path)) {
		fail_with(st, WHY_TOO_LONG, NULL);
		return -1;
	}
	/* Making the file is a write: it takes the writers' path (and its lock). */
	if (create && migrate_user(st, path, 1) != 0)
		return st->last_code == SQLITE_BUSY ? STORE_LOCKED : -1;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return STORE_NO_FILE;
		fail_with(st, "cannot open database", strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		fail_with(st, WHY_NOT_FILE, NULL);
		return -1;
	}
	if (sb.st_size == 0)
		return STORE_EMPTY; /* nothing to read, and a read never makes it a database */
	read_header(path, &h);
	if (!h.sqlite) {
		fail_with(st, "file is not a database", NULL);
		return -1;
	}
	if (h.app != APPLICATION_ID && h.app != 0) {
		fail_with(st, WHY_FOREIGN, NULL);
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
		if (scalar_int(st->db, "PRAGMA user.user_version", &version) != SQLITE_OK ||
		    scalar_int(st->db, "PRAGMA user.application_id", &app) != SQLITE_OK ||
		    scalar_int(st->db, "SELECT count(*) FROM user.sqlite_schema", &tables) != SQLITE_OK)
			rc = sqlite3_errcode(st->db);
	}
	if (rc != SQLITE_OK) {
		st->last_code = rc;
		if (schema_unreadable(st->db))
			fail_with(st, WHY_SCHEMA, NULL);
		else
			set_error(st, "cannot open database");
		detach_user(st);
		return rc == SQLITE_BUSY ? STORE_LOCKED : -1;
	}
	if ((unsigned)app != APPLICATION_ID && (app != 0 || tables > 0 || version > 0)) {
		detach_user(st);
		fail_with(st, WHY_FOREIGN, NULL);
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
		if (migrate_user(st, path, 0) != 0)
			return st->last_code == SQLITE_BUSY ? STORE_LOCKED : -1;
		return store_attach_user(st, path, 0);
	}
	rc = check_schema(st->db, "user", "main", version, &what);
	if (rc == 0 && version > USER_SCHEMA_VERSION && !user_tables_readable(st))
		rc = 2;
	if (rc != 0) {
		if (rc < 0)
			set_error(st, "cannot open database");
		else if (rc == 2)
			fail_with(st, WHY_NEWER, NULL);
		else
			fail_with(st, what, NULL);
		free(what);
		detach_user(st);
		return -1;
	}
	st->user_newer = version > USER_SCHEMA_VERSION;
	/* The user's own mappings beside the built-in ones, marked as theirs. */
	if (sqlite3_exec(st->db,
		"CREATE TEMP VIEW IF NOT EXISTS all_mappings AS"
		"  SELECT * FROM main.mapping_view"
		"  UNION ALL SELECT id, 'user:' || team, product, error_code, http_status, message_en, message_zh,"
		"    description_en, description_zh, advice_en, advice_zh, 'your own database',"
		"    CASE team WHEN '' THEN 'Yours' ELSE team || ' (yours)' END,"
		"    CASE team WHEN '' THEN '自定义' ELSE team || '（自定义）' END"
		"  FROM user.user_mappings", NULL, NULL, NULL) != SQLITE_OK) {
		set_error(st, "cannot open database");
		detach_user(st);
		return -1;
	}
	st->has_user = 1;
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
	sqlite3_close(st->db);
	free(st->error);
	free(st);
}

/* ---- rows to records ---------------------------------------------------------------- */

static char *col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	const char *s = t ? (const char *)t : "";
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (!p)
		abort();
	return memcpy(p, s, n);
}

static void *list_push(void **items, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		void *p = realloc(*items, c * size);
		if (!p)
			abort();
		*items = p;
		*cap = c;
	}
	void *item = (char *)*items + (*n)++ * size;
	memset(item, 0, size);
	return item;
}

#define LIST_PUSH(l) list_push((void **)&(l)->items, &(l)->n, &(l)->cap, sizeof *(l)->items)

/* For each record type: the SELECT column list, a reader and a release, from its field list. */
#define SQL_COL(f) ", " #f
#define READ_COL(f) r->f = col_dup(q, i++);
#define FREE_COL(f) free(r->f);
#define RECORD_FUNCS(name, type, intcol, FIELDS) \
	static const char name##_cols[] = intcol FIELDS(SQL_COL); \
	static void name##_read(sqlite3_stmt *q, type *r) \
	{ \
		int i = 1; \
		*(int *)r = sqlite3_column_int(q, 0); \
		FIELDS(READ_COL) \
	} \
	static void name##_release(type *r) \
	{ \
		FIELDS(FREE_COL) \
		memset(r, 0, sizeof *r); \
	}

RECORD_FUNCS(status, struct hc_status, "code", STATUS_TEXT_FIELDS)
RECORD_FUNCS(category, struct hc_category, "class", CATEGORY_TEXT_FIELDS)
RECORD_FUNCS(alias, struct hc_alias, "code", ALIAS_TEXT_FIELDS)
RECORD_FUNCS(related, struct hc_related, "code", RELATED_TEXT_FIELDS)
RECORD_FUNCS(meaning, struct hc_meaning, "number", MEANING_TEXT_FIELDS)
RECORD_FUNCS(mapping, struct hc_mapping, "http_status", MAPPING_TEXT_FIELDS)
RECORD_FUNCS(stat, struct hc_stat, "count", STAT_TEXT_FIELDS)
RECORD_FUNCS(source, struct hc_source, "count", SOURCE_TEXT_FIELDS)

static void hit_read(sqlite3_stmt *q, struct hc_hit *r)
{
	int i = 3;
	int kind = sqlite3_column_int(q, 0);
	/* A crafted user file may say anything: an unknown kind is shown as a business error. */
	r->kind = kind >= HC_KIND_STATUS && kind <= HC_KIND_NOTE ? (enum hc_kind)kind : HC_KIND_MAPPING;
	r->code = sqlite3_column_int(q, 1);
	r->score = sqlite3_column_double(q, 2);
	HIT_TEXT_FIELDS(READ_COL)
}
void hc_hit_release(struct hc_hit *r)
{
	HIT_TEXT_FIELDS(FREE_COL)
	memset(r, 0, sizeof *r);
}

#define LIST_RELEASE(name, ltype) \
	void hc_##name##_list_release(ltype *l) \
	{ \
		for (size_t k = 0; k < l->n; k++) \
			name##_release(&l->items[k]); \
		free(l->items); \
		memset(l, 0, sizeof *l); \
	}

LIST_RELEASE(status, hc_status_list)
LIST_RELEASE(alias, hc_alias_list)
LIST_RELEASE(related, hc_related_list)
LIST_RELEASE(meaning, hc_meaning_list)
LIST_RELEASE(mapping, hc_mapping_list)
#define hit_release hc_hit_release
LIST_RELEASE(hit, hc_hit_list)
LIST_RELEASE(stat, hc_stat_list)
LIST_RELEASE(source, hc_source_list)

void hc_status_release(struct hc_status *s)
{
	status_release(s);
}

void hc_category_release(struct hc_category *c)
{
	category_release(c);
}

static sqlite3_stmt *prepare(struct store *st, const char *cols, const char *rest)
{
	sqlite3_stmt *q = NULL;
	char *sql = sqlite3_mprintf("SELECT %s %s", cols, rest);
	if (!sql || sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) {
		set_error(st, "cannot query the database");
		q = NULL;
	}
	sqlite3_free(sql);
	return q;
}

/* Step through q, reading each row with read into a new item of the list. */
#define FILL_LIST(st, q, l, read) \
	do { \
		int rc_; \
		while ((rc_ = sqlite3_step(q)) == SQLITE_ROW) \
			read(q, LIST_PUSH(l)); \
		sqlite3_finalize(q); \
		if (rc_ != SQLITE_DONE) { \
			set_error(st, "cannot read the database"); \
			return -1; \
		} \
		return 0; \
	} while (0)

int store_status_get(struct store *st, int code, struct hc_status *out)
{
	sqlite3_stmt *q = prepare(st, status_cols, "FROM status_codes WHERE code = ?1");
	int rc;
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		status_read(q, out);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		set_error(st, "cannot read the database");
		return -1;
	}
	return rc == SQLITE_ROW;
}

int store_category_get(struct store *st, int klass, struct hc_category *out)
{
	sqlite3_stmt *q = prepare(st, category_cols, "FROM categories WHERE class = ?1");
	int rc;
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, klass);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		category_read(q, out);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW;
}

int store_status_range(struct store *st, int lo, int hi, hc_status_list *out)
{
	sqlite3_stmt *q = prepare(st, status_cols,
				  "FROM status_codes WHERE code BETWEEN ?1 AND ?2 ORDER BY code");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, lo);
	sqlite3_bind_int(q, 2, hi);
	FILL_LIST(st, q, out, status_read);
}

int store_aliases(struct store *st, int code, hc_alias_list *out)
{
	sqlite3_stmt *q = prepare(st, alias_cols, "FROM status_aliases WHERE code = ?1 ORDER BY alias");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	FILL_LIST(st, q, out, alias_read);
}

int store_related(struct store *st, int code, hc_related_list *out)
{
	sqlite3_stmt *q = prepare(st, related_cols, "FROM related_view WHERE of_code = ?1 ORDER BY code");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	FILL_LIST(st, q, out, related_read);
}

int store_meanings(struct store *st, int number, hc_meaning_list *out)
{
	sqlite3_stmt *q = prepare(st, meaning_cols, "FROM meaning_view WHERE number = ?1 OR ?1 < 0 ORDER BY number, source");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, number);
	FILL_LIST(st, q, out, meaning_read);
}

int store_mappings_by_status(struct store *st, int code, hc_mapping_list *out)
{
	sqlite3_stmt *q = prepare(st, mapping_cols, st->has_user
				  ? "FROM all_mappings WHERE http_status = ?1 ORDER BY source, product, error_code"
				  : "FROM mapping_view WHERE http_status = ?1 ORDER BY source, product, error_code");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	FILL_LIST(st, q, out, mapping_read);
}

int store_mappings_by_code(struct store *st, const char *name, hc_mapping_list *out)
{
	sqlite3_stmt *q = prepare(st, mapping_cols, st->has_user
				  ? "FROM all_mappings WHERE error_code = ?1 COLLATE NOCASE "
				    "ORDER BY source GLOB 'user:*' DESC, source, product, http_status"
				  : "FROM mapping_view WHERE error_code = ?1 COLLATE NOCASE "
				    "ORDER BY source, product, http_status");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	FILL_LIST(st, q, out, mapping_read);
}

int store_hits(struct store *st, sqlite3_stmt *q, hc_hit_list *out)
{
	FILL_LIST(st, q, out, hit_read);
}

void hc_hit_list_move(hc_hit_list *to, hc_hit_list *from)
{
	for (size_t i = 0; i < from->n; i++)
		*(struct hc_hit *)LIST_PUSH(to) = from->items[i];
	free(from->items);
	memset(from, 0, sizeof *from);
}

int store_hit_step(struct store *st, sqlite3_stmt *q, hc_hit_list *out)
{
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		hit_read(q, LIST_PUSH(out));
		return 1;
	}
	if (rc != SQLITE_DONE) {
		set_error(st, "cannot read the database");
		return -1;
	}
	return 0;
}

void store_set_error(struct store *st, const char *what)
{
	set_error(st, what);
}

int store_stats(struct store *st, hc_stat_list *out)
{
	sqlite3_stmt *q = prepare(st, stat_cols,
		"FROM (SELECT 1 AS o, 'contents' AS section, 'statuses' AS name, '' AS name_en,"
		"        '' AS name_zh, count(*) AS count FROM status_codes"
		"      UNION ALL SELECT 1, 'contents', 'aliases', '', '', count(*) FROM status_aliases"
		"      UNION ALL SELECT 1, 'contents', 'related', '', '', count(*) FROM related_codes"
		"      UNION ALL SELECT 1, 'contents', 'sources', '', '', count(*) FROM sources"
		"      UNION ALL SELECT 1, 'contents', 'meanings', '', '', count(*) FROM vendor_meanings"
		"      UNION ALL SELECT 1, 'contents', 'mappings', '', '', count(*) FROM mappings"
		"      UNION ALL SELECT 2, 'mappings by source', m.source, s.name_en, s.name_zh, count(*)"
		"        FROM mappings m JOIN sources s ON s.id = m.source GROUP BY m.source"
		"      UNION ALL SELECT 3, 'meanings by sender', v.source, s.name_en, s.name_zh, count(*)"
		"        FROM vendor_meanings v JOIN sources s ON s.id = v.source GROUP BY v.source)"
		" ORDER BY o, count DESC, name_en COLLATE NOCASE, name");
	if (!q)
		return -1;
	FILL_LIST(st, q, out, stat_read);
}

int store_sources(struct store *st, hc_source_list *out)
{
	/* The user's own teams first, then the built-in senders. */
	sqlite3_stmt *q = prepare(st, source_cols, st->has_user
		? "FROM (SELECT count(*) AS count, 'user:' || team AS id,"
		  "  CASE team WHEN '' THEN 'Yours' ELSE team || ' (yours)' END AS name_en,"
		  "  CASE team WHEN '' THEN '自定义' ELSE team || '（自定义）' END AS name_zh, 0 AS o"
		  "  FROM user.user_mappings GROUP BY team"
		  " UNION ALL SELECT count(*), s.id, s.name_en, s.name_zh, 1"
		  "  FROM sources s JOIN mappings m ON m.source = s.id GROUP BY s.id)"
		  " ORDER BY o, name_en COLLATE NOCASE"
		: "FROM (SELECT count(*) AS count, s.id AS id, s.name_en AS name_en,"
		  "  s.name_zh AS name_zh FROM sources s JOIN mappings m ON m.source = s.id"
		  "  GROUP BY s.id) ORDER BY name_en COLLATE NOCASE");
	if (!q)
		return -1;
	FILL_LIST(st, q, out, source_read);
}

int store_source_get(struct store *st, const char *id, struct hc_source *out)
{
	sqlite3_stmt *q = prepare(st, source_cols,
				  "FROM (SELECT 0 AS count, id, name_en, name_zh FROM sources) WHERE id = ?1");
	int rc;
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		source_read(q, out);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		set_error(st, "cannot read the database");
		return -1;
	}
	return rc == SQLITE_ROW;
}

void hc_source_release(struct hc_source *s)
{
	source_release(s);
}

int store_mappings_by_source(struct store *st, const char *source, hc_mapping_list *out)
{
	sqlite3_stmt *q = prepare(st, mapping_cols, st->has_user
				  ? "FROM all_mappings WHERE source = ?1 ORDER BY product, error_code"
				  : "FROM mapping_view WHERE source = ?1 ORDER BY product, error_code");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, source, -1, SQLITE_TRANSIENT);
	FILL_LIST(st, q, out, mapping_read);
}

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
};

/* Is the file at path one of ours, by its header (magic and application id), even if the rest
 * is damaged? Only such a file is ever set aside. */
static int ours_on_disk(const char *path)
{
	struct header h;
	read_header(path, &h);
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
		harden(db);
		sqlite3_busy_timeout(db, BUSY_MS);
		rc = scalar_int(db, "SELECT count(*) FROM sqlite_schema", &tables);
		*unreadable_schema = rc != SQLITE_OK && schema_unreadable(db);
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

struct store_tx *store_tx_begin(const char *path, char **err, char **aside)
{
	struct store_tx *tx = calloc(1, sizeof *tx);
	struct store probe = { 0 };
	const char *max_pages = getenv("HTTPCODES_TEST_MAX_PAGES"); /* tests: a disk that fills */
	struct stat sb;
	struct header h;

	*err = NULL;
	*aside = NULL;
	if (!tx)
		return NULL;
	if (path_too_long(path)) {
		*err = strdup(WHY_TOO_LONG);
		free(tx);
		return NULL;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		*err = strdup(WHY_NOT_FILE);
		free(tx);
		return NULL;
	}
	/* A newer httpcodes's file is refused on its header alone: its schema may be one this
	 * SQLite cannot parse, which must not be taken for damage. */
	read_header(path, &h);
	if (h.sqlite && h.app == APPLICATION_ID && h.version > USER_SCHEMA_VERSION) {
		*err = strdup(WHY_NEWER);
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
	if (migrate_user(&probe, path, 1) != 0) {
		*err = probe.error ? probe.error : strdup("cannot open database");
		free(tx);
		return NULL;
	}
	free(probe.error);
	if (sqlite3_open_v2(path, &tx->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    (harden(tx->db), index_register(tx->db)) != 0 ||
	    (sqlite3_busy_timeout(tx->db, BUSY_MS), sqlite3_exec(tx->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK) {
		*err = strdup(sqlite3_errmsg(tx->db));
		sqlite3_close(tx->db);
		free(tx);
		return NULL;
	}
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

/* The search index follows the user's rows through these, run on the writer's connection at
 * the top level: a trigger would have to write a virtual table from the file's schema, which
 * trusted_schema=OFF forbids (and a file's own code is never run). */
#define INDEX_MAPPINGS_SQL \
	"INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body," \
	"                        kind, code, source, product)" \
	"  SELECT id, error_code, message_en, message_zh, team || ' ' || product, description_en," \
	"         description_zh, advice_en || ' ' || advice_zh, 3, http_status, team, product" \
	"  FROM user_mappings"
static const char index_mapping_sql[] = INDEX_MAPPINGS_SQL " WHERE id = ?1";
static const char index_note_sql[] =
	"INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                        kind, code, source, product)"
	"  SELECT 1000000000 + code, printf('%03d', code), note, note, '', '', '', '', 4, code, 'note', ''"
	"  FROM notes WHERE code = ?1";

/* Run sql with ?1 = id; SQLITE_OK or SQLite's code. */
static int exec_id(sqlite3 *db, const char *sql, sqlite3_int64 id)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
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

int store_tx_reindex(struct store_tx *tx, char **why)
{
	*why = NULL;
	if (sqlite3_exec(tx->db, "DELETE FROM search_fts WHERE rowid < 1000000000;" INDEX_MAPPINGS_SQL ";"
			 "INSERT INTO search_fts (search_fts) VALUES ('optimize');", NULL, NULL,
			 NULL) != SQLITE_OK) {
		*why = strdup(sqlite3_errmsg(tx->db));
		return -1;
	}
	return 0;
}

/* A failure of the database itself (full disk, I/O): -2 with the reason. */
static int db_failed(struct store_tx *tx, char **why)
{
	free(*why);
	*why = strdup(sqlite3_errmsg(tx->db));
	return -2;
}

int store_tx_add(struct store_tx *tx, const struct user_row *r, char **why)
{
	sqlite3_stmt *q;
	int rc;
	*why = NULL;
	if (sqlite3_prepare_v2(tx->db,
			       "INSERT INTO user_mappings (team, product, error_code, http_status, message_en,"
			       " message_zh, description_en, description_zh, advice_en, advice_zh)"
			       " VALUES (?1, ?2, ?3, CAST(?4 AS INTEGER), ?5, ?6, ?7, ?8, ?9, ?10)",
			       -1, &q, NULL) != SQLITE_OK) {
		*why = strdup(sqlite3_errmsg(tx->db));
		return -1;
	}
	for (int i = 0; i < UF_COUNT_; i++)
		sqlite3_bind_text(q, i + 1, field(r, (enum user_field)i), -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc != SQLITE_DONE && sqlite3_extended_errcode(tx->db) == SQLITE_CONSTRAINT_UNIQUE)
		rc = 1;
	else if (rc != SQLITE_DONE) /* the row (a constraint), or the database (full, I/O) */
		*why = strdup(sqlite3_errmsg(tx->db)), rc = (sqlite3_errcode(tx->db) == SQLITE_CONSTRAINT) ? -1 : -2;
	else
		rc = exec_id(tx->db, index_mapping_sql, sqlite3_last_insert_rowid(tx->db)) == SQLITE_OK
		     ? 0 : db_failed(tx, why);
	sqlite3_finalize(q);
	return rc;
}

/* Run a change's statement, which returns the id of the row it changed: 0 when it changed a
 * row (and the index follows), 1 when there was none to change, -1 with the reason in *why.
 * Finalises q. */
static int step_change(struct store_tx *tx, sqlite3_stmt *q, char **why)
{
	int rc = sqlite3_step(q);
	sqlite3_int64 id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(q); /* RETURNING: the change is done when the statement is */
	if (rc != SQLITE_DONE)
		*why = strdup(sqlite3_errmsg(tx->db)), rc = -1;
	else if (id == 0)
		rc = 1;
	else
		rc = reindex(tx->db, index_mapping_sql, id, id) == SQLITE_OK ? 0 : (db_failed(tx, why), -1);
	sqlite3_finalize(q);
	return rc;
}

int store_tx_edit(struct store_tx *tx, const struct user_row *key, const struct user_row *r, char **why)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *q;
	int rc;

	*why = NULL;
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
		*why = strdup(sqlite3_errmsg(tx->db));
		return -1;
	}
	for (int i = 0; i < UF_COUNT_; i++)
		if (r->f[i])
			sqlite3_bind_text(q, i + 1, r->f[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 11, field(key, UF_team), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 12, field(key, UF_product), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 13, field(key, UF_error_code), -1, SQLITE_STATIC);
	return step_change(tx, q, why);
}

int store_tx_remove(struct store_tx *tx, const struct user_row *key, char **why)
{
	sqlite3_stmt *q;
	*why = NULL;
	if (sqlite3_prepare_v2(tx->db, "DELETE FROM user_mappings WHERE team = ?1 AND product = ?2"
				       " AND error_code = ?3 RETURNING id", -1, &q, NULL) != SQLITE_OK) {
		*why = strdup(sqlite3_errmsg(tx->db));
		return -1;
	}
	sqlite3_bind_text(q, 1, field(key, UF_team), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, field(key, UF_product), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, field(key, UF_error_code), -1, SQLITE_STATIC);
	return step_change(tx, q, why);
}

int store_tx_commit(struct store_tx *tx, char **err)
{
	int rc = sqlite3_exec(tx->db, "COMMIT", NULL, NULL, NULL);
	*err = rc == SQLITE_OK ? NULL : strdup(sqlite3_errmsg(tx->db));
	if (rc != SQLITE_OK)
		sqlite3_exec(tx->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(tx->db);
	free(tx);
	return rc == SQLITE_OK ? 0 : -1;
}

void store_tx_rollback(struct store_tx *tx)
{
	sqlite3_exec(tx->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(tx->db);
	free(tx);
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
		set_error(st, "cannot read your database");
		return -1;
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct user_row *r = list_push((void **)rows, n, &cap, sizeof **rows);
		for (int i = 0; i < UF_COUNT_; i++)
			r->f[i] = col_dup(q, i);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		set_error(st, "cannot read your database");
		return -1;
	}
	return 0;
}

int store_json_members(struct store *st, const char *text,
		       int (*fn)(void *ctx, int index, const char *key, const char *type,
				 const char *value),
		       void *ctx)
{
	sqlite3_stmt *q;
	int type_ok = 0, rc;

	if (sqlite3_prepare_v2(st->db, "SELECT json_valid(?1) AND json_type(?1) = 'array'", -1, &q,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
		type_ok = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
	}
	sqlite3_finalize(q);
	if (!type_ok) {
		free(st->error);
		st->error = strdup("not a JSON array of objects");
		return -1;
	}
	/* json_each only over objects: on any other element (a string that is not JSON itself, say)
	 * it would fail, and end the walk. */
	if (sqlite3_prepare_v2(st->db,
			       "SELECT e.key, m.key, coalesce(m.type, e.type), coalesce(m.atom, m.value)"
			       " FROM json_each(?1) e"
			       " LEFT JOIN json_each(CASE e.type WHEN 'object' THEN e.value END) m"
			       " ORDER BY e.key, m.id", -1, &q, NULL) != SQLITE_OK) {
		set_error(st, "cannot read JSON");
		return -1;
	}
	sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (fn(ctx, sqlite3_column_int(q, 0), (const char *)sqlite3_column_text(q, 1),
		       (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3)))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) { /* part of the file was never seen: all of it is bad */
		set_error(st, "cannot read JSON");
		sqlite3_finalize(q);
		return -1;
	}
	sqlite3_finalize(q);
	return 0;
}

/* ---- bookmarks and notes ------------------------------------------------------------------- */

int store_bookmarked(struct store *st, int code)
{
	sqlite3_stmt *q;
	int yes = 0;
	if (!st->has_user ||
	    sqlite3_prepare_v2(st->db, "SELECT 1 FROM user.bookmarks WHERE code = ?1", -1, &q, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int(q, 1, code);
	yes = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	return yes;
}

char *store_note(struct store *st, int code)
{
	sqlite3_stmt *q;
	char *note = NULL;
	if (!st->has_user ||
	    sqlite3_prepare_v2(st->db, "SELECT note FROM user.notes WHERE code = ?1", -1, &q, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int(q, 1, code);
	if (sqlite3_step(q) == SQLITE_ROW)
		note = col_dup(q, 0);
	sqlite3_finalize(q);
	return note;
}

int store_tx_bookmark(struct store_tx *tx, int code, int on, char **why)
{
	sqlite3_stmt *q;
	int rc;
	*why = NULL;
	if (sqlite3_prepare_v2(tx->db, on ? "INSERT OR IGNORE INTO bookmarks (code) VALUES (?1)"
					  : "DELETE FROM bookmarks WHERE code = ?1", -1, &q, NULL) != SQLITE_OK) {
		*why = strdup(sqlite3_errmsg(tx->db));
		return -1;
	}
	sqlite3_bind_int(q, 1, code);
	rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	if (rc)
		*why = strdup(sqlite3_errmsg(tx->db));
	sqlite3_finalize(q);
	return rc;
}

int store_tx_note(struct store_tx *tx, int code, const char *note, char **why)
{
	sqlite3_stmt *q;
	int rc;
	*why = NULL;
	if (sqlite3_prepare_v2(tx->db, note && *note
				? "INSERT INTO notes (code, note) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE"
				  " SET note = excluded.note, updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
				: "DELETE FROM notes WHERE code = ?1", -1, &q, NULL) != SQLITE_OK) {
		*why = strdup(sqlite3_errmsg(tx->db));
		return -1;
	}
	sqlite3_bind_int(q, 1, code);
	if (note && *note)
		sqlite3_bind_text(q, 2, note, -1, SQLITE_STATIC);
	rc = sqlite3_step(q) == SQLITE_DONE &&
	     reindex(tx->db, index_note_sql, code, 1000000000LL + code) == SQLITE_OK ? 0 : -1;
	if (rc)
		*why = strdup(sqlite3_errmsg(tx->db));
	sqlite3_finalize(q);
	return rc;
}

static void mark_read(sqlite3_stmt *q, struct hc_mark *r)
{
	r->code = sqlite3_column_int(q, 0);
	r->bookmarked = sqlite3_column_int(q, 1);
	r->note = col_dup(q, 2);
}

static void mark_release(struct hc_mark *r)
{
	free(r->note);
	memset(r, 0, sizeof *r);
}

LIST_RELEASE(mark, hc_mark_list)

int store_marks(struct store *st, hc_mark_list *out)
{
	sqlite3_stmt *q;
	if (!st->has_user)
		return 0;
	q = prepare(st, "code, max(bookmarked), max(note)",
		    "FROM (SELECT code, 1 AS bookmarked, '' AS note FROM user.bookmarks"
		    "      UNION ALL SELECT code, 0, note FROM user.notes)"
		    " GROUP BY code ORDER BY code");
	if (!q)
		return -1;
	FILL_LIST(st, q, out, mark_read);
}

int store_bookmarks(struct store *st, int **codes, size_t *n)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	*codes = NULL;
	*n = 0;
	if (!st->has_user ||
	    sqlite3_prepare_v2(st->db, "SELECT code FROM user.bookmarks ORDER BY code", -1, &q, NULL) != SQLITE_OK)
		return 0;
	while (sqlite3_step(q) == SQLITE_ROW)
		*(int *)list_push((void **)codes, n, &cap, sizeof **codes) = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return 0;
}
