/* check_warnings.c - tests of the warnings collector (util/warnings.h) and
 * of the loader's warnings: an MTBF shorter than its MTTR, in the topology
 * file and in a model file, each placed at the file and JSON path to edit,
 * with its exact message. */
#include <string.h>

#include "model/topology.h"
#include "suites.h"
#include "util/warnings.h"

START_TEST(test_collect)
{
	struct warnings w;
	char line[256];

	warnings_init(&w);
	ck_assert_int_eq(warnings_add(&w, "a.json", "components.db.mtbf", "odd %d", 1), 0);
	ck_assert_int_eq(warnings_add(&w, NULL, NULL, "no place"), 0);
	ck_assert_int_eq(warnings_add(&w, "a.json", NULL, "no path"), 0);
	/* the same warning twice (one model file, two designs) is kept once */
	ck_assert_int_eq(warnings_add(&w, "a.json", "components.db.mtbf", "odd %d", 1), 0);
	ck_assert_uint_eq(w.n, 3);
	ck_assert_str_eq(warnings_format(&w, 0, line, sizeof line),
			 "a.json: components.db.mtbf: odd 1");
	ck_assert_str_eq(warnings_format(&w, 1, line, sizeof line), "no place");
	ck_assert_str_eq(warnings_format(&w, 2, line, sizeof line), "a.json: no path");
	ck_assert_ptr_null(w.w[1].file);
	ck_assert_ptr_null(w.w[2].path);
	/* cut to fit, never past the buffer */
	ck_assert_str_eq(warnings_format(&w, 0, line, 8), "a.json:");
	warnings_release(&w);
	ck_assert_uint_eq(w.n, 0);
	ck_assert_ptr_null(w.w);
	warnings_release(&w);   /* an empty list is fine */
}
END_TEST

START_TEST(test_append)
{
	struct warnings a, b;

	warnings_init(&a);
	warnings_init(&b);
	ck_assert_int_eq(warnings_add(&a, "x", NULL, "one"), 0);
	ck_assert_int_eq(warnings_add(&b, "x", NULL, "one"), 0);
	for (int i = 0; i < 20; i++)    /* past the first allocation */
		ck_assert_int_eq(warnings_add(&b, "y", NULL, "n%d", i), 0);
	ck_assert_int_eq(warnings_append(&a, &b), 0);
	ck_assert_uint_eq(a.n, 21);
	ck_assert_str_eq(a.w[20].message, "n19");
	warnings_release(&a);
	warnings_release(&b);
}
END_TEST

/* The warnings of loading FILE (under tests/data/warn), the load itself
 * succeeding. */
static void load_warnings(const char *file, struct warnings *w)
{
	char path[512];
	struct topology_load_options opt = { .warnings = w };
	struct topology *t;
	struct diag d;

	snprintf(path, sizeof path, "%s/warn/%s", TEST_DATA, file);
	diag_init(&d);
	warnings_init(w);
	t = topology_load(path, &opt, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	topology_free(t);
}

START_TEST(test_load_mtbf)
{
	struct warnings w;
	char want[512];

	load_warnings("mtbf-minutes.json", &w);
	ck_assert_uint_eq(w.n, 2);
	snprintf(want, sizeof want, "%s/warn/mtbf-minutes.json", TEST_DATA);
	ck_assert_str_eq(w.w[0].file, want);
	ck_assert_str_eq(w.w[0].path, "components.db.mtbf");
	ck_assert_str_eq(w.w[0].message, "mean time between failures 6 min is shorter than mean"
			 " time to repair 4 h: down more than up (\"m\" is minutes: months are \"mo\")");
	ck_assert_str_eq(w.w[1].path, "zones.az1.mtbf");
	ck_assert_str_eq(w.w[1].message, "mean time between failures 1 h is shorter than mean"
			 " time to repair 3 h: down more than up");
	warnings_release(&w);
}
END_TEST

START_TEST(test_load_model_file)
{
	struct warnings w;
	char want[512];

	load_warnings("model-warn.json", &w);
	ck_assert_uint_eq(w.n, 1);
	snprintf(want, sizeof want, "%s/warn/models/slow-repair.json", TEST_DATA);
	ck_assert_str_eq(w.w[0].file, want);
	ck_assert_str_eq(w.w[0].path, "components.box.failure");
	ck_assert_str_eq(w.w[0].message, "mean time between failures 30 min is shorter than mean"
			 " time to repair 2 h: down more than up (\"m\" is minutes: months are \"mo\")");
	warnings_release(&w);
}
END_TEST

START_TEST(test_load_quiet)
{
	struct warnings w;
	char path[512];
	struct topology *t;
	struct diag d;

	/* a sound file warns of nothing; no list given keeps none */
	load_warnings("short.json", &w);
	ck_assert_uint_eq(w.n, 0);
	snprintf(path, sizeof path, "%s/warn/mtbf-minutes.json", TEST_DATA);
	diag_init(&d);
	t = topology_load(path, NULL, &d);
	ck_assert_ptr_nonnull(t);
	topology_free(t);
}
END_TEST

Suite *warnings_suite(void)
{
	Suite *s = suite_create("warnings");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_collect);
	tcase_add_test(tc, test_append);
	tcase_add_test(tc, test_load_mtbf);
	tcase_add_test(tc, test_load_model_file);
	tcase_add_test(tc, test_load_quiet);
	suite_add_tcase(s, tc);
	return s;
}
