/* fit.c - the maximum-likelihood fits of nines fit: the exponential in
 * closed form, the two-parameter laws with GSL's Nelder-Mead simplex on
 * the log of their positive parameters (restarted where it stopped until
 * a restart gains nothing, as simplex methods can stall), then for each
 * the observed information (the negated Hessian of the log-likelihood,
 * by central differences) for standard errors, Wald intervals on the log
 * scale, the mean's interval by the delta method, AIC, and the ranking. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_multimin.h>

#include "fit/fit_impl.h"

/* The simplex stops when its size (in log-parameter units) is below
 * this, after at most SIMPLEX_ITER steps; restarts at most RESTARTS.
 * The log-likelihood is flat to rounding within about the square root
 * of DBL_EPSILON of its maximum, so a size much below 1e-8 is never
 * reached; 1e-7 is far inside any standard error. */
#define SIMPLEX_SIZE 1e-7
#define SIMPLEX_ITER 5000
#define RESTARTS 5
/* The relative step of the central differences. */
#define HESS_STEP 1e-4

/* What the simplex minimises: the negated log-likelihood of X under LAW
 * at exp(v) (the lognormal's mu as it is). */
struct problem {
	enum fit_law law;
	const struct fit_data *x;
};

static void natural(enum fit_law law, const gsl_vector *v, double *p)
{
	p[0] = law == FIT_LOGNORMAL ? gsl_vector_get(v, 0) : exp(gsl_vector_get(v, 0));
	p[1] = exp(gsl_vector_get(v, 1));
}

static double objective(const gsl_vector *v, void *arg)
{
	const struct problem *P = arg;
	double p[2], l;

	natural(P->law, v, p);
	l = fit_loglik(P->law, p, P->x);
	/* a huge finite value keeps the simplex away from invalid points */
	return isfinite(l) ? -l : 1e300;
}

/* LAW's maximum on X from the start P, into P.  Returns 1 when the simplex
 * met its tolerance, 0 when it did not, -1 out of memory. */
static int minimise(enum fit_law law, const struct fit_data *x, double *p)
{
	struct problem P = { law, x };
	gsl_multimin_function fn = { objective, 2, &P };
	gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
	gsl_vector *v = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
	double last = INFINITY;
	int converged = 0;

	if (!s || !v || !step) {
		converged = -1;
		goto done;
	}
	for (int r = 0; r <= RESTARTS; r++) {
		int it = 0;

		gsl_vector_set(v, 0, law == FIT_LOGNORMAL ? p[0] : log(p[0]));
		gsl_vector_set(v, 1, log(p[1]));
		gsl_vector_set_all(step, r ? 0.01 : 0.2);
		if (law == FIT_LOGNORMAL)
			gsl_vector_set(step, 0, (r ? 0.01 : 0.2) * fmax(1, fabs(p[0])));
		gsl_multimin_fminimizer_set(s, &fn, v, step);
		converged = 0;
		while (it++ < SIMPLEX_ITER && gsl_multimin_fminimizer_iterate(s) == GSL_SUCCESS)
			if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), SIMPLEX_SIZE) == GSL_SUCCESS) {
				converged = 1;
				break;
			}
		natural(law, gsl_multimin_fminimizer_x(s), p);
		if (converged && last - s->fval <= 1e-12 * fabs(s->fval))
			break;
		last = s->fval;
	}
done:
	gsl_multimin_fminimizer_free(s);
	gsl_vector_free(v);
	gsl_vector_free(step);
	return converged;
}

/* The Hessian of the log-likelihood at P by central differences, into H
 * (row-major 2x2). */
static void hessian(enum fit_law law, const double *p, const struct fit_data *x, double *h)
{
	double e[2], f0 = fit_loglik(law, p, x);

	for (int i = 0; i < 2; i++)
		e[i] = HESS_STEP * fmax(fabs(p[i]), law == FIT_LOGNORMAL && i == 0 ? 1 : 0);
	for (int i = 0; i < 2; i++) {
		double q[2] = { p[0], p[1] }, up, down;

		q[i] = p[i] + e[i];
		up = fit_loglik(law, q, x);
		q[i] = p[i] - e[i];
		down = fit_loglik(law, q, x);
		h[3 * i] = (up - 2 * f0 + down) / (e[i] * e[i]);
	}
	{
		double q[2], s[4];
		int k = 0;

		for (int a = 1; a >= -1; a -= 2)
			for (int b = 1; b >= -1; b -= 2) {
				q[0] = p[0] + a * e[0];
				q[1] = p[1] + b * e[1];
				s[k++] = fit_loglik(law, q, x);
			}
		h[1] = h[2] = (s[0] - s[1] - s[2] + s[3]) / (4 * e[0] * e[1]);
	}
}

