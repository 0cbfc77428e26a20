/* run_args.c - the options of the simulating and reporting commands, each
 * written once: its names, its help line and how its value is checked and
 * stored in a struct run_args; and the settings a run takes from them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/run_args.h"
#include "engine/run.h"

/* What each option sets: the key of its definition. */
enum run_key {
	RUN_REPLICATIONS = 1, RUN_HORIZON, RUN_WARMUP, RUN_SEED, RUN_CONFIDENCE,
	RUN_THREADS, RUN_FORMAT, RUN_OUTPUT, RUN_WINDOW, RUN_SLO, RUN_STATS,
	RUN_BASELINE, RUN_FAIL_BELOW, RUN_PLOT, RUN_VARY, RUN_METHOD, RUN_TARGET,
	RUN_MAX_TIME, RUN_MAX_REPS, RUN_SET,
	/* a command's own options from RUN_ARGS_OWN_KEY on */
	RUN_KEYS_END
};

_Static_assert(RUN_KEYS_END <= RUN_ARGS_OWN_KEY, "run_args keys overlap the commands' own");

const struct cmd_option run_args_opt_replications = {
	"replications", 'n', "N", RUN_REPLICATIONS,
	"independent replications (default: {from}, else 1000)",
};
const struct cmd_option run_args_opt_horizon = {
	"horizon", 0, "DUR", RUN_HORIZON,
	"measured time of each replication, e.g. 10y (default: {from}, else 10y)",
};
const struct cmd_option run_args_opt_warmup = {
	"warmup", 0, "DUR", RUN_WARMUP,
	"time simulated before measuring starts (default: {from}, else 0)",
};
const struct cmd_option run_args_opt_seed = {
	"seed", 0, "N", RUN_SEED,
	"random seed (default: {from}, else 1)",
};
const struct cmd_option run_args_opt_confidence = {
	"confidence", 0, "C", RUN_CONFIDENCE,
	"level of the confidence intervals, 0 < C < 1 (default: {from}, else 0.95)",
};
const struct cmd_option run_args_opt_threads = {
	"threads", 'j', "N", RUN_THREADS,
	"worker threads (default: online processors); the output does not depend on it",
};
const struct cmd_option run_args_opt_format = {
	"format", 0, "FMT", RUN_FORMAT,
	"text, json, md or csv (default: from the -o file's extension, else text)",
};
const struct cmd_option run_args_opt_output = {
	"output", 'o', "FILE", RUN_OUTPUT,
	"write the report to FILE, atomically; several -o write several formats (default: standard output)",
};
const struct cmd_option run_args_opt_window = {
	"window", 0, "DUR", RUN_WINDOW,
	"length of the SLO windows (default: 30d)",
};
const struct cmd_option run_args_opt_slo = {
	"slo", 0, "LIST", RUN_SLO,
	"availability targets in percent for the windows (default: 99.9,99.95,99.99)",
};
const struct cmd_option run_args_opt_stats = {
	"stats", 0, NULL, RUN_STATS,
	"print events, events per second and wall time to standard error",
};
const struct cmd_option run_args_opt_baseline = {
	"baseline", 0, "FILE", RUN_BASELINE,
	"the design the others are measured against (default: the first)",
};
const struct cmd_option run_args_opt_fail_below = {
	"fail-below", 0, "NINES", RUN_FAIL_BELOW,
	"exit with status 1 when a design gives fewer nines",
};
const struct cmd_option run_args_opt_plot = {
	"plot", 0, "DIR", RUN_PLOT,
	"also draw the plots of nines plot (png and svg) into DIR",
};
const struct cmd_option run_args_opt_vary = {
	"vary", 0, "SPEC", RUN_VARY,
	"the parameter to sweep: PATH=FROM:TO:N, N values from FROM to TO,\n"
	"or PATH=FROM:TO:N:log for geometric spacing, or PATH=V1,V2,... the\n"
	"values listed (each as for --set: hot,warm or 1h,4h,8h; a value with\n"
	"a comma or a colon in double quotes); twice for a grid (PATH as\n"
	"components.db.mttr or system.blocks[1].count; FROM and TO numbers or\n"
	"durations such as 30m, 8h)",
};
const struct cmd_option run_args_opt_set = {
	"set", 0, "PATH=VALUE", RUN_SET,
	"put VALUE at PATH in every design's file before it is checked, as\n"
	"if the file said so (PATH as for --vary; VALUE a number, a duration\n"
	"such as 4h, a word such as hot, or any JSON value); repeatable",
};

