#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already (the argv fuzzer builds all in one) */
#define _XOPEN_SOURCE 700
#endif
#include "text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static void (*oom_restore)(void);

void die_oom_at(void (*restore)(void))
{
	oom_restore = restore;
}

_Noreturn void die_oom(void)
{
	static const char said[] = "httpcodes: out of memory / 内存不足\n";
	if (oom_restore)
		oom_restore();
	/* write(2), not stdio: nothing is allocated on the way out. */
	if (write(STDERR_FILENO, said, sizeof said - 1) < 0)
		_exit(3);
	_exit(3);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		die_oom();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);
	if (!p)
		die_oom();
	return p;
}

void *xgrow(void *items, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t c = *cap ? *cap : first;
	if (need <= *cap)
		return items;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			die_oom();
		c *= 2;
	}
	items = xrealloc(items, c * size);
	*cap = c;
	return items;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	strbuf_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->buf;
	if (!p) {
		p = calloc(1, 1);
		if (!p)
			die_oom();
	}
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	if (n == 0) {
		*cp = 0;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
	} else {
		*cp = TEXT_INVALID;
		return 1;
	}
	if (n < len) {
		*cp = TEXT_INVALID;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = TEXT_INVALID;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = TEXT_INVALID;
		return 1;
	}
	*cp = c;
	return len;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = TEXT_INVALID;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == TEXT_INVALID && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return 0;
		i += k;
	}
	return 1;
}

static int is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* East Asian Wide and Fullwidth blocks, for when the locale cannot tell (wcwidth < 0). */
static int is_wide_fallback(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	       (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	       (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

int text_cp_width(uint32_t cp)
{
	int w;
	if (is_control(cp))
		return 1; /* shown as '?' */
	if (cp < 0x7F)
		return 1; /* printable ASCII, most of any text: wcwidth was a tenth of a lookup's time */
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	return is_wide_fallback(cp) ? 2 : 1;
}

/* One visible unit of s: its sanitised bytes in out (at most 4) and its width. A marker is
 * kept, with no width, when keep_markers. */
static size_t glyph(const char *s, size_t n, char *out, size_t *outlen, int *width,
		    uint32_t *cpout, int keep_markers)
{
	uint32_t cp;
	size_t k = utf8_decode(s, n, &cp);
	if (keep_markers && text_is_marker(s[0])) {
		out[0] = s[0];
		*outlen = 1;
		*width = 0;
	} else if (is_control(cp) || (cp != TEXT_INVALID && text_cp_width(cp) < 0)) {
		out[0] = '?';
		*outlen = 1;
		*width = 1;
	} else {
		*outlen = utf8_encode(cp, out);
		*width = text_cp_width(cp);
	}
	if (cpout)
		*cpout = cp;
	return k;
}

static size_t next_glyph(const char *s, size_t n, char *out, size_t *outlen, int *width,
			 uint32_t *cpout)
{
	return glyph(s, n, out, outlen, width, cpout, 1);
}

int text_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int cols = 0;
	while (i < n) {
		char g[4];
		size_t gl;
		int w;
		i += next_glyph(s + i, n - i, g, &gl, &w, NULL);
		cols += w;
	}
	return cols;
}

void text_sanitize(struct strbuf *sb, const char *s, int keep_newline)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		char g[4];
		size_t gl;
		int w;
		if (keep_newline && s[i] == '\n') {
			strbuf_addch(sb, '\n');
			i++;
			continue;
		}
		i += glyph(s + i, n - i, g, &gl, &w, NULL, 0);
		strbuf_add(sb, g, gl);
	}
}

void text_strip_markers(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		if (!text_is_marker(*s))
			strbuf_addch(sb, *s);
}

int text_truncate(struct strbuf *sb, const char *s, int max_cols)
{
	size_t n = strlen(s), i = 0;
	int cols = 0;

	if (max_cols <= 0)
		return 0;
	if (text_width(s) <= max_cols) {
		while (i < n) {
			char g[4];
			size_t gl;
			int w;
			i += next_glyph(s + i, n - i, g, &gl, &w, NULL);
			strbuf_add(sb, g, gl);
		}
		return text_width(s);
	}
	while (i < n) {
		char g[4];
		size_t gl;
		int w;
		size_t k = next_glyph(s + i, n - i, g, &gl, &w, NULL);
		if (cols + w > max_cols - 1)
			break;
		strbuf_add(sb, g, gl);
		cols += w;
		i += k;
	}
	strbuf_adds(sb, "\xE2\x80\xA6"); /* U+2026 */
	return cols + 1;
}

