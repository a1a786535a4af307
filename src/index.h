/* index: the full-text index under search. The FTS5 tokenizer "httpcodes" (see tokenize.h),
 * registered on each connection, and the search_fts table built from the data tables. */
#ifndef HTTPCODES_INDEX_H
#define HTTPCODES_INDEX_H

struct sqlite3;

/* Rows picked by rowid, sorted by it, each with the rank the caller gave it. Bound with
 * sqlite3_bind_pointer(..., "hc_pick", ...), it lets one pass over a query's matches read only
 * the picked rows: WHERE hc_pick(rowid, ?) IS NOT NULL. */
struct index_pick_row {
	long long rowid;
	int rank;
};
struct index_pick {
	struct index_pick_row *rows;
	int n;
};

/* Register the tokenizer and hc_pick() on db; returns 0 or -1. */
int index_register(struct sqlite3 *db);

/* At build time (mkdb): create and fill main.search_fts from the data tables. */
int index_build(struct sqlite3 *db);

/* CREATE VIRTUAL TABLE statement for a search_fts table; %s is the schema name. */
extern const char index_schema[];

#endif
