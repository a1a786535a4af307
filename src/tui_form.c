/* Writing from the browser: the form that adds or edits one of the user's error codes, the
 * prompts for a note and for deleting, and bookmarks. Every change is one transaction on the
 * user's database (store_tx_*), checked by the same rules as the command line (userdata.c). */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "userdata.h"

static const enum label_id field_labels[FF_COUNT_] = {
	L_F_ERROR_CODE, L_F_STATUS, L_F_TEAM, L_F_PRODUCT, L_F_MSG_EN, L_F_MSG_ZH, L_F_DESC_EN, L_F_DESC_ZH,
	L_F_ADVICE_EN, L_F_ADVICE_ZH,
};
static const enum user_field field_columns[FF_COUNT_] = {
	UF_error_code, UF_http_status, UF_team, UF_product, UF_message_en, UF_message_zh,
	UF_description_en, UF_description_zh, UF_advice_en, UF_advice_zh,
};

int shown_code(const struct app *a)
{
	if (a->dkind == DETAIL_STATUS || a->dkind == DETAIL_NUMBER)
		return a->dcode;
	if (a->dkind == DETAIL_MAPPING && a->dmapping.http_status)
		return a->dmapping.http_status;
	return -1; /* nothing, or a business error without a documented status */
}

static int is_users(const struct app *a)
{
	return a->dkind == DETAIL_MAPPING && a->dmapping.is_user;
}

/* After a write: make sure the user's database is attached, and show the change at once in
 * the list (selecting want, or what was selected) and in the detail. */
static void after_write(struct app *a, const struct row_id *want)
{
	if (!store_has_user(a->st)) {
		char *path = store_write_path(a->session.db_path);
		if (path)
			store_attach_user(a->st, path, 0);
		free(path);
	}
	list_refresh(a, want);
	detail_reload(a);
}

/* The language of the status bar's messages. */
static enum lang shown(const struct app *a)
{
	return a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
}

/* A write on the user's database, on the session's one write path: the transaction in w->tx,
 * or NULL with why said in the status bar (and a damaged file kept aside said either way). */
static struct store_tx *begin(struct app *a, struct session_write *w)
{
	session_begin_write(&a->session, w);
	if (w->aside.arg) /* said now; a later message may replace it, the file stays where it is said */
		notice_text(shown(a), &w->aside, a->message, sizeof a->message);
	if (!w->tx) {
		notice_text(shown(a), &w->failed, a->message, sizeof a->message);
		session_write_release(w);
	}
	return w->tx;
}

/* End w's transaction: committed when rc is 0 (the change went through) and shown at once;
 * else rolled back. A change or a commit that failed is said in the status bar as one sentence,
 * the file and why (err, or the commit's reason). Releases w; returns 0 or -1. */
static int finish(struct app *a, struct session_write *w, int rc, const struct hc_err *err,
		  const struct row_id *want)
{
	struct hc_err commit;

	if (rc == 0 && store_tx_commit(w->tx, &commit) == 0) {
		session_write_release(w);
		after_write(a, want);
		return 0;
	}
	if (rc != 0)
		store_tx_rollback(w->tx);
	session_write_failed(w, rc != 0 ? err : &commit);
	notice_text(shown(a), &w->failed, a->message, sizeof a->message);
	session_write_release(w);
	return -1;
}

/* ---- the form ------------------------------------------------------------------------------- */

void form_release(struct app *a)
{
	for (int i = 0; i < FF_COUNT_; i++)
		line_release(&a->form.value[i]);
	memset(&a->form, 0, sizeof a->form);
	for (int i = 0; i < FF_COUNT_; i++)
		a->form.value[i].max = 4000;
}

