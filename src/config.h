/* config: the settings a user chose in the browser (language, theme, layout), kept between runs
 * in a plain `key = value` file: $XDG_CONFIG_HOME/httpcodes/config, else
 * ~/.config/httpcodes/config. Lines starting with '#' and blank lines are comments. */
#ifndef HTTPCODES_CONFIG_H
#define HTTPCODES_CONFIG_H

#include <stddef.h>

/* The settings, defined once: key, the values it takes ('|' between them, "" for any that
 * lang_parse takes), its default. */
#define CONFIG_KEYS(X) \
	X(CFG_LANG, "lang", "", "") \
	X(CFG_THEME, "theme", "auto|dark|light|mono", "auto") \
	X(CFG_LAYOUT, "layout", "auto|side|stacked", "auto")

#define X(id, key, values, dflt) id,
enum config_key { CONFIG_KEYS(X) CFG_COUNT_ };
#undef X

#define CONFIG_VALUE_MAX 16

struct config {
	char value[CFG_COUNT_][CONFIG_VALUE_MAX]; /* "" where the file says nothing */
	/* The first line that could not be read, said once by the caller: its number (0: none),
	 * and what was wrong with it (the key or the value, as written, cut to fit). */
	int bad_line;
	char bad[64];
};

/* The file's path (caller frees), or NULL when neither XDG_CONFIG_HOME nor HOME is set. */
char *config_path(void);
/* Read the file: 0 (also when there is none), -1 when it cannot be read (errno). A line that
 * is not a known key with a good value is skipped and noted in bad_line. */
int config_read(struct config *c);
/* Keep key = value in the file, the other lines as they were: written to a new file, then
 * renamed over the old one, so that a crash leaves one or the other whole. 0, or -1 (errno). */
int config_write(enum config_key key, const char *value);
/* A setting's key as the file spells it ("theme"). */
const char *config_key_name(enum config_key key);
/* Is value one the key takes? */
int config_value_ok(enum config_key key, const char *value);

#endif
