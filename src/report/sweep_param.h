/* sweep_param.h - one --vary of `nines sweep`: a parameter's path, the
 * values it takes (a range FROM:TO:N[:log] or a list V1,V2,...), how each
 * is put into the file, and how the reports name and print them. */
#ifndef NINES_SWEEP_PARAM_H
#define NINES_SWEEP_PARAM_H

#include <stddef.h>
#include <stdio.h>

#include "util/diag.h"

#define SWEEP_MAX_VALUES 200     /* values of one --vary */

/* One --vary PATH=FROM:TO:N[:log] or PATH=V1,V2,... */
struct sweep_param {
	char *path;              /* JSON path into the topology (topology_set) */
	const char *label;       /* what the reports call it (--label), NULL: the path */
	double from, to;         /* hours when DURATION; a list's first and last
	                            values when NUMERIC, else 0 */
	char *from_text, *to_text;   /* FROM and TO as written ("500h"); a list's
	                                first and last items */
	int n;                   /* N as given; a list's length */
	int log;                 /* geometric spacing, else linear */
	int duration;            /* a value had a unit: the values are hours */
	int integer;             /* FROM and TO were plain integers: values rounded */
	int words;               /* durations print in words ("4 h 30 min"): they
	                            tell every value apart */
	int list;                /* the values were listed: ITEM holds them */
	int numeric;             /* every value a number or a duration: VALUES
	                            holds them (always for a range) */
	int categorical;         /* a list drawn as categories: not NUMERIC, or
	                            not in increasing or decreasing order */
	double *values;          /* [nvalues], from FROM to TO, or as listed; a
	                            list not NUMERIC: 0, 1, 2...; rounded values
	                            without repeats when INTEGER */
	size_t nvalues;
	char **item;             /* [nvalues] a list's items as written, spaces
	                            around them dropped; NULL for a range */
	char **json;             /* [nvalues] a list's items as JSON values (a
	                            plain word as a string); NULL for a range */
};

/* Parse SPEC into P and fill its values.  SPEC is "PATH=FROM:TO:N" or
 * "PATH=FROM:TO:N:log" (FROM and TO plain numbers or durations such as
 * "30m", "8h"; a duration with a plain number makes both hours; N is 2
 * to SWEEP_MAX_VALUES; log needs FROM and TO above 0; FROM and TO
 * differ), or "PATH=V1,V2,..." (a list: a value inside a JSON string,
 * array or object holds commas of its own; spaces around an item are
 * dropped; 2 to SWEEP_MAX_VALUES items, none empty, none twice, none
 * that is a range).  PATH ends at the first '='.  Returns 0 (release P
 * with sweep_param_release), or -1 with P released and D filled:
 * DIAG_USAGE with a message to follow "--vary: ", or DIAG_RUNTIME when
 * out of memory. */
int sweep_param_parse(const char *spec, struct sweep_param *p, struct diag *d);
void sweep_param_release(struct sweep_param *p);

/* What the reports call P: its label, else its path. */
const char *sweep_param_name(const struct sweep_param *p);

/* The text to set at P's path for value I (topology_set.text): a list's
 * item as written, NULL for a range (set values[I] as a number). */
const char *sweep_param_set_text(const struct sweep_param *p, size_t i);

/* Value I of P as the text report prints it: a list's item as written, a
 * duration in words ("4 h", "30 min") or hours when words would not tell
 * the values apart, a number plainly.  Returns BUF or the item. */
const char *sweep_param_format(const struct sweep_param *p, size_t i, char *buf, size_t size);

/* Write value I of P to F as a JSON value: a number (hours for a
 * duration) when P is NUMERIC, else the item as JSON. */
void sweep_param_json(FILE *f, const struct sweep_param *p, size_t i);

#endif
