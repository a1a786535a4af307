/* The browser's shared state and the functions its files give each other. Only the tui*.c
 * files include this (and curses.h). */
#ifndef HTTPCODES_TUI_INT_H
#define HTTPCODES_TUI_INT_H

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "doc.h"
#include "lang.h"
#include "search.h"
#include "session.h"
#include "store.h"
#include "text.h"

/* ---- theme (tui_draw.c): code asks for a meaning, never for a colour ---------------------- */
/* Each element in the dark theme (fg, bg), the light one (fg, bg) and the one for a background
 * not known (fg, bg: of 256 colours, mid tones that read on black and on white), and its
 * attributes; -1 is the terminal's own colour. Text on the terminal's own background is in its
 * own foreground (with bold or dim) or in a colour that reads on that background: white and
 * yellow only ever on a known dark one. Without colour (NO_COLOR, mono) tui_draw.c says. */
#define THEME(X) \
	X(TH_NORMAL, -1, -1, -1, -1, -1, -1, A_NORMAL) \
	X(TH_CLASS1, COLOR_BLUE, -1, -1, -1, 33, -1, A_BOLD) \
	X(TH_CLASS2, COLOR_GREEN, -1, COLOR_GREEN, -1, 34, -1, A_BOLD) \
	X(TH_CLASS3, COLOR_CYAN, -1, COLOR_BLUE, -1, 37, -1, A_BOLD) \
	X(TH_CLASS4, COLOR_YELLOW, -1, COLOR_MAGENTA, -1, 172, -1, A_BOLD) \
	X(TH_CLASS5, COLOR_RED, -1, COLOR_RED, -1, 160, -1, A_BOLD) \
	X(TH_OTHER, COLOR_MAGENTA, -1, -1, -1, 133, -1, A_BOLD) \
	X(TH_GROUP, -1, -1, -1, -1, -1, -1, A_BOLD | A_UNDERLINE) \
	X(TH_SELECTED, COLOR_BLACK, COLOR_CYAN, COLOR_BLACK, COLOR_CYAN, COLOR_BLACK, COLOR_CYAN, A_NORMAL) \
	X(TH_SELECTED_DIM, COLOR_BLACK, COLOR_WHITE, COLOR_WHITE, COLOR_BLACK, 231, 244, A_NORMAL) \
	X(TH_TITLE, -1, -1, -1, -1, -1, -1, A_BOLD) \
	X(TH_HEADING, COLOR_CYAN, -1, COLOR_BLUE, -1, 37, -1, A_BOLD) \
	X(TH_LINK, -1, -1, -1, -1, -1, -1, A_UNDERLINE) \
	X(TH_LINK_CURSOR, COLOR_BLACK, COLOR_CYAN, COLOR_WHITE, COLOR_BLUE, 231, 25, A_NORMAL) \
	X(TH_MATCH, COLOR_YELLOW, -1, COLOR_BLUE, -1, 172, -1, A_BOLD | A_UNDERLINE) \
	X(TH_EM, -1, -1, -1, -1, -1, -1, A_BOLD) \
	X(TH_DIM, -1, -1, -1, -1, -1, -1, A_DIM) \
	X(TH_BAR, COLOR_BLACK, COLOR_WHITE, COLOR_WHITE, COLOR_BLUE, 231, 240, A_NORMAL) \
	X(TH_BAR_KEY, COLOR_BLUE, COLOR_WHITE, COLOR_WHITE, COLOR_BLUE, 231, 25, A_BOLD) \
	X(TH_TAB_ON, COLOR_BLACK, COLOR_CYAN, COLOR_BLACK, COLOR_CYAN, COLOR_BLACK, COLOR_CYAN, A_BOLD) \
	X(TH_BORDER, -1, -1, -1, -1, -1, -1, A_DIM) \
	X(TH_PROMPT, COLOR_YELLOW, -1, COLOR_BLUE, -1, 33, -1, A_BOLD) \
	X(TH_ERROR, COLOR_RED, -1, COLOR_RED, -1, 160, -1, A_BOLD) \
	X(TH_MARK, COLOR_YELLOW, -1, COLOR_MAGENTA, -1, 172, -1, A_BOLD)

