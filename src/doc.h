/* doc: what a record looks like as text. Builds a document of styled lines, wrapped to a
 * width, from the store's records as they are in memory (it never queries: the caller fetches,
 * as store_status_detail does); the CLI prints it, the TUI draws it. Every piece of data is
 * sanitised on the way in; lines may carry markers (text.h) for emphasis and matches. */
#ifndef HTTPCODES_DOC_H
#define HTTPCODES_DOC_H

#include <stdio.h>

#include "explain.h"
#include "lang.h"
#include "store.h"
#include "text.h"

enum doc_style {
	DOC_TEXT,       /* ordinary text */
	DOC_TITLE,      /* "404 Not Found" */
	DOC_HEADING,    /* "Typical causes" */
	DOC_LINK,       /* a line that names another code (link says which) */
};

struct doc_line {
	char *text;
	enum doc_style style;
	int link;       /* the status code this line refers to, or -1 */
	char *header;   /* or the header field it refers to (a DOC_LINK with link -1), or NULL */
	char *mapping;  /* or the business error it names (doc_mapping_key), or NULL */
	char *url;      /* a web address shown on the line from column url_col on, or NULL */
	int url_col;
	int link_id;    /* which link of the doc the line is part of (a wrapped link spans lines), or -1 */
};

struct doc {
	enum lang lang;
	int width;
	char today[11];         /* YYYY-MM-DD: has a temporary registration expired? */
	struct strbuf cur;      /* the line being built */
	enum doc_style style;
	int link;
	const char *header;     /* the next line's header link (copied at doc_nl), or NULL */
	char *mapping;          /* the next line's business-error link (owned; moved at doc_nl) */
	char *url;              /* the next line's web address (owned; moved at doc_nl) */
	int url_col;
	int cont;               /* the next line goes on with the link of the line before */
	int nlinks;             /* links so far (link_id counts them) */
	int break_urls;         /* a web address wider than the doc is broken over lines */
	struct doc_line *lines;
	size_t n, cap;
};

void doc_init(struct doc *d, enum lang lang, int width, const char *today);
/* Drop the lines, keep the settings. */
void doc_clear(struct doc *d);
void doc_release(struct doc *d);

/* Writing: doc_put sanitises data; doc_raw is for our own text and markers; doc_nl ends the
 * line (with the style and link set since the last one). */
void doc_put(struct doc *d, const char *s);
void doc_putf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_raw(struct doc *d, const char *s);
/* A style marker (TEXT_EM_ON, ... of text.h). */
void doc_marker(struct doc *d, char marker);
void doc_nl(struct doc *d);
/* End the line, wrapped to the width when it is wider: the lines after the first indented by
 * hang columns, each keeping the line's style and link (one link over them all). */
void doc_nl_wrap(struct doc *d, int hang);
/* A business error's key (source or team, product, code), appended to out: the key that
 * doc_mapping_key_split reads back. */
void doc_mapping_key(struct strbuf *out, const struct hc_mapping *m);
/* The next line links to this business error, by its key. */
void doc_link_mapping(struct doc *d, const struct hc_mapping *m);
/* A business-error link's parts, pointing into key (changed); 0 when it is no such key. */
int doc_mapping_key_split(char *key, int *is_user, char **source, char **product, char **code);
/* The web address of a reference: itself when it is one (http, https), an RFC's section at the
 * RFC Editor for "RFC9110, Section 15.5.5"; NULL when there is none (caller frees). */
char *doc_url_of(const char *ref);
/* Text with search marks (\x02..\x03 around matches): the pieces sanitised, marks kept. */
void doc_put_marked(struct doc *d, const char *s);
/* "English · 中文" in both, one of them otherwise. */
void doc_pair(struct doc *d, const char *en, const char *zh);
void doc_pair_marked(struct doc *d, const char *en, const char *zh);
/* A label in the document's language(s), and what follows it (a full-width colon in Chinese). */
void doc_label(struct doc *d, enum label_id id);
void doc_colon(struct doc *d);
/* Columns used so far on the current line. */
int doc_col(const struct doc *d);
void doc_pad_to(struct doc *d, int col);

/* "Your note:" at indent, and the note wrapped under it. */
void doc_note(struct doc *d, const char *note, int indent);

/* Has this temporary registration expired (by d->today)? */
int doc_is_expired(const struct doc *d, const struct hc_status *s);

/* Records. */
void doc_status(struct doc *d, const struct hc_status_detail *sd);
/* One paragraph for --brief, as hc prints a code: the title ("404 Not Found", a business
 * error's "NoSuchKey → 404 Not Found", a sender's number, a header's name), then a short
 * text under it: the summary; the business error's sender and message; each sender's name. */
