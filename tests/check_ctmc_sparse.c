/* check_ctmc_sparse.c - the sparse sweeps against GTH on chains both
 * solve (the relative error of the unavailability and of every state),
 * against closed forms on chains only they solve, and every error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "exact/chain.h"
#include "exact/ctmc.h"
#include "exact/ctmc_sparse.h"
#include "suites.h"

static void close_rel(const char *what, double x, double y, double rel)
{
	ck_assert_msg(x == y || fabs(x / y - 1) <= rel, "%s: %.17g vs %.17g (%.2g)", what, x, y,
		      fabs(x / y - 1));
}

/* A chain of N distinct members of kind KIND: member k fails at
 * 1 / (MTBF f_k) and is repaired at f_k / MTTR, f_k spreading from 1 to
 * 3, so that no two members are alike. */
static void members(struct chain *ch, enum chain_kind kind, int n, double mtbf, double mttr)
{
	memset(ch, 0, sizeof *ch);
	ch->kind = kind;
	ch->n = n;
	ch->need = kind == CHAIN_QUORUM ? n / 2 + 1 : (n + 1) / 2;
	ch->coverage = 1;
	ch->standby = 1;
	for (int k = 0; k < n; k++) {
		double f = pow(3, (double)k / (n - 1));

		ch->lam[k] = 1 / (mtbf * f);
		ch->mu[k] = f / mttr;
		ch->pool[k] = -1;
		ch->prio[k] = k;
	}
}

/* The share of SP's states down: a role of n or more (quorum and
 * failover), or fewer than NEED members up (plain). */
static double down_share(const struct chain *ch, const struct chain_space *sp, const double *pi)
{
	struct ctmc_sum u = { 0, 0 };

	for (size_t h = 0; h < sp->count; h++) {
		uint64_t code = sp->code[h];
		int up = __builtin_popcountll(code & (((uint64_t)1 << ch->n) - 1));

		if (ch->kind == CHAIN_PLAIN ? up < ch->need : (int)(code >> sp->shift) >= ch->n)
			ctmc_sum_add(&u, pi[h]);
	}
	return ctmc_sum_value(&u);
}

/* SP's stationary distribution by the sweeps, grouped by role. */
static int sweeps(const struct chain_space *sp, double *pi, struct ctmc_sparse_info *info)
{
	uint32_t *role = malloc(sp->count * sizeof *role);
	struct diag d;
	int rc;

	for (size_t h = 0; h < sp->count; h++)
		role[h] = (uint32_t)(sp->code[h] >> sp->shift);
	diag_init(&d);
	rc = ctmc_sparse_solve(sp->count, sp->move_at, sp->move_to, sp->move_rate, role,
			       (size_t)sp->nroles, pi, info, &d);
	free(role);
	return rc;
}

static const struct {
	enum chain_kind kind;
	int n, crews;
	double mtbf, mttr, standby, shock;
} chains[] = {
	{ CHAIN_QUORUM, 9, 0, 1000, 10, 1, 0 },
	{ CHAIN_QUORUM, 9, 0, 1e7, 1, 1, 0 },          /* U about 1e-35 */
	{ CHAIN_QUORUM, 9, 0, 100, 50, 1, 0 },         /* not highly available */
	{ CHAIN_FAILOVER, 8, 0, 1000, 10, 1, 0 },      /* hot */
	{ CHAIN_FAILOVER, 8, 0, 1e5, 1, 0.3, 0 },      /* warm, U about 1e-46 */
	{ CHAIN_QUORUM, 7, 1, 1000, 10, 1, 0 },        /* one crew, by priority */
	{ CHAIN_PLAIN, 10, 0, 1000, 10, 1, 0.01 },     /* a shock of two members */
};

/* Both solvers on one chain: the sweeps' unavailability within 1e-13 of
 * GTH's, every state above 1e-200 within 1e-11. */
START_TEST(sweeps_against_gth)
{
	struct chain *ch = malloc(sizeof *ch);
	struct chain_space sp;
	struct ctmc_sparse_info info;
	struct ctmc *c;
	struct diag d;
	double *gth, *gs;
	char what[64];

	members(ch, chains[_i].kind, chains[_i].n, chains[_i].mtbf, chains[_i].mttr);
	ch->standby = chains[_i].standby;
	if (chains[_i].crews) {
		ch->crews = ch->by_prio = 1;
		for (int k = 0; k < ch->n; k++)
			ch->pool[k] = 0;
		ch->cap[0] = chains[_i].crews;
	}
	if (chains[_i].shock > 0) {
		ch->nshock = 1;
		ch->shock_rate[0] = chains[_i].shock / chains[_i].mtbf;
		ch->shock_mask[0] = 5;
	}
	ck_assert_int_eq(chain_space_build(ch, CTMC_MAX_STATES, &sp), 0);
	gth = malloc(sp.count * sizeof *gth);
	gs = malloc(sp.count * sizeof *gs);
	c = ctmc_new(sp.count);
	for (size_t h = 0; h < sp.count; h++)
		for (size_t k = sp.move_at[h]; k < sp.move_at[h + 1]; k++)
			ctmc_rate(c, h, sp.move_to[k], sp.move_rate[k]);
	diag_init(&d);
	ck_assert_int_eq(ctmc_solve(c, gth, &d), 0);
	ck_assert_int_eq(sweeps(&sp, gs, &info), 0);
	snprintf(what, sizeof what, "chain %d (%zu states, %d iterations)", _i, sp.count, info.sweeps);
	close_rel(what, down_share(ch, &sp, gs), down_share(ch, &sp, gth), 1e-13);
	for (size_t h = 0; h < sp.count; h++)
		if (gth[h] > 1e-200)
			close_rel(what, gs[h], gth[h], 1e-11);
	ck_assert(info.sweeps < 300);
	ctmc_free(c);
	free(gth);
	free(gs);
	chain_space_release(&sp);
	free(ch);
}
END_TEST