#define X(id, dfg, dbg, lfg, lbg, afg, abg, attr) id,
enum theme { THEME(X) TH_COUNT_ };
#undef X

/* The layouts: side by side from 80 columns (auto), side by side from 60, always stacked. */
enum layout_choice { LAYOUT_AUTO, LAYOUT_SIDE, LAYOUT_STACKED };

/* The themes: auto (light or dark by the terminal's background, when it says), and the three
 * a user can choose (the t key, `theme =` in the settings). */
enum theme_choice { THEME_AUTO, THEME_DARK, THEME_LIGHT, THEME_MONO };
/* Set the colours: colour is possible (a colour terminal, no NO_COLOR); light is the terminal's
 * background as it said (1 light, 0 dark, -1 unknown). */
void theme_init(int color_ok, enum theme_choice choice, int light);
/* The attributes (colour pair included) of a theme element. */
attr_t theme(enum theme t);
enum theme theme_class(int code);

/* Draw s at (y, x) in at most width columns: wide characters never cut, an ellipsis where it
 * is cut, control characters as '?', markers (text.h) as styles over base. Returns columns
 * drawn. The one function that puts text on the screen. */
int draw_text(int y, int x, int width, const char *s, attr_t base);
/* Fill width columns at (y, x) with spaces in attr. */
void draw_fill(int y, int x, int width, attr_t attr);
void draw_box(int y, int x, int h, int w, attr_t attr);

/* ---- keys: every mode's bindings are one table of rows (tui_keymap.c names the keys) ------- */

/* Keys of our own beyond curses' codes (with is_key): the Ctrl-arrows, however they come; the
 * start and the end of a bracketed paste (ESC [ 200 ~ and ESC [ 201 ~). */
enum { TK_CTRL_LEFT = 0x110000, TK_CTRL_RIGHT, TK_PASTE_START, TK_PASTE_END };

/* A key: a character, or a curses key code when is_key. */
struct key {
	wint_t ch;
	int is_key;
};
#define KEYS_PER_ROW 6
/* Row initialisers (constant data, where an inline function cannot serve). */
#define KCH(c) { (wint_t)(c), 0 }
#define KKEY(k) { (wint_t)(k), 1 }
#define KCTRL(c) { (wint_t)((c) - 'a' + 1), 0 }

struct app;
struct line_editor;

/* One row of a mode's keymap: its keys (the first one named first in the help), what they
 * do, and the help in English and Chinese. The row is the whole story of those keys. */
struct binding {
	struct key keys[KEYS_PER_ROW];  /* ends at the first { 0, 0 } */
	void (*run)(struct app *a, wint_t ch);
	const char *help[2];
};

/* The same for the line editor, whose keys work on a line (tui_line.c). */
struct line_binding {
	struct key keys[KEYS_PER_ROW];
	int (*run)(struct line_editor *e);
	const char *help[2];
};

struct keymap {
	const struct binding *rows;
	size_t n;
};

/* A hint on a bar: a row's first nkeys keys (by its handler) and a word or two. */
struct hint {
	void (*run)(struct app *a, wint_t ch);
	int nkeys;
	const char *text[2];
	int spare;              /* 1: left out first when the bar is too short for every hint;
				 * -1: never left out (the help's, a new user's way in) */
};

/* The keymaps (each beside its handlers) and the line editor's. */
extern const struct keymap browse_keymap, search_keymap, form_keymap, note_keymap, delete_keymap, paste_keymap,
	guide_keymap;
extern const struct line_binding line_keys[];
/* The status bar's hints, of browse_keymap's rows. */
extern const struct hint bar_hints[];
extern const size_t bar_nhints;
extern const size_t line_nkeys;

/* tui_keymap.c: a key's name as the help shows it ("Ctrl-B", "PgDn", "↑", "b"); curses
 * has a key_name of its own. */
const char *tui_key_name(struct key k, char buf[16]);
/* A key by the name a key script spells it (<Up>, <C-b>, <Enter>, ...): 1 if name is one. */
int key_parse(const char *name, size_t len, struct key *k);
/* Is k one of the row's keys? */
int keys_have(const struct key *keys, struct key k);
/* Run the row of map the key names: 1 if there is one. */
int keymap_run(const struct keymap *map, struct app *a, wint_t ch, int is_key);
/* Append the first nkeys (all: -1) of keys' names to out, a space between them but none
 * between two arrows ("Tab ↑↓"). */
