/* fit_impl.h - what the files of src/fit/ share, and nothing outside
 * includes:
 *
 *   fit_data.c   the CSV file of observations
 *   fit_law.c    each law's likelihood, distribution, mean, start
 *   fit.c        the fits: the minimiser, the Hessian, the ranking
 *   fit_gof.c    Kaplan-Meier and the Kolmogorov-Smirnov distance
 *   fit_write.c  text, Markdown and CSV; fit_json.c the JSON and paste
 *   fit_plot.c   the plot (plots/fit.gp)
 */
#ifndef NINES_FIT_IMPL_H
#define NINES_FIT_IMPL_H

#include "fit/fit.h"

/* LAW's mean with parameters P, and in GRAD[0..npar) the gradient of the
 * mean's logarithm with respect to P. */
double fit_law_mean(enum fit_law law, const double *p, double *grad);

/* Where the search for LAW's maximum starts on X: moment estimates, with
 * the exponential's mean (total time over failures) as the scale. */
void fit_law_start(enum fit_law law, const struct fit_data *x, double *p);

/* The Kolmogorov-Smirnov distance between LAW with parameters P and the
 * data's CDF (fit_km), over the whole observed range; and, when X has no
 * censored row, its asymptotic p-value (Stephens' form) in *P_VALUE, NAN
 * otherwise.  Returns -1 when out of memory. */
int fit_gof(enum fit_law law, const double *p, const struct fit_data *x, double *ks,
	    double *p_value);

/* The writers of fit_write, one a format. */
int fit_write_json(FILE *f, const struct fit_report *rep);

/* The best fit's parameters as the JSON of a law: {"distribution": ...}
 * as fit_paste_print writes it, without the key. */
void fit_law_json(FILE *f, const struct fit_result *r, const char *fmt);

/* The interval of the mean as uncertain inputs are to take it:
 * {"estimate": M, "range": [LO, HI]}, numbers in FMT (null when not
 * finite). */
void fit_mean_json(FILE *f, const struct fit_result *r, const char *fmt);

#endif
