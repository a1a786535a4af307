/* cli_guide: `httpcodes choose`: the decision guide on the command line. On a terminal it asks,
 * one question at a time; `choose 2 1 3` follows those answers; `--json` prints the whole tree;
 * in a pipe, the whole guide as an outline. `--style` applies a house style to the leaves. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"
#include "doc.h"
#include "store.h"
#include "text.h"

#define MAX_DEPTH 32
#define LEAF_MAPPINGS 8

/* A leaf, with what it names: its status, its alternatives, the house styles, the business
 * errors sent with it. Returns 0, or -1 on a database error. */
static int show_leaf(struct cli *c, const struct hc_guide_node *n)
{
	struct hc_status st = { 0 }, alt[8];
	hc_guide_style_list styles = { 0 };
	hc_mapping_list maps = { 0 }, shown = { 0 };
	const struct hc_guide_style *chosen = NULL;
	struct doc_guide_leaf_in in = { n, NULL, alt, 0, NULL, &styles, NULL };
	size_t more = 0, nalt = 0;
	int rc = 0, code;
	const char *p = n->alternatives;

	memset(alt, 0, sizeof alt);
	if (store_guide_styles(c->s.st, c->o->style, n->id, &styles) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && c->o->style && i < styles.n; i++)
		chosen = &styles.items[i];
	code = chosen ? chosen->code : n->code;
	if (rc == 0 && store_status_get(c->s.st, code, &st) < 0)
		rc = -1;
	while (rc == 0 && *p && nalt < sizeof alt / sizeof alt[0]) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (store_status_get(c->s.st, (int)v, &alt[nalt]) < 0)
			rc = -1;
		else if (alt[nalt].code)
			nalt++;
		p = end;
	}
	if (rc == 0 && store_mappings_by_status(c->s.st, code, &maps, &more) < 0)
		rc = -1;
	/* The team's own first, then a few of the vendors'. */
	for (int yours = 1; rc == 0 && yours >= 0; yours--)
		for (size_t i = 0; i < maps.n && shown.n < LEAF_MAPPINGS; i++)
			if (!!maps.items[i].is_user == yours) {
				shown.items = xgrow(shown.items, &shown.cap, shown.n + 1, sizeof *shown.items, LEAF_MAPPINGS);
				shown.items[shown.n++] = maps.items[i];
				memset(&maps.items[i], 0, sizeof maps.items[i]);
			}
	if (rc == 0) {
		in.status = st.code ? &st : NULL;
		in.nalternatives = nalt;
		in.style = chosen;
		in.styles = chosen ? NULL : &styles;
		in.mappings = &shown;
		cli_separate(c);
		doc_guide_leaf(&c->doc, &in);
	}
	for (size_t i = 0; i < nalt; i++)
		hc_status_release(&alt[i]);
	hc_status_release(&st);
	hc_mapping_list_release(&maps);
	hc_mapping_list_release(&shown);
	hc_guide_style_list_release(&styles);
	return rc;
}

/* The node id: 1 found (out filled, release it), 0 not, -1 on a database error. */
static int node_get(struct cli *c, const char *id, hc_guide_node_list *out)
{
	memset(out, 0, sizeof *out);
	if (store_guide_nodes(c->s.st, id, out) < 0)
		return -1;
	return out->n > 0;
}

/* "Path: answer > answer" of the answers taken so far. */
static void path_text(struct strbuf *sb, enum lang l, char labels[][2][128], int depth)
{
	strbuf_reset(sb);
	for (int i = 0; i < depth; i++) {
		strbuf_adds(sb, i ? " \xE2\x80\xBA " : ""); /* › */
		strbuf_adds(sb, labels[i][l == LANG_ZH]);
	}
}

/* Walk from the root by the answers given (numbers), or asking on a terminal when interactive.
 * Returns the exit status. */
