/* sweep.c - the values of a sweep, its report and its plot.
 *
 * A --vary gives a parameter's values, linear or geometric, rounded when
 * the user wrote whole numbers (a count or a need cannot be 2.5).  The
 * report is a table with a row per point; its JSON form keeps for each
 * point the same "system" object a simulate report has, so that a point
 * can be checked against `nines simulate` of the file with that value.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine/run.h"
#include "report/plot.h"
#include "report/report_warn.h"
#include "report/sweep.h"
#include "report/table.h"
#include "util/duration.h"
#include "util/utf8.h"

#define MIN_PER_YEAR (HOURS_PER_YEAR * 60)

/* FROM or TO: a plain number, or a duration in hours.  Sets *DURATION
 * and *INTEGER (digits alone, with an optional minus). */
static int parse_bound(const char *spec, const char *text, double *v, int *duration,
		       int *integer, struct diag *d)
{
	size_t len = strlen(text);
	struct diag msg;
	char *end;

	*duration = *integer = 0;
	*v = strtod(text, &end);
	if (len && end == text + len && strspn(text, "0123456789.eE+-") == len) {
		if (!isfinite(*v))
			return diag_usage(d, "\"%s\": \"%s\" is too large", spec, text);
		*integer = strspn(text + (text[0] == '-'), "0123456789") == len - (text[0] == '-') &&
			   len > (size_t)(text[0] == '-');
		return 0;
	}
	diag_init(&msg);
	if (duration_parse(text, v, &msg) == 0) {
		*duration = 1;
		return 0;
	}
	if (end == text || strspn(text, "0123456789.+-") == 0)
		return diag_usage(d, "\"%s\": \"%s\" is not a number or a duration"
			       " such as \"30m\" or \"8h\"", spec, text);
	return diag_usage(d, "\"%s\": \"%s\" %s", spec, text, diag_text(&msg));
}

/* Do the words of duration_format tell every value of P apart? */
static int words_distinct(const struct sweep_param *p)
{
	char a[64], b[64];

	for (size_t i = 1; i < p->nvalues; i++)
		if (strcmp(duration_format(p->values[i - 1], a, sizeof a),
			   duration_format(p->values[i], b, sizeof b)) == 0)
			return 0;
	return 1;
}

static int fill_values(struct sweep_param *p)
{
	double lf = p->log ? log(p->from) : 0, lt = p->log ? log(p->to) : 0;

	p->values = malloc((size_t)p->n * sizeof *p->values);
	if (!p->values)
		return -1;
	for (int k = 0; k < p->n; k++) {
		double t = (double)k / (double)(p->n - 1);
		double v = p->log ? exp(lf + t * (lt - lf)) : p->from + t * (p->to - p->from);

		if (k == 0)
			v = p->from;
		else if (k == p->n - 1)
			v = p->to;
		if (p->integer) {
			v = round(v);
			if (p->nvalues && v == p->values[p->nvalues - 1])
				continue;
		}
		p->values[p->nvalues++] = v;
	}
	p->words = p->duration && words_distinct(p);
	return 0;
}

int sweep_param_parse(const char *spec, struct sweep_param *p, struct diag *d)
{
	const char *eq = strrchr(spec, '=');
	char *rest = NULL, *field[5], *s;
	int nf = 0, dur[2], integer[2], rc = -1;
	double v[2];

	memset(p, 0, sizeof *p);
	if (!eq || eq == spec || !(rest = strdup(eq + 1)) || !(p->path = strndup(spec, (size_t)(eq - spec)))) {
		if (eq && eq != spec)
			diag_runtime(d, "out of memory");
		else
			diag_usage(d, "\"%s\" is not PATH=FROM:TO:N or PATH=FROM:TO:N:log", spec);
		goto out;
	}
	for (s = rest; nf < 5; nf++) {
		field[nf] = s;
		s = strchr(s, ':');
		if (!s) {
			nf++;
			break;
		}
		*s++ = '\0';
	}
	if (nf < 3 || nf > 4 || !*field[0] || !*field[1] || !*field[2]) {
		diag_usage(d, "\"%s\" is not PATH=FROM:TO:N or PATH=FROM:TO:N:log", spec);
		goto out;
	}
	if (nf == 4 && strcmp(field[3], "log") != 0) {
		diag_usage(d, "\"%s\": only \":log\" may follow N", spec);
		goto out;
	}
	p->log = nf == 4;
	if (strspn(field[2], "0123456789") != strlen(field[2]) || strlen(field[2]) > 4 ||
	    atoi(field[2]) < 2 || atoi(field[2]) > SWEEP_MAX_VALUES) {
		diag_usage(d, "\"%s\": N must be an integer from 2 to %d, got \"%s\"",
			spec, SWEEP_MAX_VALUES, field[2]);
		goto out;
	}
	p->n = atoi(field[2]);
	for (int i = 0; i < 2; i++)
		if (parse_bound(spec, field[i], &v[i], &dur[i], &integer[i], d))
			goto out;
	p->from = v[0];
	p->to = v[1];
	p->from_text = strdup(field[0]);
	p->to_text = strdup(field[1]);
	if (!p->from_text || !p->to_text) {
		diag_runtime(d, "out of memory");
		goto out;
	}
	p->duration = dur[0] || dur[1];
	p->integer = integer[0] && integer[1];
	if (p->from == p->to) {
		diag_usage(d, "\"%s\": FROM and TO are the same", spec);
		goto out;
	}
	if (p->log && !(p->from > 0 && p->to > 0)) {
		diag_usage(d, "\"%s\": a log sweep needs FROM and TO greater than 0", spec);
		goto out;
	}
	if (fill_values(p)) {
		diag_runtime(d, "out of memory");
		goto out;
	}
	rc = 0;
out:
	free(rest);
	if (rc)
		sweep_param_release(p);
	return rc;
}

