/* check_split.c - the splitting engine (engine_split.c): the distance to
 * failure on each kind of block; with every factor 1 it is the plain
 * engine; split, it is unbiased: on parallel groups of independent
 * components with Weibull and lognormal laws the exact unavailability
 * (U_i = MTTR / (MTBF + MTTR) for any laws, a product over the group)
 * lies inside the interval over replications, and on a model with
 * failover, crews, zones and common causes every measure agrees with
 * plain Monte Carlo; its weights stay finite and positive, and a
 * replication is the same bits whatever ran before it.  Fixed seeds
 * throughout. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "engine/engine.h"
#include "model/model.h"
#include "model/topology.h"
#include "suites.h"

#ifndef TEST_DATA
#define TEST_DATA "tests/data"
#endif

static struct topology *t;
static struct model *m;

static void load_text(const char *text)
{
	struct diag d;

	diag_init(&d);
	gsl_set_error_handler_off();
	t = topology_parse(text, strlen(text), "split.json", NULL, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	m = model_compile(t, &d);
	ck_assert_ptr_nonnull(m);
}

static void load_file(const char *file)
{
	struct diag d;

	diag_init(&d);
	gsl_set_error_handler_off();
	t = topology_load(file, NULL, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	m = model_compile(t, &d);
	ck_assert_ptr_nonnull(m);
}

static void unload(void)
{
	model_free(m);
	topology_free(t);
	m = NULL;
	t = NULL;
}

static struct split_plan *plan_for(void)
{
	struct diag d;
	struct split_plan *p;

	diag_init(&d);
	p = engine_split_plan_new(m, &d);
	ck_assert_msg(p != NULL, "%s", diag_text(&d));
	return p;
}

static int levels_of(const char *text)
{
	struct split_plan *p;
	int levels;

	load_text(text);
	p = plan_for();
	levels = engine_split_plan_levels(p);
	engine_split_plan_free(p);
	unload();
	return levels;
}

#define COMP(name, mtbf, mttr) "\"" name "\": { \"mtbf\": " #mtbf ", \"mttr\": " #mttr " }"
#define ONE(sys) "{ \"components\": { " COMP("a", 1000, 10) " }, \"system\": " sys " }"

START_TEST(distance)
{
	/* parallel: every member must fail; k_of_n: n - need + 1 */
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"parallel\", \"count\": 3, \"component\": \"a\" }")), 3);
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"k_of_n\", \"need\": 2, \"count\": 5, \"component\": \"a\" }")), 4);
	/* series: its weakest child */
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"series\", \"blocks\": ["
		" { \"type\": \"parallel\", \"count\": 3, \"component\": \"a\" },"
		" { \"type\": \"parallel\", \"count\": 2, \"component\": \"a\" } ] }")), 2);
	/* k_of_n of blocks: the cheapest children first (2 of 3 must go:
	 * the two smallest distances, 1 + 2) */
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"k_of_n\", \"need\": 2, \"blocks\": ["
		" { \"type\": \"parallel\", \"count\": 3, \"component\": \"a\" },"
		" { \"type\": \"component\", \"component\": \"a\" },"
		" { \"type\": \"parallel\", \"count\": 2, \"component\": \"a\" } ] }")), 3);
	/* quorum: a majority, unless an election makes one failure enough */
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"quorum\", \"count\": 5, \"component\": \"a\" }")), 3);
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"quorum\", \"count\": 5, \"component\": \"a\","
		" \"election\": \"10s\" }")), 1);
	/* failover: every member when it switches at once and surely */
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"failover\", \"count\": 3, \"component\": \"a\" }")), 3);
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"failover\", \"count\": 3, \"component\": \"a\","
		" \"switchover\": \"1m\" }")), 1);
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"failover\", \"count\": 3, \"component\": \"a\","
		" \"coverage\": 0.99 }")), 1);
	/* pool: need of n */
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"pool\", \"need\": 3, \"count\": 5, \"component\": \"a\" }")), 3);
	/* transaction: one failure of the coordinator's leader */
	ck_assert_int_eq(levels_of(ONE("{ \"type\": \"transaction\", \"protocol\": \"2pc\","
		" \"coordinator\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"a\" },"
		" \"participants\": [ { \"type\": \"parallel\", \"count\": 2, \"component\": \"a\" } ] }")), 1);
}
END_TEST

/* What a replication measured, as one vector: every additive field the
 * reduce of run.c reads. */
#define FIELDS_MAX 256

