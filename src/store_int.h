/* store_int: what the files of the store share (store.c, store_user.c, store_search.c,
 * store_index.c, store_schema.c), and mkdb and the test tools with them. Private: nothing
 * above the store includes it, and only the store sees SQLite. */
#ifndef HTTPCODES_STORE_INT_H
#define HTTPCODES_STORE_INT_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "err.h"
#include "query.h"
#include "store.h"

/* Statements prepared once per connection and kept (see store_stmt). */
struct stmt_slot {
	const char *sql;        /* the key: a static string, compared by address */
	sqlite3_stmt *q;
};

/* What ranking needs of each built-in row (main.search_meta, by rowid). */
struct meta_row {
	int kind, code;
	double weight;
	char *ident;
	char *source, *product;
	char *name;             /* a status's names, "name_en (lower case)\nname_zh"; "" for others */
};

/* A word that names a source, or one of its products (main.source_words). */
struct source_word {
	char *word, *source, *product;  /* product "": any of the source's */
};

/* What search reads once per store, since the built-in data never changes while we run. */
struct search_cache {
	int meta_loaded;
	struct meta_row *meta;  /* by rowid */
	sqlite3_int64 nmeta;
	int terms_loaded;       /* for typos only: other look-ups ask main.search_terms */
	char **terms;           /* the built-in index's terms that begin with a letter, sorted */
	size_t nterms;
	struct query_terms sorted;      /* the same, for query.c */
	struct query_vocab typo_vocab;  /* over sorted */
	int stops_loaded;
	struct query_stop *stop;         /* main.stop_words, read once (query_refine) */
	struct query_stops stops;
	int notes_loaded;
	struct concept_note {
		long long rowid;
		char *words;    /* words_en; words_zh */
	} *note;                /* the concepts with no status of their own, read once */
	size_t nnotes;
	int sources_loaded;
	struct source_word *source_word; /* main.source_words, read once */
	size_t nsource_words;
	int user_rows_read;             /* user_rows is known (user_too_large) */
	sqlite3_int64 user_rows;        /* the user's largest row id, for its count */
};

struct store {
	sqlite3 *db;
	struct hc_err err;      /* the last failure of a call on this store (store_err) */
	int has_user;
	int user_newer;         /* the user's file is from a newer httpcodes: read only */
	int user_v5;            /* version 5 on: a lean index (readings in search_pinyin), user_teams */
	size_t detail_max;      /* store_set_detail_max */
	struct stmt_slot *stmts;
	size_t nstmts, capstmts;
	struct search_cache search;
};

/* ---- store.c -------------------------------------------------------------------------------- */

/* The statement for sql (a static string: its address is the key) on st's connection,
 * prepared the first time and kept; NULL with the reason in st->err. Give it back with
 * store_stmt_done() as soon as it is read: a statement left stepping holds a read
 * transaction, which would keep a writer or a checkpoint waiting. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);
/* Whether the query (its one parameter arg) gives a row: 1, 0, or -1 with the reason kept. */
int store_has_row(struct store *st, const char *sql, const char *arg);
void store_stmt_done(sqlite3_stmt *q);

/* Record code, with SQLite's code for the last failure on st's connection, as st's error. */
void store_fail(struct store *st, enum hc_errc code);

/* Column i of q's row as an allocated string ("" for NULL). */
char *store_col_dup(sqlite3_stmt *q, int i);
/* Append a zeroed item of size bytes to the array *items of *n (capacity *cap). */
void *store_list_push(void **items, size_t *n, size_t *cap, size_t size);
#define LIST_PUSH(l) store_list_push((void **)&(l)->items, &(l)->n, &(l)->cap, sizeof *(l)->items)
/* Read every row of q into a new item of the list with read, and give q back
 * (store_stmt_done): 0, or -1 with the reason in st->err. */
int store_fill(struct store *st, sqlite3_stmt *q, void **items, size_t *n, size_t *cap, size_t size,
	       void (*read)(sqlite3_stmt *q, void *item));
