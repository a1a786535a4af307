/* The search pane: a query line over the list; results on every keystroke. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "search.h"

#define RESULTS 200

/* Nothing typed but blanks. */
static int query_empty(const struct app *a)
{
	return strspn(line_text(&a->query), " ") == a->query.text.len;
}

void search_rerun(struct app *a)
{
	hc_hit_list_release(&a->hits);
	search_ranking_release(&a->ranking);
	/* Ranked only: the list reads the rows it shows (list_build). Nothing typed lists
	 * everything, as fzf does, each row read as it comes into view; typing narrows it. */
	if (query_empty(a)) {
		if (search_rank_all(a->st, LIST_SOURCE_MAX, &a->ranking, &a->hits) < 0)
			say_db_error(a); /* the user's rows: the built-in ones are listed */
	} else if (search_rank(a->st, line_text(&a->query), RESULTS, &a->ranking, &a->hits) < 0) {
		say_db_error(a);
		hc_hit_list_release(&a->hits);
		search_ranking_release(&a->ranking);
	}
}

/* The results of the query as it is now: the best first; or, with nothing typed, everything,
 * on the code the search began from, which stays in the details. */
static void search_update(struct app *a)
{
	search_rerun(a);
	a->sel = 0;
	a->top = 0;
	list_build(a);
	if (query_empty(a) && a->search_from >= 0 && list_select_code(a, a->search_from))
		a->top = a->sel > 2 ? a->sel - 2 : 0;
	detail_show_selected(a);
}

void search_begin(struct app *a)
{
	if (a->mode != LIST_RESULTS)
		a->search_from = shown_code(a);
	a->mode = LIST_RESULTS;
	overlay_push(a, &search_pane);
	a->focus = 0;
	line_set(&a->query, NULL);
	search_update(a);
}

void search_begin_with(struct app *a, const char *text)
{
	struct strbuf clean = STRBUF_INIT;
	size_t keep = 0;
	char *typed;

	search_begin(a);
	/* From the command line: no control character, valid UTF-8, whole characters within the
	 * line's room, as typing would have left it. */
	text_sanitize(&clean, text ? text : "", 0);
	while (keep < clean.len) {
		uint32_t cp;
		size_t n = utf8_decode(clean.buf + keep, clean.len - keep, &cp);
		if (keep + n > a->query.max)
			break;
		keep += n;
	}
	typed = xstrndup(strbuf_str(&clean), keep);
	line_set(&a->query, typed);
	free(typed);
	strbuf_release(&clean);
	search_update(a);
}

/* Enter: the results stay, the details get the keys. */
static void done(struct app *a, wint_t ch)
{
	(void)ch;
	overlay_close(a, &search_pane);
	a->focus = 1;
}

static void cancel(struct app *a, wint_t ch)
{
	(void)ch;
	search_leave(a);
}

static void next_result(struct app *a, wint_t ch)
{
	list_move(a, ch == KEY_UP ? -1 : 1);
	detail_show_selected(a);
}

/* Before the line editor's keys, which have Home and End, as fzf's query line and every other
 * line here have them (the list's g and G reach the first and the last result). */
static const struct binding search_keys[] = {
	{ { KCH('\r'), KCH('\n'), KKEY(KEY_ENTER) }, done, { "keep the results, focus the details", "保留结果，切到详情" } },
	{ { KCH(27) }, cancel, { "back to the codes", "回到状态码列表" } },
	{ { KKEY(KEY_UP), KKEY(KEY_DOWN) }, next_result, { "previous / next result", "上一个 / 下一个结果" } },
};
const struct keymap search_keymap = { search_keys, sizeof search_keys / sizeof search_keys[0] };

static int search_key(struct app *a, wint_t ch, int is_key)
{
	enum line_result r;
	if (keymap_run(&search_keymap, a, ch, is_key))
		return 1;
	r = line_key(&a->query, ch, is_key);
	if (r == LINE_CHANGED)
		search_update(a);
	/* Other control keys are neither for the query nor for the app; resize, mouse, the page
	 * keys and the Ctrl-arrows are the app's. */
	return r != LINE_IGNORED || !is_key;
}

void search_leave(struct app *a)
{
	int code = shown_code(a); /* the selected result's, or the one shown before the search */
	if (code < 0)
		code = a->search_from;
	if (query_empty(a)) { /* no search to come back to with n */
		hc_hit_list_release(&a->hits);
		search_ranking_release(&a->ranking);
	}
	overlay_close(a, &search_pane);
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

void search_line_draw(struct app *a)
{
	int y = a->list.y, x = a->list.x, w = a->list.w, col;
	int editing = overlay_is_open(a, &search_pane);

	draw_fill(y, x, w, A_NORMAL);
	col = draw_text(y, x, w, "/ ", theme(TH_PROMPT));
	a->query_x = x + col;
	if (!a->query.text.len && !editing)
		col += draw_text(y, x + col, w - col, label(a->lang, L_SEARCH_PROMPT), theme(TH_DIM));
	else
		col += line_draw(&a->query, y, x + col, w - col - 1, A_NORMAL, &a->query_x);
	if (a->query.text.len && !a->hits.n && w - col > 4)
		draw_text(y, x + col + 2, w - col - 2, msg(a->lang, MSG_NO_RESULTS_SHORT), theme(TH_DIM));
	else if (a->ranking.about.closest && a->hits.n && w - col > 4) {
		/* The whole sentence where it fits, else its gist: a narrow list has a few columns. */
		const char *say = msg(a->lang, MSG_CLOSEST_SHORT);
		if (text_width(say) > w - col - 2)
			say = msg(a->lang, MSG_CLOSEST_BRIEF);
		draw_text(y, x + col + 2, w - col - 2, say, theme(TH_DIM));
	}
}

/* The query line has the keyboard: the list has drawn it, the cursor goes where the typing
 * is (an input method puts its candidates there). */
static void search_pane_draw(struct app *a)
{
	place_cursor(a, a->list.y, a->query_x);
}

const struct pane_ops search_pane = { search_pane_draw, search_key, NULL, NULL };
