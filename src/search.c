#include "search.h"

#include <string.h>

#include <sqlite3.h>

#include "text.h"

#define MAX_TERMS 16

/* Split query at blanks into lower-cased terms; returns the count. */
static int split_terms(const char *query, struct strbuf *terms)
{
	int n = 0;
	const char *p = query;

	while (*p && n < MAX_TERMS) {
		const char *e;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
			e++;
		{
			struct strbuf raw = STRBUF_INIT;
			strbuf_add(&raw, p, (size_t)(e - p));
			text_ascii_lower(&terms[n++], strbuf_str(&raw));
			strbuf_release(&raw);
		}
		p = e;
	}
	return n;
}

int search_run(struct store *st, const char *query, int limit, hc_hit_list *out)
{
	struct strbuf terms[MAX_TERMS];
	struct strbuf where = STRBUF_INIT, score = STRBUF_INIT;
	sqlite3_stmt *q = NULL;
	char *sql;
	int n, rc;

	for (int i = 0; i < MAX_TERMS; i++)
		terms[i] = (struct strbuf)STRBUF_INIT;
	n = split_terms(query, terms);
	if (n == 0)
		return 0;
	/* Every term must occur somewhere; where it occurs decides the score. Terms are bound as
	 * parameters ?1..?n, never pasted into the SQL. */
	for (int i = 1; i <= n; i++) {
		strbuf_addf(&where, "%sinstr(k_ident || ' ' || k_names || ' ' || k_summary || ' ' || "
			    "k_body, ?%d) > 0", i > 1 ? " AND " : "", i);
		strbuf_addf(&score, "%s(CASE WHEN k_ident = ?%d THEN 100 "
			    "WHEN instr(k_ident, ?%d) = 1 THEN 40 WHEN instr(k_names, ?%d) THEN 20 "
			    "WHEN instr(k_summary, ?%d) THEN 5 ELSE 1 END)",
			    i > 1 ? " + " : "", i, i, i, i);
	}
	sql = sqlite3_mprintf("SELECT %s FROM (SELECT *, %s AS score FROM search_docs WHERE %s) "
			      "ORDER BY score DESC, kind, code, source, ident LIMIT %d",
			      store_hit_cols(), strbuf_str(&score), strbuf_str(&where), limit);
	rc = sql ? sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	strbuf_release(&where);
	strbuf_release(&score);
	if (rc != SQLITE_OK) {
		store_set_error(st, "cannot search");
		for (int i = 0; i < n; i++)
			strbuf_release(&terms[i]);
		return -1;
	}
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(q, i + 1, strbuf_str(&terms[i]), -1, SQLITE_TRANSIENT);
	for (int i = 0; i < n; i++)
		strbuf_release(&terms[i]);
	return store_hits(st, q, out);
}
