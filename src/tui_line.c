/* The line editor: one line of text with a cursor, for the search line, the form's fields and
 * the note. Its keys are a table (line_keys) like every mode's, so that the help lists them. */
#include "tui_int.h"

#include <string.h>

/* The start of the character before byte offset at. */
static size_t char_before(const struct strbuf *t, size_t at)
{
	while (at > 0 && ((unsigned char)t->buf[--at] & 0xC0) == 0x80)
		;
	return at;
}

/* The start of the character after the one at byte offset at. */
static size_t char_after(const struct strbuf *t, size_t at)
{
	if (at < t->len)
		at++;
	while (at < t->len && ((unsigned char)t->buf[at] & 0xC0) == 0x80)
		at++;
	return at;
}

/* Remove the bytes [from, to) of the text; the cursor goes to from. */
static void cut(struct line_editor *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->text.buf + from, e->text.buf + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cursor = from;
}

static int is_space_at(const struct line_editor *e, size_t at)
{
	return e->text.buf[at] == ' ';
}

static int go_left(struct line_editor *e)
{
	e->cursor = char_before(&e->text, e->cursor);
	return LINE_MOVED;
}

static int go_right(struct line_editor *e)
{
	e->cursor = char_after(&e->text, e->cursor);
	return LINE_MOVED;
}

static int go_start(struct line_editor *e)
{
	e->cursor = 0;
	return LINE_MOVED;
}

static int go_end(struct line_editor *e)
{
	e->cursor = e->text.len;
	return LINE_MOVED;
}

static int delete_back(struct line_editor *e)
{
	cut(e, char_before(&e->text, e->cursor), e->cursor);
	return LINE_CHANGED;
}

static int delete_here(struct line_editor *e)
{
	cut(e, e->cursor, char_after(&e->text, e->cursor));
	return LINE_CHANGED;
}

/* Back over the spaces before the cursor, then over the word before them (as a shell does). */
static int delete_word(struct line_editor *e)
{
	size_t from = e->cursor;
	while (from > 0 && is_space_at(e, from - 1))
		from--;
	while (from > 0 && !is_space_at(e, from - 1))
		from--;
	cut(e, from, e->cursor);
	return LINE_CHANGED;
}

static int delete_to_start(struct line_editor *e)
{
	cut(e, 0, e->cursor);
	return LINE_CHANGED;
}

static int delete_to_end(struct line_editor *e)
{
	cut(e, e->cursor, e->text.len);
	return LINE_CHANGED;
}

const struct line_binding line_keys[] = {
	{ { KKEY(KEY_LEFT) }, go_left, { "cursor left", "光标左移" } },
	{ { KKEY(KEY_RIGHT) }, go_right, { "cursor right", "光标右移" } },
	{ { KKEY(KEY_HOME), KCTRL('a') }, go_start, { "to the start of the line", "到行首" } },
	{ { KKEY(KEY_END), KCTRL('e') }, go_end, { "to the end of the line", "到行尾" } },
	{ { KKEY(KEY_BACKSPACE), KCH(127), KCH(8) }, delete_back, { "delete the character before", "删除前一个字符" } },
	{ { KKEY(KEY_DC) }, delete_here, { "delete the character under the cursor", "删除光标处的字符" } },
	{ { KCTRL('w') }, delete_word, { "delete the word before", "删除前一个词" } },
	{ { KCTRL('u') }, delete_to_start, { "delete to the start", "删除到行首" } },
	{ { KCTRL('k') }, delete_to_end, { "delete to the end", "删除到行尾" } },
};
const size_t line_nkeys = sizeof line_keys / sizeof line_keys[0];

enum line_result line_key(struct line_editor *e, wint_t ch, int is_key)
{
	struct key k = { ch, is_key };
	char enc[4];
	size_t n;

	for (size_t i = 0; i < line_nkeys; i++)
		if (keys_have(line_keys[i].keys, k))
			return (enum line_result)line_keys[i].run(e);
	if (is_key && (ch == TK_PASTE_START || ch == TK_PASTE_END))
		return LINE_MOVED; /* a paste into a line: its text is typed, its brackets taken */
	if (is_key || ch < 0x20 || ch == 0x7F || e->text.len >= e->max)
		return LINE_IGNORED;
	n = utf8_encode((uint32_t)ch, enc);
	strbuf_grow(&e->text, n);
	e->text.buf[e->text.len] = '\0'; /* a new buffer has no terminator yet */
	memmove(e->text.buf + e->cursor + n, e->text.buf + e->cursor, e->text.len - e->cursor + 1);
	memcpy(e->text.buf + e->cursor, enc, n);
	e->text.len += n;
	e->cursor += n;
	return LINE_CHANGED;
}

void line_set(struct line_editor *e, const char *s)
{
	strbuf_reset(&e->text);
	if (s)
		strbuf_adds(&e->text, s);
	e->cursor = e->text.len;
	e->scroll = 0;
}

const char *line_text(const struct line_editor *e)
{
	return strbuf_str(&e->text);
}

void line_release(struct line_editor *e)
{
	strbuf_release(&e->text);
	e->cursor = 0;
	e->scroll = 0;
}

/* The columns a character takes on the screen, as draw_text puts it. */
static int cell_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 1; /* drawn as '?' */
	return text_cp_width(cp) > 0 ? text_cp_width(cp) : 0;
}

int line_draw(struct line_editor *e, int y, int x, int width, attr_t base, int *cursor_x)
{
	const char *s = strbuf_str(&e->text);
	struct strbuf shown = STRBUF_INIT;
	size_t i = 0, from = e->text.len;
	int total = 0, at = 0, col = 0, drawn;

	if (e->cursor > e->text.len)
		e->cursor = e->text.len;
	/* Measured once, a character at a time (measuring the rest again for each one made
	 * typing a long note cubic: 2,000 keys took 69 s). */
	while (i < e->text.len) {
		uint32_t cp;
		if (i == e->cursor)
			at = total;
		i += utf8_decode(s + i, e->text.len - i, &cp);
		total += cell_width(cp);
	}
	if (e->cursor == e->text.len)
		at = total;
	/* The cursor inside, and no blank left after the end: the end of a long line in view
	 * with the cursor after it, in fewer than width columns. */
	if (at < e->scroll)
		e->scroll = at;
	if (at >= e->scroll + width)
		e->scroll = at - width + 1;
	if (e->scroll > total - width + 1)
		e->scroll = total - width + 1 > 0 ? total - width + 1 : 0;
	/* From the first character wholly in view: a wide one cut by the edge is left out. */
	for (i = 0; i < e->text.len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, e->text.len - i, &cp);
		if (col >= e->scroll) {
			from = i;
			break;
		}
		col += cell_width(cp);
		i += k;
	}
	text_sanitize(&shown, s + from, 0);
	drawn = draw_text(y, x, width, strbuf_str(&shown), base);
	strbuf_release(&shown);
	*cursor_x = x + at - col;
	return drawn;
}
