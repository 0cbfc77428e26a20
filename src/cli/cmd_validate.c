/* cmd_validate.c - `nines validate`: check every file given, print the
 * errors of the bad ones and nothing else. */
#include <stdio.h>
#include <string.h>

#include "cli/command.h"
#include "model/topology.h"

/* Whether ARGV[I] is a file name: anything after "--", or not an option. */
static int is_file(char **argv, int i, int dashdash)
{
	return (dashdash && i > dashdash) ||
	       (!(dashdash && i == dashdash) && (argv[i][0] != '-' || !argv[i][1]));
}

int cmd_validate(int argc, char **argv, const struct command *self)
{
	int status = EXIT_OK, files = 0, dashdash = 0;

	/* Options first, so that a usage error stops before any file is read. */
	for (int i = 1; i < argc && !dashdash; i++) {
		if (strcmp(argv[i], "--") == 0)
			dashdash = i;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			command_help(self, stdout);
			return EXIT_OK;
		} else if (argv[i][0] == '-' && argv[i][1])
			return command_usage_error(self, "unknown option \"%s\"", argv[i]);
	}
	for (int i = 1; i < argc; i++) {
		struct topology_load_options opt = { .models_dir = getenv("NINES_MODELS") };
		struct diag d;
		struct topology *t;

		if (!is_file(argv, i, dashdash))
			continue;
		files++;
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
	if (files == 0)
		return command_usage_error(self, "no topology file given");
	return status;
}
