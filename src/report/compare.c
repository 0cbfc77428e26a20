/* compare.c - comparing designs: the side-by-side report in every format,
 * with each design's paired differences against the baseline (taken in
 * compare_diff.c) and the verdict.
 */
#include <math.h>
#include <string.h>

#include "config.h"
#include "report/compare.h"
#include "report/report_warn.h"
#include "report/table.h"
#include "util/duration.h"

#define MIN_PER_YEAR (HOURS_PER_YEAR * 60)

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

int compare_any_cost(const struct comparison *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (model_cost(c->d[i].m) > 0)
			return 1;
	return 0;
}

int compare_any_writes(const struct comparison *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (report_replication_modes(c->d[i].m))
			return 1;
	return 0;
}

void compare_writes_cells(const struct compare_design *d, char *wa, char *lost, size_t n)
{
	struct report rep = { d->t, d->m, d->a, d->r, NULL };
	struct replicated_measures x;

	report_writes(&rep, &x);
	report_writes_cells(&x, wa, lost, n);
}

/* The designs side by side: the system's measures, the writes' when any
 * design replicates (compare_any_writes), and the cost when any has one. */
static struct table *side_by_side(const struct comparison *c)
{
	int cost = compare_any_cost(c), writes = compare_any_writes(c);
	struct table *t = table_new(8 + 2 * writes + cost);
	const char *head[11] = { "design", "availability", "CI", "exact", "nines",
				 "downtime/yr", "outages/yr", "mean outage", "write avail",
				 "lost writes/yr", "cost/yr" };
	const char *cells[11];
	char bufs[10][64];

