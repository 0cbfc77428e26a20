/* chain_timed.c - the steady state of a block's chain when fixed timers
 * run in it: a failover's detect + switchover and manual recovery, a
 * quorum's election.
 *
 * With exponential failures and repairs and fixed timers, at most one
 * timer runs at a time, so the block is a Markov regenerative process
 * (German 2000; Choi, Kulkarni and Trivedi 1994).  A state where no timer
 * runs is left at exponential rates as in any Markov chain.  A timer's
 * period starts at the move into its role and ends when the timer expires
 * or a move leaves the role; within it the members keep failing and being
 * repaired, which the period's subordinated chain (the moves that keep
 * the role) describes.  For each state a period can start from, the
 * period's mean time in each state, ∫0^τ e^(Qt) dt, and the distribution
 * at its end, e^(Qτ), come from uniformization: sums of Poisson-weighted
 * powers of a stochastic matrix, every term positive.  The embedded chain
 * of regeneration points then becomes an equivalent Markov chain (a
 * period entered at h leaves it at rate P[h][t] / L_h, L_h its mean
 * length), solved by chain_rates_solve (ctmc.c's GTH, or ctmc_sparse.c's
 * sweeps past its cap), and each period's time is spread over its
 * states in proportion to its mean times.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exact/chain.h"

/* A uniformization step covers at most this many expected jumps, so
 * that e^-x stays far from underflow; a longer timer is cut in parts. */
#define UNIF_MAX_JUMPS 40.0
/* A period whose probability left in its role falls below this ends
 * there: the rest of it adds nothing a double can hold. */
#define UNIF_GONE 1e-24
/* The most parts a period may be cut in while probability is left in its
 * role: a timer longer than that against its members' rates has no exact
 * value (the solution would take seconds to hours). */
#define UNIF_MAX_PARTS 100000
/* Poisson terms are summed until one falls below this, past the mean. */
#define UNIF_NEGLIGIBLE 1e-20
#define UNIF_MAX_TERMS 1024

/* The states of each role, and the work vectors of one period. */
struct timed {
	const struct chain_space *sp;
	double *out;          /* [count]: total rate out of each state */
	size_t *role_at;      /* [nroles + 1]: role r's states are members[role_at[r] ..] */
	uint32_t *members;    /* [count]: the states, by role */
	uint32_t *local;      /* [count]: a state's place among its role's */
	double *qmax;         /* [nroles]: the largest rate out of a state of the role */
	double *v, *next, *end, *soj;   /* [largest role]: one period's vectors */
	double *to;           /* [count]: where a period leads, with probabilities */
	uint32_t *touched;    /* [count]: the states where to[] is not 0 */
	size_t ntouched;
	double pois[UNIF_MAX_TERMS], tail[UNIF_MAX_TERMS];
};

static int by_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static int role_of(const struct chain_space *sp, size_t h)
{
	return (int)(sp->code[h] >> sp->shift);
}

static void timed_release(struct timed *T)
{
	free(T->out);
	free(T->role_at);
	free(T->members);
	free(T->local);
	free(T->qmax);
	free(T->v);
	free(T->next);
	free(T->end);
	free(T->soj);
	free(T->to);
	free(T->touched);
}

/* Group the states of SP by role.  Returns 0, or -1 out of memory. */
static int timed_init(struct timed *T, const struct chain_space *sp)
{
	int nroles = sp->nroles;
	size_t widest = 0, count = sp->count, *fill;

	memset(T, 0, sizeof *T);
	T->sp = sp;
	T->out = calloc(count, sizeof *T->out);
	T->role_at = calloc((size_t)nroles + 1, sizeof *T->role_at);
	T->members = malloc(count * sizeof *T->members);
	T->local = malloc(count * sizeof *T->local);
	T->qmax = calloc((size_t)nroles, sizeof *T->qmax);
	T->to = calloc(count, sizeof *T->to);
	T->touched = malloc(count * sizeof *T->touched);
	fill = malloc((size_t)nroles * sizeof *fill);
	if (!T->out || !T->role_at || !T->members || !T->local || !T->qmax || !T->to ||
	    !T->touched || !fill) {
		free(fill);
		return -1;
	}
	for (size_t h = 0; h < count; h++) {
		int r = role_of(sp, h);

		for (size_t k = sp->move_at[h]; k < sp->move_at[h + 1]; k++)
			T->out[h] += sp->move_rate[k];
		if (T->out[h] > T->qmax[r])
			T->qmax[r] = T->out[h];
		T->role_at[r + 1]++;
	}
	for (int r = 0; r < nroles; r++) {
		if (T->role_at[r + 1] > widest)
			widest = T->role_at[r + 1];
		T->role_at[r + 1] += T->role_at[r];
	}
	memcpy(fill, T->role_at, (size_t)nroles * sizeof *fill);
	for (size_t h = 0; h < count; h++) {
		int r = role_of(sp, h);

		T->local[h] = (uint32_t)(fill[r] - T->role_at[r]);
		T->members[fill[r]++] = (uint32_t)h;
	}
	free(fill);
	T->v = malloc(widest * sizeof *T->v);
	T->next = malloc(widest * sizeof *T->next);
	T->end = malloc(widest * sizeof *T->end);
	T->soj = malloc(widest * sizeof *T->soj);
	return T->v && T->next && T->end && T->soj ? 0 : -1;
}

