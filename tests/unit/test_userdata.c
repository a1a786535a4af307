/* The import's reading and checks (userdata.c): keys in one form, invisible characters
 * refused in keys only, duplicates and bad lines found in linear time, and files that are
 * not UTF-8 text, or JSON that SQLite would read otherwise than written, reported exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"
#include "userdata.h"

static struct store *st;

static int setup(void **state)
{
	struct hc_err err;
	(void)state;
	st = store_open(&err);
	return st ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	store_free(st);
	return 0;
}

static void key_is(const char *typed, const char *want)
{
	char *k = userdata_key(typed);
	assert_string_equal(k, want);
	free(k);
}

static void test_key_form(void **state)
{
	(void)state;
	key_is(" PAD", "PAD");
	key_is("PAD2 \t\r\n", "PAD2");
	key_is("\xE3\x80\x80PAD3\xC2\xA0", "PAD3");          /* ideographic and no-break spaces */
	key_is("ORDER LOCKED", "ORDER LOCKED");              /* inside: kept */
	key_is(" \t\xE2\x80\x83 ", "");                      /* blank: nothing */
	key_is("\xA0X\xA0", "\xA0X\xA0");                    /* a stray byte is no space: kept, refused later */
	key_is("X\xE2\x80\x8B", "X\xE2\x80\x8B");            /* zero-width space: no blank, refused later */
}

static void test_row_set(void **state)
{
	struct user_row r = { 0 };
	(void)state;
	userdata_row_set(&r, UF_team, " Orders ");
	userdata_row_set(&r, UF_http_status, " 409 ");
	userdata_row_set(&r, UF_message_en, " kept as typed ");
	userdata_row_set(&r, UF_product, NULL);
	assert_string_equal(r.f[UF_team], "Orders");
	assert_string_equal(r.f[UF_http_status], "409");
	assert_string_equal(r.f[UF_message_en], " kept as typed ");
	assert_null(r.f[UF_product]);
	user_row_release(&r);
}

static int has(const struct problems *p, int line, enum msg_id id, const char *detail)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].line == line && p->items[i].id == id && strcmp(p->items[i].detail, detail) == 0)
			return 1;
	return 0;
}

static void test_invisible_in_keys_only(void **state)
{
	static const char *const invisible[] = {
		"\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x80\x8F", "\xD8\x9C", "\xE2\x80\x8B", "\xE2\x81\xA0",
		"\xEF\xBB\xBF", "\xC2\xAD", "\xE2\x80\xA8", "\xF3\xA0\x80\x81",
	};
	(void)state;
	for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++) {
		struct user_row r = { 0 };
		struct problems p = { 0 };
		char key[32], text[32];
		snprintf(key, sizeof key, "E%s1", invisible[i]);
		snprintf(text, sizeof text, "a%sb", invisible[i]);
		userdata_row_set(&r, UF_error_code, key);
		userdata_row_set(&r, UF_team, key);
		userdata_row_set(&r, UF_product, key);
		userdata_row_set(&r, UF_http_status, "400");
		userdata_row_set(&r, UF_message_en, text);
		userdata_row_set(&r, UF_description_zh, text);
		userdata_check_row(&r, 7, &p, 0);
		assert_int_equal(p.n, 3);
		assert_true(has(&p, 7, MSG_P_INVISIBLE, "error_code"));
		assert_true(has(&p, 7, MSG_P_INVISIBLE, "team"));
		assert_true(has(&p, 7, MSG_P_INVISIBLE, "product"));
		problems_release(&p);
		user_row_release(&r);
	}
}

static void add_row(struct user_rows *rows, int line, const char *team, const char *code, const char *status)
{
	struct user_row *r;
	if (rows->n == rows->cap) {
		rows->cap = rows->cap ? 2 * rows->cap : 1024;
		rows->items = realloc(rows->items, rows->cap * sizeof *rows->items);
		assert_non_null(rows->items);
	}
	r = &rows->items[rows->n++];
	memset(r, 0, sizeof *r);
	r->line = line;
	userdata_row_set(r, UF_team, team);
	userdata_row_set(r, UF_error_code, code);
	userdata_row_set(r, UF_http_status, status);
	userdata_row_set(r, UF_message_en, "m");
}