#define STORE_FILL(st, q, l, read) \
	store_fill(st, q, (void **)&(l)->items, &(l)->n, &(l)->cap, sizeof *(l)->items, read)
/* Release every item of the list with release, then the list itself. */
void store_list_release(void **items, size_t *n, size_t *cap, size_t size, void (*release)(void *item));
#define LIST_RELEASE(l, release) \
	store_list_release((void **)&(l)->items, &(l)->n, &(l)->cap, sizeof *(l)->items, release)

/* A record's fields (the *_TEXT_FIELDS lists of store.h): as a SELECT column list after its
 * integer column; read from row q into r, counting columns in i; freed in r. */
#define SQL_COL(f) ", " #f
#define READ_COL(f) r->f = store_col_dup(q, i++);
#define FREE_COL(f) free(r->f);
/* The body of a reader of row q into the record item of that type: its integer column first,
 * then its text fields in order. */
#define RECORD_READ(type, intcol, FIELDS) \
	type *r = item; \
	int i = 1; \
	r->intcol = sqlite3_column_int(q, 0); \
	FIELDS(READ_COL)
/* The body of a release of the record item of that type: its fields freed, and it zeroed. */
#define RECORD_RELEASE(type, FIELDS) \
	type *r = item; \
	FIELDS(FREE_COL) \
	memset(r, 0, sizeof *r);

/* A connection's safety settings: no untrusted schema code, a signal stops any statement. */
void store_harden(sqlite3 *db);
/* Run sql, a one-row query of one integer, into *out: SQLITE_OK or SQLite's code. */
int store_scalar_int(sqlite3 *db, const char *sql, int *out);

/* The first 100 bytes of a database file, read without SQLite or a lock: enough to refuse a
 * file from a newer httpcodes, or somebody else's, before SQLite parses its schema. */
struct store_header {
	int sqlite;             /* it starts with SQLite's magic */
	unsigned long app;      /* application_id */
	long version;           /* user_version */
};
void store_read_header(const char *path, struct store_header *h);
/* SQLite refuses longer paths (its VFS's limit), and says only "unable to open". */
int store_path_too_long(const char *path);
/* SQLite could not parse the schema: a newer program's, or a damaged one. */
int store_schema_unreadable(sqlite3 *db);
/* Bring the user's database at path up to this program's schema (making it when create), on
 * a connection of its own; 0, or -1 with the reason in *err. */
int store_migrate_user(const char *path, int create, struct hc_err *err);

/* How long a writer waits for another httpcodes process before giving up: long enough that two
 * importers or a burst of adds take turns (SQLite's lock is not fair), short enough to report. */
#define STORE_BUSY_MS 30000

/* ---- store_search.c ------------------------------------------------------------------------- */

/* Free what search has read into st (its caches). */
void store_search_release(struct store *st);

/* ---- store_index.c: the full-text index ---------------------------------------------------- */

/* The columns of search_fts, from the most telling (the code or error code) to the least (the
 * long text); search weighs the indexed ones in that order (BM25 in store_search.c). Each with
 * what goes before it and after it in the CREATE statement: that text is part of every user's
 * file and is compared byte for byte (check_schema), so its spacing is spelled out here. */
#define SEARCH_COLUMNS(X) \
	X(ident, "  ", "") X(name_en, " ", "") X(name_zh, " ", "") X(keys, " ", "") \
	X(summary_en, " ", "") X(summary_zh, " ", "") X(body, " ", "") \
	X(kind, "  ", " UNINDEXED") X(code, " ", " UNINDEXED") X(source, " ", " UNINDEXED") \
	X(product, " ", " UNINDEXED")
