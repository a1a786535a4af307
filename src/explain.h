/* explain: what a person holds when they reach for httpcodes, read for its meaning: a response
 * as `curl -si` prints it, an error body (JSON or XML) with or without its status, a log line,
 * or a whole access log. It finds the status, the sender, the business error, the request id
 * and the headers that change what the status means, and asks the store what each means.
 *
 * Bodies are read with real parsers: SQLite's JSON functions (store_json_leaves) and expat
 * (xmlread.c, entities refused). Log lines are fixed formats, read field by field. Everything
 * kept is bytes of the input: the faces sanitise it on output (doc_put), never print it raw.
 * Layer: above the store, below the faces (STYLE.md); no curses, no SQLite here. */
#ifndef HTTPCODES_EXPLAIN_H
#define HTTPCODES_EXPLAIN_H

#include <stddef.h>

#include "lang.h"
#include "store.h"

/* The most of one response or body read; more is cut, and said (EXP_TOO_LARGE). A whole log
 * is streamed instead (explain_summary_*), in constant memory. */
#define EXPLAIN_MAX_INPUT (16u << 20)
#define EXPLAIN_MAX_HEADERS 24
#define EXPLAIN_MAX_CHAIN 8

/* What the input was. */
enum ex_input { EX_IN_NOTHING, EX_IN_RESPONSE, EX_IN_BODY, EX_IN_LOG_LINE, EX_IN_TEXT };

/* Where the status came from. */
enum ex_from { EX_FROM_NONE, EX_FROM_STATUS_LINE, EX_FROM_BODY, EX_FROM_HEADER, EX_FROM_LOG, EX_FROM_MAPPING };

/* Problems met on the way, as bits; each is said (lang.h: MSG_EXP_*), none stops the reading. */
enum ex_problem {
	EXP_BINARY = 1 << 0,    /* NUL or many control bytes: only the text was read */
	EXP_TOO_LARGE = 1 << 1, /* cut at EXPLAIN_MAX_INPUT */
	EXP_BAD_JSON = 1 << 2,  /* looked like JSON but is not (truncated, too deep) */
	EXP_BAD_XML = 1 << 3,   /* looked like XML but is not well-formed */
	EXP_XML_ENTITY = 1 << 4, /* XML that declares or uses an entity: not read */
	EXP_BAD_UTF8 = 1 << 5,  /* invalid UTF-8: shown as U+FFFD */
};

/* Log formats, each with the sender it implies (explain.c: log_formats). */
enum ex_log_format {
	EX_LOG_NONE,
	EX_LOG_COMBINED,        /* nginx or Apache access log, combined or common */
	EX_LOG_NGINX_ERROR,
	EX_LOG_APACHE_ERROR,
	EX_LOG_ALB,             /* AWS Application Load Balancer access log */
	EX_LOG_ELB,             /* AWS Classic Load Balancer access log */
	EX_LOG_CLOUDFLARE,      /* a Cloudflare Logpush line (JSON) */
	EX_LOG_ENVOY,           /* Envoy's (and Istio's) default access log */
	EX_LOG_FORMATS_
};

/* One log line, read: the status, a second status (the target's or the origin's), the flags. */
struct ex_log_line {
	enum ex_log_format format;
	int status;             /* 0: none on the line (an error-log line) */
	int status2;            /* the target's (ALB, ELB) or origin's (Cloudflare) status; 0: none */
	int has_status;         /* a status was read (status may be 0: 000, nothing was sent) */
	const char *flags;      /* Envoy's response flags, in the line (not NUL-terminated) */
	size_t nflags;
	const char *request;    /* the request line logged ("GET / HTTP/1.1"), in the line, or NULL */
	size_t nrequest;
};

/* A header that changes what the response means, with what it says (a message of lang.h with
 * arg for its %s, or MSG_NONE_ when the name alone says it). */
struct ex_header {
	char *name, *value;     /* as sent (trimmed) */
	int note;               /* enum msg_id, or -1 */
	char *arg;
	int known;              /* an entry of the headers table: a link in the browser */
};

