#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already (the argv fuzzer builds all in one) */
#define _XOPEN_SOURCE 700
#endif
#include "userdata.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define MAX_SHORT 200           /* team, product, error code */
#define MAX_LONG 8000           /* messages, descriptions, advice */

static char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		abort();
	return p;
}

void problems_add(struct problems *p, int line, enum msg_id id, const char *detail)
{
	struct strbuf clean = STRBUF_INIT, cut = STRBUF_INIT;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->items = realloc(p->items, p->cap * sizeof *p->items);
		p->bad_lines = realloc(p->bad_lines, p->cap * sizeof *p->bad_lines);
		if (!p->items || !p->bad_lines)
			abort();
	}
	text_sanitize(&clean, detail ? detail : "", 0); /* it came from a file: nothing raw */
	text_truncate(&cut, strbuf_str(&clean), 80);
	p->bad_lines[p->n] = line;
	p->items[p->n++] = (struct problem){ line, id, strbuf_detach(&cut) };
	strbuf_release(&clean);
}

int problems_has_line(const struct problems *p, int line)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->bad_lines[i] == line || p->bad_lines[i] == 0)
			return 1;
	return 0;
}

void problems_release(struct problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->items[i].detail);
	free(p->items);
	free(p->bad_lines);
	memset(p, 0, sizeof *p);
}

void user_rows_release(struct user_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		user_row_release(&r->items[i]);
	free(r->items);
	memset(r, 0, sizeof *r);
}

static struct user_row *new_row(struct user_rows *r, int line)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->items = realloc(r->items, r->cap * sizeof *r->items);
		if (!r->items)
			abort();
	}
	memset(&r->items[r->n], 0, sizeof r->items[0]);
	r->items[r->n].line = line;
	return &r->items[r->n++];
}

static int field_of(const char *name)
{
	for (int i = 0; i < UF_COUNT_; i++)
		if (strcmp(user_field_names[i], name) == 0)
			return i;
	return -1;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t got;
	if (!f)
		return NULL;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, got);
	if (ferror(f)) {
		if (f != stdin)
			fclose(f);
		strbuf_release(&sb);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* ---- CSV, through libcsv ----------------------------------------------------------------- */

struct csv_ctx {
	struct user_rows *rows;
	struct problems *p;
	int columns[64];        /* field of each column, -1 unknown */
	int ncolumns;
	int header_done;
	int line, record_line;  /* the physical line being fed; the line the record began on */
	struct user_row cur;
	int ncur;
	int bad;                /* the header was bad: read no rows */
};

static void csv_field(void *data, size_t len, void *ctx_)
{
	struct csv_ctx *c = ctx_;
	char *s = malloc(len + 1);
	if (!s)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	if (!c->header_done) {
		if (c->ncolumns < 64) {
			int f = field_of(s);
			if (f < 0) {
				problems_add(c->p, c->record_line, MSG_P_UNKNOWN_COLUMN, s);
				c->bad = 1;
			}
			c->columns[c->ncolumns++] = f;
		}
		free(s);
		return;
	}
	if (c->ncur < c->ncolumns && c->columns[c->ncur] >= 0 && !c->cur.f[c->columns[c->ncur]])
		c->cur.f[c->columns[c->ncur]] = s;
	else
		free(s);
	c->ncur++;
}

static void csv_record(int term, void *ctx_)
{
	struct csv_ctx *c = ctx_;
	(void)term;
	if (!c->header_done) {
		c->header_done = 1;
	} else if (c->ncur > 0) {
		int empty = 1;
		for (int i = 0; i < UF_COUNT_; i++)
			empty &= !c->cur.f[i] || !*c->cur.f[i];
		if (!(empty && c->ncur <= 1)) { /* a blank line is no row */
			if (c->ncur != c->ncolumns) {
				char n[16];
				snprintf(n, sizeof n, "%d", c->ncur);
				problems_add(c->p, c->record_line, MSG_P_FIELD_COUNT, n);
			}
			*new_row(c->rows, c->record_line) = c->cur;
			c->rows->items[c->rows->n - 1].line = c->record_line;
			memset(&c->cur, 0, sizeof c->cur);
		}
	}
	user_row_release(&c->cur);
	c->ncur = 0;
	c->record_line = c->line + 1; /* the next record starts on the next line */
}

static void read_csv(const char *text, size_t len, struct user_rows *out, struct problems *p)
{
	struct csv_parser parser;
	struct csv_ctx c = { .rows = out, .p = p, .line = 1, .record_line = 1 };
	size_t pos = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* a byte order mark, as spreadsheets write */
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		abort();
	/* Fed a physical line at a time, so each record knows the line it began on. */
	while (pos < len && !c.bad) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
		if (csv_parse(&parser, text + pos, n, csv_field, csv_record, &c) != n) {
			problems_add(p, c.line, MSG_P_BAD_CSV, csv_strerror(csv_error(&parser)));
			break;
		}
		pos += n;
		c.line++;
	}
	if (!c.bad && csv_fini(&parser, csv_field, csv_record, &c) != 0)
		problems_add(p, c.record_line, MSG_P_BAD_CSV, csv_strerror(csv_error(&parser)));
	csv_free(&parser);
	user_row_release(&c.cur);
}

