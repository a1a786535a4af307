/* Writing from the browser: the form that adds or edits one of the user's error codes, the
 * prompts for a note and for deleting, and bookmarks. Every change is one transaction on the
 * user's database (store_tx_*), checked by the same rules as the command line (userdata.c). */
#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "userdata.h"

static const enum label_id field_labels[FF_COUNT_] = {
	L_F_ERROR_CODE, L_F_STATUS, L_F_TEAM, L_F_PRODUCT, L_F_MSG_EN, L_F_MSG_ZH, L_F_DESC_EN, L_F_DESC_ZH,
};
static const enum user_field field_columns[FF_COUNT_] = {
	UF_error_code, UF_http_status, UF_team, UF_product, UF_message_en, UF_message_zh,
	UF_description_en, UF_description_zh,
};

int line_edit(struct strbuf *line, wint_t ch, int is_key)
{
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		while (line->len > 0) { /* a whole character, not a byte */
			unsigned char c = (unsigned char)line->buf[--line->len];
			if ((c & 0xC0) != 0x80)
				break;
		}
		if (line->buf)
			line->buf[line->len] = '\0';
		return 1;
	}
	if (!is_key && ch == 21) { /* Ctrl-U */
		strbuf_reset(line);
		return 1;
	}
	if (!is_key && ch >= 0x20 && ch != 0x7F && line->len < 4000) {
		char enc[4];
		strbuf_add(line, enc, utf8_encode((uint32_t)ch, enc));
		return 1;
	}
	return 0;
}

int shown_code(const struct app *a)
{
	if (a->dkind == DETAIL_STATUS || a->dkind == DETAIL_NUMBER)
		return a->dcode;
	if (a->dkind == DETAIL_MAPPING)
		return a->dmapping.http_status;
	return -1;
}

static int is_users(const struct app *a)
{
	return a->dkind == DETAIL_MAPPING && a->dmapping.source &&
	       strncmp(a->dmapping.source, "user:", 5) == 0;
}

/* After a write: make sure the user's database is attached, and show the change at once in
 * the list (selecting want, or what was selected) and in the detail. */
static void after_write(struct app *a, const struct row_id *want)
{
	if (!store_has_user(a->st)) {
		char *path = store_write_path(a->db_path);
		if (path)
			store_attach_user(a->st, path, 0);
		free(path);
	}
	list_refresh(a, want);
	a->doc_width = 0; /* rebuilt on the next draw */
}

static struct store_tx *begin(struct app *a)
{
	char *path = store_write_path(a->db_path), *err = NULL, *aside = NULL;
	struct store_tx *tx = path ? store_tx_begin(path, &err, &aside) : NULL;
	if (aside) /* said now; a later message may replace it, the file stays where it is said */
		snprintf(a->message, sizeof a->message, msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN,
							    MSG_SET_ASIDE), aside);
	free(aside);
	if (!tx) {
		char what[180];
		char local[240];
		snprintf(what, sizeof what, "'%s' (%s)", path ? path : "?", err ? err : "no home directory");
		lang_reasons(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, what, local, sizeof local);
		snprintf(a->message, sizeof a->message, msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN,
							    MSG_CANNOT_SAVE), local);
	}
	free(path);
	free(err);
	return tx;
}

static int finish(struct app *a, struct store_tx *tx, int rc, char *why, const struct row_id *want)
{
	char *err = NULL;
	if (rc == 0 && store_tx_commit(tx, &err) == 0) {
		free(why);
		after_write(a, want);
		return 0;
	}
	if (rc != 0)
		store_tx_rollback(tx);
	{
		char local[240];
		lang_reasons(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, why ? why : err ? err : "?", local,
			     sizeof local);
		snprintf(a->message, sizeof a->message, msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN,
							    MSG_CANNOT_SAVE), local);
	}
	free(why);
	free(err);
	return -1;
}

/* ---- the form ------------------------------------------------------------------------------- */

