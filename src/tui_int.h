/* The browser's shared state and the functions its files give each other. Only the tui*.c
 * files include this (and curses.h). */
#ifndef HTTPCODES_TUI_INT_H
#define HTTPCODES_TUI_INT_H

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "doc.h"
#include "lang.h"
#include "store.h"
#include "text.h"

/* ---- theme (tui_draw.c): code asks for a meaning, never for a colour ---------------------- */
#define THEME(X) \
	X(TH_NORMAL, -1, -1, A_NORMAL) \
	X(TH_CLASS1, COLOR_BLUE, -1, A_BOLD) \
	X(TH_CLASS2, COLOR_GREEN, -1, A_BOLD) \
	X(TH_CLASS3, COLOR_CYAN, -1, A_BOLD) \
	X(TH_CLASS4, COLOR_YELLOW, -1, A_BOLD) \
	X(TH_CLASS5, COLOR_RED, -1, A_BOLD) \
	X(TH_OTHER, COLOR_MAGENTA, -1, A_BOLD) \
	X(TH_GROUP, COLOR_WHITE, -1, A_BOLD | A_UNDERLINE) \
	X(TH_SELECTED, COLOR_BLACK, COLOR_CYAN, A_NORMAL) \
	X(TH_SELECTED_DIM, COLOR_BLACK, COLOR_WHITE, A_NORMAL) \
	X(TH_TITLE, COLOR_WHITE, -1, A_BOLD) \
	X(TH_HEADING, COLOR_CYAN, -1, A_BOLD) \
	X(TH_LINK, -1, -1, A_UNDERLINE) \
	X(TH_MATCH, COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE) \
	X(TH_EM, COLOR_WHITE, -1, A_BOLD) \
	X(TH_DIM, COLOR_WHITE, -1, A_DIM) \
	X(TH_BAR, COLOR_BLACK, COLOR_WHITE, A_NORMAL) \
	X(TH_BAR_KEY, COLOR_BLUE, COLOR_WHITE, A_BOLD) \
	X(TH_BORDER, COLOR_WHITE, -1, A_DIM) \
	X(TH_PROMPT, COLOR_YELLOW, -1, A_BOLD) \
	X(TH_ERROR, COLOR_RED, -1, A_BOLD) \
	X(TH_MARK, COLOR_YELLOW, -1, A_BOLD)

#define X(id, fg, bg, attr) id,
enum theme { THEME(X) TH_COUNT_ };
#undef X

void theme_init(int use_color);
/* The attributes (colour pair included) of a theme element. */
attr_t theme(enum theme t);
enum theme theme_class(int code);

/* Draw s at (y, x) in at most width columns: wide characters never cut, an ellipsis where it
 * is cut, control characters as '?', markers (text.h) as styles over base. Returns columns
 * drawn. The one function that puts text on the screen. */
int draw_text(int y, int x, int width, const char *s, attr_t base);
/* Draw a line being typed: sanitised, and its end in view in fewer than width columns, so
 * that the cursor after it is still inside. Returns the columns drawn. */
int draw_input(int y, int x, int width, const char *s, attr_t base);
/* Fill width columns at (y, x) with spaces in attr. */
void draw_fill(int y, int x, int width, attr_t attr);
void draw_box(int y, int x, int h, int w, attr_t attr);

