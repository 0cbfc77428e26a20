/* suites.h - every Check suite of the unit-test runner, one per module. */
#ifndef NINES_TEST_SUITES_H
#define NINES_TEST_SUITES_H

#include <check.h>

Suite *analytic_suite(void);
Suite *chain_lump_suite(void);
Suite *chain_timed_suite(void);
Suite *ctmc_suite(void);
Suite *ctmc_sparse_suite(void);
Suite *dist_suite(void);
Suite *duration_suite(void);
Suite *engine_suite(void);
Suite *fit_suite(void);
Suite *honest_suite(void);
Suite *html_suite(void);
Suite *is_suite(void);
Suite *model_suite(void);
Suite *sha256_suite(void);
Suite *split_suite(void);
Suite *stats_suite(void);
Suite *sweep_suite(void);
Suite *topology_suite(void);
Suite *validation_suite(void);
Suite *warnings_suite(void);

#endif
