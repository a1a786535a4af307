#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already (the argv fuzzer builds all in one) */
#define _XOPEN_SOURCE 700
#endif
#include "tokenize.h"

#include <stdint.h>
#include <string.h>
#include <wctype.h>

#include "pinyin.h"
#include "text.h"

int tok_is_cjk(unsigned cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) ||   /* kana */
	       (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Han, extension A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* Han */
	       (cp >= 0xAC00 && cp <= 0xD7A3) ||   /* Hangul */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* Han compatibility */
	       (cp >= 0x20000 && cp <= 0x3FFFF);   /* Han, planes 2 and 3 */
}

/* Full-width ASCII to ASCII, the ideographic space to a space. */
static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	if (cp == 0x3000)
		return ' ';
	return cp;
}

static int is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	return cp != TEXT_INVALID && !tok_is_cjk(cp) && iswalnum((wint_t)cp);
}

static int is_connector(uint32_t cp)
{
	return cp == '_' || cp == '.' || cp == '-' || cp == ':' || cp == '/';
}

static int is_upper(uint32_t cp)
{
	return cp >= 'A' && cp <= 'Z';
}

static int is_lower(uint32_t cp)
{
	return cp >= 'a' && cp <= 'z';
}

/* A decoded character of the input, with where it came from. */
struct ch {
	uint32_t cp;
	int start, end;
};

struct part {
	char buf[TOK_MAX];
	int len, start, end;
};

static void part_add(struct part *p, uint32_t cp)
{
	char enc[4];
	size_t n;
	if (cp < 0x80) {
		if (is_upper(cp))
			cp += 32;
	} else {
		cp = (uint32_t)towlower((wint_t)cp);
	}
	n = utf8_encode(cp, enc);
	if (p->len + (int)n <= TOK_MAX) {
		memcpy(p->buf + p->len, enc, n);
		p->len += (int)n;
	}
}

/* Emit the parts of one compound word, and their joined form colocated with the first. */
static int emit_compound(struct part *parts, int nparts, tok_fn fn, void *ctx)
{
	int rc;
	for (int i = 0; i < nparts; i++) {
		if ((rc = fn(ctx, 0, parts[i].buf, parts[i].len, parts[i].start, parts[i].end)))
			return rc;
		if (i == 0 && nparts > 1) {
			char joined[TOK_MAX];
			int len = 0;
			for (int k = 0; k < nparts; k++) {
				int n = parts[k].len;
				if (len + n > TOK_MAX)
					n = TOK_MAX - len;
				memcpy(joined + len, parts[k].buf, (size_t)n);
				len += n;
			}
			if ((rc = fn(ctx, TOK_COLOCATED, joined, len, parts[0].start,
				     parts[nparts - 1].end)))
				return rc;
		}
	}
	return 0;
}

#define MAX_PARTS 16

/* The compound word starting at chars[*i]: word characters and inner connectors. */
static int word(const struct ch *chars, int n, int *i, tok_fn fn, void *ctx)
{
	struct part parts[MAX_PARTS];
	int nparts = 0, k = *i;

	memset(&parts[0], 0, sizeof parts[0]);
	parts[0].start = chars[k].start;
	while (k < n) {
		uint32_t cp = chars[k].cp;
		struct part *p = &parts[nparts];
		if (is_word(cp)) {
			/* camelCase: a new part at lower->Upper, and at the last capital of a run of
			 * capitals followed by a lower-case letter ("HTTPServer" -> http server). */
			int boundary = p->len > 0 && is_upper(cp) && k > *i &&
				       (is_lower(chars[k - 1].cp) ||
					(is_upper(chars[k - 1].cp) && k + 1 < n && is_lower(chars[k + 1].cp)));
			if (boundary && nparts + 1 < MAX_PARTS) {
				p->end = chars[k - 1].end;
				p = &parts[++nparts];
				memset(p, 0, sizeof *p);
				p->start = chars[k].start;
			}
			part_add(p, cp);
			p->end = chars[k].end;
			k++;
		} else if (is_connector(cp) && k + 1 < n && is_word(chars[k + 1].cp) && p->len > 0) {
			if (nparts + 1 < MAX_PARTS) {
				p = &parts[++nparts];
				memset(p, 0, sizeof *p);
				p->start = chars[k + 1].start;
			}
			k++;
		} else {
			break;
		}
	}
	*i = k;
	if (parts[nparts].len > 0)
		nparts++;
	return nparts ? emit_compound(parts, nparts, fn, ctx) : 0;
}

