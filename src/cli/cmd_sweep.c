/* cmd_sweep.c - `nines sweep`: one design simulated at every point of a
 * range or a list of values of one or two of its parameters, each point
 * with the same settings and seed, so on the same random numbers; --label
 * gives a parameter a readable name in the reports and the plot.
 *
 * Every point is loaded and checked before any runs: a value that makes
 * the file invalid fails as the file would, then the point is named, and
 * nothing is simulated.
 * The designs are loaded again one at a time to run, and each point keeps
 * only what the report needs, so memory does not grow with the points.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "cli/design.h"
#include "cli/run_args.h"
#include "engine/run.h"
#include "report/sweep.h"
#include "util/duration.h"

enum sweep_key { SWEEP_LABEL = RUN_ARGS_OWN_KEY };

static const struct cmd_option sweep_opt_label = {
	"label", 0, "PATH=TEXT", SWEEP_LABEL,
	"call the --vary parameter PATH TEXT in the tables, the CSV head and\n"
	"the plot (JSON keeps the path and adds \"label\"); once per --vary",
};

/* The --label options, as given: PATH=TEXT each. */
struct labels {
	const char *spec[RUN_ARGS_MAX_VARY];
	int n;
};

/* --label's value into ARG, a struct labels: checked for its form here,
 * matched with the --vary paths by labels_apply. */
static int option_set(const struct cmd_entry *self, const struct cmd_option *o,
		      const char *v, void *arg)
{
	struct labels *l = arg;
	const char *eq = strchr(v, '=');

	(void)o;
	if (!eq || eq == v)
		return command_usage_error(self, "--label: \"%s\" is not PATH=TEXT, such as"
					   " 'system.blocks[1].standby=standby mode'", v);
	if (!eq[1])
		return command_usage_error(self, "--label: \"%s\": the label is empty", v);
	for (const char *c = eq + 1; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return command_usage_error(self, "--label: \"%.*s\": the label has a"
						   " control character", (int)(eq - v), v);
	if (l->n == RUN_ARGS_MAX_VARY)
		return command_usage_error(self, "--label: at most %d labels, one per --vary",
					   RUN_ARGS_MAX_VARY);
	l->spec[l->n++] = v;
	return 0;
}

/* Each of L's labels onto the parameter of P[0..NP) with its path.
 * Returns EXIT_OK, or the usage error's status after printing it. */
static int labels_apply(const struct cmd_entry *self, const struct labels *l,
			struct sweep_param *p, size_t np)
{
	for (int i = 0; i < l->n; i++) {
		const char *eq = strchr(l->spec[i], '=');
		size_t len = (size_t)(eq - l->spec[i]), k;

		for (k = 0; k < np; k++)
			if (strlen(p[k].path) == len && memcmp(p[k].path, l->spec[i], len) == 0)
				break;
		if (k == np)
			return command_usage_error(self, "--label: \"%.*s\" is not a path given"
						   " to --vary", (int)len, l->spec[i]);
		if (p[k].label)
			return command_usage_error(self, "--label: \"%s\" has a label already",
						   p[k].path);
		p[k].label = eq + 1;
	}
	return EXIT_OK;
}

/* The settings a --vary under "simulation" would change, and the option
 * that would override it (run_args_settings takes options first). */
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
static int parse_params(const struct cmd_entry *self, const struct run_args *a,
			struct sweep_param *p, size_t *np)
{
	struct diag why;
	size_t points = 1;

	*np = 0;
	diag_init(&why);
	if (a->nvary == 0)
		return command_usage_error(self, "no --vary given: name the parameter to sweep,"
					   " as --vary PATH=FROM:TO:N or PATH=V1,V2,...");
	for (int k = 0; k < a->nvary; k++) {
		const char *opt;

		if (sweep_param_parse(a->vary[k], &p[k], &why))
			goto fail;
		*np = (size_t)k + 1;
		if (k == 1 && strcmp(p[0].path, p[1].path) == 0) {
			diag_usage(&why, "\"%s\" is given twice", p[1].path);
			goto fail;
		}
		opt = overridden(a, p[k].path);
		if (opt) {
			diag_usage(&why, "\"%s\" cannot vary: %s sets it for every point",
				   p[k].path, opt);
			goto fail;
		}
		points *= p[k].nvalues;
	}
	if (points > SWEEP_MAX_POINTS) {
		diag_usage(&why, "%zu × %zu = %zu points, more than the limit of %d",
			   p[0].nvalues, p[1].nvalues, points, SWEEP_MAX_POINTS);
		goto fail;
	}
	return EXIT_OK;
fail:
	for (size_t k = 0; k < *np; k++)
		sweep_param_release(&p[k]);
	*np = 0;
	if (why.kind == DIAG_RUNTIME)
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&why));
	return command_usage_error(self, "--vary: %s", diag_text(&why));
}

