/* report_formats.h - the format writers of one run, and the JSON and CSV
 * pieces that the comparison and sweep writers reuse.  Each writer
 * builds on report_measure and report_tables; report_write (report.h)
 * chooses among them. */
#ifndef NINES_REPORT_FORMATS_H
#define NINES_REPORT_FORMATS_H

#include <stdio.h>

#include "report/report_measure.h"

/* The format writers: REP to F.  Each returns 0, or -1 when writing
 * failed (or memory ran out). */
int report_text(FILE *f, const struct report *rep);
int report_json(FILE *f, const struct report *rep);
int report_md(FILE *f, const struct report *rep);
int report_csv(FILE *f, const struct report *rep);

/* The members of REP's JSON object after "nines_version", through its
 * closing brace: what `nines compare` repeats for each design. */
int report_json_design(FILE *f, const struct report *rep);
/* The value of a report's "system" member: "{", the system's name,
 * measures, outage percentiles and distribution, and analytic values, one
 * member a line indented by INDENT spaces (at most 60), then "}" indented
 * by two fewer.  What `nines sweep` repeats for each point. */
void report_json_system(FILE *f, const struct report *rep, int indent);
/* JSON pieces: a quoted, escaped string; a number (%.17g, null when not
 * finite); "KEY": {"mean", "ci_low", "ci_high", "stderr"}. */
void report_json_str(FILE *f, const char *s);
void report_json_num(FILE *f, double x);
void report_json_est(FILE *f, const char *key, const struct estimate *e);

/* CSV pieces: a field quoted as RFC 4180 says, with a leading ' when it
 * starts as a spreadsheet formula would (= + - @ tab CR); ",NUMBER"
 * (%.17g, empty when not finite). */
void report_csv_field(FILE *f, const char *s);
void report_csv_num(FILE *f, double x);
/* The header line HEADER (column names joined by commas, none quoted) and
 * its end of line; returns how many columns it names, which every row
 * after it has (report_warnings_csv's rows too). */
size_t report_csv_header(FILE *f, const char *header);
/* How R was obtained and how precise it is (report_precision), as the
 * fields REPORT_CSV_PRECISION names, each after a comma. */
void report_csv_precision(FILE *f, const struct result *r);
#define REPORT_CSV_PRECISION "method,method_why,samples,stop,relative_error,target_error," \
	"projected_error,more_samples,more_samples_at_least"

#endif
