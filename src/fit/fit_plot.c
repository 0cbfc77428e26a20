/* fit_plot.c - the plot of nines fit --plot: the data's CDF and each
 * fitted law's, drawn by the template plots/fit.gp with the plot
 * module's machinery (report/plot_int.h: data files, gnuplot without a
 * shell, a temporary directory renamed into place). */
#include <errno.h>
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
	fprintf(f, ", %zu %s times\n", rep->data->n, rep->kind == FIT_FAILURE ? "failure" : "repair");
	if (plot_data_close(C, j->arg[j->nargs - 1], f) || plot_job_num(C, j, FIT_NLAWS) ||
	    plot_job_num(C, j, rep->data->nfail < rep->data->n))
		return -1;
	return 0;
}

/* Draw into C's temporary directory, then rename the outputs OUT into
 * DIR. */
static int draw(struct ctx *C, const struct fit_report *rep, const char *tpl, char *const *out)
{
	const struct fit_data *x = rep->data;
	double tmin = INFINITY, tmax = 0;
	struct job j = { 0 };
	int rc = -1;

	for (size_t i = 0; i < x->n; i++) {
		tmin = fmin(tmin, x->t[i]);
		tmax = fmax(tmax, x->t[i]);
	}
	if (!data_steps(C, &j, x, tmin / 2, tmax) && !data_curves(C, &j, rep, tmin / 2, tmax * 2) &&
	    !plot_gnuplot_run(C, tpl, out[0] ? out[0] : "", out[1] ? out[1] : "", &j))
		rc = 0;
	plot_job_release(&j);
	for (int t = 0; !rc && t < 2; t++) {
		char *target = out[t] ? plot_format("%s/fit.%s", C->dir, plot_extension[t]) : NULL;

		if (out[t] && !target)
			rc = plot_oom(C);
		else if (out[t] && rename(out[t], target) != 0)
			rc = diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", target);
		free(target);
	}
	return rc;
}

int fit_plot(const struct fit_report *rep, const char *dir, const char *templates,
	     unsigned terminals, struct diag *diag)
{
	struct ctx C = { .dir = dir, .diag = diag };
	char *tdir, *tpl, *out[2] = { NULL, NULL };
	int rc = -1;

	if (!(terminals & PLOT_BOTH))
		return diag_runtime(diag, "plot: no terminal chosen");
	tdir = plot_templates_dir(templates, diag);
	tpl = tdir ? plot_template_path(tdir, "fit", diag) : NULL;
	free(tdir);
	if (tpl && !plot_dirs_make(&C, dir) && !plot_tmp_make(&C)) {
		rc = 0;
		for (int t = 0; !rc && t < 2; t++)
			if ((terminals & (1u << t)) &&
			    !(out[t] = plot_format("%s/fit.%s", C.tmp, plot_extension[t])))
				rc = plot_oom(&C);
		rc = rc ? rc : draw(&C, rep, tpl, out);
	}
	plot_tmp_remove(&C);
	free(out[0]);
	free(out[1]);
	free(tpl);
	return rc;
}
