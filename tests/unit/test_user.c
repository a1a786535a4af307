/* The user's database: created and migrated, refused when foreign or newer, its rows found
 * beside the built-in ones, and safe with two writers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "search.h"
#include "store.h"

static char dir[] = "/tmp/httpcodes-test-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static char *path_of(const char *name)
{
	static char p[256];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

static struct store *open_store(void)
{
	char *err = NULL;
	struct store *st = store_open(&err);
	assert_non_null(st);
	return st;
}

static void exec_ok(struct store *st, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec((sqlite3 *)store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static int pragma(const char *file, const char *name)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	char sql[64];
	int v = -1;
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA %s", name);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static void test_created_and_migrated(void **state)
{
	struct store *st = open_store();
	(void)state;
	/* Without create, a missing file is not made. */
	assert_int_equal(store_attach_user(st, path_of("none.db"), 0), 1);
	assert_int_not_equal(access(path_of("none.db"), F_OK), 0);
	assert_int_equal(store_attach_user(st, path_of("new.db"), 1), 0);
	assert_true(store_has_user(st));
	store_free(st);
	assert_int_equal(pragma(path_of("new.db"), "user_version"), 2);
	assert_int_equal(pragma(path_of("new.db"), "application_id"), 0x48544350);
	assert_int_equal(pragma(path_of("new.db"), "journal_mode") >= 0, 1);
	/* Opening again changes nothing and works. */
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("new.db"), 0), 0);
	store_free(st);
}

static void test_user_rows_found(void **state)
{
	struct store *st = open_store();
	hc_mapping_list l = { 0 };
	hc_hit_list hits = { 0 };
	int found = 0;
	(void)state;
	assert_int_equal(store_attach_user(st, path_of("rows.db"), 1), 0);
	exec_ok(st, "INSERT INTO user.user_mappings (team, error_code, http_status, message_en, message_zh)"
		    " VALUES ('Orders API', 'ORDER_LOCKED', 409, 'The order is locked', '订单已锁定')");
	assert_int_equal(store_mappings_by_code(st, "order_locked", &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].http_status, 409);
	assert_string_equal(l.items[0].source, "user:Orders API");
	assert_non_null(strstr(l.items[0].source_en, "Orders API"));
	hc_mapping_list_release(&l);
	assert_int_equal(store_mappings_by_status(st, 409, &l), 0);
	for (size_t i = 0; i < l.n; i++)
		found |= strcmp(l.items[i].error_code, "ORDER_LOCKED") == 0;
	assert_true(found);
	hc_mapping_list_release(&l);
	/* Search finds it in every spelling, and in Chinese. */
	static const char *const queries[] = { "ORDER_LOCKED", "order locked", "订单", "锁定" };
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		found = 0;
		assert_int_equal(search_run(st, queries[q], 10, &hits), 0);
		for (size_t i = 0; i < hits.n; i++)
			found |= strcmp(hits.items[i].ident, "ORDER_LOCKED") == 0;
		if (!found)
			fail_msg("search '%s' does not find the user's ORDER_LOCKED", queries[q]);
		hc_hit_list_release(&hits);
	}
	/* Edits and deletes reach the index. */
	exec_ok(st, "UPDATE user.user_mappings SET error_code = 'ORDER_FROZEN' WHERE error_code = 'ORDER_LOCKED'");
	assert_int_equal(search_run(st, "ORDER_LOCKED", 10, &hits), 0);
	for (size_t i = 0; i < hits.n; i++)
		assert_string_not_equal(hits.items[i].ident, "ORDER_LOCKED");
	hc_hit_list_release(&hits);
	exec_ok(st, "DELETE FROM user.user_mappings");
	assert_int_equal(search_run(st, "ORDER_FROZEN", 10, &hits), 0);
	for (size_t i = 0; i < hits.n; i++)
		assert_string_not_equal(hits.items[i].ident, "ORDER_FROZEN");
	hc_hit_list_release(&hits);
	store_free(st);
}

