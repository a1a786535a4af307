/* The terminal browser: the app loop, keys, layout, status bar, help, and the terminal's
 * manners (resize, signals, restore on every way out). */
#include "tui.h"

#include <errno.h>
#include <signal.h>
#include <termios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui_int.h"

#define MIN_COLS 30
#define MIN_LINES 8
#define WIDE_COLS 100   /* side by side from this width; stacked below */

const struct key_info key_infos[K_COUNT_] = {
#define X(id, keys, en, zh) [id] = { keys, { en, zh } },
	KEYS(X)
#undef X
};

/* What each key does (nnn's table): a character, or a curses key code when is_key. */
static const struct binding {
	wint_t key;
	int is_key;
	enum key_action action;
} bindings[] = {
	{ KEY_UP, 1, K_UP }, { 'k', 0, K_UP }, { KEY_DOWN, 1, K_DOWN }, { 'j', 0, K_DOWN },
	{ KEY_PPAGE, 1, K_PGUP }, { 2, 0, K_PGUP }, { KEY_NPAGE, 1, K_PGDN }, { ' ', 0, K_PGDN },
	{ 6, 0, K_PGDN }, { 'g', 0, K_TOP }, { KEY_HOME, 1, K_TOP }, { 'G', 0, K_BOTTOM },
	{ KEY_END, 1, K_BOTTOM }, { 'h', 0, K_LEFT }, { KEY_LEFT, 1, K_LEFT }, { 'l', 0, K_RIGHT },
	{ KEY_RIGHT, 1, K_RIGHT }, { '\t', 0, K_TAB }, { '\r', 0, K_ENTER }, { '\n', 0, K_ENTER },
	{ KEY_ENTER, 1, K_ENTER }, { KEY_BACKSPACE, 1, K_BACK }, { 127, 0, K_BACK }, { 8, 0, K_BACK },
	{ '/', 0, K_SEARCH }, { 'n', 0, K_NEXT }, { 'N', 0, K_PREV }, { 27, 0, K_ESC },
	{ '0', 0, K_ALL }, { '1', 0, K_CLASS }, { '2', 0, K_CLASS }, { '3', 0, K_CLASS },
	{ '4', 0, K_CLASS }, { '5', 0, K_CLASS }, { 'b', 0, K_BUSINESS }, { 'L', 0, K_LANG },
	{ 'y', 0, K_COPY }, { '?', 0, K_HELP }, { 'q', 0, K_QUIT }, { 'a', 0, K_ADD },
	{ 'e', 0, K_EDIT }, { 'D', 0, K_DELETE }, { 'm', 0, K_BOOKMARK }, { 'c', 0, K_NOTE },
	{ TK_CTRL_LEFT, 1, K_LEFT }, { TK_CTRL_RIGHT, 1, K_RIGHT }, /* as the arrows: no words to move by */
};

static volatile sig_atomic_t got_signal;
static int curses_on;

/* For a way out from inside a signal handler, where curses cannot be called: the terminal's
 * modes from before curses, and the bytes that leave its full-screen mode. */
static struct termios tty_before;
static int have_tty_before;
static char leave_seq[64];
static size_t leave_len;

/* The first INT or TERM asks the loop to end (a running statement stops too: store_watch).
 * A second one, or a hangup (the terminal is gone), ends the program at once, whatever it is
 * doing: the terminal is put back as it was; SQLite's journal undoes a half-done write. */
static void on_signal(int sig)
{
	if (sig == SIGHUP || got_signal) {
		if (leave_len)
			(void)!write(STDOUT_FILENO, leave_seq, leave_len);
		if (have_tty_before)
			tcsetattr(STDIN_FILENO, TCSANOW, &tty_before);
		_exit(128 + sig);
	}
	got_signal = sig;
}

