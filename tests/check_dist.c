/* check_dist.c - parameter conversions, parameter errors (exact messages)
 * and sampling: each law's sample mean, over a fixed-seed stream, must hold
 * the law's mean inside a 99.9% interval no wider than 1% of it. */
#include <math.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "engine/rng.h"
#include "model/dist.h"
#include "suites.h"

static void sample_mean_ok(const struct dist *x, unsigned long seed)
{
	gsl_rng *r = rng_new();
	double mean = 0, m2 = 0, se, half;
	const int n = 400000;

	rng_seed(r, seed, 0, 0);
	for (int i = 1; i <= n; i++) {
		double v = dist_sample(x, r), dv = v - mean;

		ck_assert(v >= 0);
		mean += dv / i;
		m2 += dv * (v - mean);
	}
	se = sqrt(m2 / (n - 1) / n);
	half = gsl_cdf_ugaussian_Pinv(0.9995) * se;
	ck_assert_msg(fabs(mean - x->mean) <= half,
		      "%s: sample mean %.6g, law mean %.6g, half-width %.3g",
		      dist_kind_name(x->kind), mean, x->mean, half);
	ck_assert_msg(half < 0.01 * x->mean, "%s: interval too wide", dist_kind_name(x->kind));
	gsl_rng_free(r);
}

START_TEST(conversions)
{
	struct dist x;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(dist_set_weibull_mean(&x, 1.3, 2000, &d, "f", "p"), 0);
	ck_assert_double_eq_tol(x.a, 2000 / gsl_sf_gamma(1 + 1 / 1.3), 1e-9);
	ck_assert_double_eq(x.b, 1.3);
	ck_assert_double_eq(x.mean, 2000);
	ck_assert_int_eq(dist_set_weibull_scale(&x, 2, 100, &d, "f", "p"), 0);
	ck_assert_double_eq_tol(x.mean, 100 * sqrt(M_PI) / 2, 1e-9);
	ck_assert_int_eq(dist_set_lognormal(&x, 8, 4, &d, "f", "p"), 0);
	ck_assert_double_eq_tol(x.b * x.b, log(1.25), 1e-12);
	ck_assert_double_eq_tol(x.a, log(8) - log(1.25) / 2, 1e-12);
	ck_assert_int_eq(dist_set_gamma(&x, 4, 10, &d, "f", "p"), 0);
	ck_assert_double_eq(x.b, 2.5);
	/* normal(1, 2) truncated at 0: mean = mu + sd phi(mu/sd) / Phi(mu/sd) */
	ck_assert_int_eq(dist_set_normal(&x, 1, 2, &d, "f", "p"), 0);
	ck_assert_double_eq_tol(x.mean, 1 + 2 * gsl_ran_ugaussian_pdf(0.5) / gsl_cdf_ugaussian_P(0.5), 1e-12);
	ck_assert_int_eq(dist_set_uniform(&x, 2, 8, &d, "f", "p"), 0);
	ck_assert_double_eq(x.mean, 5);
	ck_assert_int_eq(d.kind, DIAG_NONE);
}
END_TEST

/* Each bad parameter with the exact message it gives. */
static void bad_is(int rc, struct diag *d, const char *want)
{
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(diag_text(d), want);
	diag_init(d);
}

