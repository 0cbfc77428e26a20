/* plot_lines.c - the data of the two plots of plot_designs that draw a
 * line per design, outages and timeline, and what keeps those lines
 * readable: every design is told apart by its dash and its markers (set
 * per line type in the templates), a design whose line is the same as an
 * earlier design's says so in the key, the outage plot marks the
 * percentiles the reports print, and the timeline draws a design that is
 * steady over time flat.
 *
 * A design's block in a data file starts with its title (label, and what
 * the key adds to it) alone on a line, so that design I is block I and
 * keeps its colour, dash and marker in every plot. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot_int.h"
#include "util/duration.h"

/* The fractions of the outage percentiles plot_design carries. */
static const double outage_q[3] = { 0.5, 0.9, 0.99 };

/* Whether the outage lines of designs A and B are the same. */
static int same_cdf(const struct plot_design *a, const struct plot_design *b)
{
	if (a->ncdf != b->ncdf)
		return 0;
	for (size_t k = 0; k < a->ncdf; k++)
		if (!(a->cdf[k].minutes == b->cdf[k].minutes) || !(a->cdf[k].fraction == b->cdf[k].fraction))
			return 0;
	return 1;
}

/* Whether the timelines of designs A and B are the same. */
static int same_windows(const struct plot_design *a, const struct plot_design *b)
{
	if (a->nwindow != b->nwindow)
		return 0;
	for (size_t k = 0; k < a->nwindow; k++) {
		const struct plot_window *x = &a->window[k], *y = &b->window[k];

		if (memcmp(&x->start_hours, &y->start_hours, sizeof x->start_hours) != 0 ||
		    memcmp(&x->availability, &y->availability, sizeof x->availability) != 0)
			return 0;
	}
	return 1;
}

/* The first design before I whose line SAME says is design I's, or I. */
static size_t first_same(const struct ctx *C, size_t i,
			 int (*same)(const struct plot_design *, const struct plot_design *))
{
	for (size_t k = 0; k < i; k++)
		if (same(&C->d[k], &C->d[i]))
			return k;
	return i;
}

/* Start design I's block: a blank line or two between blocks, then its
 * label and " (the same as LABEL)" when its line is design SAME's. */
static void block_begin(FILE *f, const struct ctx *C, size_t i, size_t same)
{
	if (i)
		fputs("\n\n", f);
	plot_put_text(f, C->label[i]);
	if (same != i) {
		fputs(" (the same as ", f);
		plot_put_text(f, C->label[same]);
		fputc(')', f);
	}
}

/* Whether P can be drawn on the outage plot's log axis. */
static int cdf_point_ok(const struct plot_cdf_point *p)
{
	return p->minutes > 0 && isfinite(p->minutes) && isfinite(p->fraction);
}

/* The rest of design G's title line in the outage plot: its percentiles,
 * in the words of the text report. */
static void outage_title(FILE *f, const struct plot_design *g)
{
	static const char *const name[3] = { "p50", "p90", "p99" };
	char words[64];
	int first = 1;

	for (int k = 0; k < 3; k++) {
		if (!isfinite(g->outage_p[k]))
			continue;
		fprintf(f, "%s%s %s", first ? ": " : ", ", name[k],
			duration_format(g->outage_p[k] / 60, words, sizeof words));
		first = 0;
	}
}

/* OUTAGES.TSV: a block per design, its title, then a row per point of its
 * distribution (minutes, fraction, NaN, NaN), then its percentile marks
 * as rows (NaN, NaN, minutes, fraction) kept apart by rows of NaN so
 * that no line joins them. */
int plot_data_outages(struct ctx *C, struct job *j)
{
	int any = 0;
	FILE *f;

	for (size_t i = 0; i < C->n; i++)
		for (size_t k = 0; k < C->d[i].ncdf; k++)
			any |= cdf_point_ok(&C->d[i].cdf[k]);
	if (!any)
		return 0;
	f = plot_data_open(C, j, "outages.tsv");
	if (!f)
		return -1;
	for (size_t i = 0; i < C->n; i++) {
		const struct plot_design *g = &C->d[i];
		size_t same = first_same(C, i, same_cdf);

		block_begin(f, C, i, same);
		if (same == i)
			outage_title(f, g);
		fputc('\n', f);
		for (size_t k = 0; k < g->ncdf; k++) {
			/* a log axis has no room for a zero-length outage */
			if (!cdf_point_ok(&g->cdf[k]))
				continue;
			fprintf(f, "%.17g", g->cdf[k].minutes);
			plot_put_num(f, g->cdf[k].fraction);
			fputs("\tNaN\tNaN\n", f);
		}
		for (int k = 0; k < 3; k++) {
			if (!(g->outage_p[k] > 0) || !isfinite(g->outage_p[k]))
				continue;
			fprintf(f, "NaN\tNaN\t%.17g\t%g\nNaN\tNaN\tNaN\tNaN\n", g->outage_p[k], outage_q[k]);
		}
	}
	if (plot_data_close(C, j->arg[0], f) || plot_job_num(C, j, (double)C->n))
		return -1;
	return 1;
}

