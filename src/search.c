/* Queries over the search index: user text becomes an FTS5 expression in which every term is
 * a quoted phrase (no input can be an FTS5 syntax error), with alternatives for pinyin,
 * pinyin initials and, when the exact search finds little, one-edit typos. */
#include "search.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>
#include <time.h>

#include <sqlite3.h>

#include "index.h"
#include "pinyin.h"
#include "text.h"
#include "tokenize.h"

#define MAX_WORDS 16
#define MAX_WORD_BYTES 256
#define MAX_TYPO_CANDIDATES 8
/* Above this many matches, order cheaply by rowid rather than scoring every match with bm25.
 * The built-in index is small enough to score in full; a user's may have 100,000 rows. */
#define BROAD_LIMIT_MAIN 400
#define BROAD_LIMIT_USER 250
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
	int is_term;                    /* the word begins a term of the built-in index */
	char completions[16][TOK_MAX + 1]; /* those terms, when few (for a large user index) */
	int ncompletions;
	char typos[MAX_TYPO_CANDIDATES][TOK_MAX + 1];
	int ntypos;
};

/* Does the word end in a character after which typing may go on (a prefix makes sense)? */
static int prefixable(const struct word *w)
{
	unsigned char c = (unsigned char)w->text[w->len - 1];
	return isalnum(c) || c >= 0x80;
}

