/* doc_explain: what explain found, as text (the CLI prints it, the browser's detail shows it).
 * Like the rest of doc, it never queries: the caller hands over the records. */
#include "doc.h"
#include "doc_int.h"

#include <stdio.h>
#include <string.h>

/* "  Label       value" with the value sanitised. */
static void field_line(struct doc *d, enum label_id id, const char *value, int col)
{
	struct strbuf clean = STRBUF_INIT;
	if (!value || !*value)
		return;
	doc_fact_label(d, id, col);
	text_sanitize(&clean, value, 0);
	if (strchr(strbuf_str(&clean), ' ')) {
		doc_para(d, strbuf_str(&clean), col); /* its first line beside the label, the rest below */
	} else { /* one word (a URL, an id): never cut, so that it can be copied or opened whole */
		doc_put(d, value);
		doc_nl(d);
	}
	strbuf_release(&clean);
}

static enum label_id input_label(enum ex_input in)
{
	switch (in) {
	case EX_IN_RESPONSE: return L_EX_RESPONSE;
	case EX_IN_BODY: return L_EX_BODY;
	case EX_IN_LOG_LINE: return L_EX_LOG_LINE;
	default: return L_EX_TEXT;
	}
}

/* A message of lang.h with one %s, in the document's language(s). */
static void msg_line(struct doc *d, int id, const char *arg)
{
	char en[512], zh[512];
	snprintf(en, sizeof en, msg(LANG_EN, (enum msg_id)id), arg ? arg : "");
	snprintf(zh, sizeof zh, msg(LANG_ZH, (enum msg_id)id), arg ? arg : "");
	doc_pair(d, en, zh);
}

static void label_arg(struct doc *d, enum label_id id, const char *arg, unsigned long long n)
{
	char en[256], zh[256];
	snprintf(en, sizeof en, label_n(LANG_EN, id, n == 1), arg);
	snprintf(zh, sizeof zh, label(LANG_ZH, id), arg);
	doc_pair(d, en, zh);
}

static const struct { unsigned bit; enum msg_id id; } problems[] = {
	{ EXP_BINARY, MSG_EXP_BINARY }, { EXP_TOO_LARGE, MSG_EXP_TOO_LARGE },
	{ EXP_BAD_JSON, MSG_EXP_BAD_JSON }, { EXP_BAD_XML, MSG_EXP_BAD_XML },
	{ EXP_XML_ENTITY, MSG_EXP_XML_ENTITY }, { EXP_BAD_UTF8, MSG_EXP_BAD_UTF8 },
};

/* The first lines: what the input was, its status, and who sent it; then what it names. */
static void summary_lines(struct doc *d, const struct doc_explain_in *in)
{
	const struct explain *e = in->e;
	const struct hc_status *s = in->status ? &in->status->status : NULL;
	int col = doc_facts_column(d);

	d->style = DOC_TITLE;
	doc_label(d, input_label(e->input));
	doc_raw(d, "  ");
	if (explain_has_status(e)) {
		d->link = e->status ? e->status : -1;
		if (e->version && e->from == EX_FROM_STATUS_LINE) {
			doc_put(d, e->version);
			doc_raw(d, " ");
		}
		doc_putf(d, "%03d", e->status);
		if (s) {
			doc_raw(d, " ");
			doc_pair(d, s->phrase_en, s->phrase_zh);
		} else if (e->has_meaning) {
			doc_raw(d, " ");
			doc_pair(d, e->meaning.name_en, e->meaning.name_zh);
		}
	} else {
		doc_label(d, L_EX_NO_STATUS);
	}
	if (in->sender_en) {
		char en[256], zh[256];
		doc_raw(d, "  ");
		snprintf(en, sizeof en, label(LANG_EN, L_EX_FROM), in->sender_en);
		snprintf(zh, sizeof zh, label(LANG_ZH, L_EX_FROM), in->sender_zh);
		doc_pair(d, en, zh);
	}
	doc_nl(d);
	if (e->from == EX_FROM_MAPPING) {
		doc_raw(d, "  ");
		doc_label(d, L_EX_BY_MAPPING);
		doc_nl(d);
	}
	field_line(d, L_EX_ERROR_CODE, e->error_code, col);
	field_line(d, L_MESSAGE, e->message, col);
	field_line(d, L_EX_DETAIL, e->detail, col);
	field_line(d, L_EX_REQUEST_ID, e->request_id, col);
	field_line(d, L_EX_REQUEST, e->request, col);
	field_line(d, L_EX_SEE, e->see, col);
	if (e->log.status2) {
		char v[8];
		snprintf(v, sizeof v, "%03d", e->log.status2);
		field_line(d, L_EX_TARGET, v, col);
	}
	if (e->nchain) {
		doc_fact_label(d, L_EX_BEFORE, col);
		for (size_t i = 0; i < e->nchain; i++)
			doc_putf(d, "%03d \xE2\x86\x92 ", e->chain[i]); /* → */
		doc_putf(d, "%03d", e->status);
		doc_nl(d);
	}
	for (size_t i = 0; i < sizeof problems / sizeof problems[0]; i++)
		if (e->problems & problems[i].bit) {
			doc_raw(d, "  ! ");
			msg_line(d, problems[i].id, NULL);
			doc_nl(d);
		}
}

static void status_part(struct doc *d, const struct doc_explain_in *in)
{
	const struct explain *e = in->e;
	if (in->status) {
		doc_nl(d);
		doc_status_line(d, &in->status->status, text_width(d->lang == LANG_ZH ? in->status->status.phrase_zh
										   : in->status->status.phrase_en), 0);
		doc_facts_lines(d, &in->status->facts, doc_facts_column(d));
	}
	if (e->has_meaning) {
		hc_meaning_list one = { (struct hc_meaning *)&e->meaning, 1, 1 };
		doc_heading(d, L_EX_SENDER_MEANS);
		doc_meanings(d, &one);
	}
}

