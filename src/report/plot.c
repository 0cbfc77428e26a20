/* plot.c - drawing designs with gnuplot: data files in, png and svg out.
 *
 * Names are user text, and gnuplot has a command language, so they only
 * ever reach it inside data files read with xticlabels() or columnheader,
 * which gnuplot does not evaluate.  Its data-file reader still stops a
 * string at a double quote and reads backslash escapes, so a name is
 * written with '"' as \042 and '\' as \\ (both undone by that reader), tabs
 * and other control characters as spaces and bytes that are not UTF-8 as
 * '?'; the templates turn enhanced text off, so ^ _ @ & { } print as they
 * are.  Everything else gnuplot is given (template, outputs, data files,
 * numbers) goes through its argv, run with fork + execvp: no shell.
 *
 * All outputs are drawn in a temporary directory inside the target one and
 * renamed into place once every plot is drawn, so the target directory
 * holds either the old plots or the new ones, never a mix.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report/plot.h"
#include "util/duration.h"
#include "util/utf8.h"

const char *const plot_names[PLOT_COUNT] = {
	"availability", "downtime", "outages", "slo", "timeline",
};

static const char *const extension[2] = { "png", "svg" };

/* Data files and numbers given to one template after its two outputs. */
#define JOB_MAX_ARGS 8

struct job {
	int nargs;
	char *arg[JOB_MAX_ARGS];
};

struct ctx {
	const struct plot_design *d;
	size_t n;
	char **label;          /* per design: its name, told apart from others */
	const char *dir;
	char *tmp;             /* temporary directory inside DIR */
	double level;          /* common confidence level in percent, or 0 */
	struct diag *diag;
};

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A new string, or NULL when memory runs out. */
static char *format(const char *fmt, ...)
{
	va_list ap;
	int len;
	char *s;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return NULL;
	s = malloc((size_t)len + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return s;
}

static int oom(struct ctx *C)
{
	return diag_runtime(C->diag, "out of memory");
}

/* ---- writing data files ---- */

/* Characters of S as it will print: a byte that is not UTF-8 is one. */
static size_t text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	for (; *p; w++) {
		size_t len = utf8_decode((const char *)p, (size_t)-1, NULL);

		p += len ? len : 1;
	}
	return w;
}

/* S as one field that gnuplot's data reader gives back literally; when it
 * has more than MAX characters (MAX 0: no limit), its middle is cut out
 * for an ellipsis, keeping the end where " (2)" tells designs apart. */
static void put_short(FILE *f, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t total = text_width(s), head = total, tail = 0;

	if (max && total > max) {
		tail = max / 3;
		head = max - 1 - tail;
	}
	for (size_t i = 0; *p; i++) {
		size_t len = utf8_decode((const char *)p, (size_t)-1, NULL);

		if (i == head && tail + head < total)
			fputs("\xe2\x80\xa6", f);        /* U+2026 HORIZONTAL ELLIPSIS */
		if (i >= head && i < total - tail) {
			p += len ? len : 1;
		} else if (len == 0) {
			fputc('?', f);
			p++;
		} else if (len > 1) {
			fwrite(p, 1, len, f);
			p += len;
		} else if (*p < 0x20 || *p == 0x7f) {
			fputc(' ', f);
			p++;
		} else if (*p == '\\') {
			fputs("\\\\", f);
			p++;
		} else if (*p == '"') {
			fputs("\\042", f);
			p++;
		} else {
			fputc(*p++, f);
		}
	}
}

static void put_text(FILE *f, const char *s)
{
	put_short(f, s, 0);
}

static void put_num(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, "\t%.17g", x);
	else
		fputs("\tNaN", f);
}

/* Open the data file NAME in the temporary directory; its path becomes the
 * job's next argument. */
static FILE *data_open(struct ctx *C, struct job *j, const char *name)
{
	char *path = format("%s/%s", C->tmp, name);
	FILE *f;

	if (!path || j->nargs == JOB_MAX_ARGS) {
		free(path);
		oom(C);
		return NULL;
	}
	f = fopen(path, "w");
	if (!f) {
		diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", path);
		free(path);
		return NULL;
	}
	j->arg[j->nargs++] = path;
	return f;
}

/* Close F, the data file PATH. */
static int data_close(struct ctx *C, const char *path, FILE *f)
{
	int bad = ferror(f);

	if (fclose(f) != 0 || bad)
		return diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", path);
	return 0;
}

