/* store: the built-in database (embedded in the binary) and the queries over it.
 * Every string a store function hands out is owned by the record it is in; release the
 * record (or the list) to free it. */
#ifndef HTTPCODES_STORE_H
#define HTTPCODES_STORE_H

#include <signal.h>
#include <stddef.h>

#include "err.h"

struct store;

/* Columns of status_codes that are text, in the order the JSON output gives them. */
#define STATUS_TEXT_FIELDS(X) \
	X(phrase_en) X(phrase_zh) X(status) X(spec) X(expires) \
	X(summary_en) X(summary_zh) X(description_en) X(description_zh) \
	X(causes_en) X(causes_zh) X(advice_en) X(advice_zh) X(headers)

struct hc_status {
	int code;
#define X(f) char *f;
	STATUS_TEXT_FIELDS(X)
#undef X
};

#define ALIAS_TEXT_FIELDS(X) X(alias) X(origin)
struct hc_alias {
	int code;
#define X(f) char *f;
	ALIAS_TEXT_FIELDS(X)
#undef X
};

#define RELATED_TEXT_FIELDS(X) X(phrase_en) X(phrase_zh) X(note_en) X(note_zh)
struct hc_related {
	int code;       /* the related code */
#define X(f) char *f;
	RELATED_TEXT_FIELDS(X)
#undef X
};

/* A thing with no status of its own that a query named (a CORS block, a TLS failure): what it
 * is, and the statuses related to it (codes: blanks between them). */
#define CONCEPT_TEXT_FIELDS(X) X(id) X(name_en) X(name_zh) X(about_en) X(about_zh) X(codes)
struct hc_concept {
	long long rowid;
#define X(f) char *f;
	CONCEPT_TEXT_FIELDS(X)
#undef X
};

#define MEANING_TEXT_FIELDS(X) \
	X(source) X(source_en) X(source_zh) X(name_en) X(name_zh) \
	X(description_en) X(description_zh) X(ref)
struct hc_meaning {
	int number;
#define X(f) char *f;
	MEANING_TEXT_FIELDS(X)
#undef X
};

#define MAPPING_TEXT_FIELDS(X) \
	X(source) X(source_en) X(source_zh) X(product) X(error_code) \
	X(message_en) X(message_zh) X(description_en) X(description_zh) \
	X(advice_en) X(advice_zh) X(ref)
/* A user's own mapping has is_user set and its team ("" for none); its source is user:TEAM
 * (the id the JSON output gives it), and source_en and source_zh name it as the lists do,
 * "Orders (yours)". */
struct hc_mapping {
	int http_status;
#define X(f) char *f;
	MAPPING_TEXT_FIELDS(X)
#undef X
	int is_user;
	char *team;
};

#define CATEGORY_TEXT_FIELDS(X) X(name_en) X(name_zh) X(description_en) X(description_zh)
struct hc_category {
	int klass;
#define X(f) char *f;
	CATEGORY_TEXT_FIELDS(X)
#undef X
};

/* A list of records of one kind; items is an array of n records of item_size bytes. */
#define HC_LIST(type) struct { type *items; size_t n, cap; }
typedef HC_LIST(struct hc_status) hc_status_list;
typedef HC_LIST(struct hc_alias) hc_alias_list;
typedef HC_LIST(struct hc_related) hc_related_list;
typedef HC_LIST(struct hc_meaning) hc_meaning_list;
typedef HC_LIST(struct hc_mapping) hc_mapping_list;

/* The kinds of record a search finds: each with its number in the search index (kept in
 * every user's file: never renumber), its name in JSON output and its label (lang.h). */
#define HC_KINDS(X) \
	X(HC_KIND_STATUS, 1, "status", L_KIND_STATUS) \
	X(HC_KIND_MEANING, 2, "meaning", L_KIND_MEANING) \
	X(HC_KIND_MAPPING, 3, "mapping", L_KIND_MAPPING) \
	X(HC_KIND_NOTE, 4, "note", L_KIND_NOTE) \
	X(HC_KIND_HEADER, 5, "header", L_KIND_HEADER)
