#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already (the argv fuzzer builds all in one) */
#define _XOPEN_SOURCE 700
#endif
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"
#include "doc.h"
#include "search.h"
#include "session.h"
#include "store.h"
#include "text.h"

/* Forms of the command line, for --help: what to type, and what it does. */
#define USAGE(X) \
	X("httpcodes CODE...", "show codes in full: 404, 404 503", "显示状态码详情：404、404 503") \
	X("httpcodes PATTERN", "list a class or a range: 4xx, 40x, 5, 400-410", \
	  "列出一类或一段状态码：4xx、40x、5、400-410") \
	X("httpcodes ERROR_CODE", "business errors: AccessDenied, NoSuchKey, overLimit", \
	  "查业务错误码：AccessDenied、NoSuchKey、overLimit") \
	X("httpcodes search QUERY", "search in Chinese or English: 超时, timeout", \
	  "用中文或英文搜索：超时、timeout") \
	X("httpcodes -i QUERY", "the browser, opened on that search: -i 超时", "打开浏览界面并搜索：-i 超时") \
	X("httpcodes choose [ANSWER...]", "which status to return: a guide (--style google|azure|zalando, --json)", \
	  "该返回哪个状态码：决策指南（--style google|azure|zalando，--json）") \
	X("httpcodes explain [FILE]", "explain a response, error body or log: curl -si URL | httpcodes explain", \
	  "解释响应、错误正文或日志：curl -si URL | httpcodes explain") \
	X("httpcodes add CODE STATUS", "add your own error code: add ORDER_LOCKED 409 --team Orders --zh 订单已锁定", \
	  "添加自己的错误码：add ORDER_LOCKED 409 --team Orders --zh 订单已锁定") \
	X("httpcodes edit|rm CODE", "change or remove one of yours", "修改或删除你的错误码") \
	X("httpcodes bookmarks", "your bookmarks and notes", "你的书签和笔记") \
	X("httpcodes import FILE", "import CSV or JSON, all rows or none", "导入 CSV 或 JSON（要么全部导入，要么都不导入）") \
	X("httpcodes export", "export yours (--format csv|json)", "导出你的错误码（--format csv|json）")

#define SEARCH_LIMIT 20
#define SUGGEST_LIMIT 8     /* a few closest matches for a name that is not known: a hint, not a list */
#define MAX_WIDTH 100

/* ---- output --------------------------------------------------------------------------- */

/* The first error met writing stdout (an errno), until the command ends. stdout is one per
 * process, and stdio may meet the error in a later flush than the write that caused it. */
static int out_errno;

int cli_out_check(int flush)
{
	if (!out_errno && ((flush && fflush(stdout) != 0) || ferror(stdout)))
		out_errno = errno ? errno : EIO;
	return out_errno ? -1 : 0;
}

int cli_out_close(const struct options *o, int status)
{
	int paged;
	cli_out_check(1);
	/* After a good flush nothing is pending: a stdout that was never open is then no error. */
	if (fclose(stdout) != 0 && !out_errno && errno != EBADF)
		out_errno = errno;
	paged = cli_pager_end();
	/* The user left the pager before the end: what they did not read is no error. */
	if (!out_errno || (paged && out_errno == EPIPE))
		return status;
	if (out_errno != EPIPE) /* a reader that has gone away needs no telling, as with SIGPIPE */
		report_errno(stderr, o->lang, MSG_CANNOT_WRITE, NULL, out_errno);
	return EXIT_TROUBLE;
}

static int out_width(void)
{
	int cols = cli_out_columns();
	if (cols > 20)
		return cols < MAX_WIDTH ? cols : MAX_WIDTH;
	return 80;
}

/* Bold type in the text, as --color asks; the one place the command line decides it. auto:
 * on a terminal (through the pager, which shows it: less -R), unless NO_COLOR is set to
 * something (set but empty counts as unset, as no-color.org has it) or TERM is dumb. */
static int out_color(const struct options *o)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	if (o->color != COLOR_AUTO)
		return o->color == COLOR_ALWAYS;
	return cli_out_tty() && !(no && *no) && !(term && strcmp(term, "dumb") == 0);
}

/* Write what is ready, through the pager when it is allowed (started at the first byte). A
 * closed pipe ends us through SIGPIPE, quietly, like cat; any other failure is kept for
 * cli_out_close to report. Returns -1 once writing has failed. */
int cli_flush_out(struct cli *c)
{
	if (c->doc.n || c->out.len)
		cli_pager_start();
	doc_print(&c->doc, stdout, (out_color(c->o) ? DOC_PRINT_BOLD : 0) |
					   (c->o->color != COLOR_NEVER && terminal_links(cli_out_tty()) ? DOC_PRINT_LINKS : 0));
	doc_clear(&c->doc);
	if (c->out.len)
		fwrite(c->out.buf, 1, c->out.len, stdout);
	strbuf_reset(&c->out);
	return cli_out_check(1);
}

/* A blank line between two items of text output. */
void cli_separate(struct cli *c)
{
	if (c->nitems++)
		doc_nl(&c->doc);
}

/* ---- JSON ------------------------------------------------------------------------------ */

void cli_json_key(struct strbuf *sb, const char *key, int *first)
{
	strbuf_adds(sb, *first ? "{" : ",");
	*first = 0;
	json_add_string(sb, key);
	strbuf_addch(sb, ':');
}

void cli_json_str(struct strbuf *sb, const char *key, const char *val, int *first)
{
	cli_json_key(sb, key, first);
	json_add_string(sb, val);
}

void cli_json_int(struct strbuf *sb, const char *key, int val, int *first)
{
	cli_json_key(sb, key, first);
	strbuf_addf(sb, "%d", val);
}

