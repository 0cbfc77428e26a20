/* report.h - a finished run (or only its analytic values) as text, JSON,
 * Markdown or CSV.  Reports only read; they never change a result. */
#ifndef NINES_REPORT_H
#define NINES_REPORT_H

#include <stdio.h>

#include "engine/result.h"
#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_MD, REPORT_CSV };

/* Look up "text", "json", "md" or "csv".  Returns 0 or -1. */
int report_format_parse(const char *name, enum report_format *f);

struct report {
	const struct topology *t;    /* name, description, file */
	const struct model *m;
	const struct analytic *a;
	const struct result *r;      /* NULL: analytic values only (nines analyze) */
};

/* Write REP to F in format FMT.  Returns 0, or -1 when writing failed. */
int report_write(FILE *f, enum report_format fmt, const struct report *rep);

/* Format-specific writers, called by report_write. */
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

/* CSV pieces: a field quoted as RFC 4180 says; ",NUMBER" (%.17g, empty
 * when not finite). */
void report_csv_field(FILE *f, const char *s);
void report_csv_num(FILE *f, double x);

/* Shared by the writers. */

/* What a quorum or failover block adds to its measures. */
struct replicated_measures {
	struct estimate switches;            /* elections or automatic switches per year */
	struct estimate failed;              /* failed switches per year */
	struct estimate lost;                /* async: writes lost per year */
	struct estimate lossy;               /* async: probability of any loss in a year */
	struct estimate write_availability;  /* sync */
};
void report_replicated(const struct report *rep, size_t b, struct replicated_measures *x);

/* Whether any block's or type's exact availability lies outside its
 * simulated interval. */
int report_any_outside(const struct report *rep);

/* Fewer replications than this with any downtime, and a Student-t
 * interval is too rough to hold an exact value against. */
#define REPORT_MIN_DOWN 10

/* The footnote under a report with a flagged value. */
#define REPORT_OUTSIDE_NOTE \
	"! the exact long-run value lies outside the simulated interval.  Each value is\n" \
	"  tested at the confidence level, so among many a few misses are expected by\n" \
	"  chance.  Non-exponential laws started new also take some cycles to reach the\n" \
	"  long run: a --warmup of a few MTBFs removes that start-up effect."


/* 1 when EXACT lies inside the availability interval of M (inclusive), 0
 * when outside, -1 when fewer than REPORT_MIN_DOWN replications saw any
 * downtime, so that the interval tells too little to compare. */
int report_within(const struct measures *m, double exact);

/* The measures of block B or type T of the report's result. */
void report_block_measures(const struct report *rep, size_t b, struct measures *out);
void report_type_measures(const struct report *rep, size_t t, struct measures *out);

/* How many decimals show an availability whose unavailability is U:
 * two more than its nines, from 4 to 12. */
int report_decimals(double u);


/* The cells of one row of measures M with the exact availability EA and
 * unavailability EU, as the block tables show them: availability, CI,
 * exact (" !" when outside the interval), nines, downtime/yr, outages/yr,
 * mean outage.  CELLS gets 7 pointers into BUFS, 7 buffers of 64 bytes. */
void report_measure_cells(const struct measures *m, double ea, double eu,
			  char bufs[][64], const char **cells);

/* An amount of money with thousands separated: "12,400". */
char *report_fmt_money(double x, char *buf, size_t size);

/* Minutes per year in words ("4 h 23 min"), into BUF.  Returns BUF. */
char *report_fmt_minutes(double minutes, char *buf, size_t size);



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

/* Which columns of the types table align right ('1'). */
const char *report_types_right(const struct report *rep);
#endif
