/* ctmc_sparse.c - stationary distributions of large sparse Markov chains
 * by Gauss-Seidel sweeps that never subtract.
 *
 * Why not GMRES (gsl_splinalg): GMRES minimises the 2-norm of the
 * residual of pi Q = 0, which the states near probability 1 dominate.  A
 * solution with a residual of 1e-16 can carry absolute errors of 1e-16 in
 * every state, which is every digit of a state of 1e-15 and more than all
 * of one of 1e-20; the unavailability of a highly available block is a sum
 * of such states.  Nor would a GMRES start save sweeps: the first sweep
 * below, in breadth-first order from the all-up state, already gets each
 * state to within a relative O(lambda / mu) of its value.
 *
 * The method: hold one state's weight x(p) fixed and sweep the balance
 * equations of the others in order,
 *
 *     x(j) = sum over i != j of x(i) q(i,j)  /  sum over k != j of q(j,k),
 *
 * using each new x(i) at once.  Every term is a product of positive
 * numbers and every sum adds positive terms, so each x(j) is computed to a
 * few ulps relative to the x(i) it is made of, whatever its size: the
 * property that makes GTH (ctmc.c) keep tiny probabilities.  Holding
 * state p turns the singular system into a nonsingular M-matrix system
 * (the generator without p's row and column), on which Gauss-Seidel, a
 * regular splitting, converges; p's own equation then holds at the
 * limit, as global balance implies.  The first sweep holds state 0 (all
 * up) at 1; each later one holds the largest state of the sweep before:
 * a state far below the others, held, leaves the sweeps to carry its
 * weight up to them a step at a time (measured: a birth-death chain of
 * 101 states held at its all-up state, 1e-10 of the largest, had not
 * converged after 100000 sweeps; held at its largest, 594), and a block
 * nearly always down (all up far below 1e-300) still has a state.  In
 * breadth-first order from the all-up state, a state's inflow comes
 * mostly from states one failure closer to all-up, already updated in the
 * same sweep; the repairs from states one failure further, from the last
 * sweep, are a share of about lambda / mu of it.
 *
 * Aggregation.  That alone leaves a slow mode: which member leads (or is
 * active) changes only when the leader fails, so the chain is nearly
 * decomposable into its roles, and plain sweeps settle the share of each
 * role at a rate of 0.85 to 0.95 a sweep, whatever lambda / mu (measured:
 * 290 sweeps for a 9-member quorum).  After each sweep the chain among
 * the groups the caller gives (the roles) is built from the current
 * shares within each group, solved by GTH, and each group is scaled to
 * its weight (Koury, McAllister and Stewart's iterative aggregation-
 * disaggregation, 1984): positive sums and products again.  This takes
 * 2 to 45 iterations on the same chains when they are highly available
 * (up to 150 for a warm failover, whose standbys' slow failures are a
 * second slow mode; 50 to 210 when MTTR is half the MTBF).  Where it does
 * not help (the equivalent chain of a timed process, whose groups are
 * left as fast as they are entered, makes it oscillate), it is dropped
 * after SPARSE_STALLS iterations that changed the states more than the
 * one before, and plain sweeps go on from there.
 *
 * The stopping rule bounds the relative error of every state, which bounds
 * that of every sum of states (the unavailability, the distribution of
 * members up).  After each iteration, c is the largest relative change of
 * a state, and r = c / c' its ratio to the previous iteration's.  While
 * r < 1 the changes decrease geometrically and the error left is about
 * c r / (1 - r): the iterations stop when that is at most CTMC_SPARSE_TOL,
 * or when c itself is at the rounding floor (SPARSE_FLOOR, a few ulps,
 * where r is only noise).  States below 1e-280 of the largest are left out
 * of c: subnormal numbers have no relative accuracy to speak of, and
 * nothing of that size shows in a sum.  A chain that has not converged
 * within CTMC_SPARSE_MAX_SWEEPS gets no value.  The sums over many states
 * (the groups' weights, the normalisation) are compensated (ctmc_sum): a
 * plain sum of a million probabilities loses 1e-13, more than the sweeps.
 *
 * Measured against GTH on chains both solve (up to 2000 states; quorum,
 * failover, crews, shocks, MTBF / MTTR from 2 to 1e7, unavailabilities
 * from 0.39 down to 1e-62): the unavailability agrees to 6e-15 relative
 * or better; a 17-member failover of 1114113 states matches its closed
 * form (a product) to 4e-15 (bench/exact.sh).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_spmatrix.h>

#include "exact/ctmc.h"
#include "exact/ctmc_sparse.h"

/* The smallest probability (relative to the largest) whose change counts. */
#define SPARSE_SMALLEST 1e-280
/* A weight past which the sweeps scale down. */
#define SPARSE_HUGE 1e250
/* Aggregation is dropped after this many iterations that changed the
 * states more than the one before. */