START_TEST(parameter_errors)
{
	struct dist x;
	struct diag d;
	double vals[] = { 1, -2 }, zeros[] = { 0, 0 };

	diag_init(&d);
	bad_is(dist_set_exponential(&x, 0, &d, "f.json", "c.x"), &d, "f.json: c.x.mean: must be greater than 0, got 0");
	bad_is(dist_set_exponential(&x, NAN, &d, "f.json", "c.x"), &d, "f.json: c.x.mean: must be greater than 0, got nan");
	bad_is(dist_set_weibull_mean(&x, 0, 5, &d, "f.json", "c.x"), &d, "f.json: c.x.shape: must be greater than 0, got 0");
	bad_is(dist_set_weibull_mean(&x, 0.001, 5, &d, "f.json", "c.x"), &d, "f.json: c.x.shape: must be large enough for a finite mean, got 0.001");
	bad_is(dist_set_weibull_scale(&x, 1, -1, &d, "f.json", "c.x"), &d, "f.json: c.x.scale: must be greater than 0, got -1");
	bad_is(dist_set_lognormal(&x, 5, -1, &d, "f.json", "c.x"), &d, "f.json: c.x.sd: must be 0 or more, got -1");
	bad_is(dist_set_gamma(&x, -2, 5, &d, "f.json", "c.x"), &d, "f.json: c.x.shape: must be greater than 0, got -2");
	bad_is(dist_set_normal(&x, -1, 1, &d, "f.json", "c.x"), &d, "f.json: c.x.mean: must be greater than 0, got -1");
	bad_is(dist_set_uniform(&x, 5, 2, &d, "f.json", "c.x"), &d, "f.json: c.x.min: 5 is larger than max (2)");
	bad_is(dist_set_uniform(&x, -1, 2, &d, "f.json", "c.x"), &d, "f.json: c.x.min: must be 0 or more, got -1");
	bad_is(dist_set_uniform(&x, 0, 0, &d, "f.json", "c.x"), &d, "f.json: c.x.max: must be greater than 0, got 0");
	bad_is(dist_set_deterministic(&x, 0, &d, "f.json", "c.x"), &d, "f.json: c.x.value: must be greater than 0, got 0");
	bad_is(dist_set_empirical(&x, vals, 0, &d, "f.json", "c.x"), &d, "f.json: c.x.values: is empty: give at least one observed duration");
	bad_is(dist_set_empirical(&x, vals, 2, &d, "f.json", "c.x"), &d, "f.json: c.x.values[1]: must be 0 or more, got -2");
	bad_is(dist_set_empirical(&x, zeros, 2, &d, "f.json", "c.x"), &d, "f.json: c.x.values: all values are 0: the mean must be greater than 0");
}
END_TEST

START_TEST(names)
{
	enum dist_kind k;

	for (int i = DIST_EXPONENTIAL; i <= DIST_EMPIRICAL; i++) {
		ck_assert_int_eq(dist_kind_parse(dist_kind_name((enum dist_kind)i), &k), 0);
		ck_assert_int_eq(k, i);
	}
	ck_assert_int_eq(dist_kind_parse("weibul", &k), -1);
}
END_TEST

START_TEST(sample_means)
{
	struct dist x, y;
	struct diag d;
	double obs[] = { 0.5, 1, 1, 2, 30 };

	diag_init(&d);
	dist_set_exponential(&x, 7, &d, "f", "p");
	sample_mean_ok(&x, 1);
	dist_set_weibull_mean(&x, 0.7, 50, &d, "f", "p");
	sample_mean_ok(&x, 2);
	dist_set_weibull_mean(&x, 3, 50, &d, "f", "p");
	sample_mean_ok(&x, 3);
	dist_set_lognormal(&x, 8, 4, &d, "f", "p");
	sample_mean_ok(&x, 4);
	dist_set_gamma(&x, 0.5, 3, &d, "f", "p");
	sample_mean_ok(&x, 5);
	dist_set_normal(&x, 1, 2, &d, "f", "p");
	sample_mean_ok(&x, 6);
	dist_set_uniform(&x, 2, 8, &d, "f", "p");
	sample_mean_ok(&x, 7);
	dist_set_empirical(&x, obs, 5, &d, "f", "p");
	ck_assert_double_eq(x.mean, 34.5 / 5);
	sample_mean_ok(&x, 8);
	ck_assert_int_eq(dist_copy(&y, &x), 0);
	ck_assert_ptr_ne(y.values, x.values);
	ck_assert_double_eq(y.values[4], 30);
	dist_release(&x);
	dist_release(&y);
	dist_release(NULL);
	dist_set_deterministic(&x, 3, &d, "f", "p");
	{
		gsl_rng *r = rng_new();

		ck_assert_double_eq(dist_sample(&x, r), 3);
		gsl_rng_free(r);
	}
}
END_TEST

Suite *dist_suite(void)
{
	Suite *s = suite_create("dist");
	TCase *tc = tcase_create("laws");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, conversions);
	tcase_add_test(tc, parameter_errors);
	tcase_add_test(tc, names);
	tcase_add_test(tc, sample_means);
	suite_add_tcase(s, tc);
	return s;
}
