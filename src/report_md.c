/* report_md.c - the report as Markdown, to paste into a wiki or a ticket. */
#include <stdio.h>

#include "duration.h"
#include "report.h"
#include "table.h"

int report_md(FILE *f, const struct report *rep)
{
	struct table *t;
	char h[64];

	fprintf(f, "## %s\n\n", rep->t->name);
	if (rep->t->description[0])
		fprintf(f, "%s\n\n", rep->t->description);
	if (rep->r)
		fprintf(f, "`%s`: %ld replications of %s, seed %llu, %g%% confidence intervals.\n\n",
			rep->t->file, rep->r->set.replications,
			duration_format(rep->r->set.horizon, h, sizeof h),
			(unsigned long long)rep->r->set.seed, rep->r->set.confidence * 100);
	else
		fprintf(f, "`%s`: exact steady-state values, no simulation.\n\n", rep->t->file);
	t = report_system_table(rep);
	if (!t)
		return -1;
	fputs("### System\n\n", f);
	table_print_md(f, t, "00");
	table_free(t);
	fputs("\n### Blocks\n\n", f);
	t = report_blocks_table(rep);
	if (!t)
		return -1;
	table_print_md(f, t, report_blocks_right(rep));
	table_free(t);
	if (rep->r) {
		struct table *rt = report_replicated_table(rep);
		struct table *pt = report_pools_table(rep);

		if (rt) {
			fputs("\n### Replicated blocks\n\n", f);
			table_print_md(f, rt, "0011111");
			table_free(rt);
		}
		if (pt) {
			fputs("\n### Pools\n\n", f);
			table_print_md(f, pt, "01111");
			table_free(pt);
		}
	}
	if (rep->r && rep->r->nwindows > 0) {
		char line[512];

		report_slo_line(line, sizeof line, rep->r);
		fprintf(f, "\n### SLO windows\n\n%s.\n\n", line);
		t = report_slo_table(rep);
		if (!t)
			return -1;
		table_print_md(f, t, "011");
		table_free(t);
	}
	fputs("\n### Components (each instance)\n\n", f);
	t = report_types_table(rep);
	if (!t)
		return -1;
	table_print_md(f, t, report_types_right(rep));
	table_free(t);
	fprintf(f, "\nExact: %s.", rep->a->method);
	if (rep->r && report_any_outside(rep))
		fputs("\n\n" REPORT_OUTSIDE_NOTE, f);
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}
