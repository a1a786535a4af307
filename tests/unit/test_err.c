/* Errors from below in words: every code and every SQLite code we name has its English and
 * Chinese, and a message is one sentence with the thing it is about and why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "lang.h"

/* Has Chinese in it (a byte of a multibyte character), not only ASCII. */
static int has_chinese(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static void test_every_code_in_both_languages(void **state)
{
	char en[512], zh[512];
	(void)state;
	for (int c = ERR_NONE + 1; c < ERR_COUNT_; c++) {
		struct hc_err e;
		if (c == ERR_DB) /* says nothing of its own: SQLite's reason is all there is */
			continue;
		err_set(&e, (enum hc_errc)c, 0, "thing");
		err_text(LANG_EN, &e, en, sizeof en);
		err_text(LANG_ZH, &e, zh, sizeof zh);
		assert_true(en[0] != '\0' && !has_chinese(en));
		assert_true(has_chinese(zh));
		assert_true(!strchr(en, '%') && !strchr(zh, '%'));
	}
}

static void test_every_sqlite_code_in_both_languages(void **state)
{
	static const struct { int rc; const char *en, *zh; } codes[] = {
#define X(name, rc, en, zh) { rc, en, zh },
		ERR_SQLITE_CODES(X)
#undef X
	};
	char en[512], zh[512];
	(void)state;
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		struct hc_err e;
		err_set(&e, ERR_DB, codes[i].rc | 0x100, NULL); /* an extended code reads as its primary */
		assert_string_equal(err_text(LANG_EN, &e, en, sizeof en), codes[i].en);
		assert_string_equal(err_text(LANG_ZH, &e, zh, sizeof zh), codes[i].zh);
		assert_true(has_chinese(zh));
	}
}

static void test_one_sentence_with_path_and_reason(void **state)
{
	struct hc_err e;
	char buf[512];
	(void)state;
	err_set(&e, ERR_DB, 13, NULL); /* SQLITE_FULL */
	assert_string_equal(err_message(LANG_EN, MSG_CANNOT_SAVE, "/home/u/user.db", &e, buf, sizeof buf),
			    "cannot save to your database '/home/u/user.db' (database or disk is full)");
	assert_string_equal(err_message(LANG_ZH, MSG_CANNOT_SAVE, "/home/u/user.db", &e, buf, sizeof buf),
			    "无法保存到你的数据库 '/home/u/user.db'（数据库或磁盘已满）");
	/* Our words, SQLite's after them; the object named, sanitised. */
	err_set(&e, ERR_SEARCH, 11, NULL); /* SQLITE_CORRUPT */
	assert_string_equal(err_message(LANG_ZH, MSG_DB_ERROR, NULL, &e, buf, sizeof buf),
			    "数据库错误：无法搜索：数据库文件已损坏");
	err_set(&e, ERR_ALIEN, 0, "evil\033[2J");
	assert_string_equal(err_text(LANG_EN, &e, buf, sizeof buf),
			    "it holds something httpcodes did not make: evil?[2J");
	/* A code SQLite has but we do not name: its number, never its English. */
	err_set(&e, ERR_DB, 23, NULL); /* SQLITE_AUTH */
	assert_string_equal(err_text(LANG_ZH, &e, buf, sizeof buf), "SQLite 错误 23");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_in_both_languages),
		cmocka_unit_test(test_every_sqlite_code_in_both_languages),
		cmocka_unit_test(test_one_sentence_with_path_and_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
