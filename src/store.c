#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "index.h"
#include "text.h"


/* The database built from db/ by mkdb, linked in by dbimage.S. */
extern const unsigned char httpcodes_db[];
extern const unsigned int httpcodes_db_size;

/* The schema version this program reads (db/schema.sql sets it). */
#define SCHEMA_VERSION 2
/* How long a writer waits for another httpcodes process before giving up: long enough that two
 * importers or a burst of adds take turns (SQLite's lock is not fair), short enough to report. */
#define BUSY_MS 30000

struct store {
	sqlite3 *db;
	char *error;
	int last_code;          /* SQLite's code for the last failure, when there was one */
	int has_user;
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

/* Marks a database as ours ("HTCP"), so a foreign file is never taken for one. */
#define APPLICATION_ID 0x48544350

/* The user's schema, one step per version: step k takes a database from version k to k+1.
 * Never edit a step that has shipped; add one. They run on the file's own connection. */
static const char *const user_migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE user_mappings ("
	"  id             INTEGER PRIMARY KEY,"
	"  team           TEXT NOT NULL DEFAULT '' CHECK (length(team) <= 200),"
	"  product        TEXT NOT NULL DEFAULT '' CHECK (length(product) <= 200),"
	"  error_code     TEXT NOT NULL CHECK (error_code <> '' AND length(error_code) <= 200),"
	"  http_status    INTEGER NOT NULL CHECK (http_status BETWEEN 100 AND 599),"
	"  message_en     TEXT NOT NULL DEFAULT '',"
	"  message_zh     TEXT NOT NULL DEFAULT '',"
	"  description_en TEXT NOT NULL DEFAULT '',"
	"  description_zh TEXT NOT NULL DEFAULT '',"
	"  advice_en      TEXT NOT NULL DEFAULT '',"
	"  advice_zh      TEXT NOT NULL DEFAULT '',"
	"  created        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	"  updated        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	"  UNIQUE (team, product, error_code),"
	"  CHECK (message_en <> '' OR message_zh <> '')"
	") STRICT;"
	"CREATE TABLE bookmarks (code INTEGER PRIMARY KEY CHECK (code BETWEEN 0 AND 999),"
	"  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) STRICT;"
	"CREATE TABLE notes (code INTEGER PRIMARY KEY CHECK (code BETWEEN 0 AND 999),"
	"  note TEXT NOT NULL CHECK (note <> ''),"
	"  updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) STRICT;"
	"%INDEX%"
	"CREATE TRIGGER user_mappings_ai AFTER INSERT ON user_mappings BEGIN"
	"  INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                          kind, code, source, product)"
	"  VALUES (new.id, new.error_code, new.message_en, new.message_zh, new.team || ' ' || new.product,"
	"          new.description_en, new.description_zh, new.advice_en || ' ' || new.advice_zh,"
	"          3, new.http_status, new.team, new.product);"
	"END;"
	"CREATE TRIGGER user_mappings_ad AFTER DELETE ON user_mappings BEGIN"
	"  DELETE FROM search_fts WHERE rowid = old.id;"
	"END;"
	"CREATE TRIGGER user_mappings_au AFTER UPDATE ON user_mappings BEGIN"
	"  DELETE FROM search_fts WHERE rowid = old.id;"
	"  INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                          kind, code, source, product)"
	"  VALUES (new.id, new.error_code, new.message_en, new.message_zh, new.team || ' ' || new.product,"
	"          new.description_en, new.description_zh, new.advice_en || ' ' || new.advice_zh,"
	"          3, new.http_status, new.team, new.product);"
	"END;",
	/* 1 -> 2: personal notes are searchable too (rowid 1e9 + code, kind 4). */
	"CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN"
	"  INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                          kind, code, source, product)"
	"  VALUES (1000000000 + new.code, printf('%03d', new.code), new.note, new.note, '', '', '', '',"
	"          4, new.code, 'note', '');"
	"END;"
	"CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN"
	"  DELETE FROM search_fts WHERE rowid = 1000000000 + old.code;"
	"END;"
	"CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN"
	"  DELETE FROM search_fts WHERE rowid = 1000000000 + old.code;"
	"  INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                          kind, code, source, product)"
	"  VALUES (1000000000 + new.code, printf('%03d', new.code), new.note, new.note, '', '', '', '',"
	"          4, new.code, 'note', '');"
	"END;"
	"INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                        kind, code, source, product)"
	"  SELECT 1000000000 + code, printf('%03d', code), note, note, '', '', '', '', 4, code, 'note', ''"
	"  FROM notes;",
};
#define USER_SCHEMA_VERSION ((int)(sizeof user_migrations / sizeof user_migrations[0]))

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

/* Bring the user's database up to this program's schema: on a connection of its own, so that
 * BEGIN IMMEDIATE locks only that file (the built-in data is read-only), in one transaction.
 * Returns 0, or -1 with the reason in st->error. */
static int migrate_user(struct store *st, const char *path, int create)
{
	sqlite3 *db = NULL;
	int version = 0, app = 0, tables = 0, rc;
	const char *why = NULL;

	st->last_code = 0;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL);
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(db, BUSY_MS);
	if (rc != SQLITE_OK || index_register(db) != 0 ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		why = sqlite3_errmsg(db);
		goto fail;
	}
	if (scalar_int(db, "PRAGMA user_version", &version) != SQLITE_OK ||
	    scalar_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
	    scalar_int(db, "SELECT count(*) FROM sqlite_schema", &tables) != SQLITE_OK) {
		why = sqlite3_errmsg(db); /* e.g. "file is not a database" */
		goto fail;
	}
	if (app != APPLICATION_ID && (tables > 0 || version > 0)) {
		why = "it is not an httpcodes database";
		goto fail;
	}
	if (version > USER_SCHEMA_VERSION) {
		why = "it was written by a newer httpcodes (its schema version is newer)";
		goto fail;
	}
	for (int v = version; v < USER_SCHEMA_VERSION; v++) {
		char *index = sqlite3_mprintf(index_schema, "main");
		const char *step = user_migrations[v], *at = strstr(step, "%INDEX%");
		char *sql = at ? sqlite3_mprintf("%.*s%s%s", (int)(at - step), step, index, at + 7)
			       : sqlite3_mprintf("%s", step);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		sqlite3_free(index);
		if (rc != SQLITE_OK) {
			why = sqlite3_errmsg(db);
			goto fail;
		}
	}
	if (version < USER_SCHEMA_VERSION) {
		char *sql = sqlite3_mprintf("PRAGMA user_version = %d; PRAGMA application_id = %d",
					    USER_SCHEMA_VERSION, APPLICATION_ID);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK) {
			why = sqlite3_errmsg(db);
			goto fail;
		}
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK) {
		why = sqlite3_errmsg(db);
		goto fail;
	}
	sqlite3_close(db);
	return 0;
