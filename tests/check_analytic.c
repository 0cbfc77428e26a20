/* check_analytic.c - exact values against brute-force enumeration of every
 * up/down state, the digits kept for tiny unavailabilities, and the Markov
 * chains of quorum and failover blocks against closed forms. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "analytic_fixture.h"
#include "suites.h"

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

/* ---- quorum and failover blocks: Markov chains ---- */

/* A failover or quorum block of COUNT members of one type (mtbf MTBF,
 * mttr MTTR) with the block's extra keys EXTRA; solved into A. */
static void replicated(const char *kind, int count, double mtbf, double mttr,
		       const char *extra, struct topology **t, struct model **m,
		       struct analytic *a)
{
	char text[1024];

	snprintf(text, sizeof text,
		 "{ \"components\": { \"db\": { \"mtbf\": %.17g, \"mttr\": %.17g } },"
		 " \"system\": { \"type\": \"%s\", \"count\": %d, \"component\": \"db\"%s%s } }",
		 mtbf, mttr, kind, count, *extra ? ", " : "", extra);
	solve(text, t, m, a);
}

/* Availability and unavailability both against the closed form U: each to
 * REL, and they add up to 1. */
static void check_u(const struct analytic *a, size_t b, double u, double rel)
{
	ck_assert_msg(fabs(a->block_u[b] / u - 1) <= rel, "U %.17g vs %.17g", a->block_u[b], u);
	ck_assert_msg(fabs(a->block_a[b] - (1 - u)) <= rel * u + 2e-16 && a->block_a[b] <= 1, "A %.17g vs %.17g",
		      a->block_a[b], 1 - u);
	ck_assert_double_eq_tol(a->block_a[b] + a->block_u[b], 1, 1e-15);
}

/* Cold standby pair, perfect instant switch, two independent repairs (as
 * in check_validation.c's cold_standby): states both up, one up, both
 * down; U = (rho^2 / 2) / (1 + rho + rho^2 / 2). */
START_TEST(cold_standby_pair)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double rho = 1.0 / 100;

	replicated("failover", 2, 100, 1, "\"standby\": \"cold\"", &t, &m, &a);
	check_u(&a, 0, (rho * rho / 2) / (1 + rho + rho * rho / 2), 1e-12);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	release(t, m, &a);
}
END_TEST

/* The switch succeeds with probability p; a failed one leaves the block
 * down until the failed member is repaired (check_validation.c's
 * cold_standby_coverage): U = ((1 - p) rho + p rho^2 / 2) / (1 + rho + p rho^2 / 2). */
START_TEST(cold_standby_coverage)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double rho = 1.0 / 100, p = 0.9;

	replicated("failover", 2, 100, 1, "\"standby\": \"cold\", \"coverage\": 0.9", &t, &m, &a);
	check_u(&a, 0, ((1 - p) * rho + p * rho * rho / 2) / (1 + rho + p * rho * rho / 2), 1e-12);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	release(t, m, &a);
}
END_TEST

/* Hot standbys and an instant switch: the block is down only when every
 * member is, and the members are independent: U = u1 u2 (u3), also with
 * members of different types, and also when U is 1e-16. */
START_TEST(hot_pair_instant)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double u = 1 / (1 + 200.0 / 10), u1 = 1 / (1 + 1e8), u2 = 1 / (1 + 5e7 / 3);
	double ua = 2.0 / 302, ub = 5.0 / 1005, uc = 1.0 / 51;

	replicated("failover", 2, 200, 10, "\"standby\": \"hot\"", &t, &m, &a);
	check_u(&a, 0, u * u, 1e-12);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	release(t, m, &a);

	solve("{ \"components\": { \"x\": { \"mtbf\": 1e8, \"mttr\": 1 },"
	      " \"y\": { \"mtbf\": 5e7, \"mttr\": 3 } },"
	      " \"system\": { \"type\": \"failover\", \"standby\": \"hot\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"x\" },"
	      "  { \"type\": \"component\", \"component\": \"y\" } ] } }", &t, &m, &a);
	check_u(&a, 0, u1 * u2, 1e-12);
	ck_assert(a.block_u[0] < 1e-15);
	release(t, m, &a);

	solve("{ \"components\": { \"a\": { \"mtbf\": 300, \"mttr\": 2 },"
	      " \"b\": { \"mtbf\": 1000, \"mttr\": 5 }, \"c\": { \"mtbf\": 50, \"mttr\": 1 } },"
	      " \"system\": { \"type\": \"failover\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"a\" },"
	      "  { \"type\": \"component\", \"component\": \"b\" },"
	      "  { \"type\": \"component\", \"component\": \"c\" } ] } }", &t, &m, &a);
	check_u(&a, 0, ua * ub * uc, 1e-12);
	release(t, m, &a);
}
END_TEST

