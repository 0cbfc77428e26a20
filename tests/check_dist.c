/* check_dist.c - parameter conversions, parameter errors (exact messages)
 * and sampling: each law's sample mean, over a fixed-seed stream, must hold
 * the law's mean inside a 99.9% interval no wider than 1% of it; and the
 * same for the time left of a duration under way (dist_sample_residual)
 * against its exact conditional mean, from closed forms. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
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
	int bad = 0;

	rng_seed_at(gsl_rng_state(r), rng_replication(seed, 0), 0);
	for (int i = 1; i <= n; i++) {
		double v = dist_sample(x, r), dv = v - mean;

		bad += !(v >= 0);
		mean += dv / i;
		m2 += dv * (v - mean);
	}
	ck_assert_int_eq(bad, 0);
	se = sqrt(m2 / (n - 1) / n);
	half = gsl_cdf_ugaussian_Pinv(0.9995) * se;
	ck_assert_msg(fabs(mean - x->mean) <= half,
		      "%s: sample mean %.6g, law mean %.6g, half-width %.3g",
		      dist_kind_name(x->kind), mean, x->mean, half);
	ck_assert_msg(half < 0.01 * x->mean, "%s: interval too wide", dist_kind_name(x->kind));
	gsl_rng_free(r);
}

/* E[X - A | X > A] for law X, from the closed forms of the truncated
 * means (regularised incomplete gamma, normal tails), not from the
 * inverse functions the sampler uses. */
static double residual_mean(const struct dist *x, double a)
{
	double y, z, lo, sum = 0;
	size_t n = 0;

	switch (x->kind) {
	case DIST_EXPONENTIAL:
		return x->a;
	case DIST_WEIBULL:
		/* int_a^inf S = scale Gamma(1 + 1/k) Q(1/k, y), y = (a / scale)^k */
		y = pow(a / x->a, x->b);
		return x->a * gsl_sf_gamma(1 + 1 / x->b) * gsl_sf_gamma_inc_Q(1 / x->b, y) * exp(y);
	case DIST_LOGNORMAL:
		z = (x->a - log(a)) / x->b;
		return exp(x->a + x->b * x->b / 2) * gsl_cdf_ugaussian_P(z + x->b) /
		       gsl_cdf_ugaussian_P(z) - a;
	case DIST_GAMMA:
		y = a / x->b;
		return x->a * x->b * gsl_sf_gamma_inc_Q(x->a + 1, y) / gsl_sf_gamma_inc_Q(x->a, y) - a;
	case DIST_NORMAL:
		z = (a - x->a) / x->b;
		return x->a + x->b * gsl_ran_ugaussian_pdf(z) / gsl_cdf_ugaussian_Q(z) - a;
	case DIST_UNIFORM:
		lo = a > x->a ? a : x->a;
		return (lo + x->b) / 2 - a;
	case DIST_DETERMINISTIC:
		return x->a - a;
	case DIST_EMPIRICAL:
		for (size_t i = 0; i < x->nvalues; i++)
			if (x->values[i] >= a)
				sum += x->values[i] - a, n++;
		return sum / (double)n;
	}
	return NAN;
}

/* The residual draws of X past AGE: never negative, and their mean holds
 * the exact conditional mean inside a 99.9% interval no wider than 2% of
 * it. */
