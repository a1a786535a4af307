/* countprep: an LD_PRELOAD object that counts how many statements a run prepares, for
 * tests/cli/prepares.sh and make bench. It interposes sqlite3_prepare_v2 and
 * sqlite3_prepare_v3 and, at exit, appends the count as a line to the file named by
 * HTTPCODES_COUNTPREP.
 *
 * What it counts: every call that reaches the dynamic symbol, from the program and from
 * inside libsqlite3 alike (the shared library calls its own API through the PLT): so
 * sqlite3_exec's statements and FTS5's own lazily prepared statements are counted too, as the
 * code review's counter did. What it cannot see: SQLite re-preparing an expired statement
 * itself (after ATTACH or a schema change), which is an internal call. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

static unsigned long count;

typedef int (*prepare_v2_fn)(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
typedef int (*prepare_v3_fn)(sqlite3 *, const char *, int, unsigned, sqlite3_stmt **, const char **);

static void report(void)
{
	const char *path = getenv("HTTPCODES_COUNTPREP");
	FILE *f = path ? fopen(path, "a") : NULL;
	if (!f)
		return;
	fprintf(f, "%lu\n", count);
	fclose(f);
}

static void once(void)
{
	static int done;
	if (!done) {
		done = 1;
		atexit(report);
	}
}

int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **q, const char **tail)
{
	static prepare_v2_fn next;
	if (!next)
		*(void **)&next = dlsym(RTLD_NEXT, "sqlite3_prepare_v2");
	once();
	count++;
	return next(db, sql, n, q, tail);
}

int sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned flags, sqlite3_stmt **q,
		       const char **tail)
{
	static prepare_v3_fn next;
	if (!next)
		*(void **)&next = dlsym(RTLD_NEXT, "sqlite3_prepare_v3");
	once();
	count++;
	return next(db, sql, n, flags, q, tail);
}