	for (int j = 0, k = 0; j < 11; j++)
		if ((j < 8 || writes || j == 10) && (j < 10 || cost))
			cells[k++] = head[j];
	if (!t || table_row(t, cells))
		goto oom;
	for (size_t i = 0; i < c->n; i++) {
		const struct compare_design *d = &c->d[i];
		struct measures m;
		const char *mc[7];
		int k = 0;

		design_measures(d, &m);
		/* the same cells, with the same decimals, as the blocks table */
		report_measure_cells(&m, d->a->block_a[0], d->a->block_u[0], bufs, mc);
		cells[k++] = d->t->name;
		for (int j = 0; j < 7; j++)
			cells[k++] = mc[j];
		if (writes) {
			compare_writes_cells(d, bufs[7], bufs[8], 64);
			cells[k++] = bufs[7];
			cells[k++] = bufs[8];
		}
		if (cost)
			cells[k++] = report_fmt_money(model_cost(d->m), bufs[9], 64);
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

/* Each design against the baseline in measure K. */
static struct table *differences(const struct comparison *c, enum result_kept k)
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
		x = compare_diff(c->d[i].r, c->d[c->baseline].r, c->d[i].r->set.confidence, k);
		compare_diff_words(v, sizeof v, &x, k);
		if (k == KEPT_DOWN) {
			cost_words(w, sizeof w, c->d[i].m, c->d[c->baseline].m);
			strncat(v, w, sizeof v - strlen(v) - 1);
		}
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

/* The verdict on downtime into BUF (compare_summary). */
static void summary_downtime(char *buf, size_t size, const struct comparison *c)
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
	x = compare_diff(c->d[k].r, c->d[c->baseline].r, c->d[k].r->set.confidence, KEPT_DOWN);
	cost_words(w, sizeof w, c->d[k].m, c->d[c->baseline].m);
	snprintf(buf, size, "%s gives %.2f nines against %.2f for %s; %s %s a year%s",
		 c->d[k].t->name, mk.nines.mean, mb.nines.mean, c->d[c->baseline].t->name,
		 x.paired.ci_high < 0 ? "saves" : "may save",
		 report_fmt_minutes(-x.paired.mean * MIN_PER_YEAR, g, sizeof g), w);
}

/* The designs whose writes differ clearly from the baseline's, and how,
 * appended to BUF of SIZE bytes (compare_summary). */
static void summary_writes(char *buf, size_t size, const struct comparison *c)
{
	const struct compare_design *b = &c->d[c->baseline];
	int any = 0;

	if (!compare_any_writes(c))
		return;
	for (size_t i = 0; i < c->n; i++) {
		const struct compare_design *d = &c->d[i];
		int said = 0;

		for (int k = KEPT_WRITE_DOWN; i != c->baseline && k < RESULT_KEPT; k++) {
			double conf = d->r->set.confidence;
			struct compare_diff x = compare_diff(d->r, b->r, conf, (enum result_kept)k);
			char what[192];
			size_t len = strlen(buf);

			if (!compare_diff_clear(&x) ||
			    (k == KEPT_WRITE_DOWN && !compare_writes_apart(d->r, b->r, conf)))
				continue;
			compare_diff_what(what, sizeof what, &x, (enum result_kept)k);
			if (said)
				snprintf(buf + len, size - len, " and %s", what);
			else
				snprintf(buf + len, size - len, "; %s%s %s", any ? "" : "on writes, ",
					 d->t->name, what);
			said = any = 1;
		}
	}
}

void compare_summary(char *buf, size_t size, const struct comparison *c)
{
	summary_downtime(buf, size, c);
	summary_writes(buf, size, c);
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

/* Print T (NULL: out of memory) as Markdown or as text with RIGHT, SKIP
 * as table_print takes them, and free it.  Returns 0, or -1 when T is
 * NULL. */
static int put_table(FILE *f, struct table *t, int md, const char *right, int skip)
{
	if (!t)
		return -1;
	if (md)
		table_print_md(f, t, right);
	else
		table_print(f, t, "  ", right, skip);
	table_free(t);
	return 0;
}

static int write_text(FILE *f, const struct comparison *c, int md)
{

	heading(f, c, md);
	report_warnings_text(f, c->warn, md);
	fputc('\n', f);
	if (md)
		fputs("### Designs\n\n", f);
	if (put_table(f, side_by_side(c), md, "01111111111", 0))
		return -1;
	fprintf(f, "\n%s\n%s", md ? "### How precise" : "how precise", md ? "\n" : "");
	if (put_table(f, precisions(c), md, "000", 1))
		return -1;
	for (int k = 0; k < RESULT_KEPT; k++) {
		if (k != KEPT_DOWN && !compare_any_writes(c))
			break;
		fprintf(f, "\n%s%s against ", md ? "### " : "", compare_measures[k].title);
		if (md)
			table_md_text(f, c->d[c->baseline].t->name);
		else
			fputs(c->d[c->baseline].t->name, f);
		fprintf(f, " (the baseline)\n%s", md ? "\n" : "");
		if (put_table(f, differences(c, (enum result_kept)k), md, "00", 1))
			return -1;
	}
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

/* Design I's writes (report_writes) and their differences against the
 * baseline (empty for the baseline itself). */
static void csv_writes(FILE *f, const struct comparison *c, size_t i)
{
	const struct compare_design *d = &c->d[i];
	struct report rep = { d->t, d->m, d->a, d->r, NULL };
	struct replicated_measures x;

	report_writes(&rep, &x);
	report_csv_num(f, x.write_availability.mean);
	report_csv_num(f, x.write_availability.ci_low);
	report_csv_num(f, x.write_availability.ci_high);
	report_csv_num(f, x.lost.mean);
	report_csv_num(f, x.lost.ci_low);
	report_csv_num(f, x.lost.ci_high);
	report_csv_num(f, x.lossy.mean);
	for (int k = KEPT_WRITE_DOWN; k < RESULT_KEPT; k++) {
		double sc = compare_measures[k].scale;
		struct compare_diff y;

		if (i == c->baseline) {
			fputs(",,,", f);
			continue;
		}
		y = compare_diff(d->r, c->d[c->baseline].r, d->r->set.confidence,
				 (enum result_kept)k);
		report_csv_num(f, y.paired.mean * sc);
		report_csv_num(f, y.paired.ci_low * sc);
		report_csv_num(f, y.paired.ci_high * sc);
	}
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
		REPORT_CSV_PRECISION ",variance_reduction,"
		"write_availability,write_availability_ci_low,write_availability_ci_high,"
		"lost_writes_per_year,lost_writes_ci_low,lost_writes_ci_high,"
		"loss_in_a_year_probability,write_difference_minutes_per_year,"
		"write_difference_ci_low,write_difference_ci_high,lost_writes_difference,"
		"lost_writes_difference_ci_low,lost_writes_difference_ci_high");

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
			x = compare_diff(c->d[i].r, c->d[c->baseline].r, c->d[i].r->set.confidence, KEPT_DOWN);
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
		csv_writes(f, c, i);
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
		x = compare_diff(c->d[i].r, c->d[c->baseline].r, c->d[i].r->set.confidence, KEPT_DOWN);
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
		for (int k = KEPT_WRITE_DOWN; k < RESULT_KEPT; k++) {
			const struct compare_measure *cm = &compare_measures[k];

			x = compare_diff(c->d[i].r, c->d[c->baseline].r, c->d[i].r->set.confidence,
					 (enum result_kept)k);
			e = stats_scale(x.paired, cm->scale);
			fputs(",\n     ", f);
			report_json_est(f, cm->json, &e);
		}
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
