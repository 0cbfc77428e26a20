/* fit.h - fitting failure and repair laws to observed durations (nines
 * fit): the observations read from a CSV file, right-censored rows
 * allowed; the maximum-likelihood fits of the exponential, Weibull,
 * lognormal and gamma laws with their standard errors and intervals; the
 * ranking by AIC and the Kolmogorov-Smirnov distance of each fit; and
 * the fits written as text, JSON, Markdown or CSV, with the topology
 * fragment ready to paste and a plot.
 *
 * Durations are hours, as everywhere in nines.  Library code: nothing
 * here prints or exits; errors fill a struct diag. */
#ifndef NINES_FIT_H
#define NINES_FIT_H

#include <stddef.h>
#include <stdio.h>

#include "report/report.h"
#include "util/diag.h"

/* The largest CSV file read, in bytes. */
#define FIT_MAX_BYTES (64u << 20)

/* The fewest uncensored observations that the two-parameter laws are
 * fitted to. */
#define FIT_MIN_FAILURES 3

/* Observed durations: the rows of the file in order. */
struct fit_data {
	double *t;              /* [n] hours, each > 0 */
	unsigned char *cens;    /* [n] 1: right-censored (still running at the end) */
	size_t n;
	size_t nfail;           /* rows not censored */
	double total;           /* the sum of t */
};

/* Read the CSV file FILE ("-": standard input) into X: a header row naming
 * the columns, "duration" required and "censored" optional (others are
 * ignored), then one observation a row.  Blank lines and lines starting
 * with '#' are skipped; fields may be double-quoted.  A duration is a
 * number of hours or a duration with a unit ("30m", "2d"), greater than
 * 0; censored is 0 or 1 (empty: 0).  Returns 0, or -1 with D filled:
 * DIAG_INPUT "FILE:LINE: message" for a bad row or header, "FILE:
 * message" for a file that holds too few observations to fit, or a
 * DIAG_RUNTIME out of memory.  Release X with fit_data_release. */
int fit_data_read(struct fit_data *x, const char *file, struct diag *d);

/* The same from TEXT, LEN bytes in memory (no NUL needed); FILE names it
 * in messages. */
int fit_data_parse(struct fit_data *x, const char *text, size_t len, const char *file,
		   struct diag *d);

/* Free what X holds and zero it; a zeroed X is fine. */
void fit_data_release(struct fit_data *x);

/* The laws fitted, in the order fits are computed. */
enum fit_law { FIT_EXPONENTIAL, FIT_WEIBULL, FIT_LOGNORMAL, FIT_GAMMA };
#define FIT_NLAWS 4

/* The law's name in topology files ("weibull"). */
const char *fit_law_name(enum fit_law law);

/* One parameter of a fit: its estimate, its standard error from the
 * observed information, and its interval at the fit's level (on the log
 * scale for a positive parameter, so that it stays positive; NAN when the
 * information matrix is not positive definite). */
struct fit_param {
	const char *name;       /* "shape", "scale", "mean", "mu", "sigma" */
	int duration;           /* hours (scale, mean) rather than a number */
	double est, se, lo, hi;
};

/* One law fitted to the data. */
struct fit_result {
	enum fit_law law;
	int npar;                   /* 1 or 2 */
	struct fit_param p[2];
	double loglik;              /* the maximised log-likelihood */
	double aic, delta_aic;      /* 2 npar - 2 loglik; its excess over the best */
	double mean;                /* the law's mean, hours */
	double mean_lo, mean_hi;    /* its interval (delta method, log scale) */
	double ks;                  /* Kolmogorov-Smirnov distance to the data's
	                               CDF (Kaplan-Meier with censoring) */
	double ks_p;                /* its asymptotic p-value; NAN with censoring */
	int converged;              /* the minimiser met its tolerance */
};

/* What kind of duration the data are: the key of the law in a component
 * type. */
enum fit_kind { FIT_FAILURE, FIT_REPAIR };

/* That key, "failure" or "repair", which the reports also use as a word. */
const char *fit_kind_name(enum fit_kind kind);

/* Every fit of one data set, best first. */
struct fit_report {
	const char *file;           /* the data file as named */
	const struct fit_data *data;
	enum fit_kind kind;
	double confidence;          /* level of the intervals, 0..1 */
	struct fit_result r[FIT_NLAWS];   /* ranked by AIC, the best first */
};

/* Fit every law to X by maximum likelihood with right censoring (the
 * exponential in closed form, total time over failures; the others with
 * GSL's simplex minimiser on the log of their parameters), with standard
 * errors from the numerical Hessian, intervals at CONFIDENCE, AIC and the
 * Kolmogorov-Smirnov distance; rank them into REP (FILE, X and KIND are
 * borrowed).  X must hold what fit_data_read accepts.  Returns 0, or -1
 * with D filled (DIAG_RUNTIME: out of memory). */
int fit_all(const struct fit_data *x, const char *file, enum fit_kind kind,
	    double confidence, struct fit_report *rep, struct diag *d);

/* The log-likelihood of X under LAW with the natural parameters P (as in
 * fit_result.p: exponential mean; Weibull shape, scale; lognormal mu,
 * sigma; gamma shape, scale), censored rows counted by their survival.
 * -INFINITY where P is out of range. */
double fit_loglik(enum fit_law law, const double *p, const struct fit_data *x);

/* LAW's distribution function at T hours with parameters P. */
double fit_cdf(enum fit_law law, const double *p, double t);

/* The Kaplan-Meier estimate of the CDF of X: the distinct uncensored
 * times in *TIMES and the estimate just after each in *CDF, *N of them;
 * both new arrays for the caller to free.  Without censoring it is the
 * empirical CDF.  Returns 0, or -1 (out of memory). */
int fit_km(const struct fit_data *x, double **times, double **cdf, size_t *n);

/* R's topology fragment for KIND: "failure": {"distribution": ...}, with
 * numbers in FMT ("%.17g", "%.6g"), to F.  It loads as a component type's
 * law. */
void fit_paste_print(FILE *f, enum fit_kind kind, const struct fit_result *r, const char *fmt);

/* REP in FMT to F (the text, Markdown and CSV tables or the JSON object
 * nines(1) documents).  Returns 0, or -1 when writing failed. */
int fit_write(FILE *f, enum report_format fmt, const struct fit_report *rep);

/* Draw REP as DIR/fit.png and DIR/fit.svg (TERMINALS as plot.h's) with
 * the template fit.gp from TEMPLATES (searched as plot_designs says when
 * NULL or ""): the data's CDF (Kaplan-Meier with censoring) as steps and
 * each fitted CDF as a line, on a log time axis.  Outputs are drawn in a
 * temporary directory in DIR (made if missing) and renamed into place.
 * Returns 0, or -1 with DIAG filled (DIAG_RUNTIME). */
int fit_plot(const struct fit_report *rep, const char *dir, const char *templates,
	     unsigned terminals, struct diag *diag);

#endif