enum hc_kind {
#define X(id, number, json, label) id = number,
	HC_KINDS(X)
#undef X
};
/* The kind's name in JSON output ("status", ...). */
const char *hc_kind_name(enum hc_kind kind);

/* One search result. kind says which table it came from. */
/* mark_* are the same texts with each matched span between \x02 and \x03. */
#define HIT_TEXT_FIELDS(X) \
	X(source) X(product) X(ident) X(name_en) X(name_zh) X(summary_en) X(summary_zh) \
	X(mark_ident) X(mark_name_en) X(mark_name_zh) X(mark_summary_en) X(mark_summary_zh)
struct hc_hit {
	enum hc_kind kind;
	int code;
	double score;
	int closest;            /* holds only some of the query's words (a closest match) */
#define X(f) char *f;
	HIT_TEXT_FIELDS(X)
#undef X
};
typedef HC_LIST(struct hc_hit) hc_hit_list;

/* A business error whose vendor documents no status for it (schema 6: http_status NULL, read
 * as 0). 0 is a real number only for a sender's meaning ("000"). */
static inline int hc_hit_no_status(const struct hc_hit *h)
{
	return h->kind == HC_KIND_MAPPING && h->code == 0;
}

/* The sections of the row counts: each with its name in JSON output and its heading (lang.h). */
#define STAT_SECTIONS(X) \
	X(STAT_CONTENTS, "contents", L_STATS_TABLES) \
	X(STAT_MAPPINGS_BY_SOURCE, "mappings by source", L_STATS_MAPPINGS) \
	X(STAT_MEANINGS_BY_SENDER, "meanings by sender", L_STATS_MEANINGS)
enum stat_section {
#define X(id, json, heading) id,
	STAT_SECTIONS(X)
#undef X
};

/* Row counts, section by section, the largest first: what the built-in data holds (name:
 * statuses, aliases, related, sources, meanings, mappings; named in name_en and name_zh by
 * their labels), then business errors by source and meanings by sender (name: the source's
 * id, and its names). */
#define STAT_TEXT_FIELDS(X) X(name) X(name_en) X(name_zh)
struct hc_stat {
	int count;
#define X(f) char *f;
	STAT_TEXT_FIELDS(X)
#undef X
	enum stat_section section;
};
typedef HC_LIST(struct hc_stat) hc_stat_list;

/* Errors: a failed call leaves what went wrong (struct hc_err, err.h) where its caller can read
 * it afterwards: on the store it was called on (store_err), else in the caller's *err (the
 * open, and the writes, whose transaction a commit ends). A return of -1 says there is one.
 * Functions that look one thing up return 1 when found, 0 when not: not finding is no error. */

/* Open the built-in data. Returns NULL (and why in *err) on failure. */
struct store *store_open(struct hc_err *err);
void store_free(struct store *st);
/* Attach the user's database file beside the built-in data, to read. It takes no write lock
 * (only bringing an older schema of ours up to date does; create makes the file, as a
 * writer). Its schema must be ours, word for word, before anything in it runs. Returns 0;
 * STORE_NO_FILE or STORE_EMPTY (nothing to read: not an error); STORE_LOCKED when another
 * program holds it (the built-in data still answers); -1 on error, the reason in store_err. */
enum { STORE_NO_FILE = 1, STORE_EMPTY = 2, STORE_LOCKED = -2 };
int store_attach_user(struct store *st, const char *path, int create);
/* The attached file is from a newer httpcodes: it is read, never written. */
int store_user_newer(const struct store *st);
/* Every statement of every store stops (fails) once *flag is set: the browser's signals. */
void store_watch(volatile sig_atomic_t *flag);
/* Where the user's database lives: $XDG_DATA_HOME/httpcodes/user.db, else
 * ~/.local/share/httpcodes/user.db; NULL without a home. The caller frees it. */
