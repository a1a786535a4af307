/* Queries over the search index: user text becomes an FTS5 expression in which every term is
 * a quoted phrase (no input can be an FTS5 syntax error), with alternatives for pinyin,
 * pinyin initials and, when the exact search finds little, one-edit typos. */
#include "search.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "pinyin.h"
#include "text.h"
#include "tokenize.h"

#define MAX_WORDS 16
#define MAX_WORD_BYTES 256
#define MAX_TYPO_CANDIDATES 8
#define BROAD_LIMIT 2000 /* above this many matches, order cheaply by rowid */
#define FEW_RESULTS 3    /* below this many, also try typos and one-syllable pinyin */

/* ---- pinyin syllables ------------------------------------------------------------------- */

/* -1 if s[0..n) is no syllable and no syllable's prefix, 0 if only a prefix, 1 if a syllable. */
static int syllable_match(const char *s, size_t n)
{
	size_t lo = 1, hi = pinyin_syllable_count + 1;
	while (lo < hi) { /* first syllable >= s[0..n) */
		size_t mid = (lo + hi) / 2;
		int c = strncmp(pinyin_syllables[mid], s, n);
		if (c < 0 || (c == 0 && strlen(pinyin_syllables[mid]) < n))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > pinyin_syllable_count || strncmp(pinyin_syllables[lo], s, n) != 0)
		return -1;
	return strlen(pinyin_syllables[lo]) == n ? 1 : 0;
}

/* Split a lower-case ASCII word into pinyin syllables, fewest first; the last may be a mere
 * prefix when partial_last. Writes the syllable ends into ends[]; returns the count, 0 if the
 * word is not pinyin. */
static int pinyin_segment(const char *w, size_t n, int partial_last, size_t *ends, int max)
{
	int best[MAX_WORD_BYTES + 1];
	size_t from[MAX_WORD_BYTES + 1];
	int count = 0;

	if (n == 0 || n > MAX_WORD_BYTES)
		return 0;
	for (size_t i = 0; i <= n; i++)
		best[i] = i ? 1 << 20 : 0;
	for (size_t i = 0; i < n; i++) {
		if (best[i] >= 1 << 20)
			continue;
		for (size_t j = i + 1; j <= n && j - i <= 6; j++) {
			int m = syllable_match(w + i, j - i);
			if (m < 0)
				break;
			if ((m == 1 || (partial_last && j == n)) && best[i] + 1 < best[j]) {
				best[j] = best[i] + 1;
				from[j] = i;
			}
		}
	}
	if (best[n] >= 1 << 20 || best[n] > max)
		return 0;
	count = best[n];
	for (size_t j = n, k = (size_t)count; k > 0; k--) {
		ends[k - 1] = j;
		j = from[j];
	}
	return count;
}

/* ---- building the FTS5 expression --------------------------------------------------------- */

/* Append s as an FTS5 string: in double quotes, with quotes doubled. */
static void add_quoted(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_addch(sb, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, s[i]);
	}
	strbuf_addch(sb, '"');
}

static int all_alpha(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)w[i]))
			return 0;
	return n > 0;
}

struct word {
	char text[MAX_WORD_BYTES + 1];  /* sanitised: no control characters */
	size_t len;
	char lower[MAX_WORD_BYTES + 1];
	int is_last;
	char typos[MAX_TYPO_CANDIDATES][TOK_MAX + 1];
	int ntypos;
};

/* Does the word end in a character after which typing may go on (a prefix makes sense)? */
static int prefixable(const struct word *w)
{
	unsigned char c = (unsigned char)w->text[w->len - 1];
	return isalnum(c) || c >= 0x80;
}

static void add_marked_phrase(struct strbuf *sb, char marker, const char *w, const size_t *ends,
			      int n, int prefix)
{
	struct strbuf p = STRBUF_INIT;
	size_t start = 0;
	for (int k = 0; k < n; k++) {
		if (k)
			strbuf_addch(&p, ' ');
		strbuf_addch(&p, marker);
		strbuf_add(&p, w + start, marker == TOK_INITIAL ? 1 : ends[k] - start);
		start = ends[k];
	}
	strbuf_adds(sb, " OR ");
	add_quoted(sb, p.buf, p.len);
	if (prefix)
		strbuf_adds(sb, " *");
	strbuf_release(&p);
}

