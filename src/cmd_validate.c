/* cmd_validate.c - `nines validate`: check every file given, print the
 * errors of the bad ones and nothing else. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "topology.h"

int cmd_validate(int argc, char **argv, const struct command *self)
{
	int status = EXIT_OK, files = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			command_help(self, stdout);
			return EXIT_OK;
		}
		if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0)
			return command_usage_error(self, "unknown option \"%s\"", argv[i]);
	}
	for (int i = 1; i < argc; i++) {
		struct diag d;
		struct topology *t;

		if (strcmp(argv[i], "--") == 0)
			continue;
		files++;
		diag_init(&d);
		t = topology_load(argv[i], &d);
		if (!t) {
			int s = command_fail(d.kind == DIAG_RUNTIME ? EXIT_RUNTIME : EXIT_INPUT,
					     "%s", diag_text(&d));

			if (s > status)
				status = s;
		}
		topology_free(t);
	}
	if (files == 0)
		return command_usage_error(self, "no topology file given");
	return status;
}
