/* The list and the detail: their keys (one table, the focused pane's moves) and the mouse. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

static void remember(struct app *a)
{
	struct place *p;
	if (a->nhistory == HISTORY) {
		memmove(a->history, a->history + 1, (HISTORY - 1) * sizeof *a->history);
		a->nhistory--;
	}
	p = &a->history[a->nhistory++];
	*p = (struct place){ a->mode, a->sel, a->top, a->dkind, a->dcode, a->dtop, a->focus, a->dlink, "", "" };
	if (a->dkind == DETAIL_HEADER && a->dheader.name)
		snprintf(p->dheader, sizeof p->dheader, "%s", a->dheader.name);
	detail_mapping_key(a, p->dmapping, sizeof p->dmapping);
}

/* Another list: it has the keys. */
static void set_mode(struct app *a, enum list_mode mode, int sel)
{
	a->mode = mode;
	a->sel = sel;
	a->top = 0;
	overlay_close(a, &search_pane);
	a->focus = 0;
	list_build(a);
	detail_show_selected(a);
}

static void go_back(struct app *a)
{
	struct place *p;
	if (a->nhistory == 0) {
		if (a->mode == LIST_MAPPINGS)
			set_mode(a, LIST_SOURCES, (int)a->source_index);
		else if (a->mode != LIST_CODES)
			set_mode(a, LIST_CODES, 0);
		return;
	}
	p = &a->history[--a->nhistory];
	a->mode = p->mode;
	a->sel = p->sel;
	list_build(a);
	a->top = p->top;
	if (p->dkind == DETAIL_STATUS || p->dkind == DETAIL_NUMBER)
		detail_show_code(a, p->dcode);
	else if (p->dkind == DETAIL_HEADER)
		detail_show_header(a, p->dheader);
	else if (p->dkind == DETAIL_EXPLAIN)
		detail_show_explained(a);
	else if (!(p->dkind == DETAIL_MAPPING && p->dmapping[0] && detail_show_mapping_key(a, p->dmapping)))
		detail_show_selected(a); /* the list is where it was, so is its selection */
	a->dtop = p->dtop; /* held to the page when it is drawn */
	a->dlink = p->dlink;
	a->focus = p->focus;
}

/* The shown item's code and name, as its title gives them (without the bookmark's star), from
 * what the detail pane holds: a status, or the status a business error maps to. */
static void copy_text(struct app *a, struct strbuf *out)
{
	struct doc d;
	const struct hc_status *s = a->dkind == DETAIL_STATUS ? &a->dstatus.status
				    : a->dkind == DETAIL_MAPPING && a->dmapped_found ? &a->dmapped : NULL;

	doc_init(&d, a->lang, 4000, a->session.today);
	if (a->dkind == DETAIL_HEADER) {
		doc_put(&d, a->dheader.name);
	} else if (a->dkind == DETAIL_MAPPING) {
		doc_put(&d, a->dmapping.error_code);
		doc_raw(&d, " \xE2\x86\x92 "); /* → */
		if (a->dmapping.http_status)
			doc_putf(&d, "%d", a->dmapping.http_status);
		else
			doc_label(&d, L_STATUS_UNDOCUMENTED);
		if (s)
			doc_raw(&d, " ");
	} else if (a->dkind != DETAIL_NONE) {
		if (s)
			doc_putf(&d, "%d ", shown_code(a));
		else
			doc_putf(&d, "%03d", shown_code(a));
	}
	if (s) {
		doc_pair(&d, s->phrase_en, s->phrase_zh);
		if (a->dkind == DETAIL_STATUS && a->lang == LANG_ZH && strcmp(s->phrase_en, s->phrase_zh) != 0) {
			doc_raw(&d, "\xEF\xBC\x88"); /* （the registered name） */
			doc_put(&d, s->phrase_en);
			doc_raw(&d, "\xEF\xBC\x89");
		}
	}
	doc_nl(&d);
	if (d.n)
		text_strip_markers(out, d.lines[0].text);
	doc_release(&d);
}

/* Copy the shown item's code and name; "copied" only when something took it. */
static void copy(struct app *a, wint_t ch)
{
	struct strbuf text = STRBUF_INIT;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	(void)ch;
	if (a->dkind == DETAIL_NONE) {
		snprintf(a->message, sizeof a->message, "%s", msg(a->lang, MSG_NOTHING_TO_COPY));
		return;
	}
	copy_text(a, &text);
	if (copy_out(strbuf_str(&text), a->tty))
		snprintf(a->message, sizeof a->message, msg(a->lang, MSG_COPIED), strbuf_str(&text));
	else
		snprintf(a->message, sizeof a->message, "%s", msg(l, MSG_COPY_FAILED));
	strbuf_release(&text);
}

