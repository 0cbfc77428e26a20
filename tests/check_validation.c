/* check_validation.c - statistical validation of the simulator against
 * exact values.  Every test runs with a fixed seed and asserts that the
 * exact value lies inside the 95% interval AND that the interval is narrower
 * than a stated bound, so a test can fail both ways: a biased engine, or a
 * run too small to say anything.
 *
 * Exact values: a component's availability is MTBF / (MTBF + MTTR) for any
 * laws; independent blocks combine by probability.  For exponential laws
 * the frequency-duration method also gives outage rates and mean outage
 * lengths: a block fails at rate sum over its "one failure from down"
 * states of P(state) * (rate of that failure), and its mean outage is
 * unavailability / frequency.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "engine/run.h"
#include "exact/ctmc.h"
#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "report/report.h"
#include "suites.h"

struct sim {
	struct topology *t;
	struct model *m;
	struct analytic a;
	struct result *r;
	struct measures sys;
};

/* Load TEXT, run N replications measuring HORIZON hours after WARMUP with
 * SEED on 2 threads. */
static void sim_run_warm(struct sim *s, const char *text, long n, double warmup,
			 double horizon, unsigned long seed)
{
	struct diag d;
	struct run_options opt;

	diag_init(&d);
	s->t = topology_parse(text, strlen(text), "validation.json", NULL, &d);
	ck_assert_msg(s->t != NULL, "%s", diag_text(&d));
	s->m = model_compile(s->t, &d);
	ck_assert_ptr_nonnull(s->m);
	ck_assert_int_eq(analytic_init(&s->a, s->m, &d), 0);
	memset(&opt, 0, sizeof opt);
	run_settings_defaults(&opt.set);
	opt.set.warmup = warmup;
	opt.set.horizon = horizon;
	opt.set.replications = n;
	opt.set.seed = seed;
	opt.set.confidence = 0.95;
	opt.threads = 2;
	s->r = run_model(s->m, &opt, &d);
	ck_assert_msg(s->r != NULL, "%s", diag_text(&d));
	result_measures(s->r, &s->r->block[0], &s->sys);
}

static void sim_run(struct sim *s, const char *text, long n, double horizon, unsigned long seed)
{
	sim_run_warm(s, text, n, 0, horizon, seed);
}

static void sim_free(struct sim *s)
{
	result_free(s->r);
	analytic_release(&s->a);
	model_free(s->m);
	topology_free(s->t);
}

/* EXACT lies in E's interval, and the interval's half-width is below
 * REL_WIDTH times EXACT. */
static void check_in(const char *what, const struct estimate *e, double exact, double rel_width)
{
	double half = (e->ci_high - e->ci_low) / 2;

	ck_assert_msg(e->ci_low <= exact && exact <= e->ci_high,
		      "%s: exact %.10g outside [%.10g, %.10g]", what, exact, e->ci_low, e->ci_high);
	ck_assert_msg(half < rel_width * exact,
		      "%s: interval half-width %.3g is not below %.3g", what, half, rel_width * exact);
}

/* The system's unavailability against EU where the analytic module has no
 * value of its own (replicated blocks). */
static void check_unavailability_sim(struct sim *s, double eu, double rel_width)
{
	check_in("unavailability", &s->sys.unavailability, eu, rel_width);
}

/* Check the system's unavailability against the exact value EU, the
 * analytic module against it too, and the interval width. */
static void check_unavailability(struct sim *s, double eu, double rel_width)
{
	ck_assert_msg(fabs(s->a.block_u[0] - eu) <= 1e-12 * eu,
		      "analytic %.15g vs formula %.15g", s->a.block_u[0], eu);
	check_in("unavailability", &s->sys.unavailability, eu, rel_width);
}

#define COMP(name, fail, rep) "\"" name "\": { \"failure\": " fail ", \"repair\": " rep " }"

START_TEST(single_exponential)
{
	struct sim s;
	/* A = 100 / 110; outages per year 8760 / 110; mean outage 10 h. */
	sim_run(&s, "{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 10 } },"
		    "  \"system\": { \"type\": \"component\", \"component\": \"u\" } }",
		400, 20000, 11);
	check_unavailability(&s, 10.0 / 110, 0.02);
	check_in("outages/yr", &s.sys.outages_per_year, 8760.0 / 110, 0.02);
	check_in("mean outage", &s.sys.mean_outage_min, 600, 0.03);
	sim_free(&s);
}
END_TEST

/* Weibull failures with shape 0.7 (infant mortality: long tail) and 3
 * (wear-out), lognormal repair: only the means matter in the long run. */
