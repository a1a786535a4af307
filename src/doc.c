#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already (the argv fuzzer builds all in one) */
#define _XOPEN_SOURCE 700
#endif
#include "doc.h"
#include "doc_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define SEP " \xC2\xB7 " /* " · " between the English and the Chinese */
#define STAR "\xE2\x98\x85" /* ★: bookmarked */

void doc_init(struct doc *d, enum lang lang, int width, const char *today)
{
	memset(d, 0, sizeof *d);
	d->lang = lang;
	d->width = width < 20 ? 20 : width;
	d->link = -1;
	snprintf(d->today, sizeof d->today, "%s", today ? today : "");
}

void doc_clear(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->lines[i].text);
		free(d->lines[i].header);
		free(d->lines[i].mapping);
		free(d->lines[i].url);
	}
	d->n = 0;
	strbuf_reset(&d->cur);
	d->style = DOC_TEXT;
	d->link = -1;
	d->header = NULL;
	free(d->mapping);
	free(d->url);
	d->mapping = d->url = NULL;
	d->cont = 0;
	d->nlinks = 0;
}

void doc_release(struct doc *d)
{
	doc_clear(d);
	free(d->lines);
	strbuf_release(&d->cur);
	d->lines = NULL;
	d->cap = 0;
}

/* ---- writing ------------------------------------------------------------------------------ */

void doc_put(struct doc *d, const char *s)
{
	text_sanitize(&d->cur, s, 0);
}

void doc_putf(struct doc *d, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	doc_put(d, buf);
}

void doc_raw(struct doc *d, const char *s)
{
	strbuf_adds(&d->cur, s);
}

void doc_marker(struct doc *d, char marker)
{
	strbuf_addch(&d->cur, marker);
}

void doc_nl(struct doc *d)
{
	int has_link = d->link >= 0 || d->header || d->mapping;
	int id = !has_link ? -1 : d->cont && d->nlinks ? d->nlinks - 1 : d->nlinks++;
	XGROW(d->lines, d->cap, d->n + 1, 64);
	d->lines[d->n++] = (struct doc_line){ strbuf_detach(&d->cur), d->style, d->link,
					      d->header ? xstrdup(d->header) : NULL, d->mapping, d->url,
					      d->url ? d->url_col : -1, id };
	d->style = DOC_TEXT;
	d->link = -1;
	d->header = NULL;
	d->mapping = d->url = NULL;
	d->cont = 0;
}

/* doc_nl_wrap's state: the line's settings, given again to each piece. */
struct hang_ctx {
	struct doc *d;
	enum doc_style style;
	int link, lead, hang, n;
	const char *header, *mapping, *url;
	int url_col;
};

static void emit_hung(const char *line, void *ctx)
{
	struct hang_ctx *h = ctx;
	struct doc *d = h->d;
	doc_pad_to(d, h->n ? h->hang : h->lead);
	d->style = h->style;
	d->link = h->link;
	d->header = h->header;
	d->mapping = h->mapping ? xstrdup(h->mapping) : NULL;
	if (h->url) { /* the first piece is laid out as the whole line was; the address goes on
		       * from the indent on every line after it */
		d->url = xstrdup(h->url);
		d->url_col = h->n ? h->hang : h->url_col;
	}
	d->cont = h->n > 0;
	doc_raw(d, line);
	doc_nl(d);
	h->n++;
}

static void keep_first(const char *line, void *ctx)
{
	struct strbuf *first = ctx;
	if (!first->len)
		strbuf_adds(first, line);
}

void doc_nl_wrap(struct doc *d, int hang)
{
	const char *s = strbuf_str(&d->cur);
	struct hang_ctx h = { d, d->style, d->link, 0, hang, 0, d->header, d->mapping, d->url, d->url_col };
	char *rest;

	if (text_width(s) <= d->width) {
		doc_nl(d);
		return;
	}
	while (s[h.lead] == ' ')
		h.lead++;
	if (h.hang < h.lead)
		h.hang = h.lead;
	if (h.hang > d->width / 2)
		h.hang = d->width / 2;
	rest = xstrdup(s + h.lead);
	strbuf_reset(&d->cur);
	d->mapping = d->url = NULL; /* held by h until the pieces are out */
	{
		/* The first piece as wide as its indent allows, the rest as the hang does: the text
		 * is sanitised already, so the first piece is the bytes it starts with. */
		struct strbuf first = STRBUF_INIT;
		const char *more;
		text_wrap(rest, d->width - h.lead, keep_first, &first);
		emit_hung(strbuf_str(&first), &h);
		more = rest + (first.len < strlen(rest) ? first.len : strlen(rest));
		while (*more == ' ')
			more++;
		if (*more)
			text_wrap(more, d->width - h.hang, emit_hung, &h);
		strbuf_release(&first);
	}
	free(rest);
	free((char *)h.mapping);
	free((char *)h.url);
}

