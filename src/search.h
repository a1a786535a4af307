/* search: the search index over every record, and ranked queries in either language. */
#ifndef HTTPCODES_SEARCH_H
#define HTTPCODES_SEARCH_H

#include "store.h"

struct sqlite3;

/* At build time (mkdb): create and fill the index tables from the data tables. */
int search_index_build(struct sqlite3 *db);

/* Ranked matches for a free-text query in either language, best first, at most limit.
 * Any input is a valid query; an empty one matches nothing. */
int search_run(struct store *st, const char *query, int limit, hc_hit_list *out);

#endif
