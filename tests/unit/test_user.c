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

#include "lang.h"
#include "search.h"
#include "store.h"
#include "store_schema.h"

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
	struct hc_err err;
	struct store *st = store_open(&err);
	assert_non_null(st);
	return st;
}

/* One integer that sql reads from the database file, on a connection of the test's own. */
static int scalar(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	int v = -1;
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static int pragma(const char *file, const char *name)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA %s", name);
	return scalar(file, sql);
}

/* Whether SQLite's plan for sql on the file at path reads user_mappings through an index (a
 * SEARCH with one, not a SCAN of every row): the plan's detail, for the message. */
static int uses_index(const char *file, const char *sql, char *detail, size_t size)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	int searched = 0;
	detail[0] = '\0';
	assert_int_equal(sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(q, 3);
		snprintf(detail, size, "%s", d ? d : "");
		searched |= d && strncmp(d, "SEARCH user_mappings USING ", 27) == 0 && strstr(d, "INDEX");
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	sqlite3_free(eqp);
	return searched;
}

/* The look-ups of the user's mappings that the browser and the command line make (the detail
 * pane's by status, a look-up by error code in any case, a team's rows) find them through an
 * index in the file (version 4), not by reading every row. The same shapes as store.c's. */
static void assert_user_indexes(const char *file)
{
	static const char *const lookups[] = {
		"SELECT * FROM user_mappings WHERE http_status = 404",
		"SELECT * FROM user_mappings WHERE error_code = 'order_locked' COLLATE NOCASE",
		"SELECT * FROM user_mappings WHERE team = 'Orders' ORDER BY product, error_code",
	};
	for (size_t i = 0; i < sizeof lookups / sizeof lookups[0]; i++) {
		char detail[256];
		if (!uses_index(file, lookups[i], detail, sizeof detail))
			fail_msg("%s: %s reads every row (%s)", file, lookups[i], detail);
	}
}