/* Keep what on_signal needs: rmcup (leave the alternate screen), cnorm (show the cursor). */
static void keep_leave_seq(void)
{
	static const char *const caps[] = { "sgr0", "cnorm", "rmcup" };
	leave_len = 0;
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		const char *s = tigetstr(caps[i]);
		size_t n = s && s != (char *)-1 ? strlen(s) : 0;
		if (n && leave_len + n < sizeof leave_seq) {
			memcpy(leave_seq + leave_len, s, n + 1); /* its NUL too: there is room */
			leave_len += n;
		}
	}
}

/* The keys the tty driver would keep for itself: with IXON it takes Ctrl-S and Ctrl-Q for flow
 * control (Ctrl-S stops the output: the form's "save" froze the screen). ISIG stays, so Ctrl-C
 * is still SIGINT and Ctrl-Z still suspends. The mode is made curses' program mode, which it
 * sets again after a suspend; endwin, and on_signal, give back the mode from before. */
static void take_flow_keys(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)IXON;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

/* Whatever ends the program, the terminal is given back first. */
static void restore_terminal(void)
{
	if (curses_on) {
		endwin();
		curses_on = 0;
	}
}

/* ---- the key script (tests): keys as text, <Name> for the others ------------------------- */

struct script {
	const char *p;          /* what is left of it */
	int active;
};

static const struct {
	const char *name;
	wint_t key;
	int is_key;
} script_names[] = {
	{ "Enter", '\r', 0 }, { "Esc", 27, 0 }, { "Tab", '\t', 0 }, { "BS", KEY_BACKSPACE, 1 },
	{ "Up", KEY_UP, 1 }, { "Down", KEY_DOWN, 1 }, { "Left", KEY_LEFT, 1 },
	{ "Right", KEY_RIGHT, 1 }, { "PgUp", KEY_PPAGE, 1 }, { "PgDn", KEY_NPAGE, 1 },
	{ "Home", KEY_HOME, 1 }, { "End", KEY_END, 1 }, { "lt", '<', 0 }, { "BTab", KEY_BTAB, 1 },
	{ "C-Left", TK_CTRL_LEFT, 1 }, { "C-Right", TK_CTRL_RIGHT, 1 },
};