/* One word's alternatives: the word itself, its pinyin reading, its pinyin initials, and (on
 * the second pass) one-syllable pinyin and typo candidates. */
static void add_word(struct strbuf *sb, const struct word *w, int second_pass)
{
	int prefix = w->is_last && prefixable(w);
	size_t ends[MAX_WORD_BYTES];
	int n;

	strbuf_addch(sb, '(');
	add_quoted(sb, w->text, w->len);
	if (prefix)
		strbuf_adds(sb, " *");
	if (all_alpha(w->lower, w->len)) {
		n = pinyin_segment(w->lower, w->len, prefix, ends, 8);
		if (n >= 2 || (n == 1 && second_pass))
			add_marked_phrase(sb, TOK_PINYIN, w->lower, ends, n, prefix);
		if (w->len >= 2 && w->len <= 5) {
			for (size_t k = 0; k < w->len; k++)
				ends[k] = k + 1;
			add_marked_phrase(sb, TOK_INITIAL, w->lower, ends, (int)w->len, 0);
		}
	}
	for (int t = 0; second_pass && t < w->ntypos; t++) {
		strbuf_adds(sb, " OR ");
		add_quoted(sb, w->typos[t], strlen(w->typos[t]));
	}
	strbuf_addch(sb, ')');
}

/* Cut the query into words at blanks; drop control characters and invalid bytes. */
static int split_words(const char *query, struct word *words)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p;
	int n = 0;

	text_sanitize(&clean, query, 0);
	p = strbuf_str(&clean);
	while (*p && n < MAX_WORDS) {
		const char *e;
		while (*p == ' ' || strncmp(p, "\xE3\x80\x80", 3) == 0) /* also U+3000 */
			p += *p == ' ' ? 1 : 3;
		if (!*p)
			break;
		e = p;
		while (*e && *e != ' ' && strncmp(e, "\xE3\x80\x80", 3) != 0)
			e++;
		{
			struct word *w = &words[n];
			size_t len = (size_t)(e - p);
			memset(w, 0, sizeof *w);
			if (len > MAX_WORD_BYTES) {
				len = MAX_WORD_BYTES;
				while (len > 0 && ((unsigned char)p[len] & 0xC0) == 0x80)
					len--; /* never cut a character */
			}
			memcpy(w->text, p, len);
			w->len = len;
			for (size_t i = 0; i < len; i++)
				w->lower[i] = (char)tolower((unsigned char)p[i]);
			n++;
		}
		p = e;
	}
	if (n)
		words[n - 1].is_last = 1;
	strbuf_release(&clean);
	return n;
}

static int count_token(void *ctx, int flags, const char *t, int len, int s, int e)
{
	(void)flags, (void)t, (void)len, (void)s, (void)e;
	(*(int *)ctx)++;
	return 0;
}

static int has_tokens(const struct word *w)
{
	int n = 0;
	tokenize(w->text, (int)w->len, TOK_QUERY, count_token, &n);
	return n > 0;
}

/* ---- typos -------------------------------------------------------------------------------- */

/* Damerau-Levenshtein distance <= 1 (one insertion, deletion, substitution or swap)? */
static int within_one_edit(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0;
	if (la > lb + 1 || lb > la + 1)
		return 0;
	while (i < la && i < lb && a[i] == b[i])
		i++;
	if (i == la || i == lb)
		return la == lb ? 1 : 1; /* equal, or one extra at the end */
	if (la == lb) {
		if (strcmp(a + i + 1, b + i + 1) == 0)
			return 1;
		return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       strcmp(a + i + 2, b + i + 2) == 0;
	}
	return la > lb ? strcmp(a + i + 1, b + i) == 0 : strcmp(a + i, b + i + 1) == 0;
}