/* A number as the job's next argument. */
static int job_num(struct ctx *C, struct job *j, double x)
{
	if (j->nargs == JOB_MAX_ARGS || !(j->arg[j->nargs] = format("%.17g", x)))
		return oom(C);
	j->nargs++;
	return 0;
}

static void job_release(struct job *j)
{
	for (int i = 0; i < j->nargs; i++)
		free(j->arg[i]);
	j->nargs = 0;
}

/* E with unknown interval ends replaced by the mean, so that a bar is
 * still drawn (without an error bar). */
static struct plot_estimate filled(struct plot_estimate e)
{
	if (isnan(e.ci_low))
		e.ci_low = e.mean;
	if (isnan(e.ci_high))
		e.ci_high = e.mean;
	return e;
}

/* X, or TOP when X is larger; NAN stays NAN (which fmin would not keep). */
static double clipped(double x, double top)
{
	return x > top ? top : x;
}

/* ---- the five plots: each writes its data and arguments, and returns 1,
 * 0 when it has nothing to draw, or -1 with the diagnostic ---- */

static int data_availability(struct ctx *C, struct job *j)
{
	double top = -INFINITY, clip;
	size_t nclipped = 0, width = 0;
	int any = 0;
	FILE *f;

	for (size_t i = 0; i < C->n; i++) {
		const struct plot_estimate *e = &C->d[i].nines;
		double v[3] = { e->mean, e->ci_low, e->ci_high };

		if (isnan(e->mean))
			continue;
		any = 1;
		for (int k = 0; k < 3; k++)
			if (isfinite(v[k]) && v[k] > top)
				top = v[k];
	}
	if (!any)
		return 0;
	/* A whole nine of headroom above the largest finite value. */
	clip = isfinite(top) && top > 0 ? ceil(top) + 1 : 6;
	f = data_open(C, j, "availability.tsv");
	if (!f)
		return -1;
	for (size_t i = 0; i < C->n; i++) {
		struct plot_estimate e = filled(C->d[i].nines);
		int inf = isinf(e.mean) || isinf(e.ci_high);

		put_text(f, C->label[i]);
		width += text_width(C->label[i]) + 2;
		fprintf(f, "\t%zu", i);
		put_num(f, clipped(e.mean, clip));
		put_num(f, clipped(e.ci_low, clip));
		put_num(f, clipped(e.ci_high, clip));
		put_num(f, inf ? clip : NAN);
		nclipped += inf;
		if (isinf(e.mean))
			fputs("\tnever down\n", f);
		else if (isnan(e.mean))
			fputs("\t\n", f);
		else
			fprintf(f, "\t%.2f\n", e.mean);
	}
	if (data_close(C, j->arg[0], f) || job_num(C, j, clip) || job_num(C, j, (double)nclipped) ||
	    job_num(C, j, C->level) || job_num(C, j, (double)width))
		return -1;
	return 1;
}

/* Longest tier name in the downtime plot's key, in characters. */
#define TIER_LABEL_MAX 24

/* Smallest part of a downtime bar, in percent, with its share written in it. */
#define SEGMENT_LABEL_MIN 6.0

/* How a design's downtime bar is drawn. */
enum bar_kind { BAR_STACKED, BAR_NEVER_DOWN, BAR_NO_SHARES };

static enum bar_kind bar_kind(const struct plot_design *g)
{
	int any = g->ntier == 0;

	if (g->downtime.mean == 0)
		return BAR_NEVER_DOWN;
	for (size_t t = 0; t < g->ntier; t++)
		any |= isfinite(g->tier[t].share.mean);
	return g->has_shares && any ? BAR_STACKED : BAR_NO_SHARES;
}

/* Index of NAME among the N names of NAMES, N when it is not there. */
static size_t name_index(const char *const *names, size_t n, const char *name)
{
	size_t k = 0;

	while (k < n && strcmp(names[k], name) != 0)
		k++;
	return k;
}

/* The percent of each of the NNAMES + 1 columns (the last: other) of
 * design G into ROW, zero when it is not a stacked bar.  Returns 1 when
 * its shares added up past 100% and were scaled down, else 0. */