#define KEY_SEP '\x1f'

void doc_mapping_key(struct strbuf *out, const struct hc_mapping *m)
{
	strbuf_addf(out, "%c%c%s%c%s%c%s", m->is_user ? 'U' : 'B', KEY_SEP, m->is_user ? m->team : m->source,
		    KEY_SEP, m->product, KEY_SEP, m->error_code);
}

void doc_link_mapping(struct doc *d, const struct hc_mapping *m)
{
	struct strbuf k = STRBUF_INIT;
	doc_mapping_key(&k, m);
	free(d->mapping);
	d->mapping = strbuf_detach(&k);
}

int doc_mapping_key_split(char *key, int *is_user, char **source, char **product, char **code)
{
	char *p[3];
	if ((key[0] != 'U' && key[0] != 'B') || key[1] != KEY_SEP)
		return 0;
	*is_user = key[0] == 'U';
	p[0] = key + 2;
	for (int i = 1; i < 3; i++) {
		p[i] = strchr(p[i - 1], KEY_SEP);
		if (!p[i])
			return 0;
		*p[i]++ = '\0';
	}
	*source = p[0];
	*product = p[1];
	*code = p[2];
	return 1;
}

char *doc_url_of(const char *ref)
{
	const char *p = ref;
	char num[16], sec[32];
	size_t n = 0, k = 0;

	if (!ref)
		return NULL;
	if (strncmp(ref, "https://", 8) == 0 || strncmp(ref, "http://", 7) == 0) {
		for (p = ref; *p; p++)
			if (*p <= ' ' || *p >= 0x7F) /* no space, no control, nothing a terminal could take */
				return NULL;
		return xstrdup(ref);
	}
	if (strncmp(ref, "draft-", 6) == 0) {
		struct strbuf u = STRBUF_INIT;
		strbuf_adds(&u, "https://datatracker.ietf.org/doc/");
		while (*p && *p != ' ' && *p != ',')
			strbuf_addch(&u, *p++);
		return strbuf_detach(&u);
	}
	if (strncmp(p, "RFC", 3) != 0)
		return NULL;
	p += 3;
	if (*p == ' ')
		p++;
	while (*p >= '0' && *p <= '9' && n < sizeof num - 1)
		num[n++] = *p++;
	num[n] = '\0';
	if (!n)
		return NULL;
	if (strncmp(p, ", Section ", 10) == 0) {
		p += 10;
		while (((*p >= '0' && *p <= '9') || *p == '.') && k < sizeof sec - 1)
			sec[k++] = *p++;
		while (k && sec[k - 1] == '.')
			k--;
	}
	sec[k] = '\0';
	{
		struct strbuf u = STRBUF_INIT;
		strbuf_addf(&u, "https://www.rfc-editor.org/rfc/rfc%s", num);
		if (k)
			strbuf_addf(&u, "#section-%s", sec);
		return strbuf_detach(&u);
	}
}

int doc_col(const struct doc *d)
{
	return text_width(strbuf_str(&d->cur));
}

void doc_pad_to(struct doc *d, int col)
{
	for (int c = doc_col(d); c < col; c++)
		strbuf_addch(&d->cur, ' ');
}

void doc_put_marked(struct doc *d, const char *s)
{
	struct strbuf piece = STRBUF_INIT;
	for (const char *p = s;; p++) {
		if (*p == TEXT_MATCH_ON || *p == TEXT_MATCH_OFF || *p == '\0') {
			doc_put(d, strbuf_str(&piece));
			strbuf_reset(&piece);
			if (*p == '\0')
				break;
			strbuf_addch(&d->cur, *p);
		} else {
			strbuf_addch(&piece, *p);
		}
	}
	strbuf_release(&piece);
}

static void pair_with(struct doc *d, const char *en, const char *zh,
		      void (*put)(struct doc *, const char *))
{
	if (d->lang == LANG_ZH) {
		put(d, zh);
	} else {
		put(d, en);
		if (d->lang == LANG_BOTH && *zh && strcmp(en, zh) != 0) {
			doc_raw(d, SEP);
			put(d, zh);
		}
	}
}

void doc_pair(struct doc *d, const char *en, const char *zh)
{
	pair_with(d, en, zh, doc_put);
}

void doc_pair_marked(struct doc *d, const char *en, const char *zh)
{
	pair_with(d, en, zh, doc_put_marked);
}

void doc_label(struct doc *d, enum label_id id)
{
	if (d->lang == LANG_BOTH) {
		doc_raw(d, label(LANG_EN, id));
		doc_raw(d, " ");
		doc_raw(d, label(LANG_ZH, id));
	} else {
		doc_raw(d, label(d->lang, id));
	}
}

void doc_colon(struct doc *d)
{
	doc_raw(d, d->lang == LANG_ZH ? "：" : ": ");
}