void form_release(struct app *a)
{
	for (int i = 0; i < FF_COUNT_; i++)
		strbuf_release(&a->form.value[i]);
	memset(&a->form, 0, sizeof a->form);
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
	f->active = 1;
	f->editing = editing;
	if (editing) {
		const struct hc_mapping *m = &a->dmapping;
		const char *vals[FF_COUNT_] = { m->error_code, NULL, m->source + 5, m->product,
						m->message_en, m->message_zh, m->description_en,
						m->description_zh };
		for (int i = 0; i < FF_COUNT_; i++)
			if (vals[i])
				strbuf_adds(&f->value[i], vals[i]);
		strbuf_addf(&f->value[FF_STATUS], "%d", m->http_status);
		snprintf(f->key_team, sizeof f->key_team, "%s", m->source + 5);
		snprintf(f->key_product, sizeof f->key_product, "%s", m->product);
		snprintf(f->key_code, sizeof f->key_code, "%s", m->error_code);
	} else if (shown_code(a) >= 100 && shown_code(a) <= 599) {
		strbuf_addf(&f->value[FF_STATUS], "%d", shown_code(a)); /* the status on show */
		f->prefilled[FF_STATUS] = 1;
	}
}

/* Check, then write; problems are shown beside their fields. */
static void form_save(struct app *a)
{
	struct form *f = &a->form;
	struct user_row r = { 0 }, key = { 0 };
	struct problems p = { 0 };
	struct store_tx *tx;
	struct row_id saved = { ROW_MAPPING, 0, 0, NULL, NULL, NULL };
	struct strbuf source = STRBUF_INIT;
	char *why = NULL;
	int rc, first_bad = FF_COUNT_;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;

	memset(f->problem, 0, sizeof f->problem);
	f->message[0] = '\0';
	for (int i = 0; i < FF_COUNT_; i++) { /* keys in the one form (trimmed), shown as saved */
		struct user_row typed = { 0 };
		userdata_row_set(&typed, field_columns[i], strbuf_str(&f->value[i]));
		strbuf_reset(&f->value[i]);
		strbuf_adds(&f->value[i], typed.f[field_columns[i]]);
		user_row_release(&typed);
		r.f[field_columns[i]] = (char *)strbuf_str(&f->value[i]);
	}
	userdata_check_row(&r, 0, &p, 0);
	for (size_t k = 0; k < p.n; k++) {
		int field = p.items[k].id == MSG_P_NO_ERROR_CODE ? FF_ERROR_CODE
			  : p.items[k].id == MSG_P_BAD_STATUS ? FF_STATUS
			  : p.items[k].id == MSG_P_NO_MESSAGE ? FF_MSG_EN : -1;
		for (int i = 0; field < 0 && i < FF_COUNT_; i++)
			if (strcmp(p.items[k].detail, user_field_names[field_columns[i]]) == 0)
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
	tx = begin(a);
	if (!tx) {
		snprintf(f->message, sizeof f->message, "%s", a->message);
		return;
	}
	if (f->editing) {
		key.f[UF_team] = f->key_team;
		key.f[UF_product] = f->key_product;
		key.f[UF_error_code] = f->key_code;
		rc = store_tx_edit(tx, &key, &r, &why);
	} else {
		rc = store_tx_add(tx, &r, &why);
	}
	if (rc > 0) { /* already there (add), or gone meanwhile (edit) */
		store_tx_rollback(tx);
		snprintf(f->problem[FF_ERROR_CODE], sizeof f->problem[0],
			 msg(l, f->editing ? MSG_NOT_YOURS : MSG_P_EXISTS), strbuf_str(&f->value[FF_ERROR_CODE]));
		f->field = FF_ERROR_CODE;
		free(why);
		return;
	}
	strbuf_addf(&source, "user:%s", strbuf_str(&f->value[FF_TEAM])); /* as store_sources names it */
	saved.source = strbuf_detach(&source);
	saved.product = strdup(strbuf_str(&f->value[FF_PRODUCT]));
	saved.ident = strdup(strbuf_str(&f->value[FF_ERROR_CODE]));
	if (!saved.source || !saved.product || !saved.ident)
		abort();
	rc = finish(a, tx, rc, why, &saved);
	row_id_release(&saved);
	if (rc != 0) {
		snprintf(f->message, sizeof f->message, "%s", a->message);
		return;
	}
	snprintf(a->message, sizeof a->message, msg(l, f->editing ? MSG_EDITED : MSG_ADDED),
		 strbuf_str(&f->value[FF_ERROR_CODE]));
	if (a->mode == LIST_MAPPINGS) { /* its source's list, on its row */
		detail_show_selected(a);
		a->focus = 0;
	} else {
		detail_show_user(a, strbuf_str(&f->value[FF_TEAM]), strbuf_str(&f->value[FF_PRODUCT]),
				 strbuf_str(&f->value[FF_ERROR_CODE]));
		a->focus = 1;
	}
	form_release(a);
}

int form_key(struct app *a, wint_t ch, int is_key)
{
	struct form *f = &a->form;
	if (!f->active)
		return 0;
	if (!is_key && ch == 27) {
		form_release(a);
		return 1;
	}
	if ((is_key && (ch == KEY_DOWN || ch == KEY_ENTER)) || (!is_key && (ch == '\t' || ch == '\r' || ch == '\n'))) {
		if (f->field == FF_COUNT_ - 1 && (ch == '\r' || ch == '\n' || ch == KEY_ENTER))
			form_save(a);
		else
			f->field = (f->field + 1) % FF_COUNT_;
		return 1;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_BTAB)) {
		f->field = (f->field + FF_COUNT_ - 1) % FF_COUNT_;
		return 1;
	}
	if (!is_key && ch == 19) { /* Ctrl-S */
		form_save(a);
		return 1;
	}
	if (f->prefilled[f->field] && !is_key && ch >= 0x20 && ch != 0x7F)
		strbuf_reset(&f->value[f->field]); /* typing over a default replaces it */
	f->prefilled[f->field] = 0;
	if (line_edit(&f->value[f->field], ch, is_key))
		f->problem[f->field][0] = '\0';
	return 1; /* the form has the keyboard */
}