/* Terms of the index one edit away from each ASCII word of four or more letters. */
static void find_typos(sqlite3 *db, const char *schema, struct word *words, int n)
{
	sqlite3_stmt *q = NULL;
	char *sql;
	int want = 0;

	for (int i = 0; i < n; i++)
		want |= words[i].len >= 4 && all_alpha(words[i].lower, words[i].len);
	if (!want)
		return;
	sql = sqlite3_mprintf("CREATE VIRTUAL TABLE IF NOT EXISTS temp.\"vocab_%w\" "
			      "USING fts5vocab(%Q, 'search_fts', 'row')", schema, schema);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	sql = sqlite3_mprintf("SELECT term FROM temp.\"vocab_%w\" WHERE term >= 'a' AND term < '{'",
			      schema);
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		return;
	}
	sqlite3_free(sql);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);
		size_t tl = (size_t)sqlite3_column_bytes(q, 0);
		for (int i = 0; i < n; i++) {
			struct word *w = &words[i];
			if (w->len < 4 || w->ntypos == MAX_TYPO_CANDIDATES || tl > TOK_MAX ||
			    !all_alpha(w->lower, w->len))
				continue;
			if (tl >= 4 && within_one_edit(w->lower, w->len, t, tl) &&
			    !(tl == w->len && memcmp(t, w->lower, tl) == 0))
				memcpy(w->typos[w->ntypos++], t, tl + 1);
		}
	}
	sqlite3_finalize(q);
}

/* ---- running ------------------------------------------------------------------------------ */

/* The FTS5 expression for the words; returns 0 if no word has anything to search for. */
static int build_expr(struct strbuf *expr, const struct word *words, int n, int second_pass)
{
	int terms = 0;
	for (int i = 0; i < n; i++) {
		if (!has_tokens(&words[i]))
			continue;
		if (terms++)
			strbuf_adds(expr, " AND ");
		add_word(expr, &words[i], second_pass);
	}
	return terms;
}

/* Weights of ident, name_en, name_zh, keys, summary_en, summary_zh, body. */
#define BM25 "bm25(search_fts, 12.0, 6.0, 6.0, 4.0, 2.0, 2.0, 1.0)"
/* A registered status is what most searches are after; then unofficial numbers and what a
 * sender means by one; then business errors. */
#define KIND_WEIGHT \
	"(CASE WHEN kind = 1 AND product <> 'unofficial' THEN 2.0 WHEN kind = 1 THEN 1.4 " \
	"WHEN kind = 2 THEN 1.25 ELSE 1.0 END)"
#define MARK(col) "highlight(search_fts, " col ", '\x02', '\x03')"

static int run_expr(struct store *st, const char *schema, const char *expr, const char *exact,
		    int limit, hc_hit_list *out)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *q = NULL;
	char *sql;
	int broad = 0, rc;

	/* A very broad query (a letter or two) matches most rows: rank by rowid instead of bm25,
	 * which would have to score every match. */
	sql = sqlite3_mprintf("SELECT count(*) FROM (SELECT 1 FROM \"%w\".search_fts "
			      "WHERE search_fts MATCH ?1 LIMIT %d)", schema, BROAD_LIMIT + 1);
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			broad = sqlite3_column_int(q, 0) > BROAD_LIMIT;
	}
	sqlite3_finalize(q);
	sqlite3_free(sql);

	sql = sqlite3_mprintf(
		"SELECT kind, code, %s AS score, source, CASE kind WHEN 1 THEN '' ELSE product END,"
		"  ident, name_en, name_zh,"
		"  summary_en, summary_zh, " MARK("0") ", " MARK("1") ", " MARK("2") ", "
		MARK("4") ", " MARK("5")
		" FROM \"%w\".search_fts WHERE search_fts MATCH ?1"
		" ORDER BY %s LIMIT %d",
		broad ? "0.0" : "-" BM25 " * " KIND_WEIGHT, schema,
		broad ? "(ident = ?2) DESC, rowid" : "(ident = ?2) DESC, score DESC, kind, code",
		limit);
	rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		store_set_error(st, "cannot search");
		return -1;
	}
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, exact, -1, SQLITE_TRANSIENT);
	return store_hits(st, q, out);
}

