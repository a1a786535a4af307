/* doc_guide: the decision guide as text: a question with its numbered answers, and a leaf with
 * what to send, why, the mistake it avoids, the alternatives, the house styles' say and the
 * business errors sent with it. Never queries: the caller hands over the records. */
#include "doc.h"
#include "doc_int.h"

#include <stdio.h>
#include <string.h>

void doc_guide_question(struct doc *d, const struct hc_guide_node *q, const hc_guide_answer_list *answers,
			const char *path)
{
	if (path && *path) {
		doc_raw(d, "  ");
		doc_put(d, path);
		doc_nl(d);
	}
	d->style = DOC_TITLE;
	doc_pair(d, q->question_en, q->question_zh);
	doc_nl(d);
	for (size_t i = 0; i < answers->n; i++) {
		const struct hc_guide_answer *a = &answers->items[i];
		doc_putf(d, "  %d  ", a->ord);
		doc_pair(d, a->label_en, a->label_zh);
		if (a->next_code)
			doc_putf(d, "  \xE2\x86\x92 %03d", a->next_code); /* → */
		doc_nl(d);
	}
}

void doc_guide_leaf(struct doc *d, const struct doc_guide_leaf_in *in)
{
	const struct hc_guide_node *n = in->node;
	int col = doc_facts_column(d);
	int code = in->style && in->style->code ? in->style->code : n->code;

	d->style = DOC_TITLE;
	d->link = code;
	doc_putf(d, "%03d", code);
	if (in->status) {
		doc_raw(d, "  ");
		doc_pair(d, in->status->phrase_en, in->status->phrase_zh);
	}
	doc_nl(d);
	if (in->style && in->style->code) {
		char en[200], zh[200];
		enum label_id says = in->style->code == n->code ? L_GUIDE_STYLE_AGREES : L_GUIDE_STYLE_SAYS;
		snprintf(en, sizeof en, label(LANG_EN, says), in->style->name_en, n->code);
		snprintf(zh, sizeof zh, label(LANG_ZH, says), in->style->name_zh, n->code);
		doc_raw(d, "  ");
		doc_pair(d, en, zh);
		doc_nl(d);
		doc_texts(d, in->style->note_en, in->style->note_zh, 4, doc_para);
		doc_ref_line(d, in->style->ref, 4);
	}
	if (*n->headers) {
		doc_fact_label(d, L_GUIDE_SEND, col);
		doc_put(d, n->headers);
		doc_nl(d);
	}
	doc_heading(d, L_GUIDE_WHY);
	doc_texts(d, n->why_en, n->why_zh, 2, doc_para);
	if (*n->mistake_en) {
		doc_heading(d, L_GUIDE_MISTAKE);
		doc_texts(d, n->mistake_en, n->mistake_zh, 2, doc_para);
	}
	if (in->nalternatives) {
		doc_heading(d, L_GUIDE_ALTERNATIVES);
		for (size_t i = 0; i < in->nalternatives; i++) {
			const struct hc_status *s = &in->alternatives[i];
			d->style = DOC_LINK;
			d->link = s->code;
			doc_putf(d, "  %d  ", s->code);
			doc_pair(d, s->phrase_en, s->phrase_zh);
			doc_nl(d);
		}
	}
	/* What the other house styles say here, when none was chosen. */
	if (!in->style && in->styles && in->styles->n) {
		doc_heading(d, L_GUIDE_STYLES);
		for (size_t i = 0; i < in->styles->n; i++) {
			const struct hc_guide_style *s = &in->styles->items[i];
			d->style = DOC_LINK;
			d->link = s->code;
			doc_raw(d, "  ");
			doc_pair(d, s->name_en, s->name_zh);
			doc_colon(d);
			doc_putf(d, "%03d", s->code);
			doc_nl(d);
			doc_texts(d, s->note_en, s->note_zh, 4, doc_para);
		}
	}
	if (in->mappings && in->mappings->n) {
		doc_heading(d, L_GUIDE_BUSINESS);
		for (size_t i = 0; i < in->mappings->n; i++) {
			const struct hc_mapping *m = &in->mappings->items[i];
			doc_raw(d, "  ");
			doc_put(d, m->error_code);
			doc_raw(d, "  ");
			if (m->is_user) {
				char en[160], zh[160];
				snprintf(en, sizeof en, label(LANG_EN, L_TEAM_YOURS), m->team);
				snprintf(zh, sizeof zh, label(LANG_ZH, L_TEAM_YOURS), m->team);
				doc_pair(d, en, zh);
			} else {
				doc_pair(d, m->source_en, m->source_zh);
			}
			doc_nl(d);
		}
	}
	doc_ref_line(d, n->ref, 2);
}