/* ---- keys: defined once; the help overlay is built from this table --------------------- */
#define KEYS(X) \
	X(K_UP, "k ↑", "move up", "上移") \
	X(K_DOWN, "j ↓", "move down", "下移") \
	X(K_PGUP, "PgUp", "page up", "上一页") \
	X(K_PGDN, "PgDn Space", "page down", "下一页") \
	X(K_TOP, "g Home", "first line", "第一行") \
	X(K_BOTTOM, "G End", "last line", "最后一行") \
	X(K_LEFT, "h ←", "focus the list", "切到列表") \
	X(K_RIGHT, "l →", "focus the details", "切到详情") \
	X(K_TAB, "Tab", "switch pane", "切换窗格") \
	X(K_ENTER, "Enter", "open; in details, follow the code it names", "打开；在详情中跳到提到的状态码") \
	X(K_BACK, "Backspace", "go back", "返回") \
	X(K_SEARCH, "/", "search (Chinese, English, pinyin, error codes)", "搜索（中文、英文、拼音、错误码）") \
	X(K_NEXT, "n", "next search result", "下一个搜索结果") \
	X(K_PREV, "N", "previous search result", "上一个搜索结果") \
	X(K_ESC, "Esc", "close the search or the help", "关闭搜索或帮助") \
	X(K_CLASS, "1-5", "show one class", "只看一类") \
	X(K_ALL, "0", "show all classes", "显示全部") \
	X(K_BUSINESS, "b", "business errors by source", "按来源浏览业务错误码") \
	X(K_LANG, "L", "language: 中文 / English / both", "语言：中文 / English / 双语") \
	X(K_ADD, "a", "add your own error code (with the shown status)", "添加你自己的错误码（使用当前状态码）") \
	X(K_EDIT, "e", "edit your error code shown", "修改当前显示的你的错误码") \
	X(K_DELETE, "D", "delete your error code shown", "删除当前显示的你的错误码") \
	X(K_BOOKMARK, "m", "bookmark the code (★), or remove it", "给状态码加书签（★）或取消") \
	X(K_NOTE, "c", "write your note on the code", "为状态码写笔记") \
	X(K_COPY, "y", "copy code and name", "复制状态码和名称") \
	X(K_HELP, "?", "this help", "本帮助") \
	X(K_QUIT, "q", "quit", "退出")

#define X(id, keys, en, zh) id,
enum key_action { KEYS(X) K_NONE, K_COUNT_ = K_NONE };
#undef X

/* Keys of our own beyond curses' codes (with is_key): the Ctrl-arrows, however they come. */
enum { TK_CTRL_LEFT = 0x110000, TK_CTRL_RIGHT };

/* tui_keys.c: keys from the terminal, sequences curses does not decode read whole. */
void keys_init(void);
/* The next key within ms milliseconds: 1 with one, 0 without. */
int keys_get(wint_t *ch, int *is_key, int ms);
/* Does the terminal take OSC 52 (its DA1 answer lists 52)? Asked once, waiting at most ms;
 * keys typed meanwhile are kept for keys_get. */
int keys_osc52(int ms);

/* tui_copy.c: text to the clipboard (OSC 52 where the terminal takes it, else wl-copy, xclip
 * or xsel); 1 if one of them took it. */
int copy_out(const char *text, int to_terminal);

struct key_info {
	const char *keys;
	const char *help[2];
};
extern const struct key_info key_infos[K_COUNT_];

/* ---- state ----------------------------------------------------------------------------- */
enum list_mode { LIST_CODES, LIST_SOURCES, LIST_MAPPINGS, LIST_RESULTS };
enum row_kind { ROW_GROUP, ROW_STATUS, ROW_NUMBER, ROW_SOURCE, ROW_MAPPING, ROW_HIT };
enum detail_kind { DETAIL_NONE, DETAIL_STATUS, DETAIL_NUMBER, DETAIL_MAPPING };

struct row {
	enum row_kind kind;
	int code;               /* status or number (a group: its class) */
	size_t index;           /* into the list it shows: sources, mappings or hits */
	char *text;             /* sanitised, may carry markers */
	char *note;             /* dim text after it (senders of a number), or NULL */
	int bookmark;           /* in the Bookmarks group (the code is listed again in its class) */
};

/* What a row shows, to find it again once the list is built anew. */
struct row_id {
	enum row_kind kind;
	int code;
	int bookmark;
	char *source, *product, *ident; /* owned; NULL where the kind has none */
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
};

#define HISTORY 32