static void open_selected(struct app *a)
{
	const struct row *r = list_selected(a);
	if (!r)
		return;
	if (r->kind == ROW_SOURCE) {
		remember(a);
		list_load_source(a, r->index);
		set_mode(a, LIST_MAPPINGS, 0);
		return;
	}
	detail_show_selected(a);
	a->focus = 1;
}

/* Follow the link under the cursor: a status, a header field or a business error. */
static void follow_link(struct app *a)
{
	const struct doc_line *l = detail_link(a);
	char *target;
	if (!l) {
		snprintf(a->message, sizeof a->message, "%s", msg(a->lang, MSG_NO_LINK));
		return;
	}
	remember(a);
	if (l->link >= 0) {
		detail_show_code(a, l->link);
		return;
	}
	target = xstrdup(l->header ? l->header : l->mapping); /* the doc it is in goes */
	if (l->header)
		detail_show_header(a, target);
	else if (!detail_show_mapping_key(a, target))
		a->nhistory--; /* gone meanwhile: nothing moved */
	free(target);
}

static void move_in_focus(struct app *a, int delta)
{
	if (a->focus == 1) {
		detail_scroll(a, delta);
	} else {
		list_move(a, delta);
		detail_show_selected(a);
	}
}

static int page_of(const struct app *a)
{
	int h = a->focus == 1 ? a->detail.h : a->list.h;
	return h > 2 ? h - 1 : 1;
}

static void up(struct app *a, wint_t ch)
{
	(void)ch;
	move_in_focus(a, -1);
}

static void down(struct app *a, wint_t ch)
{
	(void)ch;
	move_in_focus(a, 1);
}

static void page_up(struct app *a, wint_t ch)
{
	(void)ch;
	move_in_focus(a, -page_of(a));
}

static void page_down(struct app *a, wint_t ch)
{
	(void)ch;
	move_in_focus(a, page_of(a));
}

/* The first line, or the last: of the details when they have the focus, else of the list. */
static void to_end(struct app *a, int last)
{
	if (a->focus == 1) {
		a->dtop = last ? 1 << 20 : 0;
		detail_scroll(a, 0);
	} else {
		list_home(a, last);
		detail_show_selected(a);
	}
}

static void top(struct app *a, wint_t ch)
{
	(void)ch;
	to_end(a, 0);
}

static void bottom(struct app *a, wint_t ch)
{
	(void)ch;
	to_end(a, 1);
}

static void focus_list(struct app *a, wint_t ch)
{
	(void)ch;
	a->focus = 0;
}

static void focus_detail(struct app *a, wint_t ch)
{
	(void)ch;
	a->focus = 1;
}

/* Tab: from the list into the details; there, from link to link, and back to the list after
 * the last one. Shift-Tab the other way. */
static void next_link(struct app *a, wint_t ch)
{
	int dir = ch == '\t' ? 1 : -1;
	if (a->focus == 0)
		a->focus = 1;
	else if (!detail_link_step(a, dir))
		a->focus = 0;
}

static void enter(struct app *a, wint_t ch)
{
	(void)ch;
	if (a->focus == 1)
		follow_link(a);
	else
		open_selected(a);
}

static void back(struct app *a, wint_t ch)
{
	(void)ch;
	go_back(a);
}

static void search(struct app *a, wint_t ch)
{
	(void)ch;
	search_begin(a);
}

/* n and N: into the results of the last search, then from one to the next; in the details,
 * when the list is not the results, from link to link. */
static void result(struct app *a, wint_t ch)
{
	if (a->focus == 1 && a->mode != LIST_RESULTS) {
		if (!detail_link_step(a, ch == 'n' ? 1 : -1))
			snprintf(a->message, sizeof a->message, "%s", msg(a->lang, MSG_NO_LINK));
	} else if (a->mode != LIST_RESULTS && a->hits.n) {
		a->search_from = shown_code(a);
		set_mode(a, LIST_RESULTS, 0);
	} else if (a->mode == LIST_RESULTS) {
		list_move(a, ch == 'n' ? 1 : -1);
		detail_show_selected(a);
	}}

