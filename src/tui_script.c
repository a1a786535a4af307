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
	if (screen)
		dump_screen(screen);
	if (keys)
		dump_keys(keys);
}
