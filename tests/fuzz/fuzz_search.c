/* libFuzzer target: the tokenizer (all modes) and the whole query path (splitting, escaping
 * into FTS5 phrases, pinyin and typo alternatives) against the built-in index and a user's
 * lean index (pinyin made into the characters its readings table holds).
 *   make fuzz            (FUZZ_SECONDS=N to run longer)
 * Invariants: every token's offsets lie inside the input and it is never empty or too long;
 * no input makes a query fail (an FTS5 syntax error would). */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The user's database the searches run over, removed (with its WAL) at exit. */
static char user_db[] = "/tmp/httpcodes-fuzz-XXXXXX";

static void remove_user_db(void)
{
	char side[sizeof user_db + 4];
	unlink(user_db);
	snprintf(side, sizeof side, "%s-wal", user_db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", user_db);
	unlink(side);
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
		char *aside = NULL;
		static const char *const rows[][3] = {
			{ "ORDER_LOCKED", "订单已锁定，网关超时", "The order is locked" },
			{ "QUOTA", "配额用尽，服务不可用", "Quota used up" },
		};
		struct store_tx *tx;
		int fd = mkstemp(user_db);
		setlocale(LC_ALL, "C.UTF-8");
		st = store_open(&err);
		if (!st || fd < 0)
			abort();
		close(fd);
		unlink(user_db);
		atexit(remove_user_db);
		tx = store_tx_begin(user_db, &err, &aside);
		for (size_t i = 0; tx && i < sizeof rows / sizeof rows[0]; i++) {
			struct user_row r = { 0 };
			r.f[UF_team] = "Fuzz";
			r.f[UF_error_code] = (char *)rows[i][0];
			r.f[UF_http_status] = "409";
			r.f[UF_message_zh] = (char *)rows[i][1];
			r.f[UF_message_en] = (char *)rows[i][2];
			if (store_tx_add(tx, &r, &err) != 0)
				abort();
		}
		if (!tx || store_tx_commit(tx, &err) != 0 || store_attach_user(st, user_db, 0) != 0)
			abort();
	}
	if (size > 4096)
		return 0;
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	tokenize(text, n, TOK_DOCUMENT, check, &n);
	tokenize(text, n, TOK_LEAN, check, &n);
	tokenize(text, n, TOK_QUERY, check, &n);
	if (search_run(st, text, 10, &hits) != 0) {
		fprintf(stderr, "query failed: code %d, SQLite %d\n", (int)store_err(st)->code, store_err(st)->sqlite_rc);
		abort();
	}
	hc_hit_list_release(&hits);
	free(text);
	return 0;
}