/* R's parameter names and estimates P, their covariance C (row-major
 * 2x2; NANs when unknown), the intervals at Z standard errors. */
static void intervals(struct fit_result *r, const double *p, const double *c, double z)
{
	static const char *const names[FIT_NLAWS][2] = {
		{ "mean", NULL }, { "shape", "scale" }, { "mu", "sigma" }, { "shape", "scale" },
	};
	double g[2], var = 0;

	for (int i = 0; i < r->npar; i++) {
		struct fit_param *q = &r->p[i];

		q->name = names[r->law][i];
		q->duration = strcmp(q->name, "mean") == 0 || strcmp(q->name, "scale") == 0;
		q->est = p[i];
		q->se = sqrt(c[3 * i]);
		if (r->law == FIT_LOGNORMAL && i == 0) {
			q->lo = p[i] - z * q->se;
			q->hi = p[i] + z * q->se;
		} else {
			q->lo = p[i] * exp(-z * q->se / p[i]);
			q->hi = p[i] * exp(z * q->se / p[i]);
		}
	}
	r->mean = fit_law_mean(r->law, p, g);
	for (int i = 0; i < r->npar; i++)
		for (int j = 0; j < r->npar; j++)
			var += g[i] * c[2 * i + j] * g[j];
	r->mean_lo = r->mean * exp(-z * sqrt(var));
	r->mean_hi = r->mean * exp(z * sqrt(var));
}

/* Fit LAW to X into R.  Returns 0 or -1 (out of memory). */
static int fit_one(enum fit_law law, const struct fit_data *x, double z, struct fit_result *r)
{
	double p[2], c[4] = { NAN, NAN, NAN, NAN }, h[4];

	memset(r, 0, sizeof *r);
	r->law = law;
	r->npar = law == FIT_EXPONENTIAL ? 1 : 2;
	fit_law_start(law, x, p);
	if (law == FIT_EXPONENTIAL) {
		/* d2l/dmean2 at the maximum is -failures / mean^2 */
		c[0] = p[0] * p[0] / (double)x->nfail;
		r->converged = 1;
	} else {
		r->converged = minimise(law, x, p);
		if (r->converged < 0)
			return -1;
		hessian(law, p, x, h);
		double det = h[0] * h[3] - h[1] * h[2];

		/* the covariance is the inverse of -H, when -H is positive definite */
		if (h[0] < 0 && det > 0) {
			c[0] = -h[3] / det;
			c[3] = -h[0] / det;
			c[1] = c[2] = h[1] / det;
		}
	}
	r->loglik = fit_loglik(law, p, x);
	r->aic = 2 * r->npar - 2 * r->loglik;
	intervals(r, p, c, z);
	return fit_gof(law, p, x, &r->ks, &r->ks_p);
}

/* qsort's order of fits: by AIC, a fit without one last, then by law. */
static int by_aic(const void *a, const void *b)
{
	const struct fit_result *x = a, *y = b;
	int fx = isfinite(x->aic), fy = isfinite(y->aic);

	if (fx != fy)
		return fy - fx;
	if (fx && x->aic != y->aic)
		return x->aic < y->aic ? -1 : 1;
	return (int)x->law - (int)y->law;
}

int fit_all(const struct fit_data *x, const char *file, enum fit_kind kind,
	    double confidence, struct fit_report *rep, struct diag *d)
{
	double z = gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2);

	memset(rep, 0, sizeof *rep);
	rep->file = file;
	rep->data = x;
	rep->kind = kind;
	rep->confidence = confidence;
	for (int k = 0; k < FIT_NLAWS; k++)
		if (fit_one((enum fit_law)k, x, z, &rep->r[k]))
			return diag_runtime(d, "out of memory");
	qsort(rep->r, FIT_NLAWS, sizeof rep->r[0], by_aic);
	for (int k = 0; k < FIT_NLAWS; k++)
		rep->r[k].delta_aic = rep->r[k].aic - rep->r[0].aic;
	return 0;
}
