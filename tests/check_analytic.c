/* check_analytic.c - exact values against brute-force enumeration of every
 * up/down state, and the digits kept for tiny unavailabilities. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "analytic.h"
#include "model.h"
#include "suites.h"
#include "topology.h"

static void solve(const char *text, struct topology **t, struct model **m, struct analytic *a)
{
	struct diag d;

	diag_init(&d);
	*t = topology_parse(text, strlen(text), "analytic.json", &d);
	ck_assert_msg(*t != NULL, "%s", diag_text(&d));
	*m = model_compile(*t, &d);
	ck_assert_ptr_nonnull(*m);
	ck_assert_int_eq(analytic_init(a, *m, &d), 0);
}

static void release(struct topology *t, struct model *m, struct analytic *a)
{
	analytic_release(a);
	model_free(m);
	topology_free(t);
}

/* k-of-n over n different components, every need, against enumeration. */
START_TEST(k_of_n_enumerated)
{
	for (int n = 1; n <= 7; n++) {
		for (int need = 1; need <= n; need++) {
			char text[4096];
			size_t len = 0;
			double avail[8], exact_a = 0, exact_u = 0;
			struct topology *t;
			struct model *m;
			struct analytic a;

			len += (size_t)snprintf(text + len, sizeof text - len, "{ \"components\": {");
			for (int i = 0; i < n; i++) {
				double up = 100.0 * (i + 1), down = 3.0 + 7 * i;

				avail[i] = up / (up + down);
				len += (size_t)snprintf(text + len, sizeof text - len,
							"%s \"c%d\": { \"mtbf\": %g, \"mttr\": %g }",
							i ? "," : "", i, up, down);
			}
			len += (size_t)snprintf(text + len, sizeof text - len,
						" }, \"system\": { \"type\": \"k_of_n\", \"need\": %d, \"blocks\": [", need);
			for (int i = 0; i < n; i++)
				len += (size_t)snprintf(text + len, sizeof text - len,
							"%s { \"type\": \"component\", \"component\": \"c%d\" }",
							i ? "," : "", i);
			snprintf(text + len, sizeof text - len, " ] } }");
			for (unsigned s = 0; s < (1u << n); s++) {
				double p = 1;
				int up = 0;

				for (int i = 0; i < n; i++) {
					int is_up = (s >> i) & 1;

					p *= is_up ? avail[i] : 1 - avail[i];
					up += is_up;
				}
				if (up >= need)
					exact_a += p;
				else
					exact_u += p;
			}
			solve(text, &t, &m, &a);
			ck_assert_msg(fabs(a.block_a[0] - exact_a) < 1e-14, "n=%d need=%d", n, need);
			ck_assert_msg(fabs(a.block_u[0] - exact_u) <= 1e-12 * exact_u,
				      "n=%d need=%d: %.17g vs %.17g", n, need, a.block_u[0], exact_u);
			release(t, m, &a);
		}
	}
}
END_TEST

/* Three units each down one hour in a million in parallel: U = 1e-18
 * (to 1 part in 1e6), which 1 - A could never show. */
START_TEST(tiny_unavailability_keeps_digits)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double u = 1.0 / 1000000;

	solve("{ \"components\": { \"u\": { \"mtbf\": 999999, \"mttr\": 1 } },"
	      " \"system\": { \"type\": \"series\", \"blocks\": ["
	      "  { \"type\": \"parallel\", \"count\": 3, \"component\": \"u\" },"
	      "  { \"type\": \"parallel\", \"count\": 3, \"component\": \"u\" } ] } }", &t, &m, &a);
	ck_assert_double_eq_tol(a.block_u[1], u * u * u, 1e-30);
	ck_assert_msg(fabs(a.block_u[0] / (2 * u * u * u) - 1) < 1e-9, "%.17g", a.block_u[0]);
	ck_assert_double_eq(a.block_a[0], 1.0);
	ck_assert_double_eq_tol(a.type_u[0], u, 1e-20);
	release(t, m, &a);
}
END_TEST

/* Means, not laws, decide: a Weibull/lognormal type and an exponential one
 * with the same means have the same exact availability. */
START_TEST(only_means_matter)
{
	struct topology *t;
	struct model *m;
	struct analytic a;

	solve("{ \"components\": {"
	      " \"w\": { \"failure\": { \"distribution\": \"weibull\", \"shape\": 0.7, \"mean\": \"2000h\" },"
	      "        \"repair\": { \"distribution\": \"lognormal\", \"mean\": \"8h\", \"cv\": 1.5 } },"
	      " \"e\": { \"mtbf\": 2000, \"mttr\": 8 } },"
	      " \"system\": { \"type\": \"parallel\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"w\" },"
	      "  { \"type\": \"component\", \"component\": \"e\" } ] } }", &t, &m, &a);
	ck_assert_double_eq_tol(a.type_u[0], a.type_u[1], 1e-17);
	ck_assert_double_eq_tol(a.block_u[0], (8.0 / 2008) * (8.0 / 2008), 1e-18);
	release(t, m, &a);
}
END_TEST

/* A series of 200000 instances: linear time, and the product is right
 * (to the rounding of 200000 factors). */
START_TEST(large_series)
{
	struct topology *t;
	struct model *m;
	struct analytic a;

	solve("{ \"components\": { \"u\": { \"mtbf\": 1e7, \"mttr\": 1 } },"
	      " \"system\": { \"type\": \"series\", \"count\": 200000, \"component\": \"u\" } }",
	      &t, &m, &a);
	ck_assert_double_eq_tol(a.block_a[0], pow(1e7 / (1e7 + 1), 200000), 1e-10);
	ck_assert_double_eq_tol(a.block_u[0], -expm1(200000 * log1p(-1 / (1e7 + 1))), 1e-10);
	release(t, m, &a);
}
END_TEST

Suite *analytic_suite(void)
{
	Suite *s = suite_create("analytic");
	TCase *tc = tcase_create("exact values");

	tcase_add_test(tc, k_of_n_enumerated);
	tcase_add_test(tc, tiny_unavailability_keeps_digits);
	tcase_add_test(tc, only_means_matter);
	tcase_add_test(tc, large_series);
	suite_add_tcase(s, tc);
	return s;
}
