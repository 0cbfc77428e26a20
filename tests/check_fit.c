/* check_fit.c - tests of nines fit's library (src/fit/): exact values
 * where closed forms exist (the exponential's estimate and standard error
 * with and without censoring, the lognormal's without, the Weibull's
 * likelihood equation, Kaplan-Meier by hand, the KS distance by brute
 * force), nested laws (Weibull and gamma of shape 1 are the exponential),
 * fixed-seed samples of each law whose true parameters lie in the fitted
 * intervals, the fragment to paste loaded by nines' own loader, and every
 * error of the CSV reader with its exact message. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "fit/fit.h"
#include "model/topology.h"
#include "suites.h"

#define FIXTURE(name) TEST_DATA "/fit/" name

/* X made from N durations T, C[i] 1 for a censored one (C NULL: none). */
static void data_make(struct fit_data *x, const double *t, const int *c, size_t n)
{
	memset(x, 0, sizeof *x);
	x->t = malloc(n * sizeof *x->t);
	x->cens = malloc(n);
	ck_assert(x->t && x->cens);
	for (size_t i = 0; i < n; i++) {
		x->t[i] = t[i];
		x->cens[i] = c ? (unsigned char)c[i] : 0;
		x->nfail += !x->cens[i];
		x->total += t[i];
	}
	x->n = n;
}

/* The fit of LAW in REP. */
static const struct fit_result *find(const struct fit_report *rep, enum fit_law law)
{
	for (int k = 0; k < FIT_NLAWS; k++)
		if (rep->r[k].law == law)
			return &rep->r[k];
	ck_abort_msg("no fit of %s", fit_law_name(law));
	return NULL;
}

static void fit_ok(const struct fit_data *x, double level, struct fit_report *rep)
{
	struct diag d;

	diag_init(&d);
	gsl_set_error_handler_off();
	ck_assert_msg(fit_all(x, "test", FIT_FAILURE, level, rep, &d) == 0, "%s", diag_text(&d));
}

START_TEST(test_exponential_exact)
{
	static const double t[] = { 1, 2, 3, 4, 10 };
	static const int c[] = { 0, 0, 1, 0, 1 };
	struct fit_data x;
	struct fit_report rep;
	const struct fit_result *r;

	/* uncensored: the mean of the durations, stderr mean / sqrt(n) */
	data_make(&x, t, NULL, 5);
	fit_ok(&x, 0.95, &rep);
	r = find(&rep, FIT_EXPONENTIAL);
	ck_assert_double_eq_tol(r->p[0].est, 4, 1e-15);
	ck_assert_double_eq_tol(r->p[0].se, 4 / sqrt(5), 1e-15);
	ck_assert_double_eq_tol(r->loglik, -5 * log(4) - 5, 1e-12);
	ck_assert_double_eq_tol(r->aic, 2 + 10 * log(4) + 10, 1e-12);
	ck_assert_double_eq_tol(r->mean, 4, 1e-15);
	/* the log-scale Wald interval at 1.959964 stderrs */
	ck_assert_double_eq_tol(r->mean_lo, 4 * exp(-1.959963984540054 / sqrt(5)), 1e-12);
	ck_assert_double_eq_tol(r->mean_hi, 4 * exp(1.959963984540054 / sqrt(5)), 1e-12);
	ck_assert(isfinite(r->ks_p));
	fit_data_release(&x);
	/* censored: total time over failures, stderr mean / sqrt(failures) */
	data_make(&x, t, c, 5);
	fit_ok(&x, 0.9, &rep);
	r = find(&rep, FIT_EXPONENTIAL);
	ck_assert_double_eq_tol(r->p[0].est, 20.0 / 3, 1e-14);
	ck_assert_double_eq_tol(r->p[0].se, 20.0 / 3 / sqrt(3), 1e-14);
	ck_assert_double_eq_tol(r->loglik, -3 * log(20.0 / 3) - 3, 1e-12);
	ck_assert_double_eq_tol(r->p[0].hi, 20.0 / 3 * exp(1.6448536269514722 / sqrt(3)), 1e-12);
	ck_assert(isnan(r->ks_p));
	fit_data_release(&x);
}
END_TEST

