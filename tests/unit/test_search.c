/* Unit tests of the tokenizer and of search: what a user typing in either language finds. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lang.h"
#include "search.h"
#include "store.h"
#include "text.h"
#include "tokenize.h"

/* ---- tokenizer ------------------------------------------------------------------------- */

struct toks {
	char text[64][TOK_MAX + 1];
	int flags[64], start[64], end[64];
	int n, input_len;
};

static int collect(void *ctx, int flags, const char *t, int len, int start, int end)
{
	struct toks *k = ctx;
	assert_true(start >= 0 && start <= end && end <= k->input_len); /* offsets inside input */
	assert_true(len > 0 && len <= TOK_MAX);
	if (k->n < 64) {
		memcpy(k->text[k->n], t, (size_t)len);
		k->text[k->n][len] = '\0';
		k->flags[k->n] = flags;
		k->start[k->n] = start;
		k->end[k->n] = end;
		k->n++;
	}
	return 0;
}

static struct toks *toks_of(const char *s, enum tok_mode mode)
{
	static struct toks k;
	memset(&k, 0, sizeof k);
	k.input_len = (int)strlen(s);
	tokenize(s, k.input_len, mode, collect, &k);
	return &k;
}

/* The plain (not colocated) tokens, space-separated. */
static const char *plain(const char *s, enum tok_mode mode)
{
	static char out[1024];
	struct toks *k = toks_of(s, mode);
	out[0] = '\0';
	for (int i = 0; i < k->n; i++) {
		if (k->flags[i] & TOK_COLOCATED)
			continue;
		if (out[0])
			strcat(out, " ");
		strcat(out, k->text[i]);
	}
	return out;
}

static int has_token(const char *s, const char *tok, int flags)
{
	struct toks *k = toks_of(s, TOK_DOCUMENT);
	for (int i = 0; i < k->n; i++)
		if (strcmp(k->text[i], tok) == 0 && k->flags[i] == flags)
			return 1;
	return 0;
}

static void test_tokenize_words(void **state)
{
	(void)state;
	assert_string_equal(plain("Gateway Timeout (504)", TOK_DOCUMENT), "gateway timeout 504");
	assert_string_equal(plain("  ", TOK_DOCUMENT), "");
	assert_string_equal(plain("Ünïcödé café", TOK_DOCUMENT), "ünïcödé café");
}

static void test_tokenize_identifiers(void **state)
{
	(void)state;
	assert_string_equal(plain("AccessDenied", TOK_DOCUMENT), "access denied");
	assert_true(has_token("AccessDenied", "accessdenied", TOK_COLOCATED));
	assert_string_equal(plain("Account.Arrearage", TOK_DOCUMENT), "account arrearage");
	assert_true(has_token("Account.Arrearage", "accountarrearage", TOK_COLOCATED));
	assert_string_equal(plain("DEADLINE_EXCEEDED", TOK_DOCUMENT), "deadline exceeded");
	assert_true(has_token("DEADLINE_EXCEEDED", "deadlineexceeded", TOK_COLOCATED));
	assert_string_equal(plain("HTTPServerError", TOK_DOCUMENT), "http server error");
	assert_string_equal(plain("APIGW.0101", TOK_DOCUMENT), "apigw 0101");
	assert_string_equal(plain("ipv6 x-forwarded-for", TOK_DOCUMENT), "ipv6 x forwarded for");
	/* A connector at the edge of a word is not part of it. */
	assert_string_equal(plain("-abc.", TOK_DOCUMENT), "abc");
}

static void test_tokenize_cjk(void **state)
{
	struct toks *k;
	(void)state;
	assert_string_equal(plain("网关超时", TOK_DOCUMENT), "网 关 超 时");
	assert_string_equal(plain("返回504网关超时。", TOK_DOCUMENT), "返 回 504 网 关 超 时");
	/* Offsets of a CJK token are exactly its three bytes. */
	k = toks_of("a超", TOK_QUERY);
	assert_int_equal(k->n, 2);
	assert_int_equal(k->start[1], 1);
	assert_int_equal(k->end[1], 4);
}

