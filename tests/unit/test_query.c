/* The query builder, string in, string out: user text becomes an FTS5 expression in which every
 * term is a quoted phrase, whatever the text holds (quotes, FTS5 operators, control characters,
 * very long words), with pinyin, initials, completions and typos from a vocabulary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pinyin.h"
#include "query.h"

/* The first pass's expression for text (no vocabulary: no word is a known term). */
static char *expr_of(const char *text, int second_pass)
{
	struct query_word words[QUERY_MAX_WORDS];
	struct strbuf sb = STRBUF_INIT;
	int n = query_split(text, words);
	query_expr(&sb, words, n, second_pass, 0, 0);
	return strbuf_detach(&sb);
}

/* Outside double quotes, an expression holds only our own syntax: parentheses, OR, AND,
 * NEAR(...), "*", ", n)", blanks and the column filter. Every quote is closed. */
static void assert_well_quoted(const char *e)
{
	int in = 0;
	for (const char *p = e; *p; p++) {
		if (*p == '"') {
			if (in && p[1] == '"') {
				p++;
				continue;
			}
			in = !in;
		} else if (!in) {
			assert_true(strchr("()*, ORANDNEAR0123456789", *p) != NULL);
		}
	}
	assert_false(in);
}

static void test_plain_word(void **state)
{
	char *e = expr_of("404", 0);
	(void)state;
	assert_string_equal(e, "(\"404\" *)");
	free(e);
	e = expr_of("not found", 0);
	assert_non_null(strstr(e, "(\"not\"") );
	assert_non_null(strstr(e, " AND (\"found\" *"));
	free(e);
}

static void test_hostile(void **state)
{
	static const char *const inputs[] = {
		"\"*()<AND>", "a\"b", "\"\"\"", "NEAR(a b, 1)", "a OR b", "x AND NOT y", "col:abc",
		"{ident}: x", "^abc", "a*", "-a +b", "\x01py\x02in", "tab\there\x7f", "\xff\xfe bad utf8",
	};
	(void)state;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		char *e = expr_of(inputs[i], 1);
		assert_well_quoted(e);
		/* No control character of the user's reaches the expression. */
		for (const char *p = e; *p; p++)
			if (*p == '\x01' || *p == '\x02')
				assert_true(p > e && (p[-1] == '"' || p[-1] == ' ')); /* only our markers */
		assert_null(strchr(e, '\t'));
		assert_null(strchr(e, '\x7f'));
		free(e);
	}
}

static void test_quotes_doubled(void **state)
{
	char *e = expr_of("a\"b", 0);
	(void)state;
	assert_string_equal(e, "(\"a\"\"b\" *)");
	free(e);
}

