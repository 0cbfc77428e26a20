/* check_is.c - importance sampling (engine_is.c, run_is.c, ratio.c):
 * the exact value inside the interval from five to fifteen nines, bounded
 * relative error as repairs get faster, finite likelihood ratios, the
 * same bits for any thread count, coverage across seeds, and which models
 * qualify.  Every exact value comes from the analytic layer (closed forms
 * and GTH-solved chains), independent of the simulator. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "engine/engine.h"
#include "engine/ratio.h"
#include "engine/run.h"
#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "analytic_fixture.h"
#include "suites.h"

struct is_design {
	struct topology *t;
	struct model *m;
	struct analytic a;
};

static void is_open(struct is_design *d, const char *text)
{
	solve(text, &d->t, &d->m, &d->a);
}

static void is_close(struct is_design *d)
{
	release(d->t, d->m, &d->a);
}

/* Importance sampling of D with SEED on THREADS threads, to TARGET
 * relative error within MAX cycles. */
static struct result *is_run(const struct is_design *d, uint64_t seed, int threads,
			     double target, long max)
{
	struct run_options opt;
	struct diag dg;
	struct result *r;

	diag_init(&dg);
	memset(&opt, 0, sizeof opt);
	run_settings_defaults(&opt.set);
	opt.set.horizon = 8760;
	opt.set.replications = 1000;
	opt.set.seed = seed;
	opt.set.confidence = 0.95;
	opt.set.method = RUN_METHOD_IMPORTANCE;
	opt.set.target_error = target;
	opt.set.max_replications = max;
	opt.threads = threads;
	r = run_model(d->m, &opt, &dg);
	ck_assert_msg(r != NULL, "%s", diag_text(&dg));
	ck_assert_int_eq(r->method, RUN_METHOD_IMPORTANCE);
	return r;
}

/* The system's unavailability interval of R. */
static struct estimate is_u(const struct result *r)
{
	struct measures ms;

	result_measures(r, &r->block[0], &ms);
	return ms.unavailability;
}

/* A 1-of-3 parallel group of units failing every 1000 h, repaired in MTTR h. */
static void is_trio(char *buf, size_t n, const char *mttr)
{
	snprintf(buf, n, "{ \"components\": { \"u\": { \"mtbf\": 1000, \"mttr\": %s } },"
		 " \"system\": { \"type\": \"parallel\", \"count\": 3, \"component\": \"u\" } }",
		 mttr);
}

/* From U = 1e-6 to U = 1e-15 the exact value lies in the interval, and
 * the run reaches its 10% target well within its cap. */
START_TEST(is_trio_exact)
{
	static const char *const mttr[] = { "10", "1", "0.1", "0.01" };
	char text[512];

	for (size_t k = 0; k < sizeof mttr / sizeof *mttr; k++) {
		struct is_design d;
		struct result *r;
		struct estimate u;
		double exact;

		is_trio(text, sizeof text, mttr[k]);
		is_open(&d, text);
		exact = d.a.block_u[0];
		r = is_run(&d, 7, 2, 0.1, 1000000);
		u = is_u(r);
		ck_assert_msg(u.ci_low <= exact && exact <= u.ci_high,
			      "mttr %s: exact %g outside [%g, %g]", mttr[k], exact, u.ci_low, u.ci_high);
		ck_assert_int_eq(r->stop, RUN_STOP_TARGET);
		ck_assert(r->rel_error <= 0.1);
		ck_assert(r->gain > 1);
		result_free(r);
		is_close(&d);
	}
}
END_TEST

/* Dependent models, solved exactly by chains: one repair crew for a
 * 2-of-4 group, a 1-of-2 pair with a cold standby and instant switch,
 * and a 3-member quorum in series with a 1-of-2 pair with common cause. */
