/* hist.h - a log-binned histogram of durations for percentiles.
 *
 * Bins are 1/200 of a decade wide from 1e-6 h to 1e7 h, and each bin keeps
 * its smallest and largest value, so a quantile is read by interpolating
 * between real observations: exact when a bin holds one distinct value,
 * within 1.2% otherwise.  Counts are integers, so merging histograms in any
 * order gives the same bits. */
#ifndef NINES_HIST_H
#define NINES_HIST_H

#include <stdint.h>

#define HIST_PER_DECADE 200
#define HIST_DECADES    13
#define HIST_LOW        1e-6
#define HIST_BINS       (HIST_PER_DECADE * HIST_DECADES + 2)  /* + underflow, overflow */

struct hist {
	uint64_t count[HIST_BINS];
	double min[HIST_BINS];
	double max[HIST_BINS];
	uint64_t total;
};

void hist_init(struct hist *h);

/* Count one duration X >= 0 (hours).  Constant time, no allocation. */
void hist_add(struct hist *h, double x);

/* Add B's counts to A. */
void hist_merge(struct hist *a, const struct hist *b);

/* The Q-quantile (0 <= Q <= 1) of what was counted, or NaN when empty. */
double hist_quantile(const struct hist *h, double q);

#endif