static void weibull_case(double shape, unsigned long seed)
{
	struct sim s;
	char text[512];

	snprintf(text, sizeof text,
		 "{ \"components\": { " COMP("u", "{ \"distribution\": \"weibull\", \"shape\": %g, \"mean\": 100 }",
					     "{ \"distribution\": \"lognormal\", \"mean\": 10, \"sd\": 15 }")
		 " }, \"system\": { \"type\": \"component\", \"component\": \"u\" } }", shape);
	sim_run(&s, text, 400, 20000, seed);
	check_unavailability(&s, 10.0 / 110, 0.03);
	check_in("outages/yr", &s.sys.outages_per_year, 8760.0 / 110, 0.03);
	check_in("mean outage", &s.sys.mean_outage_min, 600, 0.04);
	sim_free(&s);
}

START_TEST(single_weibull_07)
{
	weibull_case(0.7, 12);
}
END_TEST

START_TEST(single_weibull_3)
{
	weibull_case(3, 13);
}
END_TEST

START_TEST(single_lognormal)
{
	struct sim s;

	sim_run(&s, "{ \"components\": { " COMP("u", "{ \"distribution\": \"lognormal\", \"mean\": \"200h\", \"cv\": 2 }",
						"{ \"distribution\": \"lognormal\", \"mean\": \"5h\", \"cv\": 0.5 }")
		    " }, \"system\": { \"type\": \"component\", \"component\": \"u\" } }",
		400, 40000, 14);
	check_unavailability(&s, 5.0 / 205, 0.04);
	check_in("mean outage", &s.sys.mean_outage_min, 300, 0.03);
	sim_free(&s);
}
END_TEST

START_TEST(other_laws)
{
	struct sim s;
	/* gamma up 150 h, uniform repair 2..8 h (mean 5); deterministic up
	 * 300 h, empirical repair mean (1 + 2 + 9) / 3 = 4 h; normal up mean
	 * 100 sd 20 (truncation negligible), normal repair 6 sd 1.  These
	 * regular laws keep a start-up offset for long (the deterministic one
	 * never forgets its phase), so the horizon is long and warmed up. */
	sim_run_warm(&s, "{ \"components\": { "
		    COMP("g", "{ \"distribution\": \"gamma\", \"shape\": 2, \"mean\": 150 }",
			 "{ \"distribution\": \"uniform\", \"min\": 2, \"max\": 8 }") ", "
		    COMP("d", "{ \"distribution\": \"deterministic\", \"value\": 300 }",
			 "{ \"distribution\": \"empirical\", \"values\": [1, 2, 9] }") ", "
		    COMP("n", "{ \"distribution\": \"normal\", \"mean\": 100, \"sd\": 20 }",
			 "{ \"distribution\": \"normal\", \"mean\": 6, \"sd\": 1 }")
		    " }, \"system\": { \"type\": \"series\", \"blocks\": ["
		    " { \"type\": \"component\", \"component\": \"g\" },"
		    " { \"type\": \"component\", \"component\": \"d\" },"
		    " { \"type\": \"component\", \"component\": \"n\" } ] } }",
		400, 20000, 200000, 15);
	{
		/* the truncated normals' means, computed by dist.c, are
		 * checked in check_dist.c; here they are read back */
		double ag = 150.0 / 155, ad = 300.0 / 304;
		double nf = model_type_failure(s.m, 2)->mean;
		double nr = model_type_repair(s.m, 2)->mean;

		check_unavailability(&s, 1 - ag * ad * nf / (nf + nr), 0.03);
	}
	sim_free(&s);
}
END_TEST

START_TEST(series_three)
{
	struct sim s;
	/* Three types with different scales of time, one of them in units. */
	sim_run(&s, "{ \"components\": { \"a\": { \"mtbf\": 500, \"mttr\": 5 },"
		    " \"b\": { \"mtbf\": 800, \"mttr\": 20 }, \"c\": { \"mtbf\": \"1mo\", \"mttr\": \"30m\" } },"
		    " \"system\": { \"type\": \"series\", \"blocks\": ["
		    " { \"type\": \"component\", \"component\": \"a\" },"
		    " { \"type\": \"component\", \"component\": \"b\" },"
		    " { \"type\": \"component\", \"component\": \"c\" } ] } }",
		400, 50000, 16);
	check_unavailability(&s, 1 - (500.0 / 505) * (800.0 / 820) * (730.0 / 730.5), 0.03);
	sim_free(&s);
}
END_TEST

