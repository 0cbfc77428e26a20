/* hist.c - percentiles of outage durations without storing every outage:
 * a replication can have thousands of outages and a run millions. */
#include <math.h>

#include "hist.h"

void hist_init(struct hist *h)
{
	for (int i = 0; i < HIST_BINS; i++) {
		h->count[i] = 0;
		h->min[i] = INFINITY;
		h->max[i] = -INFINITY;
	}
	h->total = 0;
}

static int bin_of(double x)
{
	double k;

	if (!(x >= HIST_LOW))
		return 0;
	k = floor(log10(x / HIST_LOW) * HIST_PER_DECADE);
	if (k >= HIST_PER_DECADE * HIST_DECADES)
		return HIST_BINS - 1;
	return 1 + (int)k;
}

void hist_add(struct hist *h, double x)
{
	int i = bin_of(x);

	h->count[i]++;
	if (x < h->min[i])
		h->min[i] = x;
	if (x > h->max[i])
		h->max[i] = x;
	h->total++;
}

void hist_merge(struct hist *a, const struct hist *b)
{
	for (int i = 0; i < HIST_BINS; i++) {
		a->count[i] += b->count[i];
		if (b->min[i] < a->min[i])
			a->min[i] = b->min[i];
		if (b->max[i] > a->max[i])
			a->max[i] = b->max[i];
	}
	a->total += b->total;
}

double hist_quantile(const struct hist *h, double q)
{
	double rank, seen = 0, last = NAN;

	if (h->total == 0)
		return NAN;
	/* Rank in [0, total - 1], as the "linear" sample quantile counts. */
	rank = q * (double)(h->total - 1);
	for (int i = 0; i < HIST_BINS; i++) {
		double c = (double)h->count[i];

		if (c == 0)
			continue;
		if (rank < seen + c) {
			double f = c > 1 ? (rank - seen) / (c - 1) : 0;

			if (f > 1)
				f = 1;
			return h->min[i] + f * (h->max[i] - h->min[i]);
		}
		seen += c;
		last = h->max[i];
	}
	return last;
}
