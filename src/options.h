/* options: the command line's options, defined once, parsed into one struct that both faces
 * (the command line and the browser) read; the exit statuses; the environment we read. */
#ifndef HTTPCODES_OPTIONS_H
#define HTTPCODES_OPTIONS_H

#include "config.h"
#include "lang.h"

/* Exit statuses (README says when each is returned): found; nothing found exactly (only
 * suggestions, or bad rows in an import); a usage error; a database, output or terminal error.
 * The browser also ends with 128 + N on signal N. */
enum { EXIT_FOUND = 0, EXIT_NOTHING = 1, EXIT_USAGE = 2, EXIT_TROUBLE = 3 };

/* The environment variables of our own that httpcodes reads, each where it is used, and only
 * there. Tests and the fuzzer set them; a user needs none of them.
 *   HTTPCODES_LANG     the language, as --lang takes it, when --lang is not given (lang.c)
 *   HTTPCODES_SCRIPT   keys for the browser, run without a terminal (main.c, tui_script.c)
 *   HTTPCODES_DUMP     the file the scripted browser writes its last screen to (tui_script.c)
 *   HTTPCODES_DUMP_STYLE  the file it writes the last screen's styles to, a letter a cell,
 *                      and the colours of each pair used (tui_script.c)
 *   HTTPCODES_KEYS     the file the scripted browser writes every bound key's name to, for the
 *                      check of README's key table (tui_script.c)
 *   HTTPCODES_SIZE     COLSxLINES of the scripted browser (tui_script.c)
 *   HTTPCODES_TODAY    a fixed date, YYYY-MM-DD, for expiry (session.c)
 *   HTTPCODES_TRACE    the search's plan on stderr (store_search.c)
 *   HTTPCODES_TEST_KILL_AT    import: die by SIGKILL after this many rows (cli_user.c)
 *   HTTPCODES_TEST_MAX_PAGES  a database that fills up after this many pages (store_user.c)
 * `make lint` checks that every HTTPCODES_ variable read in src/ is in this list. */

/* Options, defined once: id, long name, short name (0: none), value name (NULL: a flag),
 * help in English and in Chinese. options_parse reads with this table; --help prints it.
 * An option without help is hidden from --help: --complete PREFIX is for the shell
 * completions alone (the codes that begin with PREFIX, one a line). */
#define OPTIONS(X) \
	X(OPT_JSON, "json", 'j', NULL, "print one JSON array instead of text", \
	  "输出一个 JSON 数组，而不是文本") \
	X(OPT_LANG, "lang", 'l', "zh|en|both", "language of the output (default: from the locale)", \
	  "输出语言（默认跟随区域设置）") \
	X(OPT_DB, "db", 0, "PATH", "your database (your codes, bookmarks, notes) is PATH, not the default one", \
	  "以 PATH 作为你的个人数据库（你的错误码、书签、笔记），代替默认的那个") \
	X(OPT_TEAM, "team", 0, "NAME", "add/edit/rm: the team or source of the error code", \
	  "add/edit/rm：错误码所属的团队或来源") \
	X(OPT_PRODUCT, "product", 0, "NAME", "add/edit/rm: the product or service", "add/edit/rm：产品或服务") \
	X(OPT_STATUS, "status", 0, "CODE", "edit: the new HTTP status", "edit：新的 HTTP 状态码") \
	X(OPT_EN, "en", 0, "TEXT", "add/edit: the message in English", "add/edit：英文消息") \
	X(OPT_ZH, "zh", 0, "TEXT", "add/edit: the message in Chinese", "add/edit：中文消息") \
	X(OPT_DESC_EN, "description-en", 0, "TEXT", "add/edit: a description in English", "add/edit：英文说明") \
	X(OPT_DESC_ZH, "description-zh", 0, "TEXT", "add/edit: a description in Chinese", "add/edit：中文说明") \
	X(OPT_ADVICE_EN, "advice-en", 0, "TEXT", "add/edit: what to do, in English", "add/edit：英文处理建议") \
	X(OPT_ADVICE_ZH, "advice-zh", 0, "TEXT", "add/edit: what to do, in Chinese", "add/edit：中文处理建议") \
	X(OPT_FORMAT, "format", 0, "csv|json", "export: the format (default csv)", "export：导出格式（默认 csv）") \
	X(OPT_CRLF, "crlf", 0, NULL, "export: end CSV lines with CRLF (RFC 4180), not LF", \
	  "export：CSV 的行以 CRLF 结尾（RFC 4180），而不是 LF") \
	X(OPT_STYLE, "style", 0, "google|azure|zalando", "choose: a house style where the guides disagree", \
	  "choose：指南之间有分歧时采用的风格") \
	X(OPT_SKIP_INVALID, "skip-invalid", 0, NULL, "import: import the good rows, list the bad ones", \
	  "import：导入有效的行，列出有问题的行") \
	X(OPT_REPLACE, "replace", 0, NULL, "import: update the rows already in your database", \
	  "import：更新你的数据库中已有的行") \
	X(OPT_STATS, "stats", 0, NULL, "print how many rows the built-in data has, per source", \
	  "显示内置数据的行数（按来源统计）") \
	X(OPT_BRIEF, "brief", 'b', NULL, "one paragraph per code: its name and a short summary", \
	  "每个码只显示一段：名称和简短说明") \
	X(OPT_LIMIT, "limit", 0, "N", "search: show at most N results (default 20; 0 or all: every one)", \
	  "search：最多显示 N 条结果（默认 20；0 或 all 表示全部）") \
	X(OPT_COLOR, "color", 0, "WHEN", "bold type: auto (on a terminal, without NO_COLOR), always, never", \
	  "何时用粗体：auto（在终端上且未设 NO_COLOR）、always（总是）、never（从不）") \
	X(OPT_NO_PAGER, "no-pager", 0, NULL, "print directly, not through $PAGER (less -FRX) on a terminal", \
	  "直接输出，在终端上也不经过 $PAGER（less -FRX）") \
	X(OPT_INTERACTIVE, "interactive", 'i', "QUERY", "open the browser with QUERY searched", \
	  "打开浏览界面，并搜索 QUERY") \
	X(OPT_COMPLETE, "complete", 0, "PREFIX", NULL, NULL) \
	X(OPT_HELP, "help", 'h', NULL, "show this help", "显示本帮助") \
	X(OPT_VERSION, "version", 'V', NULL, "show the version", "显示版本号")

