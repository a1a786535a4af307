/* cli: the command line. Never initialises curses; safe in pipes. */
#ifndef HTTPCODES_CLI_H
#define HTTPCODES_CLI_H

#include "lang.h"

/* Exit statuses (README says when each is returned): found; nothing found exactly (only
 * suggestions, or bad rows in an import); a usage error; a database, output or terminal error.
 * The browser also ends with 128 + N on signal N. */
enum { EXIT_FOUND = 0, EXIT_NOTHING = 1, EXIT_USAGE = 2, EXIT_TROUBLE = 3 };

/* Options, defined once: id, long name, short name (0: none), value name (NULL: a flag),
 * help in English and in Chinese. main.c parses with this table; --help prints it. */
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
	X(OPT_SKIP_INVALID, "skip-invalid", 0, NULL, "import: import the good rows, list the bad ones", \
	  "import：导入有效的行，列出有问题的行") \
	X(OPT_STATS, "stats", 0, NULL, "print how many rows the built-in data has, per source", \
	  "显示内置数据的行数（按来源统计）") \
	X(OPT_HELP, "help", 'h', NULL, "show this help", "显示本帮助") \
	X(OPT_VERSION, "version", 'V', NULL, "show the version", "显示版本号")

#define X(id, name, shortname, arg, en, zh) id,
enum cli_option { OPTIONS(X) OPT_COUNT_ };
#undef X

struct cli_option_info {
	const char *name;
	char shortname;
	const char *arg;
	const char *help[2];
};
extern const struct cli_option_info cli_options[OPT_COUNT_];

struct cli_opts {
	enum lang lang;
	int json;
	const char *db_path;    /* a user database beside the built-in data, or NULL */
	const char *value[OPT_COUNT_];  /* the value of each option given one */
	int flag[OPT_COUNT_];           /* each flag given */
};

/* Attach the user's database (see cli.c): 0, 1 when it is locked and was left out (said),
 * -1 when --db PATH cannot be opened (said). */
struct store;
int attach_user(struct store *st, const struct cli_opts *o);

/* Each returns an exit status. */
int cli_help(const struct cli_opts *o);
/* The codes the user has bookmarked or written a note on. */
int cli_bookmarks(const struct cli_opts *o, char **args, int nargs);
int cli_version(void);
int cli_usage_error(const struct cli_opts *o, enum msg_id id, const char *arg);
/* Codes (404), patterns (4xx, 40x, 4, 40), ranges (400-410) and error codes (AccessDenied);
 * for anything else, suggestions from the search, and EXIT_NOTHING. */
int cli_lookup(const struct cli_opts *o, char **args, int nargs);
int cli_search(const struct cli_opts *o, char **words, int nwords); /* usage error without words */
int cli_stats(const struct cli_opts *o);
/* The user's own mappings (cli_user.c). */
int cli_add(const struct cli_opts *o, char **args, int nargs);
int cli_edit(const struct cli_opts *o, char **args, int nargs);
int cli_rm(const struct cli_opts *o, char **args, int nargs);
int cli_import(const struct cli_opts *o, char **args, int nargs);
int cli_export(const struct cli_opts *o, char **args, int nargs);
/* A message in the chosen language(s) on stderr; arg is sanitised. */
void cli_report(const struct cli_opts *o, enum msg_id id, const char *arg);
/* The same for a message that counts n (its %s), in the plural when n calls for it. */
void cli_report_n(const struct cli_opts *o, enum msg_id id, long n);
/* The same, followed by what the system error errnum means, in the user's words. */
void cli_report_errno(const struct cli_opts *o, enum msg_id id, const char *arg, int errnum);
/* stdout: 0 while every write has gone out (or waits in the buffer), -1 once one has failed;
 * flush pushes the buffer out first. The failure is kept and reported by cli_out_close. */
int cli_out_check(int flush);
/* The end of every command: flush and close stdout; a failed write is said (but for a broken
 * pipe, which stays quiet) and makes the status EXIT_TROUBLE. Returns the status. */
int cli_out_close(const struct cli_opts *o, int status);

#endif