/* Point I of the grid: which value of each parameter into IDX, the
 * values into V, and what they set into SETS. */
static void point_sets(const struct sweep_param *p, size_t np, size_t i,
		       struct topology_set *sets, size_t *idx, double *v)
{
	size_t ny = np > 1 ? p[1].nvalues : 1;

	idx[0] = i / ny;
	if (np > 1)
		idx[1] = i % ny;
	for (size_t k = 0; k < np; k++) {
		v[k] = p[k].values[idx[k]];
		sets[k] = (struct topology_set){ .path = p[k].path, .value = v[k],
						 .text = sweep_param_set_text(&p[k], idx[k]),
						 .label = "--vary" };
	}
}

/* Value I of P as the file got it: a list's item, else the number (hours
 * for a duration) in BUF. */
static const char *value_text(const struct sweep_param *p, size_t i, char *buf, size_t size)
{
	if (p->list)
		return p->item[i];
	snprintf(buf, size, p->duration ? "%.6g h" : "%.6g", p->values[i]);
	return buf;
}

/* After the file's error at point I: which point it was, by its values. */
static int point_refused(const struct sweep_param *p, size_t np, size_t i, size_t n,
			 int status)
{
	size_t ny = np > 1 ? p[1].nvalues : 1, idx[SWEEP_MAX_PARAMS] = { i / ny, i % ny };
	char buf[SWEEP_MAX_PARAMS][64];

	return command_fail(status, "sweep: point %zu of %zu (%s = %s%s%s%s%s) is refused;"
			    " no point was run", i + 1, n, p[0].path,
			    value_text(&p[0], idx[0], buf[0], sizeof buf[0]),
			    np > 1 ? ", " : "", np > 1 ? p[1].path : "", np > 1 ? " = " : "",
			    np > 1 ? value_text(&p[1], idx[1], buf[1], sizeof buf[1]) : "");
}

/* The progress of the whole sweep on one bar. */
struct progress {
	long base, total;
};

static void sweep_progress(void *arg, long done, long total)
{
	struct progress *pr = arg;

	(void)total;
	design_progress(NULL, pr->base + done, pr->total);
}

/* Run point I (its design loaded in D) with SET and keep what the report
 * needs in PT.  Returns EXIT_OK or the status after printing the error. */
static int run_point(const struct design *d, struct run_options *opt,
		     struct sweep_point *pt, struct result *total)
{
	struct report rep = { d->t, d->m, &d->a, NULL, NULL };
	struct diag dg;
	struct result *r;
	size_t len = 0;
	FILE *f;