#define SPARSE_STALLS 3
/* An iteration changing no state by more than this has reached the
 * rounding floor: a sum of a few terms, each rounded. */
#define SPARSE_FLOOR (16 * 2.220446049250313e-16)

/* The chain's rates as gsl_spmatrix compressed rows, Q and its transpose
 * (row j: the rates into state j), each state's rate out, and the groups
 * (numbered from 0 in order of first state) with their scratch. */
struct sparse {
	gsl_spmatrix *q, *in;
	double *out;
	uint32_t *group;        /* [n], or NULL: no aggregation */
	size_t ng;
	struct ctmc_sum *mass;  /* [ng]: the groups' sums */
	double *weight;         /* [ng]: the aggregated chain's */
	double *prev;           /* [n]: the last iteration's values */
	size_t pin;             /* the state the sweeps hold */
};

static void sparse_release(struct sparse *s)
{
	if (s->q)
		gsl_spmatrix_free(s->q);
	if (s->in)
		gsl_spmatrix_free(s->in);
	free(s->out);
	free(s->group);
	free(s->mass);
	free(s->weight);
	free(s->prev);
}

/* S's groups from GROUP (each below NG), renumbered by first appearance
 * so that state 0's is 0.  No groups when GROUP is NULL, when there is
 * one, or more than ctmc.c solves.  Returns 0, or -1 out of memory. */
static int sparse_groups(struct sparse *s, size_t n, const uint32_t *group, size_t ng)
{
	uint32_t *map;

	s->ng = 0;
	if (!group || ng < 2)
		return 0;
	map = malloc(ng * sizeof *map);
	s->group = malloc(n * sizeof *s->group);
	if (!map || !s->group) {
		free(map);
		return -1;
	}
	for (size_t g = 0; g < ng; g++)
		map[g] = UINT32_MAX;
	for (size_t h = 0; h < n; h++) {
		if (map[group[h]] == UINT32_MAX)
			map[group[h]] = (uint32_t)s->ng++;
		s->group[h] = map[group[h]];
	}
	free(map);
	if (s->ng < 2 || s->ng > CTMC_MAX_STATES) {
		free(s->group);
		s->group = NULL;
		s->ng = 0;
		return 0;
	}
	s->mass = malloc(s->ng * sizeof *s->mass);
	s->weight = malloc(s->ng * sizeof *s->weight);
	return s->mass && s->weight ? 0 : -1;
}

/* Fill S from the compressed rows AT, TO, RATE of N states and their
 * groups.  Returns 0, or -1 with d filled for a bad rate or out of
 * memory. */