char *store_user_path(void);
/* The database to write: db_path (--db), else the default one with its directories made. */
char *store_write_path(const char *db_path);
int store_has_user(const struct store *st);
/* What the last failed call on st went wrong with (code ERR_NONE when none has). */
const struct hc_err *store_err(const struct store *st);

int store_status_get(struct store *st, int code, struct hc_status *out);
/* Registered and unofficial codes in [lo, hi], ascending. */
int store_status_range(struct store *st, int lo, int hi, hc_status_list *out);
int store_category_get(struct store *st, int klass, struct hc_category *out);
int store_aliases(struct store *st, int code, hc_alias_list *out);
int store_related(struct store *st, int code, hc_related_list *out);
/* The status a framework's constant names ("http.StatusTooManyRequests", "TOO_MANY_REQUESTS",
 * ":too_many_requests", case ignored, with or without what comes before its last '.', "::" or
 * ':'): the code, 0 when none does, -1 on a database error. */
int store_constant_code(struct store *st, const char *name);
/* The concept of that rowid (search_about's concept): 0, or -1 (not there, or a database error).
 * Its related statuses (codes), those that are statuses, in order, go into related[0, n) (at
 * most CONCEPT_MAX_RELATED; release each with hc_status_release). */
#define CONCEPT_MAX_RELATED 16
int store_concept(struct store *st, long long rowid, struct hc_concept *out,
		  struct hc_status related[CONCEPT_MAX_RELATED], size_t *n);
/* Every sender's meaning of a number; of every number when number < 0. */
int store_meanings(struct store *st, int number, hc_meaning_list *out);
/* Senders of business errors, with how many each has (in count): the user's own teams first,
 * then the built-in sources, each by its English name. A built-in source has its id; a team of
 * the user's has is_user set, its team ("" for none) and no id (""), and names worded as the
 * lists word them, "Orders (yours)". */
#define SOURCE_TEXT_FIELDS(X) X(id) X(name_en) X(name_zh)
struct hc_source {
	int count;
#define X(f) char *f;
	SOURCE_TEXT_FIELDS(X)
#undef X
	int is_user;
	char *team;
};
typedef HC_LIST(struct hc_source) hc_source_list;
int store_sources(struct store *st, hc_source_list *out);
void hc_source_list_release(hc_source_list *l);
/* One built-in source by its id ("alibaba-cloud"), its count 0: 1 found, 0 not, -1 error. */
int store_source_get(struct store *st, const char *id, struct hc_source *out);
void hc_source_release(struct hc_source *s);
/* The business errors of one sender (of store_sources), by product and error code: the first
 * max of them (0: all; its count says how many there are). */
int store_mappings_by_source(struct store *st, const struct hc_source *source, size_t max, hc_mapping_list *out);
/* The mappings returned with status code: the built-in ones and at most store_set_detail_max
 * of the user's (all by default), in order of source, product and error code; *more: how many
 * of the user's were left out. */
int store_mappings_by_status(struct store *st, int code, hc_mapping_list *out, size_t *more);
/* Mappings whose error code equals name, ignoring ASCII case. */
int store_mappings_by_code(struct store *st, const char *name, hc_mapping_list *out);
/* The codes that begin with prefix (ASCII case ignored), for a shell's completion: statuses
 * and the numbers senders use ("404", "999"), business error codes, header fields and the
 * user's own codes, at most max, each given to fn once, in order. 0, or -1 on an error. */
int store_complete(struct store *st, const char *prefix, int max, void (*fn)(const char *word, void *ctx),
		   void *ctx);
int store_stats(struct store *st, hc_stat_list *out);
void hc_stat_list_release(hc_stat_list *l);

/* Everything about one status, fetched at once for the detail and the JSON output to render
 * from memory: its class, aliases, related codes, senders' meanings of the number, business
 * errors that map to it, and, with a user database, the user's bookmark and note. */
