/* Unit tests of the text layer: UTF-8, display width, sanitising, truncation, wrapping, JSON. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "text.h"

static void test_utf8_decode(void **state)
{
	uint32_t cp;
	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xE8\xB6\x85", 3, &cp), 3); /* 超 */
	assert_int_equal(cp, 0x8D85);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* Truncated, overlong, surrogate and stray continuation bytes are invalid, one byte each. */
	assert_int_equal(utf8_decode("\xE8\xB6", 2, &cp), 1);
	assert_int_equal(cp, TEXT_INVALID);
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, TEXT_INVALID);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, TEXT_INVALID);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, TEXT_INVALID);
	assert_true(utf8_valid("404 未找到", strlen("404 未找到")));
	assert_false(utf8_valid("a\xFFz", 3));
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("Not Found"), 9);
	assert_int_equal(text_width("未找到"), 6);
	assert_int_equal(text_width("404 网关超时"), 12);
	assert_int_equal(text_width("４０４"), 6);      /* full-width digits */
	assert_int_equal(text_width("a\x1b[31mb"), 7); /* ESC shown as one "?" */
}

static void test_sanitize(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	text_sanitize(&sb, "red\x1b[31m\x07 bell\r\n\xC2\x9B x\xFFy", 0);
	/* No control character (C0, DEL, C1) survives; invalid UTF-8 becomes U+FFFD. */
	for (size_t i = 0; i < sb.len; i++)
		assert_true((unsigned char)sb.buf[i] >= 0x20 && sb.buf[i] != 0x7f);
	assert_non_null(strstr(sb.buf, "x\xEF\xBF\xBDy"));
	assert_null(strstr(sb.buf, "\xC2\x9B"));
	strbuf_reset(&sb);
	text_sanitize(&sb, "line1\nline2", 1);
	assert_string_equal(sb.buf, "line1\nline2");
	strbuf_release(&sb);
}

static void test_truncate(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_int_equal(text_truncate(&sb, "Gateway Timeout", 20), 15);
	assert_string_equal(sb.buf, "Gateway Timeout");
	strbuf_reset(&sb);
	assert_int_equal(text_truncate(&sb, "Gateway Timeout", 8), 8);
	assert_string_equal(sb.buf, "Gateway\xE2\x80\xA6");
	/* 网关超时 is 8 columns; in 6 columns there is room for two characters and the
	 * ellipsis, never for half a character. */
	strbuf_reset(&sb);
	assert_int_equal(text_truncate(&sb, "网关超时", 6), 5);
	assert_string_equal(sb.buf, "网关\xE2\x80\xA6");
	assert_true(utf8_valid(sb.buf, sb.len));
	strbuf_reset(&sb);
	assert_int_equal(text_truncate(&sb, "网关超时", 0), 0);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_release(&sb);
}

struct lines {
	char *line[64];
	int n;
};

static void collect(const char *line, void *ctx)
{
	struct lines *l = ctx;
	if (l->n < 64)
		l->line[l->n++] = strdup(line);
}

static void lines_free(struct lines *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->line[i]);
	l->n = 0;
}

static void test_wrap_english(void **state)
{
	struct lines l = { 0 };
	(void)state;
	text_wrap("The server did not receive a timely response from the upstream server.", 20,
		  collect, &l);
	for (int i = 0; i < l.n; i++) {
		assert_true(text_width(l.line[i]) <= 20);
		assert_true(l.line[i][0] != ' ');
	}
	assert_string_equal(l.line[0], "The server did not");
	assert_string_equal(l.line[l.n - 1], "upstream server.");
	lines_free(&l);
	/* A word longer than the width is split rather than overflowing. */
	text_wrap("Supercalifragilistic", 8, collect, &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.line[0], "Supercal");
	lines_free(&l);
}

