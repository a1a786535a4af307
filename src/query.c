/* query: user text becomes an FTS5 expression in which every term is a quoted phrase (no
 * input can be an FTS5 syntax error), with alternatives for pinyin, pinyin initials and, when
 * the exact search finds little, one-edit typos. No database here: the store supplies what it
 * knows of its vocabulary, and runs the expression. */
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most this many syllables an unfinished one can become are spelled out (see
 * add_marked_phrase); more, and the prefix it is. */
#define MAX_SYLLABLE_COMPLETIONS 24
#define MAX_SYLLABLES 8

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

/* Does the word end in a character after which typing may go on (a prefix makes sense)? */
static int prefixable(const struct query_word *w)
{
	unsigned char c = (unsigned char)w->text[w->len - 1];
	return isalnum(c) || c >= 0x80;
}

/* Pinyin syllables as a phrase of marked tokens. While typing, the last syllable may be
 * unfinished: rather than a prefix query (which FTS5 answers by merging every matching term's
 * postings up front), each syllable it can become is its own phrase, taken lazily. */
static void add_marked_phrase(struct strbuf *sb, char marker, const char *w, const size_t *ends,
			      int n, int prefix)
{
	const char *syllables[MAX_SYLLABLE_COMPLETIONS];
	size_t count = 0, last = n > 1 ? ends[n - 2] : 0;
	int expand = 0;

	/* A marker and up to two letters are in the prefix index (store_index.c), so only a
	 * longer unfinished syllable is spelled out. */
	if (prefix && ends[n - 1] - last > 2) {
		count = pinyin_completions(w + last, ends[n - 1] - last, syllables, MAX_SYLLABLE_COMPLETIONS);
		expand = count > 0 && count <= MAX_SYLLABLE_COMPLETIONS;
	}
	for (size_t k = 0; k < (expand ? count : 1); k++) {
		struct strbuf p = STRBUF_INIT;
		size_t start = 0;
		for (int j = 0; j < n; j++) {
			if (j)
				strbuf_addch(&p, ' ');
			strbuf_addch(&p, marker);
			if (expand && j == n - 1)
				strbuf_adds(&p, syllables[k]);
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

static void add_cjk_pieces(struct strbuf *sb, const struct query_word *w)
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

/* In the relaxed expression, a Chinese phrase no row holds whole ("登录态失效", the rest of a
 * question) is asked for as its pairs of neighbouring characters too (登录 录态 态失 失效): with
 * no word segmenter, a row that holds most of the pairs is the one the phrase is about, and
 * bm25 ranks it so. Adjacent characters only, so the pairs are the phrase's own. */
static void add_cjk_pairs(struct strbuf *sb, const struct query_word *w)
{
	struct pieces p = { 0 };
	tokenize(w->text, (int)w->len, TOK_QUERY, add_piece, &p);
	if (!p.cjk || p.n < 3)
		return;
	for (int i = 0; i + 1 < p.n; i++) {
		uint32_t a = 0, b = 0;
		utf8_decode(w->text + p.start[i], (size_t)(p.end[i] - p.start[i]), &a);
		utf8_decode(w->text + p.start[i + 1], (size_t)(p.end[i + 1] - p.start[i + 1]), &b);
		if (p.end[i] != p.start[i + 1] || !tok_is_cjk(a) || !tok_is_cjk(b))
			continue;
		strbuf_adds(sb, " OR ");
		add_quoted(sb, w->text + p.start[i], (size_t)(p.end[i + 1] - p.start[i]));
	}
}

/* The same for a word of three words or more run together by punctuation, pasted from an
 * error ("net::ERR_CONNECTION_RESET"): its words, each on its own. Two are left as they are:
 * those are identifiers (DEADLINE_EXCEEDED, Account.Arrearage), found whole or not at all. */
static void add_ascii_pieces(struct strbuf *sb, const struct query_word *w)
{
	struct pieces p = { 0 };
	tokenize(w->text, (int)w->len, TOK_QUERY, add_piece, &p);
	if (p.cjk || p.n < 3)
		return;
	for (int i = 0; i < p.n; i++) {
		strbuf_adds(sb, " OR ");
		add_quoted(sb, w->text + p.start[i], (size_t)(p.end[i] - p.start[i]));
	}
}

int query_last_is_prefix(const struct query_word *words, int n)
{
	return n > 0 && words[n - 1].is_last && words[n - 1].len >= 2 && all_alpha(words[n - 1].lower, words[n - 1].len);
}

int query_can_relax(const struct query_word *words, int n)
{
	struct pieces p = { 0 };
	if (n != 1)
		return n > 1;
	tokenize(words[0].text, (int)words[0].len, TOK_QUERY, add_piece, &p);
	return p.n >= 3;
}

/* One word's alternatives: the word itself, its pinyin reading, its pinyin initials, and (on
 * the second pass) one-syllable pinyin, typo candidates and Chinese in pieces. */
static void add_word(struct strbuf *sb, const struct query_word *w, int second_pass, int index)
{
	int prefix = w->is_last && prefixable(w) && !(index & QUERY_WHOLE), large = index & QUERY_LARGE;
	size_t ends[MAX_SYLLABLES];
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
	if (index & QUERY_LEAN) {
		for (int k = 0; k < w->nhanzi && (second_pass || !w->is_term); k++) {
			strbuf_adds(sb, " OR ");
			add_quoted(sb, w->hanzi[k], strlen(w->hanzi[k]));
		}
	} else if (all_alpha(w->lower, w->len)) {
		n = pinyin_segment(w->lower, w->len, prefix, ends, MAX_SYLLABLES);
		/* A word that begins a word we know ("can", "timeout") is read as pinyin only when
		 * the search finds little; "chaoshi" and "wangguan" begin none, so they are. */
		if (n >= 1 && (second_pass || !w->is_term))
			add_marked_phrase(sb, TOK_PINYIN, w->lower, ends, n, prefix);
		if (w->len >= 2 && w->len <= 6 && (second_pass || !w->is_term))
			add_initials(sb, w->lower, w->len);
	}
	if (second_pass && !large)
		add_cjk_pieces(sb, w); /* in a large index every character is common: too slow */
	if (index & QUERY_ANY) {
		add_cjk_pairs(sb, w);
		add_ascii_pieces(sb, w);
	}
	for (int t = 0; second_pass && t < w->ntypos; t++) {
		strbuf_adds(sb, " OR ");
		add_quoted(sb, w->typos[t], strlen(w->typos[t]));
	}
	strbuf_addch(sb, ')');
}

int query_split(const char *query, struct query_word words[QUERY_MAX_WORDS])
{
	struct strbuf clean = STRBUF_INIT;
	const char *p;
	int n = 0;

	text_sanitize(&clean, query, 0);
	p = strbuf_str(&clean);
	while (*p && n < QUERY_MAX_WORDS) {
		const char *e;
		while (*p == ' ' || strncmp(p, "\xE3\x80\x80", 3) == 0) /* also U+3000 */
			p += *p == ' ' ? 1 : 3;
		if (!*p)
			break;
		e = p;
		while (*e && *e != ' ' && strncmp(e, "\xE3\x80\x80", 3) != 0)
			e++;
		{
			struct query_word *w = &words[n];
			size_t len = (size_t)(e - p);
			memset(w, 0, sizeof *w);
			if (len > QUERY_WORD_BYTES) {
				len = QUERY_WORD_BYTES;
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

static int has_tokens(const struct query_word *w)
{
	int n = 0;
	tokenize(w->text, (int)w->len, TOK_QUERY, count_token, &n);
	return n > 0;
}

/* ---- what need not match ------------------------------------------------------------------ */

static const struct query_stop *find_stop(const struct query_stops *s, const char *w, size_t len)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (strncmp(s->stops[i].word, w, len) == 0 && s->stops[i].word[len] == '\0')
			return &s->stops[i];
	return NULL;
}

/* A status code at a in lower[s, e): three digits, 100-599, no letter or digit beside them but
 * a plural's s ("lots of 408s") or a capital that begins a word (text, as typed, tells:
 * "401Unauthorized"). Returns how many bytes it takes (3, or 4 with the s), or 0. */
static size_t code_at(const char *t, const char *text, size_t s, size_t e, size_t a)
{
	int v;
	size_t n = 3;
	if (a + 3 > e || !isdigit((unsigned char)t[a]) || !isdigit((unsigned char)t[a + 1]) ||
	    !isdigit((unsigned char)t[a + 2]))
		return 0;
	if (a + 3 < e && t[a + 3] == 's' && (a + 4 == e || !isalnum((unsigned char)t[a + 4])))
		n = 4;
	else if (a + 3 < e && isalnum((unsigned char)t[a + 3]) &&
		 !(text && a + 4 < e && isupper((unsigned char)text[a + 3]) && islower((unsigned char)text[a + 4])))
		return 0;
	if (a > s && isalnum((unsigned char)t[a - 1]))
		return 0;
	v = (t[a] - '0') * 100 + (t[a + 1] - '0') * 10 + (t[a + 2] - '0');
	return v >= 100 && v <= 599 ? n : 0;
}

/* Bytes [s, e) of w as a word of out, unless they are one that need not match; a code inside
 * them becomes a word of its own, and ASCII punctuation at their ends goes ("status=", "(404)"). */
static void emit(struct query_word *out, int *k, const struct query_word *w, size_t s, size_t e,
		 const struct query_stops *stops)
{
	while (s < e && ispunct((unsigned char)w->lower[s]))
		s++;
	while (e > s && ispunct((unsigned char)w->lower[e - 1]))
		e--;
	if (s >= e || *k == QUERY_MAX_WORDS)
		return;
	for (size_t a = s, n; a + 3 <= e; a++) {
		if (!(n = code_at(w->lower, w->text, s, e, a)))
			continue;
		if (a == s && a + 3 == e)
			break;
		emit(out, k, w, s, a, stops);
		emit(out, k, w, a, a + 3, stops);
		emit(out, k, w, a + n, e, stops);
		return;
	}
	if (find_stop(stops, w->lower + s, e - s))
		return;
	struct query_word *o = &out[*k];
	memset(o, 0, sizeof *o);
	memcpy(o->text, w->text + s, e - s);
	memcpy(o->lower, w->lower + s, e - s);
	o->len = e - s;
	o->is_last = w->is_last && e == w->len;
	if (has_tokens(o))
		(*k)++;
}

/* The characters of a word, each a Chinese character or not, a digit or not, dropped or not. */
struct unit {
	size_t s, e;
	int cjk, alnum, digit, drop;
};

/* Mark the Chinese stop words in u[0, n): the longest (up to four characters) first, left to
 * right; then a one-character one beside a number or ASCII word or a dropped word, or at the
 * end if it is a particle, until nothing changes ("有什么": 什么 first, then 有). */
static void mark_cjk_stops(const char *t, struct unit *u, int n, const struct query_stops *stops)
{
	int changed = 1;
	for (int i = 0; i < n;) {
		int k = 4;
		while (k >= 2 && !(i + k <= n && u[i].cjk && u[i + k - 1].cjk &&
				   find_stop(stops, t + u[i].s, u[i + k - 1].e - u[i].s)))
			k--;
		for (int j = 0; k >= 2 && j < k; j++)
			u[i + j].drop = 1;
		i += k >= 2 ? k : 1;
	}
	while (changed) {
		changed = 0;
		for (int i = 0; i < n; i++) {
			const struct query_stop *sw;
			int beside;
			if (!u[i].cjk || u[i].drop || !(sw = find_stop(stops, t + u[i].s, u[i].e - u[i].s)))
				continue;
			beside = (i > 0 && (u[i - 1].alnum || u[i - 1].drop)) ||
				 (i + 1 < n && (u[i + 1].alnum || u[i + 1].drop)) || (sw->final && i + 1 == n);
			if (beside)
				u[i].drop = changed = 1;
		}
	}
}

int query_refine(struct query_word words[QUERY_MAX_WORDS], int n, const struct query_stops *stops)
{
	struct query_word *out = xcalloc(QUERY_MAX_WORDS, sizeof *out);
	struct unit u[QUERY_WORD_BYTES];
	int k = 0;

	for (int i = 0; i < n; i++) {
		const struct query_word *w = &words[i];
		size_t p = 0, start = 0;
		int nu = 0;
		while (p < w->len) {
			uint32_t cp = 0;
			size_t l = utf8_decode(w->lower + p, w->len - p, &cp);
			unsigned char c = (unsigned char)w->lower[p];
			if (l == 0)
				l = 1;
			u[nu] = (struct unit){ p, p + l, tok_is_cjk(cp), c < 0x80 && isalnum(c), c < 0x80 && isdigit(c), 0 };
			nu++;
			p += l;
		}
		mark_cjk_stops(w->lower, u, nu, stops);
		/* The pieces between dropped characters, cut also where digits meet Chinese. */
		for (int j = 0; j <= nu; j++) {
			int cut = j == nu || u[j].drop ||
				  (j > 0 && !u[j - 1].drop && ((u[j].digit && u[j - 1].cjk) || (u[j].cjk && u[j - 1].digit)));
			if (!cut)
				continue;
			if (j > 0 && !u[j - 1].drop)
				emit(out, &k, w, start, u[j - 1].e, stops);
			start = j < nu ? (u[j].drop ? u[j].e : u[j].s) : w->len;
		}
	}
	if (k > 0) {
		memcpy(words, out, (size_t)k * sizeof *out);
		n = k;
	}
	free(out);
	return n;
}

/* ---- phrases a query names ----------------------------------------------------------------- */

/* s[0, n) as its words, each followed by one blank, into out (at most max bytes with the NUL):
 * ASCII letters (lower case), digits and '_' run together; a character of more bytes is a word
 * of its own; anything else separates. Returns the count of words. */
static int words_of(const char *s, size_t n, char *out, size_t max)
{
	size_t o = 0;
	int words = 0, in = 0;
	for (size_t i = 0; i < n && o + 6 < max;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			uint32_t cp = 0;
			size_t l = utf8_decode(s + i, n - i, &cp);
			if (l == 0)
				l = 1;
			if (in)
				out[o++] = ' ';
			memcpy(out + o, s + i, l);
			o += l;
			out[o++] = ' ';
			in = 0;
			words++;
			i += l;
		} else if (isalnum(c) || c == '_') {
			words += !in;
			in = 1;
			out[o++] = (char)tolower(c);
			i++;
		} else {
			if (in)
				out[o++] = ' ';
			in = 0;
			i++;
		}
	}
	if (in)
		out[o++] = ' ';
	out[o] = '\0';
	return words;
}

/* A query is read this far for phrases: a pasted page says what it is near its top. */
#define MENTIONS_MAX 4096

int query_mentions(const char *query, const char *phrases)
{
	size_t n = strnlen(query, MENTIONS_MAX), qn, cap = 2 * n + 8;
	char *q = xcalloc(cap, 1), want[512];
	int found = 0;
	q[0] = ' ';
	if (words_of(query, n, q + 1, cap - 1) == 0) {
		free(q);
		return 0;
	}
	qn = strlen(q);
	for (const char *p = phrases; *p;) {
		const char *e = strchr(p, ';');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		int words = words_of(p, len, want + 1, sizeof want - 1);
		want[0] = ' ';
		/* One word of five letters or more, or two words and more: fewer says too little. */
		if ((words > 1 || strlen(want) >= 7) && strlen(want) <= qn && strstr(q, want)) {
			found = 1;
			break;
		}
		p += len + (e != NULL);
	}
	free(q);
	return found;
}

/* ---- comparisons by name -------------------------------------------------------------------- */

/* Is s[at, at + n) a whole word (no ASCII letter or digit on either side)? */
static int whole_at(const char *s, size_t at, size_t n)
{
	return (at == 0 || !isalnum((unsigned char)s[at - 1])) && !isalnum((unsigned char)s[at + n]);
}

/* Where the word w is in s as a whole word (ASCII) or anywhere (Chinese), from 0; -1: not there. */
static long find_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(s, w); p; p = strstr(p + 1, w))
		if ((unsigned char)w[0] >= 0x80 || whole_at(s, (size_t)(p - s), n))
			return p - s;
	return -1;
}

/* Copy s[0, n) into out (cap bytes), blanks trimmed; is anything left? */
static int side(const char *s, size_t n, char *out, size_t cap)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= cap)
		return 0;
	memcpy(out, s, n);
	out[n] = '\0';
	return 1;
}

int query_comparison(const char *query, char *a, char *b, size_t cap)
{
	static const char *const says[] = { "vs", "vs.", "versus", "difference", "differences", "different",
					    "differ", "compare", "compared", "comparison", "区别", "差别",
					    "不同", "差异", "对比", "比较" };
	/* In order: the sure ones first; "and" and "or" last, as a sentence may hold them too. */
	static const char *const joins[] = { "vs.", "vs", "versus", "和", "与", "跟", "还是", "或者", "对比",
					     "and", "or" };
	char low[512] = { 0 };
	size_t n = strnlen(query, sizeof low - 1);
	int compares = 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)query[i]);
	low[n] = '\0';
	for (size_t i = 0; i < sizeof says / sizeof says[0] && !compares; i++)
		compares = find_word(low, says[i]) >= 0;
	if (!compares)
		return 0;
	for (size_t i = 0; i < sizeof joins / sizeof joins[0]; i++) {
		long at = find_word(low, joins[i]);
		size_t jl = strlen(joins[i]);
		if (at < 0)
			continue;
		if (side(query, (size_t)at, a, cap) && side(query + at + jl, n - (size_t)at - jl, b, cap))
			return 1;
	}
	return 0;
}