/* Past GTH's cap: a hot failover of 14 distinct members (114689 states)
 * with perfect instant switches is down when all are, and they are
 * independent: U is the product of theirs, about 2e-35. */
START_TEST(sweeps_closed_form)
{
	struct chain *ch = malloc(sizeof *ch);
	struct chain_space sp;
	struct ctmc_sparse_info info;
	double *pi, want = 1;

	members(ch, CHAIN_FAILOVER, 14, 1000, 10);
	for (int k = 0; k < ch->n; k++)
		want *= ch->lam[k] / (ch->lam[k] + ch->mu[k]);
	ck_assert_int_eq(chain_space_build(ch, CHAIN_MAX_STATES, &sp), 0);
	ck_assert_uint_eq(sp.count, 14 * 8192 + 1);
	pi = malloc(sp.count * sizeof *pi);
	ck_assert_int_eq(sweeps(&sp, pi, &info), 0);
	close_rel("14 hot members", down_share(ch, &sp, pi), want, 1e-13);
	ck_assert(info.aggregated);
	free(pi);
	chain_space_release(&sp);
	free(ch);
}
END_TEST

/* Two states, rates given in pieces, a self-loop, no groups. */
START_TEST(sweeps_two_states)
{
	size_t at[] = { 0, 3, 4 };
	uint32_t to[] = { 1, 0, 1, 0 };
	double rate[] = { 0.001, 7, 0.002, 0.5 }, pi[2];
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(ctmc_sparse_solve(2, at, to, rate, NULL, 0, pi, NULL, &d), 0);
	close_rel("up", pi[0], 0.5 / 0.503, 1e-15);
	close_rel("down", pi[1], 0.003 / 0.503, 1e-15);
	at[1] = 0;
	ck_assert_int_eq(ctmc_sparse_solve(1, at, to, rate, NULL, 0, pi, NULL, &d), 0);
	ck_assert_double_eq(pi[0], 1);
}
END_TEST

START_TEST(sweeps_errors)
{
	size_t at[] = { 0, 1, 2, 3 };
	uint32_t to[] = { 1, 2, 2 };
	double rate[] = { 1, 1, 1 }, pi[3];
	struct diag d;

	/* state 2 is never left */
	diag_init(&d);
	ck_assert_int_eq(ctmc_sparse_solve(3, at, to, rate, NULL, 0, pi, NULL, &d), 1);
	ck_assert_str_eq(diag_text(&d), "the Markov chain is reducible: state 1 cannot lead "
			 "back to state 0");
	to[2] = 0;
	rate[1] = -1;
	diag_init(&d);
	ck_assert_int_eq(ctmc_sparse_solve(3, at, to, rate, NULL, 0, pi, NULL, &d), -1);
	ck_assert_str_eq(diag_text(&d), "the rate -1 from state 1 to state 2 is not a finite "
			 "non-negative number");
	rate[1] = INFINITY;
	diag_init(&d);
	ck_assert_int_eq(ctmc_sparse_solve(3, at, to, rate, NULL, 0, pi, NULL, &d), -1);
	ck_assert_str_eq(diag_text(&d), "the rate inf from state 1 to state 2 is not a finite "
			 "non-negative number");
}
END_TEST

/* A ring walked against the sweeps' order (0 -> n-1 -> ... -> 1 -> 0):
 * each sweep carries the weight one state further, so that n states need
 * n sweeps, more than CTMC_SPARSE_MAX_SWEEPS allows. */
START_TEST(sweeps_give_up)
{
	size_t n = CTMC_SPARSE_MAX_SWEEPS + 100, *at = malloc((n + 1) * sizeof *at);
	uint32_t *to = malloc(n * sizeof *to);
	double *rate = malloc(n * sizeof *rate), *pi = malloc(n * sizeof *pi);
	struct ctmc_sparse_info info;
	struct diag d;

	for (size_t h = 0; h <= n; h++)
		at[h] = h;
	for (size_t h = 0; h < n; h++) {
		to[h] = (uint32_t)(h == 0 ? n - 1 : h - 1);
		rate[h] = 1;
	}
	diag_init(&d);
	ck_assert_int_eq(ctmc_sparse_solve(n, at, to, rate, NULL, 0, pi, &info, &d), 2);
	ck_assert_int_eq(info.sweeps, CTMC_SPARSE_MAX_SWEEPS);
	ck_assert_str_eq(diag_text(&d), "the Markov chain's sweeps did not converge in 20000 "
			 "sweeps (last relative change 1)");
	/* the other way round, one sweep */
	diag_init(&d);
	for (size_t h = 0; h < n; h++)
		to[h] = (uint32_t)((h + 1) % n);
	ck_assert_int_eq(ctmc_sparse_solve(n, at, to, rate, NULL, 0, pi, &info, &d), 0);
	ck_assert_int_le(info.sweeps, 2);
	close_rel("ring", pi[n / 2], 1.0 / (double)n, 1e-13);
	free(at);
	free(to);
	free(rate);
	free(pi);
}
END_TEST

Suite *ctmc_sparse_suite(void)
{
	Suite *s = suite_create("ctmc_sparse");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, sweeps_against_gth, 0, (int)(sizeof chains / sizeof chains[0]));
	tcase_add_test(tc, sweeps_closed_form);
	tcase_add_test(tc, sweeps_two_states);
	tcase_add_test(tc, sweeps_errors);
	tcase_add_test(tc, sweeps_give_up);
	suite_add_tcase(s, tc);
	return s;
}
