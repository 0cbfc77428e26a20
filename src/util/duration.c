/* duration.c - durations with units, to and from hours: what topology
 * files and the command line (--window, sweep ranges) share. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/duration.h"

static const struct {
	const char *suffix;
	double hours;
} units[] = {
	{ "s", 1.0 / 3600 },
	{ "m", 1.0 / 60 },
	{ "h", 1.0 },
	{ "d", 24.0 },
	{ "w", 168.0 },
	{ "mo", HOURS_PER_MONTH },
	{ "y", HOURS_PER_YEAR },
};

int duration_parse(const char *text, double *hours, struct diag *d)
{
	static const char not_duration[] = "is not a duration: write a number and a unit "
		"such as \"30s\", \"5m\", \"8h\", \"2d\", \"6w\", \"3mo\" or \"1y\"";
	char *end;
	double v;

	/* strtod also reads "inf", "nan", hex and leading blanks: accept only
	 * what it read from plain decimal characters. */
	v = strtod(text, &end);
	if (end == text || !(isdigit((unsigned char)text[0]) || text[0] == '.' ||
			     text[0] == '+' || text[0] == '-'))
		return diag_input(d, NULL, NULL, "%s", not_duration);
	for (const char *q = text; q < end; q++)
		if (!isdigit((unsigned char)*q) && !strchr(".eE+-", *q))
			return diag_input(d, NULL, NULL, "%s", not_duration);
	if (*end == '\0')
		return diag_input(d, NULL, NULL, "has no unit: write one of s, m, h, d, w, mo,"
				  " y after the number (a bare JSON number means hours)");
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(end, units[i].suffix) == 0) {
			v *= units[i].hours;
			if (!isfinite(v))
				return diag_input(d, NULL, NULL, "is too large");
			*hours = v;
			return 0;
		}
	}
	return diag_input(d, NULL, NULL, "has an unknown unit: use one of s, m, h, d, w, mo, y");
}

char *duration_format(double hours, char *buf, unsigned size)
{
	double s = hours * 3600;

	if (!isfinite(hours))
		snprintf(buf, size, "-");
	else if (s < 1)
		snprintf(buf, size, "%.2g s", s);
	else if (s < 60)
		snprintf(buf, size, "%.0f s", s);
	else if (s < 3600) {
		long t = lround(s);
		if (t % 60 == 0 || t >= 600)
			snprintf(buf, size, "%ld min", (t + 30) / 60);
		else
			snprintf(buf, size, "%ld min %ld s", t / 60, t % 60);
	} else if (hours < 48) {
		long t = lround(hours * 60);
		if (t % 60 == 0)
			snprintf(buf, size, "%ld h", t / 60);
		else
			snprintf(buf, size, "%ld h %ld min", t / 60, t % 60);
	} else if (hours < 2 * HOURS_PER_YEAR)
		snprintf(buf, size, "%.1f d", hours / 24);
	else
		snprintf(buf, size, "%.1f y", hours / HOURS_PER_YEAR);
	return buf;
}
