/* The decision guide in the browser (w): one question at a time in a box, the path so far above
 * it, answers by number or by the arrows and Enter, Backspace to the question before; a leaf
 * opens the status's detail, with what the guide says of it on top. */
#include "tui_int.h"
#include "doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void guide_clear(struct app *a)
{
	hc_guide_node_list_release(&a->guide.node);
	hc_guide_answer_list_release(&a->guide.answers);
}

/* Read the question at the top of the path; a leaf closes the guide on the status's detail.
 * Returns 0, or -1 said in the bar. */
static int guide_load(struct app *a)
{
	struct guide_walk *g = &a->guide;
	guide_clear(a);
	if (store_guide_nodes(a->st, g->ids[g->depth], &g->node) < 0 ||
	    (g->node.n && store_guide_answers(a->st, g->ids[g->depth], &g->answers) < 0)) {
		say_db_error(a);
		return -1;
	}
	g->sel = 0;
	if (g->node.n && g->node.items[0].code) { /* a leaf: its status, with the guide's say on top */
		int code = g->node.items[0].code;
		guide_note_set(a, &g->node.items[0]);
		overlay_close(a, &guide_pane);
		if (a->mode == LIST_CODES)
			list_select_code(a, code); /* the list on it too */
		detail_show_code(a, code);
		a->focus = 1;
	}
	return 0;
}

void guide_open(struct app *a)
{
	struct guide_walk *g = &a->guide;
	g->depth = 0;
	snprintf(g->ids[0], sizeof g->ids[0], "start");
	overlay_push(a, &guide_pane);
	if (guide_load(a) < 0 || !g->node.n)
		overlay_close(a, &guide_pane);
}

static void pick(struct app *a, size_t i)
{
	struct guide_walk *g = &a->guide;
	const struct hc_guide_answer *an;
	if (i >= g->answers.n || g->depth >= GUIDE_MAX_DEPTH)
		return;
	an = &g->answers.items[i];
	snprintf(g->labels[g->depth][0], sizeof g->labels[0][0], "%s", an->label_en);
	snprintf(g->labels[g->depth][1], sizeof g->labels[0][1], "%s", an->label_zh);
	g->depth++;
	snprintf(g->ids[g->depth], sizeof g->ids[0], "%s", an->next);
	guide_load(a);
}

static void guide_up(struct app *a, wint_t ch)
{
	(void)ch;
	if (a->guide.sel > 0)
		a->guide.sel--;
}

static void guide_down(struct app *a, wint_t ch)
{
	(void)ch;
	if (a->guide.sel + 1 < a->guide.answers.n)
		a->guide.sel++;
}

static void guide_enter(struct app *a, wint_t ch)
{
	(void)ch;
	pick(a, a->guide.sel);
}

static void guide_number(struct app *a, wint_t ch)
{
	for (size_t i = 0; i < a->guide.answers.n; i++)
		if (a->guide.answers.items[i].ord == (int)(ch - '0'))
			pick(a, i);
}

static void guide_back(struct app *a, wint_t ch)
{
	(void)ch;
	if (a->guide.depth == 0) {
		overlay_close(a, &guide_pane);
		return;
	}
	a->guide.depth--;
	guide_load(a);
}

static void guide_cancel(struct app *a, wint_t ch)
{
	(void)ch;
	overlay_close(a, &guide_pane);
}

static const struct binding guide_keys[] = {
	{ { KCH('1'), KCH('2'), KCH('3'), KCH('4'), KCH('5'), KCH('6') }, guide_number,
	  { "answer by its number (1-9)", "按编号选择答案（1-9）" } },
	{ { KKEY(KEY_UP), KCH('k') }, guide_up, { "the answer above", "上一个答案" } },
	{ { KKEY(KEY_DOWN), KCH('j') }, guide_down, { "the answer below", "下一个答案" } },
	{ { KCH('\r'), KCH('\n'), KKEY(KEY_ENTER) }, guide_enter, { "take the answer marked", "选择标出的答案" } },
	{ { KKEY(KEY_BACKSPACE), KCH(127), KCH(8) }, guide_back, { "the question before (on the first: close)", "回到上一个问题（第一个问题时关闭）" } },
	{ { KCH(27), KCH('q') }, guide_cancel, { "close the guide", "关闭指南" } },
};
const struct keymap guide_keymap = { guide_keys, sizeof guide_keys / sizeof guide_keys[0] };