START_TEST(parallel_two)
{
	struct sim s;
	double l = 1.0 / 200, mu = 1.0 / 10, u = l / (l + mu), a = 1 - u;
	/* Both down: U = u^2.  Frequency of entering it: 2 a u l per hour.
	 * Mean outage: both repairs running, the first ends it: 1 / (2 mu). */
	sim_run(&s, "{ \"components\": { \"u\": { \"mtbf\": 200, \"mttr\": 10 } },"
		    " \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } }",
		1000, 50000, 17);
	check_unavailability(&s, u * u, 0.05);
	check_in("outages/yr", &s.sys.outages_per_year, 2 * a * u * l * 8760, 0.05);
	check_in("mean outage", &s.sys.mean_outage_min, 60 / (2 * mu), 0.05);
	sim_free(&s);
}
END_TEST

START_TEST(two_of_three)
{
	struct sim s;
	double l = 1.0 / 300, mu = 1.0 / 12, u = l / (l + mu), a = 1 - u;
	/* Down with two or three down: 3 a u^2 + u^3.  Entered from "one down"
	 * (probability 3 a^2 u) by either of two failures; mean outage is
	 * U / frequency. */
	double U = 3 * a * u * u + u * u * u, freq = 3 * a * a * u * 2 * l;

	sim_run(&s, "{ \"components\": { \"n\": { \"mtbf\": 300, \"mttr\": 12 } },"
		    " \"system\": { \"type\": \"k_of_n\", \"need\": 2, \"count\": 3, \"component\": \"n\" } }",
		1000, 50000, 18);
	check_unavailability(&s, U, 0.04);
	check_in("outages/yr", &s.sys.outages_per_year, freq * 8760, 0.04);
	check_in("mean outage", &s.sys.mean_outage_min, U / freq * 60, 0.04);
	sim_free(&s);
}
END_TEST

START_TEST(nested_mix)
{
	struct sim s;
	/* series( parallel(lb x2), 2-of-3(app), 2-of-3 of explicit db leaves
	 * with Weibull failures and lognormal repairs ).  Started new, the
	 * Weibull leaves fail more regularly than at random, and their
	 * time-average over a finite horizon stays 0.3% below the long-run
	 * unavailability (renewal theory: an offset of about -9 h over any
	 * long horizon); 20 cycles of warm-up put them in their long-run
	 * regime. */
	double ulb = 4.0 / 504, uapp = 20.0 / 1020, udb = 30.0 / 1030;
	double alb = 1 - ulb * ulb;
	double aapp = 1 - (3 * (1 - uapp) * uapp * uapp + uapp * uapp * uapp);
	double adb = 1 - (3 * (1 - udb) * udb * udb + udb * udb * udb);

	sim_run_warm(&s, "{ \"components\": {"
		    " \"lb\": { \"mtbf\": 500, \"mttr\": 4 },"
		    " \"app\": { \"mtbf\": 1000, \"mttr\": 20 },"
		    " " COMP("db", "{ \"distribution\": \"weibull\", \"shape\": 1.5, \"mean\": 1000 }",
			     "{ \"distribution\": \"lognormal\", \"mean\": 30, \"sd\": 20 }") " },"
		    " \"system\": { \"type\": \"series\", \"blocks\": ["
		    "  { \"type\": \"parallel\", \"count\": 2, \"component\": \"lb\" },"
		    "  { \"type\": \"k_of_n\", \"need\": 2, \"count\": 3, \"component\": \"app\" },"
		    "  { \"type\": \"k_of_n\", \"need\": 2, \"blocks\": ["
		    "    { \"type\": \"component\", \"component\": \"db\" },"
		    "    { \"type\": \"component\", \"component\": \"db\" },"
		    "    { \"type\": \"component\", \"component\": \"db\" } ] } ] } }",
		1000, 20000, 100000, 19);
	check_unavailability(&s, 1 - alb * aapp * adb, 0.05);
	/* Every block and every component type against its own exact value:
	 * ten intervals at once, so each at 99.5% (Bonferroni) to keep the
	 * chance of a false alarm at 5% for the whole test. */
	s.r->set.confidence = 0.995;
	for (size_t b = 0; b < model_blocks(s.m); b++) {
		struct measures m;

		result_measures(s.r, &s.r->block[b], &m);
		check_in(model_block_path(s.m, b), &m.unavailability, s.a.block_u[b], 0.15);
	}
	for (size_t t = 0; t < model_types(s.m); t++) {
		struct measures m;

		result_measures(s.r, &s.r->type[t], &m);
		check_in(model_type_name(s.m, t), &m.unavailability, s.a.type_u[t], 0.03);
	}
	sim_free(&s);
}
END_TEST