/* ---- JSON, through SQLite's JSON functions ------------------------------------------------- */

struct json_ctx {
	struct user_rows *rows;
	struct problems *p;
	int *lines;             /* line of each element */
	size_t nlines;
	int index;              /* element being filled, -1 none */
};

/* The line each top-level element of a JSON array starts on (SQLite does not say). */
static int *element_lines(const char *s, size_t len, size_t *n)
{
	int *lines = NULL, line = 1, depth = 0, in_string = 0, expect = 0;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '\n')
			line++;
		if (in_string) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = 0;
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			continue;
		if (depth == 1 && expect) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				lines = realloc(lines, cap * sizeof *lines);
				if (!lines)
					abort();
			}
			lines[(*n)++] = line;
			expect = 0;
		}
		if (ch == '"')
			in_string = 1;
		else if (ch == '[' || ch == '{')
			expect = ++depth == 1 && ch == '[';
		else if (ch == ']' || ch == '}')
			depth--;
		else if (ch == ',' && depth == 1)
			expect = 1;
	}
	return lines;
}

static int json_member(void *ctx_, int index, const char *key, const char *type, const char *value)
{
	struct json_ctx *c = ctx_;
	int line = (size_t)index < c->nlines ? c->lines[index] : 0;
	struct user_row *r;
	int f;

	if (!key) { /* an element that is not an object is no row */
		problems_add(c->p, line, MSG_P_NOT_OBJECT, "");
		return 0;
	}
	if (index != c->index) {
		new_row(c->rows, line);
		c->index = index;
	}
	r = &c->rows->items[c->rows->n - 1];
	f = field_of(key);
	if (f < 0) {
		problems_add(c->p, line, MSG_P_UNKNOWN_COLUMN, key);
		return 0;
	}
	if (strcmp(type, "null") == 0)
		return 0;
	if (strcmp(type, "text") != 0 && strcmp(type, "integer") != 0 && strcmp(type, "real") != 0) {
		problems_add(c->p, line, MSG_P_NOT_TEXT, key);
		return 0;
	}
	free(r->f[f]);
	r->f[f] = xstrdup(value);
	return 0;
}

static void read_json(struct store *st, const char *text, size_t len, struct user_rows *out,
		      struct problems *p)
{
	struct json_ctx c = { out, p, NULL, 0, -1 };
	c.lines = element_lines(text, len, &c.nlines);
	if (store_json_members(st, text, json_member, &c) != 0)
		problems_add(p, 0, MSG_P_BAD_JSON, store_error(st));
	free(c.lines);
}

int userdata_read(struct store *st, const char *path, struct user_rows *out, struct problems *p)
{
	size_t len = 0;
	char *text = read_all(path, &len);
	if (!text)
		return -1;
	userdata_parse(st, text, len, out, p);
	free(text);
	return 0;
}

void userdata_parse(struct store *st, const char *text, size_t len, struct user_rows *out,
		    struct problems *p)
{
	size_t i = 0;
	if (strlen(text) != len) {
		problems_add(p, 0, MSG_P_BAD_CSV, "a NUL byte");
		return;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
		i++;
	if (i < len && (text[i] == '[' || text[i] == '{'))
		read_json(st, text + i, len - i, out, p);
	else
		read_csv(text, len, out, p);
}

/* ---- checks -------------------------------------------------------------------------------- */

static int has_control(const char *s, int allow_newline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && !(allow_newline && (c == '\n' || c == '\t'))) || c == 0x7F)
			return 1;
		if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] < 0xA0)
			return 1; /* C1 controls: ESC's eight-bit cousins */
	}
	return 0;
}

