/* dist.c - failure and repair laws: checking their parameters, turning the
 * parameters users write (mean, sd, cv) into the ones GSL samples from, and
 * drawing durations.  dist_sample runs inside the event loop, so it neither
 * allocates nor branches on anything but the kind.  dist_sample_residual
 * draws what is left of a duration already under way, for the splitting
 * engine, whose clones must not share the durations drawn before they
 * were cloned. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>

#include "model/dist.h"

static const char *const kind_names[] = {
	[DIST_EXPONENTIAL] = "exponential",
	[DIST_WEIBULL] = "weibull",
	[DIST_LOGNORMAL] = "lognormal",
	[DIST_GAMMA] = "gamma",
	[DIST_NORMAL] = "normal",
	[DIST_UNIFORM] = "uniform",
	[DIST_DETERMINISTIC] = "deterministic",
	[DIST_EMPIRICAL] = "empirical",
};

const char *dist_kind_name(enum dist_kind kind)
{
	return kind_names[kind];
}

int dist_kind_parse(const char *name, enum dist_kind *kind)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
		if (strcmp(name, kind_names[i]) == 0) {
			*kind = (enum dist_kind)i;
			return 0;
		}
	}
	return -1;
}

/* Every parameter check reads the same: the key it names and the value. */
static int bad(struct diag *d, const char *file, const char *path,
	       const char *key, const char *what, double got)
{
	char where[512];

	snprintf(where, sizeof where, "%s.%s", path, key);
	return diag_input(d, file, where, "must be %s, got %g", what, got);
}

static int positive(double v, struct diag *d, const char *file,
		    const char *path, const char *key)
{
	if (!isfinite(v) || v <= 0)
		return bad(d, file, path, key, "greater than 0", v);
	return 0;
}

static void set(struct dist *x, enum dist_kind kind, double a, double b, double mean)
{
	x->kind = kind;
	x->a = a;
	x->b = b;
	x->values = NULL;
	x->nvalues = 0;
	x->mean = mean;
}

int dist_set_exponential(struct dist *x, double mean,
			 struct diag *d, const char *file, const char *path)
{
	if (positive(mean, d, file, path, "mean"))
		return -1;
	set(x, DIST_EXPONENTIAL, mean, 0, mean);
	return 0;
}

int dist_set_weibull_scale(struct dist *x, double shape, double scale,
			   struct diag *d, const char *file, const char *path)
{
	if (positive(shape, d, file, path, "shape") ||
	    positive(scale, d, file, path, "scale"))
		return -1;
	set(x, DIST_WEIBULL, scale, shape, scale * exp(lgamma(1 + 1 / shape)));
	if (!isfinite(x->mean))
		return bad(d, file, path, "shape", "large enough for a finite mean", shape);
	return 0;
}

int dist_set_weibull_mean(struct dist *x, double shape, double mean,
			  struct diag *d, const char *file, const char *path)
{
	double g;

	if (positive(shape, d, file, path, "shape") ||
	    positive(mean, d, file, path, "mean"))
		return -1;
	/* lgamma, not gsl_sf_gamma: an overflow must not reach GSL's error
	 * handler, which aborts unless the caller switched it off. */
	g = exp(lgamma(1 + 1 / shape));
	if (!isfinite(g))
		return bad(d, file, path, "shape", "large enough for a finite mean", shape);
	set(x, DIST_WEIBULL, mean / g, shape, mean);
	return 0;
}

int dist_set_lognormal(struct dist *x, double mean, double sd,
		       struct diag *d, const char *file, const char *path)
{
	double cv, s2;

	if (positive(mean, d, file, path, "mean"))
		return -1;
	if (!isfinite(sd) || sd < 0)
		return bad(d, file, path, "sd", "0 or more", sd);
	cv = sd / mean;
	s2 = log1p(cv * cv);
	set(x, DIST_LOGNORMAL, log(mean) - s2 / 2, sqrt(s2), mean);
	return 0;
}

int dist_set_gamma(struct dist *x, double shape, double mean,
		   struct diag *d, const char *file, const char *path)
{
	if (positive(shape, d, file, path, "shape") ||
	    positive(mean, d, file, path, "mean"))
		return -1;
	set(x, DIST_GAMMA, shape, mean / shape, mean);
	return 0;
}

int dist_set_normal(struct dist *x, double mean, double sd,
		    struct diag *d, const char *file, const char *path)
{
	double alpha, tail;