void form_open(struct app *a, int editing)
{
	struct form *f = &a->form;
	if (editing && !is_users(a)) {
		snprintf(a->message, sizeof a->message, "%s",
			 msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_NOT_YOUR_MAPPING));
		return;
	}
	form_release(a);
	overlay_push(a, &form_pane);
	f->editing = editing;
	if (editing) {
		const struct hc_mapping *m = &a->dmapping;
		const char *vals[FF_COUNT_] = { m->error_code, NULL, m->team, m->product,
						m->message_en, m->message_zh, m->description_en,
						m->description_zh, m->advice_en, m->advice_zh };
		char status[16];
		snprintf(status, sizeof status, "%d", m->http_status);
		vals[FF_STATUS] = status;
		for (int i = 0; i < FF_COUNT_; i++)
			line_set(&f->value[i], vals[i]);
		snprintf(f->key_team, sizeof f->key_team, "%s", m->team);
		snprintf(f->key_product, sizeof f->key_product, "%s", m->product);
		snprintf(f->key_code, sizeof f->key_code, "%s", m->error_code);
		return;
	}
	if (shown_code(a) >= 100 && shown_code(a) <= 599) {
		char status[16];
		snprintf(status, sizeof status, "%d", shown_code(a)); /* the status on show */
		line_set(&f->value[FF_STATUS], status);
		f->prefilled[FF_STATUS] = 1;
	}
	if (a->mode == LIST_MAPPINGS && a->source_index < a->sources.n && a->sources.items[a->source_index].is_user) {
		line_set(&f->value[FF_TEAM], a->sources.items[a->source_index].team); /* the team listed */
		f->prefilled[FF_TEAM] = 1;
	}
}

/* Check, then write; problems are shown beside their fields. */
static void form_save(struct app *a)
{
	struct form *f = &a->form;
	struct user_row r = { 0 }, key = { 0 };
	struct problems p = { 0 };
	struct session_write w;
	struct hc_err err;
	struct row_id saved = { .kind = ROW_MAPPING, .is_user = 1 };
	int rc, first_bad = FF_COUNT_;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;

	memset(f->problem, 0, sizeof f->problem);
	f->message[0] = '\0';
	for (int i = 0; i < FF_COUNT_; i++) { /* keys in the one form (trimmed), shown as saved */
		struct user_row typed = { 0 };
		userdata_row_set(&typed, field_columns[i], line_text(&f->value[i]));
		line_set(&f->value[i], typed.f[field_columns[i]]);
		user_row_release(&typed);
		r.f[field_columns[i]] = (char *)line_text(&f->value[i]);
	}
	userdata_check_row(&r, 0, &p, 0);
	for (size_t k = 0; k < p.n; k++) {
		int field = -1;
		for (int i = 0; field < 0 && i < FF_COUNT_; i++)
			if (p.items[k].field == (int)field_columns[i])
				field = i;
		if (field < 0)
			field = FF_ERROR_CODE;
		snprintf(f->problem[field], sizeof f->problem[0], msg(l, p.items[k].id), p.items[k].detail);
		if (field < first_bad)
			first_bad = field;
	}
	if (p.n) {
		f->field = first_bad; /* where the next keys go: the first field to put right */
		problems_release(&p);
		return;
	}
	if (!begin(a, &w)) {
		snprintf(f->message, sizeof f->message, "%s", a->message);
		return;
	}
	if (f->editing) {
		key.f[UF_team] = f->key_team;
		key.f[UF_product] = f->key_product;
		key.f[UF_error_code] = f->key_code;
		rc = store_tx_edit(w.tx, &key, &r, &err);
	} else {
		rc = store_tx_add(w.tx, &r, &err);
	}
	if (rc > 0) { /* already there (add), or gone meanwhile (edit) */
		store_tx_rollback(w.tx);
		session_write_release(&w);
		snprintf(f->problem[FF_ERROR_CODE], sizeof f->problem[0],
			 msg(l, f->editing ? MSG_NOT_YOURS : MSG_P_EXISTS), line_text(&f->value[FF_ERROR_CODE]));
		f->field = FF_ERROR_CODE;
		return;
	}
	saved.team = xstrdup(line_text(&f->value[FF_TEAM]));
	saved.product = xstrdup(line_text(&f->value[FF_PRODUCT]));
	saved.ident = xstrdup(line_text(&f->value[FF_ERROR_CODE]));
	rc = finish(a, &w, rc, &err, &saved);
	row_id_release(&saved);
	if (rc != 0) {
		snprintf(f->message, sizeof f->message, "%s", a->message);
		return;
	}
	snprintf(a->message, sizeof a->message, msg(l, f->editing ? MSG_EDITED : MSG_ADDED),
		 line_text(&f->value[FF_ERROR_CODE]));
	if (a->mode == LIST_MAPPINGS) { /* its source's list, on its row */
		detail_show_selected(a);
		a->focus = 0;
	} else {
		detail_show_user(a, line_text(&f->value[FF_TEAM]), line_text(&f->value[FF_PRODUCT]),
				 line_text(&f->value[FF_ERROR_CODE]));
		a->focus = 1;
	}
	overlay_close(a, &form_pane);
}

static void form_cancel(struct app *a, wint_t ch)
{
	(void)ch;
	overlay_close(a, &form_pane);
}

