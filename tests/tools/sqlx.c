/* sqlx: run SQL on a database file with httpcodes' FTS5 tokenizer registered, so that tests
 * can craft user databases the program itself would refuse to write (their search index needs
 * the tokenizer), or hold a lock on one for a while.
 *   sqlx FILE SQL...    each argument is one batch of statements; rows are printed
 *                       tab-separated, one per line. Exit status 1 on any error.
 *                       An argument sleep:N waits N seconds there (holding any lock taken). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_int.h"

static int print_row(void *ctx, int n, char **values, char **names)
{
	(void)ctx;
	(void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "\t" : "", values[i] ? values[i] : "");
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	int rc = 0;

	if (argc < 3) {
		fputs("usage: sqlx FILE SQL...\n", stderr);
		return 2;
	}
	if (sqlite3_open(argv[1], &db) != SQLITE_OK || index_register(db, NULL) != 0) {
		fprintf(stderr, "sqlx: cannot open '%s': %s\n", argv[1], sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	for (int i = 2; i < argc && rc == 0; i++) {
		char *err = NULL;
		if (strncmp(argv[i], "sleep:", 6) == 0) {
			fflush(stdout);
			sleep((unsigned)atoi(argv[i] + 6));
			continue;
		}
		if (sqlite3_exec(db, argv[i], print_row, NULL, &err) != SQLITE_OK) {
			fprintf(stderr, "sqlx: %s\n", err ? err : sqlite3_errmsg(db));
			rc = 1;
		}
		sqlite3_free(err);
	}
	sqlite3_close(db);
	return fflush(stdout) != 0 || ferror(stdout) ? 1 : rc;
}