void sweep_param_release(struct sweep_param *p)
{
	free(p->path);
	free(p->from_text);
	free(p->to_text);
	free(p->values);
	memset(p, 0, sizeof *p);
}

char *sweep_param_format(const struct sweep_param *p, double x, char *buf, size_t size)
{
	if (p->words)
		return duration_format(x, buf, (unsigned)size);
	snprintf(buf, size, p->duration ? "%.6g h" : "%.6g", x);
	return buf;
}

/* ---- the report ---- */

/* "PATH from 1h to 24h: 12 values", FROM and TO as the user wrote them,
 * then ", log scale" or ", whole numbers" when they apply; a Markdown list
 * item of escaped text when MD. */
static void param_line(FILE *f, const struct sweep_param *p, int md)
{
	if (md) {
		fputs("- ", f);
		table_md_text(f, p->path);
		fputs(" from ", f);
		table_md_text(f, p->from_text);
		fputs(" to ", f);
		table_md_text(f, p->to_text);
	} else {
		fprintf(f, "  %s from %s to %s", p->path, p->from_text, p->to_text);
	}
	fprintf(f, ": %zu values%s%s\n", p->nvalues, p->log ? ", log scale" : "",
		p->integer ? ", whole numbers" : "");
}

static void heading(FILE *f, const struct sweep *s, int md)
{
	char h[64];

	if (md) {
		fputs("## Sweep of ", f);
		table_md_text(f, s->name);
		fputs("\n\n", f);
		table_md_text(f, s->name);
		fputs(" (", f);
		table_md_text(f, s->file);
		fprintf(f, "): %zu points\n\n", s->npoints);
	} else {
		fprintf(f, "%s (", s->name);
		utf8_fputs_safe(f, s->file);
		fprintf(f, "): %zu points\n", s->npoints);
	}
	for (size_t k = 0; k < s->nparam; k++)
		param_line(f, &s->param[k], md);
	fprintf(f, "%s%ld replications of %s each, seed %llu, %g%% confidence,"
		" the same random numbers at every point\n", md ? "- " : "  ",
		s->set.replications, duration_format(s->set.horizon, h, sizeof h),
		(unsigned long long)s->set.seed, s->set.confidence * 100);
}

/* Minutes per year as a plain number, to the precision it has. */
static void fmt_minutes(char *buf, size_t size, double x)
{
	snprintf(buf, size, isfinite(x) && fabs(x) >= 1000 ? "%.0f" : "%#.4g", x);
}

/* Whether any point of S replicates: the tables then have its writes. */
static int any_writes(const struct sweep *s)
{
	for (size_t i = 0; i < s->npoints; i++)
		if (s->point[i].modes)
			return 1;
	return 0;
}

static struct table *points_table(const struct sweep *s, int *flagged)
{
	int np = (int)s->nparam, writes = any_writes(s), nm = 10 + 2 * writes;
	struct table *t = table_new(np + nm);
	const char *cells[SWEEP_MAX_PARAMS + 12];
	const char *head[] = { "availability", "CI", "exact", "nines", "downtime/yr",
			       "min/yr", "outages/yr", "mean outage", "method", "error",
			       "write avail", "lost writes/yr" };
	char bufs[7][64], vals[SWEEP_MAX_PARAMS][64], mins[64], err[32], wa[64], lost[64];