const struct cmd_option run_args_opt_method = {
	"method", 0, "M", RUN_METHOD,
	"auto, plain, importance or splitting: how replications are run;\n"
	"auto, when the system is rarely down, uses importance sampling if\n"
	"every failure law is exponential, else splitting (default: {from},\n"
	"else auto)",
};
const struct cmd_option run_args_opt_target_error = {
	"target-error", 0, "REL", RUN_TARGET,
	"run until the system unavailability's half-width is at most REL\n"
	"times its estimate, 0 < REL < 1 (default: {from}, else none:\n"
	"the replications asked; importance sampling and splitting: 0.05)",
};
const struct cmd_option run_args_opt_max_time = {
	"max-time", 0, "DUR", RUN_MAX_TIME,
	"with a target error, stop after this wall time, e.g. 30s, 5m\n"
	"(the output then depends on the machine) (default: {from}, else none)",
};
const struct cmd_option run_args_opt_max_replications = {
	"max-replications", 0, "N", RUN_MAX_REPS,
	"with a target error, stop after N replications (cycles for importance\n"
	"sampling) (default: {from}, else 10000000)",
};

/* --set's PATH=VALUE into A's next set: the text kept in A, split at the
 * first '='.  Returns 0, or -1 after a usage error of E. */
static int set_parse(const struct cmd_entry *e, const char *text, struct run_args *a)
{
	char *spec, *eq;

	if (a->nset == RUN_ARGS_MAX_SET) {
		command_usage_error(e, "--set: at most %d values", RUN_ARGS_MAX_SET);
		return -1;
	}
	if (strlen(text) >= RUN_ARGS_SET_LEN) {
		command_usage_error(e, "--set: \"%.40s...\" is longer than %d characters",
				    text, RUN_ARGS_SET_LEN - 1);
		return -1;
	}
	spec = a->set_spec[a->nset];
	strcpy(spec, text);
	eq = strchr(spec, '=');
	if (!eq || eq == spec) {
		command_usage_error(e, "--set: \"%s\" is not PATH=VALUE, such as"
				    " components.db.mttr=4h", text);
		return -1;
	}
	*eq = '\0';
	a->set[a->nset++] = (struct topology_set){ .path = spec, .text = eq + 1, .label = "--set" };
	return 0;
}

/* --slo's comma-separated availability targets in percent ("99.9,99.95")
 * into SET's nslo and slo.  Returns 0, or -1 after a usage error of E. */
static int slo_parse(const struct cmd_entry *e, const char *text, struct run_settings *set)
{
	const char *p = text;

	set->nslo = 0;
	for (;;) {
		char *end;
		double v = strtod(p, &end);

		if (end == p || (*end && *end != ',') || !isfinite(v) || !(v > 0 && v < 100)) {
			command_usage_error(e, "--slo: \"%s\" is not a list of percentages between 0 and 100"
					    " such as 99.9,99.95", text);
			return -1;
		}
		if (set->nslo == RESULT_MAX_SLO) {
			command_usage_error(e, "--slo: at most %d targets", RESULT_MAX_SLO);
			return -1;
		}
		set->slo[set->nslo++] = v / 100;
		if (!*end)
			return 0;
		p = end + 1;
	}
}

/* The settings of a run, checked as the file's are: --horizon, --warmup,
 * --confidence, --window.  Returns 0 or EXIT_USAGE after the error. */