/* The probability that a 30-day window holds any downtime, for one
 * exponential unit started up: window k starts up with probability
 * A + (1 - A) e^{-(l + mu) k W} (the unit's transient) and then must not
 * fail for W hours, e^{-l W}.  A target just short of 100% makes any
 * downtime a breach (an outage shorter than 1e-9 of a window, 3 ms, or
 * beginning in a window's last 3 ms, is too rare to matter here). */
START_TEST(slo_any_downtime)
{
	struct sim s;
	struct diag d;
	struct run_options opt;
	double l = 1.0 / 1000, mu = 1.0 / 10, a = mu / (l + mu), w = 720, sum = 0;
	const int k = 10;
	struct estimate e;

	diag_init(&d);
	s.t = topology_parse("{ \"components\": { \"u\": { \"mtbf\": 1000, \"mttr\": 10 } },"
			     " \"system\": { \"type\": \"component\", \"component\": \"u\" } }",
			     strlen("{ \"components\": { \"u\": { \"mtbf\": 1000, \"mttr\": 10 } },"
				    " \"system\": { \"type\": \"component\", \"component\": \"u\" } }"),
			     "slo.json", NULL, &d);
	ck_assert_ptr_nonnull(s.t);
	s.m = model_compile(s.t, &d);
	ck_assert_ptr_nonnull(s.m);
	memset(&opt, 0, sizeof opt);
	run_settings_defaults(&opt.set);
	opt.set.horizon = k * w;
	opt.set.window = w;
	opt.set.replications = 8000;
	opt.set.seed = 21;
	opt.set.confidence = 0.95;
	opt.set.nslo = 1;
	opt.set.slo[0] = 1 - 1e-9;
	opt.threads = 2;
	s.r = run_model(s.m, &opt, &d);
	ck_assert_ptr_nonnull(s.r);
	ck_assert_uint_eq(s.r->nwindows, (size_t)k);
	for (int i = 0; i < k; i++)
		sum += a + (1 - a) * exp(-(l + mu) * i * w);
	e = moments_x(&s.r->slo[0], 0.95);
	check_in("P(window with downtime)", &e, 1 - exp(-l * w) * sum / k, 0.03);
	/* Availability over time: in the first window the unit is down with
	 * probability U (1 - e^{-(l + mu) t}) at time t, so its mean down
	 * fraction is U (1 - (1 - e^{-(l + mu) W}) / ((l + mu) W)).  A second
	 * test on the same run, so at 99.9%. */
	{
		double u = 1 - a, r = (l + mu) * w;
		struct estimate first = moments_x(&s.r->timeline[0], 0.999);

		ck_assert_uint_eq(s.r->timeline_group, 1);
		check_in("first window", &first, u * (1 - (1 - exp(-r)) / r), 0.1);
	}
	result_free(s.r);
	model_free(s.m);
	topology_free(s.t);
}
END_TEST

/* Replicated blocks.  With exponential members repaired independently,
 * rho = lambda / mu, these have closed forms or first-order ones whose
 * neglected terms are stated and far below the intervals. */

/* Cold standby pair, perfect instant switch: a Markov chain with states
 * both up, one up (the other in repair), both in repair (two repairs at
 * once):  U = (rho^2 / 2) / (1 + rho + rho^2 / 2). */
START_TEST(cold_standby)
{
	struct sim s;
	double rho = 1.0 / 100, u = (rho * rho / 2) / (1 + rho + rho * rho / 2);

	sim_run(&s, "{ \"components\": { \"db\": { \"mtbf\": 100, \"mttr\": 1 } },"
		    " \"system\": { \"type\": \"failover\", \"standby\": \"cold\","
		    " \"count\": 2, \"component\": \"db\" } }", 1000, 20000, 31);
	/* U = 5e-5: 1000 replications of 20000 h see about 1000 h of downtime */
	check_in("unavailability", &s.sys.unavailability, u, 0.1);
	sim_free(&s);
}
END_TEST

/* Cold standby pair whose switch succeeds with probability p; a failed
 * switch leaves the block down until the failed member is repaired.
 * States: both up; one up; switch failed (one in repair, the other idle);
 * both in repair.  Solving the balance equations:
 * U = ((1 - p) rho + p rho^2 / 2) / (1 + rho + p rho^2 / 2). */
