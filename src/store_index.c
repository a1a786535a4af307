/* store_index: the full-text index. Our FTS5 tokenizer, registered on every connection, the
 * index table, built once by mkdb when the built-in database is made, and the statements that
 * keep a user's index up to date with the rows. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "pinyin.h"
#include "tokenize.h"

/* ---- the FTS5 tokenizer "httpcodes" ----------------------------------------------------- */

/* ---- a lean index's characters -------------------------------------------------------------- */

/* A character alone (second 0) or a pair of neighbours, as one non-zero number: code points are
 * below 2^21. */
static uint64_t pair_key(uint32_t first, uint32_t second)
{
	return (uint64_t)first << 21 | second;
}

static void pairs_grow(struct index_pairs *p)
{
	size_t cap = p->cap ? p->cap * 2 : 1024;
	uint64_t *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < p->cap; i++)
		if (p->slots[i]) {
			size_t s = (size_t)(p->slots[i] * 0x9E3779B97F4A7C15u >> 20) & (cap - 1);
			while (slots[s])
				s = (s + 1) & (cap - 1);
			slots[s] = p->slots[i];
		}
	free(p->slots);
	p->slots = slots;
	p->cap = cap;
}

/* Note a character or pair the index now holds; one seen before costs a probe. */
static void pairs_note(struct index_pairs *p, uint64_t key)
{
	size_t s;
	if (2 * (p->n + 1) > p->cap)
		pairs_grow(p);
	for (s = (size_t)(key * 0x9E3779B97F4A7C15u >> 20) & (p->cap - 1); p->slots[s]; s = (s + 1) & (p->cap - 1))
		if (p->slots[s] == key)
			return;
	p->slots[s] = key;
	p->n++;
	XGROW(p->fresh, p->fresh_cap, p->nfresh + 1, 256);
	p->fresh[p->nfresh++] = key;
}

void index_pairs_release(struct index_pairs *p)
{
	free(p->slots);
	free(p->fresh);
	memset(p, 0, sizeof *p);
}

/* One row of search_pinyin: marker, key, a tab, the characters. */
static int pinyin_row(sqlite3_stmt *ins, char marker, const char *key, const char *chars)
{
	char *term = sqlite3_mprintf("%c%s\t%s", marker, key, chars);
	int rc = term ? SQLITE_OK : SQLITE_NOMEM;
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(ins, 1, term, -1, sqlite3_free);
		rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(sqlite3_db_handle(ins));
		sqlite3_reset(ins);
	}
	return rc;
}

/* The rows of one character or pair: each reading (or pair of readings), and a pair's pairs of
 * initials. A character without readings (kana, Hangul) has none. */
static int pinyin_rows(sqlite3_stmt *ins, uint64_t key)
{
	uint32_t cp[2] = { (uint32_t)(key >> 21), (uint32_t)(key & 0x1FFFFF) };
	const char *r0[PINYIN_MAX_READINGS], *r1[PINYIN_MAX_READINGS];
	char chars[9], ini0[2], ini1[2], two[3] = { 0 };
	size_t n0 = pinyin_readings(cp[0], r0), n1 = cp[1] ? pinyin_readings(cp[1], r1) : 0;
	size_t len = utf8_encode(cp[0], chars);
	int rc = SQLITE_OK, k0, k1;

	/* Two readings, as the full index keeps (store them all and every rare reading matches). */
	n0 = n0 > 2 ? 2 : n0;
	n1 = n1 > 2 ? 2 : n1;
	if (cp[1])
		len += utf8_encode(cp[1], chars + len);
	chars[len] = '\0';
	if (!cp[1]) {
		for (size_t a = 0; a < n0 && rc == SQLITE_OK; a++)
			rc = pinyin_row(ins, TOK_PINYIN, r0[a], chars);
		return rc;
	}
	for (size_t a = 0; a < n0; a++)
		for (size_t b = 0; b < n1 && rc == SQLITE_OK; b++) {
			char *both = sqlite3_mprintf("%s %s", r0[a], r1[b]);
			rc = both ? pinyin_row(ins, TOK_PINYIN, both, chars) : SQLITE_NOMEM;
			sqlite3_free(both);
		}
	k0 = pinyin_initials(cp[0], ini0);
	k1 = pinyin_initials(cp[1], ini1);
	for (int a = 0; a < k0; a++)
		for (int b = 0; b < k1 && rc == SQLITE_OK; b++) {
			two[0] = ini0[a];
			two[1] = ini1[b];
			rc = pinyin_row(ins, TOK_INITIAL, two, chars);
		}
	return rc;
}