static int setting_set(const struct cmd_entry *e, int key, const char *v, struct run_args *a)
{
	switch (key) {
	case RUN_HORIZON:
		if (command_duration(e, "--horizon", v, &a->horizon))
			return EXIT_USAGE;
		if (!(a->horizon > 0) || a->horizon > TOPOLOGY_MAX_HORIZON)
			return command_usage_error(e, "--horizon: must be greater than 0 and at most 1000y");
		return 0;
	case RUN_WARMUP:
		if (command_duration(e, "--warmup", v, &a->warmup))
			return EXIT_USAGE;
		if (!(a->warmup >= 0) || a->warmup > TOPOLOGY_MAX_HORIZON)
			return command_usage_error(e, "--warmup: must be 0 or more and at most 1000y");
		return 0;
	case RUN_CONFIDENCE:
		if (command_double(e, "--confidence", v, &a->conf))
			return EXIT_USAGE;
		if (!(a->conf > 0 && a->conf < 1))
			return command_usage_error(e, "--confidence: must be between 0 and 1 (exclusive), got %s", v);
		return 0;
	case RUN_TARGET:
		if (command_double(e, "--target-error", v, &a->target))
			return EXIT_USAGE;
		if (!(a->target > 0 && a->target < 1))
			return command_usage_error(e, "--target-error: must be between 0 and 1 (exclusive), got %s", v);
		return 0;
	case RUN_MAX_TIME:
		if (command_duration(e, "--max-time", v, &a->max_time))
			return EXIT_USAGE;
		if (!(a->max_time > 0))
			return command_usage_error(e, "--max-time: must be greater than 0");
		return 0;
	default: /* RUN_WINDOW */
		if (command_duration(e, "--window", v, &a->window))
			return EXIT_USAGE;
		if (!(a->window > 0))
			return command_usage_error(e, "--window: must be greater than 0");
		return 0;
	}
}

/* command_parse's callback: option O's value V into A. */
static int option_set(const struct cmd_entry *e, const struct cmd_option *o,
		      const char *v, void *arg)
{
	struct run_args *a = arg;

	switch (o->key) {
	case RUN_REPLICATIONS:
		return command_long(e, "--replications", v, 1, TOPOLOGY_MAX_REPLICATIONS,
				    &a->reps) ? EXIT_USAGE : 0;
	case RUN_MAX_REPS:
		return command_long(e, "--max-replications", v, 1, TOPOLOGY_MAX_REPLICATIONS,
				    &a->max_reps) ? EXIT_USAGE : 0;
	case RUN_METHOD:
		if (run_method_parse(v, &a->method))
			return command_usage_error(e, "--method: unknown method \"%s\" (auto, plain, importance, splitting)", v);
		a->have_method = 1;
		return 0;
	case RUN_SEED:
		a->have_seed = 1;
		return command_u64(e, "--seed", v, &a->seed) ? EXIT_USAGE : 0;
	case RUN_THREADS:
		return command_long(e, "--threads", v, 1, 256, &a->threads) ? EXIT_USAGE : 0;
	case RUN_FORMAT:
		if (report_format_parse(v, &a->fmt))
			return command_usage_error(e, "--format: unknown format \"%s\" (text, json, md, csv)", v);
		a->have_fmt = 1;
		return 0;
	case RUN_SLO:
		return slo_parse(e, v, &a->slo) ? EXIT_USAGE : 0;
	case RUN_FAIL_BELOW:
		a->have_fail_below = 1;
		return command_double(e, "--fail-below", v, &a->fail_below) ? EXIT_USAGE : 0;
	case RUN_VARY:
		if (a->nvary == RUN_ARGS_MAX_VARY)
			return command_usage_error(e, "--vary: at most %d parameters", RUN_ARGS_MAX_VARY);
		a->vary[a->nvary++] = v;
		return 0;
	case RUN_SET:
		return set_parse(e, v, a) ? EXIT_USAGE : 0;
	case RUN_OUTPUT:
		for (int k = 0; k < a->nout; k++)
			if (strcmp(a->out[k], v) == 0)
				return command_usage_error(e, "-o: \"%s\" is named twice", v);
		if (a->nout == RUN_ARGS_MAX_OUT)
			return command_usage_error(e, "-o: at most %d files", RUN_ARGS_MAX_OUT);
		a->out[a->nout++] = v;
		return 0;
	case RUN_STATS:
		a->stats = 1;
		return 0;
	case RUN_BASELINE:
		a->baseline = v;
		return 0;
	case RUN_PLOT:
		if (!*v)
			return command_usage_error(e, "--plot: the directory is \"\"");
		a->plot = v;
		return 0;
	default:
		return setting_set(e, o->key, v, a);
	}
}

