/* cmd_simulate.c - `nines simulate`: run the replications of one design
 * and report the measures beside their exact values. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "engine/run.h"

int cmd_simulate(int argc, char **argv, const struct command *self)
{
	struct run_args a;
	struct design d;
	struct run_options opt;
	struct result *res;
	struct report rep;
	struct diag dg;
	int status = command_run_args(self, argc, argv, 0, &a);

	if (status >= 0)
		return status;
	if (optind >= argc)
		return command_usage_error(self, "no topology file given");
	if (optind + 1 < argc)
		return command_usage_error(self, "one topology file at a time (use compare for several)");

	status = command_design_load(&d, argv[optind]);
	if (status)
		return status;
	memset(&opt, 0, sizeof opt);
	command_run_settings(&a, d.t, &opt.set);
	status = command_check_run(self, &d, &opt.set);
	if (status) {
		command_design_release(&d);
		return status;
	}
	opt.threads = (int)a.threads;
	if (isatty(STDERR_FILENO))
		opt.progress = command_progress;
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
	status = command_write_report(&rep, a.fmt, a.out);
	if (a.stats)
		command_stats(res, opt.threads);
	result_free(res);
	command_design_release(&d);
	return status;
}
