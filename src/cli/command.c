/* command.c - what every subcommand shares: finding an entry, help and
 * usage errors from the table, and checked option values. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "engine/result.h"
#include "engine/run.h"
#include "report/compare.h"
#include "util/duration.h"
#include "util/output.h"

const struct command *command_find(const char *name)
{
	for (int i = 0; i < ncommands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void command_help(const struct command *c, FILE *f)
{
	fprintf(f, "usage: nines %s %s\n\n%s\n", c->name, c->args, c->summary);
	if (c->options[0])
		fprintf(f, "\noptions:\n%s", c->options);
}

int command_usage_error(const struct command *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nines: %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: nines %s %s\n", c->name, c->args);
	return EXIT_USAGE;
}

int command_fail(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("nines: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int command_long(const struct command *c, const char *opt, const char *text,
		 long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (end == text || *end || errno || strspn(text, "-0123456789") != strlen(text)) {
		command_usage_error(c, "%s: \"%s\" is not an integer", opt, text);
		return -1;
	}
	if (v < min || v > max) {
		command_usage_error(c, "%s: %ld is outside %ld..%ld", opt, v, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int command_u64(const struct command *c, const char *opt, const char *text,
		unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (end == text || *end || errno || strspn(text, "0123456789") != strlen(text)) {
		command_usage_error(c, "%s: \"%s\" is not an integer from 0 to 18446744073709551615",
				    opt, text);
		return -1;
	}
	*out = v;
	return 0;
}

int command_double(const struct command *c, const char *opt, const char *text,
		   double *out)
{
	char *end;
	double v;

	v = strtod(text, &end);
	if (end == text || *end || !isfinite(v)) {
		command_usage_error(c, "%s: \"%s\" is not a number", opt, text);
		return -1;
	}
	*out = v;
	return 0;
}

int command_duration(const struct command *c, const char *opt, const char *text,
		     double *hours)
{
	struct diag why;
	char *end;
	double v = strtod(text, &end);

	/* A bare decimal number means hours, as in topology files. */
	if (end != text && *end == '\0' && strspn(text, "0123456789.eE+-") == strlen(text)) {
		*hours = v;
		return 0;
	}
	diag_init(&why);
	if (duration_parse(text, hours, &why)) {
		command_usage_error(c, "%s: \"%s\" %s", opt, text, diag_text(&why));
		return -1;
	}
	return 0;
}

int command_slo(const struct command *c, const char *text, struct run_settings *set)
{
	const char *p = text;

	set->nslo = 0;
	for (;;) {
		char *end;
		double v = strtod(p, &end);

		if (end == p || (*end && *end != ',') || !isfinite(v) || !(v > 0 && v < 100)) {
			command_usage_error(c, "--slo: \"%s\" is not a list of percentages between 0 and 100"
					    " such as 99.9,99.95", text);
			return -1;
		}
		if (set->nslo == RESULT_MAX_SLO) {
			command_usage_error(c, "--slo: at most %d targets", RESULT_MAX_SLO);
			return -1;
		}
		set->slo[set->nslo++] = v / 100;
		if (!*end)
			return 0;
		p = end + 1;
	}
}

int command_design_load(struct design *d, const char *file)
{
	struct topology_load_options opt = { .models_dir = getenv("NINES_MODELS") };
	struct diag dg;

	diag_init(&dg);
	memset(d, 0, sizeof *d);
	d->t = topology_load(file, &opt, &dg);
	if (!d->t)
		return command_fail(dg.kind == DIAG_RUNTIME ? EXIT_RUNTIME : EXIT_INPUT,
				    "%s", diag_text(&dg));
	d->m = model_compile(d->t, &dg);
	if (!d->m || analytic_init(&d->a, d->m, &dg)) {
		command_design_release(d);
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	}
	return EXIT_OK;
}

void command_design_release(struct design *d)
{
	if (d->m)
		analytic_release(&d->a);
	model_free(d->m);
	topology_free(d->t);
	memset(d, 0, sizeof *d);
}

int command_write_report(const struct report *rep, enum report_format fmt, const char *path)
{
	struct output o;
	struct diag dg;

	diag_init(&dg);
	if (output_open(&o, path, &dg))
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	if (report_write(o.f, fmt, rep)) {
		output_abort(&o);
		return command_fail(EXIT_RUNTIME, "%s: cannot write the report", path ? path : "stdout");
	}
	if (output_commit(&o, &dg))
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	return EXIT_OK;
}