START_TEST(test_shape_one_is_exponential)
{
	static const double t[] = { 0.5, 2, 3.5, 4, 7, 11, 12, 30 };
	static const int c[] = { 0, 1, 0, 0, 1, 0, 1, 0 };
	struct fit_data x;
	struct fit_report rep;
	double theta = 13.7, e[1] = { theta }, w[2] = { 1, theta }, g[2] = { 1, theta };

	data_make(&x, t, c, 8);
	ck_assert_double_eq_tol(fit_loglik(FIT_WEIBULL, w, &x), fit_loglik(FIT_EXPONENTIAL, e, &x), 1e-12);
	ck_assert_double_eq_tol(fit_loglik(FIT_GAMMA, g, &x), fit_loglik(FIT_EXPONENTIAL, e, &x), 1e-10);
	for (double s = 1; s < 60; s *= 1.7)
		ck_assert_double_eq_tol(fit_cdf(FIT_WEIBULL, w, s), fit_cdf(FIT_EXPONENTIAL, e, s), 1e-15);
	/* the exponential is nested in both: their maxima are no lower */
	fit_ok(&x, 0.95, &rep);
	ck_assert(find(&rep, FIT_WEIBULL)->loglik >= find(&rep, FIT_EXPONENTIAL)->loglik - 1e-9);
	ck_assert(find(&rep, FIT_GAMMA)->loglik >= find(&rep, FIT_EXPONENTIAL)->loglik - 1e-9);
	fit_data_release(&x);
}
END_TEST

START_TEST(test_closed_forms)
{
	static const double t[] = { 0.7, 1.3, 2.2, 2.9, 4.1, 5.5, 8.0, 13.0, 21.0, 40.0 };
	double m = 0, v = 0, k, a = 0, b = 0, l = 0;
	struct fit_data x;
	struct fit_report rep;
	const struct fit_result *r;

	data_make(&x, t, NULL, 10);
	fit_ok(&x, 0.95, &rep);
	/* lognormal: the mean and sd (divisor n) of the logs, stderrs
	 * sigma / sqrt(n) and sigma / sqrt(2n) */
	for (int i = 0; i < 10; i++)
		m += log(t[i]) / 10;
	for (int i = 0; i < 10; i++)
		v += (log(t[i]) - m) * (log(t[i]) - m) / 10;
	r = find(&rep, FIT_LOGNORMAL);
	ck_assert_double_eq_tol(r->p[0].est, m, 1e-6);
	ck_assert_double_eq_tol(r->p[1].est, sqrt(v), 1e-6);
	ck_assert_double_eq_tol(r->p[0].se, sqrt(v / 10), 1e-4 * sqrt(v / 10));
	ck_assert_double_eq_tol(r->p[1].se, sqrt(v / 20), 1e-4 * sqrt(v / 20));
	ck_assert_double_eq_tol(r->mean, exp(m + v / 2), 1e-5 * exp(m + v / 2));
	/* Weibull: the shape solves sum t^k ln t / sum t^k - 1/k = mean ln t,
	 * and scale^k = mean t^k */
	r = find(&rep, FIT_WEIBULL);
	k = r->p[0].est;
	for (int i = 0; i < 10; i++) {
		a += pow(t[i], k) * log(t[i]);
		b += pow(t[i], k);
		l += log(t[i]) / 10;
	}
	ck_assert_double_eq_tol(a / b - 1 / k, l, 1e-6);
	ck_assert_double_eq_tol(r->p[1].est, pow(b / 10, 1 / k), 1e-6 * r->p[1].est);
	for (int j = 0; j < FIT_NLAWS; j++)
		ck_assert_msg(rep.r[j].converged, "%s", fit_law_name(rep.r[j].law));
	fit_data_release(&x);
}
END_TEST

