/* The paste area: a response, an error body or a log line pasted (x, or a paste anywhere in
 * the browser: the terminal brackets it) is explained in the detail pane, where the status,
 * the business errors and the header fields it names are links. */
#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most kept of one paste: a response or a few log lines, not a whole log (the command
 * line streams those). */
#define PASTE_MAX (1u << 20)

void paste_mode(struct app *a, int on)
{
	if (!a->tty)
		return;
	putp(on ? "\033[?2004h" : "\033[?2004l");
	fflush(stdout);
}

void explained_release(struct explained *x)
{
	for (size_t i = 0; x->mapped && i < x->e.mappings.n; i++)
		hc_status_release(&x->mapped[i]);
	free(x->mapped);
	hc_status_detail_release(&x->status);
	hc_source_release(&x->source);
	explain_release(&x->e);
	if (x->rows)
		explain_rows_release(x->rows);
	free(x->rows);
	free(x->summary);
	memset(x, 0, sizeof *x);
}

/* Explain what was pasted, with the records the text names; 0, or -1 said in the bar. */
static int explain_paste(struct app *a)
{
	struct explained *x = &a->explained;
	int rc;

	explained_release(x);
	if (a->paste.len && a->paste.buf[a->paste.len - 1] != '\n')
		strbuf_addch(&a->paste, '\n'); /* its last line whole */
	if (explain_is_log(strbuf_str(&a->paste), a->paste.len)) { /* an access log: summarised */
		const char *p = strbuf_str(&a->paste), *end = p + a->paste.len;
		x->summary = xcalloc(1, sizeof *x->summary);
		x->rows = xcalloc(1, sizeof *x->rows);
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			explain_summary_add(x->summary, p, nl ? (size_t)(nl - p) : (size_t)(end - p));
			p = nl ? nl + 1 : end;
		}
		if (explain_rows(a->st, x->summary, x->rows) < 0) {
			say_db_error(a);
			explained_release(x);
			return -1;
		}
		x->on = 1;
		return 0;
	}
	rc = explain_text(a->st, strbuf_str(&a->paste), a->paste.len, &x->e);
	if (rc >= 0 && x->e.status)
		rc = (x->has_status = store_status_detail(a->st, x->e.status, &x->status)) < 0 ? -1 : rc;
	if (rc >= 0 && x->e.sender && store_source_get(a->st, x->e.sender, &x->source) < 0)
		rc = -1;
	if (rc >= 0 && x->e.mappings.n) {
		x->mapped = xcalloc(x->e.mappings.n, sizeof *x->mapped);
		for (size_t i = 0; i < x->e.mappings.n && rc >= 0; i++)
			if (x->e.mappings.items[i].http_status &&
			    store_status_get(a->st, x->e.mappings.items[i].http_status, &x->mapped[i]) < 0)
				rc = -1;
	}
	if (rc < 0) {
		say_db_error(a);
		explained_release(x);
		return -1;
	}
	x->on = 1;
	if (rc == 0)
		snprintf(a->message, sizeof a->message, "%s", msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_EX_NOTHING));
	return 0;
}

/* Line ends as pasted: a terminal sends each line feed of the clipboard as a carriage return
 * (what Enter sends), so a text with no line feed has its carriage returns made line feeds.
 * A CRLF text (curl -si's headers) comes as CR CR: when the first line ends so, a run of n
 * carriage returns is (n + 1) / 2 line ends (the headers' blank line, CR CR CR CR, is still one
 * blank line, and a body of single line feeds after them is kept). */
static void paste_line_ends(struct strbuf *sb)
{
	char *s = sb->buf, *o;
	size_t first;
	int crlf;
	if (!s || memchr(s, '\n', sb->len))
		return;
	first = strcspn(s, "\r");
	crlf = first + 1 < sb->len && s[first + 1] == '\r' && (first + 2 >= sb->len || s[first + 2] != '\r');
	o = s;
	for (size_t i = 0; i < sb->len;) {
		size_t run = 0;
		if (s[i] != '\r') {
			*o++ = s[i++];
			continue;
		}
		while (i < sb->len && s[i] == '\r')
			run++, i++;
		for (size_t k = crlf ? (run + 1) / 2 : run; k > 0; k--)
			*o++ = '\n';
	}
	sb->len = (size_t)(o - s);
	*o = '\0';
}

static void paste_done(struct app *a, wint_t ch)
{
	(void)ch;
	a->pasting = 0;
	paste_line_ends(&a->paste);
	if (!a->paste.len) {
		overlay_close(a, &paste_pane);
		return;
	}
	if (explain_paste(a) == 0)
		detail_show_explained(a);
	overlay_close(a, &paste_pane);
}

