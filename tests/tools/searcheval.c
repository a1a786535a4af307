/* searcheval: how well search answers the way people ask (issue 15), measured on an evaluation
 * set; a figure, never a test: a low score does not fail, a malformed set does.
 *
 *   searcheval FILE.tsv       every query of FILE through search_run on the built-in data (no
 *                             user database), as `httpcodes --json search` runs it; per kind and
 *                             overall, how many have an acceptable code first and in the top 3,
 *                             then the misses with what came first
 *
 * The format is described in tests/search/README.md. What is compared is the code column of the
 * results (`code` in `--json search`): the status of a status row, the code a sender means for
 * a meaning row, and the HTTP status a business error is returned with. Exit status: 0 whatever
 * the score, 2 for a malformed file, 1 when the store cannot be opened or searched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "text.h" /* xrealloc, xstrdup: out of memory ends the program */

#define TOP 3           /* the measure: an acceptable code among the first TOP results */
#define MAX_ITEMS 8     /* codes in one all-of group (503+504) */
#define MAX_ALTS 8      /* alternatives on one row */
#define MAX_SOURCE 32

/* The kinds of issue 15, and plain names and codes as the baseline. */
static const char *const kinds[] = {
	"question", "pasted", "code_in_text", "comparison", "concept", "whole_word", "vendor",
	"stable", "plain",
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* One code a result must have, from one source when source is not empty (404@alibaba-cloud). */
struct want {
	int code;
	char source[MAX_SOURCE];
};
/* Codes that must all be in the top 3 (503+504); one alone is the common case. */
struct group {
	struct want items[MAX_ITEMS];
	int n;
};
struct row {
	int kind, line;
	char *query, *acceptable;
	struct group alts[MAX_ALTS];    /* any one of them will do */
	int nalts;
};

static int bad(const char *file, int line, const char *what)
{
	fprintf(stderr, "searcheval: %s:%d: %s\n", file, line, what);
	return -1;
}

static int kind_of(const char *s)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(s, kinds[i]) == 0)
			return (int)i;
	return -1;
}

/* "404 410" or "503+504" or "404@aws": a code is three digits, 100 to 599. */
static int parse_want(char *s, struct want *w)
{
	char *at = strchr(s, '@');
	char *end;
	long code;

	w->source[0] = '\0';
	if (at) {
		*at++ = '\0';
		if (!*at || strlen(at) >= MAX_SOURCE || strspn(at, "abcdefghijklmnopqrstuvwxyz-") != strlen(at))
			return -1;
		snprintf(w->source, sizeof w->source, "%s", at);
	}
	code = strtol(s, &end, 10);
	if (strlen(s) != 3 || *end || code < 100 || code > 599)
		return -1;
	w->code = (int)code;
	return 0;
}

static int parse_acceptable(const char *field, struct row *r)
{
	char *copy = xstrdup(field), *save = NULL;
	int rc = 0;

	r->nalts = 0;
	for (char *alt = strtok_r(copy, " ", &save); alt && rc == 0; alt = strtok_r(NULL, " ", &save)) {
		struct group *g;
		char *save2 = NULL;
		if (r->nalts == MAX_ALTS || alt[0] == '+' || alt[strlen(alt) - 1] == '+' || strstr(alt, "++")) {
			rc = -1;
			break;
		}
		g = &r->alts[r->nalts++];
		g->n = 0;
		for (char *item = strtok_r(alt, "+", &save2); item; item = strtok_r(NULL, "+", &save2))
			if (g->n == MAX_ITEMS || parse_want(item, &g->items[g->n++]) < 0) {
				rc = -1;
				break;
			}
	}
	free(copy);
	return rc == 0 && r->nalts > 0 ? 0 : -1;
}

static void rows_free(struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].query);
		free(rows[i].acceptable);
	}
	free(rows);
}

/* The rows of file, checked whole before any is searched: a malformed set measures nothing. */
static struct row *load(const char *file, size_t *n)
{
	static const char header[] = "kind\tquery\tacceptable\tnote";
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0, nrows = 0, rcap = 0;
	ssize_t len;
	int lineno = 0, seen_header = 0, failed = 0;
	struct row *rows = NULL;