/* The format FILE's extension names: 0 and *F, or -1. */
static int extension_format(const char *file, enum report_format *f)
{
	static const struct { const char *ext; enum report_format f; } known[] = {
		{ ".txt", REPORT_TEXT }, { ".json", REPORT_JSON }, { ".md", REPORT_MD },
		{ ".csv", REPORT_CSV },
	};
	const char *dot = strrchr(file, '.');

	if (!dot || strchr(dot, '/'))
		return -1;
	for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
		if (strcasecmp(dot, known[k].ext) == 0) {
			*f = known[k].f;
			return 0;
		}
	return -1;
}

/* Whether E writes reports in a format of its choice (--format): only
 * those write several at once. */
static int takes_format(const struct cmd_entry *e)
{
	for (const struct cmd_use *u = e->options; u->opt; u++)
		if (u->opt == &run_args_opt_format)
			return 1;
	return 0;
}

enum report_format run_args_format(const struct run_args *a, int k)
{
	enum report_format f = REPORT_TEXT;

	if (a->have_fmt || k >= a->nout)
		return a->fmt;
	extension_format(a->out[k], &f);
	return f;
}

/* run_args_parse_own's callback: an option of this file into the
 * run_args, a command's own (by its key) to the command's callback. */
struct own {
	struct run_args *a;
	cmd_set_fn *set;
	void *arg;
};

static int option_own(const struct cmd_entry *e, const struct cmd_option *o,
		      const char *v, void *arg)
{
	struct own *w = arg;

	return o->key >= RUN_ARGS_OWN_KEY ? w->set(e, o, v, w->arg) : option_set(e, o, v, w->a);
}

int run_args_parse(const struct cmd_entry *self, int argc, char **argv,
		   struct run_args *a)
{
	return run_args_parse_own(self, argc, argv, a, NULL, NULL);
}

int run_args_parse_own(const struct cmd_entry *self, int argc, char **argv,
		       struct run_args *a, cmd_set_fn *set, void *arg)
{
	struct own w = { a, set, arg };
	enum report_format f;
	int status;

	run_args_init(a);
	status = set ? command_parse(self, argc, argv, option_own, &w) :
		       command_parse(self, argc, argv, option_set, a);
	if (status >= 0 || a->nout < 2)
		return status;
	if (!takes_format(self))
		return command_usage_error(self, "-o: one file at a time");
	if (a->have_fmt)
		return command_usage_error(self, "--format: not with several -o (each file's "
					   "extension names its format: .txt, .json, .md, .csv)");
	for (int k = 0; k < a->nout; k++)
		if (strcmp(a->out[k], "-") != 0 && extension_format(a->out[k], &f))
			return command_usage_error(self, "-o: \"%s\": with several -o, name each "
						   "format by the extension .txt, .json, .md or .csv",
						   a->out[k]);
	return -1;
}

void run_args_init(struct run_args *a)
{
	memset(a, 0, sizeof *a);
	a->reps = -1;
	a->max_reps = -1;
	a->target = a->max_time = -1;
	a->threads = run_default_threads();
	a->horizon = a->warmup = a->conf = a->window = -1;
	a->fmt = REPORT_TEXT;
	run_settings_defaults(&a->slo);
}

void run_args_settings(const struct run_args *a, const struct topology *t,
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
	set->method = a->have_method ? a->method : t->sim.method;
	set->target_error = a->target > 0 ? a->target : t->sim.target_error;
	/* durations are hours; the bound is wall-clock seconds */
	set->max_time = (a->max_time > 0 ? a->max_time : t->sim.max_time) * 3600;
	set->max_replications = a->max_reps > 0 ? a->max_reps : t->sim.max_replications;
	set->nslo = a->slo.nslo;
	memcpy(set->slo, a->slo.slo, sizeof set->slo);
}