static void form_move(struct app *a, wint_t ch)
{
	struct form *f = &a->form;
	int back = ch == KEY_UP || ch == KEY_BTAB;
	f->field = (f->field + (back ? FF_COUNT_ - 1 : 1)) % FF_COUNT_;
}

static void form_enter(struct app *a, wint_t ch)
{
	if (a->form.field == FF_COUNT_ - 1)
		form_save(a);
	else
		form_move(a, ch);
}

static void form_save_key(struct app *a, wint_t ch)
{
	(void)ch;
	form_save(a);
}

/* Before the line editor's keys (the form has the keyboard). */
static const struct binding form_keys[] = {
	{ { KCH('\t'), KKEY(KEY_UP), KKEY(KEY_DOWN), KKEY(KEY_BTAB) }, form_move,
	  { "next field (↑ and Shift-Tab: the one before)", "下一项（↑ 和 Shift-Tab：上一项）" } },
	{ { KCH('\r'), KCH('\n'), KKEY(KEY_ENTER) }, form_enter, { "next field; on the last, save", "下一项；在最后一项保存" } },
	{ { KCTRL('s') }, form_save_key, { "save", "保存" } },
	{ { KCH(27) }, form_cancel, { "cancel", "取消" } },
};
const struct keymap form_keymap = { form_keys, sizeof form_keys / sizeof form_keys[0] };

/* Along the form's foot; the short ones where the others do not fit. */
static const struct hint form_hints[] = {
	{ form_move, 3, { "move", "切换" }, 0 },
	{ form_enter, 1, { "next, save on the last", "下一项，最后一项保存" }, 0 },
	{ form_save_key, 1, { "save", "保存" }, 0 },
	{ form_cancel, 1, { "cancel", "取消" }, 0 },
};
#define FORM_HINTS_SHORT 2 /* the last ones */

static int form_key(struct app *a, wint_t ch, int is_key)
{
	struct form *f = &a->form;
	if (keymap_run(&form_keymap, a, ch, is_key))
		return 1;
	if (f->prefilled[f->field] && !is_key && ch >= 0x20 && ch != 0x7F)
		line_set(&f->value[f->field], NULL); /* typing over a default replaces it */
	f->prefilled[f->field] = 0;
	if (line_key(&f->value[f->field], ch, is_key) == LINE_CHANGED)
		f->problem[f->field][0] = '\0';
	return 1; /* the form has the keyboard */
}

/* The form: a box of the fields, scrolled to the focused one when they do not all fit; on a
 * narrow screen each label above its value. */
