/* The user's own mappings on the command line: add, edit, rm, import, export. Every write
 * is one transaction: all of it happens, or none of it. */
#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already (the argv fuzzer builds all in one) */
#define _XOPEN_SOURCE 700
#endif
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "userdata.h"

/* Say p's problems; lines tells which file lines their lines stand for (p itself, or the
 * file's problems when p holds the rows the database refused). */
static void say_problems(const struct options *o, const struct problems *p, const struct problems *lines)
{
	for (size_t i = 0; i < p->n; i++) {
		for (int l = 0; l < 2; l++) {
			enum lang lang = l ? LANG_ZH : LANG_EN;
			char line[24];
			if (!lang_shows(o->lang, lang))
				continue;
			fputs("httpcodes: ", stderr);
			if (p->items[i].line > 0 && lines->elements) {
				char at[24];
				snprintf(line, sizeof line, "%d", p->items[i].line);
				snprintf(at, sizeof at, "%d", problems_file_line(lines, p->items[i].line));
				fprintf(stderr, msg(lang, MSG_ELEMENT), line, at);
			} else if (p->items[i].line > 0) {
				snprintf(line, sizeof line, "%d", p->items[i].line);
				fprintf(stderr, msg(lang, MSG_LINE), line);
			}
			{
				char why[512]; /* a reason from below, in this language */
				const char *detail = p->items[i].why.code != ERR_NONE
						     ? err_text(lang, &p->items[i].why, why, sizeof why) : p->items[i].detail;
				if (p->items[i].id == MSG_COUNT_) /* the reason alone */
					fputs(detail, stderr);
				else /* a counted problem's detail is its count */
					fprintf(stderr, msg_n(lang, p->items[i].id, strtol(p->items[i].detail, NULL, 10)),
						detail);
			}
			fputc('\n', stderr);
		}
	}
}

/* Problems with what was typed: said, and the exit status for them. */
static int usage_problems(const struct options *o, struct problems *p)
{
	say_problems(o, p, p);
	problems_release(p);
	return EXIT_USAGE;
}

/* The row the options describe: copies, r owns them (keys in their one form). */
static void row_from_options(const struct options *o, struct user_row *r)
{
	const struct { const char *value; enum user_field field; } map[] = {
		{ o->team, UF_team }, { o->product, UF_product }, { o->status, UF_http_status },
		{ o->en, UF_message_en }, { o->zh, UF_message_zh }, { o->description_en, UF_description_en },
		{ o->description_zh, UF_description_zh }, { o->advice_en, UF_advice_en },
		{ o->advice_zh, UF_advice_zh },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].value)
			userdata_row_set(r, map[i].field, map[i].value);
}

/* "Orders/ORDER_LOCKED" for messages. */
static char *row_name(const struct user_row *r)
{
	struct strbuf sb = STRBUF_INIT;
	if (r->f[UF_team] && *r->f[UF_team])
		strbuf_addf(&sb, "%s/", r->f[UF_team]);
	if (r->f[UF_product] && *r->f[UF_product])
		strbuf_addf(&sb, "%s/", r->f[UF_product]);
	strbuf_adds(&sb, r->f[UF_error_code] ? r->f[UF_error_code] : "");
	return strbuf_detach(&sb);
}

/* "cannot save to your database 'PATH' (why)", for a change or a commit that failed. */
static void say_cannot_save(const struct options *o, struct session_write *w, const struct hc_err *why)
{
	session_write_failed(w, why);
	notice_report(stderr, o->lang, &w->failed);
}

/* The one write path (session_begin_write), saying what happened on the way: a damaged file
 * kept aside, or why nothing can be saved. Returns the transaction, or NULL. */
static struct store_tx *begin_write(const struct options *o, struct session_write *w)
{
	struct session s;

	session_init(&s, o); /* a write needs no data open, only where the user's database is */
	session_begin_write(&s, w);
	notice_report(stderr, o->lang, &w->aside);
	notice_report(stderr, o->lang, &w->failed);
	return w->tx;
}

/* Run one change in a transaction of its own; reports and returns an exit status. raw, when
 * not NULL, is the key as typed, tried when key (its one form) names no row. */
