/* cmd_plot.c - `nines plot`: the JSON reports of simulate and compare drawn
 * with gnuplot into a directory of png and svg files. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "engine/run_mpi.h"
#include "report/plot.h"
#include "report/report_load.h"

/* What plot's options set. */
struct plot_args {
	unsigned terminals;     /* PLOT_PNG, PLOT_SVG or both */
	const char *dir;        /* NULL: not given */
};

enum plot_key { PLOT_OUTPUT = 1, PLOT_TERMINAL };

static const struct cmd_option plot_opt_output = {
	"output", 'o', "DIR", PLOT_OUTPUT,
	"directory for the plots, made if missing (required)",
};
static const struct cmd_option plot_opt_terminal = {
	"terminal", 0, "T", PLOT_TERMINAL,
	"png, svg or both (default: both)",
};

/* command_parse's callback: option O's value V into ARG's plot_args. */
static int option_set(const struct cmd_entry *self, const struct cmd_option *o,
		      const char *v, void *arg)
{
	struct plot_args *pa = arg;

	if (o->key == PLOT_OUTPUT)
		pa->dir = v;
	else if (strcmp(v, "png") == 0)
		pa->terminals = PLOT_PNG;
	else if (strcmp(v, "svg") == 0)
		pa->terminals = PLOT_SVG;
	else if (strcmp(v, "both") == 0)
		pa->terminals = PLOT_BOTH;
	else
		return command_usage_error(self, "--terminal: unknown terminal \"%s\""
					   " (png, svg, both)", v);
	return 0;
}

static int cmd_plot_exec(const struct cmd_entry *self, int argc, char **argv)
{
	struct plot_args pa = { PLOT_BOTH, NULL };
	unsigned terminals;
	const char *dir;
	struct plot_design *d = NULL;
	size_t n = 0;
	struct diag dg;
	int rc = 0, status = command_parse(self, argc, argv, option_set, &pa);

	if (status >= 0)
		return status;
	status = EXIT_OK;
	terminals = pa.terminals;
	dir = pa.dir;
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
	if (status == EXIT_OK && run_mpi_rank() == 0) {   /* rank 0 draws for all */
		command_shield_begin();
		rc = plot_designs(d, n, dir, command_env()->plots_dir, terminals, &dg);
		command_shield_end();
	}
	if (status == EXIT_OK && rc)
		status = dg.kind == DIAG_INPUT ? EXIT_INPUT : EXIT_RUNTIME;
	if (status != EXIT_OK)
		command_fail(status, "%s", diag_text(&dg));
	plot_designs_free(d, n);
	return status;
}

static const struct cmd_use cmd_plot_options[] = {
	{ &plot_opt_output, NULL },
	{ &plot_opt_terminal, NULL },
	{ &command_opt_help, NULL },
	{ NULL, NULL },
};

const struct cmd_entry cmd_plot_entry = {
	.name = "plot",
	.usage = "[options] RESULT.json...",
	.summary = "draw gnuplot plots (png and svg) from JSON reports",
	.options = cmd_plot_options,
	.exec = cmd_plot_exec,
};