static void form_draw(struct app *a)
{
	struct form *f = &a->form;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	int w = COLS - 2 < 90 ? COLS - 2 : 90, x = (COLS - w) / 2, lw = 0, y, cy = -1, cx = 0;
	int h = 2 * FF_COUNT_ + 2, fit, vx, vw, stacked, more_above, more_below, hw;
	struct strbuf hints = STRBUF_INIT;

	if (h > LINES)
		h = LINES;
	y = (LINES - h) / 2;
	for (int i = 0; i < FF_COUNT_; i++)
		if (text_width(label(l, field_labels[i])) > lw)
			lw = text_width(label(l, field_labels[i]));
	vx = x + 3 + lw + 2;
	vw = w - (vx - x) - 2;
	stacked = vw < 10; /* no room beside the labels */
	if (stacked) {
		vx = x + 2;
		vw = w - 4;
	}
	/* Two rows a field (its value, then its problem) between the title and the hints; a failed
	 * write is said on the last problem row, which no field's problem is on then (a write is
	 * tried only once every field is right). */
	fit = (h - 2) / 2 < 1 ? 1 : (h - 2) / 2 > FF_COUNT_ ? FF_COUNT_ : (h - 2) / 2;
	if (f->field < f->first)
		f->first = f->field;
	if (f->field >= f->first + fit)
		f->first = f->field - fit + 1;
	if (f->first > FF_COUNT_ - fit)
		f->first = FF_COUNT_ - fit;
	more_above = f->first > 0;
	more_below = f->first + fit < FF_COUNT_;
	erase();
	draw_box(y, x, h, w, theme(TH_BORDER));
	draw_text(y, x + 2, w - 4 - 2 * more_above, label(l, f->editing ? L_FORM_EDIT : L_FORM_ADD), theme(TH_TITLE));
	for (int k = 0; k < fit; k++) {
		int i = f->first + k, row = y + 1 + 2 * k, vrow = stacked ? row + 1 : row, col, lcol;
		int focused = i == f->field;
		lcol = draw_text(row, x + 2, stacked ? w - 4 : lw + 1, label(l, field_labels[i]),
				 focused ? theme(TH_EM) : A_NORMAL);
		draw_fill(vrow, vx, vw, focused ? theme(TH_SELECTED_DIM) : theme(TH_DIM) | A_UNDERLINE);
		line_draw(&f->value[i], vrow, vx, vw, focused ? theme(TH_SELECTED_DIM) : A_NORMAL, &col);
		if (focused) {
			cy = vrow;
			cx = col;
		}
		if (f->problem[i][0] && stacked) /* beside its label */
			draw_text(row, x + 2 + lcol + 1, w - 4 - lcol - 1, f->problem[i], theme(TH_ERROR));
		else if (f->problem[i][0])
			draw_text(row + 1, vx, vw, f->problem[i], theme(TH_ERROR));
	}
	if (more_above)
		draw_text(y, x + w - 3, 1, "\xE2\x86\x91", theme(TH_EM)); /* ↑: fields above */
	if (more_below)
		draw_text(y + h - 1, x + w - 3, 1, "\xE2\x86\x93", theme(TH_EM)); /* ↓: fields below */
	if (f->message[0] && !stacked)
		draw_text(y + h - 2, x + 2, w - 4, f->message, theme(TH_ERROR));
	hw = w - 4 - 2 * more_below;
	hints_text(&hints, &form_keymap, form_hints, sizeof form_hints / sizeof form_hints[0], l, " \xC2\xB7 ");
	if (f->message[0] && stacked) { /* the last row is a value's: said where the hints go */
		strbuf_reset(&hints);
		strbuf_adds(&hints, f->message);
	} else if (text_width(hints.buf) > hw) {
		strbuf_reset(&hints);
		hints_text(&hints, &form_keymap, form_hints + sizeof form_hints / sizeof form_hints[0] - FORM_HINTS_SHORT,
			   FORM_HINTS_SHORT, l, " \xC2\xB7 ");
	}
	draw_text(y + h - 1, x + 2, hw, hints.buf, theme(f->message[0] && stacked ? TH_ERROR : TH_DIM));
	strbuf_release(&hints);
	if (cy >= 0)
		place_cursor(a, cy, cx);
}

const struct pane_ops form_pane = { form_draw, form_key, NULL, form_release };

/* ---- prompts and bookmarks ------------------------------------------------------------------- */

/* Bookmarks and notes are kept by status code (the user's database has no place for them on
 * a business error): on one, say so rather than mark its status unasked. 1 if not one. */
static int business_error_refused(struct app *a)
{
	char status[16];
	if (a->dkind != DETAIL_MAPPING)
		return 1;
	snprintf(status, sizeof status, "%03d", a->dmapping.http_status);
	if (a->dmapping.http_status)
		snprintf(a->message, sizeof a->message, msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_MARK_STATUS_ONLY),
			 a->dmapping.error_code, status);
	else
		snprintf(a->message, sizeof a->message, msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_MARK_NO_STATUS),
			 a->dmapping.error_code);
	return 0;
}

void delete_open(struct app *a)
{
	if (!is_users(a)) {
		snprintf(a->message, sizeof a->message, "%s",
			 msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_NOT_YOUR_MAPPING));
		return;
	}
	overlay_push(a, &delete_pane);
}

void note_open(struct app *a)
{
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	char *note;
	if (!business_error_refused(a))
		return;
	a->note_code = shown_code(a);
	if (a->note_code < 0) {
		snprintf(a->message, sizeof a->message, "%s", msg(l, MSG_NO_CODE_HERE));
		return;
	}
	if (store_note(a->st, a->note_code, &note) < 0) { /* a note unread is never written over */
		say_db_error(a);
		return;
	}
	a->note.max = 4000;
	line_set(&a->note, note);
	free(note);
	overlay_push(a, &note_pane);
}

static void save_note(struct app *a)
{
	struct session_write w;
	struct hc_err err;
	char code[16];
	int rc;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	if (!begin(a, &w))
		return;
	rc = store_tx_note(w.tx, a->note_code, line_text(&a->note), &err);
	if (finish(a, &w, rc, &err, NULL) == 0) {
		snprintf(code, sizeof code, "%03d", a->note_code);
		snprintf(a->message, sizeof a->message, msg(l, MSG_NOTE_SAVED), code);
	}
}

