/* store_search: searches run on the index. The query module (query.c) makes the FTS5
 * expression; this file reads what it needs of the built-in vocabulary, finds and ranks the
 * matches in the built-in index and a user's, and reads the hits. */
#include "search.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>
#include <time.h>

#include "query.h"
#include "store_int.h"

/* Above this many matches, order cheaply by rowid rather than scoring every match with bm25.
 * The built-in index is small enough to score in full; a user's may have 100,000 rows. */
#define BROAD_LIMIT_MAIN 400
#define BROAD_LIMIT_USER 250
/* The relaxed pass ranks this many matches at most: its OR of a question's words matches
 * much of the data, and rowid order (100, 101, 102 ...) would answer nothing. The built-in
 * index (some 800 rows) is smaller than its limit, so all of it is ranked; a user's index up
 * to RELAX_USER_MAX rows is ranked on its first matches. */
#define RELAX_LIMIT 2000
/* Below this many, also try typos and one-syllable pinyin, then rows with only some words. */
#define FEW_RESULTS 3

/* ---- hits ------------------------------------------------------------------------------------ */

/* A row of kind, code, score and HIT_TEXT_FIELDS. */
static void hit_read(sqlite3_stmt *q, void *item)
{
	struct hc_hit *r = item;
	int i = 3;
	int kind = sqlite3_column_int(q, 0);
	/* A crafted user file may say anything: an unknown kind is shown as a business error. */
	r->kind = kind >= HC_KIND_STATUS && kind <= HC_KIND_HEADER ? (enum hc_kind)kind : HC_KIND_MAPPING;
	r->code = sqlite3_column_int(q, 1);
	r->score = sqlite3_column_double(q, 2);
	HIT_TEXT_FIELDS(READ_COL)
}

static void hit_release(void *item)
{
	RECORD_RELEASE(struct hc_hit, HIT_TEXT_FIELDS)
}

void hc_hit_release(struct hc_hit *h)
{
	hit_release(h);
}

void hc_hit_list_release(hc_hit_list *l)
{
	LIST_RELEASE(l, hit_release);
}

void hc_hit_list_move(hc_hit_list *to, hc_hit_list *from)
{
	for (size_t i = 0; i < from->n; i++)
		*(struct hc_hit *)LIST_PUSH(to) = from->items[i];
	free(from->items);
	memset(from, 0, sizeof *from);
}

const char *hc_kind_name(enum hc_kind kind)
{
	switch (kind) {
#define X(id, number, json, label) case id: return json;
	HC_KINDS(X)
#undef X
	}
	return "mapping";
}

/* ---- what search reads once --------------------------------------------------------------- */

/* The terms of a table keyed by them, from the first that prefix begins on, through a kept
 * statement: a word costs one look-up of microseconds, and a search process reads no more of
 * the table than its words need. */
static void kept_terms_with(struct store *st, const char *sql, const char *prefix, size_t len,
			    query_term_fn each, void *arg)
{
	sqlite3_stmt *q = store_stmt(st, sql);
	if (!q)
		return;
	sqlite3_bind_text(q, 1, prefix, (int)len, SQLITE_STATIC);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);
		size_t tl = (size_t)sqlite3_column_bytes(q, 0);
		if (!t || tl < len || memcmp(t, prefix, len) != 0 || each(arg, t, tl))
			break;
	}
	store_stmt_done(q);
}

/* The built-in index's terms that begin with a letter (main.search_terms, made by mkdb). */
static void table_terms_with(void *ctx, const char *prefix, size_t len, query_term_fn each, void *arg)
{
	kept_terms_with(ctx, "SELECT term FROM main.search_terms WHERE term >= ?1 ORDER BY term",
			prefix, len, each, arg);
}

/* A lean user index's readings (user.search_pinyin: see query_find_hanzi). */
static void user_pinyin_with(void *ctx, const char *prefix, size_t len, query_term_fn each, void *arg)
{
	kept_terms_with(ctx, "SELECT term FROM user.search_pinyin WHERE term >= ?1 ORDER BY term",
			prefix, len, each, arg);
}

/* The same terms, all of them read into memory once per store, the first time a word wants
 * typo candidates: finding those scans some fifty ranges of the terms per word. */