static void test_tokenize_fullwidth(void **state)
{
	(void)state;
	assert_string_equal(plain("４０４", TOK_DOCUMENT), "404");
	assert_string_equal(plain("ＡｃｃｅｓｓＤｅｎｉｅｄ", TOK_DOCUMENT), "access denied");
	assert_string_equal(plain("超时　４０８", TOK_DOCUMENT), "超 时 408");
}

static void test_tokenize_pinyin(void **state)
{
	char tok[8];
	(void)state;
	tok[0] = TOK_PINYIN;
	strcpy(tok + 1, "chao");
	assert_true(has_token("超", tok, TOK_COLOCATED));
	/* Initials come in pairs with the next character: 超时 -> "cs". */
	tok[0] = TOK_INITIAL;
	strcpy(tok + 1, "cs");
	assert_true(has_token("超时", tok, TOK_COLOCATED));
	assert_false(has_token("超", tok, TOK_COLOCATED));
	/* Queries get no pinyin: the query builder asks for it explicitly. */
	assert_int_equal(toks_of("超", TOK_QUERY)->n, 1);
	/* A marker word in a query is passed through verbatim. */
	assert_string_equal(plain("\001chao", TOK_QUERY), "\001chao");
}

static void test_tokenize_hostile(void **state)
{
	static const char *const inputs[] = {
		"", "\xff\xfe", "\xe8\xb6", "a\x00b", "\x1b[31m", "\x01\x01\x01", "\x02",
		"____....----", "aB.cD_eF-gH:iJ/kL", "𠀀𠀁", "\xef\xbc", "A.", ".A", "a..b",
	};
	(void)state;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		toks_of(inputs[i], TOK_DOCUMENT);
		toks_of(inputs[i], TOK_QUERY);
	}
	/* A long word is cut at TOK_MAX, never overflowing. */
	{
		char big[4096];
		memset(big, 'a', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		assert_int_equal((int)strlen(toks_of(big, TOK_DOCUMENT)->text[0]), TOK_MAX);
	}
}

/* ---- search ------------------------------------------------------------------------------ */

static struct store *st;

static int setup(void **state)
{
	struct hc_err err;
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	st = store_open(&err);
	return st ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	store_free(st);
	return 0;
}

/* Position (0-based) of the first hit of kind with code (and ident, if not NULL) among the
 * first 10 results of query, or -1. */
static int rank_of(const char *query, enum hc_kind kind, int code, const char *ident)
{
	hc_hit_list hits = { 0 };
	int pos = -1;
	assert_int_equal(search_run(st, query, 10, &hits), 0);
	for (size_t i = 0; i < hits.n && pos < 0; i++)
		if (hits.items[i].kind == kind && hits.items[i].code == code &&
		    (!ident || strcmp(hits.items[i].ident, ident) == 0))
			pos = (int)i;
	hc_hit_list_release(&hits);
	return pos;
}

static void expect_top(const char *query, enum hc_kind kind, int code, const char *ident, int within)
{
	int r = rank_of(query, kind, code, ident);
	if (r < 0 || r >= within)
		fail_msg("search '%s': %d %s ranks %d, wanted within the top %d", query, code,
			 ident ? ident : "", r, within);
}

static void test_search_chinese(void **state)
{
	(void)state;
	expect_top("超时", HC_KIND_STATUS, 408, NULL, 2);
	expect_top("超时", HC_KIND_STATUS, 504, NULL, 2);
	expect_top("网关", HC_KIND_STATUS, 502, NULL, 2);
	expect_top("找到", HC_KIND_STATUS, 404, NULL, 1);
	expect_top("网关超时", HC_KIND_STATUS, 504, NULL, 1);
	expect_top("禁", HC_KIND_STATUS, 403, NULL, 3); /* one character */
}

static void test_search_pinyin(void **state)
{
	(void)state;
	expect_top("chaoshi", HC_KIND_STATUS, 408, NULL, 2);
	expect_top("wangguan", HC_KIND_STATUS, 504, NULL, 2);
	expect_top("wangguanchaoshi", HC_KIND_STATUS, 504, NULL, 1);
	expect_top("wgcs", HC_KIND_STATUS, 504, NULL, 3);
	expect_top("chaosh", HC_KIND_STATUS, 408, NULL, 3); /* still typing */
}

