/* Keys from the terminal. curses decodes the sequences terminfo names; a CSI or SS3 sequence it
 * does not know (tmux sends ESC [ 4 ~ for End whatever TERM says) is read here whole, and
 * either named (Home, End, the arrows and Ctrl-arrows as xterm, screen and tmux send them) or
 * dropped: never split into keys, where its bytes would run as commands. */
#include "tui_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* How long the rest of a sequence may take once it has begun: its bytes come in one write. */
#define SEQ_MS 50
/* A sequence longer than this is not one a key sends: it is read to its end and dropped. */
#define SEQ_MAX 32

struct key_event {
	wint_t ch;
	int is_key;
};

/* Keys read while waiting for the terminal's answer, given out before anything new. */
#define PENDING 64
static struct key_event pending[PENDING];
static int npending;

/* The terminal's answer to "what are you" (DA1): 0 not yet, 1 without OSC 52, 2 with it. */
static int da1;
/* Its answer to "what is your background" (OSC 11): -1 none yet, 0 dark, 1 light. */
static int background = -1;
/* When it was asked (ms, CLOCK_MONOTONIC), or 0: while the answer may still come, an Esc waits
 * a little for what follows it, so that an answer split in two is not read as keys. */
static long background_asked;
static long now_ms(void);
#define ANSWER_WAIT_MS 2000

/* Curses' codes for the modified keys terminfo names (xterm's kLFT5 and the like). */
static const struct {
	const char *cap;
	wint_t key;
} named[] = {
	{ "kLFT5", TK_CTRL_LEFT }, { "kRIT5", TK_CTRL_RIGHT }, { "kHOM3", KEY_HOME }, { "kHOM5", KEY_HOME },
	{ "kEND3", KEY_END },      { "kEND5", KEY_END },
};
static int named_code[sizeof named / sizeof named[0]];

void keys_init(void)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		const char *s = tigetstr(named[i].cap);
		named_code[i] = s && s != (char *)-1 ? key_defined(s) : 0;
	}
	npending = 0;
	da1 = 0;
	background = -1;
	background_asked = 0;
}

static int next_byte(wint_t *c, int ms);

void keys_ask_background(void)
{
	fputs("\033]11;?\033\\", stdout);
	fflush(stdout);
	background_asked = now_ms();
}

int keys_background(void)
{
	return background;
}

/* One colour of rgb:RRRR/GGGG/BBBB (1 to 4 hex digits each) as 0..1, or -1. */
static double channel(const char **p)
{
	unsigned v = 0;
	int n = 0;
	while (n < 4 && ((**p >= '0' && **p <= '9') || ((**p | 0x20) >= 'a' && (**p | 0x20) <= 'f'))) {
		v = v * 16 + (unsigned)(**p <= '9' ? **p - '0' : (**p | 0x20) - 'a' + 10);
		(*p)++;
		n++;
	}
	if (!n)
		return -1;
	if (**p == '/')
		(*p)++;
	return v / (double)((1u << (4 * n)) - 1);
}

/* "11;rgb:ffff/ffff/ffff": light when its luminance is over half. */
static void note_background(const char *s)
{
	double r, g, b;
	if (strncmp(s, "11;rgb:", 7) != 0)
		return;
	s += 7;
	r = channel(&s);
	g = channel(&s);
	b = channel(&s);
	if (r >= 0 && g >= 0 && b >= 0)
		background = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5;
}

/* After ESC ]: an operating system command, up to BEL or ESC \\, read whole; only the answer
 * about the background is kept. */
static void read_osc(void)
{
	char buf[SEQ_MAX * 2 + 1] = { 0 };
	int n = 0;
	for (int i = 0; i < 4096; i++) {
		wint_t c;
		int rc = next_byte(&c, SEQ_MS);
		if (rc != 0)
			return; /* cut short, or a key inside: dropped */
		if (c == 7 || c == 27) {
			if (c == 27)
				(void)next_byte(&c, SEQ_MS); /* the '\\' of ST */
			buf[n < (int)sizeof buf ? n : (int)sizeof buf - 1] = '\0';
			note_background(buf);
			return;
		}
		if (n < (int)sizeof buf - 1)
			buf[n++] = (char)(c < 0x80 ? c : '?');
	}
}

static int next_byte(wint_t *c, int ms)
{
	int rc;
	timeout(ms);
	rc = get_wch(c);
	if (rc == ERR)
		return -1;
	return rc == KEY_CODE_YES ? 1 : 0; /* 1: a curses key came where a byte should */
}

static void push(wint_t ch, int is_key)
{
	if (npending < PENDING)
		pending[npending++] = (struct key_event){ ch, is_key };
}

static int param(const char *p, int n)
{
	int v = 0, i = 0;
	while (i < n && *p) { /* the n-th parameter (from 0), ';'-separated; missing is 0 */
		if (*p++ == ';')
			i++;
	}
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	return v;
}

