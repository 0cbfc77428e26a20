/* fit_law.c - the four laws as the fits see them: each one's
 * log-likelihood with right censoring (a censored row counts by its
 * survival, an observed one by its density), its distribution function,
 * its mean and the gradient of the mean's logarithm (for the mean's
 * interval), and where its search starts.  Parameters are the natural
 * ones of fit.h: exponential mean; Weibull shape, scale; lognormal mu,
 * sigma; gamma shape, scale. */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "fit/fit.h"
#include "fit/fit_impl.h"

const char *fit_law_name(enum fit_law law)
{
	static const char *const names[FIT_NLAWS] = {
		"exponential", "weibull", "lognormal", "gamma",
	};

	return names[law];
}

const char *fit_kind_name(enum fit_kind kind)
{
	return kind == FIT_REPAIR ? "repair" : "failure";
}

/* log Q(k, x), the gamma law's log survival at x scale units, also where
 * Q underflows (then from the leading term of its asymptotic series). */
static double gamma_log_sf(double k, double x)
{
	gsl_sf_result q;

	if (gsl_sf_gamma_inc_Q_e(k, x, &q) == GSL_SUCCESS && q.val > 0)
		return log(q.val);
	return (k - 1) * log(x) - x - lgamma(k);
}

/* The log-density (CENS 0) or log-survival (CENS 1) at T. */
static double law_log(enum fit_law law, const double *p, double t, int cens)
{
	double z, w;

	switch (law) {
	case FIT_EXPONENTIAL:
		return cens ? -t / p[0] : -log(p[0]) - t / p[0];
	case FIT_WEIBULL:
		z = pow(t / p[1], p[0]);
		return cens ? -z : log(p[0] / p[1]) + (p[0] - 1) * log(t / p[1]) - z;
	case FIT_LOGNORMAL:
		w = (log(t) - p[0]) / p[1];
		if (cens)
			return gsl_sf_log_erfc(w / M_SQRT2) - M_LN2;
		return -log(t * p[1]) - 0.5 * log(2 * M_PI) - 0.5 * w * w;
	default: /* FIT_GAMMA */
		if (cens)
			return gamma_log_sf(p[0], t / p[1]);
		return -lgamma(p[0]) - p[0] * log(p[1]) + (p[0] - 1) * log(t) - t / p[1];
	}
}

double fit_loglik(enum fit_law law, const double *p, const struct fit_data *x)
{
	double s = 0;
	int npar = law == FIT_EXPONENTIAL ? 1 : 2;

	for (int i = 0; i < npar; i++)
		if (!(p[i] > 0 && isfinite(p[i])) && !(law == FIT_LOGNORMAL && i == 0 && isfinite(p[i])))
			return -INFINITY;
	for (size_t i = 0; i < x->n; i++)
		s += law_log(law, p, x->t[i], x->cens[i]);
	return isnan(s) ? -INFINITY : s;
}

double fit_cdf(enum fit_law law, const double *p, double t)
{
	switch (law) {
	case FIT_EXPONENTIAL:
		return -expm1(-t / p[0]);
	case FIT_WEIBULL:
		return -expm1(-pow(t / p[1], p[0]));
	case FIT_LOGNORMAL:
		return gsl_cdf_lognormal_P(t, p[0], p[1]);
	default: /* FIT_GAMMA */
		return gsl_cdf_gamma_P(t, p[0], p[1]);
	}
}

double fit_law_mean(enum fit_law law, const double *p, double *grad)
{
	switch (law) {
	case FIT_EXPONENTIAL:
		grad[0] = 1 / p[0];
		return p[0];
	case FIT_WEIBULL:
		/* log mean = log scale + lgamma(1 + 1/shape) */
		grad[0] = -gsl_sf_psi(1 + 1 / p[0]) / (p[0] * p[0]);
		grad[1] = 1 / p[1];
		return p[1] * exp(lgamma(1 + 1 / p[0]));
	case FIT_LOGNORMAL:
		grad[0] = 1;
		grad[1] = p[1];
		return exp(p[0] + 0.5 * p[1] * p[1]);
	default: /* FIT_GAMMA */
		grad[0] = 1 / p[0];
		grad[1] = 1 / p[1];
		return p[0] * p[1];
	}
}

/* The mean and coefficient of variation of the uncensored durations. */
static void moments(const struct fit_data *x, double *mean, double *cv)
{
	double s = 0, ss = 0, m;

	for (size_t i = 0; i < x->n; i++)
		if (!x->cens[i])
			s += x->t[i];
	m = s / (double)x->nfail;
	for (size_t i = 0; i < x->n; i++)
		if (!x->cens[i])
			ss += (x->t[i] - m) * (x->t[i] - m);
	*mean = m;
	*cv = sqrt(ss / (double)x->nfail) / m;
}

void fit_law_start(enum fit_law law, const struct fit_data *x, double *p)
{
	/* censoring hides the long durations: the exponential's estimate
	 * (total time over failures) counts them, the sample mean does not */
	double m = x->total / (double)x->nfail, sm, cv, s = 0, ss = 0;

	moments(x, &sm, &cv);
	if (!(cv > 0.05))
		cv = 0.05;
	switch (law) {
	case FIT_EXPONENTIAL:
		p[0] = m;
		break;
	case FIT_WEIBULL:
		p[0] = fmin(fmax(pow(cv, -1.086), 0.05), 50);
		p[1] = m / exp(lgamma(1 + 1 / p[0]));
		break;
	case FIT_LOGNORMAL:
		for (size_t i = 0; i < x->n; i++)
			if (!x->cens[i])
				s += log(x->t[i]);
		s /= (double)x->nfail;
		for (size_t i = 0; i < x->n; i++)
			if (!x->cens[i])
				ss += (log(x->t[i]) - s) * (log(x->t[i]) - s);
		p[0] = s;
		p[1] = fmax(sqrt(ss / (double)x->nfail), 1e-3);
		break;
	default: /* FIT_GAMMA */
		p[0] = fmin(fmax(1 / (cv * cv), 0.02), 400);
		p[1] = m / p[0];
		break;
	}
}