int query_word_code(const struct query_word *w)
{
	return w->len == 3 && code_at(w->lower, NULL, 0, 3, 0) ? atoi(w->lower) : 0;
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

static void consider_term(struct query_word *w, const char *t, size_t tl)
{
	if (w->ntypos == QUERY_MAX_TYPOS || tl < 4 || tl > TOK_MAX || !all_alpha(t, tl))
		return;
	if (tl == w->len && memcmp(t, w->lower, tl) == 0)
		return;
	for (int k = 0; k < w->ntypos; k++)
		if (strcmp(w->typos[k], t) == 0)
			return;
	if (within_one_edit(w->lower, w->len, t, tl))
		memcpy(w->typos[w->ntypos++], t, tl + 1);
}

/* A term within one edit of the word becomes one of its candidates; the look-up goes on. */
static int consider_each(void *arg, const char *t, size_t tl)
{
	consider_term(arg, t, tl);
	return 0;
}

/* Candidates one edit away: such a term starts with the word's first or second letter, or
 * has one of them as its own second letter; a few narrow ranges of the sorted terms. */
static void find_typos_of(struct query_word *w, const struct query_vocab *v)
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
			v->terms_with(v->ctx, lo, len, consider_each, w);
		}
	}
}

static int wants_typos(const struct query_word *w)
{
	return w->len >= 4 && all_alpha(w->lower, w->len) && !w->is_term;
}

