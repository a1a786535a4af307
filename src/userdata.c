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

/* ---- reading, a chunk at a time ------------------------------------------------------------ */

/* A reader takes a file's bytes in chunks of any size and hands each row on as soon as it is
 * read, so a file of any length is read in the memory of one row. */
struct reader {
	struct store *st;
	struct problems *p;
	const char *path;       /* for the messages */
	/* Takes each row read (r and its fields are then its own); nonzero stops the reading. */
	int (*row)(void *ctx, struct user_row *r);
	void *ctx;
	enum { KIND_UNKNOWN, KIND_CSV, KIND_JSON } kind;
	int stop;               /* nothing more is read: the file is refused, or the taker said so */
	int refused;            /* the file is refused whole: no row of it counts */
	size_t nrows;
	/* CSV */
	struct csv_parser parser;
	int columns[MAX_COLUMNS]; /* field of each column, -1 unknown */
	int ncolumns;
	unsigned seen;          /* the fields the header (or a JSON object) has named */
	int header_done;
	int line, record_line;  /* the physical line being fed; the line the record began on */
	struct user_row cur;
	int ncur;
	int bad;                /* the header was bad: read no rows */
	int too_wide;           /* the header has more than MAX_COLUMNS columns */
	int failed;             /* libcsv refused the text: nothing after it is fed */
	int record_ended;       /* a record ended in the piece just fed */
	size_t open_bytes;      /* the bytes of the record not yet ended */
	/* JSON */
	enum { J_START, J_FIRST, J_NEXT, J_ELEMENT, J_END } jstate;
	int depth, in_string, escape;
	struct strbuf element;  /* the element being read */
	int not_object;         /* it is not an object: no row */
	size_t elements_cap;
};

/* A problem that spoils the whole file: what was said of its rows no longer matters, and
 * nothing more is read. */
static void refuse_file(struct reader *rd, enum msg_id id, const char *detail, const struct hc_err *why)
{
	problems_release(rd->p);
	if (why)
		problems_add_err(rd->p, 0, id, why);
	else
		problems_add(rd->p, 0, id, detail);
	rd->stop = rd->refused = 1;
}

static void emit(struct reader *rd, struct user_row *r)
{
	if (++rd->nrows > USERDATA_MAX_ROWS) {
		user_row_release(r);
		refuse_file(rd, MSG_P_TOO_BIG, rd->path, NULL);
		return;
	}
	if (rd->row(rd->ctx, r))
		rd->stop = 1;
}

/* ---- CSV, through libcsv ----------------------------------------------------------------- */

static void csv_header_field(struct reader *c, const char *name)
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
	struct reader *c = ctx_;
	char *s = xmalloc(len + 1);
	memcpy(s, data, len);
	s[len] = '\0';
	if (!c->header_done)
		csv_header_field(c, s);
	if (!c->header_done || c->bad || c->stop) { /* after a bad header (CR line ends: one "line"), no rows */
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
	struct reader *c = ctx_;
	(void)term;
	c->record_ended = 1;
	if (!c->header_done) {
		c->header_done = 1;
	} else if (c->ncur > 0 && !c->bad && !c->stop) {
		int empty = 1;
		for (int i = 0; i < UF_COUNT_; i++)
			empty &= !c->cur.f[i] || !*c->cur.f[i];
		if (!(empty && c->ncur <= 1)) { /* a blank line is no row */
			struct user_row r = c->cur;
			if (c->ncur != c->ncolumns) {
				char n[16];
				snprintf(n, sizeof n, "%d", c->ncur);
				problems_add(c->p, c->record_line, MSG_P_FIELD_COUNT, n);
			}
			memset(&c->cur, 0, sizeof c->cur);
			r.line = c->record_line;
			emit(c, &r);
		}
	}
	user_row_release(&c->cur);
	c->ncur = 0;
	c->record_line = c->line + 1; /* the next record starts on the next line */
}

