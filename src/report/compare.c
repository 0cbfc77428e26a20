/* compare.c - comparing designs: paired differences over common random
 * numbers and the side-by-side report in every format.
 *
 * Designs are run with the same seed, replications and horizon, and each
 * component instance draws from a stream keyed by its type's name (rng.h),
 * so replication i of two designs sees the same failures wherever they
 * share components.  The difference of their downtimes is then measured
 * replication by replication: its interval is much narrower than the one
 * two independent runs would give, and the report shows both.
 */
#include <math.h>
#include <string.h>

#include "config.h"
#include "report/compare.h"
#include "report/report_warn.h"
#include "report/table.h"
#include "util/duration.h"

#define MIN_PER_YEAR (HOURS_PER_YEAR * 60)

struct compare_diff compare_diff(const struct result *d, const struct result *b, double conf)
{
	struct compare_diff out;
	struct moments m;
	struct estimate ed, eb;
	double a2, b2, n = (double)d->set.replications, df;

	ed = moments_x(&d->block[0], conf);
	eb = moments_x(&b->block[0], conf);
	a2 = ed.stderr_ * ed.stderr_;
	b2 = eb.stderr_ * eb.stderr_;
	/* Welch-Satterthwaite degrees of freedom for two samples of n */
	df = a2 + b2 > 0 ? (a2 + b2) * (a2 + b2) / ((a2 * a2 + b2 * b2) / (n - 1)) : n - 1;
	out.independent_half_width = stats_t_quantile(df + 1, conf) * sqrt(a2 + b2);
	/* Replications pair up only when both designs ran the same plain
	 * replications: the same streams, index by index.  A run to a target
	 * stops each design at its own count, and an accelerated run's
	 * replications (or cycles) do not line up with anything. */
	out.variance_ratio = NAN;
	out.pairing_useless = 0;
	out.is_paired = d->sys_down && b->sys_down && d->method == RUN_METHOD_PLAIN &&
			b->method == RUN_METHOD_PLAIN && d->samples == b->samples &&
			d->set.replications == b->set.replications;
	if (!out.is_paired) {
		out.paired.mean = ed.mean - eb.mean;
		out.paired.ci_low = out.paired.mean - out.independent_half_width;
		out.paired.ci_high = out.paired.mean + out.independent_half_width;
		out.paired.stderr_ = sqrt(a2 + b2);
		return out;
	}
	moments_init(&m);
	for (long i = 0; i < d->set.replications; i++)
		moments_add(&m, d->sys_down[i] - b->sys_down[i], 0);
	out.paired = moments_x(&m, conf);
	if (a2 + b2 > 0)
		out.variance_ratio = out.paired.stderr_ > 0 ?
			(a2 + b2) / (out.paired.stderr_ * out.paired.stderr_) : INFINITY;
	out.pairing_useless = out.variance_ratio <= COMPARE_PAIRING_USELESS ||
			      1 - 1 / out.variance_ratio < 2 / sqrt(n);
	return out;
}

static void design_measures(const struct compare_design *d, struct measures *m)
{
	result_measures(d->r, &d->r->block[0], m);
}

static int best(const struct comparison *c)
{
	int k = 0;
	struct measures m, mk;

	for (size_t i = 1; i < c->n; i++) {
		design_measures(&c->d[i], &m);
		design_measures(&c->d[k], &mk);
		if (m.unavailability.mean < mk.unavailability.mean)
			k = (int)i;
	}
	return k;
}

void compare_pairing_words(char *buf, size_t n, const struct compare_diff *x)
{
	double v = x->variance_ratio;

	if (isinf(v))
		snprintf(buf, n, "pairing removed the variance");
	else if (isfinite(v) && !x->pairing_useless)
		snprintf(buf, n, "pairing cut the variance %.3g×", v);
	else if (isfinite(v))
		snprintf(buf, n, "pairing cut the variance only %.3g×", v);
	else
		snprintf(buf, n, "no variance to cut");
}

