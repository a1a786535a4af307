/* The bars: the tabs along the top, the status bar along the foot. */
#include "tui_int.h"

#include <stdio.h>

static const enum label_id tabs[] = { L_TAB_CODES, L_TAB_BUSINESS, L_TAB_SEARCH };
#define NTABS 3
#define BRAND " httpcodes "

/* A tab as drawn: " Codes ", the current one in brackets, so that it shows without colour. */
static void tab_text(const struct app *a, int i, int current, char *buf, size_t size)
{
	snprintf(buf, size, i == current ? "[%s]" : " %s ", label(a->lang, tabs[i]));
}

static int current_tab(const struct app *a)
{
	return a->mode == LIST_RESULTS ? 2 : a->mode == LIST_CODES ? 0 : 1;
}

int bar_tab_at(const struct app *a, int x)
{
	int col = text_width(BRAND);
	for (int i = 0; i < NTABS; i++) {
		char buf[64];
		int w;
		tab_text(a, i, current_tab(a), buf, sizeof buf);
		w = text_width(buf);
		if (x >= col && x < col + w)
			return i;
		col += w;
	}
	return -1;
}

void bar_draw_tabs(struct app *a)
{
	int current = current_tab(a), col;

	draw_fill(0, 0, COLS, theme(TH_BAR));
	col = draw_text(0, 0, COLS, BRAND, theme(TH_BAR_KEY));
	for (int i = 0; i < NTABS && col < COLS; i++) {
		char buf[64];
		tab_text(a, i, current, buf, sizeof buf);
		col += draw_text(0, col, COLS - col, buf, i == current ? theme(TH_TAB_ON) : theme(TH_BAR));
	}
	if (a->mode == LIST_MAPPINGS && a->source_index < a->sources.n && col + 4 < COLS) {
		const struct hc_source *s = &a->sources.items[a->source_index];
		col += draw_text(0, col, COLS - col, " \xE2\x80\xBA ", theme(TH_BAR));
		draw_text(0, col, COLS - col, a->lang == LANG_ZH ? s->name_zh : s->name_en, theme(TH_BAR));
	}
}

/* The hints taken (take[i]: bar_hints[i]) as the bar shows them, into out; their width. */
static int hints_taken(const struct app *a, const int *take, struct strbuf *out)
{
	struct hint kept[16];
	size_t n = 0;
	for (size_t k = 0; k < bar_nhints && k < 16; k++)
		if (take[k])
			kept[n++] = bar_hints[k];
	strbuf_reset(out);
	hints_text(out, &browse_keymap, kept, n, a->lang, "  ");
	return text_width(out->buf);
}

void bar_draw(struct app *a)
{
	char left[160], count[96];
	const char *lang = a->lang == LANG_BOTH ? "EN+中文" : label(a->lang, L_LANG_NOW);
	int col;

	draw_fill(a->bar.y, 0, COLS, theme(TH_BAR));
	if (a->message[0]) {
		draw_text(a->bar.y, 1, COLS - 1, a->message, theme(TH_BAR));
		return;
	}
	if (a->mode != LIST_CODES) /* sources, errors, results: no class to name */
		snprintf(left, sizeof left, " %s \xE2\x94\x82 ", lang);
	else if (a->klass)
		snprintf(left, sizeof left, " %dxx \xE2\x94\x82 %s \xE2\x94\x82 ", a->klass, lang);
	else
		snprintf(left, sizeof left, " %s \xE2\x94\x82 %s \xE2\x94\x82 ",
			 label(a->lang, L_ALL_CLASSES), lang);
	{
		int items = 0;
		for (size_t i = 0; i < a->nrows; i++)
			items += a->rows[i].kind != ROW_GROUP;
		/* A team's page holds its first LIST_SOURCE_MAX errors: how many more there are. */
		if (a->mode == LIST_MAPPINGS && a->source_index < a->sources.n &&
		    a->sources.items[a->source_index].count > items)
			snprintf(count, sizeof count, label(a->lang, L_ITEMS_FIRST), items,
				 a->sources.items[a->source_index].count);
		else
			snprintf(count, sizeof count, label_n(a->lang, L_ITEMS, items), items);
	}
	/* The hints first, from the right: the help's always (a new user's one way in), the others
	 * as they fit, the spare ones last; then what is said on the left, in what is left. */
	{
		struct strbuf hints = STRBUF_INIT;
		int take[16] = { 0 }, w = 0, room = COLS - text_width(left) - text_width(count) - 3;
		for (int pass = 0; pass < 3; pass++)
			for (size_t i = 0; i < bar_nhints && i < 16; i++) {
				int want = pass == 0 ? bar_hints[i].spare < 0
					   : pass == 1 ? bar_hints[i].spare == 0 : 1;
				if (take[i] || !want)
					continue;
				take[i] = 1;
				if (pass > 0 && hints_taken(a, take, &hints) > room)
					take[i] = 0; /* leave room for the count */
			}
		w = hints_taken(a, take, &hints);
		if (w > COLS - 2)
			w = 0;
		else
			draw_text(a->bar.y, COLS - w - 1, w, hints.buf, theme(TH_BAR));
		strbuf_release(&hints);
		col = draw_text(a->bar.y, 0, COLS - w - 2, left, theme(TH_BAR));
		if (COLS - w - 2 - col > 0)
			draw_text(a->bar.y, col, COLS - w - 2 - col, count, theme(TH_BAR_KEY));
	}
}