/* The CSV parser's failure at line, in our words (csv_strerror speaks English only). */
static void csv_problem(struct reader *c, int line, int too_big)
{
	struct hc_err why;
	err_set(&why, too_big ? ERR_CSV_TOO_BIG : ERR_CSV_PARSE, 0, NULL);
	problems_add_err(c->p, line, MSG_P_BAD_CSV, &why);
	c->failed = 1;
}

/* Fed a physical line at a time, so each record knows the line it began on. */
static void csv_feed(struct reader *c, const char *s, size_t n)
{
	while (n && !c->bad && !c->failed && !c->stop) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) + 1 : n;
		c->record_ended = 0;
		if (csv_parse(&c->parser, s, k, csv_field, csv_record, c) != k) {
			csv_problem(c, c->line, csv_error(&c->parser) == CSV_ETOOBIG);
			return;
		}
		/* An unclosed quote would gather the rest of the file into one field: a record
		 * longer than any good row can be ends the reading here. */
		c->open_bytes = c->record_ended ? 0 : c->open_bytes + k;
		if (c->open_bytes > USERDATA_MAX_ROW_BYTES) {
			csv_problem(c, c->record_line, 1);
			return;
		}
		s += k;
		n -= k;
		c->line += nl != NULL;
	}
	if (c->bad) { /* a header that cannot be read spoils every row: nothing more is read */
		c->p->whole_file = 1;
		c->stop = 1;
	}
}

static void csv_finish(struct reader *c)
{
	if (!c->bad && !c->failed && !c->stop && csv_fini(&c->parser, csv_field, csv_record, c) != 0)
		csv_problem(c, c->record_line, csv_error(&c->parser) == CSV_ETOOBIG);
	if (c->bad) /* a header that cannot be read spoils every row: no skipping past it */
		c->p->whole_file = 1;
}

/* ---- JSON: the array split into its elements here, each read by SQLite's JSON functions ---- */

static int json_member(void *ctx_, int index, const char *key, const char *type, const char *value)
{
	struct reader *c = ctx_;
	int line = index + 1; /* the element's number: a row's "line" (see userdata.h) */
	int f;

	if (!key && strcmp(type, "object") == 0) /* {}: a row without fields, and said so */
		return 0;
	if (!key) { /* an element that is not an object is no row */
		problems_add(c->p, line, MSG_P_NOT_OBJECT, "");
		c->not_object = 1;
		return 0;
	}
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
	free(c->cur.f[f]);
	c->cur.f[f] = dup_or_empty(value);
	return 0;
}

/* Every \u0000 in a string of s becomes \u0001: SQLite 3.40 ends a string at \u0000
 * ("a\u0000b" is read as "a"), and as U+0001 it is the control character it is, refused in
 * its own field. */
static void patch_nul_escapes(char *s)
{
	int in_string = 0;
	for (; *s; s++) {
		if (!in_string) {
			in_string = *s == '"';
		} else if (*s == '\\') {
			if (strncmp(s + 1, "u0000", 5) == 0)
				s[5] = '1';
			if (s[1])
				s++;
		} else if (*s == '"') {
			in_string = 0;
		}
	}
}

static void json_refuse(struct reader *c)
{
	struct hc_err why;
	err_set(&why, ERR_NOT_JSON_ARRAY, 0, NULL);
	refuse_file(c, MSG_P_BAD_JSON, NULL, &why);
}

/* The element just read: its members, and the row they make. */
static void json_element(struct reader *c)
{
	int index = (int)c->p->nelements - 1;
	patch_nul_escapes(c->element.buf);
	c->seen = 0;
	c->not_object = 0;
	if (store_json_members(c->st, c->element.buf, index, json_member, c) != 0) {
		struct hc_err why = *store_err(c->st);
		refuse_file(c, MSG_P_BAD_JSON, NULL, &why);
	} else if (!c->not_object) {
		struct user_row r = c->cur;
		memset(&c->cur, 0, sizeof c->cur);
		r.line = index + 1;
		emit(c, &r);
	}
	user_row_release(&c->cur);
	strbuf_reset(&c->element);
}

