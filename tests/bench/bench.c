/* bench: speed and size figures, printed side by side in one run (never asserted).
 *
 *   bench gen OUT.db N        a scaled database: N synthetic business mappings, mixed Chinese
 *                             and English, drawn from the built-in texts (and OUT.db.txt, the
 *                             same rows one per line, for fzf)
 *   bench keys [SCALED.db]    replay typing each query one keystroke at a time; per-keystroke
 *                             p50/p99 of our search, and of a plain instr() scan over the same rows
 *   bench procs BIN SCALED.db whole process against whole process: `BIN --db SCALED.db search Q`
 *                             against `fzf --filter Q` over the exported rows
 *   bench start BIN [BASE]    cold start of a CLI lookup (whole process); with BASE, another
 *                             build's binary run in turn with it, its figures beside ours
 *   bench busy BIN ROWS       reads (a lookup, the browser's first screen) while another process
 *                             imports ROWS rows into the same file, beside the same reads idle
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <locale.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "search.h"
#include "store_int.h" /* a measuring tool: it reads the store's own connection */
#include "text.h"

extern char **environ;

/* What people type: Chinese, pinyin, English words, identifiers, codes. */
static const char *const queries[] = {
	"超时", "网关超时", "找到", "限流", "chaoshi", "wangguan", "timeout", "gateway timeout",
	"rate limit", "access denied", "AccessDenied", "NoSuchKey", "DEADLINE_EXCEEDED",
	"Account.Arrearage", "404", "too many requests", "payload too large", "forbiden",
	"服务不可用", "bad gateway",
};
#define NQUERIES (sizeof queries / sizeof queries[0])

/* A store error, in this tool's own words: its code and SQLite's (the faces put them in words). */
static void say_err(const char *what, const struct hc_err *e)
{
	fprintf(stderr, "bench: %s: error %d (SQLite %d)\n", what, (int)e->code, e->sqlite_rc);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(double *v, size_t n, double p)
{
	size_t i;
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i];
}

/* Each prefix of q that ends at a character boundary: what the search sees per keystroke. */
static size_t keystrokes(const char *q, char out[][128], size_t max)
{
	size_t n = 0, len = strlen(q), i = 0;
	while (i < len && n < max) {
		uint32_t cp;
		i += utf8_decode(q + i, len - i, &cp);
		memcpy(out[n], q, i);
		out[n][i] = '\0';
		n++;
	}
	return n;
}

/* ---- gen ---------------------------------------------------------------------------------- */

