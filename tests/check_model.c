/* check_model.c - compiling a topology: numbering, ranges, parents, needs. */
#include <stdint.h>
#include <string.h>

#include <check.h>

#include "model/model.h"
#include "model/topology.h"
#include "suites.h"

#ifndef TEST_DATA
#define TEST_DATA "tests/data"
#endif

START_TEST(crm_basic)
{
	struct diag d;
	struct topology *t;
	struct model *m;

	diag_init(&d);
	t = topology_load(TEST_DATA "/../../examples/crm-basic.json", NULL, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	m = model_compile(t, &d);
	ck_assert_ptr_nonnull(m);
	/* series, lb-pair, app-tier, db-quorum, 3 db leaves */
	ck_assert_uint_eq(model_blocks(m), 7);
	ck_assert_uint_eq(model_instances(m), 8);
	ck_assert_uint_eq(model_types(m), 3);
	ck_assert_str_eq(model_block_name(m, 0), "crm");
	ck_assert_uint_eq(model_block_parent(m, 0), SIZE_MAX);
	ck_assert_int_eq(model_block_need(m, 0), 3);
	ck_assert_int_eq(model_block_children(m, 0), 3);
	ck_assert_uint_eq(model_block_end(m, 0), 7);
	ck_assert_str_eq(model_block_name(m, 1), "lb-pair");
	ck_assert_int_eq(model_block_need(m, 1), 1);
	ck_assert_int_eq(model_block_children(m, 1), 2);
	ck_assert_uint_eq(model_block_own_instances(m, 1), 2);
	ck_assert_uint_eq(model_block_first_instance(m, 1), 0);
	ck_assert_int_eq(model_block_need(m, 2), 2);
	ck_assert_uint_eq(model_block_first_instance(m, 2), 2);
	ck_assert_uint_eq(model_block_own_instances(m, 2), 3);
	ck_assert_str_eq(model_block_name(m, 3), "db-quorum");
	ck_assert_uint_eq(model_block_end(m, 3), 7);
	ck_assert_uint_eq(model_block_own_instances(m, 3), 0);
	ck_assert_int_eq(model_block_children(m, 3), 3);
	ck_assert_int_eq(model_block_kind(m, 4), BLOCK_COMPONENT);
	ck_assert_str_eq(model_block_path(m, 6), "system.blocks[2].blocks[2]");
	ck_assert_uint_eq(model_block_parent(m, 6), 3);
	ck_assert_uint_eq(model_instance_parent(m, 7), 6);
	ck_assert_uint_eq(model_block_end(m, 4), 5);
	for (size_t i = 0; i < 8; i++) {
		size_t ty = model_instance_type(m, i);

		ck_assert_str_eq(model_type_name(m, ty), i < 2 ? "lb" : i < 5 ? "app" : "db");
	}
	ck_assert_uint_eq(model_type_instances(m, 0), 2);
	ck_assert_double_eq(model_type_failure(m, 0)->mean, 5000);
	/* the model owns its copies: the topology can go first */
	topology_free(t);
	ck_assert_str_eq(model_type_name(m, 2), "db");
	ck_assert_double_eq(model_type_repair(m, 2)->mean, 8);
	model_free(m);
	model_free(NULL);
}
END_TEST

Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("compile");

	tcase_add_test(tc, crm_basic);
	suite_add_tcase(s, tc);
	return s;
}