static void test_search_codes(void **state)
{
	hc_hit_list hits = { 0 };
	(void)state;
	expect_top("404", HC_KIND_STATUS, 404, NULL, 1);
	expect_top("４０４", HC_KIND_STATUS, 404, NULL, 1);
	expect_top("499", HC_KIND_STATUS, 499, NULL, 1);
	expect_top("40", HC_KIND_STATUS, 400, NULL, 10); /* a prefix */
	assert_int_equal(search_run(st, "4xx", 100, &hits), 0);
	assert_true(hits.n >= 29);
	for (size_t i = 0; i < hits.n; i++)
		assert_true(hits.items[i].code >= 400 && hits.items[i].code <= 499);
	hc_hit_list_release(&hits);
	assert_int_equal(search_run(st, "40x", 100, &hits), 0);
	assert_int_equal(hits.n, 10);
	assert_int_equal(hits.items[0].code, 400);
	hc_hit_list_release(&hits);
}

/* The letters and digits of s, lower case, into out (cap bytes): "ACCESS_DENIED" is "accessdenied". */
static void fold_code(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

static void test_search_error_codes(void **state)
{
	static const char *const spellings[] = {
		"AccessDenied", "access denied", "accessdenied", "ACCESS_DENIED", "Access.Denied",
	};
	(void)state;
	/* Several vendors send this one (S3 AccessDenied, API Gateway ACCESS_DENIED, OAuth
	 * access_denied): any spelling finds one of theirs sent with 403 among the first 3. */
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		hc_hit_list hits = { 0 };
		int found = 0;
		assert_int_equal(search_run(st, spellings[i], 10, &hits), 0);
		for (size_t k = 0; k < hits.n && k < 3 && !found; k++) {
			char folded[64];
			fold_code(hits.items[k].ident, folded, sizeof folded);
			found = hits.items[k].kind == HC_KIND_MAPPING && hits.items[k].code == 403 &&
				strcmp(folded, "accessdenied") == 0;
		}
		if (!found)
			fail_msg("search '%s': no 403 AccessDenied in any spelling among the first 3", spellings[i]);
		hc_hit_list_release(&hits);
	}
	expect_top("DEADLINE_EXCEEDED", HC_KIND_MAPPING, 504, "DEADLINE_EXCEEDED", 2);
	expect_top("deadline exceeded", HC_KIND_MAPPING, 504, "DEADLINE_EXCEEDED", 2);
	expect_top("deadlineexceeded", HC_KIND_MAPPING, 504, "DEADLINE_EXCEEDED", 2);
	expect_top("Account.Arrearage", HC_KIND_MAPPING, 400, "Account.Arrearage", 1);
	expect_top("arrearage", HC_KIND_MAPPING, 400, "Account.Arrearage", 3);
	expect_top("NoSuchKey", HC_KIND_MAPPING, 404, "NoSuchKey", 1);
}

/* The word being typed, whole, before the words it begins: "down" is about servers that are
 * down (503, 521), not about downloads (416, 206), which it still finds further down. */
static void test_search_whole_words_first(void **state)
{
	(void)state;
	assert_true(rank_of("down", HC_KIND_STATUS, 416, NULL) >= 3);
	assert_true(rank_of("down", HC_KIND_STATUS, 206, NULL) >= 3);
	assert_true(rank_of("down", HC_KIND_STATUS, 416, NULL) >= 0);
	expect_top("down", HC_KIND_STATUS, 503, NULL, 3);
	expect_top("range", HC_KIND_STATUS, 416, NULL, 2); /* after the Range header itself */
}

static void test_search_old_names(void **state)
{
	(void)state;
	expect_top("payload too large", HC_KIND_STATUS, 413, NULL, 1);
	expect_top("request entity too large", HC_KIND_STATUS, 413, NULL, 3);
	expect_top("unprocessable entity", HC_KIND_STATUS, 422, NULL, 1);
	expect_top("moved temporarily", HC_KIND_STATUS, 302, NULL, 1);
}

/* The words people search with, which the texts need not use: each code's keywords. */
static void test_search_everyday_words(void **state)
{
	(void)state;
	expect_top("限流", HC_KIND_STATUS, 429, NULL, 1);
	expect_top("throttling", HC_KIND_STATUS, 429, NULL, 1);
	expect_top("上传太大", HC_KIND_STATUS, 413, NULL, 1);
	expect_top("鉴权失败", HC_KIND_STATUS, 401, NULL, 1);
	expect_top("already exists", HC_KIND_STATUS, 409, NULL, 1);
	expect_top("熔断", HC_KIND_STATUS, 503, NULL, 1);
}

