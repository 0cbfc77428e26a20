/* plot_data.c - the data files of the bar and point plots of
 * plot_designs (availability, downtime, slo, tradeoff; plot_lines.c
 * writes those of the line plots) and the table of all six writers: each turns the designs into
 * tab-separated files and numbers for its template, or says that no
 * design has data for it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot_int.h"
#include "report/report_measure.h"
#include "util/duration.h"

/* ---- the plots: each writes its data and arguments, and returns 1,
 * 0 when it has nothing to draw, or -1 with the diagnostic ---- */

/* The largest of TOP and E's finite values. */
static double finite_top(double top, struct plot_estimate e)
{
	double v[3] = { e.mean, e.ci_low, e.ci_high };

	for (int k = 0; k < 3; k++)
		if (isfinite(v[k]) && v[k] > top)
			top = v[k];
	return top;
}

/* Where infinite nines are drawn: a whole nine of headroom above TOP, the
 * largest finite value (-INFINITY: none). */
static double nines_ceiling(double top)
{
	return isfinite(top) && top > 0 ? ceil(top) + 1 : 6;
}

static int data_availability(struct ctx *C, struct job *j)
{
	double top = -INFINITY, clip;
	size_t nclipped = 0, width = 0;
	int any = 0;
	FILE *f;

	for (size_t i = 0; i < C->n; i++) {
		if (isnan(C->d[i].nines.mean))
			continue;
		any = 1;
		top = finite_top(top, C->d[i].nines);
	}
	if (!any)
		return 0;
	clip = nines_ceiling(top);
	f = plot_data_open(C, j, "availability.tsv");
	if (!f)
		return -1;
	for (size_t i = 0; i < C->n; i++) {
		struct plot_estimate e = plot_filled(C->d[i].nines);
		int inf = isinf(e.mean) || isinf(e.ci_high);

		plot_put_text(f, C->label[i]);
		width += plot_text_width(C->label[i]) + 2;
		fprintf(f, "\t%zu", i);
		plot_put_num(f, plot_clipped(e.mean, clip));
		plot_put_num(f, plot_clipped(e.ci_low, clip));
		plot_put_num(f, plot_clipped(e.ci_high, clip));
		plot_put_num(f, inf ? clip : NAN);
		nclipped += inf;
		if (isinf(e.mean))
			fputs("\tnever down\n", f);
		else if (isnan(e.mean))
			fputs("\t\n", f);
		else
			fprintf(f, "\t%.2f\n", e.mean);
	}
	if (plot_data_close(C, j->arg[0], f) || plot_job_num(C, j, clip) || plot_job_num(C, j, (double)nclipped) ||
	    plot_job_num(C, j, C->level) || plot_job_num(C, j, (double)width))
		return -1;
	return 1;
}

/* Longest tier name in the downtime plot's key, in characters. */
#define TIER_LABEL_MAX 24

/* Smallest part of a downtime bar, in percent, with its share written in it. */
#define SEGMENT_LABEL_MIN 6.0

/* How a design's downtime bar is drawn. */
enum bar_kind { BAR_STACKED, BAR_NEVER_DOWN, BAR_NO_SHARES };

static enum bar_kind bar_kind(const struct plot_design *g)
{
	int any = g->ntier == 0;

	if (g->downtime.mean == 0)
		return BAR_NEVER_DOWN;
	for (size_t t = 0; t < g->ntier; t++)
		any |= isfinite(g->tier[t].share.mean);
	return g->has_shares && any ? BAR_STACKED : BAR_NO_SHARES;
}

/* Index of NAME among the N names of NAMES, N when it is not there. */
static size_t name_index(const char *const *names, size_t n, const char *name)
{
	size_t k = 0;

	while (k < n && strcmp(names[k], name) != 0)
		k++;
	return k;
}

/* The percent of each of the NNAMES + 1 columns (the last: other) of
 * design G into ROW, zero when it is not a stacked bar.  Returns 1 when
 * its shares added up past 100% and were scaled down, else 0. */
