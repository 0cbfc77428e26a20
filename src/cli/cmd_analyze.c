/* cmd_analyze.c - `nines analyze`: exact steady-state values only. */
#include <getopt.h>
#include <stdio.h>

#include "cli/command.h"

int cmd_analyze(int argc, char **argv, const struct command *self)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum report_format fmt = REPORT_TEXT;
	const char *out = NULL;
	struct design d;
	struct report rep;
	int c, status;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			if (report_format_parse(optarg, &fmt))
				return command_usage_error(self, "--format: unknown format \"%s\" (text, json, md, csv)", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			command_help(self, stdout);
			return EXIT_OK;
		case ':':
			return command_usage_error(self, "%s needs a value", argv[optind - 1]);
		default:
			return command_usage_error(self, "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return command_usage_error(self, "no topology file given");
	if (optind + 1 < argc)
		return command_usage_error(self, "one topology file at a time");
	status = command_design_load(&d, argv[optind]);
	if (status)
		return status;
	rep.t = d.t;
	rep.m = d.m;
	rep.a = &d.a;
	rep.r = NULL;
	status = command_write_report(&rep, fmt, out);
	command_design_release(&d);
	return status;
}
