/* Unit tests of the command line's parse: words and options in any order, "--", clusters of
 * short options, and the usage errors with the word as typed, in the language asked for
 * wherever --lang stands. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"

#define ARGC(a) ((int)(sizeof a / sizeof a[0]) - 1)

static void test_words_and_options_in_any_order(void **state)
{
	char *argv[] = { "httpcodes", "404", "--json", "503", "--lang", "zh", "--db", "/tmp/x.db", NULL };
	struct options o;
	struct options_error e;
	(void)state;
	assert_int_equal(options_parse(ARGC(argv), argv, &o, &e), 0);
	assert_int_equal(o.nwords, 2);
	assert_string_equal(o.words[0], "404");
	assert_string_equal(o.words[1], "503");
	assert_true(o.json);
	assert_int_equal(o.lang, LANG_ZH);
	assert_string_equal(o.db_path, "/tmp/x.db");
	assert_null(o.team);
	options_release(&o);
}

static void test_values_reach_their_fields(void **state)
{
	char *argv[] = { "httpcodes", "add", "E1", "409", "--team", "T", "--product", "P", "--status", "410",
			 "--en", "e", "--zh", "z", "--description-en", "de", "--description-zh", "dz",
			 "--advice-en", "ae", "--advice-zh", "az", "--format=json", "--skip-invalid", "--stats",
			 "-h", "-V", "--replace", "--crlf", NULL };
	struct options o;
	struct options_error e;
	(void)state;
	assert_int_equal(options_parse(ARGC(argv), argv, &o, &e), 0);
	assert_int_equal(o.nwords, 3);
	assert_string_equal(o.team, "T");
	assert_string_equal(o.product, "P");
	assert_string_equal(o.status, "410");
	assert_string_equal(o.en, "e");
	assert_string_equal(o.zh, "z");
	assert_string_equal(o.description_en, "de");
	assert_string_equal(o.description_zh, "dz");
	assert_string_equal(o.advice_en, "ae");
	assert_string_equal(o.advice_zh, "az");
	assert_string_equal(o.format, "json");
	assert_true(o.skip_invalid && o.stats && o.help && o.version);
	assert_true(o.replace && o.crlf);
	assert_false(o.json);
	options_release(&o);
}

static void test_after_double_dash_words_only(void **state)
{
	char *argv[] = { "httpcodes", "search", "--", "--json", "-x", NULL };
	struct options o;
	struct options_error e;
	(void)state;
	assert_int_equal(options_parse(ARGC(argv), argv, &o, &e), 0);
	assert_int_equal(o.nwords, 3);
	assert_string_equal(o.words[1], "--json");
	assert_string_equal(o.words[2], "-x");
	assert_false(o.json);
	options_release(&o);
}

static void test_cluster_with_a_value(void **state)
{
	char *argv[] = { "httpcodes", "-jl", "zh", "4xx", NULL };
	struct options o;
	struct options_error e;
	(void)state;
	assert_int_equal(options_parse(ARGC(argv), argv, &o, &e), 0);
	assert_true(o.json);
	assert_int_equal(o.lang, LANG_ZH);
	assert_int_equal(o.nwords, 1);
	assert_string_equal(o.words[0], "4xx");
	options_release(&o);
}

/* The parse's error for argv: -1, with id and the word as typed. */
static void parse_fails(char **argv, int argc, enum msg_id id, const char *arg, struct options *o)
{
	struct options_error e;
	assert_int_equal(options_parse(argc, argv, o, &e), -1);
	assert_int_equal(e.id, id);
	assert_string_equal(e.arg, arg);
}

static void test_missing_values(void **state)
{
	char *long_[] = { "httpcodes", "add", "--team", NULL };
	char *short_[] = { "httpcodes", "-jl", NULL };
	struct options o;
	(void)state;
	parse_fails(long_, ARGC(long_), MSG_OPTION_NEEDS_ARG, "--team", &o);
	options_release(&o);
	parse_fails(short_, ARGC(short_), MSG_OPTION_NEEDS_ARG, "-l", &o);
	assert_true(o.json);
	options_release(&o);
}

static void test_unknown_options(void **state)
{
	char *long_[] = { "httpcodes", "--bogus", NULL };
	char *in_cluster[] = { "httpcodes", "-jx", NULL };
	char *flag_value[] = { "httpcodes", "--json=1", NULL };
	char *bad_lang[] = { "httpcodes", "--lang", "klingon", NULL };
	struct options o;
	(void)state;
	parse_fails(long_, ARGC(long_), MSG_UNKNOWN_OPTION, "--bogus", &o);
	options_release(&o);
	parse_fails(in_cluster, ARGC(in_cluster), MSG_UNKNOWN_OPTION, "-x", &o);
	options_release(&o);
	parse_fails(flag_value, ARGC(flag_value), MSG_UNKNOWN_OPTION, "--json=1", &o);
	options_release(&o);
	parse_fails(bad_lang, ARGC(bad_lang), MSG_BAD_LANG, "klingon", &o);
	options_release(&o);
}

/* Every argument is read first: a --lang after the error still sets the language of the
 * message, and an unknown option is said before a missing value or a bad language. */
static void test_lang_applies_before_usage_errors(void **state)
{
	char *argv[] = { "httpcodes", "--lang", "nope", "--bogus", "-l", "zh", "--team", NULL };
	struct options o;
	(void)state;
	setenv("LC_ALL", "en_US.UTF-8", 1);
	parse_fails(argv, ARGC(argv), MSG_UNKNOWN_OPTION, "--bogus", &o);
	assert_int_equal(o.lang, LANG_ZH);
	options_release(&o);
}

static void test_lang_from_the_locale(void **state)
{
	char *argv[] = { "httpcodes", NULL };
	struct options o;
	struct options_error e;
	(void)state;
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	assert_int_equal(options_parse(ARGC(argv), argv, &o, &e), 0);
	assert_int_equal(o.lang, LANG_ZH);
	assert_int_equal(o.nwords, 0);
	options_release(&o);
	unsetenv("LC_ALL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_options_in_any_order),
		cmocka_unit_test(test_values_reach_their_fields),
		cmocka_unit_test(test_after_double_dash_words_only),
		cmocka_unit_test(test_cluster_with_a_value),
		cmocka_unit_test(test_missing_values),
		cmocka_unit_test(test_unknown_options),
		cmocka_unit_test(test_lang_applies_before_usage_errors),
		cmocka_unit_test(test_lang_from_the_locale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
