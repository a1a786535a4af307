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
}

void notice_report(FILE *f, enum lang l, const struct notice *n)
{
	if (n->arg)
		report(f, l, n->id, n->arg);
}

/* n set to say id with the text in sb (taken). */
static void notice_set(struct notice *n, enum msg_id id, struct strbuf *sb)
{
	notice_release(n);
	n->id = id;
	n->arg = strbuf_detach(sb);
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

void session_init(struct session *s, const struct options *o)
{
	memset(s, 0, sizeof *s);
	s->lang = o->lang;
	s->db_path = o->db_path;
	today(s->today);
}

/* Attach the user's database (db_path, else the default one) to st, noting in *n what the user
 * should know. Returns 0, 1 when it is locked and was left out, -1 when db_path cannot be
 * opened; the default database that cannot be used is left out with a notice, and 0. */
static int attach(struct store *st, const char *db_path, struct notice *n)
{
	char *path = db_path ? strdup(db_path) : store_user_path();
	int rc = path ? store_attach_user(st, path, 0) : STORE_NO_FILE, out = 0;
	struct strbuf what = STRBUF_INIT;

	if (rc == STORE_LOCKED) {
		strbuf_addf(&what, "'%s'", path);
		notice_set(n, MSG_USER_DB_LOCKED, &what);
		out = 1;
	} else if (rc < 0 || (rc == STORE_NO_FILE && db_path)) {
		strbuf_addf(&what, "'%s' (%s)", path ? path : "?", rc > 0 ? "no such file" : store_error(st));
		notice_set(n, db_path ? MSG_DB_OPEN : MSG_USER_DB_SKIPPED, &what);
		out = db_path ? -1 : 0;
	} else if (rc == 0 && store_user_newer(st)) {
		strbuf_addf(&what, "'%s'", path);
		notice_set(n, MSG_USER_DB_NEWER, &what);
	}
	free(path);
	return out;
}

int session_open_builtin(struct session *s, const struct options *o)
{
	char *err = NULL;

	session_init(s, o);
	s->st = store_open(&err);
	if (!s->st) {
		struct strbuf why = STRBUF_INIT;
		strbuf_adds(&why, err ? err : "?");
		notice_set(&s->notice, MSG_DB_ERROR, &why);
		free(err);
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
	return s->notice.arg && s->notice.id == id;
}

void session_close(struct session *s)
{
	store_free(s->st);
	s->st = NULL;
	notice_release(&s->notice);
}

void session_write_failed(struct session_write *w, const char *why)
{
	struct strbuf what = STRBUF_INIT;
	strbuf_addf(&what, "'%s' (%s)", w->path ? w->path : "?", why ? why : "?");
	notice_set(&w->failed, MSG_CANNOT_SAVE, &what);
}

int session_begin_write(const struct session *s, struct session_write *w)
{
	char *err = NULL, *aside = NULL;

	memset(w, 0, sizeof *w);
	w->path = store_write_path(s->db_path);
	w->tx = w->path ? store_tx_begin(w->path, &err, &aside) : NULL;
	if (aside) {
		w->aside.id = MSG_SET_ASIDE;
		w->aside.arg = aside;
	}
	if (!w->tx)
		session_write_failed(w, err ? err : "no home directory");
	free(err);
	return w->tx ? 0 : -1;
}

void session_write_release(struct session_write *w)
{
	free(w->path);
	w->path = NULL;
	notice_release(&w->aside);
	notice_release(&w->failed);
}

int attach_user(struct store *st, const struct options *o)
{
	struct notice n = { 0 };
	int rc = attach(st, o->db_path, &n);

	notice_report(stderr, o->lang, &n);
	notice_release(&n);
	return rc;
}

void cli_report(const struct options *o, enum msg_id id, const char *arg)
{
	report(stderr, o->lang, id, arg);
}