static int is_closing_punct(uint32_t cp)
{
	static const uint32_t punct[] = { 0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F,
					  0xFF01, 0xFF09, 0x300D, 0x300F, 0x300B, 0x3011, 0x201D };
	for (size_t j = 0; j < sizeof punct / sizeof punct[0]; j++)
		if (punct[j] == cp)
			return 1;
	return 0;
}

static int is_opening_punct(uint32_t cp)
{
	static const uint32_t punct[] = { 0xFF08, 0x300C, 0x300E, 0x300A, 0x3010, 0x201C, 0x2018 };
	for (size_t j = 0; j < sizeof punct / sizeof punct[0]; j++)
		if (punct[j] == cp)
			return 1;
	return 0;
}

int text_wrap(const char *s, int width, void (*emit)(const char *line, void *ctx), void *ctx)
{
	struct strbuf line = STRBUF_INIT;
	size_t n = strlen(s), i = 0;
	size_t brk_len = 0;     /* bytes of line before the last break opportunity */
	size_t brk_src = 0;     /* where the source resumes after that break */
	int cols = 0, lines = 0, have_brk = 0;

	if (width < 2)
		width = 2;
	while (i <= n) {
		char g[4];
		size_t gl, k;
		int w;
		uint32_t cp;

		if (i == n || s[i] == '\n') {
			emit(strbuf_str(&line), ctx);
			lines++;
			strbuf_reset(&line);
			cols = 0;
			have_brk = 0;
			i++;
			continue;
		}
		k = next_glyph(s + i, n - i, g, &gl, &w, &cp);
		if (cp == ' ' && cols == 0) { /* no leading blanks on a wrapped line */
			i += k;
			continue;
		}
		if (cols + w > width) {
			if (cp == ' ') {
				i += k; /* the space at a break is dropped */
			} else if (have_brk && brk_len > 0) {
				line.len = brk_len;
				line.buf[line.len] = '\0';
				i = brk_src;
			} else if (line.len == 0) {
				strbuf_add(&line, g, gl); /* wider than the whole width: a line of its own */
				i += k;
			} /* else: break right here */
			while (line.len && line.buf[line.len - 1] == ' ')
				line.buf[--line.len] = '\0';
			emit(strbuf_str(&line), ctx);
			lines++;
			strbuf_reset(&line);
			cols = 0;
			have_brk = 0;
			continue;
		}
		/* A break is allowed at a space, and around a wide character, except before
		 * closing punctuation (no line starts with '，'). */
		if (cp == ' ' || (w == 2 && !is_closing_punct(cp))) {
			have_brk = 1;
			brk_len = line.len;
			brk_src = cp == ' ' ? i + k : i;
		}
		strbuf_add(&line, g, gl);
		cols += w;
		i += k;
		if (w == 2) {
			uint32_t next = 0;
			if (i < n)
				utf8_decode(s + i, n - i, &next);
			if (!is_closing_punct(next) && !is_opening_punct(cp)) {
				have_brk = 1;
				brk_len = line.len;
				brk_src = i;
			}
		}
	}
	strbuf_release(&line);
	return lines;
}

void json_add_string(struct strbuf *sb, const char *s)
{
	/* Most text needs no escape: runs of it (s[plain..i)) are copied whole, plain ASCII tested
	 * first. `--json 4xx` (600 KB) notices: a character at a time took a third of its run. */
	size_t n = strlen(s), i = 0, plain = 0;
	strbuf_grow(sb, n + 2);
	strbuf_addch(sb, '"');
	while (i < n) {
		uint32_t cp;
		size_t k;
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp != '"' && cp != '\\' && !is_control(cp) && !(cp == TEXT_INVALID && k == 1)) {
			i += k;
			continue;
		}
		strbuf_add(sb, s + plain, i - plain);
		switch (cp) {
		case '"': strbuf_adds(sb, "\\\""); break;
		case '\\': strbuf_adds(sb, "\\\\"); break;
		case '\n': strbuf_adds(sb, "\\n"); break;
		case '\r': strbuf_adds(sb, "\\r"); break;
		case '\t': strbuf_adds(sb, "\\t"); break;
		case TEXT_INVALID: strbuf_adds(sb, "\xEF\xBF\xBD"); break; /* a byte that is not UTF-8 */
		default: strbuf_addf(sb, "\\u%04x", (unsigned)cp); /* C0, DEL and C1: a terminal acts on them raw */
		}
		i += k;
		plain = i;
	}
	strbuf_add(sb, s + plain, i - plain);
	strbuf_addch(sb, '"');
}

int text_is_plain(const char *s, int allow_lines)
{
	size_t n = strlen(s), i = 0;
	if (!utf8_valid(s, n)) /* a lone byte 0x9B is CSI to an eight-bit terminal */
		return 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (is_control(cp) && !(allow_lines && (cp == '\n' || cp == '\t')))
			return 0;
		i += k;
	}
	return 1;
}