START_TEST(test_km_and_ks)
{
	static const double t[] = { 5, 1, 4, 3, 2 };
	static const int c[] = { 0, 0, 1, 0, 1 };
	double *times, *cdf, p[1] = { 3 }, d = 0;
	size_t n;
	struct fit_data x;
	struct fit_report rep;

	/* Kaplan-Meier by hand: 1 of 5 at risk fails, then 1 of 3, then 1 of 1 */
	data_make(&x, t, c, 5);
	ck_assert_int_eq(fit_km(&x, &times, &cdf, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_double_eq(times[0], 1);
	ck_assert_double_eq(times[1], 3);
	ck_assert_double_eq(times[2], 5);
	ck_assert_double_eq_tol(cdf[0], 0.2, 1e-15);
	ck_assert_double_eq_tol(cdf[1], 1 - 0.8 * 2 / 3.0, 1e-15);
	ck_assert_double_eq_tol(cdf[2], 1, 1e-15);
	free(times);
	free(cdf);
	fit_data_release(&x);
	/* uncensored: the KS distance of the exponential fit, by brute force
	 * over the sorted sample (i-1)/n and i/n around each point */
	data_make(&x, (const double[]){ 1, 2, 3, 4, 5 }, NULL, 5);
	fit_ok(&x, 0.95, &rep);
	for (int i = 0; i < 5; i++) {
		double f = fit_cdf(FIT_EXPONENTIAL, p, i + 1.0);

		d = fmax(d, fmax(f - i / 5.0, (i + 1) / 5.0 - f));
	}
	ck_assert_double_eq_tol(find(&rep, FIT_EXPONENTIAL)->ks, d, 1e-15);
	fit_data_release(&x);
}
END_TEST

/* N draws of LAW with parameters P and mean MEAN (GSL's generators);
 * when CENSOR, the last third of them censored at a time drawn
 * uniformly from 0 to 3 MEAN, independently of the duration. */
static void sample(struct fit_data *x, enum fit_law law, const double *p, double mean, size_t n,
		   int censor, unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *t = malloc(n * sizeof *t);
	int *c = calloc(n, sizeof *c);

	ck_assert(r && t && c);
	gsl_rng_set(r, seed);
	for (size_t i = 0; i < n; i++) {
		double v = law == FIT_EXPONENTIAL ? gsl_ran_exponential(r, p[0]) :
			   law == FIT_WEIBULL ? gsl_ran_weibull(r, p[1], p[0]) :
			   law == FIT_LOGNORMAL ? gsl_ran_lognormal(r, p[0], p[1]) :
			   gsl_ran_gamma(r, p[0], p[1]);
		double cut = gsl_ran_flat(r, 0, 3 * mean);

		if (censor && 3 * i >= 2 * n && cut < v) {
			v = cut;
			c[i] = 1;
		}
		t[i] = v;
	}
	data_make(x, t, c, n);
	gsl_rng_free(r);
	free(t);
	free(c);
}

static const struct {
	enum fit_law law;
	double p[2];
	double mean;
	int censor;
} truth[] = {
	{ FIT_EXPONENTIAL, { 5000, 0 }, 5000, 1 },
	{ FIT_WEIBULL, { 1.6, 4000 }, 0, 0 },
	{ FIT_WEIBULL, { 0.7, 300 }, 0, 1 },
	{ FIT_LOGNORMAL, { 0.8, 1.1 }, 0, 0 },
	{ FIT_LOGNORMAL, { 1.5, 0.5 }, 0, 1 },
	{ FIT_GAMMA, { 2.5, 40 }, 100, 0 },
	{ FIT_GAMMA, { 0.6, 10 }, 6, 1 },
};

/* Samples per law: each fit's 95% intervals must hold the true value in
 * at least COVER_MIN of them.  With intervals that are right, 19 of 20 on
 * average, fewer than 15 happens with probability 0.003. */
#define COVER_SAMPLES 20
#define COVER_MIN 15

START_TEST(test_true_in_interval)
{
	struct fit_data x;
	struct fit_report rep;
	const struct fit_result *r;
	double mean = truth[_i].mean;
	int cover[3] = { 0, 0, 0 }, best = 0;

	if (truth[_i].law == FIT_WEIBULL)
		mean = truth[_i].p[1] * tgamma(1 + 1 / truth[_i].p[0]);
	else if (truth[_i].law == FIT_LOGNORMAL)
		mean = exp(truth[_i].p[0] + truth[_i].p[1] * truth[_i].p[1] / 2);
	for (int s = 0; s < COVER_SAMPLES; s++) {
		sample(&x, truth[_i].law, truth[_i].p, mean, 400, truth[_i].censor,
		       1000 * (unsigned long)_i + (unsigned long)s + 1);
		fit_ok(&x, 0.95, &rep);
		r = find(&rep, truth[_i].law);
		ck_assert(r->converged);
		for (int j = 0; j < r->npar; j++)
			cover[j] += r->p[j].lo < truth[_i].p[j] && truth[_i].p[j] < r->p[j].hi;
		cover[2] += r->mean_lo < mean && mean < r->mean_hi;
		best += r == &rep.r[0];
		fit_data_release(&x);
	}
	for (int j = 0; j < 3; j++)
		ck_assert_msg(cover[j] >= COVER_MIN || (j == 1 && r->npar == 1),
			      "%s: %s in %d of %d intervals", fit_law_name(r->law),
			      j < 2 ? r->p[j].name : "mean", cover[j], COVER_SAMPLES);
	/* the true law ranks first by AIC in most samples */
	ck_assert_msg(2 * best > COVER_SAMPLES || truth[_i].law == FIT_EXPONENTIAL,
		      "%s first in %d of %d", fit_law_name(r->law), best, COVER_SAMPLES);
	printf("fit %s%s: parameters in %d, %d and mean in %d of %d intervals, first by AIC %d times\n",
	       fit_law_name(r->law), truth[_i].censor ? " (censored)" : "", cover[0], cover[1],
	       cover[2], COVER_SAMPLES, best);
}
END_TEST

/* The fragment of R for the failure law, loaded by nines' own loader:
 * its law is R's. */
static void paste_load(const struct fit_result *r)
{
	char frag[512], text[1024];
	FILE *f = fmemopen(frag, sizeof frag, "w");
	struct topology *t;
	struct diag d;
	const struct dist *law;
	double a = r->p[0].est, b = r->p[1].est;

	ck_assert(f);
	fit_paste_print(f, FIT_FAILURE, r, "%.17g");
	fclose(f);
	snprintf(text, sizeof text, "{\"components\": {\"x\": {%s, \"mttr\": 1}},"
		 " \"system\": {\"type\": \"component\", \"component\": \"x\"}}", frag);
	diag_init(&d);
	t = topology_parse(text, strlen(text), "paste.json", NULL, &d);
	ck_assert_msg(t, "%s: %s", text, diag_text(&d));
	law = &t->components[0].failure;
	ck_assert_str_eq(dist_kind_name(law->kind), fit_law_name(r->law));
	ck_assert_double_eq_tol(law->mean, r->mean, 1e-9 * r->mean);
	switch (r->law) {
	case FIT_EXPONENTIAL:
		break;
	case FIT_WEIBULL:     /* dist: a = scale, b = shape */
		ck_assert_double_eq_tol(law->a, b, 1e-12 * b);
		ck_assert_double_eq_tol(law->b, a, 1e-12 * a);
		break;
	default:              /* lognormal mu, sigma; gamma shape, scale */
		ck_assert_double_eq_tol(law->a, a, 1e-9 * fmax(1, fabs(a)));
		ck_assert_double_eq_tol(law->b, b, 1e-9 * b);
		break;
	}
	topology_free(t);
}

START_TEST(test_paste_loads)
{
	struct fit_data x;
	struct fit_report rep;

	sample(&x, FIT_WEIBULL, (const double[]){ 1.3, 700 }, 646, 200, 1, 7);
	fit_ok(&x, 0.95, &rep);
	for (int k = 0; k < FIT_NLAWS; k++)
		paste_load(&rep.r[k]);
	fit_data_release(&x);
}
END_TEST

START_TEST(test_read_forms)
{
	struct fit_data x;
	struct diag d;

	diag_init(&d);
	ck_assert_msg(fit_data_read(&x, FIXTURE("good-forms.csv"), &d) == 0, "%s", diag_text(&d));
	ck_assert_uint_eq(x.n, 4);
	ck_assert_uint_eq(x.nfail, 3);
	ck_assert_double_eq_tol(x.t[0], 0.5, 1e-15);
	ck_assert_double_eq(x.t[1], 48);
	ck_assert_int_eq(x.cens[1], 1);
	ck_assert_double_eq(x.t[2], 1.5);
	ck_assert_int_eq(x.cens[2], 0);
	ck_assert_double_eq(x.t[3], 10);
	fit_data_release(&x);
}
END_TEST

#define NOT_DURATION "is not a duration: write a number and a unit such as " \
	"\"30s\", \"5m\", \"8h\", \"2d\", \"6w\", \"3mo\" or \"1y\""
#define NO_HEADER "no header row (the first row names the columns: duration, and" \
	" censored for the rows still running)"

static const struct {
	const char *file;
	const char *line;       /* ":N" or "" */
	const char *msg;
} bad[] = {
	{ "empty.csv", "", NO_HEADER },
	{ "comments-only.csv", "", NO_HEADER },
	{ "no-duration.csv", ":1", "the header names no \"duration\" column (the first row names"
	  " the columns: duration, and censored for the rows still running)" },
	{ "named-twice.csv", ":1", "column \"duration\" is named twice in the header" },
	{ "many-fields.csv", ":1", "more than 256 fields" },
	{ "fields.csv", ":3", "1 field where the header has 2" },
	{ "not-number.csv", ":3", "duration \"abc\" is not a number of hours nor a number with"
	  " a unit such as 30m, 8h, 2d" },
	{ "unknown-unit.csv", ":2", "duration \"8hours\" has an unknown unit: use one of s, m, h,"
	  " d, w, mo, y" },
	{ "zero.csv", ":2", "duration \"0\" must be greater than 0" },
	{ "negative.csv", ":2", "duration \"-2h\" must be greater than 0" },
	{ "empty-duration.csv", ":2", "the duration is empty" },
	{ "too-large.csv", ":2", "duration \"1e400\" is too large" },
	{ "censored-word.csv", ":2", "censored \"yes\" is not 0 or 1 (1: the duration was still"
	  " running when the data ended)" },
	{ "open-quote.csv", ":2", "a quoted field has no closing quote" },
	{ "after-quote.csv", ":2", "text after a quoted field's closing quote" },
	{ "long-line.csv", ":2", "the line is too long" },
	{ "nul.csv", ":2", "holds a NUL byte" },
	{ "no-rows.csv", "", "no observations after the header" },
	{ "few.csv", "", "2 uncensored observations: the fits need at least 3" },
	{ "all-equal.csv", "", "every uncensored duration is 5 h: the fits need at least two"
	  " different values" },
	{ "sum-overflow.csv", "", "the durations add up to more than a double holds" },
	{ "missing.csv", "", "cannot read: No such file or directory" },
};

START_TEST(test_read_errors)
{
	char file[512], want[1024];
	struct fit_data x;
	struct diag d;

	snprintf(file, sizeof file, "%s%s", FIXTURE(""), bad[_i].file);
	snprintf(want, sizeof want, "%s%s: %s", file, bad[_i].line, bad[_i].msg);
	diag_init(&d);
	ck_assert_int_eq(fit_data_read(&x, file, &d), -1);
	ck_assert_int_eq(d.kind, DIAG_INPUT);
	ck_assert_str_eq(diag_text(&d), want);
	ck_assert_ptr_null(x.t);
}
END_TEST

Suite *fit_suite(void)
{
	Suite *s = suite_create("fit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_exponential_exact);
	tcase_add_test(tc, test_shape_one_is_exponential);
	tcase_add_test(tc, test_closed_forms);
	tcase_add_test(tc, test_km_and_ks);
	tcase_add_loop_test(tc, test_true_in_interval, 0, (int)(sizeof truth / sizeof truth[0]));
	tcase_add_test(tc, test_paste_loads);
	tcase_add_test(tc, test_read_forms);
	tcase_add_loop_test(tc, test_read_errors, 0, (int)(sizeof bad / sizeof bad[0]));
	suite_add_tcase(s, tc);
	return s;
}
