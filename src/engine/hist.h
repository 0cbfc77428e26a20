/* hist.h - a log-binned histogram of durations (or fractions) for
 * percentiles, without storing every value.
 *
 * Bins are 1/200 of a decade wide from 1e-6 to 1e7, with a bin for exact
 * zeros, one below 1e-6 and one above 1e7.  Each bin keeps its count and
 * its smallest and largest value.  A quantile is read as the "linear"
 * sample quantile of the values, where each bin's values are taken as
 * evenly spread between its smallest and largest: exact when the ranks
 * involved fall on values a bin holds alone (a bin's only value, or a
 * bin's extremes), and otherwise within the bin's width, 1.2%.  Counts
 * are integers, so merging histograms in any order gives the same bits. */
#ifndef NINES_HIST_H
#define NINES_HIST_H

#include <stdint.h>

#define HIST_PER_DECADE 200
#define HIST_DECADES    13
#define HIST_LOW        1e-6
#define HIST_BINS       (HIST_PER_DECADE * HIST_DECADES + 3)  /* + zero, underflow, overflow */

struct hist {
	uint64_t count[HIST_BINS];
	double min[HIST_BINS];
	double max[HIST_BINS];
	uint64_t total;
};

void hist_init(struct hist *h);

/* Count one value X >= 0.  Constant time, no allocation. */
void hist_add(struct hist *h, double x);

/* Count N exact zeros, as N calls of hist_add(h, 0) would. */
void hist_add_zeros(struct hist *h, uint64_t n);

/* Add B's counts to A. */
void hist_merge(struct hist *a, const struct hist *b);

/* The Q-quantile (0 <= Q <= 1) of what was counted, or NaN when empty. */
double hist_quantile(const struct hist *h, double q);

#endif