static int label_width(const struct doc *d, enum label_id id)
{
	if (d->lang == LANG_BOTH)
		return text_width(label(LANG_EN, id)) + 1 + text_width(label(LANG_ZH, id));
	return text_width(label(d->lang, id));
}

struct wrap_ctx {
	struct doc *d;
	int indent;
	const char *first;      /* prefix of the first line, e.g. "- "; NULL for none */
	int lineno;
};

static void emit_line(const char *line, void *ctx)
{
	struct wrap_ctx *w = ctx;
	doc_pad_to(w->d, w->indent);
	if (w->first)
		doc_raw(w->d, w->lineno == 0 ? w->first : "  ");
	doc_raw(w->d, line); /* sanitised by text_wrap */
	doc_nl(w->d);
	w->lineno++;
}

/* "Reference: URL" (出处：), indented; the URL never cut, and broken over lines only where
 * the doc says so (a pane that cannot scroll sideways). */
void doc_ref_line(struct doc *d, const char *ref, int indent)
{
	doc_pad_to(d, indent);
	doc_label(d, L_REF);
	doc_colon(d);
	if (doc_col(d) + text_width(ref) > d->width &&
	    (d->break_urls || indent + 2 + text_width(ref) <= d->width)) { /* on a line of its own */
		while (d->cur.len && d->cur.buf[d->cur.len - 1] == ' ')
			d->cur.buf[--d->cur.len] = '\0';
		doc_nl(d);
		doc_pad_to(d, indent + 2);
	}
	d->url = doc_url_of(ref);
	d->url_col = doc_col(d);
	doc_put(d, ref);
	if (d->break_urls)
		doc_nl_wrap(d, indent + 2);
	else
		doc_nl(d); /* whole, to be copied or clicked: the terminal folds it */
}

/* A paragraph of text, wrapped, every line indented. */
void doc_para(struct doc *d, const char *s, int indent)
{
	struct wrap_ctx w = { d, indent, NULL, 0 };
	text_wrap(s, d->width - indent, emit_line, &w);
}

/* A newline-separated list, one bullet per item. */
void doc_bullets(struct doc *d, const char *s, int indent)
{
	const char *p = s;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *item = xstrndup(p, n);
		struct wrap_ctx w = { d, indent, "- ", 0 };
		if (*item)
			text_wrap(item, d->width - indent - 2, emit_line, &w);
		free(item);
		p += n + (e != NULL);
	}
}

/* Text in the chosen language; both, one after the other, in LANG_BOTH. */
void doc_texts(struct doc *d, const char *en, const char *zh, int indent,
		  void (*show)(struct doc *, const char *, int))
{
	if (d->lang != LANG_ZH && *en)
		show(d, en, indent);
	if (d->lang != LANG_EN && *zh)
		show(d, zh, indent);
}

void doc_heading(struct doc *d, enum label_id id)
{
	doc_nl(d);
	d->style = DOC_HEADING;
	doc_label(d, id);
	doc_nl(d);
}

/* ---- status details ----------------------------------------------------------------------- */

void doc_note(struct doc *d, const char *note, int indent)
{
	doc_pad_to(d, indent);
	doc_marker(d, TEXT_EM_ON);
	doc_label(d, L_NOTE);
	doc_marker(d, TEXT_EM_OFF);
	doc_colon(d);
	doc_nl(d);
	doc_para(d, note, indent + 2);
}

int doc_is_expired(const struct doc *d, const struct hc_status *s)
{
	return *s->expires && *d->today && strcmp(d->today, s->expires) > 0;
}

static enum label_id status_label(const char *status)
{
	if (strcmp(status, "unused") == 0)
		return L_ST_UNUSED;
	if (strcmp(status, "obsoleted") == 0)
		return L_ST_OBSOLETED;
	if (strcmp(status, "temporary") == 0)
		return L_ST_TEMPORARY;
	if (strcmp(status, "unofficial") == 0)
		return L_ST_UNOFFICIAL;
	return L_ST_STANDARD;
}

static void registry_value(struct doc *d, const struct hc_status *s, enum lang l)
{
	doc_raw(d, label(l, status_label(s->status)));
	if (*s->expires) {
		doc_raw(d, l == LANG_ZH ? "，" : ", ");
		doc_putf(d, label(l, doc_is_expired(d, s) ? L_EXPIRED : L_EXPIRES), s->expires);
	}
}

/* The start of a "Label    value" line of the facts block. */
void doc_fact_label(struct doc *d, enum label_id id, int col)
{
	doc_raw(d, "  ");
	doc_marker(d, TEXT_EM_ON);
	doc_label(d, id);
	doc_marker(d, TEXT_EM_OFF);
	doc_pad_to(d, col);
}