/* The syllables that start with s[0..n): their range [*lo, *hi) in pinyin_syllables. */
static void syllable_range(const char *s, size_t n, size_t *lo, size_t *hi)
{
	size_t a = 1, b = pinyin_syllable_count + 1;
	while (a < b) { /* first syllable >= s[0..n) */
		size_t mid = (a + b) / 2;
		if (strncmp(pinyin_syllables[mid], s, n) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (a <= pinyin_syllable_count && strncmp(pinyin_syllables[a], s, n) == 0)
		a++;
	*hi = a;
}

#define MAX_COMPLETIONS 24

/* Pinyin syllables as a phrase of marked tokens. While typing, the last syllable may be
 * unfinished: rather than a prefix query (which FTS5 answers by merging every matching term's
 * postings up front), each syllable it can become is its own phrase, taken lazily. */
static void add_marked_phrase(struct strbuf *sb, char marker, const char *w, const size_t *ends,
			      int n, int prefix)
{
	size_t lo = 0, hi = 0, last = n > 1 ? ends[n - 2] : 0;
	int expand = 0;

	/* A marker and up to two letters are in the prefix index (index.c), so only a longer
	 * unfinished syllable is spelled out. */
	if (prefix && ends[n - 1] - last > 2) {
		syllable_range(w + last, ends[n - 1] - last, &lo, &hi);
		expand = hi > lo && hi - lo <= MAX_COMPLETIONS;
	}
	for (size_t k = expand ? lo : 0; k < (expand ? hi : 1); k++) {
		struct strbuf p = STRBUF_INIT;
		size_t start = 0;
		for (int j = 0; j < n; j++) {
			if (j)
				strbuf_addch(&p, ' ');
			strbuf_addch(&p, marker);
			if (expand && j == n - 1)
				strbuf_adds(&p, pinyin_syllables[k]);
			else
				strbuf_add(&p, w + start, ends[j] - start);
			start = ends[j];
		}
		strbuf_adds(sb, " OR ");
		add_quoted(sb, p.buf, p.len);
		if (prefix && !expand)
			strbuf_adds(sb, " *");
		strbuf_release(&p);
	}
}

/* Initials as the index has them, in overlapping pairs: "wgcs" -> wg gc cs. */
static void add_initials(struct strbuf *sb, const char *w, size_t n)
{
	struct strbuf p = STRBUF_INIT;
	for (size_t k = 0; k + 1 < n; k++) {
		if (k)
			strbuf_addch(&p, ' ');
		strbuf_addch(&p, TOK_INITIAL);
		strbuf_add(&p, w + k, 2);
	}
	strbuf_adds(sb, " OR ");
	add_quoted(sb, p.buf, p.len);
	strbuf_release(&p);
}

/* A Chinese phrase the texts do not hold word for word ("找不到资源", "token过期") is cut into
 * its characters (and ASCII words), which must all occur close together, in any order:
 * NEAR("找" "不" "到" "资" "源"). There is no word segmenter to cut it better, and a
 * character is a token. Only on the second pass (the whole phrase is always tried first) and
 * only in the built-in index: in a user index of 100,000 rows it costs 10 ms a keystroke. */
#define MAX_PIECES 12
struct pieces {
	int start[MAX_PIECES], end[MAX_PIECES];
	int n, cjk, full;
};

static int add_piece(void *ctx, int flags, const char *t, int len, int s, int e)
{
	struct pieces *p = ctx;
	uint32_t cp = 0;
	utf8_decode(t, (size_t)len, &cp);
	if (flags & TOK_COLOCATED)
		return 0;
	if (p->n == MAX_PIECES) {
		p->full = 1;
		return 1;
	}
	p->start[p->n] = s;
	p->end[p->n++] = e;
	p->cjk |= tok_is_cjk(cp);
	return 0;
}

static void add_cjk_pieces(struct strbuf *sb, const struct word *w)
{
	struct pieces p = { 0 };
	tokenize(w->text, (int)w->len, TOK_QUERY, add_piece, &p);
	if (!p.cjk || p.full || p.n < 2)
		return;
	strbuf_adds(sb, " OR NEAR(");
	for (int i = 0; i < p.n; i++) {
		if (i)
			strbuf_addch(sb, ' ');
		add_quoted(sb, w->text + p.start[i], (size_t)(p.end[i] - p.start[i]));
	}
	strbuf_addf(sb, ", %d)", 2 * p.n + 4);
}

/* One word's alternatives: the word itself, its pinyin reading, its pinyin initials, and (on
 * the second pass) one-syllable pinyin, typo candidates and Chinese in pieces. */
static void add_word(struct strbuf *sb, const struct word *w, int second_pass, int large)
{
	int prefix = w->is_last && prefixable(w);
	size_t ends[MAX_WORD_BYTES];
	int n;

	strbuf_addch(sb, '(');
	if (prefix && large && w->ncompletions > 0) {
		/* In a large index a long prefix is costly (FTS5 merges every matching term's
		 * postings first): the words it can become, as whole terms, are read lazily. */
		for (int k = 0; k < w->ncompletions; k++) {
			if (k)
				strbuf_adds(sb, " OR ");
			add_quoted(sb, w->completions[k], strlen(w->completions[k]));
		}
	} else {
		add_quoted(sb, w->text, w->len);
		if (prefix)
			strbuf_adds(sb, " *");
	}
	if (all_alpha(w->lower, w->len)) {
		n = pinyin_segment(w->lower, w->len, prefix, ends, 8);
		/* A word that begins a word we know ("can", "timeout") is read as pinyin only when
		 * the search finds little; "chaoshi" and "wangguan" begin none, so they are. */
		if (n >= 1 && (second_pass || !w->is_term))
			add_marked_phrase(sb, TOK_PINYIN, w->lower, ends, n, prefix);
		if (w->len >= 2 && w->len <= 6 && (second_pass || !w->is_term))
			add_initials(sb, w->lower, w->len);
	}
	if (second_pass && !large)
		add_cjk_pieces(sb, w); /* in a large index every character is common: too slow */
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
		return 1; /* equal, or one extra letter at the end */
	if (la == lb) {
		if (strcmp(a + i + 1, b + i + 1) == 0)
			return 1;
		return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       strcmp(a + i + 2, b + i + 2) == 0;
	}
	return la > lb ? strcmp(a + i + 1, b + i) == 0 : strcmp(a + i, b + i + 1) == 0;
}

static void consider_term(struct word *w, const char *t, size_t tl)
{
	if (w->ntypos == MAX_TYPO_CANDIDATES || tl < 4 || tl > TOK_MAX)
		return;
	if (tl == w->len && memcmp(t, w->lower, tl) == 0)
		return;
	for (int k = 0; k < w->ntypos; k++)
		if (strcmp(w->typos[k], t) == 0)
			return;
	if (within_one_edit(w->lower, w->len, t, tl))
		memcpy(w->typos[w->ntypos++], t, tl + 1);
}

/* The built-in index's words (ASCII letters, 4 or more), sorted; read once per connection,
 * since the built-in data never changes while we run. */
struct vocab {
	sqlite3 *db;
	char **terms;
	size_t n;
};
static struct vocab vocab;

static void vocab_load(sqlite3 *db)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	if (vocab.db == db)
		return;
	for (size_t i = 0; i < vocab.n; i++)
		free(vocab.terms[i]);
	free(vocab.terms);
	memset(&vocab, 0, sizeof vocab);
	vocab.db = db;
	sqlite3_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_main "
		     "USING fts5vocab('main', 'search_fts', 'row')", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db, "SELECT term FROM temp.vocab_main WHERE term >= 'a' AND term < '{'"
				   " AND length(term) >= 4", -1, &q, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);
		size_t len = (size_t)sqlite3_column_bytes(q, 0);
		if (len > TOK_MAX || !all_alpha(t, len))
			continue;
		if (vocab.n == cap) {
			char **p = realloc(vocab.terms, (cap = cap ? cap * 2 : 4096) * sizeof *p);
			if (!p)
				break;
			vocab.terms = p;
		}
		vocab.terms[vocab.n] = strdup(t);
		if (vocab.terms[vocab.n])
			vocab.n++;
	}
	sqlite3_finalize(q);
}

