/* hist.c - percentiles of outage durations and window downtimes without
 * storing every value: a replication can have thousands of outages and a
 * run millions. */
#include <math.h>

#include "engine/hist.h"

void hist_init(struct hist *h)
{
	for (int i = 0; i < HIST_BINS; i++) {
		h->count[i] = 0;
		h->min[i] = INFINITY;
		h->max[i] = -INFINITY;
	}
	h->total = 0;
}

/* Bin 0 holds exact zeros, bin 1 the values below HIST_LOW, the last bin
 * the values past the top decade. */
static int bin_of(double x)
{
	double k;

	if (!(x > 0))
		return 0;
	if (x < HIST_LOW)
		return 1;
	k = floor(log10(x / HIST_LOW) * HIST_PER_DECADE);
	if (k >= HIST_PER_DECADE * HIST_DECADES)
		return HIST_BINS - 1;
	return 2 + (int)k;
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

void hist_add_zeros(struct hist *h, uint64_t n)
{
	if (n == 0)
		return;
	h->count[0] += n;
	h->min[0] = 0;
	if (h->max[0] < 0)
		h->max[0] = 0;
	h->total += n;
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

/* The K-th smallest value (0-based), taking each bin's values as evenly
 * spread from its min to its max. */
static double value_at(const struct hist *h, uint64_t k)
{
	uint64_t seen = 0;

	for (int i = 0; i < HIST_BINS; i++) {
		uint64_t c = h->count[i];

		if (c == 0)
			continue;
		if (k < seen + c) {
			uint64_t j = k - seen;

			if (c == 1)
				return h->min[i];
			return h->min[i] + (h->max[i] - h->min[i]) * (double)j / (double)(c - 1);
		}
		seen += c;
	}
	return NAN;
}

double hist_quantile(const struct hist *h, double q)
{
	double rank, lo, hi;
	uint64_t k;

	if (h->total == 0)
		return NAN;
	rank = q * (double)(h->total - 1);
	k = (uint64_t)floor(rank);
	if (k >= h->total - 1)
		return value_at(h, h->total - 1);
	lo = value_at(h, k);
	hi = value_at(h, k + 1);
	return lo + (hi - lo) * (rank - (double)k);
}
