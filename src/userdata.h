/* userdata: the user's own mappings as files: reading CSV (libcsv) and JSON (SQLite's JSON
 * functions), checking every row, and reporting each problem with its line. */
#ifndef HTTPCODES_USERDATA_H
#define HTTPCODES_USERDATA_H

#include <stdio.h>

#include "lang.h"
#include "store.h"

struct problem {
	int line;               /* 0: the file as a whole */
	enum msg_id id;
	char *detail;           /* the %s of the message (sanitised), owned */
};

struct problems {
	struct problem *items;
	size_t n, cap;
	int *bad_lines;         /* lines that have a problem, for skipping them */
};

void problems_add(struct problems *p, int line, enum msg_id id, const char *detail);
int problems_has_line(const struct problems *p, int line);
void problems_release(struct problems *p);

struct user_rows {
	struct user_row *items;
	size_t n, cap;
};
void user_rows_release(struct user_rows *r);

/* Read a CSV (header row, RFC 4180, UTF-8 with or without a BOM) or a JSON array of objects
 * (told apart by the first character). Rows are added to out; problems to p. Returns -1 when
 * the file cannot be read at all. */
int userdata_read(struct store *st, const char *path, struct user_rows *out, struct problems *p);

/* The same, from text in memory (NUL-terminated, len bytes). */
void userdata_parse(struct store *st, const char *text, size_t len, struct user_rows *out,
		    struct problems *p);

/* Check each row: error code, status, UTF-8, control characters, a message, lengths,
 * duplicates within the rows. */
void userdata_check(const struct user_rows *rows, struct problems *p);

/* Check one row given on the command line (line 0). */
void userdata_check_row(const struct user_row *r, int line, struct problems *p, int partial);

/* Write rows as CSV (a header row, every field quoted) and flush f. CSV has no escapes, so a
 * row with a control character (newline and tab aside, which CSV quotes) or invalid UTF-8 in a
 * field could reach a terminal raw: then nothing is written, *bad is its index and 1 is
 * returned. -1 when a write fails (errno says why), else 0. */
int userdata_write_csv(FILE *f, const struct user_row *rows, size_t n, size_t *bad);

#endif