/* The first term >= s, by binary search. */
static size_t vocab_lower(const char *s)
{
	size_t lo = 0, hi = vocab.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(vocab.terms[mid], s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Candidates one edit away: such a term starts with the word's first or second letter, or
 * has one of them as its own second letter; a few narrow ranges of the sorted terms. */
static void find_typos_of(struct word *w)
{
	char lo[3];
	for (int pass = 0; pass < 2; pass++) {
		for (int c = 'a' - 1; c <= 'z'; c++) {
			size_t len;
			if (c < 'a') {
				lo[0] = w->lower[pass], lo[1] = '\0', len = 1;
			} else {
				lo[0] = (char)c, lo[1] = w->lower[pass], lo[2] = '\0', len = 2;
			}
			for (size_t i = vocab_lower(lo); i < vocab.n && strncmp(vocab.terms[i], lo, len) == 0; i++)
				consider_term(w, vocab.terms[i], strlen(vocab.terms[i]));
		}
	}
}

static void find_typos(sqlite3 *db, struct word *words, int n)
{
	int want = 0;
	/* A word that begins a known term is being typed, not mistyped. */
	for (int i = 0; i < n; i++)
		want |= words[i].len >= 4 && all_alpha(words[i].lower, words[i].len) && !words[i].is_term;
	if (!want)
		return;
	vocab_load(db);
	for (int i = 0; i < n; i++)
		if (words[i].len >= 4 && all_alpha(words[i].lower, words[i].len) && !words[i].is_term)
			find_typos_of(&words[i]);
}

/* The built-in terms that a word being typed can become, if there are at most 16. */
static void find_completions(sqlite3 *db, struct word *w, const char *end)
{
	sqlite3_stmt *q;
	int n = 0;
	if (sqlite3_prepare_v2(db, "SELECT term FROM temp.vocab_main WHERE term >= ?1 AND term < ?2 LIMIT 17",
			       -1, &q, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(q, 1, w->lower, (int)w->len, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, end, (int)w->len, SQLITE_STATIC);
	while (sqlite3_step(q) == SQLITE_ROW && n < 17) {
		if (n < 16 && (size_t)sqlite3_column_bytes(q, 0) <= TOK_MAX)
			memcpy(w->completions[n], sqlite3_column_text(q, 0), (size_t)sqlite3_column_bytes(q, 0) + 1);
		n++;
	}
	sqlite3_finalize(q);
	w->ncompletions = n <= 16 ? n : 0; /* too many: the prefix it is */
}

/* Mark the words that begin a term of the built-in index (one look-up each). */
static void find_known_terms(sqlite3 *db, struct word *words, int n)
{
	sqlite3_stmt *q = NULL;
	sqlite3_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_main "
		     "USING fts5vocab('main', 'search_fts', 'row')", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM temp.vocab_main WHERE term >= ?1 AND term < ?2 LIMIT 1",
			       -1, &q, NULL) != SQLITE_OK)
		return;
	for (int i = 0; i < n; i++) {
		char end[MAX_WORD_BYTES + 1];
		if (words[i].len == 0 || !all_alpha(words[i].lower, words[i].len))
			continue;
		memcpy(end, words[i].lower, words[i].len);
		end[words[i].len - 1]++; /* the first string past every word with this start */
		sqlite3_bind_text(q, 1, words[i].lower, (int)words[i].len, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, end, (int)words[i].len, SQLITE_STATIC);
		words[i].is_term = sqlite3_step(q) == SQLITE_ROW;
		sqlite3_reset(q);
		if (words[i].is_term && words[i].is_last && words[i].len >= 4)
			find_completions(db, &words[i], end);
	}
	sqlite3_finalize(q);
}

/* ---- running ------------------------------------------------------------------------------ */

/* The FTS5 expression for the words; returns 0 if no word has anything to search for.
 * names_only keeps to the codes and names: a single letter found in the long texts (or keywords) of
 * most rows tells nothing; in names it is the start of what the user is typing. */
static int build_expr(struct strbuf *expr, const struct word *words, int n, int second_pass, int large,
		      int names_only)
{
	int terms = 0;
	if (names_only)
		strbuf_adds(expr, "{ident name_en name_zh} : (");
	for (int i = 0; i < n; i++) {
		if (!has_tokens(&words[i]))
			continue;
		if (terms++)
			strbuf_adds(expr, " AND ");
		add_word(expr, &words[i], second_pass, large);
	}
	if (names_only)
		strbuf_addch(expr, ')');
	return terms;
}

/* Weights of ident, name_en, name_zh, keys, summary_en, summary_zh, body. */
#define BM25 "bm25(search_fts, 12.0, 6.0, 6.0, 4.0, 2.0, 2.0, 1.0)"
#define MARK(col) "highlight(search_fts, " col ", '\x02', '\x03')"

/* A registered status is what most searches are after; then unofficial numbers and what a
 * sender means by one; then business errors (and a user's rows and notes). */
static double kind_weight(int kind, int unofficial)
{
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

/* What ranking needs of each built-in row (main.search_meta, by rowid), read once per
 * connection: the built-in data never changes while we run. */
struct meta_row {
	int kind, code;
	double weight;
	char *ident;
};
static struct {
	sqlite3 *db;
	struct meta_row *rows;
	sqlite3_int64 n;
} meta;

static void meta_load(sqlite3 *db)
{
	sqlite3_stmt *q = NULL;
	sqlite3_int64 n = 0;
	if (meta.db == db)
		return;
	for (sqlite3_int64 i = 0; i < meta.n; i++)
		free(meta.rows[i].ident);
	free(meta.rows);
	memset(&meta, 0, sizeof meta);
	if (sqlite3_prepare_v2(db, "SELECT max(id) FROM main.search_meta", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0) + 1;
	sqlite3_finalize(q);
	if (n <= 0 || n > 10000000 || !(meta.rows = calloc((size_t)n, sizeof *meta.rows)))
		return;
	meta.db = db;
	meta.n = n;
	if (sqlite3_prepare_v2(db, "SELECT id, kind, code, ident, product = 'unofficial' FROM main.search_meta",
			       -1, &q, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct meta_row *r = &meta.rows[sqlite3_column_int64(q, 0)];
		r->kind = sqlite3_column_int(q, 1);
		r->code = sqlite3_column_int(q, 2);
		r->ident = strdup((const char *)sqlite3_column_text(q, 3));
		r->weight = kind_weight(r->kind, sqlite3_column_int(q, 4));
	}
	sqlite3_finalize(q);
}

/* A match before it is fetched: enough to rank it. */
struct cand {
	sqlite3_int64 rowid;
	double score, weight;
	int exact, kind, code;
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
	return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

static int cmp_pick(const void *pa, const void *pb)
{
	const struct index_pick_row *a = pa, *b = pb;
	return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

/* Fetched hits carry their rank in score until they are put in order. */
static int cmp_rank(const void *pa, const void *pb)
{
	const struct hc_hit *a = pa, *b = pb;
	return (a->score > b->score) - (a->score < b->score);
}

/* The matches, up to the broad limit, with what ranks them: for the built-in index from the
 * meta table, for a user's from the index row itself. Returns the count, or -1. */
static int candidates(sqlite3 *db, const char *schema, const char *expr, const char *exact,
		      int broad_limit, struct cand *c)
{
	int builtin = strcmp(schema, "main") == 0, n = 0, rc;
	sqlite3_stmt *q = NULL;
	char *sql = sqlite3_mprintf("SELECT rowid%s FROM \"%w\".search_fts WHERE search_fts MATCH ?1 LIMIT %d",
				    builtin ? "" : ", ident = ?2, kind, code", schema, broad_limit + 1);
	rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
	if (!builtin)
		sqlite3_bind_text(q, 2, exact, -1, SQLITE_STATIC);
	if (builtin)
		meta_load(db);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && n <= broad_limit) {
		struct cand *k = &c[n++];
		k->rowid = sqlite3_column_int64(q, 0);
		if (!builtin) {
			k->exact = sqlite3_column_int(q, 1);
			k->kind = sqlite3_column_int(q, 2);
			k->code = sqlite3_column_int(q, 3);
			k->weight = kind_weight(k->kind, 0);
		} else if (k->rowid >= 0 && k->rowid < meta.n) {
			const struct meta_row *m = &meta.rows[k->rowid];
			k->exact = m->ident && strcmp(m->ident, exact) == 0;
			k->kind = m->kind;
			k->code = m->code;
			k->weight = m->weight;
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : -1;
}

/* bm25 with column weights for every match, in one pass (one cursor, so bm25's statistics
 * of the whole index are gathered once); the rows come in the same rowid order as before. */
static void score(sqlite3 *db, const char *schema, const char *expr, struct cand *c, int n)
{
	sqlite3_stmt *q = NULL;
	char *sql = sqlite3_mprintf("SELECT -" BM25 " FROM \"%w\".search_fts WHERE search_fts MATCH ?1", schema);
	int k = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
		while (k < n && sqlite3_step(q) == SQLITE_ROW) {
			c[k].score = sqlite3_column_double(q, 0) * c[k].weight;
			k++;
		}
	}
	sqlite3_finalize(q);
	sqlite3_free(sql);
}

/* Read and highlight the ranked rows c[0..n), in one more pass over the matches that loads
 * only those rows; append them to out in rank order. */
static int fetch(struct store *st, const char *schema, const char *expr, const struct cand *c, int n,
		 hc_hit_list *out)
{
	sqlite3_stmt *q = NULL;
	struct index_pick pick = { calloc((size_t)n + 1, sizeof *pick.rows), n };
	hc_hit_list got = { 0 };
	int rc;

	if (n == 0) {
		free(pick.rows);
		return 0;
	}
	char *sql = sqlite3_mprintf(
		"SELECT kind, code, hc_pick(rowid, ?2), source, CASE kind WHEN 1 THEN '' ELSE product END,"
		"  ident, name_en, name_zh, summary_en, summary_zh, "
		MARK("0") ", " MARK("1") ", " MARK("2") ", " MARK("4") ", " MARK("5")
		" FROM \"%w\".search_fts WHERE search_fts MATCH ?1 AND hc_pick(rowid, ?2) IS NOT NULL", schema);

	rc = pick.rows ? sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		free(pick.rows);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		pick.rows[i].rowid = c[i].rowid;
		pick.rows[i].rank = i;
	}
	qsort(pick.rows, (size_t)n, sizeof *pick.rows, cmp_pick);
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_pointer(q, 2, &pick, "hc_pick", NULL);
	while (got.n < (size_t)n && (rc = store_hit_step(st, q, &got)) > 0)
		;
	sqlite3_finalize(q);
	free(pick.rows);
	/* In rank order, each with its score. */
	if (got.n > 1)
		qsort(got.items, got.n, sizeof *got.items, cmp_rank);
	for (size_t i = 0; i < got.n; i++)
		got.items[i].score = c[(int)got.items[i].score].score;
	hc_hit_list_move(out, &got);
	return rc < 0 ? -1 : 0;
}

/* The matches (rowid and what ranks them) up to the broad limit; ranked by bm25 unless they
 * are too many, or the query a single letter (very broad by nature), when rowid order (the
 * registered statuses first) is the cheap order; then only the rows shown are fetched and
 * highlighted. */
static int run_expr(struct store *st, const char *schema, const char *expr, const char *exact,
		    int limit, int one_letter, hc_hit_list *out)
{
	double t0 = tracing() ? now_ms() : 0;
	sqlite3 *db = store_db(st);
	int broad_limit = strcmp(schema, "main") == 0 ? BROAD_LIMIT_MAIN : BROAD_LIMIT_USER;
	struct cand *c = calloc((size_t)broad_limit + 1, sizeof *c);
	int n, broad, rc;

	if (!c)
		return -1;
	n = candidates(db, schema, expr, exact, broad_limit, c);
	if (n < 0) {
		free(c);
		store_set_error(st, "cannot search");
		return -1;
	}
	broad = n > broad_limit || one_letter;
	if (n > broad_limit)
		n = broad_limit;
	if (!broad && n > 0)
		score(db, schema, expr, c, n);
	qsort(c, (size_t)n, sizeof *c, broad ? cmp_exact_then_rowid : cmp_cand);
	if (n > limit)
		n = limit;
	rc = fetch(st, schema, expr, c, n, out);
	if (rc != 0)
		store_set_error(st, "cannot search");
	if (tracing()) {
		struct strbuf shown = STRBUF_INIT;
		for (const char *p = expr; *p; p++)
			strbuf_adds(&shown, *p == TOK_PINYIN ? "^py:" : *p == TOK_INITIAL ? "^in:" : (char[2]){ *p, 0 });
		fprintf(stderr, "search: %s%s %.3f ms: %s\n", schema, broad ? " (broad)" : "",
			now_ms() - t0, shown.buf);
		strbuf_release(&shown);
	}
	free(c);
	return rc;
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
	int rc = 0, one_letter = n == 1 && words[0].len == 1 && (unsigned char)words[0].text[0] < 0x80;

	snprintf(exact, sizeof exact, "%s", n == 1 ? words[0].text : "");
	/* Typo candidates from the built-in vocabulary only: it holds the words people mistype,
	 * and a user's index may be large enough to make reading its vocabulary slow. The
	 * candidates are then searched in both. */
	if (second_pass)
		find_typos(store_db(st), words, n);
	for (int s = 0; s < 2 && schemas[s] && rc == 0; s++) {
		size_t before = out->n;
		double best = 0;
		strbuf_reset(&expr);
		if (build_expr(&expr, words, n, second_pass, s == 1, one_letter && !second_pass) == 0)
			break;
		rc = run_expr(st, schemas[s], expr.buf, exact, limit, one_letter, out);
		if (!schemas[1])
			break;
		/* bm25 of two indexes of very different sizes cannot be compared (in a small one
		 * every term is common and scores near zero): each is scaled by its own best, and
		 * the user's own rows, being what a team looks up, get a slight edge. */
		for (size_t i = before; i < out->n; i++)
			best = out->items[i].score > best ? out->items[i].score : best;
		for (size_t i = before; i < out->n; i++)
			out->items[i].score = (best > 0 ? out->items[i].score / best : 1.0) * (s ? 1.1 : 1.0);
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
	find_known_terms(store_db(st), words, n);
	rc = n ? search_pass(st, words, n, 0, limit, out) : 0;
	if (rc == 0 && n && out->n < FEW_RESULTS && !(out->n && strcasecmp(out->items[0].ident, query) == 0)) {
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
