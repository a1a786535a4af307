/* session: one run's data, opened the same way for the command line and the browser. */
#include "session.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

void notice_release(struct notice *n)
{
	free(n->arg);
	n->arg = NULL;
	err_clear(&n->err);
}

const char *notice_text(enum lang l, const struct notice *n, char *buf, size_t size)
{
	struct strbuf clean = STRBUF_INIT, safe = STRBUF_INIT;

	if (n->err.code != ERR_NONE)
		return err_message(l, n->id, n->arg, &n->err, buf, size);
	text_sanitize(&clean, n->arg ? n->arg : "", 0);
	text_truncate(&safe, strbuf_str(&clean), 200);
	if (n->arg)
		snprintf(buf, size, msg(l, n->id), strbuf_str(&safe));
	else if (size)
		buf[0] = '\0';
	strbuf_release(&clean);
	strbuf_release(&safe);
	return buf;
}

void notice_report(FILE *f, enum lang l, const struct notice *n)
{
	for (int one = LANG_EN; one <= LANG_ZH; one++) {
		char line[1024];
		if (lang_shows(l, (enum lang)one) && *notice_text((enum lang)one, n, line, sizeof line))
			fprintf(f, "httpcodes: %s\n", line);
	}
}

/* n set to say id about arg (copied; NULL for nothing), and why when err is not NULL. */
static void notice_set(struct notice *n, enum msg_id id, const char *arg, const struct hc_err *err)
{
	notice_release(n);
	n->id = id;
	n->arg = arg ? strdup(arg) : NULL;
	if (err)
		n->err = *err;
}

/* n set to say id about path, quoted as 'PATH' (a notice that is no failure). */
static void notice_quoted(struct notice *n, enum msg_id id, const char *path)
{
	struct strbuf what = STRBUF_INIT;
	strbuf_addf(&what, "'%s'", path);
	notice_set(n, id, strbuf_str(&what), NULL);
	strbuf_release(&what);
}

/* Today as YYYY-MM-DD; HTTPCODES_TODAY, when it is a date's length, fixes it for tests. */
static void today(char out[11])
{
	const char *fixed = getenv("HTTPCODES_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (fixed && strlen(fixed) == 10)
		memcpy(out, fixed, 11);
	else if (localtime_r(&now, &tm))
		strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A slow migration is said at once, on stderr: the browser's screen has not taken over yet. */
static void say_migrating(void *ctx, const char *path)
{
	struct strbuf what = STRBUF_INIT;
	strbuf_addf(&what, "'%s'", path);
	report(stderr, *(const enum lang *)ctx, MSG_MIGRATING, strbuf_str(&what));
	strbuf_release(&what);
	fflush(stderr);
}

void session_init(struct session *s, const struct options *o)
{
	memset(s, 0, sizeof *s);
	s->lang = o->lang;
	s->db_path = o->db_path;
	today(s->today);
	store_on_slow_migration(say_migrating, &s->lang);
}

/* Attach the user's database (db_path, else the default one) to st, noting in *n what the user
 * should know. Returns 0, 1 when it is locked and was left out, -1 when db_path cannot be
 * opened; the default database that cannot be used is left out with a notice, and 0. */
static int attach(struct store *st, const char *db_path, struct notice *n)
{
	char *path = db_path ? strdup(db_path) : store_user_path();
	int rc = path ? store_attach_user(st, path, 0) : STORE_NO_FILE, out = 0;

	if (rc == STORE_LOCKED) {
		notice_quoted(n, MSG_USER_DB_LOCKED, path);
		out = 1;
	} else if (rc < 0 || (rc == STORE_NO_FILE && db_path)) {
		struct hc_err none;
		err_set(&none, ERR_NO_FILE, 0, NULL);
		notice_set(n, db_path ? MSG_DB_OPEN : MSG_USER_DB_SKIPPED, path ? path : "?",
			   rc > 0 ? &none : store_err(st));
		out = db_path ? -1 : 0;
	} else if (rc == 0 && store_user_newer(st)) {
		notice_quoted(n, MSG_USER_DB_NEWER, path);
	}
	free(path);
	return out;
}

int session_open_builtin(struct session *s, const struct options *o)
{
	struct hc_err err;

	session_init(s, o);
	s->st = store_open(&err);
	if (!s->st) {
		notice_set(&s->notice, MSG_DB_ERROR, NULL, &err);
		return -1;
	}
	return 0;
}

int session_open(struct session *s, const struct options *o)
{
	if (session_open_builtin(s, o) < 0)
		return -1;
	if (attach(s->st, s->db_path, &s->notice) < 0) {
		store_free(s->st);
		s->st = NULL;
		return -1;
	}
	return 0;
}

int session_said(const struct session *s, enum msg_id id)
{
	return (s->notice.arg || s->notice.err.code != ERR_NONE) && s->notice.id == id;
}

void session_close(struct session *s)
{
	store_free(s->st);
	s->st = NULL;
	notice_release(&s->notice);
}

void session_write_failed(struct session_write *w, const struct hc_err *err)
{
	notice_set(&w->failed, MSG_CANNOT_SAVE, w->path ? w->path : "?", err);
}

int session_begin_write(const struct session *s, struct session_write *w)
{
	struct hc_err err;
	char *aside = NULL;

	memset(w, 0, sizeof *w);
	w->path = store_write_path(s->db_path);
	if (w->path)
		w->tx = store_tx_begin(w->path, &err, &aside);
	else
		err_set(&err, ERR_NO_HOME, 0, NULL);
	if (aside) {
		w->aside.id = MSG_SET_ASIDE;
		w->aside.arg = aside;
	}
	if (!w->tx)
		session_write_failed(w, &err);
	return w->tx ? 0 : -1;
}

void session_write_release(struct session_write *w)
{
	free(w->path);
	w->path = NULL;
	notice_release(&w->aside);
	notice_release(&w->failed);
}
