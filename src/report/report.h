/* report.h - a finished run (or only its analytic values) as text, JSON,
 * Markdown or CSV: the dispatcher, on top of the writers (report_formats.h)
 * and what they share (report_measure.h, report_tables.h).  Reports only
 * read; they never change a result. */
#ifndef NINES_REPORT_H
#define NINES_REPORT_H

#include <stdio.h>

#include "report/report_formats.h"
#include "report/report_measure.h"

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_MD, REPORT_CSV };

/* Look up "text", "json", "md" or "csv".  Returns 0 or -1. */
int report_format_parse(const char *name, enum report_format *f);

/* Write REP to F in format FMT.  Returns 0, or -1 when writing failed. */
int report_write(FILE *f, enum report_format fmt, const struct report *rep);

#endif
