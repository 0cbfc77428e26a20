/* plot.c - drawing designs with gnuplot: the five plots of plot_designs,
 * each from its data files (plot_data.c) through its template.
 *
 * Design and block names only ever reach gnuplot inside data files
 * (plot_text.c says how they are written); everything else gnuplot is
 * given (template, outputs, data files, numbers) goes through its argv
 * (plot_run.c).  All outputs are drawn in a temporary directory inside the
 * target one and renamed into place once every plot is drawn, so the
 * target directory holds either the old plots or the new ones, never a
 * mix.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/plot_int.h"

const char *const plot_names[PLOT_COUNT] = {
	"availability", "downtime", "outages", "slo", "timeline", "tradeoff",
};

/* Each design's label: its name, with " (2)", " (3)", ... after the second
 * and later designs of the same name. */
static int make_labels(struct ctx *C)
{
	C->label = calloc(C->n ? C->n : 1, sizeof *C->label);
	if (!C->label)
		return plot_oom(C);
	for (size_t i = 0; i < C->n; i++) {
		const char *name = C->d[i].name && *C->d[i].name ? C->d[i].name : "(unnamed)";
		size_t same = 1;

		for (size_t k = 0; k < i; k++)
			same += C->d[k].name && C->d[i].name && strcmp(C->d[k].name, C->d[i].name) == 0;
		C->label[i] = same > 1 ? plot_format("%s (%zu)", name, same) : strdup(name);
		if (!C->label[i])
			return plot_oom(C);
	}
	return 0;
}

/* The confidence level shared by all designs, in percent, else 0. */
static double common_level(const struct plot_design *d, size_t n)
{
	double c = n ? d[0].confidence : NAN;

	for (size_t i = 1; i < n; i++)
		if (!(d[i].confidence == c))
			return 0;
	return isfinite(c) && c > 0 && c < 1 ? 100 * c : 0;
}

/* Draw plot P into C's temporary directory with the template in
 * TEMPLATES, its outputs OUT (NULL: that terminal is not wanted).  Returns
 * 1 when drawn, 0 when no design has data for it, or -1 with the
 * diagnostic. */
static int draw_one(struct ctx *C, int p, const char *templates, char *const out[2])
{
	struct job j = { 0 };
	char *tpl = plot_template_path(templates, plot_names[p], C->diag);
	int has;

	if (!tpl)
		return -1;
	has = plot_data_writer[p](C, &j);
	if (has > 0)
		has = plot_gnuplot_run(C, tpl, out[0] ? out[0] : "", out[1] ? out[1] : "", &j) ? -1 : 1;
	plot_job_release(&j);
	free(tpl);
	return has;
}

/* Move the drawn outputs OUT into C->dir, and take away the plots of an
 * earlier run that this one has no data for (DRAWN 0). */
static int move_into_place(struct ctx *C, unsigned terminals, char *out[][2], const int *drawn)
{
	for (int p = 0; p < PLOT_COUNT; p++)
		for (int t = 0; t < 2; t++) {
			char *target;

			if (!(terminals & (1u << t)))
				continue;
			target = plot_format("%s/%s.%s", C->dir, plot_names[p], plot_extension[t]);
			if (!target)
				return plot_oom(C);
			if (drawn[p] ? rename(out[p][t], target) != 0 :
			    unlink(target) != 0 && errno != ENOENT) {
				diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", target);
				free(target);
				return -1;
			}
			free(target);
		}
	return 0;
}

/* plot_designs with the templates in the directory TEMPLATES. */
static int render(struct ctx *C, const char *templates, unsigned terminals)
{
	int drawn[PLOT_COUNT] = { 0 }, rc = -1;
	char *out[PLOT_COUNT][2] = { { NULL } };

	if (plot_dirs_make(C, C->dir) || make_labels(C))
		goto done;
	C->level = common_level(C->d, C->n);
	if (plot_tmp_make(C))
		goto done;
	for (int p = 0; p < PLOT_COUNT; p++) {
		for (int t = 0; t < 2; t++)
			if ((terminals & (1u << t)) &&
			    !(out[p][t] = plot_format("%s/%s.%s", C->tmp, plot_names[p],
						      plot_extension[t]))) {
				plot_oom(C);
				goto done;
			}
		drawn[p] = draw_one(C, p, templates, out[p]);
		if (drawn[p] < 0)
			goto done;
	}
	rc = move_into_place(C, terminals, out, drawn);
done:
	plot_tmp_remove(C);
	for (int p = 0; p < PLOT_COUNT; p++)
		for (int t = 0; t < 2; t++)
			free(out[p][t]);
	for (size_t i = 0; C->label && i < C->n; i++)
		free(C->label[i]);
	free(C->label);
	return rc;
}

int plot_designs(const struct plot_design *d, size_t n, const char *dir, const char *templates,
		 unsigned terminals, struct diag *diag)
{
	struct ctx C = { .d = d, .n = n, .dir = dir, .diag = diag };
	char *tdir = plot_templates_dir(templates, diag);
	int rc;

	if (!tdir)
		return -1;
	if (!(terminals & PLOT_BOTH))
		rc = diag_runtime(diag, "plot: no terminal chosen");
	else
		rc = render(&C, tdir, terminals);
	free(tdir);
	return rc;
}

void plot_design_release(struct plot_design *g)
{
	free(g->name);
	free(g->cdf);
	for (size_t i = 0; i < g->ntier; i++)
		free(g->tier[i].name);
	free(g->tier);
	free(g->target);
	free(g->window);
	memset(g, 0, sizeof *g);
}

void plot_designs_free(struct plot_design *d, size_t n)
{
	for (size_t i = 0; d && i < n; i++)
		plot_design_release(&d[i]);
	free(d);
}

int plot_tier_path(const char *path)
{
	const char *pre = "system.blocks[";
	size_t k = strlen(pre), digits;

	if (strncmp(path, pre, k) != 0)
		return 0;
	digits = strspn(path + k, "0123456789");
	return digits > 0 && strcmp(path + k + digits, "]") == 0;
}
