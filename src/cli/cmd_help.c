/* cmd_help.c - `nines help`: the list of commands, or one command's help.
 *
 * Its one operand is a command's name, so it reads its arguments itself
 * rather than through command_parse: `nines help --help` (or -h) is its
 * own help, and anything else is looked up as a command, so that
 * `nines help --bogus` says "unknown command". */
#include <stdio.h>
#include <string.h>

#include "cli/command.h"

static int cmd_help_exec(const struct cmd_entry *self, int argc, char **argv)
{
	const struct cmd_entry *c;

	if (argc > 2)
		return command_usage_error(self, "too many arguments");
	if (argc < 2) {
		command_list_print(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		command_help_print(self, stdout);
		return EXIT_OK;
	}
	c = command_find(argv[1]);
	if (!c)
		return command_usage_error(self, "unknown command \"%s\"", argv[1]);
	command_help_print(c, stdout);
	return EXIT_OK;
}

/* No option table: -h and --help are read above as the COMMAND operand
 * that names help itself. */
static const struct cmd_use cmd_help_options[] = {
	{ NULL, NULL },
};

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = "show the commands, or one command's help",
	.options = cmd_help_options,
	.exec = cmd_help_exec,
};
