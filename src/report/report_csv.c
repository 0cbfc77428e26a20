/* report_csv.c - one row per entity (the system, each block, each
 * component type) for spreadsheets; fields quoted as RFC 4180 says.
 * "size" is a block's number of children or a type's number of instances.
 * How the run was obtained (method, why, samples, stop, relative error,
 * the projection to a target) is run-wide: the system's row carries it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_formats.h"
#include "report/report_warn.h"

size_t report_csv_header(FILE *f, const char *header)
{
	size_t n = 1;

	for (const char *c = header; *c; c++)
		n += *c == ',';
	fprintf(f, "%s\n", header);
	return n;
}

void report_csv_field(FILE *f, const char *s)
{
	/* a spreadsheet runs a cell that starts with one of these as a
	 * formula: a leading ' makes it text (OWASP's CSV injection advice) */
	int formula = s[0] && strchr("=+-@\t\r", s[0]);

	if (formula || strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		if (formula)
			fputc('\'', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
}

void report_csv_num(FILE *f, double x)
{
	fputc(',', f);
	if (isfinite(x))
		fprintf(f, "%.17g", x);
}

static void est(FILE *f, const struct estimate *e)
{
	report_csv_num(f, e->mean);
	report_csv_num(f, e->ci_low);
	report_csv_num(f, e->ci_high);
}

void report_csv_precision(FILE *f, const struct result *r)
{
	struct report_precision p;

	report_precision(r, &p);
	fprintf(f, ",%s,", p.method);
	report_csv_field(f, r->why);
	fprintf(f, ",%ld,%s", r->samples, p.stop);
	report_csv_num(f, r->rel_error);
	report_csv_num(f, r->set.target_error > 0 ? r->set.target_error : NAN);
	report_csv_num(f, p.target);
	report_csv_num(f, p.more);
	fprintf(f, ",%s", p.at_least ? "true" : "false");
}

static void row(FILE *f, const struct report *rep, const char *scope, const char *name,
		const char *path, const char *type, size_t instances,
		const struct moments *mo, double a, double u, const struct estimate *share)
{
	report_csv_field(f, scope);
	fputc(',', f);
	report_csv_field(f, name);
	fputc(',', f);
	report_csv_field(f, path);
	fputc(',', f);
	report_csv_field(f, type);
	fprintf(f, ",%zu", instances);
	if (rep->r) {
		struct measures m;

		result_measures(rep->r, mo, &m);
		est(f, &m.availability);
		est(f, &m.nines);
		est(f, &m.downtime_min_per_year);
		est(f, &m.outages_per_year);
		est(f, &m.mean_outage_min);
		report_csv_num(f, a);
		fprintf(f, ",%s", report_within(&m, a) > 0 ? "true" :
			   report_within(&m, a) == 0 ? "false" : "");
		if (share)
			est(f, share);
		else
			fputs(",,,", f);
		report_csv_num(f, m.outages);
		fprintf(f, ",%s", report_interval_name(m.interval));
		/* run-wide: the system's row carries it */
		if (strcmp(scope, "system") == 0)
			report_csv_precision(f, rep->r);
		else
			fputs(",,,,,,,,,", f);
	} else {
		report_csv_num(f, a);
		report_csv_num(f, -log10(u));
		report_csv_num(f, u * 8760 * 60);
	}
	fputc('\n', f);
}

/* The header of a report with a run, and of one with exact values alone. */
#define CSV_WHERE "scope,name,path,type,size"
static const char csv_run_header[] = CSV_WHERE
	",availability,availability_ci_low,availability_ci_high"
	",nines,nines_ci_low,nines_ci_high"
	",downtime_minutes_per_year,downtime_ci_low,downtime_ci_high"
	",outages_per_year,outages_ci_low,outages_ci_high"
	",mean_outage_minutes,mean_outage_ci_low,mean_outage_ci_high"
	",analytic_availability,analytic_within_ci"
	",share_of_system_downtime,share_ci_low,share_ci_high"
	",outages_seen,interval," REPORT_CSV_PRECISION;
static const char csv_exact_header[] = CSV_WHERE
	",analytic_availability,analytic_nines,analytic_downtime_minutes_per_year";

int report_csv(FILE *f, const struct report *rep)
{
	const struct model *mo = rep->m;
	/* a warning: scope "warning", the line as name, its JSON path as path */
	static const enum report_warn_col wcols[] = {
		REPORT_WARN_KIND, REPORT_WARN_LINE, REPORT_WARN_PATH,
	};
	size_t ncols = report_csv_header(f, rep->r ? csv_run_header : csv_exact_header);

	for (size_t b = 0; b < model_blocks(mo); b++) {
		struct estimate share;

		if (rep->r)
			share = result_attribution(rep->r, b);
		row(f, rep, b == 0 ? "system" : "block", model_block_name(mo, b),
		    model_block_path(mo, b), block_kind_name(model_block_kind(mo, b)),
		    (size_t)model_block_children(mo, b),
		    rep->r ? &rep->r->block[b] : NULL, rep->a->block_a[b], rep->a->block_u[b],
		    rep->r ? &share : NULL);
	}
	for (size_t t = 0; t < model_types(mo); t++)
		if (model_type_instances(mo, t) > 0)
			row(f, rep, "component", model_type_name(mo, t), "", "component",
			    model_type_instances(mo, t), rep->r ? &rep->r->type[t] : NULL,
			    rep->a->type_a[t], rep->a->type_u[t], NULL);
	report_warnings_csv(f, rep->warn, ncols, wcols, 3);
	return ferror(f) ? -1 : 0;
}
