/* The detail pane: everything about the selection, as doc.c lays it out, wrapped to the pane
 * and scrolled on its own. */
#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prose stops at a readable measure on a wide terminal (tig and less leave it to the
 * terminal; a 200-column line of prose is hard to follow back to its start). */
#define DETAIL_MEASURE 100

static char *dup(const char *s)
{
	return xstrdup(s ? s : "");
}

static void mapping_release(struct hc_mapping *m)
{
#define X(f) free(m->f);
	MAPPING_TEXT_FIELDS(X)
#undef X
	free(m->team);
	memset(m, 0, sizeof *m);
}

static void mapping_copy(struct hc_mapping *to, const struct hc_mapping *from)
{
	mapping_release(to);
	to->http_status = from->http_status;
#define X(f) to->f = dup(from->f);
	MAPPING_TEXT_FIELDS(X)
#undef X
	to->is_user = from->is_user;
	to->team = dup(from->team);
}

/* What a status or a number shows, dropped. */
static void header_release(struct app *a)
{
	for (size_t i = 0; a->dheader_status && i < a->dheader.statuses.n; i++)
		hc_status_release(&a->dheader_status[i]);
	free(a->dheader_status);
	a->dheader_status = NULL;
	hc_header_release(&a->dheader);
}

static void code_release(struct app *a)
{
	hc_status_detail_release(&a->dstatus);
	hc_meaning_list_release(&a->dnumber);
	header_release(a);
}

void detail_release(struct app *a)
{
	code_release(a);
	explained_release(&a->explained);
	guide_note_release(&a->guide_note);
	mapping_release(&a->dmapping);
	hc_status_release(&a->dmapped);
	doc_release(&a->doc);
}

static void show(struct app *a, enum detail_kind kind, int code)
{
	a->dkind = kind;
	a->dcode = code;
	a->dtop = 0;
	a->dlink = -1;
	detail_invalidate(a);
}

void detail_invalidate(struct app *a)
{
	a->doc_stale = 1; /* built on the next draw, at the pane's width */
}

/* Fetch the status or the number code, in full, for the pane to show; nothing, with the
 * reason in the status bar, when it cannot be read. */
static enum detail_kind fetch_code(struct app *a, int code)
{
	int rc;
	code_release(a);
	rc = store_status_detail(a->st, code, &a->dstatus);
	if (rc == 1)
		return DETAIL_STATUS;
	if (rc == 0 && store_meanings(a->st, code, &a->dnumber) == 0)
		return DETAIL_NUMBER;
	say_db_error(a);
	code_release(a);
	return DETAIL_NONE;
}

/* The status the mapping shown maps to, fetched with it (a failure said, not taken for none). */
static void fetch_mapped(struct app *a)
{
	int rc;
	hc_status_release(&a->dmapped);
	rc = store_status_get(a->st, a->dmapping.http_status, &a->dmapped);
	if (rc < 0)
		say_db_error(a);
	a->dmapped_found = rc == 1;
}

/* Show a copy of the mapping m. */
static void show_mapping(struct app *a, const struct hc_mapping *m)
{
	mapping_copy(&a->dmapping, m);
	fetch_mapped(a);
	show(a, DETAIL_MAPPING, m->http_status);
}

void detail_reload(struct app *a)
{
	if (a->dkind == DETAIL_STATUS || a->dkind == DETAIL_NUMBER)
		a->dkind = fetch_code(a, a->dcode);
	else if (a->dkind == DETAIL_MAPPING)
		fetch_mapped(a);
	detail_invalidate(a);
}

void detail_show_explained(struct app *a)
{
	if (!a->explained.on)
		return;
	code_release(a);
	show(a, DETAIL_EXPLAIN, a->explained.e.status);
	a->focus = 1;
}

void detail_show_code(struct app *a, int code)
{
	show(a, fetch_code(a, code), code);
}

void detail_show_header(struct app *a, const char *name)
{
	struct hc_header h;
	size_t n;
	int rc = store_header_get(a->st, name, &h);
	if (rc < 0)
		say_db_error(a);
	if (rc <= 0)
		return;
	code_release(a);
	a->dheader = h;
	n = h.statuses.n;
	a->dheader_status = xcalloc(n + 1, sizeof *a->dheader_status);
	for (size_t i = 0; i < n; i++)
		if (store_status_get(a->st, h.statuses.items[i].code, &a->dheader_status[i]) < 0)
			say_db_error(a);
	show(a, DETAIL_HEADER, 0);
}