static int guide_key(struct app *a, wint_t ch, int is_key)
{
	if (!is_key && ch >= '7' && ch <= '9') { /* answers 7-9, past the keys the help lists */
		guide_number(a, ch);
		return 1;
	}
	keymap_run(&guide_keymap, a, ch, is_key);
	return 1;
}

static void guide_draw(struct app *a)
{
	const struct guide_walk *g = &a->guide;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	int y = a->head.y + 1, h = LINES - 2, w = COLS, row = y + 1;
	struct strbuf sb = STRBUF_INIT;
	struct doc d;

	if (h < 4 || w < 20 || !g->node.n)
		return;
	draw_box(y, 0, h, w, theme(TH_BORDER));
	draw_text(y, 2, w - 4, label(l, L_GUIDE_TITLE), theme(TH_TITLE));
	for (int r = y + 1; r < y + h - 1; r++)
		draw_fill(r, 1, w - 2, A_NORMAL);
	/* The path so far: the answers taken, the last one first when it is long. */
	for (int i = 0; i < g->depth; i++) {
		strbuf_adds(&sb, i ? " \xE2\x80\xBA " : ""); /* › */
		strbuf_adds(&sb, g->labels[i][l == LANG_ZH]);
	}
	if (sb.len) {
		struct strbuf clean = STRBUF_INIT;
		int cw;
		text_sanitize(&clean, strbuf_str(&sb), 0);
		cw = text_width(strbuf_str(&clean));
		if (cw > w - 4) { /* keep its end in view */
			const char *p = strbuf_str(&clean);
			while (*p && text_width(p) > w - 6)
				p += utf8_decode(p, strlen(p), &(uint32_t){ 0 });
			draw_text(row, 2, 2, "\xE2\x80\xA6", theme(TH_DIM));
			draw_text(row, 3, w - 5, p, theme(TH_DIM));
		} else {
			draw_text(row, 2, w - 4, strbuf_str(&clean), theme(TH_DIM));
		}
		strbuf_release(&clean);
	}
	row += 2;
	/* The question, wrapped; then the answers. */
	doc_init(&d, a->lang, w - 4, a->session.today);
	doc_texts(&d, g->node.items[0].question_en, g->node.items[0].question_zh, 0, doc_para);
	for (size_t i = 0; i < d.n && row < y + h - 1; i++)
		draw_text(row++, 2, w - 4, d.lines[i].text, theme(TH_TITLE));
	doc_release(&d);
	row++;
	for (size_t i = 0; i < g->answers.n && row < y + h - 1; i++, row++) {
		const struct hc_guide_answer *an = &g->answers.items[i];
		attr_t at = i == g->sel ? theme(TH_SELECTED) : A_NORMAL;
		char num[16];
		int col = 2;
		strbuf_reset(&sb);
		strbuf_adds(&sb, l == LANG_ZH ? an->label_zh : an->label_en);
		if (a->lang == LANG_BOTH) {
			strbuf_adds(&sb, " \xC2\xB7 ");
			strbuf_adds(&sb, an->label_zh);
		}
		if (i == g->sel)
			draw_fill(row, 1, w - 2, at);
		snprintf(num, sizeof num, "%d  ", an->ord);
		col += draw_text(row, col, w - 4, num, at);
		{
			struct strbuf clean = STRBUF_INIT;
			text_sanitize(&clean, strbuf_str(&sb), 0);
			col += draw_text(row, col, w - 2 - col, strbuf_str(&clean), at);
			strbuf_release(&clean);
		}
		if (an->next_code) {
			snprintf(num, sizeof num, "  \xE2\x86\x92 %03d", an->next_code); /* → */
			draw_text(row, col, w - 2 - col, num, i == g->sel ? at : theme(TH_DIM));
		}
	}
	strbuf_release(&sb);
	place_cursor(a, -1, -1);
}

static void guide_release(struct app *a)
{
	guide_clear(a);
}

const struct pane_ops guide_pane = { guide_draw, guide_key, NULL, guide_release };
