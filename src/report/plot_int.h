/* plot_int.h - what the files of the plot module share: the context of
 * one drawing, the argument list given to one template, writing data
 * files, and running gnuplot.  Outside the module only src/fit/fit_plot.c
 * includes it, to draw `nines fit`'s plot with the same machinery; a
 * report's plots go through plot.h.
 *
 *   plot.c        plot_designs: the five plots of several designs
 *   plot_data.c   their data files, one writer per plot (the bars)
 *   plot_lines.c  the data files of the line plots: outages, timeline
 *   plot_sweep.c  plot_sweep: the sweep plot and its data
 *   plot_text.c   names and numbers as gnuplot's data reader takes them
 *   plot_run.c    data files and arguments, gnuplot, directories, templates,
 *                 and plot_one: a single plot from its template to its files
 */
#ifndef NINES_PLOT_INT_H
#define NINES_PLOT_INT_H

#include <stdio.h>

#include "report/plot.h"

/* Data files and numbers given to one template after its two outputs. */
#define JOB_MAX_ARGS 8

/* The arguments of one template run: strings owned by the job. */
struct job {
	int nargs;
	char *arg[JOB_MAX_ARGS];
};

/* One drawing: the designs (none for a sweep), where it goes, and the
 * diagnostic that every helper fills on error. */
struct ctx {
	const struct plot_design *d;
	size_t n;
	char **label;          /* per design: its name, told apart from others */
	const char *dir;
	char *tmp;             /* temporary directory inside DIR */
	double level;          /* common confidence level in percent, or 0 */
	struct diag *diag;
};

/* The output extensions, by terminal bit: "png", "svg". */
extern const char *const plot_extension[2];

/* A new string, or NULL when memory runs out. */
char *plot_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Fill C's diagnostic with "out of memory"; returns -1. */
int plot_oom(struct ctx *C);

/* ---- plot_text.c ---- */

/* Characters of S as it will print: a byte that is not UTF-8 is one. */
size_t plot_text_width(const char *s);

/* S as one field that gnuplot's data reader gives back literally; when it
 * has more than MAX characters (MAX 0: no limit), its middle is cut out
 * for an ellipsis, keeping the end where " (2)" tells designs apart.
 * plot_put_text: no limit. */
void plot_put_short(FILE *f, const char *s, size_t max);
void plot_put_text(FILE *f, const char *s);

/* "\t" and X (%.17g), or "\tNaN" when X is not finite. */
void plot_put_num(FILE *f, double x);

/* E with unknown interval ends replaced by the mean, so that a bar is
 * still drawn (without an error bar). */
struct plot_estimate plot_filled(struct plot_estimate e);

/* X, or TOP when X is larger; NAN stays NAN (which fmin would not keep). */
double plot_clipped(double x, double top);

/* ---- plot_run.c ---- */

/* Open the data file NAME in C's temporary directory; its path becomes
 * J's next argument.  NULL with the diagnostic on failure. */
FILE *plot_data_open(struct ctx *C, struct job *j, const char *name);

/* Close F, the data file PATH.  Returns 0, or -1 with the diagnostic. */
int plot_data_close(struct ctx *C, const char *path, FILE *f);

/* X (%.17g) as J's next argument.  Returns 0, or -1 with the diagnostic. */
int plot_job_num(struct ctx *C, struct job *j, double x);

/* Free J's arguments; J is then empty. */
void plot_job_release(struct job *j);

/* The directory of the templates: GIVEN when not NULL or empty, else
 * nines' own plots/ (datadir_find: installed under any prefix, or in a
 * build that is not installed).  Returns a string the caller frees, or
 * NULL with DIAG filled. */
char *plot_templates_dir(const char *given, struct diag *diag);

/* The path of the template NAME.gp in the directory DIR, readable, for
 * the caller to free; NULL with DIAG filled. */
char *plot_template_path(const char *dir, const char *name, struct diag *diag);

/* gnuplot -c TPL PNG SVG J's arguments..., its output and errors to a
 * file in C's temporary directory.  Returns 0, or -1 with the diagnostic
 * (gnuplot missing, failing: its last line of error). */
int plot_gnuplot_run(struct ctx *C, const char *tpl, const char *png, const char *svg,
		     const struct job *j);

/* mkdir -p DIR.  Returns 0, or -1 with the diagnostic. */
int plot_dirs_make(struct ctx *C, const char *dir);

/* Make C->tmp, a new directory inside C->dir; remove it (and free
 * C->tmp) with plot_tmp_remove, which does nothing when there is none. */
int plot_tmp_make(struct ctx *C);
void plot_tmp_remove(struct ctx *C);

/* What writes one template's data files and arguments into J, from ARG:
 * 0, or -1 with C's diagnostic. */
typedef int plot_data_fn(struct ctx *C, struct job *j, const void *arg);

/* The single plot NAME (a sweep's, a fit's): the template NAME.gp found
 * from TEMPLATES as plot_templates_dir does, its data written by
 * DATA(C, j, ARG), drawn for TERMINALS (png and svg bits) in a temporary
 * directory inside C->dir (made if missing) and renamed into place as
 * C->dir/NAME.png and NAME.svg.  Returns 0, or -1 with C->diag filled. */
int plot_one(struct ctx *C, const char *name, const char *templates, unsigned terminals,
	     plot_data_fn *data, const void *arg);

/* ---- plot_data.c ---- */

/* The data writer of each plot, in plot_names' order: it writes the data
 * files and numbers of its plot into J and returns 1, 0 when no design
 * has data for it, or -1 with the diagnostic. */
extern int (*const plot_data_writer[PLOT_COUNT])(struct ctx *C, struct job *j);

/* ---- plot_lines.c ---- */

/* The writers of the outages and timeline plots, as plot_data_writer's. */
int plot_data_outages(struct ctx *C, struct job *j);
int plot_data_timeline(struct ctx *C, struct job *j);

#endif