/* A list field (one item per line, or comma-separated) as a JSON array of strings. */
static void json_list(struct strbuf *sb, const char *key, const char *val, char sep, int *first)
{
	const char *p = val;
	int n = 0;
	cli_json_key(sb, key, first);
	strbuf_addch(sb, '[');
	while (*p) {
		const char *e = strchr(p, sep);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *item = xstrndup(p, len);
		char *t = item;
		while (*t == ' ')
			t++;
		if (*t) {
			strbuf_adds(sb, n++ ? "," : "");
			json_add_string(sb, t);
		}
		free(item);
		p += len + (e != NULL);
	}
	strbuf_addch(sb, ']');
}

/* A search-hit field. Marked fields become "match_<field>": the [start, end) character
 * offsets of each matched span in <field>, for a UI to highlight. */
static void json_hit_field(struct strbuf *sb, const char *key, const char *val, int *first)
{
	size_t chars = 0, n = strlen(val);
	int spans = 0;
	if (strncmp(key, "mark_", 5) != 0) {
		cli_json_str(sb, key, val, first);
		return;
	}
	strbuf_adds(sb, ",\"match_");
	strbuf_adds(sb, key + 5);
	strbuf_adds(sb, "\":[");
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		if (val[i] == TEXT_MATCH_ON) {
			strbuf_addf(sb, "%s[%zu", spans++ ? "," : "", chars);
			i++;
			continue;
		}
		if (val[i] == TEXT_MATCH_OFF) {
			strbuf_addf(sb, ",%zu]", chars);
			i++;
			continue;
		}
		i += utf8_decode(val + i, n - i, &cp);
		chars++;
	}
	strbuf_addch(sb, ']');
}

void cli_json_begin_item(struct cli *c)
{
	strbuf_adds(&c->out, c->nitems++ ? ",\n" : "[\n");
}

void cli_json_mapping(struct strbuf *sb, const struct hc_mapping *m)
{
	int f = 1;
	cli_json_str(sb, "kind", hc_kind_name(HC_KIND_MAPPING), &f);
	cli_json_key(sb, "code", &f);
	if (m->http_status)
		strbuf_addf(sb, "%d", m->http_status);
	else /* the vendor documents the code, not its status */
		strbuf_adds(sb, "null");
#define X(name) cli_json_str(sb, #name, m->name, &f);
	MAPPING_TEXT_FIELDS(X)
#undef X
	strbuf_addch(sb, '}');
}

void cli_json_meaning(struct strbuf *sb, const struct hc_meaning *m)
{
	int f = 1;
	cli_json_str(sb, "kind", hc_kind_name(HC_KIND_MEANING), &f);
	cli_json_int(sb, "code", m->number, &f);
#define X(name) cli_json_str(sb, #name, m->name, &f);
	MEANING_TEXT_FIELDS(X)
#undef X
	strbuf_addch(sb, '}');
}

/* What a program can use: retry, cacheable, body, gRPC's code, the example exchange (its
 * lines), the headers it goes with, and the frameworks' names for it. A status without facts
 * has null for each of the first five. */