/* A warm pair: the standby fails at d times the rate.  By symmetry the
 * chain lumps into both up (the active failing at lambda, the standby at
 * d lambda), one up (failing at lambda, the other repaired at mu), both
 * down (two repairs): cutting between neighbours,
 * U = (1 + d) rho^2 / 2 / (1 + (1 + d) rho + (1 + d) rho^2 / 2),
 * cold's value at d = 0, hot's u^2 at d = 1, and between them else. */
START_TEST(warm_pair)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double rho = 10.0 / 400, d = 0.3, k = 1 + d;
	double warm = k * rho * rho / 2 / (1 + k * rho + k * rho * rho / 2);
	double cold = (rho * rho / 2) / (1 + rho + rho * rho / 2), u = rho / (1 + rho);

	replicated("failover", 2, 400, 10, "\"standby\": \"warm\", \"dormancy\": 0.3", &t, &m, &a);
	check_u(&a, 0, warm, 1e-12);
	ck_assert(cold < a.block_u[0] && a.block_u[0] < u * u);
	release(t, m, &a);
}
END_TEST

/* A quorum with an instant election is up exactly when a majority is: a
 * 2-of-3, also with members of different types (enumerated). */
START_TEST(quorum_instant)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double u = 12.0 / 312, ua = 1.0 / 101, ub = 2.0 / 202, uc = 4.0 / 54, ex = 0;

	replicated("quorum", 3, 300, 12, "", &t, &m, &a);
	check_u(&a, 0, 3 * (1 - u) * u * u + u * u * u, 1e-12);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	release(t, m, &a);

	solve("{ \"components\": { \"a\": { \"mtbf\": 100, \"mttr\": 1 },"
	      " \"b\": { \"mtbf\": 200, \"mttr\": 2 }, \"c\": { \"mtbf\": 50, \"mttr\": 4 } },"
	      " \"system\": { \"type\": \"quorum\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"a\" },"
	      "  { \"type\": \"component\", \"component\": \"b\" },"
	      "  { \"type\": \"component\", \"component\": \"c\" } ] } }", &t, &m, &a);
	ex = ua * ub * (1 - uc) + ua * (1 - ub) * uc + (1 - ua) * ub * uc + ua * ub * uc;
	check_u(&a, 0, ex, 1e-12);
	release(t, m, &a);

	/* five members, need three */
	replicated("quorum", 5, 300, 12, "", &t, &m, &a);
	ex = 10 * pow(1 - u, 2) * pow(u, 3) + 5 * (1 - u) * pow(u, 4) + pow(u, 5);
	check_u(&a, 0, ex, 1e-12);
	release(t, m, &a);
}
END_TEST

/* Election E (check_validation.c's quorum_election): down while a
 * majority is down, for E after each failure of the leader with the other
 * two up, and for E after a majority comes back.  The chain takes E as an
 * exponential delay of the same mean: the same first-order terms. */
START_TEST(quorum_election)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double l = 1.0 / 10000, mu = 1.0, e = 1, u = l / (l + mu), av = 1 - u;
	double umaj = 3 * av * u * u + u * u * u;
	double first = umaj + (l * av * av * av + 2 * mu * 3 * av * u * u) * e;

	replicated("quorum", 3, 10000, 1, "\"election\": \"1h\"", &t, &m, &a);
	check_u(&a, 0, first, 0.01);
	ck_assert(a.block_u[0] > umaj);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_TIMED);
	release(t, m, &a);
}
END_TEST

/* Detect + switchover s (check_validation.c's failover_switch_time): u^2
 * and s for each failure of the active member with the standby up. */
