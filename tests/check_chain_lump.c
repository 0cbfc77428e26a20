/* check_chain_lump.c - the lumped chain of identical members against the
 * full chain of the same members (3, 5, 7 and 9 of them: with and without
 * elections, crews and common causes), against birth-death closed forms,
 * and through the model: which blocks are lumped, and a 10-member quorum
 * that had no exact value. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "exact/analytic.h"
#include "exact/chain.h"
#include "model/model.h"
#include "model/topology.h"
#include "analytic_fixture.h"
#include "suites.h"

/* |X / Y - 1| <= REL, with a message naming WHAT. */
static void close_rel(const char *what, double x, double y, double rel)
{
	ck_assert_msg(x == y || fabs(x / y - 1) <= rel, "%s: %.17g vs %.17g (%.2g)", what, x, y,
		      fabs(x / y - 1));
}

/* The members of both chains: N identical members of a plain block
 * needing NEED or a quorum, failing at LAM (of which BETA in shocks of
 * them all) and repaired at MU by CREWS crews (0: no limit), with an
 * election of TE. */
struct members {
	enum chain_kind kind;
	int n, need, crews;
	double lam, mu, beta, te;
};

static void fill_full(struct chain *ch, const struct members *p)
{
	memset(ch, 0, sizeof *ch);
	ch->kind = p->kind;
	ch->n = p->n;
	ch->need = p->need;
	ch->telect = p->te;
	for (int k = 0; k < p->n; k++) {
		ch->lam[k] = (1 - p->beta) * p->lam;
		ch->mu[k] = p->mu;
		ch->pool[k] = p->crews > 0 ? 0 : -1;
	}
	ch->cap[0] = p->crews;
	ch->crews = p->crews > 0;
	if (p->beta > 0) {
		ch->nshock = 1;
		ch->shock_rate[0] = p->beta * p->lam;
		ch->shock_mask[0] = ((uint64_t)1 << p->n) - 1;
	}
}

static void fill_lump(struct chain_lump *l, const struct members *p)
{
	memset(l, 0, sizeof *l);
	l->kind = p->kind;
	l->n = p->n;
	l->need = p->need;
	l->lam = (1 - p->beta) * p->lam;
	l->mu = p->mu;
	l->crews = p->crews;
	l->shock = p->beta * p->lam;
	l->telect = p->te;
}

/* The cases, each at 3, 5, 7 and 9 members. */
static const struct {
	enum chain_kind kind;
	int crews;
	double mtbf, mttr, beta, te;
} cases[] = {
	{ CHAIN_QUORUM, 0, 1000, 10, 0, 0 },
	{ CHAIN_QUORUM, 0, 1000, 10, 0, 30.0 / 3600 },     /* a 30 s election */
	{ CHAIN_QUORUM, 1, 2000, 8, 0, 0.25 },             /* one crew, a 15 min election */
	{ CHAIN_QUORUM, 2, 500, 20, 0.05, 0.1 },           /* crews, shocks and an election */
	{ CHAIN_PLAIN, 0, 100, 1, 0.1, 0 },                /* k-of-n with shocks */
	{ CHAIN_PLAIN, 1, 100, 5, 0, 0 },                  /* k-of-n with one crew */
	{ CHAIN_PLAIN, 2, 1e5, 1, 0.01, 0 },               /* tiny values: crews and shocks */
};

/* Lumped and full chains give the same values: A, U and, for plain
 * blocks, every count of members up, to 1e-12 relative. */
START_TEST(lump_equals_full)
{
	int sizes[] = { 3, 5, 7, 9 };

	for (int s = 0; s < 4; s++) {
		struct members p = { cases[_i].kind, sizes[s], 0, cases[_i].crews,
				     1 / cases[_i].mtbf, 1 / cases[_i].mttr, cases[_i].beta,
				     cases[_i].te };
		struct chain *ch = malloc(sizeof *ch);
		struct chain_lump l;
		double fa, fu, la, lu, fd[10], ld[10];
		char what[64];
		int plain = p.kind == CHAIN_PLAIN;

		p.need = plain ? (p.n + 1) / 2 : p.n / 2 + 1;
		fill_full(ch, &p);
		fill_lump(&l, &p);
		ck_assert_int_eq(chain_solve(ch, CHAIN_MAX_STATES, &fa, &fu, plain ? fd : NULL), 0);
		ck_assert_int_eq(chain_lump_solve(&l, &la, &lu, plain ? ld : NULL), 0);
		snprintf(what, sizeof what, "case %d, %d members: U", _i, p.n);
		close_rel(what, lu, fu, 1e-12);
		close_rel(what, la, fa, 1e-12);
		for (int k = 0; plain && k <= p.n; k++)
			close_rel(what, ld[k], fd[k], 1e-11);
		ck_assert(chain_lump_states(&l) <= (size_t)(2 * p.n + 2));
		free(ch);
	}
}
END_TEST