static int one_change(const struct options *o, const struct user_row *key, const struct user_row *raw,
		      const struct user_row *r,
		      int (*change)(struct store_tx *, const struct user_row *, const struct user_row *, struct hc_err *),
		      enum msg_id done, enum msg_id missing)
{
	struct hc_err err;
	char *name = row_name(key);
	struct session_write w;
	struct store_tx *tx = begin_write(o, &w);
	int rc = EXIT_TROUBLE;

	if (tx) {
		int c = change(tx, key, r, &err);
		if (c == 1 && raw) /* a row added as typed, before keys had one form */
			c = change(tx, raw, r, &err);
		if (c == 0 && store_tx_commit(tx, &err) == 0) {
			report(stderr, o->lang, done, name);
			rc = EXIT_FOUND;
		} else {
			if (c > 0)
				report(stderr, o->lang, missing, name);
			else
				say_cannot_save(o, &w, &err);
			if (c != 0)
				store_tx_rollback(tx);
			rc = c > 0 ? EXIT_NOTHING : EXIT_TROUBLE;
		}
	}
	session_write_release(&w);
	free(name);
	return rc;
}

static int do_add(struct store_tx *tx, const struct user_row *key, const struct user_row *r, struct hc_err *why)
{
	(void)key;
	return store_tx_add(tx, r, why);
}

static int do_edit(struct store_tx *tx, const struct user_row *key, const struct user_row *r, struct hc_err *why)
{
	return store_tx_edit(tx, key, r, why);
}

static int do_remove(struct store_tx *tx, const struct user_row *key, const struct user_row *r, struct hc_err *why)
{
	(void)r;
	return store_tx_remove(tx, key, why);
}

int cli_add(const struct options *o, char **args, int nargs)
{
	struct user_row r = { 0 };
	struct problems p = { 0 };
	int rc;

	if (nargs != 2)
		return cli_usage_error(o, MSG_USAGE_ADD, NULL);
	row_from_options(o, &r);
	userdata_row_set(&r, UF_error_code, args[0]);
	userdata_row_set(&r, UF_http_status, args[1]);
	userdata_check_row(&r, 0, &p, 0);
	rc = p.n ? usage_problems(o, &p) : one_change(o, &r, NULL, &r, do_add, MSG_ADDED, MSG_P_EXISTS);
	user_row_release(&r);
	return rc;
}

/* s as one shell word, to be typed back: as it is when it is plain, else in single quotes. */
static void shell_word(struct strbuf *sb, const char *s)
{
	if (*s && s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.,:/@+-")] == '\0') {
		strbuf_adds(sb, s);
		return;
	}
	strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_adds(sb, "'\\''");
		else
			strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '\'');
}

/* Whether a key part as stored is the one given (in its one form, or as typed); a part not
 * given (typed NULL) fits anything. */
static int part_is(const char *stored, const char *key, const char *typed)
{
	return !typed || strcmp(stored, key ? key : "") == 0 || strcmp(stored, typed) == 0;
}

/* Whether m is one of the user's rows and fits the key given. */
static int fits(const struct hc_mapping *m, const struct user_row *key, const struct user_row *raw)
{
	return m->is_user &&
	       part_is(m->error_code, key->f[UF_error_code], raw->f[UF_error_code]) &&
	       part_is(m->team, key->f[UF_team], raw->f[UF_team]) &&
	       part_is(m->product, key->f[UF_product], raw->f[UF_product]);
}

/* Say each row that fits by the options that name it: "--team Orders", with "--product P"
 * when the team alone does not tell it from another. */
static void say_candidates(const struct options *o, const hc_mapping_list *mp, const struct user_row *key,
			   const struct user_row *raw)
{
	report(stderr, o->lang, MSG_AMBIGUOUS, key->f[UF_error_code]);
	for (size_t i = 0; i < mp->n; i++) {
		const struct hc_mapping *m = &mp->items[i];
		struct strbuf opts = STRBUF_INIT;
		int shared = 0;
		if (!fits(m, key, raw))
			continue;
		for (size_t k = 0; k < mp->n; k++)
			shared |= k != i && fits(&mp->items[k], key, raw) &&
				  strcmp(mp->items[k].source, m->source) == 0;
		strbuf_adds(&opts, "--team ");
		shell_word(&opts, m->team);
		if (*m->product || shared) {
			strbuf_adds(&opts, " --product ");
			shell_word(&opts, m->product);
		}
		report(stderr, o->lang, MSG_CANDIDATE, opts.buf);
		strbuf_release(&opts);
	}
}

