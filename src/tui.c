/* The terminal browser: the app loop, the layout and the overlay stack, and the terminal's
 * manners (resize, signals, restore on every way out). The panes are in tui_*.c. */
#include "tui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui_int.h"

#define MIN_COLS 30
#define MIN_LINES 8
#define WIDE_COLS 80    /* side by side from this width (the most common size); stacked below */
#define SIDE_COLS 60    /* side by side asked for (v): from this width, a list of 30 columns */

static volatile sig_atomic_t got_signal;
static int curses_on;

/* For a way out from inside a signal handler, where curses cannot be called: the terminal's
 * modes from before curses, and the bytes that leave its full-screen mode. */
static struct termios tty_before;
static int have_tty_before;
static char leave_seq[64];
static size_t leave_len;

/* The terminal as it was, at once, with nothing allocated (from a signal handler, or when
 * memory has run out): leave the alternate screen, show the cursor, the tty's mode from before. */
static void put_terminal_back(void)
{
	if (leave_len)
		(void)!write(STDOUT_FILENO, leave_seq, leave_len);
	if (have_tty_before)
		tcsetattr(STDIN_FILENO, TCSANOW, &tty_before);
}

/* The first INT or TERM asks the loop to end (a running statement stops too: store_watch).
 * A second one, or a hangup (the terminal is gone), ends the program at once, whatever it is
 * doing: the terminal is put back as it was; SQLite's journal undoes a half-done write. */
static void on_signal(int sig)
{
	if (sig == SIGHUP || got_signal) {
		put_terminal_back();
		_exit(128 + sig);
	}
	got_signal = sig;
}

/* Keep what on_signal needs: rmcup (leave the alternate screen), cnorm (show the cursor). */
static void keep_leave_seq(void)
{
	static const char *const caps[] = { "sgr0", "cnorm", "rmcup" };
	static const char paste_off[] = "\033[?2004l"; /* bracketed paste, which we turn on */
	memcpy(leave_seq, paste_off, sizeof paste_off);
	leave_len = sizeof paste_off - 1;
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		const char *s = tigetstr(caps[i]);
		size_t n = s && s != (char *)-1 ? strlen(s) : 0;
		if (n && leave_len + n < sizeof leave_seq) {
			memcpy(leave_seq + leave_len, s, n + 1); /* its NUL too: there is room */
			leave_len += n;
		}
	}
}

/* The keys the tty driver would keep for itself: with IXON it takes Ctrl-S and Ctrl-Q for flow
 * control (Ctrl-S stops the output: the form's "save" froze the screen). ISIG stays, so Ctrl-C
 * is still SIGINT and Ctrl-Z still suspends. The mode is made curses' program mode, which it
 * sets again after a suspend; endwin, and on_signal, give back the mode from before. */
static void take_flow_keys(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)IXON;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

/* Whatever ends the program, the terminal is given back first. */
static void restore_terminal(void)
{
	if (curses_on) {
		if (have_tty_before)
			putp("\033[?2004l"); /* bracketed paste off */
		endwin();
		curses_on = 0;
		die_oom_at(NULL);
	}
}

/* ---- layout and drawing ------------------------------------------------------------------- */

static void layout(struct app *a)
{
	int h = LINES - 2;
	a->head = (struct rect){ 0, 0, 1, COLS };
	a->bar = (struct rect){ LINES - 1, 0, 1, COLS };
	a->wide = a->layout == LAYOUT_STACKED ? 0 : COLS >= (a->layout == LAYOUT_SIDE ? SIDE_COLS : WIDE_COLS);
	if (a->wide) {
		int lw = COLS * 2 / 5;
		lw = lw < 30 ? 30 : lw > 64 ? 64 : lw;
		a->list = (struct rect){ 1, 0, h, lw };
		a->detail = (struct rect){ 1, lw + 1, h, COLS - lw - 1 };
	} else {
		int lh = h * 2 / 5 < 3 ? 3 : h * 2 / 5;
		a->list = (struct rect){ 1, 0, lh, COLS };
		a->detail = (struct rect){ 1 + lh + 1, 0, h - lh - 1, COLS };
	}
}

