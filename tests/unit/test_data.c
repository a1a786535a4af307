/* Data integrity of the built-in database, as the binary embeds it: the registry is complete
 * and exact, every row is bilingual, nothing is duplicated, every reference resolves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store.h"
#include "text.h"
#include "../tools/seedruns.h"

static struct store *st;

/* The database built from db/ by mkdb, linked in by dbimage.S: read here on a connection of
 * the test's own, as SQL, to check the data itself. */
extern const unsigned char httpcodes_db[];
extern const unsigned int httpcodes_db_size;

static sqlite3 *builtin;

static sqlite3 *db(void)
{
	return builtin;
}

static int setup(void **state)
{
	struct hc_err err;
	(void)state;
	st = store_open(&err);
	if (!st) {
		fprintf(stderr, "store_open: failed (%d)\n", (int)err.code);
		return -1;
	}
	if (sqlite3_open(":memory:", &builtin) != SQLITE_OK ||
	    sqlite3_deserialize(builtin, "main", (unsigned char *)httpcodes_db, httpcodes_db_size,
				httpcodes_db_size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		fprintf(stderr, "cannot open the built-in data: %s\n", sqlite3_errmsg(builtin));
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sqlite3_close(builtin);
	store_free(st);
	return 0;
}

/* The single integer a query returns. */
static long long scalar(const char *sql)
{
	sqlite3_stmt *q;
	long long v = -1;
	assert_int_equal(sqlite3_prepare_v2(db(), sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* Print the rows a query returns (so a failure names them) and return how many. */
static int offenders(const char *what, const char *sql)
{
	sqlite3_stmt *q;
	int n = 0;
	assert_int_equal(sqlite3_prepare_v2(db(), sql, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (n++ < 20)
			fprintf(stderr, "  %s: %s\n", what, (const char *)sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);
	return n;
}

/* The decision guide (issue 18) is a tree a person can walk: a root, every node reached from
 * it, every question with two answers or more and none on a leaf, no path that goes round, at
 * least 35 leaves, and every status the issue names at some leaf. */
static void test_guide_walks(void **state)
{
	static const int named[] = { 200, 201, 202, 204, 206, 304, 301, 302, 303, 307, 308, 429, 401, 403,
				     404, 410, 405, 406, 411, 412, 415, 417, 409, 422, 400, 413, 414, 428,
				     431, 451, 503, 502, 504, 501, 500 };
	char sql[256];
	(void)state;
	assert_int_equal(offenders("no root", "SELECT 'start' WHERE NOT EXISTS "
		"(SELECT 1 FROM guide_nodes WHERE id = 'start' AND code IS NULL)"), 0);
	assert_int_equal(offenders("node not reached from the root",
		"WITH RECURSIVE r(id) AS (SELECT 'start' UNION SELECT a.next FROM guide_answers a JOIN r ON a.node = r.id) "
		"SELECT id FROM guide_nodes WHERE id NOT IN (SELECT id FROM r)"), 0);
	assert_int_equal(offenders("question with fewer than two answers",
		"SELECT id FROM guide_nodes n WHERE code IS NULL AND (SELECT count(*) FROM guide_answers WHERE node = n.id) < 2"), 0);
	assert_int_equal(offenders("answer on a leaf",
		"SELECT a.node FROM guide_answers a JOIN guide_nodes n ON n.id = a.node WHERE n.code IS NOT NULL"), 0);
	assert_int_equal(offenders("a path that goes round",
		"WITH RECURSIVE p(id, depth) AS (SELECT 'start', 0 UNION ALL SELECT a.next, depth + 1 "
		"FROM guide_answers a JOIN p ON a.node = p.id WHERE depth < 40) SELECT DISTINCT id FROM p WHERE depth = 40"), 0);
	assert_int_equal(offenders("fewer than 35 leaves",
		"SELECT count(*) FROM guide_nodes WHERE code IS NOT NULL HAVING count(*) < 35"), 0);
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT %d WHERE NOT EXISTS (SELECT 1 FROM guide_nodes WHERE code = %d)",
			 named[i], named[i]);
		assert_int_equal(offenders("a status the issue names at no leaf", sql), 0);
	}
	/* The alternatives a leaf names are statuses we have. */
	assert_int_equal(offenders("a leaf's alternative that is no status",
		"WITH RECURSIVE s(id, tok, rest) AS ("
		"  SELECT id, '', alternatives || ' ' FROM guide_nodes WHERE code IS NOT NULL"
		"  UNION ALL SELECT id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)"
		"  FROM s WHERE rest <> '') "
		"SELECT id || ': ' || tok FROM s WHERE tok <> '' AND CAST(tok AS INTEGER) NOT IN (SELECT code FROM status_codes)"), 0);
	assert_int_equal(offenders("house style changing a question",
		"SELECT s.node FROM guide_styles s JOIN guide_nodes n ON n.id = s.node WHERE n.code IS NULL"), 0);
}

/* Every line of the IANA registry file is in the database with exactly its name, reference
 * and status, and the database has no registered code that the registry lacks. */
static void test_iana_registry_complete(void **state)
{
	FILE *f = fopen("tests/data/iana-status-codes.tsv", "r");
	char line[512];
	int rows = 0;
	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		char *code, *name, *ref, *status, *save = NULL;
		struct hc_status s = { 0 };
		if (line[0] == '#' || strncmp(line, "code\t", 5) == 0)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		code = strtok_r(line, "\t", &save);
		name = strtok_r(NULL, "\t", &save);
		ref = strtok_r(NULL, "\t", &save);
		status = strtok_r(NULL, "\t", &save);
		assert_non_null(status);
		if (store_status_get(st, atoi(code), &s) != 1)
			fail_msg("code %s is missing", code);
		assert_string_equal(s.phrase_en, name);
		assert_string_equal(s.spec, ref);
		assert_string_equal(s.status, status);
		hc_status_release(&s);
		rows++;
	}
	fclose(f);
	assert_int_equal(rows, 64);
	assert_int_equal(scalar("SELECT count(*) FROM status_codes WHERE status <> 'unofficial'"), 64);
}

static void test_104_is_temporary(void **state)
{
	struct hc_status s = { 0 };
	(void)state;
	assert_int_equal(store_status_get(st, 104, &s), 1);
	assert_string_equal(s.status, "temporary");
	assert_string_equal(s.expires, "2026-11-13");
	hc_status_release(&s);
	assert_int_equal(scalar("SELECT count(*) FROM status_codes WHERE expires IS NOT NULL"), 1);
}

static void test_aliases_present(void **state)
{
	FILE *f = fopen("tests/data/phrase-aliases.tsv", "r");
	char line[512];
	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		char *code, *alias, *save = NULL;
		sqlite3_stmt *q;
		if (line[0] == '#' || strncmp(line, "code\t", 5) == 0)
			continue;
		code = strtok_r(line, "\t", &save);
		alias = strtok_r(NULL, "\t", &save);
		assert_int_equal(sqlite3_prepare_v2(db(), "SELECT 1 FROM status_aliases WHERE code = ?1 "
						    "AND alias = ?2", -1, &q, NULL), SQLITE_OK);
		sqlite3_bind_int(q, 1, atoi(code));
		sqlite3_bind_text(q, 2, alias, -1, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_ROW)
			fail_msg("alias '%s' of %s is missing", alias, code);
		sqlite3_finalize(q);
	}
	fclose(f);
}

/* Chinese text has Chinese in it, English text has none: catches a swapped or untranslated
 * field, which a non-empty check would let through. */
#define HAS_CJK(col) "(" col " GLOB '*[一-鿿]*')"
static void test_bilingual(void **state)
{
	static const char *const checks[][2] = {
		{ "status_codes", "code" }, { "categories", "class" },
		{ "vendor_meanings", "number || ' ' || source" },
		{ "mappings", "source || ' ' || error_code" },
		{ "related_codes", "code || '/' || related" },
		{ "concepts", "id" },
	};
	static const char *const pairs[][3] = {
		{ "status_codes", "phrase_zh", "summary_zh" },
		{ "status_codes", "description_zh", "causes_zh" },
		{ "status_codes", "advice_zh", "advice_zh" },
		{ "categories", "name_zh", "description_zh" },
		{ "vendor_meanings", "name_zh", "description_zh" },
		{ "mappings", "description_zh", "description_zh" },
		{ "related_codes", "note_zh", "note_zh" },
		{ "concepts", "words_zh", "words_zh" },
	};
	int bad = 0;
	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		const char *key = NULL;
		char sql[512];
		for (size_t k = 0; k < sizeof checks / sizeof checks[0]; k++)
			if (strcmp(checks[k][0], pairs[i][0]) == 0)
				key = checks[k][1];
		snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE NOT " HAS_CJK("%s") " OR NOT "
			 HAS_CJK("%s"), key, pairs[i][0], pairs[i][1], pairs[i][2]);
		bad += offenders("no Chinese", sql);
	}
	bad += offenders("Chinese in English text",
			 "SELECT code FROM status_codes WHERE " HAS_CJK("summary_en") " OR "
			 HAS_CJK("description_en") " OR " HAS_CJK("advice_en"));
	bad += offenders("Chinese in English text",
			 "SELECT source || ' ' || error_code FROM mappings WHERE "
			 HAS_CJK("description_en") " OR " HAS_CJK("message_en"));
	assert_int_equal(bad, 0);
}

static void test_no_duplicates(void **state)
{
	(void)state;
	/* UNIQUE keeps exact duplicates out; these catch the near ones. */
	assert_int_equal(offenders("duplicate error code (ignoring case)",
		"SELECT source || ' ' || product || ' ' || lower(error_code) || ' ' || coalesce(http_status, '-') FROM mappings "
		"GROUP BY source, product, lower(error_code), http_status HAVING count(*) > 1"), 0);
	assert_int_equal(offenders("duplicate Chinese name",
		"SELECT phrase_zh FROM status_codes WHERE status <> 'unused' "
		"GROUP BY phrase_zh HAVING count(*) > 1"), 0);
	assert_int_equal(offenders("duplicate summary",
		"SELECT summary_en FROM status_codes GROUP BY summary_en HAVING count(*) > 1"), 0);
}

static void test_references_resolve(void **state)
{
	(void)state;
	assert_int_equal(offenders("foreign key", "SELECT \"table\" FROM pragma_foreign_key_check"), 0);
	assert_int_equal(offenders("mapping to unknown status",
		"SELECT error_code FROM mappings WHERE http_status NOT IN (SELECT code FROM status_codes)"), 0);
	/* A code either has documented statuses or none: not both. */
	assert_int_equal(offenders("code both with and without a status",
		"SELECT source || ' ' || error_code FROM mappings a WHERE http_status IS NULL AND EXISTS "
		"(SELECT 1 FROM mappings b WHERE b.source = a.source AND b.product = a.product "
		"AND b.error_code = a.error_code AND b.http_status IS NOT NULL)"), 0);
	assert_int_equal(offenders("related pair without its reverse",
		"SELECT code || '/' || related FROM related_codes r WHERE NOT EXISTS "
		"(SELECT 1 FROM related_codes b WHERE b.code = r.related AND b.related = r.code)"), 0);
	assert_int_equal(offenders("row without provenance",
		"SELECT error_code FROM mappings WHERE trim(ref) = '' "
		"UNION ALL SELECT number FROM vendor_meanings WHERE trim(ref) = ''"), 0);
	/* Each code a concept leads to is a status of ours (blanks between them, no other text). */
	assert_int_equal(offenders("concept leading to an unknown status",
		"WITH RECURSIVE each(id, code, rest) AS ("
		"  SELECT id, '', trim(codes) || ' ' FROM concepts"
		"  UNION ALL SELECT id, substr(rest, 1, instr(rest, ' ') - 1), ltrim(substr(rest, instr(rest, ' ')))"
		"  FROM each WHERE rest <> '')"
		" SELECT id || ' ' || code FROM each WHERE code <> ''"
		"  AND CAST(code AS INTEGER) NOT IN (SELECT code FROM status_codes)"), 0);
	assert_true(scalar("SELECT count(*) FROM concepts") >= 40);
	assert_int_equal(scalar("SELECT count(*) FROM categories"), 5);
}

/* Every reference is an https URL (a vendor's page, an RFC, a source file at a tag). */
static void test_refs_are_urls(void **state)
{
	(void)state;
	assert_int_equal(offenders("ref that is not an https URL",
		"SELECT source || ' ' || error_code || ': ' || ref FROM mappings WHERE ref NOT GLOB 'https://?*'"
		" UNION ALL SELECT source || ' ' || number || ': ' || ref FROM vendor_meanings WHERE ref NOT GLOB 'https://?*'"
		" UNION ALL SELECT code || ': ' || ref FROM status_facts WHERE ref NOT GLOB 'https://?*'"
		" UNION ALL SELECT framework || ' ' || constant FROM constants WHERE ref NOT GLOB 'https://?*'"), 0);
	assert_int_equal(offenders("source without an https page",
		"SELECT id FROM sources WHERE url NOT GLOB 'https://?*'"), 0);
	/* The date its rows were last compared with the page: a real date, not in the future. */
	assert_int_equal(offenders("source without a date it was checked, or with one to come",
		"SELECT id FROM sources WHERE date(checked) IS NULL OR date(checked) <> checked"
		" OR checked > date('now')"), 0);
}

/* What a program can use: every status in use has its facts; content and caching as RFC 9110
 * says (15.1: the heuristically cacheable list; 1xx, 204, 205 and 304 carry no content); a
 * registered status in use shows an exchange whose status line is its own. */
static void test_status_facts(void **state)
{
	(void)state;
	assert_int_equal(offenders("status in use without facts",
		"SELECT code FROM status_codes WHERE status <> 'unused' AND code NOT IN (SELECT code FROM status_facts)"), 0);
	assert_int_equal(offenders("cacheable by default, or not, against RFC 9110 15.1 (and RFC 7725 for 451)",
		"SELECT code FROM status_facts WHERE cacheable <> (code IN (200, 203, 204, 206, 300, 301, 308, 404, 405,"
		" 410, 414, 451, 501))"), 0);
	assert_int_equal(offenders("content where RFC 9110 allows none",
		"SELECT code FROM status_facts WHERE body = 1 AND (code < 200 OR code IN (204, 205, 304))"), 0);
	assert_int_equal(offenders("registered status without an example, or one with another status line",
		"SELECT f.code FROM status_facts f JOIN status_codes s ON s.code = f.code"
		" WHERE s.status IN ('standard', 'temporary') AND instr(f.example, char(10) || 'HTTP/1.1 ' || f.code || ' '"
		" || s.phrase_en) = 0"), 0);
	/* Each header a status names (status_codes.headers) is an entry that goes with it. */
	assert_int_equal(offenders("header named by a status without its entry or its link",
		"WITH RECURSIVE each(code, name, rest) AS ("
		"  SELECT code, '', headers || ',' FROM status_codes WHERE headers <> ''"
		"  UNION ALL SELECT code, trim(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1)"
		"  FROM each WHERE rest <> '')"
		" SELECT code || ' ' || name FROM each WHERE name <> ''"
		"  AND NOT EXISTS (SELECT 1 FROM header_statuses l WHERE l.header = each.name AND l.code = each.code)"), 0);
	assert_true(scalar("SELECT count(*) FROM headers") >= 60);
	assert_int_equal(offenders("header that goes with no status",
		"SELECT name FROM headers WHERE name NOT IN (SELECT header FROM header_statuses)"), 0);
	/* The names of the nine frameworks: each has the common statuses. */
	assert_int_equal(offenders("framework without 200, 404 or 429",
		"SELECT f FROM (SELECT 'go' f UNION SELECT 'python' UNION SELECT 'spring' UNION SELECT 'dotnet'"
		" UNION SELECT 'rust' UNION SELECT 'node' UNION SELECT 'rails' UNION SELECT 'symfony' UNION SELECT 'ktor')"
		" WHERE (SELECT count(DISTINCT code) FROM constants WHERE framework = f AND code IN (200, 404, 429)) < 3"), 0);
}

static void test_seed_mappings(void **state)
{
	static const struct { const char *source, *code; int status; } want[] = {
		{ "alibaba-cloud", "BadRequest", 400 },
		{ "alibaba-cloud", "AccessDenied", 403 },
		{ "alibaba-cloud", "InternalServerError", 500 },
		{ "huawei-cloud", "overLimit", 413 },
		{ "huawei-cloud", "badMediaType", 415 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		hc_mapping_list l = { 0 };
		int found = 0;
		assert_int_equal(store_mappings_by_code(st, want[i].code, &l), 0);
		for (size_t k = 0; k < l.n; k++)
			found |= strcmp(l.items[k].source, want[i].source) == 0 &&
				 l.items[k].http_status == want[i].status;
		if (!found)
			fail_msg("%s %s -> %d is missing", want[i].source, want[i].code, want[i].status);
		hc_mapping_list_release(&l);
	}
}

static void test_text_is_clean(void **state)
{
	(void)state;
	/* Control characters never belong in the data (the loader refuses them too). */
	assert_int_equal(offenders("control character",
		"SELECT code FROM status_codes WHERE description_en GLOB '*[\x01-\x09\x0b-\x1f]*' "
		"OR description_zh GLOB '*[\x01-\x09\x0b-\x1f]*'"), 0);
}

/* ---- our words are ours: nothing copied from the seed documents ---------------------------- */

struct seed_check {
	uint64_t *prints;       /* the seeds' prints, sorted */
	size_t n;
	int copied;
};

static int cmp_print(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static int seed_lookup(void *ctx, uint64_t print, const char *run)
{
	struct seed_check *c = ctx;
	if (!bsearch(&print, c->prints, c->n, sizeof print, cmp_print))
		return 0;
	if (c->copied++ < 10)
		fprintf(stderr, "  copied from a seed: %.*s\n", SEED_RUN_BYTES, run);
	return 1; /* one run is enough to name a text */
}

/* The seeds' prints are in the repository (seedruns.h says why), so this runs everywhere: a
 * missing or empty prints file fails it rather than skipping it. */
static void test_words_are_ours(void **state)
{
	static const char *const fields =
		"SELECT summary_zh || description_zh || causes_zh || advice_zh FROM status_codes"
		" UNION ALL SELECT description_zh || advice_zh FROM mappings"
		" UNION ALL SELECT description_zh FROM vendor_meanings"
		" UNION ALL SELECT note_zh FROM related_codes UNION ALL SELECT description_zh FROM categories";
	struct seed_check c = { 0 };
	size_t cap = 0;
	unsigned long long v;
	sqlite3_stmt *q;
	FILE *f = fopen("tests/data/seed-prints.txt", "r");
	(void)state;
	assert_non_null(f);
	while (fscanf(f, "%llx", &v) == 1) {
		if (c.n == cap)
			c.prints = realloc(c.prints, (cap = cap ? 2 * cap : 4096) * sizeof *c.prints);
		assert_non_null(c.prints);
		c.prints[c.n++] = v;
	}
	fclose(f);
	assert_true(c.n > 1000); /* the seeds hold thousands of runs: a stub file is not a check */
	qsort(c.prints, c.n, sizeof *c.prints, cmp_print);
	assert_int_equal(sqlite3_prepare_v2(db(), fields, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW)
		seed_runs((const char *)sqlite3_column_text(q, 0), seed_lookup, &c);
	sqlite3_finalize(q);
	free(c.prints);
	assert_int_equal(c.copied, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iana_registry_complete),
		cmocka_unit_test(test_104_is_temporary),
		cmocka_unit_test(test_aliases_present),
		cmocka_unit_test(test_bilingual),
		cmocka_unit_test(test_no_duplicates),
		cmocka_unit_test(test_references_resolve),
		cmocka_unit_test(test_guide_walks),
		cmocka_unit_test(test_refs_are_urls),
		cmocka_unit_test(test_status_facts),
		cmocka_unit_test(test_seed_mappings),
		cmocka_unit_test(test_text_is_clean),
		cmocka_unit_test(test_words_are_ours),
	};
	return cmocka_run_group_tests_name("data", tests, setup, teardown);
}
