/* The search pane: a query line over the list; results on every keystroke. */
#include "tui_int.h"

#include <string.h>

#include "search.h"

#define RESULTS 200

void search_update(struct app *a)
{
	hc_hit_list_release(&a->hits);
	if (a->query.len && search_run(a->st, a->query.buf, RESULTS, &a->hits) < 0) {
		char local[200];
		lang_reasons(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, store_error(a->st), local, sizeof local);
		snprintf(a->message, sizeof a->message, msg(a->lang, MSG_DB_ERROR_TUI), local);
		hc_hit_list_release(&a->hits);
	}
	a->sel = 0;
	a->top = 0;
	list_build(a);
	detail_show_selected(a);
}

void search_begin(struct app *a)
{
	a->mode = LIST_RESULTS;
	a->editing = 1;
	a->focus = 0;
	strbuf_reset(&a->query);
	search_update(a);
}

int search_key(struct app *a, wint_t ch, int is_key)
{
	if (!a->editing)
		return 0;
	if (is_key) {
		switch (ch) {
		case KEY_BACKSPACE:
			line_edit(&a->query, ch, is_key);
			search_update(a);
			return 1;
		case KEY_ENTER:
			a->editing = 0;
			a->focus = 1;
			return 1;
		case KEY_UP:
		case KEY_DOWN:
			list_move(a, ch == KEY_UP ? -1 : 1);
			detail_show_selected(a);
			return 1;
		default:
			return 0; /* resize, mouse, page keys: the app's */
		}
	}
	switch (ch) {
	case 27: /* Esc: back to the codes */
		a->editing = 0;
		a->mode = LIST_CODES;
		a->sel = a->top = 0;
		list_build(a);
		detail_show_selected(a);
		return 1;
	case '\r':
	case '\n':
		a->editing = 0;
		a->focus = 1;
		return 1;
	default:
		/* Characters, Backspace by character, Ctrl-U; other control keys are neither for
		 * the query nor for the app. */
		if (a->query.len < 512 || ch == 127 || ch == 8 || ch == 21)
			if (line_edit(&a->query, ch, is_key))
				search_update(a);
		return 1;
	}
}

void search_draw(struct app *a)
{
	int y = a->list.y, x = a->list.x, w = a->list.w, col;
	struct strbuf clean = STRBUF_INIT;

	draw_fill(y, x, w, A_NORMAL);
	col = draw_text(y, x, w, "/ ", theme(TH_PROMPT));
	text_sanitize(&clean, strbuf_str(&a->query), 0);
	if (!a->query.len && !a->editing)
		col += draw_text(y, x + col, w - col, label(a->lang, L_SEARCH_PROMPT), theme(TH_DIM));
	else if (text_width(strbuf_str(&clean)) < w - col - 1)
		col += draw_text(y, x + col, w - col, strbuf_str(&clean), A_NORMAL);
	else { /* the end of a long query, where the typing is */
		const char *p = strbuf_str(&clean);
		while (text_width(p) >= w - col - 1 && *p) {
			uint32_t cp;
			p += utf8_decode(p, strlen(p), &cp);
		}
		col += draw_text(y, x + col, w - col, p, A_NORMAL);
	}
	if (a->query.len && !a->hits.n && w - col > 4)
		draw_text(y, x + col + 2, w - col - 2, msg(a->lang, MSG_NO_RESULTS_SHORT), theme(TH_DIM));
	strbuf_release(&clean);
	if (a->editing)
		move(y, x + col); /* the cursor, where an input method puts its candidates */
}
