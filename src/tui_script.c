/* The browser run by a key script, for tests (tig's model): no terminal, a virtual screen of
 * the asked size, the keys taken one at a time once the previous one is fully handled, and
 * the final screen written out as text. */
#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int script_start(struct script *s)
{
	const char *size = getenv("HTTPCODES_SIZE");
	int cols = 80, lines = 24;
	char buf[16];

	s->p = getenv("HTTPCODES_SCRIPT");
	if (!s->p)
		return 0;
	if (size)
		sscanf(size, "%dx%d", &cols, &lines);
	snprintf(buf, sizeof buf, "%d", cols);
	setenv("COLUMNS", buf, 1);
	snprintf(buf, sizeof buf, "%d", lines);
	setenv("LINES", buf, 1);
	return 1;
}

/* Keys as text, <Name> for the others (key_parse names them). */
int script_next(struct script *s, wint_t *key, int *is_key)
{
	uint32_t cp;
	size_t n;

	if (!*s->p)
		return 0;
	if (*s->p == '<') {
		const char *end = strchr(s->p, '>');
		struct key k;
		int cols, lines;
		if (end && key_parse(s->p + 1, (size_t)(end - s->p - 1), &k)) {
			s->p = end + 1;
			*key = k.ch;
			*is_key = k.is_key;
			return 1;
		}
		if (end && sscanf(s->p, "<Resize:%dx%d>", &cols, &lines) == 2) {
			s->p = end + 1;
			resizeterm(lines, cols);
			*key = KEY_RESIZE;
			*is_key = 1;
			return 1;
		}
	}
	n = utf8_decode(s->p, strlen(s->p), &cp);
	s->p += n;
	*key = (wint_t)cp;
	*is_key = 0;
	return 1;
}

/* The screen as text, one line per row, trailing blanks removed. */
static void dump_screen(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	for (int y = 0; y < LINES; y++) {
		wchar_t buf[1024];
		struct strbuf line = STRBUF_INIT;
		int n = mvinnwstr(y, 0, buf, COLS < 1023 ? COLS : 1023);
		for (int i = 0; i < n && buf[i]; i++) {
			char enc[4];
			strbuf_add(&line, enc, utf8_encode((uint32_t)buf[i], enc));
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		fprintf(f, "%s\n", strbuf_str(&line));
		strbuf_release(&line);
	}
	fclose(f);
}

/* The screen's styles, a letter a cell: a colour pair as a letter from 'a' (pair 1), else
 * the attribute (R reverse, B bold, U underline, D dim, '.' none); then each pair used, with
 * the colours it is made of (-1: the terminal's own). What a theme paints, to be checked. */
static void dump_style(const char *path)
{
	FILE *f = fopen(path, "w");
	int used[64] = { 0 };
	if (!f)
		return;
	for (int y = 0; y < LINES; y++) {
		for (int x = 0; x < COLS; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t at = 0;
			short pair = 0;
			char c = '.';
			if (mvin_wch(y, x, &cc) == OK && getcchar(&cc, wch, &at, &pair, NULL) == OK) {
				if (pair > 0 && pair < 64) {
					c = (char)('a' + pair - 1);
					used[pair] = 1;
				} else {
					c = (at & A_REVERSE) ? 'R' : (at & A_BOLD) ? 'B' : (at & A_UNDERLINE) ? 'U' : (at & A_DIM) ? 'D' : '.';
				}
			}
			fputc(c, f);
		}
		fputc('\n', f);
	}
	for (short p = 1; p < 64; p++) {
		short fg, bg;
		if (used[p] && pair_content(p, &fg, &bg) == OK)
			fprintf(f, "%c fg=%d bg=%d\n", 'a' + p - 1, fg, bg);
	}
	fclose(f);
}

/* The name of every key the browser binds, one a line. */
static void dump_keys(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	for (size_t i = 0; i < browse_keymap.n; i++)
		for (int k = 0; k < KEYS_PER_ROW && (browse_keymap.rows[i].keys[k].ch || browse_keymap.rows[i].keys[k].is_key); k++) {
			char buf[16];
			fprintf(f, "%s\n", tui_key_name(browse_keymap.rows[i].keys[k], buf));
		}
	fclose(f);
}

void script_end(void)
{
	const char *screen = getenv("HTTPCODES_DUMP"), *keys = getenv("HTTPCODES_KEYS");
	const char *style = getenv("HTTPCODES_DUMP_STYLE");
	if (screen)
		dump_screen(screen);
	if (style)
		dump_style(style);
	if (keys)
		dump_keys(keys);
}
