/* html_plots.c - the plots of the HTML report: drawn from the comparison
 * as `nines compare --plot` draws them (compare_plot), svg only, into a
 * temporary directory, read back, made safe to embed by html_svg, and
 * placed in the page with their captions.  The directory is removed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/html.h"
#include "report/html_plots.h"
#include "util/file.h"

/* What each plot draws (plots/NAME.gp), in plot_names' order. */
static const char *const captions[PLOT_COUNT] = {
	"Availability of each design, in nines (\xe2\x88\x92log10 of the unavailability): the"
	" bar is the simulated mean, written above it, and the error bar its confidence interval."
	" Infinite nines (a design never seen down, or an interval with no upper end) are cut at"
	" the ceiling the key gives, and marked.",
	"Where each design's downtime comes from: a bar per design, split by the share of the"
	" system's downtime during which each tier (each direct part of the system) was down, with"
	" the design's downtime per year above it. Tiers down at the same time share those minutes,"
	" so a bar whose shares add up to more than 100% is scaled to fit and marked *; any rest is"
	" grey (other).",
	"How long the system's outages last: for each design, the fraction of outages no longer"
	" than the duration on the x axis (minutes, log scale), with its p50, p90 and p99 marked"
	" and named in the key. A design whose line is the same as an earlier one's says so in"
	" the key.",
	"Probability of a breach: the probability that a window's availability falls below each"
	" SLO target, a bar per design and target with its confidence interval as error bar.",
	"Availability over time: the availability in the window (percent) of each window against"
	" its start since everything was new, a line per design with its confidence band shaded."
	" A design whose windows vary no more than chance is drawn flat at its whole-run"
	" availability, its windows as dots, and the key calls it steady.",
	"What replication trades: each design that replicates as a point, the writes it loses a"
	" year (async replication) against the nines of its write availability (sync replication"
	" stops writes while a block has no second member up), both with their confidence"
	" intervals, labelled with its cost a year when it has one. Up and to the left is better.",
};

void html_plots_release(struct html_plots *pl)
{
	for (int p = 0; p < PLOT_COUNT; p++) {
		free(pl->svg[p]);
		pl->svg[p] = NULL;
	}
}

const char *html_plots_why(const struct html_plots *pl)
{
	const char *why = diag_text(&pl->why);

	if (pl->why.kind == DIAG_NONE)
		return NULL;
	return strncmp(why, "plot: ", 6) == 0 ? why + 6 : why;
}

/* The largest plot embedded: gnuplot's SVGs of nines' plots are far
 * smaller; a larger file is not one of them. */
#define PLOT_SVG_MAX_BYTES ((size_t)64 << 20)

/* Read the plot at PATH into *TEXT (a new string) and *LEN.  Returns 1,
 * 0 when the plot was not drawn (no such file), or -1 with DG filled. */
static int slurp(const char *path, char **text, size_t *len, struct diag *dg)
{
	*text = NULL;
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	*text = file_read(path, PLOT_SVG_MAX_BYTES, DIAG_RUNTIME, len, dg);
	return *text ? 1 : -1;
}

/* Read plot P from DIR, if drawn, into PL as an element to embed.
 * Returns 0, or -1 with PL->why filled. */
static int plot_embed(const char *dir, int p, struct html_plots *pl)
{
	char *path = malloc(strlen(dir) + strlen(plot_names[p]) + 6), *text, *el = NULL;
	size_t len, elen = 0;
	struct diag dg;
	FILE *f;
	int rc;

	if (!path)
		return diag_runtime(&pl->why, "out of memory");
	sprintf(path, "%s/%s.svg", dir, plot_names[p]);
	rc = slurp(path, &text, &len, &pl->why);
	free(path);
	if (rc <= 0)
		return rc;
	f = open_memstream(&el, &elen);
	if (!f) {
		free(text);
		return diag_runtime(&pl->why, "out of memory");
	}
	diag_init(&dg);
	rc = html_svg(f, text, len, plot_names[p], captions[p], &dg);
	free(text);
	if (fclose(f) != 0 && rc == 0)
		rc = diag_runtime(&dg, "out of memory");
	if (rc) {
		free(el);
		return diag_runtime(&pl->why, "%s.svg: %s", plot_names[p], diag_text(&dg));
	}
	pl->svg[p] = el;
	return 0;
}

void html_plots_draw(struct html_plots *pl, const struct comparison *c, const char *tmpdir,
		     const char *templates)
{
	char *dir;
	int rc;

	memset(pl->svg, 0, sizeof pl->svg);
	diag_init(&pl->why);
	pl->unmeasured = 0;
	for (size_t i = 0; i < c->n; i++)
		pl->unmeasured |= !c->d[i].r->windows;
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	dir = malloc(strlen(tmpdir) + sizeof "/nines-report.XXXXXX");
	if (!dir) {
		diag_runtime(&pl->why, "out of memory");
		return;
	}
	sprintf(dir, "%s/nines-report.XXXXXX", tmpdir);
	if (!mkdtemp(dir)) {
		diag_errno(&pl->why, DIAG_RUNTIME, errno, NULL,
			   "%s: cannot make a temporary directory", tmpdir);
		free(dir);
		return;
	}
	rc = compare_plot(c, dir, templates, PLOT_SVG, &pl->why);
	for (int p = 0; p < PLOT_COUNT && rc == 0; p++)
		rc = plot_embed(dir, p, pl);
	plot_dir_remove(dir);
	free(dir);
	if (rc)
		html_plots_release(pl);
}

void html_plots_write(FILE *f, const struct html_plots *pl)
{
	int missing = 0;

	fputs("<section class=\"plots\">\n<h2>Plots</h2>\n", f);
	if (html_plots_why(pl)) {
		fputs("<p class=\"warn\">This report has no plots: ", f);
		html_escape(f, html_plots_why(pl));
		fputs(". The tables below hold every figure.</p>\n</section>\n", f);
		return;
	}
	for (int p = 0; p < PLOT_COUNT; p++) {
		if (!pl->svg[p]) {
			missing = 1;
			continue;
		}
		fputs("<figure>\n", f);
		fputs(pl->svg[p], f);
		fputs("<figcaption>", f);
		html_escape(f, captions[p]);
		fputs("</figcaption>\n</figure>\n", f);
	}
	if (missing) {
		fputs("<p class=\"note\">Not drawn, as no design has data for them:", f);
		for (int p = 0, first = 1; p < PLOT_COUNT; p++)
			if (!pl->svg[p]) {
				fprintf(f, "%s %s", first ? "" : ",", plot_names[p]);
				first = 0;
			}
		fputs(pl->unmeasured ? " (no outage seen, no whole SLO window in the horizon, or"
		      " not estimated by the method that ran).</p>\n" :
		      " (no outage seen, or no whole SLO window in the horizon).</p>\n", f);
	}
	fputs("</section>\n", f);
}