int query_wants_typos(const struct query_word *words, int n)
{
	for (int i = 0; i < n; i++)
		if (wants_typos(&words[i]))
			return 1;
	return 0;
}

void query_find_typos(struct query_word *words, int n, const struct query_vocab *v)
{
	for (int i = 0; i < n; i++)
		if (wants_typos(&words[i]))
			find_typos_of(&words[i], v);
}

/* ---- vocabularies ------------------------------------------------------------------------- */

void query_terms_with(void *ctx, const char *prefix, size_t len, query_term_fn each, void *arg)
{
	const struct query_terms *t = ctx;
	size_t lo = 0, hi = t->n;
	/* The first term not below the prefix, by binary search; those it begins follow it. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strncmp(t->terms[mid], prefix, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->n && strncmp(t->terms[lo], prefix, len) == 0; lo++)
		if (each(arg, t->terms[lo], strlen(t->terms[lo])))
			return;
}

/* ---- known terms -------------------------------------------------------------------------- */

/* A word's look-up: the terms it begins, counted up to max; copied as completions when more
 * than the first is asked for. */
struct begun {
	struct query_word *w;
	int n, max;
};

static int take_term(void *arg, const char *t, size_t tl)
{
	struct begun *b = arg;
	if (b->max > 1 && b->n < QUERY_MAX_COMPLETIONS && tl <= TOK_MAX) {
		memcpy(b->w->completions[b->n], t, tl);
		b->w->completions[b->n][tl] = '\0';
	}
	return ++b->n >= b->max;
}

void query_find_terms(struct query_word *words, int n, const struct query_vocab *v)
{
	for (int i = 0; i < n; i++) {
		struct query_word *w = &words[i];
		/* Whether the word begins a term takes one; the last word's completions, one more
		 * than may be spelled out, to tell few from too many (the prefix it is, then). */
		int complete = w->is_last && w->len >= 4;
		struct begun b = { w, 0, complete ? QUERY_MAX_COMPLETIONS + 1 : 1 };
		if (!all_alpha(w->lower, w->len))
			continue;
		v->terms_with(v->ctx, w->lower, w->len, take_term, &b);
		w->is_term = b.n > 0;
		if (complete)
			w->ncompletions = b.n <= QUERY_MAX_COMPLETIONS ? b.n : 0;
	}
}

/* ---- pinyin in a lean index ---------------------------------------------------------------- */

/* Sequences of characters as they grow a character a step, each with its last character (to
 * join the next pair on). More are kept while joining than are asked for at the end: the
 * first pairs of a common reading need not be the ones that go on. */
#define GROW_MAX 256
#define SCAN_MAX 4096 /* rows of the readings read for one pair, at most */
struct grown {
	char seq[GROW_MAX][QUERY_HANZI_BYTES + 1];
	uint32_t last[GROW_MAX];
	int n;
};

struct step {
	struct grown *from;     /* NULL: the first pair (or a lone syllable) */
	struct grown *to;
	int lone;               /* a lone syllable: rows of one character only */
	int scanned;
	struct ending {
		uint32_t last;
		int seq;
	} order[GROW_MAX];      /* from's sequences by their last character */
};

static uint32_t first_cp(const char *s, size_t n, size_t *len)
{
	uint32_t cp = 0;
	*len = utf8_decode(s, n, &cp);
	return cp;
}

static void grow_add(struct grown *g, const char *a, size_t an, const char *b, size_t bn, uint32_t last)
{
	if (g->n == GROW_MAX || an + bn > QUERY_HANZI_BYTES)
		return;
	memcpy(g->seq[g->n], a, an);
	memcpy(g->seq[g->n] + an, b, bn);
	g->seq[g->n][an + bn] = '\0';
	g->last[g->n++] = last;
}

/* One row of the readings ("\x01wang guan\tXY"): a new sequence XY, or the sequences that
 * end in X, each with Y after it. */
static int take_row(void *arg, const char *term, size_t tl)
{
	struct step *st = arg;
	const char *tab = memchr(term, '\t', tl), *chars;
	size_t n1, n2, clen;
	uint32_t c1, c2;

	if (++st->scanned > SCAN_MAX || st->to->n == GROW_MAX)
		return 1;
	if (!tab || (st->lone && memchr(term, ' ', (size_t)(tab - term))))
		return 0;
	chars = tab + 1;
	clen = (size_t)(term + tl - chars);
	c1 = first_cp(chars, clen, &n1);
	if (st->lone) {
		if (n1 == clen)
			grow_add(st->to, chars, clen, "", 0, c1);
		return 0;
	}
	c2 = first_cp(chars + n1, clen - n1, &n2);
	if (n1 + n2 != clen)
		return 0;
	if (!st->from) {
		grow_add(st->to, chars, clen, "", 0, c2);
		return 0;
	}
	/* The sequences ending in c1, found by halving: from is sorted by its last characters. */
	int lo = 0, hi = st->from->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (st->order[mid].last < c1)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < st->from->n && st->order[lo].last == c1; lo++) {
		const char *s = st->from->seq[st->order[lo].seq];
		grow_add(st->to, s, strlen(s), chars + n1, n2, c2);
	}
	return 0;
}