/* 4xx, 40x, 4XX: every status of that class or decade, in order. */
static int code_pattern(const char *s, int *lo, int *hi)
{
	size_t n = strlen(s);
	if (n != 3 || s[0] < '1' || s[0] > '9')
		return 0;
	if ((s[1] == 'x' || s[1] == 'X') && (s[2] == 'x' || s[2] == 'X')) {
		*lo = (s[0] - '0') * 100;
		*hi = *lo + 99;
		return 1;
	}
	if (isdigit((unsigned char)s[1]) && (s[2] == 'x' || s[2] == 'X')) {
		*lo = (s[0] - '0') * 100 + (s[1] - '0') * 10;
		*hi = *lo + 9;
		return 1;
	}
	return 0;
}

static int run_pattern(struct store *st, int lo, int hi, int limit, hc_hit_list *out)
{
	sqlite3_stmt *q = NULL;
	char *sql = sqlite3_mprintf(
		"SELECT kind, code, 0.0, source, product, ident, name_en, name_zh, summary_en,"
		" summary_zh, ident, name_en, name_zh, summary_en, summary_zh"
		" FROM main.search_fts WHERE kind = 1 AND code BETWEEN %d AND %d ORDER BY code LIMIT %d",
		lo, hi, limit);
	int rc = sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		store_set_error(st, "cannot search");
		return -1;
	}
	return store_hits(st, q, out);
}

static int cmp_score(const void *a, const void *b)
{
	const struct hc_hit *x = a, *y = b;
	return (x->score < y->score) - (x->score > y->score);
}

static int search_pass(struct store *st, struct word *words, int n, int second_pass, int limit,
		       hc_hit_list *out)
{
	struct strbuf expr = STRBUF_INIT;
	const char *schemas[2] = { "main", store_has_user(st) ? "user" : NULL };
	char exact[MAX_WORD_BYTES + 1];
	int rc = 0;

	snprintf(exact, sizeof exact, "%s", n == 1 ? words[0].text : "");
	if (second_pass)
		for (int s = 0; s < 2 && schemas[s]; s++)
			find_typos(store_db(st), schemas[s], words, n);
	if (build_expr(&expr, words, n, second_pass) == 0) {
		strbuf_release(&expr);
		return 0;
	}
	for (int s = 0; s < 2 && schemas[s] && rc == 0; s++) {
		size_t before = out->n;
		rc = run_expr(st, schemas[s], expr.buf, exact, limit, out);
		(void)before;
	}
	strbuf_release(&expr);
	if (rc == 0 && schemas[1] && out->n > 1) {
		/* Two indexes: merge by score, exact identifiers first; keep the limit. */
		qsort(out->items, out->n, sizeof *out->items, cmp_score);
		while (out->n > (size_t)limit)
			hc_hit_release(&out->items[--out->n]);
	}
	return rc;
}

int search_run(struct store *st, const char *query, int limit, hc_hit_list *out)
{
	struct word *words;
	int n, lo, hi, rc;

	while (*query == ' ')
		query++;
	if (code_pattern(query, &lo, &hi))
		return run_pattern(st, lo, hi, limit, out);
	words = calloc(MAX_WORDS, sizeof *words);
	if (!words)
		return -1;
	n = split_words(query, words);
	rc = n ? search_pass(st, words, n, 0, limit, out) : 0;
	if (rc == 0 && n && out->n < FEW_RESULTS) {
		/* Little found: try again, forgiving one-edit typos and one-syllable pinyin. */
		hc_hit_list more = { 0 };
		rc = search_pass(st, words, n, 1, limit, &more);
		if (rc == 0 && more.n > out->n) {
			hc_hit_list_release(out);
			*out = more;
		} else {
			hc_hit_list_release(&more);
		}
	}
	free(words);
	return rc;
}