/* 200,000 rows, a tenth of them bad: checked pairwise, as before, this takes minutes. */
static void test_duplicates_linear(void **state)
{
	struct user_rows rows = { 0 };
	struct problems p = { 0 };
	char code[32];
	(void)state;
	for (int i = 0; i < 200000; i++) {
		snprintf(code, sizeof code, "E%d", i);
		add_row(&rows, i + 2, i % 2 ? "A" : "B", code, i % 10 ? "400" : "999");
	}
	add_row(&rows, 200002, "B", " E4 ", "400");  /* the same as line 6, once trimmed */
	add_row(&rows, 200003, "A", "E4", "400");    /* another team: no duplicate */
	add_row(&rows, 200004, " B", "E4", "400");   /* and again: still line 6 */
	userdata_check(&rows, &p);
	assert_int_equal(p.n, 20000 + 2);
	assert_true(has(&p, 200002, MSG_P_DUPLICATE, "6"));
	assert_true(has(&p, 200004, MSG_P_DUPLICATE, "6"));
	assert_true(problems_has_line(&p, 2));       /* status 999 every tenth row */
	assert_false(problems_has_line(&p, 3));
	assert_false(problems_has_line(&p, 200003));
	assert_false(problems_has_line(&p, 0));
	problems_add(&p, 0, MSG_P_NUL, "");
	assert_true(problems_has_line(&p, 3));       /* the whole file is bad: every line is */
	problems_release(&p);
	user_rows_release(&rows);
}

static void parse(const char *text, size_t len, struct user_rows *rows, struct problems *p)
{
	memset(rows, 0, sizeof *rows);
	memset(p, 0, sizeof *p);
	userdata_parse(st, text, len, rows, p);
	userdata_check(rows, p);
}

