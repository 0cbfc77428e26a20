/* report_text.c - the report a person reads in a terminal. */
#include <math.h>
#include <stdio.h>

#include "report/report_formats.h"
#include "report/report_tables.h"
#include "report/report_warn.h"
#include "report/table.h"
#include "util/duration.h"
#include "util/utf8.h"

/* The lines above the tables: what was run. */
static void heading(FILE *f, const struct report *rep)
{
	char h[64];

	fprintf(f, "%s (", rep->t->name);
	utf8_fputs_safe(f, rep->t->file);        /* from the command line */
	fputs(")\n", f);
	if (rep->t->description[0])
		fprintf(f, "%s\n", rep->t->description);
	if (rep->r) {
		char method[512], precision[512];

		fprintf(f, "%s, seed %llu, %g%% confidence intervals\n",
			report_samples(rep->r, method, sizeof method),
			(unsigned long long)rep->r->set.seed, rep->r->set.confidence * 100);
		report_precision_lines(rep->r, method, precision, sizeof method);
		fprintf(f, "method: %s\nprecision: %s\n", method, precision);
	} else
		fprintf(f, "exact steady-state values, no simulation\n");
	if (model_cost(rep->m) > 0)
		fprintf(f, "cost per year: %s\n", report_fmt_money(model_cost(rep->m), h, sizeof h));
}

int report_text(FILE *f, const struct report *rep)
{
	struct report_section s[REPORT_MAX_SECTIONS];
	char note[1024];
	int n = report_sections(rep, s);

	if (n < 0)
		return -1;
	heading(f, rep);
	report_warnings_text(f, rep->warn, 0);
	for (int i = 0; i < n; i++) {
		if (s[i].intro[0])
			fprintf(f, "\n%s: %s\n", s[i].text_title, s[i].intro);
		else
			fprintf(f, "\n%s\n", s[i].text_title);
		table_print(f, s[i].t, "  ", s[i].right, s[i].skip_header);
	}
	report_sections_release(s, n);
	fprintf(f, "\nexact: %s\n", report_exact_note(rep, note, sizeof note));
	if (rep->r && report_any_outside(rep))
		fputs(REPORT_OUTSIDE_NOTE "\n", f);
	return ferror(f) ? -1 : 0;
}
