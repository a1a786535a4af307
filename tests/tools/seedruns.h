/* The seed documents' words, as prints: every run of SEED_RUN consecutive CJK characters,
 * hashed. tests/data/seed-prints.txt holds the prints of ../shared/seeds (made by
 * `make seed-prints`, which fails without the seeds); test_data compares the prints of our own
 * Chinese texts with it, so the check runs on any clone, with or without the seeds beside it,
 * and the repository carries no seed text. Shared by tests/tools/seedprints.c and
 * tests/unit/test_data.c. */
#ifndef HTTPCODES_SEEDRUNS_H
#define HTTPCODES_SEEDRUNS_H

#include <stddef.h>
#include <stdint.h>

#define SEED_RUN 10                     /* characters in a run compared */
#define SEED_RUN_BYTES (SEED_RUN * 3)   /* CJK characters are three bytes in UTF-8 */

/* U+3000..U+9FFF and the full-width forms: E3..E9 lead bytes, EF BC/BD/BF. */
static inline int seed_is_cjk3(const unsigned char *p)
{
	return (p[0] >= 0xE3 && p[0] <= 0xE9) || (p[0] == 0xEF && p[1] >= 0xBC);
}

/* 48 bits of FNV-1a: with some ten thousand seed runs, the chance that any of our runs meets
 * one by accident is below one in ten million. */
static inline uint64_t seed_print(const unsigned char *run)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < SEED_RUN_BYTES; i++)
		h = (h ^ run[i]) * 1099511628211ULL;
	return h >> 16;
}

/* Call fn with the print (and the bytes) of every run of SEED_RUN consecutive CJK characters
 * in text; stops and returns what fn returns when that is not 0. */
static inline int seed_runs(const char *text, int (*fn)(void *ctx, uint64_t print, const char *run),
			    void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		size_t k = 0;
		while (p[3 * k] && p[3 * k + 1] && p[3 * k + 2] && seed_is_cjk3(p + 3 * k))
			k++;
		for (size_t i = 0; k >= SEED_RUN && i + SEED_RUN <= k; i++) {
			int rc = fn(ctx, seed_print(p + 3 * i), (const char *)p + 3 * i);
			if (rc)
				return rc;
		}
		p += k ? 3 * k : 1;
	}
	return 0;
}

#endif