static void json_facts(struct strbuf *sb, const struct hc_status_detail *sd, int *f)
{
	const struct hc_facts *k = &sd->facts;
	cli_json_key(sb, "retry", f);
	if (k->retry)
		json_add_string(sb, k->retry);
	else
		strbuf_adds(sb, "null");
	cli_json_key(sb, "cacheable", f);
	strbuf_adds(sb, !k->retry ? "null" : k->cacheable ? "true" : "false");
	cli_json_key(sb, "may_have_body", f);
	strbuf_adds(sb, !k->retry ? "null" : k->body ? "true" : "false");
	cli_json_key(sb, "grpc_code", f);
	if (k->retry && *k->grpc_from_http)
		json_add_string(sb, k->grpc_from_http);
	else
		strbuf_adds(sb, "null");
	json_list(sb, "example", k->example ? k->example : "", '\n', f);
	cli_json_key(sb, "spec_url", f);
	if (k->ref && *k->ref)
		json_add_string(sb, k->ref);
	else
		strbuf_adds(sb, "null");
	cli_json_key(sb, "headers_with", f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < sd->headers.n; i++) {
		const struct hc_header_link *h = &sd->headers.items[i];
		int g = 1;
		strbuf_adds(sb, i ? "," : "");
		cli_json_str(sb, "header", h->header, &g);
		cli_json_str(sb, "role", h->role, &g);
		cli_json_str(sb, "note_en", h->note_en, &g);
		cli_json_str(sb, "note_zh", h->note_zh, &g);
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
	cli_json_key(sb, "constants", f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < sd->constants.n; i++) {
		int g = 1;
		strbuf_adds(sb, i ? "," : "");
		cli_json_str(sb, "framework", sd->constants.items[i].framework, &g);
		cli_json_str(sb, "constant", sd->constants.items[i].constant, &g);
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
}

void cli_json_status(struct cli *c, const struct hc_status_detail *sd)
{
	struct strbuf *sb = &c->out;
	const struct hc_status *s = &sd->status;
	const hc_alias_list *al = &sd->aliases;
	const hc_related_list *rl = &sd->related;
	const hc_meaning_list *ml = &sd->meanings;
	const hc_mapping_list *mp = &sd->mappings;
	int f = 1;

	cli_json_begin_item(c);
	cli_json_str(sb, "kind", hc_kind_name(HC_KIND_STATUS), &f);
	cli_json_int(sb, "code", s->code, &f);
	cli_json_key(sb, "class", &f);
	strbuf_addf(sb, "\"%dxx\"", s->code / 100);
	cli_json_str(sb, "class_en", sd->category.name_en, &f);
	cli_json_str(sb, "class_zh", sd->category.name_zh, &f);
	cli_json_str(sb, "phrase_en", s->phrase_en, &f);
	cli_json_str(sb, "phrase_zh", s->phrase_zh, &f);
	cli_json_str(sb, "status", s->status, &f);
	cli_json_str(sb, "spec", s->spec, &f);
	cli_json_key(sb, "expires", &f);
	if (*s->expires)
		json_add_string(sb, s->expires);
	else
		strbuf_adds(sb, "null");
	cli_json_key(sb, "expired", &f);
	strbuf_adds(sb, doc_is_expired(&c->doc, s) ? "true" : "false");
	cli_json_str(sb, "summary_en", s->summary_en, &f);
	cli_json_str(sb, "summary_zh", s->summary_zh, &f);
	cli_json_str(sb, "description_en", s->description_en, &f);
	cli_json_str(sb, "description_zh", s->description_zh, &f);
	json_list(sb, "causes_en", s->causes_en, '\n', &f);
	json_list(sb, "causes_zh", s->causes_zh, '\n', &f);
	json_list(sb, "advice_en", s->advice_en, '\n', &f);
	json_list(sb, "advice_zh", s->advice_zh, '\n', &f);
	json_list(sb, "headers", s->headers, ',', &f);
	cli_json_key(sb, "bookmarked", &f);
	strbuf_adds(sb, sd->bookmarked ? "true" : "false");
	cli_json_key(sb, "note", &f);
	if (sd->note)
		json_add_string(sb, sd->note);
	else
		strbuf_adds(sb, "null");

	cli_json_key(sb, "aliases", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < al->n; i++) {
		int g = 1;
		strbuf_adds(sb, i ? "," : "");
		cli_json_str(sb, "alias", al->items[i].alias, &g);
		cli_json_str(sb, "origin", al->items[i].origin, &g);
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
	cli_json_key(sb, "related", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < rl->n; i++) {
		int g = 1;
		strbuf_adds(sb, i ? "," : "");
		cli_json_int(sb, "code", rl->items[i].code, &g);
#define X(name) cli_json_str(sb, #name, rl->items[i].name, &g);
		RELATED_TEXT_FIELDS(X)
#undef X
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
	cli_json_key(sb, "meanings", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < ml->n; i++) {
		strbuf_adds(sb, i ? "," : "");
		cli_json_meaning(sb, &ml->items[i]);
	}
	strbuf_addch(sb, ']');
	cli_json_key(sb, "mappings", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < mp->n; i++) {
		strbuf_adds(sb, i ? "," : "");
		cli_json_mapping(sb, &mp->items[i]);
	}
	strbuf_addch(sb, ']');
	json_facts(sb, sd, &f);
	strbuf_addch(sb, '}');
}

/* ---- running ---------------------------------------------------------------------------- */

int cli_usage_error(const struct options *o, enum msg_id id, const char *arg)
{
	report(stderr, o->lang, id, arg);
	report(stderr, o->lang, MSG_USAGE_HINT, NULL);
	return EXIT_USAGE;
}

/* Open the session and say what it has to say; -1 when there is no data to answer from. */
int cli_begin(struct cli *c, const struct options *o)
{
	int rc;
	char buf[256];

	memset(c, 0, sizeof *c);
	c->o = o;
	c->width = out_width();
	rc = session_open(&c->s, o);
	notice_report(stderr, o->lang, &c->s.notice);
	if (o->config.bad_line)
		fprintf(stderr, "httpcodes: %s\n", config_problem(o, buf, sizeof buf));
	doc_init(&c->doc, o->lang, c->width, c->s.today);
	if (rc < 0)
		session_close(&c->s);
	return rc;
}

int cli_end(struct cli *c, int status)
{
	if (c->o->json && !c->json_done)
		strbuf_adds(&c->out, c->nitems ? "\n]\n" : "[]\n");
	cli_flush_out(c);
	strbuf_release(&c->out);
	doc_release(&c->doc);
	session_close(&c->s);
	return status;
}

int cli_db_failure(struct cli *c)
{
	/* The store's reason for the failed call. Each should leave one; should a path forget, the
	 * user still reads a reason, never "no error". */
	struct hc_err unsaid;
	const struct hc_err *why = store_err(c->s.st);

	if (why->code == ERR_NONE) {
		err_set(&unsaid, ERR_READ, 0, NULL);
		why = &unsaid;
	}
	strbuf_reset(&c->out);
	doc_release(&c->doc);
	report_err(stderr, c->o->lang, MSG_DB_ERROR, NULL, why);
	session_close(&c->s);
	strbuf_release(&c->out);
	return EXIT_TROUBLE;
}

/* What an argument asks for. */
struct query {
	enum { Q_CODE, Q_RANGE, Q_NAME } type;
	int lo, hi;
};

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

/* A number of at most 9 digits (no sign, no blank), as the end of a range, at most 999. */
static int range_end(const char *s, size_t n, int *out)
{
	if (n > 9 || !all_digits(s, n))
		return 0;
	*out = (int)strtol(s, NULL, 10);
	if (*out > 999)
		*out = 999;
	return 1;
}

/* 404, 000 -> a code; 4xx, 40x, 4, 40, 0 -> a range; 400-410, 600-700, 0-999 -> a range; anything
 * else -> a name. Every number from 000 to 999 is reachable: senders use some outside the
 * classes (000, 783, 999). */
static void parse_query(const char *a, struct query *q)
{
	size_t n = strlen(a), digits = strspn(a, "0123456789");
	const char *dash = strchr(a, '-');

	q->type = Q_NAME;
	if (digits == n && n == 3) {
		q->type = Q_CODE;
		q->lo = q->hi = atoi(a);
		return;
	}
	if ((digits == 1 || digits == 2) && (digits == n || (n == 3 && strspn(a + digits, "xX") == 3 - digits))) {
		int scale = digits == 1 ? 100 : 10;
		q->type = Q_RANGE;
		q->lo = (int)strtol(a, NULL, 10) * scale; /* it stops at the first 'x' */
		q->hi = q->lo + scale - 1;
		return;
	}
	if (dash && range_end(a, (size_t)(dash - a), &q->lo) && range_end(dash + 1, strlen(dash + 1), &q->hi)) {
		q->type = Q_RANGE;
		if (q->lo > q->hi) {
			int t = q->lo;
			q->lo = q->hi;
			q->hi = t;
		}
	}
}

/* Each lookup returns 1 when it found something, 0 when not, -1 on a database error; what it
 * holds is released on every way out. */
static int lookup_code(struct cli *c, int code)
{
	struct hc_status_detail sd;
	hc_meaning_list ml = { 0 };
	int rc = store_status_detail(c->s.st, code, &sd);

	if (rc == 1) {
		if (c->o->json) {
			cli_json_status(c, &sd);
		} else if (c->o->brief) {
			cli_separate(c);
			doc_status_brief(&c->doc, &sd.status);
		} else {
			cli_separate(c);
			doc_status(&c->doc, &sd);
		}
		goto out;
	}
	if (rc < 0)
		goto out;
	/* Not a status we describe in full: perhaps a number only some senders use (000, 783). */
	if (store_meanings(c->s.st, code, &ml) < 0) {
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < ml.n; i++) {
		if (c->o->json) {
			cli_json_begin_item(c);
			cli_json_meaning(&c->out, &ml.items[i]);
		}
	}
	rc = ml.n > 0;
	if (rc && !c->o->json) {
		cli_separate(c);
		if (c->o->brief)
			doc_number_brief(&c->doc, code, &ml);
		else
			doc_number(&c->doc, code, &ml, 1);
	}
out:
	hc_status_detail_release(&sd);
	hc_meaning_list_release(&ml);
	return rc;
}

/* A status in full as JSON, by its code (one of the statuses): 0, or -1 on a database error. */
static int json_status_code(struct cli *c, int code)
{
	struct hc_status_detail sd;
	int rc = store_status_detail(c->s.st, code, &sd);
	if (rc == 1)
		cli_json_status(c, &sd);
	hc_status_detail_release(&sd);
	return rc < 0 ? -1 : 0;
}

/* How many meanings from m[0] (of at most n) are of m[0]'s number. */
static size_t same_number(const struct hc_meaning *m, size_t n)
{
	size_t k = 1;
	while (k < n && m[k].number == m[0].number)
		k++;
	return k;
}

/* Whether number is one of the statuses in l. */
static int is_status(const hc_status_list *l, int number)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].code == number)
			return 1;
	return 0;
}

/* The statuses in [lo, hi], and the numbers in it that only senders use, in order. */
static int lookup_range(struct cli *c, int lo, int hi)
{
	hc_status_list l = { 0 };
	hc_meaning_list all = { 0 }; /* by number: each number's meanings are together */
	size_t *first = NULL, nfirst = 0, i = 0, j = 0;
	int name_col = 0, rc = -1;

	if (store_status_range(c->s.st, lo, hi, &l) < 0 || store_meanings(c->s.st, -1, &all) < 0)
		goto out;
	/* Where each number in the range that is no status starts among the meanings. */
	first = xmalloc((all.n + 1) * sizeof *first);
	for (size_t k = 0; k < all.n; k += same_number(all.items + k, all.n - k)) {
		int number = all.items[k].number;
		if (number >= lo && number <= hi && !is_status(&l, number))
			first[nfirst++] = k;
	}
	for (size_t k = 0; k < l.n; k++) { /* names line up in one column */
		int w;
		doc_pair(&c->doc, l.items[k].phrase_en, l.items[k].phrase_zh);
		w = doc_col(&c->doc);
		strbuf_reset(&c->doc.cur);
		if (w > name_col)
			name_col = w;
	}
	for (size_t k = 0; k < nfirst; k++) {
		int w = doc_number_name_width(&c->doc, &all.items[first[k]]);
		if (w > name_col)
			name_col = w;
	}
	while (i < l.n || j < nfirst) {
		const struct hc_meaning *m = j < nfirst ? &all.items[first[j]] : NULL;
		size_t n;
		if (!m || (i < l.n && l.items[i].code < m->number)) {
			if (!c->o->json)
				doc_status_line(&c->doc, &l.items[i], name_col, cli_out_tty());
			else if (json_status_code(c, l.items[i].code) < 0)
				goto out;
			i++;
			continue;
		}
		n = same_number(m, all.n - first[j]);
		if (!c->o->json)
			doc_number_line(&c->doc, m, n, name_col);
		for (size_t k = 0; c->o->json && k < n; k++) {
			cli_json_begin_item(c);
			cli_json_meaning(&c->out, &m[k]);
		}
		j++;
	}
	rc = l.n + nfirst > 0;
	if (!c->o->json && rc)
		c->nitems++;
out:
	free(first);
	hc_status_list_release(&l);
	hc_meaning_list_release(&all);
	return rc;
}

/* A header field named name: its entry, with the statuses it goes with. 1 shown, 0 none, -1. */
static int lookup_header(struct cli *c, const char *name)
{
	struct hc_header h;
	struct hc_status *got;
	int rc = store_header_get(c->s.st, name, &h);
	if (rc <= 0)
		return rc;
	got = xcalloc(h.statuses.n + 1, sizeof *got);
	for (size_t i = 0; i < h.statuses.n && rc > 0; i++)
		if (store_status_get(c->s.st, h.statuses.items[i].code, &got[i]) < 0)
			rc = -1;
	if (rc > 0 && c->o->json) {
		int f = 1;
		cli_json_begin_item(c);
		cli_json_str(&c->out, "kind", "header", &f);
#define X(name) cli_json_str(&c->out, #name, h.name, &f);
		HEADER_TEXT_FIELDS(X)
#undef X
		cli_json_key(&c->out, "statuses", &f);
		strbuf_addch(&c->out, '[');
		for (size_t i = 0; i < h.statuses.n; i++) {
			int g = 1;
			strbuf_adds(&c->out, i ? "," : "");
			cli_json_int(&c->out, "code", h.statuses.items[i].code, &g);
			cli_json_str(&c->out, "role", h.statuses.items[i].role, &g);
			cli_json_str(&c->out, "note_en", h.statuses.items[i].note_en, &g);
			cli_json_str(&c->out, "note_zh", h.statuses.items[i].note_zh, &g);
			strbuf_addch(&c->out, '}');
		}
		strbuf_adds(&c->out, "]}");
	} else if (rc > 0) {
		cli_separate(c);
		if (c->o->brief)
			doc_header_brief(&c->doc, &h);
		else
			doc_header(&c->doc, &h, got);
	}
	for (size_t i = 0; i < h.statuses.n; i++)
		hc_status_release(&got[i]);
	free(got);
	hc_header_release(&h);
	return rc;
}

static int lookup_name(struct cli *c, const char *name)
{
	hc_mapping_list mp = { 0 };
	struct hc_status s = { 0 };
	int rc = -1, found;

	if (store_mappings_by_code(c->s.st, name, &mp) < 0)
		goto out;
	for (size_t i = 0; i < mp.n; i++) {
		if (c->o->json) {
			cli_json_begin_item(c);
			cli_json_mapping(&c->out, &mp.items[i]);
			continue;
		}
		cli_separate(c);
		found = mp.items[i].http_status ? store_status_get(c->s.st, mp.items[i].http_status, &s) : 0;
		if (found < 0)
			goto out;
		if (c->o->brief)
			doc_mapping_brief(&c->doc, &mp.items[i], found ? &s : NULL);
		else
			doc_mapping(&c->doc, &mp.items[i], found ? &s : NULL);
		hc_status_release(&s);
	}
	rc = mp.n > 0;
	/* A header field (Retry-After): its entry. */
	if (!rc)
		rc = lookup_header(c, name);
	/* A framework's name for a status (HTTPStatus.TOO_MANY_REQUESTS): that status. */
	if (!rc && (found = store_constant_code(c->s.st, name)) != 0)
		rc = found < 0 ? -1 : lookup_code(c, found);
out:
	hc_mapping_list_release(&mp);
	return rc;
}

/* ---- search results ------------------------------------------------------------------------ */

/* The sender of a business error found by search, by its names, in *out (released by the
 * caller): a built-in source's names; else it is a team of the user's, worded as the lists
 * word it ("Orders (yours)"). Returns 0, or -1 on a database error. */
static int hit_source(struct cli *c, const struct hc_hit *h, struct hc_source *out)
{
	int rc = store_source_get(c->s.st, h->source, out);
	struct strbuf en = STRBUF_INIT, zh = STRBUF_INIT;

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (*h->source) {
		strbuf_addf(&en, label(LANG_EN, L_TEAM_YOURS), h->source);
		strbuf_addf(&zh, label(LANG_ZH, L_TEAM_YOURS), h->source);
	} else {
		strbuf_adds(&en, label(LANG_EN, L_YOURS));
		strbuf_adds(&zh, label(LANG_ZH, L_YOURS));
	}
	out->name_en = strbuf_detach(&en);
	out->name_zh = strbuf_detach(&zh);
	return 0;
}

/* The hits as JSON, or as lines of d (stdout's, or one for stderr). Returns 1 when there are
 * any, 0 when not, -1 on a database error. */
static int show_hits(struct cli *c, struct doc *d, const hc_hit_list *hits)
{
	for (size_t i = 0; i < hits->n; i++) {
		const struct hc_hit *h = &hits->items[i];
		struct hc_source src = { 0 };
		if (h->kind == HC_KIND_MAPPING && hit_source(c, h, &src) < 0)
			return -1;
		if (c->o->json && d == &c->doc) {
			int f = 1;
			cli_json_begin_item(c);
			cli_json_str(&c->out, "kind", hc_kind_name(h->kind), &f);
			if (hc_hit_no_status(h))
				cli_json_key(&c->out, "code", &f), strbuf_adds(&c->out, "null");
			else
				cli_json_int(&c->out, "code", h->code, &f);
#define X(name) json_hit_field(&c->out, #name, h->name, &f);
			HIT_TEXT_FIELDS(X)
#undef X
			if (h->kind == HC_KIND_MAPPING) {
				cli_json_str(&c->out, "source_en", src.name_en ? src.name_en : "", &f);
				cli_json_str(&c->out, "source_zh", src.name_zh ? src.name_zh : "", &f);
			}
			if (h->closest)
				cli_json_key(&c->out, "closest", &f), strbuf_adds(&c->out, "true");
			cli_json_key(&c->out, "score", &f);
			strbuf_addf(&c->out, "%g}", h->score);
		} else {
			doc_hit(d, h, src.name_en ? src.name_en : h->source, src.name_zh ? src.name_zh : h->source);
			c->nitems += d == &c->doc;
		}
		hc_source_release(&src);
	}
	return hits->n > 0;
}

/* A thing with no status of its own that the query names (a CORS block): what it is, and the
 * statuses related to it, above the results; with --json, an item of kind "about" first
 * ("about": "no_status"; a comparison's is "comparison").
 * Returns 0, or -1 on a database error. */
static int show_concept(struct cli *c, struct doc *d, long long rowid)
{
	struct hc_concept k;
	struct hc_status related[CONCEPT_MAX_RELATED];
	size_t n;
	if (!rowid)
		return 0;
	if (store_concept(c->s.st, rowid, &k, related, &n) < 0)
		return -1;
	if (c->o->json && d == &c->doc) {
		int f = 1;
		cli_json_begin_item(c);
		cli_json_str(&c->out, "kind", "about", &f);
		cli_json_str(&c->out, "about", "no_status", &f);
		cli_json_str(&c->out, "id", k.id, &f);
		cli_json_str(&c->out, "name_en", k.name_en, &f);
		cli_json_str(&c->out, "name_zh", k.name_zh, &f);
		cli_json_str(&c->out, "about_en", k.about_en, &f);
		cli_json_str(&c->out, "about_zh", k.about_zh, &f);
		cli_json_key(&c->out, "related", &f);
		strbuf_addch(&c->out, '[');
		for (size_t i = 0; i < n; i++)
			strbuf_addf(&c->out, "%s%d", i ? "," : "", related[i].code);
		strbuf_adds(&c->out, "]}");
	} else {
		doc_concept(d, &k, related, n);
		doc_nl(d);
	}
	for (size_t i = 0; i < n; i++)
		hc_status_release(&related[i]);
	hc_concept_release(&k);
	return 0;
}

/* No code, range or error code is named name: say so, and show what the search finds under a
 * heading that calls them suggestions. With --json they go to stderr, as text: stdout keeps
 * only exact matches. Returns 0, or -1 on a database error. */
static int suggest(struct cli *c, const char *name)
{
	hc_hit_list hits = { 0 };
	struct search_about about = { 0, { 0, 0 }, 0 };
	struct doc err;
	struct doc *d;
	int rc;

	doc_init(&err, c->o->lang, c->width, c->s.today);
	d = c->o->json ? &err : &c->doc;
	cli_flush_out(c); /* keep stdout and stderr in order on a terminal */
	report(stderr, c->o->lang, MSG_NO_SUCH_NAME, name);
	if (search_find(c->s.st, name, SUGGEST_LIMIT, &hits, &about) < 0) {
		hc_hit_list_release(&hits);
		doc_release(&err);
		return -1;
	}
	if (d == &c->doc && (hits.n || about.concept))
		cli_separate(c);
	/* What it is, when it is a thing with no status ("net::ERR_CONNECTION_RESET"). */
	if (show_concept(c, d, about.concept) < 0) {
		hc_hit_list_release(&hits);
		doc_release(&err);
		return -1;
	}
	if (hits.n) {
		d->style = DOC_HEADING;
		doc_label(d, L_SUGGESTIONS);
		doc_nl(d);
	}
	rc = show_hits(c, d, &hits);
	if (d == &err)
		doc_print(&err, stderr, 0);
	else
		cli_flush_out(c);
	doc_release(&err);
	hc_hit_list_release(&hits);
	return rc < 0 ? -1 : 0;
}

/* Only blanks, or nothing: an argument that names nothing. */
static int is_blank(const char *s)
{
	return s[strspn(s, " \t\n\r\f\v")] == '\0';
}

int cli_lookup(const struct options *o, char **args, int nargs)
{
	struct cli c;
	int missed = 0;

	for (int i = 0; i < nargs; i++)
		if (is_blank(args[i]))
			return cli_usage_error(o, MSG_EMPTY_ARG, NULL);
	if (cli_begin(&c, o) < 0)
		return EXIT_TROUBLE;
	cli_pager_allow(o);
	for (int i = 0; i < nargs; i++) {
		struct query q;
		int rc;
		parse_query(args[i], &q);
		if (q.type == Q_CODE)
			rc = lookup_code(&c, q.lo);
		else if (q.type == Q_RANGE)
			rc = lookup_range(&c, q.lo, q.hi);
		else
			rc = lookup_name(&c, args[i]);
		if (rc == 0 && q.type != Q_NAME) /* an error code may look like a number (one of yours) */
			rc = lookup_name(&c, args[i]);
		if (rc == 0 && q.type == Q_NAME)
			rc = suggest(&c, args[i]);
		else if (rc == 0) {
			cli_flush_out(&c); /* keep stdout and stderr in order on a terminal */
			report(stderr, o->lang, MSG_NO_MATCH, args[i]);
		}
		if (rc < 0)
			return cli_db_failure(&c);
		missed |= rc == 0;
		if (cli_out_check(0) < 0)
			break; /* said at the end */
	}
	return cli_end(&c, missed ? EXIT_NOTHING : EXIT_FOUND);
}

/* ---- search ------------------------------------------------------------------------------ */

/* Two codes compared ("503 vs 504"): the note on how the first differs from the second, above
 * the results, when the data has one. Returns 0, or -1 on a database error. */
static int show_comparison(struct cli *c, const int compared[2])
{
	hc_related_list rl = { 0 };
	if (!compared[0])
		return 0;
	if (store_related(c->s.st, compared[0], &rl) < 0) {
		hc_related_list_release(&rl);
		return -1;
	}
	for (size_t i = 0; i < rl.n; i++) {
		if (rl.items[i].code != compared[1])
			continue;
		if (c->o->json) {
			int f = 1;
			cli_json_begin_item(c);
			cli_json_str(&c->out, "kind", "about", &f);
			cli_json_str(&c->out, "about", "comparison", &f);
			cli_json_int(&c->out, "code", compared[0], &f);
			cli_json_int(&c->out, "related", compared[1], &f);
			cli_json_str(&c->out, "note_en", rl.items[i].note_en, &f);
			cli_json_str(&c->out, "note_zh", rl.items[i].note_zh, &f);
			strbuf_addch(&c->out, '}');
			continue;
		}
		doc_comparison(&c->doc, compared[0], &rl.items[i]);
	}
	hc_related_list_release(&rl);
	return 0;
}

int cli_search(const struct options *o, char **words, int nwords)
{
	struct cli c;
	struct strbuf query = STRBUF_INIT;
	hc_hit_list hits = { 0 };
	struct search_about about = { 0, { 0, 0 }, 0 };
	size_t more = 0;
	int found = 0, rc;

	for (int i = 0; i < nwords; i++) {
		if (i)
			strbuf_addch(&query, ' ');
		strbuf_adds(&query, words[i]);
	}
	if (is_blank(strbuf_str(&query))) {
		strbuf_release(&query);
		return cli_usage_error(o, MSG_NO_QUERY, NULL);
	}
	if (cli_begin(&c, o) < 0) {
		strbuf_release(&query);
		return EXIT_TROUBLE;
	}
	cli_pager_allow(o);
	rc = search_find_first(c.s.st, strbuf_str(&query), o->limit ? o->limit : SEARCH_LIMIT, &hits, &about, &more);
	/* Said above the results, on stderr: stdout keeps only rows (and --json its array, where
	 * each closest match says so). */
	if (rc == 0 && about.closest && hits.n)
		report(stderr, o->lang, MSG_CLOSEST, strbuf_str(&query));
	else if (rc == 0 && hits.n && hits.items[hits.n - 1].closest && !about.compared[0])
		report(stderr, o->lang, MSG_CLOSEST_AFTER, strbuf_str(&query));
	if (rc == 0)
		rc = show_concept(&c, &c.doc, about.concept);
	if (rc == 0 && hits.n)
		rc = show_comparison(&c, about.compared);
	if (rc < 0 || (found = show_hits(&c, &c.doc, &hits)) < 0) {
		hc_hit_list_release(&hits);
		strbuf_release(&query);
		return cli_db_failure(&c);
	}
	hc_hit_list_release(&hits);
	if (!found) {
		cli_flush_out(&c);
		report(stderr, o->lang, MSG_NO_RESULTS, strbuf_str(&query));
	} else if (more) { /* on stderr, as the notes above the results: stdout keeps only rows */
		cli_flush_out(&c);
		report_n(stderr, o->lang, MSG_SEARCH_MORE, (long)more);
	}
	strbuf_release(&query);
	return cli_end(&c, found ? EXIT_FOUND : EXIT_NOTHING);
}

/* ---- help, version, stats -------------------------------------------------------------- */

static void help_in(struct strbuf *sb, enum lang l)
{
	int zh = l == LANG_ZH;
	strbuf_addf(sb, "httpcodes %s: %s\n\n%s\n", HTTPCODES_VERSION, label(l, L_HELP_ABOUT), label(l, L_HELP_USAGE));
/* The text at column 30, or two blanks after a longer form. */
#define X(form, en, zh_text) \
	strbuf_addf(sb, "  %-26s  %s\n", form, zh ? zh_text : en);
	USAGE(X)
#undef X
	strbuf_addf(sb, "\n%s\n", label(l, L_HELP_OPTIONS));
	for (int k = 0; k < OPT_COUNT_; k++) {
		const struct option_info *opt = &option_table[k];
		struct strbuf left = STRBUF_INIT;
		if (!opt->help[zh]) /* hidden: --complete, for the shells' completions */
			continue;
		if (opt->shortname)
			strbuf_addf(&left, "-%c, ", opt->shortname);
		else
			strbuf_adds(&left, "    ");
		strbuf_addf(&left, "--%s", opt->name);
		if (opt->arg)
			strbuf_addf(&left, " %s", opt->arg);
		strbuf_addf(sb, "  %-26s  %s\n", strbuf_str(&left), opt->help[zh]);
		strbuf_release(&left);
	}
	strbuf_addf(sb, "\n%s\n", label(l, L_HELP_EXIT));
}

int cli_help(const struct options *o)
{
	struct strbuf sb = STRBUF_INIT;
	if (o->lang == LANG_BOTH) {
		help_in(&sb, LANG_EN);
		strbuf_addch(&sb, '\n');
		help_in(&sb, LANG_ZH);
	} else {
		help_in(&sb, o->lang);
	}
	cli_pager_allow(o);
	cli_pager_start();
	fputs(strbuf_str(&sb), stdout);
	strbuf_release(&sb);
	return EXIT_FOUND;
}

int cli_version(void)
{
	printf("httpcodes %s\n", HTTPCODES_VERSION);
	return EXIT_FOUND;
}

/* The sections of --stats: their names in JSON output and their headings. */
static const struct { const char *json; enum label_id heading; } stat_sections[] = {
#define X(id, json, heading) [id] = { json, heading },
	STAT_SECTIONS(X)
#undef X
};

int cli_stats(const struct options *o)
{
	struct cli c;
	hc_stat_list l = { 0 };
	int col = 32;

	if (cli_begin(&c, o) < 0)
		return EXIT_TROUBLE;
	cli_pager_allow(o);
	if (store_stats(c.s.st, &l) < 0) {
		hc_stat_list_release(&l);
		return cli_db_failure(&c);
	}
	for (size_t i = 0; i < l.n; i++) { /* the counts line up after the longest name */
		doc_raw(&c.doc, "  ");
		doc_pair(&c.doc, l.items[i].name_en, l.items[i].name_zh);
		if (doc_col(&c.doc) + 2 > col)
			col = doc_col(&c.doc) + 2;
		strbuf_reset(&c.doc.cur);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct hc_stat *s = &l.items[i];
		if (o->json) {
			int f = 1;
			cli_json_begin_item(&c);
			cli_json_str(&c.out, "section", stat_sections[s->section].json, &f);
			cli_json_str(&c.out, "id", s->name, &f);
			cli_json_str(&c.out, "name_en", s->name_en, &f);
			cli_json_str(&c.out, "name_zh", s->name_zh, &f);
			cli_json_int(&c.out, "count", s->count, &f);
			strbuf_addch(&c.out, '}');
			continue;
		}
		if (i == 0 || s->section != l.items[i - 1].section) {
			if (i > 0)
				doc_nl(&c.doc);
			c.doc.style = DOC_HEADING;
			doc_label(&c.doc, stat_sections[s->section].heading);
			doc_nl(&c.doc);
		}
		doc_raw(&c.doc, "  ");
		doc_pair(&c.doc, s->name_en, s->name_zh);
		doc_pad_to(&c.doc, col);
		doc_putf(&c.doc, "%6d", s->count);
		doc_nl(&c.doc);
	}
	cli_end(&c, EXIT_FOUND);
	hc_stat_list_release(&l);
	return EXIT_FOUND;
}

/* ---- completion ------------------------------------------------------------------------- */

#define COMPLETE_MAX 200    /* more than a shell shows at one TAB; the rest come as one types */

/* A word as a shell takes it: no blank, nothing a terminal would act on (a crafted database). */
static void complete_word(const char *word, void *ctx)
{
	int *n = ctx;
	if (text_is_plain(word, 0) && !strpbrk(word, " \t")) {
		fputs(word, stdout);
		fputc('\n', stdout);
		++*n;
	}
}

int cli_complete(const struct options *o)
{
	struct cli c;
	int n = 0;

	if (cli_begin(&c, o) < 0)
		return EXIT_TROUBLE;
	if (store_complete(c.s.st, o->complete, COMPLETE_MAX, complete_word, &n) < 0)
		return cli_db_failure(&c);
	return cli_end(&c, n ? EXIT_FOUND : EXIT_NOTHING);
}

/* ---- bookmarks and notes ----------------------------------------------------------------- */

/* The names of a code: a status's phrases, or the first sender's name for a number only
 * senders use; "" for a number nobody names. Owned by *s or *ml. */
static int code_names(struct cli *c, int code, struct hc_status *s, hc_meaning_list *ml,
		      const char **en, const char **zh)
{
	int rc = store_status_get(c->s.st, code, s);
	*en = *zh = "";
	if (rc == 1) {
		*en = s->phrase_en;
		*zh = s->phrase_zh;
	} else if (rc == 0 && (rc = store_meanings(c->s.st, code, ml)) == 0 && ml->n) {
		*en = ml->items[0].name_en;
		*zh = ml->items[0].name_zh;
	}
	return rc < 0 ? -1 : 0;
}

int cli_bookmarks(const struct options *o, char **args, int nargs)
{
	struct cli c;
	hc_mark_list l = { 0 };

	(void)args;
	if (nargs != 0)
		return cli_usage_error(o, MSG_USAGE_BOOKMARKS, NULL);
	if (cli_begin(&c, o) < 0)
		return EXIT_TROUBLE;
	cli_pager_allow(o);
	if (store_marks(c.s.st, &l) < 0) {
		hc_mark_list_release(&l);
		return cli_db_failure(&c);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct hc_mark *m = &l.items[i];
		struct hc_status s = { 0 };
		hc_meaning_list ml = { 0 };
		const char *en, *zh;
		if (code_names(&c, m->code, &s, &ml, &en, &zh) < 0) {
			hc_status_release(&s);
			hc_meaning_list_release(&ml);
			hc_mark_list_release(&l);
			return cli_db_failure(&c);
		}
		if (o->json) {
			int f = 1;
			cli_json_begin_item(&c);
			cli_json_str(&c.out, "kind", "bookmark", &f);
			cli_json_int(&c.out, "code", m->code, &f);
			cli_json_str(&c.out, "name_en", en, &f);
			cli_json_str(&c.out, "name_zh", zh, &f);
			cli_json_key(&c.out, "bookmarked", &f);
			strbuf_adds(&c.out, m->bookmarked ? "true" : "false");
			cli_json_key(&c.out, "note", &f);
			if (*m->note)
				json_add_string(&c.out, m->note);
			else
				strbuf_adds(&c.out, "null");
			strbuf_addch(&c.out, '}');
		} else {
			c.doc.link = m->code;
			doc_putf(&c.doc, "%03d  ", m->code);
			doc_pair(&c.doc, en, zh);
			if (m->bookmarked)
				doc_raw(&c.doc, " \xE2\x98\x85"); /* ★, as in the detail's title */
			doc_nl(&c.doc);
			if (*m->note)
				doc_note(&c.doc, m->note, 5);
			c.nitems++;
		}
		hc_status_release(&s);
		hc_meaning_list_release(&ml);
	}
	if (l.n == 0) {
		cli_flush_out(&c);
		report(stderr, o->lang, MSG_NO_BOOKMARKS, NULL);
	}
	hc_mark_list_release(&l);
	return cli_end(&c, c.nitems ? EXIT_FOUND : EXIT_NOTHING);
}
