/* store_index: the full-text index. Our FTS5 tokenizer, registered on every connection, the
 * index table, built once by mkdb when the built-in database is made, and the statements that
 * keep a user's index up to date with the rows. */
#include "store_int.h"

#include "tokenize.h"

/* ---- the FTS5 tokenizer "httpcodes" ----------------------------------------------------- */

struct fts_ctx {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
};

static int fts_token(void *ctx, int flags, const char *tok, int len, int start, int end)
{
	struct fts_ctx *f = ctx;
	return f->token(f->ctx, (flags & TOK_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0, tok, len, start, end);
}

static int fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*token)(void *, int, const char *, int, int, int))
{
	struct fts_ctx f = { ctx, token };
	(void)t;
	/* Queries get no pinyin expansion: the query builder asks for pinyin explicitly. */
	return tokenize(text, len, (flags & FTS5_TOKENIZE_QUERY) ? TOK_QUERY : TOK_DOCUMENT,
			fts_token, &f);
}

static int fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	static int instance;
	(void)ctx;
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)&instance; /* stateless */
	return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(q, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(q);
	}
	sqlite3_finalize(q);
	return api;
}

/* hc_pick(rowid, PICK): the rank the caller gave this row, or NULL if it picked none such. */
static void fts_pick(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct index_pick *p = sqlite3_value_pointer(argv[1], "hc_pick");
	sqlite3_int64 rowid = sqlite3_value_int64(argv[0]);
	int lo = 0, hi = p ? p->n : 0;
	(void)argc;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (p->rows[mid].rowid < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (p && lo < p->n && p->rows[lo].rowid == rowid)
		sqlite3_result_int(ctx, p->rows[lo].rank);
}

int index_register(sqlite3 *db)
{
	static fts5_tokenizer tok = { fts_create, fts_delete, fts_tokenize };
	fts5_api *api = fts5_api_of(db);
	if (!api || api->xCreateTokenizer(api, "httpcodes", NULL, &tok, NULL) != SQLITE_OK)
		return -1;
	return sqlite3_create_function(db, "hc_pick", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
				       SQLITE_DIRECTONLY, NULL, fts_pick, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- the index ----------------------------------------------------------------------------- */

/* One row per searchable record (columns: SEARCH_COLUMNS). Registered statuses come first,
 * so rowid order is a sensible cheap order for very broad queries. For a status, product
 * holds its registry status (standard, unofficial, ...). The columns' values, in order, follow
 * SEARCH_FTS_INSERT; a NULL rowid is the next one. */
static char *index_fill_sql(void)
{
	return sqlite3_mprintf(
	SEARCH_FTS_INSERT
	"  SELECT NULL, printf('%%d', code), phrase_en, phrase_zh,"
	"    coalesce((SELECT group_concat(alias, ' ; ') FROM status_aliases a WHERE a.code = s.code), '')"
	"      || ' ; ' || keywords_en || ' ; ' || keywords_zh,"
	"    summary_en, summary_zh,"
	"    description_en || ' ' || description_zh || ' ' || causes_en || ' ' || causes_zh"
	"      || ' ' || advice_en || ' ' || advice_zh || ' ' || headers,"
	"    %d, code, '', status"
	"  FROM status_codes s ORDER BY status = 'unofficial', code;"
	SEARCH_FTS_INSERT
	"  SELECT NULL, printf('%%03d', number), name_en, name_zh,"
	"    source || ' ' || source_en || ' ' || source_zh, source_en, source_zh,"
	"    description_en || ' ' || description_zh, %d, number, source, ''"
	"  FROM meaning_view ORDER BY number, source;"
	SEARCH_FTS_INSERT
	"  SELECT NULL, error_code, message_en, message_zh,"
	"    source || ' ' || source_en || ' ' || source_zh || ' ' || product,"
	"    description_en, description_zh, advice_en || ' ' || advice_zh,"
	"    %d, http_status, source, product"
	"  FROM mapping_view ORDER BY source, product, error_code;"
	"INSERT INTO search_fts (search_fts) VALUES ('optimize');"
	/* What ranking needs of each row, in small rows of its own: reading any column of an FTS5
	 * row loads the whole row, long texts and all, and ranking reads these for hundreds. */
	"CREATE TABLE search_meta (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
	"  code INTEGER NOT NULL, ident TEXT NOT NULL, product TEXT NOT NULL) STRICT;"
	"INSERT INTO search_meta SELECT rowid, kind, code, ident, product FROM search_fts;"
	/* The index's terms that begin with a letter, for search to look words up in and find
	 * typos among: a plain table, read in a moment, where fts5vocab would walk every
	 * posting to count them. */
	"CREATE VIRTUAL TABLE temp.vocab_main USING fts5vocab('main', 'search_fts', 'row');"
	"CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID, STRICT;"
	"INSERT INTO search_terms SELECT term FROM temp.vocab_main WHERE term >= 'a' AND term < '{';"
	"DROP TABLE temp.vocab_main;",
	HC_KIND_STATUS, HC_KIND_MEANING, HC_KIND_MAPPING);
}

/* The search index follows the user's rows through these, run on the writer's connection at
 * the top level: a trigger would have to write a virtual table from the file's schema, which
 * trusted_schema=OFF forbids (and a file's own code is never run). */
char *index_mapping_sql(int bulk)
{
	return sqlite3_mprintf(
		SEARCH_FTS_INSERT
		"  SELECT id, error_code, message_en, message_zh, team || ' ' || product, description_en,"
		"         description_zh, advice_en || ' ' || advice_zh, %d, http_status, team, product"
		"  FROM user_mappings%s", HC_KIND_MAPPING, bulk ? "" : " WHERE id = ?1");
}

char *index_note_sql(void)
{
	return sqlite3_mprintf(
		SEARCH_FTS_INSERT
		"  SELECT %d + code, printf('%%03d', code), note, note, '', '', '', '', %d, code, 'note', ''"
		"  FROM notes WHERE code = ?1", NOTE_ROWID_BASE, HC_KIND_NOTE);
}

int index_build(sqlite3 *db)
{
	char *create, *fill;
	int rc;
	if (index_register(db) != 0)
		return -1;
	create = sqlite3_mprintf(SEARCH_FTS_CREATE, "main");
	fill = index_fill_sql();
	rc = create && fill && sqlite3_exec(db, create, NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_exec(db, fill, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	sqlite3_free(create);
	sqlite3_free(fill);
	return rc;
}
