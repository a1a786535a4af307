/* text: growable strings, UTF-8, display width, sanitising, wrapping, JSON escaping.
 * The lowest layer: knows nothing of SQLite or curses. */
#ifndef HTTPCODES_TEXT_H
#define HTTPCODES_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Memory. Running out of it is the one failure httpcodes does not recover from: die_oom says
 * so on stderr (in both languages: the language is chosen above this layer) and exits with
 * status 3, after the function registered with die_oom_at (the browser's: the terminal put
 * back, as tig's die_callback does). The x* functions never return NULL. */
void die_oom_at(void (*restore)(void));
_Noreturn void die_oom(void);
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A growable array (git's ALLOC_GROW): room for at least need items in items, whose room is
 * cap (doubled, from first). The one way an array of ours grows. */
#define XGROW(items, cap, need, first) \
	((items) = xgrow((items), &(cap), (need), sizeof *(items), (first)))
void *xgrow(void *items, size_t *cap, size_t need, size_t size, size_t first);

/* A growable NUL-terminated string. The strbuf owns buf; strbuf_detach hands it to the caller. */
struct strbuf {
	char *buf;
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_reset(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Never NULL: "" for an empty buffer. */
const char *strbuf_str(const struct strbuf *sb);

/* Decode one code point from s (at most n bytes). Returns the bytes consumed (>= 1 when n > 0);
 * an invalid or truncated sequence consumes one byte and yields TEXT_INVALID. */
#define TEXT_INVALID 0xFFFDu
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
int utf8_valid(const char *s, size_t n);

/* Markers: zero-width bytes that our own code puts into sanitised text to style a span (a
 * search match, an emphasised label). text_sanitize turns them into '?' like any control
 * character, so data can never carry one in; width, truncation and wrapping keep them.
 * TOK_INITIAL (tokenize.h) is TEXT_MATCH_ON's byte in another protocol: it begins index
 * tokens, which are never shown; highlight() puts these into the text it returns by the
 * tokens' offsets, never copying a token, so the two never meet. */
#define TEXT_MATCH_ON '\x02'
#define TEXT_MATCH_OFF '\x03'
/* The match markers as string literals, for SQL and strings put together at compile time
 * (FTS5's highlight() in store_search.c). */
#define TEXT_MATCH_ON_STR "\x02"
#define TEXT_MATCH_OFF_STR "\x03"
#define TEXT_EM_ON '\x04'
#define TEXT_EM_OFF '\x05'
static inline int text_is_marker(char c)
{
	return c >= TEXT_MATCH_ON && c <= TEXT_EM_OFF;
}

/* Display columns of one code point, as ncursesw measures it (wcwidth in the current locale),
 * with control characters counted as the width of their visible replacement. */
int text_cp_width(uint32_t cp);
/* Columns of a sanitised string (markers take none). */
int text_width(const char *s);

/* Append s to sb, made safe for a terminal: C0/C1 controls and DEL become '?' (newline kept
 * if keep_newline), invalid UTF-8 becomes U+FFFD. */
void text_sanitize(struct strbuf *sb, const char *s, int keep_newline);

/* Append at most max_cols columns of s to sb, never cutting a character; if s is wider, the
 * last column is an ellipsis. Control characters become '?', markers are kept. Returns the
 * columns used. */
int text_truncate(struct strbuf *sb, const char *s, int max_cols);

/* Word-wrap s (control characters become '?', markers are kept) to lines of at most width columns. Breaks at spaces, and anywhere
 * between wide (CJK) characters; a word wider than width is split. Newlines in s start new
 * lines. Calls emit(line, ctx) for each line (without newline); returns the line count. */
int text_wrap(const char *s, int width, void (*emit)(const char *line, void *ctx), void *ctx);

/* Append s as a JSON string literal (with quotes): C0, DEL and C1 controls are escaped, so the
 * output is safe on a terminal too. Invalid UTF-8 becomes U+FFFD. */
void json_add_string(struct strbuf *sb, const char *s);

/* 1 when s is valid UTF-8 without control characters (C0, DEL, C1), newline and tab allowed
 * if allow_lines: text that can be written as it is. */
int text_is_plain(const char *s, int allow_lines);

/* Append s without its markers. */
void text_strip_markers(struct strbuf *sb, const char *s);


#endif
