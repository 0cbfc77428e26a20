/* check_chain_timed.c - the exact solution of chains with fixed timers
 * (chain_timed.c) against a second solver written here from
 * docs/topology-format.md alone: a failover pair whose fixed switch and
 * manual-recovery times are Erlang-K stand-ins (K phases of mean T / K),
 * solved with GSL's LU for K = 16, 32, 64, 128 and extrapolated to
 * K = infinity (Richardson: the error of an Erlang stand-in is a series in
 * 1/K).  The two share no code and no method. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_linalg.h>

#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "suites.h"

enum { P_ACT, P_SW, P_MAN, P_NONE };

/* A state of the pair: the phase, the member active (P_ACT) or that
 * failed (P_SW, P_MAN), the Erlang stage J of the running timer, and the
 * members up as bits. */
struct pst { int phase, who, j; unsigned up; };

struct pair {
	double lam, mu, tsw, c, tman, standby;
	int k;                    /* Erlang stages */
	struct pst s[1600];     /* 1541 at most: 128 stages of two timers */
	int n;
	gsl_matrix *q;
};

static struct pst pst(int phase, int who, unsigned up, int j)
{
	return (struct pst){ phase, who, j, up };
}

static int pair_find(const struct pair *p, struct pst x)
{
	for (int i = 0; i < p->n; i++)
		if (p->s[i].phase == x.phase && p->s[i].who == x.who && p->s[i].up == x.up &&
		    p->s[i].j == x.j)
			return i;
	ck_abort_msg("state %d/%d/%u/%d missing", x.phase, x.who, x.up, x.j);
	return -1;
}

static void pair_rate(struct pair *p, int from, struct pst to, double r)
{
	int t = pair_find(p, to);

	gsl_matrix_set(p->q, (size_t)from, (size_t)t, gsl_matrix_get(p->q, (size_t)from, (size_t)t) + r);
}

/* Who takes over among UP after member F failed: another member up if
 * there is one, else F if it is back, else nobody. */
static struct pst pair_lead(unsigned up, int f)
{
	unsigned others = up & ~(1u << f);
	int who = others ? (others & 1u ? 0 : 1) : up ? f : -1;

	return who < 0 ? pst(P_NONE, -1, 0, 0) : pst(P_ACT, who, up, 0);
}

/* The switch ends: success with probability c; a failed switch lets the
 * failed member resume if it is back, else manual recovery starts. */
static void pair_switch_end(struct pair *p, int i, int f, unsigned up, double r)
{
	pair_rate(p, i, pair_lead(up, f), p->c * r);
	if (p->c < 1)
		pair_rate(p, i, up >> f & 1 ? pst(P_ACT, f, up, 0) : pst(P_MAN, f, up, 0),
			  (1 - p->c) * r);
}

static void pair_states(struct pair *p)
{
	p->n = 0;
	for (unsigned up = 0; up < 4; up++)
		for (int f = 0; f < 2; f++) {
			if (up >> f & 1)
				p->s[p->n++] = pst(P_ACT, f, up, 0);
			for (int j = 0; p->tsw > 0 && j < p->k; j++)
				p->s[p->n++] = pst(P_SW, f, up, j);
			for (int j = 0; !(up >> f & 1) && j < (p->tman > 0 ? p->k : 1); j++)
				p->s[p->n++] = pst(P_MAN, f, up, j);
		}
	p->s[p->n++] = pst(P_NONE, -1, 0, 0);
}

/* Member M's failure or repair in state I. */
static void pair_member(struct pair *p, int i, int m)
{
	struct pst x = p->s[i];
	unsigned bit = 1u << m, down = x.up & ~bit;
	int active = x.phase == P_ACT && x.who == m;
	double rate = active ? p->lam : p->lam * p->standby;

	if (!(x.up & bit)) {
		if (x.phase == P_NONE || (x.phase == P_MAN && x.who == m))
			pair_rate(p, i, pst(P_ACT, m, x.up | bit, 0), p->mu);
		else
			pair_rate(p, i, pst(x.phase, x.who, x.up | bit, x.j), p->mu);
	} else if (rate > 0 && !active) {
		pair_rate(p, i, pst(x.phase, x.who, down, x.j), rate);
	} else if (rate > 0 && !down) {
		pair_rate(p, i, pst(P_NONE, -1, 0, 0), rate);
	} else if (rate > 0 && p->tsw > 0) {
		pair_rate(p, i, pst(P_SW, m, down, 0), rate);
	} else if (rate > 0) {
		pair_switch_end(p, i, m, down, rate);
	}
}

/* The pair's unavailability with K Erlang stages per timer. */
static double pair_u(struct pair *p, int k)
{
	gsl_vector *b, *x;
	gsl_permutation *perm;
	double u = 0;
	int sign;

	p->k = k;
	pair_states(p);
	p->q = gsl_matrix_calloc((size_t)p->n, (size_t)p->n);
	for (int i = 0; i < p->n; i++) {
		struct pst s = p->s[i];

		pair_member(p, i, 0);
		pair_member(p, i, 1);
		if (s.phase == P_SW && s.j + 1 < k)
			pair_rate(p, i, pst(P_SW, s.who, s.up, s.j + 1), k / p->tsw);
		else if (s.phase == P_SW)
			pair_switch_end(p, i, s.who, s.up, k / p->tsw);
		if (s.phase == P_MAN && p->tman > 0)
			pair_rate(p, i, s.j + 1 < k ? pst(P_MAN, s.who, s.up, s.j + 1) :
				  pair_lead(s.up, s.who), k / p->tman);
	}
	/* pi Q = 0 and sum pi = 1: Q^T with its last row made all ones */
	for (int i = 0; i < p->n; i++) {
		double out = 0;

		for (int j = 0; j < p->n; j++)
			out += j == i ? 0 : gsl_matrix_get(p->q, (size_t)i, (size_t)j);
		gsl_matrix_set(p->q, (size_t)i, (size_t)i, -out);
	}
	gsl_matrix_transpose(p->q);
	for (int j = 0; j < p->n; j++)
		gsl_matrix_set(p->q, (size_t)p->n - 1, (size_t)j, 1);
	b = gsl_vector_calloc((size_t)p->n);
	x = gsl_vector_alloc((size_t)p->n);
	perm = gsl_permutation_alloc((size_t)p->n);
	gsl_vector_set(b, (size_t)p->n - 1, 1);
	gsl_linalg_LU_decomp(p->q, perm, &sign);
	gsl_linalg_LU_solve(p->q, perm, b, x);
	for (int i = 0; i < p->n; i++)
		if (p->s[i].phase != P_ACT)
			u += gsl_vector_get(x, (size_t)i);
	gsl_permutation_free(perm);
	gsl_vector_free(x);
	gsl_vector_free(b);
	gsl_matrix_free(p->q);
	return u;
}