struct wrap_to_screen {
	int y;
};

static void small_line(const char *line, void *ctx)
{
	struct wrap_to_screen *w = ctx;
	if (w->y < LINES)
		draw_text(w->y++, 0, COLS, line, theme(TH_PROMPT));
}

static void draw_too_small(struct app *a)
{
	char need[32], text[320];
	struct wrap_to_screen w = { 0 };
	snprintf(need, sizeof need, "%dx%d", MIN_COLS, MIN_LINES);
	if (a->lang == LANG_BOTH) {
		int n = snprintf(text, sizeof text, msg(LANG_EN, MSG_TOO_SMALL), need);
		text[n++] = '\n';
		snprintf(text + n, sizeof text - (size_t)n, msg(LANG_ZH, MSG_TOO_SMALL), need);
	} else {
		snprintf(text, sizeof text, msg(a->lang, MSG_TOO_SMALL), need);
	}
	erase();
	text_wrap(text, COLS, small_line, &w); /* into whatever there is, even one cell */
}

void overlay_close(struct app *a, const struct pane_ops *p)
{
	int i = 0;
	while (i < a->noverlay && a->overlay[i] != p)
		i++;
	while (a->noverlay > i) { /* p, and what was opened over it */
		const struct pane_ops *top = a->overlay[--a->noverlay];
		if (top->release)
			top->release(a);
	}
}

void overlay_push(struct app *a, const struct pane_ops *p)
{
	overlay_close(a, p); /* once on the stack */
	if (a->noverlay < OVERLAYS)
		a->overlay[a->noverlay++] = p;
}

int overlay_is_open(const struct app *a, const struct pane_ops *p)
{
	for (int i = 0; i < a->noverlay; i++)
		if (a->overlay[i] == p)
			return 1;
	return 0;
}

void place_cursor(struct app *a, int y, int x)
{
	a->cursor_y = y;
	a->cursor_x = x;
}

/* The list and the detail tile the screen; the focused one takes the keys no overlay took. */
static const struct pane_ops *const tiles[] = { &list_pane, &detail_pane };

/* The frame between the tiles: a rule beside the list, or under it. */
static void draw_frame(struct app *a)
{
	if (a->wide) {
		for (int y = a->list.y; y < a->list.y + a->list.h; y++)
			draw_text(y, a->list.w, 1, "\xE2\x94\x82", theme(TH_BORDER));
	} else {
		struct strbuf rule = STRBUF_INIT;
		for (int i = 0; i < COLS; i++)
			strbuf_adds(&rule, "\xE2\x94\x80");
		draw_text(a->list.y + a->list.h, 0, COLS, rule.buf, theme(TH_BORDER));
		strbuf_release(&rule);
	}
}

/* Bottom to top: the tiles, then each overlay over them; the top one places the cursor. */
static void draw(struct app *a)
{
	erase();
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		curs_set(0);
		draw_too_small(a);
		return;
	}
	bar_draw_tabs(a);
	for (size_t i = 0; i < sizeof tiles / sizeof tiles[0]; i++)
		tiles[i]->draw(a);
	draw_frame(a);
	bar_draw(a);
	a->cursor_y = -1;
	for (int i = 0; i < a->noverlay; i++) {
		a->cursor_y = -1;
		a->overlay[i]->draw(a);
	}
	curs_set(a->cursor_y >= 0);
	if (a->cursor_y >= 0)
		move(a->cursor_y, a->cursor_x);
}

static void resize(struct app *a)
{
	layout(a);
	for (size_t i = 0; i < sizeof tiles / sizeof tiles[0]; i++)
		if (tiles[i]->resize)
			tiles[i]->resize(a);
	for (int i = 0; i < a->noverlay; i++)
		if (a->overlay[i]->resize)
			a->overlay[i]->resize(a);
}

