/* analytic.h - exact steady-state availability where the model allows it.
 *
 * With independent components, a component's long-run availability is
 * MTBF / (MTBF + MTTR) whatever its failure and repair laws (the renewal
 * reward theorem), and series, parallel and k-of-n blocks combine their
 * independent children exactly.  Quorum and failover blocks, whose
 * members depend on each other through elections, switchovers and
 * standbys, are solved as a continuous-time Markov chain when every
 * member's failure and repair laws are exponential; with fixed election,
 * switchover and manual-recovery times the chain is a Markov regenerative
 * process, solved exactly as such (chain_timed.c).  Limited repair crews and beta-factor common causes
 * enter the chain of the one block whose own members they tie (plain
 * blocks included); ties across blocks, and planned maintenance, leave
 * NaN with the reason.  Availability and unavailability are computed side
 * by side so that an unavailability of 1e-15 keeps its digits instead of
 * vanishing in 1 - 0.999999999999999.
 */
#ifndef NINES_ANALYTIC_H
#define NINES_ANALYTIC_H

#include <stddef.h>

#include "model/model.h"
#include "util/diag.h"

/* The method texts of quorum and failover blocks. */
#define ANALYTIC_CHAIN_EXACT "Markov chain, exact"
#define ANALYTIC_CHAIN_TIMED "Markov regenerative process with the fixed switch, " \
	"manual recovery and election times, exact"

struct analytic {
	double *block_a, *block_u;   /* [model_blocks] */
	double *type_a, *type_u;     /* [model_types] */
	const char *method;          /* static text naming the method */
	const char **block_method;   /* [model_blocks]: method, or why there is no
	                                exact value (then block_a and block_u are NaN) */
	char **block_text;           /* [model_blocks]: the texts of block_method
	                                that analytic_init wrote, else NULL */
	double *block_served;        /* [model_blocks]: a pool's share of requests
	                                served (served.c), else NaN */
	size_t nblocks;
};

/* Fill A for M.  Returns 0, or -1 with d filled (out of memory).  The
 * texts live until analytic_release, which frees everything. */
int analytic_init(struct analytic *a, const struct model *m, struct diag *d);

void analytic_release(struct analytic *a);

#endif
