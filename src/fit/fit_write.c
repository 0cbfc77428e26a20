/* fit_write.c - nines fit's report for people (text and Markdown: the
 * table of fits, the best law, the fragment to paste, the mean's
 * uncertainty and how to read the columns) and for spreadsheets (CSV, a
 * row a law); the dispatcher over the formats. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fit/fit_impl.h"
#include "report/report_formats.h"
#include "report/table.h"

/* Columns of the table of fits. */
#define NCOLS 7

/* X with four significant digits (whole from 10000 to 1e9, where %g
 * would switch to an exponent), and " h" when it is hours. */
static void num(char *buf, size_t size, double x, int hours)
{
	if (!isfinite(x))
		snprintf(buf, size, "-");
	else if (fabs(x) >= 1e4 && fabs(x) < 1e9)
		snprintf(buf, size, "%.0f%s", x, hours ? " h" : "");
	else
		snprintf(buf, size, "%.4g%s", x, hours ? " h" : "");
}

/* R's parameters as "shape 1.52 ± 0.11, scale 5540 h ± 310 h". */
static void params_text(char *buf, size_t size, const struct fit_result *r)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < r->npar && used < size; i++) {
		char e[32], s[32];

		num(e, sizeof e, r->p[i].est, r->p[i].duration);
		num(s, sizeof s, r->p[i].se, r->p[i].duration);
		used += (size_t)snprintf(buf + used, size - used, "%s%s %s ± %s", i ? ", " : "",
					 r->p[i].name, e, s);
	}
}

/* The table of REP's fits, best first; NULL when out of memory. */
static struct table *fits_table(const struct fit_report *rep)
{
	char head[64], c[NCOLS][160];
	const char *cells[NCOLS];
	struct table *t = table_new(NCOLS);
	int ok = t != NULL;

	snprintf(head, sizeof head, "mean (%g%% interval)", 100 * rep->confidence);
	{
		const char *h[NCOLS] = { "law", "AIC", "ΔAIC", "KS D", "KS p", head, "parameters (± stderr)" };

		ok = ok && !table_row(t, h);
	}
	for (int k = 0; ok && k < FIT_NLAWS; k++) {
		const struct fit_result *r = &rep->r[k];
		char lo[32], hi[32], m[32];

		snprintf(c[0], sizeof c[0], "%s%s", fit_law_name(r->law),
			 r->converged ? "" : " (did not converge)");
		snprintf(c[1], sizeof c[1], "%.2f", r->aic);
		snprintf(c[2], sizeof c[2], "%.2f", r->delta_aic);
		snprintf(c[3], sizeof c[3], "%.3f", r->ks);
		if (isfinite(r->ks_p))
			snprintf(c[4], sizeof c[4], "%.3f", r->ks_p);
		else
			snprintf(c[4], sizeof c[4], "-");
		num(m, sizeof m, r->mean, 1);
		num(lo, sizeof lo, r->mean_lo, 0);
		num(hi, sizeof hi, r->mean_hi, 1);
		snprintf(c[5], sizeof c[5], "%s (%s to %s)", m, lo, hi);
		params_text(c[6], sizeof c[6], r);
		for (int i = 0; i < NCOLS; i++)
			cells[i] = c[i];
		ok = !table_row(t, cells);
	}
	if (!ok) {
		table_free(t);
		return NULL;
	}
	return t;
}

/* The lines after the table: the best law, the fragment, the mean's
 * uncertainty, how to read the columns.  MD: as Markdown. */