	/* A non-positive mean would make the truncation at 0 reject most draws. */
	if (positive(mean, d, file, path, "mean"))
		return -1;
	if (!isfinite(sd) || sd < 0)
		return bad(d, file, path, "sd", "0 or more", sd);
	/* Mean of N(mu, sd) truncated to (0, inf): mu + sd * phi(a) / Q(a), a = -mu/sd. */
	if (sd == 0) {
		set(x, DIST_NORMAL, mean, 0, mean);
		return 0;
	}
	alpha = -mean / sd;
	tail = gsl_cdf_ugaussian_Q(alpha);
	set(x, DIST_NORMAL, mean, sd, mean + sd * gsl_ran_ugaussian_pdf(alpha) / tail);
	return 0;
}

int dist_set_uniform(struct dist *x, double min, double max,
		     struct diag *d, const char *file, const char *path)
{
	if (!isfinite(min) || min < 0)
		return bad(d, file, path, "min", "0 or more", min);
	if (positive(max, d, file, path, "max"))
		return -1;
	if (min > max) {
		char where[512];

		snprintf(where, sizeof where, "%s.min", path);
		return diag_input(d, file, where, "%g is larger than max (%g)", min, max);
	}
	set(x, DIST_UNIFORM, min, max, (min + max) / 2);
	return 0;
}

int dist_set_deterministic(struct dist *x, double value,
			   struct diag *d, const char *file, const char *path)
{
	if (positive(value, d, file, path, "value"))
		return -1;
	set(x, DIST_DETERMINISTIC, value, 0, value);
	return 0;
}

int dist_set_empirical(struct dist *x, const double *values, size_t n,
		       struct diag *d, const char *file, const char *path)
{
	double sum = 0;

	if (n == 0) {
		char where[512];

		snprintf(where, sizeof where, "%s.values", path);
		return diag_input(d, file, where, "is empty: give at least one observed duration");
	}
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(values[i]) || values[i] < 0) {
			char where[512];

			snprintf(where, sizeof where, "%s.values[%zu]", path, i);
			return diag_input(d, file, where, "must be 0 or more, got %g", values[i]);
		}
		sum += values[i];
	}
	if (sum <= 0) {
		char where[512];

		snprintf(where, sizeof where, "%s.values", path);
		return diag_input(d, file, where, "all values are 0: the mean must be greater than 0");
	}
	set(x, DIST_EMPIRICAL, 0, 0, sum / (double)n);
	x->values = malloc(n * sizeof *values);
	if (!x->values)
		return diag_runtime(d, "out of memory");
	memcpy(x->values, values, n * sizeof *values);
	x->nvalues = n;
	return 0;
}

void dist_release(struct dist *x)
{
	if (!x)
		return;
	free(x->values);
	x->values = NULL;
	x->nvalues = 0;
}

int dist_copy(struct dist *dst, const struct dist *src)
{
	*dst = *src;
	if (src->kind == DIST_EMPIRICAL) {
		dst->values = malloc(src->nvalues * sizeof *src->values);
		if (!dst->values)
			return -1;
		memcpy(dst->values, src->values, src->nvalues * sizeof *src->values);
	}
	return 0;
}

double dist_sample(const struct dist *x, gsl_rng *r)
{
	double v;

	switch (x->kind) {
	case DIST_EXPONENTIAL:
		return dist_exponential_at(x->a, gsl_rng_uniform(r));
	case DIST_WEIBULL:
		return gsl_ran_weibull(r, x->a, x->b);
	case DIST_LOGNORMAL:
		return gsl_ran_lognormal(r, x->a, x->b);
	case DIST_GAMMA:
		return gsl_ran_gamma(r, x->a, x->b);
	case DIST_NORMAL:
		/* The mean is positive, so at least half of the draws are kept. */
		do
			v = x->a + gsl_ran_gaussian_ziggurat(r, x->b);
		while (v <= 0);
		return v;
	case DIST_UNIFORM:
		return x->a + (x->b - x->a) * gsl_rng_uniform(r);
	case DIST_DETERMINISTIC:
		return x->a;
	case DIST_EMPIRICAL:
		return x->values[gsl_rng_uniform_int(r, x->nvalues)];
	}
	return x->a;
}

/* ---- the time left of a duration under way ---- */

/* An exponential draw of mean 1. */
static double unit_exponential(gsl_rng *r)
{
	return dist_exponential_at(1, gsl_rng_uniform(r));
}

/* A standard normal Z conditioned on Z > Z0, by inversion: the survival
 * u Q(z0) through Qinv in the upper half and the probability below
 * through Pinv in the lower, each where it is accurate.  Where Q(z0)
 * underflows, the tail's limit: z0 plus an exponential of rate z0. */
