/* The bars: the tabs along the top, the status bar along the foot. */
#include "tui_int.h"

#include <stdio.h>

void bar_draw_tabs(struct app *a)
{
	static const enum label_id tabs[] = { L_TAB_CODES, L_TAB_BUSINESS, L_TAB_SEARCH };
	int current = a->mode == LIST_RESULTS ? 2 : a->mode == LIST_CODES ? 0 : 1, col;

	draw_fill(0, 0, COLS, theme(TH_BAR));
	col = draw_text(0, 0, COLS, " httpcodes ", theme(TH_BAR_KEY));
	for (int i = 0; i < 3 && col < COLS; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, " %s ", label(a->lang, tabs[i]));
		col += draw_text(0, col, COLS - col, buf, i == current ? theme(TH_SELECTED) : theme(TH_BAR));
	}
	if (a->mode == LIST_MAPPINGS && a->source_index < a->sources.n && col + 4 < COLS) {
		const struct hc_source *s = &a->sources.items[a->source_index];
		col += draw_text(0, col, COLS - col, " \xE2\x80\xBA ", theme(TH_BAR));
		draw_text(0, col, COLS - col, a->lang == LANG_ZH ? s->name_zh : s->name_en, theme(TH_BAR));
	}
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
	col = draw_text(a->bar.y, 0, COLS, left, theme(TH_BAR));
	col += draw_text(a->bar.y, col, COLS - col, count, theme(TH_BAR_KEY));
	if (COLS - col > 10) {
		struct strbuf hints = STRBUF_INIT;
		struct hint kept[16];
		size_t n = 0;
		int w;
		hints_text(&hints, &browse_keymap, bar_hints, bar_nhints, a->lang, "  ");
		w = text_width(hints.buf);
		if (w > COLS - col - 3) { /* without the spare ones */
			for (size_t i = 0; i < bar_nhints && n < sizeof kept / sizeof kept[0]; i++)
				if (!bar_hints[i].spare)
					kept[n++] = bar_hints[i];
			strbuf_reset(&hints);
			hints_text(&hints, &browse_keymap, kept, n, a->lang, "  ");
			w = text_width(hints.buf);
		}
		if (w <= COLS - col - 3)
			draw_text(a->bar.y, COLS - w - 1, w, hints.buf, theme(TH_BAR));
		strbuf_release(&hints);
	}
}