static int downtime_row(const struct plot_design *g, const char *const *names,
			size_t nnames, double *row)
{
	double sum = 0;
	int scaled = 0;

	if (bar_kind(g) != BAR_STACKED)
		return 0;
	for (size_t t = 0; t < g->ntier; t++) {
		double share = g->tier[t].share.mean;

		if (!isfinite(share) || share <= 0)
			continue;
		row[name_index(names, nnames, g->tier[t].name ? g->tier[t].name : "")] += share;
		sum += share;
	}
	if (sum > 1 + 1e-9) {
		/* Tiers down together: each keeps its part of the bar in
		 * proportion, though together they were down for more. */
		for (size_t k = 0; k < nnames; k++)
			row[k] /= sum;
		scaled = 1;
	} else if (1 - sum > 1e-6) {
		row[nnames] = 1 - sum;
	}
	for (size_t k = 0; k <= nnames; k++)
		row[k] *= 100;
	return scaled;
}

/* The downtime plot's columns and percents: the tier names in the key,
 * and per design a row of NNAMES + 1 percents (the last: other). */
struct downtime {
	const char **names;
	size_t nnames, ncol;
	double *pct;              /* [n * ncol] */
	unsigned char *scaled;    /* [n]: shares added up past 100% */
	size_t nscaled;
	int other;                /* some design has a remainder */
};

static void downtime_release(struct downtime *w)
{
	free(w->pct);
	free(w->scaled);
	free(w->names);
}

/* Fill W from C's designs.  Returns 0, or -1 (out of memory) with the
 * diagnostic. */
static int downtime_fill(struct ctx *C, struct downtime *w)
{
	size_t all = 0;

	for (size_t i = 0; i < C->n; i++)
		all += C->d[i].ntier;
	w->names = malloc((all ? all : 1) * sizeof *w->names);
	w->scaled = calloc(C->n ? C->n : 1, 1);
	if (!w->names || !w->scaled)
		return plot_oom(C);
	/* The key names the tiers of the bars that are broken down only. */
	for (size_t i = 0; i < C->n; i++)
		for (size_t t = 0; bar_kind(&C->d[i]) == BAR_STACKED && t < C->d[i].ntier; t++) {
			const char *name = C->d[i].tier[t].name ? C->d[i].tier[t].name : "";

			if (name_index(w->names, w->nnames, name) == w->nnames)
				w->names[w->nnames++] = name;
		}
	w->ncol = w->nnames + 1;
	w->pct = calloc(C->n * w->ncol, sizeof *w->pct);
	if (!w->pct)
		return plot_oom(C);
	for (size_t i = 0; i < C->n; i++) {
		double *row = w->pct + i * w->ncol;

		w->scaled[i] = (unsigned char)downtime_row(&C->d[i], w->names, w->nnames, row);
		w->nscaled += w->scaled[i];
		w->other |= row[w->nnames] > 0;
	}
	return 0;
}

/* DOWNTIME.TSV: the header and each design's percents. */
static int downtime_percents(struct ctx *C, struct job *j, const struct downtime *w)
{
	FILE *f = plot_data_open(C, j, "downtime.tsv");

	if (!f)
		return -1;
	fputs("design", f);
	for (size_t k = 0; k < w->nnames; k++) {
		fputc('\t', f);
		plot_put_short(f, w->names[k], TIER_LABEL_MAX);
	}
	fputs(w->other ? "\tother\n" : "\n", f);
	for (size_t i = 0; i < C->n; i++) {
		plot_put_short(f, C->label[i], TIER_LABEL_MAX);
		for (size_t k = 0; k < w->nnames + (size_t)w->other; k++)
			plot_put_num(f, w->pct[i * w->ncol + k]);
		fputc('\n', f);
	}
	return plot_data_close(C, j->arg[j->nargs - 1], f);
}

/* DOWNTIME-LABELS.TSV: what is written above and in each bar. */
static int downtime_labels(struct ctx *C, struct job *j, const struct downtime *w)
{
	FILE *f = plot_data_open(C, j, "downtime-labels.tsv");
	size_t labelmax;

	if (!f)
		return -1;
	/* The design names share the width beside the key, about 110
	 * characters, with room for three bars at least. */
	labelmax = 110 / (C->n > 3 ? C->n : 3);
	if (labelmax < 8)
		labelmax = 8;
	for (size_t i = 0; i < C->n; i++) {
		const struct plot_design *g = &C->d[i];
		enum bar_kind kind = bar_kind(g);
		char words[64];

		plot_put_short(f, C->label[i], labelmax);
		fprintf(f, "\t%zu\t", i);
		if (kind == BAR_NEVER_DOWN)
			fputs("never down", f);
		else if (isfinite(g->downtime.mean))
			fprintf(f, "%s/yr%s", duration_format(g->downtime.mean / 60, words, sizeof words),
				w->scaled[i] ? " *" : "");
		fprintf(f, "\t%s\t%s\n", kind == BAR_NO_SHARES ? "no tier shares" : "",
			kind == BAR_STACKED ? "NaN" : "100");
	}
	return plot_data_close(C, j->arg[j->nargs - 1], f);
}