static double tail_ugaussian(double z0, gsl_rng *r)
{
	double q = gsl_cdf_ugaussian_Q(z0), u = gsl_rng_uniform_pos(r), z;

	if (q < DBL_MIN)
		return z0 + unit_exponential(r) / z0;
	if (u * q < 0.5)
		z = gsl_cdf_ugaussian_Qinv(u * q);
	else
		z = gsl_cdf_ugaussian_Pinv(gsl_cdf_ugaussian_P(z0) + (1 - u) * q);
	return z > z0 ? z : z0;
}

/* Weibull of scale L and shape K past AGE: (X / L)^K is an exponential
 * past (AGE / L)^K.  The difference is taken in the form that keeps its
 * digits: relative to AGE when the remainder is small. */
static double residual_weibull(double l, double k, double age, gsl_rng *r)
{
	double y0 = pow(age / l, k), e = unit_exponential(r), v;

	if (e < y0)
		return age * expm1(log1p(e / y0) / k);
	v = l * pow(y0 + e, 1 / k) - age;
	return v > 0 ? v : 0;
}

/* Gamma of shape A and scale B past AGE, in units of the scale: x0 +
 * an exponential of rate lam, kept with the ratio of the densities to
 * its peak (exact rejection; lam is the best rate for a shape >= 1, 1
 * below it, where the density only falls).  Below shape 1 and age 1 the
 * proposal fits badly: the law itself while the tail holds a quarter of
 * the mass, else the tail's inversion. */
static double residual_gamma(double a, double b, double age, gsl_rng *r)
{
	double x0 = age / b, lam = 1, peak = x0, top, x;

	if (a < 1 && x0 < 1) {
		double q = gsl_cdf_gamma_Q(x0, a, 1);

		if (q >= 0.25) {
			do
				x = gsl_ran_gamma(r, a, 1);
			while (x <= x0);
		} else {
			x = gsl_cdf_gamma_Qinv(gsl_rng_uniform_pos(r) * q, a, 1);
		}
		return x > x0 ? (x - x0) * b : 0;
	}
	if (a > 1) {
		lam = (x0 - a + sqrt((x0 - a) * (x0 - a) + 4 * x0)) / (2 * x0);
		if ((a - 1) / (1 - lam) > x0)
			peak = (a - 1) / (1 - lam);
	}
	top = (a - 1) * log(peak) - (1 - lam) * peak;
	do
		x = x0 + unit_exponential(r) / lam;
	while (log(gsl_rng_uniform_pos(r)) > (a - 1) * log(x) - (1 - lam) * x - top);
	return (x - x0) * b;
}

/* Empirical past AGE: a value >= AGE, each alike, less AGE; none left
 * means the duration falls due now. */
static double residual_empirical(const struct dist *x, double age, gsl_rng *r)
{
	size_t n = 0, k;

	for (size_t i = 0; i < x->nvalues; i++)
		n += x->values[i] >= age;
	if (n == 0)
		return 0;
	k = gsl_rng_uniform_int(r, n);
	for (size_t i = 0;; i++)
		if (x->values[i] >= age && k-- == 0)
			return x->values[i] - age;
}

double dist_sample_residual(const struct dist *x, double age, gsl_rng *r)
{
	double lo;

	if (!(age > 0))
		return dist_sample(x, r);
	switch (x->kind) {
	case DIST_EXPONENTIAL:
		return x->a * unit_exponential(r);
	case DIST_WEIBULL:
		return residual_weibull(x->a, x->b, age, r);
	case DIST_LOGNORMAL:
		if (x->b == 0)
			return exp(x->a) > age ? exp(x->a) - age : 0;
		lo = (log(age) - x->a) / x->b;
		return age * expm1(x->b * (tail_ugaussian(lo, r) - lo));
	case DIST_GAMMA:
		return residual_gamma(x->a, x->b, age, r);
	case DIST_NORMAL:
		if (x->b == 0)
			return x->a > age ? x->a - age : 0;
		lo = (age - x->a) / x->b;
		return x->b * (tail_ugaussian(lo, r) - lo);
	case DIST_UNIFORM:
		lo = age > x->a ? age : x->a;
		return lo < x->b ? lo + (x->b - lo) * gsl_rng_uniform(r) - age : 0;
	case DIST_DETERMINISTIC:
		return x->a > age ? x->a - age : 0;
	case DIST_EMPIRICAL:
		return residual_empirical(x, age, r);
	}
	return 0;
}
