/* The list pane: every code grouped by class, the sources of business errors, one source's
 * errors, or search results. Rows are built once per change and drawn cut to the pane. */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

static struct row *add_row(struct app *a, enum row_kind kind, int code, size_t index)
{
	struct row *r;
	XGROW(a->rows, a->rows_cap, a->nrows + 1, 256);
	r = &a->rows[a->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->code = code;
	r->index = index;
	return r;
}

/* The text a doc has built so far, taken as a row's text. */
static char *take(struct doc *d)
{
	char *s;
	doc_nl(d);
	s = d->lines[d->n - 1].text;
	d->lines[d->n - 1].text = NULL;
	doc_clear(d);
	return s;
}

static void rows_release(struct app *a)
{
	for (size_t i = 0; i < a->nrows; i++) {
		free(a->rows[i].text);
		free(a->rows[i].note);
		free(a->rows[i].more);
		free(a->rows[i].group);
	}
	a->nrows = 0;
}

/* The bookmarks dropped, to be read again by the next build. */
static void marks_forget(struct app *a)
{
	free(a->marks);
	a->marks = NULL;
	a->nmarks = 0;
	a->marks_loaded = 0;
}

void list_release(struct app *a)
{
	rows_release(a);
	search_ranking_release(&a->ranking);
	for (size_t k = 0; k < sizeof a->classes / sizeof a->classes[0]; k++)
		hc_category_release(&a->classes[k]);
	a->classes_loaded = 0;
	marks_forget(a);
}

void say_db_error(struct app *a)
{
	err_message(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_DB_ERROR_TUI, NULL, store_err(a->st),
		    a->message, sizeof a->message);
}

/* The class headings, and the bookmarks: read once, not on every build of the list. One that
 * cannot be read is said, and the list goes on without it. */
static void load(struct app *a)
{
	int failed = 0;
	if (!a->classes_loaded)
		for (int k = 1; k <= 5; k++) /* one not found shows as a number */
			failed |= store_category_get(a->st, k, &a->classes[k]) < 0;
	a->classes_loaded = 1;
	if (!a->marks_loaded)
		failed |= store_bookmarks(a->st, &a->marks, &a->nmarks) < 0;
	a->marks_loaded = 1;
	if (failed)
		say_db_error(a);
}

/* The senders that give number a meaning of their own, as "nginx, Cloudflare". */
static char *senders(struct app *a, struct doc *d, int number)
{
	int n = 0;
	for (size_t i = 0; i < a->meanings.n; i++) {
		const struct hc_meaning *m = &a->meanings.items[i];
		if (m->number != number)
			continue;
		doc_raw(d, n++ ? ", " : "");
		doc_put(d, a->lang == LANG_ZH ? m->source_zh : m->source_en);
	}
	if (!n)
		return NULL;
	return take(d);
}

static void group_row(struct app *a, struct doc *d, int klass)
{
	struct row *r = add_row(a, ROW_GROUP, klass, 0);
	if (klass >= 1 && klass <= 5 && a->classes[klass].name_en) {
		doc_putf(d, "%dxx ", klass);
		doc_pair(d, a->classes[klass].name_en, a->classes[klass].name_zh);
	} else {
		doc_label(d, L_OTHER_NUMBERS);
	}
	r->text = take(d);
}

static int is_bookmarked(const int *marks, size_t n, int code)
{
	for (size_t i = 0; i < n; i++)
		if (marks[i] == code)
			return 1;
	return 0;
}

static struct row *status_row(struct app *a, struct doc *d, size_t i, int marked)
{
	const struct hc_status *s = &a->statuses.items[i];
	struct row *r;
	if (marked)
		doc_raw(d, "\xE2\x98\x85 "); /* ★ */
	doc_pair(d, s->phrase_en, s->phrase_zh);
	r = add_row(a, ROW_STATUS, s->code, i);
	r->text = take(d);
	r->note = senders(a, d, s->code);
	return r;
}

static void build_codes(struct app *a, struct doc *d)
{
	int group = -1;
	const int *marks = a->marks;
	size_t nmarks = a->nmarks;

	if (nmarks && !a->klass) { /* the user's bookmarks first */
		struct row *r = add_row(a, ROW_GROUP, 0, 0);
		doc_label(d, L_BOOKMARKS);
		r->text = take(d);
		for (size_t i = 0; i < a->statuses.n; i++)
			if (is_bookmarked(marks, nmarks, a->statuses.items[i].code))
				status_row(a, d, i, 1)->bookmark = 1;
	}
	for (size_t i = 0; i < a->statuses.n; i++) {
		const struct hc_status *s = &a->statuses.items[i];
		if (a->klass && s->code / 100 != a->klass)
			continue;
		if (s->code / 100 != group)
			group_row(a, d, group = s->code / 100);
		status_row(a, d, i, is_bookmarked(marks, nmarks, s->code));
	}
	if (a->klass)
		return;
	/* Numbers that only some senders use, outside 100-599 (000, 783, 999). */
	for (size_t i = 0; i < a->meanings.n; i++) {
		const struct hc_meaning *m = &a->meanings.items[i];
		struct row *r;
		if (m->number >= 100 && m->number <= 599)
			continue;
		if (i > 0 && a->meanings.items[i - 1].number == m->number)
			continue;
		if (group != 0)
			group_row(a, d, group = 0);
		doc_pair(d, m->name_en, m->name_zh);
		r = add_row(a, ROW_NUMBER, m->number, i);
		r->text = take(d);
		r->note = senders(a, d, m->number);
	}
}

static void build_sources(struct app *a, struct doc *d)
{
	for (size_t i = 0; i < a->sources.n; i++) {
		const struct hc_source *s = &a->sources.items[i];
		struct row *r = add_row(a, ROW_SOURCE, 0, i);
		doc_pair(d, s->name_en, s->name_zh);
		r->text = take(d);
		doc_putf(d, "%d", s->count);
		r->note = take(d);
	}
}

static void build_mappings(struct app *a, struct doc *d)
{
	for (size_t i = 0; i < a->mappings.n; i++) {
		const struct hc_mapping *m = &a->mappings.items[i];
		struct row *r = add_row(a, ROW_MAPPING, m->http_status, i);
		if (*m->product) {
			doc_put(d, m->product);
			doc_raw(d, " ");
		}
		doc_marker(d, TEXT_EM_ON);
		doc_put(d, m->error_code);
		doc_marker(d, TEXT_EM_OFF);
		r->text = take(d);
		doc_put(d, a->lang == LANG_ZH ? m->message_zh : m->message_en);
		r->note = take(d);
	}
}

/* The sender of a business error found by search, by its names as the sources list has them:
 * a hit names a built-in source by its id, and a team of the user's by the team. */
static void put_source(const struct app *a, struct doc *d, const struct hc_hit *h)
{
	for (size_t k = 0; k < a->sources.n; k++) {
		const struct hc_source *s = &a->sources.items[k];
		if (strcmp(s->is_user ? s->team : s->id, h->source) == 0) {
			doc_hit_source(d, h, s->name_en, s->name_zh);
			return;
		}
	}
	doc_hit_source(d, h, h->source, h->source);
}

/* A status, and what senders mean by a number, go on one row for the number. */
static int by_number(const struct hc_hit *h)
{
	return (h->kind == HC_KIND_STATUS || h->kind == HC_KIND_MEANING) && h->code >= 0 && h->code <= 999;
}

/* The hits a result row shows: its own (index), then those grouped under it, in rank order. */
static size_t row_hit(const struct row *r, size_t k)
{
	return k == 0 ? r->index : r->group[k - 1];
}

static int row_is_read(const struct app *a, const struct row *r)
{
	for (size_t k = 0; k <= r->ngroup; k++)
		if (row_hit(r, k) >= a->hits.n || !search_hit_is_read(&a->hits.items[row_hit(r, k)]))
			return 0;
	return 1;
}

/* "Cloudflare, Tencent Cloud EdgeOne": the senders whose meanings of the number were found
 * (a meaning's summary is its sender), in English in both languages as the list of codes has
 * them; ", " not " · ", which joins the two languages of one name. 0 if none. */
static int put_senders(struct app *a, struct doc *d, const struct row *r)
{
	int n = 0;
	for (size_t k = 0; k <= r->ngroup; k++) {
		const struct hc_hit *h = &a->hits.items[row_hit(r, k)];
		if (h->kind != HC_KIND_MEANING)
			continue;
		doc_raw(d, !n++ ? "" : a->lang == LANG_ZH ? "\xE3\x80\x81" : ", "); /* 、 */
		doc_put_marked(d, a->lang == LANG_ZH ? h->mark_summary_zh : h->mark_summary_en);
	}
	return n;
}

/* A result's texts in its columns, once its hits are read: the name (a business error's or a
 * header's code, emphasised; a status's or a number's name), then where it is from (a
 * business error's source, a number's senders) or what it is (a status's or a header's
 * summary), then a business error's message. Matches are marked. */
static void hit_texts(struct app *a, struct doc *d, struct row *r)
{
	const struct hc_hit *h = &a->hits.items[r->index], *named = h;
	int w;
	if (h->kind == HC_KIND_MAPPING || h->kind == HC_KIND_HEADER) {
		doc_marker(d, TEXT_EM_ON);
		doc_put_marked(d, h->mark_ident);
		doc_marker(d, TEXT_EM_OFF);
	} else {
		for (size_t k = 1; k <= r->ngroup; k++) /* a number is named by its status, if found */
			if (a->hits.items[row_hit(r, k)].kind == HC_KIND_STATUS)
				named = &a->hits.items[row_hit(r, k)];
		doc_pair_marked(d, named->mark_name_en, named->mark_name_zh);
	}
	r->text = take(d);
	w = text_width(r->text);
	a->hit_name_w = w > a->hit_name_w ? w : a->hit_name_w;
	if (h->kind == HC_KIND_MAPPING) {
		put_source(a, d, h);
		r->note = take(d);
		w = text_width(r->note);
		a->hit_source_w = w > a->hit_source_w ? w : a->hit_source_w;
		doc_pair_marked(d, h->mark_name_en, h->mark_name_zh); /* its message */
		r->more = take(d);
		return;
	}
	if (h->kind == HC_KIND_NOTE)
		doc_label(d, L_KIND_NOTE);
	else if (h->kind == HC_KIND_HEADER || !put_senders(a, d, r))
		doc_pair_marked(d, named->mark_summary_en, named->mark_summary_zh);
	r->note = take(d);
}

/* A row for every result, so that the count, End and the scroll bar are right, and a number's
 * hits on one row at the place of its best: that takes only their kind and code, which every
 * hit has before it is read. Texts only for those read (results_read gives the rest theirs as
 * they come into view). */
static void build_results(struct app *a, struct doc *d)
{
	int first[1000]; /* the row of each number, or -1 */
	for (size_t k = 0; k < sizeof first / sizeof first[0]; k++)
		first[k] = -1;
	a->hit_name_w = a->hit_source_w = 0;
	for (size_t i = 0; i < a->hits.n; i++) {
		const struct hc_hit *h = &a->hits.items[i];
		struct row *r;
		if (by_number(h) && first[h->code] >= 0) {
			r = &a->rows[first[h->code]];
			r->group = xrealloc(r->group, (r->ngroup + 1) * sizeof *r->group);
			r->group[r->ngroup++] = i;
			continue;
		}
		if (by_number(h))
			first[h->code] = (int)a->nrows;
		add_row(a, ROW_HIT, h->code, i);
	}
	for (size_t i = 0; i < a->nrows; i++)
		if (row_is_read(a, &a->rows[i]))
			hit_texts(a, d, &a->rows[i]);
}

/* The first row in view, as the pane will be drawn: the selection in view, with its group
 * heading when there is room. */
static int view_top(const struct app *a, int h)
{
	int top = a->top;
	if (a->sel < top)
		top = a->sel > 0 && a->rows[a->sel - 1].kind == ROW_GROUP ? a->sel - 1 : a->sel;
	if (a->sel >= top + h)
		top = a->sel - h + 1;
	return top < 0 ? 0 : top;
}

/* The rows the pane has room for, below the query line when there is one. */
static int first_row_y(const struct app *a)
{
	return a->list.y + (a->mode == LIST_RESULTS ? 1 : 0);
}

static int view_height(const struct app *a)
{
	return a->list.y + a->list.h - first_row_y(a);
}

/* Read the hits of the result rows in [from, to) not read yet, in one go, and give those rows
 * their texts. */
static void results_read_range(struct app *a, size_t from, size_t to)
{
	struct doc d;
	size_t *which = NULL, n = 0, cap = 0;
	if (to > a->nrows)
		to = a->nrows;
	for (size_t i = from; i < to; i++)
		for (size_t k = 0; a->rows[i].kind == ROW_HIT && !a->rows[i].text && k <= a->rows[i].ngroup; k++) {
			XGROW(which, cap, n + 1, 64);
			which[n++] = row_hit(&a->rows[i], k);
		}
	if (search_read_some(a->st, &a->ranking, which, n, &a->hits) < 0)
		say_db_error(a); /* the rows not read are there, empty */
	free(which);
	doc_init(&d, a->lang, 1000, a->session.today);
	for (size_t i = from; i < to; i++)
		if (a->rows[i].kind == ROW_HIT && !a->rows[i].text && row_is_read(a, &a->rows[i]))
			hit_texts(a, &d, &a->rows[i]);
	doc_release(&d);
}

/* Reading and highlighting a result costs far more than ranking it: only the results in view
 * and the selection are read, with half a page either side, so that the next few moves read
 * nothing and a move that does reads a half page at once. */
static void results_read(struct app *a)
{
	int h = view_height(a), top, from, to;
	if (a->mode != LIST_RESULTS || !a->nrows)
		return;
	if (h < 1)
		h = 1;
	top = view_top(a, h);
	from = top < a->sel ? top : a->sel;
	to = top + h > a->sel + 1 ? top + h : a->sel + 1;
	for (int i = from; i < to && i < (int)a->nrows; i++)
		if (!a->rows[i].text) {
			from = from > h / 2 ? from - h / 2 : 0;
			results_read_range(a, (size_t)from, (size_t)to + (size_t)(h / 2));
			return;
		}
}

static int selectable(const struct app *a, int i)
{
	return i >= 0 && (size_t)i < a->nrows && a->rows[i].kind != ROW_GROUP;
}

void list_build(struct app *a)
{
	struct doc d;
	doc_init(&d, a->lang, 1000, a->session.today);
	rows_release(a);
	load(a);
	switch (a->mode) {
	case LIST_CODES: build_codes(a, &d); break;
	case LIST_SOURCES: build_sources(a, &d); break;
	case LIST_MAPPINGS: build_mappings(a, &d); break;
	case LIST_RESULTS: build_results(a, &d); break;
	}
	doc_release(&d);
	if (a->sel >= (int)a->nrows)
		a->sel = (int)a->nrows - 1;
	if (a->sel < 0)
		a->sel = 0;
	if (!selectable(a, a->sel))
		list_move(a, 1);
	results_read(a);
}

const struct row *list_selected(const struct app *a)
{
	return selectable(a, a->sel) ? &a->rows[a->sel] : NULL;
}

void list_move(struct app *a, int delta)
{
	int i = a->sel, step = delta < 0 ? -1 : 1, left = delta < 0 ? -delta : delta;
	int last = a->sel;
	while (left > 0) {
		i += step;
		if (i < 0 || i >= (int)a->nrows)
			break;
		if (selectable(a, i)) {
			last = i;
			left--;
		}
	}
	a->sel = last;
	if (!selectable(a, a->sel)) /* landed nowhere: take the first selectable row */
		for (int k = 0; k < (int)a->nrows; k++)
			if (selectable(a, k)) {
				a->sel = k;
				break;
			}
	results_read(a);
}

void list_home(struct app *a, int end)
{
	a->sel = end ? (int)a->nrows - 1 : 0;
	if (!selectable(a, a->sel))
		list_move(a, end ? -1 : 1);
	if (end && !selectable(a, a->sel))
		list_move(a, -1);
	results_read(a);
}

int list_click(struct app *a, int y)
{
	int i = a->top + (y - first_row_y(a));
	if (!selectable(a, i))
		return 0;
	a->sel = i;
	results_read(a);
	return 1;
}

/* A business error its vendor documents no status for: "---" where the number goes. */
static int row_no_status(const struct app *a, const struct row *r)
{
	if (r->code != 0)
		return 0;
	return r->kind == ROW_MAPPING ||
	       (r->kind == ROW_HIT && r->index < a->hits.n && hc_hit_no_status(&a->hits.items[r->index]));
}

/* The columns of the results after the number: the name, then the source (or what a row has
 * in its place), then a business error's message. Widths are of the rows read so far, so
 * they only grow as more are read, and never jump back as the list scrolls. */
struct hit_columns {
	int name, source;
};

/* Keep at least this much for the column after the names, or give the names all the room.
 * A name past HIT_NAME_MAX (the longest status's is 31, a few error codes are 48) is cut
 * rather than push every row's source aside. */
#define HIT_AFTER_NAME_MIN 12
#define HIT_NAME_MIN 14
#define HIT_NAME_MAX 32
#define HIT_SOURCE_MAX 28

static struct hit_columns hit_columns(const struct app *a, int avail)
{
	struct hit_columns c = { a->hit_name_w, a->hit_source_w };
	if (c.name > HIT_NAME_MAX)
		c.name = HIT_NAME_MAX;
	if (c.name > avail)
		c.name = avail;
	if (c.name + 2 + HIT_AFTER_NAME_MIN > avail && avail - 2 - HIT_AFTER_NAME_MIN >= HIT_NAME_MIN)
		c.name = avail - 2 - HIT_AFTER_NAME_MIN;
	if (c.source > HIT_SOURCE_MAX)
		c.source = HIT_SOURCE_MAX;
	return c;
}

/* A result's columns from (y, x) in w columns: each text cut to its column, the next one at
 * its column whatever the width of the one before (wide characters counted as two). */
static void draw_hit_columns(const struct row *r, const struct hit_columns *c, int y, int x, int w, attr_t base,
			     attr_t dim)
{
	int at = c->name + 2, sw = c->source;
	draw_text(y, x, w < c->name ? w : c->name, r->text, base);
	if (!r->note || w - at < 4)
		return;
	if (sw > (w - at) / 2 && sw > HIT_AFTER_NAME_MIN) /* the message gets half of what is left */
		sw = (w - at) / 2 > HIT_AFTER_NAME_MIN ? (w - at) / 2 : HIT_AFTER_NAME_MIN;
	if (!r->more || w - at < sw + 2 + 8) { /* the last column runs to the edge */
		draw_text(y, x + at, w - at, r->note, dim);
		return;
	}
	draw_text(y, x + at, sw, r->note, dim);
	draw_text(y, x + at + sw + 2, w - at - sw - 2, r->more, base);
}

static void list_draw(struct app *a)
{
	int y0 = first_row_y(a), h = view_height(a), w = a->list.w;
	struct hit_columns cols;

	if (a->mode == LIST_RESULTS)
		search_line_draw(a);
	if (h <= 0 || w <= 0)
		return;
	a->top = view_top(a, h);
	results_read(a); /* the top may have moved since the selection did (Backspace, a resize) */
	cols = hit_columns(a, w - 5); /* what is left after the number ("504  ") */
	for (int row = 0; row < h; row++) {
		int i = a->top + row, y = y0 + row, x = a->list.x, col = 0;
		const struct row *r;
		attr_t base;
		char num[8];

		draw_fill(y, x, w, A_NORMAL);
		if (i >= (int)a->nrows)
			continue;
		r = &a->rows[i];
		if (!r->text) /* a result not read: none is in view once results_read has run */
			continue;
		if (r->kind == ROW_GROUP) {
			draw_text(y, x, w, r->text, theme(TH_GROUP));
			continue;
		}
		base = i == a->sel ? theme(a->focus == 0 ? TH_SELECTED : TH_SELECTED_DIM) : A_NORMAL;
		if (i == a->sel)
			draw_fill(y, x, w, base);
		/* A source has no number, nor has a header field (its column left empty). */
		if (r->kind == ROW_SOURCE) {
			col += draw_text(y, x, w, " ", base);
		} else if (r->kind == ROW_HIT && r->index < a->hits.n && a->hits.items[r->index].kind == HC_KIND_HEADER) {
			col += draw_text(y, x, w, "     ", base);
		} else if (row_no_status(a, r)) {
			col += draw_text(y, x, w, "---  ", i == a->sel ? base : theme(TH_DIM));
		} else {
			/* The class marker: the number in its class's colour. */
			snprintf(num, sizeof num, "%03d", r->code);
			col += draw_text(y, x, w, num, i == a->sel ? base : theme(theme_class(r->code)));
			col += draw_text(y, x + col, w - col, "  ", base);
		}
		if (r->kind == ROW_HIT) {
			draw_hit_columns(r, &cols, y, x + col, w - col, i == a->sel ? base : A_NORMAL,
					 i == a->sel ? base : theme(TH_DIM));
			continue;
		}
		col += draw_text(y, x + col, w - col, r->text, base);
		if (r->note && w - col > 4) {
			col += draw_text(y, x + col, w - col, "  ", base);
			draw_text(y, x + col, w - col, r->note, i == a->sel ? base : theme(TH_DIM));
		}
	}
}

const struct pane_ops list_pane = { list_draw, browse_key, NULL, list_release };

int list_select_code(struct app *a, int code)
{
	int found = -1;
	for (int i = 0; i < (int)a->nrows; i++) {
		const struct row *r = &a->rows[i];
		if ((r->kind == ROW_STATUS || r->kind == ROW_NUMBER ||
		     (r->kind == ROW_HIT && r->index < a->hits.n && by_number(&a->hits.items[r->index]))) &&
		    r->code == code) {
			found = i;
			if (!r->bookmark)
				break;
		}
	}
	if (found < 0)
		return 0;
	a->sel = found;
	results_read(a);
	return 1;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void row_id_release(struct row_id *id)
{
	free(id->source);
	free(id->team);
	free(id->product);
	free(id->ident);
	memset(id, 0, sizeof *id);
}

/* id's sender set to a built-in source (its id), or with is_user to a team of the user's. */
static void sender_set(struct row_id *id, int is_user, const char *source, const char *team)
{
	id->is_user = is_user;
	id->source = is_user ? NULL : dup_or_null(source);
	id->team = is_user ? dup_or_null(team) : NULL;
}

void list_row_id(const struct app *a, struct row_id *id)
{
	const struct row *r = list_selected(a);
	memset(id, 0, sizeof *id);
	if (!r) {
		id->kind = ROW_GROUP; /* nothing: matches no row */
		return;
	}
	id->kind = r->kind;
	id->code = r->code;
	id->bookmark = r->bookmark;
	if (r->kind == ROW_SOURCE && r->index < a->sources.n) {
		const struct hc_source *s = &a->sources.items[r->index];
		sender_set(id, s->is_user, s->id, s->team);
	} else if (r->kind == ROW_MAPPING && r->index < a->mappings.n) {
		const struct hc_mapping *m = &a->mappings.items[r->index];
		sender_set(id, m->is_user, m->source, m->team);
		id->product = dup_or_null(m->product);
		id->ident = dup_or_null(m->error_code);
	} else if (r->kind == ROW_HIT && r->index < a->hits.n) {
		const struct hc_hit *h = &a->hits.items[r->index];
		id->code = (int)h->kind * 1000 + h->code; /* a status and its note are two hits */
		id->source = dup_or_null(h->source);
		id->product = dup_or_null(h->product);
		id->ident = dup_or_null(h->ident);
	}
}

static int same(const char *x, const char *y)
{
	return x && y ? strcmp(x, y) == 0 : x == y;
}

/* Whether the sender of id is this one (a built-in source's id, or a team of the user's). */
static int same_sender(const struct row_id *id, int is_user, const char *source, const char *team)
{
	return id->is_user == is_user && (is_user ? same(id->team, team) : same(id->source, source));
}

static int row_is(const struct app *a, const struct row *r, const struct row_id *id, int exact)
{
	if (r->kind == ROW_SOURCE && (id->kind == ROW_SOURCE || id->kind == ROW_MAPPING)) {
		const struct hc_source *s = &a->sources.items[r->index]; /* a business error: its source */
		return same_sender(id, s->is_user, s->id, s->team);
	}
	if (r->kind == ROW_MAPPING && id->kind == ROW_MAPPING) {
		const struct hc_mapping *m = &a->mappings.items[r->index];
		return same_sender(id, m->is_user, m->source, m->team) && same(m->product, id->product) &&
		       same(m->error_code, id->ident);
	}
	if (r->kind == ROW_HIT && (id->kind == ROW_HIT || id->kind == ROW_MAPPING)) {
		const struct hc_hit *h = &a->hits.items[r->index];
		if (id->kind == ROW_MAPPING) /* a business error just saved, among the results */
			return h->kind == HC_KIND_MAPPING && same(h->source, id->is_user ? id->team : id->source) &&
			       same(h->product, id->product) && same(h->ident, id->ident);
		return (int)h->kind * 1000 + h->code == id->code && same(h->source, id->source) &&
		       same(h->product, id->product) && same(h->ident, id->ident);
	}
	if ((r->kind == ROW_STATUS || r->kind == ROW_NUMBER) && r->kind == id->kind)
		return r->code == id->code && (!exact || r->bookmark == id->bookmark);
	return 0;
}

static int select_id(struct app *a, const struct row_id *id)
{
	for (int exact = 1; exact >= 0; exact--)
		for (int i = 0; i < (int)a->nrows; i++)
			if (a->rows[i].kind != ROW_GROUP && row_is(a, &a->rows[i], id, exact)) {
				a->sel = i;
				return 1;
			}
	return 0;
}

void list_load_source(struct app *a, size_t source)
{
	hc_mapping_list_release(&a->mappings);
	a->source_index = source;
	if (source < a->sources.n)
		store_mappings_by_source(a->st, &a->sources.items[source], LIST_SOURCE_MAX, &a->mappings);
}

void list_refresh(struct app *a, const struct row_id *want)
{
	struct row_id now, before = { 0 }, shown = { 0 }; /* the senders of the source listed, and to list */
	int sel = a->sel;

	list_row_id(a, &now);
	if (!want)
		want = &now;
	if (a->mode == LIST_MAPPINGS && a->source_index < a->sources.n) {
		const struct hc_source *s = &a->sources.items[a->source_index];
		sender_set(&before, s->is_user, s->id, s->team);
	}
	if (a->mode == LIST_MAPPINGS) {
		const struct row_id *from = want->kind == ROW_MAPPING && (want->source || want->team) ? want : &before;
		sender_set(&shown, from->is_user, from->source, from->team);
	}
	marks_forget(a);
	hc_source_list_release(&a->sources);
	if (store_sources(a->st, &a->sources) < 0)
		hc_source_list_release(&a->sources);
	if (a->mode == LIST_MAPPINGS) {
		size_t i = 0;
		while (i < a->sources.n && !same_sender(&shown, a->sources.items[i].is_user, a->sources.items[i].id,
							a->sources.items[i].team))
			i++;
		if (i < a->sources.n) {
			if (!same_sender(&before, shown.is_user, shown.source, shown.team))
				sel = 0;
			list_load_source(a, i);
		} else { /* its last error is gone, so is the source: the list of sources */
			a->mode = LIST_SOURCES;
			sel = (int)a->source_index;
			hc_mapping_list_release(&a->mappings);
		}
	}
	if (a->mode == LIST_RESULTS) {
		search_rerun(a);
		/* All of them read, to find the one selected before among them. */
		if (search_read(a->st, &a->ranking, 0, a->hits.n, &a->hits) < 0)
			say_db_error(a);
	}
	a->sel = sel; /* kept if want is gone: its place, now the next row's */
	list_build(a);
	if (!select_id(a, want) && want != &now)
		select_id(a, &now); /* a business error saved from a list it is not in */
	row_id_release(&before);
	row_id_release(&shown);
	row_id_release(&now);
}
