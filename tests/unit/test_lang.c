/* Unit tests of lang: plurals chosen by the count, and every text's printf conversions the same
 * in each of its forms (a mismatch would print garbage, or crash, in one language only). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lang.h"

/* The conversions of a printf format, in order ("%s%d" -> "sd"); "%%" is none. */
static void conversions(const char *fmt, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		p += strspn(p, "0123456789.-+ #lz");
		if (n + 1 < size)
			out[n++] = *p;
	}
	out[n] = '\0';
}

static void same_conversions(const char *a, const char *b)
{
	char ca[16], cb[16];
	conversions(a, ca, sizeof ca);
	conversions(b, cb, sizeof cb);
	if (strcmp(ca, cb) != 0)
		fail_msg("'%s' and '%s' take different arguments (%s, %s)", a, b, ca, cb);
}

static void test_plurals(void **state)
{
	(void)state;
	assert_string_equal(msg_n(LANG_EN, MSG_IMPORTED, 1), "imported %s row");
	assert_string_equal(msg_n(LANG_EN, MSG_IMPORTED, 0), "imported %s rows");
	assert_string_equal(msg_n(LANG_EN, MSG_IMPORTED, 2), "imported %s rows");
	assert_string_equal(msg_n(LANG_BOTH, MSG_SKIPPED, 1), "skipped %s bad row");
	assert_string_equal(msg_n(LANG_ZH, MSG_IMPORTED, 1), msg(LANG_ZH, MSG_IMPORTED));
	assert_string_equal(label_n(LANG_EN, L_ITEMS, 1), "%d item");
	assert_string_equal(label_n(LANG_EN, L_ITEMS, 123), "%d items");
	assert_string_equal(label_n(LANG_ZH, L_ITEMS, 1), "%d 项");
	/* A text without a singular is itself whatever the count. */
	assert_string_equal(msg_n(LANG_EN, MSG_ADDED, 1), msg(LANG_EN, MSG_ADDED));
}

static void test_formats_agree(void **state)
{
	(void)state;
	for (int id = 0; id < MSG_COUNT_; id++) {
		same_conversions(msg(LANG_EN, (enum msg_id)id), msg(LANG_ZH, (enum msg_id)id));
		same_conversions(msg(LANG_EN, (enum msg_id)id), msg_n(LANG_EN, (enum msg_id)id, 1));
	}
	for (int id = 0; id < LABEL_COUNT_; id++) {
		same_conversions(label(LANG_EN, (enum label_id)id), label(LANG_ZH, (enum label_id)id));
		same_conversions(label(LANG_EN, (enum label_id)id), label_n(LANG_EN, (enum label_id)id, 1));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plurals),
		cmocka_unit_test(test_formats_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
