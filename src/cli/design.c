/* design.c - from topology files to finished runs for the commands:
 * loading a design (with sweep's values set in it or not), checking and
 * running one or several, the progress bar and --stats, and writing a
 * report atomically.  Errors are printed here with their exit status, so
 * that every command reports them alike. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/design.h"
#include "engine/engine.h"
#include "engine/run.h"
#include "engine/run_mpi.h"
#include "report/report_warn.h"
#include "report/plot.h"
#include "util/duration.h"
#include "util/output.h"

int design_load(struct design *d, const struct cmd_entry *self, const char *file,
		const struct topology_set *sets, size_t nsets)
{
	struct topology_load_options opt = {
		.models_dir = command_env()->models_dir, .sets = sets, .nsets = nsets,
	};
	struct diag dg;

	diag_init(&dg);
	memset(d, 0, sizeof *d);
	opt.warnings = &d->warn;
	d->t = topology_load(file, &opt, &dg);
	if (!d->t) {
		warnings_release(&d->warn);
		if (dg.kind == DIAG_USAGE)
			return command_usage_error(self, "%s", diag_text(&dg));
		return command_fail(dg.kind == DIAG_RUNTIME ? EXIT_RUNTIME : EXIT_INPUT,
				    "%s", diag_text(&dg));
	}
	d->m = model_compile(d->t, &dg);
	if (!d->m || analytic_init(&d->a, d->m, &dg)) {
		design_release(d);
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	}
	return EXIT_OK;
}

int design_load_operand(struct design *d, const struct cmd_entry *self,
			const struct run_args *a, int argc, char **argv, const char *many)
{
	if (optind >= argc)
		return command_usage_error(self, "no topology file given");
	if (optind + 1 < argc)
		return command_usage_error(self, "%s", many);
	return design_load(d, self, argv[optind], a->set, a->nset);
}

void design_release(struct design *d)
{
	if (d->m)
		analytic_release(&d->a);
	model_free(d->m);
	topology_free(d->t);
	warnings_release(&d->warn);
	memset(d, 0, sizeof *d);
}

int design_warn_window(struct design *d, const struct run_args *a,
		       const struct run_settings *set)
{
	char w[64], h[64];
	int rc;

	if (!(set->window > set->horizon))
		return EXIT_OK;
	duration_format(set->window, w, sizeof w);
	duration_format(set->horizon, h, sizeof h);
	if (a->window > 0)
		rc = warnings_add(&d->warn, d->t->file, NULL, "--window %s is longer than the horizon"
				  " (%s): no whole window fits, so the report has no SLO windows", w, h);
	else
		rc = warnings_add(&d->warn, d->t->file, a->horizon > 0 ? NULL : "simulation.horizon",
				  "the horizon (%s) is shorter than the SLO window (%s, the default):"
				  " no whole window fits, so the report has no SLO windows (give a"
				  " --window no longer than the horizon)", h, w);
	return rc ? command_fail(EXIT_RUNTIME, "out of memory") : EXIT_OK;
}

void design_warnings_print(const struct warnings *w)
{
	char line[2048];

	if (run_mpi_rank() > 0)         /* rank 0 speaks for every rank */
		return;
	for (size_t i = 0; i < w->n; i++)
		fprintf(stderr, "nines: warning: %s\n", warnings_format(w, i, line, sizeof line));
}

int design_check(const struct cmd_entry *self, const struct design *d,
		 const struct run_settings *set)
{
	size_t worst;
	double ev = run_expected_events(d->m, set, &worst);
	char h[64], c[64], why[RESULT_WHY_MAX];

	if (set->method == RUN_METHOD_IMPORTANCE && !engine_is_qualifies(d->m, why, sizeof why))
		return command_fail(EXIT_INPUT, "%s: importance sampling needs exponential failure laws"
				    " and no planned maintenance: %s", d->t->file, why);
	if (set->method == RUN_METHOD_SPLITTING) {
		struct diag dg;
		int q;

		diag_init(&dg);
		q = run_split_qualifies(d->m, why, sizeof why, &dg);
		if (q < 0)
			return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
		if (!q)
			return command_fail(EXIT_INPUT, "%s: splitting needs a system that a single"
					    " failure cannot take down: %s", d->t->file, why);
	}

	if (set->horizon / set->window > RESULT_MAX_WINDOWS)
		return command_usage_error(self, "--window: %s cuts the horizon into more than %d windows",
					   duration_format(set->window, h, sizeof h), RESULT_MAX_WINDOWS);
	if (ev > RUN_MAX_EVENTS)
		return command_fail(EXIT_INPUT, "%s: a replication would take about %.2g events, above"
				    " the limit of %.0g: component \"%s\" fails and is repaired every %s over %s",
				    d->t->file, ev, RUN_MAX_EVENTS, model_type_name(d->m, worst),
				    duration_format(model_type_failure(d->m, worst)->mean +
						    model_type_repair(d->m, worst)->mean, c, sizeof c),
				    duration_format(set->warmup + set->horizon, h, sizeof h));
	return EXIT_OK;
}