static int sparse_init(struct sparse *s, size_t n, const size_t *at, const uint32_t *to,
		       const double *rate, const uint32_t *group, size_t ng, struct diag *d)
{
	size_t nz = 0, all = at[n];
	gsl_error_handler_t *old;
	int bad;

	memset(s, 0, sizeof *s);
	for (size_t h = 0; h < n; h++)
		for (size_t k = at[h]; k < at[h + 1]; k++)
			if (!(rate[k] >= 0) || !isfinite(rate[k]))
				return diag_runtime(d, "the rate %g from state %zu to state %u "
						    "is not a finite non-negative number",
						    rate[k], h, to[k]);
	s->out = calloc(n, sizeof *s->out);
	s->prev = malloc(n * sizeof *s->prev);
	old = gsl_set_error_handler_off();
	s->q = gsl_spmatrix_alloc_nzmax(n, n, all ? all : 1, GSL_SPMATRIX_CSR);
	s->in = gsl_spmatrix_alloc_nzmax(n, n, all ? all : 1, GSL_SPMATRIX_CSR);
	bad = !s->out || !s->prev || !s->q || !s->in || sparse_groups(s, n, group, ng);
	if (!bad) {
		/* the rows as they are, less self-loops and zero rates */
		for (size_t h = 0; h < n; h++) {
			s->q->p[h] = (int)nz;
			for (size_t k = at[h]; k < at[h + 1]; k++) {
				if (to[k] == h || rate[k] == 0)
					continue;
				s->q->i[nz] = (int)to[k];
				s->q->data[nz++] = rate[k];
				s->out[h] += rate[k];
			}
		}
		s->q->p[n] = (int)nz;
		s->q->nz = nz;
		bad = gsl_spmatrix_transpose_memcpy(s->in, s->q) != GSL_SUCCESS;
	}
	gsl_set_error_handler(old);
	return bad ? diag_runtime(d, "out of memory for the Markov chain") : 0;
}
/* Whether every state can lead back to state 0: a search from state 0
 * backwards along the rates.  X (N entries) is scratch.  Returns the first
 * state that cannot, or N when all can (or -1 out of memory, as SIZE_MAX). */
static size_t sparse_unreachable(const struct sparse *s, double *x)
{
	size_t n = s->in->size1, head = 0, tail = 0, *queue = malloc(n * sizeof *queue);

	if (!queue)
		return SIZE_MAX;
	for (size_t j = 0; j < n; j++)
		x[j] = 0;
	x[0] = 1;
	queue[tail++] = 0;
	while (head < tail) {
		size_t j = queue[head++];

		for (int k = s->in->p[j]; k < s->in->p[j + 1]; k++)
			if (x[s->in->i[k]] == 0) {
				x[s->in->i[k]] = 1;
				queue[tail++] = (size_t)s->in->i[k];
			}
	}
	free(queue);
	for (size_t j = 0; j < n; j++)
		if (x[j] == 0)
			return j;
	return n;
}

/* One Gauss-Seidel sweep over the states of X but s->pin, held.  A
 * weight past SPARSE_HUGE (a chain rarely in the pinned state) scales X
 * and s->prev down, losing only states 1e-250 below it. */
static void sparse_sweep(const struct sparse *s, double *x)
{
	const gsl_spmatrix *in = s->in;
	size_t n = in->size1;

	for (size_t j = 0; j < n; j++) {
		double sum = 0;

		if (j == s->pin)
			continue;
		for (int k = in->p[j]; k < in->p[j + 1]; k++)
			sum += x[in->i[k]] * in->data[k];
		x[j] = sum / s->out[j];
		if (x[j] > SPARSE_HUGE) {
			double f = x[j];

			for (size_t i = 0; i < n; i++) {
				x[i] /= f;
				s->prev[i] /= f;
			}
		}
	}
}

/* Aggregation: the chain among S's groups, each left at the rate its
 * states leave it for another, weighted by X, solved by ctmc.c; then X
 * is scaled within each group to the aggregated chain's weight.  Every
 * step is a positive sum, product or quotient.  Left as it is when the
 * aggregated chain has no solution (a group of weight 0). */
static int sparse_aggregate(const struct sparse *s, double *x)
{
	const gsl_spmatrix *q = s->q;
	size_t n = q->size1;
	struct ctmc *c = ctmc_new(s->ng);
	struct diag d;
	int bad = 0;

	if (!c)
		return -1;
	for (size_t g = 0; g < s->ng; g++)
		s->mass[g] = (struct ctmc_sum){ 0, 0 };
	for (size_t h = 0; h < n; h++)
		ctmc_sum_add(&s->mass[s->group[h]], x[h]);
	for (size_t g = 0; g < s->ng; g++) {
		s->mass[g].s = ctmc_sum_value(&s->mass[g]);
		bad |= !(s->mass[g].s > 0);
	}
	for (size_t h = 0; h < n && !bad; h++) {
		uint32_t g = s->group[h];

		for (int k = q->p[h]; k < q->p[h + 1]; k++)
			if (s->group[q->i[k]] != g)
				ctmc_rate(c, g, s->group[q->i[k]], x[h] / s->mass[g].s * q->data[k]);
	}
	diag_init(&d);
	if (!bad && ctmc_solve(c, s->weight, &d) == 0)
		for (size_t h = 0; h < n; h++)
			x[h] *= s->weight[s->group[h]] / s->mass[s->group[h]].s;
	ctmc_free(c);
	return 0;
}

