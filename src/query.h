/* query: what the user typed, made into an FTS5 expression. Pure string work (no database):
 * the words, pinyin syllables and initials, typo candidates from a vocabulary the caller
 * reads, and the expression in which every term is a quoted phrase, so that no input can be
 * an FTS5 syntax error. The store runs what this builds (store_search.c). */
#ifndef HTTPCODES_QUERY_H
#define HTTPCODES_QUERY_H

#include <stddef.h>

#include "pinyin.h"
#include "text.h"
#include "tokenize.h"

#define QUERY_MAX_WORDS 16
#define QUERY_WORD_BYTES PINYIN_MAX_WORD /* longer words are cut (never inside a character) */
#define QUERY_MAX_TYPOS 8
/* A long prefix in a large index is asked for as the words it can become, up to this many: at
 * a million rows "reques" (25 of them) as a prefix merged every posting of "request" first,
 * 25 ms a keystroke. Two prefixes of four letters have more ("inva", "apig"). */
#define QUERY_MAX_COMPLETIONS 64
#define QUERY_MAX_HANZI 24
#define QUERY_HANZI_BYTES 32 /* 8 syllables (pinyin_segment's most, here) of 4 bytes */

struct query_word {
	char text[QUERY_WORD_BYTES + 1];  /* sanitised: no control characters */
	size_t len;
	char lower[QUERY_WORD_BYTES + 1];
	int is_last;
	/* Filled by the caller from the built-in index's vocabulary: */
	int is_term;                      /* the word begins a term of the built-in index */
	char completions[QUERY_MAX_COMPLETIONS][TOK_MAX + 1]; /* those terms, when few */
	int ncompletions;
	char typos[QUERY_MAX_TYPOS][TOK_MAX + 1];
	int ntypos;
	/* Filled by the caller from a lean index's readings (query_find_hanzi): the characters
	 * the word's pinyin or its initials can be there ("wangguan", "wg": 网关 ...). */
	char hanzi[QUERY_MAX_HANZI][QUERY_HANZI_BYTES + 1];
	int nhanzi;
};

/* Cut the query into at most QUERY_MAX_WORDS words at blanks (also U+3000), dropping control
 * characters and invalid bytes; returns how many. */
int query_split(const char *query, struct query_word words[QUERY_MAX_WORDS]);

/* Words that need not match (the built-in stop_words table, read by the store): lower case;
 * final marks a one-character particle that may also end a phrase (了, 吗). */
struct query_stop {
	const char *word;
	int final;
};
struct query_stops {
	const struct query_stop *stops;
	size_t n;
};

/* Drop the words that need not match and cut the rest into what must: Chinese at its
 * particles ("token过期了应该返回哪个" -> "token过期") and at numbers, and a status code out of
 * the text around it ("报502", "status=404" -> "502", "404"). A query of nothing else is kept
 * as it is ("the"). Returns the new count. */
int query_refine(struct query_word words[QUERY_MAX_WORDS], int n, const struct query_stops *stops);

/* The status (100-599) a word is, or 0. */
int query_word_code(const struct query_word *w);

/* A vocabulary: the terms of an index that begin with a lower-case ASCII letter, asked for
 * those that begin with a prefix. terms_with(ctx, prefix, len, each, arg) calls each(arg,
 * term, its length) for every term whose first len bytes are prefix's, in byte order, until
 * each returns non-zero. The store answers from the built-in index's table of terms, a
 * look-up per word, or from all of them read into memory (query_terms_with) once typos are
 * wanted, which scan many ranges. */
typedef int (*query_term_fn)(void *arg, const char *term, size_t len);
struct query_vocab {
	void (*terms_with)(void *ctx, const char *prefix, size_t len, query_term_fn each, void *arg);
	void *ctx;
};

/* Terms sorted by byte, in memory: a vocabulary with query_terms_with as its terms_with and
 * the struct query_terms as its ctx. */
struct query_terms {
	const char *const *terms;
	size_t n;
};
void query_terms_with(void *ctx, const char *prefix, size_t len, query_term_fn each, void *arg);

/* Mark each word that begins a term of the vocabulary (is_term), and for the last word, when
 * it is 4 letters or more, the terms it can become if they are few (completions). */
void query_find_terms(struct query_word *words, int n, const struct query_vocab *v);

/* Does any word want typo candidates (4 or more letters, and the beginning of no known term:
 * a word that begins one is being typed, not mistyped)? */
int query_wants_typos(const struct query_word *words, int n);

/* Fill those words' typo candidates: the terms of letters only, 4 or more, one edit away
 * (insertion, deletion, substitution or swap of neighbours). */
void query_find_typos(struct query_word *words, int n, const struct query_vocab *v);

/* Fill each word's hanzi from a lean index's readings, a vocabulary whose terms are
 * TOK_PINYIN + "wang guan" (or one syllable) or TOK_INITIAL + "wg", a tab, and the characters
 * ("网关"): a word's syllables (or initials) are looked up a pair at a time and the pairs that
 * share a character joined, so only what the index holds is asked for. */
void query_find_hanzi(struct query_word *words, int n, const struct query_vocab *v);

/* Does the query name one of the phrases ("; " between them: a concept's words)? Both are read
 * as words of letters, digits and '_' and single Chinese characters, case ignored, the rest
 * between them ignored: "curl: (52) Empty reply" names "curl 52", "net::ERR_CONNECTION_RESET"
 * names "ERR_CONNECTION_RESET". A phrase of one word names only a word of five letters or
 * more ("econnreset"); a query of one letter names nothing. */
int query_mentions(const char *query, const char *phrases);

/* Is the query a comparison of two things by their names ("网关错误和网关超时的区别", "bad
 * gateway vs gateway timeout", "difference between unauthorized and forbidden")? It must say
 * that it compares (vs, difference, 区别, 不同 ...) and have two sides around a joining word
 * (vs, and, or, 和, 与, 跟, 还是 ...): 1 with the sides as typed in a and b (cap bytes each), or 0. */
int query_comparison(const char *query, char *a, char *b, size_t cap);

/* Can a relaxed expression (QUERY_ANY) find what the strict one did not: two words or more,
 * or one Chinese phrase of three characters or more (asked for by its pairs too)? */
int query_can_relax(const struct query_word *words, int n);

/* What kind of index an expression is for. A large one (a user's) is where long prefixes and
 * pieces are too costly; a lean one holds no pinyin, so pinyin is asked for as the words'
 * hanzi. QUERY_ANY joins the words by OR, not AND: the relaxed pass, ranked by how many and
 * which words a row holds (bm25). */
enum { QUERY_LARGE = 1, QUERY_LEAN = 2, QUERY_ANY = 4, QUERY_WHOLE = 8 };
/* QUERY_WHOLE: the last word as the whole word only, not as a prefix ("down", not "download"):
 * the rows that hold it rank before those that only begin a word with it. */

/* Is the last word one a prefix is read from (an ASCII word of two letters or more, still
 * being typed), so that QUERY_WHOLE asks something else? */
int query_last_is_prefix(const struct query_word *words, int n);

/* Append the FTS5 expression for the words to expr; returns how many words had anything to
 * search for (0: search nothing). second_pass adds one-syllable pinyin, typos and Chinese in
 * pieces; index is QUERY_LARGE and QUERY_LEAN or'ed (0: the built-in index); names_only
 * keeps to the codes and names. */
int query_expr(struct strbuf *expr, const struct query_word *words, int n, int second_pass,
	       int index, int names_only);

/* 4xx, 40x, 4XX: every status of that class or decade; 1 with the range, else 0. */
int query_code_pattern(const char *s, int *lo, int *hi);

#endif