/* The next key of the script: 0 at its end, 1 with a key, 2 after a <Resize:COLSxLINES>. */
static int script_next(struct script *s, wint_t *key, int *is_key)
{
	uint32_t cp;
	size_t n;

	if (!*s->p)
		return 0;
	if (*s->p == '<') {
		const char *end = strchr(s->p, '>');
		int cols, lines;
		if (end == s->p + 4 && s->p[1] == 'C' && s->p[2] == '-' && s->p[3] >= 'a' && s->p[3] <= 'z') {
			*key = (wint_t)(s->p[3] - 'a' + 1); /* <C-s>: Ctrl-S */
			*is_key = 0;
			s->p = end + 1;
			return 1;
		}
		if (end && sscanf(s->p, "<Resize:%dx%d>", &cols, &lines) == 2) {
			s->p = end + 1;
			resizeterm(lines, cols);
			*key = KEY_RESIZE;
			*is_key = 1;
			return 2;
		}
		for (size_t i = 0; end && i < sizeof script_names / sizeof script_names[0]; i++) {
			size_t len = strlen(script_names[i].name);
			if ((size_t)(end - s->p - 1) == len && strncmp(s->p + 1, script_names[i].name, len) == 0) {
				s->p = end + 1;
				*key = script_names[i].key;
				*is_key = script_names[i].is_key;
				return 1;
			}
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

/* ---- layout and drawing ------------------------------------------------------------------- */

static void layout(struct app *a)
{
	int h = LINES - 2;
	a->head = (struct rect){ 0, 0, 1, COLS };
	a->bar = (struct rect){ LINES - 1, 0, 1, COLS };
	a->wide = COLS >= WIDE_COLS;
	if (a->wide) {
		int lw = COLS * 2 / 5;
		lw = lw < 36 ? 36 : lw > 64 ? 64 : lw;
		a->list = (struct rect){ 1, 0, h, lw };
		a->detail = (struct rect){ 1, lw + 1, h, COLS - lw - 1 };
	} else {
		int lh = h * 2 / 5 < 3 ? 3 : h * 2 / 5;
		a->list = (struct rect){ 1, 0, lh, COLS };
		a->detail = (struct rect){ 1 + lh + 1, 0, h - lh - 1, COLS };
	}
}

static void draw_tabs(struct app *a)
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

static void draw_bar(struct app *a)
{
	char left[160], count[48];
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
		snprintf(count, sizeof count, label_n(a->lang, L_ITEMS, items), items);
	}
	col = draw_text(a->bar.y, 0, COLS, left, theme(TH_BAR));
	col += draw_text(a->bar.y, col, COLS - col, count, theme(TH_BAR_KEY));
	if (COLS - col > 10) {
		const char *hints = label(a->lang, L_HINTS);
		int w = text_width(hints);
		if (w <= COLS - col - 3)
			draw_text(a->bar.y, COLS - w - 1, w, hints, theme(TH_BAR));
	}
}

static void draw_help(struct app *a)
{
	/* One column when it fits the height, else two side by side when they fit the width. */
	int cols = K_COUNT_ + 2 > LINES && COLS >= 70 ? 2 : 1;
	int per = (K_COUNT_ + cols - 1) / cols, w = cols == 2 ? COLS - 2 : (COLS - 4 < 76 ? COLS - 4 : 76);
	int h = per + 2 > LINES ? LINES : per + 2, cw = (w - 4) / cols;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;

	erase(); /* a screen of its own: no half of a wide character is left under a border */
	draw_box(y, x, h, w, theme(TH_BORDER));
	draw_text(y, x + 2, w - 4, label(a->lang, L_HELP_TITLE), theme(TH_TITLE));
	if (a->help_top > per - (h - 2))
		a->help_top = per - (h - 2) > 0 ? per - (h - 2) : 0;
	for (int k = 0; k < K_COUNT_; k++) {
		struct strbuf help = STRBUF_INIT;
		int row = k % per - a->help_top, cx = x + 2 + (k / per) * cw;
		if (row < 0 || row >= h - 2) /* scrolled out of the box */
			continue;
		if (a->lang == LANG_BOTH) {
			strbuf_adds(&help, key_infos[k].help[0]);
			strbuf_adds(&help, " \xC2\xB7 ");
			strbuf_adds(&help, key_infos[k].help[1]);
		} else {
			strbuf_adds(&help, key_infos[k].help[a->lang == LANG_ZH]);
		}
		draw_text(y + 1 + row, cx, 11, key_infos[k].keys, theme(TH_EM));
		draw_text(y + 1 + row, cx + 12, cw - 13, help.buf, A_NORMAL);
		strbuf_release(&help);
	}
}

struct wrap_to_screen {
	int y;
};

static void small_line(const char *line, void *ctx)
{
	struct wrap_to_screen *w = ctx;
	if (w->y < LINES)
		draw_text(w->y++, 0, COLS, line, theme(TH_PROMPT));
}

static void draw_too_small(struct app *a)
{
	char need[32], text[320];
	struct wrap_to_screen w = { 0 };
	snprintf(need, sizeof need, "%dx%d", MIN_COLS, MIN_LINES);
	if (a->lang == LANG_BOTH) {
		int n = snprintf(text, sizeof text, msg(LANG_EN, MSG_TOO_SMALL), need);
		text[n++] = '\n';
		snprintf(text + n, sizeof text - (size_t)n, msg(LANG_ZH, MSG_TOO_SMALL), need);
	} else {
		snprintf(text, sizeof text, msg(a->lang, MSG_TOO_SMALL), need);
	}
	erase();
	text_wrap(text, COLS, small_line, &w); /* into whatever there is, even one cell */
}

static void draw(struct app *a)
{
	erase();
	curs_set(0);
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		draw_too_small(a);
		return;
	}
	if (a->form.active) { /* a screen of its own */
		form_draw(a);
		return;
	}
	layout(a);
	draw_tabs(a);
	if (a->mode == LIST_RESULTS)
		search_draw(a);
	list_draw(a);
	detail_draw(a);
	if (a->wide)
		for (int y = a->list.y; y < a->list.y + a->list.h; y++)
			draw_text(y, a->list.w, 1, "\xE2\x94\x82", theme(TH_BORDER));
	else {
		struct strbuf rule = STRBUF_INIT;
		for (int i = 0; i < COLS; i++)
			strbuf_adds(&rule, "\xE2\x94\x80");
		draw_text(a->list.y + a->list.h, 0, COLS, rule.buf, theme(TH_BORDER));
		strbuf_release(&rule);
	}
	draw_bar(a);
	if (a->prompt != PROMPT_NONE)
		prompt_draw(a);
	if (a->help)
		draw_help(a);
	if (a->mode == LIST_RESULTS && a->editing && !a->help && a->prompt == PROMPT_NONE) {
		curs_set(1);
		search_draw(a); /* again, last, so the cursor ends on the query line */
	}
}

/* ---- actions ---------------------------------------------------------------------------- */

static void remember(struct app *a)
{
	struct place *p;
	if (a->nhistory == HISTORY) {
		memmove(a->history, a->history + 1, (HISTORY - 1) * sizeof *a->history);
		a->nhistory--;
	}
	p = &a->history[a->nhistory++];
	*p = (struct place){ a->mode, a->sel, a->top, a->dkind, a->dcode, a->dtop, a->focus };
}

/* Another list: it has the keys. */
static void set_mode(struct app *a, enum list_mode mode, int sel)
{
	a->mode = mode;
	a->sel = sel;
	a->top = 0;
	a->editing = 0;
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
	else
		detail_show_selected(a); /* the list is where it was, so is its selection */
	a->dtop = p->dtop; /* held to the page when it is drawn */
	a->focus = p->focus;
}

/* The shown item's code and name, as its title gives them (without the bookmark's star). */
static void copy_text(struct app *a, struct strbuf *out)
{
	struct doc d;
	struct hc_status s = { 0 };
	int found = a->dkind == DETAIL_NONE ? 0 : store_status_get(a->st, shown_code(a), &s);

	doc_init(&d, a->lang, 4000, a->today);
	if (a->dkind == DETAIL_MAPPING) {
		doc_put(&d, a->dmapping.error_code);
		doc_raw(&d, " \xE2\x86\x92 "); /* → */
		doc_putf(&d, "%d", a->dmapping.http_status);
		if (found == 1)
			doc_raw(&d, " ");
	} else if (a->dkind != DETAIL_NONE) {
		if (found == 1)
			doc_putf(&d, "%d ", shown_code(a));
		else
			doc_putf(&d, "%03d", shown_code(a));
	}
	if (found == 1) {
		doc_pair(&d, s.phrase_en, s.phrase_zh);
		if (a->dkind == DETAIL_STATUS && a->lang == LANG_ZH && strcmp(s.phrase_en, s.phrase_zh) != 0) {
			doc_raw(&d, "\xEF\xBC\x88"); /* （the registered name） */
			doc_put(&d, s.phrase_en);
			doc_raw(&d, "\xEF\xBC\x89");
		}
		hc_status_release(&s);
	}
	doc_nl(&d);
	if (d.n)
		text_strip_markers(out, d.lines[0].text);
	doc_release(&d);
}

/* Copy the shown item's code and name; "copied" only when something took it. */
static void copy(struct app *a, int to_terminal)
{
	struct strbuf text = STRBUF_INIT;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	if (a->dkind == DETAIL_NONE) {
		snprintf(a->message, sizeof a->message, "%s", msg(a->lang, MSG_NOTHING_TO_COPY));
		return;
	}
	copy_text(a, &text);
	if (copy_out(strbuf_str(&text), to_terminal))
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

static void follow_link(struct app *a)
{
	int code = detail_link(a);
	if (code < 0) {
		snprintf(a->message, sizeof a->message, "%s", msg(a->lang, MSG_NO_LINK));
		return;
	}
	remember(a);
	detail_show_code(a, code);
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

static void act(struct app *a, enum key_action k, wint_t ch, int to_terminal)
{
	switch (k) {
	case K_UP: move_in_focus(a, -1); break;
	case K_DOWN: move_in_focus(a, 1); break;
	case K_PGUP: move_in_focus(a, -page_of(a)); break;
	case K_PGDN: move_in_focus(a, page_of(a)); break;
	case K_TOP:
	case K_BOTTOM:
		if (a->focus == 1) {
			a->dtop = k == K_TOP ? 0 : 1 << 20;
			detail_scroll(a, 0);
		} else {
			list_home(a, k == K_BOTTOM);
			detail_show_selected(a);
		}
		break;
	case K_LEFT: a->focus = 0; break;
	case K_RIGHT: a->focus = 1; break;
	case K_TAB: a->focus = !a->focus; break;
	case K_ENTER:
		if (a->focus == 1)
			follow_link(a);
		else
			open_selected(a);
		break;
	case K_BACK: go_back(a); break;
	case K_SEARCH: search_begin(a); break;
	case K_NEXT:
	case K_PREV:
		if (a->mode != LIST_RESULTS && a->hits.n) {
			a->search_from = shown_code(a);
			set_mode(a, LIST_RESULTS, 0);
		} else if (a->mode == LIST_RESULTS) {
			list_move(a, k == K_NEXT ? 1 : -1);
			detail_show_selected(a);
		}
		break;
	case K_ESC:
		if (a->mode == LIST_RESULTS)
			search_leave(a);
		else if (a->mode == LIST_MAPPINGS)
			set_mode(a, LIST_SOURCES, (int)a->source_index);
		break;
	case K_CLASS:
	case K_ALL:
		a->klass = k == K_ALL ? 0 : (int)(ch - '0');
		set_mode(a, LIST_CODES, 0);
		break;
	case K_BUSINESS:
		remember(a);
		set_mode(a, LIST_SOURCES, 0);
		break;
	case K_LANG:
		a->lang = a->lang == LANG_ZH ? LANG_EN : a->lang == LANG_EN ? LANG_BOTH : LANG_ZH;
		list_build(a);
		a->doc_width = 0;
		break;
	case K_COPY: copy(a, to_terminal); break;
	case K_ADD: form_open(a, 0); break;
	case K_EDIT: form_open(a, 1); break;
	case K_DELETE: prompt_open(a, PROMPT_DELETE); break;
	case K_BOOKMARK: toggle_bookmark(a); break;
	case K_NOTE: prompt_open(a, PROMPT_NOTE); break;
	case K_HELP: a->help = 1; break;
	case K_QUIT: a->quit = 1; break;
	default: break;
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
		}
	}
}

static void handle(struct app *a, wint_t ch, int is_key, int to_terminal)
{
	a->message[0] = '\0';
	if (is_key && ch == KEY_RESIZE)
		return; /* the next draw lays the screen out anew */
	if (a->help) { /* the moving keys scroll the help, any other key closes it */
		if ((is_key && ch == KEY_DOWN) || ch == 'j')
			a->help_top++;
		else if ((is_key && ch == KEY_UP) || ch == 'k')
			a->help_top = a->help_top > 0 ? a->help_top - 1 : 0;
		else if ((is_key && ch == KEY_NPAGE) || ch == ' ')
			a->help_top += LINES / 2;
		else if (is_key && ch == KEY_PPAGE)
			a->help_top = a->help_top > LINES / 2 ? a->help_top - LINES / 2 : 0;
		else
			a->help = 0, a->help_top = 0;
		return;
	}
	if (is_key && ch == KEY_MOUSE) {
		mouse(a);
		return;
	}
	if (form_key(a, ch, is_key) || prompt_key(a, ch, is_key) || search_key(a, ch, is_key))
		return;
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == ch && bindings[i].is_key == is_key) {
			act(a, bindings[i].action, ch, to_terminal);
			return;
		}
}

/* ---- running ------------------------------------------------------------------------------ */

static int load(struct app *a)
{
	if (store_status_range(a->st, 0, 999, &a->statuses) < 0 ||
	    store_meanings(a->st, -1, &a->meanings) < 0 || store_sources(a->st, &a->sources) < 0)
		return -1;
	list_build(a);
	detail_show_selected(a);
	return 0;
}

static void app_release(struct app *a)
{
	form_release(a);
	strbuf_release(&a->prompt_text);
	list_release(a);
	free(a->rows);
	detail_release(a);
	hc_status_list_release(&a->statuses);
	hc_meaning_list_release(&a->meanings);
	hc_source_list_release(&a->sources);
	hc_mapping_list_release(&a->mappings);
	hc_hit_list_release(&a->hits);
	strbuf_release(&a->query);
	store_free(a->st);
}

static void today(char out[11])
{
	const char *fixed = getenv("HTTPCODES_TODAY");
	time_t now = time(NULL);
	struct tm tm;
	if (fixed && strlen(fixed) == 10)
		memcpy(out, fixed, 11);
	else if (localtime_r(&now, &tm))
		strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Columns or lines beyond what any terminal shows: curses would allocate its screens for them
 * (COLUMNS=30000 LINES=30000 is gigabytes). */
#define MAX_TERM_SIZE 1000

/* Drop COLUMNS or LINES when it is beyond any terminal, so that curses asks the terminal
 * itself; what was dropped is added to ignored, for the status bar. */
static void drop_huge_size(const char *name, char *ignored, size_t size)
{
	const char *v = getenv(name);
	struct strbuf shown = STRBUF_INIT;
	size_t len = strlen(ignored);
	long n;

	if (!v)
		return;
	errno = 0;
	n = strtol(v, NULL, 10);
	if (n <= MAX_TERM_SIZE && errno != ERANGE)
		return;
	text_truncate(&shown, v, 12); /* control characters become '?' */
	snprintf(ignored + len, size - len, "%s%s=%s", len ? " " : "", name, strbuf_str(&shown));
	strbuf_release(&shown);
	unsetenv(name);
}

static void say_term(const struct options *o, const char *term)
{
	struct strbuf safe = STRBUF_INIT;
	text_sanitize(&safe, term ? term : "", 0);
	if (o->lang != LANG_ZH) {
		fprintf(stderr, "httpcodes: ");
		fprintf(stderr, msg(LANG_EN, MSG_NO_TERMINAL), safe.buf);
		fputc('\n', stderr);
	}
	if (o->lang != LANG_EN) {
		fprintf(stderr, "httpcodes: ");
		fprintf(stderr, msg(LANG_ZH, MSG_NO_TERMINAL), safe.buf);
		fputc('\n', stderr);
	}
	strbuf_release(&safe);
}

/* What the first screen says about the user's own file, when it is not all there (before
 * anything else it has to say). */
static void user_notice(struct app *a, const struct options *o, int attached)
{
	char *path = o->db_path ? strdup(o->db_path) : store_user_path(), quoted[200];
	int newer = store_user_newer(a->st);
	if ((attached > 0 || newer) && path) {
		struct strbuf safe = STRBUF_INIT;
		text_sanitize(&safe, path, 0);
		snprintf(quoted, sizeof quoted, "'%s'", strbuf_str(&safe));
		snprintf(a->message, sizeof a->message,
			 msg(a->lang, attached > 0 ? MSG_USER_DB_LOCKED : MSG_USER_DB_NEWER), quoted);
		strbuf_release(&safe);
	}
	free(path);
}

int tui_run(const struct options *o)
{
	struct app a;
	struct script script = { getenv("HTTPCODES_SCRIPT"), 0 };
	const char *dump = getenv("HTTPCODES_DUMP"), *term = getenv("TERM");
	FILE *in = NULL, *out = NULL;
	SCREEN *screen;
	char *err = NULL;
	struct sigaction sa;
	int attached;
	char ignored[64] = "";

	memset(&a, 0, sizeof a);
	a.lang = o->lang;
	a.db_path = o->db_path;
	today(a.today);
	script.active = script.p != NULL;
	if (script.active) {
		/* No terminal: a virtual screen of the asked size, output thrown away. */
		const char *size = getenv("HTTPCODES_SIZE");
		int cols = 80, lines = 24;
		char buf[16];
		if (size)
			sscanf(size, "%dx%d", &cols, &lines);
		snprintf(buf, sizeof buf, "%d", cols);
		setenv("COLUMNS", buf, 1);
		snprintf(buf, sizeof buf, "%d", lines);
		setenv("LINES", buf, 1);
		if (!term || !*term)
			term = "xterm-256color";
		in = fopen("/dev/null", "r");
		out = fopen("/dev/null", "w");
	} else if (!term || !*term || strcmp(term, "dumb") == 0) {
		say_term(o, term);
		return EXIT_TROUBLE;
	}
	a.st = store_open(&err);
	if (!a.st) {
		cli_report(o, MSG_DB_ERROR, err ? err : "?");
		free(err);
		return EXIT_TROUBLE;
	}
	attached = attach_user(a.st, o);
	if (attached < 0) { /* it has said why */
		store_free(a.st);
		return EXIT_TROUBLE;
	}
	drop_huge_size("COLUMNS", ignored, sizeof ignored);
	drop_huge_size("LINES", ignored, sizeof ignored);
	if (!script.active)
		have_tty_before = tcgetattr(STDIN_FILENO, &tty_before) == 0;
	screen = newterm(term, out ? out : stdout, in ? in : stdin);
	if (!screen) {
		say_term(o, term);
		store_free(a.st);
		return EXIT_TROUBLE;
	}
	if (!script.active)
		keep_leave_seq();
	curses_on = 1;
	atexit(restore_terminal);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	store_watch(&got_signal); /* a signal also stops a statement that runs long */

	cbreak();
	noecho();
	nonl();
	if (!script.active)
		take_flow_keys();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	{
		int color = has_colors() && !getenv("NO_COLOR");
		if (color) {
			start_color();
			use_default_colors();
		}
		theme_init(color);
	}
	if (load(&a) < 0) {
		restore_terminal();
		if (got_signal) {
			app_release(&a);
			return 128 + got_signal;
		}
		cli_report(o, MSG_DB_ERROR, store_error(a.st));
		app_release(&a);
		return EXIT_TROUBLE;
	}
	if (*ignored) /* said on the first screen */
		snprintf(a.message, sizeof a.message, msg(a.lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_SIZE_IGNORED),
			 ignored);
	user_notice(&a, o, attached);
	timeout(0);
	keys_init();

	while (!a.quit && !got_signal) {
		wint_t ch;
		int rc, is_key;

		draw(&a);
		if (script.active) {
			/* The next key only now that the previous one is fully handled and drawn. */
			rc = script_next(&script, &ch, &is_key);
			if (rc == 0)
				break;
		} else {
			refresh();
			if (!keys_get(&ch, &is_key, 250)) /* wake now and then to notice a signal */
				continue;
		}
		handle(&a, ch, is_key, !script.active);
	}
	if (script.active && dump)
		dump_screen(dump);
	restore_terminal();
	delscreen(screen);
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	app_release(&a);
	if (got_signal)
		return 128 + got_signal;
	return EXIT_FOUND;
}