#define SEARCH_CREATE_COL(name, before, after) before #name after ","
#define SEARCH_LIST_COL(name, before, after) ", " #name
/* Each column's number (SEARCH_COL_ident is 0), as FTS5's auxiliary functions take it. */
#define SEARCH_ENUM_COL(name, before, after) SEARCH_COL_##name,
enum search_col { SEARCH_COLUMNS(SEARCH_ENUM_COL) SEARCH_NCOLS };
/* CREATE VIRTUAL TABLE statement for a search_fts table; %s is the schema name. With the
 * tokenizer's arguments and the prefix indexes: a short prefix (the one or two letters being
 * typed, a pinyin marker and a letter or two) is then one term, read lazily, where without an
 * index FTS5 would merge every matching term's postings first; longer ones buy nothing
 * measurable. */
#define SEARCH_FTS_CREATE_WITH(tokenizer, prefixes) \
	"CREATE VIRTUAL TABLE %s.search_fts USING fts5(" SEARCH_COLUMNS(SEARCH_CREATE_COL) \
	"  tokenize = '" tokenizer "', prefix = '" prefixes "', detail = 'full');"
/* The built-in index: pinyin at every character (it is small, and mkdb builds it once). */
#define SEARCH_FTS_CREATE SEARCH_FTS_CREATE_WITH("httpcodes", "1 2 3")
/* A user's index (schema version 5 on): the characters alone, their readings in search_pinyin
 * once per pair of neighbours, which costs a tenth of pinyin at every character. */
#define SEARCH_FTS_CREATE_USER SEARCH_FTS_CREATE_WITH("httpcodes lean", "1 2 3")
/* A user's index of schema versions 1 to 4, as those migrations made it: never changed. */
#define SEARCH_FTS_CREATE_V1 SEARCH_FTS_CREATE_WITH("httpcodes", "1 2 3 4 5")
/* "INSERT INTO search_fts (rowid, ident, ..., product)": the values follow, in that order. */
#define SEARCH_FTS_INSERT "INSERT INTO search_fts (rowid" SEARCH_COLUMNS(SEARCH_LIST_COL) ")"

/* A user's note is in the index at this rowid plus its code (kind HC_KIND_NOTE), above every
 * rowid of a user mapping. */
#define NOTE_ROWID_BASE 1000000000

/* Rows picked by rowid, sorted by it, each with the rank the caller gave it. Bound with
 * sqlite3_bind_pointer(..., "hc_pick", ...), it lets one pass over a query's matches read only
 * the picked rows: WHERE hc_pick(rowid, ?) IS NOT NULL. */
struct index_pick_row {
	long long rowid;
	int rank;
};
struct index_pick {
	struct index_pick_row *rows;
	int n;
};

/* The characters and pairs of neighbouring characters a writer has put in a lean index, and
 * those of them search_pinyin does not have yet: a hash set, so each is looked at once. */
struct index_pairs {
	uint64_t *slots;        /* 0: an empty slot */
	size_t n, cap;
	uint64_t *fresh;        /* seen since the last flush */
	size_t nfresh, fresh_cap;
};
/* Write the readings of what was seen since the last flush into search_pinyin (the rows
 * "\x01wang guan\t网关", "\x02wg\t网关", "\x01wang\t网": a pinyin key, a tab, the
 * characters); SQLITE_OK or SQLite's code. Stale rows (of text since removed) are harmless:
 * a query made of characters no row holds matches nothing. */
int index_pairs_flush(sqlite3 *db, struct index_pairs *p);
void index_pairs_release(struct index_pairs *p);

/* Register the tokenizer (see tokenize.h) and hc_pick() on db; returns 0 or -1. A lean index
 * written on db notes its characters in pairs (NULL: a connection that only reads). */
int index_register(sqlite3 *db, struct index_pairs *pairs);
/* At build time (mkdb): create and fill main.search_fts from the data tables. */
int index_build(sqlite3 *db);
/* The SQL that puts a user's mapping (?1 = its id) or note (?1 = its code) into the index,
 * allocated with sqlite3_mprintf (free with sqlite3_free); bulk leaves out the WHERE, for
 * every mapping at once. */
char *index_mapping_sql(int bulk);
char *index_note_sql(void);

#endif