START_TEST(cold_standby_coverage)
{
	struct sim s;
	double rho = 1.0 / 100, p = 0.9;
	double u = ((1 - p) * rho + p * rho * rho / 2) / (1 + rho + p * rho * rho / 2);

	sim_run(&s, "{ \"components\": { \"db\": { \"mtbf\": 100, \"mttr\": 1 } },"
		    " \"system\": { \"type\": \"failover\", \"standby\": \"cold\", \"coverage\": 0.9,"
		    " \"count\": 2, \"component\": \"db\" } }", 1000, 20000, 32);
	check_in("unavailability", &s.sys.unavailability, u, 0.04);
	sim_free(&s);
}
END_TEST

/* Hot pair with detect + switchover s: down while both are down (u^2) and
 * for s after each failure of the active member while the standby is up
 * (rate lambda a^2).  Neglected: the standby failing within s (probability
 * lambda s = 2.5e-4, lengthening that outage by about 1 / (2 mu) = 0.5 h):
 * a relative error near 2.5e-4, far inside the interval.  The mean outage
 * is s for the switches, mixed with the rare double failures. */
START_TEST(failover_switch_time)
{
	struct sim s;
	double l = 1.0 / 2000, mu = 1.0 / 2, sw = 0.5, u = l / (l + mu), a = 1 - u;
	double swrate = l * a * a;
	struct replicated_measures x;
	struct report rep;

	sim_run(&s, "{ \"components\": { \"db\": { \"mtbf\": 2000, \"mttr\": 2 } },"
		    " \"system\": { \"type\": \"failover\", \"detect\": \"20m\", \"switchover\": \"10m\","
		    " \"count\": 2, \"component\": \"db\","
		    " \"replication\": { \"mode\": \"async\", \"lag\": \"2s\", \"writes_per_second\": 500 } } }",
		1000, 20 * 8760, 33);
	check_unavailability_sim(&s, u * u + swrate * sw, 0.03);
	rep.t = s.t;
	rep.m = s.m;
	rep.a = &s.a;
	rep.r = s.r;
	report_replicated(&rep, 0, &x);
	/* each switch loses 2 s x 500 writes */
	check_in("switches/yr", &x.switches, swrate * 8760, 0.03);
	check_in("lost writes/yr", &x.lost, swrate * 8760 * 1000, 0.03);
	sim_free(&s);
}
END_TEST

/* Issue 8's pair: a 1 h detect, coverage 0.5, a failed member often back
 * before the switch ends (then it resumes).  The simulation, with its
 * fixed delays, holds the chain's exact value (chain_timed.c) in its
 * interval: hot and cold standby, and with a fixed manual recovery. */
START_TEST(failover_timed_chain)
{
	static const char *const blocks[] = {
		"\"detect\": \"1h\", \"coverage\": 0.5",
		"\"detect\": \"1h\", \"coverage\": 0.5, \"standby\": \"cold\"",
		"\"detect\": \"30m\", \"coverage\": 0.8, \"manual\": \"2h\", \"standby\": \"cold\"",
	};

	for (int i = 0; i < 3; i++) {
		char text[512];
		struct sim s;

		snprintf(text, sizeof text, "{ \"components\": { \"u\": { \"mtbf\": \"100h\", \"mttr\": \"1h\" } },"
			 " \"system\": { \"type\": \"failover\", \"count\": 2, \"component\": \"u\", %s } }",
			 blocks[i]);
		sim_run(&s, text, 1000, 8760, 81 + (unsigned long)i);
		ck_assert_str_eq(s.a.block_method[0], ANALYTIC_CHAIN_TIMED);
		check_in("unavailability", &s.sys.unavailability, s.a.block_u[0], 0.01);
		sim_free(&s);
	}
}
END_TEST

/* A hot pair whose switches always fail (coverage 0, no manual time: the
 * failed member resumes once repaired).  Writes are lost only when the
 * active member fails while the standby is down and the standby is then
 * repaired first and promoted: issue 8's "promotion of a standby that was
 * itself down".  The chain, by hand: 0 both up, 1 the standby down, 2 the
 * active down and waiting for its repair, 3 both down waiting for the
 * failed one, 4 both down with nobody to wait for; promotions happen at
 * rate mu out of state 4. */