static int gen(const char *out, long n)
{
	struct store *st;
	struct hc_err err;
	char *path_txt, *aside = NULL;
	struct store_tx *tx;
	sqlite3 *db;
	sqlite3_stmt *q, *ins, *row;
	char **texts = NULL;
	size_t ntexts = 0, cap = 0;
	FILE *txt;
	unsigned seed = 12345;

	st = store_open(&err);
	if (!st) {
		say_err("cannot open", &err);
		return 1;
	}
	db = st->db;
	/* Sentences to mix: every message and description, in both languages. */
	sqlite3_prepare_v2(db, "SELECT message_en FROM mappings UNION ALL SELECT message_zh FROM mappings "
			   "UNION ALL SELECT summary_en FROM status_codes UNION ALL SELECT summary_zh "
			   "FROM status_codes UNION ALL SELECT description_zh FROM mappings",
			   -1, &q, NULL);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (ntexts == cap)
			texts = realloc(texts, (cap = cap ? cap * 2 : 1024) * sizeof *texts);
		texts[ntexts++] = strdup((const char *)sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);

	/* A real user database (schema and triggers by the program's own migrations), plus a
	 * plain table of the same rows for the instr() scan. */
	remove(out);
	if (store_attach_user(st, out, 1) != 0) {
		say_err("cannot attach", store_err(st));
		return 1;
	}
	sqlite3_exec(db, "PRAGMA user.synchronous = OFF; BEGIN;"
		     "CREATE TABLE user.bench_rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
		     NULL, NULL, NULL);
	path_txt = sqlite3_mprintf("%s.txt", out);
	txt = fopen(path_txt, "w");
	sqlite3_prepare_v2(db, "INSERT INTO user.user_mappings (team, product, error_code, http_status,"
			   " message_en, message_zh, description_en, description_zh)"
			   " VALUES ('bench', 'Synthetic', ?1, ?7, ?2, ?3, ?5, ?6)", -1, &ins, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO user.bench_rows (text) VALUES (?1)", -1, &row, NULL);
	for (long i = 0; i < n; i++) {
		char ident[64];
		const char *en = texts[rand_r(&seed) % ntexts], *zh = texts[rand_r(&seed) % ntexts];
		const char *d1 = texts[rand_r(&seed) % ntexts], *d2 = texts[rand_r(&seed) % ntexts];
		static const char *const parts[] = { "Order", "Quota", "User", "Token", "Payment",
						     "Invalid", "Locked", "Expired", "NotFound", "Limit" };
		struct strbuf line = STRBUF_INIT;
		int status = 400 + (int)(rand_r(&seed) % 100);
		snprintf(ident, sizeof ident, "%s%s.E%05ld", parts[rand_r(&seed) % 10],
			 parts[rand_r(&seed) % 10], i);
		sqlite3_bind_text(ins, 1, ident, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, en, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, zh, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, d1, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, d2, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 7, status);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_reset(ins);
		strbuf_addf(&line, "%d %s %s %s %s %s", status, ident, en, zh, d1, d2);
		for (size_t k = 0; k < line.len; k++)
			if (line.buf[k] == '\n')
				line.buf[k] = ' ';
		sqlite3_bind_text(row, 1, line.buf, -1, SQLITE_STATIC);
		sqlite3_step(row);
		sqlite3_reset(row);
		fprintf(txt, "%s\n", line.buf);
		strbuf_release(&line);
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(row);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	fclose(txt);
	store_free(st);
	/* The index, as the program's own writer builds it. */
	tx = store_tx_begin(out, &err, &aside);
	if (!tx || store_tx_reindex(tx, &err) != 0 || store_tx_commit(tx, &err) != 0) {
		say_err("cannot write", &err);
		return 1;
	}
	printf("bench: wrote %s (%ld rows) and %s\n", out, n, path_txt);
	sqlite3_free(path_txt);
	for (size_t i = 0; i < ntexts; i++)
		free(texts[i]);
	free(texts);
	return 0;
}

/* ---- keys --------------------------------------------------------------------------------- */

static void report(const char *what, double *v, size_t n)
{
	printf("  %-44s p50 %7.3f ms   p99 %7.3f ms   (%zu keystrokes)\n", what, pct(v, n, 0.5),
	       pct(v, n, 0.99), n);
}

static int keys(const char *scaled)
{
	static char prefixes[64][128];
	double *ours = malloc(4096 * sizeof(double)), *scan = malloc(4096 * sizeof(double));
	double slow_t[3] = { 0 };
	char slow_q[3][160] = { "", "", "" };
	size_t n = 0, m = 0;
	struct hc_err err;
	struct store *st = store_open(&err);
	sqlite3_stmt *like = NULL;

	if (!st || (scaled && store_attach_user(st, scaled, 0) != 0)) {
		say_err("cannot open", st ? store_err(st) : &err);
		return 1;
	}
	if (scaled)
		sqlite3_prepare_v2(st->db,
				   "SELECT id FROM user.bench_rows WHERE instr(lower(text), lower(?1)) > 0 LIMIT 20",
				   -1, &like, NULL);
	else
		sqlite3_prepare_v2(st->db,
				   "SELECT rowid FROM search_fts WHERE instr(lower(ident || name_en || name_zh"
				   " || keys || summary_en || summary_zh || body), lower(?1)) > 0 LIMIT 20",
				   -1, &like, NULL);
	for (int round = 0; round < 3; round++) { /* round 0 warms the cache; not counted */
		for (size_t qi = 0; qi < NQUERIES; qi++) {
			size_t k = keystrokes(queries[qi], prefixes, 64);
			for (size_t i = 0; i < k; i++) {
				hc_hit_list hits = { 0 };
				double t0 = now_ms();
				search_run(st, prefixes[i], 20, &hits);
				double t1 = now_ms();
				hc_hit_list_release(&hits);
				sqlite3_bind_text(like, 1, prefixes[i], -1, SQLITE_STATIC);
				while (sqlite3_step(like) == SQLITE_ROW)
					;
				sqlite3_reset(like);
				double t2 = now_ms();
				if (round > 0 && n < 4096) {
					ours[n++] = t1 - t0;
					scan[m++] = t2 - t1;
					for (int s = 0; s < 3; s++)
						if (t1 - t0 > slow_t[s]) {
							memmove(&slow_t[s + 1], &slow_t[s], (size_t)(2 - s) * sizeof *slow_t);
							memmove(slow_q[s + 1], slow_q[s], (size_t)(2 - s) * 160);
							slow_t[s] = t1 - t0;
							snprintf(slow_q[s], 160, "%.127s", prefixes[i]);
							break;
						}
				}
			}
		}
	}
	printf("per keystroke, %s:\n", scaled ? scaled : "built-in data");
	report("httpcodes search (FTS5, bm25, pinyin, typos)", ours, n);
	report("plain instr() scan, first 20 matches", scan, m);
	printf("  slowest keystrokes: '%s' %.2f ms, '%s' %.2f ms, '%s' %.2f ms\n", slow_q[0], slow_t[0],
	       slow_q[1], slow_t[1], slow_q[2], slow_t[2]);
	sqlite3_finalize(like);
	store_free(st);
	free(ours);
	free(scan);
	return 0;
}

/* ---- procs -------------------------------------------------------------------------------- */

/* The CPU time (user + system) of the last process run_proc_env ran. */
static double last_cpu_ms;

/* Wall time of one whole process, with stdin from in (or /dev/null) and output discarded;
 * its peak resident memory in *rss_kb when asked; extra environment in env (or NULL). */
static double run_proc_env(char *const argv[], const char *in, char *const env[], long *rss_kb)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status;
	double t0, t;
	struct rusage ru;
	char **envp = environ;
	char *merged[256];

	if (env) {
		size_t n = 0;
		for (char **e = environ; *e && n < 200; e++)
			merged[n++] = *e;
		for (size_t k = 0; env[k] && n < 255; k++)
			merged[n++] = env[k];
		merged[n] = NULL;
		envp = merged;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	t0 = now_ms();
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, envp) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	wait4(pid, &status, 0, &ru);
	t = now_ms() - t0;
	posix_spawn_file_actions_destroy(&fa);
	if (rss_kb)
		*rss_kb = ru.ru_maxrss;
	last_cpu_ms = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		      (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	return t;
}

static double run_proc(char *const argv[], const char *in)
{
	return run_proc_env(argv, in, NULL, NULL);
}


static int procs(const char *bin, const char *scaled)
{
	static const char *const pq[] = { "timeout", "超时", "access denied", "NoSuchKey", "wangguan", "404" };
	char *txt = sqlite3_mprintf("%s.txt", scaled);
	int have_fzf = access("/usr/bin/fzf", X_OK) == 0;

	printf("whole process, %s (median of 5 runs each):\n", scaled);
	printf("  %-18s %12s %12s %8s\n", "query", "httpcodes", "fzf --filter", "ratio");
	for (size_t i = 0; i < sizeof pq / sizeof pq[0]; i++) {
		double a[5], b[5];
		for (int r = 0; r < 5; r++) {
			char *ours[] = { (char *)bin, "--db", (char *)scaled, "search", (char *)pq[i], NULL };
			char *fzf[] = { "fzf", "--filter", (char *)pq[i], NULL };
			a[r] = run_proc(ours, NULL);
			b[r] = have_fzf ? run_proc(fzf, txt) : 0;
		}
		double ma = pct(a, 5, 0.5), mb = pct(b, 5, 0.5);
		if (have_fzf)
			printf("  %-18s %9.2f ms %9.2f ms %7.1fx\n", pq[i], ma, mb, mb / ma);
		else
			printf("  %-18s %9.2f ms %12s\n", pq[i], ma, "(no fzf)");
	}
	sqlite3_free(txt);
	return 0;
}

/* Runs of each cold start: enough for a median that tells two builds apart by a tenth of a
 * millisecond, on a machine that is not quiet. */
#define START_RUNS 101

/* The p50 and max of runs, and the peak RSS, of one command line. */
struct start_fig {
	double v[START_RUNS];
	long peak;
};

static void start_print(const char *what, struct start_fig *f)
{
	printf("  %s%*s p50 %6.2f ms  max %6.2f ms  peak RSS %5.1f MB\n", what, 48 - text_width(what), "",
	       pct(f->v, START_RUNS, 0.5), pct(f->v, START_RUNS, 1.0), f->peak / 1024.0);
}

/* argv run START_RUNS times; with base, the same command line of the base binary is run
 * after each, so that both see the same machine, and both are printed. */
static void start_one(const char *what, char *argv[], char *const env[], const char *base)
{
	static struct start_fig ours, theirs;
	char *bin = argv[0];
	long rss = 0;
	ours.peak = theirs.peak = 0;
	for (int r = 0; r < START_RUNS; r++) {
		argv[0] = bin;
		ours.v[r] = run_proc_env(argv, NULL, env, &rss);
		ours.peak = rss > ours.peak ? rss : ours.peak;
		if (!base)
			continue;
		argv[0] = (char *)base;
		theirs.v[r] = run_proc_env(argv, NULL, env, &rss);
		theirs.peak = rss > theirs.peak ? rss : theirs.peak;
	}
	argv[0] = bin;
	start_print(what, &ours);
	if (base)
		start_print("  the same, base build", &theirs);
}

static int start(const char *bin, const char *base)
{
	char *cli404[] = { (char *)bin, "404", NULL };
	char *search[] = { (char *)bin, "search", "超时", NULL };
	char *tui[] = { (char *)bin, NULL };
	/* The browser in its scripted mode with no keys: it lays out, draws the first complete
	 * screen, dumps it and exits. */
	char *tui_env[] = { "HTTPCODES_SCRIPT=", "HTTPCODES_DUMP=/dev/null", "HTTPCODES_SIZE=120x40",
			    "TERM=xterm-256color", NULL };
	printf("whole process, cold start (%d runs each%s%s):\n", START_RUNS, base ? ", interleaved with " : "",
	       base ? base : "");
	start_one("`httpcodes 404`", cli404, NULL, base);
	start_one("`httpcodes search 超时`", search, NULL, base);
	start_one("browser: start to first complete screen 120x40", tui, tui_env, base);
	return 0;
}

/* ---- busy --------------------------------------------------------------------------------- */

/* p50 of the wall and CPU times of 21 runs of argv (with env), stopping early when stop() says
 * so; how many ran in *n. The CPU time tells work from waiting (for a lock, or for a core). */
static double p50_runs(char *const argv[], char *const env[], int (*stop)(void), int *n, double *cpu)
{
	double v[21], c[21];
	*n = 0;
	while (*n < 21 && !(stop && stop())) {
		v[*n] = run_proc_env(argv, NULL, env, NULL);
		c[*n] = last_cpu_ms;
		(*n)++;
	}
	*cpu = pct(c, (size_t)*n, 0.5);
	return pct(v, (size_t)*n, 0.5);
}

static pid_t importer;

/* The import has ended (or never began). */
static int import_done(void)
{
	int status;
	return importer <= 0 || waitpid(importer, &status, WNOHANG) == importer;
}

/* Reads while another process imports: `httpcodes --db F 404` and the browser's first screen
 * on the same file, idle and during the import's write phase, side by side. */
static int busy(const char *bin, long rows)
{
	char dir[] = "/tmp/httpcodes-bench-XXXXXX", *db, *csv, *wal;
	FILE *f;
	posix_spawn_file_actions_t fa;
	struct stat sb;
	double t0, idle[2], during[2], idle_cpu[2], during_cpu[2];
	int n[2], m[2];

	if (!mkdtemp(dir))
		return 1;
	db = sqlite3_mprintf("%s/user.db", dir);
	csv = sqlite3_mprintf("%s/rows.csv", dir);
	wal = sqlite3_mprintf("%s-wal", db);
	{
		char *add[] = { (char *)bin, "--db", db, "add", "ORDER_LOCKED", "409", "--en", "locked", NULL };
		run_proc(add, NULL);
	}
	f = fopen(csv, "w");
	fputs("team,product,error_code,http_status,message_en,message_zh,description_en,description_zh,"
	      "advice_en,advice_zh\n", f);
	for (long i = 0; i < rows; i++)
		fprintf(f, "Bench,Synthetic,E%07ld,%ld,The order %ld is locked by another payment,"
			"订单 %ld 已被另一笔支付锁定,A payment holds the lock on order %ld until it settles or"
			" times out,支付完成或超时之前，订单 %ld 一直被锁定,Retry after the payment settles,"
			"等支付完成后再试\n", i, 400 + i % 100, i, i, i, i);
	fclose(f);
	{
		char *cli[] = { (char *)bin, "--db", db, "404", NULL };
		char *tui[] = { (char *)bin, "--db", db, NULL };
		char *tui_env[] = { "HTTPCODES_SCRIPT=", "HTTPCODES_DUMP=/dev/null", "HTTPCODES_SIZE=120x40",
				    "TERM=xterm-256color", NULL };
		char *imp[] = { (char *)bin, "--db", db, "import", csv, NULL };
		idle[0] = p50_runs(cli, NULL, NULL, &n[0], &idle_cpu[0]);
		idle[1] = p50_runs(tui, tui_env, NULL, &n[1], &idle_cpu[1]);
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
		t0 = now_ms();
		if (posix_spawnp(&importer, bin, &fa, NULL, imp, environ) != 0)
			importer = 0;
		posix_spawn_file_actions_destroy(&fa);
		/* Its write phase: the WAL grows once the rows are checked and the writing begins. */
		while (!import_done() && !(stat(wal, &sb) == 0 && sb.st_size > (1 << 20)))
			usleep(20000);
		during[0] = p50_runs(cli, NULL, import_done, &m[0], &during_cpu[0]);
		during[1] = p50_runs(tui, tui_env, import_done, &m[1], &during_cpu[1]);
		while (!import_done())
			usleep(20000);
	}
	printf("reads while another process imports %ld rows into the same file (import took %.1f s):\n",
	       rows, (now_ms() - t0) / 1e3);
	printf("  %-34s %9s %14s %6s   %9s %14s %6s\n", "p50 of whole runs", "wall idle", "during import",
	       "ratio", "CPU idle", "during import", "ratio");
	for (int k = 0; k < 2; k++)
		printf("  %-34s %6.2f ms %8.2f ms (%2d) %5.2fx   %6.2f ms %8.2f ms (%2d) %5.2fx\n",
		       k ? "browser: first screen 120x40" : "`httpcodes --db F 404`", idle[k], during[k], m[k],
		       m[k] ? during[k] / idle[k] : 0, idle_cpu[k], during_cpu[k], m[k],
		       m[k] ? during_cpu[k] / idle_cpu[k] : 0);
	if (m[0] < 21 || m[1] < 21)
		printf("  (the import ended before every run was done: the count of runs is in brackets)\n");
	{
		char *rm[] = { "rm", "-rf", dir, NULL };
		run_proc(rm, NULL);
	}
	(void)n;
	sqlite3_free(db);
	sqlite3_free(csv);
	sqlite3_free(wal);
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc == 4 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atol(argv[3]));
	if (argc <= 3 && argc >= 2 && strcmp(argv[1], "keys") == 0)
		return keys(argc == 3 ? argv[2] : NULL);
	if (argc == 4 && strcmp(argv[1], "procs") == 0)
		return procs(argv[2], argv[3]);
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "start") == 0)
		return start(argv[2], argc == 4 ? argv[3] : NULL);
	if (argc == 4 && strcmp(argv[1], "busy") == 0)
		return busy(argv[2], atol(argv[3]));
	fputs("usage: bench gen OUT.db N | keys [SCALED.db] | procs BIN SCALED.db | start BIN [BASE] | busy BIN ROWS\n", stderr);
	return 2;
}
