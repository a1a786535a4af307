/* libFuzzer target: the tokenizer (both modes) and the whole query path (splitting, escaping
 * into FTS5 phrases, pinyin and typo alternatives) against the built-in index.
 *   make fuzz            (FUZZ_SECONDS=N to run longer)
 * Invariants: every token's offsets lie inside the input and it is never empty or too long;
 * no input makes a query fail (an FTS5 syntax error would). */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "store.h"
#include "tokenize.h"

static int check(void *ctx, int flags, const char *t, int len, int start, int end)
{
	int n = *(int *)ctx;
	(void)flags;
	if (len <= 0 || len > TOK_MAX || start < 0 || start > end || end > n || !t)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *st;
	char *text;
	int n = (int)size;
	hc_hit_list hits = { 0 };

	if (!st) {
		struct hc_err err;
		setlocale(LC_ALL, "C.UTF-8");
		st = store_open(&err);
		if (!st)
			abort();
	}
	if (size > 4096)
		return 0;
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	tokenize(text, n, TOK_DOCUMENT, check, &n);
	tokenize(text, n, TOK_QUERY, check, &n);
	if (search_run(st, text, 10, &hits) != 0) {
		fprintf(stderr, "query failed: code %d, SQLite %d\n", (int)store_err(st)->code, store_err(st)->sqlite_rc);
		abort();
	}
	hc_hit_list_release(&hits);
	free(text);
	return 0;
}