static void leave(struct app *a, wint_t ch)
{
	(void)ch;
	if (a->mode == LIST_RESULTS)
		search_leave(a);
	else if (a->mode == LIST_MAPPINGS)
		set_mode(a, LIST_SOURCES, (int)a->source_index);
}

static void one_class(struct app *a, wint_t ch)
{
	a->klass = ch == '0' ? 0 : (int)(ch - '0');
	set_mode(a, LIST_CODES, 0);
}

static void business(struct app *a, wint_t ch)
{
	(void)ch;
	remember(a);
	set_mode(a, LIST_SOURCES, 0);
}

static void language(struct app *a, wint_t ch)
{
	(void)ch;
	a->lang = a->lang == LANG_ZH ? LANG_EN : a->lang == LANG_EN ? LANG_BOTH : LANG_ZH;
	list_build(a);
	detail_invalidate(a);
	settings_save_lang(a);
}

static void theme_next(struct app *a, wint_t ch)
{
	(void)ch;
	settings_theme_next(a);
}

static void layout_next(struct app *a, wint_t ch)
{
	(void)ch;
	settings_layout_next(a);
}

static void add(struct app *a, wint_t ch)
{
	(void)ch;
	form_open(a, 0);
}

static void edit(struct app *a, wint_t ch)
{
	(void)ch;
	form_open(a, 1);
}

static void delete(struct app *a, wint_t ch)
{
	(void)ch;
	delete_open(a);
}

static void bookmark(struct app *a, wint_t ch)
{
	(void)ch;
	toggle_bookmark(a);
}

static void note(struct app *a, wint_t ch)
{
	(void)ch;
	note_open(a);
}

static void help(struct app *a, wint_t ch)
{
	(void)ch;
	overlay_push(a, &help_pane);
}

/* The decision guide: which status should an API return? */
static void guide(struct app *a, wint_t ch)
{
	(void)ch;
	remember(a);
	guide_open(a);
}

/* The paste area (x, or a paste anywhere in the browser: it opens with the paste); what is
 * pasted there is explained in the detail pane. */
static void explain(struct app *a, wint_t ch)
{
	remember(a);
	paste_open(a, ch == TK_PASTE_START);
}

static void quit(struct app *a, wint_t ch)
{
	(void)ch;
	a->quit = 1;
}

/* What each key does, and its help (nnn's table; the help and README follow it). */
static const struct binding browse_keys[] = {
	{ { KCH('k'), KKEY(KEY_UP) }, up, { "move up", "上移" } },
	{ { KCH('j'), KKEY(KEY_DOWN) }, down, { "move down", "下移" } },
	{ { KKEY(KEY_PPAGE), KCTRL('b') }, page_up, { "page up", "上一页" } },
	{ { KKEY(KEY_NPAGE), KCH(' '), KCTRL('f') }, page_down, { "page down", "下一页" } },
	{ { KCH('g'), KKEY(KEY_HOME) }, top, { "first line", "第一行" } },
	{ { KCH('G'), KKEY(KEY_END) }, bottom, { "last line", "最后一行" } },
	/* The Ctrl-arrows as the arrows: there are no words to move by. */
	{ { KCH('h'), KKEY(KEY_LEFT), KKEY(TK_CTRL_LEFT) }, focus_list, { "focus the list", "切到列表" } },
	{ { KCH('l'), KKEY(KEY_RIGHT), KKEY(TK_CTRL_RIGHT) }, focus_detail, { "focus the details", "切到详情" } },
	{ { KCH('\t') }, next_link, { "into the details; there, the next link", "进入详情；在详情中到下一个链接" } },
	{ { KKEY(KEY_BTAB) }, next_link, { "the link before; from the first, the list", "上一个链接；第一个之前回到列表" } },
	{ { KCH('\r'), KCH('\n'), KKEY(KEY_ENTER) }, enter,
	  { "open; in details, follow the marked link", "打开；在详情中打开选中的链接" } },
	{ { KKEY(KEY_BACKSPACE), KCH(127), KCH(8) }, back, { "go back", "返回" } },
	{ { KCH('/') }, search, { "search (Chinese, English, pinyin, error codes)", "搜索（中文、英文、拼音、错误码）" } },
	{ { KCH('n') }, result, { "next search result (in details: next link)", "下一个搜索结果（详情中：下一个链接）" } },
	{ { KCH('N') }, result, { "previous search result (in details: link before)", "上一个搜索结果（详情中：上一个链接）" } },
	{ { KCH(27) }, leave, { "close the search, or the source's list", "关闭搜索或来源的列表" } },
	{ { KCH('1'), KCH('2'), KCH('3'), KCH('4'), KCH('5') }, one_class, { "show one class", "只看一类" } },
	{ { KCH('0') }, one_class, { "show all classes", "显示全部" } },
	{ { KCH('b') }, business, { "business errors by source", "按来源浏览业务错误码" } },
	{ { KCH('L') }, language, { "language: 中文 / English / both (kept)", "语言：中文 / English / 双语（会保存）" } },
	{ { KCH('t') }, theme_next, { "theme: auto / dark / light / no colour (kept)", "配色：自动 / 深色 / 浅色 / 无颜色（会保存）" } },
	{ { KCH('v') }, layout_next, { "layout: auto / side by side / stacked (kept)", "布局：自动 / 左右并排 / 上下（会保存）" } },
	{ { KCH('a') }, add, { "add your own error code (with the shown status)", "添加你自己的错误码（使用当前状态码）" } },
	{ { KCH('e') }, edit, { "edit your error code shown", "修改当前显示的你的错误码" } },
	{ { KCH('D') }, delete, { "delete your error code shown", "删除当前显示的你的错误码" } },
	{ { KCH('m') }, bookmark, { "bookmark the code (★), or remove it", "给状态码加书签（★）或取消" } },
	{ { KCH('c') }, note, { "write your note on the code", "为状态码写笔记" } },
	{ { KCH('y') }, copy, { "copy code and name", "复制状态码和名称" } },
	{ { KCH('w') }, guide, { "which status should my API return? (a guide)", "我的 API 该返回哪个状态码？（决策指南）" } },
	{ { KCH('x'), KKEY(TK_PASTE_START) }, explain,
	  { "explain a pasted response, error body or log line", "解释粘贴的响应、错误正文或日志行" } },
	{ { KCH('?') }, help, { "this help", "本帮助" } },
	{ { KCH('q') }, quit, { "quit", "退出" } },
};
const struct keymap browse_keymap = { browse_keys, sizeof browse_keys / sizeof browse_keys[0] };

