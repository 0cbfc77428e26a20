/* cmd_compare.c - `nines compare`: several designs on common random
 * numbers, side by side, with paired differences against a baseline. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "compare.h"
#include "output.h"
#include "plot.h"
#include "report_load.h"
#include "run.h"

/* --plot DIR: the plots of the comparison, drawn from its own JSON report
 * through the same reader as `nines plot`, so both draw the same. */
static int plot_comparison(const struct comparison *cmp, const char *dir)
{
	char *text = NULL;
	size_t len = 0, n = 0;
	struct plot_design *pd = NULL;
	struct diag dg;
	FILE *f = open_memstream(&text, &len);
	int rc;

	diag_init(&dg);
	if (!f)
		return command_fail(EXIT_RUNTIME, "out of memory");
	rc = compare_write(f, REPORT_JSON, cmp);
	if (fclose(f) != 0 || rc) {
		free(text);
		return command_fail(EXIT_RUNTIME, "out of memory");
	}
	rc = report_load_text(text, len, "compare", &pd, &n, &dg);
	free(text);
	if (rc == 0)
		rc = plot_designs(pd, n, dir, PLOT_BOTH, &dg);
	report_load_free(pd, n);
	if (rc)
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	return EXIT_OK;
}

int cmd_compare(int argc, char **argv, const struct command *self)
{
	struct run_args a;
	struct design *d = NULL;
	struct result **res = NULL;
	struct compare_design *cd = NULL;
	struct comparison cmp;
	struct run_options opt;
	struct output o;
	struct diag dg;
	int n, status = command_run_args(self, argc, argv, RUN_ARGS_COMPARE, &a);
	size_t base = 0;

	if (status >= 0)
		return status;
	n = argc - optind;
	if (n < 2)
		return command_usage_error(self, "give at least two topology files");
	if (a.baseline) {
		int found = 0;

		for (int i = 0; i < n; i++)
			if (strcmp(argv[optind + i], a.baseline) == 0) {
				base = (size_t)i;
				found = 1;
				break;
			}
		if (!found)
			return command_usage_error(self, "--baseline: \"%s\" is not one of the files compared",
						   a.baseline);
	}
	d = calloc((size_t)n, sizeof *d);
	res = calloc((size_t)n, sizeof *res);
	cd = calloc((size_t)n, sizeof *cd);
	if (!d || !res || !cd) {
		status = command_fail(EXIT_RUNTIME, "out of memory");
		goto out;
	}
	/* Every file is checked before anything runs. */
	for (int i = 0; i < n; i++) {
		status = command_design_load(&d[i], argv[optind + i]);
		if (status)
			goto out;
	}
	memset(&opt, 0, sizeof opt);
	/* One set of settings for all, so that the streams line up: the
	 * options, else the baseline file's simulation object. */
	command_run_settings(&a, d[base].t, &opt.set);
	for (int i = 0; i < n; i++) {
		status = command_check_run(self, &d[i], &opt.set);
		if (status)
			goto out;
	}
	opt.threads = (int)a.threads;
	opt.keep = 1;
	if (isatty(STDERR_FILENO))
		opt.progress = command_progress;
	for (int i = 0; i < n; i++) {
		diag_init(&dg);
		res[i] = run_model(d[i].m, &opt, &dg);
		if (!res[i]) {
			status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
			goto out;
		}
		if (a.stats)
			command_stats(res[i], opt.threads);
		cd[i].t = d[i].t;
		cd[i].m = d[i].m;
		cd[i].a = &d[i].a;
		cd[i].r = res[i];
	}
	cmp.d = cd;
	cmp.n = (size_t)n;
	cmp.baseline = base;
	diag_init(&dg);
	if (output_open(&o, a.out, &dg)) {
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
		goto out;
	}
	if (compare_write(o.f, a.fmt, &cmp)) {
		output_abort(&o);
		status = command_fail(EXIT_RUNTIME, "%s: cannot write the report", a.out ? a.out : "stdout");
		goto out;
	}
	if (output_commit(&o, &dg)) {
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
		goto out;
	}
	status = a.plot ? plot_comparison(&cmp, a.plot) : EXIT_OK;
	if (status == EXIT_OK && a.have_fail_below) {
		for (int i = 0; i < n; i++) {
			struct measures m;

			result_measures(&res[i]->block[0], res[i]->set.confidence, &m);
			if (!(m.nines.mean >= a.fail_below)) {
				command_fail(EXIT_BELOW, "compare: %s gives %.2f nines, below %g",
					     d[i].t->name, m.nines.mean, a.fail_below);
				status = EXIT_BELOW;
			}
		}
	}
out:
	for (int i = 0; res && d && i < n; i++) {
		result_free(res[i]);
		command_design_release(&d[i]);
	}
	free(res);
	free(d);
	free(cd);
	return status;
}