START_TEST(failover_promotion_loses_writes)
{
	double l = 1.0 / 1000, mu = 1.0 / 10;
	double q[5][5] = {
		{ 0, l, l, 0, 0 }, { mu, 0, 0, 0, l }, { mu, 0, 0, l, 0 },
		{ 0, mu, mu, 0, 0 }, { 0, 2 * mu, 0, 0, 0 },
	};
	double pi[5], promotions;
	struct ctmc *c = ctmc_new(5);
	struct replicated_measures x;
	struct report rep;
	struct diag d;
	struct sim s;

	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 5; j++)
			ctmc_rate(c, (size_t)i, (size_t)j, q[i][j]);
	diag_init(&d);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	ctmc_free(c);
	promotions = pi[4] * mu * 8760;
	sim_run(&s, "{ \"components\": { \"db\": { \"mtbf\": \"1000h\", \"mttr\": \"10h\" } },"
		    " \"system\": { \"type\": \"failover\", \"count\": 2, \"component\": \"db\", \"coverage\": 0,"
		    " \"replication\": { \"mode\": \"async\", \"lag\": \"1s\", \"writes_per_second\": 100 } } }",
		4000, 10 * 8760, 91);
	rep.t = s.t;
	rep.m = s.m;
	rep.a = &s.a;
	rep.r = s.r;
	report_replicated(&rep, 0, &x);
	check_in("promotions/yr", &x.switches, promotions, 0.1);
	check_in("lost writes/yr", &x.lost, promotions * 100, 0.1);
	sim_free(&s);
}
END_TEST

/* Issue 8's 2pc: a failover pair of coordinators (tm 500 h / 20 h, hot,
 * instant switches) over three participants (200 h / 20 h).  Each
 * coordinator instance that fails while active blocks the transactions
 * it held in doubt until it is itself back, even after the other took
 * over.  Member k is U(p), B(locked: failed while active) or D(own); the
 * leader is an up member, or none when none is up.  The transaction is up
 * when a member leads, none is B, and every participant is up. */
static int tx_state(int s0, int s1, int lead)
{
	return (s0 * 3 + s1) * 3 + lead;   /* lead 2: none */
}

START_TEST(two_pc_every_blocked_instance)
{
	double l = 1.0 / 500, mu = 1.0 / 20, parts = pow(200.0 / 220, 3), ok = 0, pi[27];
	struct ctmc *c = ctmc_new(27);
	struct diag d;
	struct sim sim;

	for (int s0 = 0; s0 < 3; s0++)
		for (int s1 = 0; s1 < 3; s1++)
			for (int lead = 0; lead < 3; lead++) {
				int st[2] = { s0, s1 }, from = tx_state(s0, s1, lead);

				for (int k = 0; k < 2; k++) {
					int nx[2] = { st[0], st[1] }, nl = lead, to;

					if (st[k] == 0) {        /* fails: B if it leads, else D */
						nx[k] = lead == k ? 1 : 2;
						if (lead == k)
							nl = nx[1 - k] == 0 ? 1 - k : 2;
					} else {                 /* repaired; leads if nobody does */
						nx[k] = 0;
						if (lead == 2)
							nl = k;
					}
					to = tx_state(nx[0], nx[1], nl);
					ctmc_rate(c, (size_t)from, (size_t)to, st[k] == 0 ? l : mu);
				}
			}
	/* unreachable states (a leader that is down) only lead on: pi = 0 */
	diag_init(&d);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	ctmc_free(c);
	for (int lead = 0; lead < 2; lead++)
		ok += pi[tx_state(0, 0, lead)] + pi[tx_state(0, 2, lead)] + pi[tx_state(2, 0, lead)];
	sim_run(&sim, "{ \"components\": { \"tm\": { \"mtbf\": \"500h\", \"mttr\": \"20h\" },"
		      " \"db\": { \"mtbf\": \"200h\", \"mttr\": \"20h\" } },"
		      " \"system\": { \"type\": \"transaction\", \"protocol\": \"2pc\","
		      " \"coordinator\": { \"type\": \"failover\", \"count\": 2, \"component\": \"tm\" },"
		      " \"participants\": [ { \"type\": \"component\", \"component\": \"db\" },"
		      " { \"type\": \"component\", \"component\": \"db\" },"
		      " { \"type\": \"component\", \"component\": \"db\" } ] } }",
		2000, 10 * 8760, 95);
	check_unavailability_sim(&sim, 1 - ok * parts, 0.01);
	sim_free(&sim);
}
END_TEST

/* 3pc with one coordinator instance (100 h / 10 h) and participants that
 * do not fail in practice: a coordinator failure blocks the transactions
 * for the timeout (1 h), or less if the coordinator is back sooner; then
 * a participant takes over.  U = E[min(timeout, repair)] / (MTBF + MTTR)
 * = (1 - e^(-mu timeout)) / mu / (MTBF + MTTR).  Under 2pc rules it
 * would be MTTR / (MTBF + MTTR), ten times as much. */
