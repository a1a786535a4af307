#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const messages[][2] = {
#define X(id, en, zh) [id] = { en, zh },
	MESSAGES(X)
#undef X
};

static const char *const labels[][2] = {
#define X(id, en, zh) [id] = { en, zh },
	LABELS(X)
#undef X
};

static const char *const message_singulars[MSG_COUNT_] = {
#define X(id, en) [id] = en,
	MESSAGE_SINGULARS(X)
#undef X
};

static const char *const label_singulars[LABEL_COUNT_] = {
#define X(id, en) [id] = en,
	LABEL_SINGULARS(X)
#undef X
};

const char *msg(enum lang l, enum msg_id id)
{
	return messages[id][l == LANG_ZH];
}

const char *label(enum lang l, enum label_id id)
{
	return labels[id][l == LANG_ZH];
}

const char *msg_n(enum lang l, enum msg_id id, long n)
{
	return l != LANG_ZH && n == 1 && message_singulars[id] ? message_singulars[id] : msg(l, id);
}

const char *label_n(enum lang l, enum label_id id, long n)
{
	return l != LANG_ZH && n == 1 && label_singulars[id] ? label_singulars[id] : label(l, id);
}

enum lang lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
	}
	return LANG_EN;
}

int lang_parse(const char *s, enum lang *out)
{
	if (strcasecmp(s, "en") == 0 || strncasecmp(s, "en_", 3) == 0 || strcasecmp(s, "english") == 0)
		*out = LANG_EN;
	else if (strcasecmp(s, "zh") == 0 || strncasecmp(s, "zh_", 3) == 0 ||
		 strcasecmp(s, "chinese") == 0 || strcmp(s, "中文") == 0)
		*out = LANG_ZH;
	else if (strcasecmp(s, "both") == 0 || strcmp(s, "双语") == 0)
		*out = LANG_BOTH;
	else
		return -1;
	return 0;
}

static const char *const reasons[][2] = {
#define X(en, zh) { en, zh },
	REASONS(X)
#undef X
};

void lang_reasons(enum lang l, const char *in, char *out, size_t outsz)
{
	size_t o = 0;
	if (outsz == 0)
		return;
	while (*in && o + 1 < outsz) {
		size_t k = 0, n = sizeof reasons / sizeof reasons[0];
		if (l == LANG_ZH)
			for (k = 0; k < n; k++)
				if (strncmp(in, reasons[k][0], strlen(reasons[k][0])) == 0)
					break;
		if (l == LANG_ZH && k < n) {
			size_t zl = strlen(reasons[k][1]);
			if (o + zl >= outsz)
				break;
			memcpy(out + o, reasons[k][1], zl);
			o += zl;
			in += strlen(reasons[k][0]);
		} else {
			out[o++] = *in++;
		}
	}
	out[o] = '\0';
}
