/* check_stats.c - moments against direct two-pass formulas, merging in
 * chunks against one pass, Student t quantiles, the ratio estimator, the
 * histogram's quantiles, and the exact intervals of a count (Garwood) and
 * of a mean length (gamma). */
#include <math.h>

#include <check.h>
#include <gsl/gsl_statistics_double.h>

#include "engine/hist.h"
#include "engine/stats.h"
#include "suites.h"

static const double xs[] = { 0.3, 0.1, 0.25, 0.7, 0.05, 0.0, 0.4, 0.33, 0.12, 0.9 };
static const double ys[] = { 3, 1, 2, 6, 1, 0, 4, 3, 1, 8 };
#define N 10

START_TEST(moments_match_two_pass)
{
	struct moments m;
	struct estimate e;
	double sd = gsl_stats_sd(xs, 1, N), mean = gsl_stats_mean(xs, 1, N);
	double t = 2.262157;  /* t(0.975, 9), from a printed table */

	moments_init(&m);
	for (int i = 0; i < N; i++)
		moments_add(&m, xs[i], ys[i]);
	e = moments_x(&m, 0.95);
	ck_assert_double_eq_tol(e.mean, mean, 1e-15);
	ck_assert_double_eq_tol(e.stderr_, sd / sqrt(N), 1e-15);
	ck_assert_double_eq_tol((e.ci_high - e.mean), (stats_t_quantile(N, 0.95) * sd / sqrt(N)), 1e-15);
	ck_assert_double_eq_tol((e.mean - e.ci_low), (e.ci_high - e.mean), 1e-15);
	ck_assert_double_eq_tol(stats_t_quantile(N, 0.95), t, 1e-6);
	ck_assert_double_eq_tol(stats_t_quantile(1000, 0.99), 2.5808, 1e-4);
	ck_assert_double_eq_tol(m.sxy / (N - 1), gsl_stats_covariance(xs, 1, ys, 1, N), 1e-14);
}
END_TEST

START_TEST(merge_equals_one_pass)
{
	struct moments all, a, b, c;

	moments_init(&all);
	moments_init(&a);
	moments_init(&b);
	moments_init(&c);
	for (int i = 0; i < N; i++) {
		moments_add(&all, xs[i], ys[i]);
		moments_add(i < 3 ? &a : i < 7 ? &b : &c, xs[i], ys[i]);
	}
	moments_merge(&a, &b);
	moments_merge(&a, &c);
	ck_assert_double_eq(a.n, all.n);
	ck_assert_double_eq_tol(a.mx, all.mx, 1e-15);
	ck_assert_double_eq_tol(a.sxx, all.sxx, 1e-14);
	ck_assert_double_eq_tol(a.syy, all.syy, 1e-12);
	ck_assert_double_eq_tol(a.sxy, all.sxy, 1e-13);
	moments_init(&b);
	moments_merge(&b, &a);      /* into empty */
	ck_assert_double_eq(b.sxx, a.sxx);
	moments_init(&c);
	moments_merge(&a, &c);      /* empty into */
	ck_assert_double_eq(b.sxx, a.sxx);
}
END_TEST

START_TEST(ratio)
{
	struct moments m;
	struct estimate e;
	double sx = 0, sy = 0;

	moments_init(&m);
	for (int i = 0; i < N; i++) {
		moments_add(&m, xs[i], ys[i]);
		sx += xs[i];
		sy += ys[i];
	}
	e = moments_ratio(&m, 60, 0.95);
	ck_assert_double_eq_tol(e.mean, sx / sy * 60, 1e-12);
	ck_assert(e.ci_low < e.mean && e.mean < e.ci_high);
	moments_init(&m);
	moments_add(&m, 0, 0);
	moments_add(&m, 0, 0);
	ck_assert(isnan(moments_ratio(&m, 1, 0.95).mean));
	/* one sample: the interval is the point */
	moments_init(&m);
	moments_add(&m, 0.5, 1);
	e = moments_x(&m, 0.95);
	ck_assert_double_eq(e.ci_low, 0.5);
	ck_assert_double_eq(e.ci_high, 0.5);
}
END_TEST

