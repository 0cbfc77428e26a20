/* ratio.h - moments of the weighted cycle samples of importance sampling,
 * and their conversion into the moments every report reads.
 *
 * A regenerative cycle i yields, for each measured entity, a = X_i L_i and
 * b = Y_i L_i (its two measured quantities times the cycle's likelihood
 * ratio L_i), and c = T_i L_i (the cycle's length times L_i).  The
 * long-run rates are the ratios E[a]/E[c] and E[b]/E[c].  Their
 * delta-method variance is that of the linearised samples
 * (a - (E[a]/E[c]) c) / E[c], so a struct moments whose means are the
 * ratios and whose co-deviations are those of the linearised samples gives,
 * through moments_x, moments_y and moments_ratio, exactly the
 * delta-method intervals: reports need not know how it was obtained.
 */
#ifndef NINES_RATIO_H
#define NINES_RATIO_H

#include "engine/stats.h"

struct ratio_moments {
	double n;
	double ma, mb, mc;                 /* running means */
	double saa, sbb, scc, sab, sac, sbc; /* sums of co-deviations */
	double nza;                        /* samples with a > 0 */
};

void ratio_init(struct ratio_moments *m);

/* Add one cycle's (a, b, c) (Welford's update). */
void ratio_add(struct ratio_moments *m, double a, double b, double c);

/* Fold B into A (Chan's formula); merge in a fixed order for the same
 * bits whatever the thread count. */
void ratio_merge(struct ratio_moments *a, const struct ratio_moments *b);

/* The moments of the ratio estimates E[a]/E[c] (x) and E[b]/E[c] (y) as
 * described above.  With no sample, or E[c] = 0, the moments of nothing. */
void ratio_moments(const struct ratio_moments *m, struct moments *out);

#endif