START_TEST(three_pc_takeover)
{
	double mu = 1.0 / 10, tau = 1, u = (1 - exp(-mu * tau)) / mu / 110;
	struct sim sim;

	sim_run(&sim, "{ \"components\": { \"tm\": { \"mtbf\": \"100h\", \"mttr\": \"10h\" },"
		      " \"db\": { \"mtbf\": 1e12, \"mttr\": \"1h\" } },"
		      " \"system\": { \"type\": \"transaction\", \"protocol\": \"3pc\", \"timeout\": \"1h\","
		      " \"coordinator\": { \"type\": \"component\", \"component\": \"tm\" },"
		      " \"participants\": [ { \"type\": \"component\", \"component\": \"db\" },"
		      " { \"type\": \"component\", \"component\": \"db\" },"
		      " { \"type\": \"component\", \"component\": \"db\" } ] } }",
		1000, 10 * 8760, 97);
	check_unavailability_sim(&sim, u, 0.02);
	sim_free(&sim);
}
END_TEST

/* A pool of four members (100 h / 2 h) needing two, whose failed members
 * keep their share of requests for the hour before the health check
 * notices (or until they are back): the simulated share served holds the
 * closed form (served.c) in its interval, and so does a fixed repair. */
START_TEST(pool_requests_served)
{
	static const char *const repairs[] = {
		"\"mttr\": \"2h\"",
		"\"repair\": { \"distribution\": \"deterministic\", \"value\": \"2h\" }",
	};

	for (int i = 0; i < 2; i++) {
		char text[512];
		struct estimate sv;
		struct sim s;

		snprintf(text, sizeof text, "{ \"components\": { \"app\": { \"mtbf\": \"100h\", %s } },"
			 " \"system\": { \"type\": \"pool\", \"count\": 4, \"component\": \"app\","
			 " \"need\": 2, \"detect\": \"1h\" } }", repairs[i]);
		sim_run(&s, text, 1000, 8760, 99 + (unsigned long)i);
		ck_assert(isfinite(s.a.block_served[0]) && s.a.block_served[0] < 1 - 1e-3);
		sv = moments_x(&s.r->pool[0], 0.95);
		ck_assert_msg(sv.ci_low <= s.a.block_served[0] && s.a.block_served[0] <= sv.ci_high,
			      "served: exact %.10g outside [%.10g, %.10g]", s.a.block_served[0],
			      sv.ci_low, sv.ci_high);
		sim_free(&s);
	}
}
END_TEST

/* Quorum of three with election E: down while two or more members are
 * down, for E after each failure of the leader while the other two are up
 * (rate lambda P(3 up)), and for E after a majority comes back (rate
 * 2 mu P(exactly 1 up)).  Neglected: a second failure during an election
 * (probability 2 lambda E = 2e-4), a relative error near 2e-4. */
START_TEST(quorum_election)
{
	struct sim s;
	double l = 1.0 / 10000, mu = 1.0, e = 1, u = l / (l + mu), a = 1 - u;
	double umaj = 3 * a * u * u + u * u * u;
	double leader = l * a * a * a, regain = 2 * mu * 3 * a * u * u;

	sim_run(&s, "{ \"components\": { \"n\": { \"mtbf\": 10000, \"mttr\": 1 } },"
		    " \"system\": { \"type\": \"quorum\", \"election\": \"1h\","
		    " \"count\": 3, \"component\": \"n\" } }", 1000, 20 * 8760, 34);
	check_unavailability_sim(&s, umaj + (leader + regain) * e, 0.04);
	check_in("outages/yr", &s.sys.outages_per_year, (leader + 3 * a * a * u * 2 * l) * 8760, 0.04);
	sim_free(&s);
}
END_TEST

/* One repair crew: repairs wait for each other.  The classic results, from
 * the birth-death chains of the number of members down:
 *   two hot units in parallel     A = (1 + 2 rho) / (1 + 2 rho + 2 rho^2)
 *   cold standby, perfect switch  A = (1 + rho) / (1 + rho + rho^2)
 *   cold standby, switch p        A = (1 + p rho) / (1 + rho + p rho^2)
 *   k of n, r crews (Engset): P(j down) ~ C(n, j) rho^j j! / (r! r^(j - r))
 *   for j > r, and C(n, j) rho^j for j <= r. */
static void one_crew(const char *block, double a, unsigned long seed)
{
	struct sim s;
	char text[1024];

	snprintf(text, sizeof text,
		 "{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 } },"
		 " \"repair_crews\": { \"count\": 1 },"
		 " \"system\": %s }", block);
	sim_run(&s, text, 1000, 20000, seed);
	check_in("unavailability", &s.sys.unavailability, 1 - a, 0.05);
	sim_free(&s);
}

START_TEST(crew_parallel)
{
	double r = 0.05;

	one_crew("{ \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" }",
		 (1 + 2 * r) / (1 + 2 * r + 2 * r * r), 41);
}
END_TEST

