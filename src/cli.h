/* cli: the command line. Never initialises curses; safe in pipes. */
#ifndef HTTPCODES_CLI_H
#define HTTPCODES_CLI_H

#include "lang.h"

/* Exit statuses. */
enum { EXIT_FOUND = 0, EXIT_NOTHING = 1, EXIT_USAGE = 2, EXIT_TROUBLE = 3 };

/* Options, defined once: id, long name, short name (0: none), value name (NULL: a flag),
 * help in English and in Chinese. main.c parses with this table; --help prints it. */
#define OPTIONS(X) \
	X(OPT_JSON, "json", 'j', NULL, "print one JSON array instead of text", \
	  "输出一个 JSON 数组，而不是文本") \
	X(OPT_LANG, "lang", 'l', "zh|en|both", "language of the output (default: from the locale)", \
	  "输出语言（默认跟随区域设置）") \
	X(OPT_DB, "db", 0, "PATH", "also read the httpcodes database file at PATH", \
	  "同时读取 PATH 处的 httpcodes 数据库文件") \
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
};

/* Attach the user's database (see cli.c); -1 when --db PATH cannot be opened. */
struct store;
int attach_user(struct store *st, const struct cli_opts *o);

/* Each returns an exit status. */
int cli_help(const struct cli_opts *o);
int cli_version(void);
int cli_usage_error(const struct cli_opts *o, enum msg_id id, const char *arg);
/* Codes (404), patterns (4xx, 40x, 4, 40), ranges (400-410) and error codes (AccessDenied). */
int cli_lookup(const struct cli_opts *o, char **args, int nargs);
int cli_search(const struct cli_opts *o, char **words, int nwords);
int cli_stats(const struct cli_opts *o);

#endif