/* The stationary distribution of members down of a birth-death chain: N
 * members failing at LAM, CREWS repairing at MU (0: no limit), into P[0 ..
 * n], from the product form p(d + 1) / p(d) = (n - d) lam / (min(d + 1,
 * crews) mu), in long double (whose range holds every product), rounded
 * to double once. */
static void birth_death(int n, int crews, double lam, double mu, double *p)
{
	long double *w = malloc(((size_t)n + 1) * sizeof *w), sum = 0;

	w[0] = 1;
	for (int d = 0; d < n; d++) {
		int r = crews > 0 && d + 1 > crews ? crews : d + 1;

		w[d + 1] = w[d] * ((long double)(n - d) * lam) / ((long double)r * mu);
	}
	for (int d = n; d >= 0; d--)
		sum += w[d];
	for (int d = 0; d <= n; d++)
		p[d] = (double)(w[d] / sum);
	free(w);
}

/* Without an election a quorum is a k-of-n of its majority: both lumped
 * chains against the closed form, A and U, from 3 to 1001 members (U
 * from 0.023 down to 2.2e-243 without a crew limit), and each count of
 * members up. */
START_TEST(lump_birth_death)
{
	int sizes[] = { 3, 9, 51, 301, 1001 };

	for (int s = 0; s < 5; s++)
		for (int crews = 0; crews <= 3; crews += 3) {
			int n = sizes[s];
			double *p = malloc(((size_t)n + 1) * sizeof *p), *dist = malloc(((size_t)n + 1) * sizeof *dist);
			double u = 0, a = 0, lu, la;
			struct chain_lump l = { CHAIN_QUORUM, n, n / 2 + 1, 1.0 / 40, 1.0 / 4, crews, 0, 0 };
			char what[64];

			birth_death(n, crews, l.lam, l.mu, p);
			for (int d = 0; d <= n; d++)
				*(d > n - l.need ? &u : &a) += p[d];
			snprintf(what, sizeof what, "quorum of %d, %d crews", n, crews);
			ck_assert_int_eq(chain_lump_solve(&l, &la, &lu, NULL), 0);
			close_rel(what, lu, u, 1e-11);
			close_rel(what, la, a, 1e-11);
			l.kind = CHAIN_PLAIN;
			ck_assert_int_eq(chain_lump_solve(&l, &la, &lu, dist), 0);
			close_rel(what, lu, u, 1e-11);
			close_rel(what, la, a, 1e-11);
			for (int d = 0; d <= n; d++)
				if (p[d] > 1e-250)
					close_rel(what, dist[n - d], p[d], 1e-10);
			free(p);
			free(dist);
		}
}
END_TEST

/* Past GTH's cap the lumped chain goes through the sparse sweeps: 2501
 * members needing 2490 (2502 states), against the closed form, with no
 * crew limit and with 3 crews; and a block nearly always down (all up
 * far below 1e-300, where the sweeps start). */
START_TEST(lump_sparse_birth_death)
{
	int n = 2501;
	double *p = malloc(((size_t)n + 1) * sizeof *p), *dist = malloc(((size_t)n + 1) * sizeof *dist);

	for (int c = 0; c < 3; c++) {
		struct chain_lump l = { CHAIN_PLAIN, n, 2490, 1.0 / 5000, 1.0 / 4, c ? 3 : 0, 0, 0 };
		double u = 0, a = 0, lu, la;

		if (c == 2)
			l.lam = 1.0 / 16;
		birth_death(n, l.crews, l.lam, l.mu, p);
		for (int d = 0; d <= n; d++)
			*(d > n - l.need ? &u : &a) += p[d];
		ck_assert_int_eq(chain_lump_solve(&l, &la, &lu, dist), 0);
		close_rel("2501 members: U", lu, u, 1e-11);
		close_rel("2501 members: A", la, a, 1e-11);
		ck_assert_msg(c < 2 ? u > 1e-6 && u < 0.1 : u > 1 - 1e-15 && a < 1e-300, "case %d: U %g, A %g", c, u, a);
		for (int d = 0; d <= n; d++)
			if (p[d] > 1e-250)
				close_rel("2501 members: members up", dist[n - d], p[d], 1e-10);
	}
	free(p);
	free(dist);
}
END_TEST