static void test_not_utf8_text(void **state)
{
	static const struct { const char *text; size_t len; enum msg_id id; const char *detail; } cases[] = {
		{ "\xFF\xFE" "e\0r\0", 6, MSG_P_WIDE, "UTF-16LE" },
		{ "\xFE\xFF" "\0e\0r", 6, MSG_P_WIDE, "UTF-16BE" },
		{ "\xFF\xFE\0\0" "e\0\0\0", 8, MSG_P_WIDE, "UTF-32LE" },
		{ "\0\0\xFE\xFF" "\0\0\0e", 8, MSG_P_WIDE, "UTF-32BE" },
		{ "\xFF\xFE\x19\x95", 4, MSG_P_WIDE, "UTF-16LE" },       /* 错 alone: no NUL at all */
		{ "[\0{\0\"\0a\0\"\0:\0""1\0}\0]\0", 18, MSG_P_WIDE, "UTF-16LE" },
		{ "\0[\0{\0}\0]", 8, MSG_P_WIDE, "UTF-16BE" },
		{ "e\0\0\0r\0\0\0", 8, MSG_P_WIDE, "UTF-32LE" },
		{ "[{\"error_code\":\"A\"}]\0", 21, MSG_P_NUL, "" },
		{ "error_code\n\0\0\0\0", 15, MSG_P_NUL, "" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct user_rows rows;
		struct problems p;
		parse(cases[i].text, cases[i].len, &rows, &p);
		assert_int_equal(p.n, 1);
		assert_int_equal(p.items[0].line, 0);
		assert_int_equal(p.items[0].id, cases[i].id);
		assert_string_equal(p.items[0].detail, cases[i].detail);
		problems_release(&p);
		user_rows_release(&rows);
	}
}

static void test_json_exact(void **state)
{
	const char *text = "[\n{\"error_code\":\"A\",\"http_status\":400,\"message_en\":\"x\"},\n\"oops\",\n"
			   "{\"error_code\":\"B\",\"http_status\":400,\"message_en\":\"a\\u0000b\"},\n"
			   "{\"error_code\":\"C\",\"http_status\":400,\"message_en\":\"x\",\"message_en\":\"y\"},\n"
			   "{},\n{\"error_code\":\"D\",\"http_status\":400,\"message_en\":\"a\\\\u0000b\"}]";
	struct user_rows rows;
	struct problems p;
	(void)state;
	parse(text, strlen(text), &rows, &p);
	/* A JSON row's "line" is its element's number; the line it starts on is kept beside. */
	assert_true(p.elements);
	assert_true(has(&p, 2, MSG_P_NOT_OBJECT, ""));
	assert_true(has(&p, 3, MSG_P_CONTROL, "message_en"));
	assert_true(has(&p, 4, MSG_P_DUP_KEY, "message_en"));
	assert_true(has(&p, 5, MSG_P_NO_ERROR_CODE, ""));
	assert_int_equal(problems_file_line(&p, 2), 3);
	assert_int_equal(problems_file_line(&p, 5), 6);
	assert_false(problems_has_line(&p, 1));
	assert_false(problems_has_line(&p, 6));
	assert_false(problems_has_line(&p, 0));
	assert_int_equal(rows.n, 5);
	assert_string_equal(rows.items[4].f[UF_message_en], "a\\u0000b"); /* text, as written */
	problems_release(&p);
	user_rows_release(&rows);
}

/* B7: a minified array is one line; its bad object spoils only itself, and a duplicate
 * names the element it repeats. */
static void test_json_one_line(void **state)
{
	const char *text = "[{\"error_code\":\"J1\",\"http_status\":418,\"message_en\":\"a\"},"
			   "{\"error_code\":\"J2\",\"http_status\":419,\"message_en\":\"b\"},"
			   "{\"error_code\":\"J3\",\"http_status\":1,\"message_en\":\"c\"},"
			   "{\"error_code\":\"J1\",\"http_status\":418,\"message_en\":\"a\"}]";
	struct user_rows rows;
	struct problems p;
	(void)state;
	parse(text, strlen(text), &rows, &p);
	assert_int_equal(rows.n, 4);
	assert_false(problems_has_line(&p, rows.items[0].line));
	assert_false(problems_has_line(&p, rows.items[1].line));
	assert_true(has(&p, 3, MSG_P_BAD_STATUS, "1"));
	assert_true(has(&p, 4, MSG_P_DUPLICATE_ELEMENT, "1"));
	assert_int_equal(p.nlines, 2);
	assert_int_equal(problems_file_line(&p, 3), 1);
	problems_release(&p);
	user_rows_release(&rows);
}

static void test_csv_header(void **state)
{
	struct strbuf wide = STRBUF_INIT;
	struct user_rows rows;
	struct problems p;
	const char *twice = "error_code,http_status,message_en,message_en\nA,400,x,y\n";
	(void)state;
	parse(twice, strlen(twice), &rows, &p);
	assert_int_equal(p.n, 1);
	assert_true(has(&p, 1, MSG_P_DUP_COLUMN, "message_en"));
	assert_int_equal(rows.n, 0);
	assert_true(problems_has_line(&p, 2)); /* no row of such a file is good */
	problems_release(&p);
	user_rows_release(&rows);

	strbuf_adds(&wide, "error_code,http_status,message_en");
	for (int i = 0; i < 100; i++)
		strbuf_adds(&wide, ",");              /* empty names: unknown columns */
	strbuf_adds(&wide, "\nA,400,x\n");
	parse(wide.buf, wide.len, &rows, &p);
	assert_int_equal(p.n, 64 - 3 + 1);
	assert_true(has(&p, 1, MSG_P_TOO_MANY_COLUMNS, "64"));
	problems_release(&p);
	user_rows_release(&rows);
	strbuf_release(&wide);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_form),
		cmocka_unit_test(test_row_set),
		cmocka_unit_test(test_invisible_in_keys_only),
		cmocka_unit_test(test_duplicates_linear),
		cmocka_unit_test(test_not_utf8_text),
		cmocka_unit_test(test_json_exact),
		cmocka_unit_test(test_json_one_line),
		cmocka_unit_test(test_csv_header),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
