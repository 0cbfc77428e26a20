/* run_is.c - importance sampling's part of a run: regenerative cycles
 * (engine_is.c) folded into ratio moments (ratio.h), chunk by chunk in
 * index order, and turned into the result's moments after each round, so
 * that every report reads them as it reads plain replications.  The
 * efficiency gain over plain Monte Carlo is measured in the same run:
 * plain's variance per cycle is the mean of (D - u T)^2 L over the biased
 * cycles, its work per cycle the mean of the events times L. */
#include <math.h>
#include <string.h>

#include "engine/run_impl.h"
#include "util/duration.h"

void run_is_chunk(struct worker *w, size_t c)
{
	struct shared *sh = w->sh;
	const struct run_settings *set = &sh->opt->set;
	struct ratio_moments *rat = sh->chunk_rat + (c - sh->round_first) * sh->nmom;
	struct run_gain *g = &sh->chunk_gain[c - sh->round_first];
	long first = (long)c * sh->chunk;
	long last = first + sh->chunk < sh->total ? first + sh->chunk : sh->total;

	for (size_t k = 0; k < sh->nmom; k++)
		ratio_init(&rat[k]);
	memset(g, 0, sizeof *g);
	for (long i = first; i < last; i++) {
		struct engine_cycle cy;
		const struct rep_result *rr = engine_is_cycle(w->is, set->seed, (uint64_t)i, &cy);
		double l, tl, dl;

		if (!rr) {
			atomic_store(&sh->lost, 1);
			return;
		}
		l = cy.weight;
		tl = cy.length * l;
		dl = rr->block_down[0] * l;
		/* one hour measured: the pairs are the cycle's totals, rates per year */
		run_pairs(w, rr, 1, 1 / HOURS_PER_YEAR);
		for (size_t k = 0; k < sh->nmom; k++)
			if (w->has[k])
				ratio_add(&rat[k], w->x[k] * l, w->y[k] * l, tl);
		g->ddl += rr->block_down[0] * dl;
		g->dtl += cy.length * dl;
		g->ttl += cy.length * tl;
		g->evl += (double)rr->events * l;
		g->ev += (double)rr->events;
		w->events += rr->events;
	}
}

void run_is_merge(struct shared *sh)
{
	for (size_t c = sh->round_first; c < sh->round_end; c++) {
		const struct run_gain *g = &sh->chunk_gain[c - sh->round_first];

		for (size_t k = 0; k < sh->nmom; k++)
			ratio_merge(&sh->rat[k], &sh->chunk_rat[(c - sh->round_first) * sh->nmom + k]);
		sh->gain.ddl += g->ddl;
		sh->gain.dtl += g->dtl;
		sh->gain.ttl += g->ttl;
		sh->gain.evl += g->evl;
		sh->gain.ev += g->ev;
	}
}

/* Plain Monte Carlo's variance times work over this run's, per cycle, for
 * the system unavailability; NaN when either is 0. */
static double is_gain(const struct shared *sh)
{
	const struct ratio_moments *s = &sh->rat[0];
	const struct run_gain *g = &sh->gain;
	double n = s->n, u, plain, biased;

	if (n < 2 || !(s->mc > 0))
		return NAN;
	u = s->ma / s->mc;
	plain = (g->ddl - 2 * u * g->dtl + u * u * g->ttl) / n;
	biased = (s->saa - 2 * u * s->sac + u * u * s->scc) / (n - 1);
	/* a cycle costs at least its bookkeeping: count one event more */
	plain *= g->evl / n + 1;
	biased *= g->ev / n + 1;
	return plain > 0 && biased > 0 ? plain / biased : NAN;
}

void run_is_result(struct shared *sh)
{
	for (size_t k = 0; k < sh->nmom; k++)
		ratio_moments(&sh->rat[k], &sh->res->block[k]);
	sh->res->gain = is_gain(sh);
}