/* The mapping a search hit names: by its error code, source and product. */
static int mapping_of_hit(struct app *a, const struct hc_hit *h)
{
	hc_mapping_list l = { 0 };
	int found = 0;
	if (store_mappings_by_code(a->st, h->ident, &l) < 0)
		return 0;
	for (size_t i = 0; i < l.n && !found; i++)
		if (strcmp(l.items[i].is_user ? l.items[i].team : l.items[i].source, h->source) == 0 &&
		    strcmp(l.items[i].product, h->product) == 0) {
			show_mapping(a, &l.items[i]);
			found = 1;
		}
	hc_mapping_list_release(&l);
	return found;
}

/* Show the business error of this source (or team, with is_user), product and code. */
static int show_mapping_of(struct app *a, int is_user, const char *source, const char *product, const char *code)
{
	hc_mapping_list l = { 0 };
	int found = 0;
	if (store_mappings_by_code(a->st, code, &l) < 0)
		say_db_error(a);
	for (size_t i = 0; i < l.n && !found; i++) {
		const struct hc_mapping *m = &l.items[i];
		if (m->is_user == is_user && strcmp(is_user ? m->team : m->source, source) == 0 &&
		    strcmp(m->product, product) == 0) {
			show_mapping(a, m);
			found = 1;
		}
	}
	hc_mapping_list_release(&l);
	return found;
}

void detail_show_user(struct app *a, const char *team, const char *product, const char *code)
{
	show_mapping_of(a, 1, team, product, code);
}

int detail_show_mapping_key(struct app *a, const char *key)
{
	char *k = xstrdup(key), *source, *product, *code;
	int is_user, found = 0;
	if (doc_mapping_key_split(k, &is_user, &source, &product, &code))
		found = show_mapping_of(a, is_user, source, product, code);
	free(k);
	return found;
}

void detail_mapping_key(const struct app *a, char *out, size_t size)
{
	struct strbuf k = STRBUF_INIT;
	out[0] = '\0';
	if (a->dkind == DETAIL_MAPPING) {
		doc_mapping_key(&k, &a->dmapping);
		if (k.len < size) /* a key cut short would name another row */
			memcpy(out, k.buf, k.len + 1);
	}
	strbuf_release(&k);
}

void detail_show_selected(struct app *a)
{
	const struct row *r = list_selected(a);
	if (!r) {
		show(a, DETAIL_NONE, 0);
		return;
	}
	switch (r->kind) {
	case ROW_STATUS:
	case ROW_NUMBER:
		detail_show_code(a, r->code);
		break;
	case ROW_MAPPING:
		show_mapping(a, &a->mappings.items[r->index]);
		break;
	case ROW_HIT: {
		const struct hc_hit *h = &a->hits.items[r->index];
		if (h->kind == HC_KIND_HEADER)
			detail_show_header(a, h->ident);
		else if (h->kind != HC_KIND_MAPPING || !mapping_of_hit(a, h))
			detail_show_code(a, h->code);
		break;
	}
	default:
		show(a, DETAIL_NONE, 0);
	}
}

/* Two codes compared ("503 vs 504"): the note on how the first differs from the second, above
 * whichever result is shown, as the CLI says it above the list. */
static void comparison_note(struct app *a)
{
	const int *c = a->ranking.about.compared;
	hc_related_list rl = { 0 };
	if (a->mode != LIST_RESULTS || !c[0] || !c[1])
		return;
	if (store_related(a->st, c[0], &rl) < 0) {
		say_db_error(a);
		return;
	}
	for (size_t i = 0; i < rl.n; i++) {
		if (rl.items[i].code == c[1])
			doc_comparison(&a->doc, c[0], &rl.items[i]);
	}
	hc_related_list_release(&rl);
}

/* Search results for a thing with no status of its own (a CORS block): what it is, above
 * whichever result is shown, as the CLI says it above the list. */
static void concept_note(struct app *a)
{
	struct hc_concept k;
	struct hc_status related[CONCEPT_MAX_RELATED];
	size_t n;
	if (a->mode != LIST_RESULTS || !a->ranking.about.concept)
		return;
	if (store_concept(a->st, a->ranking.about.concept, &k, related, &n) < 0) {
		say_db_error(a);
		return;
	}
	doc_concept(&a->doc, &k, related, n);
	doc_nl(&a->doc);
	for (size_t i = 0; i < n; i++)
		hc_status_release(&related[i]);
	hc_concept_release(&k);
}