START_TEST(failover_switch_time)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double l = 1.0 / 2000, mu = 1.0 / 2, sw = 0.5, u = l / (l + mu), av = 1 - u;

	replicated("failover", 2, 2000, 2, "\"detect\": \"20m\", \"switchover\": \"10m\"", &t, &m, &a);
	check_u(&a, 0, u * u + l * av * av * sw, 0.01);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_TIMED);
	release(t, m, &a);
	/* a fixed manual recovery time alone makes the chain timed too */
	replicated("failover", 2, 2000, 2, "\"coverage\": 0.99, \"manual\": \"1h\"", &t, &m, &a);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_TIMED);
	ck_assert(isfinite(a.block_u[0]));
	release(t, m, &a);
}
END_TEST

/* Parents combine a chain's value like any child's, and say what is inside. */
START_TEST(chain_inside)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double rho = 1.0 / 100, uf = (rho * rho / 2) / (1 + rho + rho * rho / 2), uw = 1.0 / 1001;

	solve("{ \"components\": { \"db\": { \"mtbf\": 100, \"mttr\": 1 },"
	      " \"web\": { \"mtbf\": 1000, \"mttr\": 1 } },"
	      " \"system\": { \"type\": \"series\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"web\" },"
	      "  { \"type\": \"failover\", \"standby\": \"cold\", \"count\": 2, \"component\": \"db\" } ] } }",
	      &t, &m, &a);
	check_u(&a, 0, 1 - (1 - uw) * (1 - uf), 1e-12);
	ck_assert_ptr_nonnull(strstr(a.block_method[0], "exact, with Markov chains"));
	release(t, m, &a);

	solve("{ \"components\": { \"db\": { \"mtbf\": 100, \"mttr\": 1 } },"
	      " \"system\": { \"type\": \"parallel\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"db\" },"
	      "  { \"type\": \"quorum\", \"election\": \"10s\", \"count\": 3, \"component\": \"db\" } ] } }",
	      &t, &m, &a);
	ck_assert(isfinite(a.block_u[0]));
	ck_assert_ptr_nonnull(strstr(a.block_method[0], "exact, with Markov chains"));
	release(t, m, &a);
}
END_TEST

/* No exact value: a member whose law is not exponential (named), too many
 * states, and a chain that can stay down for good. */
START_TEST(chain_refusals)
{
	struct topology *t;
	struct model *m;
	struct analytic a;

	solve("{ \"components\": { \"e\": { \"mtbf\": 100, \"mttr\": 1 },"
	      " \"w\": { \"failure\": { \"distribution\": \"weibull\", \"shape\": 2, \"mean\": 100 },"
	      "        \"repair\": { \"distribution\": \"exponential\", \"mean\": 1 } },"
	      " \"g\": { \"mtbf\": 100, \"repair\": { \"distribution\": \"lognormal\", \"mean\": 1, \"sd\": 1 } } },"
	      " \"system\": { \"type\": \"series\", \"blocks\": ["
	      "  { \"type\": \"failover\", \"blocks\": ["
	      "    { \"type\": \"component\", \"component\": \"e\" },"
	      "    { \"type\": \"component\", \"component\": \"w\" } ] },"
	      "  { \"type\": \"quorum\", \"count\": 3, \"component\": \"g\" } ] } }", &t, &m, &a);
	ck_assert(isnan(a.block_a[1]) && isnan(a.block_u[1]));
	ck_assert_str_eq(a.block_method[1], "no exact value: component \"w\" has a weibull failure "
			 "law, and the Markov chain of a failover block needs exponential failure "
			 "and repair laws");
	ck_assert(isnan(a.block_u[2]));
	ck_assert_str_eq(a.block_method[2], "no exact value: component \"g\" has a lognormal repair "
			 "law, and the Markov chain of a quorum block needs exponential failure "
			 "and repair laws");
	ck_assert(isnan(a.block_u[0]));
	ck_assert_str_eq(a.block_method[0], "no exact value: a block inside has none");
	release(t, m, &a);

	/* 21 members: 21 x 2^20 states with an active member, and all down */
	replicated("failover", 21, 100, 1, "", &t, &m, &a);
	ck_assert(isnan(a.block_u[0]));
	ck_assert_str_eq(a.block_method[0], "no exact value: too many states (22020097) for an "
			 "exact solution");
	release(t, m, &a);
	replicated("failover", 100, 100, 1, "", &t, &m, &a);
	ck_assert_str_eq(a.block_method[0], "no exact value: too many states (over 10^18) for an exact solution");
	release(t, m, &a);
	/* 9 hot members: 9 x 2^8 + 1 = 2305 states, past GTH's cap, solved by
	 * the sparse sweeps (check_ctmc_sparse.c holds them against GTH) */
	replicated("failover", 9, 100, 1, "", &t, &m, &a);
	check_u(&a, 0, pow(1.0 / 101, 9), 1e-12);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	release(t, m, &a);
	/* 8 members fit: 8 x 2^7 + 1 = 1025 states */
	replicated("failover", 8, 100, 1, "\"standby\": \"hot\"", &t, &m, &a);
	check_u(&a, 0, pow(1.0 / 101, 8), 1e-11);
	release(t, m, &a);

	/* A cold standby, a switch time and a failed switch with manual
	 * recovery until the repair: a failed member repaired during the
	 * switch resumes at once (as fsm.c's failover_switch does) instead
	 * of waiting for a repair that never comes, so there is a value
	 * (check_chain_timed.c holds it against a second solver). */
	replicated("failover", 2, 100, 1, "\"standby\": \"cold\", \"detect\": \"5m\", \"coverage\": 0.9",
		   &t, &m, &a);
	ck_assert(isfinite(a.block_u[0]) && a.block_u[0] > 0);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_TIMED);
	release(t, m, &a);
}
END_TEST