static int downtime_row(const struct plot_design *g, const char *const *names,
			size_t nnames, double *row)
{
	double sum = 0;
	int scaled = 0;

	if (bar_kind(g) != BAR_STACKED)
		return 0;
	for (size_t t = 0; t < g->ntier; t++) {
		double share = g->tier[t].share.mean;

		if (!isfinite(share) || share <= 0)
			continue;
		row[name_index(names, nnames, g->tier[t].name ? g->tier[t].name : "")] += share;
		sum += share;
	}
	if (sum > 1 + 1e-9) {
		/* Tiers down together: each keeps its part of the bar in
		 * proportion, though together they were down for more. */
		for (size_t k = 0; k < nnames; k++)
			row[k] /= sum;
		scaled = 1;
	} else if (1 - sum > 1e-6) {
		row[nnames] = 1 - sum;
	}
	for (size_t k = 0; k <= nnames; k++)
		row[k] *= 100;
	return scaled;
}

/* DOWNTIME.TSV: a header (a column per tier name, in the order first seen,
 * then "other" when a design has a remainder), then per design its label
 * and the percent of each column, stacked by the template in that order.
 * LABELS.TSV: per design its label, x, the text above its bar, the text
 * in it, and 100 for a bar drawn empty.  SEGMENTS.TSV: x, middle and
 * percent of each part tall enough to carry its number. */
static int data_downtime(struct ctx *C, struct job *j)
{
	const char **names = NULL;
	double *pct = NULL;
	unsigned char *scaled = NULL;
	size_t nnames = 0, all = 0, ncol, nscaled = 0, labelmax;
	int any = 0, other = 0, rc = -1;
	FILE *f;

	for (size_t i = 0; i < C->n; i++) {
		any |= isfinite(C->d[i].downtime.mean);
		all += C->d[i].ntier;
	}
	if (!any)
		return 0;
	names = malloc((all ? all : 1) * sizeof *names);
	scaled = calloc(C->n ? C->n : 1, 1);
	if (!names || !scaled) {
		oom(C);
		goto done;
	}
	/* The key names the tiers of the bars that are broken down only. */
	for (size_t i = 0; i < C->n; i++)
		for (size_t t = 0; bar_kind(&C->d[i]) == BAR_STACKED && t < C->d[i].ntier; t++) {
			const char *name = C->d[i].tier[t].name ? C->d[i].tier[t].name : "";

			if (name_index(names, nnames, name) == nnames)
				names[nnames++] = name;
		}
	ncol = nnames + 1;
	pct = calloc(C->n * ncol, sizeof *pct);
	if (!pct) {
		oom(C);
		goto done;
	}
	for (size_t i = 0; i < C->n; i++) {
		scaled[i] = (unsigned char)downtime_row(&C->d[i], names, nnames, pct + i * ncol);
		nscaled += scaled[i];
		other |= pct[i * ncol + nnames] > 0;
	}

	if (!(f = data_open(C, j, "downtime.tsv")))
		goto done;
	fputs("design", f);
	for (size_t k = 0; k < nnames; k++) {
		fputc('\t', f);
		put_short(f, names[k], TIER_LABEL_MAX);
	}
	fputs(other ? "\tother\n" : "\n", f);
	for (size_t i = 0; i < C->n; i++) {
		put_short(f, C->label[i], TIER_LABEL_MAX);
		for (size_t k = 0; k < nnames + (size_t)other; k++)
			put_num(f, pct[i * ncol + k]);
		fputc('\n', f);
	}
	if (data_close(C, j->arg[j->nargs - 1], f))
		goto done;

	if (!(f = data_open(C, j, "downtime-labels.tsv")))
		goto done;
	/* The design names share the width beside the key, about 110
	 * characters, with room for three bars at least. */
	labelmax = 110 / (C->n > 3 ? C->n : 3);
	if (labelmax < 8)
		labelmax = 8;
	for (size_t i = 0; i < C->n; i++) {
		const struct plot_design *g = &C->d[i];
		enum bar_kind kind = bar_kind(g);
		char words[64];

		put_short(f, C->label[i], labelmax);
		fprintf(f, "\t%zu\t", i);
		if (kind == BAR_NEVER_DOWN)
			fputs("never down", f);
		else if (isfinite(g->downtime.mean))
			fprintf(f, "%s/yr%s", duration_format(g->downtime.mean / 60, words, sizeof words),
				scaled[i] ? " *" : "");
		fprintf(f, "\t%s\t%s\n", kind == BAR_NO_SHARES ? "no tier shares" : "",
			kind == BAR_STACKED ? "NaN" : "100");
	}
	if (data_close(C, j->arg[j->nargs - 1], f))
		goto done;

	if (!(f = data_open(C, j, "downtime-segments.tsv")))
		goto done;
	for (size_t i = 0; i < C->n; i++) {
		double base = 0;

		for (size_t k = 0; k < ncol; k++) {
			double v = pct[i * ncol + k];

			if (v >= SEGMENT_LABEL_MIN)
				fprintf(f, "%zu\t%.17g\t%.0f%%\n", i, base + v / 2, v);
			base += v;
		}
	}
	if (data_close(C, j->arg[j->nargs - 1], f) || job_num(C, j, (double)nnames) ||
	    job_num(C, j, other) || job_num(C, j, (double)nscaled) || job_num(C, j, (double)C->n))
		goto done;
	rc = 1;
done:
	free(pct);
	free(scaled);
	free(names);
	return rc;
}