int index_pairs_flush(sqlite3 *db, struct index_pairs *p)
{
	sqlite3_stmt *ins = NULL;
	int rc;
	if (!p->nfresh)
		return SQLITE_OK;
	rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO search_pinyin (term) VALUES (?1)", -1, &ins, NULL);
	for (size_t i = 0; i < p->nfresh && rc == SQLITE_OK; i++)
		rc = pinyin_rows(ins, p->fresh[i]);
	sqlite3_finalize(ins);
	if (rc == SQLITE_OK)
		p->nfresh = 0;
	return rc;
}

/* ---- the FTS5 tokenizer "httpcodes" ----------------------------------------------------- */

/* A table's tokenizer: "httpcodes" (pinyin at every character) or "httpcodes lean", which
 * notes the characters it meets in pairs when the connection collects them (a writer's). */
struct fts_tok {
	int lean;
	struct index_pairs *pairs;
};

struct fts_ctx {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
	struct index_pairs *pairs; /* NULL: nothing to note */
	uint32_t prev;             /* the character just before, if the last token was one */
	int prev_end;
};

static int fts_token(void *ctx, int flags, const char *tok, int len, int start, int end)
{
	struct fts_ctx *f = ctx;
	if (f->pairs && !(flags & TOK_COLOCATED)) {
		uint32_t cp = 0;
		size_t n = utf8_decode(tok, (size_t)len, &cp);
		if ((int)n == len && tok_is_cjk(cp)) {
			pairs_note(f->pairs, pair_key(cp, 0));
			if (f->prev && f->prev_end == start)
				pairs_note(f->pairs, pair_key(f->prev, cp));
			f->prev = cp;
			f->prev_end = end;
		} else {
			f->prev = 0;
		}
	}
	return f->token(f->ctx, (flags & TOK_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0, tok, len, start, end);
}

static int fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*token)(void *, int, const char *, int, int, int))
{
	const struct fts_tok *tok = (const struct fts_tok *)t;
	struct fts_ctx f = { ctx, token, NULL, 0, 0 };
	enum tok_mode mode = tok->lean ? TOK_LEAN : TOK_DOCUMENT;
	/* Queries get no pinyin expansion: the query builder asks for pinyin explicitly. */
	if (flags & FTS5_TOKENIZE_QUERY)
		mode = TOK_QUERY;
	else if (flags & FTS5_TOKENIZE_DOCUMENT)
		f.pairs = tok->pairs;
	return tokenize(text, len, mode, fts_token, &f);
}