/* Limited repair crews (check_validation.c's crew_* tests): the classic
 * birth-death results for the number of members down, with rho = 5/100. */
static void crew_block(const char *block, int crews, struct topology **t, struct model **m,
		       struct analytic *a)
{
	char text[1024];

	snprintf(text, sizeof text,
		 "{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 } },"
		 " \"repair_crews\": { \"count\": %d }, \"system\": %s }", crews, block);
	solve(text, t, m, a);
}

START_TEST(crews_one_block)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double r = 0.05, p = 0.8, w[6], sum = 0, down = 0;

	crew_block("{ \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" }", 1, &t, &m, &a);
	check_u(&a, 0, 1 - (1 + 2 * r) / (1 + 2 * r + 2 * r * r), 1e-12);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	ck_assert(isnan(a.type_a[0]));
	release(t, m, &a);
	crew_block("{ \"type\": \"failover\", \"standby\": \"cold\", \"count\": 2, \"component\": \"u\" }",
		   1, &t, &m, &a);
	check_u(&a, 0, 1 - (1 + r) / (1 + r + r * r), 1e-12);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	release(t, m, &a);
	crew_block("{ \"type\": \"failover\", \"standby\": \"cold\", \"coverage\": 0.8,"
		   " \"count\": 2, \"component\": \"u\" }", 1, &t, &m, &a);
	check_u(&a, 0, 1 - (1 + p * r) / (1 + r + p * r * r), 1e-12);
	release(t, m, &a);
	/* 3 of 5, 2 crews (Engset) */
	for (int j = 0; j <= 5; j++) {
		w[j] = j == 0 ? 1 : w[j - 1] * (5 - j + 1) * r / (j < 2 ? j : 2);
		sum += w[j];
	}
	for (int j = 3; j <= 5; j++)
		down += w[j];
	crew_block("{ \"type\": \"k_of_n\", \"need\": 3, \"count\": 5, \"component\": \"u\" }", 2,
		   &t, &m, &a);
	check_u(&a, 0, down / sum, 1e-12);
	release(t, m, &a);
}
END_TEST

/* A pool of crews serving two blocks, and a FIFO queue of different
 * components (by priority, their order is known). */
