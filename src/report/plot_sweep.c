/* plot_sweep.c - the plot of a sweep (nines sweep --plot): nines and
 * downtime against the first parameter, a curve per value of the second,
 * drawn as plot.c draws designs (data files, a template, a temporary
 * directory renamed into place).  A parameter of categories (a list of
 * words) is drawn at 0, 1, 2... with its values as the tic labels. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/plot_int.h"

/* Where point I of curve C is drawn along x: its value, or with
 * categories its index, each curve's points shifted a little so that
 * their error bars stand side by side. */
static double point_x(const struct plot_sweep *s, size_t i, size_t c)
{
	double step = s->ny > 1 ? fmin(0.12, 0.6 / (double)s->ny) : 0;

	if (!s->xtext)
		return s->x[i];
	return (double)i + step * ((double)c - (double)(s->ny - 1) / 2);
}

/* The labels file: the title and the x axis label, which hold the user's
 * name and path or label, then a row per category. */
static int data_labels(struct ctx *C, struct job *j, const struct plot_sweep *s)
{
	FILE *f = plot_data_open(C, j, "sweep-labels.tsv");

	if (!f)
		return -1;
	plot_put_text(f, s->name && *s->name ? s->name : "(unnamed)");
	fputs(": nines and downtime per year against ", f);
	plot_put_text(f, s->xpath);
	fputc('\t', f);
	plot_put_text(f, s->xpath);
	if (!s->xtext)
		fputs(s->xduration ? (s->xlog ? " (hours, log scale)" : " (hours)") :
		      s->xlog ? " (log scale)" : "", f);
	fputc('\n', f);
	for (size_t i = 0; s->xtext && i < s->nx; i++) {
		plot_put_text(f, s->xtext[i]);
		fputc('\n', f);
	}
	return plot_data_close(C, j->arg[j->nargs - 1], f);
}

/* One block per curve, its title first, then a row per point: x; nines
 * mean, ci_low, ci_high, exact; downtime mean, ci_low, ci_high, exact.
 * Then the labels (data_labels). */
static int data_sweep(struct ctx *C, struct job *j, const void *arg)
{
	const struct plot_sweep *s = arg;
	double top = -INFINITY, clip;
	size_t nclipped = 0;
	FILE *f;

	for (size_t i = 0; i < s->nx * s->ny; i++) {
		const struct plot_sweep_point *p = &s->point[i];
		double v[4] = { p->nines.mean, p->nines.ci_low, p->nines.ci_high, p->exact_nines };

		for (int k = 0; k < 4; k++)
			if (isfinite(v[k]) && v[k] > top)
				top = v[k];
	}
	/* A whole nine of headroom above the largest finite value. */
	clip = isfinite(top) && top > 0 ? ceil(top) + 1 : 6;
	f = plot_data_open(C, j, "sweep.tsv");
	if (!f)
		return -1;
	for (size_t c = 0; c < s->ny; c++) {
		if (c)
			fputs("\n\n", f);
		if (s->ypath) {
			plot_put_text(f, s->ypath);
			fputs(" = ", f);
			plot_put_text(f, s->ytext[c]);
		} else {
			fputs("simulated", f);
		}
		fputc('\n', f);
		for (size_t i = 0; i < s->nx; i++) {
			const struct plot_sweep_point *p = &s->point[i * s->ny + c];
			struct plot_estimate e = plot_filled(p->nines), d = plot_filled(p->downtime);

			nclipped += isinf(e.mean) || isinf(e.ci_high) || isinf(p->exact_nines);
			fprintf(f, "%.17g", point_x(s, i, c));
			plot_put_num(f, plot_clipped(e.mean, clip));
			plot_put_num(f, plot_clipped(e.ci_low, clip));
			plot_put_num(f, plot_clipped(e.ci_high, clip));
			plot_put_num(f, plot_clipped(p->exact_nines, clip));
			plot_put_num(f, d.mean);
			plot_put_num(f, d.ci_low);
			plot_put_num(f, d.ci_high);
			plot_put_num(f, p->exact_downtime);
			fputc('\n', f);
		}
	}
	if (plot_data_close(C, j->arg[0], f) || data_labels(C, j, s) ||
	    plot_job_num(C, j, (double)s->ny) ||
	    plot_job_num(C, j, s->xtext ? 2 : s->xlog ? 1 : 0) || plot_job_num(C, j, C->level) ||
	    plot_job_num(C, j, clip) || plot_job_num(C, j, (double)nclipped))
		return -1;
	return 0;
}

int plot_sweep(const struct plot_sweep *s, const char *dir, const char *templates,
	       unsigned terminals, struct diag *diag)
{
	struct ctx C = { .dir = dir, .diag = diag };

	C.level = isfinite(s->confidence) && s->confidence > 0 && s->confidence < 1 ?
		  100 * s->confidence : 0;
	return plot_one(&C, "sweep", templates, terminals, data_sweep, s);
}
