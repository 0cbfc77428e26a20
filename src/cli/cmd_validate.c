/* cmd_validate.c - `nines validate`: check every file given, print the
 * errors of the bad ones and the warnings of any, and nothing else. */
#include <getopt.h>
#include <stdio.h>

#include "cli/command.h"
#include "cli/design.h"
#include "cli/run_args.h"
#include "model/topology.h"

/* Every check that simulate makes before its first event, on FILE with
 * its own settings: loading, compiling, and the run's limits.  Prints the
 * error, or the warnings, which leave the status alone; returns the exit
 * status. */
static int validate_one(const struct cmd_entry *self, const char *file)
{
	struct run_args a;
	struct run_settings set;
	struct design d;
	int status = design_load(&d, self, file, NULL, 0);

	if (status)
		return status;
	run_args_init(&a);
	run_args_settings(&a, d.t, &set);
	status = design_check(self, &d, &set);
	if (!status)
		status = design_warn_window(&d, &a, &set);
	if (!status)
		design_warnings_print(&d.warn);
	design_release(&d);
	return status;
}

static int cmd_validate_exec(const struct cmd_entry *self, int argc, char **argv)
{
	/* Options first, so that a usage error stops before any file is read. */
	int status = command_parse(self, argc, argv, NULL, NULL);

	if (status >= 0)
		return status;
	if (optind >= argc)
		return command_usage_error(self, "no topology file given");
	status = EXIT_OK;
	for (int i = optind; i < argc; i++) {
		int s = validate_one(self, argv[i]);

		if (s > status)
			status = s;
	}
	return status;
}

static const struct cmd_use cmd_validate_options[] = {
	{ &command_opt_help, NULL },
	{ NULL, NULL },
};

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.usage = "TOPOLOGY.json...",
	.summary = "check topology files: print nothing but their errors and warnings",
	.options = cmd_validate_options,
	.exec = cmd_validate_exec,
};