void keys_text(struct strbuf *out, const struct key *keys, int nkeys);
/* Append the hints to out in l ("/ search  b business"), sep between them. */
void hints_text(struct strbuf *out, const struct keymap *map, const struct hint *hints, size_t n,
		enum lang l, const char *sep);
/* The text in l, both separated by a dot when l is LANG_BOTH. */
void help_text(struct strbuf *out, const char *const text[2], enum lang l);

/* tui_keys.c: keys from the terminal, sequences curses does not decode read whole. */
void keys_init(void);
/* The next key within ms milliseconds: 1 with one, 0 without. */
int keys_get(wint_t *ch, int *is_key, int ms);
/* Ask the terminal for its background colour (OSC 11); the answer comes in among the keys. */
void keys_ask_background(void);
/* Its answer so far: 1 light, 0 dark, -1 none yet. */
int keys_background(void);
/* Does the terminal take OSC 52 (its DA1 answer lists 52)? Asked once, waiting at most ms;
 * keys typed meanwhile are kept for keys_get. */
int keys_osc52(int ms);

/* tui_copy.c: text to the clipboard (OSC 52 where the terminal takes it, else wl-copy, xclip
 * or xsel); 1 if one of them took it. */
int copy_out(const char *text, int to_terminal);

/* ---- the line editor (tui_line.c): the search line, the form's fields and the note ------- */
struct line_editor {
	struct strbuf text;
	size_t cursor;                  /* a byte offset, on a character's start */
	int scroll;                     /* the first column in view */
	size_t max;                     /* no character is added from this length (bytes) on */
};
#define LINE_EDITOR_INIT(max) { STRBUF_INIT, 0, 0, (max) }

/* What line_key did: nothing (the key is not the editor's), moved the cursor, or changed
 * the text. */
enum line_result { LINE_IGNORED, LINE_MOVED, LINE_CHANGED };
enum line_result line_key(struct line_editor *e, wint_t ch, int is_key);
/* The text replaced by s (NULL: emptied), the cursor at its end. */
void line_set(struct line_editor *e, const char *s);
const char *line_text(const struct line_editor *e);
void line_release(struct line_editor *e);
/* Draw the line at (y, x) in width columns, scrolled so that the cursor is inside, wide
 * characters whole. Returns the columns drawn; *cursor_x gets the cursor's column. */
int line_draw(struct line_editor *e, int y, int x, int width, attr_t base, int *cursor_x);

/* ---- panes ----------------------------------------------------------------------------- */

/* A pane as tig's views are: a table of functions. The list and the detail tile the screen;
 * the modal panes (the search line, the form, the prompts, the help) sit on the overlay stack
 * (struct app), where the top one takes a key first, and draw paints them bottom to top. */
struct pane_ops {
	void (*draw)(struct app *a);
	/* 1 if the key was taken; a key an overlay leaves goes to the one below it. */
	int (*key)(struct app *a, wint_t ch, int is_key);
	void (*resize)(struct app *a);  /* NULL: the next draw is enough */
	void (*release)(struct app *a); /* what it holds, as it closes; NULL: nothing */
};
extern const struct pane_ops list_pane, detail_pane, search_pane, form_pane, note_pane, delete_pane,
	help_pane, paste_pane, guide_pane;

/* ---- state ----------------------------------------------------------------------------- */
enum list_mode { LIST_CODES, LIST_SOURCES, LIST_MAPPINGS, LIST_RESULTS };
enum row_kind { ROW_GROUP, ROW_STATUS, ROW_NUMBER, ROW_SOURCE, ROW_MAPPING, ROW_HIT };
enum detail_kind { DETAIL_NONE, DETAIL_STATUS, DETAIL_NUMBER, DETAIL_MAPPING, DETAIL_HEADER, DETAIL_EXPLAIN };

/* The decision guide's walk (tui_guide.c): the nodes on the path, the answers taken, the
 * question shown and its answers, the one marked. */
#define GUIDE_MAX_DEPTH 32
struct guide_walk {
	char ids[GUIDE_MAX_DEPTH + 1][64];
	char labels[GUIDE_MAX_DEPTH][2][128];
	int depth;
	size_t sel;
	hc_guide_node_list node;
	hc_guide_answer_list answers;
};