START_TEST(crew_cold_standby)
{
	double r = 0.05;

	one_crew("{ \"type\": \"failover\", \"standby\": \"cold\", \"count\": 2, \"component\": \"u\" }",
		 (1 + r) / (1 + r + r * r), 42);
}
END_TEST

START_TEST(crew_cold_standby_coverage)
{
	double r = 0.05, p = 0.8;

	one_crew("{ \"type\": \"failover\", \"standby\": \"cold\", \"coverage\": 0.8,"
		 " \"count\": 2, \"component\": \"u\" }",
		 (1 + p * r) / (1 + r + p * r * r), 43);
}
END_TEST

/* 3 of 5 with 2 crews (Engset): down when 3 or more are down. */
START_TEST(crew_engset)
{
	struct sim s;
	double rho = 0.05, w[6], sum = 0, down = 0;
	int n = 5, crews = 2;

	for (int j = 0; j <= n; j++) {
		/* rates: failures (n - j) lambda, repairs min(j, r) mu */
		w[j] = j == 0 ? 1 : w[j - 1] * (n - j + 1) * rho / (j < crews ? j : crews);
		sum += w[j];
	}
	for (int j = 3; j <= n; j++)
		down += w[j];
	sim_run(&s, "{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 } },"
		    " \"repair_crews\": { \"count\": 2 },"
		    " \"system\": { \"type\": \"k_of_n\", \"need\": 3, \"count\": 5, \"component\": \"u\" } }",
		1000, 50000, 44);
	check_in("unavailability", &s.sys.unavailability, down / sum, 0.1);
	sim_free(&s);
}
END_TEST

/* Two units in parallel with a beta-factor common cause (independent
 * repairs): from both up, one fails alone at 2 (1 - beta) lambda and both
 * at once at beta lambda; with one down, the other fails at lambda (alone
 * or by a shock); repairs at mu each.  Balance: p1 = (2 - beta) rho p2,
 * p0 = (rho p1 + beta rho p2) / 2.  A member's own availability is still
 * MTBF / (MTBF + MTTR): its failure rate while up is lambda either way. */
START_TEST(common_cause_pair)
{
	struct sim s;
	double l = 1.0 / 100, mu = 1.0 / 5, beta = 0.1, rho = l / mu;
	double p2 = 1, p1 = (2 - beta) * rho, p0 = (rho * p1 + beta * rho * p2) / 2;
	struct measures t;

	sim_run(&s, "{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 } },"
		    " \"common_cause\": [ { \"members\": \"u\", \"beta\": 0.1 } ],"
		    " \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } }",
		1000, 20000, 45);
	check_in("unavailability", &s.sys.unavailability, p0 / (p0 + p1 + p2), 0.05);
	result_measures(s.r, &s.r->type[0], &t);
	check_in("member unavailability", &t.unavailability, 5.0 / 105, 0.02);
	{
		struct estimate sh = moments_y(&s.r->ccf[0], 0.95);

		check_in("shocks/yr", &sh, beta * l * 8760, 0.05);
	}
	sim_free(&s);
}
END_TEST

Suite *validation_suite(void)
{
	Suite *s = suite_create("validation");
	TCase *tc = tcase_create("exact values inside the intervals");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, single_exponential);
	tcase_add_test(tc, single_weibull_07);
	tcase_add_test(tc, single_weibull_3);
	tcase_add_test(tc, single_lognormal);
	tcase_add_test(tc, other_laws);
	tcase_add_test(tc, series_three);
	tcase_add_test(tc, parallel_two);
	tcase_add_test(tc, two_of_three);
	tcase_add_test(tc, nested_mix);
	tcase_add_test(tc, slo_any_downtime);
	tcase_add_test(tc, cold_standby);
	tcase_add_test(tc, cold_standby_coverage);
	tcase_add_test(tc, failover_switch_time);
	tcase_add_test(tc, failover_timed_chain);
	tcase_add_test(tc, failover_promotion_loses_writes);
	tcase_add_test(tc, two_pc_every_blocked_instance);
	tcase_add_test(tc, three_pc_takeover);
	tcase_add_test(tc, pool_requests_served);
	tcase_add_test(tc, quorum_election);
	tcase_add_test(tc, crew_parallel);
	tcase_add_test(tc, crew_cold_standby);
	tcase_add_test(tc, crew_cold_standby_coverage);
	tcase_add_test(tc, crew_engset);
	tcase_add_test(tc, common_cause_pair);
	suite_add_tcase(s, tc);
	return s;
}
