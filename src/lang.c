/* lang: the texts in English and Chinese, the user's language, and the one reporter that
 * writes messages in it. */
#include "lang.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

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

enum lang lang_default(const char *configured)
{
	const char *v = getenv("HTTPCODES_LANG"), *p;
	enum lang l;
	if (v && lang_parse(v, &l) == 0)
		return l;
	if (configured && *configured && lang_parse(configured, &l) == 0)
		return l;
	/* LANGUAGE is gettext's list in order of preference, "zh_CN:en_US:en": the first of
	 * ours decides. */
	for (p = getenv("LANGUAGE"); p && *p;) {
		size_t n = strcspn(p, ":");
		if (strncmp(p, "zh", 2) == 0 && n >= 2)
			return LANG_ZH;
		if (strncmp(p, "en", 2) == 0 && n >= 2)
			return LANG_EN;
		p += n + (p[n] == ':');
	}
	return lang_from_env();
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

/* ---- reporting ------------------------------------------------------------------------- */

int lang_shows(enum lang l, enum lang one)
{
	return l == LANG_BOTH || l == one;
}

/* The system errors we put in words: a failed write of the output, a file that cannot be read. */
#define ERRNO_WORDS(X) \
	X(ENOSPC, "no space left on the device", "设备上没有剩余空间") \
	X(EDQUOT, "the disk quota is used up", "磁盘配额已用完") \
	X(EFBIG, "the file is too large", "文件太大") \
	X(EBADF, "standard output is closed or not open for writing", "标准输出已关闭或不可写") \
	X(EIO, "input/output error", "输入输出错误") \
	X(EPIPE, "the pipe was closed by the program reading it", "管道的读取方已关闭") \
	X(EROFS, "the file system is read-only", "文件系统是只读的") \
	X(ENOMEM, "out of memory", "内存不足") \
	X(ENOENT, "no such file or directory", "文件或目录不存在") \
	X(EACCES, "permission denied", "没有访问权限") \
	X(EISDIR, "it is a directory", "这是一个目录") \
	X(ENOTDIR, "a part of the path is not a directory", "路径中有一部分不是目录") \
	X(ENAMETOOLONG, "the name is too long", "文件名太长") \
	X(ELOOP, "too many symbolic links", "符号链接层数太多")

static const struct { int errnum; const char *text[2]; } errno_table[] = {
#define X(e, en, zh) { e, { en, zh } },
	ERRNO_WORDS(X)
#undef X
};

const char *errno_words(enum lang l, int errnum, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof errno_table / sizeof errno_table[0]; i++)
		if (errno_table[i].errnum == errnum)
			return errno_table[i].text[l == LANG_ZH];
	if (l == LANG_ZH) {
		snprintf(buf, size, "系统错误 %d（%s）", errnum, strerror(errnum));
	} else {
		snprintf(buf, size, "%s", strerror(errnum));
		buf[0] = (char)tolower((unsigned char)buf[0]);
	}
	return buf;
}

/* arg made safe to echo in a message: no control characters, at most 200 columns; NULL stays
 * NULL (a message without one). */
static char *echo_arg(const char *arg)
{
	struct strbuf clean = STRBUF_INIT, sb = STRBUF_INIT;
	if (!arg)
		return NULL;
	text_sanitize(&clean, arg, 0);
	text_truncate(&sb, strbuf_str(&clean), 200);
	strbuf_release(&clean);
	return strbuf_detach(&sb);
}

/* One line in language one: "httpcodes: ", the text with arg (or as it is, when arg is NULL),
 * then why (a system error's words) when there is one. */
static void report_line(FILE *f, enum lang one, const char *fmt, const char *arg, const char *why)
{
	fputs("httpcodes: ", f);
	if (arg)
		fprintf(f, fmt, arg);
	else
		fputs(fmt, f);
	if (why) {
		fputs(one == LANG_ZH ? "：" : ": ", f);
		fputs(why, f);
	}
	fputc('\n', f);
}

void report(FILE *f, enum lang l, enum msg_id id, const char *arg)
{
	char *safe = echo_arg(arg);
	if (lang_shows(l, LANG_EN))
		report_line(f, LANG_EN, msg(LANG_EN, id), safe, NULL);
	if (lang_shows(l, LANG_ZH))
		report_line(f, LANG_ZH, msg(LANG_ZH, id), safe, NULL);
	free(safe);
}

void report_n(FILE *f, enum lang l, enum msg_id id, long n)
{
	char num[24];
	snprintf(num, sizeof num, "%ld", n);
	for (int one = LANG_EN; one <= LANG_ZH; one++)
		if (lang_shows(l, (enum lang)one))
			report_line(f, (enum lang)one, msg_n((enum lang)one, id, n), num, NULL);
}

void report_errno(FILE *f, enum lang l, enum msg_id id, const char *arg, int errnum)
{
	char *safe = echo_arg(arg);
	for (int one = LANG_EN; one <= LANG_ZH; one++) {
		char other[160];
		if (lang_shows(l, (enum lang)one))
			report_line(f, (enum lang)one, msg((enum lang)one, id), safe,
				    errno_words((enum lang)one, errnum, other, sizeof other));
	}
	free(safe);
}
