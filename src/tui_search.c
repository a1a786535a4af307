/* The search pane: a query line over the list; results on every keystroke. */
#include "tui_int.h"

#include <string.h>

#include "search.h"

#define RESULTS 200

void search_rerun(struct app *a)
{
	hc_hit_list_release(&a->hits);
	if (a->query.len && search_run(a->st, a->query.buf, RESULTS, &a->hits) < 0) {
		char local[200];
		lang_reasons(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, store_error(a->st), local, sizeof local);
		snprintf(a->message, sizeof a->message, msg(a->lang, MSG_DB_ERROR_TUI), local);
		hc_hit_list_release(&a->hits);
	}
}

void search_update(struct app *a)
{
	search_rerun(a);
	a->sel = 0;
	a->top = 0;
	list_build(a);
	detail_show_selected(a);
}

void search_begin(struct app *a)
{
	if (a->mode != LIST_RESULTS)
		a->search_from = shown_code(a);
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
		search_leave(a);
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

void search_leave(struct app *a)
{
	int code = shown_code(a); /* the selected result's, or the one shown before the search */
	if (code < 0)
		code = a->search_from;
	a->editing = 0;
	a->mode = LIST_CODES;
	a->focus = 0;
	a->sel = a->top = 0;
	list_build(a);
	if (code >= 0 && !list_select_code(a, code) && a->klass) {
		a->klass = 0; /* not in the class shown: all of them, where it is */
		list_build(a);
		list_select_code(a, code);
	}
	detail_show_selected(a);
}

void search_draw(struct app *a)
{
	int y = a->list.y, x = a->list.x, w = a->list.w, col;

	draw_fill(y, x, w, A_NORMAL);
	col = draw_text(y, x, w, "/ ", theme(TH_PROMPT));
	if (!a->query.len && !a->editing)
		col += draw_text(y, x + col, w - col, label(a->lang, L_SEARCH_PROMPT), theme(TH_DIM));
	else
		col += draw_input(y, x + col, w - col - 1, strbuf_str(&a->query), A_NORMAL);
	if (a->query.len && !a->hits.n && w - col > 4)
		draw_text(y, x + col + 2, w - col - 2, msg(a->lang, MSG_NO_RESULTS_SHORT), theme(TH_DIM));
	if (a->editing)
		move(y, x + col); /* the cursor, where an input method puts its candidates */
}
