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
	    store_mappings_by_status(st, code, &out->mappings, &out->mappings_more) < 0 || read_marks(st, code, out) < 0) {
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
	free(d->note);
	memset(d, 0, sizeof *d);
}