/* The form: a box of the fields, scrolled to the focused one when they do not all fit; on a
 * narrow screen each label above its value. */
void form_draw(struct app *a)
{
	struct form *f = &a->form;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	int w = COLS - 2 < 90 ? COLS - 2 : 90, x = (COLS - w) / 2, lw = 0, y, cy = -1, cx = 0;
	int h = 2 * FF_COUNT_ + 4, fit, vx, vw, stacked, more_above, more_below, hw;
	const char *hints;

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
	/* Two rows a field (its value, then its problem) between the title and the message. */
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
		col = draw_input(vrow, vx, vw, strbuf_str(&f->value[i]), focused ? theme(TH_SELECTED_DIM) : A_NORMAL);
		if (focused) {
			cy = vrow;
			cx = vx + col;
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
	if (f->message[0])
		draw_text(y + h - 2, x + 2, w - 4, f->message, theme(TH_ERROR));
	hw = w - 4 - 2 * more_below;
	hints = label(l, L_FORM_HINTS);
	if (text_width(hints) > hw)
		hints = label(l, L_FORM_HINTS_SHORT);
	draw_text(y + h - 1, x + 2, hw, hints, theme(TH_DIM));
	if (cy >= 0) {
		curs_set(1);
		move(cy, cx);
	}
}

/* ---- prompts and bookmarks ------------------------------------------------------------------- */

/* Bookmarks and notes are kept by status code (the user's database has no place for them on
 * a business error): on one, say so rather than mark its status unasked. 1 if not one. */
static int business_error_refused(struct app *a)
{
	char status[16];
	if (a->dkind != DETAIL_MAPPING)
		return 1;
	snprintf(status, sizeof status, "%03d", a->dmapping.http_status);
	snprintf(a->message, sizeof a->message, msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_MARK_STATUS_ONLY),
		 a->dmapping.error_code, status);
	return 0;
}

void prompt_open(struct app *a, enum prompt_kind kind)
{
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	strbuf_reset(&a->prompt_text);
	if (kind == PROMPT_DELETE && !is_users(a)) {
		snprintf(a->message, sizeof a->message, "%s", msg(l, MSG_NOT_YOUR_MAPPING));
		return;
	}
	if (kind == PROMPT_NOTE) {
		char *note;
		if (!business_error_refused(a))
			return;
		a->prompt_code = shown_code(a);
		if (a->prompt_code < 0) {
			snprintf(a->message, sizeof a->message, "%s", msg(l, MSG_NO_CODE_HERE));
			return;
		}
		note = store_note(a->st, a->prompt_code);
		if (note)
			strbuf_adds(&a->prompt_text, note);
		free(note);
	}
	a->prompt = kind;
}

