/* html_tables.h - the tables of the HTML report (nines report) that the
 * text reports do not have.  Each returns a new table (its first row the
 * header) that the caller frees with table_free, or NULL when out of
 * memory. */
#ifndef NINES_HTML_TABLES_H
#define NINES_HTML_TABLES_H

#include "report/compare.h"
#include "report/table.h"

/* One row per design: the system's measures, its cost (when any design
 * has one), and its paired difference against the baseline (with more
 * than one design).  RIGHT gets the alignment of each column (room for 11
 * and the NUL). */
struct table *html_tables_summary(const struct comparison *c, char *right);

/* One row per design: its writes (report_writes: write availability,
 * write downtime per year, lost writes per year, the probability of a
 * loss in a year) and, with more than one design, the paired differences
 * of write downtime and lost writes against the baseline.  For designs
 * of which any replicates (compare_any_writes). */
struct table *html_tables_writes(const struct comparison *c);

/* The direct children of the system block of design D, each named over
 * its path; only the header row when the system has none. */
struct table *html_tables_tiers(const struct compare_design *d);

/* The component types of design D (simulated), as every report lists
 * them, with each availability's interval under it rather than in a
 * column of its own.  All columns but the first are numbers. */
struct table *html_tables_types(const struct compare_design *d);

/* The SLO targets, one row each, with a column per design: the
 * probability that a window falls below, its interval under it.  The
 * designs have whole windows (r->nwindows > 0). */
struct table *html_tables_slo(const struct comparison *c);

#endif
