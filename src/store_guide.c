/* store_guide: the decision guide's nodes, answers and house styles (db/guide.rec), read for
 * the faces: a node with its answers, and a house style's change to a leaf. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static void node_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_guide_node, code, GUIDE_NODE_TEXT_FIELDS)
}

static void node_release(void *item)
{
	RECORD_RELEASE(struct hc_guide_node, GUIDE_NODE_TEXT_FIELDS)
}

static void answer_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_guide_answer, ord, GUIDE_ANSWER_TEXT_FIELDS)
	r->next_code = sqlite3_column_int(q, i);
}

static void answer_release(void *item)
{
	RECORD_RELEASE(struct hc_guide_answer, GUIDE_ANSWER_TEXT_FIELDS)
}

static void style_read(sqlite3_stmt *q, void *item)
{
	RECORD_READ(struct hc_guide_style, code, GUIDE_STYLE_TEXT_FIELDS)
}

static void style_release(void *item)
{
	RECORD_RELEASE(struct hc_guide_style, GUIDE_STYLE_TEXT_FIELDS)
}

void hc_guide_node_list_release(hc_guide_node_list *l)
{
	LIST_RELEASE(l, node_release);
}

void hc_guide_answer_list_release(hc_guide_answer_list *l)
{
	LIST_RELEASE(l, answer_release);
}

void hc_guide_style_list_release(hc_guide_style_list *l)
{
	LIST_RELEASE(l, style_release);
}

/* question_* are NULL on a leaf: read as "". */
#define GUIDE_COL(f) ", coalesce(" #f ", '')"
#define NODE_COLS "coalesce(code, 0)" GUIDE_NODE_TEXT_FIELDS(GUIDE_COL)
#define ANSWER_COL(f) ", a." #f

int store_guide_nodes(struct store *st, const char *id, hc_guide_node_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT " NODE_COLS " FROM guide_nodes WHERE ?1 IS NULL OR id = ?1"
				     " ORDER BY id = 'start' DESC, code IS NOT NULL, id");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	return STORE_FILL(st, q, out, node_read);
}

int store_guide_answers(struct store *st, const char *id, hc_guide_answer_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT a.ord" GUIDE_ANSWER_TEXT_FIELDS(ANSWER_COL) ", coalesce(n.code, 0)"
				     " FROM guide_answers a JOIN guide_nodes n ON n.id = a.next"
				     " WHERE a.node = ?1 ORDER BY a.ord");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	return STORE_FILL(st, q, out, answer_read);
}

int store_guide_styles(struct store *st, const char *style, const char *node, hc_guide_style_list *out)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT s.code, s.style, s.node, h.name_en, h.name_zh, s.note_en, s.note_zh, s.ref"
				     " FROM guide_styles s JOIN guide_house_styles h ON h.id = s.style"
				     " WHERE (?1 IS NULL OR s.style = ?1) AND (?2 IS NULL OR s.node = ?2)"
				     " ORDER BY s.style, s.node");
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, style, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, node, -1, SQLITE_TRANSIENT);
	return STORE_FILL(st, q, out, style_read);
}

int store_guide_style_known(struct store *st, const char *style)
{
	return store_has_row(st, "SELECT 1 FROM guide_house_styles WHERE id = ?1", style);
}
