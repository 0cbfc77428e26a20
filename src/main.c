/* main.c - finds the subcommand in the table and runs it.  The table is the
 * single source of usage text: dispatch, `nines help`, `--help` and usage
 * errors all read it. */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/command.h"
#include "config.h"

#define OUTPUT_OPTIONS \
	"      --format FMT        text, json, md or csv (default: text)\n" \
	"  -o, --output FILE       write the report to FILE, atomically (default: standard output)\n"

const struct command commands[] = {
	{ "simulate", cmd_simulate, "[options] TOPOLOGY.json",
	  "simulate a design and report its availability with confidence intervals",
	  "  -n, --replications N    independent replications (default: the file's, else 1000)\n"
	  "      --horizon DUR       measured time of each replication, e.g. 10y (default: the file's, else 10y)\n"
	  "      --warmup DUR        time simulated before measuring starts (default: the file's, else 0)\n"
	  "      --seed N            random seed (default: the file's, else 1)\n"
	  "      --confidence C      level of the confidence intervals, 0 < C < 1 (default: the file's, else 0.95)\n"
	  "  -j, --threads N         worker threads (default: online processors); the output does not depend on it\n"
	  OUTPUT_OPTIONS
	  "      --window DUR        length of the SLO windows (default: 30d)\n"
	  "      --slo LIST          availability targets in percent for the windows (default: 99.9,99.95,99.99)\n"
	  "      --stats             print events, events per second and wall time to standard error\n"
	  "  -h, --help              show this help\n" },
	{ "compare", cmd_compare, "[options] A.json B.json [C.json...]",
	  "compare designs side by side, with paired differences against a baseline",
	  "  -n, --replications N    independent replications (default: the baseline file's, else 1000)\n"
	  "      --horizon DUR       measured time of each replication (default: the baseline file's, else 10y)\n"
	  "      --warmup DUR        time simulated before measuring starts (default: the baseline file's, else 0)\n"
	  "      --seed N            random seed (default: the baseline file's, else 1)\n"
	  "      --confidence C      level of the confidence intervals (default: the baseline file's, else 0.95)\n"
	  "      --baseline FILE     the design the others are measured against (default: the first)\n"
	  "      --fail-below NINES  exit with status 1 when a design gives fewer nines\n"
	  "  -j, --threads N         worker threads (default: online processors); the output does not depend on it\n"
	  OUTPUT_OPTIONS
	  "      --window DUR        length of the SLO windows (default: 30d)\n"
	  "      --slo LIST          availability targets in percent for the windows (default: 99.9,99.95,99.99)\n"
	  "      --stats             print events, events per second and wall time to standard error\n"
	  "  -h, --help              show this help\n" },
	{ "report", cmd_report, "[options] A.json [B.json...] -o REPORT.html",
	  "write a one-file HTML report for a planning meeting",
	  "  -o, --output FILE       the HTML file to write, atomically (required; - for standard output)\n"
	  "  -n, --replications N    independent replications (default: the baseline file's, else 1000)\n"
	  "      --horizon DUR       measured time of each replication (default: the baseline file's, else 10y)\n"
	  "      --warmup DUR        time simulated before measuring starts (default: the baseline file's, else 0)\n"
	  "      --seed N            random seed (default: the baseline file's, else 1)\n"
	  "      --confidence C      level of the confidence intervals (default: the baseline file's, else 0.95)\n"
	  "      --baseline FILE     the design the others are measured against (default: the first)\n"
	  "  -j, --threads N         worker threads (default: online processors); the output does not depend on it\n"
	  "      --window DUR        length of the SLO windows (default: 30d)\n"
	  "      --slo LIST          availability targets in percent for the windows (default: 99.9,99.95,99.99)\n"
	  "      --stats             print events, events per second and wall time to standard error\n"
	  "  -h, --help              show this help\n" },
	{ "sweep", cmd_sweep, "[options] TOPOLOGY.json --vary PATH=FROM:TO:N[:log]...",
	  "simulate a design over a range of one or two parameters",
	  "      --vary SPEC         the parameter to sweep: PATH=FROM:TO:N, N values from FROM to TO,\n"
	  "                          or PATH=FROM:TO:N:log for geometric spacing; twice for a grid\n"
	  "                          (PATH as components.db.mttr or system.blocks[1].count;\n"
	  "                          FROM and TO numbers or durations such as 30m, 8h)\n"
	  "  -n, --replications N    independent replications (default: the file's, else 1000)\n"
	  "      --horizon DUR       measured time of each replication, e.g. 10y (default: the file's, else 10y)\n"
	  "      --warmup DUR        time simulated before measuring starts (default: the file's, else 0)\n"
	  "      --seed N            random seed, the same for every point (default: the file's, else 1)\n"
	  "      --confidence C      level of the confidence intervals, 0 < C < 1 (default: the file's, else 0.95)\n"
	  "  -j, --threads N         worker threads (default: online processors); the output does not depend on it\n"
	  OUTPUT_OPTIONS
	  "      --plot DIR          also draw sweep.png and sweep.svg into DIR\n"
	  "      --window DUR        length of the SLO windows (default: 30d)\n"
	  "      --slo LIST          availability targets in percent for the windows (default: 99.9,99.95,99.99)\n"
	  "      --stats             print events, events per second and wall time to standard error\n"
	  "  -h, --help              show this help\n" },
	{ "analyze", cmd_analyze, "[options] TOPOLOGY.json",
	  "print the exact steady-state availability of a design, without simulating",
	  OUTPUT_OPTIONS
	  "  -h, --help              show this help\n" },
	{ "validate", cmd_validate, "TOPOLOGY.json...",
	  "check topology files: print nothing but their errors",
	  "  -h, --help              show this help\n" },
	{ "plot", cmd_plot, "[options] RESULT.json...",
	  "draw gnuplot plots (png and svg) from JSON reports",
	  "  -o, --output DIR        directory for the plots, made if missing (required)\n"
	  "      --terminal T        png, svg or both (default: both)\n"
	  "  -h, --help              show this help\n" },
	{ "help", cmd_help, "[COMMAND]",
	  "show the commands, or one command's help",
	  "" },
};
const int ncommands = (int)(sizeof commands / sizeof commands[0]);

static void usage(FILE *f)
{
	fprintf(f, "usage: nines COMMAND [options] [args]\n\n"
		"Availability of replicated system designs, simulated and exact.\n\n"
		"commands:\n");
	for (int i = 0; i < ncommands; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n`nines help COMMAND` or `nines COMMAND --help` tells more;"
		" `nines --version` the version.\n");
}

int cmd_help(int argc, char **argv, const struct command *self)
{
	const struct command *c;

	if (argc > 2)
		return command_usage_error(self, "too many arguments");
	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		command_help(self, stdout);
		return EXIT_OK;
	}
	c = command_find(argv[1]);
	if (!c)
		return command_usage_error(self, "unknown command \"%s\"", argv[1]);
	command_help(c, stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct command *c;

	/* Library code checks GSL's status codes itself. */
	gsl_set_error_handler_off();
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("nines %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	c = command_find(argv[1]);
	if (!c) {
		fprintf(stderr, "nines: unknown command \"%s\"\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1, c);
}