	if (!f) {
		perror(file);
		return NULL;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *field[5], *p = line;
		int nf = 0;
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			failed |= bad(file, lineno, "a carriage return: the file must have Unix line ends");
		if (len == 0 || line[0] == '#')
			continue;
		if (!seen_header) {
			if (strcmp(line, header) != 0)
				failed |= bad(file, lineno, "the first line that is not a comment must be the header 'kind<TAB>query<TAB>acceptable<TAB>note'");
			seen_header = 1;
			continue;
		}
		while (nf < 5) {
			field[nf++] = p;
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (nf != 4) {
			failed |= bad(file, lineno, "expected 4 tab-separated fields: kind, query, acceptable, note");
			continue;
		}
		if (nrows == rcap)
			rows = xrealloc(rows, (rcap = rcap ? rcap * 2 : 256) * sizeof *rows);
		struct row *r = &rows[nrows];
		r->line = lineno;
		r->kind = kind_of(field[0]);
		if (r->kind < 0) {
			failed |= bad(file, lineno, "unknown kind (question pasted code_in_text comparison concept whole_word vendor stable plain)");
			continue;
		}
		if (!*field[1] || field[1][0] == ' ' || field[1][strlen(field[1]) - 1] == ' ') {
			failed |= bad(file, lineno, "the query is empty or has blanks around it");
			continue;
		}
		if (parse_acceptable(field[2], r) < 0) {
			failed |= bad(file, lineno, "acceptable: codes 100-599 separated by single spaces, all-of groups joined by '+', a source as CODE@source-id");
			continue;
		}
		if (!*field[3]) {
			failed |= bad(file, lineno, "the note is empty: say what the query tests");
			continue;
		}
		for (size_t i = 0; i < nrows; i++)
			if (strcmp(rows[i].query, field[1]) == 0) {
				failed |= bad(file, lineno, "the same query again (first on an earlier line)");
				goto next;
			}
		r->query = xstrdup(field[1]);
		r->acceptable = xstrdup(field[2]);
		nrows++;
next:;
	}
	free(line);
	fclose(f);
	if (!seen_header)
		failed |= bad(file, lineno, "no header line");
	else if (!nrows && !failed)
		failed |= bad(file, lineno, "no queries");
	if (failed) {
		rows_free(rows, nrows);
		return NULL;
	}
	*n = nrows;
	return rows;
}

/* Every CODE@source names a source of the built-in data: a misspelt one would never match. */
static int check_sources(struct store *st, const char *file, const struct row *rows, size_t n)
{
	int failed = 0;
	for (size_t i = 0; i < n; i++)
		for (int a = 0; a < rows[i].nalts; a++)
			for (int j = 0; j < rows[i].alts[a].n; j++) {
				const char *id = rows[i].alts[a].items[j].source;
				struct hc_source s = { 0 };
				if (!*id)
					continue;
				if (store_source_get(st, id, &s) != 1)
					failed |= bad(file, rows[i].line, "no such source in the built-in data");
				hc_source_release(&s);
			}
	return failed;
}

static int hit_is(const struct hc_hit *h, const struct want *w)
{
	return h->code == w->code && (!w->source[0] || (h->source && strcmp(h->source, w->source) == 0));
}

/* Is every code of g among the first top hits? */
static int group_in(const struct group *g, const hc_hit_list *hits, size_t top)
{
	for (int i = 0; i < g->n; i++) {
		size_t j = 0;
		while (j < top && j < hits->n && !hit_is(&hits->items[j], &g->items[i]))
			j++;
		if (j == top || j == hits->n)
			return 0;
	}
	return 1;
}

/* Top 1: one alone is first; for an all-of group, all are in the top 3 and one of them first. */
static int first_ok(const struct row *r, const hc_hit_list *hits)
{
	for (int a = 0; a < r->nalts; a++) {
		const struct group *g = &r->alts[a];
		if (!hits->n || !group_in(g, hits, g->n == 1 ? 1 : TOP))
			continue;
		for (int i = 0; i < g->n; i++)
			if (hit_is(&hits->items[0], &g->items[i]))
				return 1;
	}
	return 0;
}

static int top_ok(const struct row *r, const hc_hit_list *hits)
{
	for (int a = 0; a < r->nalts; a++)
		if (group_in(&r->alts[a], hits, TOP))
			return 1;
	return 0;
}

static void print_hit(const struct hc_hit *h)
{
	char code[16];
	snprintf(code, sizeof code, "%d", h->code);
	printf("%d", h->code);
	if (h->ident && strcmp(h->ident, code) != 0)
		printf(" %s", h->ident);
	if (h->source && *h->source)
		printf(" [%s]", h->source);
	printf(" %s", h->name_en ? h->name_en : "");
}

/* Every row through the search, the figures per kind, then the misses: 0, or 1 when a search
 * fails. The results are all kept so that the misses can be listed after the table. */
static int measure(struct store *st, const char *file, const struct row *rows, size_t n)
{
	hc_hit_list *results = xcalloc(n, sizeof *results);
	char *missed = xcalloc(n, 1);
	int n_kind[NKINDS] = { 0 }, top1[NKINDS] = { 0 }, top3[NKINDS] = { 0 };
	int all = 0, all1 = 0, all3 = 0, rc = 0;

	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		if (search_run(st, r->query, 20, &results[i]) < 0) {
			fprintf(stderr, "searcheval: %s:%d: the search failed\n", file, r->line);
			rc = 1;
			break;
		}
		int one = first_ok(r, &results[i]), three = top_ok(r, &results[i]);
		n_kind[r->kind]++;
		top1[r->kind] += one;
		top3[r->kind] += three;
		missed[i] = !three;
	}
	for (size_t k = 0; k < NKINDS; k++) {
		all += n_kind[k];
		all1 += top1[k];
		all3 += top3[k];
	}

