/* fit_json.c - nines fit's JSON: the machine contract (keys in a fixed
 * order, numbers in %.17g, null for what is not a finite number), the
 * law as a topology fragment ready to paste, and the mean's interval in
 * the shape planned for uncertain inputs. */
#include <math.h>
#include <stdio.h>

#include "config.h"
#include "fit/fit_impl.h"
#include "report/report_formats.h"

void fit_law_json(FILE *f, const struct fit_result *r, const char *fmt)
{
	const double *p = (const double[]){ r->p[0].est, r->p[1].est };
	double mean, sd;

	fprintf(f, "{\"distribution\": \"%s\", ", fit_law_name(r->law));
	switch (r->law) {
	case FIT_EXPONENTIAL:
		fputs("\"mean\": ", f);
		fprintf(f, fmt, p[0]);
		break;
	case FIT_WEIBULL:
		fputs("\"shape\": ", f);
		fprintf(f, fmt, p[0]);
		fputs(", \"scale\": ", f);
		fprintf(f, fmt, p[1]);
		break;
	case FIT_LOGNORMAL:
		/* topology files give a lognormal by its mean and sd */
		mean = exp(p[0] + 0.5 * p[1] * p[1]);
		sd = mean * sqrt(expm1(p[1] * p[1]));
		fputs("\"mean\": ", f);
		fprintf(f, fmt, mean);
		fputs(", \"sd\": ", f);
		fprintf(f, fmt, sd);
		break;
	default: /* FIT_GAMMA: by its shape and mean */
		fputs("\"shape\": ", f);
		fprintf(f, fmt, p[0]);
		fputs(", \"mean\": ", f);
		fprintf(f, fmt, p[0] * p[1]);
		break;
	}
	fputc('}', f);
}

void fit_paste_print(FILE *f, enum fit_kind kind, const struct fit_result *r, const char *fmt)
{
	fprintf(f, "\"%s\": ", fit_kind_name(kind));
	fit_law_json(f, r, fmt);
}

void fit_mean_json(FILE *f, const struct fit_result *r, const char *fmt)
{
	const double v[3] = { r->mean, r->mean_lo, r->mean_hi };
	const char *const sep[3] = { "{\"estimate\": ", ", \"range\": [", ", " };

	for (int i = 0; i < 3; i++) {
		fputs(sep[i], f);
		if (isfinite(v[i]))
			fprintf(f, fmt, v[i]);
		else
			fputs("null", f);
	}
	fputs("]}", f);
}

/* LEAD (punctuation and a key), then X as JSON. */
static void keyed(FILE *f, const char *lead, double x)
{
	fputs(lead, f);
	report_json_num(f, x);
}

/* One fit as an element of "fits". */
static void fit_json(FILE *f, const struct fit_result *r)
{
	fprintf(f, "    {\n      \"law\": \"%s\",\n      \"parameters\": {", fit_law_name(r->law));
	for (int i = 0; i < r->npar; i++) {
		const struct fit_param *q = &r->p[i];

		fprintf(f, "%s\n        \"%s\": ", i ? "," : "", q->name);
		keyed(f, "{\"estimate\": ", q->est);
		keyed(f, ", \"stderr\": ", q->se);
		keyed(f, ", \"ci_low\": ", q->lo);
		keyed(f, ", \"ci_high\": ", q->hi);
		fputc('}', f);
	}
	keyed(f, "\n      },\n      \"log_likelihood\": ", r->loglik);
	keyed(f, ",\n      \"aic\": ", r->aic);
	keyed(f, ",\n      \"delta_aic\": ", r->delta_aic);
	fputs(",\n      \"mean_hours\": ", f);
	fit_mean_json(f, r, "%.17g");
	keyed(f, ",\n      \"ks\": {\"statistic\": ", r->ks);
	keyed(f, ", \"p_value\": ", r->ks_p);
	fprintf(f, "},\n      \"converged\": %s,\n      \"law_json\": ", r->converged ? "true" : "false");
	fit_law_json(f, r, "%.17g");
	fputs("\n    }", f);
}

int fit_write_json(FILE *f, const struct fit_report *rep)
{
	const struct fit_data *x = rep->data;

	fputs("{\n  \"nines_version\": ", f);
	report_json_str(f, PACKAGE_VERSION);
	fputs(",\n  \"file\": ", f);
	report_json_str(f, rep->file);
	fprintf(f, ",\n  \"kind\": \"%s\",\n  \"observations\": %zu,\n  \"censored\": %zu,"
		"\n  \"total_hours\": ", fit_kind_name(rep->kind), x->n, x->n - x->nfail);
	report_json_num(f, x->total);
	keyed(f, ",\n  \"confidence\": ", rep->confidence);
	fprintf(f, ",\n  \"best\": \"%s\",\n  \"fits\": [\n", fit_law_name(rep->r[0].law));
	for (int k = 0; k < FIT_NLAWS; k++) {
		fit_json(f, &rep->r[k]);
		fputs(k + 1 < FIT_NLAWS ? ",\n" : "\n", f);
	}
	fputs("  ],\n  \"paste\": {", f);
	fit_paste_print(f, rep->kind, &rep->r[0], "%.17g");
	fputs("},\n  \"uncertainty\": {\"mean\": ", f);
	fit_mean_json(f, &rep->r[0], "%.17g");
	fputs("}\n}\n", f);
	return ferror(f) ? -1 : 0;
}
