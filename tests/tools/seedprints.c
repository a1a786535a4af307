/* seedprints FILE...: the prints (seedruns.h) of every run of CJK characters in the seed
 * documents, one per line in hex, sorted, each once: tests/data/seed-prints.txt. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seedruns.h"

struct prints {
	uint64_t *v;
	size_t n, cap;
};

static int add(void *ctx, uint64_t print, const char *run)
{
	struct prints *p = ctx;
	(void)run;
	if (p->n == p->cap) {
		uint64_t *v = realloc(p->v, (p->cap = p->cap ? 2 * p->cap : 4096) * sizeof *v);
		if (!v)
			return -1;
		p->v = v;
	}
	p->v[p->n++] = print;
	return 0;
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct prints p = { 0 };
	if (argc < 2) {
		fprintf(stderr, "usage: seedprints SEED_FILE... (the seeds are ../shared/seeds)\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		char *text = NULL;
		long len;
		if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
		    !(text = calloc(1, (size_t)len + 1)) || fread(text, 1, (size_t)len, f) != (size_t)len ||
		    seed_runs(text, add, &p) != 0) {
			fprintf(stderr, "seedprints: cannot read %s\n", argv[i]);
			return 1;
		}
		free(text);
		fclose(f);
	}
	qsort(p.v, p.n, sizeof *p.v, cmp);
	for (size_t i = 0; i < p.n; i++)
		if (i == 0 || p.v[i] != p.v[i - 1])
			printf("%012" PRIx64 "\n", p.v[i]);
	free(p.v);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
