/* dist.h - the probability laws of failure and repair durations.
 *
 * A struct dist holds a law in the form sampling needs (for example a
 * lognormal's mu and sigma, not the mean and sd the user wrote), plus its
 * mean.  All durations are in hours.
 */
#ifndef NINES_DIST_H
#define NINES_DIST_H

#include <math.h>
#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "util/diag.h"

enum dist_kind {
	DIST_EXPONENTIAL,   /* a = mean */
	DIST_WEIBULL,       /* a = scale, b = shape */
	DIST_LOGNORMAL,     /* a = mu (log scale), b = sigma */
	DIST_GAMMA,         /* a = shape, b = scale */
	DIST_NORMAL,        /* a = mean, b = sd of the untruncated normal; truncated to > 0 */
	DIST_UNIFORM,       /* a = min, b = max */
	DIST_DETERMINISTIC, /* a = value */
	DIST_EMPIRICAL,     /* values[0..nvalues), sampled with replacement */
};

struct dist {
	enum dist_kind kind;
	double a, b;
	double *values;     /* owned, DIST_EMPIRICAL only */
	size_t nvalues;
	double mean;        /* the law's mean, set by the dist_set_* functions */
};

/* The name used in topology files ("exponential", "weibull", ...). */
const char *dist_kind_name(enum dist_kind kind);

/* Look a kind up by its file name.  Returns 0, or -1 for an unknown name. */
int dist_kind_parse(const char *name, enum dist_kind *kind);

/* Constructors.  Each checks its parameters and returns 0, or returns -1 and
 * fills d with an input error at PATH of FILE naming the offending key.  They
 * never allocate except dist_set_empirical, which copies VALUES. */
int dist_set_exponential(struct dist *x, double mean,
			 struct diag *d, const char *file, const char *path);
int dist_set_weibull_scale(struct dist *x, double shape, double scale,
			   struct diag *d, const char *file, const char *path);
int dist_set_weibull_mean(struct dist *x, double shape, double mean,
			  struct diag *d, const char *file, const char *path);
int dist_set_lognormal(struct dist *x, double mean, double sd,
		       struct diag *d, const char *file, const char *path);
int dist_set_gamma(struct dist *x, double shape, double mean,
		   struct diag *d, const char *file, const char *path);
int dist_set_normal(struct dist *x, double mean, double sd,
		    struct diag *d, const char *file, const char *path);
int dist_set_uniform(struct dist *x, double min, double max,
		     struct diag *d, const char *file, const char *path);
int dist_set_deterministic(struct dist *x, double value,
			   struct diag *d, const char *file, const char *path);
int dist_set_empirical(struct dist *x, const double *values, size_t n,
		       struct diag *d, const char *file, const char *path);

/* Free what a dist owns (the empirical values); x itself is the caller's. */
void dist_release(struct dist *x);

/* Copy SRC into DST, duplicating owned memory.  Returns 0 or -1 (no memory). */
int dist_copy(struct dist *dst, const struct dist *src);

/* One draw, in hours, always >= 0.  Never allocates. */
double dist_sample(const struct dist *x, gsl_rng *r);

/* The exponential of mean MEAN that the uniform U in [0, 1) gives by
 * inversion: every exponential draw goes through here.  U is a multiple
 * of 2^-32, so 1 - U is exact and lies in (0, 1], and log(1 - U) is as
 * accurate as log1p(-U) at half its cost. */
static inline double dist_exponential_at(double mean, double u)
{
	return -mean * log(1.0 - u);
}

/* One draw of the time left, X - AGE, of a duration X of law x known to
 * have lasted AGE hours already: X drawn from its law conditioned on
 * X > AGE (X >= AGE for the laws with atoms, deterministic and empirical,
 * whose pending value may fall due exactly now).  In hours, always >= 0;
 * AGE <= 0 is an unconditional draw.  Exponential: memoryless; Weibull: in
 * closed form; lognormal, gamma and normal: by inversion of the tail
 * (GSL's P and Q and their inverses), so a draw costs more than
 * dist_sample; uniform; deterministic: the fixed remainder; empirical: the
 * bootstrap among the values >= AGE.  An age so far in the tail that the
 * law's survival underflows (beyond about 37 standard deviations) uses the
 * tail's exponential limit instead.  Never allocates. */
double dist_sample_residual(const struct dist *x, double age, gsl_rng *r);

#endif
