/* cmd_validate.c - `nines validate`: check every file given, print the
 * errors of the bad ones and nothing else. */
#include <getopt.h>
#include <stdio.h>

#include "cli/command.h"
#include "model/topology.h"

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
		struct topology_load_options opt = { .models_dir = command_env()->models_dir };
		struct diag d;
		struct topology *t;

		diag_init(&d);
		t = topology_load(argv[i], &opt, &d);
		if (!t) {
			int s = command_fail(d.kind == DIAG_RUNTIME ? EXIT_RUNTIME : EXIT_INPUT,
					     "%s", diag_text(&d));

			if (s > status)
				status = s;
		}
		topology_free(t);
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
	.summary = "check topology files: print nothing but their errors",
	.options = cmd_validate_options,
	.exec = cmd_validate_exec,
};
