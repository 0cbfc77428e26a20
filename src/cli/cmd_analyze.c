/* cmd_analyze.c - `nines analyze`: exact steady-state values only. */
#include <getopt.h>
#include <stdio.h>

#include "cli/command.h"
#include "cli/design.h"
#include "cli/run_args.h"

static int cmd_analyze_exec(const struct cmd_entry *self, int argc, char **argv)
{
	struct run_args a;
	struct design d;
	int status = run_args_parse(self, argc, argv, &a);

	if (status >= 0)
		return status;
	status = design_load_operand(&d, self, &a, argc, argv, "one topology file at a time");
	if (status)
		return status;
	status = design_write(&d, NULL, &a);
	design_release(&d);
	return status;
}

static const struct cmd_use cmd_analyze_options[] = {
	{ &run_args_opt_set, NULL },
	{ &run_args_opt_format, NULL },
	{ &run_args_opt_output, NULL },
	{ &command_opt_help, NULL },
	{ NULL, NULL },
};

const struct cmd_entry cmd_analyze_entry = {
	.name = "analyze",
	.usage = "[options] TOPOLOGY.json",
	.summary = "print the exact steady-state availability of a design, without simulating",
	.options = cmd_analyze_options,
	.exec = cmd_analyze_exec,
};