	if (rc == 0) {
		printf("search-eval: %s, %zu queries; an acceptable code first, and among the first %d\n", file, n, TOP);
		printf("  %-14s %5s %12s %12s\n", "kind", "n", "top 1", "top 3");
		for (size_t k = 0; k < NKINDS; k++)
			if (n_kind[k])
				printf("  %-14s %5d %5d %5.1f%% %5d %5.1f%%\n", kinds[k], n_kind[k], top1[k],
				       100.0 * top1[k] / n_kind[k], top3[k], 100.0 * top3[k] / n_kind[k]);
		printf("  %-14s %5d %5d %5.1f%% %5d %5.1f%%\n", "all", all, all1, all ? 100.0 * all1 / all : 0.0,
		       all3, all ? 100.0 * all3 / all : 0.0);

		printf("misses (not in the top %d): %d\n", TOP, all - all3);
		for (size_t k = 0; k < NKINDS; k++)
			for (size_t i = 0; i < n; i++) {
				const hc_hit_list *h = &results[i];
				if (!missed[i] || rows[i].kind != (int)k)
					continue;
				printf("  %-12s %s  (line %d, wants %s)\n    got: ", kinds[k], rows[i].query,
				       rows[i].line, rows[i].acceptable);
				if (!h->n)
					printf("nothing");
				else
					print_hit(&h->items[0]);
				for (size_t j = 1; j < TOP && j < h->n; j++)
					printf("; then %d", h->items[j].code);
				putchar('\n');
			}
	}

	for (size_t i = 0; i < n; i++)
		hc_hit_list_release(&results[i]);
	free(results);
	free(missed);
	return rc;
}

int main(int argc, char **argv)
{
	struct hc_err err;
	struct store *st;
	struct row *rows;
	size_t n = 0;
	int rc;

	if (argc != 2) {
		fputs("usage: searcheval FILE.tsv\n", stderr);
		return 2;
	}
	rows = load(argv[1], &n);
	if (!rows)
		return 2;
	st = store_open(&err);
	if (!st) {
		fprintf(stderr, "searcheval: cannot open the built-in data: error %d\n", (int)err.code);
		rc = 1;
	} else if (check_sources(st, argv[1], rows, n) < 0) {
		rc = 2;
	} else {
		rc = measure(st, argv[1], rows, n);
	}
	store_free(st);
	rows_free(rows, n);
	return rc;
}