	design_exact(d, opt);
	diag_init(&dg);
	r = run_model(d->m, opt, &dg);
	if (!r)
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	result_measures(r, &r->block[0], &pt->m);
	pt->exact_a = d->a.block_a[0];
	pt->exact_u = d->a.block_u[0];
	pt->method = r->method;
	pt->samples = r->samples;
	pt->rel_error = r->rel_error;
	total->events += r->events;
	total->wall_seconds += r->wall_seconds;
	rep.r = r;
	pt->modes = report_replication_modes(d->m);
	report_writes(&rep, &pt->writes);
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
static int sweep_drawer(const void *s, const char *dir, const char *templates,
			unsigned terminals, struct diag *dg)
{
	return sweep_plot(s, dir, templates, terminals, dg);
}

static int sweep_writer(FILE *f, enum report_format fmt, const void *s)
{
	return sweep_write(f, fmt, s);
}

/* The points of a sweep: its file, its parameters, and what the report
 * keeps of each point. */
struct points {
	const char *file;
	const struct sweep_param *p;
	size_t np;
	struct sweep_point *pt;   /* [n] */
	size_t n;
};

/* Point I's design, with the --set values and then its own set, into D
 * and its settings into SET.  Returns EXIT_OK or the error's status (D
 * released). */
static int point_load(const struct cmd_entry *self, const struct run_args *a,
		      const struct points *ps, size_t i, struct design *d,
		      struct run_settings *set)
{
	struct topology_set sets[RUN_ARGS_MAX_SET + SWEEP_MAX_PARAMS];
	int status;

	memcpy(sets, a->set, a->nset * sizeof *sets);
	point_sets(ps->p, ps->np, i, sets + a->nset, ps->pt[i].index, ps->pt[i].value);
	status = design_load(d, self, ps->file, sets, a->nset + ps->np);
	if (status == EXIT_OK)
		run_args_settings(a, d->t, set);
	return status;
}

/* Every point's design loaded and checked before anything runs, with the
 * settings of the first point into *FIRST and its name into *NAME (to
 * free); every point's warnings into W, once each (the window's from the
 * first point's settings, which every point shares); the replications of
 * all the points into PR->total. */
static int points_check(const struct cmd_entry *self, const struct run_args *a,
			const struct points *ps, struct run_settings *first, char **name,
			struct warnings *w, struct progress *pr)
{
	struct run_settings set;
	struct design d;
	int status;