static size_t fields(const struct rep_result *r, double *v)
{
	size_t nb = model_blocks(m), nt = model_types(m), n = 0;
	const double *arrays[] = { r->block_down, r->block_outages, r->block_overlap,
				   r->block_switches, r->block_failed_switches,
				   r->block_lost_writes, r->block_loss_years,
				   r->block_write_down, r->block_served, r->block_reduced };

	for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++)
		for (size_t b = 0; b < nb; b++)
			v[n++] = arrays[k][b];
	for (size_t k = 0; k < nt; k++) {
		v[n++] = r->type_down[k];
		v[n++] = r->type_failures[k];
	}
	for (size_t z = 0; z < model_zones(m); z++)
		v[n++] = r->zone_outages[z];
	for (size_t g = 0; g < model_ccf(m); g++)
		v[n++] = r->ccf_shocks[g];
	v[n++] = r->planned_down;
	v[n++] = r->repairs;
	v[n++] = r->repair_wait;
	v[n++] = r->design_write_down;
	v[n++] = r->design_lost_writes;
	v[n++] = r->design_loss_years;
	ck_assert_uint_le(n, FIELDS_MAX);
	return n;
}

/* With every factor 1 nothing is cloned: each replication is engine_run's
 * (the same events; sums moved in pieces may differ in the last bits). */
static void plain_again(void)
{
	struct diag d;
	struct engine *e1, *e2;
	struct engine_split *s;
	struct split_plan *p = plan_for();
	double a[FIELDS_MAX], b[FIELDS_MAX];

	diag_init(&d);
	e1 = engine_new(m, &d);
	e2 = engine_new(m, &d);
	s = engine_split_new(e2, p, &d);
	ck_assert_ptr_nonnull(s);
	for (uint64_t i = 0; i < 20; i++) {
		const struct rep_result *r1 = engine_run(e1, 7, i, 100, 20000, NULL);
		const struct rep_result *r2 = engine_run_split(s, 7, i, 100, 20000);
		size_t n = fields(r1, a);

		fields(r2, b);
		ck_assert_uint_eq(r1->events, r2->events);
		for (size_t k = 0; k < n; k++)
			ck_assert_msg(fabs(a[k] - b[k]) <= 1e-9 * fabs(a[k]),
				      "field %zu: plain %.17g, split %.17g", k, a[k], b[k]);
	}
	engine_split_free(s);
	engine_free(e1);
	engine_free(e2);
	engine_split_plan_free(p);
}

START_TEST(factor_one_is_plain)
{
	const char *files[] = { "good-all-dists.json", "good-crews.json",
				"good-zones-pool-tx.json", "good-replicated.json" };

	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		char path[512];

		snprintf(path, sizeof path, "%s/%s", TEST_DATA, files[k]);
		load_file(path);
		plain_again();
		unload();
	}
}
END_TEST

/* Replications of M over [WARMUP, WARMUP + HORIZON]: split under P, or
 * plain when P is NULL; the mean of each field over N replications and
 * its standard error into MEAN and SE.  Returns the number of fields. */
static size_t tally(const struct split_plan *p, long n, uint64_t seed, double warmup,
		    double horizon, double *mean, double *se)
{
	struct diag d;
	struct engine *e;
	struct engine_split *s = NULL;
	double v[FIELDS_MAX], m2[FIELDS_MAX] = { 0 };
	size_t k = 0;

	diag_init(&d);
	e = engine_new(m, &d);
	ck_assert_ptr_nonnull(e);
	if (p) {
		s = engine_split_new(e, p, &d);
		ck_assert_ptr_nonnull(s);
	}
	for (long i = 0; i < n; i++) {
		const struct rep_result *r = p ? engine_run_split(s, seed, (uint64_t)i, warmup, horizon)
					       : engine_run(e, seed, (uint64_t)i, warmup, horizon, NULL);

		k = fields(r, v);
		for (size_t j = 0; j < k; j++) {
			double dv = v[j] - (i ? mean[j] : 0);

			if (i == 0)
				mean[j] = m2[j] = 0;
			mean[j] += dv / (double)(i + 1);
			m2[j] += dv * (v[j] - mean[j]);
		}
	}
	for (size_t j = 0; j < k; j++)
		se[j] = sqrt(m2[j] / (double)(n - 1) / (double)n);
	engine_split_free(s);
	engine_free(e);
	return k;
}

/* The system's unavailability, split with the pilot's factors over N
 * replications: its 95% Student-t interval holds EXACT and is at most
 * REL of it wide on each side.  Returns the pilot's plan's levels. */
