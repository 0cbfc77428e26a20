/* check_nines.c - the unit-test runner: adds every module's suite.
 * CK_RUN_SUITE=name runs one suite, as Check allows. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(dist_suite());
	int failed;

	srunner_add_suite(sr, duration_suite());
	srunner_add_suite(sr, topology_suite());
	srunner_add_suite(sr, model_suite());
	srunner_add_suite(sr, stats_suite());
	srunner_add_suite(sr, engine_suite());
	srunner_add_suite(sr, split_suite());
	srunner_add_suite(sr, analytic_suite());
	srunner_add_suite(sr, chain_timed_suite());
	srunner_add_suite(sr, chain_lump_suite());
	srunner_add_suite(sr, ctmc_suite());
	srunner_add_suite(sr, ctmc_sparse_suite());
	srunner_add_suite(sr, validation_suite());
	srunner_add_suite(sr, honest_suite());
	srunner_add_suite(sr, is_suite());
	srunner_add_suite(sr, html_suite());
	srunner_add_suite(sr, sha256_suite());
	srunner_add_suite(sr, warnings_suite());
	srunner_add_suite(sr, fit_suite());
	srunner_add_suite(sr, sweep_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