/* DOWNTIME-SEGMENTS.TSV: the parts tall enough to carry their number. */
static int downtime_segments(struct ctx *C, struct job *j, const struct downtime *w)
{
	FILE *f = plot_data_open(C, j, "downtime-segments.tsv");

	if (!f)
		return -1;
	for (size_t i = 0; i < C->n; i++) {
		double base = 0;

		for (size_t k = 0; k < w->ncol; k++) {
			double v = w->pct[i * w->ncol + k];

			if (v >= SEGMENT_LABEL_MIN)
				fprintf(f, "%zu\t%.17g\t%.0f%%\n", i, base + v / 2, v);
			base += v;
		}
	}
	return plot_data_close(C, j->arg[j->nargs - 1], f);
}

/* DOWNTIME.TSV: a header (a column per tier name, in the order first seen,
 * then "other" when a design has a remainder), then per design its label
 * and the percent of each column, stacked by the template in that order.
 * LABELS.TSV: per design its label, x, the text above its bar, the text
 * in it, and 100 for a bar drawn empty.  SEGMENTS.TSV: x, middle and
 * percent of each part tall enough to carry its number. */
static int data_downtime(struct ctx *C, struct job *j)
{
	struct downtime w = { 0 };
	int any = 0, rc = -1;

	for (size_t i = 0; i < C->n; i++)
		any |= isfinite(C->d[i].downtime.mean);
	if (!any)
		return 0;
	if (downtime_fill(C, &w) == 0 && downtime_percents(C, j, &w) == 0 &&
	    downtime_labels(C, j, &w) == 0 && downtime_segments(C, j, &w) == 0 &&
	    plot_job_num(C, j, (double)w.nnames) == 0 && plot_job_num(C, j, w.other) == 0 &&
	    plot_job_num(C, j, (double)w.nscaled) == 0 && plot_job_num(C, j, (double)C->n) == 0)
		rc = 1;
	downtime_release(&w);
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The SLO targets of every design, each once, in increasing order, into
 * a new *TARGET of *N (NULL when no design has a breach figure), and the
 * window length they share into *WINDOW (0 when they differ or none is
 * known).  Returns 0, or -1 (out of memory) with the diagnostic. */
static int slo_targets(struct ctx *C, double **target, size_t *n, double *window)
{
	size_t all = 0, u = 0, ntarget = 0;
	double w = NAN, *t;
	int mixed = 0;

	for (size_t i = 0; i < C->n; i++)
		all += C->d[i].ntarget;
	t = all ? malloc(all * sizeof *t) : NULL;
	if (all && !t)
		return plot_oom(C);
	for (size_t i = 0; i < C->n; i++) {
		const struct plot_design *g = &C->d[i];
		int has = 0;

		for (size_t k = 0; k < g->ntarget; k++) {
			if (!isfinite(g->target[k].target) || !isfinite(g->target[k].breach.mean))
				continue;
			t[ntarget++] = g->target[k].target;
			has = 1;
		}
		if (!has)
			continue;
		if (isnan(w))
			w = g->window_hours;
		else if (!(w == g->window_hours))
			mixed = 1;
	}
	if (ntarget)
		qsort(t, ntarget, sizeof *t, cmp_double);
	for (size_t k = 0; k < ntarget; k++)
		if (u == 0 || fabs(t[k] - t[u - 1]) > 1e-12)
			t[u++] = t[k];
	*target = t;
	*n = u;
	*window = mixed || !isfinite(w) ? 0 : w;
	return 0;
}

/* SLO.TSV: a block per design, a bar per target it has (at the target's
 * index, shifted for the design), with its interval in percent and its
 * half-width;
 * WINDOW 0 puts each design's own window length in its title. */
static void slo_bars(FILE *f, const struct ctx *C, const double *target, size_t ntarget,
		     double window)
{
	double w = 0.8 / (double)C->n;

	for (size_t i = 0; i < C->n; i++) {
		const struct plot_design *g = &C->d[i];

		if (i)
			fputs("\n\n", f);
		plot_put_text(f, C->label[i]);
		if (window == 0 && isfinite(g->window_hours))
			fprintf(f, " (%g-hour windows)", g->window_hours);
		fputc('\n', f);
		for (size_t k = 0; k < g->ntarget; k++) {
			struct plot_estimate e = plot_filled(g->target[k].breach);
			size_t at = 0;

			if (!isfinite(g->target[k].target) || !isfinite(e.mean))
				continue;
			while (at + 1 < ntarget && fabs(target[at] - g->target[k].target) > 1e-12)
				at++;
			fprintf(f, "%.17g", (double)at + ((double)i - (double)(C->n - 1) / 2) * w);
			plot_put_num(f, 100 * e.mean);
			plot_put_num(f, 100 * e.ci_low);
			plot_put_num(f, 100 * e.ci_high);
			plot_put_num(f, w * 0.45);
			fputc('\n', f);
		}
	}
}

static int data_slo(struct ctx *C, struct job *j)
{
	double *target = NULL, window = 0;
	size_t ntarget = 0;
	FILE *f, *tf;
	int rc = -1;

	if (slo_targets(C, &target, &ntarget, &window))
		return -1;
	if (!ntarget) {
		free(target);
		return 0;
	}
	f = plot_data_open(C, j, "slo.tsv");
	if (!f)
		goto done;
	slo_bars(f, C, target, ntarget, window);
	if (plot_data_close(C, j->arg[0], f) || !(tf = plot_data_open(C, j, "slo-targets.tsv")))
		goto done;
	for (size_t k = 0; k < ntarget; k++)
		fprintf(tf, "%.10g%%\t%zu\n", target[k] * 100, k);
	if (plot_data_close(C, j->arg[1], tf) || plot_job_num(C, j, (double)C->n) ||
	    plot_job_num(C, j, window) || plot_job_num(C, j, C->level))
		goto done;
	rc = 1;
done:
	free(target);
	return rc;
}

/* Whether design G is a point of the tradeoff plot. */
static int tradeoff_point(const struct plot_design *g)
{
	return g->replicates && !isnan(g->write_availability.mean) && isfinite(g->lost.mean);
}

/* G's write availability in nines: -log10 of the share of time writes
 * were impossible, infinite when never. */
static struct plot_estimate write_nines(const struct plot_design *g)
{
	struct plot_estimate a = plot_filled(g->write_availability), n;

	n.mean = -log10(1 - a.mean);
	n.ci_low = -log10(1 - a.ci_low);
	n.ci_high = -log10(1 - a.ci_high);
	return n;
}

static int data_tradeoff(struct ctx *C, struct job *j)
{
	double top = -INFINITY, clip;
	size_t nclipped = 0;
	int any = 0;
	FILE *f;

	for (size_t i = 0; i < C->n; i++) {
		if (!tradeoff_point(&C->d[i]))
			continue;
		any = 1;
		top = finite_top(top, write_nines(&C->d[i]));
	}
	if (!any)
		return 0;
	clip = nines_ceiling(top);
	f = plot_data_open(C, j, "tradeoff.tsv");
	if (!f)
		return -1;
	for (size_t i = 0; i < C->n; i++) {
		const struct plot_design *g = &C->d[i];
		struct plot_estimate y = write_nines(g), x = plot_filled(g->lost);
		char cost[64];

		if (!tradeoff_point(g))
			continue;
		if (isfinite(g->cost) && g->cost > 0) {
			char *label = plot_format("%s, %s/yr", C->label[i],
						  report_fmt_money(g->cost, cost, sizeof cost));

			if (!label) {
				fclose(f);
				return plot_oom(C);
			}
			plot_put_text(f, label);
			free(label);
		} else {
			plot_put_text(f, C->label[i]);
		}
		fprintf(f, "\t%zu", i);
		plot_put_num(f, x.mean);
		plot_put_num(f, x.ci_low);
		plot_put_num(f, x.ci_high);
		plot_put_num(f, plot_clipped(y.mean, clip));
		plot_put_num(f, plot_clipped(y.ci_low, clip));
		plot_put_num(f, plot_clipped(y.ci_high, clip));
		fputc('\n', f);
		nclipped += isinf(y.mean) || isinf(y.ci_high);
	}
	if (plot_data_close(C, j->arg[0], f) || plot_job_num(C, j, clip) ||
	    plot_job_num(C, j, (double)nclipped) || plot_job_num(C, j, C->level))
		return -1;
	return 1;
}

int (*const plot_data_writer[PLOT_COUNT])(struct ctx *, struct job *) = {
	data_availability, data_downtime, plot_data_outages, data_slo, plot_data_timeline,
	data_tradeoff,
};

