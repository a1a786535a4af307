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
 *   bench cli BIN             the command line (`404`, `--json 4xx`, `--json search timeout`),
 *                             mean, p50, p99 of whole runs, beside `hc 404` and a static C
 *                             program that prints the same bytes as `BIN 404`
 *   bench busy BIN ROWS       reads (a lookup, the browser's first screen) while another process
 *                             imports ROWS rows into the same file, beside the same reads idle
 *   bench pty BIN [DB...]     the browser under a real pseudo-terminal, for the built-in data and
 *                             each DB: first screen from spawn to its last byte, each keystroke
 *                             from its write to its frame's last byte; beside them the scripted
 *                             first screen and the in-process search of the same keystrokes
 */
#define _DEFAULT_SOURCE /* wait4, TIOCSCTTY */
#define _XOPEN_SOURCE 700 /* posix_openpt, grantpt, unlockpt, ptsname */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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

/* ---- cli: the command line beside its yardsticks ------------------------------------------ */

/* Runs of each command: enough for a steady p99 (the third-slowest run), ~20 s in all with
 * hc's ~50 ms a run. */
#define CLI_RUNS 301

/* What argv writes on its stdout, into out. Returns 0, or -1 when it could not be run or did
 * not exit 0. */
static int capture(char *const argv[], struct strbuf *out)
{
	int fd[2], status;
	pid_t pid;
	char b[65536];
	ssize_t n;

	if (pipe(fd) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], b, sizeof b)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			strbuf_add(out, b, (size_t)n);
	close(fd[0]);
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The yardstick: a C program that writes exactly the bytes of want, built static (-static -O2)
 * as dir/static, or dynamic when this machine has no static libc (*dynamic set). Returns 0, or
 * -1 when no compiler made it or its output differs from want. */
static int cli_yardstick(const char *dir, const struct strbuf *want, char *bin, size_t size, int *dynamic)
{
	char src[1100];
	struct strbuf got = STRBUF_INIT;
	FILE *f;
	int rc;

	snprintf(src, sizeof src, "%s/static.c", dir);
	snprintf(bin, size, "%s/static", dir);
	f = fopen(src, "w");
	if (!f)
		return -1;
	fputs("#include <unistd.h>\nstatic const unsigned char out[] = {", f);
	for (size_t i = 0; i < want->len; i++)
		fprintf(f, "%s%u,", i % 24 ? "" : "\n", (unsigned char)want->buf[i]);
	fputs("\n};\nint main(void)\n{\n\tsize_t done = 0;\n\twhile (done < sizeof out) {\n"
	      "\t\tssize_t n = write(1, out + done, sizeof out - done);\n\t\tif (n <= 0)\n\t\t\treturn 1;\n"
	      "\t\tdone += (size_t)n;\n\t}\n\treturn 0;\n}\n", f);
	fclose(f);
	{
		char *cc_static[] = { "cc", "-static", "-O2", "-o", bin, src, NULL };
		char *cc_dynamic[] = { "cc", "-O2", "-o", bin, src, NULL };
		*dynamic = 0;
		if (capture(cc_static, &got) != 0) {
			*dynamic = 1;
			if (capture(cc_dynamic, &got) != 0)
				return -1;
		}
	}
	strbuf_reset(&got);
	{
		char *run[] = { bin, NULL };
		rc = capture(run, &got) == 0 && got.len == want->len && memcmp(got.buf, want->buf, got.len) == 0 ? 0 : -1;
	}
	strbuf_release(&got);
	return rc;
}

struct cli_fig {
	const char *what;
	char **argv;
	double v[CLI_RUNS];
	double mean;
	int ran;         /* it could be run (hc may not be installed) */
};

static void cli_print(struct cli_fig *f)
{
	double sum = 0;
	for (int r = 0; r < CLI_RUNS; r++)
		sum += f->v[r];
	f->mean = sum / CLI_RUNS;
	printf("  %s%*s mean %6.2f ms  p50 %6.2f ms  p99 %6.2f ms\n", f->what, 52 - text_width(f->what), "",
	       f->mean, pct(f->v, CLI_RUNS, 0.5), pct(f->v, CLI_RUNS, 0.99));
}

/* The command line as a user's shell runs it (a new process each time, output to /dev/null,
 * no user database: a home of its own), each command in turn so that all see the same machine;
 * beside them Debian's `hc 404` and a static C program that prints the bytes `httpcodes 404`
 * prints, made from its real output. */
static int cli(const char *bin)
{
	char dir[] = "/tmp/httpcodes-bench-cli-XXXXXX", data[1100], yard[1100];
	char *rm[] = { "rm", "-rf", dir, NULL };
	char *c404[] = { (char *)bin, "404", NULL }, *c4xx[] = { (char *)bin, "--json", "4xx", NULL };
	char *csearch[] = { (char *)bin, "--json", "search", "timeout", NULL };
	char *hc[] = { "hc", "404", NULL }, *ys[] = { yard, NULL };
	static struct cli_fig figs[] = {
		{ .what = "`httpcodes 404`" }, { .what = "`httpcodes --json 4xx`" },
		{ .what = "`httpcodes --json search timeout`" }, { .what = "yardstick: `hc 404` (Debian's httpcode)" },
		{ .what = "yardstick: a C program printing the same bytes" },
	};
	struct strbuf want = STRBUF_INIT;
	int dynamic = 0, rc = 1;
	const size_t nfigs = sizeof figs / sizeof figs[0];

	if (!mkdtemp(dir))
		return 1;
	/* No user database: the figures are the built-in data's on any machine. */
	snprintf(data, sizeof data, "%s/data", dir);
	setenv("HOME", dir, 1);
	setenv("XDG_DATA_HOME", data, 1);
	figs[0].argv = c404, figs[1].argv = c4xx, figs[2].argv = csearch, figs[3].argv = hc, figs[4].argv = ys;
	if (capture(c404, &want) != 0 || cli_yardstick(dir, &want, yard, sizeof yard, &dynamic) != 0) {
		fprintf(stderr, "bench: cannot run `%s 404`, or cannot build the C program that prints its output\n", bin);
		goto out;
	}
	for (size_t k = 0; k < nfigs; k++) /* one run each to warm the caches, and to see what runs */
		figs[k].ran = run_proc(figs[k].argv, NULL) >= 0;
	for (int r = 0; r < CLI_RUNS; r++)
		for (size_t k = 0; k < nfigs; k++)
			if (figs[k].ran)
				figs[k].v[r] = run_proc(figs[k].argv, NULL);
	printf("command line, whole process (%d runs each, in turn; output to /dev/null; no user database):\n",
	       CLI_RUNS);
	for (size_t k = 0; k < 3; k++)
		cli_print(&figs[k]);
	if (figs[3].ran) {
		cli_print(&figs[3]);
		printf("    `httpcodes 404` is %.1fx faster (p50), %.1fx (mean)\n",
		       pct(figs[3].v, CLI_RUNS, 0.5) / pct(figs[0].v, CLI_RUNS, 0.5), figs[3].mean / figs[0].mean);
	} else {
		printf("  yardstick: `hc 404`: hc not installed (Debian's package httpcode)\n");
	}
	cli_print(&figs[4]);
	printf("    (%zu bytes, %s); `httpcodes 404` takes %.1fx its time (p50), %.1fx (mean)\n", want.len,
	       dynamic ? "linked dynamically: this machine has no static libc" : "cc -static -O2",
	       pct(figs[0].v, CLI_RUNS, 0.5) / pct(figs[4].v, CLI_RUNS, 0.5), figs[0].mean / figs[4].mean);
	rc = 0;
out:
	fflush(stdout);
	run_proc(rm, NULL);
	strbuf_release(&want);
	return rc;
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

/* ---- pty: the browser as a person runs it ------------------------------------------------ */

#define PTY_COLS 120
#define PTY_ROWS 40
/* The end of a frame: the browser computes a whole screen, then curses writes it in one go
 * (draw, then refresh; nothing is drawn between keys), so its bytes arrive back to back and a
 * pause of QUIET_MS means the frame has been written. The figure is the time to the LAST
 * byte read; the quiet wait after it is not counted. What the window costs is only a frame
 * written in two parts more than QUIET_MS apart: its second part would fall into the next
 * key's time (PTY_TRACE=1 prints every read, to check that none does). */
#define QUIET_MS 30
/* How long a key's first byte may take before the run is given up as broken. */
#define FIRST_BYTE_MS 30000
/* Runs of the first screen; rounds of typing every query. */
#define PTY_STARTS 21
#define PTY_ROUNDS 2
#define MAXKEYS 4096

struct pty {
	pid_t pid;
	int fd;
	int dead;        /* the program closed the terminal (it ended) */
	double spawned;  /* the clock just before the fork */
	size_t bytes;    /* read so far */
	double max_gap;  /* the longest pause between two reads inside a frame */
	struct strbuf seen; /* what was read, kept while looking for the first screen */
	int keep;
};

static int pty_trace;

/* The browser under a new pseudo-terminal of PTY_COLS x PTY_ROWS: a session of its own with the
 * pty as its controlling terminal, and an environment of our own (nothing from ours: no
 * HTTPCODES_ variable, no user database but DB, given as --db). */
static int pty_spawn(struct pty *p, const char *bin, const char *db, const char *home)
{
	struct winsize ws = { .ws_row = PTY_ROWS, .ws_col = PTY_COLS };
	char name[128], env_home[1100], env_xdg[1100];
	char *argv[] = { (char *)bin, db ? "--db" : NULL, (char *)db, NULL };
	char *envp[] = { "TERM=xterm-256color", "LANG=C.UTF-8", "PATH=/usr/bin:/bin", env_home, env_xdg, NULL };
	const char *pts;

	memset(p, 0, sizeof *p);
	p->fd = posix_openpt(O_RDWR | O_NOCTTY);
	if (p->fd < 0 || grantpt(p->fd) != 0 || unlockpt(p->fd) != 0 || !(pts = ptsname(p->fd)) ||
	    strlen(pts) >= sizeof name) {
		perror("bench: pty");
		return -1;
	}
	strcpy(name, pts);
	ioctl(p->fd, TIOCSWINSZ, &ws);
	snprintf(env_home, sizeof env_home, "HOME=%s", home);
	snprintf(env_xdg, sizeof env_xdg, "XDG_DATA_HOME=%s/data", home);
	fflush(stdout);
	p->spawned = now_ms();
	p->pid = fork();
	if (p->pid < 0) {
		perror("bench: fork");
		return -1;
	}
	if (p->pid == 0) {
		int s;
		setsid();
		s = open(name, O_RDWR); /* the first terminal a session leader opens becomes its own */
		if (s < 0)
			_exit(126);
		ioctl(s, TIOCSCTTY, 0);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		if (s > 2)
			close(s);
		close(p->fd);
		execve(bin, argv, envp);
		_exit(127);
	}
	p->keep = 1;
	return 0;
}

/* Reads what the program writes until it has been quiet for QUIET_MS, after waiting up to
 * first_ms for the first byte. Returns the clock when the last bytes were read (-1 when none
 * came, or the program ended). */
static double pty_read(struct pty *p, int first_ms)
{
	char b[65536];
	double last = -1;
	int wait = first_ms;
	while (!p->dead) {
		struct pollfd pf = { .fd = p->fd, .events = POLLIN };
		int r = poll(&pf, 1, wait);
		ssize_t n;
		double t;
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break; /* quiet */
		n = read(p->fd, b, sizeof b);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) { /* EIO: the other side is closed */
			p->dead = 1;
			break;
		}
		t = now_ms();
		if (last >= 0 && t - last > p->max_gap)
			p->max_gap = t - last;
		last = t;
		if (pty_trace) {
			fprintf(stderr, "  [pty %9.3f ms: %5zd bytes: ", last - p->spawned, n);
			for (ssize_t i = 0; i < n && i < 40; i++)
				fprintf(stderr, (unsigned char)b[i] < 32 || b[i] == 127 ? "^%c" : "%c",
					(unsigned char)b[i] < 32 || b[i] == 127 ? b[i] ^ 64 : b[i]);
			fprintf(stderr, "]\n");
		}
		p->bytes += (size_t)n;
		if (p->keep)
			strbuf_add(&p->seen, b, (size_t)n);
		wait = QUIET_MS;
	}
	return last;
}

/* Curses writes its setup (alternate screen, keypad, mouse) as it starts, before the program
 * has loaded anything; the first screen is the first refresh, which begins by clearing the
 * screen. So: read until the clear has come and the output has gone quiet after it. Returns
 * the milliseconds from the spawn to that screen's last byte (-1: it never came). */
static double pty_first_screen(struct pty *p)
{
	static const char clear[] = "\033[H\033[2J"; /* xterm-256color's clear */
	double last = -1;
	for (;;) {
		double t = pty_read(p, FIRST_BYTE_MS);
		int found = 0;
		if (t < 0)
			return -1;
		last = t;
		for (size_t i = 0; !found && i + sizeof clear - 1 <= p->seen.len; i++)
			found = memcmp(p->seen.buf + i, clear, sizeof clear - 1) == 0;
		if (found)
			break;
	}
	p->keep = 0;
	p->max_gap = 0; /* from here on, pauses inside the frames of keys */
	strbuf_release(&p->seen);
	return last - p->spawned;
}

/* One key (its bytes), and the frame it causes: milliseconds from the write to its last byte. */
static double pty_key(struct pty *p, const char *key, size_t len)
{
	double t0 = now_ms(), t;
	if (pty_trace)
		fprintf(stderr, "  [key %9.3f ms: %zu bytes]\n", t0 - p->spawned, len);
	if (write(p->fd, key, len) != (ssize_t)len)
		return -1;
	t = pty_read(p, FIRST_BYTE_MS);
	return t < 0 ? -1 : t - t0;
}

/* q, then the program's end; its peak resident memory in *rss_kb. */
static void pty_quit(struct pty *p, long *rss_kb)
{
	struct rusage ru;
	int status;
	if (!p->dead && write(p->fd, "q", 1) == 1)
		for (int i = 0; i < 100 && !p->dead; i++) /* until it closes the terminal, at most ~5 s */
			pty_read(p, 50);
	if (!p->dead)
		kill(p->pid, SIGTERM);
	wait4(p->pid, &status, 0, &ru);
	close(p->fd);
	strbuf_release(&p->seen);
	*rss_kb = ru.ru_maxrss;
}

static void keep_slowest(double t, const char *what, double slow_t[3], char slow_q[3][160])
{
	for (int s = 0; s < 3; s++)
		if (t > slow_t[s]) {
			memmove(&slow_t[s + 1], &slow_t[s], (size_t)(2 - s) * sizeof *slow_t);
			memmove(slow_q[s + 1], slow_q[s], (size_t)(2 - s) * 160);
			slow_t[s] = t;
			snprintf(slow_q[s], 160, "%.127s", what);
			break;
		}
}

/* The same keystrokes in this process: search_run(st, prefix, limit) as `bench keys` times it
 * (limit 20), and with the browser's own limit (200), PTY_ROUNDS rounds, every one counted as
 * the typing's are. */
static int pty_yardstick(const char *db, double *v20, double *v200, size_t *n)
{
	static char prefixes[64][128];
	struct hc_err err;
	struct store *st = store_open(&err);
	if (!st || (db && store_attach_user(st, db, 0) != 0)) {
		say_err("cannot open", st ? store_err(st) : &err);
		store_free(st);
		return -1;
	}
	*n = 0;
	for (int round = 0; round < PTY_ROUNDS; round++)
		for (size_t qi = 0; qi < NQUERIES; qi++) {
			size_t k = keystrokes(queries[qi], prefixes, 64);
			for (size_t i = 0; i < k && *n < MAXKEYS; i++) {
				hc_hit_list hits = { 0 };
				double t0 = now_ms(), t1;
				search_run(st, prefixes[i], 20, &hits);
				t1 = now_ms();
				hc_hit_list_release(&hits);
				search_run(st, prefixes[i], 200, &hits);
				v200[*n] = now_ms() - t1;
				v20[(*n)++] = t1 - t0;
				hc_hit_list_release(&hits);
			}
		}
	store_free(st);
	return 0;
}

/* The database's size per user row, and without the bench's own plain copy of the rows
 * (bench_rows, for the instr() scan: the program has no such table). */
static void pty_db_size(const char *db)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	struct stat sb;
	long long rows = 0, plain = -1, size;
	if (stat(db, &sb) != 0 || sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return;
	size = (long long)sb.st_size;
	/* Its pages, whether in the file or still in its WAL: the size once checkpointed. */
	if (sqlite3_prepare_v2(h, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", -1, &s,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		size = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM user_mappings", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		rows = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	/* dbstat is an option of SQLite's build; without it, the file's size alone. */
	if (sqlite3_prepare_v2(h, "SELECT sum(pgsize) FROM dbstat WHERE name = 'bench_rows'", -1, &s, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		plain = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	if (rows <= 0)
		return;
	printf("    DB: %lld user rows, %.1f MB, %.0f bytes a row", rows, (double)size / 1e6,
	       (double)size / (double)rows);
	if (plain >= 0)
		printf(" (%.0f without the bench's own plain copy of the rows)", (double)(size - plain) / (double)rows);
	printf("\n");
}

/* One figure's line: what it is (indented), then two of its statistics. */
static void pty_line(int indent, const char *what, const char *s1, double v1, const char *s2, double v2)
{
	printf("%*s%s%*s %s %7.2f ms   %s %7.2f ms", indent, "", what, 58 - indent - text_width(what), "", s1, v1,
	       s2, v2);
}

/* First screens: spawn to the first screen's last byte; beside them, the same screen in the
 * scripted mode (no terminal: laid out, drawn, dumped), run in turn with them. */
static int pty_starts(const char *bin, const char *db, const char *home)
{
	double starts[PTY_STARTS], scripted[PTY_STARTS];
	long rss = 0, peak = 0;
	char env_xdg[1100];
	char *argv[] = { (char *)bin, db ? "--db" : NULL, (char *)db, NULL };
	char *env[] = { "HTTPCODES_SCRIPT=", "HTTPCODES_DUMP=/dev/null", "HTTPCODES_SIZE=120x40",
			"TERM=xterm-256color", env_xdg, NULL };
	struct pty p;

	snprintf(env_xdg, sizeof env_xdg, "XDG_DATA_HOME=%s/data", home);
	for (int r = 0; r < PTY_STARTS; r++) {
		if (pty_spawn(&p, bin, db, home) != 0)
			return -1;
		starts[r] = pty_first_screen(&p);
		pty_quit(&p, &rss);
		if (starts[r] < 0) {
			fprintf(stderr, "bench: the browser's first screen never came\n");
			return -1;
		}
		peak = rss > peak ? rss : peak;
		scripted[r] = run_proc_env(argv, NULL, env, NULL);
	}
	pty_line(4, "first screen: spawn to its last byte", "p50", pct(starts, PTY_STARTS, 0.5), "max",
		 pct(starts, PTY_STARTS, 1.0));
	printf("   (%d runs, peak RSS %.1f MB)\n", PTY_STARTS, peak / 1024.0);
	pty_line(6, "yardstick: the scripted mode, no terminal", "p50", pct(scripted, PTY_STARTS, 0.5), "max",
		 pct(scripted, PTY_STARTS, 1.0));
	printf("\n");
	return 0;
}

/* Typing: / then each query a character at a time, then Esc; PTY_ROUNDS rounds in one
 * browser, every keystroke counted (the first round finds caches as cold as a person's).
 * Then the same keystrokes in this process, the yardstick. */
static int pty_typing(const char *bin, const char *db, const char *home)
{
	static char prefixes[64][128];
	static double v[MAXKEYS], v20[MAXKEYS], v200[MAXKEYS];
	double slow_t[3] = { 0 }, frame_bytes = 0, max_gap;
	char slow_q[3][160] = { "", "", "" };
	size_t n = 0, ny = 0;
	long rss = 0;
	int failed = 0;
	struct pty p;

	if (pty_spawn(&p, bin, db, home) != 0)
		return -1;
	failed = pty_first_screen(&p) < 0;
	for (int round = 0; round < PTY_ROUNDS && !failed; round++)
		for (size_t qi = 0; qi < NQUERIES && !failed; qi++) {
			size_t k = keystrokes(queries[qi], prefixes, 64), done = 0;
			failed = pty_key(&p, "/", 1) < 0;
			for (size_t i = 0; i < k && !failed && n < MAXKEYS; i++) {
				size_t len = strlen(prefixes[i]), before = p.bytes;
				double t = pty_key(&p, prefixes[i] + done, len - done); /* the new character */
				done = len;
				failed = t < 0;
				if (failed)
					break;
				v[n++] = t;
				frame_bytes += (double)(p.bytes - before);
				keep_slowest(t, prefixes[i], slow_t, slow_q);
			}
			if (!failed)
				failed = pty_key(&p, "\033", 1) < 0;
		}
	max_gap = p.max_gap; /* before q: its frame is not a keystroke's */
	pty_quit(&p, &rss);
	if (failed) {
		fprintf(stderr, "bench: the browser did not start, or a key brought no frame within %d ms\n",
			FIRST_BYTE_MS);
		return -1;
	}
	if (pty_yardstick(db, v20, v200, &ny) != 0)
		return -1;
	pty_line(4, "keystroke: key written to its frame's last byte", "p50", pct(v, n, 0.5), "p99", pct(v, n, 0.99));
	printf("   (%zu keys, %.0f bytes a frame, peak RSS %.1f MB)\n", n, n ? frame_bytes / (double)n : 0,
	       rss / 1024.0);
	pty_line(6, "yardstick: in-process search, 20 rows (bench keys)", "p50", pct(v20, ny, 0.5), "p99",
		 pct(v20, ny, 0.99));
	printf("   (%zu keys)\n", ny);
	pty_line(6, "in-process search, 200 rows (the browser's)", "p50", pct(v200, ny, 0.5), "p99",
		 pct(v200, ny, 0.99));
	printf("\n");
	printf("    slowest frames: '%s' %.1f ms, '%s' %.1f ms, '%s' %.1f ms; longest pause inside a frame %.2f ms\n",
	       slow_q[0], slow_t[0], slow_q[1], slow_t[1], slow_q[2], slow_t[2], max_gap);
	return 0;
}

/* One data set (the built-in data, or db), in a home of its own that it removes. */
static int pty_one(const char *bin, const char *db)
{
	char home[] = "/tmp/httpcodes-bench-pty-XXXXXX";
	char *rm[] = { "rm", "-rf", home, NULL };
	int rc;

	if (!mkdtemp(home))
		return -1;
	printf("  %s:\n", db ? db : "built-in data");
	if (db)
		pty_db_size(db);
	rc = pty_starts(bin, db, home) == 0 && pty_typing(bin, db, home) == 0 ? 0 : -1;
	fflush(stdout);
	run_proc(rm, NULL);
	return rc;
}

/* The browser as a person runs it, for the built-in data and then for each db. */
static int pty_bench(const char *bin, char **dbs, int ndbs)
{
	pty_trace = getenv("PTY_TRACE") != NULL;
	printf("browser through a pty (%dx%d, TERM=xterm-256color; a frame ends when the output pauses %d ms,"
	       " not counted):\n", PTY_COLS, PTY_ROWS, QUIET_MS);
	if (pty_one(bin, NULL) != 0)
		return 1;
	for (int i = 0; i < ndbs; i++)
		if (pty_one(bin, dbs[i]) != 0)
			return 1;
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
	if (argc == 3 && strcmp(argv[1], "cli") == 0)
		return cli(argv[2]);
	if (argc == 4 && strcmp(argv[1], "busy") == 0)
		return busy(argv[2], atol(argv[3]));
	if (argc >= 3 && strcmp(argv[1], "pty") == 0)
		return pty_bench(argv[2], argv + 3, argc - 3);
	fputs("usage: bench gen OUT.db N | keys [SCALED.db] | procs BIN SCALED.db | start BIN [BASE] | cli BIN | busy BIN ROWS | pty BIN [DB...]\n", stderr);
	return 2;
}
