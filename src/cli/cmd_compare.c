/* cmd_compare.c - `nines compare`: several designs on common random
 * numbers, side by side, with paired differences against a baseline. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/command.h"
#include "engine/run.h"
#include "report/compare.h"
#include "report/plot.h"
#include "util/output.h"

/* --plot DIR: the plots of the comparison, from the comparison in memory;
 * `nines plot` of its JSON report draws the same. */
static int plot_comparison(const struct comparison *cmp, const char *dir)
{
	struct diag dg;

	diag_init(&dg);
	if (compare_plot(cmp, dir, getenv("NINES_PLOTS"), PLOT_BOTH, &dg))
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	return EXIT_OK;
}

int cmd_compare(int argc, char **argv, const struct command *self)
{
	struct run_args a;
	struct designs ds;
	struct comparison cmp;
	struct output o;
	struct diag dg;
	int status = command_run_args(self, argc, argv, RUN_ARGS_COMPARE, &a);

	if (status >= 0)
		return status;
	if (argc - optind < 2)
		return command_usage_error(self, "give at least two topology files");
	status = command_designs_run(self, &a, argv + optind, argc - optind, &ds);
	if (status)
		return status;
	cmp.d = ds.cd;
	cmp.n = ds.n;
	cmp.baseline = ds.baseline;
	diag_init(&dg);
	if (output_open(&o, a.out, &dg)) {
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
		goto out;
	}
	if (compare_write(o.f, a.fmt, &cmp)) {
		output_abort(&o);
		status = command_fail(EXIT_RUNTIME, "%s: cannot write the report", a.out ? a.out : "stdout");
		goto out;
	}
	if (output_commit(&o, &dg)) {
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
		goto out;
	}
	status = a.plot ? plot_comparison(&cmp, a.plot) : EXIT_OK;
	if (status == EXIT_OK && a.have_fail_below) {
		for (size_t i = 0; i < ds.n; i++) {
			struct measures m;

			result_measures(&ds.res[i]->block[0], ds.res[i]->set.confidence, &m);
			if (!(m.nines.mean >= a.fail_below)) {
				command_fail(EXIT_BELOW, "compare: %s gives %.2f nines, below %g",
					     ds.d[i].t->name, m.nines.mean, a.fail_below);
				status = EXIT_BELOW;
			}
		}
	}
out:
	command_designs_release(&ds);
	return status;
}