static char *trimmed(const char *s)
{
	const char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	return strndup(s, (size_t)(e - s));
}

void userdata_check_row(const struct user_row *r, int line, struct problems *p, int partial)
{
	for (int i = 0; i < UF_COUNT_; i++) {
		const char *v = r->f[i];
		int is_short = i == UF_team || i == UF_product || i == UF_error_code;
		if (!v)
			continue;
		if (!utf8_valid(v, strlen(v))) {
			problems_add(p, line, MSG_P_BAD_UTF8, user_field_names[i]);
			continue;
		}
		if (has_control(v, !is_short && i != UF_http_status))
			problems_add(p, line, MSG_P_CONTROL, user_field_names[i]);
		if (strlen(v) > (size_t)(is_short ? MAX_SHORT : MAX_LONG))
			problems_add(p, line, MSG_P_TOO_LONG, user_field_names[i]);
	}
	if (!partial && (!r->f[UF_error_code] || !*r->f[UF_error_code]))
		problems_add(p, line, MSG_P_NO_ERROR_CODE, "");
	if (!partial || r->f[UF_http_status]) {
		const char *s = r->f[UF_http_status] ? r->f[UF_http_status] : "";
		char *end = NULL;
		long v = strtol(s, &end, 10);
		if (!*s || *end || v < 100 || v > 599)
			problems_add(p, line, MSG_P_BAD_STATUS, s);
	}
	if (!partial && (!r->f[UF_message_en] || !*r->f[UF_message_en]) &&
	    (!r->f[UF_message_zh] || !*r->f[UF_message_zh]))
		problems_add(p, line, MSG_P_NO_MESSAGE, "");
}

/* Trim the fields that are keys, so " ORDER_LOCKED" and "ORDER_LOCKED" are one. */
static void normalise(struct user_row *r)
{
	static const enum user_field keys[] = { UF_team, UF_product, UF_error_code, UF_http_status };
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (r->f[keys[k]]) {
			char *t = trimmed(r->f[keys[k]]);
			free(r->f[keys[k]]);
			r->f[keys[k]] = t;
		}
}

void userdata_check(const struct user_rows *rows, struct problems *p)
{
	for (size_t i = 0; i < rows->n; i++) {
		struct user_row *r = &rows->items[i];
		normalise(r);
		userdata_check_row(r, r->line, p, 0);
		for (size_t j = 0; j < i; j++) {
			const struct user_row *o = &rows->items[j];
			if (r->f[UF_error_code] && o->f[UF_error_code] &&
			    strcmp(r->f[UF_error_code], o->f[UF_error_code]) == 0 &&
			    strcmp(r->f[UF_team] ? r->f[UF_team] : "", o->f[UF_team] ? o->f[UF_team] : "") == 0 &&
			    strcmp(r->f[UF_product] ? r->f[UF_product] : "",
				   o->f[UF_product] ? o->f[UF_product] : "") == 0) {
				char n[16];
				snprintf(n, sizeof n, "%d", o->line);
				problems_add(p, r->line, MSG_P_DUPLICATE, n);
				break;
			}
		}
	}
}

int userdata_write_csv(FILE *f, const struct user_row *rows, size_t n, size_t *bad)
{
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < UF_COUNT_; i++)
			if (rows[k].f[i] && !text_is_plain(rows[k].f[i], 1)) {
				*bad = k;
				return 1;
			}
	for (int i = 0; i < UF_COUNT_; i++)
		fprintf(f, "%s%s", i ? "," : "", user_field_names[i]);
	fputs("\r\n", f); /* RFC 4180 line ends */
	for (size_t k = 0; k < n; k++) {
		for (int i = 0; i < UF_COUNT_; i++) {
			const char *v = rows[k].f[i] ? rows[k].f[i] : "";
			if (i)
				fputc(',', f);
			if (csv_fwrite(f, v, strlen(v)) != 0)
				return -1;
		}
		fputs("\r\n", f);
		if (ferror(f))
			return -1; /* now, while errno is the failed write's */
	}
	return fflush(f) != 0 || ferror(f) ? -1 : 0;
}