/* The name a framework gives a status (go: http.StatusTooManyRequests). */
#define CONSTANT_TEXT_FIELDS(X) X(framework) X(constant)
struct hc_constant {
	int code;
#define X(f) char *f;
	CONSTANT_TEXT_FIELDS(X)
#undef X
};
typedef HC_LIST(struct hc_constant) hc_constant_list;

/* A header a status goes with: its role (required, usual, related) and what it does there. */
#define HEADER_LINK_TEXT_FIELDS(X) X(header) X(role) X(summary_en) X(summary_zh) X(note_en) X(note_zh)
struct hc_header_link {
	int code;
#define X(f) char *f;
	HEADER_LINK_TEXT_FIELDS(X)
#undef X
};
typedef HC_LIST(struct hc_header_link) hc_header_link_list;

/* What a program can use about a status (table status_facts); retry NULL: none recorded.
 * retry: never, after, backoff, idempotent or changed; example: lines of an exchange. */
#define FACTS_TEXT_FIELDS(X) X(retry) X(example) X(grpc_from_http) X(ref)
struct hc_facts {
	int code, cacheable, body;
#define X(f) char *f;
	FACTS_TEXT_FIELDS(X)
#undef X
};

/* A header field as an entry of its own (table headers), with the statuses it goes with (the
 * links' code, role and notes; summary_* unused there). */
#define HEADER_TEXT_FIELDS(X) \
	X(name) X(spec) X(summary_en) X(summary_zh) X(description_en) X(description_zh) X(example) X(ref)
struct hc_header {
	int found;
#define X(f) char *f;
	HEADER_TEXT_FIELDS(X)
#undef X
	hc_header_link_list statuses;
};
/* The header of that name (case ignored): 1 found, 0 none, -1 on a database error. */
int store_header_get(struct store *st, const char *name, struct hc_header *out);
void hc_header_release(struct hc_header *h);

struct hc_status_detail {
	struct hc_status status;
	struct hc_category category;
	hc_alias_list aliases;
	hc_related_list related;
	hc_meaning_list meanings;
	hc_mapping_list mappings;
	int bookmarked;
	char *note;             /* NULL when there is none */
	size_t mappings_more;   /* the user's mappings with this status left unread (store_set_detail_max) */
	hc_constant_list constants;
	hc_header_link_list headers;
	struct hc_facts facts;
};
/* 1 found, 0 when code is no status (out is left empty), -1 on error. */
int store_status_detail(struct store *st, int code, struct hc_status_detail *out);
/* Called before a migration that makes a large user's database's index again (10,000 rows or
 * more), so that whoever waits is told (the faces say MSG_MIGRATING); one per process. */
void store_on_slow_migration(void (*fn)(void *ctx, const char *path), void *ctx);
/* Read at most max of the user's own mappings into a status's detail (0, the default: all of
 * them). The browser sets it: a team may map thousands of rows to one status, and reading them
 * all cost 80 ms a keystroke at a million rows. */
void store_set_detail_max(struct store *st, size_t max);
void hc_status_detail_release(struct hc_status_detail *d);

/* ---- writing the user's database ---------------------------------------------------------- */

/* A user mapping, as import, export and the add/edit commands see it: every field as text. */
#define USER_FIELDS(X) \
	X(team) X(product) X(error_code) X(http_status) X(message_en) X(message_zh) \
	X(description_en) X(description_zh) X(advice_en) X(advice_zh)
#define X(f) UF_##f,
enum user_field { USER_FIELDS(X) UF_COUNT_ };
#undef X
extern const char *const user_field_names[UF_COUNT_];

struct user_row {
	int line;               /* where it came from (0: the command line) */
	char *f[UF_COUNT_];     /* owned; NULL when not given */
};
void user_row_release(struct user_row *r);

/* One write transaction on the user's database at path (created if missing), on a
 * connection of its own: nothing is seen by others, or kept after a crash, until commit.
 * A database of ours found damaged is renamed aside (its new name in *aside, to tell the
  * user) and a new one started; NULL with the reason in *err otherwise. */
