/* cmd_simulate.c - `nines simulate`: run the replications of one design
 * and report the measures beside their exact values. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "run.h"

/* A one-line bar on a terminal's standard error; never on stdout. */
static void progress(void *arg, long done, long total)
{
	int width = 40, fill = (int)((double)done / (double)total * width);

	(void)arg;
	fprintf(stderr, "\r[%.*s%*s] %ld/%ld", fill,
		"########################################", width - fill, "", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

int cmd_simulate(int argc, char **argv, const struct command *self)
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long reps = -1, threads = run_default_threads();
	double horizon = -1, warmup = -1, conf = -1, window = -1;
	struct run_settings slo;
	unsigned long long seed = 0;
	int have_seed = 0, stats = 0, c, status;
	enum report_format fmt = REPORT_TEXT;
	const char *out = NULL;
	struct design d;
	struct run_options opt;
	struct result *res;
	struct report rep;
	struct diag dg;

	run_settings_defaults(&slo);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":n:j:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (command_long(self, "--replications", optarg, 1,
					 TOPOLOGY_MAX_REPLICATIONS, &reps))
				return EXIT_USAGE;
			break;
		case 'H':
			if (command_duration(self, "--horizon", optarg, &horizon))
				return EXIT_USAGE;
			if (!(horizon > 0) || horizon > TOPOLOGY_MAX_HORIZON)
				return command_usage_error(self, "--horizon: must be greater than 0 and at most 1000y");
			break;
		case 'W':
			if (command_duration(self, "--warmup", optarg, &warmup))
				return EXIT_USAGE;
			if (!(warmup >= 0) || warmup > TOPOLOGY_MAX_HORIZON)
				return command_usage_error(self, "--warmup: must be 0 or more and at most 1000y");
			break;
		case 'S':
			if (command_u64(self, "--seed", optarg, &seed))
				return EXIT_USAGE;
			have_seed = 1;
			break;
		case 'C':
			if (command_double(self, "--confidence", optarg, &conf))
				return EXIT_USAGE;
			if (!(conf > 0 && conf < 1))
				return command_usage_error(self, "--confidence: must be between 0 and 1 (exclusive), got %s", optarg);
			break;
		case 'j':
			if (command_long(self, "--threads", optarg, 1, 256, &threads))
				return EXIT_USAGE;
			break;
		case 'F':
			if (report_format_parse(optarg, &fmt))
				return command_usage_error(self, "--format: unknown format \"%s\" (text, json, md, csv)", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 's':
			stats = 1;
			break;
		case 'w':
			if (command_duration(self, "--window", optarg, &window))
				return EXIT_USAGE;
			if (!(window > 0))
				return command_usage_error(self, "--window: must be greater than 0");
			break;
		case 'L':
			if (command_slo(self, optarg, &slo))
				return EXIT_USAGE;
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
	if (optind >= argc)
		return command_usage_error(self, "no topology file given");
	if (optind + 1 < argc)
		return command_usage_error(self, "one topology file at a time (use compare for several)");

	status = command_design_load(&d, argv[optind]);
	if (status)
		return status;
	memset(&opt, 0, sizeof opt);
	run_settings_defaults(&opt.set);
	opt.set.nslo = slo.nslo;
	memcpy(opt.set.slo, slo.slo, sizeof slo.slo);
	if (window > 0)
		opt.set.window = window;
	opt.set.horizon = horizon > 0 ? horizon : d.t->sim.horizon;
	opt.set.warmup = warmup >= 0 ? warmup : d.t->sim.warmup;
	opt.set.replications = reps > 0 ? reps : d.t->sim.replications;
	opt.set.seed = have_seed ? seed : d.t->sim.seed;
	opt.set.confidence = conf > 0 ? conf : d.t->sim.confidence;
	opt.threads = (int)threads;
	if (isatty(STDERR_FILENO))
		opt.progress = progress;
	diag_init(&dg);
	res = run_model(d.m, &opt, &dg);
	if (!res) {
		command_design_release(&d);
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	}
	rep.t = d.t;
	rep.m = d.m;
	rep.a = &d.a;
	rep.r = res;
	status = command_write_report(&rep, fmt, out);
	if (stats)
		fprintf(stderr, "nines: %llu events in %.3f s: %.3g events/s on %d threads\n",
			(unsigned long long)res->events, res->wall_seconds,
			res->wall_seconds > 0 ? (double)res->events / res->wall_seconds : 0,
			opt.threads);
	result_free(res);
	command_design_release(&d);
	return status;
}
