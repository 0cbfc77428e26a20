/* cmd_report.c - `nines report`: the designs simulated as `nines compare`
 * does, written as one self-contained HTML file (html_report.h).  When the
 * plots cannot be drawn the page is written all the same and the command
 * exits 4 after writing it: the status still tells a script that
 * something is missing. */
#include <stdlib.h>
#include <unistd.h>

#include "cli/command.h"
#include "report/html_report.h"

int cmd_report(int argc, char **argv, const struct command *self)
{
	struct run_args a;
	struct designs ds;
	struct comparison cmp;
	struct diag dg, why;
	int status = command_run_args(self, argc, argv, RUN_ARGS_BASELINE | RUN_ARGS_NO_FORMAT, &a);

	if (status >= 0)
		return status;
	if (!a.out)
		return command_usage_error(self, "give the file to write with -o REPORT.html");
	if (argc - optind < 1)
		return command_usage_error(self, "no topology file given");
	status = command_designs_run(self, &a, argv + optind, argc - optind, &ds);
	if (status)
		return status;
	cmp.d = ds.cd;
	cmp.n = ds.n;
	cmp.baseline = ds.baseline;
	diag_init(&dg);
	diag_init(&why);
	if (html_report_write(a.out, &cmp, getenv("TMPDIR"), getenv("NINES_PLOTS"), &dg, &why))
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	else if (why.kind != DIAG_NONE)
		status = command_fail(EXIT_RUNTIME, "report: %s; the report has no plots", diag_text(&why));
	command_designs_release(&ds);
	return status;
}
