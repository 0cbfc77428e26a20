/* duration.h - durations written with a unit ("30s", "5m", "8h", "2d",
 * "6w", "3mo", "1y"), read into hours. */
#ifndef NINES_DURATION_H
#define NINES_DURATION_H

#include "util/diag.h"

/* Hours in one year and one month as topology files count them. */
#define HOURS_PER_YEAR 8760.0
#define HOURS_PER_MONTH 730.0

/* Parse TEXT, a decimal number followed at once by one of the units
 * s, m, h, d, w, mo, y.  On success stores hours in *HOURS and returns 0.
 * On failure returns -1, leaves *HOURS alone and records in D a DIAG_INPUT
 * diagnostic whose text has no subject ("has no unit: ...", "is too
 * large"): the caller knows where TEXT came from and how to quote it, and
 * reports its own error with diag_text(D) after the quoted TEXT.  D is
 * one the caller has just cleared with diag_init (an error it already
 * holds is kept), or NULL to ask only whether TEXT is a duration.  The
 * value may be zero or negative here: callers decide what range they
 * accept. */
int duration_parse(const char *text, double *hours, struct diag *d);

/* Write HOURS in the largest unit that keeps it readable ("4 h 23 min",
 * "12 s", "2.5 d") into BUF of SIZE bytes.  Returns BUF. */
char *duration_format(double hours, char *buf, unsigned size);

#endif