static int is_json_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* A byte of an element: the element ends at a comma or the bracket that closes the array,
 * outside its strings and its own brackets. from is where its bytes in s start. */
static void json_element_byte(struct reader *c, const char *s, size_t i, size_t from)
{
	char ch = s[i];
	if (c->in_string) {
		if (c->escape)
			c->escape = 0;
		else if (ch == '\\')
			c->escape = 1;
		else if (ch == '"')
			c->in_string = 0;
	} else if (c->depth == 0 && (ch == ',' || ch == ']')) {
		strbuf_add(&c->element, s + from, i - from);
		c->jstate = ch == ',' ? J_NEXT : J_END;
		json_element(c);
	} else if (ch == '"') {
		c->in_string = 1;
	} else if (ch == '{' || ch == '[') {
		c->depth++;
	} else if ((ch == '}' || ch == ']') && --c->depth < 0) {
		json_refuse(c);
	}
}

/* The array's structure (brackets, commas, strings) is followed here, a byte at a time; each
 * element's own text is checked by SQLite as it is read. */
static void json_feed(struct reader *c, const char *s, size_t n)
{
	size_t from = 0; /* where the part of this chunk that belongs to the element starts */
	for (size_t i = 0; i < n && !c->stop; i++) {
		char ch = s[i];
		switch (c->jstate) {
		case J_START:
			if (ch == '[')
				c->jstate = J_FIRST;
			else if (!is_json_space(ch))
				json_refuse(c);
			break;
		case J_FIRST:
		case J_NEXT:
			if (is_json_space(ch))
				break;
			if (ch == ']' && c->jstate == J_FIRST) {
				c->jstate = J_END;
				break;
			}
			XGROW(c->p->element_lines, c->elements_cap, c->p->nelements + 1, 64);
			c->p->element_lines[c->p->nelements++] = c->line;
			c->jstate = J_ELEMENT;
			c->depth = c->in_string = c->escape = 0;
			from = i;
			json_element_byte(c, s, i, from);
			break;
		case J_ELEMENT:
			json_element_byte(c, s, i, from);
			break;
		case J_END:
			if (!is_json_space(ch))
				json_refuse(c);
			break;
		}
		c->line += ch == '\n';
	}
	if (c->jstate == J_ELEMENT && !c->stop) {
		strbuf_add(&c->element, s + from, n - from);
		if (c->element.len > USERDATA_MAX_ROW_BYTES)
			json_refuse(c);
	}
}

/* ---- the reader ------------------------------------------------------------------------------ */

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

