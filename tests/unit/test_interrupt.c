/* A signal stops any statement: the browser's handlers set a flag that every connection's
 * progress handler reads, so a long query over a crafted file cannot outlive Ctrl-C or a
 * hangup. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "search.h"
#include "store.h"

static void test_a_set_flag_stops_every_statement(void **state)
{
	static volatile sig_atomic_t flag;
	struct hc_err err;
	struct store *st = store_open(&err);
	hc_status_list l = { 0 };
	hc_hit_list hits = { 0 };
	(void)state;
	assert_non_null(st);
	store_watch(&flag);
	assert_int_equal(store_status_range(st, 100, 599, &l), 0);
	assert_true(l.n > 60);
	hc_status_list_release(&l);
	flag = SIGINT;
	assert_int_equal(store_status_range(st, 100, 599, &l), -1);
	assert_int_equal(search_run(st, "gateway timeout", 10, &hits), -1);
	hc_status_list_release(&l);
	hc_hit_list_release(&hits);
	flag = 0; /* and nothing is left broken */
	assert_int_equal(store_status_range(st, 100, 599, &l), 0);
	assert_true(l.n > 60);
	hc_status_list_release(&l);
	store_watch(NULL);
	store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_set_flag_stops_every_statement),
	};
	return cmocka_run_group_tests_name("interrupt", tests, NULL, NULL);
}
