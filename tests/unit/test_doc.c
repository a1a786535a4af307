/* doc renders records held in memory, with no database open: a status built by hand, its
 * bookmark and note, a number's meanings, a business error and a search hit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"

/* The lines of d joined by newlines, markers dropped, as the command line prints them. */
static char *text_of(const struct doc *d)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		text_strip_markers(&sb, d->lines[i].text);
		strbuf_addch(&sb, '\n');
	}
	return strbuf_detach(&sb);
}

static char *dup(const char *s)
{
	char *p = strdup(s);
	assert_non_null(p);
	return p;
}

/* The test's 418 and its business error, by field name; every other field is empty. */
static char *value_of(const char *field)
{
	static const char *const values[][2] = {
		{ "phrase_en", "I'm a teapot" }, { "phrase_zh", "我是茶壶" }, { "status", "unofficial" },
		{ "summary_en", "The server refuses to brew coffee." },
		{ "source_en", "Kitchen" }, { "error_code", "NO_COFFEE" }, { "message_en", "Tea only" },
	};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		if (strcmp(values[i][0], field) == 0)
			return dup(values[i][1]);
	return dup("");
}

/* 418 as the built-in data might have it, with one of everything. */
static void make_detail(struct hc_status_detail *sd)
{
	struct hc_status *s = &sd->status;
	struct hc_mapping *m;

	memset(sd, 0, sizeof *sd);
	s->code = 418;
#define X(f) s->f = value_of(#f);
	STATUS_TEXT_FIELDS(X)
#undef X
	sd->category = (struct hc_category){ 4, dup("Client Error"), dup("客户端错误"), dup(""), dup("") };
	sd->aliases.items = calloc(1, sizeof *sd->aliases.items);
	sd->mappings.items = m = calloc(1, sizeof *sd->mappings.items);
	assert_non_null(sd->aliases.items);
	assert_non_null(m);
	sd->aliases.n = sd->aliases.cap = sd->mappings.n = sd->mappings.cap = 1;
	sd->aliases.items[0] = (struct hc_alias){ 418, dup("Teapot"), dup("RFC 2324") };
	m->http_status = 418;
#define X(f) m->f = value_of(#f);
	MAPPING_TEXT_FIELDS(X)
#undef X
	sd->bookmarked = 1;
	sd->note = dup("ask the barista");
}

static void test_status_from_memory(void **state)
{
	struct hc_status_detail sd;
	struct doc d;
	char *out;
	(void)state;
	make_detail(&sd);
	doc_init(&d, LANG_EN, 80, "2026-01-01");
	doc_status(&d, &sd);
	out = text_of(&d);
	assert_string_equal(d.lines[0].text, "418 I'm a teapot \xE2\x98\x85");
	assert_int_equal(d.lines[0].style, DOC_TITLE);
	assert_non_null(strstr(out, "\nThe server refuses to brew coffee.\n"));
	assert_non_null(strstr(out, "\nYour note: \n  ask the barista\n"));
	assert_non_null(strstr(out, "4xx Client Error\n"));
	assert_non_null(strstr(out, "Teapot\n"));
	assert_non_null(strstr(out, "\n  Kitchen  NO_COFFEE  Tea only\n"));
	assert_null(strstr(out, "我是茶壶")); /* English only */
	free(out);

	/* Not bookmarked, no note: neither shows. Chinese keeps the registered name. */
	sd.bookmarked = 0;
	free(sd.note);
	sd.note = NULL;
	doc_release(&d);
	doc_init(&d, LANG_ZH, 80, "2026-01-01");
	doc_status(&d, &sd);
	out = text_of(&d);
	assert_string_equal(d.lines[0].text, "418 我是茶壶（I'm a teapot）");
	assert_null(strstr(out, "笔记"));
	assert_non_null(strstr(out, "4xx 客户端错误\n"));
	assert_null(strstr(out, "另有"));
	free(out);
	doc_release(&d);

	/* The user's business errors left unread (a browser's cap) are counted after the rest. */
	sd.mappings_more = 1234;
	doc_init(&d, LANG_ZH, 200, "2026-01-01");
	doc_status(&d, &sd);
	out = text_of(&d);
	assert_non_null(strstr(out, "\n  ……另有你自己的 1234 条"));
	free(out);
	doc_release(&d);
	doc_init(&d, LANG_EN, 200, "2026-01-01");
	doc_status(&d, &sd);
	out = text_of(&d);
	assert_non_null(strstr(out, "\n  ... and 1234 more of your own: search for them"));
	free(out);
	doc_release(&d);
	hc_status_detail_release(&sd);
}

static void test_mapping_and_number(void **state)
{
	struct hc_status_detail sd;
	struct doc d;
	char *out;
	(void)state;
	make_detail(&sd);
	doc_init(&d, LANG_EN, 80, "");
	doc_mapping(&d, &sd.mappings.items[0], &sd.status);
	doc_mapping(&d, &sd.mappings.items[0], NULL); /* a status we do not know */
	out = text_of(&d);
	assert_string_equal(d.lines[0].text, "NO_COFFEE \xE2\x86\x92 418 I'm a teapot");
	assert_int_equal(d.lines[0].link, 418);
	assert_non_null(strstr(out, "\nNO_COFFEE \xE2\x86\x92 418\n"));
	assert_non_null(strstr(out, "  Source: Kitchen\n"));
	free(out);
	doc_release(&d);
	hc_status_detail_release(&sd);

	/* A number only a sender uses: named as the list names it, or by its number alone. */
	hc_meaning_list ml = { 0 };
	struct hc_meaning m = { 999, dup("acme"), dup("Acme"), dup("Acme"), dup("Denied"),
				dup("拒绝"), dup("Too many requests."), dup(""), dup("https://acme.example") };
	ml.items = &m;
	ml.n = ml.cap = 1;
	doc_init(&d, LANG_EN, 80, "");
	doc_number(&d, 999, &ml, 1);
	assert_string_equal(d.lines[0].text, "999  Denied  Acme");
	doc_clear(&d);
	doc_number(&d, 999, &ml, 0);
	assert_string_equal(d.lines[0].text, "999");
	out = text_of(&d);
	assert_non_null(strstr(out, "Acme: Denied\n"));
	free(out);
	doc_release(&d);
#define X(f) free(m.f);
	MEANING_TEXT_FIELDS(X)
#undef X
}

static void test_hit(void **state)
{
	struct hc_hit h = { 0 };
	struct doc d;
	(void)state;
	h.kind = HC_KIND_MAPPING;
	h.code = 409;
#define X(f) h.f = "";
	HIT_TEXT_FIELDS(X)
#undef X
	h.mark_ident = "ORDER_\x02LOCKED\x03";
	h.mark_name_en = "The order is locked";
	h.product = "Cart";
	doc_init(&d, LANG_EN, 80, "");
	doc_hit(&d, &h, "Orders (yours)", "Orders（自定义）");
	doc_hit_name(&d, &h);
	doc_nl(&d);
	assert_string_equal(d.lines[0].text, "409  \x04ORDER_\x02LOCKED\x03\x05  The order is locked  "
			    "[business error: Orders (yours) Cart]");
	assert_int_equal(d.lines[0].link, 409);
	assert_string_equal(d.lines[1].text, "\x04ORDER_\x02LOCKED\x03\x05  The order is locked");
	doc_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_from_memory),
		cmocka_unit_test(test_mapping_and_number),
		cmocka_unit_test(test_hit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