START_TEST(crews_refused)
{
	struct topology *t;
	struct model *m;
	struct analytic a;

	crew_block("{ \"type\": \"series\", \"blocks\": ["
		   "  { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" },"
		   "  { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } ] }", 1, &t, &m, &a);
	ck_assert(isnan(a.block_u[1]) && isnan(a.block_a[2]));
	ck_assert_str_eq(a.block_method[1], "no exact value: the shared repair crews serve "
			 "instances of several blocks (a Markov chain covers one block's own instances)");
	ck_assert_str_eq(a.block_method[0], "no exact value: a block inside has none");
	release(t, m, &a);

	solve("{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 }, \"v\": { \"mtbf\": 50, \"mttr\": 2 } },"
	      " \"repair_crews\": { \"count\": 1 },"
	      " \"system\": { \"type\": \"parallel\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"u\" },"
	      "  { \"type\": \"component\", \"component\": \"v\" } ] } }", &t, &m, &a);
	ck_assert(isnan(a.block_u[0]));
	ck_assert_str_eq(a.block_method[1], "no exact value: the shared repair crews serve "
			 "instances of several blocks (a Markov chain covers one block's own instances)");
	release(t, m, &a);

	solve("{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 }, \"v\": { \"mtbf\": 50, \"mttr\": 2 } },"
	      " \"repair_crews\": { \"count\": 1 },"
	      " \"system\": { \"type\": \"failover\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"u\" },"
	      "  { \"type\": \"component\", \"component\": \"v\" } ] } }", &t, &m, &a);
	ck_assert(isnan(a.block_u[0]));
	ck_assert_str_eq(a.block_method[0], "no exact value: components \"u\" and \"v\" wait for "
			 "the same repair crews in one queue, whose order the Markov chain does not hold");
	release(t, m, &a);
	solve("{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5, \"repair_priority\": 1 },"
	      " \"v\": { \"mtbf\": 50, \"mttr\": 2, \"repair_priority\": 2 } },"
	      " \"repair_crews\": { \"count\": 1, \"policy\": \"priority\" },"
	      " \"system\": { \"type\": \"failover\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"u\" },"
	      "  { \"type\": \"component\", \"component\": \"v\" } ] } }", &t, &m, &a);
	ck_assert(isfinite(a.block_u[0]) && a.block_u[0] > 0);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	release(t, m, &a);
}
END_TEST

/* A beta-factor pair in parallel (check_validation.c's common_cause_pair):
 * p1 = (2 - beta) rho p2, p0 = (rho p1 + beta rho p2) / 2; a member's own
 * value stays MTBF / (MTBF + MTTR). */
START_TEST(common_cause_pair)
{
	struct topology *t;
	struct model *m;
	struct analytic a;
	double rho = 5.0 / 100, beta = 0.1;
	double p2 = 1, p1 = (2 - beta) * rho, p0 = (rho * p1 + beta * rho * p2) / 2;

	solve("{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 } },"
	      " \"common_cause\": [ { \"members\": \"u\", \"beta\": 0.1 } ],"
	      " \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } }", &t, &m, &a);
	check_u(&a, 0, p0 / (p0 + p1 + p2), 1e-12);
	ck_assert_str_eq(a.block_method[0], ANALYTIC_CHAIN_EXACT);
	ck_assert_double_eq_tol(a.type_u[0], 5.0 / 105, 1e-15);
	release(t, m, &a);
	/* a hot failover of that pair and a member of another type the
	 * shocks spare: down when both parts are */
	solve("{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 }, \"v\": { \"mtbf\": 50, \"mttr\": 2 } },"
	      " \"common_cause\": [ { \"members\": \"u\", \"beta\": 0.1 } ],"
	      " \"system\": { \"type\": \"failover\", \"standby\": \"hot\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"u\" },"
	      "  { \"type\": \"component\", \"component\": \"u\" },"
	      "  { \"type\": \"component\", \"component\": \"v\" } ] } }", &t, &m, &a);
	check_u(&a, 0, p0 / (p0 + p1 + p2) * (2.0 / 52), 1e-12);
	release(t, m, &a);
	/* members in two blocks */
	solve("{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 5 } },"
	      " \"common_cause\": [ { \"members\": \"u\", \"beta\": 0.1 } ],"
	      " \"system\": { \"type\": \"parallel\", \"blocks\": ["
	      "  { \"type\": \"component\", \"component\": \"u\" },"
	      "  { \"type\": \"component\", \"component\": \"u\" } ] } }", &t, &m, &a);
	ck_assert(isnan(a.block_u[0]));
	ck_assert_str_eq(a.block_method[2], "no exact value: the common cause of \"u\" strikes "
			 "instances of several blocks (a Markov chain covers one block's own instances)");
	ck_assert(isfinite(a.type_u[0]));
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
	tcase_add_test(tc, cold_standby_pair);
	tcase_add_test(tc, cold_standby_coverage);
	tcase_add_test(tc, hot_pair_instant);
	tcase_add_test(tc, warm_pair);
	tcase_add_test(tc, quorum_instant);
	tcase_add_test(tc, quorum_election);
	tcase_add_test(tc, failover_switch_time);
	tcase_add_test(tc, chain_inside);
	tcase_add_test(tc, chain_refusals);
	tcase_add_test(tc, crews_one_block);
	tcase_add_test(tc, crews_refused);
	tcase_add_test(tc, common_cause_pair);
	suite_add_tcase(s, tc);
	return s;
}
