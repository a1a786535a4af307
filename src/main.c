/* httpcodes: parse the command line, hand over to the CLI or the browser, and check at the end
 * that everything written to stdout got there. */
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tui.h"

/* Display widths come from wcwidth(), which needs a UTF-8 LC_CTYPE; fall back to C.UTF-8
 * when the user's locale is not UTF-8 so that Chinese is still measured as two columns. */
static void setup_locale(void)
{
	const char *cs;
	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* Match argv[*i] against the options table; returns the option or -1, and sets *value for an
 * option that takes one ("--lang zh", "--lang=zh", "-l zh"). */
static int match_option(int argc, char **argv, int *i, const char **value, int *missing)
{
	const char *a = argv[*i];
	*value = NULL;
	*missing = 0;
	for (int k = 0; k < OPT_COUNT_; k++) {
		const struct cli_option_info *opt = &cli_options[k];
		size_t n = strlen(opt->name);
		const char *inline_value = NULL;

		if (a[1] == '-' && strncmp(a + 2, opt->name, n) == 0 &&
		    (a[2 + n] == '\0' || (a[2 + n] == '=' && opt->arg)))
			inline_value = a[2 + n] == '=' ? a + 3 + n : NULL;
		else if (!(opt->shortname && a[1] == opt->shortname && a[2] == '\0'))
			continue;
		if (opt->arg) {
			if (inline_value)
				*value = inline_value;
			else if (*i + 1 < argc)
				*value = argv[++*i];
			else
				*missing = 1;
		}
		return k;
	}
	return -1;
}

/* The fuzzer calls this; everything else calls main. */
int httpcodes_main(int argc, char **argv);

int main(int argc, char **argv)
{
	return httpcodes_main(argc, argv);
}

/* Parse the command line into *o and run what it asks for; returns the exit status. */
static int run(int argc, char **argv, struct cli_opts *o)
{
	char *words[argc > 0 ? argc : 1];
	int nwords = 0, help = 0, version = 0, stats = 0, ended = 0;
	const char *bad = NULL, *bad_lang = NULL, *missing_arg = NULL;

	for (int i = 1; i < argc; i++) {
		const char *value;
		int missing, k;

		if (ended || argv[i][0] != '-' || argv[i][1] == '\0') {
			words[nwords++] = argv[i];
			continue;
		}
		if (strcmp(argv[i], "--") == 0) {
			ended = 1;
			continue;
		}
		k = match_option(argc, argv, &i, &value, &missing);
		if (missing) {
			missing_arg = argv[i];
			continue;
		}
		if (k >= 0) {
			o->value[k] = value;
			o->flag[k] = 1;
		}
		switch (k) {
		case OPT_JSON: o->json = 1; break;
		case OPT_LANG:
			if (lang_parse(value, &o->lang) != 0)
				bad_lang = value;
			break;
		case OPT_DB: o->db_path = value; break;
		case OPT_STATS: stats = 1; break;
		case OPT_HELP: help = 1; break;
		case OPT_VERSION: version = 1; break;
		default:
			if (k < 0 && !bad)
				bad = argv[i];
		}
	}
	/* Usage errors are reported in the language asked for, so --lang is applied first. */
	if (bad)
		return cli_usage_error(o, MSG_UNKNOWN_OPTION, bad);
	if (missing_arg)
		return cli_usage_error(o, MSG_OPTION_NEEDS_ARG, missing_arg);
	if (bad_lang)
		return cli_usage_error(o, MSG_BAD_LANG, bad_lang);
	if (help)
		return cli_help(o);
	if (version)
		return cli_version();
	if (stats)
		return cli_stats(o);
	if (nwords == 0) {
		/* On a terminal, the browser; in a pipe or a script, the help. */
		if (getenv("HTTPCODES_SCRIPT") || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
			return tui_run(o);
		return cli_help(o);
	}
	{
		static const struct { const char *name; int (*run)(const struct cli_opts *, char **, int); } cmds[] = {
			{ "add", cli_add }, { "edit", cli_edit }, { "rm", cli_rm },
			{ "import", cli_import }, { "export", cli_export },
		};
		for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
			if (strcmp(words[0], cmds[i].name) == 0)
				return cmds[i].run(o, words + 1, nwords - 1);
	}
	if (strcmp(words[0], "search") == 0) {
		if (nwords == 1)
			return cli_usage_error(o, MSG_NO_QUERY, NULL);
		return cli_search(o, words + 1, nwords - 1);
	}
	return cli_lookup(o, words, nwords);
}

int httpcodes_main(int argc, char **argv)
{
	struct cli_opts o = { .lang = LANG_EN, .json = 0 };

	setup_locale();
	o.lang = lang_from_env();
	return cli_out_close(&o, run(argc, argv, &o));
}