/* edit and rm name a row by team, product and error code. When the team or the product is
 * not given, the user's rows with that error code tell: the only one that fits is the row
 * meant (its key, as stored, goes into *key); when several fit, each is said with the options
 * that name it, and EXIT_USAGE is returned. 0 lets the change go ahead: with no row that
 * fits, or rows that cannot be read here, the change itself says what is wrong. */
static int pick_row(const struct options *o, struct user_row *key, const struct user_row *raw)
{
	struct session s;
	hc_mapping_list mp = { 0 };
	const struct hc_mapping *only = NULL;
	size_t n = 0;
	int rc = 0;

	if (o->team && o->product)
		return 0; /* named in full */
	/* Quietly: the change itself says what is wrong with the user's database. */
	if (session_open(&s, o) == 0 && store_mappings_by_code(s.st, key->f[UF_error_code], &mp) == 0)
		for (size_t i = 0; i < mp.n; i++)
			if (fits(&mp.items[i], key, raw)) {
				only = &mp.items[i];
				n++;
			}
	if (n == 1) { /* exactly as stored: no second try with the key as typed is needed */
		const char *stored[] = { [UF_team] = only->team, [UF_product] = only->product,
					 [UF_error_code] = only->error_code };
		for (int f = UF_team; f <= UF_error_code; f++) {
			free(key->f[f]);
			key->f[f] = xstrdup(stored[f]);
		}
	} else if (n > 1) {
		say_candidates(o, &mp, key, raw);
		rc = EXIT_USAGE;
	}
	hc_mapping_list_release(&mp);
	session_close(&s);
	return rc;
}

static int key_command(const struct options *o, char **args, int nargs, const char *name,
		       int (*change)(struct store_tx *, const struct user_row *, const struct user_row *, struct hc_err *),
		       enum msg_id done)
{
	static const enum user_field keys[] = { UF_team, UF_product, UF_error_code };
	struct user_row key = { 0 }, raw = { 0 }, r = { 0 };
	struct problems p = { 0 };
	int rc, typed_otherwise = 0;

	if (nargs != 1)
		return cli_usage_error(o, MSG_USAGE_CODE, name);
	raw.f[UF_team] = (char *)o->team; /* as typed: not owned */
	raw.f[UF_product] = (char *)o->product;
	raw.f[UF_error_code] = args[0];
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		userdata_row_set(&key, keys[k], raw.f[keys[k]]);
		typed_otherwise |= raw.f[keys[k]] && strcmp(raw.f[keys[k]], key.f[keys[k]]) != 0;
	}
	if (!*key.f[UF_error_code])
		problems_add(&p, 0, MSG_P_NO_ERROR_CODE, "");
	if (change == do_edit) {
		row_from_options(o, &r);
		userdata_row_set(&r, UF_team, NULL); /* they name the row, they are not changed */
		userdata_row_set(&r, UF_product, NULL);
		userdata_check_row(&r, 0, &p, 1);
	}
	if (p.n)
		rc = usage_problems(o, &p);
	else if ((rc = pick_row(o, &key, &raw)) == 0)
		rc = one_change(o, &key, typed_otherwise ? &raw : NULL, &r, change, done, MSG_NOT_YOURS);
	user_row_release(&key);
	user_row_release(&r);
	return rc;
}

int cli_edit(const struct options *o, char **args, int nargs)
{
	return key_command(o, args, nargs, "edit", do_edit, MSG_EDITED);
}

int cli_rm(const struct options *o, char **args, int nargs)
{
	return key_command(o, args, nargs, "rm", do_remove, MSG_REMOVED);
}

/* An import under way. Its rows go into one write transaction, begun with the first row to be
 * kept, so that all of the file is imported or none of it, however late a problem is found. */
struct import {
	const struct options *o;
	struct problems *p;     /* the file's problems */
	struct problems refused; /* the rows the database refused: already there, or not fitting */
	struct session_write w;
	struct store_tx *tx;
	size_t imported;        /* added */
	size_t updated, unchanged; /* --replace: rows there already, changed or as the file has them */
	long kill_at;           /* tests: die after this many rows, as a kill -9 would */
	int skip, replace, begun;
	int broken;             /* the database failed: said, nothing kept */
};