void doc_status_brief(struct doc *d, const struct hc_status *s);
void doc_mapping_brief(struct doc *d, const struct hc_mapping *m, const struct hc_status *s);
void doc_number_brief(struct doc *d, int number, const hc_meaning_list *ml);
void doc_header_brief(struct doc *d, const struct hc_header *h);
/* One line for a list: "404  Not Found  summary"; the summary cut to the width if cut. */
void doc_status_line(struct doc *d, const struct hc_status *s, int name_col, int cut);
/* A business error in full; s is the status it maps to, NULL when that is no status we know. */
void doc_mapping(struct doc *d, const struct hc_mapping *m, const struct hc_status *s);
void doc_meanings(struct doc *d, const hc_meaning_list *ml);
/* A related code: its number and phrase (a link), and the note on how it differs. */
void doc_related(struct doc *d, const struct hc_related *r);
/* A thing with no status of its own (a CORS block): its name, what it is, and the statuses
 * related to it (related[0, n), as links). */
void doc_concept(struct doc *d, const struct hc_concept *c, const struct hc_status *related, size_t n);
/* Two codes compared ("503 vs 504"): how the first differs from the second (r: its related
 * code's row of the first), under its heading. */
void doc_comparison(struct doc *d, int first, const struct hc_related *r);
/* A header field as an entry: what it is, and the statuses it goes with (status[i] is the
 * status of h->statuses.items[i]; left empty, phrase_en NULL, when there is none). */
void doc_header(struct doc *d, const struct hc_header *h, const struct hc_status *status);
/* A number that only senders give a meaning (000, 999), from its meanings: titled by the
 * number, and when named by its name and senders as the browser lists them ("999  Request
 * Denied  LinkedIn"; the browser's pane has them beside it, in the list), then each meaning
 * in full. */
void doc_number(struct doc *d, int number, const hc_meaning_list *ml, int named);
/* The same as one line of a list, from the n meanings of one number at m; the name's width
 * (to line the senders up at name_col) is doc_number_name_width. */
void doc_number_line(struct doc *d, const struct hc_meaning *m, size_t n, int name_col);
int doc_number_name_width(struct doc *d, const struct hc_meaning *m);
/* A search result; a business error's sender by its names (for a team of the user's, the
 * team as the caller words it). */
void doc_hit(struct doc *d, const struct hc_hit *h, const char *source_en, const char *source_zh);
/* The parts of that line a list shows in columns: what was found (a business error's code
 * emphasised, a meaning's sender), its matches marked; and where a business error is from. */
void doc_hit_name(struct doc *d, const struct hc_hit *h);
void doc_hit_source(struct doc *d, const struct hc_hit *h, const char *source_en, const char *source_zh);

/* What explain found (doc_explain.c), with the records it names, fetched by the caller: the
 * status's detail (NULL when the number is no status we describe), the sender's names (NULL
 * when unknown), and for each business error matched its status (code 0 when none). */
struct doc_explain_in {
	const struct explain *e;
	const struct hc_status_detail *status;
	const char *sender_en, *sender_zh;
	const struct hc_status *mapped;
};
void doc_explain(struct doc *d, const struct doc_explain_in *in);
/* A whole access log: the counts, the share of each class, and each status with its name and
 * the sender whose meaning it is. */
void doc_explain_summary(struct doc *d, const struct ex_summary *s, const struct ex_rows *rows);

/* The decision guide (doc_guide.c): a question, the path that led to it above, and its
 * answers numbered; a leaf with what the caller fetched for it: its status, its alternatives'
 * statuses, the chosen house style's change (NULL: none chosen; then every style's say in
 * styles), and the business errors sent with it (the team's own first). */
void doc_guide_question(struct doc *d, const struct hc_guide_node *q, const hc_guide_answer_list *answers,
			const char *path);
struct doc_guide_leaf_in {
	const struct hc_guide_node *node;
	const struct hc_status *status;
	const struct hc_status *alternatives;
	size_t nalternatives;
	const struct hc_guide_style *style;
	const hc_guide_style_list *styles;
	const hc_mapping_list *mappings;
};
void doc_guide_leaf(struct doc *d, const struct doc_guide_leaf_in *in);

/* Print the lines to f: markers dropped, or as bold with DOC_PRINT_BOLD; web addresses as
 * terminal links (OSC 8) with DOC_PRINT_LINKS. */
enum { DOC_PRINT_BOLD = 1, DOC_PRINT_LINKS = 2 };
void doc_print(const struct doc *d, FILE *f, int ansi);
/* Where a line's web address starts (a byte of text), or the text's length when it has none. */
size_t doc_url_span(const struct doc_line *l);

#endif
