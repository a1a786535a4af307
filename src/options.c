/* options: the command line read with getopt_long, from the one table of options. */
#include "options.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "text.h"

const struct option_info option_table[OPT_COUNT_] = {
#define X(id, name, shortname, arg, en, zh) [id] = { name, shortname, arg, { en, zh } },
	OPTIONS(X)
#undef X
};

/* getopt_long's tables, made from the options table: each option's val is its short name, or
 * OPT_VAL_BASE + its id when it has none. The short string starts with "+:": words stay where
 * they are (each one is taken in turn, and options may come after them), and a missing value
 * is told apart from an unknown option. */
enum { OPT_VAL_BASE = 256 };

static void option_tables(struct option *longopts, char *shorts)
{
	char *p = shorts;
	*p++ = '+';
	*p++ = ':';
	for (int k = 0; k < OPT_COUNT_; k++) {
		const struct option_info *opt = &option_table[k];
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
		if (val > 0 && option_table[k].shortname == val)
			return k;
	return -1;
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

/* Keep the first error of each kind; the kinds rank as options_parse says. */
static void note_error(struct options_error *errs, enum msg_id id, const char *word, int optopt_)
{
	int kind = id == MSG_UNKNOWN_OPTION ? 0 : id == MSG_OPTION_NEEDS_ARG ? 1 : 2;
	struct options_error *e = &errs[kind];
	if (e->arg)
		return;
	e->id = id;
	e->arg = kind == 2 ? word : typed_option(word, optopt_, e->typed, sizeof e->typed);
}

/* --limit's value: a count of results, 0 or "all" for every one (-1); -1 when it is none. */
static int parse_limit(const char *s, int *out)
{
	long long n = 0;
	if (strcasecmp(s, "all") == 0) {
		*out = -1;
		return 0;
	}
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return -1;
	for (; *s && n <= INT_MAX; s++) /* a number past INT_MAX asks for every one too */
		n = n * 10 + (*s - '0');
	*out = n == 0 || n > INT_MAX ? -1 : (int)n;
	return 0;
}

static int parse_color(const char *s, enum color_when *out)
{
	static const char *const names[] = { [COLOR_AUTO] = "auto", [COLOR_ALWAYS] = "always", [COLOR_NEVER] = "never" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(s, names[i]) == 0) {
			*out = (enum color_when)i;
			return 0;
		}
	return -1;
}

/* Sets the field of option k (given value for one that takes a value); 0, or -1 when the value
 * is not one the option takes, with the message that says so in *bad. */
static int set_option(struct options *o, enum option_id k, const char *value, enum msg_id *bad)
{
	switch (k) {
	case OPT_JSON: o->json = 1; break;
	case OPT_LANG: *bad = MSG_BAD_LANG; return lang_parse(value, &o->lang);
	case OPT_DB: o->db_path = value; break;
	case OPT_TEAM: o->team = value; break;
	case OPT_PRODUCT: o->product = value; break;
	case OPT_STATUS: o->status = value; break;
	case OPT_EN: o->en = value; break;
	case OPT_ZH: o->zh = value; break;
	case OPT_DESC_EN: o->description_en = value; break;
	case OPT_DESC_ZH: o->description_zh = value; break;
	case OPT_ADVICE_EN: o->advice_en = value; break;
	case OPT_ADVICE_ZH: o->advice_zh = value; break;
	case OPT_FORMAT: o->format = value; break;
	case OPT_STYLE: o->style = value; break;
	case OPT_SKIP_INVALID: o->skip_invalid = 1; break;
	case OPT_REPLACE: o->replace = 1; break;
	case OPT_CRLF: o->crlf = 1; break;
	case OPT_STATS: o->stats = 1; break;
	case OPT_BRIEF: o->brief = 1; break;
	case OPT_LIMIT: *bad = MSG_BAD_LIMIT; return parse_limit(value, &o->limit);
	case OPT_COLOR: *bad = MSG_BAD_COLOR; return parse_color(value, &o->color);
	case OPT_NO_PAGER: o->no_pager = 1; break;
	case OPT_INTERACTIVE: o->query = value; break;
	case OPT_COMPLETE: o->complete = value; break;
	case OPT_HELP: o->help = 1; break;
	case OPT_VERSION: o->version = 1; break;
	case OPT_COUNT_: break;
	}
	return 0;
}

int options_parse(int argc, char **argv, struct options *o, struct options_error *err)
{
	struct option longopts[OPT_COUNT_ + 1];
	char shorts[2 + 2 * OPT_COUNT_ + 1];
	struct options_error errs[3] = { { 0 } };

	memset(o, 0, sizeof *o);
	if (config_read(&o->config) < 0) /* unreadable: the defaults, as with no file */
		memset(&o->config, 0, sizeof o->config);
	o->lang = lang_default(o->config.value[CFG_LANG]);
	o->words = xmalloc((size_t)(argc > 0 ? argc : 1) * sizeof *o->words);
	option_tables(longopts, shorts);
	opterr = 0;
	optind = 0; /* a fresh start, wherever the last parse stopped (glibc and musl) */
	while (argc > 0) {
		int at = optind ? optind : 1, c = getopt_long(argc, argv, shorts, longopts, NULL), k;
		enum msg_id bad;

		if (c == -1) {
			if (optind >= argc)
				break;
			if (optind > at && strcmp(argv[optind - 1], "--") == 0) {
				while (optind < argc) /* after "--", words only */
					o->words[o->nwords++] = argv[optind++];
				break;
			}
			o->words[o->nwords++] = argv[optind++]; /* a word; options may follow it */
			continue;
		}
		if (c == ':') {
			note_error(errs, MSG_OPTION_NEEDS_ARG, argv[at], optopt);
			continue;
		}
		k = c == '?' ? -1 : option_of(c);
		if (k < 0) /* unknown, ambiguous, or a flag given a value (--json=1) */
			note_error(errs, MSG_UNKNOWN_OPTION, argv[at], optopt);
		else if (set_option(o, (enum option_id)k, optarg, &bad) < 0)
			note_error(errs, bad, optarg, 0);
	}
	for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++)
		if (errs[i].arg) {
			*err = errs[i];
			if (errs[i].arg == errs[i].typed) /* it pointed into the copy left behind */
				err->arg = err->typed;
			return -1;
		}
	return 0;
}

void options_release(struct options *o)
{
	free(o->words);
	o->words = NULL;
	o->nwords = 0;
}

const char *config_problem(const struct options *o, char *buf, size_t size)
{
	snprintf(buf, size, msg(o->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_CONFIG_BAD), o->config.bad_line,
		 o->config.bad);
	return buf;
}

int terminal_links(int tty)
{
	const char *force = getenv("FORCE_HYPERLINK"), *term = getenv("TERM"), *prog = getenv("TERM_PROGRAM");
	const char *vte = getenv("VTE_VERSION");
	static const char *const progs[] = { "iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "Tabby" };
	static const char *const terms[] = { "xterm-kitty", "foot", "foot-extra", "alacritty", "xterm-ghostty", "wezterm" };

	if (force && *force)
		return strcmp(force, "0") != 0;
	if (!tty || getenv("TMUX") || getenv("STY") || (term && strncmp(term, "screen", 6) == 0))
		return 0;
	for (size_t i = 0; prog && i < sizeof progs / sizeof progs[0]; i++)
		if (strcmp(prog, progs[i]) == 0)
			return 1;
	for (size_t i = 0; term && i < sizeof terms / sizeof terms[0]; i++)
		if (strcmp(term, terms[i]) == 0)
			return 1;
	if (vte && strtol(vte, NULL, 10) >= 5000) /* GNOME Terminal and the other VTE ones, 0.50 on */
		return 1;
	return getenv("KITTY_WINDOW_ID") || getenv("WT_SESSION") || getenv("KONSOLE_VERSION") || getenv("DOMTERM");
}