/* The add/edit form, and the one-line prompts (a note, a yes/no). */
enum form_field { FF_ERROR_CODE, FF_STATUS, FF_TEAM, FF_PRODUCT, FF_MSG_EN, FF_MSG_ZH, FF_DESC_EN,
		  FF_DESC_ZH, FF_COUNT_ };
enum prompt_kind { PROMPT_NONE, PROMPT_NOTE, PROMPT_DELETE };

struct form {
	int active, editing;
	struct strbuf value[FF_COUNT_];
	char key_team[201], key_product[201], key_code[201]; /* the row being edited */
	int field;
	int first;                      /* the first field in view, when they do not all fit */
	int prefilled[FF_COUNT_];       /* a default not yet touched: typing replaces it */
	char problem[FF_COUNT_][200];
	char message[256];
};

struct app {
	struct store *st;
	const char *db_path;            /* --db PATH, or NULL for the default database */
	enum lang lang;
	char today[11];
	int color;

	/* the data, loaded once */
	hc_status_list statuses;
	hc_meaning_list meanings;
	hc_source_list sources;
	hc_mapping_list mappings;       /* of source_index, in LIST_MAPPINGS */
	size_t source_index;
	hc_hit_list hits;

	/* list pane */
	enum list_mode mode;
	int klass;                      /* 0: all classes, 1-5: one */
	struct row *rows;
	size_t nrows, rows_cap;
	int sel, top;

	/* search */
	struct strbuf query;
	int editing;                    /* the query line has the keyboard */
	int search_from;                /* the code shown when the search began, or -1 */

	/* detail pane */
	enum detail_kind dkind;
	int dcode;                      /* status or number shown */
	struct hc_mapping dmapping;     /* mapping shown (owned) */
	struct doc doc;
	int dtop;
	int doc_width;                  /* width the doc was built for */

	struct place history[HISTORY];
	int nhistory;

	/* screen */
	int focus;                      /* 0: list, 1: detail */
	int wide;                       /* side by side */
	struct rect head, list, detail, bar;
	int help, help_top;
	struct form form;
	enum prompt_kind prompt;
	struct strbuf prompt_text;
	int prompt_code;
	char message[256];
	int quit;
};

/* tui_list.c */
void list_build(struct app *a);
void list_draw(struct app *a);
void list_move(struct app *a, int delta);
void list_home(struct app *a, int end);
int list_click(struct app *a, int y);
void list_release(struct app *a);
const struct row *list_selected(const struct app *a);
/* Select the row of this status or number (its place in its class before its bookmark). */
int list_select_code(struct app *a, int code);
void list_row_id(const struct app *a, struct row_id *id);
void row_id_release(struct row_id *id);
/* Show a source's business errors (a->mappings), by its index in a->sources. */
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
void detail_draw(struct app *a);
void detail_scroll(struct app *a, int delta);
int detail_link(const struct app *a);
void detail_release(struct app *a);

/* tui_form.c */
void form_open(struct app *a, int editing);
int form_key(struct app *a, wint_t ch, int is_key);
void form_draw(struct app *a);
void form_release(struct app *a);
void prompt_open(struct app *a, enum prompt_kind kind);
int prompt_key(struct app *a, wint_t ch, int is_key);
void prompt_draw(struct app *a);
void toggle_bookmark(struct app *a);
/* The code the detail pane shows (a status or a mapping's status), or -1. */
int shown_code(const struct app *a);
/* Edit a line of text by a key: characters, Backspace by character, Ctrl-U. 1 if taken. */
int line_edit(struct strbuf *line, wint_t ch, int is_key);

/* tui_search.c */
void search_begin(struct app *a);
/* A key while the query line is active; returns 1 if it took the key. */
int search_key(struct app *a, wint_t ch, int is_key);
void search_draw(struct app *a);
void search_update(struct app *a);
/* Run the query again (after a write), leaving the selection to the caller. */
void search_rerun(struct app *a);
/* Leave the results for the codes, on the code that was shown. */
void search_leave(struct app *a);

#endif