/* A key goes down the overlays from the top until one takes it, then to the focused tile. */
static void handle(struct app *a, wint_t ch, int is_key)
{
	a->message[0] = '\0';
	if (is_key && ch == KEY_RESIZE) {
		resize(a);
		return;
	}
	for (int i = a->noverlay - 1; i >= 0; i--)
		if (a->overlay[i]->key(a, ch, is_key))
			return;
	tiles[a->focus == 1]->key(a, ch, is_key);
}

/* ---- running ------------------------------------------------------------------------------ */

static int load(struct app *a)
{
	if (store_status_range(a->st, 0, 999, &a->statuses) < 0 ||
	    store_meanings(a->st, -1, &a->meanings) < 0 || store_sources(a->st, &a->sources) < 0)
		return -1;
	list_build(a);
	detail_show_selected(a);
	return 0;
}

static void app_release(struct app *a)
{
	overlay_close(a, a->noverlay ? a->overlay[0] : NULL); /* each released */
	for (size_t i = 0; i < sizeof tiles / sizeof tiles[0]; i++)
		tiles[i]->release(a);
	free(a->rows);
	hc_status_list_release(&a->statuses);
	hc_meaning_list_release(&a->meanings);
	hc_source_list_release(&a->sources);
	hc_mapping_list_release(&a->mappings);
	hc_hit_list_release(&a->hits);
	line_release(&a->query);
	session_close(&a->session);
	a->st = NULL;
}

/* Columns or lines beyond what any terminal shows: curses would allocate its screens for them
 * (COLUMNS=30000 LINES=30000 is gigabytes). */
#define MAX_TERM_SIZE 1000

/* Drop COLUMNS or LINES when it is beyond any terminal, so that curses asks the terminal
 * itself; what was dropped is added to ignored, for the status bar. */
static void drop_huge_size(const char *name, char *ignored, size_t size)
{
	const char *v = getenv(name);
	struct strbuf shown = STRBUF_INIT;
	size_t len = strlen(ignored);
	long n;

	if (!v)
		return;
	errno = 0;
	n = strtol(v, NULL, 10);
	if (n <= MAX_TERM_SIZE && errno != ERANGE)
		return;
	text_truncate(&shown, v, 12); /* control characters become '?' */
	snprintf(ignored + len, size - len, "%s%s=%s", len ? " " : "", name, strbuf_str(&shown));
	strbuf_release(&shown);
	unsetenv(name);
}

/* What the first screen says about the user's own file, when it is not all there (before
 * anything else it has to say): locked, or from a newer httpcodes. */
static void user_notice(struct app *a)
{
	if (session_said(&a->session, MSG_USER_DB_LOCKED) || session_said(&a->session, MSG_USER_DB_NEWER))
		notice_text(a->lang, &a->session.notice, a->message, sizeof a->message);
}

/* Has the terminal gone (its other end closed, without the hangup signal: a killed terminal
 * under a tracer, a pty whose master was dropped)? Reads then end at once with nothing, and the
 * loop would spin on them. */
static int terminal_gone(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	return poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* ---- settings ------------------------------------------------------------------------------ */

static const char *const theme_names[] = { "auto", "dark", "light", "mono" };
static const char *const layout_names[] = { "auto", "side", "stacked" };

static int name_index(const char *const *names, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], v) == 0)
			return (int)i;
	return 0;
}

/* COLORFGBG ("15;0", "0;default;15"), which rxvt and Konsole set: its last number is the
 * background, light from 7 on but for 8 (dark grey). -1 when it is not set. */
