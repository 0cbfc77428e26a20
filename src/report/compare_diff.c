/* compare_diff.c - one design against the baseline, measure by measure:
 * the paired difference over common random numbers, what two independent
 * runs would give, and the words a report says them in.
 *
 * Designs are run with the same seed, replications and horizon, and each
 * component instance draws from a stream keyed by its place in the design
 * (rng.h), so replication i of two designs sees the same failures wherever
 * they share components.  The difference of a measure is then taken
 * replication by replication: its interval is much narrower than the one
 * two independent runs would give, and the report shows both.
 */
#include <math.h>
#include <string.h>

#include "report/compare.h"
#include "util/duration.h"

#define MIN_PER_YEAR (HOURS_PER_YEAR * 60)

const struct compare_measure compare_measures[RESULT_KEPT] = {
	[KEPT_DOWN] = { KEPT_DOWN, "downtime per year", "downtime_minutes_per_year",
			MIN_PER_YEAR, "saves %s min/yr", "costs %s min/yr more", "min/yr" },
	[KEPT_WRITE_DOWN] = { KEPT_WRITE_DOWN, "write downtime per year",
			      "write_downtime_minutes_per_year", MIN_PER_YEAR,
			      "saves %s min/yr of writes", "costs %s min/yr of writes more",
			      "min/yr" },
	[KEPT_LOST] = { KEPT_LOST, "lost writes per year", "lost_writes_per_year", 1,
			"loses %s fewer writes/yr", "loses %s more writes/yr", "writes/yr" },
};

/* R's estimate of measure K over its replications. */
static struct estimate kept_estimate(const struct result *r, enum result_kept k, double conf)
{
	switch (k) {
	case KEPT_WRITE_DOWN:
		return moments_x(&r->design[0], conf);
	case KEPT_LOST:
		return moments_y(&r->design[0], conf);
	default:
		return moments_x(&r->block[0], conf);
	}
}

struct compare_diff compare_diff(const struct result *d, const struct result *b, double conf,
				 enum result_kept k)
{
	struct compare_diff out;
	struct moments m;
	struct estimate ed, eb;
	double a2, b2, n = (double)d->set.replications, df;

	ed = kept_estimate(d, k, conf);
	eb = kept_estimate(b, k, conf);
	a2 = ed.stderr_ * ed.stderr_;
	b2 = eb.stderr_ * eb.stderr_;
	/* Welch-Satterthwaite degrees of freedom for two samples of n */
	df = a2 + b2 > 0 ? (a2 + b2) * (a2 + b2) / ((a2 * a2 + b2 * b2) / (n - 1)) : n - 1;
	out.independent_half_width = stats_t_quantile(df + 1, conf) * sqrt(a2 + b2);
	/* Replications pair up only when both designs ran the same plain
	 * replications: the same streams, index by index.  A run to a target
	 * stops each design at its own count, and an accelerated run's
	 * replications (or cycles) do not line up with anything. */
	out.variance_ratio = NAN;
	out.pairing_useless = 0;
	out.is_paired = d->kept[k] && b->kept[k] && d->method == RUN_METHOD_PLAIN &&
			b->method == RUN_METHOD_PLAIN && d->samples == b->samples &&
			d->set.replications == b->set.replications;
	if (!out.is_paired) {
		out.paired.mean = ed.mean - eb.mean;
		out.paired.ci_low = out.paired.mean - out.independent_half_width;
		out.paired.ci_high = out.paired.mean + out.independent_half_width;
		out.paired.stderr_ = sqrt(a2 + b2);
		return out;
	}
	moments_init(&m);
	for (long i = 0; i < d->set.replications; i++)
		moments_add(&m, d->kept[k][i] - b->kept[k][i], 0);
	out.paired = moments_x(&m, conf);
	if (a2 + b2 > 0)
		out.variance_ratio = out.paired.stderr_ > 0 ?
			(a2 + b2) / (out.paired.stderr_ * out.paired.stderr_) : INFINITY;
	out.pairing_useless = out.variance_ratio <= COMPARE_PAIRING_USELESS ||
			      1 - 1 / out.variance_ratio < 2 / sqrt(n);
	return out;
}

int compare_writes_apart(const struct result *d, const struct result *b, double conf)
{
	struct compare_diff w = compare_diff(d, b, conf, KEPT_WRITE_DOWN);
	struct compare_diff x = compare_diff(d, b, conf, KEPT_DOWN);
	struct estimate e;
	struct moments m;

	if (!w.is_paired || !x.is_paired)
		return w.paired.ci_low > x.paired.ci_high || w.paired.ci_high < x.paired.ci_low;
	/* the time writes alone were impossible, the system up, replication
	 * by replication */
	moments_init(&m);
	for (long i = 0; i < d->set.replications; i++)
		moments_add(&m, (d->kept[KEPT_WRITE_DOWN][i] - d->kept[KEPT_DOWN][i]) -
			    (b->kept[KEPT_WRITE_DOWN][i] - b->kept[KEPT_DOWN][i]), 0);
	e = moments_x(&m, conf);
	return e.ci_low > 0 || e.ci_high < 0;
}

void compare_pairing_words(char *buf, size_t n, const struct compare_diff *x)
{
	double v = x->variance_ratio;

	if (isinf(v))
		snprintf(buf, n, "pairing removed the variance");
	else if (isfinite(v) && !x->pairing_useless)
		snprintf(buf, n, "pairing cut the variance %.3g×", v);
	else if (isfinite(v))
		snprintf(buf, n, "pairing cut the variance only %.3g×", v);
	else
		snprintf(buf, n, "no variance to cut");
}

void compare_diff_words(char *buf, size_t n, const struct compare_diff *x, enum result_kept k)
{
	const struct compare_measure *cm = &compare_measures[k];
	double mean = x->paired.mean * cm->scale;
	double half = (x->paired.ci_high - x->paired.mean) * cm->scale;
	double ind = x->independent_half_width * cm->scale;
	char what[160], how[128];

	if (x->is_paired) {
		char pair[64];

		compare_pairing_words(pair, sizeof pair, x);
		snprintf(how, sizeof how, "paired; independent runs: ± %.2g; %s", ind, pair);
	} else {
		snprintf(how, sizeof how, "independent: the replications do not pair up");
	}
	if (!compare_diff_clear(x)) {
		snprintf(buf, n, "no clear difference: %+.4g ± %.2g %s (%s)", mean, half, cm->unit,
			 how);
		return;
	}
	compare_diff_what(what, sizeof what, x, k);
	snprintf(buf, n, "%s (%s)", what, how);
}

int compare_diff_clear(const struct compare_diff *x)
{
	return !(x->paired.ci_low <= 0 && x->paired.ci_high >= 0);
}

void compare_diff_what(char *buf, size_t n, const struct compare_diff *x, enum result_kept k)
{
	const struct compare_measure *cm = &compare_measures[k];
	double mean = x->paired.mean * cm->scale;
	char pm[96];

	snprintf(pm, sizeof pm, "%.4g ± %.2g", fabs(mean),
		 (x->paired.ci_high - x->paired.mean) * cm->scale);
	snprintf(buf, n, mean < 0 ? cm->less : cm->more, pm);
}
