/* cmd_plot.c - `nines plot`: the JSON reports of simulate and compare drawn
 * with gnuplot into a directory of png and svg files. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "report/plot.h"
#include "report/report_load.h"

int cmd_plot(int argc, char **argv, const struct command *self)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "terminal", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned terminals = PLOT_BOTH;
	const char *dir = NULL;
	struct plot_design *d = NULL;
	size_t n = 0;
	struct diag dg;
	int c, status = EXIT_OK;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			dir = optarg;
			break;
		case 'T':
			if (strcmp(optarg, "png") == 0)
				terminals = PLOT_PNG;
			else if (strcmp(optarg, "svg") == 0)
				terminals = PLOT_SVG;
			else if (strcmp(optarg, "both") == 0)
				terminals = PLOT_BOTH;
			else
				return command_usage_error(self, "--terminal: unknown terminal \"%s\""
							   " (png, svg, both)", optarg);
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
		return command_usage_error(self, "no report file given");
	if (!dir)
		return command_usage_error(self, "no output directory given (-o DIR)");
	if (!*dir)
		return command_usage_error(self, "-o: the output directory is \"\"");
	diag_init(&dg);
	for (int i = optind; i < argc && status == EXIT_OK; i++)
		if (report_load(argv[i], &d, &n, &dg))
			status = dg.kind == DIAG_RUNTIME ? EXIT_RUNTIME : EXIT_INPUT;
	if (status == EXIT_OK && plot_designs(d, n, dir, getenv("NINES_PLOTS"), terminals, &dg))
		status = dg.kind == DIAG_INPUT ? EXIT_INPUT : EXIT_RUNTIME;
	if (status != EXIT_OK)
		command_fail(status, "%s", diag_text(&dg));
	plot_designs_free(d, n);
	return status;
}