static int colorfgbg_light(void)
{
	const char *v = getenv("COLORFGBG"), *last;
	long bg;
	if (!v || !*v)
		return -1;
	last = strrchr(v, ';');
	last = last ? last + 1 : v;
	if (*last < '0' || *last > '9')
		return -1;
	bg = strtol(last, NULL, 10);
	return bg == 7 || (bg >= 9 && bg <= 15);
}

static void settings_start(struct app *a, const struct options *o)
{
	a->theme = (enum theme_choice)name_index(theme_names, 4, o->config.value[CFG_THEME]);
	a->layout = (enum layout_choice)name_index(layout_names, 3, o->config.value[CFG_LAYOUT]);
	a->bg_light = colorfgbg_light();
	theme_init(a->color, a->theme, a->bg_light);
	if (o->config.bad_line)
		config_problem(o, a->message, sizeof a->message);
}

/* Keep a setting; say so, or say that it could not be kept. */
static void keep(struct app *a, enum config_key key, const char *value, enum msg_id said, const char *shown)
{
	char *path;
	if (!a->tty && !getenv("XDG_CONFIG_HOME")) /* a key script writes only where it is told */
		return;
	if (config_write(key, value) == 0) {
		if (said != MSG_COUNT_)
			snprintf(a->message, sizeof a->message, msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, said), shown);
		return;
	}
	path = config_path();
	snprintf(a->message, sizeof a->message, msg(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_CONFIG_SAVE_FAILED),
		 path ? path : "~/.config/httpcodes/config");
	free(path);
}

void settings_theme_next(struct app *a)
{
	static const enum label_id names[] = { L_THEME_AUTO, L_THEME_DARK, L_THEME_LIGHT, L_THEME_MONO };
	a->theme = (enum theme_choice)((a->theme + 1) % 4);
	theme_init(a->color, a->theme, a->bg_light);
	keep(a, CFG_THEME, theme_names[a->theme], MSG_THEME_NOW, label(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, names[a->theme]));
}

void settings_layout_next(struct app *a)
{
	static const enum label_id names[] = { L_LAYOUT_AUTO, L_LAYOUT_SIDE, L_LAYOUT_STACKED };
	a->layout = (enum layout_choice)((a->layout + 1) % 3);
	resize(a);
	keep(a, CFG_LAYOUT, layout_names[a->layout], MSG_LAYOUT_NOW,
	     label(a->lang == LANG_ZH ? LANG_ZH : LANG_EN, names[a->layout]));
}

void settings_save_lang(struct app *a)
{
	keep(a, CFG_LANG, a->lang == LANG_ZH ? "zh" : a->lang == LANG_EN ? "en" : "both", MSG_COUNT_, NULL);
}

void settings_background(struct app *a, int light)
{
	a->bg_light = light;
	if (a->theme == THEME_AUTO)
		theme_init(a->color, a->theme, a->bg_light);
}