static int fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct fts_tok *tok;
	int lean = argc == 1 && strcmp(argv[0], "lean") == 0;
	if (argc > 0 && !lean)
		return SQLITE_ERROR;
	tok = sqlite3_malloc(sizeof *tok);
	if (!tok)
		return SQLITE_NOMEM;
	tok->lean = lean;
	tok->pairs = lean ? ctx : NULL;
	*out = (Fts5Tokenizer *)tok;
	return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t)
{
	sqlite3_free(t);
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

int index_register(sqlite3 *db, struct index_pairs *pairs)
{
	static fts5_tokenizer tok = { fts_create, fts_delete, fts_tokenize };
	fts5_api *api = fts5_api_of(db);
	if (!api || api->xCreateTokenizer(api, "httpcodes", pairs, &tok, NULL) != SQLITE_OK)
		return -1;
	return sqlite3_create_function(db, "hc_pick", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
				       SQLITE_DIRECTONLY, NULL, fts_pick, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- the index ----------------------------------------------------------------------------- */

/* The other names of the source of row r (source_aliases) and of its product, for its keys. */
#define SOURCE_ALIASES(r, product) \
	"coalesce((SELECT group_concat(alias, ' ') FROM source_aliases a WHERE a.source = " r ".source" \
	"  AND a.product IN ('', " product ")), '')"

/* One row per searchable record (columns: SEARCH_COLUMNS). A status's keys hold its older
 * names, its keywords and the words of the concepts that lead to it (table concepts); a
 * vendor's row, its source's other names. Registered statuses come first, so rowid order is a
 * sensible cheap order for very broad queries. For a status, product holds its registry status
 * (standard, unofficial, ...). The columns' values, in order, follow
 * SEARCH_FTS_INSERT; a NULL rowid is the next one. */
static char *index_fill_sql(void)
{
	return sqlite3_mprintf(
	SEARCH_FTS_INSERT
	"  SELECT NULL, printf('%%d', code), phrase_en, phrase_zh,"
	"    coalesce((SELECT group_concat(alias, ' ; ') FROM status_aliases a WHERE a.code = s.code), '')"
	"      || ' ; ' || keywords_en || ' ; ' || keywords_zh || ' ; '"
	"      || coalesce((SELECT group_concat(c.words_en || ' ; ' || c.words_zh, ' ; ') FROM concepts c"
	"                   WHERE instr(' ' || c.codes || ' ', ' ' || s.code || ' ') = 1), ''),"
	"    summary_en, summary_zh,"
	"    description_en || ' ' || description_zh || ' ' || causes_en || ' ' || causes_zh"
	"      || ' ' || advice_en || ' ' || advice_zh || ' ' || headers || ' ; '"
	"      || coalesce((SELECT group_concat(c.words_en || ' ; ' || c.words_zh, ' ; ') FROM concepts c"
	"                   WHERE instr(' ' || c.codes || ' ', ' ' || s.code || ' ') > 1), '') || ' ; '"
	"      || coalesce((SELECT group_concat(k.constant, ' ') FROM constants k WHERE k.code = s.code), ''),"
	"    %d, code, '', status"
	"  FROM status_codes s ORDER BY status = 'unofficial', code;"
	SEARCH_FTS_INSERT
	"  SELECT NULL, printf('%%03d', number), name_en, name_zh,"
	"    source || ' ' || source_en || ' ' || source_zh || ' ' || " SOURCE_ALIASES("v", "''") ", source_en, source_zh,"
	"    description_en || ' ' || description_zh, %d, number, source, ''"
	"  FROM meaning_view v ORDER BY number, source;"
	SEARCH_FTS_INSERT
	"  SELECT NULL, error_code, message_en, message_zh,"
	"    source || ' ' || source_en || ' ' || source_zh || ' ' || " SOURCE_ALIASES("m", "m.product") " || ' ' || product,"
	"    description_en, description_zh, advice_en || ' ' || advice_zh,"
	"    %d, coalesce(http_status, 0), source, product"
	"  FROM mapping_view m ORDER BY source, product, error_code;"
	SEARCH_FTS_INSERT
	"  SELECT NULL, name, name, name, spec || ' ; ' || example, summary_en, summary_zh,"
	"    description_en || ' ' || description_zh, %d, 0, '', ''"
	"  FROM headers ORDER BY name;"
	"INSERT INTO search_fts (search_fts) VALUES ('optimize');"
	/* What ranking needs of each row, in small rows of its own: reading any column of an FTS5
	 * row loads the whole row, long texts and all, and ranking reads these for hundreds. */
	"CREATE TABLE search_meta (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
	"  code INTEGER NOT NULL, ident TEXT NOT NULL, source TEXT NOT NULL, product TEXT NOT NULL,"
	"  name TEXT NOT NULL) STRICT;"
	"INSERT INTO search_meta SELECT rowid, kind, code, ident, source, product,"
	"  CASE kind WHEN %d THEN lower(name_en) || char(10) || name_zh ELSE '' END FROM search_fts;"
	/* The index's terms that begin with a letter, for search to look words up in and find
	 * typos among: a plain table, read in a moment, where fts5vocab would walk every
	 * posting to count them. */
	"CREATE VIRTUAL TABLE temp.vocab_main USING fts5vocab('main', 'search_fts', 'row');"
	"CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID, STRICT;"
	"INSERT INTO search_terms SELECT term FROM temp.vocab_main WHERE term >= 'a' AND term < '{';"
	"DROP TABLE temp.vocab_main;",
	HC_KIND_STATUS, HC_KIND_MEANING, HC_KIND_MAPPING, HC_KIND_HEADER, HC_KIND_STATUS);
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
	if (index_register(db, NULL) != 0)
		return -1;
	create = sqlite3_mprintf(SEARCH_FTS_CREATE, "main");
	fill = index_fill_sql();
	rc = create && fill && sqlite3_exec(db, create, NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_exec(db, fill, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	sqlite3_free(create);
	sqlite3_free(fill);
	return rc;
}
