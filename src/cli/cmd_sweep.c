/* cmd_sweep.c - `nines sweep`: one design simulated at every point of a
 * range of one or two of its parameters, each point with the same
 * settings and seed, so on the same random numbers.
 *
 * Every point is loaded and checked before any runs: a value that makes
 * the file invalid fails as the file would, and nothing is simulated.
 * The designs are loaded again one at a time to run, and each point keeps
 * only what the report needs, so memory does not grow with the points.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "engine/run.h"
#include "report/plot.h"
#include "report/sweep.h"
#include "util/duration.h"
#include "util/output.h"

/* The settings a --vary under "simulation" would change, and the option
 * that would override it (command_run_settings takes options first). */
static const char *overridden(const struct run_args *a, const char *path)
{
	if (strcmp(path, "simulation.horizon") == 0 && a->horizon > 0)
		return "--horizon";
	if (strcmp(path, "simulation.warmup") == 0 && a->warmup >= 0)
		return "--warmup";
	if (strcmp(path, "simulation.replications") == 0 && a->reps > 0)
		return "--replications";
	if (strcmp(path, "simulation.seed") == 0 && a->have_seed)
		return "--seed";
	if (strcmp(path, "simulation.confidence") == 0 && a->conf > 0)
		return "--confidence";
	return NULL;
}

/* The --vary options into P[0..*NP).  Returns EXIT_OK, or the usage
 * error's status after printing it, with P released. */
static int parse_params(const struct command *self, const struct run_args *a,
			struct sweep_param *p, size_t *np)
{
	char why[512];
	size_t points = 1;

	*np = 0;
	if (a->nvary == 0)
		return command_usage_error(self, "no --vary given: name the parameter to sweep,"
					   " as --vary PATH=FROM:TO:N");
	for (int k = 0; k < a->nvary; k++) {
		const char *opt;

		if (sweep_param_parse(a->vary[k], &p[k], why, sizeof why))
			goto fail;
		*np = (size_t)k + 1;
		if (k == 1 && strcmp(p[0].path, p[1].path) == 0) {
			snprintf(why, sizeof why, "\"%s\" is given twice", p[1].path);
			goto fail;
		}
		opt = overridden(a, p[k].path);
		if (opt) {
			snprintf(why, sizeof why, "\"%s\" cannot vary: %s sets it for every point",
				 p[k].path, opt);
			goto fail;
		}
		points *= p[k].nvalues;
	}
	if (points > SWEEP_MAX_POINTS) {
		snprintf(why, sizeof why, "%zu × %zu = %zu points, more than the limit of %d",
			 p[0].nvalues, p[1].nvalues, points, SWEEP_MAX_POINTS);
		goto fail;
	}
	return EXIT_OK;
fail:
	for (size_t k = 0; k < *np; k++)
		sweep_param_release(&p[k]);
	*np = 0;
	return command_usage_error(self, "--vary: %s", why);
}

/* Point I of the grid: its values into V and SETS. */
static void point_sets(const struct sweep_param *p, size_t np, size_t i,
		       struct topology_set *sets, double *v)
{
	size_t ny = np > 1 ? p[1].nvalues : 1;

	v[0] = p[0].values[i / ny];
	if (np > 1)
		v[1] = p[1].values[i % ny];
	for (size_t k = 0; k < np; k++) {
		sets[k].path = p[k].path;
		sets[k].value = v[k];
	}
}

/* Load FILE with SETS into D, compiled and solved: command_design_load
 * with the values set.  A bad path is a usage error. */
static int load_point(const struct command *self, const char *file,
		      const struct topology_set *sets, size_t nsets, struct design *d)
{
	struct diag dg;

	diag_init(&dg);
	memset(d, 0, sizeof *d);
	d->t = topology_load_set(file, sets, nsets, &dg);
	if (!d->t) {
		if (dg.kind == DIAG_USAGE)
			return command_usage_error(self, "--vary: %s", diag_text(&dg));
		return command_fail(dg.kind == DIAG_RUNTIME ? EXIT_RUNTIME : EXIT_INPUT,
				    "%s", diag_text(&dg));
	}
	d->m = model_compile(d->t, &dg);
	if (!d->m || analytic_init(&d->a, d->m, &dg)) {
		command_design_release(d);
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	}
	return EXIT_OK;
}

/* The progress of the whole sweep on one bar. */
struct progress {
	long base, total;
};

static void sweep_progress(void *arg, long done, long total)
{
	struct progress *pr = arg;

	(void)total;
	command_progress(NULL, pr->base + done, pr->total);
}

/* Run point I (its design loaded in D) with SET and keep what the report
 * needs in PT.  Returns EXIT_OK or the status after printing the error. */