/* Fewest windows whose order the timeline judges. */
#define STEADY_MIN_WINDOWS 10

/* How far, in standard deviations, the von Neumann ratio may stray from 2
 * for a design to be steady: a two-sided test at the 0.1% level. */
#define STEADY_Z 3.29

/* Whether design G's availability is steady over time: its windows vary
 * no more than chance, judged by the von Neumann ratio of their means
 * (the mean square of successive differences over the variance, 2 for
 * values that do not depend on their order; a trend or a slow change
 * makes it smaller, an alternation larger), and it has an availability
 * over the whole run to draw instead.  Too few windows are not judged. */
static int timeline_steady(const struct plot_design *g)
{
	double sum = 0, prev = NAN, diff = 0, dev = 0, mean, ratio, sd;
	size_t k = 0;

	if (isnan(g->nines.mean))
		return 0;
	for (size_t w = 0; w < g->nwindow; w++)
		if (isfinite(g->window[w].start_hours) && isfinite(g->window[w].availability.mean)) {
			sum += g->window[w].availability.mean;
			k++;
		}
	if (k < STEADY_MIN_WINDOWS)
		return 0;
	mean = sum / (double)k;
	for (size_t w = 0; w < g->nwindow; w++) {
		double a = g->window[w].availability.mean;

		if (!isfinite(g->window[w].start_hours) || !isfinite(a))
			continue;
		dev += (a - mean) * (a - mean);
		if (!isnan(prev))
			diff += (a - prev) * (a - prev);
		prev = a;
	}
	if (dev == 0)
		return 1;       /* every window the same */
	ratio = diff / dev;
	sd = sqrt(4.0 * (double)(k - 2) / ((double)k * (double)k - 1));
	return fabs(ratio - 2) <= STEADY_Z * sd;
}

/* Availability in percent for NINES. */
static double nines_percent(double nines)
{
	return 100 * (1 - pow(10, -nines));
}

/* Design I's rows of TIMELINE.TSV: start (years), the line, the band's
 * ends, a window's dot (steady designs) and a marker on the line every
 * STEP windows, shifted by design so that a line under another one still
 * shows its markers. */
static void timeline_rows(FILE *f, const struct ctx *C, size_t i, int steady, size_t step)
{
	const struct plot_design *g = &C->d[i];
	struct plot_estimate whole = plot_filled(g->nines);
	size_t at = 0, phase = step * i / (C->n ? C->n : 1);

	for (size_t k = 0; k < g->nwindow; k++) {
		const struct plot_window *w = &g->window[k];
		struct plot_estimate e = plot_filled(w->availability);
		double line = steady ? nines_percent(whole.mean) : 100 * e.mean;

		if (!isfinite(w->start_hours) || !isfinite(e.mean))
			continue;
		fprintf(f, "%.17g", w->start_hours / 8760);
		plot_put_num(f, line);
		plot_put_num(f, steady ? nines_percent(whole.ci_low) : 100 * e.ci_low);
		plot_put_num(f, steady ? nines_percent(whole.ci_high) : 100 * e.ci_high);
		plot_put_num(f, steady ? 100 * e.mean : NAN);
		plot_put_num(f, (at++ + step - phase) % step == 0 ? line : NAN);
		fputc('\n', f);
	}
}

/* TIMELINE.TSV: a block per design, its title ("steady" when drawn flat),
 * then its rows (timeline_rows). */
int plot_data_timeline(struct ctx *C, struct job *j)
{
	size_t most = 0, nsteady = 0, step;
	FILE *f;

	for (size_t i = 0; i < C->n; i++) {
		size_t m = 0;

		for (size_t k = 0; k < C->d[i].nwindow; k++)
			m += isfinite(C->d[i].window[k].start_hours) &&
			     isfinite(C->d[i].window[k].availability.mean);
		if (m > most)
			most = m;
	}
	if (!most)
		return 0;
	/* about twelve markers a line, every window when there are few */
	step = most > 24 ? (most + 11) / 12 : 1;
	f = plot_data_open(C, j, "timeline.tsv");
	if (!f)
		return -1;
	for (size_t i = 0; i < C->n; i++) {
		size_t same = first_same(C, i, same_windows);
		int steady = timeline_steady(&C->d[i]);

		block_begin(f, C, i, same);
		if (steady)
			fputs(same == i ? ": steady, drawn flat\n" : "\n", f);
		else
			fputc('\n', f);
		nsteady += (size_t)steady;
		timeline_rows(f, C, i, steady, step);
	}
	if (plot_data_close(C, j->arg[0], f) || plot_job_num(C, j, (double)C->n) || plot_job_num(C, j, C->level) ||
	    plot_job_num(C, j, (double)nsteady))
		return -1;
	return 1;
}