/* A Chinese phrase no text holds as typed: its characters close together, in any order. */
static void test_search_chinese_pieces(void **state)
{
	(void)state;
	expect_top("超时网关", HC_KIND_STATUS, 504, NULL, 3);
	expect_top("内部服务器错误", HC_KIND_STATUS, 500, NULL, 3);
}

static void test_search_typos(void **state)
{
	(void)state;
	expect_top("forbiden", HC_KIND_STATUS, 403, NULL, 3);
	expect_top("unauthorised", HC_KIND_STATUS, 401, NULL, 3);
	expect_top("gatway timeout", HC_KIND_STATUS, 504, NULL, 2);
}

static void test_search_hostile(void **state)
{
	static const char *const inputs[] = {
		"\"", "\"\"", "AND", "OR", "NOT", "NEAR(a b)", "404)", "(404", "c++", "*", "**", "a-b",
		"zz:foo", "col:val", "^", "a AND", "- -", "\"unterminated", "{a b}", "\001chao",
		"\x02", "\xff\xfe", "a\tb\nc", "%", "_", "'", "\\", ";DROP TABLE x", "",
	};
	(void)state;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		hc_hit_list hits = { 0 };
		if (search_run(st, inputs[i], 10, &hits) != 0)
			fail_msg("query '%s' failed: code %d, SQLite %d", inputs[i], (int)store_err(st)->code,
				 store_err(st)->sqlite_rc);
		hc_hit_list_release(&hits);
	}
	/* A megabyte of query is handled, not a crash or an error. */
	{
		size_t n = 1 << 20;
		char *big = malloc(n + 1);
		hc_hit_list hits = { 0 };
		for (size_t i = 0; i < n; i++)
			big[i] = "ab \"*()超"[i % 9];
		big[n] = '\0';
		assert_int_equal(search_run(st, big, 10, &hits), 0);
		hc_hit_list_release(&hits);
		free(big);
	}
}

static void test_search_marks(void **state)
{
	hc_hit_list hits = { 0 };
	(void)state;
	assert_int_equal(search_run(st, "网关", 5, &hits), 0);
	assert_true(hits.n > 0);
	/* The matched characters are marked in the Chinese name of the top result. */
	assert_non_null(strstr(hits.items[0].mark_name_zh, "\x02网关\x03"));
	hc_hit_list_release(&hits);
}

/* s without the match markers. */
static char *unmarked(const char *s)
{
	char *out = strdup(s), *o = out;
	for (; *s; s++)
		if (*s != '\x02' && *s != '\x03')
			*o++ = *s;
	*o = '\0';
	return out;
}

/* Every hit carries the marks of its own row (the rows shown are fetched apart from the
 * ranking and put back in rank order), and the order is by score. */
static void test_search_rows_whole(void **state)
{
	static const char *const queries[] = { "gateway", "超时", "access denied", "chaoshi", "to", "ti" };
	(void)state;
	for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
		hc_hit_list hits = { 0 };
		assert_int_equal(search_run(st, queries[k], 20, &hits), 0);
		assert_true(hits.n > 3);
		for (size_t i = 0; i < hits.n; i++) {
			const struct hc_hit *h = &hits.items[i];
			char *en = unmarked(h->mark_name_en), *zh = unmarked(h->mark_name_zh),
			     *id = unmarked(h->mark_ident);
			assert_string_equal(en, h->name_en);
			assert_string_equal(zh, h->name_zh);
			assert_string_equal(id, h->ident);
			free(en), free(zh), free(id);
			if (i > 0 && strlen(queries[k]) > 2)
				assert_true(h->score <= hits.items[i - 1].score);
		}
		hc_hit_list_release(&hits);
	}
}

/* Two hit lists alike, field by field. */
static void assert_same_hits(const hc_hit_list *a, const hc_hit_list *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct hc_hit *x = &a->items[i], *y = &b->items[i];
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->code, y->code);
		assert_true(x->score == y->score);
#define SAME_FIELD(f) assert_string_equal(x->f, y->f);
		HIT_TEXT_FIELDS(SAME_FIELD)