struct store_tx;
struct store_tx *store_tx_begin(const char *path, struct hc_err *err, char **aside);
/* Each returns 0, 1 when the row is already there (add) or not there (edit, remove), -1 when
 * the row breaks a rule, or -2 when the database fails (full disk, I/O); the reason in *err
 * for -1 and -2. */
int store_tx_add(struct store_tx *tx, const struct user_row *r, struct hc_err *err);
int store_tx_edit(struct store_tx *tx, const struct user_row *key, const struct user_row *r, struct hc_err *err);
int store_tx_remove(struct store_tx *tx, const struct user_row *key, struct hc_err *err);
/* import --replace: add r, or when its key is there already, set each field r gives (a NULL
 * one is kept) in that row. Returns 0 added, 1 updated, 2 there already exactly so (nothing
 * written: its date and its index entry stay), or -1 and -2 as above. */
int store_tx_put(struct store_tx *tx, const struct user_row *r, struct hc_err *err);
/* Build the index of the user's rows anew from the rows, merged into one segment, and count
 * the teams' rows again (after a bulk load, or to mend them). */
int store_tx_reindex(struct store_tx *tx, struct hc_err *err);
int store_tx_commit(struct store_tx *tx, struct hc_err *err); /* frees tx */
void store_tx_rollback(struct store_tx *tx);            /* frees tx */

/* Bookmarks and personal notes on codes, in the user's database (none without one). Each
 * returns -1 when it cannot be read, the reason in store_err: never taken for "none". */
int store_bookmarked(struct store *st, int code);              /* 1 bookmarked, 0 not */
int store_bookmarks(struct store *st, int **codes, size_t *n); /* 0; *codes owned by the caller */
int store_note(struct store *st, int code, char **note);      /* 1 with *note (the caller frees it), 0 none */
int store_tx_bookmark(struct store_tx *tx, int code, int on, struct hc_err *err);
int store_tx_note(struct store_tx *tx, int code, const char *note, struct hc_err *err); /* "" removes */

/* The codes the user has bookmarked or written a note on, ascending (none without a user
 * database): each with whether it is bookmarked, and its note ("" for none). */
struct hc_mark {
	int code;
	int bookmarked;
	char *note;
};
typedef HC_LIST(struct hc_mark) hc_mark_list;
int store_marks(struct store *st, hc_mark_list *out);
void hc_mark_list_release(hc_mark_list *l);

/* Every user mapping of the attached user database, ordered (for export). */
int store_user_rows(struct store *st, struct user_row **rows, size_t *n);

/* Walk one JSON value (an element of the array an import reads) with SQLite's JSON functions:
 * fn is called for every member of an object, in order, with index passed on; an empty object,
 * or a value that is not an object, calls fn once with key NULL and the value's type. Returns
 * 0, or -1 if text is not JSON (reason in store_err). */
int store_json_members(struct store *st, const char *text, int index,
		       int (*fn)(void *ctx, int index, const char *key, const char *type,
				 const char *value),
		       void *ctx);

/* explain (store_explain.c). Every leaf of a JSON text: fn(ctx, path, type, value), path the
 * members' names joined by '.' with array indexes dropped ("error.details.reason"), type
 * SQLite's JSON type ("text", "integer", "real", "true", "false", "null"), value its text (NULL
 * for null); fn returns nonzero to stop. Returns 0, 1 if text is not JSON (or nested deeper
 * than SQLite reads), -1 on a database error. */
int store_json_leaves(struct store *st, const char *text, size_t len,
		      int (*fn)(void *ctx, const char *path, const char *type, const char *value), void *ctx);

/* Whether name is a header field of the headers table (case ignored): 1, 0, -1 on error. */
int store_header_known(struct store *st, const char *name);

/* What a log line means (db/logphrases): a phrase of an error log, or an access log's flag. */
#define LOG_PHRASE_TEXT_FIELDS(X) \
	X(source) X(kind) X(phrase) X(cause_en) X(cause_zh) X(advice_en) X(advice_zh) X(ref)
