/* cmd_simulate.c - `nines simulate`: run the replications of one design
 * and report the measures beside their exact values. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "cli/design.h"
#include "cli/run_args.h"
#include "engine/run.h"

static int cmd_simulate_exec(const struct cmd_entry *self, int argc, char **argv)
{
	struct run_args a;
	struct design d;
	struct run_options opt;
	struct result *res;
	struct diag dg;
	int status = run_args_parse(self, argc, argv, &a);

	if (status >= 0)
		return status;
	status = design_load_operand(&d, self, &a, argc, argv,
				     "one topology file at a time (use compare for several)");
	if (status)
		return status;
	memset(&opt, 0, sizeof opt);
	run_args_settings(&a, d.t, &opt.set);
	status = design_check(self, &d, &opt.set);
	if (!status)
		status = design_warn_window(&d, &a, &opt.set);
	if (status) {
		design_release(&d);
		return status;
	}
	opt.threads = (int)a.threads;
	if (isatty(STDERR_FILENO))
		opt.progress = design_progress;
	design_exact(&d, &opt);
	diag_init(&dg);
	res = run_model(d.m, &opt, &dg);
	if (!res) {
		design_release(&d);
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	}
	status = design_write(&d, res, &a);
	if (a.stats)
		design_stats_print(res, opt.threads);
	result_free(res);
	design_release(&d);
	return status;
}

static const struct cmd_use cmd_simulate_options[] = {
	{ &run_args_opt_set, NULL },
	{ &run_args_opt_replications, NULL },
	{ &run_args_opt_horizon, NULL },
	{ &run_args_opt_warmup, NULL },
	{ &run_args_opt_seed, NULL },
	{ &run_args_opt_confidence, NULL },
	{ &run_args_opt_method, NULL },
	{ &run_args_opt_target_error, NULL },
	{ &run_args_opt_max_time, NULL },
	{ &run_args_opt_max_replications, NULL },
	{ &run_args_opt_threads, NULL },
	{ &run_args_opt_format, NULL },
	{ &run_args_opt_output, NULL },
	{ &run_args_opt_window, NULL },
	{ &run_args_opt_slo, NULL },
	{ &run_args_opt_stats, NULL },
	{ &command_opt_help, NULL },
	{ NULL, NULL },
};

const struct cmd_entry cmd_simulate_entry = {
	.name = "simulate",
	.usage = "[options] TOPOLOGY.json",
	.summary = "simulate a design and report its availability with confidence intervals",
	.options = cmd_simulate_options,
	.from = "the file's",
	.exec = cmd_simulate_exec,
};