#undef SAME_FIELD
	}
}

/* The browser ranks, then reads the rows it shows as they come into view (issue 14): read in
 * pieces, in any order, the hits are the ones search_run gives, in its order; before a hit is
 * read it has its kind, code and score, and no texts (but for a code pattern, read whole). */
static void check_read_in_pieces(struct store *s, const char *query)
{
	static const size_t pieces[][2] = { { 40, 57 }, { 0, 1 }, { 190, 250 }, { 5, 45 }, { 0, 200 } };
	hc_hit_list whole = { 0 }, hits = { 0 };
	struct search_ranking rank;

	assert_int_equal(search_run(s, query, 200, &whole), 0);
	assert_int_equal(search_rank(s, query, 200, &rank, &hits), 0);
	assert_int_equal(hits.n, whole.n);
	for (size_t i = 0; i < hits.n; i++) {
		assert_int_equal(hits.items[i].kind, whole.items[i].kind);
		assert_int_equal(hits.items[i].code, whole.items[i].code);
		/* A code pattern (4xx) is read whole: a few rows, nothing to highlight. */
		assert_int_equal(search_hit_is_read(&hits.items[i]), rank.n == 0);
	}
	for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
		assert_int_equal(search_read(s, &rank, pieces[k][0], pieces[k][1], &hits), 0);
		for (size_t i = pieces[k][0]; i < pieces[k][1] && i < hits.n; i++)
			assert_true(search_hit_is_read(&hits.items[i]));
		if (k == 0 && hits.n > 57)
			assert_false(search_hit_is_read(&hits.items[57]));
	}
	assert_same_hits(&hits, &whole);
	search_ranking_release(&rank);
	hc_hit_list_release(&hits);
	hc_hit_list_release(&whole);
}

static void test_search_read_in_pieces(void **state)
{
	static const char *const queries[] = { "e", "timeout", "超时", "chaoshi", "gatway", "4xx", "404", "" };
	(void)state;
	for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++)
		check_read_in_pieces(st, queries[k]);
}