static void test_wrap_chinese(void **state)
{
	struct lines l = { 0 };
	struct strbuf joined = STRBUF_INIT;
	const char *s = "作为网关或代理的服务器，没有及时从上游服务器收到响应，于是放弃了这次请求。";
	(void)state;
	text_wrap(s, 11, collect, &l);
	for (int i = 0; i < l.n; i++) {
		assert_true(text_width(l.line[i]) <= 11);
		assert_true(utf8_valid(l.line[i], strlen(l.line[i])));
		/* No line starts with closing punctuation. */
		assert_true(strncmp(l.line[i], "，", 3) != 0 && strncmp(l.line[i], "。", 3) != 0);
		strbuf_adds(&joined, l.line[i]);
	}
	/* Chinese breaks between characters: nothing is lost or added. */
	assert_string_equal(joined.buf, s);
	lines_free(&l);
	/* Narrower than anything sensible still ends, and loses nothing (a width of 2 once
	 * looped forever on a character followed by closing punctuation). */
	for (int width = 0; width <= 4; width++) {
		strbuf_reset(&joined);
		text_wrap("终端太小：至少需要 30x8。“引号”（括号）", width, collect, &l);
		for (int i = 0; i < l.n; i++)
			strbuf_adds(&joined, l.line[i]);
		assert_string_equal(joined.buf, "终端太小：至少需要30x8。“引号”（括号）");
		lines_free(&l);
	}
	strbuf_release(&joined);
	text_wrap("第一段\n第二段", 40, collect, &l);
	assert_int_equal(l.n, 2);
	lines_free(&l);
}

static void test_json_string(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	json_add_string(&sb, "say \"hi\"\\ \n\t\x01 超时 \xFF");
	assert_string_equal(sb.buf, "\"say \\\"hi\\\"\\\\ \\n\\t\\u0001 超时 \xEF\xBF\xBD\"");
	strbuf_release(&sb);
	/* ESC, DEL and the C1 controls (U+0080-U+009F, two bytes each) never go out raw */
	json_add_string(&sb, "\x1B]0;PWNED\x07\x7F\xC2\x80\xC2\x9B" "31m\xC2\x9F\xC2\xA0");
	assert_string_equal(sb.buf, "\"\\u001b]0;PWNED\\u0007\\u007f\\u0080\\u009b" "31m\\u009f\xC2\xA0\"");
	strbuf_release(&sb);
}

static void test_is_plain(void **state)
{
	(void)state;
	assert_true(text_is_plain("plain 超时 \xEF\xBF\xBD", 0));
	assert_true(text_is_plain("line one\nline\ttwo", 1));
	assert_false(text_is_plain("line one\nline two", 0));
	assert_false(text_is_plain("red \x1B[31m", 1));
	assert_false(text_is_plain("carriage\rreturn", 1));
	assert_false(text_is_plain("del \x7F", 1));
	assert_false(text_is_plain("csi \xC2\x9B" "31m", 1)); /* C1 CSI */
	assert_false(text_is_plain("raw \x9B" "31m", 1));      /* not UTF-8 */
}

static void test_strbuf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;
	(void)state;
	assert_string_equal(strbuf_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i);
	assert_int_equal(strlen(sb.buf), sb.len);
	p = strbuf_detach(&sb);
	assert_null(sb.buf);
	assert_int_equal(strncmp(p, "0,1,2,", 6), 0);
	free(p);
}

/* Out of memory: the registered restore runs first (the browser's terminal), then one line in
 * both languages on stderr, and status 3. An array asked to grow past what size_t can count is
 * refused the same way, without asking malloc. */
static int oom_pipe = -1;

static void oom_restore(void)
{
	(void)!write(oom_pipe, "restored;", 9);
}

static void test_out_of_memory(void **state)
{
	int out[2], err[2], status;
	char got[128] = "", said[128] = "";
	pid_t pid;
	(void)state;
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(err), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t cap = 0;
		struct { char bytes[16]; } *items = NULL; /* 16 bytes an item: past SIZE_MAX long before need */
		oom_pipe = out[1];
		dup2(err[1], STDERR_FILENO);
		die_oom_at(oom_restore);
		XGROW(items, cap, SIZE_MAX / 4, 16);
		_exit(0); /* not reached when it works */
	}
	close(out[1]);
	close(err[1]);
	assert_true(read(out[0], got, sizeof got - 1) >= 0);
	assert_true(read(err[0], said, sizeof said - 1) >= 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(out[0]);
	close(err[0]);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	assert_string_equal(got, "restored;");
	assert_string_equal(said, "httpcodes: out of memory / 内存不足\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_wrap_english),
		cmocka_unit_test(test_wrap_chinese),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_is_plain),
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_out_of_memory),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