/* The leaf the guide ended on, said above its status's detail while that status is shown. */
struct guide_note {
	int on;
	hc_guide_node_list node;        /* the leaf */
	hc_guide_style_list styles;     /* what the house styles say there */
	struct hc_status status;
	struct hc_status alt[8];
	size_t nalt;
};

/* What was pasted and explained (tui_explain.c), with the records it names: kept while links
 * are followed from it, so that Backspace comes back to it; a new paste replaces it. */
struct explained {
	int on;
	struct explain e;
	struct hc_status_detail status;
	int has_status;
	struct hc_source source;
	struct hc_status *mapped;       /* e.mappings.n of them */
	struct ex_summary *summary;     /* a pasted access log, summarised (then e is empty) */
	struct ex_rows *rows;           /* its rows, named */
};

struct row {
	enum row_kind kind;
	int code;               /* status or number (a group: its class) */
	size_t index;           /* into the list it shows: sources, mappings or hits */
	char *text;             /* sanitised, may carry markers */
	char *note;             /* dim text after it (senders of a number), or NULL */
	int bookmark;           /* in the Bookmarks group (the code is listed again in its class) */
	size_t *group;          /* a result: the other hits of its number shown on it (senders' meanings) */
	size_t ngroup;
	char *more;             /* a result: a business error's message, after its source */
};

/* What a row shows, to find it again once the list is built anew. A business error or a
 * source is from a built-in source (its id in source) or, with is_user, from a team of the
 * user's (in team); a search hit names where it is from in source alone. */
struct row_id {
	enum row_kind kind;
	int code;
	int bookmark;
	int is_user;
	char *source, *team, *product, *ident; /* owned; NULL where the row has none */
};

struct rect {
	int y, x, h, w;
};

/* Where we were, for Backspace. */
struct place {
	enum list_mode mode;
	int sel, top;
	enum detail_kind dkind;
	int dcode;
	int dtop, focus;
	int dlink;              /* the link the cursor was on */
	char dheader[64];       /* the header field shown (DETAIL_HEADER) */
	char dmapping[256];     /* the business error shown (DETAIL_MAPPING), as doc_link_mapping keys it */
};

#define HISTORY 32
#define OVERLAYS 4

/* The add/edit form. */
enum form_field { FF_ERROR_CODE, FF_STATUS, FF_TEAM, FF_PRODUCT, FF_MSG_EN, FF_MSG_ZH, FF_DESC_EN,
		  FF_DESC_ZH, FF_ADVICE_EN, FF_ADVICE_ZH, FF_COUNT_ };

struct form {
	int editing;                    /* one of the user's rows, not a new one */
	struct line_editor value[FF_COUNT_];
	char key_team[201], key_product[201], key_code[201]; /* the row being edited */
	int field;
	int first;                      /* the first field in view, when they do not all fit */
	int prefilled[FF_COUNT_];       /* a default not yet touched: typing replaces it */
	char problem[FF_COUNT_][200];
	char message[256];
};

struct app {
	struct session session;         /* the run: the store, --db PATH, today, the one write path */
	struct store *st;               /* session.st, which every pane reads */
	enum lang lang;                 /* shown now (L switches it): session.lang is the one asked for */
	int color;                      /* colour is possible (a colour terminal, NO_COLOR unset) */
	enum theme_choice theme;        /* as chosen (t, the settings) */
	int bg_light;                   /* the terminal's background: 1 light, 0 dark, -1 not known */
	enum layout_choice layout;      /* as chosen (v, the settings) */

	/* the data, loaded once */
	hc_status_list statuses;
	hc_meaning_list meanings;
	hc_source_list sources;
	hc_mapping_list mappings;       /* of source_index, in LIST_MAPPINGS */
	size_t source_index;
	/* The search results: every match is in hits, ranked, but only those that have come into
	 * view are read (search_read), as the list is drawn or the selection moves. */
	hc_hit_list hits;
	struct search_ranking ranking;  /* of hits, to read the rest of them */
	int hit_name_w, hit_source_w;   /* the widest result name and business error source read */
	/* read by the list when it is first built (the bookmarks again after a write) */
	struct hc_category classes[6];  /* the headings of classes 1-5, by class */
	int classes_loaded;
	int *marks;                     /* the codes bookmarked, ascending */
	size_t nmarks;
	int marks_loaded;

