/* Drawing: the theme, and the one width-aware function that puts text on the screen. */
#include "tui_int.h"

#include <string.h>

static attr_t attrs[TH_COUNT_];

struct theme_def {
	short fg[3], bg[3]; /* dark, light, either */
	attr_t attr;
};

static const struct theme_def defs[TH_COUNT_] = {
#define X(id, dfg, dbg, lfg, lbg, afg, abg, attr) [id] = { { dfg, lfg, afg }, { dbg, lbg, abg }, attr },
	THEME(X)
#undef X
};

/* Without colour (NO_COLOR, a monochrome terminal) every element still reads: selection is
 * reversed, headings bold, matches underlined. */
static const attr_t mono[TH_COUNT_] = {
	[TH_GROUP] = A_BOLD | A_UNDERLINE, [TH_SELECTED] = A_REVERSE, [TH_SELECTED_DIM] = A_REVERSE,
	[TH_TITLE] = A_BOLD, [TH_HEADING] = A_BOLD, [TH_LINK] = A_UNDERLINE, [TH_LINK_CURSOR] = A_REVERSE,
	[TH_MATCH] = A_BOLD | A_UNDERLINE, [TH_EM] = A_BOLD, [TH_DIM] = A_DIM, [TH_BAR] = A_REVERSE,
	[TH_BAR_KEY] = A_REVERSE | A_BOLD, [TH_TAB_ON] = A_BOLD, [TH_PROMPT] = A_BOLD, [TH_ERROR] = A_BOLD, [TH_MARK] = A_BOLD,
	[TH_CLASS1] = A_BOLD, [TH_CLASS2] = A_BOLD, [TH_CLASS3] = A_BOLD, [TH_CLASS4] = A_BOLD,
	[TH_CLASS5] = A_BOLD, [TH_OTHER] = A_BOLD,
};

void theme_init(int color_ok, enum theme_choice choice, int light)
{
	int use_color = color_ok && choice != THEME_MONO;
	/* Which palette: the one asked for, else the background's; not known, the mid tones where
	 * there are 256 colours, else the dark one (most terminals' background). */
	int l = choice == THEME_LIGHT ? 1 : choice == THEME_DARK ? 0 : light >= 0 ? light : COLORS >= 256 ? 2 : 0;
	for (int t = 0; t < TH_COUNT_; t++) {
		if (use_color && t > 0 && t < COLOR_PAIRS) {
			init_pair((short)t, defs[t].fg[l], defs[t].bg[l]);
			attrs[t] = defs[t].attr | COLOR_PAIR(t);
		} else {
			attrs[t] = use_color ? defs[t].attr : mono[t];
		}
	}
}

attr_t theme(enum theme t)
{
	return attrs[t];
}

enum theme theme_class(int code)
{
	static const enum theme by_class[] = { TH_OTHER, TH_CLASS1, TH_CLASS2, TH_CLASS3,
					       TH_CLASS4, TH_CLASS5 };
	int k = code / 100;
	return k >= 1 && k <= 5 ? by_class[k] : TH_OTHER;
}

static void put_cell(int y, int x, wchar_t wc, attr_t a)
{
	cchar_t cc;
	wchar_t w[2] = { wc, 0 };
	setcchar(&cc, w, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
	mvadd_wch(y, x, &cc);
}

void draw_fill(int y, int x, int width, attr_t attr)
{
	for (int i = 0; i < width; i++)
		put_cell(y, x + i, L' ', attr);
}

/* The style of the text at this point: the base, or a marker's over it. */
static attr_t styled(attr_t base, int match, int em)
{
	/* On a coloured bar (the selection) bold would turn black into grey: underline instead. */
	if (match)
		return (base & A_COLOR) ? base | A_UNDERLINE : theme(TH_MATCH);
	if (em)
		return (base & A_COLOR) ? base : theme(TH_EM) | (base & ~A_COLOR);
	return base;
}

int draw_text(int y, int x, int width, const char *s, attr_t base)
{
	size_t n = strlen(s), i = 0;
	int total = text_width(s), limit = width, col = 0, match = 0, em = 0;

	if (width <= 0 || y < 0 || y >= LINES)
		return 0;
	if (total > width)
		limit = width - 1; /* room for the ellipsis */
	while (i < n) {
		uint32_t cp;
		size_t k;
		int w;

		if (text_is_marker(s[i])) {
			match = s[i] == TEXT_MATCH_ON ? 1 : s[i] == TEXT_MATCH_OFF ? 0 : match;
			em = s[i] == TEXT_EM_ON ? 1 : s[i] == TEXT_EM_OFF ? 0 : em;
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		i += k;
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			cp = '?'; /* nothing raw reaches the terminal */
		w = text_cp_width(cp);
		if (w <= 0)
			continue; /* combining marks and the like: not placed on their own */
		if (col + w > limit)
			break;
		put_cell(y, x + col, (wchar_t)cp, styled(base, match, em));
		col += w;
	}
	if (total > width && col < width) {
		put_cell(y, x + col, L'\x2026', base);
		col++;
	}
	return col;
}

void draw_box(int y, int x, int h, int w, attr_t attr)
{
	if (h < 2 || w < 2)
		return;
	put_cell(y, x, L'\x250c', attr);
	put_cell(y, x + w - 1, L'\x2510', attr);
	put_cell(y + h - 1, x, L'\x2514', attr);
	put_cell(y + h - 1, x + w - 1, L'\x2518', attr);
	for (int i = 1; i < w - 1; i++) {
		put_cell(y, x + i, L'\x2500', attr);
		put_cell(y + h - 1, x + i, L'\x2500', attr);
	}
	for (int j = 1; j < h - 1; j++) {
		put_cell(y + j, x, L'\x2502', attr);
		put_cell(y + j, x + w - 1, L'\x2502', attr);
		draw_fill(y + j, x + 1, w - 2, A_NORMAL);
	}
}