static void test_long_word(void **state)
{
	struct query_word words[QUERY_MAX_WORDS];
	char *text = malloc(5000), *e;
	(void)state;
	memset(text, 'a', 4999);
	text[4999] = '\0';
	assert_int_equal(query_split(text, words), 1);
	assert_int_equal(words[0].len, QUERY_WORD_BYTES);
	/* Never cut inside a character: 300 times 超 (3 bytes each) leaves whole ones. */
	text[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(text, "超");
	assert_int_equal(query_split(text, words), 1);
	assert_int_equal(words[0].len % 3, 0);
	assert_true(words[0].len <= QUERY_WORD_BYTES);
	e = expr_of(text, 1);
	assert_well_quoted(e);
	free(e);
	free(text);
}

static void test_split(void **state)
{
	struct query_word words[QUERY_MAX_WORDS];
	char many[200] = "";
	(void)state;
	assert_int_equal(query_split("  网关\xE3\x80\x80超时  ", words), 2); /* U+3000 is a blank */
	assert_string_equal(words[0].text, "网关");
	assert_string_equal(words[1].text, "超时");
	assert_true(words[1].is_last && !words[0].is_last);
	assert_int_equal(query_split("", words), 0);
	assert_int_equal(query_split("   ", words), 0);
	for (int i = 0; i < 40; i++)
		strcat(many, "w ");
	assert_int_equal(query_split(many, words), QUERY_MAX_WORDS);
}

static void test_pinyin(void **state)
{
	size_t ends[8];
	const char *syl[4];
	char *e;
	(void)state;
	assert_int_equal(pinyin_segment("wangguan", 8, 0, ends, 8), 2);
	assert_int_equal(ends[0], 4);
	assert_int_equal(ends[1], 8);
	assert_int_equal(pinyin_segment("xyz", 3, 0, ends, 8), 0);
	assert_int_equal(pinyin_segment("chaosh", 6, 1, ends, 8), 2); /* still typing */
	assert_true(pinyin_completions("zhua", 4, syl, 4) >= 2);     /* zhua, zhuai, zhuan, ... */
	assert_string_equal(syl[0], "zhua");
	assert_int_equal(pinyin_completions("qx", 2, syl, 4), 0);
	e = expr_of("wgcs", 0);
	assert_non_null(strstr(e, " OR \"\x02wg \x02gc \x02" "cs\"")); /* initials, in pairs */
	free(e);
	e = expr_of("wangguan", 0);
	assert_non_null(strstr(e, "\x01wang \x01guan"));
	free(e);
}

static void test_pieces(void **state)
{
	char *e = expr_of("找不到资源", 1);
	(void)state;
	assert_non_null(strstr(e, " OR NEAR(\"找\" \"不\" \"到\" \"资\" \"源\", 14)"));
	free(e);
	e = expr_of("找不到资源", 0); /* the whole phrase first */
	assert_null(strstr(e, "NEAR"));
	free(e);
}

static const char *const terms[] = { "forbidden", "gateway", "timeout", "timeouts", "timer" };
static struct query_terms sorted = { terms, sizeof terms / sizeof terms[0] };
static const struct query_vocab vocab = { query_terms_with, &sorted };

static void test_known_terms(void **state)
{
	struct query_word words[QUERY_MAX_WORDS];
	int n = query_split("gate time", words);
	(void)state;
	query_find_terms(words, n, &vocab);
	assert_true(words[0].is_term && words[1].is_term);
	assert_int_equal(words[1].ncompletions, 3); /* timeout, timeouts, timer */
	assert_string_equal(words[1].completions[2], "timer");
	assert_false(query_wants_typos(words, n));
}

static void test_typos(void **state)
{
	struct query_word words[QUERY_MAX_WORDS];
	int n = query_split("forbiden gatwya", words);
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	query_find_terms(words, n, &vocab);
	assert_true(query_wants_typos(words, n));
	query_find_typos(words, n, &vocab);
	assert_int_equal(words[0].ntypos, 1);
	assert_string_equal(words[0].typos[0], "forbidden");
	assert_int_equal(words[1].ntypos, 0); /* two edits away */
	query_expr(&sb, words, n, 1, 0, 0);
	assert_non_null(strstr(sb.buf, " OR \"forbidden\""));
	strbuf_release(&sb);
}

static void test_names_only(void **state)
{
	struct query_word words[QUERY_MAX_WORDS];
	struct strbuf sb = STRBUF_INIT;
	int n = query_split("7", words);
	(void)state;
	assert_int_equal(query_expr(&sb, words, n, 0, 0, 1), 1);
	assert_string_equal(sb.buf, "{ident name_en name_zh} : ((\"7\" *))");
	strbuf_release(&sb);
	n = query_split("!!! ...", words); /* no tokens: nothing to search */
	assert_int_equal(query_expr(&sb, words, n, 0, 0, 0), 0);
	strbuf_release(&sb);
}

static void test_code_pattern(void **state)
{
	int lo = 0, hi = 0;
	(void)state;
	assert_true(query_code_pattern("4xx", &lo, &hi));
	assert_int_equal(lo, 400);
	assert_int_equal(hi, 499);
	assert_true(query_code_pattern("50X", &lo, &hi));
	assert_int_equal(lo, 500);
	assert_int_equal(hi, 509);
	assert_false(query_code_pattern("0xx", &lo, &hi));
	assert_false(query_code_pattern("4x0", &lo, &hi));
	assert_false(query_code_pattern("4xxx", &lo, &hi));
}

/* A pasted error names a concept's phrase whatever the punctuation and case around it; a
 * phrase is found only whole, word by word; a short word alone names nothing. */
static void test_mentions(void **state)
{
	const char *reset = "Connection reset by peer; ERR_CONNECTION_RESET; ECONNRESET; curl 56";
	(void)state;
	assert_true(query_mentions("net::ERR_CONNECTION_RESET", reset));
	assert_true(query_mentions("read ECONNRESET at TCP.onStreamRead", reset));
	assert_true(query_mentions("curl: (56) Recv failure: Connection reset by peer", reset));
	assert_true(query_mentions("CURL  56", reset));
	assert_false(query_mentions("curl 560", reset));
	assert_false(query_mentions("connection reset", reset));
	assert_false(query_mentions("ECONNRESETS", reset));
	assert_true(query_mentions("浏览器报跨域请求被阻止了", "跨域请求被阻止"));
	assert_false(query_mentions("跨域请求", "跨域请求被阻止"));
	assert_false(query_mentions("cors", "cors; CORS error"));
	assert_true(query_mentions("has been blocked by CORS policy: No", "blocked by CORS policy"));
	assert_false(query_mentions("", reset));
	assert_false(query_mentions("::", reset));
	assert_false(query_mentions("reset", ""));
}

/* A lean index's readings: a pinyin word becomes the characters the index holds for it, joined
 * a pair at a time; its initials likewise; an unfinished last syllable takes every one it can
 * become; a chain the index breaks gives nothing. */
static const char *const readings[] = {
	"\x01" "chao shi\t超时", "\x01guan chao\t关超", "\x01wang\t网", "\x01wang guan\t王冠",
	"\x01wang guan\t网关", "\x01wang guang\t网光", "\x02" "cs\t超时", "\x02gc\t关超",
	"\x02wg\t未给", "\x02wg\t网关",
};

static int has_hanzi(const struct query_word *w, const char *chars)
{
	for (int i = 0; i < w->nhanzi; i++)
		if (strcmp(w->hanzi[i], chars) == 0)
			return 1;
	return 0;
}

static void test_hanzi(void **state)
{
	struct query_terms t = { readings, sizeof readings / sizeof readings[0] };
	struct query_vocab v = { query_terms_with, &t };
	struct query_word words[QUERY_MAX_WORDS];
	struct strbuf sb = STRBUF_INIT;
	int n;
	(void)state;

	n = query_split("wangguanchaoshi", words);
	query_find_hanzi(words, n, &v);
	assert_int_equal(words[0].nhanzi, 1);
	assert_true(has_hanzi(&words[0], "网关超时")); /* 王冠 is wang guan too, but no 冠超 */

	n = query_split("wangguan wgcs", words);
	query_find_hanzi(words, n, &v);
	assert_int_equal(words[0].nhanzi, 2); /* not 网光: guan is whole, not being typed */
	assert_true(has_hanzi(&words[0], "网关") && has_hanzi(&words[0], "王冠"));
	assert_int_equal(words[1].nhanzi, 1);
	assert_true(has_hanzi(&words[1], "网关超时"));

	n = query_split("wangg", words);
	query_find_hanzi(words, n, &v);
	assert_int_equal(words[0].nhanzi, 3);
	assert_true(has_hanzi(&words[0], "网光"));

	n = query_split("wang", words); /* one syllable: the characters alone */
	query_find_hanzi(words, n, &v);
	assert_true(words[0].nhanzi == 1 && has_hanzi(&words[0], "网"));

	n = query_split("shichao", words);
	query_find_hanzi(words, n, &v);
	assert_int_equal(words[0].nhanzi, 0);

	/* In a lean index's expression they are phrases of characters, and no pinyin is asked. */
	n = query_split("wangguan", words);
	query_find_hanzi(words, n, &v);
	query_expr(&sb, words, n, 0, QUERY_LARGE | QUERY_LEAN, 0);
	assert_non_null(strstr(sb.buf, "\"网关\""));
	assert_non_null(strstr(sb.buf, "\"王冠\""));
	assert_null(strchr(sb.buf, TOK_PINYIN));
	assert_well_quoted(sb.buf);
	strbuf_release(&sb);
}

/* ---- what need not match ------------------------------------------------------------------ */

/* Some of db/stopwords.rec: enough to show each rule. */
static const struct query_stop some_stops[] = {
	{ "what", 0 }, { "does", 0 }, { "mean", 0 }, { "the", 0 }, { "vs", 0 }, { "status", 0 },
	{ "code", 0 }, { "http/1.1", 0 }, { "and", 0 }, { "difference", 0 }, { "between", 0 },
	{ "了", 1 }, { "应该", 0 }, { "返回", 0 }, { "哪个", 0 }, { "和", 0 }, { "有", 0 },
	{ "什么", 0 }, { "区别", 0 }, { "报", 0 }, { "错误", 0 }, { "怎么", 0 }, { "用", 0 },
	{ "在", 0 },
};

/* The words query_refine leaves of text, joined by "|". */
static char *refined(const char *text)
{
	struct query_word words[QUERY_MAX_WORDS];
	struct query_stops stops = { some_stops, sizeof some_stops / sizeof some_stops[0] };
	struct strbuf sb = STRBUF_INIT;
	int n = query_refine(words, query_split(text, words), &stops);
	for (int i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&sb, '|');
		strbuf_adds(&sb, words[i].text);
	}
	return strbuf_detach(&sb);
}