fail:
	free(st->error);
	st->error = strdup(why ? why : "cannot open database");
	if (db)
		st->last_code = sqlite3_errcode(db);
	if (db) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	return -1;
}

int store_has_user(const struct store *st)
{
	return st->has_user;
}

int store_attach_user(struct store *st, const char *path, int create)
{
	sqlite3_stmt *q = NULL;
	char *uri;

	if (!create && access(path, F_OK) != 0)
		return 1;
	if (migrate_user(st, path, create) != 0)
		return -1;
	/* Two processes at once wait for each other instead of failing; from the ATTACH on, which
	 * reads the file's schema and can meet a writer's checkpoint. */
	sqlite3_busy_timeout(st->db, BUSY_MS);
	uri = sqlite3_mprintf("file:%s?mode=rw", path);
	if (!uri || sqlite3_prepare_v2(st->db, "ATTACH ?1 AS user", -1, &q, NULL) != SQLITE_OK) {
		sqlite3_free(uri);
		set_error(st, "cannot open database");
		return -1;
	}
	sqlite3_bind_text(q, 1, uri, -1, sqlite3_free);
	if (sqlite3_step(q) != SQLITE_DONE) {
		sqlite3_finalize(q);
		set_error(st, "cannot open database");
		return -1;
	}
	sqlite3_finalize(q);
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
	r->kind = (enum hc_kind)sqlite3_column_int(q, 0);
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
		"FROM (SELECT 1 AS o, 'tables' AS section, 'status_codes' AS name, count(*) AS count"
		"        FROM status_codes"
		"      UNION ALL SELECT 1, 'tables', 'status_aliases', count(*) FROM status_aliases"
		"      UNION ALL SELECT 1, 'tables', 'related_codes', count(*) FROM related_codes"
		"      UNION ALL SELECT 1, 'tables', 'sources', count(*) FROM sources"
		"      UNION ALL SELECT 1, 'tables', 'vendor_meanings', count(*) FROM vendor_meanings"
		"      UNION ALL SELECT 1, 'tables', 'mappings', count(*) FROM mappings"
		"      UNION ALL SELECT 2, 'mappings by source', source, count(*) FROM mappings"
		"        GROUP BY source"
		"      UNION ALL SELECT 3, 'meanings by source', source, count(*) FROM vendor_meanings"
		"        GROUP BY source)"
		" ORDER BY o, section = 'tables' DESC, count DESC, name");
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
	unsigned char h[72];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(h, 1, sizeof h, f) : 0;
	if (f)
		fclose(f);
	return n == sizeof h && memcmp(h, "SQLite format 3", 16) == 0 &&
	       ((unsigned)h[68] << 24 | (unsigned)h[69] << 16 | (unsigned)h[70] << 8 | h[71]) == APPLICATION_ID;
}