int tui_run(const struct options *o)
{
	struct app a;
	struct script script;
	const char *term = getenv("TERM");
	FILE *in = NULL, *out = NULL;
	SCREEN *screen;
	struct sigaction sa;
	char ignored[64] = "";

	memset(&a, 0, sizeof a);
	a.lang = o->lang;
	a.query = (struct line_editor)LINE_EDITOR_INIT(512);
	a.tty = !script_start(&script);
	a.links = a.tty && terminal_links(1);
	a.links_due = 1;
	if (!a.tty) {
		/* No terminal: a virtual screen of the asked size, output thrown away. */
		if (!term || !*term)
			term = "xterm-256color";
		in = fopen("/dev/null", "r");
		out = fopen("/dev/null", "w");
	} else if (!term || !*term || strcmp(term, "dumb") == 0) {
		report(stderr, o->lang, MSG_NO_TERMINAL, term);
		return EXIT_TROUBLE;
	}
	if (session_open(&a.session, o) < 0) {
		notice_report(stderr, o->lang, &a.session.notice);
		session_close(&a.session);
		return EXIT_TROUBLE;
	}
	notice_report(stderr, o->lang, &a.session.notice); /* said before the screen takes over */
	a.st = a.session.st;
	/* A status's detail lists the first 100 of the user's own business errors with it, and
	 * says how many more: the pane is rebuilt at every keystroke that moves the selection. */
	store_set_detail_max(a.st, 100);
	drop_huge_size("COLUMNS", ignored, sizeof ignored);
	drop_huge_size("LINES", ignored, sizeof ignored);
	if (a.tty)
		have_tty_before = tcgetattr(STDIN_FILENO, &tty_before) == 0;
	/* From here on the screen is ours: a migration (another httpcodes's older file, later)
	 * is not said on stderr across it. */
	store_on_slow_migration(NULL, NULL);
	screen = newterm(term, out ? out : stdout, in ? in : stdin);
	if (!screen) {
		report(stderr, o->lang, MSG_NO_TERMINAL, term);
		session_close(&a.session);
		return EXIT_TROUBLE;
	}
	if (a.tty)
		keep_leave_seq();
	curses_on = 1;
	atexit(restore_terminal);
	die_oom_at(put_terminal_back);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	store_watch(&got_signal); /* a signal also stops a statement that runs long */

	cbreak();
	noecho();
	nonl();
	if (a.tty)
		take_flow_keys();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	/* Bracketed paste: a paste anywhere opens the paste area with it, whole (tui_explain.c). */
	if (a.tty) {
		putp("\033[?2004h");
		fflush(stdout);
	}
	{
		const char *nc = getenv("NO_COLOR"); /* set but empty counts as unset (no-color.org) */
		a.color = has_colors() && !(nc && *nc);
		if (a.color) {
			start_color();
			use_default_colors();
		}
		settings_start(&a, o);
	}
	if (load(&a) < 0) {
		restore_terminal();
		if (got_signal) {
			app_release(&a);
			return 128 + got_signal;
		}
		report_err(stderr, o->lang, MSG_DB_ERROR, NULL, store_err(a.st));
		app_release(&a);
		return EXIT_TROUBLE;
	}
	if (*ignored) /* said on the first screen */
		snprintf(a.message, sizeof a.message, msg(a.lang == LANG_ZH ? LANG_ZH : LANG_EN, MSG_SIZE_IGNORED),
			 ignored);
	user_notice(&a);
	timeout(0);
	keys_init();
	if (a.tty && a.color && a.theme == THEME_AUTO && a.bg_light < 0)
		keys_ask_background(); /* answered among the keys; the theme follows when it is */
	resize(&a); /* the first layout */
	if (o->query) /* httpcodes -i QUERY: the search line holds it, its results shown */
		search_begin_with(&a, o->query);

	while (!a.quit && !got_signal) {
		wint_t ch;
		int rc, is_key;

		draw(&a);
		if (!a.tty) {
			/* The next key only now that the previous one is fully handled and drawn. */
			rc = script_next(&script, &ch, &is_key);
			if (rc == 0)
				break;
		} else {
			refresh();
			if (a.links && a.links_due && !a.noverlay && !(COLS < MIN_COLS || LINES < MIN_LINES))
				detail_links_out(&a, stdout);
			a.links_due = 0;
			rc = keys_get(&ch, &is_key, 250); /* wake now and then to notice a signal */
			if (keys_background() >= 0 && keys_background() != a.bg_light) {
				settings_background(&a, keys_background());
				a.links_due = 1; /* the cells drawn again in the new colours, without their links */
			}
			if (!rc) {
				if (terminal_gone())
					got_signal = SIGHUP; /* as a hangup: the terminal is not coming back */
				continue;
			}
			a.links_due = 1;
		}
		handle(&a, ch, is_key);
	}
	if (!a.tty)
		script_end();
	restore_terminal();
	delscreen(screen);
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	app_release(&a);
	if (got_signal)
		return 128 + got_signal;
	return EXIT_FOUND;
}