static const struct query_vocab *typo_vocab(struct store *st)
{
	struct search_cache *c = &st->search;
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	if (c->terms_loaded)
		return &c->typo_vocab;
	c->terms_loaded = 1;
	c->typo_vocab.terms_with = query_terms_with;
	c->typo_vocab.ctx = &c->sorted;
	/* Read once, so not kept. */
	if (sqlite3_prepare_v2(st->db, "SELECT term FROM main.search_terms ORDER BY term", -1, &q, NULL) != SQLITE_OK)
		return &c->typo_vocab;
	while (sqlite3_step(q) == SQLITE_ROW) {
		XGROW(c->terms, cap, c->nterms + 1, 4096);
		c->terms[c->nterms++] = xstrdup((const char *)sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);
	c->sorted.terms = (const char *const *)c->terms;
	c->sorted.n = c->nterms;
	return &c->typo_vocab;
}

/* The words that need not match (main.stop_words), read once per store: a few hundred bytes. */
static const struct query_stops *stop_words(struct store *st)
{
	struct search_cache *c = &st->search;
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	if (c->stops_loaded)
		return &c->stops;
	c->stops_loaded = 1;
	/* Read once, so not kept. */
	if (sqlite3_prepare_v2(st->db, "SELECT word, final FROM main.stop_words", -1, &q, NULL) != SQLITE_OK)
		return &c->stops;
	while (sqlite3_step(q) == SQLITE_ROW) {
		XGROW(c->stop, cap, c->stops.n + 1, 256);
		c->stop[c->stops.n].word = xstrdup((const char *)sqlite3_column_text(q, 0));
		c->stop[c->stops.n++].final = sqlite3_column_int(q, 1);
	}
	sqlite3_finalize(q);
	c->stops.stops = c->stop;
	return &c->stops;
}

/* The words that name a source or a product (main.source_words), read once per store. */
static void source_words(struct store *st)
{
	struct search_cache *c = &st->search;
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	if (c->sources_loaded)
		return;
	c->sources_loaded = 1;
	/* Read once, so not kept. */
	if (sqlite3_prepare_v2(st->db, "SELECT word, source, product FROM main.source_words", -1, &q, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct source_word *w;
		XGROW(c->source_word, cap, c->nsource_words + 1, 64);
		w = &c->source_word[c->nsource_words++];
		w->word = store_col_dup(q, 0);
		w->source = store_col_dup(q, 1);
		w->product = store_col_dup(q, 2);
	}
	sqlite3_finalize(q);
}

/* The things with no status of their own (concepts with an about text), read once per store. */
static void concept_notes(struct store *st)
{
	struct search_cache *c = &st->search;
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	if (c->notes_loaded)
		return;
	c->notes_loaded = 1;
	/* Read once, so not kept. */
	if (sqlite3_prepare_v2(st->db, "SELECT rowid, words_en || ';' || words_zh FROM main.concepts"
			       " WHERE about_en <> '' ORDER BY rowid", -1, &q, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(q) == SQLITE_ROW) {
		XGROW(c->note, cap, c->nnotes + 1, 16);
		c->note[c->nnotes].rowid = sqlite3_column_int64(q, 0);
		c->note[c->nnotes++].words = store_col_dup(q, 1);
	}
	sqlite3_finalize(q);
}

/* The first such thing the query names ("net::ERR_CONNECTION_RESET"), or 0. */
static long long named_concept(struct store *st, const char *query)
{
	concept_notes(st);
	for (size_t i = 0; i < st->search.nnotes; i++)
		if (query_mentions(query, st->search.note[i].words))
			return st->search.note[i].rowid;
	return 0;
}

/* Weights of ident, name_en, name_zh, keys, summary_en, summary_zh, body: the indexed
 * columns, in their order in SEARCH_COLUMNS, which the check holds this list to. */
#define BM25 "bm25(search_fts, 12.0, 6.0, 6.0, 4.0, 2.0, 2.0, 1.0)"
_Static_assert(SEARCH_COL_ident == 0 && SEARCH_COL_name_en == 1 && SEARCH_COL_name_zh == 2 &&
	       SEARCH_COL_keys == 3 && SEARCH_COL_summary_en == 4 && SEARCH_COL_summary_zh == 5 &&
	       SEARCH_COL_body == 6 && SEARCH_COL_kind == 7, "BM25 weighs the indexed columns in order");

/* What a hit reads of search_fts, field by field in the order of HIT_TEXT_FIELDS (store.h): a
 * column as it is (COL); the product (PRODUCT), which for a status holds its registry status
 * and is no product to show; a column with its matches marked (MARKED), with the column's
 * number, which SQL wants written out. The SELECTs of fetch and run_pattern are made from it,
 * and the checks below tie it to HIT_TEXT_FIELDS and to SEARCH_COLUMNS (store_int.h). */
#define HIT_COLUMNS(COL, PRODUCT, MARKED) \
	COL(source) PRODUCT(product) COL(ident) COL(name_en) COL(name_zh) COL(summary_en) \
	COL(summary_zh) MARKED(ident, 0) MARKED(name_en, 1) MARKED(name_zh, 2) \
	MARKED(summary_en, 4) MARKED(summary_zh, 5)
#define HIT_SQL_COL(f) ", " #f
#define HIT_SQL_PRODUCT(f) ", CASE kind WHEN ?3 THEN '' ELSE " #f " END"
#define HIT_SQL_MARKED(col, n) \
	", highlight(search_fts, " #n ", '" TEXT_MATCH_ON_STR "', '" TEXT_MATCH_OFF_STR "')"
#define HIT_SQL_UNMARKED(col, n) ", " #col

/* A field missing, one too many, or out of order, and the build fails. */
#define HIT_FIELD_POS(f) HIT_FIELD_##f,
enum { HIT_TEXT_FIELDS(HIT_FIELD_POS) HIT_NFIELDS };
#define HIT_COL_POS(f) HIT_COL_##f,
#define HIT_MARKED_POS(col, n) HIT_COL_mark_##col,
enum { HIT_COLUMNS(HIT_COL_POS, HIT_COL_POS, HIT_MARKED_POS) HIT_NCOLS };
#define HIT_CHECK(f) _Static_assert((int)HIT_COL_##f == (int)HIT_FIELD_##f, "HIT_COLUMNS follows HIT_TEXT_FIELDS");
#define HIT_CHECK_MARKED(col, n) HIT_CHECK(mark_##col) \
	_Static_assert(SEARCH_COL_##col == (n), "a marked column's number is its place in SEARCH_COLUMNS");
HIT_COLUMNS(HIT_CHECK, HIT_CHECK, HIT_CHECK_MARKED)
_Static_assert((int)HIT_NCOLS == (int)HIT_NFIELDS, "HIT_COLUMNS reads every field of HIT_TEXT_FIELDS");

/* A registered status is what most searches are after; then unofficial numbers and what a
 * sender means by one; then business errors (and a user's rows and notes), last those whose
 * vendor documents no status (code 0): they answer "which status" least. */
static double kind_weight(int kind, int unofficial, int code)
{
	if (kind == HC_KIND_MAPPING && code == 0)
		return 0.6;
	return kind == HC_KIND_STATUS ? (unofficial ? 1.4 : 2.0) : kind == HC_KIND_MEANING ? 1.25 : 1.0;
}

/* HTTPCODES_TRACE=1 prints each FTS5 expression and its time to stderr. */
static int tracing(void)
{
	static int on = -1;
	if (on < 0)
		on = getenv("HTTPCODES_TRACE") != NULL;
	return on;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The identifiers that rank first, in the order typed: the one word of the query ("404",
 * "AccessDenied"), or the status codes among its words ("503 vs 504"); and the sources (or
 * products) the query names ("腾讯云 鉴权失败", "oss NoSuchKey"), whose rows rank higher. */
#define NAMED_MAX 4
struct exact {
	const char *ident[QUERY_MAX_WORDS];
	int n;
	const struct source_word *named[NAMED_MAX];
	int nnamed;
	char whole[256];        /* the words as typed, lower case, one blank between: a status's
				 * name typed whole ("网关错误", "bad gateway") ranks first */
};

/* The words, lower case, one blank between them, into out (cap bytes; cut if longer). */
static void join_words(const struct query_word *words, int n, char *out, size_t cap)
{
	size_t at = 0;
	out[0] = '\0';
	for (int i = 0; i < n && at + 1 < cap; i++) {
		int w = snprintf(out + at, cap - at, "%s%s", i ? " " : "", words[i].lower);
		at = w < 0 || (size_t)w >= cap - at ? cap - 1 : at + (size_t)w;
	}
}

/* Is the query a status's name, in either language? */
static int is_name(const struct exact *x, const char *name)
{
	const char *nl = strchr(name, '\n');
	size_t n = strlen(x->whole);
	return n && nl && (((size_t)(nl - name) == n && memcmp(name, x->whole, n) == 0) || strcmp(nl + 1, x->whole) == 0);
}

/* A source's row scores this many times its bm25 when the query names its source. */
#define NAMED_BOOST 3.0

/* Does the query word name the source: the same word, or, among Chinese, inside it ("阿里云返回"). */
static int names_source(const struct query_word *w, const char *name)
{
	size_t n = strlen(name);
	if (n == w->len)
		return memcmp(w->lower, name, n) == 0;
	return n < w->len && (unsigned char)name[0] >= 0x80 && strstr(w->lower, name) != NULL;
}

static void find_named(struct store *st, const struct query_word *words, int n, struct exact *x)
{
	const struct search_cache *c = &st->search;
	source_words(st);
	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < c->nsource_words && x->nnamed < NAMED_MAX; k++)
			if (names_source(&words[i], c->source_word[k].word))
				x->named[x->nnamed++] = &c->source_word[k];
}

/* Is a row of source and product one the query names? */
static int is_named(const struct exact *x, const char *source, const char *product)
{
	for (int i = 0; source && *source && i < x->nnamed; i++)
		if (strcmp(x->named[i]->source, source) == 0 &&
		    (!*x->named[i]->product || strcasecmp(x->named[i]->product, product ? product : "") == 0))
			return 1;
	return 0;
}

/* The first of them ident is ranks highest (n), the last 1; 0: none of them. any_case: the
 * case of the letters does not matter. */
static int exact_rank(const struct exact *x, const char *ident, int any_case)
{
	for (int i = 0; ident && i < x->n; i++)
		if ((any_case ? strcasecmp : strcmp)(ident, x->ident[i]) == 0)
			return x->n - i;
	return 0;
}

/* A match before it is fetched: enough to rank it. */
struct cand {
	sqlite3_int64 rowid;
	double score, weight;
	int exact, named, kind, code;
};

static int cmp_exact_then_rowid(const void *pa, const void *pb);

static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->exact != b->exact)
		return b->exact - a->exact;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	if (a->code != b->code)
		return a->code - b->code;
	return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

static int cmp_exact_then_rowid(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->exact != b->exact)
		return b->exact - a->exact;
	if (a->named != b->named)
		return b->named - a->named;
	return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

static int cmp_pick(const void *pa, const void *pb)
{
	const struct index_pick_row *a = pa, *b = pb;
	return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

/* ---- running ------------------------------------------------------------------------------ */

/* The statements of one index (built-in "main", or "user"), kept once prepared. The candidates
 * of the built-in index are ranked from search_meta; a user's carry what ranks them. */
struct index_sql {
	const char *candidates, *score, *fetch, *rowids;
	int builtin, broad_limit;
};
#define INDEX_SQL(schema, cand_cols) \
	"SELECT rowid" cand_cols " FROM " schema ".search_fts WHERE search_fts MATCH ?1 LIMIT ?3", \
	"SELECT -" BM25 " FROM " schema ".search_fts WHERE search_fts MATCH ?1", \
	"SELECT kind, code, hc_pick(rowid, ?2)" HIT_COLUMNS(HIT_SQL_COL, HIT_SQL_PRODUCT, HIT_SQL_MARKED) \
	" FROM " schema ".search_fts WHERE search_fts MATCH ?1 AND hc_pick(rowid, ?2) IS NOT NULL", \
	"SELECT rowid FROM " schema ".search_fts WHERE search_fts MATCH ?1 LIMIT ?2"
static const struct index_sql main_sql = { INDEX_SQL("main", ""), 1, BROAD_LIMIT_MAIN };
static const struct index_sql user_sql = { INDEX_SQL("user", ", ident = ?2, kind, code"), 0, BROAD_LIMIT_USER };

/* The built-in rows' ranking data, read once per store. */
static void meta_load(struct store *st)
{
	struct search_cache *c = &st->search;
	sqlite3_stmt *q = NULL;
	sqlite3_int64 n = 0;
	if (c->meta_loaded)
		return;
	c->meta_loaded = 1;
	/* Read once, so not kept. */
	if (sqlite3_prepare_v2(st->db, "SELECT max(id) FROM main.search_meta", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0) + 1;
	sqlite3_finalize(q);
	if (n <= 0 || n > 10000000 || !(c->meta = calloc((size_t)n, sizeof *c->meta)))
		return;
	c->nmeta = n;
	if (sqlite3_prepare_v2(st->db, "SELECT id, kind, code, ident, product = 'unofficial', source, product, name"
			       " FROM main.search_meta",
			       -1, &q, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct meta_row *r = &c->meta[sqlite3_column_int64(q, 0)];
		r->kind = sqlite3_column_int(q, 1);
		r->code = sqlite3_column_int(q, 2);
		r->ident = strdup((const char *)sqlite3_column_text(q, 3));
		r->weight = kind_weight(r->kind, sqlite3_column_int(q, 4), r->code);
		r->source = store_col_dup(q, 5);
		r->product = store_col_dup(q, 6);
		r->name = store_col_dup(q, 7);
	}
	sqlite3_finalize(q);
}

void store_search_release(struct store *st)
{
	struct search_cache *c = &st->search;
	for (sqlite3_int64 i = 0; i < c->nmeta; i++) {
		free(c->meta[i].ident);
		free(c->meta[i].source);
		free(c->meta[i].product);
		free(c->meta[i].name);
	}
	free(c->meta);
	for (size_t i = 0; i < c->nsource_words; i++) {
		free(c->source_word[i].word);
		free(c->source_word[i].source);
		free(c->source_word[i].product);
	}
	free(c->source_word);
	for (size_t i = 0; i < c->nnotes; i++)
		free(c->note[i].words);
	free(c->note);
	for (size_t i = 0; i < c->nterms; i++)
		free(c->terms[i]);
	free(c->terms);
	for (size_t i = 0; i < c->stops.n; i++)
		free((char *)c->stop[i].word);
	free(c->stop);
	memset(c, 0, sizeof *c);
}

/* The matches, up to the broad limit, with what ranks them: for the built-in index from the
 * meta table, for a user's from the index row itself. Returns the count, or -1. */
static int candidates(struct store *st, const struct index_sql *ix, const char *expr,
		      const struct exact *exact, int cap, struct cand *c)
{
	sqlite3_stmt *q = store_stmt(st, ix->candidates);
	int n = 0, rc;
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
	if (!ix->builtin)
		sqlite3_bind_text(q, 2, exact->n ? exact->ident[0] : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, cap + 1);
	if (ix->builtin)
		meta_load(st);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && n <= cap) {
		struct cand *k = &c[n++];
		k->rowid = sqlite3_column_int64(q, 0);
		if (!ix->builtin) {
			k->exact = sqlite3_column_int(q, 1) ? 2 * exact->n : 0; /* as a built-in non-status */
			k->kind = sqlite3_column_int(q, 2);
			k->code = sqlite3_column_int(q, 3);
			k->weight = kind_weight(k->kind, 0, k->code);
		} else if (k->rowid >= 0 && k->rowid < st->search.nmeta) {
			const struct meta_row *m = &st->search.meta[k->rowid];
			/* The number typed is first the status itself, then what senders mean by it. */
			/* A header's name in any case ("retry-after"); an error code as it is spelt
			 * ("Throttling" is Alibaba's code, "throttling" a word). */
			int r = exact_rank(exact, m->ident, m->kind == HC_KIND_HEADER);
			k->exact = r ? 2 * r + (m->kind == HC_KIND_STATUS) : m->kind == HC_KIND_STATUS && is_name(exact, m->name);
			k->named = is_named(exact, m->source, m->product);
			k->kind = m->kind;
			k->code = m->code;
			k->weight = m->weight;
		}
	}
	store_stmt_done(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : -1;
}

/* bm25 with column weights for every match, in one pass (one cursor, so bm25's statistics
 * of the whole index are gathered once); the rows come in the same rowid order as before. */
static void score(struct store *st, const struct index_sql *ix, const char *expr, struct cand *c, int n)
{
	sqlite3_stmt *q = store_stmt(st, ix->score);
	int k = 0;
	if (!q)
		return;
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
	while (k < n && sqlite3_step(q) == SQLITE_ROW) {
		c[k].score = sqlite3_column_double(q, 0) * c[k].weight * (c[k].named ? NAMED_BOOST : 1.0);
		k++;
	}
	store_stmt_done(q);
}


/* Rows that hold the word being typed whole score this many times more than rows where it
 * only begins a word ("down": 521 Web Server Is Down before 416's "download"). */
#define WHOLE_BOOST 1.5

static int cmp_rowid(const void *pa, const void *pb)
{
	sqlite3_int64 a = *(const sqlite3_int64 *)pa, b = *(const sqlite3_int64 *)pb;
	return (a > b) - (a < b);
}

/* c[0, n) scored: those the whole-word expression also matches get WHOLE_BOOST. */
static void whole_first(struct store *st, const struct index_sql *ix, const char *whole, struct cand *c, int n)
{
	sqlite3_stmt *q = store_stmt(st, ix->rowids);
	sqlite3_int64 *ids = xcalloc((size_t)n, sizeof *ids);
	size_t got = 0;
	if (!q) {
		free(ids);
		return;
	}
	sqlite3_bind_text(q, 1, whole, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, n);
	while (got < (size_t)n && sqlite3_step(q) == SQLITE_ROW)
		ids[got++] = sqlite3_column_int64(q, 0);
	store_stmt_done(q);
	qsort(ids, got, sizeof *ids, cmp_rowid);
	for (int i = 0; got && i < n; i++)
		if (bsearch(&c[i].rowid, ids, got, sizeof *ids, cmp_rowid))
			c[i].score *= WHOLE_BOOST;
	free(ids);
}

/* A source named with words of a symptom ("华为云 限流"): the status the words lead to (the best
 * ranked status) is what the named source's rows of that status are about, though their words
 * differ (流控): they rank higher again. Returns whether any did. */
static int named_status(struct cand *c, int n)
{
	int status = 0, any = 0;
	for (int i = 0; i < n && !status; i++)
		if (c[i].kind == HC_KIND_STATUS && !c[i].named)
			status = c[i].code;
	for (int i = 0; status && i < n; i++)
		if (c[i].named && c[i].code == status && c[i].kind != HC_KIND_STATUS) {
			c[i].score *= NAMED_BOOST;
			any = 1;
		}
	return any;
}

/* The ranked matches of one index, best first, at most limit, into *out (the caller frees
 * it): up to the broad limit of them, ranked by bm25 unless they are too many, or the query a
 * single letter (very broad by nature), when rowid order (the registered statuses first) is
 * the cheap order. Nothing is read but what ranks them. Returns how many, or -1. */
static int run_expr(struct store *st, const struct index_sql *ix, const char *expr, const char *whole,
		    const struct exact *exact, int limit, int one_letter, int any, struct cand **out)
{
	double t0 = tracing() ? now_ms() : 0;
	int cap = any ? RELAX_LIMIT : ix->broad_limit;
	struct cand *c = xcalloc((size_t)cap + 1, sizeof *c);
	int n, broad;

	n = candidates(st, ix, expr, exact, cap, c);
	if (n < 0) {
		free(c);
		store_fail(st, ERR_SEARCH);
		return -1;
	}
	broad = (n > cap && !any) || one_letter;
	if (n > cap)
		n = cap;
	if (!broad && n > 0)
		score(st, ix, expr, c, n);
	if (!broad && n > 1 && whole)
		whole_first(st, ix, whole, c, n);
	qsort(c, (size_t)n, sizeof *c, broad ? cmp_exact_then_rowid : cmp_cand);
	if (!broad && exact->nnamed && named_status(c, n))
		qsort(c, (size_t)n, sizeof *c, cmp_cand);
	if (n > limit)
		n = limit;
	if (tracing()) {
		struct strbuf shown = STRBUF_INIT;
		for (const char *p = expr; *p; p++)
			strbuf_adds(&shown, *p == TOK_PINYIN ? "^py:" : *p == TOK_INITIAL ? "^in:" : (char[2]){ *p, 0 });
		fprintf(stderr, "search: %s%s %.3f ms: %s\n", ix->builtin ? "main" : "user", broad ? " (broad)" : "",
			now_ms() - t0, shown.buf);
		strbuf_release(&shown);
	}
	*out = c;
	return n;
}

/* Read and highlight the picked rows of one index, in one pass over its matches that loads
 * only those rows; each goes to its rank in hits, with the score the ranking gave it. */
static int fetch(struct store *st, const struct index_sql *ix, const char *expr, struct index_pick *pick,
		 const struct search_ranking *rank, hc_hit_list *hits)
{
	sqlite3_stmt *q = store_stmt(st, ix->fetch);
	int rc = SQLITE_DONE, left = pick->n;

	if (!q)
		return -1;
	qsort(pick->rows, (size_t)pick->n, sizeof *pick->rows, cmp_pick);
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_pointer(q, 2, pick, "hc_pick", NULL);
	sqlite3_bind_int(q, 3, HC_KIND_STATUS);
	while (left > 0 && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct hc_hit h = { 0 };
		size_t i;
		hit_read(q, &h); /* its score holds the rank hc_pick gave */
		i = (size_t)h.score;
		if (i >= hits->n || search_hit_is_read(&hits->items[i])) {
			hit_release(&h);
			continue;
		}
		h.score = rank->refs[i].score;
		h.closest = rank->refs[i].closest;
		if (rank->refs[i].user && h.kind == HC_KIND_HEADER)
			h.kind = HC_KIND_MAPPING; /* the built-in data's alone */
		hits->items[i] = h;
		left--;
	}
	store_stmt_done(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* An empty query's ranking (search_rank_all) has no expression to match: its rows are read one
 * by one by rowid, which is a lookup, not a pass over matches. */
static const char rowid_main_sql[] = "SELECT kind, code, 0.0" HIT_COLUMNS(HIT_SQL_COL, HIT_SQL_PRODUCT, HIT_SQL_UNMARKED)
	" FROM main.search_fts WHERE rowid = ?1";
static const char rowid_user_sql[] = "SELECT kind, code, 0.0" HIT_COLUMNS(HIT_SQL_COL, HIT_SQL_PRODUCT, HIT_SQL_UNMARKED)
	" FROM user.search_fts WHERE rowid = ?1";

static int fetch_by_rowid(struct store *st, int user, const struct index_pick *pick, const struct search_ranking *rank,
			  hc_hit_list *hits)
{
	sqlite3_stmt *q = store_stmt(st, user ? rowid_user_sql : rowid_main_sql);
	int rc = SQLITE_DONE;
	if (!q)
		return -1;
	for (int k = 0; k < pick->n && (rc == SQLITE_DONE || rc == SQLITE_ROW); k++) {
		size_t i = (size_t)pick->rows[k].rank;
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, pick->rows[k].rowid);
		sqlite3_bind_int(q, 3, HC_KIND_STATUS);
		if ((rc = sqlite3_step(q)) == SQLITE_ROW) { /* none: the row is gone, left empty */
			struct hc_hit h = { 0 };
			hit_read(q, &h);
			h.score = rank->refs[i].score;
			if (user && h.kind == HC_KIND_HEADER)
				h.kind = HC_KIND_MAPPING; /* the built-in data's alone */
			hits->items[i] = h;
		}
	}
	store_stmt_done(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Read the hits at the ranks which[0, n) that are not read yet. */
static int read_ranks(struct store *st, const struct search_ranking *rank, const size_t *which, size_t n,
		      hc_hit_list *hits)
{
	const struct index_sql *indexes[2] = { &main_sql, &user_sql };
	struct index_pick pick = { NULL, 0 };
	int rc = 0;

	if (!n)
		return 0;
	pick.rows = xcalloc(n, sizeof *pick.rows);
	for (int s = 0; s < 2 && rc == 0; s++) {
		int failed = 0;
		pick.n = 0;
		for (size_t k = 0; k < n; k++) {
			size_t i = which[k];
			if (i < rank->n && i < hits->n && rank->refs[i].user == s && !search_hit_is_read(&hits->items[i]))
				pick.rows[pick.n++] = (struct index_pick_row){ rank->refs[i].rowid, (int)i };
		}
		if (pick.n && rank->by_rowid)
			failed = fetch_by_rowid(st, s, &pick, rank, hits) != 0;
		else if (pick.n && rank->expr[s])
			failed = fetch(st, indexes[s], rank->expr[s], &pick, rank, hits) != 0;
		if (failed) {
			store_fail(st, ERR_SEARCH);
			rc = -1;
		}
	}
	free(pick.rows);
	/* A row gone since it was ranked (another program changed the user's file), or not read
	 * for an error: empty, so that whatever shows it has texts to show. */
	for (size_t k = 0; k < n; k++) {
		struct hc_hit *r;
		if (which[k] >= rank->n || which[k] >= hits->n || search_hit_is_read(&hits->items[which[k]]))
			continue;
		r = &hits->items[which[k]];
#define EMPTY_COL(f) if (!r->f) r->f = xstrdup("");
		HIT_TEXT_FIELDS(EMPTY_COL)
#undef EMPTY_COL
	}
	return rc;
}

int search_read(struct store *st, const struct search_ranking *rank, size_t from, size_t to, hc_hit_list *hits)
{
	size_t *which;
	int rc;

	if (to > rank->n)
		to = rank->n;
	if (to > hits->n)
		to = hits->n;
	if (from >= to)
		return 0;
	which = xcalloc(to - from, sizeof *which);
	for (size_t i = from; i < to; i++)
		which[i - from] = i;
	rc = read_ranks(st, rank, which, to - from, hits);
	free(which);
	return rc;
}

int search_read_some(struct store *st, const struct search_ranking *rank, const size_t *which, size_t n,
		     hc_hit_list *hits)
{
	return read_ranks(st, rank, which, n, hits);
}

void search_ranking_release(struct search_ranking *rank)
{
	free(rank->refs);
	free(rank->expr[0]);
	free(rank->expr[1]);
	memset(rank, 0, sizeof *rank);
}

/* Every registered status in [lo, hi], in order (4xx, 40x). */
static int run_pattern(struct store *st, int lo, int hi, int limit, hc_hit_list *out)
{
	sqlite3_stmt *q = store_stmt(st,
		"SELECT kind, code, 0.0" HIT_COLUMNS(HIT_SQL_COL, HIT_SQL_COL, HIT_SQL_UNMARKED)
		" FROM main.search_fts WHERE kind = ?1 AND code BETWEEN ?2 AND ?3 ORDER BY code LIMIT ?4");
	if (!q) {
		store_fail(st, ERR_SEARCH);
		return -1;
	}
	sqlite3_bind_int(q, 1, HC_KIND_STATUS);
	sqlite3_bind_int(q, 2, lo);
	sqlite3_bind_int(q, 3, hi);
	sqlite3_bind_int(q, 4, limit);
	return STORE_FILL(st, q, out, hit_read);
}

/* A match on its way into the ranking, with its place before the two indexes are merged. */
struct ranked {
	struct search_ref ref;
	size_t pos;
};

/* Best score first; a tie keeps the order the matches came in (the built-in index's first). */
static int cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	int d = (a->ref.score < b->ref.score) - (a->ref.score > b->ref.score);
	return d ? d : (a->pos > b->pos) - (a->pos < b->pos);
}

/* prev: the first pass's ranking, when this is the second; an index whose expression is the
 * same again (a user's, where pieces are not tried: a Chinese phrase in a million rows is 13 ms)
 * keeps the matches it gave then. */
/* A relaxed pass over a user's index this large takes longer than a frame: rows holding any
 * of a phrase's pairs of common characters are found by walking their postings (140 ms at a
 * million rows). Above it, the closest matches are the built-in data's; and a word being typed
 * is asked for as the whole terms the built-in data has that it begins (QUERY_LARGE), not as a
 * prefix, which would merge the postings of every term it begins. Below it a prefix is cheap,
 * and finds the user's own words too ("requ" finds "requisition"). */
#define RELAX_USER_MAX 50000

static int user_too_large(struct store *st)
{
	if (!st->search.user_rows_read) {
		sqlite3_stmt *q = store_stmt(st, "SELECT coalesce(max(id), 0) FROM user.user_mappings");
		st->search.user_rows_read = 1;
		st->search.user_rows = 0;
		if (q && sqlite3_step(q) == SQLITE_ROW)
			st->search.user_rows = sqlite3_column_int64(q, 0);
		store_stmt_done(q);
	}
	return st->search.user_rows > RELAX_USER_MAX;
}

static int search_pass(struct store *st, struct query_word *words, int n, int second_pass, int any, int limit,
		       const struct search_ranking *prev, struct search_ranking *rank)
{
	struct strbuf expr = STRBUF_INIT, whole = STRBUF_INIT;
	const struct index_sql *indexes[2] = { &main_sql, store_has_user(st) && !(any && user_too_large(st)) ? &user_sql : NULL };
	struct exact exact = { { 0 }, 0, { 0 }, 0, "" };
	struct ranked *all = NULL;
	size_t nall = 0, cap = 0;
	int rc = 0, one_letter = n == 1 && words[0].len == 1 && (unsigned char)words[0].text[0] < 0x80;

	for (int i = 0; i < n; i++)
		if (n == 1 || query_word_code(&words[i]))
			exact.ident[exact.n++] = words[i].text;
	if (n > 1)
		find_named(st, words, n, &exact);
	join_words(words, n, exact.whole, sizeof exact.whole);
	/* Typo candidates from the built-in vocabulary only: it holds the words people mistype,
	 * and a user's index may be large enough to make reading its vocabulary slow. The
	 * candidates are then searched in both. */
	if (second_pass && query_wants_typos(words, n))
		query_find_typos(words, n, typo_vocab(st));
	for (int s = 0; s < 2 && indexes[s] && rc == 0; s++) {
		struct cand *c = NULL;
		double best = 0;
		int got;
		strbuf_reset(&expr);
		if (query_expr(&expr, words, n, second_pass,
			       (s == 0 ? 0 : (st->user_v5 ? QUERY_LEAN : 0) | (user_too_large(st) ? QUERY_LARGE : 0)) |
				       (any ? QUERY_ANY : 0),
			       one_letter && !second_pass) == 0)
			break;
		if (prev && prev->n < (size_t)limit && prev->expr[s] && strcmp(prev->expr[s], expr.buf) == 0) {
			/* Nothing of it was cut off by the limit, and its scores were scaled by the same
			 * best: the same as running it again. */
			for (size_t i = 0; i < prev->n; i++) {
				if (prev->refs[i].user != s)
					continue;
				XGROW(all, cap, nall + 1, 64);
				all[nall].pos = nall;
				all[nall++].ref = prev->refs[i];
			}
			rank->expr[s] = xstrdup(expr.buf);
			continue;
		}
		strbuf_reset(&whole);
		if (s == 0 && query_last_is_prefix(words, n))
			query_expr(&whole, words, n, second_pass, QUERY_WHOLE | (any ? QUERY_ANY : 0), 0);
		got = run_expr(st, indexes[s], expr.buf, whole.len ? whole.buf : NULL, &exact, limit, one_letter, any, &c);
		if (got < 0) {
			rc = -1;
			break;
		}
		rank->expr[s] = xstrdup(expr.buf);
		/* bm25 of two indexes of very different sizes cannot be compared (in a small one
		 * every term is common and scores near zero): each is scaled by its own best, and
		 * the user's own rows, being what a team looks up, get a slight edge. Scaled with or
		 * without a user's index, a score (--json) has one scale: 1 is the best built-in
		 * match, and the built-in rows keep their order either way. */
		for (int i = 0; i < got; i++)
			best = c[i].score > best ? c[i].score : best;
		for (int i = 0; i < got; i++) {
			struct ranked *r;
			XGROW(all, cap, nall + 1, 64);
			r = &all[nall];
			r->pos = nall++;
			r->ref = (struct search_ref){ c[i].rowid, (best > 0 ? c[i].score / best : 1.0) * (s ? 1.1 : 1.0),
						      s, c[i].kind, c[i].code, 0 };
		}
		free(c);
	}
	strbuf_release(&expr);
	strbuf_release(&whole);
	/* Two indexes: merged by score; the limit kept. */
	if (rc == 0 && indexes[1] && nall > 1)
		qsort(all, nall, sizeof *all, cmp_ranked);
	if (nall > (size_t)limit)
		nall = (size_t)limit;
	rank->refs = xcalloc(nall ? nall : 1, sizeof *rank->refs);
	for (size_t i = 0; i < nall; i++)
		rank->refs[i] = all[i].ref;
	rank->n = nall;
	free(all);
	return rc;
}

/* The hits of every ranked match, none read yet: kind, code and score. */
static void hits_of(const struct search_ranking *rank, hc_hit_list *hits)
{
	for (size_t i = 0; i < rank->n; i++) {
		const struct search_ref *f = &rank->refs[i];
		struct hc_hit *h = LIST_PUSH(hits);
		/* A crafted user file may say anything: an unknown kind is shown as a business error. */
		h->kind = f->kind >= HC_KIND_STATUS && f->kind <= HC_KIND_HEADER && (f->kind != HC_KIND_HEADER || !f->user)
			  ? (enum hc_kind)f->kind : HC_KIND_MAPPING;
		h->code = f->code;
		h->score = f->score;
		h->closest = f->closest;
	}
}

/* Is the ref one of the status codes typed (words that are codes), and which: 1 + its place. */
static int typed_code(const struct search_ref *f, const struct query_word *words, int n)
{
	for (int i = 0, k = 0; i < n; i++) {
		int code = query_word_code(&words[i]);
		if (code && ++k && f->kind == HC_KIND_STATUS && f->code == code)
			return k;
	}
	return 0;
}

/* Is r among the rows the strict pass found (they hold every word)? */
static int strict_has(const struct search_ranking *strict, const struct search_ref *r)
{
	for (size_t i = 0; i < strict->n; i++)
		if (strict->refs[i].user == r->user && strict->refs[i].rowid == r->rowid)
			return 1;
	return 0;
}

/* Few rows hold every word: search again for rows that hold any of them, ranked by bm25 (how
 * many and which words, the rare ones counting more), after those found already; a status
 * code typed ("503 vs 504") comes first, in the order typed. The ranking is then of the
 * relaxed expression, which every row found by the strict one also matches. */
static int relax(struct store *st, struct query_word *words, int n, int second_pass, int limit,
		 struct search_ranking *rank, hc_hit_list *hits)
{
	struct search_ranking loose = { 0 };
	struct search_ref *refs;
	size_t nref = 0;
	int rc = search_pass(st, words, n, second_pass, 1, limit, NULL, &loose);

	if (rc != 0 || loose.n == 0) {
		search_ranking_release(&loose);
		return rc;
	}
	refs = xcalloc(rank->n + loose.n, sizeof *refs);
	/* The typed codes (k from 1), then the strict rows, then the loose ones; each once. */
	for (int k = 1; k <= n + 2; k++) {
		const struct search_ranking *from[2] = { rank, &loose };
		for (int f = 0; f < 2; f++) {
			for (size_t i = 0; i < from[f]->n; i++) {
				const struct search_ref *r = &from[f]->refs[i];
				int code = typed_code(r, words, n), seen = 0;
				if (k <= n ? code != k : k == n + 1 ? f != 0 : f != 1)
					continue;
				for (size_t j = 0; j < nref && !seen; j++)
					seen = refs[j].user == r->user && refs[j].rowid == r->rowid;
				if (!seen) {
					refs[nref] = *r;
					refs[nref++].closest = f == 1 && !strict_has(rank, r);
				}
			}
		}
	}
	if (nref > (size_t)limit)
		nref = (size_t)limit;
	/* An index the relaxed pass left out (a large user's) keeps the strict expression, by
	 * which its rows among these are read. */
	for (int s = 0; s < 2; s++)
		if (!loose.expr[s] && rank->expr[s]) {
			loose.expr[s] = rank->expr[s];
			rank->expr[s] = NULL;
		}
	loose.about = rank->about;
	loose.about.closest = rank->n == 0;
	free(loose.refs);
	loose.refs = refs;
	loose.n = nref;
	search_ranking_release(rank);
	hc_hit_list_release(hits);
	*rank = loose;
	hits_of(rank, hits);
	return 0;
}

static int rank_query(struct store *st, const char *query, int limit, int depth, struct search_ranking *rank,
		      hc_hit_list *hits);

/* The status one side of a comparison names ("网关超时"): the first status its search ranks in
 * its first few, or 0. */
static int side_status(struct store *st, const char *side)
{
	struct search_ranking r;
	hc_hit_list h = { 0 };
	int code = 0;
	if (rank_query(st, side, 10, 1, &r, &h) == 0)
		for (size_t i = 0; i < r.n && !code; i++)
			if (r.refs[i].kind == HC_KIND_STATUS)
				code = r.refs[i].code;
	search_ranking_release(&r);
	hc_hit_list_release(&h);
	return code;
}

/* Two things compared by name ("网关错误和网关超时的区别"): searched as the two codes their sides
 * name are ("502 504"), with the note on how they differ. Returns 1 when it was, 0 when the
 * query is no such comparison (nothing is changed), -1 on a database error. */
static int compare_by_name(struct store *st, const char *query, int limit, struct search_ranking *rank,
			   hc_hit_list *hits)
{
	char a[256], b[256], codes[16];
	int ca, cb;
	if (!query_comparison(query, a, b, sizeof a) || !(ca = side_status(st, a)) || !(cb = side_status(st, b)) ||
	    ca == cb)
		return 0;
	search_ranking_release(rank);
	hc_hit_list_release(hits);
	snprintf(codes, sizeof codes, "%d %d", ca, cb);
	return rank_query(st, codes, limit, 1, rank, hits) == 0 ? 1 : -1;
}

int search_rank(struct store *st, const char *query, int limit, struct search_ranking *rank, hc_hit_list *hits)
{
	return rank_query(st, query, limit, 0, rank, hits);
}

/* depth 1: a search inside another (a side of a comparison), which compares nothing itself. */
static int rank_query(struct store *st, const char *query, int limit, int depth, struct search_ranking *rank,
		      hc_hit_list *hits)
{
	struct query_word *words;
	int n, lo, hi, rc, second = 0, codes = 0, missing;

	memset(rank, 0, sizeof *rank);
	while (*query == ' ')
		query++;
	if (query_code_pattern(query, &lo, &hi))
		return run_pattern(st, lo, hi, limit, hits);
	words = xcalloc(QUERY_MAX_WORDS, sizeof *words);
	n = query_refine(words, query_split(query, words), stop_words(st));
	query_find_terms(words, n, &(const struct query_vocab){ table_terms_with, st });
	if (store_has_user(st) && st->user_v5)
		query_find_hanzi(words, n, &(const struct query_vocab){ user_pinyin_with, st });
	rc = n ? search_pass(st, words, n, 0, 0, limit, NULL, rank) : 0;
	hits_of(rank, hits);
	if (rc == 0 && n && hits->n < FEW_RESULTS) {
		int exact = 0;
		/* Is the one found the identifier typed? Only the first is read to tell. */
		if (hits->n) {
			rc = search_read(st, rank, 0, 1, hits);
			exact = rc == 0 && strcasecmp(hits->items[0].ident, query) == 0;
		}
		if (rc == 0 && !exact) {
			/* Little found: try again, forgiving one-edit typos and one-syllable pinyin. */
			struct search_ranking more = { 0 };
			rc = search_pass(st, words, n, 1, 0, limit, rank, &more);
			if (rc == 0 && more.n > rank->n) {
				search_ranking_release(rank);
				hc_hit_list_release(hits);
				*rank = more;
				hits_of(rank, hits);
				second = 1;
			} else {
				search_ranking_release(&more);
			}
		}
	}
	/* Two codes or more are a comparison ("403和404有什么区别"): each code's own row, which
	 * need not name the other, is wanted first however many rows name both. */
	for (int i = 0, code; i < n; i++)
		if ((code = query_word_code(&words[i])) && codes++ < 2)
			rank->about.compared[codes - 1] = code;
	/* A code typed among other words ("返回码是401") is wanted first, though its row need
	 * not hold the other words: the relaxed pass puts it there. */
	missing = codes == 1 && !(rank->n && rank->refs[0].kind == HC_KIND_STATUS &&
				  rank->refs[0].code == rank->about.compared[0]);
	if (codes < 2)
		rank->about.compared[0] = 0;
	if (rc == 0 && query_can_relax(words, n) && (hits->n < FEW_RESULTS || codes > 1 || missing))
		rc = relax(st, words, n, second, limit, rank, hits);
	if (rc == 0 && depth == 0 && codes < 2 && (rc = compare_by_name(st, query, limit, rank, hits)) > 0)
		rc = 0;
	if (rc == 0)
		rank->about.concept = named_concept(st, query);
	free(words);
	return rc;
}

int search_find(struct store *st, const char *query, int limit, hc_hit_list *out, struct search_about *about)
{
	struct search_ranking rank;
	hc_hit_list hits = { 0 };
	int rc = search_rank(st, query, limit, &rank, &hits);

	*about = rank.about;
	if (rc == 0)
		rc = search_read(st, &rank, 0, hits.n, &hits);
	search_ranking_release(&rank);
	if (rc == 0)
		hc_hit_list_move(out, &hits);
	hc_hit_list_release(&hits);
	return rc;
}

int search_find_first(struct store *st, const char *query, int shown, hc_hit_list *out, struct search_about *about,
		      size_t *more)
{
	struct search_ranking rank;
	hc_hit_list hits = { 0 };
	/* Ranking every match is cheap (the candidates are bounded); only the shown are read. */
	int rc = search_rank(st, query, INT_MAX, &rank, &hits);
	size_t n = shown > 0 && (size_t)shown < hits.n ? (size_t)shown : hits.n;

	*about = rank.about;
	*more = hits.n - n;
	if (rc == 0)
		rc = search_read(st, &rank, 0, n, &hits);
	search_ranking_release(&rank);
	for (size_t i = n; i < hits.n; i++)
		hc_hit_release(&hits.items[i]);
	hits.n = n;
	if (rc == 0)
		hc_hit_list_move(out, &hits);
	hc_hit_list_release(&hits);
	return rc;
}

int search_run(struct store *st, const char *query, int limit, hc_hit_list *out)
{
	struct search_about about;
	return search_find(st, query, limit, out, &about);
}

/* The order of an empty query's list: the statuses, then what senders mean by a number, then the
 * user's own business errors (a team looks its own up most), then the built-in ones, then header
 * fields. A user's notes are left out: the code they are on is listed. */
struct every {
	struct search_ref ref;
	int group;
};

static int cmp_every(const void *pa, const void *pb)
{
	const struct every *a = pa, *b = pb;
	if (a->group != b->group)
		return a->group - b->group;
	if (a->group <= 1 && a->ref.code != b->ref.code) /* statuses and numbers by number */
		return a->ref.code - b->ref.code;
	return (a->ref.rowid > b->ref.rowid) - (a->ref.rowid < b->ref.rowid); /* else as indexed */
}

static int every_group(int kind, int user)
{
	switch (kind) {
	case HC_KIND_STATUS: return 0;
	case HC_KIND_MEANING: return 1;
	case HC_KIND_MAPPING: return user ? 2 : 3;
	case HC_KIND_HEADER: return 4;
	default: return -1;
	}
}

int search_rank_all(struct store *st, size_t user_max, struct search_ranking *rank, hc_hit_list *hits)
{
	struct every *all = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	memset(rank, 0, sizeof *rank);
	meta_load(st);
	for (sqlite3_int64 id = 0; id < st->search.nmeta; id++) {
		const struct meta_row *m = &st->search.meta[id];
		int group = every_group(m->kind, 0);
		if (group < 0)
			continue; /* rowid 0, which no row has */
		XGROW(all, cap, n + 1, 1024);
		all[n++] = (struct every){ { id, 0, 0, m->kind, m->code, 0 }, group };
	}
	if (store_has_user(st) && user_max) {
		/* The UNIQUE (team, product, error_code) index gives them in order, the first few read. */
		sqlite3_stmt *q = store_stmt(st, "SELECT id, coalesce(http_status, 0) FROM user.user_mappings"
					     " ORDER BY team, product, error_code LIMIT ?1");
		int step = SQLITE_DONE;
		if (q) {
			sqlite3_bind_int64(q, 1, (sqlite3_int64)user_max);
			while ((step = sqlite3_step(q)) == SQLITE_ROW) {
				XGROW(all, cap, n + 1, 1024);
				all[n++] = (struct every){ { sqlite3_column_int64(q, 0), 0, 1, HC_KIND_MAPPING,
							     sqlite3_column_int(q, 1), 0 }, 2 };
			}
			store_stmt_done(q);
		}
		if (!q || step != SQLITE_DONE) {
			store_fail(st, ERR_SEARCH);
			rc = -1; /* the built-in rows are still listed */
		}
	}
	if (n > 1)
		qsort(all, n, sizeof *all, cmp_every);
	rank->refs = xcalloc(n ? n : 1, sizeof *rank->refs);
	for (size_t i = 0; i < n; i++)
		rank->refs[i] = all[i].ref;
	rank->n = n;
	rank->by_rowid = 1;
	free(all);
	hits_of(rank, hits);
	return rc;
}
