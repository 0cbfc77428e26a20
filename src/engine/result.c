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
	r->nmoments = nb + nt + set->nslo + r->ntimeline + 5 * nb + model_zones(m) + 2 +
		      model_ccf(m) + 2;
	r->block = calloc(r->nmoments, sizeof *r->block);
	if (!r->block)
		goto oom;
	for (int k = 0; keep && k < RESULT_KEPT; k++)
		if (!(r->kept[k] = calloc(n, sizeof *r->kept[k])))
			goto oom;
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
	r->design = r->ccf + model_ccf(m);
	for (size_t k = 0; k < r->nmoments; k++)
		moments_init(&r->block[k]);
	hist_init(&r->outages);
	hist_init(&r->window_down);
	return r;
oom:
	result_free(r);
	return NULL;
}

void result_free(struct result *r)
{
	if (!r)
		return;
	free(r->block);
	for (int k = 0; k < RESULT_KEPT; k++)
		free(r->kept[k]);
	free(r);
}

struct estimate result_attribution(const struct result *r, size_t b)
{
	return stats_clip(moments_ratio(&r->attr[b], 1, r->set.confidence), 0, 1);
}

double result_assumed_outage(const struct model *m)
{
	double most = 0;

#define MOST(x) do { double v_ = (x); if (v_ > most) most = v_; } while (0)
	for (size_t t = 0; t < model_types(m); t++) {
		MOST(model_type_repair(m, t)->mean);
		MOST(model_type_maint_duration(m, t));
	}
	for (size_t z = 0; z < model_zones(m); z++)
		MOST(model_zone_repair(m, z)->mean);
	for (size_t b = 0; b < model_blocks(m); b++) {
		const struct block_params *p = model_block_params(m, b);

		MOST(p->election);
		MOST(p->detect + p->switchover + p->manual);
		MOST(p->timeout);
	}
#undef MOST
	return most;
}

/* The squared coefficient of variation of the outage lengths of MO, at
 * least 1, from the per-replication sums: with D_i hours down in K_i
 * outages, E[D_i^2 | K_i] = K_i var + K_i^2 mean^2, so var is estimated
 * as (sum D_i^2 - mean^2 sum K_i^2) / sum K_i.  Lengths less variable
 * than exponential ones (CV 1) are taken as exponential: few outages tell
 * too little to narrow the interval on it. */
static double outage_cv2(const struct moments *mo, double h, double years, double k)
{
	double n = mo->n;
	double sdd = (mo->sxx + n * mo->mx * mo->mx) * h * h;
	double skk = (mo->syy + n * mo->my * mo->my) * years * years;
	double mean = n * mo->mx * h / k;
	double cv2 = (sdd - mean * mean * skk) / k / (mean * mean);

	return cv2 > 1 ? cv2 : 1;
}

/* The interval of unavailability from the count of outages K < few, into
 * OUT->unavailability (the mean stays mean(x)), outages per year and mean
 * outage.
 *
 * Unavailability is the outage rate times the mean outage length.  The
 * count of outages over the N x horizon observed is taken as Poisson:
 * outages that are rare arrive, to a good approximation, as a Poisson
 * process whatever the laws, since the system returns to the states that
 * lead to one many times between two of them.  Its rate gets Garwood's
 * exact interval, the mean length a gamma interval (exact for exponential
 * lengths, which ends by one repair give; wider for more variable ones),
 * each at level 1 - a/2 so that both hold together with probability at
 * least CONF = 1 - a (Bonferroni: no independence is assumed between the
 * count and the lengths), and U's interval is the product of their ends.
 * With no outage the rate's upper end times ASSUMED (the mean outage
 * taken, result_assumed_outage) bounds U from above at level CONF. */
static void counted(const struct moments *mo, double conf, double h, double k,
		    double assumed, struct measures *out)
{
	double years = h / HOURS_PER_YEAR, t = mo->n * years;    /* years observed */
	struct estimate rate = stats_poisson(k, conf), u = out->unavailability;
	double lo = NAN, hi = NAN;

	out->outages_per_year = stats_scale(rate, 1 / t);
	out->outages_per_year.mean = mo->my;
	out->outages_per_year.stderr_ = moments_y(mo, conf).stderr_;
	if (k == 0) {
		u.ci_low = 0;
		u.ci_high = rate.ci_high / t * assumed / HOURS_PER_YEAR;
		out->interval = MEASURES_BOUND;
		out->assumed_outage_hours = assumed;
	} else {
		double cv2 = outage_cv2(mo, h, years, k), conf2 = 1 - (1 - conf) / 2;
		struct estimate r2 = stats_poisson(k, conf2);

		stats_gamma_mean(k, cv2, conf, &lo, &hi);
		out->mean_outage_min.ci_low = out->mean_outage_min.mean * lo;
		out->mean_outage_min.ci_high = out->mean_outage_min.mean * hi;
		stats_gamma_mean(k, cv2, conf2, &lo, &hi);
		u.ci_low = u.mean * r2.ci_low / k * lo;
		u.ci_high = u.mean * r2.ci_high / k * hi;
		out->interval = MEASURES_COUNT;
	}
	out->unavailability = u;
}

void result_measures(const struct result *r, const struct moments *mo, struct measures *out)
{
	double conf = r->set.confidence;
	struct estimate u = stats_clip(moments_x(mo, conf), 0, INFINITY);
	struct estimate n;
	int block = mo >= r->block && mo < r->block + model_blocks(r->m);
	double k = NAN;

	out->outages = NAN;
	out->interval = MEASURES_STUDENT;
	out->assumed_outage_hours = NAN;
	out->unavailability = u;
	out->outages_per_year = stats_clip(moments_y(mo, conf), 0, INFINITY);
	out->down_replications = mo->nzx;
	out->mean_outage_min = stats_clip(moments_ratio(mo, HOURS_PER_YEAR * 60, conf), 0, INFINITY);
	if (block && r->method == RUN_METHOD_PLAIN) {
		/* outages per year per replication, back to a count */
		k = round(mo->n * mo->my * (r->set.horizon / HOURS_PER_YEAR));
		out->outages = k;
		/* an outage under way when the warm-up ended is down time
		 * without a count: it is one outage seen */
		if (k < RESULT_FEW_OUTAGES && mo->n > 0)
			counted(mo, conf, r->set.horizon, k == 0 && mo->mx > 0 ? 1 : k,
				result_assumed_outage(r->m), out);
	}
	u = out->unavailability;
	out->availability = stats_complement(u);
	/* nines is decreasing in unavailability: the interval's ends swap. */
	n.mean = -log10(u.mean);
	n.ci_low = -log10(u.ci_high);
	n.ci_high = -log10(u.ci_low);
	n.stderr_ = u.mean > 0 ? u.stderr_ / (u.mean * M_LN10) : NAN;
	out->nines = n;
	out->downtime_min_per_year = stats_scale(u, HOURS_PER_YEAR * 60);
}