struct explain {
	enum ex_input input;
	int status;             /* the status found, 0 when none */
	enum ex_from from;
	char *version;          /* "HTTP/1.1", "HTTP/2" */
	char *reason;           /* the reason phrase as sent */
	int chain[EXPLAIN_MAX_CHAIN];   /* statuses before the last (100 Continue, a redirect) */
	size_t nchain;
	const char *shape;      /* what was recognised: "tencent-cloud", "aws-xml", "nginx-error" ... */
	const char *sender;     /* a source id (sources table), or NULL */
	char *error_code;
	char *message;
	char *request_id;
	char *detail;           /* a second code: Stripe's decline_code, Google's ErrorInfo reason */
	char *request;          /* a log line's request ("GET /api HTTP/1.1") */
	char *see;              /* the sender's page on this error (Alibaba's Recommend, Stripe's doc_url ...) */
	struct ex_header headers[EXPLAIN_MAX_HEADERS];
	size_t nheaders;
	struct ex_log_line log;
	hc_mapping_list mappings;       /* the business errors matched (the error code's, the detail's, the user's) */
	struct hc_meaning meaning;      /* the sender's meaning of the status, when it has one */
	int has_meaning;
	hc_log_phrase_list phrases;     /* what the log line says (phrases, flags) */
	unsigned problems;      /* enum ex_problem bits */
};

/* Whether a status was found (from is set with it; the status of a log's 000 is 0). */
static inline int explain_has_status(const struct explain *e)
{
	return e->from != EX_FROM_NONE;
}

/* Read text[0, len) (a response, body, log line or text). 1 when something was recognised
 * (a status, an error code, a log phrase), 0 when nothing, -1 on a database error. out is
 * filled either way; release it with explain_release. */
int explain_text(struct store *st, const char *text, size_t len, struct explain *out);
void explain_release(struct explain *e);

/* Read one log line (no store needed): its format and fields, or EX_LOG_NONE. */
enum ex_log_format explain_log_parse(const char *line, size_t n, struct ex_log_line *out);
/* The source id a log format implies for a status (nginx for 499 in a combined log), or NULL. */
const char *explain_log_sender(enum ex_log_format f, int status);
/* The format's name in JSON output ("nginx-error", "alb"). */
const char *explain_log_format_name(enum ex_log_format f);

/* A whole access log, summarised as it streams: counts per format and status. */
struct ex_summary {
	unsigned long long lines, read, blank;
	unsigned long long count[EX_LOG_FORMATS_][1000];
	unsigned long long per_format[EX_LOG_FORMATS_];
};
/* Whether head (the input's first bytes) is an access log of two lines or more: then the
 * caller streams it through explain_summary_add rather than reading it whole. */
int explain_is_log(const char *head, size_t n);
void explain_summary_add(struct ex_summary *s, const char *line, size_t n);
/* The summary's statuses by count (most first, then by number): their format, number and count. */
struct ex_count {
	enum ex_log_format format;
	int status;
	unsigned long long count;
};
size_t explain_summary_rows(const struct ex_summary *s, struct ex_count *out, size_t max);
/* A summary's rows, most first, each with what names it: the meaning of the sender its format
 * names, when that sender has one for the number (499 in an nginx log), else the status. */
#define EXPLAIN_SUMMARY_ROWS 64
struct ex_row {
	struct ex_count c;
	const char *name_en, *name_zh;          /* into status or meaning; NULL: none */
	const char *sender;                     /* the source id whose meaning it is, or NULL */
	const char *sender_en, *sender_zh;
	struct hc_status status;
	struct hc_meaning meaning;
	struct hc_source source;
};
struct ex_rows {
	struct ex_row row[EXPLAIN_SUMMARY_ROWS];
	size_t n;
};
/* 0, or -1 on a database error; release with explain_rows_release either way. */
int explain_rows(struct store *st, const struct ex_summary *s, struct ex_rows *out);
void explain_rows_release(struct ex_rows *r);

#endif