START_TEST(is_chains_exact)
{
	static const char *const models[] = {
		"{ \"components\": { \"u\": { \"mtbf\": 2000, \"mttr\": 8 } },"
		" \"repair_crews\": { \"count\": 1 },"
		" \"system\": { \"type\": \"k_of_n\", \"need\": 2, \"count\": 4, \"component\": \"u\" } }",
		"{ \"components\": { \"u\": { \"mtbf\": 5000, \"mttr\": 2 } },"
		" \"system\": { \"type\": \"failover\", \"count\": 2, \"component\": \"u\","
		" \"standby\": \"cold\" } }",
		"{ \"components\": { \"n\": { \"mtbf\": 3000, \"mttr\": 4 },"
		" \"lb\": { \"mtbf\": 8000, \"mttr\": 1 } },"
		" \"common_cause\": [ { \"members\": \"lb\", \"beta\": 0.01 } ],"
		" \"system\": { \"type\": \"series\", \"blocks\": ["
		" { \"type\": \"k_of_n\", \"need\": 2, \"count\": 3, \"component\": \"n\" },"
		" { \"type\": \"parallel\", \"count\": 2, \"component\": \"lb\" } ] } }",
	};

	for (size_t k = 0; k < sizeof models / sizeof *models; k++) {
		struct is_design d;
		struct result *r;
		struct estimate u;
		double exact;

		is_open(&d, models[k]);
		exact = d.a.block_u[0];
		ck_assert_msg(isfinite(exact), "model %zu has no exact value", k);
		r = is_run(&d, 3, 2, 0.05, 4000000);
		u = is_u(r);
		ck_assert_msg(u.ci_low <= exact && exact <= u.ci_high,
			      "model %zu: exact %g outside [%g, %g]", k, exact, u.ci_low, u.ci_high);
		result_free(r);
		is_close(&d);
	}
}
END_TEST

/* Bounded relative error: at a fixed effort (16,384 cycles, one round)
 * the relative error with repairs ten and a hundred times faster stays
 * within 1.5 times the first's, while U falls a thousand and a million
 * times. */
START_TEST(is_bounded_relative_error)
{
	static const char *const mttr[] = { "10", "1", "0.1" };
	char text[512];
	double rel[3];

	for (size_t k = 0; k < 3; k++) {
		struct is_design d;
		struct result *r;

		is_trio(text, sizeof text, mttr[k]);
		is_open(&d, text);
		r = is_run(&d, 11, 2, 1e-6, RUN_IS_CHUNK * 64);
		ck_assert_int_eq(r->stop, RUN_STOP_MAX_REPLICATIONS);
		ck_assert_int_eq(r->samples, RUN_IS_CHUNK * 64);
		rel[k] = r->rel_error;
		result_free(r);
		is_close(&d);
	}
	ck_assert_msg(rel[1] <= 1.5 * rel[0] && rel[2] <= 1.5 * rel[0],
		      "relative errors %g, %g, %g", rel[0], rel[1], rel[2]);
}
END_TEST

/* The same seed gives the same bits on one thread and on three. */
START_TEST(is_threads)
{
	char text[512];
	struct is_design d;
	struct result *a, *b;

	is_trio(text, sizeof text, "5");
	is_open(&d, text);
	a = is_run(&d, 5, 1, 0.02, 10000000);
	b = is_run(&d, 5, 3, 0.02, 10000000);
	ck_assert_int_eq(a->samples, b->samples);
	ck_assert_int_eq(memcmp(a->block, b->block, a->nmoments * sizeof *a->block), 0);
	ck_assert(a->events == b->events);
	result_free(a);
	result_free(b);
	is_close(&d);
}
END_TEST

/* Every cycle's likelihood ratio is finite and not negative, and its
 * length finite and positive, on a busy model with a crew, a cold standby
 * and common cause.  (A cycle with hundreds of biased failures may have a
 * ratio below the smallest double: it is 0 then, a vanishing weight,
 * never NaN or infinite.) */
START_TEST(is_weights_finite)
{
	struct is_design d;
	struct diag dg;
	struct engine *e;
	struct engine_is *s;

	is_open(&d, "{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 },"
		" \"v\": { \"mtbf\": 50, \"mttr\": 1 } },"
		" \"repair_crews\": { \"count\": 1 },"
		" \"common_cause\": [ { \"members\": \"v\", \"beta\": 0.1 } ],"
		" \"system\": { \"type\": \"series\", \"blocks\": ["
		" { \"type\": \"failover\", \"count\": 3, \"component\": \"u\", \"standby\": \"cold\","
		" \"detect\": \"1m\" },"
		" { \"type\": \"k_of_n\", \"need\": 2, \"count\": 4, \"component\": \"v\" } ] } }");
	diag_init(&dg);
	e = engine_new(d.m, &dg);
	ck_assert_ptr_nonnull(e);
	s = engine_is_new(e, &dg);
	ck_assert_ptr_nonnull(s);
	for (uint64_t i = 0; i < 20000; i++) {
		struct engine_cycle c;
		const struct rep_result *rr = engine_is_cycle(s, 1, i, &c);

		ck_assert_ptr_nonnull(rr);
		ck_assert_msg(isfinite(c.weight) && c.weight >= 0, "cycle %llu: weight %g",
			      (unsigned long long)i, c.weight);
		ck_assert(isfinite(c.length) && c.length > 0);
		ck_assert(rr->block_down[0] >= 0 && rr->block_down[0] <= c.length);
	}
	engine_is_free(s);
	engine_free(e);
	is_close(&d);
}
END_TEST