/* The Poisson weights of X expected jumps into T->pois, and the tails
 * T->tail[k] = sum of pois[i] for i > k, summed from the small end so
 * that every tail keeps its relative accuracy.  Returns the terms. */
static int poisson(struct timed *T, double x)
{
	int k = 0;

	T->pois[0] = exp(-x);
	while (k + 1 < UNIF_MAX_TERMS && (k < x || T->pois[k] > UNIF_NEGLIGIBLE)) {
		T->pois[k + 1] = T->pois[k] * x / (k + 1);
		k++;
	}
	T->tail[k] = 0;
	for (int i = k; i > 0; i--)
		T->tail[i - 1] = T->tail[i] + T->pois[i];
	return k + 1;
}

/* One step of the uniformized chain of role R (rate Q): T->next = T->v
 * times I + Q_R / q, where moves out of the role are left out (they end
 * the period; the time spent gives their probability). */
static void unif_step(struct timed *T, int r, double q)
{
	const struct chain_space *sp = T->sp;
	size_t first = T->role_at[r], m = T->role_at[r + 1] - first;

	for (size_t j = 0; j < m; j++)
		T->next[j] = 0;
	for (size_t j = 0; j < m; j++) {
		size_t h = T->members[first + j];
		double x = T->v[j];

		if (x == 0)
			continue;
		T->next[j] += x * (1 - T->out[h] / q);
		for (size_t k = sp->move_at[h]; k < sp->move_at[h + 1]; k++)
			if (role_of(sp, sp->move_to[k]) == r)
				T->next[T->local[sp->move_to[k]]] += x * sp->move_rate[k] / q;
	}
	memcpy(T->v, T->next, m * sizeof *T->v);
}

/* Add P to T->to[t], noting T in T->touched the first time. */
static void lead(struct timed *T, uint32_t t, double p)
{
	if (T->to[t] == 0 && p != 0)
		T->touched[T->ntouched++] = t;
	T->to[t] += p;
}

/* The period that starts in timed state H: the mean time in each state of
 * its role into T->soj and, if ENDS, where it ends into T->to (rates
 * times the time, and probabilities, added; the states in T->touched).
 * Returns the period's mean length, or -1 when it would take more than
 * UNIF_MAX_PARTS parts. */
static double period(struct timed *T, size_t h, int ends)
{
	const struct chain_space *sp = T->sp;
	int r = role_of(sp, h);
	size_t first = T->role_at[r], m = T->role_at[r + 1] - first;
	double q = T->qmax[r], tau = sp->tau[h], len = 0;
	double cut = q > 0 ? ceil(q * tau / UNIF_MAX_JUMPS) : 1;
	int parts = cut < INT_MAX ? (int)cut : INT_MAX;
	double dt = tau / cut, mass = 1;

	for (size_t j = 0; j < m; j++)
		T->v[j] = T->soj[j] = 0;
	T->v[T->local[h]] = 1;
	for (int p = 0; p < parts && mass > UNIF_GONE; p++) {
		if (p == UNIF_MAX_PARTS)
			return -1;
		int terms = q > 0 ? poisson(T, q * dt) : 0;

		if (q == 0) {
			for (size_t j = 0; j < m; j++)
				T->soj[j] += dt * T->v[j];
			continue;
		}
		for (size_t j = 0; j < m; j++)
			T->end[j] = 0;
		for (int k = 0; k < terms; k++) {
			for (size_t j = 0; j < m; j++) {
				T->soj[j] += T->tail[k] / q * T->v[j];
				T->end[j] += T->pois[k] * T->v[j];
			}
			if (k + 1 < terms)
				unif_step(T, r, q);
		}
		memcpy(T->v, T->end, m * sizeof *T->v);
		mass = 0;
		for (size_t j = 0; j < m; j++)
			mass += T->v[j];
	}
	for (size_t j = 0; j < m; j++) {
		size_t s = T->members[first + j];

		len += T->soj[j];
		if (!ends)
			continue;
		for (size_t k = sp->move_at[s]; k < sp->move_at[s + 1]; k++)
			if (role_of(sp, sp->move_to[k]) != r)
				lead(T, sp->move_to[k], T->soj[j] * sp->move_rate[k]);
		for (size_t k = sp->fire_at[s]; k < sp->fire_at[s + 1]; k++)
			lead(T, sp->fire_to[k], T->v[j] * sp->fire_p[k]);
	}
	return len;
}