static void paste_cancel(struct app *a, wint_t ch)
{
	(void)ch;
	overlay_close(a, &paste_pane);
}

static void paste_clear(struct app *a, wint_t ch)
{
	(void)ch;
	strbuf_reset(&a->paste);
}

static const struct binding paste_keys[] = {
	{ { KCTRL('d') }, paste_done, { "explain what is pasted (so does the end of a paste)", "解释粘贴的内容（粘贴结束时也会自动解释）" } },
	{ { KCTRL('u') }, paste_clear, { "clear the text", "清空文本" } },
	{ { KCH(27) }, paste_cancel, { "cancel", "取消" } },
};
const struct keymap paste_keymap = { paste_keys, sizeof paste_keys / sizeof paste_keys[0] };

/* The last character of the text taken back (a whole UTF-8 sequence). */
static void take_back(struct strbuf *sb)
{
	while (sb->len && ((unsigned char)sb->buf[sb->len - 1] & 0xC0) == 0x80)
		sb->len--;
	if (sb->len)
		sb->len--;
	if (sb->buf)
		sb->buf[sb->len] = '\0';
}

static int paste_key(struct app *a, wint_t ch, int is_key)
{
	char u[8];
	if (is_key && ch == TK_PASTE_START) {
		a->pasting = 1;
		return 1;
	}
	if (is_key && ch == TK_PASTE_END) {
		paste_done(a, ch);
		return 1;
	}
	/* Inside a paste every character is text, Esc and Ctrl-D too; Enter is a new line. */
	if (!a->pasting && keymap_run(&paste_keymap, a, ch, is_key))
		return 1;
	if (is_key && (ch == KEY_ENTER)) {
		ch = '\n', is_key = 0;
	} else if (is_key && (ch == KEY_BACKSPACE)) {
		take_back(&a->paste);
		return 1;
	}
	if (is_key)
		return 1; /* arrows and the like: not text */
	if (!a->pasting && (ch == 127 || ch == 8)) {
		take_back(&a->paste);
		return 1;
	}
	if (a->paste.len >= PASTE_MAX)
		return 1;
	if (ch == '\r' && !a->pasting)
		ch = '\n'; /* Enter typed: a new line */
	u[utf8_encode((uint32_t)ch, u)] = '\0';
	strbuf_adds(&a->paste, u);
	return 1;
}

/* The end of the line at p (a line feed, a carriage return, or both), and where the next
 * one begins; NULL when the text ends first. */
static const char *line_end(const char *p, const char **next)
{
	const char *e = p + strcspn(p, "\r\n");
	if (!*e)
		return NULL;
	*next = e + 1 + (e[0] == '\r' && e[1] == '\n');
	return e;
}

static void paste_draw(struct app *a)
{
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	int y = a->head.y + 1, h = LINES - 2, w = COLS, lines = 0, rows = h - 3, row = 0;
	const char *start = strbuf_str(&a->paste), *p, *next, *e;
	struct strbuf clean = STRBUF_INIT;

	if (rows < 1 || w < 10)
		return;
	draw_box(y, 0, h, w, theme(TH_BORDER));
	draw_text(y, 2, w - 4, label(l, L_PASTE_TITLE), theme(TH_TITLE));
	/* The last lines of the text, as many as the box holds. */
	for (p = start; line_end(p, &next); p = next)
		lines++;
	for (int skip = lines + 1 - rows; skip > 0 && line_end(start, &next); skip--)
		start = next;
	for (p = start; row < rows; row++) {
		size_t n;
		e = p ? line_end(p, &next) : NULL;
		draw_fill(y + 2 + row, 1, w - 2, A_NORMAL);
		if (!p)
			continue;
		n = e ? (size_t)(e - p) : strlen(p);
		{
			char *one = xstrndup(p, n);
			text_sanitize(&clean, one, 0);
			free(one);
		}
		draw_text(y + 2 + row, 2, w - 4, strbuf_str(&clean), A_NORMAL);
		if (!e) { /* the last line: the cursor after it */
			int cx = text_width(strbuf_str(&clean));
			place_cursor(a, y + 2 + row, 2 + (cx < w - 5 ? cx : w - 5));
		}
		strbuf_reset(&clean);
		p = e ? next : NULL;
	}
	strbuf_release(&clean);
}

static void paste_release(struct app *a)
{
	strbuf_release(&a->paste);
	a->pasting = 0;
}

const struct pane_ops paste_pane = { paste_draw, paste_key, NULL, paste_release };

void paste_open(struct app *a, int pasting)
{
	if (overlay_is_open(a, &paste_pane))
		return;
	strbuf_reset(&a->paste);
	a->pasting = pasting;
	overlay_push(a, &paste_pane);
}