	/* list pane */
	enum list_mode mode;
	int klass;                      /* 0: all classes, 1-5: one */
	struct row *rows;
	size_t nrows, rows_cap;
	int sel, top;

	/* search */
	struct line_editor query;
	int query_x;                    /* the column of its cursor, as last drawn */
	int search_from;                /* the code shown when the search began, or -1 */

	/* detail pane */
	enum detail_kind dkind;
	int dcode;                      /* status or number shown */
	/* What is shown, fetched once when it is chosen (all owned): */
	struct hc_status_detail dstatus; /* the status in full */
	hc_meaning_list dnumber;        /* a number's meanings */
	struct hc_mapping dmapping;     /* a mapping, and the status it maps to (found or not) */
	struct hc_status dmapped;
	int dmapped_found;
	struct hc_header dheader;       /* a header field, and the statuses it goes with */
	struct hc_status *dheader_status; /* [i]: of dheader.statuses.items[i] (empty: none) */
	struct explained explained;     /* DETAIL_EXPLAIN */
	struct guide_walk guide;        /* the guide pane (w) */
	struct guide_note guide_note;   /* the leaf it ended on */
	struct strbuf paste;            /* the paste area's text */
	int pasting;                    /* inside a bracketed paste */
	struct doc doc;
	int dtop;
	int dlink;                      /* the link cursor: a link_id of doc, or -1 */
	int doc_width;                  /* width the doc was built for */
	int doc_stale;                  /* to be built again before it is drawn (detail_invalidate) */

	struct place history[HISTORY];
	int nhistory;

	/* screen */
	int focus;                      /* 0: list, 1: detail */
	int wide;                       /* side by side */
	struct rect head, list, detail, bar;
	const struct pane_ops *overlay[OVERLAYS]; /* the modal panes, the top one last */
	int noverlay;
	int cursor_y, cursor_x;         /* where the top pane wants the cursor, or -1 */
	int help_top;
	struct form form;
	struct line_editor note;        /* the note being written */
	int note_code;
	char message[256];
	int tty;                        /* on a terminal (not a key script) */
	int links;                      /* it shows OSC 8 links (terminal_links) */
	int links_due;                  /* the screen changed since they were last written */
	int quit;
};

/* tui.c: the settings the browser keeps (theme, layout, language), applied and saved. */
void settings_theme_next(struct app *a);
void settings_layout_next(struct app *a);
void settings_save_lang(struct app *a);
/* The terminal's background, when it has said since (keys_background): the theme again. */
void settings_background(struct app *a, int light);

/* tui.c: the overlay stack. */
void overlay_push(struct app *a, const struct pane_ops *p);
/* Close p (released), and any overlay above it; nothing if it is not open. */
void overlay_close(struct app *a, const struct pane_ops *p);
int overlay_is_open(const struct app *a, const struct pane_ops *p);
/* Put the cursor at (y, x) once everything is drawn (the top pane's call wins). */
void place_cursor(struct app *a, int y, int x);
/* tui_browse.c: the list and the detail's keys (browse_keymap) and the mouse. */
int browse_key(struct app *a, wint_t ch, int is_key);
/* The tabs and the status bar (tui_bar.c). */
void bar_draw_tabs(struct app *a);
/* The tab at column x of the top bar (0 codes, 1 business errors, 2 search), or -1. */
int bar_tab_at(const struct app *a, int x);
void bar_draw(struct app *a);

/* tui_list.c */
/* What the store's last failed call went wrong with, said in the status bar. */
void say_db_error(struct app *a);
void list_build(struct app *a);
void list_move(struct app *a, int delta);
void list_home(struct app *a, int end);
int list_click(struct app *a, int y);
void list_release(struct app *a); /* the rows, and what the list read */
const struct row *list_selected(const struct app *a);
/* Select the row of this status or number (its place in its class before its bookmark). */
/* Among results, the row of its number, read if it was not. */
int list_select_code(struct app *a, int code);
void list_row_id(const struct app *a, struct row_id *id);
void row_id_release(struct row_id *id);
/* Show a source's business errors (a->mappings), by its index in a->sources: the first
 * LIST_SOURCE_MAX of them. A team's million rows took 9 s and a gigabyte to list; the status
 * bar says how many more there are, which search finds. */
