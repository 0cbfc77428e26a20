/* analytic.c - exact steady-state availability of series, parallel and
 * k-of-n trees of independent components.
 *
 * A k-of-n block needs the distribution of the number of its children that
 * are up (a Poisson binomial); it is built child by child, carrying the
 * probabilities of each count.  The block's unavailability is the sum of the
 * probabilities below need, and its availability the sum of the rest: both
 * are sums of positive terms, so neither loses digits to cancellation.
 */
#include <math.h>
#include <stdlib.h>

#include "analytic.h"

#define NO_EXACT_QUORUM "no exact value: a quorum's elections make its members " \
	"depend on each other (a Markov-chain solution is not implemented yet)"
#define NO_EXACT_FAILOVER "no exact value: a failover's switchovers and standbys make " \
	"its members depend on each other (a Markov-chain solution is not implemented yet)"
#define NO_EXACT_CHILD "no exact value: a block inside has none"

/* Combine N children of availabilities CA / unavailabilities CU needing
 * NEED of them up.  The count distribution is capped: counting children up,
 * only 0 .. need-1 and "need or more" matter; counting children down, only
 * 0 .. n-need and "more than n-need".  Whichever cap is smaller is used, so
 * series and parallel blocks cost O(n) and a k-of-n O(n min(k, n-k+1)).
 * W is scratch of N + 1 doubles. */
static void combine(const double *ca, const double *cu, int n, int need,
		    double *w, double *a, double *u)
{
	int by_up = need <= n - need + 1;
	int cap = by_up ? need : n - need + 1;
	double head = 0;

	w[0] = 1;
	for (int j = 1; j <= cap; j++)
		w[j] = 0;
	for (int i = 0; i < n; i++) {
		double p = by_up ? ca[i] : cu[i];
		double q = by_up ? cu[i] : ca[i];

		w[cap] += w[cap - 1] * p;
		for (int j = cap - 1; j >= 1; j--)
			w[j] = w[j] * q + w[j - 1] * p;
		w[0] *= q;
	}
	for (int j = 0; j < cap; j++)
		head += w[j];
	*a = by_up ? w[cap] : head;
	*u = by_up ? head : w[cap];
}

int analytic_init(struct analytic *a, const struct model *m, struct diag *d)
{
	size_t nb = model_blocks(m), nt = model_types(m);
	size_t maxc = 1;
	double *ca = NULL, *cu = NULL, *w = NULL;

	a->method = "steady state of independent components, exact for any failure and repair laws";
	a->block_a = calloc(nb, sizeof *a->block_a);
	a->block_u = calloc(nb, sizeof *a->block_u);
	a->type_a = calloc(nt ? nt : 1, sizeof *a->type_a);
	a->type_u = calloc(nt ? nt : 1, sizeof *a->type_u);
	a->block_method = calloc(nb, sizeof *a->block_method);
	for (size_t b = 0; b < nb; b++)
		if ((size_t)model_block_children(m, b) > maxc)
			maxc = (size_t)model_block_children(m, b);
	ca = malloc(maxc * sizeof *ca);
	cu = malloc(maxc * sizeof *cu);
	w = malloc((maxc + 1) * sizeof *w);
	if (!a->block_a || !a->block_u || !a->type_a || !a->type_u || !a->block_method ||
	    !ca || !cu || !w) {
		free(ca);
		free(cu);
		free(w);
		analytic_release(a);
		return diag_runtime(d, "out of memory for the analytic values");
	}
	for (size_t t = 0; t < nt; t++) {
		double up = model_type_failure(m, t)->mean;
		double down = model_type_repair(m, t)->mean;

		/* ratios, not up + down, which overflows for huge means */
		a->type_a[t] = 1 / (1 + down / up);
		a->type_u[t] = 1 / (1 + up / down);
	}
	/* Pre-order numbering: children come after their parent, so walking
	 * the blocks backwards meets every child before its parent. */
	for (size_t b = nb; b-- > 0;) {
		int n = 0, unknown = 0;
		size_t first = model_block_first_instance(m, b);

		a->block_method[b] = a->method;
		if (model_block_kind(m, b) == BLOCK_QUORUM || model_block_kind(m, b) == BLOCK_FAILOVER) {
			a->block_method[b] = model_block_kind(m, b) == BLOCK_QUORUM ?
				NO_EXACT_QUORUM : NO_EXACT_FAILOVER;
			a->block_a[b] = a->block_u[b] = NAN;
			continue;
		}

		for (size_t k = 0; k < model_block_own_instances(m, b); k++) {
			size_t t = model_instance_type(m, first + k);

			ca[n] = a->type_a[t];
			cu[n] = a->type_u[t];
			n++;
		}
		for (size_t c = b + 1; c < model_block_end(m, b); c = model_block_end(m, c)) {
			ca[n] = a->block_a[c];
			cu[n] = a->block_u[c];
			unknown |= isnan(ca[n]);
			n++;
		}
		if (unknown) {
			a->block_method[b] = NO_EXACT_CHILD;
			a->block_a[b] = a->block_u[b] = NAN;
			continue;
		}
		combine(ca, cu, n, model_block_need(m, b), w, &a->block_a[b], &a->block_u[b]);
	}
	free(ca);
	free(cu);
	free(w);
	return 0;
}

void analytic_release(struct analytic *a)
{
	free(a->block_method);
	a->block_method = NULL;
	free(a->block_a);
	free(a->block_u);
	free(a->type_a);
	free(a->type_u);
	a->block_a = a->block_u = a->type_a = a->type_u = NULL;
}