static void test_foreign_and_newer_refused(void **state)
{
	struct store *st;
	sqlite3 *db;
	FILE *f;
	(void)state;
	/* Somebody else's SQLite database. */
	assert_int_equal(sqlite3_open(path_of("foreign.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("foreign.db"), 1), -1);
	assert_non_null(strstr(store_error(st), "not an httpcodes database"));
	assert_false(store_has_user(st));
	store_free(st);
	assert_int_equal(pragma(path_of("foreign.db"), "user_version"), 0); /* untouched */
	/* One of ours from a newer version. */
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("newer.db"), 1), 0);
	store_free(st);
	assert_int_equal(sqlite3_open(path_of("newer.db"), &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("newer.db"), 0), -1);
	assert_non_null(strstr(store_error(st), "newer"));
	store_free(st);
	/* Not a database at all: refused, and left as it was. */
	f = fopen(path_of("text.db"), "w");
	fputs("this is not a database, it is a shopping list\n", f);
	fclose(f);
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("text.db"), 1), -1);
	store_free(st);
	f = fopen(path_of("text.db"), "r");
	{
		char line[128];
		assert_non_null(fgets(line, sizeof line, f));
		assert_string_equal(line, "this is not a database, it is a shopping list\n");
	}
	fclose(f);
}

/* A version-1 database (no searchable notes) is brought to version 2: its notes get indexed. */
static void test_migration_1_to_2(void **state)
{
	struct store *st = open_store();
	sqlite3 *db;
	hc_hit_list hits = { 0 };
	int found = 0;
	(void)state;
	assert_int_equal(store_attach_user(st, path_of("v1.db"), 1), 0);
	store_free(st);
	/* Make it what version 1 wrote: no note triggers, a note that is not in the index. */
	assert_int_equal(sqlite3_open(path_of("v1.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER notes_ai; DROP TRIGGER notes_ad; DROP TRIGGER notes_au;"
				      "INSERT INTO notes (code, note) VALUES (418, 'teapot drills');"
				      "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("v1.db"), 0), 0);
	assert_int_equal(search_run(st, "teapot drills", 10, &hits), 0);
	for (size_t i = 0; i < hits.n; i++)
		found |= hits.items[i].kind == HC_KIND_NOTE && hits.items[i].code == 418;
	assert_true(found);
	hc_hit_list_release(&hits);
	store_free(st);
	assert_int_equal(pragma(path_of("v1.db"), "user_version"), 2);
}

/* Two processes adding 500 rows each at the same time: all 1,000 are there. */
static void test_two_writers(void **state)
{
	pid_t pids[2];
	struct store *st;
	hc_mapping_list l = { 0 };
	sqlite3_stmt *q;
	int count = 0;
	(void)state;
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("shared.db"), 1), 0);
	store_free(st);
	for (int w = 0; w < 2; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			struct store *mine = open_store();
			if (store_attach_user(mine, path_of("shared.db"), 0) != 0) {
				fprintf(stderr, "writer %d: attach: %s\n", w, store_error(mine));
				_exit(1);
			}
			for (int i = 0; i < 500; i++) {
				char sql[200];
				snprintf(sql, sizeof sql, "INSERT INTO user.user_mappings (team, error_code,"
					 " http_status, message_en) VALUES ('w%d', 'E%d', 400, 'm')", w, i);
				if (sqlite3_exec((sqlite3 *)store_db(mine), sql, NULL, NULL, NULL) != SQLITE_OK) {
					fprintf(stderr, "writer %d: row %d: %s\n", w, i,
						sqlite3_errmsg((sqlite3 *)store_db(mine)));
					_exit(2);
				}
			}
			store_free(mine);
			_exit(0);
		}
	}
	for (int w = 0; w < 2; w++) {
		int status;
		waitpid(pids[w], &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("shared.db"), 0), 0);
	assert_int_equal(sqlite3_prepare_v2((sqlite3 *)store_db(st),
					    "SELECT count(*) FROM user.user_mappings", -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		count = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	assert_int_equal(count, 1000);
	(void)l;
	store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_created_and_migrated),
		cmocka_unit_test(test_user_rows_found),
		cmocka_unit_test(test_foreign_and_newer_refused),
		cmocka_unit_test(test_migration_1_to_2),
		cmocka_unit_test(test_two_writers),
	};
	return cmocka_run_group_tests_name("user database", tests, setup, teardown);
}