int doc_facts_column(const struct doc *d)
{
	static const enum label_id ids[] = { L_CLASS, L_SPEC, L_REGISTRY, L_ALIASES, L_HEADERS,
					     L_RETRY, L_CACHEABLE, L_BODY, L_GRPC };
	int w = 0;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (label_width(d, ids[i]) > w)
			w = label_width(d, ids[i]);
	return 2 + w + 2;
}

void doc_meanings(struct doc *d, const hc_meaning_list *ml)
{
	for (size_t i = 0; i < ml->n; i++) {
		const struct hc_meaning *m = &ml->items[i];
		doc_raw(d, "  ");
		doc_marker(d, TEXT_EM_ON);
		doc_pair(d, m->source_en, m->source_zh);
		doc_marker(d, TEXT_EM_OFF);
		doc_raw(d, ": ");
		doc_pair(d, m->name_en, m->name_zh);
		doc_nl_wrap(d, 4);
		doc_texts(d, m->description_en, m->description_zh, 4, doc_para);
		doc_ref_line(d, m->ref, 4);
	}
}

static void mapping_line(struct doc *d, const struct hc_mapping *m)
{
	doc_raw(d, "  ");
	doc_pair(d, m->source_en, m->source_zh);
	if (*m->product) {
		doc_raw(d, " ");
		doc_put(d, m->product);
	}
	doc_raw(d, "  ");
	doc_marker(d, TEXT_EM_ON);
	doc_put(d, m->error_code);
	doc_marker(d, TEXT_EM_OFF);
	doc_raw(d, "  ");
	doc_pair(d, m->message_en, m->message_zh);
	doc_link_mapping(d, m);
	doc_nl_wrap(d, 4);
}

void doc_related(struct doc *d, const struct hc_related *r)
{
	d->style = DOC_LINK;
	d->link = r->code;
	doc_putf(d, "  %d ", r->code);
	doc_pair(d, r->phrase_en, r->phrase_zh);
	doc_nl_wrap(d, 4);
	doc_texts(d, r->note_en, r->note_zh, 4, doc_para);
}

void doc_concept(struct doc *d, const struct hc_concept *c, const struct hc_status *related, size_t n)
{
	d->style = DOC_HEADING;
	doc_pair(d, c->name_en, c->name_zh);
	doc_colon(d);
	doc_label(d, L_NO_STATUS);
	doc_nl(d);
	doc_texts(d, c->about_en, c->about_zh, 2, doc_para);
	if (n) {
		d->style = DOC_HEADING;
		doc_raw(d, "  ");
		doc_label(d, L_RELATED_STATUSES);
		doc_nl(d);
	}
	for (size_t i = 0; i < n; i++) {
		d->style = DOC_LINK;
		d->link = related[i].code;
		doc_putf(d, "    %d ", related[i].code);
		doc_pair(d, related[i].phrase_en, related[i].phrase_zh);
		doc_nl_wrap(d, 6);
	}
}

/* A label's value in the languages shown: "yes · 是". */
void doc_label_value(struct doc *d, enum label_id id)
{
	doc_pair(d, label(LANG_EN, id), label(LANG_ZH, id));
}

static enum label_id retry_label(const char *retry)
{
	static const struct {
		const char *name;
		enum label_id id;
	} names[] = { { "never", L_RETRY_NEVER }, { "after", L_RETRY_AFTER }, { "backoff", L_RETRY_BACKOFF },
		      { "idempotent", L_RETRY_IDEMPOTENT }, { "changed", L_RETRY_CHANGED } };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(retry, names[i].name) == 0)
			return names[i].id;
	return L_RETRY_CHANGED; /* the CHECK of status_facts allows no other */
}

/* What a program can use (status_facts): retry, cacheable, content, gRPC's code. */
void doc_facts_lines(struct doc *d, const struct hc_facts *f, int col)
{
	if (!f->retry)
		return;
	doc_fact_label(d, L_RETRY, col);
	doc_label_value(d, retry_label(f->retry));
	doc_nl_wrap(d, col);
	doc_fact_label(d, L_CACHEABLE, col);
	doc_label_value(d, f->cacheable ? L_CACHEABLE_YES : L_CACHEABLE_NO);
	doc_nl_wrap(d, col);
	doc_fact_label(d, L_BODY, col);
	doc_label_value(d, f->body ? L_BODY_YES : L_BODY_NO);
	doc_nl_wrap(d, col);
	if (*f->grpc_from_http) {
		char en[96], zh[96];
		snprintf(en, sizeof en, label(LANG_EN, L_GRPC_SAYS), f->grpc_from_http);
		snprintf(zh, sizeof zh, label(LANG_ZH, L_GRPC_SAYS), f->grpc_from_http);
		doc_fact_label(d, L_GRPC, col);
		doc_pair(d, en, zh);
		doc_nl_wrap(d, col);
	}
}

static enum label_id role_label(const char *role)
{
	return strcmp(role, "required") == 0 ? L_ROLE_REQUIRED : strcmp(role, "usual") == 0 ? L_ROLE_USUAL : L_ROLE_RELATED;
}

