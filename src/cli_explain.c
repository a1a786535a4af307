/* cli_explain: `httpcodes explain [FILE]`: a response, an error body or a log line, read from
 * FILE or standard input and explained; a whole access log, streamed and summarised. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"
#include "doc.h"
#include "explain.h"
#include "store.h"
#include "text.h"

/* The first bytes read decide: a log is streamed, anything else is read whole. */
#define HEAD_SIZE (64u << 10)
/* A log is read in blocks of this size; a line longer than a block is counted and skipped. */
#define BLOCK_SIZE (1u << 20)

static const char *const input_names[] = {
	[EX_IN_NOTHING] = "nothing", [EX_IN_RESPONSE] = "response", [EX_IN_BODY] = "body",
	[EX_IN_LOG_LINE] = "log_line", [EX_IN_TEXT] = "text",
};
static const char *const from_names[] = {
	[EX_FROM_NONE] = NULL, [EX_FROM_STATUS_LINE] = "status_line", [EX_FROM_BODY] = "body",
	[EX_FROM_HEADER] = "header", [EX_FROM_LOG] = "log", [EX_FROM_MAPPING] = "error_code",
};
static const struct { unsigned bit; const char *name; } problem_names[] = {
	{ EXP_BINARY, "binary" }, { EXP_TOO_LARGE, "too_large" }, { EXP_BAD_JSON, "bad_json" },
	{ EXP_BAD_XML, "bad_xml" }, { EXP_XML_ENTITY, "xml_entities" }, { EXP_BAD_UTF8, "bad_utf8" },
};

/* Read up to max bytes of f into *buf (owned by the caller); *truncated when there was more. */
static int read_all(FILE *f, char **buf, size_t *len, size_t max, const char *head, size_t nhead, int *truncated)
{
	size_t cap = nhead + (64u << 10), n = nhead;
	char *b = xmalloc(cap + 1);
	memcpy(b, head, nhead);
	*truncated = 0;
	for (;;) {
		size_t got;
		if (n >= max) {
			char c;
			*truncated = fread(&c, 1, 1, f) == 1;
			break;
		}
		if (cap - n < 4096)
			b = xrealloc(b, (cap = cap * 2 > max ? max + 1 : cap * 2) + 1);
		got = fread(b + n, 1, (cap - n < max - n ? cap - n : max - n), f);
		n += got;
		if (got == 0)
			break;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return ferror(f) ? -1 : 0;
}

/* Stream the rest of f through the summary, head first, in constant memory. */
static int stream_log(FILE *f, const char *head, size_t nhead, struct ex_summary *s)
{
	char *buf = xmalloc(BLOCK_SIZE);
	size_t have = nhead;
	int skipping = 0, eof = 0;
	memcpy(buf, head, nhead);
	while (have || !eof) {
		char *p = buf, *end, *nl;
		if (!eof && have < BLOCK_SIZE) {
			size_t got = fread(buf + have, 1, BLOCK_SIZE - have, f);
			have += got;
			eof = got == 0;
		}
		end = buf + have;
		while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
			if (skipping)
				skipping = 0; /* the end of an overlong line, already counted */
			else
				explain_summary_add(s, p, (size_t)(nl - p));
			p = nl + 1;
		}
		if (p == buf && have == BLOCK_SIZE) { /* a line longer than a block */
			if (!skipping)
				s->lines++; /* counted, not read */
			skipping = 1;
			have = 0;
			continue;
		}
		if (eof && p < end) { /* the last line, without its newline */
			if (!skipping)
				explain_summary_add(s, p, (size_t)(end - p));
			p = end;
		}
		memmove(buf, p, (size_t)(end - p));
		have = (size_t)(end - p);
		if (eof && !have)
			break;
	}
	free(buf);
	return ferror(f) ? -1 : 0;
}

static void json_text_or_null(struct strbuf *sb, const char *key, const char *v, int *f)
{
	cli_json_key(sb, key, f);
	if (v)
		json_add_string(sb, v);
	else
		strbuf_adds(sb, "null");
}

static void json_msg_pair(struct strbuf *sb, const char *prefix, int id, const char *arg, int *f)
{
	char key[32], en[512], zh[512];
	snprintf(en, sizeof en, msg(LANG_EN, (enum msg_id)id), arg ? arg : "");
	snprintf(zh, sizeof zh, msg(LANG_ZH, (enum msg_id)id), arg ? arg : "");
	snprintf(key, sizeof key, "%s_en", prefix);
	cli_json_str(sb, key, en, f);
	snprintf(key, sizeof key, "%s_zh", prefix);
	cli_json_str(sb, key, zh, f);
}

