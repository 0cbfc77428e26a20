/* stats.c - running moments and Student-t confidence intervals.  Welford's
 * update keeps the spread of availabilities like 0.99999 exact where a sum
 * of squares would cancel away.  For what a few events tell, the exact
 * intervals of counts (Poisson, Garwood) and of sums of lengths (gamma). */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "engine/stats.h"

void moments_init(struct moments *m)
{
	m->n = m->mx = m->my = m->sxx = m->syy = m->sxy = m->nzx = 0;
}

void moments_add(struct moments *m, double x, double y)
{
	double dx, dy;

	m->n += 1;
	if (x > 0)
		m->nzx += 1;
	dx = x - m->mx;
	dy = y - m->my;
	m->mx += dx / m->n;
	m->my += dy / m->n;
	m->sxx += dx * (x - m->mx);
	m->syy += dy * (y - m->my);
	m->sxy += dx * (y - m->my);
}

void moments_add_zeros(struct moments *m, double k)
{
	struct moments z = { .n = k };

	moments_merge(m, &z);
}

void moments_merge(struct moments *a, const struct moments *b)
{
	double n, dx, dy, w;

	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	n = a->n + b->n;
	dx = b->mx - a->mx;
	dy = b->my - a->my;
	w = a->n * b->n / n;
	a->sxx += b->sxx + dx * dx * w;
	a->syy += b->syy + dy * dy * w;
	a->sxy += b->sxy + dx * dy * w;
	a->nzx += b->nzx;
	a->mx += dx * b->n / n;
	a->my += dy * b->n / n;
	a->n = n;
}

double stats_t_quantile(double n, double conf)
{
	if (n < 2)
		return 0;
	return gsl_cdf_tdist_Pinv((1 + conf) / 2, n - 1);
}

struct estimate stats_poisson(double k, double conf)
{
	double a = 1 - conf;
	struct estimate e = { k, 0, 0, sqrt(k) };

	/* chi2 quantiles on 2K and 2K + 2 degrees of freedom: the gamma
	 * quantiles of shape K and K + 1, halved */
	e.ci_low = k > 0 ? gsl_cdf_chisq_Pinv(a / 2, 2 * k) / 2 : 0;
	e.ci_high = gsl_cdf_chisq_Pinv(1 - a / 2, 2 * k + 2) / 2;
	return e;
}

void stats_gamma_mean(double k, double cv2, double conf, double *lo, double *hi)
{
	double a = 1 - conf, nu = 2 * k / cv2;

	/* 2 S / (mu CV2) is chi2 on NU degrees of freedom for a gamma sum S */
	*lo = nu / gsl_cdf_chisq_Pinv(1 - a / 2, nu);
	*hi = nu / gsl_cdf_chisq_Pinv(a / 2, nu);
}

static struct estimate interval(double mean, double var, double n, double conf)
{
	struct estimate e;
	double se = n >= 2 && var > 0 ? sqrt(var / n) : 0;
	double h = stats_t_quantile(n, conf) * se;

	e.mean = mean;
	e.stderr_ = se;
	e.ci_low = mean - h;
	e.ci_high = mean + h;
	return e;
}

struct estimate moments_x(const struct moments *m, double conf)
{
	return interval(m->mx, m->n >= 2 ? m->sxx / (m->n - 1) : 0, m->n, conf);
}

struct estimate moments_y(const struct moments *m, double conf)
{
	return interval(m->my, m->n >= 2 ? m->syy / (m->n - 1) : 0, m->n, conf);
}

struct estimate moments_ratio(const struct moments *m, double scale, double conf)
{
	struct estimate e;
	double r, var;

	if (!(m->my > 0)) {
		e.mean = e.ci_low = e.ci_high = e.stderr_ = NAN;
		return e;
	}
	r = m->mx / m->my;
	/* Var(x - r y) / my^2 is the delta-method variance of the ratio. */
	var = m->n >= 2 ? (m->sxx - 2 * r * m->sxy + r * r * m->syy) / (m->n - 1) : 0;
	e = interval(r, var / (m->my * m->my), m->n, conf);
	return stats_scale(e, scale);
}

struct estimate stats_scale(struct estimate e, double k)
{
	e.mean *= k;
	e.ci_low *= k;
	e.ci_high *= k;
	e.stderr_ *= k;
	return e;
}

struct estimate stats_clip(struct estimate e, double lo, double hi)
{
	if (e.ci_low < lo)
		e.ci_low = lo;
	if (e.ci_high > hi)
		e.ci_high = hi;
	return e;
}

struct estimate stats_complement(struct estimate e)
{
	struct estimate c = { 1 - e.mean, 1 - e.ci_high, 1 - e.ci_low, e.stderr_ };

	return c;
}
