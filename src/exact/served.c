/* served.c - the exact fraction of requests a pool serves.
 *
 * A pool sends requests to its members in turn; a failed member keeps its
 * turns until its health check notices, `detect` after the failure (or
 * until it is back, if sooner).  With the pool up (need members up), the
 * share served is u / (u + h): u members up, h failed and not yet noticed.
 * When the members are independent, each is, in the long run, up with
 * probability MTBF / (MTBF + MTTR) and failed-unnoticed with probability
 * E[min(repair, detect)] / (MTBF + MTTR) (the time of each outage spent
 * before the check notices, by the renewal reward theorem, whatever the
 * laws), independently of the others; the expected share is then a sum
 * over the joint distribution of (u, h), built member by member.
 * E[min(R, d)] is m (1 - e^(-d/m)) for an exponential repair of mean m and
 * min(r, d) for a fixed one; other repair laws get no value.
 */
#include <math.h>
#include <stdlib.h>

#include "exact/analytic_impl.h"

/* E[min(R, D)] for repair law R, or NaN when not known in closed form. */
static double before_check(const struct dist *r, double d)
{
	if (d <= 0)
		return 0;
	if (r->kind == DIST_EXPONENTIAL)
		return -r->mean * expm1(-d / r->mean);
	if (r->kind == DIST_DETERMINISTIC)
		return r->mean < d ? r->mean : d;
	return NAN;
}

/* The share of requests served by pool B of N own members, its members'
 * states distributed by W ((N + 1)^2 entries, scratch).  NaN when a
 * member's repair law has no closed form. */
static double pool_served(const struct analytic *a, const struct model *m, size_t b,
			  size_t n, double *w)
{
	size_t first = model_block_first_instance(m, b), side = n + 1;
	double detect = model_block_params(m, b)->detect, served = 0;
	int need = model_block_need(m, b);

	for (size_t k = 0; k < side * side; k++)
		w[k] = 0;
	w[0] = 1;                       /* w[u * side + h]: u up, h unnoticed */
	for (size_t i = 0; i < n; i++) {
		size_t t = model_instance_type(m, first + i);
		const struct dist *r = model_type_repair(m, t);
		double cycle = model_type_failure(m, t)->mean + r->mean;
		double up = a->type_a[t], hid = before_check(r, detect) / cycle;
		/* down and noticed; a repair no longer than detect leaves none,
		 * which rounding may make a hair below 0 */
		double down = fmax(a->type_u[t] - hid, 0);

		if (!isfinite(hid))
			return NAN;
		for (size_t u = i + 1; u-- > 0;)
			for (size_t h = i + 1 - u; h-- > 0;) {
				double p = w[u * side + h];

				w[u * side + h] = p * down;
				w[(u + 1) * side + h] += p * up;
				w[u * side + h + 1] += p * hid;
			}
	}
	for (size_t u = (size_t)need; u <= n; u++)
		for (size_t h = 0; u + h <= n; h++)
			served += w[u * side + h] * (double)u / (double)(u + h);
	return served;
}

int analytic_served(struct analytic *a, const struct model *m)
{
	for (size_t b = 0; b < a->nblocks; b++) {
		size_t n = model_block_own_instances(m, b);
		double *w;

		a->block_served[b] = NAN;
		/* independent own members only: the block has its plain value */
		if (model_block_kind(m, b) != BLOCK_POOL || n == 0 ||
		    model_block_children(m, b) != (int)n || !isfinite(a->block_u[b]) ||
		    a->block_method[b] != a->method)
			continue;
		w = malloc((n + 1) * (n + 1) * sizeof *w);
		if (!w)
			return -1;
		a->block_served[b] = pool_served(a, m, b, n, w);
		free(w);
	}
	return 0;
}