void guide_note_release(struct guide_note *n)
{
	for (size_t i = 0; i < n->nalt; i++)
		hc_status_release(&n->alt[i]);
	hc_status_release(&n->status);
	hc_guide_style_list_release(&n->styles);
	hc_guide_node_list_release(&n->node);
	memset(n, 0, sizeof *n);
}

/* Keep the leaf the guide ended on, with what its note names. */
void guide_note_set(struct app *a, const struct hc_guide_node *leaf)
{
	struct guide_note *n = &a->guide_note;
	const char *p = leaf->alternatives;
	guide_note_release(n);
	if (store_guide_nodes(a->st, leaf->id, &n->node) < 0 || !n->node.n ||
	    store_guide_styles(a->st, NULL, leaf->id, &n->styles) < 0 ||
	    store_status_get(a->st, leaf->code, &n->status) < 0) {
		say_db_error(a);
		guide_note_release(n);
		return;
	}
	while (*p && n->nalt < sizeof n->alt / sizeof n->alt[0]) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (store_status_get(a->st, (int)v, &n->alt[n->nalt]) == 1)
			n->nalt++;
		p = end;
	}
	n->on = 1;
}

/* The guide's say above the status it ended on. */
static void guide_note(struct app *a)
{
	const struct guide_note *n = &a->guide_note;
	struct doc_guide_leaf_in in;
	if (!n->on || a->dkind != DETAIL_STATUS || a->dcode != n->node.items[0].code)
		return;
	in = (struct doc_guide_leaf_in){ &n->node.items[0], n->status.code ? &n->status : NULL, n->alt, n->nalt,
					 NULL, &n->styles, NULL };
	doc_guide_leaf(&a->doc, &in);
	doc_nl(&a->doc);
}

static void build(struct app *a, int width)
{
	doc_release(&a->doc);
	doc_init(&a->doc, a->lang, width, a->session.today);
	a->doc.break_urls = 1;
	a->doc_width = width;
	a->doc_stale = 0;
	concept_note(a);
	comparison_note(a);
	guide_note(a);
	if (a->dkind == DETAIL_STATUS)
		doc_status(&a->doc, &a->dstatus);
	else if (a->dkind == DETAIL_NUMBER)
		doc_number(&a->doc, a->dcode, &a->dnumber, 0);
	else if (a->dkind == DETAIL_MAPPING)
		doc_mapping(&a->doc, &a->dmapping, a->dmapped_found ? &a->dmapped : NULL);
	else if (a->dkind == DETAIL_HEADER)
		doc_header(&a->doc, &a->dheader, a->dheader_status);
	else if (a->dkind == DETAIL_EXPLAIN && a->explained.on && a->explained.summary)
		doc_explain_summary(&a->doc, a->explained.summary, a->explained.rows);
	else if (a->dkind == DETAIL_EXPLAIN && a->explained.on) {
		const struct explained *x = &a->explained;
		struct doc_explain_in in = { &x->e, x->has_status == 1 ? &x->status : NULL, x->source.name_en,
					     x->source.name_zh, x->mapped };
		doc_explain(&a->doc, &in);
	}
}

static int page(const struct app *a)
{
	return a->detail.h > 1 ? a->detail.h : 1;
}

void detail_scroll(struct app *a, int delta)
{
	int max = (int)a->doc.n - page(a);
	a->dtop += delta;
	if (a->dtop > max)
		a->dtop = max;
	if (a->dtop < 0)
		a->dtop = 0;
}

/* The first and the last line of link id, or 0 when the doc has no such link. */
static int link_lines(const struct app *a, int id, size_t *first, size_t *last)
{
	int found = 0;
	for (size_t i = 0; i < a->doc.n && id >= 0; i++) {
		if (a->doc.lines[i].link_id != id)
			continue;
		if (!found)
			*first = i;
		*last = i;
		found = 1;
	}
	return found;
}

static int in_view(const struct app *a, size_t i)
{
	return (int)i >= a->dtop && (int)i < a->dtop + page(a);
}

/* The cursor stays on a link in view: when the one it was on has scrolled away (or there was
 * none), it goes to the first link in view, as lynx does. */
static void link_keep(struct app *a)
{
	size_t first = 0, last = 0;
	if (link_lines(a, a->dlink, &first, &last) && (in_view(a, first) || in_view(a, last)))
		return;
	a->dlink = -1;
	for (size_t i = (size_t)a->dtop; i < a->doc.n && in_view(a, i); i++)
		if (a->doc.lines[i].link_id >= 0) {
			a->dlink = a->doc.lines[i].link_id;
			return;
		}
}