	for (size_t i = 0; i < ps->n; i++) {
		status = point_load(self, a, ps, i, &d, &set);
		if (status == EXIT_INPUT)
			return point_refused(ps->p, ps->np, i, ps->n, status);
		if (status)
			return status;
		status = design_check(self, &d, &set);
		pr->total += set.replications;
		if (status == EXIT_OK && i == 0) {
			*first = set;
			*name = strdup(d.t->name);
			status = *name ? design_warn_window(&d, a, &set) :
				 command_fail(EXIT_RUNTIME, "out of memory");
		}
		if (status == EXIT_OK && warnings_append(w, &d.warn))
			status = command_fail(EXIT_RUNTIME, "out of memory");
		design_release(&d);
		if (status == EXIT_INPUT)
			return point_refused(ps->p, ps->np, i, ps->n, status);
		if (status)
			return status;
	}
	return EXIT_OK;
}

/* Run every point, each loaded again, with OPT's threads and progress
 * (OPT->progress_arg is the sweep's struct progress); the events and wall
 * time of all into TOTAL. */
static int points_run(const struct cmd_entry *self, const struct run_args *a,
		      const struct points *ps, struct run_options *opt, struct result *total)
{
	struct progress *pr = opt->progress_arg;
	struct design d;
	int status;

	for (size_t i = 0; i < ps->n; i++) {
		status = point_load(self, a, ps, i, &d, &opt->set);
		if (status)
			return status;
		status = run_point(&d, opt, &ps->pt[i], total);
		pr->base += opt->set.replications;
		design_release(&d);
		if (status)
			return status;
	}
	return EXIT_OK;
}

static int cmd_sweep_exec(const struct cmd_entry *self, int argc, char **argv)
{
	struct sweep_param p[SWEEP_MAX_PARAMS];
	struct points ps = { NULL, p, 0, NULL, 0 };
	struct run_options opt;
	struct progress pr = { 0, 0 };
	struct result total;
	struct sweep s;
	struct run_args a;
	char *name = NULL;
	struct warnings warn;
	struct labels labels = { { NULL }, 0 };
	int status;

	warnings_init(&warn);
	status = run_args_parse_own(self, argc, argv, &a, option_set, &labels);
	if (status >= 0)
		return status;
	if (optind >= argc)
		return command_usage_error(self, "no topology file given");
	if (optind + 1 < argc)
		return command_usage_error(self, "one topology file at a time");
	ps.file = argv[optind];
	status = parse_params(self, &a, p, &ps.np);
	if (status)
		return status;
	status = labels_apply(self, &labels, p, ps.np);
	if (status)
		goto out;
	ps.n = p[0].nvalues * (ps.np > 1 ? p[1].nvalues : 1);
	ps.pt = calloc(ps.n, sizeof *ps.pt);
	if (!ps.pt) {
		status = command_fail(EXIT_RUNTIME, "out of memory");
		goto out;
	}
	memset(&opt, 0, sizeof opt);
	/* Every point is checked before anything runs. */
	status = points_check(self, &a, &ps, &s.set, &name, &warn, &pr);
	if (status)
		goto out;
	design_warnings_print(&warn);
	opt.threads = (int)a.threads;
	opt.progress_arg = &pr;
	if (isatty(STDERR_FILENO))
		opt.progress = sweep_progress;
	memset(&total, 0, sizeof total);
	status = points_run(self, &a, &ps, &opt, &total);
	if (status)
		goto out;
	s.name = name;
	s.file = ps.file;
	s.param = p;
	s.nparam = ps.np;
	s.point = ps.pt;
	s.npoints = ps.n;
	s.warn = &warn;
	status = design_output(&a, sweep_writer, &s);
	if (status == EXIT_OK && a.plot)
		status = design_plot(sweep_drawer, &s, a.plot);
	if (a.stats)
		design_stats_print(&total, opt.threads);
out:
	for (size_t i = 0; ps.pt && i < ps.n; i++)
		free(ps.pt[i].system_json);
	free(ps.pt);
	free(name);
	warnings_release(&warn);
	for (size_t k = 0; k < ps.np; k++)
		sweep_param_release(&p[k]);
	return status;
}

static const struct cmd_use cmd_sweep_options[] = {
	{ &run_args_opt_vary, NULL },
	{ &sweep_opt_label, NULL },
	{ &run_args_opt_set, NULL },
	{ &run_args_opt_replications, NULL },
	{ &run_args_opt_horizon, NULL },
	{ &run_args_opt_warmup, NULL },
	{ &run_args_opt_seed, "random seed, the same for every point (default: {from}, else 1)" },
	{ &run_args_opt_confidence, NULL },
	{ &run_args_opt_method, NULL },
	{ &run_args_opt_target_error, NULL },
	{ &run_args_opt_max_time, NULL },
	{ &run_args_opt_max_replications, NULL },
	{ &run_args_opt_threads, NULL },
	{ &run_args_opt_format, NULL },
	{ &run_args_opt_output, NULL },
	{ &run_args_opt_plot, "also draw sweep.png and sweep.svg into DIR" },
	{ &run_args_opt_window, NULL },
	{ &run_args_opt_slo, NULL },
	{ &run_args_opt_stats, NULL },
	{ &command_opt_help, NULL },
	{ NULL, NULL },
};

const struct cmd_entry cmd_sweep_entry = {
	.name = "sweep",
	.usage = "[options] TOPOLOGY.json --vary PATH=FROM:TO:N[:log]|PATH=V1,V2,...",
	.summary = "simulate a design over a range or a list of values of one or two parameters",
	.options = cmd_sweep_options,
	.from = "the file's",
	.exec = cmd_sweep_exec,
};