static int import_row(void *ctx, const struct user_row *r, int ok)
{
	struct import *im = ctx;
	struct hc_err err;
	char *name;
	int c;

	/* Without --skip-invalid one bad row means nothing is imported: the rest of the file is
	 * only read, so that every problem in it is said. */
	if (!ok || (im->p->n && !im->skip))
		return 0;
	if (!im->begun) {
		im->begun = 1;
		im->tx = begin_write(im->o, &im->w);
	}
	if (!im->tx)
		return 1; /* begin_write said why */
	c = im->replace ? store_tx_put(im->tx, r, &err) : store_tx_add(im->tx, r, &err);
	if (c == -2) { /* not this row's fault: stop, keep nothing */
		store_tx_rollback(im->tx);
		im->tx = NULL;
		im->broken = 1;
		say_cannot_save(im->o, &im->w, &err);
		report(stderr, im->o->lang, MSG_NOTHING_IMPORTED_DB, NULL);
		return 1;
	}
	if (c == 0 || (im->replace && c > 0)) {
		*(c == 0 ? &im->imported : c == 1 ? &im->updated : &im->unchanged) += 1;
		if (im->imported + im->updated + im->unchanged == (size_t)im->kill_at)
			raise(SIGKILL); /* mid-transaction */
		return 0;
	}
	name = row_name(r);
	if (c > 0)
		problems_add(&im->refused, r->line, MSG_P_EXISTS_IMPORT, name);
	else
		problems_add_reason(&im->refused, r->line, &err);
	free(name);
	return 0;
}