/* A one-line bar on a terminal's standard error; never on stdout. */
void design_progress(void *arg, long done, long total)
{
	int width = 40, fill = (int)((double)done / (double)total * width);

	(void)arg;
	fprintf(stderr, "\r[%.*s%*s] %ld/%ld", fill,
		"########################################", width - fill, "", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

void design_stats_print(const struct result *r, int threads)
{
	struct report_precision p;

	fprintf(stderr, "nines: %llu events in %.3f s: %.3g events/s on %d threads",
		(unsigned long long)r->events, r->wall_seconds,
		r->wall_seconds > 0 ? (double)r->events / r->wall_seconds : 0, threads);
	if (run_mpi_size() > 1)
		fprintf(stderr, " in each of %d MPI ranks", run_mpi_size());
	if (!r->block) {        /* a sweep's total: no one run to project */
		fputc('\n', stderr);
		return;
	}
	/* the one place that shows the time: it varies from run to run */
	report_precision(r, &p);
	fprintf(stderr, "; %s", p.method_words);
	if (isfinite(r->gain))
		fprintf(stderr, ", %.3g times as efficient as plain Monte Carlo", r->gain);
	fprintf(stderr, "; relative error %.3g%%", r->rel_error * 100);
	if (p.reached)
		fprintf(stderr, "; %g%%: reached\n", p.target * 100);
	else if (isfinite(p.more) && r->samples > 0)
		fprintf(stderr, "; %g%%: %s %.2g s more on %d threads\n", p.target * 100,
			p.at_least ? "at least" : "about",
			r->wall_seconds * p.more / (double)r->samples, threads);
	else
		fprintf(stderr, "; %g%%: not projected\n", p.target * 100);
}

/* --baseline's index among FILES into DS.  Returns EXIT_OK or the usage
 * error's status. */
static int baseline_find(const struct cmd_entry *self, const char *baseline,
			 char **files, int n, struct design_list *ds)
{
	if (!baseline)
		return EXIT_OK;
	for (int i = 0; i < n; i++)
		if (strcmp(files[i], baseline) == 0) {
			ds->baseline = (size_t)i;
			return EXIT_OK;
		}
	return command_usage_error(self, "--baseline: \"%s\" is not one of the files compared",
				   baseline);
}

/* Load and check every design of DS from FILES with the settings that
 * every one runs with into SET.  Returns EXIT_OK or the error's status. */
static int list_load(const struct cmd_entry *self, const struct run_args *a,
		     char **files, struct design_list *ds, struct run_settings *set)
{
	int status;

	for (size_t i = 0; i < ds->n; i++) {
		status = design_load(&ds->d[i], self, files[i], a->set, a->nset);
		if (status)
			return status;
	}
	/* One set of settings for all, so that the streams line up: the
	 * options, else the baseline file's simulation object. */
	run_args_settings(a, ds->d[ds->baseline].t, set);
	for (size_t i = 0; i < ds->n; i++) {
		status = design_check(self, &ds->d[i], set);
		if (status)
			return status;
	}
	/* one set of settings: one warning, on the file they came from */
	return design_warn_window(&ds->d[ds->baseline], a, set);
}

void design_exact(const struct design *d, struct run_options *opt)
{
	opt->exact_u = d->a.block_u[0];
	opt->have_exact = isfinite(opt->exact_u);
}

/* Every design's warnings, its run's among them, then the comparison's,
 * into DS->warn.  Returns EXIT_OK or the error's status. */
static int list_warnings(struct design_list *ds)
{
	struct comparison c = { ds->cd, ds->n, ds->baseline, NULL };

	for (size_t i = 0; i < ds->n; i++) {
		struct report rep = { ds->d[i].t, ds->d[i].m, &ds->d[i].a, ds->res[i], NULL };

		if (report_warnings_collect(&rep, &ds->d[i].warn) ||
		    warnings_append(&ds->warn, &ds->d[i].warn))
			return command_fail(EXIT_RUNTIME, "out of memory");
	}
	if (compare_warnings_collect(&c, &ds->warn))
		return command_fail(EXIT_RUNTIME, "out of memory");
	return EXIT_OK;
}

int design_list_run(const struct cmd_entry *self, const struct run_args *a,
		    char **files, int n, struct design_list *ds)
{
	struct run_options opt;
	struct diag dg;
	int status;

	memset(ds, 0, sizeof *ds);
	status = baseline_find(self, a->baseline, files, n, ds);
	if (status)
		return status;
	ds->d = calloc((size_t)n, sizeof *ds->d);
	ds->res = calloc((size_t)n, sizeof *ds->res);
	ds->cd = calloc((size_t)n, sizeof *ds->cd);
	if (!ds->d || !ds->res || !ds->cd) {
		design_list_release(ds);
		return command_fail(EXIT_RUNTIME, "out of memory");
	}
	ds->n = (size_t)n;
	memset(&opt, 0, sizeof opt);
	/* Every file is checked before anything runs. */
	status = list_load(self, a, files, ds, &opt.set);
	if (status)
		goto fail;
	opt.threads = (int)a->threads;
	opt.keep = 1;
	if (isatty(STDERR_FILENO))
		opt.progress = design_progress;
	for (size_t i = 0; i < ds->n; i++) {
		design_exact(&ds->d[i], &opt);
		diag_init(&dg);
		ds->res[i] = run_model(ds->d[i].m, &opt, &dg);
		if (!ds->res[i]) {
			status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
			goto fail;
		}
		if (a->stats)
			design_stats_print(ds->res[i], opt.threads);
		ds->cd[i].t = ds->d[i].t;
		ds->cd[i].m = ds->d[i].m;
		ds->cd[i].a = &ds->d[i].a;
		ds->cd[i].r = ds->res[i];
	}
	status = list_warnings(ds);
	if (status)
		goto fail;
	design_warnings_print(&ds->warn);
	return EXIT_OK;
fail:
	design_list_release(ds);
	return status;
}

void design_list_release(struct design_list *ds)
{
	for (size_t i = 0; ds->d && ds->res && i < ds->n; i++) {
		result_free(ds->res[i]);
		design_release(&ds->d[i]);
	}
	free(ds->res);
	free(ds->d);
	free(ds->cd);
	warnings_release(&ds->warn);
	memset(ds, 0, sizeof *ds);
}

/* design_output's work, signals held back by the caller.  Every file is
 * opened first and written to its temporary file, standard output last,
 * so that a file that cannot be opened or written leaves every other
 * output as it was; only then are the files moved into place. */
static int outputs_write(const struct run_args *a, design_writer w, const void *what)
{
	struct output o[RUN_ARGS_MAX_OUT];
	int order[RUN_ARGS_MAX_OUT], n = a->nout ? a->nout : 1, opened = 0, status = EXIT_OK;
	struct diag dg;

	for (int m = 0, pass = 0; pass < 2; pass++)  /* files, then stdout */
		for (int k = 0; k < n; k++) {
			int out = !a->nout || strcmp(a->out[k], "-") == 0;

			if (out == pass)
				order[m++] = k;
		}
	diag_init(&dg);
	for (; opened < n; opened++)
		if (output_open(&o[order[opened]], a->nout ? a->out[order[opened]] : NULL, &dg)) {
			status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
			break;
		}
	for (int j = 0; !status && j < n; j++) {
		int k = order[j];

		if (w(o[k].f, run_args_format(a, k), what))
			status = command_fail(EXIT_RUNTIME, "%s: cannot write the report",
					      a->nout ? a->out[k] : "stdout");
	}
	for (int j = 0; j < opened; j++) {
		int k = order[j];

		if (status)
			output_abort(&o[k]);
		else if (output_commit(&o[k], &dg))
			status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	}
	return status;
}

int design_output(const struct run_args *a, design_writer w, const void *what)
{
	int status;

	if (run_mpi_rank() > 0)         /* rank 0 writes for every rank */
		return EXIT_OK;
	command_shield_begin();
	status = outputs_write(a, w, what);
	command_shield_end();
	return status;
}

int design_plot(design_drawer w, const void *what, const char *dir)
{
	struct diag dg;
	int rc;

	if (run_mpi_rank() > 0)         /* rank 0 draws for every rank */
		return EXIT_OK;
	diag_init(&dg);
	command_shield_begin();
	rc = w(what, dir, command_env()->plots_dir, PLOT_BOTH, &dg);
	command_shield_end();
	if (rc)
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	return EXIT_OK;
}

static int report_writer(FILE *f, enum report_format fmt, const void *rep)
{
	return report_write(f, fmt, rep);
}

int design_write(struct design *d, const struct result *r, const struct run_args *a)
{
	struct report rep = { .t = d->t, .m = d->m, .a = &d->a, .r = r, .warn = &d->warn };

	if (r && report_warnings_collect(&rep, &d->warn))
		return command_fail(EXIT_RUNTIME, "out of memory");
	design_warnings_print(&d->warn);
	return design_output(a, report_writer, &rep);
}
