/* libFuzzer target: UTF-8 decoding, display width, sanitising, truncation and wrapping.
 * Invariants: sanitised text is valid UTF-8 with no control characters; truncation never
 * exceeds its width nor cuts a character; wrapped lines fit their width (but for a single
 * character wider than it) and lose no visible character. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct lines {
	int width, bad;
	size_t chars;
};

static void one_line(const char *line, void *ctx)
{
	struct lines *l = ctx;
	size_t n = strlen(line);
	if (!utf8_valid(line, n))
		l->bad = 1;
	if (text_width(line) > l->width && text_width(line) > 2)
		l->bad = 1;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(line + i, n - i, &cp);
		l->chars += cp != ' ';
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	struct strbuf sb = STRBUF_INIT, cut = STRBUF_INIT;
	char *text;
	int width;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if (size < 1 || size > 8192)
		return 0;
	width = data[0] % 50; /* the first byte picks a width */
	text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';

	text_sanitize(&sb, text, 0);
	if (!utf8_valid(sb.buf ? sb.buf : "", sb.len))
		abort();
	for (size_t i = 0; i < sb.len; i++)
		if ((unsigned char)sb.buf[i] < 0x20 || sb.buf[i] == 0x7F)
			abort();
	if (text_truncate(&cut, strbuf_str(&sb), width) > (width > 0 ? width : 0) ||
	    !utf8_valid(strbuf_str(&cut), cut.len) || text_width(strbuf_str(&cut)) > (width > 0 ? width : 0))
		abort();
	{
		struct lines l = { width < 2 ? 2 : width, 0, 0 };
		size_t want = 0, n = sb.len;
		text_wrap(strbuf_str(&sb), width, one_line, &l);
		for (size_t i = 0; i < n;) {
			uint32_t cp;
			i += utf8_decode(sb.buf + i, n - i, &cp);
			want += cp != ' ';
		}
		if (l.bad || l.chars != want)
			abort();
	}
	strbuf_release(&sb);
	strbuf_release(&cut);
	free(text);
	return 0;
}