/* The explanation as one JSON object; its matches are the objects a lookup prints. */
static int json_explain(struct cli *c, const struct explain *e, const struct hc_source *src,
			const struct hc_status_detail *sd, int have_sd)
{
	struct strbuf *sb = &c->out;
	int f = 1;

	cli_json_str(sb, "input", input_names[e->input], &f);
	cli_json_key(sb, "status", &f);
	if (explain_has_status(e))
		strbuf_addf(sb, "%d", e->status);
	else
		strbuf_adds(sb, "null");
	json_text_or_null(sb, "status_from", from_names[e->from], &f);
	json_text_or_null(sb, "version", e->version, &f);
	json_text_or_null(sb, "reason", e->reason, &f);
	json_text_or_null(sb, "sender", e->sender, &f);
	json_text_or_null(sb, "sender_en", src->name_en, &f);
	json_text_or_null(sb, "sender_zh", src->name_zh, &f);
	json_text_or_null(sb, "shape", e->shape, &f);
	json_text_or_null(sb, "error_code", e->error_code, &f);
	json_text_or_null(sb, "message", e->message, &f);
	json_text_or_null(sb, "request_id", e->request_id, &f);
	json_text_or_null(sb, "detail", e->detail, &f);
	json_text_or_null(sb, "request", e->request, &f);
	json_text_or_null(sb, "see_also", e->see, &f);
	cli_json_key(sb, "before", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < e->nchain; i++)
		strbuf_addf(sb, i ? ",%d" : "%d", e->chain[i]);
	strbuf_addch(sb, ']');
	if (e->input == EX_IN_LOG_LINE) {
		int g = 1;
		cli_json_key(sb, "log", &f);
		json_text_or_null(sb, "format", explain_log_format_name(e->log.format), &g);
		cli_json_key(sb, "target_status", &g);
		if (e->log.status2)
			strbuf_addf(sb, "%d", e->log.status2);
		else
			strbuf_adds(sb, "null");
		strbuf_addch(sb, '}');
	}
	cli_json_key(sb, "problems", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0, k = 0; i < sizeof problem_names / sizeof problem_names[0]; i++)
		if (e->problems & problem_names[i].bit) {
			strbuf_adds(sb, k++ ? "," : "");
			json_add_string(sb, problem_names[i].name);
		}
	strbuf_addch(sb, ']');
	cli_json_key(sb, "headers", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < e->nheaders; i++) {
		int g = 1;
		strbuf_adds(sb, i ? "," : "");
		cli_json_str(sb, "name", e->headers[i].name, &g);
		cli_json_str(sb, "value", e->headers[i].value, &g);
		if (e->headers[i].note >= 0)
			json_msg_pair(sb, "note", e->headers[i].note, e->headers[i].arg, &g);
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
	cli_json_key(sb, "log_phrases", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < e->phrases.n; i++) {
		const struct hc_log_phrase *p = &e->phrases.items[i];
		int g = 1;
		strbuf_adds(sb, i ? "," : "");
#define X(name) cli_json_str(sb, #name, p->name, &g);
		LOG_PHRASE_TEXT_FIELDS(X)
#undef X
		cli_json_key(sb, "http_status", &g);
		if (p->http_status)
			strbuf_addf(sb, "%d", p->http_status);
		else
			strbuf_adds(sb, "null");
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
	cli_json_key(sb, "matches", &f);
	/* The items: the status, the sender's meaning, the business errors. */
	if (have_sd)
		cli_json_status(c, sd);
	if (e->has_meaning) {
		cli_json_begin_item(c);
		cli_json_meaning(sb, &e->meaning);
	}
	for (size_t i = 0; i < e->mappings.n; i++) {
		cli_json_begin_item(c);
		cli_json_mapping(sb, &e->mappings.items[i]);
	}
	strbuf_adds(sb, c->nitems ? "\n]}\n" : "[]}\n");
	c->json_done = 1;
	return 0;
}

static int explain_one(struct cli *c, const char *text, size_t len, int truncated)
{
	struct explain e;
	struct hc_status_detail sd;
	struct hc_source src = { 0 };
	struct hc_status *mapped = NULL;
	int rc = explain_text(c->s.st, text, len, &e), have_sd = 0;

	memset(&sd, 0, sizeof sd);
	if (truncated)
		e.problems |= EXP_TOO_LARGE;
	if (rc >= 0 && e.status)
		have_sd = store_status_detail(c->s.st, e.status, &sd);
	if (rc >= 0 && have_sd >= 0 && e.sender && store_source_get(c->s.st, e.sender, &src) < 0)
		rc = -1;
	if (rc >= 0 && have_sd >= 0 && e.mappings.n) {
		mapped = xcalloc(e.mappings.n, sizeof *mapped);
		for (size_t i = 0; i < e.mappings.n && rc >= 0; i++)
			if (e.mappings.items[i].http_status &&
			    store_status_get(c->s.st, e.mappings.items[i].http_status, &mapped[i]) < 0)
				rc = -1;
	}
	if (rc < 0 || have_sd < 0) {
		rc = -1;
	} else if (c->o->json) {
		json_explain(c, &e, &src, &sd, have_sd == 1);
	} else if (rc > 0 || e.problems) {
		struct doc_explain_in in = { &e, have_sd == 1 ? &sd : NULL, src.name_en, src.name_zh, mapped };
		doc_explain(&c->doc, &in);
		c->nitems++;
	}
	if (rc == 0 && !c->o->json)
		report(stderr, c->o->lang, MSG_EX_NOTHING, NULL);
	for (size_t i = 0; mapped && i < e.mappings.n; i++)
		hc_status_release(&mapped[i]);
	free(mapped);
	hc_source_release(&src);
	hc_status_detail_release(&sd);
	explain_release(&e);
	return rc;
}

static int explain_log(struct cli *c, const struct ex_summary *sum)
{
	struct ex_rows *rs = xcalloc(1, sizeof *rs);
	int rc = explain_rows(c->s.st, sum, rs);

	if (rc == 0 && c->o->json) {
		struct strbuf *sb = &c->out;
		unsigned long long klass[10] = { 0 };
		int f = 1, g = 1;
		cli_json_str(sb, "input", "log", &f);
		cli_json_key(sb, "lines", &f);
		strbuf_addf(sb, "%llu", sum->lines);
		cli_json_key(sb, "requests", &f);
		strbuf_addf(sb, "%llu", sum->read);
		for (int fm = 0; fm < EX_LOG_FORMATS_; fm++)
			for (int k = 100; k < 1000; k++)
				klass[k / 100] += sum->count[fm][k];
		cli_json_key(sb, "classes", &f);
		for (int k = 1; k < 10; k++)
			if (klass[k]) {
				char key[8];
				snprintf(key, sizeof key, "%dxx", k);
				cli_json_key(sb, key, &g);
				strbuf_addf(sb, "%llu", klass[k]);
			}
		strbuf_adds(sb, g ? "{}" : "}");
		cli_json_key(sb, "statuses", &f);
		strbuf_addch(sb, '[');
		for (size_t i = 0; i < rs->n; i++) {
			const struct ex_row *r = &rs->row[i];
			int h = 1;
			strbuf_adds(sb, i ? ",\n" : "\n");
			cli_json_int(sb, "status", r->c.status, &h);
			cli_json_key(sb, "count", &h);
			strbuf_addf(sb, "%llu", r->c.count);
			cli_json_str(sb, "format", explain_log_format_name(r->c.format), &h);
			json_text_or_null(sb, "sender", r->sender, &h);
			json_text_or_null(sb, "name_en", r->name_en, &h);
			json_text_or_null(sb, "name_zh", r->name_zh, &h);
			strbuf_addch(sb, '}');
		}
		strbuf_adds(sb, rs->n ? "\n]}\n" : "]}\n");
		c->json_done = 1;
	} else if (rc == 0) {
		doc_explain_summary(&c->doc, sum, rs);
		c->nitems++;
	}
	explain_rows_release(rs);
	free(rs);
	return rc < 0 ? -1 : sum->read > 0;
}

int cli_explain(const struct options *o, char **args, int nargs)
{
	struct cli c;
	FILE *f = stdin;
	char *head, *text = NULL;
	size_t nhead, len;
	int rc, truncated = 0;

	if (nargs > 1)
		return cli_usage_error(o, MSG_EX_ONE_FILE, args[1]);
	if (nargs == 1 && strcmp(args[0], "-") != 0 && !(f = fopen(args[0], "rb"))) {
		report_errno(stderr, o->lang, MSG_CANNOT_READ, args[0], errno);
		return EXIT_USAGE;
	}
	if (f == stdin && isatty(STDIN_FILENO))
		report(stderr, o->lang, MSG_EX_PASTE, NULL);
	head = xmalloc(HEAD_SIZE);
	nhead = fread(head, 1, HEAD_SIZE, f);
	if (cli_begin(&c, o) < 0) {
		free(head);
		if (f != stdin)
			fclose(f);
		return EXIT_TROUBLE;
	}
	/* A file (a whole access log) may explain at length: through the pager on a terminal.
	 * What is read from stdin is answered as it is, under what was pasted. */
	if (f != stdin)
		cli_pager_allow(o);
	if (explain_is_log(head, nhead)) {
		struct ex_summary *sum = xcalloc(1, sizeof *sum);
		rc = stream_log(f, head, nhead, sum);
		rc = rc < 0 ? -2 : explain_log(&c, sum);
		free(sum);
	} else {
		rc = read_all(f, &text, &len, EXPLAIN_MAX_INPUT, head, nhead, &truncated) < 0 ? -2 : 0;
		if (rc == 0 && !len) {
			report(stderr, o->lang, MSG_EX_EMPTY, NULL);
			rc = 0;
		} else if (rc == 0) {
			rc = explain_one(&c, text, len, truncated);
		}
	}
	free(head);
	free(text);
	if (f != stdin)
		fclose(f);
	if (rc == -2) {
		report_errno(stderr, o->lang, MSG_CANNOT_READ, nargs ? args[0] : "-", errno);
		return cli_end(&c, EXIT_USAGE);
	}
	if (rc < 0)
		return cli_db_failure(&c);
	return cli_end(&c, rc > 0 ? EXIT_FOUND : EXIT_NOTHING);
}