/* A quorum of N members, "count" of one type (lumped) or each its own
 * type with the same laws (the full chain), with EXTRA keys for the
 * block and TOP for the topology; its U and method. */
static double quorum_u(int n, int lumped, const char *extra, const char *top, const char **method)
{
	char text[8192];
	size_t len = 0;
	struct topology *t;
	struct model *m;
	struct analytic a;
	double u;

	len += (size_t)snprintf(text, sizeof text, "{ %s \"components\": {", top);
	for (int k = 0; k < (lumped ? 1 : n); k++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					"%s \"n%d\": { \"mtbf\": 1000, \"mttr\": 10, \"repair_priority\": %d }",
					k ? "," : "", k, k + 1);
	len += (size_t)snprintf(text + len, sizeof text - len,
				" }, \"system\": { \"type\": \"quorum\"%s", extra);
	if (lumped)
		len += (size_t)snprintf(text + len, sizeof text - len,
					", \"count\": %d, \"component\": \"n0\"", n);
	else
		for (int k = 0; k < n; k++)
			len += (size_t)snprintf(text + len, sizeof text - len,
						"%s { \"type\": \"component\", \"component\": \"n%d\" }",
						k ? "," : ", \"blocks\": [", k);
	snprintf(text + len, sizeof text - len, "%s } }", lumped ? "" : " ]");
	solve(text, &t, &m, &a);
	u = a.block_u[0];
	*method = a.block_method[0];
	ck_assert_double_eq_tol(a.block_a[0] + a.block_u[0], 1, 1e-15);
	release(t, m, &a);
	return u;
}

/* Through the model: members of one type are lumped, members of distinct
 * types with the same laws take the full chain, and both give the same
 * value, with a priority queue for one crew (which of identical members
 * is repaired first does not matter) and the 10-member quorum with
 * a 30 s election: 3584 states, past GTH's cap, so the full chain goes
 * through the sparse sweeps and chain_timed.c's equivalent chain. */
START_TEST(lump_through_model)
{
	const char *crew = "\"repair_crews\": { \"count\": 1, \"policy\": \"priority\" },";
	const char *lm, *fm;
	double lu, fu;

	lu = quorum_u(5, 1, "", crew, &lm);
	fu = quorum_u(5, 0, "", crew, &fm);
	close_rel("5 members, one crew", lu, fu, 1e-12);
	ck_assert_str_eq(lm, ANALYTIC_CHAIN_EXACT);
	ck_assert_str_eq(fm, ANALYTIC_CHAIN_EXACT);
	lu = quorum_u(10, 1, ", \"election\": \"30s\"", "", &lm);
	fu = quorum_u(10, 0, ", \"election\": \"30s\"", "", &fm);
	close_rel("10 members, 30 s election", lu, fu, 1e-12);
	ck_assert_str_eq(lm, ANALYTIC_CHAIN_TIMED);
	ck_assert_str_eq(fm, ANALYTIC_CHAIN_TIMED);
}
END_TEST

/* The 10-member quorum without an election, the value that was
 * null: U is the probability that 5 or more of 10 independent members are
 * down.  And 200 members with an election have a value too. */
START_TEST(lump_ten_members)
{
	const char *method;
	double q = 10.0 / 1010, u = 0, c = 1;

	for (int d = 0; d <= 10; d++) {
		if (d >= 5)
			u += c * pow(q, d) * pow(1 - q, 10 - d);
		c = c * (10 - d) / (d + 1);
	}
	close_rel("10 members", quorum_u(10, 1, "", "", &method), u, 1e-12);
	ck_assert_str_eq(method, ANALYTIC_CHAIN_EXACT);
	ck_assert(isfinite(quorum_u(200, 1, ", \"election\": \"1m\"", "", &method)));
	ck_assert_str_eq(method, ANALYTIC_CHAIN_TIMED);
}
END_TEST

Suite *chain_lump_suite(void)
{
	Suite *s = suite_create("chain_lump");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, lump_equals_full, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, lump_birth_death);
	tcase_add_test(tc, lump_sparse_birth_death);
	tcase_add_test(tc, lump_through_model);
	tcase_add_test(tc, lump_ten_members);
	suite_add_tcase(s, tc);
	return s;
}
