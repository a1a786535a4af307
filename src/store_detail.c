/* store_detail: everything about one status read at once, so that the faces render it from
 * memory (doc_status, the JSON writer, the browser's detail pane) and never query again. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* The user's bookmark and note on code, in one statement (prepared once per store). */
static int read_marks(struct store *st, int code, struct hc_status_detail *out)
{
	sqlite3_stmt *q;
	int rc;

	if (!st->has_user)
		return 0;
	q = store_stmt(st, "SELECT EXISTS (SELECT 1 FROM user.bookmarks WHERE code = ?1),"
			   " (SELECT note FROM user.notes WHERE code = ?1)");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->bookmarked = sqlite3_column_int(q, 0);
		if (sqlite3_column_type(q, 1) != SQLITE_NULL)
			out->note = store_col_dup(q, 1);
	} else {
		store_fail(st, ERR_READ);
	}
	store_stmt_done(q);
	return rc == SQLITE_ROW ? 0 : -1;
}

static void constant_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_constant, code, CONSTANT_TEXT_FIELDS)
}

static void constant_release(void *item)
{
	RECORD_RELEASE(struct hc_constant, CONSTANT_TEXT_FIELDS)
}

static void header_link_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_header_link, code, HEADER_LINK_TEXT_FIELDS)
}

static void header_link_release(void *item)
{
	RECORD_RELEASE(struct hc_header_link, HEADER_LINK_TEXT_FIELDS)
}

/* The frameworks in the order shown: the most used first. */
#define FRAMEWORK_ORDER \
	"CASE framework WHEN 'go' THEN 1 WHEN 'python' THEN 2 WHEN 'spring' THEN 3 WHEN 'dotnet' THEN 4" \
	" WHEN 'node' THEN 5 WHEN 'rust' THEN 6 WHEN 'rails' THEN 7 WHEN 'symfony' THEN 8 ELSE 9 END"

static int read_constants(struct store *st, int code, hc_constant_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT code" CONSTANT_TEXT_FIELDS(SQL_COL) " FROM constants WHERE code = ?1"
				     " ORDER BY " FRAMEWORK_ORDER ", constant");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	return STORE_FILL(st, q, out, constant_read);
}

/* required first, then usual, then related; by name within each. */
static int read_header_links(struct store *st, int code, hc_header_link_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT l.code, l.header, l.role, h.summary_en, h.summary_zh, l.note_en, l.note_zh"
				     " FROM header_statuses l JOIN headers h ON h.name = l.header WHERE l.code = ?1"
				     " ORDER BY CASE l.role WHEN 'required' THEN 1 WHEN 'usual' THEN 2 ELSE 3 END, l.header");
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	return STORE_FILL(st, q, out, header_link_read);
}

static int read_facts(struct store *st, int code, struct hc_facts *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT code, cacheable, body" FACTS_TEXT_FIELDS(SQL_COL)
				     " FROM status_facts WHERE code = ?1");
	int rc;
	if (!q)
		return -1;
	sqlite3_bind_int(q, 1, code);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		struct hc_facts *r = out;
		int i = 3;
		r->code = sqlite3_column_int(q, 0);
		r->cacheable = sqlite3_column_int(q, 1);
		r->body = sqlite3_column_int(q, 2);
		FACTS_TEXT_FIELDS(READ_COL)
	} else if (rc != SQLITE_DONE) {
		store_fail(st, ERR_READ);
	}
	store_stmt_done(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static void facts_release(struct hc_facts *f)
{
	void *item = f;
	RECORD_RELEASE(struct hc_facts, FACTS_TEXT_FIELDS)
}

int store_header_get(struct store *st, const char *name, struct hc_header *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT 1" HEADER_TEXT_FIELDS(SQL_COL) " FROM headers WHERE name = ?1 COLLATE NOCASE");
	int rc;
	memset(out, 0, sizeof *out);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		void *item = out;
		RECORD_READ(struct hc_header, found, HEADER_TEXT_FIELDS)
	} else if (rc != SQLITE_DONE) {
		store_fail(st, ERR_READ);
	}
	store_stmt_done(q);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	q = store_stmt(st, "SELECT l.code, l.header, l.role, '', '', l.note_en, l.note_zh FROM header_statuses l"
			   " WHERE l.header = ?1 ORDER BY CASE l.role WHEN 'required' THEN 1 WHEN 'usual' THEN 2 ELSE 3 END, l.code");
	if (!q || (sqlite3_bind_text(q, 1, out->name, -1, SQLITE_TRANSIENT), STORE_FILL(st, q, &out->statuses, header_link_read)) < 0) {
		hc_header_release(out);
		return -1;
	}
	return 1;
}

void hc_header_release(struct hc_header *h)
{
	void *item = h;
	LIST_RELEASE(&h->statuses, header_link_release);
	{
		RECORD_RELEASE(struct hc_header, HEADER_TEXT_FIELDS)
	}
}

int store_status_detail(struct store *st, int code, struct hc_status_detail *out)
{
	int found;

	memset(out, 0, sizeof *out);
	found = store_status_get(st, code, &out->status);
	if (found != 1)
		return found;
	/* A class without a row (never in the built-in data) shows with empty names. */
	if (store_category_get(st, code / 100, &out->category) < 0 ||
	    store_aliases(st, code, &out->aliases) < 0 || store_related(st, code, &out->related) < 0 ||
	    store_meanings(st, code, &out->meanings) < 0 ||
	    store_mappings_by_status(st, code, &out->mappings, &out->mappings_more) < 0 || read_marks(st, code, out) < 0 ||
	    read_constants(st, code, &out->constants) < 0 || read_header_links(st, code, &out->headers) < 0 ||
	    read_facts(st, code, &out->facts) < 0) {
		hc_status_detail_release(out);
		return -1;
	}
	return 1;
}

void hc_status_detail_release(struct hc_status_detail *d)
{
	hc_status_release(&d->status);
	hc_category_release(&d->category);
	hc_alias_list_release(&d->aliases);
	hc_related_list_release(&d->related);
	hc_meaning_list_release(&d->meanings);
	hc_mapping_list_release(&d->mappings);
	LIST_RELEASE(&d->constants, constant_release);
	LIST_RELEASE(&d->headers, header_link_release);
	facts_release(&d->facts);
	free(d->note);
	memset(d, 0, sizeof *d);
}
