/* compare_plot.c - the plots of a comparison, from the comparison itself:
 * each design's plot data (struct plot_design) is taken from its result in
 * memory, for `nines compare --plot` and the HTML report alike.
 *
 * `nines plot` draws the same designs from the JSON report of the same
 * run (report_load.c), and both must draw byte for byte the same.  So each
 * value here is what that report carries once read back: numbers print as
 * %.17g, which reads back to the same double, except that a number that
 * is not finite is written null and read as NAN (as INFINITY in nines);
 * names hold U+FFFD where they are not UTF-8; and the parts the JSON
 * report leaves out (SLO targets without a whole window) are left out. */
#include <math.h>
#include <stdlib.h>

#include "report/compare.h"
#include "report/plot.h"
#include "util/utf8.h"

/* X as it reads back from a JSON report: NUL_VALUE when not finite. */
static double json_value(double x, double null_value)
{
	return isfinite(x) ? x : null_value;
}

static struct plot_estimate estimate(const struct estimate *e, double null_value)
{
	struct plot_estimate p = {
		json_value(e->mean, null_value),
		json_value(e->ci_low, null_value),
		json_value(e->ci_high, null_value),
	};

	return p;
}

/* The system's outage durations: a point per histogram bin that holds
 * outages (at the bin's longest), as "outage_minutes_cdf", and the
 * percentiles of "outage_minutes_percentiles". */
static int fill_cdf(struct plot_design *g, const struct hist *h)
{
	static const double q[3] = { 0.5, 0.9, 0.99 };
	uint64_t seen = 0;

	for (int k = 0; k < 3; k++)
		g->outage_p[k] = json_value(hist_quantile(h, q[k]) * 60, NAN);
	g->cdf = calloc(HIST_BINS, sizeof *g->cdf);
	if (!g->cdf)
		return -1;
	for (int i = 0; i < HIST_BINS; i++) {
		if (!h->count[i])
			continue;
		seen += h->count[i];
		g->cdf[g->ncdf].minutes = json_value(h->max[i] * 60, NAN);
		g->cdf[g->ncdf].fraction = json_value((double)seen / (double)h->total, NAN);
		g->ncdf++;
	}
	return 0;
}

/* The tiers: each block whose path is system.blocks[K], with its share of
 * the system's downtime. */
static int fill_tiers(struct plot_design *g, const struct compare_design *d)
{
	size_t nb = model_blocks(d->m);

	g->tier = calloc(nb, sizeof *g->tier);
	if (!g->tier)
		return -1;
	g->has_shares = nb > 0;
	for (size_t b = 0; b < nb; b++) {
		struct plot_tier *t = &g->tier[g->ntier];
		struct estimate share;

		if (!plot_tier_path(model_block_path(d->m, b)))
			continue;
		t->name = utf8_valid_dup(model_block_name(d->m, b));
		if (!t->name)
			return -1;
		share = result_attribution(d->r, b);
		t->share = estimate(&share, NAN);
		g->ntier++;
	}
	return 0;
}

/* The SLO targets and the availability over time. */
static int fill_windows(struct plot_design *g, const struct result *r)
{
	size_t nt = r->nwindows > 0 ? r->set.nslo : 0;

	g->window_hours = json_value(r->set.window, NAN);
	g->target = nt ? calloc(nt, sizeof *g->target) : NULL;
	g->window = r->ntimeline ? calloc(r->ntimeline, sizeof *g->window) : NULL;
	if ((nt && !g->target) || (r->ntimeline && !g->window))
		return -1;
	for (size_t s = 0; s < nt; s++) {
		struct estimate e = stats_clip(moments_x(&r->slo[s], r->set.confidence), 0, INFINITY);

		g->target[s].target = json_value(r->set.slo[s], NAN);
		g->target[s].breach = estimate(&e, NAN);
	}
	g->ntarget = nt;
	for (size_t k = 0; k < r->ntimeline; k++) {
		struct measures m;

		result_measures(r, &r->timeline[k], &m);
		g->window[k].start_hours = json_value(r->set.warmup + (double)(k * r->timeline_group) *
						      r->set.window, NAN);
		g->window[k].availability = estimate(&m.availability, NAN);
	}
	g->nwindow = r->ntimeline;
	return 0;
}

/* The design's writes, as "writes" of the JSON report, and its cost. */
static void fill_writes(struct plot_design *g, const struct compare_design *d)
{
	struct report rep = { d->t, d->m, d->a, d->r, NULL };
	struct replicated_measures x;

	report_writes(&rep, &x);
	g->replicates = report_replication_modes(d->m) != 0;
	g->write_availability = estimate(&x.write_availability, NAN);
	g->lost = estimate(&x.lost, NAN);
	g->cost = json_value(model_cost(d->m), NAN);
}

/* Design D as the plots see it, into G (zeroed).  Returns 0, or -1 when
 * out of memory with what G holds still to release. */
static int fill_design(struct plot_design *g, const struct compare_design *d)
{
	struct measures m;

	result_measures(d->r, &d->r->block[0], &m);
	g->name = utf8_valid_dup(d->t->name);
	if (!g->name)
		return -1;
	g->confidence = json_value(d->r->set.confidence, NAN);
	g->nines = estimate(&m.nines, INFINITY);
	g->downtime = estimate(&m.downtime_min_per_year, NAN);
	if (fill_tiers(g, d))
		return -1;
	fill_writes(g, d);
	/* what the method did not measure is left out, as the JSON report's
	 * nulls leave it out when read back */
	g->window_hours = g->outage_p[0] = g->outage_p[1] = g->outage_p[2] = NAN;
	if (d->r->windows && (fill_cdf(g, &d->r->outages) || fill_windows(g, d->r)))
		return -1;
	return 0;
}

int compare_plot_designs(const struct comparison *c, struct plot_design **d, struct diag *diag)
{
	struct plot_design *g = calloc(c->n ? c->n : 1, sizeof *g);

	*d = NULL;
	if (!g)
		return diag_runtime(diag, "out of memory");
	for (size_t i = 0; i < c->n; i++)
		if (fill_design(&g[i], &c->d[i])) {
			plot_designs_free(g, c->n);
			return diag_runtime(diag, "out of memory");
		}
	*d = g;
	return 0;
}

int compare_plot(const struct comparison *c, const char *dir, const char *templates,
		 unsigned terminals, struct diag *diag)
{
	struct plot_design *d;
	int rc;

	if (compare_plot_designs(c, &d, diag))
		return -1;
	rc = plot_designs(d, c->n, dir, templates, terminals, diag);
	plot_designs_free(d, c->n);
	return rc;
}
