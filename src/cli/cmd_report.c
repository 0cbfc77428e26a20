/* cmd_report.c - `nines report`: the designs simulated as `nines compare`
 * does, written as one self-contained HTML file (html_report.h).  When the
 * plots cannot be drawn the page is written all the same and the command
 * exits 4 after writing it: the status still tells a script that
 * something is missing. */
#include <unistd.h>

#include "cli/command.h"
#include "cli/design.h"
#include "cli/run_args.h"
#include "engine/run_mpi.h"
#include "report/html_report.h"

static int cmd_report_exec(const struct cmd_entry *self, int argc, char **argv)
{
	const struct command_env *env = command_env();
	struct run_args a;
	struct design_list ds;
	struct comparison cmp;
	struct diag dg, why;
	int rc, status = run_args_parse(self, argc, argv, &a);

	if (status >= 0)
		return status;
	if (a.nout == 0)
		return command_usage_error(self, "give the file to write with -o REPORT.html");
	if (argc - optind < 1)
		return command_usage_error(self, "no topology file given");
	status = design_list_run(self, &a, argv + optind, argc - optind, &ds);
	if (status)
		return status;
	cmp.d = ds.cd;
	cmp.n = ds.n;
	cmp.baseline = ds.baseline;
	cmp.warn = &ds.warn;
	diag_init(&dg);
	diag_init(&why);
	command_shield_begin();
	/* rank 0 writes for every rank */
	rc = run_mpi_rank() > 0 ? 0 :
	     html_report_write(a.out[0], &cmp, env->tmp_dir, env->plots_dir, &dg, &why);
	command_shield_end();
	if (rc)
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	else if (why.kind != DIAG_NONE)
		status = command_fail(EXIT_RUNTIME, "report: %s; the report has no plots", diag_text(&why));
	design_list_release(&ds);
	return status;
}

static const struct cmd_use cmd_report_options[] = {
	{ &run_args_opt_output, "the HTML file to write, atomically (required; - for standard output)" },
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
	{ &run_args_opt_baseline, NULL },
	{ &run_args_opt_threads, NULL },
	{ &run_args_opt_window, NULL },
	{ &run_args_opt_slo, NULL },
	{ &run_args_opt_stats, NULL },
	{ &command_opt_help, NULL },
	{ NULL, NULL },
};

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "[options] A.json [B.json...] -o REPORT.html",
	.summary = "write a one-file HTML report for a planning meeting",
	.options = cmd_report_options,
	.from = "the baseline file's",
	.exec = cmd_report_exec,
};
