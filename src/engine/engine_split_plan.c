/* engine_split_plan.c - what splitting needs to know of a model: the
 * distance to failure of a state, and the plan (levels and factors)
 * engine_split.c runs replications under.
 *
 * The distance is the least number of further instance failures that take
 * the system down, computed on the block tree from the current states.  A
 * block that is down is at 0; an instance that is up at 1.  A block up
 * when `need` of its u children are up (series, parallel, k_of_n, pool; a
 * quorum without an election delay; a failover that switches at once and
 * surely) goes down once u - need + 1 of them have, the cheapest first:
 * the sum of the u - need + 1 smallest distances of its up children.  A
 * quorum with an election delay, a failover with a detection or
 * switchover delay or a coverage below 1, and a transaction (its
 * coordinator's leading instance, or any child) go down with one failure:
 * 1.  It is computed whole after every event, children before parents:
 * O(instances + blocks), as much as the event itself on the small groups
 * splitting is for.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "engine/engine_impl.h"

/* ---- the distance to failure ---- */

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The sum of the K smallest of V[0..N). */
static int smallest_sum(int *v, int n, int k)
{
	int sum = 0;

	if (k == 1) {
		int least = v[0];

		for (int j = 1; j < n; j++)
			least = v[j] < least ? v[j] : least;
		return least;
	}
	if (k < n)
		qsort(v, (size_t)n, sizeof *v, int_cmp);
	for (int j = 0; j < k && j < n; j++)
		sum += v[j];
	return sum;
}

int engine_split_distance(const struct split_plan *p, const struct engine *e,
			  int *dist, int *scratch)
{
	for (size_t b = e->nb; b-- > 0;) {
		int n = 0, k;

		if (!e->block_ok[b] || p->single[b]) {
			dist[b] = e->block_ok[b];
			continue;
		}
		for (uint32_t j = 0; j < e->block_own[b]; j++)
			n += e->inst_up[e->block_first[b] + j];
		k = n - e->block_need[b] + 1;
		if (p->child_first[b] == p->child_first[b + 1]) {
			dist[b] = k > 1 ? k : 1;
			continue;
		}
		for (int j = 0; j < n; j++)
			scratch[j] = 1;
		for (uint32_t c = p->child_first[b]; c < p->child_first[b + 1]; c++)
			if (dist[p->child[c]] > 0)
				scratch[n++] = dist[p->child[c]];
		k = n - e->block_need[b] + 1;
		dist[b] = n ? smallest_sum(scratch, n, k > 1 ? k : 1) : 1;
	}
	return dist[0];
}

/* ---- the plan ---- */

/* Whether one failure can take block B down (see the opening comment). */
static int plan_single(const struct model *m, size_t b)
{
	const struct block_params *q = model_block_params(m, b);

	switch (model_block_kind(m, b)) {
	case BLOCK_QUORUM:
		return q->election > 0;
	case BLOCK_FAILOVER:
		return q->detect + q->switchover > 0 || q->coverage < 1;
	case BLOCK_TRANSACTION:
		return 1;
	default:
		return 0;
	}
}

/* The child blocks of each block, and the largest count of children.
 * Returns 0, or -1 out of memory. */
static int plan_tree(struct split_plan *p, const struct model *m)
{
	size_t nb = model_blocks(m), k = 0;

	p->single = calloc(nb, 1);
	p->child_first = calloc(nb + 1, sizeof *p->child_first);
	p->child = calloc(nb, sizeof *p->child);
	if (!p->single || !p->child_first || !p->child)
		return -1;
	for (size_t b = 0; b < nb; b++) {
		size_t kids = (size_t)model_block_children(m, b);

		p->single[b] = (unsigned char)plan_single(m, b);
		p->child_first[b] = (uint32_t)k;
		for (size_t c = b + 1; c < model_block_end(m, b); c++)
			if (model_block_parent(m, c) == b)
				p->child[k++] = (uint32_t)c;
		p->max_children = kids > p->max_children ? kids : p->max_children;
	}
	p->child_first[nb] = (uint32_t)k;
	return 0;
}

struct split_plan *engine_split_plan_new(const struct model *m, struct diag *d)
{
	struct split_plan *p = calloc(1, sizeof *p);
	struct engine *e = NULL;
	int *dist = NULL, *scratch = NULL;

	if (!p || plan_tree(p, m))
		goto oom;
	e = engine_new(m, d);
	dist = calloc(model_blocks(m), sizeof *dist);
	scratch = calloc(p->max_children + 1, sizeof *scratch);
	if (!e || !dist || !scratch)
		goto oom;
	p->m = m;
	/* the distance with everything up */
	engine_begin(e, 0, 0, 0, INFINITY, NULL);
	p->levels = engine_split_distance(p, e, dist, scratch);
	if (p->levels > SPLIT_LEVELS_MAX)
		p->levels = SPLIT_LEVELS_MAX;
	for (int l = 0; l <= SPLIT_LEVELS_MAX; l++)
		engine_split_plan_set(p, l, 1);
	engine_free(e);
	free(dist);
	free(scratch);
	return p;
oom:
	engine_free(e);
	free(dist);
	free(scratch);
	engine_split_plan_free(p);
	diag_runtime(d, "out of memory for the splitting plan");
	return NULL;
}

void engine_split_plan_free(struct split_plan *p)
{
	if (!p)
		return;
	free(p->single);
	free(p->child_first);
	free(p->child);
	free(p);
}

int engine_split_plan_levels(const struct split_plan *p)
{
	return p->levels;
}

unsigned engine_split_plan_factor(const struct split_plan *p, int l)
{
	return p->factor[l];
}

void engine_split_plan_set(struct split_plan *p, int l, unsigned factor)
{
	p->factor[l] = l == 0 || factor < 1 ? 1 : factor > SPLIT_FACTOR_MAX ? SPLIT_FACTOR_MAX : factor;
}