/* One change through the program's own writer (which keeps the search index in step). */
static void write_row(const char *file, const char *team, const char *code, const char *status,
		      const char *en, const char *zh)
{
	struct hc_err err;
	char *aside = NULL, ebuf[256];
	struct user_row r = { 0 };
	struct store_tx *tx = store_tx_begin(file, &err, &aside);
	if (!tx)
		fail_msg("store_tx_begin: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	r.f[UF_team] = (char *)team;
	r.f[UF_error_code] = (char *)code;
	r.f[UF_http_status] = (char *)status;
	r.f[UF_message_en] = (char *)en;
	r.f[UF_message_zh] = (char *)zh;
	if (store_tx_add(tx, &r, &err) != 0)
		fail_msg("store_tx_add: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	if (store_tx_commit(tx, &err) != 0)
		fail_msg("commit: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
}

/* Rename the error code from (to NULL: remove it) through the writer. */
static void change_row_team(const char *file, const char *team, const char *from, const char *to)
{
	struct hc_err err;
	char *aside = NULL, ebuf[256];
	struct user_row key = { 0 }, r = { 0 };
	struct store_tx *tx = store_tx_begin(file, &err, &aside);
	if (!tx)
		fail_msg("store_tx_begin: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	key.f[UF_team] = (char *)team;
	key.f[UF_error_code] = (char *)from;
	r.f[UF_error_code] = (char *)to;
	if ((to ? store_tx_edit(tx, &key, &r, &err) : store_tx_remove(tx, &key, &err)) != 0)
		fail_msg("change: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
	if (store_tx_commit(tx, &err) != 0)
		fail_msg("commit: %s", err_text(LANG_EN, &err, ebuf, sizeof ebuf));
}

static void change_row(const char *file, const char *from, const char *to)
{
	change_row_team(file, "Orders API", from, to);
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
	assert_int_equal(pragma(path_of("new.db"), "user_version"), USER_SCHEMA_VERSION);
	assert_user_indexes(path_of("new.db"));
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
	size_t more = 1;
	(void)state;
	write_row(path_of("rows.db"), "Orders API", "ORDER_LOCKED", "409", "The order is locked", "订单已锁定");
	assert_int_equal(store_attach_user(st, path_of("rows.db"), 0), 0);
	assert_int_equal(store_mappings_by_code(st, "order_locked", &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].http_status, 409);
	assert_string_equal(l.items[0].source, "user:Orders API");
	assert_non_null(strstr(l.items[0].source_en, "Orders API"));
	hc_mapping_list_release(&l);
	assert_int_equal(store_mappings_by_status(st, 409, &l, &more), 0);
	for (size_t i = 0; i < l.n; i++)
		found |= strcmp(l.items[i].error_code, "ORDER_LOCKED") == 0;
	assert_true(found);
	hc_mapping_list_release(&l);
	/* The team leads the sources, said as the user's in fields and in both languages' words;
	 * its errors are listed by it. */
	{
		hc_source_list sl = { 0 };
		assert_int_equal(store_sources(st, &sl), 0);
		assert_true(sl.n > 1);
		assert_true(sl.items[0].is_user);
		assert_string_equal(sl.items[0].team, "Orders API");
		assert_string_equal(sl.items[0].name_en, "Orders API (yours)");
		assert_string_equal(sl.items[0].name_zh, "Orders API（自定义）");
		assert_int_equal(sl.items[0].count, 1);
		assert_false(sl.items[1].is_user);
		assert_string_equal(sl.items[1].team, "");
		assert_int_equal(store_mappings_by_source(st, &sl.items[0], 0, &l), 0);
		assert_int_equal(l.n, 1);
		assert_string_equal(l.items[0].error_code, "ORDER_LOCKED");
		hc_mapping_list_release(&l);
		hc_source_list_release(&sl);
	}
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
	change_row(path_of("rows.db"), "ORDER_LOCKED", "ORDER_FROZEN");
	assert_int_equal(search_run(st, "ORDER_LOCKED", 10, &hits), 0);
	for (size_t i = 0; i < hits.n; i++)
		assert_string_not_equal(hits.items[i].ident, "ORDER_LOCKED");
	hc_hit_list_release(&hits);
	change_row(path_of("rows.db"), "ORDER_FROZEN", NULL);
	assert_int_equal(search_run(st, "ORDER_FROZEN", 10, &hits), 0);
	for (size_t i = 0; i < hits.n; i++)
		assert_string_not_equal(hits.items[i].ident, "ORDER_FROZEN");
	hc_hit_list_release(&hits);
	store_free(st);
}

/* Everything about 404 in one fetch, the user's bookmark, note and own mapping with it. */
static void test_status_detail(void **state)
{
	struct store *st = open_store();
	struct hc_status_detail sd;
	struct hc_err err;
	char *aside = NULL, *note = NULL;
	struct store_tx *tx;
	int mine = 0, others = 0;
	(void)state;
	write_row(path_of("detail.db"), "Shop", "NO_SUCH_ITEM", "404", "No such item", "没有此商品");
	tx = store_tx_begin(path_of("detail.db"), &err, &aside);
	assert_non_null(tx);
	assert_int_equal(store_tx_bookmark(tx, 404, 1, &err), 0);
	assert_int_equal(store_tx_note(tx, 404, "check the route table", &err), 0);
	assert_int_equal(store_tx_commit(tx, &err), 0);

	/* Without the user's file: the built-in data, no bookmark, no note. */
	assert_int_equal(store_status_detail(st, 404, &sd), 1);
	assert_int_equal(sd.status.code, 404);
	assert_string_equal(sd.status.phrase_en, "Not Found");
	assert_int_equal(sd.category.klass, 4);
	assert_true(sd.related.n > 0);
	assert_true(sd.mappings.n > 0);
	assert_false(sd.bookmarked);
	assert_null(sd.note);
	hc_status_detail_release(&sd);

	assert_int_equal(store_attach_user(st, path_of("detail.db"), 0), 0);
	/* The same one at a time: found, and none where there is none. */
	assert_int_equal(store_bookmarked(st, 404), 1);
	assert_int_equal(store_bookmarked(st, 405), 0);
	assert_int_equal(store_note(st, 404, &note), 1);
	assert_string_equal(note, "check the route table");
	free(note);
	assert_int_equal(store_note(st, 405, &note), 0);
	assert_null(note);
	assert_int_equal(store_status_detail(st, 404, &sd), 1);
	assert_string_equal(sd.category.name_en, "Client Error");
	assert_true(sd.bookmarked);
	assert_non_null(sd.note);
	assert_string_equal(sd.note, "check the route table");
	for (size_t i = 0; i < sd.mappings.n; i++) {
		const struct hc_mapping *m = &sd.mappings.items[i];
		if (strcmp(m->error_code, "NO_SUCH_ITEM") == 0) {
			mine++;
			assert_string_equal(m->source_en, "Shop (yours)");
			assert_string_equal(m->source_zh, "Shop（自定义）");
		} else {
			others++;
		}
		assert_int_equal(m->http_status, 404);
	}
	assert_int_equal(mine, 1);
	assert_true(others > 0);
	hc_status_detail_release(&sd);

	/* No status by that number: nothing found, nothing held. */
	assert_int_equal(store_status_detail(st, 999, &sd), 0);
	assert_null(sd.status.phrase_en);
	hc_status_detail_release(&sd);
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
	assert_int_equal(store_err(st)->code, ERR_FOREIGN);
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
	/* ...is read (and said to be newer), and never written. */
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("newer.db"), 0), 0);
	assert_true(store_user_newer(st));
	store_free(st);
	{
		struct hc_err err;
		char *aside = NULL;
		struct store_tx *tx = store_tx_begin(path_of("newer.db"), &err, &aside);
		assert_null(tx);
		assert_int_equal(err.code, ERR_NEWER);
		assert_null(aside);
	}
	assert_int_equal(pragma(path_of("newer.db"), "user_version"), 99);
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

/* Copy a file as an earlier httpcodes wrote it (tests/data/user-v*.db) to the test directory. */
static void copy_fixture(const char *from, const char *to)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "cp tests/data/%s '%s'", from, path_of(to));
	assert_int_equal(system(cmd), 0);
}

/* Files that earlier versions wrote are brought up to date on first use and keep everything:
 * version 1 (no searchable notes: its note gets indexed), version 2 (the index kept by
 * triggers in the file, which are dropped) and version 3 (no indexes on user_mappings). */
static void test_migrations(void **state)
{
	static const char *const files[] = { "user-v1.db", "user-v2.db", "user-v3.db", "user-v4.db" };
	(void)state;
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		struct store *st = open_store();
		hc_hit_list hits = { 0 };
		hc_mapping_list l = { 0 };
		int note = 0, row = 0;
		copy_fixture(files[f], files[f]);
		assert_int_equal(store_attach_user(st, path_of(files[f]), 0), 0);
		assert_int_equal(search_run(st, "teapot drills", 10, &hits), 0);
		for (size_t i = 0; i < hits.n; i++)
			note |= hits.items[i].kind == HC_KIND_NOTE && hits.items[i].code == 418;
		hc_hit_list_release(&hits);
		/* The row by its Chinese, by its pinyin and by its initials: the index made again
		 * (version 5) holds the characters, search_pinyin their readings. */
		static const char *const zh[] = { "订单已锁定", "dingdan", "dingdanyisuo", "ddysd" };
		for (size_t z = 0; z < sizeof zh / sizeof zh[0]; z++) {
			int found = 0;
			assert_int_equal(search_run(st, zh[z], 10, &hits), 0);
			for (size_t i = 0; i < hits.n; i++)
				found |= strcmp(hits.items[i].ident, "ORDER_LOCKED") == 0;
			hc_hit_list_release(&hits);
			if (!found)
				fail_msg("%s: \"%s\" does not find ORDER_LOCKED", files[f], zh[z]);
			row += found;
		}
		if (!note || !row)
			fail_msg("%s: note found %d, row found %d", files[f], note, row);
		assert_int_equal(store_mappings_by_code(st, "err_quota", &l), 0);
		assert_int_equal(l.n, 1);
		hc_mapping_list_release(&l);
		assert_true(store_bookmarked(st, 404));
		store_free(st);
		assert_int_equal(pragma(path_of(files[f]), "user_version"), USER_SCHEMA_VERSION);
		assert_int_equal(scalar(path_of(files[f]), "SELECT count(*) FROM user_mappings"), 2);
		assert_user_indexes(path_of(files[f]));
		/* And the writer keeps the index in step from now on. */
		write_row(path_of(files[f]), "", "AFTER_MIGRATION", "400", "written after the migration", "网关超时");
		change_row_team(path_of(files[f]), "Orders", "ORDER_LOCKED", NULL);
		st = open_store();
		assert_int_equal(store_attach_user(st, path_of(files[f]), 0), 0);
		assert_int_equal(search_run(st, "AFTER_MIGRATION", 10, &hits), 0);
		assert_true(hits.n > 0 && strcmp(hits.items[0].ident, "AFTER_MIGRATION") == 0);
		hc_hit_list_release(&hits);
		/* Its characters' readings were written with it. */
		assert_int_equal(search_run(st, "wangguanchaoshi", 10, &hits), 0);
		assert_true(hits.n > 0 && strcmp(hits.items[0].ident, "AFTER_MIGRATION") == 0);
		hc_hit_list_release(&hits);
		assert_int_equal(search_run(st, "ORDER_LOCKED", 10, &hits), 0);
		for (size_t i = 0; i < hits.n; i++)
			assert_string_not_equal(hits.items[i].ident, "ORDER_LOCKED");
		hc_hit_list_release(&hits);
		store_free(st);
	}
}

/* The count of a team's rows, as the sources list shows it (0: the team is not listed). */
static size_t team_count(const char *file, const char *team)
{
	struct store *st = open_store();
	hc_source_list sl = { 0 };
	size_t n = 0;
	assert_int_equal(store_attach_user(st, file, 0), 0);
	assert_int_equal(store_sources(st, &sl), 0);
	for (size_t i = 0; i < sl.n; i++)
		if (sl.items[i].is_user && strcmp(sl.items[i].team, team) == 0)
			n = sl.items[i].count;
	hc_source_list_release(&sl);
	store_free(st);
	return n;
}

/* The sources list's counts are kept as rows are added, moved between teams and removed, and
 * are what counting the rows gives. */
static void test_team_counts(void **state)
{
	const char *file = path_of("teams.db");
	struct hc_err err;
	char *aside = NULL;
	struct user_row key = { 0 }, r = { 0 };
	struct store_tx *tx;
	(void)state;
	write_row(file, "Pay", "P1", "400", "one", "");
	write_row(file, "Pay", "P2", "400", "two", "");
	write_row(file, "Pay", "P3", "400", "three", "");
	write_row(file, "Ship", "S1", "500", "one", "");
	assert_int_equal(team_count(file, "Pay"), 3);
	assert_int_equal(team_count(file, "Ship"), 1);
	/* A duplicate adds nothing; a row moved from Pay to Ship counts in Ship. */
	tx = store_tx_begin(file, &err, &aside);
	assert_non_null(tx);
	r.f[UF_team] = "Pay";
	r.f[UF_error_code] = "P1";
	r.f[UF_http_status] = "400";
	r.f[UF_message_en] = "again";
	assert_int_equal(store_tx_add(tx, &r, &err), 1);
	key.f[UF_team] = "Pay";
	key.f[UF_error_code] = "P2";
	memset(&r, 0, sizeof r);
	r.f[UF_team] = "Ship";
	assert_int_equal(store_tx_edit(tx, &key, &r, &err), 0);
	assert_int_equal(store_tx_commit(tx, &err), 0);
	assert_int_equal(team_count(file, "Pay"), 2);
	assert_int_equal(team_count(file, "Ship"), 2);
	/* A team whose last row goes is no longer listed. */
	change_row_team(file, "Pay", "P1", NULL);
	change_row_team(file, "Pay", "P3", NULL);
	assert_int_equal(team_count(file, "Pay"), 0);
	assert_int_equal(scalar(file, "SELECT count(*) FROM user_teams WHERE team = 'Pay'"), 0);
	assert_int_equal(scalar(file, "SELECT rows FROM user_teams WHERE team = 'Ship'"),
			 scalar(file, "SELECT count(*) FROM user_mappings WHERE team = 'Ship'"));
}

/* Whether a search for query finds the user's row with that error code. */
static int search_finds(const char *file, const char *query, const char *code)
{
	struct store *st = open_store();
	hc_hit_list hits = { 0 };
	int found = 0;
	assert_int_equal(store_attach_user(st, file, 0), 0);
	assert_int_equal(search_run(st, query, 10, &hits), 0);
	for (size_t i = 0; i < hits.n; i++)
		found |= strcmp(hits.items[i].ident, code) == 0;
	hc_hit_list_release(&hits);
	store_free(st);
	return found;
}

/* import --replace's writer: a new row is added; a row there takes the fields given and keeps
 * the others; a row given exactly as it is stays untouched, its date too; and the index follows
 * the rows changed and the rows added of one transaction, in whichever order they came. */
static void test_put(void **state)
{
	const char *file = path_of("put.db");
	struct hc_err err;
	char *aside = NULL;
	struct user_row r = { 0 };
	struct store_tx *tx;
	sqlite3 *db;
	(void)state;
	write_row(file, "Pay", "P1", "400", "walrus declined", "卡被拒");
	write_row(file, "Pay", "P2", "400", "two", "");
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK); /* a date no put would write */
	assert_int_equal(sqlite3_exec(db, "UPDATE user_mappings SET updated = '2000-01-01T00:00:00Z'", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	tx = store_tx_begin(file, &err, &aside);
	assert_non_null(tx);
	r.f[UF_team] = "Pay";
	r.f[UF_error_code] = "P2";
	r.f[UF_http_status] = "400";
	r.f[UF_message_en] = "two";
	assert_int_equal(store_tx_put(tx, &r, &err), 2);
	r.f[UF_error_code] = "P3";
	r.f[UF_message_en] = "penguin arrived";
	assert_int_equal(store_tx_put(tx, &r, &err), 0);
	r.f[UF_error_code] = "P1";
	r.f[UF_http_status] = "402";
	r.f[UF_message_en] = "otter declined";
	assert_int_equal(store_tx_put(tx, &r, &err), 1);
	r.f[UF_error_code] = "P4";
	r.f[UF_message_en] = "heron arrived";
	assert_int_equal(store_tx_put(tx, &r, &err), 0);
	r.f[UF_error_code] = "P2";
	r.f[UF_message_en] = "";
	assert_int_equal(store_tx_put(tx, &r, &err), -1); /* no message left: the row's fault */
	assert_int_equal(store_tx_commit(tx, &err), 0);
	assert_int_equal(scalar(file, "SELECT count(*) FROM user_mappings WHERE updated = '2000-01-01T00:00:00Z'"), 1);
	assert_int_equal(scalar(file, "SELECT count(*) FROM user_mappings WHERE error_code = 'P2' AND updated LIKE '2000%'"), 1);
	assert_int_equal(scalar(file, "SELECT http_status FROM user_mappings WHERE error_code = 'P1' AND message_zh = '卡被拒'"), 402);
	assert_int_equal(team_count(file, "Pay"), 4);
	assert_true(search_finds(file, "otter", "P1"));
	assert_false(search_finds(file, "walrus", "P1"));
	assert_true(search_finds(file, "卡被拒", "P1"));
	assert_true(search_finds(file, "penguin", "P3"));
	assert_true(search_finds(file, "heron", "P4"));
}

/* A status's business errors: the built-in ones and the user's, in one order (source, product,
 * error code, as bytes); with a cap, the user's first ones, and how many more there are. */
static void test_status_mappings_capped(void **state)
{
	const char *file = path_of("capped.db");
	static const char *const codes[][2] = { { "Alpha", "E1" }, { "Alpha", "E2" }, { "Alpha", "E3" }, { "zed", "Z1" } };
	(void)state;
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		write_row(file, codes[i][0], codes[i][1], "409", "conflict", "");
	for (size_t cap = 0; cap <= 2; cap += 2) {
		struct store *st = open_store();
		hc_mapping_list l = { 0 };
		size_t more = 9, mine = 0, builtin = 0;
		assert_int_equal(store_attach_user(st, file, 0), 0);
		store_set_detail_max(st, cap);
		assert_int_equal(store_mappings_by_status(st, 409, &l, &more), 0);
		for (size_t i = 0; i < l.n; i++) {
			if (i > 0) {
				const struct hc_mapping *a = &l.items[i - 1], *b = &l.items[i];
				int c = strcmp(a->source, b->source);
				c = c ? c : strcmp(a->product, b->product);
				c = c ? c : strcmp(a->error_code, b->error_code);
				if (c >= 0)
					fail_msg("out of order: %s %s before %s %s", a->source, a->error_code, b->source, b->error_code);
			}
			if (l.items[i].is_user)
				mine++;
			else
				builtin++;
		}
		assert_true(builtin > 0); /* there are vendors' 409s to merge with */
		assert_int_equal(mine, cap ? cap : 4);
		assert_int_equal(more, cap ? 4 - cap : 0);
		hc_mapping_list_release(&l);
		/* A team's page: its first rows by product and error code, at most the cap. */
		{
			struct hc_source alpha = { 0 };
			alpha.is_user = 1;
			alpha.team = "Alpha";
			assert_int_equal(store_mappings_by_source(st, &alpha, cap, &l), 0);
			assert_int_equal(l.n, cap ? cap : 3);
			assert_string_equal(l.items[0].error_code, "E1");
			assert_string_equal(l.items[l.n - 1].error_code, cap ? "E2" : "E3");
			hc_mapping_list_release(&l);
		}
		store_free(st);
	}
}

/* The same query gives the built-in rows in the same order, with the same scores, whether or
 * not a user's database is there (its rows fall in among them); the best built-in match is 1. */
static void test_ranking_stable(void **state)
{
	const char *file = path_of("stable.db");
	static const char *const queries[] = { "timeout", "网关", "access denied", "chaoshi" };
	(void)state;
	write_row(file, "Ops", "OPS_TIMEOUT", "504", "Our gateway timeout, access denied too", "网关超时");
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		struct store *bare = open_store(), *with = open_store();
		hc_hit_list a = { 0 }, b = { 0 };
		size_t j = 0, mine = 0;
		assert_int_equal(store_attach_user(with, file, 0), 0);
		assert_int_equal(search_run(bare, queries[q], 40, &a), 0);
		assert_int_equal(search_run(with, queries[q], 41, &b), 0);
		assert_true(a.n > 0);
		assert_true(a.items[0].score > 0.999 && a.items[0].score < 1.001);
		for (size_t i = 0; i < b.n; i++) {
			if (b.items[i].kind == HC_KIND_MAPPING && strcmp(b.items[i].ident, "OPS_TIMEOUT") == 0) {
				mine++;
				continue;
			}
			if (j < a.n && (a.items[j].code != b.items[i].code || strcmp(a.items[j].ident, b.items[i].ident) != 0 ||
					a.items[j].score != b.items[i].score))
				fail_msg("'%s': built-in row %zu is %d %s (%g), without a user's database %d %s (%g)",
					 queries[q], j, b.items[i].code, b.items[i].ident, b.items[i].score,
					 a.items[j].code, a.items[j].ident, a.items[j].score);
			j++;
		}
		assert_true(mine == 1);
		hc_hit_list_release(&a);
		hc_hit_list_release(&b);
		store_free(bare);
		store_free(with);
	}
}

/* A user's index too large for the relaxed pass (its largest id above 50,000): its rows that
 * the strict pass found are still read and shown among the closest matches. */
static void test_relaxed_large_user(void **state)
{
	const char *file = path_of("large.db");
	struct store *st;
	sqlite3 *db;
	hc_hit_list hits = { 0 };
	struct search_about about;
	int found = 0;
	(void)state;
	write_row(file, "Ops", "OPS_QUIRK_ONE", "409", "A quirk of our request handling", "");
	/* A row with a large id, not in the index: only the count it stands for matters here. */
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO user_mappings (id, team, error_code, http_status, message_en)"
				      " VALUES (60000, 'Ops', 'FILLER', 400, 'x')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st = open_store();
	assert_int_equal(store_attach_user(st, file, 0), 0);
	assert_int_equal(search_find(st, "OPS_QUIRK_ONE quirk request", 10, &hits, &about), 0);
	for (size_t i = 0; i < hits.n; i++)
		if (strcmp(hits.items[i].ident, "OPS_QUIRK_ONE") == 0)
			found = strcmp(hits.items[i].name_en, "A quirk of our request handling") == 0 ? 1 : -1;
	assert_int_equal(found, 1);
	assert_true(hits.n > 1); /* and the built-in data's closest matches after it */
	hc_hit_list_release(&hits);
	store_free(st);
}

/* Two processes adding 500 rows each at the same time: all 1,000 are there. */
static void test_two_writers(void **state)
{
	pid_t pids[2];
	struct store *st;
	hc_mapping_list l = { 0 };
	(void)state;
	st = open_store();
	assert_int_equal(store_attach_user(st, path_of("shared.db"), 1), 0);
	store_free(st);
	for (int w = 0; w < 2; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			/* Fifty transactions of ten rows, as fifty small imports would be. */
			for (int t = 0; t < 50; t++) {
				struct hc_err err;
		char *aside = NULL;
				struct store_tx *tx = store_tx_begin(path_of("shared.db"), &err, &aside);
				if (!tx) {
					fprintf(stderr, "writer %d: begin: code %d, SQLite %d\n", w, (int)err.code, err.sqlite_rc);
					_exit(1);
				}
				for (int i = 0; i < 10; i++) {
					char team[16], code[16];
					struct user_row r = { 0 };
					snprintf(team, sizeof team, "w%d", w);
					snprintf(code, sizeof code, "E%d", t * 10 + i);
					r.f[UF_team] = team;
					r.f[UF_error_code] = code;
					r.f[UF_http_status] = "400";
					r.f[UF_message_en] = "m";
					if (store_tx_add(tx, &r, &err) != 0) {
						fprintf(stderr, "writer %d: row %s: code %d, SQLite %d\n", w, code, (int)err.code,
							err.sqlite_rc);
						_exit(2);
					}
				}
				if (store_tx_commit(tx, &err) != 0) {
					fprintf(stderr, "writer %d: commit: code %d, SQLite %d\n", w, (int)err.code, err.sqlite_rc);
					_exit(3);
				}
			}
			_exit(0);
		}
	}
	for (int w = 0; w < 2; w++) {
		int status;
		waitpid(pids[w], &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(scalar(path_of("shared.db"), "SELECT count(*) FROM user_mappings"), 1000);
	(void)l;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_created_and_migrated),
		cmocka_unit_test(test_user_rows_found),
		cmocka_unit_test(test_status_detail),
		cmocka_unit_test(test_foreign_and_newer_refused),
		cmocka_unit_test(test_migrations),
		cmocka_unit_test(test_team_counts),
		cmocka_unit_test(test_put),
		cmocka_unit_test(test_ranking_stable),
		cmocka_unit_test(test_relaxed_large_user),
		cmocka_unit_test(test_status_mappings_capped),
		cmocka_unit_test(test_two_writers),
	};
	return cmocka_run_group_tests_name("user database", tests, setup, teardown);
}