static void delete_shown(struct app *a)
{
	struct user_row key = { 0 };
	struct session_write w;
	struct hc_err err;
	char name[200];
	int rc;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	if (!begin(a, &w))
		return;
	key.f[UF_team] = a->dmapping.team;
	key.f[UF_product] = a->dmapping.product;
	key.f[UF_error_code] = a->dmapping.error_code;
	snprintf(name, sizeof name, "%s", a->dmapping.error_code);
	rc = store_tx_remove(w.tx, &key, &err);
	if (finish(a, &w, rc, &err, NULL) == 0) { /* the list without it, on the row after it */
		snprintf(a->message, sizeof a->message, msg(l, MSG_REMOVED), name);
		if (a->mode == LIST_CODES) {
			detail_show_code(a, a->dmapping.http_status);
		} else {
			detail_show_selected(a);
			a->focus = 0;
		}
	}
}

static void delete_yes(struct app *a, wint_t ch)
{
	(void)ch;
	overlay_close(a, &delete_pane);
	delete_shown(a);
}

static const struct binding delete_keys[] = {
	{ { KCH('y'), KCH('Y') }, delete_yes, { "delete it (any other key keeps it)", "删除（其他键保留）" } },
};
const struct keymap delete_keymap = { delete_keys, sizeof delete_keys / sizeof delete_keys[0] };

static int delete_key(struct app *a, wint_t ch, int is_key)
{
	if (!keymap_run(&delete_keymap, a, ch, is_key))
		overlay_close(a, &delete_pane);
	return 1;
}

static void note_save(struct app *a, wint_t ch)
{
	(void)ch;
	save_note(a); /* before the pane, and the note with it, is released */
	overlay_close(a, &note_pane);
}

static void note_cancel(struct app *a, wint_t ch)
{
	(void)ch;
	overlay_close(a, &note_pane);
}

static const struct binding note_keys[] = {
	{ { KCH('\r'), KCH('\n'), KKEY(KEY_ENTER) }, note_save, { "save the note", "保存笔记" } },
	{ { KCH(27) }, note_cancel, { "cancel", "取消" } },
};
const struct keymap note_keymap = { note_keys, sizeof note_keys / sizeof note_keys[0] };

static int note_key(struct app *a, wint_t ch, int is_key)
{
	if (!keymap_run(&note_keymap, a, ch, is_key))
		line_key(&a->note, ch, is_key);
	return 1;
}

/* A question on the status bar; a long one leaves room for the answer. Returns its width. */
static int ask(const char *question, int room)
{
	draw_fill(LINES - 1, 0, COLS, theme(TH_BAR));
	return draw_text(LINES - 1, 0, COLS - room, question, theme(TH_BAR_KEY));
}

static void note_draw(struct app *a)
{
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	char what[300], code[16];
	int col, cx;
	snprintf(code, sizeof code, "%03d", a->note_code);
	snprintf(what, sizeof what, label(l, L_NOTE_PROMPT), code);
	col = ask(what, 12);
	line_draw(&a->note, LINES - 1, col, COLS - col, theme(TH_BAR), &cx);
	place_cursor(a, LINES - 1, cx < COLS ? cx : COLS - 1);
}

static void delete_draw(struct app *a)
{
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	char what[300];
	int col;
	snprintf(what, sizeof what, label(l, L_DELETE_PROMPT), a->dmapping.error_code);
	col = ask(what, 0);
	place_cursor(a, LINES - 1, col < COLS ? col : COLS - 1);
}

static void note_release(struct app *a)
{
	line_release(&a->note);
}

const struct pane_ops note_pane = { note_draw, note_key, NULL, note_release };
const struct pane_ops delete_pane = { delete_draw, delete_key, NULL, NULL };

void toggle_bookmark(struct app *a)
{
	int code = shown_code(a), on, rc;
	struct session_write w;
	struct hc_err err;
	char name[16];
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	if (code < 0) {
		snprintf(a->message, sizeof a->message, "%s", msg(l, MSG_NO_CODE_HERE));
		return;
	}
	if (!business_error_refused(a))
		return;
	on = store_bookmarked(a->st, code);
	if (on < 0) {
		say_db_error(a);
		return;
	}
	on = !on;
	if (!begin(a, &w))
		return;
	rc = store_tx_bookmark(w.tx, code, on, &err);
	if (finish(a, &w, rc, &err, NULL) == 0) {
		snprintf(name, sizeof name, "%03d", code);
		snprintf(a->message, sizeof a->message, msg(l, on ? MSG_BOOKMARKED : MSG_UNBOOKMARKED), name);
	}
}
