/* err: the words for an error, in English and Chinese, chosen when it is shown. */
#include "err.h"

#include <string.h>

#include "lang.h"
#include "text.h"

/* arg made safe to echo: no control characters or invalid UTF-8, at most 200 columns. */
static void add_safe(struct strbuf *sb, const char *arg)
{
	struct strbuf clean = STRBUF_INIT;
	text_sanitize(&clean, arg, 0);
	text_truncate(sb, strbuf_str(&clean), 200);
	strbuf_release(&clean);
}

static const char *const errors[][2] = {
#define X(id, en, zh) [id] = { en, zh },
	ERRORS(X)
#undef X
};

static const struct { int rc; const char *text[2]; } sqlite_words[] = {
#define X(name, rc, en, zh) { rc, { en, zh } },
	ERR_SQLITE_CODES(X)
#undef X
};

void err_set(struct hc_err *e, enum hc_errc code, int sqlite_rc, const char *detail)
{
	if (!e)
		return;
	e->code = code;
	e->sqlite_rc = sqlite_rc;
	e->errnum = 0;
	snprintf(e->detail, sizeof e->detail, "%s", detail ? detail : "");
}

void err_set_errno(struct hc_err *e, enum hc_errc code, int errnum)
{
	err_set(e, code, 0, NULL);
	if (e)
		e->errnum = errnum;
}

void err_clear(struct hc_err *e)
{
	err_set(e, ERR_NONE, 0, NULL);
}

/* SQLite's code rc in l's words. */
static const char *sqlite_text(enum lang l, int rc, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof sqlite_words / sizeof sqlite_words[0]; i++)
		if (sqlite_words[i].rc == (rc & 0xff))
			return sqlite_words[i].text[l == LANG_ZH];
	snprintf(buf, size, l == LANG_ZH ? "SQLite 错误 %d" : "SQLite error %d", rc);
	return buf;
}

const char *err_text(enum lang l, const struct hc_err *e, char *buf, size_t size)
{
	struct strbuf sb = STRBUF_INIT, detail = STRBUF_INIT;
	const char *words = errors[e->code < ERR_COUNT_ ? e->code : ERR_DB][l == LANG_ZH];
	char other[64];

	add_safe(&detail, e->detail);
	strbuf_addf(&sb, words, strbuf_str(&detail));
	if (e->sqlite_rc || e->errnum) {
		if (sb.len)
			strbuf_adds(&sb, l == LANG_ZH ? "：" : ": ");
		strbuf_adds(&sb, e->sqlite_rc ? sqlite_text(l, e->sqlite_rc, other, sizeof other)
					      : errno_words(l, e->errnum, other, sizeof other));
	}
	snprintf(buf, size, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	strbuf_release(&detail);
	return buf;
}

const char *err_message(enum lang l, enum msg_id context, const char *arg, const struct hc_err *e,
			char *buf, size_t size)
{
	struct strbuf what = STRBUF_INIT, safe = STRBUF_INIT;
	char why[512];
	int has_why = e && e->code != ERR_NONE;

	if (has_why)
		err_text(l, e, why, sizeof why);
	if (arg) {
		add_safe(&safe, arg);
		strbuf_addf(&what, "'%s'", strbuf_str(&safe));
		if (has_why)
			strbuf_addf(&what, l == LANG_ZH ? "（%s）" : " (%s)", why);
	} else {
		strbuf_adds(&what, has_why ? why : "");
	}
	snprintf(buf, size, msg(l, context), strbuf_str(&what));
	strbuf_release(&what);
	strbuf_release(&safe);
	return buf;
}

void report_err(FILE *f, enum lang l, enum msg_id context, const char *arg, const struct hc_err *e)
{
	for (int one = LANG_EN; one <= LANG_ZH; one++) {
		char line[1024];
		if (lang_shows(l, (enum lang)one))
			fprintf(f, "httpcodes: %s\n",
				err_message((enum lang)one, context, arg, e, line, sizeof line));
	}
}