/* The headers a status goes with, each with its role and what it does there. */
static void header_links(struct doc *d, const hc_header_link_list *l)
{
	doc_heading(d, L_HEADER_LINKS);
	for (size_t i = 0; i < l->n; i++) {
		const struct hc_header_link *h = &l->items[i];
		d->style = DOC_LINK;
		d->header = h->header;
		doc_raw(d, "  ");
		doc_put(d, h->header);
		doc_raw(d, " (");
		doc_label_value(d, role_label(h->role));
		doc_raw(d, ")");
		doc_nl_wrap(d, 4);
		if (*h->note_en)
			doc_texts(d, h->note_en, h->note_zh, 4, doc_para);
		else
			doc_texts(d, h->summary_en, h->summary_zh, 4, doc_para);
	}
}

/* The frameworks' names for a status, one per line: "Go      http.StatusTooManyRequests". */
static void constants(struct doc *d, const hc_constant_list *l)
{
	static const struct {
		const char *id, *name;
	} names[] = { { "go", "Go" }, { "python", "Python" }, { "spring", "Spring" }, { "dotnet", ".NET" },
		      { "node", "Node.js" }, { "rust", "Rust" }, { "rails", "Rails" }, { "symfony", "Symfony" },
		      { "ktor", "Ktor" } };
	doc_heading(d, L_CONSTANTS);
	for (size_t i = 0; i < l->n; i++) {
		const char *name = l->items[i].framework;
		for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
			if (strcmp(name, names[k].id) == 0)
				name = names[k].name;
		doc_raw(d, "  ");
		doc_put(d, name);
		doc_pad_to(d, 12);
		doc_put(d, l->items[i].constant);
		doc_nl(d);
	}
}

/* An exchange, line by line, as sent. */
static void example(struct doc *d, const char *text)
{
	doc_heading(d, L_EXAMPLE);
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *line = strndup(p, n);
		doc_raw(d, "  ");
		doc_put(d, line ? line : "");
		doc_nl(d);
		free(line);
		p += n + (e != NULL);
	}
}

void doc_comparison(struct doc *d, int first, const struct hc_related *r)
{
	char en[64], zh[64];
	snprintf(en, sizeof en, msg(LANG_EN, MSG_COMPARED), first, r->code);
	snprintf(zh, sizeof zh, msg(LANG_ZH, MSG_COMPARED), first, r->code);
	d->style = DOC_HEADING;
	doc_pair(d, en, zh);
	doc_nl(d);
	doc_related(d, r);
	doc_nl(d);
}

void doc_header(struct doc *d, const struct hc_header *h, const struct hc_status *status)
{
	int col = doc_facts_column(d);
	d->style = DOC_TITLE;
	doc_put(d, h->name);
	doc_nl(d);
	doc_texts(d, h->summary_en, h->summary_zh, 0, doc_para);
	doc_nl(d);
	doc_fact_label(d, L_SPEC, col);
	d->url = doc_url_of(h->spec);
	d->url_col = doc_col(d);
	doc_put(d, h->spec);
	doc_nl_wrap(d, col);
	doc_heading(d, L_DESCRIPTION);
	doc_texts(d, h->description_en, h->description_zh, 2, doc_para);
	if (*h->example)
		example(d, h->example);
	if (h->statuses.n)
		doc_heading(d, L_HEADER_GOES_WITH);
	for (size_t i = 0; i < h->statuses.n; i++) {
		const struct hc_header_link *l = &h->statuses.items[i];
		d->style = DOC_LINK;
		d->link = l->code;
		doc_putf(d, "  %d ", l->code);
		if (status[i].phrase_en)
			doc_pair(d, status[i].phrase_en, status[i].phrase_zh);
		doc_raw(d, " (");
		doc_label_value(d, role_label(l->role));
		doc_raw(d, ")");
		doc_nl_wrap(d, 4);
		if (*l->note_en)
			doc_texts(d, l->note_en, l->note_zh, 4, doc_para);
	}
	doc_nl(d);
	doc_ref_line(d, h->ref, 0);
}