static void notes_print(FILE *f, const struct fit_report *rep, int md)
{
	const struct fit_result *b = &rep->r[0];
	const char *code = md ? "```json\n" : "", *end = md ? "```\n" : "", *ind = md ? "" : "  ";

	fprintf(f, "\nbest: %s", fit_law_name(b->law));
	if (isfinite(rep->r[1].delta_aic))
		fprintf(f, " (the next, %s, has an AIC %.2f higher)", fit_law_name(rep->r[1].law),
			rep->r[1].delta_aic);
	fprintf(f, "\n\nto paste into a component type (its %s law, in hours):\n\n%s%s",
		fit_kind_name(rep->kind), code, ind);
	fit_paste_print(f, rep->kind, b, "%.6g");
	fprintf(f, "\n%s\nthe uncertainty of its mean, in the form planned for uncertain inputs"
		" (this version does not read it yet):\n\n%s%s", end, code, ind);
	fit_mean_json(f, b, "%.6g");
	fprintf(f, "\n%s\n", end);
	fputs("ΔAIC is a law's AIC above the best one's: below 2 the data hardly tell the two"
	      " apart, above 10 the law is clearly worse.\n", f);
	fputs("KS D is the largest gap between the fitted CDF and the data's (the empirical CDF,"
	      " Kaplan-Meier with censoring): 0.05 means never more than 5 points of probability"
	      " apart.\n", f);
	if (rep->data->nfail < rep->data->n)
		fputs("KS p is not given: with censored rows the usual Kolmogorov-Smirnov p-value"
		      " does not apply.\n", f);
	else
		fputs("KS p is the asymptotic Kolmogorov-Smirnov p-value as if the law had been given"
		      " rather than fitted: with fitted parameters it is too large, so a small p"
		      " (below 0.05) rejects a law but a large one does not prove it.\n", f);
}

/* The text and Markdown report: MD 0 or 1. */
static int write_table(FILE *f, const struct fit_report *rep, int md)
{
	const struct fit_data *x = rep->data;
	struct table *t = fits_table(rep);

	if (!t)
		return -1;
	if (md) {
		fputs("# nines fit: ", f);
		table_md_text(f, rep->file);
		fprintf(f, "\n\n");
	} else {
		fprintf(f, "nines fit: %s\n", rep->file);
	}
	fprintf(f, "%zu %s times, %zu of them right-censored (still running when the data"
		" ended), %.6g h in all\n\n", x->n, fit_kind_name(rep->kind), x->n - x->nfail, x->total);
	if (md)
		table_print_md(f, t, "0111100");
	else
		table_print(f, t, "  ", "0111100", 0);
	table_free(t);
	notes_print(f, rep, md);
	return ferror(f) ? -1 : 0;
}

/* A row a law, best first, every number in %.17g. */
static int write_csv(FILE *f, const struct fit_report *rep)
{
	fputs("law,aic,delta_aic,log_likelihood,ks,ks_p,mean_hours,mean_low,mean_high,"
	      "param1,param1_estimate,param1_stderr,param1_low,param1_high,"
	      "param2,param2_estimate,param2_stderr,param2_low,param2_high,converged\n", f);
	for (int k = 0; k < FIT_NLAWS; k++) {
		const struct fit_result *r = &rep->r[k];
		double v[] = { r->aic, r->delta_aic, r->loglik, r->ks, r->ks_p, r->mean,
			       r->mean_lo, r->mean_hi };

		fputs(fit_law_name(r->law), f);
		for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
			report_csv_num(f, v[i]);
		for (int i = 0; i < 2; i++) {
			const struct fit_param *q = &r->p[i];

			fprintf(f, ",%s", i < r->npar ? q->name : "");
			report_csv_num(f, i < r->npar ? q->est : NAN);
			report_csv_num(f, i < r->npar ? q->se : NAN);
			report_csv_num(f, i < r->npar ? q->lo : NAN);
			report_csv_num(f, i < r->npar ? q->hi : NAN);
		}
		fprintf(f, ",%d\n", r->converged);
	}
	return ferror(f) ? -1 : 0;
}

int fit_write(FILE *f, enum report_format fmt, const struct fit_report *rep)
{
	switch (fmt) {
	case REPORT_JSON:
		return fit_write_json(f, rep);
	case REPORT_MD:
		return write_table(f, rep, 1);
	case REPORT_CSV:
		return write_csv(f, rep);
	default:
		return write_table(f, rep, 0);
	}
}
