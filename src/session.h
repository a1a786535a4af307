/* session: one run's data, below both faces. It opens the built-in data, attaches the user's
 * database, knows the language and today's date, and is the one way to write the user's
 * database. What it has to tell the user comes back as notices (a message id and its argument),
 * which the command line says on stderr and the browser in its status bar. */
#ifndef HTTPCODES_SESSION_H
#define HTTPCODES_SESSION_H

#include "err.h"
#include "lang.h"
#include "options.h"
#include "store.h"

/* Something to tell the user: msg(lang, id) with arg, sanitised when shown; for a failure, arg
 * is the path it is about and err says why (err_message). Nothing to tell while arg is NULL and
 * err is ERR_NONE. */
struct notice {
	enum msg_id id;
	char *arg;              /* owned */
	struct hc_err err;
};
void notice_release(struct notice *n);
/* The command line's way to show one: a line on f in each language l shows, when there is
 * something to say. */
void notice_report(FILE *f, enum lang l, const struct notice *n);
/* The browser's: the notice in one language, into buf; "" when there is nothing to say. */
const char *notice_text(enum lang l, const struct notice *n, char *buf, size_t size);

struct session {
	struct store *st;       /* the built-in data, with the user's database attached when it can be */
	enum lang lang;
	const char *db_path;    /* --db PATH, or NULL for the default database */
	char today[11];         /* YYYY-MM-DD (HTTPCODES_TODAY in tests), to tell what has expired */
	/* What the open has to say: MSG_USER_DB_LOCKED (the user's rows are missing),
	 * MSG_USER_DB_NEWER (shown, never written), MSG_USER_DB_SKIPPED (the default database
	 * cannot be used); when the open fails, MSG_DB_ERROR or MSG_DB_OPEN (--db PATH). */
	struct notice notice;
};

/* What a run knows before it opens anything: the language, --db and today. Holds nothing:
 * enough for session_begin_write, and session_close is harmless on it. */
void session_init(struct session *s, const struct options *o);
/* Open the built-in data and attach the user's database: --db PATH must open; the default
 * one is used when it is there. A file another program holds is never waited for: the
 * built-in data answers. Returns 0 (s->notice may say what is missing), or -1 with nothing
 * open and s->notice saying why. Either way session_close releases s. */
int session_open(struct session *s, const struct options *o);
/* The same without the user's database: the import reads its file with the built-in data's
 * SQLite, and writes through session_begin_write. */
int session_open_builtin(struct session *s, const struct options *o);
/* Whether the open said id (MSG_USER_DB_LOCKED, say). */
int session_said(const struct session *s, enum msg_id id);
void session_close(struct session *s);

/* A write on the user's database: the transaction, the file written, and what to tell. */
struct session_write {
	struct store_tx *tx;    /* NULL when nothing can be saved */
	char *path;             /* the file, for later messages; NULL without a home (owned) */
	struct notice aside;    /* MSG_SET_ASIDE: a damaged file was kept aside, a new one begun */
	struct notice failed;   /* MSG_CANNOT_SAVE on the path, and why: the database refused, or none */
};
/* The one write path: a write transaction on the user's database (--db PATH, else the default
 * one, made if missing). A newer or read-only file is refused. Returns 0 with w->tx, or -1
 * with w->failed saying why; w->aside may have something to say either way. The caller ends
 * w->tx (store_tx_commit or store_tx_rollback), then releases w. */
int session_begin_write(const struct session *s, struct session_write *w);
/* w->failed set to MSG_CANNOT_SAVE on w's path for err, for a change or a commit that failed. */
void session_write_failed(struct session_write *w, const struct hc_err *err);
void session_write_release(struct session_write *w);

#endif