#define X(id, name, shortname, arg, en, zh) id,
enum option_id { OPTIONS(X) OPT_COUNT_ };
#undef X

struct option_info {
	const char *name;
	char shortname;
	const char *arg;
	const char *help[2];
};
extern const struct option_info option_table[OPT_COUNT_];

/* The command line, parsed: one field per option (NULL or 0 when not given), and the words
 * that are not options. The strings point into argv. */
struct options {
	enum lang lang;         /* --lang, else from the locale */
	int json, skip_invalid, stats, help, version;
	int replace;            /* import --replace: rows already there are updated */
	int crlf;               /* export --crlf: CSV lines end with CRLF */
	const char *db_path;    /* --db: a user database beside the built-in data, or NULL */
	const char *team, *product, *status, *en, *zh;
	const char *description_en, *description_zh, *advice_en, *advice_zh;
	const char *format;
	const char *style;      /* --style: a house style of the decision guide */
	struct config config;   /* the settings file, read once (its first bad line in it) */
	int brief, no_pager;
	int limit;              /* --limit: results search shows; 0 not given (20), -1 all of them */
	enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color;
	const char *query;      /* -i: the browser opens on this search */
	const char *complete;   /* --complete: the prefix of the codes to list */
	char **words;           /* owned array, released by options_release */
	int nwords;
};

/* A usage error met by the parse: what to say, and the word it names (the option as typed,
 * or the bad value). arg points into argv, or into typed for a short option that sat
 * in a cluster such as "-jx". */
struct options_error {
	enum msg_id id;         /* MSG_UNKNOWN_OPTION, MSG_OPTION_NEEDS_ARG, or a bad value's:
				 * MSG_BAD_LANG, MSG_BAD_LIMIT, MSG_BAD_COLOR */
	const char *arg;
	char typed[8];
};

/* Parse argv (argv[0] is the program) into *o, which starts with the language of the locale.
 * Options may come after words; after "--", words only. Every argument is read before an error
 * is returned, so that --lang applies to the message whatever its place. Returns 0, or -1 and
 * the first error in *err: an unknown option before a missing value before a bad value. */
int options_parse(int argc, char **argv, struct options *o, struct options_error *err);
void options_release(struct options *o);

/* Does the terminal (tty: the output is one) show OSC 8 links? FORCE_HYPERLINK=1 or 0 says so outright;
 * else the terminals known to (by TERM_PROGRAM, VTE_VERSION, TERM and the like), and not
 * inside tmux or screen, which may drop them. */
int terminal_links(int tty);

/* What is wrong with the settings file (its first bad line), in o's language, into buf. */
const char *config_problem(const struct options *o, char *buf, size_t size);

#endif
