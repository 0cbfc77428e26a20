/* result.c - the reduced outcome of a run, and the measures read from it. */
#include <math.h>
#include <stdlib.h>

#include "duration.h"
#include "result.h"

struct result *result_new(const struct model *m, double horizon, long replications,
			  uint64_t seed, double confidence)
{
	struct result *r = calloc(1, sizeof *r);
	size_t nb = model_blocks(m), nt = model_types(m);

	if (!r)
		return NULL;
	r->m = m;
	r->horizon = horizon;
	r->replications = replications;
	r->seed = seed;
	r->confidence = confidence;
	r->block = calloc(nb, sizeof *r->block);
	r->type = calloc(nt ? nt : 1, sizeof *r->type);
	r->sys_down = calloc((size_t)replications, sizeof *r->sys_down);
	r->sys_outages = calloc((size_t)replications, sizeof *r->sys_outages);
	if (!r->block || !r->type || !r->sys_down || !r->sys_outages) {
		result_free(r);
		return NULL;
	}
	for (size_t b = 0; b < nb; b++)
		moments_init(&r->block[b]);
	for (size_t t = 0; t < nt; t++)
		moments_init(&r->type[t]);
	hist_init(&r->outages);
	return r;
}

void result_free(struct result *r)
{
	if (!r)
		return;
	free(r->block);
	free(r->type);
	free(r->sys_down);
	free(r->sys_outages);
	free(r);
}

static struct estimate scaled(struct estimate e, double k)
{
	e.mean *= k;
	e.ci_low *= k;
	e.ci_high *= k;
	e.stderr_ *= k;
	return e;
}

void result_measures(const struct moments *mo, double conf, struct measures *out)
{
	struct estimate u = moments_x(mo, conf);
	struct estimate a, n;

	/* An interval below 0 says nothing the data could show. */
	if (u.ci_low < 0)
		u.ci_low = 0;
	out->unavailability = u;
	a.mean = 1 - u.mean;
	a.ci_low = 1 - u.ci_high;
	a.ci_high = 1 - u.ci_low;
	a.stderr_ = u.stderr_;
	out->availability = a;
	/* nines is decreasing in unavailability: the interval's ends swap. */
	n.mean = -log10(u.mean);
	n.ci_low = -log10(u.ci_high);
	n.ci_high = -log10(u.ci_low);
	n.stderr_ = u.mean > 0 ? u.stderr_ / (u.mean * M_LN10) : NAN;
	out->nines = n;
	out->downtime_min_per_year = scaled(u, HOURS_PER_YEAR * 60);
	out->outages_per_year = moments_y(mo, conf);
	if (out->outages_per_year.ci_low < 0)
		out->outages_per_year.ci_low = 0;
	out->down_replications = mo->nzx;
	out->mean_outage_min = moments_ratio(mo, HOURS_PER_YEAR * 60, conf);
	if (out->mean_outage_min.ci_low < 0)
		out->mean_outage_min.ci_low = 0;
}