/* A CJK character: the character itself, and in documents its pinyin. Pinyin initials are
 * indexed in pairs, this character's with the next one's (网关 -> "wg"): a single initial
 * would match nearly every character, a pair is selective. */
static int cjk(const struct ch *c, const struct ch *next, const char *text, enum tok_mode mode,
	       tok_fn fn, void *ctx)
{
	const char *readings[PINYIN_MAX_READINGS];
	char tok[TOK_MAX], mine[2], theirs[2];
	size_t n;
	int rc, nm, nt;

	if ((rc = fn(ctx, 0, text + c->start, c->end - c->start, c->start, c->end)))
		return rc;
	if (mode != TOK_DOCUMENT)
		return 0;
	/* Two readings cover the common polyphones (行 xing/hang) and keep the index small. */
	n = pinyin_readings(c->cp, readings);
	if (n > 2)
		n = 2;
	for (size_t r = 0; r < n; r++) {
		size_t len = strlen(readings[r]);
		if (len + 1 > sizeof tok)
			continue;
		tok[0] = TOK_PINYIN;
		memcpy(tok + 1, readings[r], len);
		if ((rc = fn(ctx, TOK_COLOCATED, tok, (int)len + 1, c->start, c->end)))
			return rc;
	}
	nm = pinyin_initials(c->cp, mine);
	nt = next ? pinyin_initials(next->cp, theirs) : 0;
	for (int a = 0; a < nm; a++)
		for (int b = 0; b < nt; b++) {
			tok[0] = TOK_INITIAL;
			tok[1] = mine[a];
			tok[2] = theirs[b];
			if ((rc = fn(ctx, TOK_COLOCATED, tok, 3, c->start, c->end)))
				return rc;
		}
	return 0;
}

/* In a query, a marker word (written by the query builder) is passed through as it is. */
static int marker_word(const struct ch *chars, int n, int *i, const char *text, tok_fn fn,
		       void *ctx)
{
	int k = *i + 1;
	while (k < n && (is_lower(chars[k].cp) || (chars[k].cp >= '0' && chars[k].cp <= '9')))
		k++;
	int start = chars[*i].start, end = chars[k - 1].end;
	*i = k;
	if (end - start > TOK_MAX)
		end = start + TOK_MAX;
	return fn(ctx, 0, text + start, end - start, start, end);
}

#define CHUNK 256

int tokenize(const char *text, int len, enum tok_mode mode, tok_fn fn, void *ctx)
{
	struct ch chars[CHUNK + 1];
	int pos = 0, rc;

	if (!text || len <= 0)
		return 0;
	/* Decode in chunks; a chunk ends at a separator so no word is split between two. */
	while (pos < len) {
		int n = 0, i = 0;
		while (pos < len && n < CHUNK) {
			uint32_t cp;
			size_t k = utf8_decode(text + pos, (size_t)(len - pos), &cp);
			chars[n].cp = fold(cp);
			chars[n].start = pos;
			chars[n].end = pos + (int)k;
			pos += (int)k;
			n++;
			if (n >= CHUNK - 8 && !is_word(chars[n - 1].cp) && !is_connector(chars[n - 1].cp) &&
			    !tok_is_cjk(chars[n - 1].cp))
				break;
		}
		while (i < n) {
			uint32_t cp = chars[i].cp;
			if (mode == TOK_QUERY && (cp == (uint32_t)TOK_PINYIN || cp == (uint32_t)TOK_INITIAL)) {
				if ((rc = marker_word(chars, n, &i, text, fn, ctx)))
					return rc;
			} else if (is_word(cp)) {
				if ((rc = word(chars, n, &i, fn, ctx)))
					return rc;
			} else if (tok_is_cjk(cp)) {
				const struct ch *next = i + 1 < n && tok_is_cjk(chars[i + 1].cp) ? &chars[i + 1] : NULL;
				if ((rc = cjk(&chars[i], next, text, mode, fn, ctx)))
					return rc;
				i++;
			} else {
				i++;
			}
		}
	}
	return 0;
}