static void expect_refined(const char *text, const char *want)
{
	char *got = refined(text);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' refined to '%s', wanted '%s'", text, got, want);
	free(got);
}

static void test_refine(void **state)
{
	(void)state;
	/* Questions: the question words go, in either language. */
	expect_refined("what does 429 mean", "429");
	expect_refined("What does the Retry-After mean?", "Retry-After");
	expect_refined("token过期了应该返回哪个", "token过期");
	expect_refined("403和404有什么区别", "403|404");
	expect_refined("503 vs 504", "503|504");
	expect_refined("difference between 301 and 308", "301|308");
	/* Codes inside text. */
	expect_refined("报502", "502");
	expect_refined("429错误", "429");
	expect_refined("status=404", "404");
	expect_refined("code: 500", "500");
	expect_refined("HTTP/1.1 502 Bad Gateway", "502|Bad|Gateway");
	expect_refined("接口报500怎么排查", "接口|500|排查");
	/* A one-character word inside a word stays: 用户, 不存在, 有效. */
	expect_refined("用户不存在", "用户不存在");
	expect_refined("有效", "有效");
	/* Not codes: more digits, letters beside them, out of range. */
	expect_refined("E5021", "E5021");
	expect_refined("v404x", "v404x");
	expect_refined("error 999", "error|999");
	/* Nothing else: kept as typed. */
	expect_refined("the", "the");
	expect_refined("what 了", "what|了");
}

