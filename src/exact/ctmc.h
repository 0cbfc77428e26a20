/* ctmc.h - the steady state of a finite continuous-time Markov chain.
 *
 * The chain is given by its transition rates, held dense, and solved by
 * the Grassmann-Taksar-Heyman (GTH) elimination: a Gaussian elimination
 * that takes each pivot as the sum of the rates that leave a state instead
 * of the diagonal of the generator, so that it never subtracts.  Every
 * stationary probability then keeps its relative accuracy, also one of
 * 1e-15 next to probabilities near 1, where an LU solve of the generator
 * returns rounding noise.  The cost is O(n^3) time and O(n^2) memory.
 */
#ifndef NINES_CTMC_H
#define NINES_CTMC_H

#include <math.h>
#include <stddef.h>

#include "util/diag.h"

/* The largest chain ctmc_new accepts: 2000 states hold 32 MB of rates and
 * take a few seconds to solve. */
#define CTMC_MAX_STATES 2000

struct ctmc;

/* A chain of N states (1 <= N <= CTMC_MAX_STATES) and no transitions.
 * Returns NULL when N is out of range or memory runs out.  Free with
 * ctmc_free. */
struct ctmc *ctmc_new(size_t n);

/* Free a chain.  NULL is fine. */
void ctmc_free(struct ctmc *c);

/* The number of states. */
size_t ctmc_states(const struct ctmc *c);

/* Add RATE (per unit of time, finite and >= 0) to the rate from state FROM
 * to state TO, both below ctmc_states.  Rates accumulate, so that two
 * events leading to the same state can be added one by one.  A rate from a
 * state to itself changes nothing and is ignored.  A negative or
 * non-finite rate is remembered and makes ctmc_solve fail. */
void ctmc_rate(struct ctmc *c, size_t from, size_t to, double rate);

/* Fill PI (ctmc_states entries) with the stationary distribution, which
 * sums to 1.  The chain needs a single closed class of states that
 * contains state 0 (other states may be transient: they get 0).  Returns
 * 0, or -1 with d filled (DIAG_RUNTIME) when a rate was invalid, when some
 * state cannot lead back to state 0, or when the chain was solved already:
 * the elimination works in place and consumes the rates, so a chain is
 * solved once.  Allocates nothing. */
int ctmc_solve(struct ctmc *c, double *pi, struct diag *d);

/* A sum of many positive numbers that keeps its last digits: a running
 * sum and the rounding it has lost (Neumaier's compensated summation).
 * A plain running sum of a million state probabilities loses about 1e-13
 * of its value, as much as a sweep's error; this one loses an ulp or two.
 * Start from { 0, 0 }. */
struct ctmc_sum {
	double s, c;
};

static inline void ctmc_sum_add(struct ctmc_sum *a, double x)
{
	double t = a->s + x;

	if (fabs(a->s) >= fabs(x))
		a->c += (a->s - t) + x;
	else
		a->c += (x - t) + a->s;
	a->s = t;
}

static inline double ctmc_sum_value(const struct ctmc_sum *a)
{
	return a->s + a->c;
}

#endif