static int unbiased(const char *text, double exact, long n, double warmup, double horizon,
		    double rel)
{
	struct diag d;
	struct split_plan *p;
	double mean[FIELDS_MAX], se[FIELDS_MAX], u, half;
	int levels;

	load_text(text);
	p = plan_for();
	diag_init(&d);
	ck_assert_int_eq(engine_split_plan_pilot(p, 3, warmup, horizon, &d), 0);
	levels = engine_split_plan_levels(p);
	for (int l = 1; l < levels; l++)
		ck_assert_uint_gt(engine_split_plan_factor(p, l), 1);
	tally(p, n, 11, warmup, horizon, mean, se);
	u = mean[0] / horizon;
	half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * se[0] / horizon;
	ck_assert_msg(fabs(u - exact) <= half, "U %.4g +- %.3g, exact %.4g", u, half, exact);
	ck_assert_msg(half <= rel * exact, "U %.4g +- %.3g: wider than %g of it", u, half, rel);
	engine_split_plan_free(p);
	unload();
	return levels;
}

#define GROUP(count, fail, repair) \
	"{ \"components\": { \"c\": { \"failure\": " fail ", \"repair\": " repair " } }," \
	" \"system\": { \"type\": \"parallel\", \"count\": " #count ", \"component\": \"c\" } }"
#define WEIBULL(shape, mean) "{ \"distribution\": \"weibull\", \"shape\": " #shape ", \"mean\": " #mean " }"
#define LOGNORMAL(mean, sd) "{ \"distribution\": \"lognormal\", \"mean\": " #mean ", \"sd\": " #sd " }"

/* Components start new: the warm-up lets the Weibull renewals settle
 * (with shape 0.7, 10 MTBF leave no bias visible at this precision). */
START_TEST(unbiased_weibull)
{
	double u = 10.0 / 1010;

	ck_assert_int_eq(unbiased(GROUP(2, WEIBULL(0.7, 1000), WEIBULL(2, 10)),
				  u * u, 400, 10000, 8760, 0.1), 2);
	ck_assert_int_eq(unbiased(GROUP(3, WEIBULL(2, 1000), WEIBULL(0.7, 10)),
				  u * u * u, 300, 5000, 8760, 0.1), 3);
}
END_TEST

START_TEST(unbiased_lognormal)
{
	double u = 10.0 / 1010, v = 1.0 / 1001;

	ck_assert_int_eq(unbiased(GROUP(2, WEIBULL(0.7, 1000), LOGNORMAL(10, 20)),
				  u * u, 400, 10000, 8760, 0.1), 2);
	/* U = 1e-9 */
	ck_assert_int_eq(unbiased(GROUP(3, WEIBULL(2, 1000), LOGNORMAL(1, 1)),
				  v * v * v, 150, 3000, 8760, 0.15), 3);
}
END_TEST

/* Failover with a warm standby, shared crews, zones, a common cause, a
 * gamma repair. */
static const char *const mixed =
	"{ \"repair_crews\": { \"count\": 1 },"
	"  \"components\": {"
	"    \"a\": { \"mtbf\": 400, \"repair\": " LOGNORMAL(20, 10) " },"
	"    \"b\": { \"failure\": " WEIBULL(1.5, 300) ","
	"             \"repair\": { \"distribution\": \"gamma\", \"shape\": 2, \"mean\": 15 } },"
	"    \"c\": { \"failure\": " WEIBULL(0.8, 500) ", \"repair\": " LOGNORMAL(8, 8) " } },"
	"  \"zones\": { \"z1\": { \"mtbf\": 3000, \"mttr\": 10 }, \"z2\": { \"mtbf\": 4000, \"mttr\": 5 } },"
	"  \"common_cause\": [ { \"members\": \"a\", \"beta\": 0.1 } ],"
	"  \"system\": { \"type\": \"series\", \"blocks\": ["
	"    { \"type\": \"failover\", \"count\": 2, \"component\": \"a\", \"standby\": \"warm\","
	"      \"dormancy\": 0.5 },"
	"    { \"type\": \"k_of_n\", \"need\": 2, \"count\": 4, \"component\": \"b\" },"
	"    { \"type\": \"parallel\", \"count\": 2, \"component\": \"c\","
	"      \"placement\": [\"z1\", \"z2\"] } ] } }";

/* A warm standby fails at a tenth of the rate: a clone must redraw its
 * clock at that rate too (with one member down, the two up are the
 * active one and a standby). */