static int walk(struct cli *c, char **args, int nargs, int interactive)
{
	char ids[MAX_DEPTH + 1][64], labels[MAX_DEPTH][2][128];
	int depth = 0, rc = EXIT_FOUND, used = 0;
	struct strbuf path = STRBUF_INIT;

	snprintf(ids[0], sizeof ids[0], "start");
	for (;;) {
		hc_guide_node_list nl;
		hc_guide_answer_list al = { 0 };
		int got = node_get(c, ids[depth], &nl), pick = 0;
		if (got < 0 || (got && store_guide_answers(c->s.st, ids[depth], &al) < 0)) {
			hc_guide_node_list_release(&nl);
			rc = -1;
			break;
		}
		if (!got) { /* the guide is not in this data: nothing to walk */
			rc = EXIT_NOTHING;
			break;
		}
		if (nl.items[0].code) { /* a leaf */
			if (show_leaf(c, &nl.items[0]) < 0)
				rc = -1;
			hc_guide_node_list_release(&nl);
			break;
		}
		path_text(&path, c->o->lang, labels, depth);
		if (used < nargs) { /* an answer given on the command line */
			char *end;
			long v = strtol(args[used], &end, 10);
			for (size_t i = 0; !*end && i < al.n; i++)
				if (al.items[i].ord == v)
					pick = (int)i + 1;
			if (!pick) {
				cli_separate(c);
				doc_guide_question(&c->doc, &nl.items[0], &al, strbuf_str(&path));
				cli_flush_out(c);
				report(stderr, c->o->lang, MSG_GUIDE_NO_ANSWER, args[used]);
				rc = EXIT_USAGE;
			}
			used++;
		} else if (interactive) {
			char line[64], prompt[64];
			cli_separate(c);
			doc_guide_question(&c->doc, &nl.items[0], &al, strbuf_str(&path));
			cli_flush_out(c);
			snprintf(prompt, sizeof prompt, label(c->o->lang == LANG_ZH ? LANG_ZH : LANG_EN, L_GUIDE_ANSWER),
				 (int)al.n);
			fputs(prompt, stdout);
			fflush(stdout);
			if (!fgets(line, sizeof line, stdin) || line[0] == 'q') {
				rc = EXIT_NOTHING; /* left before a leaf */
			} else if (line[0] == 'b') {
				depth -= depth > 0;
			} else {
				long v = strtol(line, NULL, 10);
				for (size_t i = 0; i < al.n; i++)
					if (al.items[i].ord == v)
						pick = (int)i + 1;
			}
		} else { /* no more answers: the question reached */
			cli_separate(c);
			doc_guide_question(&c->doc, &nl.items[0], &al, strbuf_str(&path));
		}
		if (pick && depth < MAX_DEPTH) {
			const struct hc_guide_answer *a = &al.items[pick - 1];
			snprintf(labels[depth][0], sizeof labels[depth][0], "%s", a->label_en);
			snprintf(labels[depth][1], sizeof labels[depth][1], "%s", a->label_zh);
			snprintf(ids[++depth], sizeof ids[0], "%s", a->next);
		}
		hc_guide_node_list_release(&nl);
		hc_guide_answer_list_release(&al);
		if (!pick && (!interactive || used < nargs || rc != EXIT_FOUND))
			break;
		if (!pick && interactive && nargs == 0 && rc == EXIT_FOUND)
			continue;
	}
	strbuf_release(&path);
	return rc;
}

