/* report_tables.h - the tables of the text and Markdown reports, built from
 * a report's measures (report_measure.h). */
#ifndef NINES_REPORT_TABLES_H
#define NINES_REPORT_TABLES_H

#include "report/report_measure.h"
#include "report/table.h"

/* One row per component type (with a header row), as the reports show
 * it; NULL when out of memory; the caller frees it with table_free.  With
 * a simulated result the rows carry the measures and their intervals;
 * without, only exact values. */
struct table *report_types_table(const struct report *rep);
/* SLO windows: one row per target with the probability that a window
 * falls below it; NULL when out of memory or when the horizon holds no
 * whole window (check rep->r->nwindows). */
struct table *report_slo_table(const struct report *rep);
/* The body of the text and Markdown reports: its sections in order, each
 * with its headings in both styles, an optional sentence before the
 * table, and which columns align right.  Sections a design does not need
 * (replicated blocks, pools, SLO windows) are left out. */
struct report_section {
	char text_title[256];        /* "blocks", "system \"crm\"", ... */
	const char *md_title;        /* "Blocks", "System", ... */
	char intro[512];             /* "" or a sentence (the SLO windows) */
	struct table *t;
	const char *right;
	int skip_header;             /* the text style prints no header row */
};

#define REPORT_MAX_SECTIONS 6

/* Fill S (REPORT_MAX_SECTIONS entries) and return how many, or -1 when out
 * of memory (nothing to release then).  Release with
 * report_sections_release. */
int report_sections(const struct report *rep, struct report_section *s);
void report_sections_release(struct report_section *s, int n);

/* Which columns of the types table align right ('1'): a static string. */
const char *report_types_right(const struct report *rep);

#endif
