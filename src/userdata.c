#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already (the argv fuzzer builds all in one) */
#define _XOPEN_SOURCE 700
#endif
#include "userdata.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"

#define MAX_SHORT 200           /* team, product, error code */
#define MAX_LONG 8000           /* messages, descriptions, advice */
#define MAX_COLUMNS 64          /* a CSV header: ten are known, and none may come twice */
#define READ_CHUNK 65536

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

/* ---- problems, and the set of lines that have one ---------------------------------------------- */

static size_t line_slot(int line, size_t cap)
{
	uint32_t h = (uint32_t)line * 2654435761u; /* Knuth's: an odd factor spreads neighbours */
	return (size_t)h & (cap - 1);
}

static void lines_insert(struct problems *p, int line)
{
	size_t i;
	if (line == 0) {
		p->whole_file = 1;
		return;
	}
	if (2 * (p->nlines + 1) > p->lines_cap) { /* at most half full */
		size_t cap = p->lines_cap ? 2 * p->lines_cap : 64;
		int *lines = xcalloc(cap, sizeof *lines);
		for (size_t k = 0; k < p->lines_cap; k++)
			if (p->lines[k]) {
				for (i = line_slot(p->lines[k], cap); lines[i]; i = (i + 1) & (cap - 1))
					;
				lines[i] = p->lines[k];
			}
		free(p->lines);
		p->lines = lines;
		p->lines_cap = cap;
	}
	for (i = line_slot(line, p->lines_cap); p->lines[i]; i = (i + 1) & (p->lines_cap - 1))
		if (p->lines[i] == line)
			return;
	p->lines[i] = line;
	p->nlines++;
}

static void add(struct problems *p, int line, enum msg_id id, int field, const char *detail)
{
	struct strbuf clean = STRBUF_INIT, cut = STRBUF_INIT;
	XGROW(p->items, p->cap, p->n + 1, 16);
	text_sanitize(&clean, detail ? detail : "", 0); /* it came from a file: nothing raw */
	text_truncate(&cut, strbuf_str(&clean), 80);
	p->items[p->n++] = (struct problem){ .line = line, .id = id, .field = field, .detail = strbuf_detach(&cut) };
	lines_insert(p, line);
	strbuf_release(&clean);
}

void problems_add(struct problems *p, int line, enum msg_id id, const char *detail)
{
	add(p, line, id, -1, detail);
}

void problems_add_err(struct problems *p, int line, enum msg_id id, const struct hc_err *why)
{
	add(p, line, id, -1, "");
	p->items[p->n - 1].why = *why;
}

void problems_add_reason(struct problems *p, int line, const struct hc_err *why)
{
	problems_add_err(p, line, MSG_COUNT_, why);
}

void problems_add_field(struct problems *p, int line, enum msg_id id, enum user_field field,
			const char *detail)
{
	add(p, line, id, (int)field, detail ? detail : user_field_names[field]);
}

int problems_has_line(const struct problems *p, int line)
{
	if (p->whole_file)
		return 1;
	if (!p->lines_cap)
		return 0;
	for (size_t i = line_slot(line, p->lines_cap); p->lines[i]; i = (i + 1) & (p->lines_cap - 1))
		if (p->lines[i] == line)
			return 1;
	return 0;
}

int problems_file_line(const struct problems *p, int line)
{
	if (!p->elements)
		return line;
	return line > 0 && (size_t)line <= p->nelements ? p->element_lines[line - 1] : 0;
}

void problems_release(struct problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->items[i].detail);
	free(p->items);
	free(p->lines);
	free(p->element_lines);
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
	XGROW(r->items, r->cap, r->n + 1, 64);
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

/* ---- keys: one form, whoever writes them ---------------------------------------------------------- */

/* Blanks around a key: ASCII ones, and the Unicode spaces an editor or an input method leaves
 * (no-break, ideographic, ...). Other controls are not blanks: they are refused. */
static int is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

char *userdata_key(const char *s)
{
	size_t n = strlen(s), start = n, end = n, i = 0;
	char *out;
	while (i < n) {
		uint32_t c;
		size_t k = utf8_decode(s + i, n - i, &c);
		if (!is_blank(c)) {
			if (start == n)
				start = i;
			end = i + k;
		}
		i += k;
	}
	out = xstrndup(s + start, end - start);
	return out;
}