const struct hint bar_hints[] = {
	{ search, 1, { "search", "搜索" }, 0 }, { business, 1, { "business", "业务错误码" }, 0 },
	{ guide, 1, { "guide", "指南" }, 1 }, { explain, 1, { "explain", "解释" }, 1 },
	{ language, 1, { "language", "语言" }, 0 }, { help, 1, { "help", "帮助" }, -1 }, { quit, 1, { "quit", "退出" }, 0 },
};
const size_t bar_nhints = sizeof bar_hints / sizeof bar_hints[0];

/* A click on a tab: the codes, the business errors by source, the search (its results when
 * there are some, else a new one). */
static void tab_click(struct app *a, int x)
{
	switch (bar_tab_at(a, x)) {
	case 0:
		if (a->mode != LIST_CODES) {
			remember(a);
			set_mode(a, LIST_CODES, 0);
		}
		break;
	case 1:
		if (a->mode != LIST_SOURCES && a->mode != LIST_MAPPINGS)
			business(a, 0);
		break;
	case 2:
		if (a->mode != LIST_RESULTS && a->hits.n) {
			a->search_from = shown_code(a);
			set_mode(a, LIST_RESULTS, 0);
		} else {
			search_begin(a);
		}
		break;
	default:
		break;
	}
}

static void mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	int in_list = ev.y >= a->list.y && ev.y < a->list.y + a->list.h && ev.x < a->list.x + a->list.w;
	int in_detail = ev.y >= a->detail.y && ev.y < a->detail.y + a->detail.h && ev.x >= a->detail.x;
	if (ev.bstate & (BUTTON4_PRESSED)) {
		if (in_detail)
			detail_scroll(a, -3);
		else if (in_list)
			move_in_focus(a, -3);
	}
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED) {
		if (in_detail)
			detail_scroll(a, 3);
		else if (in_list)
			move_in_focus(a, 3);
	}
#endif
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
		if (in_list) {
			a->focus = 0;
			if (list_click(a, ev.y))
				detail_show_selected(a);
		} else if (in_detail) {
			a->focus = 1;
			if (detail_link_at(a, ev.y))
				follow_link(a);
		} else if (ev.y == a->head.y) {
			tab_click(a, ev.x);
		}
	}
}

int browse_key(struct app *a, wint_t ch, int is_key)
{
	if (is_key && ch == KEY_MOUSE) {
		mouse(a);
		return 1;
	}
	return keymap_run(&browse_keymap, a, ch, is_key);
}