void doc_status(struct doc *d, const struct hc_status_detail *sd)
{
	const struct hc_status *s = &sd->status;
	int col = doc_facts_column(d);

	d->style = DOC_TITLE;
	doc_putf(d, "%d ", s->code);
	doc_pair(d, s->phrase_en, s->phrase_zh);
	if (d->lang == LANG_ZH && strcmp(s->phrase_en, s->phrase_zh) != 0) {
		doc_raw(d, "（"); /* the registered name is what logs and libraries print */
		doc_put(d, s->phrase_en);
		doc_raw(d, "）");
	}
	if (sd->bookmarked)
		doc_raw(d, " " STAR);
	doc_nl_wrap(d, 4);
	doc_texts(d, s->summary_en, s->summary_zh, 0, doc_para);
	if (sd->note)
		doc_note(d, sd->note, 0);
	doc_nl(d);

	doc_fact_label(d, L_CLASS, col);
	doc_putf(d, "%dxx ", s->code / 100);
	doc_pair(d, sd->category.name_en, sd->category.name_zh);
	doc_nl_wrap(d, col);
	if (*s->spec) {
		doc_fact_label(d, L_SPEC, col);
		d->url = doc_url_of(s->spec);
		d->url_col = doc_col(d);
		doc_put(d, s->spec);
		doc_nl_wrap(d, col);
	}
	doc_fact_label(d, L_REGISTRY, col);
	if (d->lang == LANG_BOTH) {
		registry_value(d, s, LANG_EN);
		doc_raw(d, SEP);
		registry_value(d, s, LANG_ZH);
	} else {
		registry_value(d, s, d->lang);
	}
	doc_nl_wrap(d, col);
	if (sd->aliases.n) {
		doc_fact_label(d, L_ALIASES, col);
		for (size_t i = 0; i < sd->aliases.n; i++) {
			doc_raw(d, i ? ", " : "");
			doc_put(d, sd->aliases.items[i].alias);
		}
		doc_nl_wrap(d, col);
	}
	if (*s->headers && !sd->headers.n) {
		doc_fact_label(d, L_HEADERS, col);
		doc_put(d, s->headers);
		doc_nl_wrap(d, col);
	}
	doc_facts_lines(d, &sd->facts, col);

	doc_heading(d, L_DESCRIPTION);
	doc_texts(d, s->description_en, s->description_zh, 2, doc_para);
	doc_heading(d, L_CAUSES);
	doc_texts(d, s->causes_en, s->causes_zh, 2, doc_bullets);
	doc_heading(d, L_ADVICE);
	doc_texts(d, s->advice_en, s->advice_zh, 2, doc_bullets);
	if (sd->headers.n)
		header_links(d, &sd->headers);
	if (sd->facts.example && *sd->facts.example)
		example(d, sd->facts.example);
	if (sd->constants.n)
		constants(d, &sd->constants);
	if (sd->related.n) {
		doc_heading(d, L_RELATED);
		for (size_t i = 0; i < sd->related.n; i++)
			doc_related(d, &sd->related.items[i]);
	}
	if (sd->meanings.n) {
		doc_heading(d, L_MEANINGS);
		doc_meanings(d, &sd->meanings);
	}
	if (sd->mappings.n) {
		doc_heading(d, L_MAPPINGS);
		for (size_t i = 0; i < sd->mappings.n; i++)
			mapping_line(d, &sd->mappings.items[i]);
		if (sd->mappings_more) {
			doc_raw(d, "  ");
			if (d->lang == LANG_BOTH) {
				doc_putf(d, label(LANG_EN, L_MAPPINGS_MORE), sd->mappings_more);
				doc_raw(d, " ");
				doc_putf(d, label(LANG_ZH, L_MAPPINGS_MORE), sd->mappings_more);
			} else {
				doc_putf(d, label(d->lang, L_MAPPINGS_MORE), sd->mappings_more);
			}
			doc_nl(d);
		}
	}
	if (sd->facts.ref && *sd->facts.ref) {
		doc_nl(d);
		doc_ref_line(d, sd->facts.ref, 0);
	}
}

void doc_status_line(struct doc *d, const struct hc_status *s, int name_col, int cut)
{
	struct strbuf clean = STRBUF_INIT;
	int used;

	d->link = s->code;
	doc_putf(d, "%d  ", s->code);
	doc_pair(d, s->phrase_en, s->phrase_zh);
	doc_pad_to(d, 5 + name_col);
	doc_raw(d, "  ");
	used = doc_col(d);
	text_sanitize(&clean, d->lang == LANG_ZH ? s->summary_zh : s->summary_en, 0);
	text_truncate(&d->cur, strbuf_str(&clean), cut ? d->width - used : 1 << 20);
	strbuf_release(&clean);
	doc_nl(d);
}

/* The senders of n meanings of one number, as "Cloudflare, Tencent Cloud EdgeOne". */
static void senders(struct doc *d, const struct hc_meaning *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		doc_raw(d, !i ? "" : d->lang == LANG_ZH ? "、" : ", ");
		doc_put(d, d->lang == LANG_ZH ? m[i].source_zh : m[i].source_en);
	}
}

/* "999  Request Denied" up to the senders: the name is the first sender's, as the browser's
 * list shows it. */
static void number_name(struct doc *d, int number, const struct hc_meaning *m)
{
	doc_putf(d, "%03d  ", number);
	doc_pair(d, m->name_en, m->name_zh);
}

int doc_number_name_width(struct doc *d, const struct hc_meaning *m)
{
	int w;
	doc_pair(d, m->name_en, m->name_zh);
	w = doc_col(d);
	strbuf_reset(&d->cur);
	return w;
}