/* The same with a user's rows beside the built-in ones: two indexes ranked as one. */
static void test_search_read_in_pieces_user(void **state)
{
	static const char *const queries[] = { "timeout", "超时", "E_TIMEOUT_3", "order", "e" };
	char dir[] = "/tmp/httpcodes-test-search-XXXXXX", path[64], code[32], en[64], ebuf[256];
	struct hc_err err;
	struct store *s;
	char *aside = NULL;
	struct store_tx *tx;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/user.db", dir);
	if (!(tx = store_tx_begin(path, &err, &aside)))
		fail_msg("store_tx_begin: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	for (int i = 0; i < 60; i++) {
		struct user_row r = { 0 };
		snprintf(code, sizeof code, "E_TIMEOUT_%d", i);
		snprintf(en, sizeof en, "The order timed out (timeout %d)", i);
		r.f[UF_team] = (char *)(i % 2 ? "Orders" : "Payments");
		r.f[UF_error_code] = code;
		r.f[UF_http_status] = (char *)(i % 3 ? "504" : "408");
		r.f[UF_message_en] = en;
		r.f[UF_message_zh] = (char *)"订单超时";
		if (store_tx_add(tx, &r, &err) != 0)
			fail_msg("store_tx_add: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	}
	if (store_tx_commit(tx, &err) != 0)
		fail_msg("commit: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	assert_non_null(s = store_open(&err));
	assert_int_equal(store_attach_user(s, path, 0), 0);
	for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++)
		check_read_in_pieces(s, queries[k]);
	store_free(s);
	unlink(path);
	rmdir(dir);
}

/* The browser groups a number's meanings on one row and reads them together: search_read_some
 * reads the ranks asked for, and those alone, as search_run has them. */
static void test_search_read_some(void **state)
{
	static const size_t which[] = { 30, 2, 17 };
	hc_hit_list whole = { 0 }, hits = { 0 };
	struct search_ranking rank;
	(void)state;

	assert_int_equal(search_run(st, "超时", 200, &whole), 0);
	assert_int_equal(search_rank(st, "超时", 200, &rank, &hits), 0);
	assert_true(hits.n > 30);
	assert_int_equal(search_read_some(st, &rank, which, 3, &hits), 0);
	for (size_t i = 0; i < hits.n; i++)
		assert_int_equal(search_hit_is_read(&hits.items[i]), i == 2 || i == 17 || i == 30);
	for (size_t k = 0; k < 3; k++)
		assert_string_equal(hits.items[which[k]].ident, whole.items[which[k]].ident);
	search_ranking_release(&rank);
	hc_hit_list_release(&hits);
	hc_hit_list_release(&whole);
}

/* An empty query, for the browser's list of everything: every status by code, then the
 * numbers' meanings by number, then the user's business errors (at most user_max), then the
 * built-in ones, then the header fields; none read until asked for, then read by rowid. */
static void check_everything(struct store *s, size_t user_max, size_t want_user)
{
	static const int order[] = { HC_KIND_STATUS, HC_KIND_MEANING, HC_KIND_MAPPING, HC_KIND_MAPPING, HC_KIND_HEADER };
	hc_hit_list hits = { 0 };
	struct search_ranking rank;
	size_t user = 0, last;
	int stage = 0, code = -1;

	assert_int_equal(search_rank_all(s, user_max, &rank, &hits), 0);
	assert_true(hits.n > 3000);
	for (size_t i = 0; i < hits.n; i++) {
		const struct hc_hit *h = &hits.items[i];
		int st_of = h->kind == HC_KIND_MAPPING ? (rank.refs[i].user ? 2 : 3) : 0;
		assert_false(search_hit_is_read(h));
		while (stage < 5 && (order[stage] != (int)h->kind || (h->kind == HC_KIND_MAPPING && st_of != stage))) {
			stage++;
			code = -1;
		}
		if (stage == 5)
			fail_msg("rank %zu (kind %d, code %d) is out of order", i, (int)h->kind, h->code);
		if (stage <= 1) { /* by number */
			assert_true(h->code >= code);
			code = h->code;
		}
		user += rank.refs[i].user;
	}
	assert_int_equal(user, want_user);
	last = hits.n - 1;
	assert_int_equal(search_read(s, &rank, 0, 1, &hits), 0);
	assert_int_equal(search_read_some(s, &rank, &last, 1, &hits), 0);
	assert_string_equal(hits.items[0].ident, "100");
	assert_string_equal(hits.items[0].name_en, "Continue");
	assert_int_equal(hits.items[last].kind, HC_KIND_HEADER);
	assert_true(*hits.items[last].ident != '\0');
	assert_false(search_hit_is_read(&hits.items[1]));
	search_ranking_release(&rank);
	hc_hit_list_release(&hits);
}

static void test_search_everything(void **state)
{
	char dir[] = "/tmp/httpcodes-test-everything-XXXXXX", path[64], code[32], ebuf[256];
	struct hc_err err;
	struct store *s;
	char *aside = NULL;
	struct store_tx *tx;
	(void)state;

	check_everything(st, 100, 0);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/user.db", dir);
	if (!(tx = store_tx_begin(path, &err, &aside)))
		fail_msg("store_tx_begin: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	for (int i = 0; i < 8; i++) {
		struct user_row r = { 0 };
		snprintf(code, sizeof code, "E_%d", i);
		r.f[UF_team] = (char *)"Orders";
		r.f[UF_error_code] = code;
		r.f[UF_http_status] = (char *)"409";
		r.f[UF_message_en] = (char *)"locked";
		if (store_tx_add(tx, &r, &err) != 0)
			fail_msg("store_tx_add: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	}
	if (store_tx_commit(tx, &err) != 0)
		fail_msg("commit: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	assert_non_null(s = store_open(&err));
	assert_int_equal(store_attach_user(s, path, 0), 0);
	check_everything(s, 100, 8);
	check_everything(s, 5, 5); /* at most user_max of the user's */
	store_free(s);
	unlink(path);
	rmdir(dir);
}

/* One letter: what begins with it in a code, a name or a key, not every row with such a word
 * in its long text (100 Continue says "go" there, 200 OK "GET"). */
static void test_search_one_letter(void **state)
{
	(void)state;
	expect_top("g", HC_KIND_STATUS, 410, NULL, 5);
	expect_top("g", HC_KIND_STATUS, 502, NULL, 5);
	expect_top("g", HC_KIND_STATUS, 504, NULL, 5);
	assert_int_equal(rank_of("g", HC_KIND_STATUS, 100, NULL), -1);
	assert_int_equal(rank_of("g", HC_KIND_STATUS, 200, NULL), -1);
	expect_top("n", HC_KIND_STATUS, 404, NULL, 5);
}

/* Questions, codes inside text and comparisons (issue 15): what a person types, not the
 * data's own words. */
static void test_search_questions(void **state)
{
	(void)state;
	expect_top("what does 429 mean", HC_KIND_STATUS, 429, NULL, 1);
	expect_top("429是什么意思", HC_KIND_STATUS, 429, NULL, 1);
	expect_top("token过期了应该返回哪个", HC_KIND_STATUS, 401, NULL, 1);
	expect_top("which status for a gateway timeout", HC_KIND_STATUS, 504, NULL, 1);
}

static void test_search_codes_in_text(void **state)
{
	(void)state;
	expect_top("报502", HC_KIND_STATUS, 502, NULL, 1);
	expect_top("429错误", HC_KIND_STATUS, 429, NULL, 1);
	expect_top("status=404", HC_KIND_STATUS, 404, NULL, 1);
	expect_top("code: 500", HC_KIND_STATUS, 500, NULL, 1);
	expect_top("HTTP/1.1 502 Bad Gateway", HC_KIND_STATUS, 502, NULL, 1);
	expect_top("接口报500怎么排查", HC_KIND_STATUS, 500, NULL, 1);
}

static void test_search_comparisons(void **state)
{
	const char *queries[] = { "503 vs 504", "403和404有什么区别", "difference between 301 and 308" };
	const int want[][2] = { { 503, 504 }, { 403, 404 }, { 301, 308 } };
	(void)state;
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		hc_hit_list hits = { 0 };
		assert_int_equal(search_run(st, queries[q], 10, &hits), 0);
		assert_true(hits.n >= 2);
		if (hits.items[0].code != want[q][0] || hits.items[1].code != want[q][1] ||
		    hits.items[0].kind != HC_KIND_STATUS || hits.items[1].kind != HC_KIND_STATUS)
			fail_msg("'%s': %d, %d first", queries[q], hits.items[0].code, hits.items[1].code);
		hc_hit_list_release(&hits);
	}
}

/* No row holds every word: the rows with the one real word, said to be the closest; a query
 * whose words all match is not. Two codes typed are said to be compared. */
static void test_search_closest(void **state)
{
	hc_hit_list hits = { 0 };
	struct search_about about;
	(void)state;
	assert_int_equal(search_find(st, "flibber wobble timeout", 10, &hits, &about), 0);
	assert_true(about.closest);
	assert_int_equal(about.compared[0], 0);
	assert_true(hits.n > 0);
	assert_non_null(strstr(hits.items[0].name_en, "Timeout"));
	hc_hit_list_release(&hits);
	assert_int_equal(search_find(st, "gateway timeout", 10, &hits, &about), 0);
	assert_false(about.closest);
	assert_int_equal(hits.items[0].code, 504);
	hc_hit_list_release(&hits);
	assert_int_equal(search_find(st, "difference between 301 and 308", 10, &hits, &about), 0);
	assert_int_equal(about.compared[0], 301);
	assert_int_equal(about.compared[1], 308);
	hc_hit_list_release(&hits);
	/* One Chinese phrase that no row holds whole: found by its pairs of characters. */
	static const struct {
		const char *query;
		int code;
	} phrases[] = { { "令牌过期以后服务端", 401 }, { "上传文件超过限制被拒", 413 }, { "资源被永久删除掉", 410 } };
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
		assert_int_equal(search_find(st, phrases[i].query, 10, &hits, &about), 0);
		if (!about.closest || hits.n == 0 || hits.items[0].code != phrases[i].code)
			fail_msg("'%s': closest %d, %zu rows, %d first", phrases[i].query, about.closest, hits.n,
				 hits.n ? hits.items[0].code : 0);
		hc_hit_list_release(&hits);
	}
}

/* A source or product named with other words ranks its rows first: its own words for the same
 * thing (流控 for 限流) through the status the other words lead to. */
static void test_search_named_source(void **state)
{
	static const struct {
		const char *query, *source;
		int code;
	} want[] = {
		{ "华为云 限流", "huawei-cloud", 429 },
		{ "oss NoSuchKey", "alibaba-cloud", 404 },
		{ "s3 access denied", "aws", 403 },
		{ "腾讯云 鉴权失败", "tencent-cloud", 200 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		hc_hit_list hits = { 0 };
		int found = 0;
		assert_int_equal(search_run(st, want[i].query, 10, &hits), 0);
		for (size_t k = 0; k < hits.n && k < 3 && !found; k++)
			found = strcmp(hits.items[k].source, want[i].source) == 0 && hits.items[k].code == want[i].code;
		if (!found)
			fail_msg("'%s': no %d of %s among the first 3 (%s %d first)", want[i].query, want[i].code,
				 want[i].source, hits.n ? hits.items[0].source : "", hits.n ? hits.items[0].code : 0);
		hc_hit_list_release(&hits);
	}
}

/* A thing with no status of its own, named in a pasted error, is said (about.concept) with
 * its related statuses; a plain query names none. Rows the strict pass found are not marked
 * closest; rows only the relaxed pass found are. */
static void test_search_concept_and_closest(void **state)
{
	hc_hit_list hits = { 0 };
	struct search_about about;
	struct hc_concept k;
	struct hc_status related[CONCEPT_MAX_RELATED];
	size_t n;
	(void)state;
	assert_int_equal(search_find(st, "curl: (6) Could not resolve host: api.example.com", 10, &hits, &about), 0);
	assert_true(about.concept > 0);
	assert_int_equal(store_concept(st, about.concept, &k, related, &n), 0);
	assert_true(n >= 2 && related[0].code == 530);
	for (size_t i = 0; i < n; i++)
		hc_status_release(&related[i]);
	assert_string_equal(k.id, "dns-failure");
	assert_non_null(strstr(k.codes, "530"));
	assert_true(k.name_zh[0] && k.about_zh[0]);
	hc_concept_release(&k);
	hc_hit_list_release(&hits);
	assert_int_equal(search_find(st, "gateway timeout", 10, &hits, &about), 0);
	assert_int_equal(about.concept, 0);
	for (size_t i = 0; i < hits.n; i++)
		assert_false(hits.items[i].closest);
	hc_hit_list_release(&hits);
	assert_int_equal(search_find(st, "flibber wobble timeout", 10, &hits, &about), 0);
	assert_true(hits.n > 0);
	for (size_t i = 0; i < hits.n; i++)
		assert_true(hits.items[i].closest);
	hc_hit_list_release(&hits);
}

int main(void)
{
	const struct CMUnitTest tokenizer[] = {
		cmocka_unit_test(test_tokenize_words),
		cmocka_unit_test(test_tokenize_identifiers),
		cmocka_unit_test(test_tokenize_cjk),
		cmocka_unit_test(test_tokenize_fullwidth),
		cmocka_unit_test(test_tokenize_pinyin),
		cmocka_unit_test(test_tokenize_hostile),
	};
	const struct CMUnitTest search[] = {
		cmocka_unit_test(test_search_chinese),
		cmocka_unit_test(test_search_pinyin),
		cmocka_unit_test(test_search_codes),
		cmocka_unit_test(test_search_error_codes),
		cmocka_unit_test(test_search_old_names),
		cmocka_unit_test(test_search_whole_words_first),
		cmocka_unit_test(test_search_typos),
		cmocka_unit_test(test_search_everyday_words),
		cmocka_unit_test(test_search_chinese_pieces),
		cmocka_unit_test(test_search_rows_whole),
		cmocka_unit_test(test_search_one_letter),
		cmocka_unit_test(test_search_hostile),
		cmocka_unit_test(test_search_questions),
		cmocka_unit_test(test_search_codes_in_text),
		cmocka_unit_test(test_search_comparisons),
		cmocka_unit_test(test_search_closest),
		cmocka_unit_test(test_search_named_source),
		cmocka_unit_test(test_search_concept_and_closest),
		cmocka_unit_test(test_search_marks),
		cmocka_unit_test(test_search_read_in_pieces),
		cmocka_unit_test(test_search_read_in_pieces_user),
		cmocka_unit_test(test_search_read_some),
		cmocka_unit_test(test_search_everything),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("tokenizer", tokenizer, NULL, NULL) |
	       cmocka_run_group_tests_name("search", search, setup, teardown);
}