/* The key a whole CSI (intro '[') or SS3 (intro 'O') sequence names, or 0 if none we use. */
static wint_t name_sequence(char intro, const char *params, char final)
{
	int mod;
	if (*params && (*params < '0' || *params > '9') && *params != ';')
		return 0; /* private ('?', '<', '>'): answers and mouse reports, not keys */
	if (intro == '[' && final == '~') {
		switch (param(params, 0)) {
		case 1: case 7: return KEY_HOME;
		case 4: case 8: return KEY_END;
		case 5: return KEY_PPAGE;
		case 6: return KEY_NPAGE;
		case 200: return TK_PASTE_START; /* bracketed paste (tui_explain.c) */
		case 201: return TK_PASTE_END;
		default: return 0;
		}
	}
	if (intro == 'O' && final == 'M' && !*params)
		return KEY_ENTER; /* the keypad's Enter */
	if (intro == '[' && final == 'Z' && !*params)
		return KEY_BTAB; /* Shift-Tab, for a terminfo without kcbt */
	/* xterm's modifier, 1 + (shift 1, alt 2, ctrl 4): CSI 1 ; 5 D, or in old xterms'
	 * SS3 before the final, ESC O 5 D. */
	mod = intro == 'O' ? param(params, 0) : param(params, 1);
	if (final == 'H' || final == 'F')
		return final == 'H' ? KEY_HOME : KEY_END;
	if (final < 'A' || final > 'D')
		return 0;
	if (mod == 5 && (final == 'C' || final == 'D'))
		return final == 'C' ? TK_CTRL_RIGHT : TK_CTRL_LEFT;
	if (mod > 1)
		return 0;
	return final == 'A' ? KEY_UP : final == 'B' ? KEY_DOWN : final == 'C' ? KEY_RIGHT : KEY_LEFT;
}

/* The terminal's DA1 answer, CSI ? 64 ; 1 ; 52 c: does it list 52 (OSC 52 clipboard)? */
static void note_da1(const char *params)
{
	const char *p = params + 1;
	da1 = 1;
	while (*p) {
		if (param(p, 0) == 52)
			da1 = 2;
		p = strchr(p, ';');
		if (!p)
			break;
		p++;
	}
}

/* After ESC and its intro: read the sequence to its final byte. Returns the key it names (1),
 * or 0 when there is none (dropped, or an answer we noted). */
static int read_sequence(char intro, wint_t *ch)
{
	char params[SEQ_MAX + 1];
	int n = 0;

	for (int i = 0; i < 4096; i++) {
		wint_t c;
		int rc = next_byte(&c, SEQ_MS);
		if (rc < 0)
			return 0; /* cut short: what came is dropped */
		if (rc == 1) { /* a decoded key inside: the sequence was not one */
			push(c, 1);
			return 0;
		}
		if (c >= 0x20 && c <= 0x3F) { /* parameters and intermediates */
			if (n < SEQ_MAX)
				params[n] = (char)c;
			n++; /* too long: read on to the end, then dropped */
			continue;
		}
		if (c >= 0x40 && c <= 0x7E) { /* the final byte */
			wint_t key;
			if (n > SEQ_MAX)
				return 0;
			params[n] = '\0';
			if (intro == '[' && c == 'c' && params[0] == '?') {
				note_da1(params);
				return 0;
			}
			key = name_sequence(intro, params, (char)c);
			if (!key)
				return 0;
			*ch = key;
			return 1;
		}
		return 0; /* a control character or more text: not a sequence, dropped */
	}
	return 0;
}

/* One key from the terminal, within ms (or none): 1 with a key, 0 without. */
static int read_key(wint_t *ch, int *is_key, int ms)
{
	wint_t c;
	int rc;

	timeout(ms);
	rc = get_wch(&c);
	if (rc == ERR)
		return 0;
	if (rc == KEY_CODE_YES) {
		for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
			if (named_code[i] > 0 && c == (wint_t)named_code[i])
				c = named[i].key;
		*ch = c;
		*is_key = 1;
		return 1;
	}
	*ch = c;
	*is_key = 0;
	if (c != 27)
		return 1;
	/* ESC: alone (the Esc key), or the start of a sequence curses did not decode, whose
	 * rest is already here (or, while the terminal's answer is awaited, on its way). */
	rc = next_byte(&c, background < 0 && background_asked && now_ms() - background_asked < ANSWER_WAIT_MS
				   ? SEQ_MS : 0);
	if (rc < 0)
		return 1;
	if (rc == 0 && c == ']') {
		read_osc();
		return 0;
	}
	if (rc == 0 && (c == '[' || c == 'O')) {
		if (!read_sequence((char)c, ch))
			return 0;
		*is_key = 1;
		return 1;
	}
	push(c, rc == 1); /* Esc, then another key (Alt-x): both, in order */
	return 1;
}

int keys_get(wint_t *ch, int *is_key, int ms)
{
	if (npending) {
		*ch = pending[0].ch;
		*is_key = pending[0].is_key;
		memmove(pending, pending + 1, (size_t)--npending * sizeof *pending);
		return 1;
	}
	return read_key(ch, is_key, ms);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int keys_osc52(int ms)
{
	long end;
	if (da1)
		return da1 == 2;
	fputs("\033[c", stdout); /* DA1: every terminal answers; those that take OSC 52 list 52 */
	fflush(stdout);
	end = now_ms() + ms;
	while (!da1 && npending < PENDING) {
		wint_t ch;
		int is_key;
		long left = end - now_ms();
		if (left <= 0)
			break;
		if (read_key(&ch, &is_key, (int)left))
			push(ch, is_key); /* typed meanwhile: kept for later, in order */
	}
	if (!da1)
		da1 = 1; /* no answer: asked once, not again */
	return da1 == 2;
}