#define LIST_SOURCE_MAX 2000
void list_load_source(struct app *a, size_t source);
/* After a write: the sources, the source shown, the search results and the list read anew,
 * and the selection kept on want (or on what was selected: a row gone leaves its place to the
 * next). In a source's list, a business error in want is followed to its own source. */
void list_refresh(struct app *a, const struct row_id *want);

/* tui_detail.c */
void detail_show_selected(struct app *a);
void detail_show_code(struct app *a, int code);
/* Show one of the user's mappings, by team, product and error code. */
void detail_show_user(struct app *a, const char *team, const char *product, const char *code);
/* The doc is to be built again (the language or the width changed). */
void detail_invalidate(struct app *a);
/* The data changed (a write): what is shown is fetched again, and its doc built again. */
void detail_reload(struct app *a);
void detail_scroll(struct app *a, int delta);
/* Write the web addresses in view again over the screen as terminal links (OSC 8), once
 * curses has drawn it (tui.c does, where the terminal shows them). */
void detail_links_out(struct app *a, FILE *out);
/* The link under the cursor: its first line, or NULL when there is none. */
const struct doc_line *detail_link(const struct app *a);
/* Move the link cursor to the next link (dir 1) or the one before (-1), scrolling it into
 * view: 0 when there is none that way. */
int detail_link_step(struct app *a, int dir);
/* Follow the link the line at screen row y shows: 1 if it shows one. */
int detail_link_at(struct app *a, int y);
/* Show the business error a link names (doc_link_mapping's key): 1 if it was found. */
int detail_show_mapping_key(struct app *a, const char *key);
/* The key of the business error shown, for history (empty when none). */
void detail_mapping_key(const struct app *a, char *out, size_t size);
/* Show the header field named name (nothing changes when there is none). */
void detail_show_header(struct app *a, const char *name);
/* Show what was pasted and explained last (a->explained). */
void detail_show_explained(struct app *a);
void detail_release(struct app *a);

/* tui_guide.c: the decision guide; the note of the leaf it ended on (tui_detail.c). */
void guide_open(struct app *a);
void guide_note_set(struct app *a, const struct hc_guide_node *leaf);
void guide_note_release(struct guide_note *n);

/* tui_explain.c: the paste area; what is pasted is explained in the detail pane. */
void paste_open(struct app *a, int pasting);
void explained_release(struct explained *x);
/* Bracketed paste on or off (the terminal sends ESC [ 200 ~ ... ESC [ 201 ~ around a paste). */
void paste_mode(struct app *a, int on);

/* tui_form.c */
void form_open(struct app *a, int editing);
void form_release(struct app *a);
void note_open(struct app *a);
void delete_open(struct app *a);
void toggle_bookmark(struct app *a);
/* The code the detail pane shows (a status or a mapping's status), or -1. */
int shown_code(const struct app *a);

/* tui_script.c: the browser run by a key script, without a terminal (tests; see tui.h). */
struct script {
	const char *p;                  /* what is left of it; NULL: no script */
};
/* Take HTTPCODES_SCRIPT and HTTPCODES_SIZE (the screen's size, through COLUMNS and LINES):
 * 1 if there is a script. */
int script_start(struct script *s);
/* The next key of the script: 0 at its end, 1 with a key (a <Resize:COLSxLINES> gives
 * KEY_RESIZE, the screen resized). */
int script_next(struct script *s, wint_t *key, int *is_key);
/* The screen as text to HTTPCODES_DUMP, if set; and with HTTPCODES_KEYS, the names of the
 * browser's keys to that file, one a line (README's key table is checked against them). */
void script_end(void);

/* tui_search.c */
void search_begin(struct app *a);
/* The same with text already typed (made safe, cut to the line's length), its results shown. */
void search_begin_with(struct app *a, const char *text);
/* The query line, above the results. */
void search_line_draw(struct app *a);
/* Run the query again (after a write), leaving the selection to the caller. */
void search_rerun(struct app *a);
/* Leave the results for the codes, on the code that was shown. */
void search_leave(struct app *a);

#endif
