/* fit_gof.c - how well a fitted law follows the data: the data's own CDF
 * (Kaplan-Meier, which is the empirical CDF when nothing is censored)
 * and the Kolmogorov-Smirnov distance from a fitted CDF to it, with the
 * asymptotic p-value where it applies (no censoring). */
#include <math.h>
#include <stdlib.h>

#include "fit/fit_impl.h"

/* Terms of the Kolmogorov series summed at most. */
#define KS_TERMS 100

/* One observation, for sorting. */
struct obs {
	double t;
	int cens;
};

/* qsort's order of observations by duration, the uncensored first among
 * equal ones: a row censored at t was still at risk when the failures at
 * t happened. */
static int by_time(const void *a, const void *b)
{
	const struct obs *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->cens - y->cens;
}

int fit_km(const struct fit_data *x, double **times, double **cdf, size_t *n)
{
	struct obs *o = malloc(x->n * sizeof *o);
	size_t m = 0, i = 0;
	double surv = 1;

	*times = malloc(x->n * sizeof **times);
	*cdf = malloc(x->n * sizeof **cdf);
	if (!o || !*times || !*cdf) {
		free(o);
		free(*times);
		free(*cdf);
		*times = *cdf = NULL;
		return -1;
	}
	for (size_t k = 0; k < x->n; k++)
		o[k] = (struct obs){ x->t[k], x->cens[k] };
	qsort(o, x->n, sizeof *o, by_time);
	while (i < x->n) {
		double t = o[i].t;
		size_t at_risk = x->n - i, deaths = 0;

		for (; i < x->n && o[i].t == t; i++)
			deaths += !o[i].cens;
		if (!deaths)
			continue;
		surv *= 1 - (double)deaths / (double)at_risk;
		(*times)[m] = t;
		(*cdf)[m++] = 1 - surv;
	}
	free(o);
	*n = m;
	return 0;
}

/* The probability that the Kolmogorov distribution exceeds LAMBDA. */
static double kolmogorov_q(double lambda)
{
	double s = 0;

	if (lambda < 0.2)
		return 1;
	for (int k = 1; k <= KS_TERMS; k++) {
		double term = exp(-2.0 * k * k * lambda * lambda);

		s += (k % 2 ? 2 : -2) * term;
		if (term < 1e-17)
			break;
	}
	return fmin(fmax(s, 0), 1);
}

int fit_gof(enum fit_law law, const double *p, const struct fit_data *x, double *ks,
	    double *p_value)
{
	double *t, *cdf, before = 0, d = 0, tmax = 0;
	size_t n;

	if (fit_km(x, &t, &cdf, &n))
		return -1;
	/* the data's CDF is a step function and the law's is monotone: the
	 * largest gap is at a step, on one side or the other, or at the end
	 * of the observed range */
	for (size_t i = 0; i < n; i++) {
		double f = fit_cdf(law, p, t[i]);

		d = fmax(d, fmax(fabs(f - before), fabs(f - cdf[i])));
		before = cdf[i];
	}
	for (size_t i = 0; i < x->n; i++)
		tmax = fmax(tmax, x->t[i]);
	d = fmax(d, fabs(fit_cdf(law, p, tmax) - before));
	free(t);
	free(cdf);
	*ks = d;
	if (x->nfail == x->n) {
		double sn = sqrt((double)x->n);

		*p_value = kolmogorov_q((sn + 0.12 + 0.11 / sn) * d);
	} else {
		*p_value = NAN;
	}
	return 0;
}
