/* Unit tests of the session: the data opens with or without the user's database, and what the
 * user must be told comes back as a notice (a message id and its argument), not as output.
 * Another program holding the database is tested in tests/cli/reliability.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "session.h"

static char dir[] = "/tmp/httpcodes-session-XXXXXX";
static char path[256]; /* the default user database under dir */

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	setenv("XDG_DATA_HOME", dir, 1);
	setenv("HTTPCODES_TODAY", "2030-01-02", 1);
	snprintf(path, sizeof path, "%s/httpcodes/user.db", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void test_without_a_user_database(void **state)
{
	struct options o = { .lang = LANG_ZH };
	struct session s;
	(void)state;
	assert_int_equal(session_open(&s, &o), 0);
	assert_non_null(s.st);
	assert_null(s.notice.arg);
	assert_false(store_has_user(s.st));
	assert_int_equal(s.lang, LANG_ZH);
	assert_string_equal(s.today, "2030-01-02");
	session_close(&s);
	session_close(&s); /* harmless twice */
}

static void test_missing_db_path_fails(void **state)
{
	struct options o = { .db_path = "/nonexistent/x.db" };
	struct session s;
	char text[256];
	(void)state;
	assert_int_equal(session_open(&s, &o), -1);
	assert_null(s.st);
	assert_int_equal(s.notice.id, MSG_DB_OPEN);
	assert_string_equal(notice_text(LANG_EN, &s.notice, text, sizeof text),
			    "cannot open database '/nonexistent/x.db' (no such file)");
	assert_string_equal(notice_text(LANG_ZH, &s.notice, text, sizeof text),
			    "无法打开数据库 '/nonexistent/x.db'（文件不存在）");
	session_close(&s);
}

/* The one write path makes the default database; the next open attaches it, quietly. */
static void test_write_then_open(void **state)
{
	struct options o = { .lang = LANG_EN };
	struct session s;
	struct session_write w;
	struct hc_err err;
	(void)state;
	session_init(&s, &o);
	assert_int_equal(session_begin_write(&s, &w), 0);
	assert_non_null(w.tx);
	assert_string_equal(w.path, path);
	assert_null(w.aside.arg);
	assert_null(w.failed.arg);
	assert_int_equal(store_tx_commit(w.tx, &err), 0);
	session_write_release(&w);
	session_close(&s);

	assert_int_equal(session_open(&s, &o), 0);
	assert_null(s.notice.arg);
	assert_true(store_has_user(s.st));
	session_close(&s);
}

/* Text where a database should be. */
static void write_text(const char *file)
{
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("not a database, by a long way: just some text\n", f);
	fclose(f);
}

/* A default database that is not ours is left out with a notice; named with --db, it fails;
 * and it is never written. */
static void test_foreign_file(void **state)
{
	char foreign[300];
	struct options o = { .lang = LANG_EN }, named = { .lang = LANG_EN, .db_path = foreign };
	struct session s;
	struct session_write w;
	(void)state;
	snprintf(foreign, sizeof foreign, "%s/foreign.db", dir);
	write_text(foreign);
	write_text(path);
	assert_int_equal(session_open(&s, &o), 0);
	assert_int_equal(s.notice.id, MSG_USER_DB_SKIPPED);
	assert_non_null(strstr(s.notice.arg, path));
	assert_false(store_has_user(s.st));
	session_close(&s);

	assert_int_equal(session_open(&s, &named), -1);
	assert_null(s.st);
	assert_int_equal(s.notice.id, MSG_DB_OPEN);
	assert_non_null(strstr(s.notice.arg, foreign));
	session_close(&s);

	session_init(&s, &named);
	assert_int_equal(session_begin_write(&s, &w), -1);
	assert_null(w.tx);
	assert_int_equal(w.failed.id, MSG_CANNOT_SAVE);
	assert_non_null(strstr(w.failed.arg, foreign));
	session_write_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_without_a_user_database),
		cmocka_unit_test(test_missing_db_path_fails),
		cmocka_unit_test(test_write_then_open),
		cmocka_unit_test(test_foreign_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