/* Move a damaged database (and its WAL) aside; the new name in *aside. */
static int set_aside(const char *path, char **aside)
{
	char stamp[32], *to, *wal, *wal_to;
	time_t now = time(NULL);
	struct tm tm;
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm) ? &tm : gmtime(&now));
	to = sqlite3_mprintf("%s.damaged-%s", path, stamp);
	wal = sqlite3_mprintf("%s-wal", path);
	wal_to = sqlite3_mprintf("%s-wal", to);
	if (!to || rename(path, to) != 0) {
		sqlite3_free(to);
		sqlite3_free(wal);
		sqlite3_free(wal_to);
		return -1;
	}
	rename(wal, wal_to); /* there may be none */
	*aside = strdup(to);
	sqlite3_free(to);
	sqlite3_free(wal);
	sqlite3_free(wal_to);
	return 0;
}

struct store_tx *store_tx_begin(const char *path, char **err, char **aside)
{
	struct store_tx *tx = calloc(1, sizeof *tx);
	struct store probe = { 0 };
	const char *max_pages = getenv("HTTPCODES_TEST_MAX_PAGES"); /* tests: a disk that fills */

	*err = NULL;
	*aside = NULL;
	if (!tx)
		return NULL;
	/* The schema first, on its own connection (creates the file when it is new). A database
	 * of ours that SQLite finds damaged is never written over: it is kept aside, and a new
	 * one started; anything not ours is refused and left alone. */
	if (migrate_user(&probe, path, 1) != 0) {
		int damaged = (probe.last_code == SQLITE_CORRUPT || probe.last_code == SQLITE_NOTADB) &&
			      ours_on_disk(path);
		if (!damaged || set_aside(path, aside) != 0 || (free(probe.error), probe.error = NULL,
								 migrate_user(&probe, path, 1)) != 0) {
			*err = probe.error ? probe.error : strdup("cannot open database");
			free(tx);
			return NULL;
		}
	}
	free(probe.error);
	if (sqlite3_open_v2(path, &tx->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    index_register(tx->db) != 0 ||
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
		rc = 0;
	sqlite3_finalize(q);
	return rc;
}

/* Run a change's statement: 0 when it changed a row, 1 when there was none to change, -1
 * with the reason in *why. Finalises q. */
static int step_change(struct store_tx *tx, sqlite3_stmt *q, char **why)
{
	int rc = sqlite3_step(q);
	if (rc != SQLITE_DONE)
		*why = strdup(sqlite3_errmsg(tx->db)), rc = -1;
	else
		rc = sqlite3_changes(tx->db) == 0 ? 1 : 0;
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
	strbuf_adds(&sql, " WHERE team = ?11 AND product = ?12 AND error_code = ?13");
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
				       " AND error_code = ?3", -1, &q, NULL) != SQLITE_OK) {
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

int store_json_export(struct store *st, char **out)
{
	sqlite3_stmt *q;
	int rc;
	*out = NULL;
	if (!st->has_user) {
		*out = strdup("[]");
		return 0;
	}
	if (sqlite3_prepare_v2(st->db,
			       "SELECT json_group_array(json_object('team', team, 'product', product,"
			       " 'error_code', error_code, 'http_status', http_status, 'message_en', message_en,"
			       " 'message_zh', message_zh, 'description_en', description_en, 'description_zh',"
			       " description_zh, 'advice_en', advice_en, 'advice_zh', advice_zh))"
			       " FROM (SELECT * FROM user.user_mappings ORDER BY team, product, error_code)",
			       -1, &q, NULL) != SQLITE_OK) {
		set_error(st, "cannot read your database");
		return -1;
	}
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = col_dup(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : -1;
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
	rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
	if (rc)
		*why = strdup(sqlite3_errmsg(tx->db));
	sqlite3_finalize(q);
	return rc;
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