/* The largest relative change from s->prev to X over the states above
 * SPARSE_SMALLEST (relative to X's largest), and X into s->prev; the
 * largest state becomes the one the sweeps hold. */
static double sparse_change(struct sparse *s, const double *x)
{
	size_t n = s->q->size1;
	double worst = 0;

	for (size_t j = 0; j < n; j++)
		if (x[j] > x[s->pin])
			s->pin = j;
	for (size_t j = 0; j < n; j++) {
		if (x[j] >= SPARSE_SMALLEST * x[s->pin]) {
			double c = fabs(x[j] - s->prev[j]) / x[j];

			if (c > worst)
				worst = c;
		}
		s->prev[j] = x[j];
	}
	return worst;
}

/* Iterate on X (an aggregation, when there are groups, then a sweep)
 * until the stopping rule holds.  Returns 0, 2 when the iterations run
 * out, or -1 out of memory; fills INFO. */
static int sparse_iterate(struct sparse *s, double *x, struct ctmc_sparse_info *info)
{
	size_t n = s->in->size1;
	double last = INFINITY;
	int stalls = 0;

	for (size_t j = 0; j < n; j++)
		x[j] = s->prev[j] = 0;
	x[0] = 1;
	/* the first sweep, from state 0 alone, gives every state a weight;
	 * then the largest is held */
	s->pin = 0;
	sparse_sweep(s, x);
	sparse_change(s, x);
	info->aggregated = s->ng > 0;
	for (info->sweeps = 1; info->sweeps <= CTMC_SPARSE_MAX_SWEEPS; info->sweeps++) {
		double c, r;

		sparse_sweep(s, x);
		if (info->aggregated && sparse_aggregate(s, x))
			return -1;
		c = sparse_change(s, x);
		r = isfinite(last) && last > 0 ? c / last : NAN;
		info->change = c;
		info->rate = r;
		if (c <= SPARSE_FLOOR || (r < 1 && c * r / (1 - r) <= CTMC_SPARSE_TOL))
			return 0;
		/* aggregation that does not help is dropped: plain sweeps
		 * always converge */
		if (info->aggregated && r >= 1 && ++stalls == SPARSE_STALLS)
			info->aggregated = 0;
		last = c;
	}
	info->sweeps--;
	return 2;
}

int ctmc_sparse_solve(size_t n, const size_t *at, const uint32_t *to, const double *rate,
		      const uint32_t *group, size_t ngroups, double *pi,
		      struct ctmc_sparse_info *info, struct diag *d)
{
	struct ctmc_sparse_info own;
	struct ctmc_sum sum = { 0, 0 };
	struct sparse s;
	size_t bad;
	int rc;

	if (!info)
		info = &own;
	info->sweeps = 0;
	info->change = info->rate = NAN;
	if (sparse_init(&s, n, at, to, rate, group, ngroups, d)) {
		sparse_release(&s);
		return -1;
	}
	bad = sparse_unreachable(&s, pi);
	rc = bad == SIZE_MAX ? -1 : bad < n ? 1 : sparse_iterate(&s, pi, info);
	sparse_release(&s);
	if (rc < 0)
		return diag_runtime(d, "out of memory for the Markov chain");
	if (rc == 1) {
		diag_runtime(d, "the Markov chain is reducible: state %zu cannot lead back to "
			     "state 0", bad);
		return 1;
	}
	if (rc == 2) {
		diag_runtime(d, "the Markov chain's sweeps did not converge in %d sweeps "
			     "(last relative change %.3g)", info->sweeps, info->change);
		return 2;
	}
	for (size_t j = 0; j < n; j++)
		ctmc_sum_add(&sum, pi[j]);
	for (size_t j = 0; j < n; j++)
		pi[j] /= ctmc_sum_value(&sum);
	return 0;
}
