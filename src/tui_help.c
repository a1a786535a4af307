/* The help: every mode's keys, made from their keymaps, so it cannot go stale. */
#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>

/* One line of the help: a heading (keys NULL), or a row's keys and what they do. */
struct help_line {
	struct strbuf keys, text;
	int heading;
};

struct help {
	struct help_line *lines;
	int n;
};

static struct help_line *help_add(struct help *h, int heading)
{
	struct help_line *p;
	h->lines = xrealloc(h->lines, (size_t)(h->n + 1) * sizeof *p);
	p = h->lines + h->n++;
	*p = (struct help_line){ STRBUF_INIT, STRBUF_INIT, heading };
	return p;
}

static void add_heading(struct help *h, enum lang l, enum label_id id)
{
	struct help_line *line = help_add(h, 1);
	const char *text[2] = { label(LANG_EN, id), label(LANG_ZH, id) };
	help_text(&line->text, text, l);
}

static void add_row(struct help *h, enum lang l, const struct key *keys, const char *const text[2])
{
	struct help_line *line = help_add(h, 0);
	keys_text(&line->keys, keys, -1);
	help_text(&line->text, text, l);
}

static void add_keymap(struct help *h, enum lang l, const struct keymap *map)
{
	for (size_t i = 0; i < map->n; i++)
		add_row(h, l, map->rows[i].keys, map->rows[i].help);
}

/* The browser's keys, then each modal pane's, under a heading. */
static void help_build(struct help *h, enum lang l)
{
	add_heading(h, l, L_HELP_BROWSE);
	add_keymap(h, l, &browse_keymap);
	add_heading(h, l, L_HELP_SEARCH);
	add_keymap(h, l, &search_keymap);
	add_heading(h, l, L_HELP_LINE);
	for (size_t i = 0; i < line_nkeys; i++)
		add_row(h, l, line_keys[i].keys, line_keys[i].help);
	add_heading(h, l, L_HELP_FORM);
	add_keymap(h, l, &form_keymap);
	add_heading(h, l, L_HELP_NOTE);
	add_keymap(h, l, &note_keymap);
	add_heading(h, l, L_HELP_DELETE);
	add_keymap(h, l, &delete_keymap);
	add_heading(h, l, L_HELP_PASTE);
	add_keymap(h, l, &paste_keymap);
	add_heading(h, l, L_HELP_GUIDE);
	add_keymap(h, l, &guide_keymap);
}

static void help_free(struct help *h)
{
	for (int i = 0; i < h->n; i++) {
		strbuf_release(&h->lines[i].keys);
		strbuf_release(&h->lines[i].text);
	}
	free(h->lines);
}

static const struct keymap help_keymap;

/* "Keys (j/k scroll, ...)": the scrolling keys named from the help's own key table. */
static void help_title(struct strbuf *out, enum lang l)
{
	char down[16], up[16], keys[40];
	snprintf(keys, sizeof keys, "%s/%s", tui_key_name(help_keymap.rows[0].keys[0], down),
		 tui_key_name(help_keymap.rows[1].keys[0], up));
	strbuf_addf(out, label(l, L_HELP_TITLE), keys);
}

static void help_draw(struct app *a)
{
	struct help help = { NULL, 0 };
	struct strbuf title = STRBUF_INIT;
	int cols, per, w, h, cw, kw = 0, widest = 0, y, x;

	help_build(&help, a->lang);
	help_title(&title, a->lang);
	for (int k = 0; k < help.n; k++)
		if (!help.lines[k].heading && text_width(help.lines[k].keys.buf) > kw)
			kw = text_width(help.lines[k].keys.buf);
	for (int k = 0; k < help.n; k++) { /* the widest line: keys, a space, what they do */
		const struct help_line *line = &help.lines[k];
		int lw = line->heading ? text_width(line->text.buf) : kw + 1 + text_width(line->text.buf);
		widest = lw > widest ? lw : widest;
	}
	/* One column when it fits the height; else two side by side, but only when no line of
	 * either is cut (a cut line hides what a key does; one column scrolls instead). */
	cols = help.n + 2 > LINES && (COLS - 6) / 2 >= widest + 1 ? 2 : 1;
	per = (help.n + cols - 1) / cols;
	w = cols == 2 ? COLS - 2 : (COLS - 4 < widest + 5 ? COLS - 4 : widest + 5);
	h = per + 2 > LINES ? LINES : per + 2;
	cw = (w - 4) / cols;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	kw = kw > cw * 2 / 5 ? cw * 2 / 5 : kw; /* the keys' column: the widest, within two fifths */

	erase(); /* a screen of its own: no half of a wide character is left under a border */
	draw_box(y, x, h, w, theme(TH_BORDER));
	draw_text(y, x + 2, w - 4, title.buf, theme(TH_TITLE));
	if (a->help_top > per - (h - 2))
		a->help_top = per - (h - 2) > 0 ? per - (h - 2) : 0;
	for (int k = 0; k < help.n; k++) {
		const struct help_line *line = &help.lines[k];
		int row = k % per - a->help_top, cx = x + 2 + (k / per) * cw;
		if (row < 0 || row >= h - 2) /* scrolled out of the box */
			continue;
		if (line->heading) {
			draw_text(y + 1 + row, cx, cw - 1, line->text.buf, theme(TH_HEADING));
			continue;
		}
		draw_text(y + 1 + row, cx, kw, line->keys.buf, theme(TH_EM));
		draw_text(y + 1 + row, cx + kw + 1, cw - kw - 2, line->text.buf, A_NORMAL);
	}
	/* Arrows on the border say that the help goes on beyond the box. */
	if (a->help_top > 0)
		draw_text(y, x + w - 4, 1, "↑", theme(TH_TITLE));
	if (a->help_top + h - 2 < per)
		draw_text(y + h - 1, x + w - 4, 1, "↓", theme(TH_TITLE));
	help_free(&help);
	strbuf_release(&title);
}

static void scroll_down(struct app *a, wint_t ch)
{
	(void)ch;
	a->help_top++;
}

static void scroll_up(struct app *a, wint_t ch)
{
	(void)ch;
	a->help_top = a->help_top > 0 ? a->help_top - 1 : 0;
}

static void page_down(struct app *a, wint_t ch)
{
	(void)ch;
	a->help_top += LINES / 2;
}

static void page_up(struct app *a, wint_t ch)
{
	(void)ch;
	a->help_top = a->help_top > LINES / 2 ? a->help_top - LINES / 2 : 0;
}

/* The moving keys scroll the help; any other key closes it. */
static const struct binding help_keys[] = {
	{ { KCH('j'), KKEY(KEY_DOWN) }, scroll_down, { "scroll down", "向下滚动" } },
	{ { KCH('k'), KKEY(KEY_UP) }, scroll_up, { "scroll up", "向上滚动" } },
	{ { KKEY(KEY_NPAGE), KCH(' ') }, page_down, { "page down", "下一页" } },
	{ { KKEY(KEY_PPAGE) }, page_up, { "page up", "上一页" } },
};
static const struct keymap help_keymap = { help_keys, sizeof help_keys / sizeof help_keys[0] };

static int help_key(struct app *a, wint_t ch, int is_key)
{
	if (!keymap_run(&help_keymap, a, ch, is_key))
		overlay_close(a, &help_pane);
	return 1;
}

static void help_release(struct app *a)
{
	a->help_top = 0;
}

const struct pane_ops help_pane = { help_draw, help_key, NULL, help_release };