/* Write one block per design (its label, then what ROW writes), so that
 * design I is block I and keeps its colour in every plot. */
static int data_outages(struct ctx *C, struct job *j)
{
	int any = 0;
	FILE *f;

	for (size_t i = 0; i < C->n; i++)
		for (size_t k = 0; k < C->d[i].ncdf; k++)
			any |= C->d[i].cdf[k].minutes > 0 && isfinite(C->d[i].cdf[k].minutes) &&
			       isfinite(C->d[i].cdf[k].fraction);
	if (!any)
		return 0;
	f = data_open(C, j, "outages.tsv");
	if (!f)
		return -1;
	for (size_t i = 0; i < C->n; i++) {
		if (i)
			fputs("\n\n", f);
		put_text(f, C->label[i]);
		fputc('\n', f);
		for (size_t k = 0; k < C->d[i].ncdf; k++) {
			const struct plot_cdf_point *p = &C->d[i].cdf[k];

			/* a log axis has no room for a zero-length outage */
			if (!(p->minutes > 0) || !isfinite(p->minutes) || !isfinite(p->fraction))
				continue;
			fprintf(f, "%.17g", p->minutes);
			put_num(f, p->fraction);
			fputc('\n', f);
		}
	}
	if (data_close(C, j->arg[0], f) || job_num(C, j, (double)C->n))
		return -1;
	return 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int data_slo(struct ctx *C, struct job *j)
{
	double *target, window = NAN, w;
	size_t ntarget = 0, all = 0, u = 0;
	int mixed = 0;
	FILE *f, *tf;

	for (size_t i = 0; i < C->n; i++)
		all += C->d[i].ntarget;
	target = all ? malloc(all * sizeof *target) : NULL;
	if (all && !target)
		return oom(C);
	for (size_t i = 0; i < C->n; i++) {
		const struct plot_design *g = &C->d[i];
		int has = 0;

		for (size_t k = 0; k < g->ntarget; k++) {
			if (!isfinite(g->target[k].target) || !isfinite(g->target[k].breach.mean))
				continue;
			target[ntarget++] = g->target[k].target;
			has = 1;
		}
		if (!has)
			continue;
		if (isnan(window))
			window = g->window_hours;
		else if (!(window == g->window_hours))
			mixed = 1;
	}
	if (!ntarget) {
		free(target);
		return 0;
	}
	/* The targets of every design, each once, in increasing order. */
	qsort(target, ntarget, sizeof *target, cmp_double);
	for (size_t k = 0; k < ntarget; k++)
		if (u == 0 || fabs(target[k] - target[u - 1]) > 1e-12)
			target[u++] = target[k];
	ntarget = u;
	if (mixed || !isfinite(window))
		window = 0;
	w = 0.8 / (double)C->n;
	f = data_open(C, j, "slo.tsv");
	if (!f) {
		free(target);
		return -1;
	}
	for (size_t i = 0; i < C->n; i++) {
		const struct plot_design *g = &C->d[i];

		if (i)
			fputs("\n\n", f);
		put_text(f, C->label[i]);
		if (window == 0 && isfinite(g->window_hours))
			fprintf(f, " (%g-hour windows)", g->window_hours);
		fputc('\n', f);
		for (size_t k = 0; k < g->ntarget; k++) {
			struct plot_estimate e = filled(g->target[k].breach);
			size_t at = 0;

			if (!isfinite(g->target[k].target) || !isfinite(e.mean))
				continue;
			while (at + 1 < ntarget && fabs(target[at] - g->target[k].target) > 1e-12)
				at++;
			fprintf(f, "%.17g", (double)at + ((double)i - (double)(C->n - 1) / 2) * w);
			put_num(f, e.mean);
			put_num(f, e.ci_low);
			put_num(f, e.ci_high);
			put_num(f, w * 0.45);
			fputc('\n', f);
		}
	}
	if (data_close(C, j->arg[0], f) || !(tf = data_open(C, j, "slo-targets.tsv"))) {
		free(target);
		return -1;
	}
	for (size_t k = 0; k < ntarget; k++)
		fprintf(tf, "%.10g%%\t%zu\n", target[k] * 100, k);
	free(target);
	if (data_close(C, j->arg[1], tf) || job_num(C, j, (double)C->n) || job_num(C, j, window) ||
	    job_num(C, j, C->level))
		return -1;
	return 1;
}

static int data_timeline(struct ctx *C, struct job *j)
{
	size_t most = 0;
	FILE *f;

	for (size_t i = 0; i < C->n; i++) {
		size_t m = 0;

		for (size_t k = 0; k < C->d[i].nwindow; k++)
			m += isfinite(C->d[i].window[k].start_hours) &&
			     isfinite(C->d[i].window[k].availability.mean);
		if (m > most)
			most = m;
	}
	if (!most)
		return 0;
	f = data_open(C, j, "timeline.tsv");
	if (!f)
		return -1;
	for (size_t i = 0; i < C->n; i++) {
		if (i)
			fputs("\n\n", f);
		put_text(f, C->label[i]);
		fputc('\n', f);
		for (size_t k = 0; k < C->d[i].nwindow; k++) {
			const struct plot_window *w = &C->d[i].window[k];
			struct plot_estimate e = filled(w->availability);

			if (!isfinite(w->start_hours) || !isfinite(e.mean))
				continue;
			fprintf(f, "%.17g", w->start_hours / 8760);
			put_num(f, 100 * e.mean);
			put_num(f, 100 * e.ci_low);
			put_num(f, 100 * e.ci_high);
			fputc('\n', f);
		}
	}
	if (data_close(C, j->arg[0], f) || job_num(C, j, (double)C->n) || job_num(C, j, C->level) ||
	    job_num(C, j, most <= 24))
		return -1;
	return 1;
}

static int (*const writer[PLOT_COUNT])(struct ctx *, struct job *) = {
	data_availability, data_downtime, data_outages, data_slo, data_timeline,
};

/* ---- running gnuplot ---- */

/* The last line gnuplot wrote to the file ERR (its error message), in BUF. */
static void last_line(const char *err, char *buf, size_t size)
{
	char line[1024];
	FILE *f = fopen(err, "r");

	snprintf(buf, size, "no message");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[strspn(line, " \t^")])
			snprintf(buf, size, "%s", line);
	}
	fclose(f);
}

