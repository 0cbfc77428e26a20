/* analytic.h - exact steady-state availability where the model allows it.
 *
 * With independent components, a component's long-run availability is
 * MTBF / (MTBF + MTTR) whatever its failure and repair laws (the renewal
 * reward theorem), and series, parallel and k-of-n blocks combine their
 * independent children exactly.  Availability and unavailability are
 * computed side by side so that an unavailability of 1e-15 keeps its digits
 * instead of vanishing in 1 - 0.999999999999999.
 */
#ifndef NINES_ANALYTIC_H
#define NINES_ANALYTIC_H

#include "diag.h"
#include "model.h"

struct analytic {
	double *block_a, *block_u;   /* [model_blocks] */
	double *type_a, *type_u;     /* [model_types] */
	const char *method;          /* static text naming the method */
	const char **block_method;   /* [model_blocks]: method, or why there is no
	                                exact value (then block_a and block_u are NaN) */
};

/* Fill A for M.  Returns 0, or -1 with d filled (out of memory).
 * Release with analytic_release. */
int analytic_init(struct analytic *a, const struct model *m, struct diag *d);

void analytic_release(struct analytic *a);

#endif