static const char *const warm =
	"{ \"components\": { \"a\": { \"mtbf\": 100, \"repair\": " LOGNORMAL(10, 10) " } },"
	"  \"system\": { \"type\": \"failover\", \"count\": 3, \"component\": \"a\","
	"      \"standby\": \"warm\", \"dormancy\": 0.1 } }";

/* TEXT, of LEVELS levels, split with factor F at each over N
 * replications of HORIZON hours, against 4 N plain ones: every field
 * within 4 standard errors of the difference. */
static void agrees(const char *text, int levels, unsigned f, long n, double horizon)
{
	struct split_plan *p;
	double ms[FIELDS_MAX], ss[FIELDS_MAX], mp[FIELDS_MAX], sp[FIELDS_MAX];
	size_t k;

	load_text(text);
	p = plan_for();
	ck_assert_int_eq(engine_split_plan_levels(p), levels);
	for (int l = 1; l <= levels; l++)
		engine_split_plan_set(p, l, f);
	k = tally(p, n, 5, 0, horizon, ms, ss);
	ck_assert_uint_eq(tally(NULL, 4 * n, 6, 0, horizon, mp, sp), k);
	for (size_t j = 0; j < k; j++) {
		double z = sqrt(ss[j] * ss[j] + sp[j] * sp[j]);

		ck_assert_msg(isfinite(ms[j]) && ms[j] >= 0, "field %zu: %g", j, ms[j]);
		ck_assert_msg(fabs(ms[j] - mp[j]) <= 4 * z,
			      "field %zu: split %.5g +- %.2g, plain %.5g +- %.2g",
			      j, ms[j], ss[j], mp[j], sp[j]);
	}
	/* the system was down in both: the test compared something */
	ck_assert(ms[0] > 0 && mp[0] > 0);
	engine_split_plan_free(p);
	unload();
}

START_TEST(agrees_with_plain)
{
	agrees(mixed, 2, 4, 1500, 4000);
	agrees(warm, 3, 4, 1000, 4000);
}
END_TEST

/* The same replication gives the same bits, whatever the workspace ran
 * before (so any -j gives the same result), and every weighted field is
 * finite and not negative, with the pilot's largest factors. */
START_TEST(deterministic_and_finite)
{
	struct diag d;
	struct split_plan *p;
	struct engine *e1, *e2;
	struct engine_split *s1, *s2;
	double a[FIELDS_MAX], b[FIELDS_MAX];

	load_text(GROUP(3, WEIBULL(2, 1000), LOGNORMAL(1, 1)));
	p = plan_for();
	diag_init(&d);
	ck_assert_int_eq(engine_split_plan_pilot(p, 1, 0, 8760, &d), 0);
	e1 = engine_new(m, &d);
	e2 = engine_new(m, &d);
	s1 = engine_split_new(e1, p, &d);
	s2 = engine_split_new(e2, p, &d);
	for (uint64_t i = 0; i < 12; i++) {
		size_t n = fields(engine_run_split(s1, 9, i, 0, 8760), a);

		for (size_t k = 0; k < n; k++)
			ck_assert_msg(isfinite(a[k]) && a[k] >= 0, "replication %d field %zu: %g",
				      (int)i, k, a[k]);
		if (i % 3 == 0) {
			fields(engine_run_split(s2, 9, i, 0, 8760), b);
			ck_assert(memcmp(a, b, n * sizeof *a) == 0);
		}
	}
	/* the pilot is deterministic too */
	{
		struct split_plan *q = plan_for();

		ck_assert_int_eq(engine_split_plan_pilot(q, 1, 0, 8760, &d), 0);
		for (int l = 1; l <= engine_split_plan_levels(p); l++)
			ck_assert_uint_eq(engine_split_plan_factor(p, l), engine_split_plan_factor(q, l));
		engine_split_plan_free(q);
	}
	engine_split_free(s1);
	engine_split_free(s2);
	engine_free(e1);
	engine_free(e2);
	engine_split_plan_free(p);
	unload();
}
END_TEST

Suite *split_suite(void)
{
	Suite *s = suite_create("split");
	TCase *tc = tcase_create("restart");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, distance);
	tcase_add_test(tc, factor_one_is_plain);
	tcase_add_test(tc, deterministic_and_finite);
	tcase_add_test(tc, agrees_with_plain);
	tcase_add_test(tc, unbiased_weibull);
	tcase_add_test(tc, unbiased_lognormal);
	suite_add_tcase(s, tc);
	return s;
}