/* gnuplot -c TEMPLATE PNG SVG ARGS..., its output and errors to a file in
 * the temporary directory. */
static int run_gnuplot(struct ctx *C, const char *tpl, const char *png, const char *svg,
		       const struct job *j)
{
	char *argv[JOB_MAX_ARGS + 6];
	char *errpath = format("%s/gnuplot.err", C->tmp);
	int pfd[2] = { -1, -1 }, null, errfd, status, e = 0, argc = 0;
	ssize_t got;
	pid_t pid;

	if (!errpath)
		return oom(C);
	argv[argc++] = "gnuplot";
	argv[argc++] = "-c";
	argv[argc++] = (char *)tpl;
	argv[argc++] = (char *)png;
	argv[argc++] = (char *)svg;
	for (int i = 0; i < j->nargs; i++)
		argv[argc++] = j->arg[i];
	argv[argc] = NULL;

	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	errfd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (null < 0 || errfd < 0 || pipe(pfd) != 0 ||
	    fcntl(pfd[0], F_SETFD, FD_CLOEXEC) != 0 || fcntl(pfd[1], F_SETFD, FD_CLOEXEC) != 0) {
		e = errno;
		for (int k = 0; k < 2; k++)
			if (pfd[k] >= 0)
				close(pfd[k]);
		if (null >= 0)
			close(null);
		if (errfd >= 0)
			close(errfd);
		free(errpath);
		return diag_errno(C->diag, DIAG_RUNTIME, e, NULL, "plot: cannot run gnuplot");
	}
	pid = fork();
	if (pid == 0) {
		/* The child: only async-signal-safe calls until exec. */
		dup2(null, 0);
		dup2(errfd, 1);
		dup2(errfd, 2);
		execvp(argv[0], argv);
		e = errno;
		if (write(pfd[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	e = errno;
	close(null);
	close(errfd);
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		free(errpath);
		return diag_errno(C->diag, DIAG_RUNTIME, e, NULL, "plot: cannot run gnuplot");
	}
	/* The pipe closes on exec: bytes on it are execvp's errno. */
	do
		got = read(pfd[0], &e, sizeof e);
	while (got < 0 && errno == EINTR);
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	if (got == (ssize_t)sizeof e) {
		free(errpath);
		if (e == ENOENT)
			return diag_runtime(C->diag, "plot: gnuplot is not installed"
					    " (Debian package: gnuplot-nox)");
		return diag_errno(C->diag, DIAG_RUNTIME, e, NULL, "plot: cannot run gnuplot");
	}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char msg[1024];

		last_line(errpath, msg, sizeof msg);
		free(errpath);
		return diag_runtime(C->diag, "plot: gnuplot failed on %s: %s", tpl, msg);
	}
	unlink(errpath);
	free(errpath);
	return 0;
}

/* ---- directories ---- */

/* mkdir -p DIR */
static int make_dirs(struct ctx *C, const char *dir)
{
	char *p = strdup(dir);
	struct stat st;

	if (!p)
		return oom(C);
	if (!*p) {
		free(p);
		return diag_errno(C->diag, DIAG_RUNTIME, ENOENT, NULL,
				  "\"\": cannot create the directory");
	}
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			int e = errno;

			free(p);
			return diag_errno(C->diag, DIAG_RUNTIME, e, NULL, "%s: cannot create the directory", dir);
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	if (stat(dir, &st) != 0)
		return diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot create the directory", dir);
	if (!S_ISDIR(st.st_mode))
		return diag_errno(C->diag, DIAG_RUNTIME, ENOTDIR, NULL, "%s: cannot create the directory", dir);
	return 0;
}

/* Empty and remove the temporary directory. */
static void remove_tmp(struct ctx *C)
{
	DIR *dp;
	struct dirent *de;

	if (!C->tmp)
		return;
	dp = opendir(C->tmp);
	if (dp) {
		while ((de = readdir(dp)) != NULL) {
			char *p;

			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			p = format("%s/%s", C->tmp, de->d_name);
			if (p)
				unlink(p);
			free(p);
		}
		closedir(dp);
	}
	rmdir(C->tmp);
	free(C->tmp);
	C->tmp = NULL;
}

/* The temporary directory inside C->dir that the outputs are drawn in. */
static int make_tmp(struct ctx *C)
{
	C->tmp = format("%s/.nines-plot.XXXXXX", C->dir);
	if (!C->tmp)
		return oom(C);
	if (!mkdtemp(C->tmp)) {
		diag_errno(C->diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", C->dir);
		free(C->tmp);
		C->tmp = NULL;
		return -1;
	}
	return 0;
}

/* Each design's label: its name, with " (2)", " (3)", ... after the second
 * and later designs of the same name. */
static int make_labels(struct ctx *C)
{
	C->label = calloc(C->n ? C->n : 1, sizeof *C->label);
	if (!C->label)
		return oom(C);
	for (size_t i = 0; i < C->n; i++) {
		const char *name = C->d[i].name && *C->d[i].name ? C->d[i].name : "(unnamed)";
		size_t same = 1;

		for (size_t k = 0; k < i; k++)
			same += C->d[k].name && C->d[i].name && strcmp(C->d[k].name, C->d[i].name) == 0;
		C->label[i] = same > 1 ? format("%s (%zu)", name, same) : strdup(name);
		if (!C->label[i])
			return oom(C);
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

/* plot_designs with the templates in the directory TEMPLATES. */
static int plot_render(const struct plot_design *d, size_t n, const char *dir,
		const char *templates, unsigned terminals, struct diag *diag)
{
	struct ctx C = { .d = d, .n = n, .dir = dir, .diag = diag };
	int drawn[PLOT_COUNT] = { 0 }, rc = -1;
	char *out[PLOT_COUNT][2] = { { NULL } };

	if (!(terminals & PLOT_BOTH))
		return diag_runtime(diag, "plot: no terminal chosen");
	if (make_dirs(&C, dir) || make_labels(&C))
		goto done;
	C.level = common_level(d, n);
	if (make_tmp(&C))
		goto done;
	for (int p = 0; p < PLOT_COUNT; p++) {
		struct job j = { 0 };
		char *tpl = format("%s/%s.gp", templates, plot_names[p]);
		int has, lost = !tpl;

		for (int t = 0; t < 2; t++)
			if (terminals & (1u << t))
				lost |= !(out[p][t] = format("%s/%s.%s", C.tmp, plot_names[p],
							     extension[t]));
		if (lost) {
			free(tpl);
			oom(&C);
			goto done;
		}
		if (access(tpl, R_OK) != 0) {
			diag_errno(diag, DIAG_RUNTIME, errno, NULL, "plot: %s: cannot read the template", tpl);
			free(tpl);
			goto done;
		}
		has = writer[p](&C, &j);
		if (has > 0)
			has = run_gnuplot(&C, tpl, out[p][0] ? out[p][0] : "",
					  out[p][1] ? out[p][1] : "", &j) ? -1 : 1;
		job_release(&j);
		free(tpl);
		if (has < 0)
			goto done;
		drawn[p] = has;
	}
	/* Everything is drawn: move it into place, and take away the plots of
	 * an earlier run that this one has no data for. */
	for (int p = 0; p < PLOT_COUNT; p++)
		for (int t = 0; t < 2; t++) {
			char *target;

			if (!(terminals & (1u << t)))
				continue;
			target = format("%s/%s.%s", dir, plot_names[p], extension[t]);
			if (!target) {
				oom(&C);
				goto done;
			}
			if (drawn[p] ? rename(out[p][t], target) != 0 :
			    unlink(target) != 0 && errno != ENOENT) {
				diag_errno(diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", target);
				free(target);
				goto done;
			}
			free(target);
		}
	rc = 0;
done:
	remove_tmp(&C);
	for (int p = 0; p < PLOT_COUNT; p++)
		for (int t = 0; t < 2; t++)
			free(out[p][t]);
	for (size_t i = 0; C.label && i < n; i++)
		free(C.label[i]);
	free(C.label);
	return rc;
}

/* ---- finding the templates ---- */

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the templates: $NINES_PLOTS when set and not empty,
 * else PKGDATADIR/plots when it exists, else ../plots beside the directory
 * of the running program (an uninstalled build).  Returns a string the
 * caller frees, or NULL with DIAG filled. */
static char *plot_templates_dir(struct diag *diag)
{
	const char *env = getenv("NINES_PLOTS");
	char exe[PATH_MAX];
	ssize_t len;
	char *s;

	if (env && *env)
		s = strdup(env);
#ifdef PKGDATADIR
	else if (is_dir(PKGDATADIR "/plots"))
		s = strdup(PKGDATADIR "/plots");
#endif
	else {
		/* An uninstalled build: BUILD/src/nines -> BUILD/plots. */
		len = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (len > 0) {
			char *slash;

			exe[len] = '\0';
			slash = strrchr(exe, '/');
			if (slash) {
				*slash = '\0';
				s = format("%s/../plots", exe);
				if (s && is_dir(s))
					return s;
				free(s);
			}
		}
		diag_runtime(diag, "plot: cannot find the plot templates:"
			     " set NINES_PLOTS to the directory that holds availability.gp");
		return NULL;
	}
	if (!s)
		diag_runtime(diag, "out of memory");
	return s;
}

int plot_designs(const struct plot_design *d, size_t n, const char *dir,
		 unsigned terminals, struct diag *diag)
{
	char *templates = plot_templates_dir(diag);
	int rc;

	if (!templates)
		return -1;
	rc = plot_render(d, n, dir, templates, terminals, diag);
	free(templates);
	return rc;
}

/* ---- a sweep ---- */

/* One block per curve, its title first, then a row per point: x; nines
 * mean, ci_low, ci_high, exact; downtime mean, ci_low, ci_high, exact.
 * Then the labels file: the title and the x axis label, which hold the
 * user's name and path. */
static int data_sweep(struct ctx *C, const struct plot_sweep *s, struct job *j)
{
	double top = -INFINITY, clip;
	size_t nclipped = 0;
	FILE *f;

	for (size_t i = 0; i < s->nx * s->ny; i++) {
		const struct plot_sweep_point *p = &s->point[i];
		double v[4] = { p->nines.mean, p->nines.ci_low, p->nines.ci_high, p->exact_nines };

		for (int k = 0; k < 4; k++)
			if (isfinite(v[k]) && v[k] > top)
				top = v[k];
	}
	/* A whole nine of headroom above the largest finite value. */
	clip = isfinite(top) && top > 0 ? ceil(top) + 1 : 6;
	f = data_open(C, j, "sweep.tsv");
	if (!f)
		return -1;
	for (size_t c = 0; c < s->ny; c++) {
		if (c)
			fputs("\n\n", f);
		if (s->ypath) {
			put_text(f, s->ypath);
			fputs(" = ", f);
			put_text(f, s->ytext[c]);
		} else {
			fputs("simulated", f);
		}
		fputc('\n', f);
		for (size_t i = 0; i < s->nx; i++) {
			const struct plot_sweep_point *p = &s->point[i * s->ny + c];
			struct plot_estimate e = filled(p->nines), d = filled(p->downtime);

			nclipped += isinf(e.mean) || isinf(e.ci_high) || isinf(p->exact_nines);
			fprintf(f, "%.17g", s->x[i]);
			put_num(f, clipped(e.mean, clip));
			put_num(f, clipped(e.ci_low, clip));
			put_num(f, clipped(e.ci_high, clip));
			put_num(f, clipped(p->exact_nines, clip));
			put_num(f, d.mean);
			put_num(f, d.ci_low);
			put_num(f, d.ci_high);
			put_num(f, p->exact_downtime);
			fputc('\n', f);
		}
	}
	if (data_close(C, j->arg[0], f) || !(f = data_open(C, j, "sweep-labels.tsv")))
		return -1;
	put_text(f, s->name && *s->name ? s->name : "(unnamed)");
	fputs(": nines and downtime per year against ", f);
	put_text(f, s->xpath);
	fputc('\t', f);
	put_text(f, s->xpath);
	fputs(s->xduration ? (s->xlog ? " (hours, log scale)" : " (hours)") :
	      s->xlog ? " (log scale)" : "", f);
	fputc('\n', f);
	if (data_close(C, j->arg[1], f) || job_num(C, j, (double)s->ny) ||
	    job_num(C, j, s->xlog ? 1 : 0) || job_num(C, j, C->level) ||
	    job_num(C, j, clip) || job_num(C, j, (double)nclipped))
		return -1;
	return 0;
}

int plot_sweep(const struct plot_sweep *s, const char *dir, unsigned terminals,
	       struct diag *diag)
{
	struct ctx C = { .dir = dir, .diag = diag };
	struct job j = { 0 };
	char *templates, *tpl, *out[2] = { NULL, NULL };
	int rc = -1;

	if (!(terminals & PLOT_BOTH))
		return diag_runtime(diag, "plot: no terminal chosen");
	templates = plot_templates_dir(diag);
	if (!templates)
		return -1;
	tpl = format("%s/sweep.gp", templates);
	free(templates);
	if (!tpl)
		return oom(&C);
	if (access(tpl, R_OK) != 0) {
		diag_errno(diag, DIAG_RUNTIME, errno, NULL, "plot: %s: cannot read the template", tpl);
		free(tpl);
		return -1;
	}
	C.level = isfinite(s->confidence) && s->confidence > 0 && s->confidence < 1 ?
		  100 * s->confidence : 0;
	if (make_dirs(&C, dir) || make_tmp(&C))
		goto done;
	for (int t = 0; t < 2; t++)
		if ((terminals & (1u << t)) &&
		    !(out[t] = format("%s/sweep.%s", C.tmp, extension[t]))) {
			oom(&C);
			goto done;
		}
	if (data_sweep(&C, s, &j) ||
	    run_gnuplot(&C, tpl, out[0] ? out[0] : "", out[1] ? out[1] : "", &j))
		goto done;
	for (int t = 0; t < 2; t++) {
		char *target;

		if (!out[t])
			continue;
		target = format("%s/sweep.%s", dir, extension[t]);
		if (!target) {
			oom(&C);
			goto done;
		}
		if (rename(out[t], target) != 0) {
			diag_errno(diag, DIAG_RUNTIME, errno, NULL, "%s: cannot write", target);
			free(target);
			goto done;
		}
		free(target);
	}
	rc = 0;
done:
	job_release(&j);
	remove_tmp(&C);
	free(out[0]);
	free(out[1]);
	free(tpl);
	return rc;
}
