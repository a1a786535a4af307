/* search: the search index over every record, and ranked queries in either language. */
#ifndef HTTPCODES_SEARCH_H
#define HTTPCODES_SEARCH_H

#include "store.h"

/* Ranked matches for a free-text query in either language, best first, at most limit.
 * Any input is a valid query; an empty one matches nothing. */
int search_run(struct store *st, const char *query, int limit, hc_hit_list *out);
/* What a search found out about its query, beside the hits. */
struct search_about {
	int closest;            /* no row holds every word: these are the closest matches */
	int compared[2];        /* the first two status codes typed ("503 vs 504"), or 0 */
	long long concept;      /* a thing with no status of its own the query names (a CORS
				 * block): its concept's rowid (store_concept), or 0 */
};
/* search_run, and what it found out about the query. */
int search_find(struct store *st, const char *query, int limit, hc_hit_list *out, struct search_about *about);
/* The same, every match ranked but only the first shown read (0: all of them); *more gets
 * how many were ranked past those. */
int search_find_first(struct store *st, const char *query, int shown, hc_hit_list *out, struct search_about *about,
		      size_t *more);

/* The same search in two steps, for the browser: ranking the matches is cheap, reading and
 * highlighting one costs far more, and a screen shows a few dozen of the two hundred.
 * search_rank ranks them and gives hits of every match, in order, holding only kind, code and
 * score; search_read reads those of ranks [from, to) in full. The hits and the ranking are
 * the caller's (hc_hit_list_release, search_ranking_release). */
struct search_ref {
	long long rowid;        /* in the index it is from */
	double score;
	int user;               /* from the user's index, not the built-in one */
	int kind, code;
	int closest;            /* found by the relaxed pass: holds only some of the words */
};
struct search_ranking {
	struct search_ref *refs;        /* in rank order; none for a code pattern (4xx), read whole */
	size_t n;
	char *expr[2];          /* what each index was searched for (built-in, user), to highlight */
	struct search_about about;
	int by_rowid;           /* every row (search_rank_all): read by rowid, nothing to highlight */
};
int search_rank(struct store *st, const char *query, int limit, struct search_ranking *rank, hc_hit_list *hits);
int search_read(struct store *st, const struct search_ranking *rank, size_t from, size_t to, hc_hit_list *hits);
/* The same for the ranks which[0, n) alone, in any order: a list that groups hits (a number's
 * meanings under it) reads the few of a group without those ranked between them. */
int search_read_some(struct store *st, const struct search_ranking *rank, const size_t *which, size_t n,
		     hc_hit_list *hits);
/* An empty query: every row, in the order a list of everything reads best (the statuses by
 * code, the numbers senders give meanings, the user's business errors, at most user_max of
 * them, the built-in ones, the header fields), none read yet. A failure to read the user's
 * rows is -1 with the built-in rows ranked. */
int search_rank_all(struct store *st, size_t user_max, struct search_ranking *rank, hc_hit_list *hits);
/* Has this hit been read (its texts are there)? */
static inline int search_hit_is_read(const struct hc_hit *h)
{
	return h->ident != NULL;
}
void search_ranking_release(struct search_ranking *rank);

#endif
