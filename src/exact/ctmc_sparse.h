/* ctmc_sparse.h - the steady state of a large sparse continuous-time
 * Markov chain, for chains past ctmc.c's dense cap.
 *
 * The rates are held in GSL's compressed sparse rows (gsl_spmatrix) and
 * the balance equations pi Q = 0 are solved by Gauss-Seidel sweeps with
 * aggregation over groups of states, written so that every term is a
 * positive sum: each probability keeps its relative accuracy, as GTH's
 * do, and a state of 1e-15 is as accurate as one near 1.  ctmc_sparse.c
 * says why not GMRES, and what the stopping rule is.
 */
#ifndef NINES_CTMC_SPARSE_H
#define NINES_CTMC_SPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

/* The iterations (an aggregation and a sweep) ctmc_sparse_solve allows
 * before it gives up. */
#define CTMC_SPARSE_MAX_SWEEPS 20000
/* The relative error of each state probability it stops at (estimated
 * from the last sweeps' changes and their rate of decrease). */
#define CTMC_SPARSE_TOL 1e-14

/* How a solve went, for the tests and the bench. */
struct ctmc_sparse_info {
	int sweeps;             /* iterations done, after the first sweep */
	double change;          /* the last one's largest relative change of a state */
	double rate;            /* the changes' last ratio, iteration to iteration */
	int aggregated;         /* whether the last iteration aggregated */
};

/* The stationary distribution of the chain of N states (1 <= N < 2^31)
 * whose transitions out of state h go to TO[k] at RATE[k] for k in
 * [AT[h], AT[h + 1]) (compressed rows; a rate to h itself is ignored,
 * two to one state add up), into PI[N], summing to 1.  The sweeps visit
 * the states in index order and converge fastest when that order is
 * breadth-first from state 0, as chain.c builds them.  GROUP, unless
 * NULL, puts each state in one of NGROUPS groups (GROUP[h] < NGROUPS) for
 * aggregation: groups whose states move among themselves fast and to
 * other groups slowly (a block's roles: who leads changes only when the
 * leader fails) converge in a few iterations where plain sweeps take
 * hundreds.  The chain needs a single closed class containing state 0
 * (other states may be transient: they get 0).  INFO, unless NULL, says
 * how the solve went.
 * Returns 0; 1 when some state cannot lead back to state 0; 2 when the
 * sweeps did not reach CTMC_SPARSE_TOL within CTMC_SPARSE_MAX_SWEEPS; -1
 * for a negative or non-finite rate, or out of memory; d filled
 * (DIAG_RUNTIME) in every case but 0.  Allocates only while it runs. */
int ctmc_sparse_solve(size_t n, const size_t *at, const uint32_t *to, const double *rate,
		      const uint32_t *group, size_t ngroups, double *pi,
		      struct ctmc_sparse_info *info, struct diag *d);

#endif