/* A one-line bar on a terminal's standard error; never on stdout. */
void command_progress(void *arg, long done, long total)
{
	int width = 40, fill = (int)((double)done / (double)total * width);

	(void)arg;
	fprintf(stderr, "\r[%.*s%*s] %ld/%ld", fill,
		"########################################", width - fill, "", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

void command_stats(const struct result *r, int threads)
{
	fprintf(stderr, "nines: %llu events in %.3f s: %.3g events/s on %d threads\n",
		(unsigned long long)r->events, r->wall_seconds,
		r->wall_seconds > 0 ? (double)r->events / r->wall_seconds : 0, threads);
}

int command_run_args(const struct command *self, int argc, char **argv,
		     unsigned extra, struct run_args *a)
{
	static const struct option longopts[] = {
		{ "replications", required_argument, NULL, 'n' },
		{ "horizon", required_argument, NULL, 'H' },
		{ "warmup", required_argument, NULL, 'W' },
		{ "seed", required_argument, NULL, 'S' },
		{ "confidence", required_argument, NULL, 'C' },
		{ "threads", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "stats", no_argument, NULL, 's' },
		{ "window", required_argument, NULL, 'w' },
		{ "slo", required_argument, NULL, 'L' },
		{ "baseline", required_argument, NULL, 'B' },
		{ "fail-below", required_argument, NULL, 'f' },
		{ "plot", required_argument, NULL, 'P' },
		{ "vary", required_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, li;

	memset(a, 0, sizeof *a);
	a->reps = -1;
	a->threads = run_default_threads();
	a->horizon = a->warmup = a->conf = a->window = -1;
	a->fmt = REPORT_TEXT;
	run_settings_defaults(&a->slo);
	opterr = 0;
	optind = 1;
	while ((li = -1, c = getopt_long(argc, argv, ":n:j:o:h", longopts, &li)) != -1) {
		/* An option this command does not take is unknown to it: name
		 * the option, not the value that follows it. */
		if (li >= 0 && ((!(extra & RUN_ARGS_COMPARE) && c == 'f') ||
				(!(extra & (RUN_ARGS_COMPARE | RUN_ARGS_SWEEP)) && c == 'P') ||
				(!(extra & RUN_ARGS_SWEEP) && c == 'V') ||
				(!(extra & (RUN_ARGS_COMPARE | RUN_ARGS_BASELINE)) && c == 'B') ||
				((extra & RUN_ARGS_NO_FORMAT) && c == 'F')))
			return command_usage_error(self, "unknown option \"--%s\"", longopts[li].name);
		switch (c) {
		case 'n':
			if (command_long(self, "--replications", optarg, 1,
					 TOPOLOGY_MAX_REPLICATIONS, &a->reps))
				return EXIT_USAGE;
			break;
		case 'H':
			if (command_duration(self, "--horizon", optarg, &a->horizon))
				return EXIT_USAGE;
			if (!(a->horizon > 0) || a->horizon > TOPOLOGY_MAX_HORIZON)
				return command_usage_error(self, "--horizon: must be greater than 0 and at most 1000y");
			break;
		case 'W':
			if (command_duration(self, "--warmup", optarg, &a->warmup))
				return EXIT_USAGE;
			if (!(a->warmup >= 0) || a->warmup > TOPOLOGY_MAX_HORIZON)
				return command_usage_error(self, "--warmup: must be 0 or more and at most 1000y");
			break;
		case 'S':
			if (command_u64(self, "--seed", optarg, &a->seed))
				return EXIT_USAGE;
			a->have_seed = 1;
			break;
		case 'C':
			if (command_double(self, "--confidence", optarg, &a->conf))
				return EXIT_USAGE;
			if (!(a->conf > 0 && a->conf < 1))
				return command_usage_error(self, "--confidence: must be between 0 and 1 (exclusive), got %s", optarg);
			break;
		case 'j':
			if (command_long(self, "--threads", optarg, 1, 256, &a->threads))
				return EXIT_USAGE;
			break;
		case 'F':
			if (report_format_parse(optarg, &a->fmt))
				return command_usage_error(self, "--format: unknown format \"%s\" (text, json, md, csv)", optarg);
			break;
		case 'o':
			a->out = optarg;
			break;
		case 's':
			a->stats = 1;
			break;
		case 'w':
			if (command_duration(self, "--window", optarg, &a->window))
				return EXIT_USAGE;
			if (!(a->window > 0))
				return command_usage_error(self, "--window: must be greater than 0");
			break;
		case 'L':
			if (command_slo(self, optarg, &a->slo))
				return EXIT_USAGE;
			break;
		case 'B':
			a->baseline = optarg;
			break;
		case 'f':
			if (command_double(self, "--fail-below", optarg, &a->fail_below))
				return EXIT_USAGE;
			a->have_fail_below = 1;
			break;
		case 'P':
			a->plot = optarg;
			break;
		case 'V':
			if (a->nvary == RUN_ARGS_MAX_VARY)
				return command_usage_error(self, "--vary: at most %d parameters",
							   RUN_ARGS_MAX_VARY);
			a->vary[a->nvary++] = optarg;
			break;
		case 'h':
			command_help(self, stdout);
			return EXIT_OK;
		case ':':
			return command_usage_error(self, "%s needs a value", argv[optind - 1]);
		default:
			return command_usage_error(self, "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	return -1;
}

int command_check_run(const struct command *self, const struct design *d,
		      const struct run_settings *set)
{
	size_t worst;
	double ev = run_expected_events(d->m, set, &worst);
	char h[64], c[64];

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

void command_run_settings(const struct run_args *a, const struct topology *t,
			  struct run_settings *set)
{
	run_settings_defaults(set);
	set->horizon = a->horizon > 0 ? a->horizon : t->sim.horizon;
	set->warmup = a->warmup >= 0 ? a->warmup : t->sim.warmup;
	set->replications = a->reps > 0 ? a->reps : t->sim.replications;
	set->seed = a->have_seed ? a->seed : t->sim.seed;
	set->confidence = a->conf > 0 ? a->conf : t->sim.confidence;
	if (a->window > 0)
		set->window = a->window;
	set->nslo = a->slo.nslo;
	memcpy(set->slo, a->slo.slo, sizeof set->slo);
}

int command_designs_run(const struct command *self, const struct run_args *a,
			char **files, int n, struct designs *ds)
{
	struct run_options opt;
	struct diag dg;
	int status;

	memset(ds, 0, sizeof *ds);
	if (a->baseline) {
		int found = 0;

		for (int i = 0; i < n && !found; i++)
			if (strcmp(files[i], a->baseline) == 0) {
				ds->baseline = (size_t)i;
				found = 1;
			}
		if (!found)
			return command_usage_error(self, "--baseline: \"%s\" is not one of the files compared",
						   a->baseline);
	}
	ds->d = calloc((size_t)n, sizeof *ds->d);
	ds->res = calloc((size_t)n, sizeof *ds->res);
	ds->cd = calloc((size_t)n, sizeof *ds->cd);
	if (!ds->d || !ds->res || !ds->cd) {
		command_designs_release(ds);
		return command_fail(EXIT_RUNTIME, "out of memory");
	}
	ds->n = (size_t)n;
	/* Every file is checked before anything runs. */
	for (int i = 0; i < n; i++) {
		status = command_design_load(&ds->d[i], files[i]);
		if (status)
			goto fail;
	}
	memset(&opt, 0, sizeof opt);
	/* One set of settings for all, so that the streams line up: the
	 * options, else the baseline file's simulation object. */
	command_run_settings(a, ds->d[ds->baseline].t, &opt.set);
	for (int i = 0; i < n; i++) {
		status = command_check_run(self, &ds->d[i], &opt.set);
		if (status)
			goto fail;
	}
	opt.threads = (int)a->threads;
	opt.keep = 1;
	if (isatty(STDERR_FILENO))
		opt.progress = command_progress;
	for (int i = 0; i < n; i++) {
		diag_init(&dg);
		ds->res[i] = run_model(ds->d[i].m, &opt, &dg);
		if (!ds->res[i]) {
			status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
			goto fail;
		}
		if (a->stats)
			command_stats(ds->res[i], opt.threads);
		ds->cd[i].t = ds->d[i].t;
		ds->cd[i].m = ds->d[i].m;
		ds->cd[i].a = &ds->d[i].a;
		ds->cd[i].r = ds->res[i];
	}
	return EXIT_OK;
fail:
	command_designs_release(ds);
	return status;
}

void command_designs_release(struct designs *ds)
{
	for (size_t i = 0; ds->d && ds->res && i < ds->n; i++) {
		result_free(ds->res[i]);
		command_design_release(&ds->d[i]);
	}
	free(ds->res);
	free(ds->d);
	free(ds->cd);
	memset(ds, 0, sizeof *ds);
}