static void phrases_part(struct doc *d, const struct explain *e)
{
	if (!e->phrases.n)
		return;
	doc_heading(d, L_EX_LOG_SAYS);
	for (size_t i = 0; i < e->phrases.n; i++) {
		const struct hc_log_phrase *p = &e->phrases.items[i];
		d->style = p->http_status ? DOC_LINK : DOC_TEXT;
		d->link = p->http_status ? p->http_status : -1;
		doc_raw(d, "  \"");
		doc_put(d, p->phrase);
		doc_raw(d, "\"");
		if (p->http_status) {
			doc_raw(d, "  ");
			char en[64], zh[64];
			snprintf(en, sizeof en, label(LANG_EN, L_EX_CLIENT_GOT), p->http_status);
			snprintf(zh, sizeof zh, label(LANG_ZH, L_EX_CLIENT_GOT), p->http_status);
			doc_pair(d, en, zh);
		}
		doc_nl(d);
		doc_texts(d, p->cause_en, p->cause_zh, 4, doc_para);
		doc_texts(d, p->advice_en, p->advice_zh, 4, doc_bullets);
		doc_ref_line(d, p->ref, 4);
	}
}

static void headers_part(struct doc *d, const struct explain *e)
{
	if (!e->nheaders)
		return;
	doc_heading(d, L_EX_HEADERS);
	for (size_t i = 0; i < e->nheaders; i++) {
		const struct ex_header *h = &e->headers[i];
		if (h->known) { /* a link to the header's entry */
			d->style = DOC_LINK;
			d->link = -1;
			d->header = h->name;
		}
		doc_raw(d, "  ");
		doc_put(d, h->name);
		doc_raw(d, ": ");
		doc_put(d, h->value);
		doc_nl(d);
		if (h->note >= 0) {
			struct strbuf en = STRBUF_INIT, zh = STRBUF_INIT;
			strbuf_addf(&en, msg(LANG_EN, (enum msg_id)h->note), h->arg ? h->arg : "");
			strbuf_addf(&zh, msg(LANG_ZH, (enum msg_id)h->note), h->arg ? h->arg : "");
			doc_texts(d, strbuf_str(&en), strbuf_str(&zh), 4, doc_para);
			strbuf_release(&en);
			strbuf_release(&zh);
		}
	}
}

void doc_explain(struct doc *d, const struct doc_explain_in *in)
{
	const struct explain *e = in->e;
	summary_lines(d, in);
	status_part(d, in);
	phrases_part(d, e);
	if (e->mappings.n) {
		doc_heading(d, L_EX_BUSINESS);
		for (size_t i = 0; i < e->mappings.n; i++) {
			if (i)
				doc_nl(d);
			doc_mapping(d, &e->mappings.items[i], in->mapped && in->mapped[i].code ? &in->mapped[i] : NULL);
		}
	}
	headers_part(d, e);
}

/* "  1,234" with thousands separated, into buf. */
static const char *grouped(unsigned long long v, char *buf, size_t size)
{
	char raw[32];
	size_t n = (size_t)snprintf(raw, sizeof raw, "%llu", v), o = 0;
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
	return buf;
}

void doc_explain_summary(struct doc *d, const struct ex_summary *s, const struct ex_rows *rs)
{
	unsigned long long klass[10] = { 0 };
	char a[32], b[32], en[160], zh[160];
	int width = 1;
	const struct ex_row *rows = rs->row;
	size_t n = rs->n;

	d->style = DOC_TITLE;
	snprintf(en, sizeof en, msg(LANG_EN, MSG_EX_LOG_SUMMARY), grouped(s->lines, a, sizeof a), grouped(s->read, b, sizeof b));
	snprintf(zh, sizeof zh, msg(LANG_ZH, MSG_EX_LOG_SUMMARY), a, b);
	doc_pair(d, en, zh);
	doc_nl(d);
	if (s->lines - s->read - s->blank) {
		doc_raw(d, "  ");
		label_arg(d, L_EX_OTHER_LINES, grouped(s->lines - s->read - s->blank, a, sizeof a),
			  s->lines - s->read - s->blank);
		doc_nl(d);
	}
	for (size_t i = 0; i < n; i++) {
		int w = (int)strlen(grouped(rows[i].c.count, a, sizeof a));
		if (w > width)
			width = w;
		klass[rows[i].c.status / 100 % 10] += rows[i].c.count;
	}
	if (!s->read)
		return;
	doc_heading(d, L_EX_CLASSES);
	doc_raw(d, " ");
	for (int k = 1; k < 10; k++)
		if (klass[k])
			doc_putf(d, " %dxx %.1f%%", k, 100.0 * (double)klass[k] / (double)s->read);
	doc_nl(d);
	doc_heading(d, L_EX_SUMMARY);
	for (size_t i = 0; i < n; i++) {
		const struct ex_row *r = &rows[i];
		d->style = DOC_LINK;
		d->link = r->c.status;
		doc_putf(d, "  %*s  %5.1f%%  %03d  ", width, grouped(r->c.count, a, sizeof a),
			 100.0 * (double)r->c.count / (double)s->read, r->c.status);
		if (r->name_en)
			doc_pair(d, r->name_en, r->name_zh);
		if (r->sender_en) {
			doc_raw(d, "  (");
			doc_pair(d, r->sender_en, r->sender_zh);
			doc_raw(d, ")");
		}
		doc_nl(d);
	}
}
