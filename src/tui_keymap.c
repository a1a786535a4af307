/* Keymaps: the names of keys (for the help and for key scripts), finding a key's row, and
 * the text the help and the bars make from the rows. */
#include "tui_int.h"

#include <stdio.h>
#include <string.h>

/* Every key with a name of its own: as a key script spells it (<Up>), and as the help shows
 * it. A key with two codes (Enter, Backspace) is named by the first one it finds. */
static const struct key_names {
	struct key key;
	const char *script, *shown;
} names[] = {
	{ KCH('\r'), "Enter", "Enter" }, { KCH('\n'), "Enter", "Enter" },
	{ KKEY(KEY_ENTER), "Enter", "Enter" }, { KCH(27), "Esc", "Esc" }, { KCH('\t'), "Tab", "Tab" },
	{ KKEY(KEY_BTAB), "BTab", "Shift-Tab" }, { KKEY(KEY_BACKSPACE), "BS", "Backspace" },
	{ KCH(127), "BS", "Backspace" }, { KCH(8), "BS", "Backspace" }, { KKEY(KEY_DC), "Del", "Delete" },
	{ KKEY(KEY_UP), "Up", "↑" }, { KKEY(KEY_DOWN), "Down", "↓" }, { KKEY(KEY_LEFT), "Left", "←" },
	{ KKEY(KEY_RIGHT), "Right", "→" }, { KKEY(KEY_PPAGE), "PgUp", "PgUp" },
	{ KKEY(KEY_NPAGE), "PgDn", "PgDn" }, { KKEY(KEY_HOME), "Home", "Home" },
	{ KKEY(KEY_END), "End", "End" }, { KCH('<'), "lt", "<" }, { KCH(' '), "Space", "Space" },
	{ KKEY(TK_CTRL_LEFT), "C-Left", "Ctrl-←" }, { KKEY(TK_CTRL_RIGHT), "C-Right", "Ctrl-→" },
	{ KKEY(TK_PASTE_START), "PasteStart", "paste" }, { KKEY(TK_PASTE_END), "PasteEnd", "paste end" },
};

static int same_key(struct key x, struct key y)
{
	return x.ch == y.ch && !x.is_key == !y.is_key;
}

const char *tui_key_name(struct key k, char buf[16])
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (same_key(names[i].key, k))
			return names[i].shown;
	if (!k.is_key && k.ch >= 1 && k.ch <= 26)
		snprintf(buf, 16, "Ctrl-%c", (int)('A' + k.ch - 1));
	else if (!k.is_key)
		buf[utf8_encode((uint32_t)k.ch, buf)] = '\0';
	else
		snprintf(buf, 16, "#%u", (unsigned)k.ch); /* bound, yet without a name: the lint shows it */
	return buf;
}

int key_parse(const char *name, size_t len, struct key *k)
{
	if (len == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z') {
		*k = (struct key){ (wint_t)(name[2] - 'a' + 1), 0 }; /* <C-s>: Ctrl-S */
		return 1;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].script) == len && strncmp(name, names[i].script, len) == 0) {
			*k = names[i].key;
			return 1;
		}
	return 0;
}

int keys_have(const struct key *keys, struct key k)
{
	for (int i = 0; i < KEYS_PER_ROW && (keys[i].ch || keys[i].is_key); i++)
		if (same_key(keys[i], k))
			return 1;
	return 0;
}

/* The row of map that k runs, or NULL. */
static const struct binding *keymap_find(const struct keymap *map, struct key k)
{
	for (size_t i = 0; i < map->n; i++)
		if (keys_have(map->rows[i].keys, k))
			return &map->rows[i];
	return NULL;
}

int keymap_run(const struct keymap *map, struct app *a, wint_t ch, int is_key)
{
	const struct binding *b = keymap_find(map, (struct key){ ch, is_key });
	if (b)
		b->run(a, ch);
	return b != NULL;
}

static int is_arrow(const char *name)
{
	return strcmp(name, "↑") == 0 || strcmp(name, "↓") == 0 || strcmp(name, "←") == 0 ||
	       strcmp(name, "→") == 0;
}

void keys_text(struct strbuf *out, const struct key *keys, int nkeys)
{
	char before[16] = "", buf[16];
	for (int i = 0; i < KEYS_PER_ROW && (nkeys < 0 || i < nkeys) && (keys[i].ch || keys[i].is_key); i++) {
		const char *name = tui_key_name(keys[i], buf);
		if (strcmp(before, name) == 0)
			continue; /* Enter's codes, Backspace's: one name */
		if (*before && !(is_arrow(before) && is_arrow(name)))
			strbuf_addch(out, ' ');
		strbuf_adds(out, name);
		snprintf(before, sizeof before, "%s", name);
	}
}

void hints_text(struct strbuf *out, const struct keymap *map, const struct hint *hints, size_t n,
		enum lang l, const char *sep)
{
	for (size_t i = 0; i < n; i++)
		for (size_t r = 0; r < map->n; r++)
			if (map->rows[r].run == hints[i].run) {
				if (i)
					strbuf_adds(out, sep);
				keys_text(out, map->rows[r].keys, hints[i].nkeys);
				strbuf_addch(out, ' ');
				strbuf_adds(out, hints[i].text[l == LANG_ZH]);
				break;
			}
}

void help_text(struct strbuf *out, const char *const text[2], enum lang l)
{
	if (l == LANG_BOTH) {
		strbuf_adds(out, text[0]);
		strbuf_adds(out, " \xC2\xB7 ");
		strbuf_adds(out, text[1]);
	} else {
		strbuf_adds(out, text[l == LANG_ZH]);
	}
}
