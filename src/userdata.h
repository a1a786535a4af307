/* userdata: the user's own mappings as files: reading CSV (libcsv) and JSON (SQLite's JSON
 * functions), checking every row, and reporting each problem with its line. */
#ifndef HTTPCODES_USERDATA_H
#define HTTPCODES_USERDATA_H

#include <stdio.h>

#include "lang.h"
#include "store.h"

/* An import is read as a stream, in the memory of one row, so a file may be of any length; but
 * a file of more rows than this is refused (MSG_P_TOO_BIG and README say the same figure), since
 * each row's key is kept to find duplicates, and each row with a problem is said. */
#define USERDATA_MAX_ROWS 2000000
/* No good row is this long (ten fields of at most 8,000 bytes): a longer CSV record or JSON
 * element (an unclosed quote, say) ends the reading before it takes the memory. */
#define USERDATA_MAX_ROW_BYTES ((size_t)1 << 20)

/* Where a row came from is its "line": a CSV row's line, or in a JSON array the element's
 * number, counted from 1 (a minified array is one line: its rows are told apart by element,
 * and the line each element starts on is kept beside, for the messages). */
struct problem {
	int line;               /* 0: the file as a whole */
	enum msg_id id;         /* what is wrong; MSG_COUNT_ (none of ours) when why says it all */
	int field;              /* the enum user_field it is about, or -1 */
	char *detail;           /* the %s of the message (sanitised), owned; a count's is the count */
	struct hc_err why;      /* when code is not ERR_NONE, the %s instead: a reason from below */
};

struct problems {
	struct problem *items;
	size_t n, cap;
	int *lines;             /* the lines that have a problem: a hash set, 0 an empty slot */
	size_t nlines, lines_cap; /* nlines: how many rows (or elements) have one */
	int whole_file;         /* a problem with line 0, or a CSV header that cannot be read */
	int elements;           /* the lines are JSON elements */
	int *element_lines;     /* the line each element starts on, by element - 1; owned (four
				 * bytes an element: the one thing kept of every row read) */
	size_t nelements;
};

void problems_add(struct problems *p, int line, enum msg_id id, const char *detail);
/* The same with a reason from below (the store, the CSV parser) as its %s. */
void problems_add_err(struct problems *p, int line, enum msg_id id, const struct hc_err *why);
/* A reason from below that says the whole problem (a row the database refused). */
void problems_add_reason(struct problems *p, int line, const struct hc_err *why);
/* A problem with one field of a row; the message's %s is detail, or the field's name if NULL. */
void problems_add_field(struct problems *p, int line, enum msg_id id, enum user_field field,
			const char *detail);
/* Whether line has a problem, or the whole file has one. */
int problems_has_line(const struct problems *p, int line);
/* The line of the file a problem's line stands for (an element's first line; 0 if unknown). */
int problems_file_line(const struct problems *p, int line);
void problems_release(struct problems *p);

struct user_rows {
	struct user_row *items;
	size_t n, cap;
};
void user_rows_release(struct user_rows *r);

/* The one form of a key (team, product, error code; the status too): blanks trimmed at both
 * ends, ASCII and Unicode spaces alike. Import, add, edit, rm and the browser's form all go
 * through it, so export then import gives back the same keys. Returns a new string (owned by
 * the caller); "" when s is blank, and a blank error code is a missing one. */
char *userdata_key(const char *s);
/* Set field f of r (which owns its fields) to a copy of value, or unset it when value is NULL;
 * a key or the status in the form userdata_key gives. */
void userdata_row_set(struct user_row *r, enum user_field f, const char *value);
/* Put every key of r (which owns its fields) and its status in that form. */
void userdata_normalise(struct user_row *r);

/* What userdata_import hands each row to, as soon as it is read and checked: r (its keys in
 * their one form) is the reader's, and freed on return; ok is 0 when the row has a problem (p
 * says which). Nonzero stops the reading. */
typedef int (*userdata_row_fn)(void *ctx, const struct user_row *r, int ok);

/* Read a CSV (header row, RFC 4180, UTF-8 with or without a BOM) or a JSON array of objects
 * (told apart by the first character) from path ("-": standard input), a chunk at a time, and
 * check each row as userdata_check does. Problems go to p; a problem of the whole file (not
 * text, not JSON, more than USERDATA_MAX_ROWS rows), found however late, replaces whatever p
 * held and ends the reading, so the rows handed on before it must be undone. Returns -1 when
 * the file cannot be read, errno saying why. */
int userdata_import(struct store *st, const char *path, struct problems *p, userdata_row_fn fn, void *ctx);

/* Read text in memory (NUL-terminated, len bytes) as userdata_import reads a file (in small
 * pieces, so that every chunk boundary is crossed somewhere), without the checks: rows are
 * added to out, problems to p. */
void userdata_parse(struct store *st, const char *text, size_t len, struct user_rows *out,
		    struct problems *p);

/* Check each row (its keys put in the one form first): error code, status, UTF-8, control
 * and invisible characters, a message, lengths, duplicates within the rows. Linear in the
 * number of rows. */
void userdata_check(const struct user_rows *rows, struct problems *p);

/* Check one row given on the command line or in the form (line 0); partial for an edit,
 * where only what changes is given. */
void userdata_check_row(const struct user_row *r, int line, struct problems *p, int partial);

/* Write rows as CSV (a header row, every field quoted) and flush f, each record ended by "\n",
 * or by RFC 4180's "\r\n" when crlf (a newline inside a field is written as it is stored, "\n",
 * either way: the import reads both back as they were). CSV has no escapes, so a
 * row with a control character (newline and tab aside, which CSV quotes) or invalid UTF-8 in a
 * field could reach a terminal raw: then nothing is written, *bad is its index and 1 is
 * returned. -1 when a write fails (errno says why), else 0. */
int userdata_write_csv(FILE *f, const struct user_row *rows, size_t n, int crlf, size_t *bad);

#endif
