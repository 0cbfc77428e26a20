/* report_md.c - the report as Markdown, to paste into a wiki or a ticket. */
#include <stdio.h>

#include "report/report_formats.h"
#include "report/report_warn.h"
#include "report/report_tables.h"
#include "report/table.h"
#include "util/duration.h"

int report_md(FILE *f, const struct report *rep)
{
	struct report_section s[REPORT_MAX_SECTIONS];
	char note[1024];
	int n = report_sections(rep, s);

	if (n < 0)
		return -1;
	/* user text is escaped: a name never turns into markup */
	fputs("## ", f);
	table_md_text(f, rep->t->name);
	fputs("\n\n", f);
	if (rep->t->description[0]) {
		table_md_text(f, rep->t->description);
		fputs("\n\n", f);
	}
	table_md_text(f, rep->t->file);
	if (rep->r) {
		char method[512], precision[512];

		fprintf(f, ": %s, seed %llu, %g%% confidence intervals.\n\n",
			report_samples(rep->r, method, sizeof method),
			(unsigned long long)rep->r->set.seed, rep->r->set.confidence * 100);
		report_precision_lines(rep->r, method, precision, sizeof method);
		fputs("Method: ", f);
		table_md_text(f, method);
		fputs(".  \nPrecision: ", f);
		table_md_text(f, precision);
		fputs(".\n", f);
	} else
		fputs(": exact steady-state values, no simulation.\n", f);
	/* every section opens with its blank line */
	report_warnings_text(f, rep->warn, 1);
	for (int i = 0; i < n; i++) {
		fprintf(f, "\n### %s\n\n", s[i].md_title);
		if (s[i].intro[0])
			fprintf(f, "%s.\n\n", s[i].intro);
		table_print_md(f, s[i].t, s[i].right);
	}
	report_sections_release(s, n);
	fprintf(f, "\nExact: %s.", report_exact_note(rep, note, sizeof note));
	if (rep->r && report_any_outside(rep))
		fputs("\n\n" REPORT_OUTSIDE_NOTE, f);
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}