	*flagged = 0;
	if (!t)
		return NULL;
	for (int k = 0; k < np; k++)
		cells[k] = s->param[k].path;
	for (int i = 0; i < nm; i++)
		cells[np + i] = head[i];
	if (table_row(t, cells))
		goto oom;
	for (size_t i = 0; i < s->npoints; i++) {
		const struct sweep_point *pt = &s->point[i];
		const char *mc[7];

		for (int k = 0; k < np; k++)
			cells[k] = sweep_param_format(&s->param[k], pt->value[k], vals[k], 64);
		report_measure_cells(&pt->m, pt->exact_a, pt->exact_u, bufs, mc);
		*flagged |= report_within(&pt->m, pt->exact_a) == 0;
		fmt_minutes(mins, sizeof mins, pt->m.downtime_min_per_year.mean);
		for (int c = 0; c < 5; c++)
			cells[np + c] = mc[c];
		cells[np + 5] = mins;
		cells[np + 6] = mc[5];
		cells[np + 7] = mc[6];
		cells[np + 8] = run_method_name(pt->method);
		if (isfinite(pt->rel_error))
			snprintf(err, sizeof err, pt->rel_error < 1 ? "%.2g%%" : "%.0f%%",
				 pt->rel_error * 100);
		else
			snprintf(err, sizeof err, "-");
		cells[np + 9] = err;
		if (writes) {
			const struct replicated_measures *x = &pt->writes;

			snprintf(wa, sizeof wa, "%.*f", report_decimals(1 - x->write_availability.mean),
				 x->write_availability.mean);
			snprintf(lost, sizeof lost, "%.4g", x->lost.mean);
			cells[np + 10] = wa;
			cells[np + 11] = lost;
		}
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

static int write_text(FILE *f, const struct sweep *s, int md)
{
	static const char right[] = "11111111111111";
	struct table *t;
	int flagged;

	heading(f, s, md);
	report_warnings_text(f, s->warn, md);
	fputc('\n', f);
	t = points_table(s, &flagged);
	if (!t)
		return -1;
	if (md)
		table_print_md(f, t, right + (SWEEP_MAX_PARAMS - s->nparam));
	else
		table_print(f, t, "  ", right + (SWEEP_MAX_PARAMS - s->nparam), 0);
	table_free(t);
	if (flagged)
		fprintf(f, "\n%s\n", REPORT_OUTSIDE_NOTE);
	return ferror(f) ? -1 : 0;
}


static void csv_est(FILE *f, const struct estimate *e, double scale)
{
	report_csv_num(f, e->mean * scale);
	report_csv_num(f, e->ci_low * scale);
	report_csv_num(f, e->ci_high * scale);
}

static int write_csv(FILE *f, const struct sweep *s)
{
	/* a warning: "warning" in the first column, the line in the second */
	static const enum report_warn_col wcols[] = { REPORT_WARN_KIND, REPORT_WARN_LINE };
	size_t ncols;

	for (size_t k = 0; k < s->nparam; k++) {
		if (k)
			fputc(',', f);
		report_csv_field(f, s->param[k].path);
	}
	fputc(',', f);
	ncols = s->nparam + report_csv_header(f,
		"availability,availability_ci_low,availability_ci_high,"
		"nines,nines_ci_low,nines_ci_high,"
		"downtime_minutes_per_year,downtime_ci_low,downtime_ci_high,"
		"outages_per_year,outages_ci_low,outages_ci_high,mean_outage_minutes,"
		"analytic_availability,analytic_nines,analytic_downtime_minutes_per_year,"
		"within_ci,method,samples,relative_error,"
		"write_availability,write_availability_ci_low,write_availability_ci_high,"
		"lost_writes_per_year,lost_writes_ci_low,lost_writes_ci_high,"
		"loss_in_a_year_probability");
	for (size_t i = 0; i < s->npoints; i++) {
		const struct sweep_point *pt = &s->point[i];
		int within = report_within(&pt->m, pt->exact_a);

		for (size_t k = 0; k < s->nparam; k++) {
			if (k)
				fputc(',', f);
			fprintf(f, "%.17g", pt->value[k]);
		}
		csv_est(f, &pt->m.availability, 1);
		csv_est(f, &pt->m.nines, 1);
		csv_est(f, &pt->m.downtime_min_per_year, 1);
		csv_est(f, &pt->m.outages_per_year, 1);
		report_csv_num(f, pt->m.mean_outage_min.mean);
		report_csv_num(f, pt->exact_a);
		report_csv_num(f, -log10(pt->exact_u));
		report_csv_num(f, pt->exact_u * MIN_PER_YEAR);
		fprintf(f, ",%s,%s,%ld", within > 0 ? "true" : within == 0 ? "false" : "",
			run_method_name(pt->method), pt->samples);
		report_csv_num(f, pt->rel_error);
		csv_est(f, &pt->writes.write_availability, 1);
		csv_est(f, &pt->writes.lost, 1);
		report_csv_num(f, pt->writes.lossy.mean);
		fputc('\n', f);
	}
	report_warnings_csv(f, s->warn, ncols, wcols, 2);
	return ferror(f) ? -1 : 0;
}

static int write_json(FILE *f, const struct sweep *s)
{
	fputs("{\n  \"nines_version\": ", f);
	report_json_str(f, PACKAGE_VERSION);
	fputs(",\n", f);
	report_warnings_json(f, s->warn);
	fputs("  \"topology\": {\"name\": ", f);
	report_json_str(f, s->name);
	fputs(", \"file\": ", f);
	report_json_str(f, s->file);
	fputs("},\n  \"simulation\": {\"horizon_hours\": ", f);
	report_json_num(f, s->set.horizon);
	fputs(", \"warmup_hours\": ", f);
	report_json_num(f, s->set.warmup);
	fprintf(f, ", \"replications\": %ld, \"seed\": %llu, \"confidence\": ",
		s->set.replications, (unsigned long long)s->set.seed);
	report_json_num(f, s->set.confidence);
	fputs("},\n  \"parameters\": [", f);
	for (size_t k = 0; k < s->nparam; k++) {
		const struct sweep_param *p = &s->param[k];

		fputs(k ? ",\n    {\"path\": " : "\n    {\"path\": ", f);
		report_json_str(f, p->path);
		fputs(", \"from\": ", f);
		report_json_num(f, p->from);
		fputs(", \"to\": ", f);
		report_json_num(f, p->to);
		fprintf(f, ", \"points\": %zu, \"scale\": \"%s\", \"duration\": %s,\n"
			"     \"values\": [", p->nvalues, p->log ? "log" : "linear",
			p->duration ? "true" : "false");
		for (size_t i = 0; i < p->nvalues; i++) {
			if (i)
				fputs(", ", f);
			report_json_num(f, p->values[i]);
		}
		fputs("]}", f);
	}
	fputs("\n  ],\n  \"points\": [", f);
	for (size_t i = 0; i < s->npoints; i++) {
		fputs(i ? ",\n    {\"values\": [" : "\n    {\"values\": [", f);
		for (size_t k = 0; k < s->nparam; k++) {
			if (k)
				fputs(", ", f);
			report_json_num(f, s->point[i].value[k]);
		}
		fprintf(f, "], \"method\": \"%s\", \"samples\": %ld, \"relative_error\": ",
			run_method_name(s->point[i].method), s->point[i].samples);
		report_json_num(f, s->point[i].rel_error);
		fprintf(f, ",\n     \"system\": %s}", s->point[i].system_json);
	}
	fputs("\n  ]\n}\n", f);
	return ferror(f) ? -1 : 0;
}

int sweep_write(FILE *f, enum report_format fmt, const struct sweep *s)
{
	switch (fmt) {
	case REPORT_TEXT:
		return write_text(f, s, 0);
	case REPORT_MD:
		return write_text(f, s, 1);
	case REPORT_CSV:
		return write_csv(f, s);
	case REPORT_JSON:
		return write_json(f, s);
	}
	return -1;
}

int sweep_plot(const struct sweep *s, const char *dir, const char *templates,
	       unsigned terminals, struct diag *diag)
{
	const struct sweep_param *px = &s->param[0], *py = s->nparam > 1 ? &s->param[1] : NULL;
	struct plot_sweep_point *pp = calloc(s->npoints, sizeof *pp);
	char **ytext = py ? calloc(py->nvalues, sizeof *ytext) : NULL;
	struct plot_sweep ps = {
		.name = s->name, .confidence = s->set.confidence,
		.xpath = px->path, .xduration = px->duration, .xlog = px->log,
		.x = px->values, .nx = px->nvalues,
		.ypath = py ? py->path : NULL, .ny = py ? py->nvalues : 1,
	};
	int rc = -1;

	if (!pp || (py && !ytext))
		goto out;
	for (size_t j = 0; py && j < py->nvalues; j++) {
		char buf[64];

		ytext[j] = strdup(sweep_param_format(py, py->values[j], buf, sizeof buf));
		if (!ytext[j])
			goto out;
	}
	for (size_t i = 0; i < s->npoints; i++) {
		const struct sweep_point *pt = &s->point[i];
		const struct measures *m = &pt->m;

		pp[i].nines = (struct plot_estimate){ m->nines.mean, m->nines.ci_low, m->nines.ci_high };
		pp[i].downtime = (struct plot_estimate){ m->downtime_min_per_year.mean,
							 m->downtime_min_per_year.ci_low,
							 m->downtime_min_per_year.ci_high };
		pp[i].exact_nines = -log10(pt->exact_u);
		pp[i].exact_downtime = pt->exact_u * HOURS_PER_YEAR * 60;
	}
	ps.ytext = (const char *const *)ytext;
	ps.point = pp;
	rc = plot_sweep(&ps, dir, templates, terminals, diag);
out:
	for (size_t j = 0; ytext && j < py->nvalues; j++)
		free(ytext[j]);
	free(ytext);
	free(pp);
	if (rc && diag->kind == DIAG_NONE)
		diag_runtime(diag, "out of memory");
	return rc;
}

