/* report.c - a finished run in the format asked for: the dispatcher on top
 * of the format writers (report_text, report_json, report_md, report_csv),
 * which share report_measure and report_tables and never call back here. */
#include <stdio.h>
#include <string.h>

#include "report/report.h"

int report_format_parse(const char *name, enum report_format *f)
{
	static const char *const names[] = { "text", "json", "md", "csv" };

	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return -1;
}

int report_write(FILE *f, enum report_format fmt, const struct report *rep)
{
	switch (fmt) {
	case REPORT_TEXT:
		return report_text(f, rep);
	case REPORT_JSON:
		return report_json(f, rep);
	case REPORT_MD:
		return report_md(f, rep);
	case REPORT_CSV:
		return report_csv(f, rep);
	}
	return -1;
}