const struct doc_line *detail_link(const struct app *a)
{
	size_t first = 0, last = 0;
	if (!link_lines(a, a->dlink, &first, &last))
		return NULL;
	return &a->doc.lines[first];
}

int detail_link_step(struct app *a, int dir)
{
	size_t first = 0, last = 0;
	int id = a->dlink + dir;
	if (a->doc_stale)
		return 0; /* not drawn yet: nothing is in view to step from */
	link_keep(a);
	if (a->dlink < 0) /* none in view: the first one below the view, or above it */
		for (size_t k = 0; k < a->doc.n; k++) {
			size_t i = dir > 0 ? k : a->doc.n - 1 - k;
			if (a->doc.lines[i].link_id >= 0 && (dir > 0 ? (int)i >= a->dtop : (int)i < a->dtop)) {
				id = a->doc.lines[i].link_id;
				break;
			}
		}
	if (id < 0 || !link_lines(a, id, &first, &last))
		return 0;
	a->dlink = id;
	if ((int)last >= a->dtop + page(a))
		a->dtop = (int)last - page(a) + 1;
	if ((int)first < a->dtop)
		a->dtop = (int)first;
	detail_scroll(a, 0);
	return 1;
}

int detail_link_at(struct app *a, int y)
{
	size_t i = (size_t)(a->dtop + y - a->detail.y);
	if (y < a->detail.y || i >= a->doc.n || a->doc.lines[i].link_id < 0)
		return 0;
	a->dlink = a->doc.lines[i].link_id;
	return 1;
}

static void detail_draw(struct app *a)
{
	int w = a->detail.w - 2; /* a column of margin on each side */

	if (a->detail.h <= 0 || w <= 0)
		return;
	if (a->doc_stale)
		build(a, w > DETAIL_MEASURE ? DETAIL_MEASURE : w);
	detail_scroll(a, 0);
	link_keep(a);
	for (int row = 0; row < a->detail.h; row++) {
		size_t i = (size_t)a->dtop + (size_t)row;
		int y = a->detail.y + row;
		attr_t attr = A_NORMAL;
		draw_fill(y, a->detail.x, a->detail.w, A_NORMAL);
		if (i >= a->doc.n)
			continue;
		switch (a->doc.lines[i].style) {
		case DOC_TITLE: attr = theme(TH_TITLE); break;
		case DOC_HEADING: attr = theme(TH_HEADING); break;
		case DOC_LINK: attr = theme(TH_LINK); break;
		default: break;
		}
		if (a->doc.lines[i].link_id >= 0 && a->doc.lines[i].link_id == a->dlink && a->focus == 1)
			attr = theme(TH_LINK_CURSOR);
		draw_text(y, a->detail.x + 1, w, a->doc.lines[i].text, attr);
	}
}

void detail_links_out(struct app *a, FILE *out)
{
	int w = a->detail.w - 2;
	for (int row = 0; row < a->detail.h; row++) {
		size_t i = (size_t)a->dtop + (size_t)row, at;
		const struct doc_line *l;
		struct strbuf plain = STRBUF_INIT, shown = STRBUF_INIT;
		if (i >= a->doc.n)
			break;
		l = &a->doc.lines[i];
		if (!l->url || l->url_col < 0 || l->url_col >= w)
			continue;
		at = doc_url_span(l);
		text_strip_markers(&plain, l->text + at);
		if (!plain.len || text_width(plain.buf) > w - l->url_col) { /* drawn cut: left as it is */
			strbuf_release(&plain);
			continue;
		}
		text_sanitize(&shown, plain.buf, 0);
		/* Over what curses drew, the same characters as a link: the cursor kept (DECSC/DECRC),
		 * in the plain style curses leaves the terminal in after a refresh. */
		fprintf(out, "\0337\033[%d;%dH\033]8;;%s\033\\%s\033]8;;\033\\\0338", a->detail.y + row + 1,
			a->detail.x + 1 + l->url_col + 1, l->url, shown.buf);
		strbuf_release(&plain);
		strbuf_release(&shown);
	}
	fflush(out);
}

/* Another width: the text is wrapped anew. */
static void detail_resize(struct app *a)
{
	int w = a->detail.w - 2;
	if (a->doc_width != (w > DETAIL_MEASURE ? DETAIL_MEASURE : w))
		detail_invalidate(a);
}

const struct pane_ops detail_pane = { detail_draw, browse_key, detail_resize, detail_release };
