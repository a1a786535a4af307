/* httpcodes: set the locale, hand the parsed command line over to the CLI or the browser,
 * and check at the end that everything written to stdout got there. */
#include <locale.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "text.h"
#include "tui.h"

/* Only the categories we use are loaded (each is a file or two to open; LC_ALL opens 13):
 * LC_CTYPE for wcwidth() and nl_langinfo(), LC_MESSAGES for strerror(). Our own texts take
 * their language from the environment (lang_from_env), not from here. Display widths need a
 * UTF-8 LC_CTYPE: fall back to C.UTF-8 when the user's locale is not UTF-8, so that Chinese is
 * still measured as two columns. */
static void setup_locale(void)
{
	const char *cs;
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* The fuzzer calls this; everything else calls main. */
int httpcodes_main(int argc, char **argv);

int main(int argc, char **argv)
{
	return httpcodes_main(argc, argv);
}

/* httpcodes -i QUERY: the browser, on that search (words after it are more of the query, as
 * search has them); a usage error without a terminal to open it on. */
static int interactive(const struct options *o)
{
	struct options with = *o;
	struct strbuf query = STRBUF_INIT;
	int status;

	if (!getenv("HTTPCODES_SCRIPT") && !(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
		return cli_usage_error(o, MSG_NEEDS_TERMINAL, o->query);
	strbuf_adds(&query, o->query);
	for (int i = 0; i < o->nwords; i++) {
		strbuf_addch(&query, ' ');
		strbuf_adds(&query, o->words[i]);
	}
	with.query = strbuf_str(&query);
	with.nwords = 0;
	status = tui_run(&with);
	strbuf_release(&query);
	return status;
}

/* Run what the parsed command line asks for; returns the exit status. */
static int run(const struct options *o)
{
	static const struct { const char *name; int (*run)(const struct options *, char **, int); } cmds[] = {
		{ "add", cli_add }, { "edit", cli_edit }, { "rm", cli_rm },
		{ "import", cli_import }, { "export", cli_export }, { "search", cli_search },
		{ "bookmarks", cli_bookmarks }, { "explain", cli_explain }, { "choose", cli_choose },
	};

	if (o->complete)
		return cli_complete(o);
	if (o->help || (o->nwords > 0 && strcmp(o->words[0], "help") == 0))
		return cli_help(o);
	if (o->version)
		return cli_version();
	if (o->stats)
		return cli_stats(o);
	if (o->query)
		return interactive(o);
	if (o->nwords == 0) {
		/* On a terminal, the browser; in a pipe or a script, the help. */
		if (getenv("HTTPCODES_SCRIPT") || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
			return tui_run(o);
		return cli_help(o);
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(o->words[0], cmds[i].name) == 0)
			return cmds[i].run(o, o->words + 1, o->nwords - 1);
	return cli_lookup(o, o->words, o->nwords);
}

int httpcodes_main(int argc, char **argv)
{
	struct options o;
	struct options_error err;
	int status;

	setup_locale();
	/* Usage errors are said in the language asked for: the parse reads --lang first. */
	if (options_parse(argc, argv, &o, &err) < 0)
		status = cli_usage_error(&o, err.id, err.arg);
	else
		status = run(&o);
	status = cli_out_close(&o, status);
	options_release(&o);
	return status;
}
