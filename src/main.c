/* httpcodes: parse the command line, hand over to the CLI or the browser, and check at the end
 * that everything written to stdout got there. */
#include <getopt.h>
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

/* getopt_long's tables, made from the options table (cli.h): each option's val is its short
 * name, or OPT_VAL_BASE + its id when it has none. The short string starts with "+:": words
 * stay where they are (each one is taken in turn, and options may come after them), and a
 * missing value is told apart from an unknown option. */
enum { OPT_VAL_BASE = 256 };

static void option_tables(struct option *longopts, char *shorts)
{
	char *p = shorts;
	*p++ = '+';
	*p++ = ':';
	for (int k = 0; k < OPT_COUNT_; k++) {
		const struct cli_option_info *opt = &cli_options[k];
		longopts[k] = (struct option){ opt->name, opt->arg ? required_argument : no_argument, NULL,
					       opt->shortname ? opt->shortname : OPT_VAL_BASE + k };
		if (opt->shortname) {
			*p++ = opt->shortname;
			if (opt->arg)
				*p++ = ':';
		}
	}
	*p = '\0';
	longopts[OPT_COUNT_] = (struct option){ 0 };
}

/* The option a getopt_long val stands for, or -1. */
static int option_of(int val)
{
	if (val >= OPT_VAL_BASE && val < OPT_VAL_BASE + OPT_COUNT_)
		return val - OPT_VAL_BASE;
	for (int k = 0; k < OPT_COUNT_; k++)
		if (val > 0 && cli_options[k].shortname == val)
			return k;
	return -1;
}

/* The fuzzer calls this; everything else calls main. */
int httpcodes_main(int argc, char **argv);

int main(int argc, char **argv)
{
	return httpcodes_main(argc, argv);
}

/* The option as the user typed it, for a message. word is the argument getopt_long was
 * reading: a long option is the word itself ("--lang", "--json=1"); a short one is "-x",
 * which may sit in a cluster such as "-jx" (getopt_long stays on the word until its end). */
static const char *typed_option(const char *word, int optopt_, char *buf, size_t size)
{
	if (strncmp(word, "--", 2) == 0)
		return word;
	snprintf(buf, size, "-%c", optopt_);
	return buf;
}

/* Parse the command line into *o and run what it asks for; returns the exit status. */
static int run(int argc, char **argv, struct cli_opts *o)
{
	char *words[argc > 0 ? argc : 1];
	struct option longopts[OPT_COUNT_ + 1];
	char shorts[2 + 2 * OPT_COUNT_ + 1], bad_buf[8], missing_buf[8];
	int nwords = 0, help = 0, version = 0, stats = 0;
	const char *bad = NULL, *bad_lang = NULL, *missing_arg = NULL;

	option_tables(longopts, shorts);
	opterr = 0;
	optind = 0; /* a fresh start, wherever the last parse stopped (glibc and musl) */
	while (argc > 0) {
		int at = optind ? optind : 1, c = getopt_long(argc, argv, shorts, longopts, NULL), k;

		if (c == -1) {
			if (optind >= argc)
				break;
			if (optind > at && strcmp(argv[optind - 1], "--") == 0) {
				while (optind < argc) /* after "--", words only */
					words[nwords++] = argv[optind++];
				break;
			}
			words[nwords++] = argv[optind++]; /* a word; options may follow it */
			continue;
		}
		if (c == ':') {
			if (!missing_arg)
				missing_arg = typed_option(argv[at], optopt, missing_buf, sizeof missing_buf);
			continue;
		}
		k = c == '?' ? -1 : option_of(c);
		if (k < 0) { /* unknown, ambiguous, or a flag given a value (--json=1) */
			if (!bad)
				bad = typed_option(argv[at], optopt, bad_buf, sizeof bad_buf);
			continue;
		}
		o->value[k] = optarg;
		o->flag[k] = 1;
		switch (k) {
		case OPT_JSON: o->json = 1; break;
		case OPT_LANG:
			if (lang_parse(optarg, &o->lang) != 0)
				bad_lang = optarg;
			break;
		case OPT_DB: o->db_path = optarg; break;
		case OPT_STATS: stats = 1; break;
		case OPT_HELP: help = 1; break;
		case OPT_VERSION: version = 1; break;
		default: break;
		}
	}
	/* Usage errors are reported in the language asked for, so --lang is applied first. */
	if (bad)
		return cli_usage_error(o, MSG_UNKNOWN_OPTION, bad);
	if (missing_arg)
		return cli_usage_error(o, MSG_OPTION_NEEDS_ARG, missing_arg);
	if (bad_lang)
		return cli_usage_error(o, MSG_BAD_LANG, bad_lang);
	if (help || (nwords > 0 && strcmp(words[0], "help") == 0))
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
			{ "import", cli_import }, { "export", cli_export }, { "search", cli_search },
			{ "bookmarks", cli_bookmarks },
		};
		for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
			if (strcmp(words[0], cmds[i].name) == 0)
				return cmds[i].run(o, words + 1, nwords - 1);
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