/* Coverage: 40 seeds of the 1-of-3 group at U = 1e-9, each to 10%.
 * Measured: 37 of these 40 intervals hold the exact value, and 94 of
 * seeds 101-200 (93.6% over 140, for 95% nominal: the delta-method
 * interval of a ratio of long-tailed weights runs a little short; before
 * RUN_IS_MIN_CYCLES, runs stopped at 16,384 cycles held it far less
 * often).  The assertion, 34 of 40, fails with probability under 2% at
 * 93.6% coverage, and would catch a biased estimator. */
START_TEST(is_coverage)
{
	char text[512];
	struct is_design d;
	int held = 0;

	is_trio(text, sizeof text, "1");
	is_open(&d, text);
	for (uint64_t seed = 1; seed <= 40; seed++) {
		struct result *r = is_run(&d, seed, 2, 0.1, 1000000);
		struct estimate u = is_u(r);

		held += u.ci_low <= d.a.block_u[0] && d.a.block_u[0] <= u.ci_high;
		result_free(r);
	}
	ck_assert_msg(held >= 34, "%d of 40 intervals hold the exact value", held);
	is_close(&d);
}
END_TEST

/* Weibull failures or maintenance do not qualify, and the reason says
 * which; asking for importance sampling then fails as bad input. */
START_TEST(is_qualifies)
{
	struct is_design d;
	struct run_options opt;
	struct diag dg;
	char why[RESULT_WHY_MAX];

	is_open(&d, "{ \"components\": { \"w\": { \"failure\": { \"distribution\": \"weibull\","
		" \"shape\": 2, \"mean\": 1000 }, \"mttr\": 5 } },"
		" \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"w\" } }");
	ck_assert_int_eq(engine_is_qualifies(d.m, why, sizeof why), 0);
	ck_assert_str_eq(why, "component type 'w' fails by a weibull law, not an exponential one");
	memset(&opt, 0, sizeof opt);
	run_settings_defaults(&opt.set);
	opt.set.horizon = 8760;
	opt.set.replications = 10;
	opt.set.confidence = 0.95;
	opt.set.method = RUN_METHOD_IMPORTANCE;
	opt.threads = 1;
	diag_init(&dg);
	ck_assert_ptr_null(run_model(d.m, &opt, &dg));
	ck_assert_int_eq(dg.kind, DIAG_INPUT);
	ck_assert_str_eq(diag_text(&dg), "importance sampling needs exponential failure laws and "
			 "no planned maintenance: component type 'w' fails by a weibull law, not an "
			 "exponential one");
	is_close(&d);
}
END_TEST

/* The ratio moments: the means are the ratios, and the variance is that
 * of the linearised samples, checked against a direct computation. */
START_TEST(is_ratio_moments)
{
	static const double a[] = { 0, 2, 0, 5, 1, 0, 3 };
	static const double c[] = { 10, 12, 9, 15, 11, 8, 13 };
	struct ratio_moments rm, half;
	struct moments mo;
	double sa = 0, sc = 0, r, mc, v = 0;
	size_t n = sizeof a / sizeof *a;

	ratio_init(&rm);
	ratio_init(&half);
	for (size_t i = 0; i < n; i++) {
		ratio_add(i < 3 ? &half : &rm, a[i], 2 * a[i], c[i]);
		sa += a[i];
		sc += c[i];
	}
	ratio_merge(&half, &rm);
	ratio_moments(&half, &mo);
	r = sa / sc;
	mc = sc / (double)n;
	for (size_t i = 0; i < n; i++)
		v += pow((a[i] - r * c[i]) / mc, 2);
	ck_assert(fabs(mo.mx - r) < 1e-15);
	ck_assert(fabs(mo.my - 2 * r) < 1e-15);
	ck_assert_msg(fabs(mo.sxx - v) < 1e-12 * v, "%.17g vs %.17g", mo.sxx, v);
	ck_assert(fabs(mo.syy - 4 * v) < 1e-12 * v);
	ck_assert(fabs(mo.sxy - 2 * v) < 1e-12 * v);
	ck_assert(mo.n == (double)n && mo.nzx == 4);
}
END_TEST

Suite *is_suite(void)
{
	Suite *s = suite_create("is");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, is_ratio_moments);
	tcase_add_test(tc, is_qualifies);
	tcase_add_test(tc, is_weights_finite);
	tcase_add_test(tc, is_threads);
	tcase_add_test(tc, is_trio_exact);
	tcase_add_test(tc, is_chains_exact);
	tcase_add_test(tc, is_bounded_relative_error);
	tcase_add_test(tc, is_coverage);
	suite_add_tcase(s, tc);
	return s;
}
