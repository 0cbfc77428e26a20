/* cmd_compare.c - `nines compare`: several designs on common random
 * numbers, side by side, with paired differences against a baseline. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "cli/design.h"
#include "cli/run_args.h"
#include "engine/run.h"
#include "report/compare.h"

/* --plot DIR: the plots of the comparison, from the comparison in memory;
 * `nines plot` of its JSON report draws the same. */
static int compare_drawer(const void *cmp, const char *dir, const char *templates,
			  unsigned terminals, struct diag *dg)
{
	return compare_plot(cmp, dir, templates, terminals, dg);
}

static int compare_writer(FILE *f, enum report_format fmt, const void *cmp)
{
	return compare_write(f, fmt, cmp);
}

static int cmd_compare_exec(const struct cmd_entry *self, int argc, char **argv)
{
	struct run_args a;
	struct design_list ds;
	struct comparison cmp;
	int status = run_args_parse(self, argc, argv, &a);

	if (status >= 0)
		return status;
	if (argc - optind < 2)
		return command_usage_error(self, "give at least two topology files");
	status = design_list_run(self, &a, argv + optind, argc - optind, &ds);
	if (status)
		return status;
	cmp.d = ds.cd;
	cmp.n = ds.n;
	cmp.baseline = ds.baseline;
	cmp.warn = &ds.warn;
	status = design_output(&a, compare_writer, &cmp);
	if (status)
		goto out;
	status = a.plot ? design_plot(compare_drawer, &cmp, a.plot) : EXIT_OK;
	if (status == EXIT_OK && a.have_fail_below) {
		for (size_t i = 0; i < ds.n; i++) {
			struct measures m;

			result_measures(ds.res[i], &ds.res[i]->block[0], &m);
			if (!(m.nines.mean >= a.fail_below)) {
				command_fail(EXIT_BELOW, "compare: %s gives %.2f nines, below %g",
					     ds.d[i].t->name, m.nines.mean, a.fail_below);
				status = EXIT_BELOW;
			}
		}
	}
out:
	design_list_release(&ds);
	return status;
}

static const struct cmd_use cmd_compare_options[] = {
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
	{ &run_args_opt_fail_below, NULL },
	{ &run_args_opt_threads, NULL },
	{ &run_args_opt_format, NULL },
	{ &run_args_opt_output, NULL },
	{ &run_args_opt_plot, NULL },
	{ &run_args_opt_window, NULL },
	{ &run_args_opt_slo, NULL },
	{ &run_args_opt_stats, NULL },
	{ &command_opt_help, NULL },
	{ NULL, NULL },
};

const struct cmd_entry cmd_compare_entry = {
	.name = "compare",
	.usage = "[options] A.json B.json [C.json...]",
	.summary = "compare designs side by side, with paired differences against a baseline",
	.options = cmd_compare_options,
	.from = "the baseline file's",
	.exec = cmd_compare_exec,
};
