/* stats.h - moments of per-replication samples, merged in a fixed order,
 * and the confidence intervals drawn from them.
 *
 * Each measured entity yields one pair per replication: x (the fraction of
 * the horizon it was down) and y (its outages per year).  Keeping their
 * co-moment lets the mean outage duration be estimated as the ratio
 * mean(x) / mean(y) with a delta-method interval.
 */
#ifndef NINES_STATS_H
#define NINES_STATS_H

struct moments {
	double n;
	double mx, my;       /* running means */
	double sxx, syy, sxy; /* sums of squared deviations and co-deviation */
	double nzx;           /* samples with x > 0 */
};

struct estimate {
	double mean;
	double ci_low, ci_high;
	double stderr_;      /* standard error of the mean */
};

void moments_init(struct moments *m);

/* Add one pair (Welford's update: no cancellation for means near 1). */
void moments_add(struct moments *m, double x, double y);

/* Add K pairs (0, 0) at once, as one merge: a replication without
 * downtime gives zeros for most measures, and a run of them costs one
 * update instead of K. */
void moments_add_zeros(struct moments *m, double k);

/* Fold B into A (Chan's parallel formula).  The result depends on the
 * order of merges only through rounding, so callers merge in a fixed order
 * to get the same bits whatever the thread count. */
void moments_merge(struct moments *a, const struct moments *b);

/* Student-t interval at level CONF (0 < CONF < 1) for the mean of x or of y.
 * With fewer than two samples the interval is the mean itself. */
struct estimate moments_x(const struct moments *m, double conf);
struct estimate moments_y(const struct moments *m, double conf);

/* The ratio mean(x) / mean(y) times SCALE, with a delta-method interval;
 * NaN everywhere when mean(y) is 0 (no outage was seen). */
struct estimate moments_ratio(const struct moments *m, double scale, double conf);

/* E with every figure multiplied by K > 0. */
struct estimate stats_scale(struct estimate e, double k);

/* E with its interval kept within [LO, HI]: the ends a measure cannot
 * reach (a negative rate, a probability above 1) say nothing the data
 * could show. */
struct estimate stats_clip(struct estimate e, double lo, double hi);

/* The estimate of 1 - x from that of x: the interval's ends swap. */
struct estimate stats_complement(struct estimate e);

/* Two-sided Student-t quantile for N samples at level CONF; 0 when N < 2. */
double stats_t_quantile(double n, double conf);

/* Garwood's exact interval at level CONF for the mean of a Poisson count
 * from one observed count K >= 0: [chi2(a/2; 2K) / 2, chi2(1 - a/2; 2K + 2)
 * / 2] with a = 1 - CONF, the lower end 0 when K is 0.  Its coverage is at
 * least CONF for every mean.  The estimate's mean is K, its stderr_
 * sqrt(K). */
struct estimate stats_poisson(double k, double conf);

/* The interval at level CONF for the mean of K >= 1 positive lengths with
 * squared coefficient of variation CV2 > 0, as factors *LO <= 1 <= *HI of
 * their sample mean: the sum is taken as gamma with shape K / CV2, which
 * is exact for exponential lengths (CV2 = 1, the chi-square interval on
 * 2K degrees of freedom) and matches two moments otherwise. */
void stats_gamma_mean(double k, double cv2, double conf, double *lo, double *hi);

#endif
