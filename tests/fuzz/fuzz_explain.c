/* libFuzzer target: explain's reader (a response, a JSON or XML body, a log line, text), the
 * log-line parser and the summary, and the text the explanation is drawn as, against the
 * built-in data.
 *   make fuzz            (FUZZ_SECONDS=N to run longer)
 * Invariants: no input crashes, leaks or hangs the reader; every status is 0 or a number of
 * 100-999; no database call fails; the text drawn holds no control character but the doc's
 * own markers (nothing of the input reaches a terminal raw). */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "explain.h"
#include "store.h"
#include "text.h"
#include "xmlread.h"

static int count_leaf(void *ctx, const char *path, const char *text)
{
	(void)path;
	if (!text || !*text)
		abort(); /* a leaf is never empty */
	++*(int *)ctx;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *st;
	struct explain e;
	struct ex_log_line l;
	struct ex_summary *sum;
	struct doc d;
	struct doc_explain_in in = { 0 };
	const char *text = (const char *)data;
	const char *p = text, *end = text + size;
	int rc, leaves = 0;

	if (!st) {
		struct hc_err err;
		setlocale(LC_ALL, "C.UTF-8");
		if (!(st = store_open(&err)))
			abort();
	}
	if (size > 65536)
		return 0;
	rc = explain_text(st, text, size, &e);
	if (rc < 0) {
		fprintf(stderr, "explain failed: code %d, SQLite %d\n", (int)store_err(st)->code, store_err(st)->sqlite_rc);
		abort();
	}
	if (e.status < 0 || (e.status && (e.status < 100 || e.status > 999)) || e.nheaders > EXPLAIN_MAX_HEADERS ||
	    e.nchain > EXPLAIN_MAX_CHAIN)
		abort();
	in.e = &e;
	doc_init(&d, LANG_BOTH, 60, "2026-11-29");
	doc_explain(&d, &in);
	for (size_t i = 0; i < d.n; i++)
		for (const char *c = d.lines[i].text; *c; c++)
			if ((unsigned char)*c < 0x20 && !text_is_marker(*c))
				abort();
	doc_release(&d);
	explain_release(&e);
	/* Line by line, as a log is summarised. */
	sum = calloc(1, sizeof *sum);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end;
		enum ex_log_format f = explain_log_parse(p, (size_t)(le - p), &l);
		if (l.status < 0 || l.status > 999 || (f != EX_LOG_NONE && l.has_status && l.status && l.status < 100))
			abort();
		if (l.flags && (l.flags < p || l.flags + l.nflags > le))
			abort();
		explain_summary_add(sum, p, (size_t)(le - p));
		p = nl ? nl + 1 : end;
	}
	free(sum);
	xmlread_leaves(text, size, count_leaf, &leaves);
	return 0;
}