int cli_import(const struct options *o, char **args, int nargs)
{
	struct problems p = { 0 };
	struct import im = { .o = o, .p = &p, .skip = o->skip_invalid, .replace = o->replace };
	struct session s;
	struct hc_err err;
	int rc = EXIT_TROUBLE;
	const char *kill_at = getenv("HTTPCODES_TEST_KILL_AT");

	if (nargs != 1)
		return cli_usage_error(o, MSG_USAGE_IMPORT, NULL);
	if (session_open_builtin(&s, o) < 0) {
		notice_report(stderr, o->lang, &s.notice);
		session_close(&s);
		return EXIT_TROUBLE;
	}
	im.kill_at = kill_at ? atol(kill_at) : 0;
	if (userdata_import(s.st, args[0], &p, import_row, &im) < 0) {
		int e = errno;
		/* The file named is missing or unreadable: what was typed, not the database. */
		report_errno(stderr, o->lang, MSG_CANNOT_READ, args[0], e);
		rc = EXIT_USAGE;
		goto out;
	}
	if (im.broken || (im.begun && !im.tx))
		goto out; /* said */
	/* p.nlines: the rows (or elements) with a problem, however many each has. */
	if (p.n && (!im.skip || p.whole_file)) {
		say_problems(o, &p, &p);
		if (p.whole_file) /* the file itself is bad: no good rows to skip to */
			report(stderr, o->lang, MSG_NOTHING_IMPORTED_DB, NULL);
		else
			report_n(stderr, o->lang, MSG_NOTHING_IMPORTED, (long)p.nlines);
		rc = EXIT_NOTHING;
		goto out;
	}
	if (im.refused.n && !im.skip) {
		say_problems(o, &im.refused, &p);
		report_n(stderr, o->lang, MSG_NOTHING_IMPORTED, (long)im.refused.nlines);
		rc = EXIT_NOTHING;
		goto out;
	}
	if (!im.tx && !(im.tx = begin_write(o, &im.w)))
		goto out; /* a file without rows still makes the database, as an import of some does */
	/* The rows are indexed together at commit (store_user.c): a disk that fills there undoes
	 * the whole import, as a row that does not fit does. */
	rc = store_tx_commit(im.tx, &err);
	im.tx = NULL;
	if (rc != 0) {
		say_cannot_save(o, &im.w, &err);
		report(stderr, o->lang, MSG_NOTHING_IMPORTED_DB, NULL);
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (p.n || im.refused.n) {
		say_problems(o, &p, &p);
		say_problems(o, &im.refused, &p);
		report_n(stderr, o->lang, MSG_SKIPPED, (long)(p.nlines + im.refused.nlines));
	}
	if (im.replace) { /* what was added and what was updated, even when none was */
		report_n(stderr, o->lang, MSG_ADDED_ROWS, (long)im.imported);
		report_n(stderr, o->lang, MSG_UPDATED_ROWS, (long)im.updated);
		if (im.unchanged)
			report_n(stderr, o->lang, MSG_UNCHANGED_ROWS, (long)im.unchanged);
	} else {
		report_n(stderr, o->lang, MSG_IMPORTED, (long)im.imported);
	}
	rc = EXIT_FOUND;
out:
	if (im.tx) /* nothing of it is kept */
		store_tx_rollback(im.tx);
	session_write_release(&im.w);
	problems_release(&p);
	problems_release(&im.refused);
	session_close(&s);
	return rc;
}

/* "404" and "-1" as JSON numbers; anything else a crafted file holds (the table is STRICT in
 * ours) is kept as a string. */
static int is_json_int(const char *s)
{
	size_t n = strspn(s + (*s == '-'), "0123456789");
	return n > 0 && n < 10 && s[(*s == '-') + n] == '\0';
}

/* The rows as one JSON array, a row at a time, with the keys in the table's order. Every string
 * goes through json_add_string, so no control character leaves raw. Returns -1 once a write
 * fails (cli_out_close says why). */
static int write_json(const struct user_row *rows, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	strbuf_addch(&sb, '[');
	for (size_t k = 0; k < n && rc == 0; k++) {
		strbuf_adds(&sb, k ? ",{" : "{");
		for (int i = 0; i < UF_COUNT_; i++) {
			const char *v = rows[k].f[i] ? rows[k].f[i] : "";
			if (i)
				strbuf_addch(&sb, ',');
			json_add_string(&sb, user_field_names[i]);
			strbuf_addch(&sb, ':');
			if (i == UF_http_status && is_json_int(v))
				strbuf_adds(&sb, v);
			else
				json_add_string(&sb, v);
		}
		strbuf_addch(&sb, '}');
		fwrite(sb.buf, 1, sb.len, stdout);
		strbuf_reset(&sb);
		rc = cli_out_check(0);
	}
	if (rc == 0) {
		strbuf_adds(&sb, "]\n"); /* after the rows, or with the "[" of none */
		fwrite(sb.buf, 1, sb.len, stdout);
		rc = cli_out_check(1);
	}
	strbuf_release(&sb);
	return rc;
}

int cli_export(const struct options *o, char **args, int nargs)
{
	const char *format = o->format ? o->format : o->json ? "json" : "csv";
	struct user_row *rows = NULL;
	struct session s;
	size_t n = 0, bad = 0;
	int rc = EXIT_TROUBLE, opened;

	(void)args;
	if (nargs != 0)
		return cli_usage_error(o, MSG_USAGE_EXPORT, NULL);
	if (strcasecmp(format, "csv") != 0 && strcasecmp(format, "json") != 0)
		return cli_usage_error(o, MSG_BAD_FORMAT, format);
	opened = session_open(&s, o);
	notice_report(stderr, o->lang, &s.notice);
	if (opened < 0 || session_said(&s, MSG_USER_DB_LOCKED)) { /* a backup without the user's rows would be no backup */
		session_close(&s);
		return EXIT_TROUBLE;
	}
	if (store_user_rows(s.st, &rows, &n) < 0) {
		report_err(stderr, o->lang, MSG_DB_ERROR, NULL, store_err(s.st));
	} else if (strcasecmp(format, "json") == 0) {
		rc = write_json(rows, n) == 0 ? EXIT_FOUND : EXIT_TROUBLE;
	} else {
		int w = userdata_write_csv(stdout, rows, n, o->crlf, &bad);
		cli_out_check(0); /* a failed write is kept, to be said at the end */
		if (w > 0) {
			char *name = row_name(&rows[bad]);
			report(stderr, o->lang, MSG_CSV_UNSAFE, name);
			free(name);
		}
		rc = w == 0 ? EXIT_FOUND : EXIT_TROUBLE;
	}
	for (size_t i = 0; i < n; i++)
		user_row_release(&rows[i]);
	free(rows);
	session_close(&s);
	return rc;
}