static void test_refine_last(void **state)
{
	struct query_word words[QUERY_MAX_WORDS];
	struct query_stops stops = { some_stops, sizeof some_stops / sizeof some_stops[0] };
	int n;
	(void)state;
	/* The word being typed stays the last (a prefix); one cut from before it does not. */
	n = query_refine(words, query_split("the gatew", words), &stops);
	assert_int_equal(n, 1);
	assert_true(words[0].is_last);
	n = query_refine(words, query_split("gatew the", words), &stops);
	assert_int_equal(n, 1);
	assert_false(words[0].is_last);
	n = query_refine(words, query_split("报502错误", words), &stops);
	assert_int_equal(n, 1);
	assert_int_equal(query_word_code(&words[0]), 502);
	assert_false(words[0].is_last);
}

static void test_relaxed_expr(void **state)
{
	struct query_word words[QUERY_MAX_WORDS];
	struct strbuf sb = STRBUF_INIT;
	int n = query_split("flibber timeout", words);
	(void)state;
	/* The relaxed pass: any word, not every word. */
	assert_int_equal(query_expr(&sb, words, n, 0, QUERY_ANY, 0), 2);
	assert_non_null(strstr(sb.buf, ") OR ("));
	assert_null(strstr(sb.buf, " AND "));
	assert_well_quoted(sb.buf);
	strbuf_release(&sb);
	/* A Chinese phrase: its neighbouring pairs too, and a lone one may be relaxed. */
	n = query_split("登录态失效", words);
	assert_true(query_can_relax(words, n));
	query_expr(&sb, words, n, 0, QUERY_ANY, 0);
	assert_non_null(strstr(sb.buf, "\"登录\""));
	assert_non_null(strstr(sb.buf, "\"失效\""));
	assert_null(strstr(sb.buf, "\"录失\""));
	assert_well_quoted(sb.buf);
	strbuf_release(&sb);
	n = query_split("超时", words);
	assert_false(query_can_relax(words, n));
	n = query_split("timeout", words);
	assert_false(query_can_relax(words, n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_word),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_quotes_doubled),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_pinyin),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_known_terms),
		cmocka_unit_test(test_typos),
		cmocka_unit_test(test_names_only),
		cmocka_unit_test(test_code_pattern),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_hanzi),
		cmocka_unit_test(test_refine),
		cmocka_unit_test(test_refine_last),
		cmocka_unit_test(test_relaxed_expr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
