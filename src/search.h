/* search: the search index over every record, and ranked queries in either language. */
#ifndef HTTPCODES_SEARCH_H
#define HTTPCODES_SEARCH_H

#include "store.h"

/* Ranked matches for a free-text query in either language, best first, at most limit.
 * Any input is a valid query; an empty one matches nothing. */
int search_run(struct store *st, const char *query, int limit, hc_hit_list *out);

#endif
