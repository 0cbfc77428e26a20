/* cmd_fit.c - `nines fit`: laws fitted to observed durations (incident
 * data: times between failures, repair times), ranked, with the
 * component type's law ready to paste into a topology. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/command.h"
#include "cli/design.h"
#include "cli/run_args.h"
#include "fit/fit.h"

enum fit_key { FIT_KIND = RUN_ARGS_OWN_KEY };

static const struct cmd_option fit_opt_kind = {
	"kind", 0, "K", FIT_KIND,
	"failure or repair: what the durations are, and the key of the law\n"
	"to paste (default: failure)",
};

/* --kind's value into ARG, an enum fit_kind. */
static int option_set(const struct cmd_entry *self, const struct cmd_option *o,
		      const char *v, void *arg)
{
	enum fit_kind *kind = arg;

	(void)o;
	if (strcmp(v, "failure") == 0)
		*kind = FIT_FAILURE;
	else if (strcmp(v, "repair") == 0)
		*kind = FIT_REPAIR;
	else
		return command_usage_error(self, "--kind: unknown kind \"%s\" (failure, repair)", v);
	return 0;
}

static int fit_writer(FILE *f, enum report_format fmt, const void *rep)
{
	return fit_write(f, fmt, rep);
}

static int fit_drawer(const void *rep, const char *dir, const char *templates,
		      unsigned terminals, struct diag *dg)
{
	return fit_plot(rep, dir, templates, terminals, dg);
}

static int cmd_fit_exec(const struct cmd_entry *self, int argc, char **argv)
{
	enum fit_kind kind = FIT_FAILURE;
	struct run_args a;
	struct fit_data x;
	struct fit_report rep;
	struct diag dg;
	int status = run_args_parse_own(self, argc, argv, &a, option_set, &kind);

	if (status >= 0)
		return status;
	if (optind >= argc)
		return command_usage_error(self, "no CSV file given");
	if (optind + 1 < argc)
		return command_usage_error(self, "one CSV file at a time");
	diag_init(&dg);
	if (fit_data_read(&x, argv[optind], &dg))
		return command_fail(dg.kind == DIAG_RUNTIME ? EXIT_RUNTIME : EXIT_INPUT,
				    "%s", diag_text(&dg));
	if (fit_all(&x, argv[optind], kind, a.conf > 0 ? a.conf : 0.95, &rep, &dg))
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	else
		status = design_output(&a, fit_writer, &rep);
	if (status == EXIT_OK && a.plot)
		status = design_plot(fit_drawer, &rep, a.plot);
	fit_data_release(&x);
	return status;
}

static const struct cmd_use cmd_fit_options[] = {
	{ &fit_opt_kind, NULL },
	{ &run_args_opt_confidence, "level of the intervals, 0 < C < 1 (default: 0.95)" },
	{ &run_args_opt_format, NULL },
	{ &run_args_opt_output, NULL },
	{ &run_args_opt_plot, "also draw the data's CDF and the fitted ones (png and svg)\n"
	  "into DIR" },
	{ &command_opt_help, NULL },
	{ NULL, NULL },
};

const struct cmd_entry cmd_fit_entry = {
	.name = "fit",
	.usage = "[options] DURATIONS.csv",
	.summary = "fit failure or repair laws to observed durations, ranked by AIC",
	.options = cmd_fit_options,
	.exec = cmd_fit_exec,
};