static int cmp_ending(const void *a, const void *b)
{
	uint32_t x = ((const struct ending *)a)->last, y = ((const struct ending *)b)->last;
	return (x > y) - (x < y);
}

/* The sequences of keys[0..n) (each a marker and one syllable, or two joined by a space, or
 * two initials), joined pair by pair; prefix: the last key is the start of one. Adds them to
 * the word's hanzi. */
static void find_chain(struct query_word *w, const struct query_vocab *v, char keys[][2 * TOK_MAX],
		       int n, int lone, int prefix)
{
	struct grown *a = xcalloc(1, sizeof *a), *b = xcalloc(1, sizeof *b);
	struct step st;

	for (int k = 0; k < n; k++) {
		char key[2 * TOK_MAX + 1];
		size_t len = strlen(keys[k]);
		memset(&st, 0, sizeof st);
		st.from = k ? a : NULL;
		st.to = b;
		st.lone = lone;
		b->n = 0;
		if (k) {
			for (int i = 0; i < a->n; i++)
				st.order[i] = (struct ending){ a->last[i], i };
			qsort(st.order, (size_t)a->n, sizeof st.order[0], cmp_ending);
		}
		memcpy(key, keys[k], len);
		if (!(prefix && k == n - 1))
			key[len++] = '\t'; /* the whole syllable, not one it begins */
		v->terms_with(v->ctx, key, len, take_row, &st);
		struct grown *t = a;
		a = b;
		b = t;
		if (!a->n)
			break;
	}
	for (int i = 0; i < a->n && w->nhanzi < QUERY_MAX_HANZI; i++) {
		int seen = 0;
		for (int j = 0; j < w->nhanzi && !seen; j++)
			seen = strcmp(w->hanzi[j], a->seq[i]) == 0;
		if (!seen)
			memcpy(w->hanzi[w->nhanzi++], a->seq[i], strlen(a->seq[i]) + 1);
	}
	free(a);
	free(b);
}