static void save_note(struct app *a)
{
	struct store_tx *tx = begin(a);
	char *why = NULL, code[16];
	int rc;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	if (!tx)
		return;
	rc = store_tx_note(tx, a->prompt_code, strbuf_str(&a->prompt_text), &why);
	if (finish(a, tx, rc, why, NULL) == 0) {
		snprintf(code, sizeof code, "%03d", a->prompt_code);
		snprintf(a->message, sizeof a->message, msg(l, MSG_NOTE_SAVED), code);
	}
}

static void delete_shown(struct app *a)
{
	struct user_row key = { 0 };
	struct store_tx *tx = begin(a);
	char *why = NULL, name[200];
	int rc;
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	if (!tx)
		return;
	key.f[UF_team] = a->dmapping.source + 5;
	key.f[UF_product] = a->dmapping.product;
	key.f[UF_error_code] = a->dmapping.error_code;
	snprintf(name, sizeof name, "%s", a->dmapping.error_code);
	rc = store_tx_remove(tx, &key, &why);
	if (finish(a, tx, rc, why, NULL) == 0) { /* the list without it, on the row after it */
		snprintf(a->message, sizeof a->message, msg(l, MSG_REMOVED), name);
		if (a->mode == LIST_CODES) {
			detail_show_code(a, a->dmapping.http_status);
		} else {
			detail_show_selected(a);
			a->focus = 0;
		}
	}
}

int prompt_key(struct app *a, wint_t ch, int is_key)
{
	if (a->prompt == PROMPT_NONE)
		return 0;
	if (a->prompt == PROMPT_DELETE) {
		if (!is_key && (ch == 'y' || ch == 'Y'))
			delete_shown(a);
		a->prompt = PROMPT_NONE;
		return 1;
	}
	if (!is_key && ch == 27) {
		a->prompt = PROMPT_NONE;
	} else if ((!is_key && (ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)) {
		a->prompt = PROMPT_NONE;
		save_note(a);
	} else {
		line_edit(&a->prompt_text, ch, is_key);
	}
	return 1;
}

void prompt_draw(struct app *a)
{
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	char what[300];
	int col;
	if (a->prompt == PROMPT_NOTE) {
		char code[16];
		snprintf(code, sizeof code, "%03d", a->prompt_code);
		snprintf(what, sizeof what, label(l, L_NOTE_PROMPT), code);
	} else {
		snprintf(what, sizeof what, label(l, L_DELETE_PROMPT), a->dmapping.error_code);
	}
	draw_fill(LINES - 1, 0, COLS, theme(TH_BAR));
	/* A long question leaves room for the answer. */
	col = draw_text(LINES - 1, 0, a->prompt == PROMPT_NOTE ? COLS - 12 : COLS, what, theme(TH_BAR_KEY));
	if (a->prompt == PROMPT_NOTE) /* scrolled as the search line is: its end in view */
		col += draw_input(LINES - 1, col, COLS - col, strbuf_str(&a->prompt_text), theme(TH_BAR));
	curs_set(1);
	move(LINES - 1, col < COLS ? col : COLS - 1);
}

void toggle_bookmark(struct app *a)
{
	int code = shown_code(a), on, rc;
	struct store_tx *tx;
	char *why = NULL, name[16];
	enum lang l = a->lang == LANG_ZH ? LANG_ZH : LANG_EN;
	if (code < 0) {
		snprintf(a->message, sizeof a->message, "%s", msg(l, MSG_NO_CODE_HERE));
		return;
	}
	if (!business_error_refused(a))
		return;
	on = !store_bookmarked(a->st, code);
	tx = begin(a);
	if (!tx)
		return;
	rc = store_tx_bookmark(tx, code, on, &why);
	if (finish(a, tx, rc, why, NULL) == 0) {
		snprintf(name, sizeof name, "%03d", code);
		snprintf(a->message, sizeof a->message, msg(l, on ? MSG_BOOKMARKED : MSG_UNBOOKMARKED), name);
	}
}