START_TEST(histogram)
{
	struct hist h, g;

	hist_init(&h);
	ck_assert(isnan(hist_quantile(&h, 0.5)));
	for (int i = 0; i < 99; i++)
		hist_add(&h, 2.0);
	hist_add(&h, 1000.0);
	ck_assert_double_eq(hist_quantile(&h, 0.5), 2.0);     /* exact: one value a bin */
	ck_assert_double_eq(hist_quantile(&h, 1.0), 1000.0);
	ck_assert_double_eq(hist_quantile(&h, 0.0), 2.0);
	hist_init(&g);
	for (int i = 1; i <= 1000; i++)
		hist_add(&g, i * 0.01);
	/* the median of 0.01 .. 10 is 5.005; bins are 1.16% wide */
	ck_assert_double_eq_tol(hist_quantile(&g, 0.5), 5.005, 5.005 * 0.012);
	hist_add(&g, 0);          /* underflow bin */
	hist_add(&g, 1e9);        /* overflow bin */
	ck_assert_double_eq(hist_quantile(&g, 0), 0);
	ck_assert_double_eq(hist_quantile(&g, 1), 1e9);
	hist_merge(&h, &g);
	ck_assert_uint_eq(h.total, 1102);
	/* between bins: the linear sample quantile of {1, 100} */
	hist_init(&h);
	hist_add(&h, 1);
	hist_add(&h, 100);
	ck_assert_double_eq_tol(hist_quantile(&h, 0.5), 50.5, 1e-12);
	ck_assert_double_eq_tol(hist_quantile(&h, 0.9), 90.1, 1e-12);
	/* zeros stay zeros: no downtime is invented */
	hist_init(&h);
	for (int i = 0; i < 990; i++)
		hist_add(&h, 0);
	hist_add(&h, 9e-7);
	ck_assert_double_eq(hist_quantile(&h, 0.9), 0);
	ck_assert_double_eq(hist_quantile(&h, 1), 9e-7);
}
END_TEST

/* Garwood's 95% interval from published tables (e.g. Ulm 1990): 0 ->
 * [0, 3.689], 1 -> [0.0253, 5.572], 10 -> [4.795, 18.39]; the 0 case is
 * -ln(0.025) exactly. */
START_TEST(poisson_garwood)
{
	struct estimate e = stats_poisson(0, 0.95);

	ck_assert_double_eq(e.ci_low, 0);
	ck_assert_double_eq_tol(e.ci_high, -log(0.025), 1e-9);
	e = stats_poisson(1, 0.95);
	ck_assert_double_eq_tol(e.ci_low, 0.0253, 5e-5);
	ck_assert_double_eq_tol(e.ci_high, 5.5716, 5e-4);
	e = stats_poisson(10, 0.95);
	ck_assert_double_eq(e.mean, 10);
	ck_assert_double_eq_tol(e.ci_low, 4.7954, 5e-4);
	ck_assert_double_eq_tol(e.ci_high, 18.3904, 5e-4);
}
END_TEST

/* One exponential length: 2 X / mu is chi2 on 2 degrees of freedom, whose
 * quantiles are -2 ln(1 - p): the factors are 1 / -ln(0.025) and
 * 1 / -ln(0.975).  A larger CV2 widens the interval. */
START_TEST(gamma_mean)
{
	double lo, hi, lo2, hi2;

	stats_gamma_mean(1, 1, 0.95, &lo, &hi);
	ck_assert_double_eq_tol(lo, 1 / -log(0.025), 1e-9);
	ck_assert_double_eq_tol(hi, 1 / -log(0.975), 1e-6);
	stats_gamma_mean(5, 1, 0.95, &lo, &hi);
	stats_gamma_mean(5, 3, 0.95, &lo2, &hi2);
	ck_assert(lo < 1 && hi > 1 && lo2 < lo && hi2 > hi);
}
END_TEST

Suite *stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("moments");

	tcase_add_test(tc, moments_match_two_pass);
	tcase_add_test(tc, merge_equals_one_pass);
	tcase_add_test(tc, ratio);
	tcase_add_test(tc, histogram);
	tcase_add_test(tc, poisson_garwood);
	tcase_add_test(tc, gamma_mean);
	suite_add_tcase(s, tc);
	return s;
}
