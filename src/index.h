/* index: the full-text index under search. The FTS5 tokenizer "httpcodes" (see tokenize.h),
 * registered on each connection, and the search_fts table built from the data tables. */
#ifndef HTTPCODES_INDEX_H
#define HTTPCODES_INDEX_H

struct sqlite3;

/* Register the tokenizer on db; returns 0 or -1. */
int index_register(struct sqlite3 *db);

/* At build time (mkdb): create and fill main.search_fts from the data tables. */
int index_build(struct sqlite3 *db);

/* CREATE VIRTUAL TABLE statement for a search_fts table; %s is the schema name. */
extern const char index_schema[];

#endif