static int is_normalised(enum user_field f)
{
	return f == UF_team || f == UF_product || f == UF_error_code || f == UF_http_status;
}

void userdata_row_set(struct user_row *r, enum user_field f, const char *value)
{
	free(r->f[f]);
	r->f[f] = !value ? NULL : is_normalised(f) ? userdata_key(value) : dup_or_empty(value);
}

void userdata_normalise(struct user_row *r)
{
	for (int f = 0; f < UF_COUNT_; f++)
		if (r->f[f] && is_normalised((enum user_field)f)) {
			char *k = userdata_key(r->f[f]);
			free(r->f[f]);
			r->f[f] = k;
		}
}

/* ---- reading, bounded ---------------------------------------------------------------------------- */

enum read_status { READ_OK, READ_FAILED, READ_TOO_BIG };

/* The whole of path ("-": standard input), NUL-terminated, in *text (owned by the caller).
 * Never more than USERDATA_MAX_BYTES and one chunk is read, so an endless source (a pipe,
 * /dev/zero) cannot take the memory; and reading stops at the first chunk with a NUL byte,
 * since such a file is refused whatever follows. */
static enum read_status read_all(const char *path, char **text, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	enum read_status rc = READ_OK;
	struct stat sb;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	int saved = 0;

	if (!f)
		return READ_FAILED; /* errno says why */
	if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode)) {
		if ((uintmax_t)sb.st_size > USERDATA_MAX_BYTES)
			rc = READ_TOO_BIG; /* said before reading a byte of it */
		else
			cap = (size_t)sb.st_size + READ_CHUNK + 1; /* read once, never copied */
	}
	if (rc == READ_OK && cap)
		buf = xmalloc(cap);
	while (rc == READ_OK) {
		if (cap - n < READ_CHUNK + 1) { /* n <= the limit here, so the largest cap suffices */
			cap = cap ? 2 * cap : (size_t)1 << 20;
			if (cap > USERDATA_MAX_BYTES + READ_CHUNK + 1)
				cap = USERDATA_MAX_BYTES + READ_CHUNK + 1;
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, READ_CHUNK, f);
		if (got == 0)
			break;
		n += got;
		if (memchr(buf + n - got, '\0', got))
			break;
		if (n > USERDATA_MAX_BYTES)
			rc = READ_TOO_BIG;
	}
	if (rc == READ_OK && ferror(f)) {
		rc = READ_FAILED;
		saved = errno ? errno : EIO;
	}
	if (f != stdin)
		fclose(f);
	if (rc != READ_OK) {
		free(buf);
		errno = saved; /* the read's, not fclose's */
		return rc;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return READ_OK;
}

/* ---- CSV, through libcsv ----------------------------------------------------------------- */

struct csv_ctx {
	struct user_rows *rows;
	struct problems *p;
	int columns[MAX_COLUMNS]; /* field of each column, -1 unknown */
	int ncolumns;
	unsigned seen;          /* the fields the header has named */
	int header_done;
	int line, record_line;  /* the physical line being fed; the line the record began on */
	struct user_row cur;
	int ncur;
	int bad;                /* the header was bad: read no rows */
	int too_wide;           /* the header has more than MAX_COLUMNS columns */
};

static void csv_header_field(struct csv_ctx *c, const char *name)
{
	int f = field_of(name);
	if (c->ncolumns == MAX_COLUMNS) { /* said once; the rest of the header is not looked at */
		char n[16];
		snprintf(n, sizeof n, "%d", MAX_COLUMNS);
		if (!c->too_wide)
			problems_add(c->p, c->record_line, MSG_P_TOO_MANY_COLUMNS, n);
		c->too_wide = c->bad = 1;
		return;
	}
	if (f < 0) {
		problems_add(c->p, c->record_line, MSG_P_UNKNOWN_COLUMN, name);
		c->bad = 1;
	} else if (c->seen & 1u << f) { /* which of the two would be meant? */
		problems_add(c->p, c->record_line, MSG_P_DUP_COLUMN, name);
		c->bad = 1;
	} else {
		c->seen |= 1u << f;
	}
	c->columns[c->ncolumns++] = f;
}