void doc_number_line(struct doc *d, const struct hc_meaning *m, size_t n, int name_col)
{
	if (n == 0)
		return;
	d->link = m->number;
	number_name(d, m->number, m);
	doc_pad_to(d, 5 + name_col);
	doc_raw(d, "  ");
	senders(d, m, n);
	doc_nl(d);
}

void doc_number(struct doc *d, int number, const hc_meaning_list *ml, int named)
{
	d->style = DOC_TITLE;
	if (named && ml->n) {
		number_name(d, number, &ml->items[0]);
		doc_raw(d, "  ");
		senders(d, ml->items, ml->n);
	} else {
		doc_putf(d, "%03d", number);
	}
	doc_nl(d);
	d->style = DOC_HEADING;
	doc_label(d, L_MEANINGS);
	doc_nl(d);
	doc_meanings(d, ml);
}

/* "NoSuchKey → 404 Not Found", a link to the status, wrapped. */
static void mapping_title(struct doc *d, const struct hc_mapping *m, const struct hc_status *s)
{
	d->style = DOC_TITLE;
	d->link = m->http_status ? m->http_status : -1;
	doc_put(d, m->error_code);
	doc_raw(d, " \xE2\x86\x92 "); /* → */
	if (m->http_status)
		doc_putf(d, "%d", m->http_status);
	else /* the vendor documents the code, not its status */
		doc_label(d, L_STATUS_UNDOCUMENTED);
	if (s) {
		doc_raw(d, " ");
		doc_pair(d, s->phrase_en, s->phrase_zh);
	}
	doc_nl_wrap(d, 4);
}

void doc_mapping(struct doc *d, const struct hc_mapping *m, const struct hc_status *s)
{
	mapping_title(d, m, s);
	doc_raw(d, "  ");
	doc_label(d, L_SOURCE);
	doc_colon(d);
	doc_pair(d, m->source_en, m->source_zh);
	if (*m->product) {
		doc_raw(d, " ");
		doc_put(d, m->product);
	}
	doc_nl_wrap(d, 4);
	doc_raw(d, "  ");
	doc_label(d, L_MESSAGE);
	doc_colon(d);
	doc_pair(d, m->message_en, m->message_zh);
	doc_nl_wrap(d, 4);
	doc_texts(d, m->description_en, m->description_zh, 2, doc_para);
	if (*m->advice_en || *m->advice_zh) {
		doc_raw(d, "  ");
		doc_label(d, L_ADVICE);
		doc_nl(d);
		doc_texts(d, m->advice_en, m->advice_zh, 2, doc_bullets);
	}
	doc_ref_line(d, m->ref, 2);
}

static enum label_id kind_label(enum hc_kind k)
{
	switch (k) {
#define X(id, number, json, label) case id: return label;
	HC_KINDS(X)
#undef X
	}
	return L_KIND_STATUS;
}

void doc_hit_name(struct doc *d, const struct hc_hit *h)
{
	if (h->kind == HC_KIND_HEADER) {
		doc_marker(d, TEXT_EM_ON);
		doc_put_marked(d, h->mark_ident);
		doc_marker(d, TEXT_EM_OFF);
		doc_raw(d, "  ");
		doc_pair_marked(d, h->mark_summary_en, h->mark_summary_zh);
		return;
	}
	if (h->kind == HC_KIND_MAPPING) {
		doc_marker(d, TEXT_EM_ON);
		doc_put_marked(d, h->mark_ident);
		doc_marker(d, TEXT_EM_OFF);
		doc_raw(d, "  ");
	} else if (h->kind == HC_KIND_MEANING) {
		doc_pair(d, h->summary_en, h->summary_zh); /* the sender */
		doc_raw(d, ": ");
	}
	doc_pair_marked(d, h->mark_name_en, h->mark_name_zh);
}

void doc_hit_source(struct doc *d, const struct hc_hit *h, const char *source_en, const char *source_zh)
{
	doc_pair(d, source_en, source_zh);
	if (*h->product) {
		doc_raw(d, " ");
		doc_put(d, h->product);
	}
}

void doc_hit(struct doc *d, const struct hc_hit *h, const char *source_en, const char *source_zh)
{
	d->link = h->kind == HC_KIND_HEADER || hc_hit_no_status(h) ? -1 : h->code;
	if (hc_hit_no_status(h))
		doc_raw(d, "---  ");
	else if (h->kind != HC_KIND_HEADER) /* a header has no number: its name comes first */
		doc_putf(d, "%03d  ", h->code);
	doc_hit_name(d, h);
	doc_raw(d, "  [");
	doc_raw(d, label(d->lang, kind_label(h->kind)));
	if (h->kind == HC_KIND_MAPPING) {
		doc_raw(d, ": ");
		doc_hit_source(d, h, source_en, source_zh);
	}
	doc_raw(d, "]");
	doc_nl(d);
}