static int run_point(const struct design *d, struct run_options *opt,
		     struct sweep_point *pt, struct result *total)
{
	struct report rep = { d->t, d->m, &d->a, NULL };
	struct diag dg;
	struct result *r;
	size_t len = 0;
	FILE *f;

	diag_init(&dg);
	r = run_model(d->m, opt, &dg);
	if (!r)
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	result_measures(&r->block[0], r->set.confidence, &pt->m);
	pt->exact_a = d->a.block_a[0];
	pt->exact_u = d->a.block_u[0];
	total->events += r->events;
	total->wall_seconds += r->wall_seconds;
	rep.r = r;
	f = open_memstream(&pt->system_json, &len);
	if (f) {
		report_json_system(f, &rep, 6);
		if (fclose(f) != 0) {
			free(pt->system_json);
			pt->system_json = NULL;
		}
	}
	result_free(r);
	if (!pt->system_json)
		return command_fail(EXIT_RUNTIME, "out of memory");
	return EXIT_OK;
}

/* --plot DIR: sweep.png and sweep.svg. */
static int draw(const struct sweep *s, const char *dir)
{
	struct diag dg;

	diag_init(&dg);
	if (sweep_plot(s, dir, getenv("NINES_PLOTS"), PLOT_BOTH, &dg))
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	return EXIT_OK;
}

static int write_report(const struct sweep *s, const struct run_args *a)
{
	struct output o;
	struct diag dg;

	diag_init(&dg);
	if (output_open(&o, a->out, &dg))
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	if (sweep_write(o.f, a->fmt, s)) {
		output_abort(&o);
		return command_fail(EXIT_RUNTIME, "%s: cannot write the report",
				    a->out ? a->out : "stdout");
	}
	if (output_commit(&o, &dg))
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	return EXIT_OK;
}

int cmd_sweep(int argc, char **argv, const struct command *self)
{
	struct sweep_param p[SWEEP_MAX_PARAMS];
	struct topology_set sets[SWEEP_MAX_PARAMS];
	struct sweep_point *pt = NULL;
	struct run_options opt;
	struct progress pr;
	struct result total;
	struct sweep s;
	struct design d;
	struct run_args a;
	size_t np = 0, npoints;
	char *name = NULL;
	const char *file;
	int status = command_run_args(self, argc, argv, RUN_ARGS_SWEEP, &a);

	if (status >= 0)
		return status;
	if (optind >= argc)
		return command_usage_error(self, "no topology file given");
	if (optind + 1 < argc)
		return command_usage_error(self, "one topology file at a time");
	file = argv[optind];
	status = parse_params(self, &a, p, &np);
	if (status)
		return status;
	npoints = p[0].nvalues * (np > 1 ? p[1].nvalues : 1);
	pt = calloc(npoints, sizeof *pt);
	if (!pt) {
		status = command_fail(EXIT_RUNTIME, "out of memory");
		goto out;
	}

	/* Every point is checked before anything runs. */
	memset(&opt, 0, sizeof opt);
	pr.base = pr.total = 0;
	for (size_t i = 0; i < npoints; i++) {
		point_sets(p, np, i, sets, pt[i].value);
		status = load_point(self, file, sets, np, &d);
		if (status)
			goto out;
		command_run_settings(&a, d.t, &opt.set);
		status = command_check_run(self, &d, &opt.set);
		pr.total += opt.set.replications;
		if (status == EXIT_OK && i == 0) {
			s.set = opt.set;
			name = strdup(d.t->name);
			if (!name)
				status = command_fail(EXIT_RUNTIME, "out of memory");
		}
		command_design_release(&d);
		if (status)
			goto out;
	}

	opt.threads = (int)a.threads;
	if (isatty(STDERR_FILENO)) {
		opt.progress = sweep_progress;
		opt.progress_arg = &pr;
	}
	memset(&total, 0, sizeof total);
	for (size_t i = 0; i < npoints; i++) {
		point_sets(p, np, i, sets, pt[i].value);
		status = load_point(self, file, sets, np, &d);
		if (status)
			goto out;
		command_run_settings(&a, d.t, &opt.set);
		status = run_point(&d, &opt, &pt[i], &total);
		pr.base += opt.set.replications;
		command_design_release(&d);
		if (status)
			goto out;
	}

	s.name = name;
	s.file = file;
	s.param = p;
	s.nparam = np;
	s.point = pt;
	s.npoints = npoints;
	status = write_report(&s, &a);
	if (status == EXIT_OK && a.plot)
		status = draw(&s, a.plot);
	if (a.stats)
		command_stats(&total, opt.threads);
out:
	for (size_t i = 0; pt && i < npoints; i++)
		free(pt[i].system_json);
	free(pt);
	free(name);
	for (size_t k = 0; k < np; k++)
		sweep_param_release(&p[k]);
	return status;
}