void query_find_hanzi(struct query_word *words, int n, const struct query_vocab *v)
{
	for (int i = 0; i < n; i++) {
		struct query_word *w = &words[i];
		char keys[MAX_SYLLABLES][2 * TOK_MAX];
		size_t ends[MAX_SYLLABLES], start = 0;
		int prefix = w->is_last && prefixable(w), ns;

		w->nhanzi = 0;
		if (!all_alpha(w->lower, w->len))
			continue;
		ns = pinyin_segment(w->lower, w->len, prefix, ends, MAX_SYLLABLES);
		if (ns == 1) {
			snprintf(keys[0], sizeof keys[0], "%c%.*s", TOK_PINYIN, (int)ends[0], w->lower);
			find_chain(w, v, keys, 1, 1, prefix);
		} else if (ns > 1) {
			/* Syllables a b c: the pairs "a b" and "b c". */
			for (int k = 0; k + 1 < ns; k++) {
				size_t mid = ends[k];
				snprintf(keys[k], sizeof keys[k], "%c%.*s %.*s", TOK_PINYIN, (int)(mid - start),
					 w->lower + start, (int)(ends[k + 1] - mid), w->lower + mid);
				start = mid;
			}
			find_chain(w, v, keys, ns - 1, 0, prefix);
		}
		if (w->len >= 2 && w->len <= 6) {
			for (size_t k = 0; k + 1 < w->len; k++)
				snprintf(keys[k], sizeof keys[k], "%c%.2s", TOK_INITIAL, w->lower + k);
			find_chain(w, v, keys, (int)w->len - 1, 0, 0);
		}
	}
}

/* ---- the expression ----------------------------------------------------------------------- */

int query_expr(struct strbuf *expr, const struct query_word *words, int n, int second_pass,
	       int index, int names_only)
{
	int terms = 0;
	/* A single letter found in the long texts (or keywords) of most rows tells nothing; in
	 * names it is the start of what the user is typing. */
	if (names_only)
		strbuf_adds(expr, "{ident name_en name_zh} : (");
	for (int i = 0; i < n; i++) {
		if (!has_tokens(&words[i]))
			continue;
		if (terms++)
			strbuf_adds(expr, index & QUERY_ANY ? " OR " : " AND ");
		add_word(expr, &words[i], second_pass, index);
	}
	if (names_only)
		strbuf_addch(expr, ')');
	return terms;
}

int query_code_pattern(const char *s, int *lo, int *hi)
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
