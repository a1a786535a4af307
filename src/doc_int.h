/* doc_int: the pieces of doc.c that its other files (doc_explain.c) build with. */
#ifndef HTTPCODES_DOC_INT_H
#define HTTPCODES_DOC_INT_H

#include "doc.h"

/* A paragraph, wrapped, every line indented; a newline-separated list, one bullet per item. */
void doc_para(struct doc *d, const char *s, int indent);
void doc_bullets(struct doc *d, const char *s, int indent);
/* Text in the chosen language; both, one after the other, in LANG_BOTH. */
void doc_texts(struct doc *d, const char *en, const char *zh, int indent,
	       void (*show)(struct doc *, const char *, int));
/* "Reference: URL", indented. */
void doc_ref_line(struct doc *d, const char *ref, int indent);
/* A blank line and a heading. */
void doc_heading(struct doc *d, enum label_id id);
/* A label's text in both languages, as doc_pair shows a pair. */
void doc_label_value(struct doc *d, enum label_id id);
/* The facts block: "  Label    " up to col, and the column its values start at. */
void doc_fact_label(struct doc *d, enum label_id id, int col);
int doc_facts_column(const struct doc *d);
/* Retry, cacheable, content, gRPC's code (status_facts). */
void doc_facts_lines(struct doc *d, const struct hc_facts *f, int col);

#endif
