/* config: the user's settings file (config.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
#include "text.h"

static const struct {
	const char *key, *values, *dflt;
} keys[CFG_COUNT_] = {
#define X(id, key, values, dflt) [id] = { key, values, dflt },
	CONFIG_KEYS(X)
#undef X
};

/* A line longer than this is no setting of ours: skipped whole. */
#define LINE_MAX_BYTES 1024

const char *config_key_name(enum config_key key)
{
	return keys[key].key;
}

int config_value_ok(enum config_key key, const char *value)
{
	const char *p = keys[key].values;
	size_t n = strlen(value);
	enum lang l;
	if (!*p)
		return lang_parse(value, &l) == 0;
	while (*p) {
		const char *e = strchr(p, '|');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && strncmp(p, value, n) == 0)
			return 1;
		p += k + (e != NULL);
	}
	return 0;
}

char *config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct strbuf p = STRBUF_INIT;
	if (xdg && *xdg == '/') /* a relative one is to be ignored, as the XDG spec says */
		strbuf_addf(&p, "%s/httpcodes/config", xdg);
	else if (home && *home)
		strbuf_addf(&p, "%s/.config/httpcodes/config", home);
	else
		return NULL;
	return strbuf_detach(&p);
}

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static void note_bad(struct config *c, int lineno, const char *what)
{
	struct strbuf shown = STRBUF_INIT;
	if (c->bad_line)
		return;
	c->bad_line = lineno;
	text_truncate(&shown, what, 40); /* control characters made safe for a terminal */
	snprintf(c->bad, sizeof c->bad, "%s", strbuf_str(&shown));
	strbuf_release(&shown);
}

/* One line: its key (-1: a comment or no known key) and its value, trimmed, in place. */
static int parse_line(char *line, char **value)
{
	char *eq, *k = trim(line);
	if (!*k || *k == '#')
		return -2;
	eq = strchr(k, '=');
	if (!eq)
		return -1;
	*eq = '\0';
	for (char *h = eq + 1; *h; h++)
		if (*h == '#' && (h[-1] == ' ' || h[-1] == '\t')) { /* a comment after the value */
			*h = '\0';
			break;
		}
	*value = trim(eq + 1);
	k = trim(k);
	for (int i = 0; i < CFG_COUNT_; i++)
		if (strcmp(k, keys[i].key) == 0)
			return i;
	return -1;
}

int config_read(struct config *c)
{
	char *path = config_path(), line[LINE_MAX_BYTES];
	FILE *f;
	int lineno = 0;

	memset(c, 0, sizeof *c);
	if (!path)
		return 0;
	f = fopen(path, "r");
	free(path);
	if (!f)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	while (fgets(line, sizeof line, f)) {
		char copy[LINE_MAX_BYTES], *value = NULL;
		int k;
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) { /* too long: skipped to its end */
			int ch;
			while ((ch = fgetc(f)) != EOF && ch != '\n')
				;
			note_bad(c, lineno, "...");
			continue;
		}
		snprintf(copy, sizeof copy, "%s", line);
		k = parse_line(line, &value);
		if (k == -2)
			continue;
		if (k < 0)
			note_bad(c, lineno, trim(copy));
		else if (!config_value_ok((enum config_key)k, value) || strlen(value) >= CONFIG_VALUE_MAX)
			note_bad(c, lineno, value);
		else
			snprintf(c->value[k], sizeof c->value[k], "%s", value);
	}
	fclose(f);
	return 0;
}

/* mkdir -p of the file's directory, private to the user. */
static int make_dirs(const char *path)
{
	char *d = xstrdup(path);
	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0700) < 0 && errno != EEXIST) {
			int e = errno;
			free(d);
			errno = e;
			return -1;
		}
		*p = '/';
	}
	free(d);
	return 0;
}

int config_write(enum config_key key, const char *value)
{
	char *path = config_path(), line[LINE_MAX_BYTES];
	struct strbuf out = STRBUF_INIT, tmp = STRBUF_INIT;
	FILE *f;
	int done = 0, rc = -1, e = 0;

	if (!path) {
		errno = ENOENT;
		return -1;
	}
	f = fopen(path, "r");
	if (f) {
		while (fgets(line, sizeof line, f)) {
			char copy[LINE_MAX_BYTES], *v;
			snprintf(copy, sizeof copy, "%s", line);
			if (parse_line(line, &v) == (int)key) {
				if (!done)
					strbuf_addf(&out, "%s = %s\n", keys[key].key, value);
				done = 1; /* and a second line of the same key goes */
				continue;
			}
			strbuf_adds(&out, copy);
			if (out.len && out.buf[out.len - 1] != '\n')
				strbuf_addch(&out, '\n');
		}
		fclose(f);
	} else {
		strbuf_adds(&out, "# httpcodes settings (man httpcodes, FILES): lang, theme, layout\n");
	}
	if (!done)
		strbuf_addf(&out, "%s = %s\n", keys[key].key, value);
	strbuf_addf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	if (make_dirs(path) == 0 && (f = fopen(tmp.buf, "w")) != NULL) {
		size_t n = fwrite(out.buf, 1, out.len, f);
		int bad = n != out.len || fflush(f) != 0 || fsync(fileno(f)) != 0;
		e = errno;
		if (fclose(f) != 0 && !bad) {
			bad = 1;
			e = errno;
		}
		if (!bad && rename(tmp.buf, path) == 0)
			rc = 0;
		else if (!bad)
			e = errno;
		if (rc < 0)
			unlink(tmp.buf);
	} else {
		e = errno;
	}
	strbuf_release(&out);
	strbuf_release(&tmp);
	free(path);
	errno = e;
	return rc;
}