struct hc_log_phrase {
	int http_status;        /* the status the client got, 0 when none goes with it */
#define X(f) char *f;
	LOG_PHRASE_TEXT_FIELDS(X)
#undef X
};
typedef HC_LIST(struct hc_log_phrase) hc_log_phrase_list;
void hc_log_phrase_list_release(hc_log_phrase_list *l);
/* The phrases of source (NULL: any source's) that line_lower (lower case) holds, longest first. */
int store_log_phrases(struct store *st, const char *source, const char *line_lower, hc_log_phrase_list *out);
/* The flag of source's access log named exactly flag ("UF"). */
int store_log_flag(struct store *st, const char *source, const char *flag, hc_log_phrase_list *out);
/* What source means by number: 1 found (out filled, release it), 0 not, -1 on a database error. */
int store_meaning_of(struct store *st, int number, const char *source, struct hc_meaning *out);
void hc_meaning_release(struct hc_meaning *m);

/* The decision guide (store_guide.c): "which status should my API return?". A node is a
 * question (question_* set, code 0) or a leaf (code, and what to say of it). */
#define GUIDE_NODE_TEXT_FIELDS(X) \
	X(id) X(question_en) X(question_zh) X(headers) X(why_en) X(why_zh) X(mistake_en) X(mistake_zh) \
	X(alternatives) X(ref)
struct hc_guide_node {
	int code;               /* a leaf's status; 0 for a question */
#define X(f) char *f;
	GUIDE_NODE_TEXT_FIELDS(X)
#undef X
};
typedef HC_LIST(struct hc_guide_node) hc_guide_node_list;
#define GUIDE_ANSWER_TEXT_FIELDS(X) X(label_en) X(label_zh) X(next)
struct hc_guide_answer {
	int ord;
#define X(f) char *f;
	GUIDE_ANSWER_TEXT_FIELDS(X)
#undef X
	int next_code;          /* the status when next is a leaf, else 0 */
};
typedef HC_LIST(struct hc_guide_answer) hc_guide_answer_list;
/* A house style's change to a leaf: its code there, and why. */
#define GUIDE_STYLE_TEXT_FIELDS(X) X(style) X(node) X(name_en) X(name_zh) X(note_en) X(note_zh) X(ref)
struct hc_guide_style {
	int code;
#define X(f) char *f;
	GUIDE_STYLE_TEXT_FIELDS(X)
#undef X
};
typedef HC_LIST(struct hc_guide_style) hc_guide_style_list;
/* The node id (NULL: every node, the root first, questions before leaves). */
int store_guide_nodes(struct store *st, const char *id, hc_guide_node_list *out);
/* A question's answers, in order. */
int store_guide_answers(struct store *st, const char *id, hc_guide_answer_list *out);
/* The changes of style (NULL: every style) to node (NULL: every node). */
int store_guide_styles(struct store *st, const char *style, const char *node, hc_guide_style_list *out);
/* Whether style names a house style: 1, 0, -1 on error. */
int store_guide_style_known(struct store *st, const char *style);
void hc_guide_node_list_release(hc_guide_node_list *l);
void hc_guide_answer_list_release(hc_guide_answer_list *l);
void hc_guide_style_list_release(hc_guide_style_list *l);

void hc_status_release(struct hc_status *s);
void hc_category_release(struct hc_category *c);
void hc_status_list_release(hc_status_list *l);
void hc_alias_list_release(hc_alias_list *l);
void hc_related_list_release(hc_related_list *l);
void hc_concept_release(struct hc_concept *c);
void hc_meaning_list_release(hc_meaning_list *l);
void hc_mapping_list_release(hc_mapping_list *l);
void hc_hit_list_release(hc_hit_list *l);
/* Move every hit of from onto the end of to; from is left empty. */
void hc_hit_list_move(hc_hit_list *to, hc_hit_list *from);
void hc_hit_release(struct hc_hit *h);

#endif
