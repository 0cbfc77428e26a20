/* ctmc.c - stationary distributions of finite Markov chains by GTH
 * elimination.
 *
 * State k = n-1, n-2, ..., 1 is eliminated in turn: the chain is censored
 * to the states below k (watched only while it is there), which turns a
 * visit through k into direct transitions.  The rate from i to j grows by
 * q(i,k) q(k,j) / s(k), where s(k) is the rate of leaving k towards the
 * states that remain: a sum of rates, never a difference, which is why the
 * method keeps every probability's relative accuracy.  Back-substitution
 * then gives pi(k) = sum over i < k of pi(i) q(i,k) / s(k), from pi(0) = 1,
 * and a last division normalises.  Rows stay contiguous and zero rates are
 * skipped, so sparse chains eliminate faster than the n^3 / 3 bound.
 */
#include <math.h>
#include <stdlib.h>

#include "exact/ctmc.h"

/* A weight past which the back-substitution scales down. */
#define CTMC_HUGE 1e250

struct ctmc {
	size_t n;
	double *q;              /* n x n rates, row-major; the diagonal is unused */
	int solved;
	int bad;                /* a negative or non-finite rate was given */
	size_t bad_from, bad_to;
	double bad_rate;
};

struct ctmc *ctmc_new(size_t n)
{
	struct ctmc *c;

	if (n == 0 || n > CTMC_MAX_STATES)
		return NULL;
	c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->n = n;
	c->q = calloc(n * n, sizeof *c->q);
	if (!c->q) {
		free(c);
		return NULL;
	}
	return c;
}

void ctmc_free(struct ctmc *c)
{
	if (!c)
		return;
	free(c->q);
	free(c);
}

size_t ctmc_states(const struct ctmc *c)
{
	return c->n;
}

void ctmc_rate(struct ctmc *c, size_t from, size_t to, double rate)
{
	if (!(rate >= 0) || !isfinite(rate)) {
		if (!c->bad) {
			c->bad = 1;
			c->bad_from = from;
			c->bad_to = to;
			c->bad_rate = rate;
		}
		return;
	}
	if (from != to)
		c->q[from * c->n + to] += rate;
}

int ctmc_solve(struct ctmc *c, double *pi, struct diag *d)
{
	size_t n = c->n;
	double *q = c->q, sum = 0;

	if (c->solved)
		return diag_runtime(d, "the Markov chain was solved already");
	if (c->bad)
		return diag_runtime(d, "the rate %g from state %zu to state %zu is not a finite "
				    "non-negative number", c->bad_rate, c->bad_from, c->bad_to);
	c->solved = 1;
	for (size_t k = n; k-- > 1;) {
		const double *qk = q + k * n;
		double s = 0;

		for (size_t j = 0; j < k; j++)
			s += qk[j];
		if (s == 0)
			return diag_runtime(d, "the Markov chain is reducible: state %zu "
					    "cannot lead back to state 0", k);
		for (size_t i = 0; i < k; i++) {
			double *qi = q + i * n;
			double f = qi[k];

			if (f == 0)
				continue;
			f /= s;
			qi[k] = f;
			for (size_t j = 0; j < k; j++)
				qi[j] += f * qk[j];
		}
	}
	pi[0] = 1;
	for (size_t k = 1; k < n; k++) {
		double x = 0;

		for (size_t i = 0; i < k; i++)
			x += pi[i] * q[i * n + k];
		pi[k] = x;
		/* a chain that is rarely in state 0 (a block nearly always
		 * down) would overflow: scale what is known down, losing only
		 * states 1e-250 below this one */
		if (x > CTMC_HUGE)
			for (size_t i = 0; i <= k; i++)
				pi[i] /= x;
	}
	for (size_t k = 0; k < n; k++)
		sum += pi[k];
	for (size_t k = 0; k < n; k++)
		pi[k] /= sum;
	return 0;
}