static void residual_mean_ok(const struct dist *x, double age, unsigned long seed)
{
	gsl_rng *r = rng_new();
	double want = residual_mean(x, age), mean = 0, m2 = 0, se, half;
	const int n = 200000;
	int bad = 0;

	/* one assertion per check, not per draw: Check's are not free */
	rng_seed_at(gsl_rng_state(r), rng_replication(seed, 1), 0);
	for (int i = 1; i <= n; i++) {
		double v = dist_sample_residual(x, age, r), dv = v - mean;

		bad += !(v >= 0 && isfinite(v));
		mean += dv / i;
		m2 += dv * (v - mean);
	}
	ck_assert_msg(bad == 0, "%s past %g: %d residuals negative or not finite",
		      dist_kind_name(x->kind), age, bad);
	se = sqrt(m2 / (n - 1) / n);
	half = gsl_cdf_ugaussian_Pinv(0.9995) * se;
	ck_assert_msg(fabs(mean - want) <= half,
		      "%s past %g: residual mean %.6g, exact %.6g, half-width %.3g",
		      dist_kind_name(x->kind), age, mean, want, half);
	ck_assert_msg(half < 0.02 * want, "%s past %g: interval too wide",
		      dist_kind_name(x->kind), age);
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

/* Each law past a young, a typical and an old age (in units of its mean):
 * the hazard rises (Weibull 3, lognormal's start, gamma 4, normal,
 * uniform), falls (Weibull 0.7, gamma 0.5, lognormal's tail) or stays
 * (exponential). */
START_TEST(residual_means)
{
	struct dist x;
	struct diag d;
	double obs[] = { 0.5, 1, 1, 2, 30 }, ages[] = { 0.3, 1, 3 };
	unsigned long seed = 100;

	diag_init(&d);
	gsl_set_error_handler_off();
	for (size_t k = 0; k < sizeof ages / sizeof ages[0]; k++) {
		double f = ages[k];

		dist_set_exponential(&x, 7, &d, "f", "p");
		residual_mean_ok(&x, 7 * f, seed++);
		dist_set_weibull_mean(&x, 0.7, 50, &d, "f", "p");
		residual_mean_ok(&x, 50 * f, seed++);
		dist_set_weibull_mean(&x, 3, 50, &d, "f", "p");
		residual_mean_ok(&x, 50 * f, seed++);
		dist_set_lognormal(&x, 8, 4, &d, "f", "p");
		residual_mean_ok(&x, 8 * f, seed++);
		dist_set_lognormal(&x, 8, 16, &d, "f", "p");
		residual_mean_ok(&x, 8 * f, seed++);
		dist_set_gamma(&x, 0.5, 3, &d, "f", "p");
		residual_mean_ok(&x, 3 * f, seed++);
		dist_set_gamma(&x, 4, 3, &d, "f", "p");
		residual_mean_ok(&x, 3 * f, seed++);
		dist_set_normal(&x, 1, 2, &d, "f", "p");
		residual_mean_ok(&x, x.mean * f, seed++);
		dist_set_uniform(&x, 2, 8, &d, "f", "p");
		residual_mean_ok(&x, 2 * f, seed++);
		dist_set_deterministic(&x, 3, &d, "f", "p");
		residual_mean_ok(&x, 0.75 * f, seed++);
	}
	/* gamma below shape 1 and age 1 scale, the tail under a quarter:
	 * the inversion */
	dist_set_gamma(&x, 0.5, 3, &d, "f", "p");
	residual_mean_ok(&x, 4.5, seed++);
	dist_set_empirical(&x, obs, 5, &d, "f", "p");
	residual_mean_ok(&x, 0.8, seed++);
	residual_mean_ok(&x, 1.5, seed++);
	residual_mean_ok(&x, 2, seed++);
	{
		gsl_rng *r = rng_new();

		/* past its end a duration falls due at once; age 0 is a plain draw */
		ck_assert_double_eq(dist_sample_residual(&x, 31, r), 0);
		dist_release(&x);
		dist_set_deterministic(&x, 3, &d, "f", "p");
		ck_assert_double_eq(dist_sample_residual(&x, 5, r), 0);
		ck_assert_double_eq(dist_sample_residual(&x, 0, r), 3);
		dist_set_uniform(&x, 2, 8, &d, "f", "p");
		ck_assert_double_eq(dist_sample_residual(&x, 9, r), 0);
		/* an age far past where the tail underflows still gives a finite,
		 * positive remainder */
		dist_set_normal(&x, 1, 0.01, &d, "f", "p");
		ck_assert(isfinite(dist_sample_residual(&x, 2, r)));
		dist_set_gamma(&x, 4, 1, &d, "f", "p");
		ck_assert(isfinite(dist_sample_residual(&x, 1000, r)));
		gsl_rng_free(r);
	}
	ck_assert_int_eq(d.kind, DIAG_NONE);
}
END_TEST

/* The engine's inlined generator is GSL's taus2: from states GSL seeds
 * itself and from the engine's own seeding, the two draw the same
 * uniforms, bit for bit. */
START_TEST(inlined_generator_is_taus2)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2), *mine = rng_new();
	struct rng_state copy;

	ck_assert_ptr_nonnull(mine);
	for (unsigned long seed = 0; seed < 40; seed++) {
		if (seed < 20)
			gsl_rng_set(r, seed * 2654435761UL);
		else
			rng_seed_at(gsl_rng_state(r), rng_replication(seed, seed * 7), seed * 13);
		memcpy(&copy, gsl_rng_state(r), sizeof copy);
		for (int k = 0; k < 50000; k++) {
			double a = gsl_rng_uniform(r), b = rng_uniform(&copy);

			ck_assert_msg(a == b, "seed %lu, draw %d: GSL %.17g, inlined %.17g", seed, k, a, b);
		}
	}
	gsl_rng_free(r);
	gsl_rng_free(mine);
}
END_TEST

/* log(1 - u) for the exponential agrees with log1p(-u) to within one
 * unit in the last place over the whole range of 32-bit uniforms,
 * their ends included. */
START_TEST(exponential_inversion)
{
	const double ulp = 0x1p-52;
	double worst = 0;

	for (uint64_t k = 0; k <= 0xffffffffULL; k += 65521) {
		double u = (double)k / 4294967296.0, a = dist_exponential_at(1, u), b = -log1p(-u);
		double rel = b > 0 ? fabs(a - b) / b : fabs(a - b);

		if (rel > worst)
			worst = rel;
	}
	ck_assert(dist_exponential_at(3, 0) == 0);
	ck_assert_double_eq_tol(dist_exponential_at(1, 4294967295.0 / 4294967296.0),
				32 * log(2.0), 1e-12);
	ck_assert_msg(worst <= ulp, "log(1 - u) and log1p(-u) differ by %.3g relative", worst);
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
	tcase_add_test(tc, residual_means);
	tcase_add_test(tc, inlined_generator_is_taus2);
	tcase_add_test(tc, exponential_inversion);
	suite_add_tcase(s, tc);
	return s;
}