/* Compressed rows of the equivalent chain. */
struct rows {
	size_t *at;
	uint32_t *to;
	double *rate;
	size_t n, cap;
};

/* Append the move to state TO at RATE to the rows R.  Returns 0, or -1
 * out of memory. */
static int rows_add(struct rows *R, uint32_t to, double rate)
{
	if (R->n == R->cap) {
		size_t cap = R->cap ? 2 * R->cap : 1024;
		uint32_t *t = realloc(R->to, cap * sizeof *t);
		double *v;

		if (!t)
			return -1;
		R->to = t;
		v = realloc(R->rate, cap * sizeof *v);
		if (!v)
			return -1;
		R->rate = v;
		R->cap = cap;
	}
	R->to[R->n] = to;
	R->rate[R->n++] = rate;
	return 0;
}

/* The equivalent chain into R: timer-free states with their rates, a
 * period's start leaving at the rate of each end over the period's mean
 * length (in state order, as the dense solver was given them).  Returns
 * 0, 3 when a period is too long, or -1 out of memory. */
static int equivalent(struct timed *T, struct rows *R)
{
	const struct chain_space *sp = T->sp;

	for (size_t h = 0; h < sp->count; h++) {
		R->at[h] = R->n;
		if (sp->tau[h] <= 0) {
			for (size_t k = sp->move_at[h]; k < sp->move_at[h + 1]; k++)
				if (rows_add(R, sp->move_to[k], sp->move_rate[k]))
					return -1;
			continue;
		}
		double len = period(T, h, 1);

		if (len < 0)
			return 3;
		/* by state, as the dense chain used to be filled */
		qsort(T->touched, T->ntouched, sizeof *T->touched, by_index);
		for (size_t i = 0; i < T->ntouched; i++) {
			uint32_t t = T->touched[i];

			if (T->to[t] > 0 && rows_add(R, t, T->to[t] / len))
				return -1;
			T->to[t] = 0;
		}
		T->ntouched = 0;
	}
	R->at[sp->count] = R->n;
	return 0;
}

/* Whether the periods of SP are more work than CHAIN_TIMED_MAX_WORK. */
static int too_much(const struct timed *T)
{
	const struct chain_space *sp = T->sp;
	double work = 0;

	for (size_t h = 0; h < sp->count; h++)
		if (sp->tau[h] > 0) {
			int r = role_of(sp, h);

			work += (double)(T->role_at[r + 1] - T->role_at[r]);
		}
	return work > CHAIN_TIMED_MAX_WORK;
}

int chain_timed_solve(const struct chain_space *sp, double *time)
{
	struct timed T = { 0 };
	struct rows R = { 0 };
	double *pi = malloc(sp->count * sizeof *pi);
	int rc = -1;

	R.at = malloc((sp->count + 1) * sizeof *R.at);
	if (!pi || !R.at || timed_init(&T, sp))
		goto out;
	rc = too_much(&T) ? 2 : equivalent(&T, &R);
	if (rc == 0)
		rc = chain_rates_solve(sp, R.at, R.to, R.rate, pi);
	if (rc)
		goto out;
	for (size_t h = 0; h < sp->count; h++)
		time[h] = sp->tau[h] > 0 ? 0 : pi[h];
	for (size_t h = 0; h < sp->count; h++) {
		int r = role_of(sp, h);
		double len;

		if (sp->tau[h] <= 0 || pi[h] == 0)
			continue;
		len = period(&T, h, 0);
		for (size_t j = 0; j < T.role_at[r + 1] - T.role_at[r]; j++)
			time[T.members[T.role_at[r] + j]] += pi[h] * T.soj[j] / len;
	}
out:
	free(R.at);
	free(R.to);
	free(R.rate);
	timed_release(&T);
	free(pi);
	return rc;
}
