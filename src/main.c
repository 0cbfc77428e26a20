/* main.c - the list of commands and the dispatch to them.  Each command's
 * file defines its entry (name, usage, summary, option table, function);
 * `nines help`, `--help` and usage errors are all made from the entries.
 * Started by mpirun or srun, it joins the MPI job first (run_mpi.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/command.h"
#include "config.h"
#include "engine/run_mpi.h"
#include "util/diag.h"

extern const struct cmd_entry cmd_simulate_entry, cmd_compare_entry, cmd_report_entry,
	cmd_sweep_entry, cmd_analyze_entry, cmd_validate_entry, cmd_plot_entry,
	cmd_fit_entry, cmd_help_entry;

const struct cmd_entry *const commands[] = {
	&cmd_simulate_entry,
	&cmd_compare_entry,
	&cmd_report_entry,
	&cmd_sweep_entry,
	&cmd_analyze_entry,
	&cmd_validate_entry,
	&cmd_plot_entry,
	&cmd_fit_entry,
	&cmd_help_entry,
	NULL,
};

/* Run ARGV's command and return its exit status. */
static int dispatch(int argc, char **argv)
{
	const struct cmd_entry *c;

	if (argc < 2) {
		command_list_print(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("nines %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		command_list_print(stdout);
		return EXIT_OK;
	}
	c = command_find(argv[1]);
	if (!c) {
		command_fail(EXIT_USAGE, "unknown command \"%s\"", argv[1]);
		command_list_print(stderr);
		return EXIT_USAGE;
	}
	return c->exec(c, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	struct diag mpi;
	int status;

	/* Library code checks GSL's status codes itself. */
	gsl_set_error_handler_off();
	command_env_read();
	diag_init(&mpi);
	if (run_mpi_init(&argc, &argv, command_env()->mpi_launched, &mpi)) {
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&mpi));
		run_mpi_finalize(status);
		return status;
	}
	/* Under MPI every rank runs the command and holds the same results;
	 * rank 0 alone speaks and writes (design.c), so that an error in the
	 * input is reported once. */
	if (run_mpi_rank() > 0 && (!freopen("/dev/null", "w", stdout) ||
				   !freopen("/dev/null", "w", stderr)))
		status = EXIT_RUNTIME;
	else
		status = dispatch(argc, argv);
	/* help, --version and whatever else went to stdout: a failed write
	 * (a full disk, /dev/full) fails the command */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		struct diag dg;

		diag_init(&dg);
		diag_errno(&dg, DIAG_RUNTIME, errno ? errno : EIO, NULL, "cannot write to standard output");
		if (status == EXIT_OK)
			status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	}
	run_mpi_finalize(status);
	return status;
}
