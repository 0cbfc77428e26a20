/* result.c - the reduced outcome of a run, and the measures read from it. */
#include <math.h>
#include <stdlib.h>

#include "engine/result.h"
#include "util/duration.h"

struct result *result_new(const struct model *m, const struct run_settings *set, int keep)
{
	struct result *r = calloc(1, sizeof *r);
	size_t nb = model_blocks(m), nt = model_types(m);
	size_t n = (size_t)set->replications;

	if (!r)
		return NULL;
	r->m = m;
	r->set = *set;
	r->method = RUN_METHOD_PLAIN;
	r->samples = set->replications;
	r->stop = RUN_STOP_COUNT;
	r->rel_error = NAN;
	r->gain = NAN;
	r->windows = 1;
	r->nwindows = (size_t)floor(set->horizon / set->window);
	r->ntimeline = r->nwindows < RESULT_MAX_TIMELINE ? r->nwindows : RESULT_MAX_TIMELINE;
	r->timeline_group = r->ntimeline ? (r->nwindows + r->ntimeline - 1) / r->ntimeline : 1;
	if (r->ntimeline)
		r->ntimeline = (r->nwindows + r->timeline_group - 1) / r->timeline_group;
	r->nmoments = nb + nt + set->nslo + r->ntimeline + 5 * nb + model_zones(m) + 2 + model_ccf(m);
	r->block = calloc(r->nmoments, sizeof *r->block);
	if (keep)
		r->sys_down = calloc(n, sizeof *r->sys_down);
	if (!r->block || (keep && !r->sys_down)) {
		result_free(r);
		return NULL;
	}
	r->type = r->block + nb;
	r->slo = r->type + nt;
	r->timeline = r->slo + set->nslo;
	r->attr = r->timeline + r->ntimeline;
	r->repl = r->attr + nb;
	r->sw = r->repl + nb;
	r->lossy = r->sw + nb;
	r->pool = r->lossy + nb;
	r->zone = r->pool + nb;
	r->crew = r->zone + model_zones(m);
	r->planned = r->crew + 1;
	r->ccf = r->planned + 1;
	for (size_t k = 0; k < r->nmoments; k++)
		moments_init(&r->block[k]);
	hist_init(&r->outages);
	hist_init(&r->window_down);
	return r;
}

void result_free(struct result *r)
{
	if (!r)
		return;
	free(r->block);
	free(r->sys_down);
	free(r);
}

struct estimate result_attribution(const struct result *r, size_t b)
{
	return stats_clip(moments_ratio(&r->attr[b], 1, r->set.confidence), 0, 1);
}

void result_measures(const struct moments *mo, double conf, struct measures *out)
{
	struct estimate u = stats_clip(moments_x(mo, conf), 0, INFINITY);
	struct estimate n;

	out->unavailability = u;
	out->availability = stats_complement(u);
	/* nines is decreasing in unavailability: the interval's ends swap. */
	n.mean = -log10(u.mean);
	n.ci_low = -log10(u.ci_high);
	n.ci_high = -log10(u.ci_low);
	n.stderr_ = u.mean > 0 ? u.stderr_ / (u.mean * M_LN10) : NAN;
	out->nines = n;
	out->downtime_min_per_year = stats_scale(u, HOURS_PER_YEAR * 60);
	out->outages_per_year = stats_clip(moments_y(mo, conf), 0, INFINITY);
	out->down_replications = mo->nzx;
	out->mean_outage_min = stats_clip(moments_ratio(mo, HOURS_PER_YEAR * 60, conf), 0, INFINITY);
}