/* "saves 21.3 min/yr ± 1.2" or "costs ... more" or "no clear difference" */
static void verdict(char *buf, size_t n, const struct compare_diff *x)
{
	double mean = x->paired.mean * MIN_PER_YEAR;
	double half = (x->paired.ci_high - x->paired.mean) * MIN_PER_YEAR;
	double ind = x->independent_half_width * MIN_PER_YEAR;
	char pair[64];

	if (!x->is_paired) {
		const char *how = "independent: the replications do not pair up";

		if (x->paired.ci_low <= 0 && x->paired.ci_high >= 0)
			snprintf(buf, n, "no clear difference: %+.4g ± %.2g min/yr (%s)", mean, half, how);
		else
			snprintf(buf, n, "%s %.4g ± %.2g min/yr%s (%s)", mean < 0 ? "saves" : "costs",
				 fabs(mean), half, mean < 0 ? "" : " more", how);
		return;
	}
	compare_pairing_words(pair, sizeof pair, x);
	if (x->paired.ci_low <= 0 && x->paired.ci_high >= 0)
		snprintf(buf, n, "no clear difference: %+.4g ± %.2g min/yr"
			 " (paired; independent runs: ± %.2g; %s)", mean, half, ind, pair);
	else if (mean < 0)
		snprintf(buf, n, "saves %.4g ± %.2g min/yr (paired; independent runs: ± %.2g; %s)",
			 -mean, half, ind, pair);
	else
		snprintf(buf, n, "costs %.4g ± %.2g min/yr more (paired; independent runs: ± %.2g;"
			 " %s)", mean, half, ind, pair);
}

int compare_any_cost(const struct comparison *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (model_cost(c->d[i].m) > 0)
			return 1;
	return 0;
}

static struct table *side_by_side(const struct comparison *c)
{
	int cost = compare_any_cost(c);
	struct table *t = table_new(cost ? 9 : 8);
	const char *cells[9] = { "design", "availability", "CI", "exact", "nines",
				 "downtime/yr", "outages/yr", "mean outage", "cost/yr" };
	char bufs[9][64];