static void csv_field(void *data, size_t len, void *ctx_)
{
	struct csv_ctx *c = ctx_;
	char *s = xmalloc(len + 1);
	memcpy(s, data, len);
	s[len] = '\0';
	if (!c->header_done)
		csv_header_field(c, s);
	if (!c->header_done || c->bad) { /* after a bad header (CR line ends: one "line"), no rows */
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
	} else if (c->ncur > 0 && !c->bad) {
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

/* The CSV parser's failure at line, in our words (csv_strerror speaks English only). */
static void csv_problem(struct problems *p, int line, struct csv_parser *parser)
{
	struct hc_err why;
	err_set(&why, csv_error(parser) == CSV_ETOOBIG ? ERR_CSV_TOO_BIG : ERR_CSV_PARSE, 0, NULL);
	problems_add_err(p, line, MSG_P_BAD_CSV, &why);
}

static void read_csv(const char *text, size_t len, struct user_rows *out, struct problems *p)
{
	struct csv_parser parser;
	struct csv_ctx c = { .rows = out, .p = p, .line = 1, .record_line = 1 };
	size_t pos = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* a byte order mark, as spreadsheets write */
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die_oom(); /* its one failure: no memory for its buffer */
	/* Fed a physical line at a time, so each record knows the line it began on. */
	while (pos < len && !c.bad) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
		if (csv_parse(&parser, text + pos, n, csv_field, csv_record, &c) != n) {
			csv_problem(p, c.line, &parser);
			break;
		}
		pos += n;
		c.line++;
	}
	if (!c.bad && csv_fini(&parser, csv_field, csv_record, &c) != 0)
		csv_problem(p, c.record_line, &parser);
	if (c.bad) /* a header that cannot be read spoils every row: no skipping past it */
		p->whole_file = 1;
	csv_free(&parser);
	user_row_release(&c.cur);
}

/* ---- JSON, through SQLite's JSON functions ------------------------------------------------- */

struct json_ctx {
	struct user_rows *rows;
	struct problems *p;
	int *lines;             /* the line each element starts on (p keeps them) */
	size_t nlines;
	int index;              /* element being filled, -1 none */
	unsigned seen;          /* the fields it has named */
};

/* The line each top-level element of a JSON array starts on (SQLite does not say). With
 * patch (a copy of s), every \u0000 in a string becomes \u0001 there: SQLite 3.40 ends a
 * string at \u0000 ("a\u0000b" is read as "a"), and as U+0001 it is the control character it
 * is, refused in its own field. */
static int *element_lines(const char *s, size_t len, size_t *n, char *patch)
{
	int *lines = NULL, line = 1, depth = 0, in_string = 0, expect = 0;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '\n')
			line++;
		if (in_string) {
			if (ch == '\\') {
				if (patch && i + 5 < len && memcmp(s + i + 1, "u0000", 5) == 0)
					patch[i + 5] = '1';
				i++;
			} else if (ch == '"') {
				in_string = 0;
			}
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			continue;
		if (depth == 1 && expect) {
			XGROW(lines, cap, *n + 1, 64);
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
	int line = index + 1; /* the element's number: a row's "line" (see userdata.h) */
	struct user_row *r;
	int f;

	if (!key && strcmp(type, "object") == 0) { /* {}: a row without fields, and said so */
		new_row(c->rows, line);
		c->index = index;
		return 0;
	}
	if (!key) { /* an element that is not an object is no row */
		problems_add(c->p, line, MSG_P_NOT_OBJECT, "");
		return 0;
	}
	if (index != c->index) {
		new_row(c->rows, line);
		c->index = index;
		c->seen = 0;
	}
	r = &c->rows->items[c->rows->n - 1];
	f = field_of(key);
	if (f < 0) {
		problems_add(c->p, line, MSG_P_UNKNOWN_COLUMN, key);
		return 0;
	}
	if (c->seen & 1u << f) { /* SQLite would take the last, a person may mean the first */
		problems_add(c->p, line, MSG_P_DUP_KEY, key);
		return 0;
	}
	c->seen |= 1u << f;
	if (strcmp(type, "null") == 0)
		return 0;
	if (strcmp(type, "text") != 0 && strcmp(type, "integer") != 0 && strcmp(type, "real") != 0) {
		problems_add(c->p, line, MSG_P_NOT_TEXT, key);
		return 0;
	}
	free(r->f[f]);
	r->f[f] = dup_or_empty(value);
	return 0;
}

/* Whether \u0000 appears at all (maybe outside a string, or after a backslash: then the
 * element scan leaves it). */
static int has_nul_escape(const char *s, size_t len)
{
	for (const char *e = s + len; (s = memchr(s, '\\', (size_t)(e - s))) != NULL; s++)
		if (e - s >= 6 && memcmp(s + 1, "u0000", 5) == 0)
			return 1;
	return 0;
}

static void read_json(struct store *st, const char *text, size_t len, struct user_rows *out,
		      struct problems *p)
{
	struct json_ctx c = { out, p, NULL, 0, -1, 0 };
	char *patched = NULL;
	if (has_nul_escape(text, len)) { /* rare: a copy only then */
		patched = xmalloc(len + 1);
		memcpy(patched, text, len + 1);
	}
	c.lines = element_lines(text, len, &c.nlines, patched);
	free(p->element_lines);
	p->elements = 1;
	p->element_lines = c.lines; /* p owns them now */
	p->nelements = c.nlines;
	if (store_json_members(st, patched ? patched : text, json_member, &c) != 0)
		problems_add_err(p, 0, MSG_P_BAD_JSON, store_err(st));
	free(patched);
}

/* What a file that is not UTF-8 is, when it is UTF-16 or UTF-32: from its byte order mark, or
 * without one from where its NUL bytes fall in the first kilobyte (ASCII text in UTF-16LE has
 * one after every byte). NULL when it looks like neither. */
static const char *wide_encoding(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = (len < 1024 ? len : 1024) & ~(size_t)3, zero[4] = { 0 };
	int mostly[4], rarely[4];

	if (len >= 4 && memcmp(s, "\xFF\xFE\0\0", 4) == 0)
		return "UTF-32LE";
	if (len >= 4 && memcmp(s, "\0\0\xFE\xFF", 4) == 0)
		return "UTF-32BE";
	if (len >= 2 && memcmp(s, "\xFF\xFE", 2) == 0)
		return "UTF-16LE";
	if (len >= 2 && memcmp(s, "\xFE\xFF", 2) == 0)
		return "UTF-16BE";
	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		zero[i % 4] += s[i] == 0;
	for (int k = 0; k < 4; k++) { /* a quarter of the bytes sampled fall in each place */
		mostly[k] = zero[k] * 4 >= n / 4 * 3;
		rarely[k] = zero[k] * 4 <= n / 4;
	}
	if (rarely[0] && mostly[1] && mostly[2] && mostly[3])
		return "UTF-32LE";
	if (mostly[0] && mostly[1] && mostly[2] && rarely[3])
		return "UTF-32BE";
	if (rarely[0] && mostly[1] && rarely[2] && mostly[3])
		return "UTF-16LE";
	if (mostly[0] && rarely[1] && mostly[2] && rarely[3])
		return "UTF-16BE";
	return NULL;
}

int userdata_read(struct store *st, const char *path, struct user_rows *out, struct problems *p)
{
	size_t len = 0;
	char *text = NULL;
	switch (read_all(path, &text, &len)) {
	case READ_FAILED:
		return -1;
	case READ_TOO_BIG:
		problems_add(p, 0, MSG_P_TOO_BIG, path);
		return 0;
	case READ_OK:
		break;
	}
	userdata_parse(st, text, len, out, p);
	free(text);
	return 0;
}

void userdata_parse(struct store *st, const char *text, size_t len, struct user_rows *out,
		    struct problems *p)
{
	const char *wide = wide_encoding(text, len);
	size_t i = 0;
	if (wide) {
		problems_add(p, 0, MSG_P_WIDE, wide);
		return;
	}
	if (strlen(text) != len) {
		problems_add(p, 0, MSG_P_NUL, "");
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

/* Characters that show nothing, or turn the text around them: "ORDER_LOCKED" with a
 * zero-width space in it looks like "ORDER_LOCKED" and is another key, and a bidi override
 * can make one code look like another. Refused in keys; text may keep them. */
static int is_invisible(uint32_t c)
{
	return c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 ||
	       c == 0x180E || (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || c == 0xFEFF || c == 0xFFA0 ||
	       (c >= 0xE0000 && c <= 0xE007F);
}

static int has_invisible(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += utf8_decode(s + i, n - i, &c);
		if (is_invisible(c))
			return 1;
	}
	return 0;
}

void userdata_check_row(const struct user_row *r, int line, struct problems *p, int partial)
{
	for (int i = 0; i < UF_COUNT_; i++) {
		const char *v = r->f[i];
		int is_short = i == UF_team || i == UF_product || i == UF_error_code;
		if (!v)
			continue;
		if (!utf8_valid(v, strlen(v))) {
			problems_add_field(p, line, MSG_P_BAD_UTF8, (enum user_field)i, NULL);
			continue;
		}
		if (has_control(v, !is_short && i != UF_http_status))
			problems_add_field(p, line, MSG_P_CONTROL, (enum user_field)i, NULL);
		if (is_short && has_invisible(v))
			problems_add_field(p, line, MSG_P_INVISIBLE, (enum user_field)i, NULL);
		if (strlen(v) > (size_t)(is_short ? MAX_SHORT : MAX_LONG))
			problems_add_field(p, line, MSG_P_TOO_LONG, (enum user_field)i, NULL);
	}
	if (!partial && (!r->f[UF_error_code] || !*r->f[UF_error_code]))
		problems_add_field(p, line, MSG_P_NO_ERROR_CODE, UF_error_code, "");
	if (!partial || r->f[UF_http_status]) {
		const char *s = r->f[UF_http_status] ? r->f[UF_http_status] : "";
		char *end = NULL;
		long v = strtol(s, &end, 10);
		if (!*s || *end || v < 100 || v > 599)
			problems_add_field(p, line, MSG_P_BAD_STATUS, UF_http_status, s);
	}
	if (!partial && (!r->f[UF_message_en] || !*r->f[UF_message_en]) &&
	    (!r->f[UF_message_zh] || !*r->f[UF_message_zh]))
		problems_add_field(p, line, MSG_P_NO_MESSAGE, UF_message_en, "");
}

/* ---- duplicates: a hash set of (team, product, error code), so the check is linear --------- */

static const char *key_part(const struct user_row *r, enum user_field f)
{
	return r->f[f] ? r->f[f] : "";
}

static uint64_t key_hash(const struct user_row *r)
{
	static const enum user_field parts[] = { UF_team, UF_product, UF_error_code };
	uint64_t h = UINT64_C(14695981039346656037); /* FNV-1a, the NUL between parts included */
	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
		for (const unsigned char *s = (const unsigned char *)key_part(r, parts[k]);; s++) {
			h = (h ^ *s) * UINT64_C(1099511628211);
			if (!*s)
				break;
		}
	return h;
}

static int same_key(const struct user_row *a, const struct user_row *b)
{
	return strcmp(key_part(a, UF_error_code), key_part(b, UF_error_code)) == 0 &&
	       strcmp(key_part(a, UF_team), key_part(b, UF_team)) == 0 &&
	       strcmp(key_part(a, UF_product), key_part(b, UF_product)) == 0;
}

void userdata_check(const struct user_rows *rows, struct problems *p)
{
	size_t cap = 64, *first; /* row index + 1 of the first row with each key; 0 an empty slot */
	while (cap < 2 * rows->n)
		cap *= 2;
	first = xcalloc(cap, sizeof *first);
	for (size_t i = 0; i < rows->n; i++) {
		struct user_row *r = &rows->items[i];
		size_t s;
		userdata_normalise(r);
		userdata_check_row(r, r->line, p, 0);
		if (!r->f[UF_error_code] || !*r->f[UF_error_code])
			continue; /* said already: missing */
		for (s = key_hash(r) & (cap - 1); first[s]; s = (s + 1) & (cap - 1))
			if (same_key(r, &rows->items[first[s] - 1]))
				break;
		if (first[s]) {
			char n[16];
			snprintf(n, sizeof n, "%d", rows->items[first[s] - 1].line);
			problems_add(p, r->line, p->elements ? MSG_P_DUPLICATE_ELEMENT : MSG_P_DUPLICATE, n);
		} else {
			first[s] = i + 1;
		}
	}
	free(first);
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