static void json_node(struct cli *c, const struct hc_guide_node *n, const hc_guide_answer_list *al,
		      const hc_guide_style_list *styles)
{
	struct strbuf *sb = &c->out;
	int f = 1;
	cli_json_begin_item(c);
	cli_json_str(sb, "id", n->id, &f);
	if (!n->code) {
		cli_json_str(sb, "question_en", n->question_en, &f);
		cli_json_str(sb, "question_zh", n->question_zh, &f);
		cli_json_key(sb, "answers", &f);
		strbuf_addch(sb, '[');
		for (size_t i = 0; i < al->n; i++) {
			int g = 1;
			strbuf_adds(sb, i ? "," : "");
			cli_json_int(sb, "ord", al->items[i].ord, &g);
			cli_json_str(sb, "label_en", al->items[i].label_en, &g);
			cli_json_str(sb, "label_zh", al->items[i].label_zh, &g);
			cli_json_str(sb, "next", al->items[i].next, &g);
			if (al->items[i].next_code)
				cli_json_int(sb, "code", al->items[i].next_code, &g);
			strbuf_addch(sb, '}');
		}
		strbuf_adds(sb, "]}");
		return;
	}
	cli_json_int(sb, "code", n->code, &f);
	cli_json_str(sb, "headers", n->headers, &f);
	cli_json_str(sb, "why_en", n->why_en, &f);
	cli_json_str(sb, "why_zh", n->why_zh, &f);
	cli_json_str(sb, "mistake_en", n->mistake_en, &f);
	cli_json_str(sb, "mistake_zh", n->mistake_zh, &f);
	cli_json_str(sb, "alternatives", n->alternatives, &f);
	cli_json_str(sb, "ref", n->ref, &f);
	cli_json_key(sb, "styles", &f);
	strbuf_addch(sb, '[');
	for (size_t i = 0, k = 0; i < styles->n; i++)
		if (strcmp(styles->items[i].node, n->id) == 0) {
			int g = 1;
			strbuf_adds(sb, k++ ? "," : "");
			cli_json_str(sb, "style", styles->items[i].style, &g);
			cli_json_int(sb, "code", styles->items[i].code, &g);
			cli_json_str(sb, "note_en", styles->items[i].note_en, &g);
			cli_json_str(sb, "note_zh", styles->items[i].note_zh, &g);
			cli_json_str(sb, "ref", styles->items[i].ref, &g);
			strbuf_addch(sb, '}');
		}
	strbuf_adds(sb, "]}");
}

/* The whole tree: with --json, every node (the root first); else an outline, indented by
 * depth, every leaf with its status. */
static int whole(struct cli *c)
{
	hc_guide_node_list nl = { 0 };
	hc_guide_style_list styles = { 0 };
	int rc = 0;
	if (store_guide_nodes(c->s.st, NULL, &nl) < 0 || store_guide_styles(c->s.st, c->o->style, NULL, &styles) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < nl.n; i++) {
		hc_guide_answer_list al = { 0 };
		if (!nl.items[i].code && store_guide_answers(c->s.st, nl.items[i].id, &al) < 0) {
			rc = -1;
			break;
		}
		if (c->o->json) {
			json_node(c, &nl.items[i], &al, &styles);
		} else if (!nl.items[i].code) {
			cli_separate(c);
			doc_guide_question(&c->doc, &nl.items[i], &al, nl.items[i].id);
		}
		hc_guide_answer_list_release(&al);
	}
	hc_guide_node_list_release(&nl);
	hc_guide_style_list_release(&styles);
	return rc < 0 ? -1 : EXIT_FOUND;
}

int cli_choose(const struct options *o, char **args, int nargs)
{
	struct cli c;
	int rc, known;

	if (cli_begin(&c, o) < 0)
		return EXIT_TROUBLE;
	if (o->style && (known = store_guide_style_known(c.s.st, o->style)) <= 0) {
		if (known < 0)
			return cli_db_failure(&c);
		cli_end(&c, 0);
		return cli_usage_error(o, MSG_GUIDE_NO_STYLE, o->style);
	}
	/* --json is always the whole tree (a script walks it); text walks when there are answers
	 * or a person to ask. */
	if (!o->json && nargs == 0 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		rc = walk(&c, args, nargs, 1); /* asked on the terminal: never through a pager */
	} else {
		cli_pager_allow(o);
		rc = !o->json && nargs > 0 ? walk(&c, args, nargs, 0) : whole(&c);
	}
	if (rc < 0)
		return cli_db_failure(&c);
	return cli_end(&c, rc);
}
