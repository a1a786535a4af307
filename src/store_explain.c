/* store_explain: what `explain` asks of the database: the leaves of a JSON body (read with
 * SQLite's own JSON functions, not a parser of ours) and the log phrases a line holds. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* "$.error.details[0].reason" -> "error.details.reason"; "$.\"a.b\".c" -> "a.b.c". */
static void leaf_path(const char *fullkey, struct strbuf *sb)
{
	const char *p = fullkey;
	strbuf_reset(sb);
	if (*p == '$')
		p++;
	while (*p) {
		if (*p == '[') { /* an index: dropped */
			while (*p && *p != ']')
				p++;
			if (*p)
				p++;
		} else if (*p == '.') {
			if (sb->len)
				strbuf_addch(sb, '.');
			p++;
			if (*p == '"') { /* a quoted name */
				p++;
				while (*p && *p != '"')
					strbuf_addch(sb, *p++);
				if (*p)
					p++;
			} else {
				while (*p && *p != '.' && *p != '[')
					strbuf_addch(sb, *p++);
			}
		} else {
			strbuf_addch(sb, *p++);
		}
	}
}

int store_json_leaves(struct store *st, const char *text, size_t len,
		      int (*fn)(void *ctx, const char *path, const char *type, const char *value), void *ctx)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT json_valid(?1)");
	struct strbuf path = STRBUF_INIT;
	int valid = 0, rc;

	if (!q)
		return -1;
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	sqlite3_bind_text(q, 1, text, (int)len, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		valid = sqlite3_column_int(q, 0);
	store_stmt_done(q);
	if (!valid)
		return 1;
	q = store_stmt(st, "SELECT fullkey, type, atom FROM json_tree(?1)"
			   " WHERE type NOT IN ('object', 'array') ORDER BY id");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, text, (int)len, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		leaf_path((const char *)sqlite3_column_text(q, 0), &path);
		if (fn(ctx, path.buf ? path.buf : "", (const char *)sqlite3_column_text(q, 1),
		       (const char *)sqlite3_column_text(q, 2)))
			break;
	}
	store_stmt_done(q);
	strbuf_release(&path);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(st, ERR_READ);
		return -1;
	}
	return 0;
}

int store_has_row(struct store *st, const char *sql, const char *arg)
{
	sqlite3_stmt *q = store_stmt(st, sql);
	int rc;
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, arg, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	store_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(st, ERR_READ);
		return -1;
	}
	return rc == SQLITE_ROW;
}

int store_header_known(struct store *st, const char *name)
{
	return store_has_row(st, "SELECT 1 FROM headers WHERE name = ?1 COLLATE NOCASE", name);
}

static void log_phrase_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_log_phrase, http_status, LOG_PHRASE_TEXT_FIELDS)
}

static void log_phrase_release(void *item)
{
	RECORD_RELEASE(struct hc_log_phrase, LOG_PHRASE_TEXT_FIELDS)
}

void hc_log_phrase_list_release(hc_log_phrase_list *l)
{
	LIST_RELEASE(l, log_phrase_release);
}

#define LOG_PHRASE_COLS "coalesce(http_status, 0)" LOG_PHRASE_TEXT_FIELDS(SQL_COL)

int store_log_phrases(struct store *st, const char *source, const char *line_lower, hc_log_phrase_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " LOG_PHRASE_COLS " FROM log_phrases"
		" WHERE kind = 'phrase' AND (?1 IS NULL OR source = ?1) AND instr(?2, phrase) > 0"
		" ORDER BY length(phrase) DESC, source LIMIT 8");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, line_lower, -1, SQLITE_STATIC);
	return STORE_FILL(st, q, out, log_phrase_read);
}

int store_log_flag(struct store *st, const char *source, const char *flag, hc_log_phrase_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " LOG_PHRASE_COLS " FROM log_phrases"
		" WHERE kind = 'flag' AND source = ?1 AND phrase = ?2");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, flag, -1, SQLITE_STATIC);
	return STORE_FILL(st, q, out, log_phrase_read);
}

int store_meaning_of(struct store *st, int number, const char *source, struct hc_meaning *out)
{
	hc_meaning_list l = { 0 };
	int found = 0;
	memset(out, 0, sizeof *out);
	if (store_meanings(st, number, &l) < 0)
		return -1;
	for (size_t i = 0; i < l.n && !found; i++)
		if (strcmp(l.items[i].source, source) == 0) {
			*out = l.items[i];
			memset(&l.items[i], 0, sizeof l.items[i]);
			found = 1;
		}
	hc_meaning_list_release(&l);
	return found;
}
