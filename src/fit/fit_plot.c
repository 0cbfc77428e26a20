/* fit_plot.c - the plot of nines fit --plot: the data's CDF and each
 * fitted law's, drawn by the template plots/fit.gp with the plot
 * module's machinery (report/plot_int.h: data files, gnuplot without a
 * shell, a temporary directory renamed into place). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fit/fit_impl.h"
#include "report/plot_int.h"

/* Points of each fitted curve, evenly spaced on the log time axis. */
#define CURVE_POINTS 200

/* The data's CDF as fit.gp's DATA: steps from 0, to the end of the
 * observed range, which starts at LO. */
static int data_steps(struct ctx *C, struct job *j, const struct fit_data *x, double lo,
		      double tmax)
{
	double *t, *cdf;
	size_t n;
	FILE *f;

	if (fit_km(x, &t, &cdf, &n))
		return plot_oom(C);
	f = plot_data_open(C, j, "fit-data.tsv");
	if (f) {
		fprintf(f, "%.17g\t0\n", lo);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%.17g\t%.17g\n", t[i], cdf[i]);
		fprintf(f, "%.17g\t%.17g\n", tmax, n ? cdf[n - 1] : 0);
	}
	free(t);
	free(cdf);
	return f ? plot_data_close(C, j->arg[j->nargs - 1], f) : -1;
}

/* Each law's CDF from LO to HI as fit.gp's CURVES, then the LABELS. */
static int data_curves(struct ctx *C, struct job *j, const struct fit_report *rep, double lo,
		       double hi)
{
	FILE *f = plot_data_open(C, j, "fit-curves.tsv");

	if (!f)
		return -1;
	for (int k = 0; k < FIT_NLAWS; k++) {
		const struct fit_result *r = &rep->r[k];
		double p[2] = { r->p[0].est, r->p[1].est };

		if (k == 0)
			fprintf(f, "%s (best by AIC)\n", fit_law_name(r->law));
		else
			fprintf(f, "\n\n%s (ΔAIC %.2f)\n", fit_law_name(r->law), r->delta_aic);
		for (int i = 0; i < CURVE_POINTS; i++) {
			double t = lo * pow(hi / lo, i / (CURVE_POINTS - 1.0));

			fprintf(f, "%.17g", t);
			plot_put_num(f, fit_cdf(r->law, p, t));
			fputc('\n', f);
		}
	}
	if (plot_data_close(C, j->arg[j->nargs - 1], f) || !(f = plot_data_open(C, j, "fit-labels.tsv")))
		return -1;
	fputs("nines fit: ", f);
	plot_put_text(f, rep->file);
	fprintf(f, ", %zu %s times\n", rep->data->n, fit_kind_name(rep->kind));
	if (plot_data_close(C, j->arg[j->nargs - 1], f) || plot_job_num(C, j, FIT_NLAWS) ||
	    plot_job_num(C, j, rep->data->nfail < rep->data->n))
		return -1;
	return 0;
}

/* Every data file of REP's plot, the time axis from half the shortest
 * duration to twice the longest. */
static int fit_data(struct ctx *C, struct job *j, const void *arg)
{
	const struct fit_report *rep = arg;
	const struct fit_data *x = rep->data;
	double tmin = INFINITY, tmax = 0;

	for (size_t i = 0; i < x->n; i++) {
		tmin = fmin(tmin, x->t[i]);
		tmax = fmax(tmax, x->t[i]);
	}
	if (data_steps(C, j, x, tmin / 2, tmax) || data_curves(C, j, rep, tmin / 2, tmax * 2))
		return -1;
	return 0;
}

int fit_plot(const struct fit_report *rep, const char *dir, const char *templates,
	     unsigned terminals, struct diag *diag)
{
	struct ctx C = { .dir = dir, .diag = diag };

	return plot_one(&C, "fit", templates, terminals, fit_data, rep);
}