/* The byte where column col of a sanitised line starts (markers take no column), or its end. */
static size_t byte_at_col(const char *s, int col)
{
	size_t i = 0, n = strlen(s);
	int c = 0;
	while (i < n && c < col) {
		uint32_t cp;
		if (text_is_marker(s[i])) {
			i++;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		c += text_cp_width(cp) > 0 ? text_cp_width(cp) : 0;
	}
	return i;
}

size_t doc_url_span(const struct doc_line *l)
{
	return l->url && l->url_col >= 0 ? byte_at_col(l->text, l->url_col) : strlen(l->text);
}

void doc_print(const struct doc *d, FILE *f, int ansi)
{
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		const char *t = d->lines[i].text;
		size_t link_at = (ansi & DOC_PRINT_LINKS) ? doc_url_span(&d->lines[i]) : strlen(t);
		for (const char *p = t; *p; p++) {
			if ((size_t)(p - t) == link_at && *p) /* the address as a terminal link (OSC 8) */
				strbuf_addf(&out, "\033]8;;%s\033\\", d->lines[i].url);
			if (!text_is_marker(*p))
				strbuf_addch(&out, *p);
			else if ((ansi & DOC_PRINT_BOLD) && (*p == TEXT_MATCH_ON || *p == TEXT_EM_ON))
				strbuf_adds(&out, "\033[1m");
			else if (ansi & DOC_PRINT_BOLD)
				strbuf_adds(&out, "\033[22m");
		}
		if (link_at < strlen(t))
			strbuf_adds(&out, "\033]8;;\033\\");
		strbuf_addch(&out, '\n');
	}
	if (out.len)
		fwrite(out.buf, 1, out.len, f);
	strbuf_release(&out);
}

/* ---- brief: one paragraph per code (--brief), as hc prints one --------------------------- */

/* A short text, wrapped under the title: in the chosen language, or the other when it has none
 * (one of the user's codes may have a message in one language only); both in LANG_BOTH. */
static void brief_text(struct doc *d, const char *en, const char *zh)
{
	const char *one;
	if (d->lang == LANG_BOTH) {
		doc_texts(d, en, zh, 2, doc_para);
		return;
	}
	one = d->lang == LANG_ZH ? zh : en;
	if (!*one)
		one = d->lang == LANG_ZH ? en : zh;
	if (*one)
		doc_para(d, one, 2);
}

void doc_status_brief(struct doc *d, const struct hc_status *s)
{
	d->style = DOC_TITLE;
	d->link = s->code;
	doc_putf(d, "%d ", s->code);
	doc_pair(d, s->phrase_en, s->phrase_zh);
	if (d->lang == LANG_ZH && strcmp(s->phrase_en, s->phrase_zh) != 0) {
		doc_raw(d, "（"); /* the registered name, as the full entry's title has it */
		doc_put(d, s->phrase_en);
		doc_raw(d, "）");
	}
	doc_nl(d);
	brief_text(d, s->summary_en, s->summary_zh);
}

void doc_mapping_brief(struct doc *d, const struct hc_mapping *m, const struct hc_status *s)
{
	struct strbuf en = STRBUF_INIT, zh = STRBUF_INIT;

	mapping_title(d, m, s);
	/* "AWS S3: The specified key does not exist." */
	if (*m->message_en)
		strbuf_addf(&en, "%s%s%s: %s", m->source_en, *m->product ? " " : "", m->product, m->message_en);
	if (*m->message_zh)
		strbuf_addf(&zh, "%s%s%s：%s", m->source_zh, *m->product ? " " : "", m->product, m->message_zh);
	if (!en.len && !zh.len) { /* no message: who sends it, at least */
		doc_raw(d, "  ");
		doc_pair(d, m->source_en, m->source_zh);
		doc_nl(d);
	}
	brief_text(d, strbuf_str(&en), strbuf_str(&zh));
	strbuf_release(&en);
	strbuf_release(&zh);
}

void doc_number_brief(struct doc *d, int number, const hc_meaning_list *ml)
{
	d->style = DOC_TITLE;
	d->link = number;
	if (ml->n)
		number_name(d, number, &ml->items[0]);
	else
		doc_putf(d, "%03d", number);
	doc_nl(d);
	for (size_t i = 0; i < ml->n; i++) { /* each sender's name for it */
		doc_raw(d, "  ");
		doc_pair(d, ml->items[i].source_en, ml->items[i].source_zh);
		doc_colon(d);
		doc_pair(d, ml->items[i].name_en, ml->items[i].name_zh);
		doc_nl(d);
	}
}

void doc_header_brief(struct doc *d, const struct hc_header *h)
{
	d->style = DOC_TITLE;
	doc_put(d, h->name);
	doc_nl(d);
	brief_text(d, h->summary_en, h->summary_zh);
}