/* The pair's unavailability with fixed timers: Erlang stand-ins with
 * 16 .. 128 stages, extrapolated three times (1/K, 1/K^2, 1/K^3). */
static double pair_fixed_u(struct pair *p)
{
	double u[4], a1[3], a2[2];

	for (int i = 0; i < 4; i++)
		u[i] = pair_u(p, 16 << i);
	for (int i = 0; i < 3; i++)
		a1[i] = 2 * u[i + 1] - u[i];
	for (int i = 0; i < 2; i++)
		a2[i] = (4 * a1[i + 1] - a1[i]) / 3;
	return (8 * a2[1] - a2[0]) / 7;
}

/* nines' exact value of the same pair. */
static void nines_pair(const struct pair *p, const char *standby, double *u, const char **method)
{
	char text[1024];
	struct topology *t;
	struct model *m;
	struct analytic a;
	struct diag d;
	char manual[64] = "";

	if (p->tman > 0)
		snprintf(manual, sizeof manual, ", \"manual\": %.17g", p->tman);
	snprintf(text, sizeof text,
		 "{ \"components\": { \"u\": { \"mtbf\": %.17g, \"mttr\": %.17g } },"
		 " \"system\": { \"type\": \"failover\", \"count\": 2, \"component\": \"u\","
		 " \"detect\": %.17g, \"coverage\": %.17g, \"standby\": \"%s\"%s%s } }",
		 1 / p->lam, 1 / p->mu, p->tsw, p->c, standby,
		 strcmp(standby, "warm") == 0 ? ", \"dormancy\": 0.3" : "", manual);
	diag_init(&d);
	t = topology_parse(text, strlen(text), "pair.json", NULL, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	m = model_compile(t, &d);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(analytic_init(&a, m, &d), 0);
	*u = a.block_u[0];
	*method = a.block_method[0];
	ck_assert_double_eq_tol(a.block_a[0] + a.block_u[0], 1, 1e-15);
	analytic_release(&a);
	model_free(m);
	topology_free(t);
}

static const struct {
	double mtbf, mttr, detect, coverage, manual;
	const char *standby;
} pairs[] = {
	{ 100, 1, 1, 0.5, 0, "hot" },         /* issue 8's example: repaired during the switch */
	{ 100, 1, 1, 0.5, 0, "cold" },        /* had no value: "can stay down for good" */
	{ 100, 10, 1, 0.8, 2, "cold" },
	{ 100, 10, 0.5, 0.9, 3, "warm" },
	{ 1000, 10, 0, 0.7, 2, "hot" },       /* instant switch, fixed manual time */
	{ 2000, 2, 0.5, 1, 0, "hot" },        /* detect + switchover alone */
};

/* Every pair: nines' exact value equals the second solver's to 1e-8. */
START_TEST(pair_against_erlang)
{
	struct pair *p = calloc(1, sizeof *p);
	double u, want;
	const char *method;

	p->lam = 1 / pairs[_i].mtbf;
	p->mu = 1 / pairs[_i].mttr;
	p->tsw = pairs[_i].detect;
	p->c = pairs[_i].coverage;
	p->tman = pairs[_i].coverage < 1 ? pairs[_i].manual : 0;
	p->standby = strcmp(pairs[_i].standby, "hot") == 0 ? 1 :
		     strcmp(pairs[_i].standby, "warm") == 0 ? 0.3 : 0;
	want = pair_fixed_u(p);
	nines_pair(p, pairs[_i].standby, &u, &method);
	ck_assert_msg(fabs(u / want - 1) < 1e-8, "pair %d: U %.17g, second solver %.17g", _i, u, want);
	ck_assert_str_eq(method, ANALYTIC_CHAIN_TIMED);
	free(p);
}
END_TEST

/* The second solver is itself checked where a closed form exists: no
 * timer, a hot pair with perfect instant switches is two independent
 * members, U = u^2. */
START_TEST(erlang_solver_closed_form)
{
	struct pair *p = calloc(1, sizeof *p);
	double u = 0.01 / 1.01;

	p->lam = 0.01;
	p->mu = 1;
	p->c = 1;
	p->standby = 1;
	ck_assert_double_eq_tol(pair_u(p, 16) / (u * u), 1, 1e-12);
	free(p);
}
END_TEST

Suite *chain_timed_suite(void)
{
	Suite *s = suite_create("chain_timed");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, pair_against_erlang, 0, (int)(sizeof pairs / sizeof pairs[0]));
	tcase_add_test(tc, erlang_solver_closed_form);
	suite_add_tcase(s, tc);
	return s;
}
