/* analytic_impl.h - what analytic.c (independent blocks) and chain.c
 * (blocks as Markov chains) share.  Only those two files include it;
 * everyone else uses analytic.h.
 */
#ifndef NINES_ANALYTIC_IMPL_H
#define NINES_ANALYTIC_IMPL_H

#include <stddef.h>

#include "exact/analytic.h"
#include "model/model.h"

/* What ties instances together across blocks, filled by analytic_init:
 * each type's crew pool (-1 unlimited, nt the shared pool, t its own). */
struct ties {
	int *pool;            /* [nt] */
	int *limited;         /* [nt]: the type's repairs can wait for a crew */
};

/* A text of block B's, formatted from FMT, kept in a->block_text[b] (an
 * earlier one there is freed) and freed by analytic_release.  Returns it,
 * or NULL when out of memory. */
const char *analytic_text(struct analytic *a, size_t b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Block B as a Markov chain of its own instances (a quorum, failover, or,
 * when crews or shocks tie them, a plain block): its value and method into
 * A, and for a plain
 * block the distribution of its members up into DIST (own + 1 entries),
 * unless DIST is NULL.  Returns 0 (a value, or NaN with the reason in
 * a->block_method[b]), or -1 out of memory. */
int chain_block_solve(struct analytic *a, const struct model *m, const struct ties *ti,
		      size_t b, double *dist);

/* Each pool's exact share of requests served into a->block_served, NaN
 * where there is none (members not independent or not all components, a
 * repair law other than exponential or fixed), once every block and type
 * has its value.  Returns 0, or -1 out of memory.  In served.c. */
int analytic_served(struct analytic *a, const struct model *m);

#endif