static void reader_init(struct reader *rd, struct store *st, const char *path, struct problems *p,
			int (*row)(void *, struct user_row *), void *ctx)
{
	memset(rd, 0, sizeof *rd);
	rd->st = st;
	rd->p = p;
	rd->path = path;
	rd->row = row;
	rd->ctx = ctx;
	rd->line = rd->record_line = 1;
	if (csv_init(&rd->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die_oom(); /* its one failure: no memory for its buffer */
}

/* The next n bytes of the file. The first chunk tells the kind of file, so it holds the
 * file's first kilobyte (or the whole of a shorter one). */
static void reader_feed(struct reader *rd, const char *s, size_t n)
{
	if (rd->stop)
		return;
	if (rd->kind == KIND_UNKNOWN) {
		const char *wide = wide_encoding(s, n);
		size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		if (wide) {
			refuse_file(rd, MSG_P_WIDE, wide, NULL);
			return;
		}
		s += i; /* a byte order mark, as spreadsheets write */
		n -= i;
		for (i = 0; i < n && is_json_space(s[i]); i++)
			;
		rd->kind = i < n && (s[i] == '[' || s[i] == '{') ? KIND_JSON : KIND_CSV;
		rd->p->elements = rd->kind == KIND_JSON;
	}
	if (memchr(s, '\0', n)) {
		refuse_file(rd, MSG_P_NUL, "", NULL);
		return;
	}
	if (rd->kind == KIND_JSON)
		json_feed(rd, s, n);
	else
		csv_feed(rd, s, n);
}

static void reader_finish(struct reader *rd)
{
	if (rd->stop)
		return;
	if (rd->kind == KIND_JSON) {
		if (rd->jstate != J_END)
			json_refuse(rd);
	} else {
		csv_finish(rd);
	}
}

static void reader_release(struct reader *rd)
{
	csv_free(&rd->parser);
	user_row_release(&rd->cur);
	strbuf_release(&rd->element);
}

/* ---- reading from memory, and from a file ----------------------------------------------------- */

static int collect_row(void *ctx, struct user_row *r)
{
	struct user_rows *out = ctx;
	XGROW(out->items, out->cap, out->n + 1, 64);
	out->items[out->n++] = *r;
	return 0;
}

void userdata_parse(struct store *st, const char *text, size_t len, struct user_rows *out,
		    struct problems *p)
{
	struct reader rd;
	size_t at = len < 1024 ? len : 1024, piece = 1;
	reader_init(&rd, st, "", p, collect_row, out);
	/* Fed as a file is read, but in pieces of 1 to 97 bytes after the first kilobyte (which
	 * tells the kind of file), so that the tests and the fuzzer cross in every place the
	 * boundaries a large file has between its chunks. */
	reader_feed(&rd, text, at);
	for (; at < len; at += piece, piece = piece % 97 + 1)
		reader_feed(&rd, text + at, piece < len - at ? piece : len - at);
	reader_finish(&rd);
	if (rd.refused) /* the rows read before it was refused are no rows of a file to import */
		user_rows_release(out);
	reader_release(&rd);
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

/* A key seen: its bytes (team, product and error code, each ended by a NUL) in the set's
 * arena, and the line of the row that had it first. The set holds keys only, never a row's
 * text, so a million rows take some tens of megabytes. */
struct key_slot {
	uint32_t hash, off, len;
	int line;               /* 0: an empty slot */
};

struct key_set {
	struct key_slot *slots;
	size_t cap, n;
	struct strbuf arena, key;
};

static void key_set_release(struct key_set *ks)
{
	free(ks->slots);
	strbuf_release(&ks->arena);
	strbuf_release(&ks->key);
	memset(ks, 0, sizeof *ks);
}

static struct key_slot *key_slot(struct key_slot *slots, size_t cap, uint32_t hash, const char *arena,
				 const char *key, size_t len)
{
	size_t s;
	for (s = hash & (cap - 1); slots[s].line; s = (s + 1) & (cap - 1))
		if (slots[s].hash == hash && slots[s].len == len && memcmp(arena + slots[s].off, key, len) == 0)
			break;
	return &slots[s];
}

/* The line of the first row with r's key, or 0 when r is the first (and is now remembered). */
static int key_set_first(struct key_set *ks, const struct user_row *r, int line)
{
	static const enum user_field parts[] = { UF_team, UF_product, UF_error_code };
	uint32_t h = 2166136261u; /* FNV-1a over the three parts and their NULs */
	struct key_slot *slot;

	strbuf_reset(&ks->key);
	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
		const char *v = r->f[parts[k]] ? r->f[parts[k]] : "";
		strbuf_add(&ks->key, v, strlen(v) + 1);
	}
	for (size_t i = 0; i < ks->key.len; i++)
		h = (h ^ (unsigned char)ks->key.buf[i]) * 16777619u;
	if (2 * (ks->n + 1) > ks->cap) { /* at most half full */
		size_t cap = ks->cap ? 2 * ks->cap : 64;
		struct key_slot *slots = xcalloc(cap, sizeof *slots);
		for (size_t k = 0; k < ks->cap; k++)
			if (ks->slots[k].line)
				/* no key is SIZE_MAX bytes long: this finds the first free slot */
				*key_slot(slots, cap, ks->slots[k].hash, ks->arena.buf, "", SIZE_MAX) = ks->slots[k];
		free(ks->slots);
		ks->slots = slots;
		ks->cap = cap;
	}
	slot = key_slot(ks->slots, ks->cap, h, ks->arena.buf, ks->key.buf, ks->key.len);
	if (slot->line)
		return slot->line;
	*slot = (struct key_slot){ h, (uint32_t)ks->arena.len, (uint32_t)ks->key.len, line };
	strbuf_add(&ks->arena, ks->key.buf, ks->key.len);
	ks->n++;
	return 0;
}

/* Everything checked of one row of a file, its keys put in their one form first. */
static void check_file_row(struct key_set *ks, struct user_row *r, struct problems *p)
{
	int first;
	userdata_normalise(r);
	userdata_check_row(r, r->line, p, 0);
	if (!r->f[UF_error_code] || !*r->f[UF_error_code])
		return; /* said already: missing */
	first = key_set_first(ks, r, r->line);
	if (first) {
		char n[16];
		snprintf(n, sizeof n, "%d", first);
		problems_add(p, r->line, p->elements ? MSG_P_DUPLICATE_ELEMENT : MSG_P_DUPLICATE, n);
	}
}

void userdata_check(const struct user_rows *rows, struct problems *p)
{
	struct key_set ks = { 0 };
	for (size_t i = 0; i < rows->n; i++)
		check_file_row(&ks, &rows->items[i], p);
	key_set_release(&ks);
}

/* ---- importing: read, check and hand on, a row at a time -------------------------------------- */

struct import {
	struct key_set keys;
	struct problems *p;
	userdata_row_fn fn;
	void *ctx;
};

static int import_row(void *ctx, struct user_row *r)
{
	struct import *im = ctx;
	int rc;
	check_file_row(&im->keys, r, im->p);
	rc = im->fn(im->ctx, r, !problems_has_line(im->p, r->line));
	user_row_release(r);
	return rc;
}

int userdata_import(struct store *st, const char *path, struct problems *p, userdata_row_fn fn, void *ctx)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct import im = { .p = p, .fn = fn, .ctx = ctx };
	struct reader rd;
	char *buf;
	size_t got;
	int saved = 0;

	if (!f)
		return -1; /* errno says why */
	buf = xmalloc(READ_CHUNK);
	reader_init(&rd, st, path, p, import_row, &im);
	/* fread fills the chunk unless the file ends: the first holds the file's first kilobyte. */
	while (!rd.stop && (got = fread(buf, 1, READ_CHUNK, f)) > 0)
		reader_feed(&rd, buf, got);
	if (ferror(f))
		saved = errno ? errno : EIO;
	else
		reader_finish(&rd);
	reader_release(&rd);
	key_set_release(&im.keys);
	free(buf);
	if (f != stdin)
		fclose(f);
	errno = saved; /* the read's, not fclose's */
	return saved ? -1 : 0;
}

int userdata_write_csv(FILE *f, const struct user_row *rows, size_t n, int crlf, size_t *bad)
{
	const char *eol = crlf ? "\r\n" : "\n";
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < UF_COUNT_; i++)
			if (rows[k].f[i] && !text_is_plain(rows[k].f[i], 1)) {
				*bad = k;
				return 1;
			}
	for (int i = 0; i < UF_COUNT_; i++)
		fprintf(f, "%s%s", i ? "," : "", user_field_names[i]);
	fputs(eol, f);
	for (size_t k = 0; k < n; k++) {
		for (int i = 0; i < UF_COUNT_; i++) {
			const char *v = rows[k].f[i] ? rows[k].f[i] : "";
			if (i)
				fputc(',', f);
			if (csv_fwrite(f, v, strlen(v)) != 0)
				return -1;
		}
		fputs(eol, f);
		if (ferror(f))
			return -1; /* now, while errno is the failed write's */
	}
	return fflush(f) != 0 || ferror(f) ? -1 : 0;
}
