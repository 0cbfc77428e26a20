/* report_text.c - the report a person reads in a terminal. */
#include <math.h>
#include <stdio.h>

#include "duration.h"
#include "report.h"
#include "table.h"

/* Header lines shared by text and Markdown: what was run. */
static void heading(FILE *f, const struct report *rep)
{
	char h[64];

	fprintf(f, "%s (%s)\n", rep->t->name, rep->t->file);
	if (rep->t->description[0])
		fprintf(f, "%s\n", rep->t->description);
	if (rep->r)
		fprintf(f, "%ld replications of %s, seed %llu, %g%% confidence intervals\n",
			rep->r->set.replications, duration_format(rep->r->set.horizon, h, sizeof h),
			(unsigned long long)rep->r->set.seed, rep->r->set.confidence * 100);
	else
		fprintf(f, "exact steady-state values, no simulation\n");
	if (model_cost(rep->m) > 0)
		fprintf(f, "cost per year: %s\n", report_fmt_money(model_cost(rep->m), h, sizeof h));
}

static int print(FILE *f, struct table *t, const char *indent, const char *right,
		 int skip_header)
{
	if (!t)
		return -1;
	table_print(f, t, indent, right, skip_header);
	table_free(t);
	return 0;
}

int report_any_outside(const struct report *rep)
{
	struct measures m;

	for (size_t b = 0; b < model_blocks(rep->m); b++) {
		report_block_measures(rep, b, &m);
		if (report_within(&m, rep->a->block_a[b]) == 0)
			return 1;
	}
	for (size_t t = 0; t < model_types(rep->m); t++) {
		if (model_type_instances(rep->m, t) == 0)
			continue;
		report_type_measures(rep, t, &m);
		if (report_within(&m, rep->a->type_a[t]) == 0)
			return 1;
	}
	return 0;
}

int report_text(FILE *f, const struct report *rep)
{
	heading(f, rep);
	fprintf(f, "\nsystem \"%s\"\n", model_block_name(rep->m, 0));
	if (print(f, report_system_table(rep), "  ", "00", 1))
		return -1;
	fputs("\nblocks\n", f);
	if (print(f, report_blocks_table(rep), "  ", report_blocks_right(rep), 0))
		return -1;
	if (rep->r) {
		struct table *rt = report_replicated_table(rep);
		struct table *pt = report_pools_table(rep);

		if (rt) {
			fputs("\nreplicated blocks\n", f);
			table_print(f, rt, "  ", "0011111", 0);
			table_free(rt);
		}
		if (pt) {
			fputs("\npools\n", f);
			table_print(f, pt, "  ", "01111", 0);
			table_free(pt);
		}
	}
	if (rep->r && rep->r->nwindows > 0) {
		char line[512];

		report_slo_line(line, sizeof line, rep->r);
		fprintf(f, "\nSLO windows: %s\n", line);
		if (print(f, report_slo_table(rep), "  ", "011", 0))
			return -1;
	}
	fputs("\ncomponents (each instance)\n", f);
	if (print(f, report_types_table(rep), "  ", report_types_right(rep), 0))
		return -1;
	fprintf(f, "\nexact: %s\n", rep->a->method);
	if (rep->r && report_any_outside(rep))
		fputs(REPORT_OUTSIDE_NOTE "\n", f);
	return ferror(f) ? -1 : 0;
}