	if (!t || table_row(t, cells))
		goto oom;
	for (size_t i = 0; i < c->n; i++) {
		const struct compare_design *d = &c->d[i];
		struct measures m;
		const char *mc[7];

		design_measures(d, &m);
		/* the same cells, with the same decimals, as the blocks table */
		report_measure_cells(&m, d->a->block_a[0], d->a->block_u[0], bufs, mc);
		report_fmt_money(model_cost(d->m), bufs[7], 64);
		cells[0] = d->t->name;
		for (int k = 0; k < 7; k++)
			cells[k + 1] = mc[k];
		cells[8] = bufs[7];
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

/* "; costs 2,400/yr more" or "; costs 1,200/yr less", "" when equal. */
static void cost_words(char *buf, size_t n, const struct model *d, const struct model *b)
{
	double delta = model_cost(d) - model_cost(b);
	char m[64];

	if (delta == 0)
		buf[0] = '\0';
	else
		snprintf(buf, n, "; costs %s/yr %s", report_fmt_money(fabs(delta), m, sizeof m),
			 delta > 0 ? "more" : "less");
}

static struct table *differences(const struct comparison *c)
{
	struct table *t = table_new(2);
	const char *cells[2] = { "design", "against the baseline" };
	char v[256], w[96];

	if (!t || table_row(t, cells))
		goto oom;
	for (size_t i = 0; i < c->n; i++) {
		struct compare_diff x;

		if (i == c->baseline)
			continue;
		x = compare_diff(c->d[i].r, c->d[c->baseline].r, c->d[i].r->set.confidence);
		verdict(v, sizeof v, &x);
		cost_words(w, sizeof w, c->d[i].m, c->d[c->baseline].m);
		strncat(v, w, sizeof v - strlen(v) - 1);
		cells[0] = c->d[i].t->name;
		cells[1] = v;
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

/* One row per design: how it was obtained and how precise it is. */
static struct table *precisions(const struct comparison *c)
{
	struct table *t = table_new(3);
	const char *cells[3] = { "design", "method", "precision" };
	char method[512], precision[512];

	if (!t || table_row(t, cells))
		goto oom;
	for (size_t i = 0; i < c->n; i++) {
		report_precision_lines(c->d[i].r, method, precision, sizeof method);
		cells[0] = c->d[i].t->name;
		cells[1] = method;
		cells[2] = precision;
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

static void heading(FILE *f, const struct comparison *c, int md)
{
	const struct run_settings *s = &c->d[0].r->set;
	char h[64];

	fprintf(f, "%s%zu designs, %ld replications of %s each, seed %llu, %g%% confidence,"
		" common random numbers\n", md ? "## Comparison\n\n" : "", c->n, s->replications,
		duration_format(s->horizon, h, sizeof h), (unsigned long long)s->seed,
		s->confidence * 100);
}

void compare_summary(char *buf, size_t size, const struct comparison *c)
{
	int k = best(c);
	struct measures mb, mk;
	char h[64], g[64], w[96];
	struct compare_diff x;

	design_measures(&c->d[c->baseline], &mb);
	design_measures(&c->d[k], &mk);
	if ((size_t)k == c->baseline) {
		snprintf(buf, size, "%s, the baseline, has the least downtime: %.2f nines, %s per year",
			 c->d[k].t->name, mk.nines.mean,
			 report_fmt_minutes(mk.downtime_min_per_year.mean, h, sizeof h));
		return;
	}
	x = compare_diff(c->d[k].r, c->d[c->baseline].r, c->d[k].r->set.confidence);
	cost_words(w, sizeof w, c->d[k].m, c->d[c->baseline].m);
	snprintf(buf, size, "%s gives %.2f nines against %.2f for %s; %s %s a year%s",
		 c->d[k].t->name, mk.nines.mean, mb.nines.mean, c->d[c->baseline].t->name,
		 x.paired.ci_high < 0 ? "saves" : "may save",
		 report_fmt_minutes(-x.paired.mean * MIN_PER_YEAR, g, sizeof g), w);
}

static void summary(FILE *f, const struct comparison *c, int md)
{
	char buf[1024];

	compare_summary(buf, sizeof buf, c);
	if (md)
		table_md_text(f, buf);
	else
		fputs(buf, f);
	fputc('\n', f);
}

static int write_text(FILE *f, const struct comparison *c, int md)
{
	struct table *t;

	heading(f, c, md);
	report_warnings_text(f, c->warn, md);
	fputc('\n', f);
	if (md)
		fputs("### Designs\n\n", f);
	t = side_by_side(c);
	if (!t)
		return -1;
	if (md)
		table_print_md(f, t, "011111111");
	else
		table_print(f, t, "  ", "011111111", 0);
	table_free(t);
	fprintf(f, "\n%s\n%s", md ? "### How precise" : "how precise", md ? "\n" : "");
	t = precisions(c);
	if (!t)
		return -1;
	if (md)
		table_print_md(f, t, "000");
	else
		table_print(f, t, "  ", "000", 1);
	table_free(t);
	fprintf(f, "\n%sdowntime per year against ", md ? "### " : "");
	if (md)
		table_md_text(f, c->d[c->baseline].t->name);
	else
		fputs(c->d[c->baseline].t->name, f);
	fprintf(f, " (the baseline)\n%s", md ? "\n" : "");
	t = differences(c);
	if (!t)
		return -1;
	if (md)
		table_print_md(f, t, "00");
	else
		table_print(f, t, "  ", "00", 1);
	table_free(t);
	fputc('\n', f);
	summary(f, c, md);
	return ferror(f) ? -1 : 0;
}


/* A design's outages seen, interval kind and how its run was obtained. */
static void csv_precision(FILE *f, const struct result *r)
{
	struct measures m;

	result_measures(r, &r->block[0], &m);
	report_csv_num(f, m.outages);
	fprintf(f, ",%s", report_interval_name(m.interval));
	report_csv_precision(f, r);
}

static int write_csv(FILE *f, const struct comparison *c)
{
	/* a warning: its line as the design, its file, "warning" as baseline */
	static const enum report_warn_col wcols[] = {
		REPORT_WARN_LINE, REPORT_WARN_FILE, REPORT_WARN_KIND,
	};
	size_t ncols = report_csv_header(f,
		"design,file,baseline,availability,availability_ci_low,availability_ci_high,"
		"nines,downtime_minutes_per_year,downtime_ci_low,downtime_ci_high,"
		"outages_per_year,mean_outage_minutes,analytic_availability,cost_per_year,"
		"difference_minutes_per_year,difference_ci_low,difference_ci_high,"
		"independent_half_width_minutes,paired,outages_seen,interval,"
		REPORT_CSV_PRECISION ",variance_reduction");

	for (size_t i = 0; i < c->n; i++) {
		struct measures m;
		struct compare_diff x;

		design_measures(&c->d[i], &m);
		report_csv_field(f, c->d[i].t->name);
		fputc(',', f);
		report_csv_field(f, c->d[i].t->file);
		fprintf(f, ",%s", i == c->baseline ? "true" : "false");
		report_csv_num(f, m.availability.mean);
		report_csv_num(f, m.availability.ci_low);
		report_csv_num(f, m.availability.ci_high);
		report_csv_num(f, m.nines.mean);
		report_csv_num(f, m.downtime_min_per_year.mean);
		report_csv_num(f, m.downtime_min_per_year.ci_low);
		report_csv_num(f, m.downtime_min_per_year.ci_high);
		report_csv_num(f, m.outages_per_year.mean);
		report_csv_num(f, m.mean_outage_min.mean);
		report_csv_num(f, c->d[i].a->block_a[0]);
		report_csv_num(f, model_cost(c->d[i].m));
		x.variance_ratio = NAN;
		if (i == c->baseline) {
			fputs(",,,,,", f);
		} else {
			x = compare_diff(c->d[i].r, c->d[c->baseline].r, c->d[i].r->set.confidence);
			report_csv_num(f, x.paired.mean * MIN_PER_YEAR);
			report_csv_num(f, x.paired.ci_low * MIN_PER_YEAR);
			report_csv_num(f, x.paired.ci_high * MIN_PER_YEAR);
			report_csv_num(f, x.independent_half_width * MIN_PER_YEAR);
			fprintf(f, ",%s", x.is_paired ? "true" : "false");
		}
		csv_precision(f, c->d[i].r);
		/* +inf (no variance left) as a spreadsheet reads it */
		if (isinf(x.variance_ratio))
			fputs(",inf", f);
		else
			report_csv_num(f, x.variance_ratio);
		fputc('\n', f);
	}
	report_warnings_csv(f, c->warn, ncols, wcols, 3);
	return ferror(f) ? -1 : 0;
}

static int write_json(FILE *f, const struct comparison *c)
{
	const struct run_settings *s = &c->d[0].r->set;

	fputs("{\n  \"nines_version\": ", f);
	report_json_str(f, PACKAGE_VERSION);
	fputs(",\n", f);
	report_warnings_json(f, c->warn);
	fputs("  \"simulation\": {\"horizon_hours\": ", f);
	report_json_num(f, s->horizon);
	fputs(", \"warmup_hours\": ", f);
	report_json_num(f, s->warmup);
	fprintf(f, ", \"replications\": %ld, \"seed\": %llu, \"confidence\": ",
		s->replications, (unsigned long long)s->seed);
	report_json_num(f, s->confidence);
	fputs("},\n  \"baseline\": ", f);
	report_json_str(f, c->d[c->baseline].t->name);
	fputs(",\n  \"designs\": [", f);
	for (size_t i = 0; i < c->n; i++) {
		struct report rep = { c->d[i].t, c->d[i].m, c->d[i].a, c->d[i].r, NULL };

		fputs(i ? ",\n{\n" : "\n{\n", f);
		if (report_json_design(f, &rep))
			return -1;
	}
	fputs("],\n  \"differences\": [", f);
	for (size_t i = 0, first = 1; i < c->n; i++) {
		struct compare_diff x;
		struct estimate e;

		if (i == c->baseline)
			continue;
		x = compare_diff(c->d[i].r, c->d[c->baseline].r, c->d[i].r->set.confidence);
		e = stats_scale(x.paired, MIN_PER_YEAR);
		fputs(first ? "\n    {\"design\": " : ",\n    {\"design\": ", f);
		first = 0;
		report_json_str(f, c->d[i].t->name);
		fputs(", \"baseline\": ", f);
		report_json_str(f, c->d[c->baseline].t->name);
		fputs(", ", f);
		report_json_est(f, "downtime_minutes_per_year", &e);
		fputs(", \"independent_half_width\": ", f);
		report_json_num(f, x.independent_half_width * MIN_PER_YEAR);
		fprintf(f, ", \"paired\": %s, \"variance_reduction\": ", x.is_paired ? "true" : "false");
		report_json_num(f, x.variance_ratio);
		fputc('}', f);
	}
	fputs("\n  ]\n}\n", f);
	return ferror(f) ? -1 : 0;
}

int compare_write(FILE *f, enum report_format fmt, const struct comparison *c)
{
	switch (fmt) {
	case REPORT_TEXT:
		return write_text(f, c, 0);
	case REPORT_MD:
		return write_text(f, c, 1);
	case REPORT_CSV:
		return write_csv(f, c);
	case REPORT_JSON:
		return write_json(f, c);
	}
	return -1;
}
