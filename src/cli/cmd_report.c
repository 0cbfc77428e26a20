/* cmd_report.c - `nines report`: the designs simulated as `nines compare`
 * does, written as one self-contained HTML file for a planning meeting:
 * the verdict, a summary table with the paired differences against the
 * baseline, the plots as inline SVG, tiers, component types, SLO windows,
 * and the assumptions with the SHA-256 of every model file.
 *
 * The plots are drawn with gnuplot (svg only) into a temporary directory,
 * re-read through html_svg and embedded; the directory is removed.  When
 * they cannot be drawn (gnuplot missing, say) the page is written all the
 * same, says why it has no plots, and the command exits 4 after writing
 * it: the tables are what the meeting needs first, and the status still
 * tells a script that something is missing. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/command.h"
#include "config.h"
#include "report/compare.h"
#include "report/html.h"
#include "report/plot.h"
#include "report/report_load.h"
#include "report/report_tables.h"
#include "report/table.h"
#include "util/duration.h"
#include "util/output.h"
#include "util/sha256.h"

#define MIN_PER_YEAR (HOURS_PER_YEAR * 60)

/* The plots as <svg> elements ready to embed, or why there are none. */
struct plots {
	char *svg[PLOT_COUNT];      /* NULL: not drawn (no design has data for it) */
	struct diag why;            /* DIAG_NONE when the plots were drawn */
};

static const char *const captions[PLOT_COUNT] = {
	"Nines of each design (\xe2\x88\x92log10 of the unavailability), with its confidence interval.",
	"Downtime per year in minutes: the whole system and each tier on its own. "
	"Tiers overlap: their bars do not add up to the system's.",
	"How long outages last: the fraction of the system's outages no longer than the "
	"duration on the x axis (log scale).",
	"Probability that an SLO window falls below each availability target, with its "
	"confidence interval.",
	"Availability of each window over time since everything was new, with its confidence band.",
};

static void plots_release(struct plots *pl)
{
	for (int p = 0; p < PLOT_COUNT; p++) {
		free(pl->svg[p]);
		pl->svg[p] = NULL;
	}
}

/* Empty the directory DIR (one level: plot_designs makes no deeper one
 * that it leaves behind) and remove it. */
static void remove_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;

	if (dp) {
		while ((de = readdir(dp)) != NULL) {
			char *p;

			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			p = malloc(strlen(dir) + strlen(de->d_name) + 2);
			if (p) {
				sprintf(p, "%s/%s", dir, de->d_name);
				unlink(p);
			}
			free(p);
		}
		closedir(dp);
	}
	rmdir(dir);
}

/* The whole file PATH into a new NUL-terminated buffer *TEXT of *LEN
 * bytes.  Returns 1, 0 when the file does not exist (a plot not drawn), or
 * -1 with DIAG filled. */
static int slurp(const char *path, char **text, size_t *len, struct diag *dg)
{
	FILE *f = fopen(path, "rb"), *m;
	char buf[65536];
	size_t got;
	int bad;

	*text = NULL;
	*len = 0;
	if (!f)
		return errno == ENOENT ? 0 : diag_errno(dg, DIAG_RUNTIME, errno, NULL, "%s: cannot read", path);
	m = open_memstream(text, len);
	if (!m) {
		fclose(f);
		return diag_runtime(dg, "out of memory");
	}
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		fwrite(buf, 1, got, m);
	bad = ferror(f);
	fclose(f);
	if (fclose(m) != 0 || bad) {
		free(*text);
		*text = NULL;
		return diag_runtime(dg, "%s: cannot read the plot", path);
	}
	return 1;
}

/* Read plot P from DIR, if drawn, into PL as an element to embed.
 * Returns 0, or -1 with PL->why filled. */
static int plot_embed(const char *dir, int p, struct plots *pl)
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

/* Draw the comparison's plots as `nines compare --plot` does (from its own
 * JSON report, through report_load), svg only, into a temporary directory,
 * and keep each as an embeddable element.  All or nothing: on failure
 * PL holds no plot and PL->why says why. */
static void plots_draw(const struct comparison *cmp, struct plots *pl)
{
	const char *tmpdir = getenv("TMPDIR");
	char *json = NULL, *dir = NULL;
	size_t jlen = 0, n = 0;
	struct plot_design *pd = NULL;
	FILE *f;
	int rc, made = 0;

	memset(pl->svg, 0, sizeof pl->svg);
	diag_init(&pl->why);
	f = open_memstream(&json, &jlen);
	if (!f) {
		diag_runtime(&pl->why, "out of memory");
		return;
	}
	rc = compare_write(f, REPORT_JSON, cmp);
	if (fclose(f) != 0 || rc) {
		free(json);
		diag_runtime(&pl->why, "out of memory");
		return;
	}
	rc = report_load_text(json, jlen, "report", &pd, &n, &pl->why);
	free(json);
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	if (rc == 0) {
		dir = malloc(strlen(tmpdir) + sizeof "/nines-report.XXXXXX");
		if (!dir)
			rc = diag_runtime(&pl->why, "out of memory");
		else if (sprintf(dir, "%s/nines-report.XXXXXX", tmpdir), !mkdtemp(dir))
			rc = diag_errno(&pl->why, DIAG_RUNTIME, errno, NULL,
					"%s: cannot make a temporary directory", tmpdir);
		else
			made = 1;
	}
	if (rc == 0)
		rc = plot_designs(pd, n, dir, PLOT_SVG, &pl->why);
	report_load_free(pd, n);
	for (int p = 0; p < PLOT_COUNT && rc == 0; p++)
		rc = plot_embed(dir, p, pl);
	if (made)
		remove_dir(dir);
	free(dir);
	if (rc)
		plots_release(pl);
}

/* ---- the page ---- */

/* Availability with its interval on a second line, and the exact value
 * (" !" when outside the interval), with enough decimals for the nines. */
static void availability_cells(const struct measures *m, double ea, double eu, char b[][64])
{
	int dec = report_decimals(m->unavailability.mean > 0 ? m->unavailability.mean : eu);

	if (m->down_replications > 0)
		snprintf(b[0], 64, "%.*f\n[%.*f, %.*f]", dec, m->availability.mean,
			 dec, m->availability.ci_low, dec, m->availability.ci_high);
	else
		snprintf(b[0], 64, "%.*f\nnever down", dec, m->availability.mean);
	snprintf(b[1], 64, "%.*f%s", dec, ea, report_within(m, ea) == 0 ? " !" : "");
}

static void nines_cell(double x, char *b)
{
	if (isfinite(x))
		snprintf(b, 64, "%.2f", x);
	else
		snprintf(b, 64, x > 0 ? "inf" : "-");
}

/* Downtime per year in words over its minutes, outages per year, mean
 * outage: 3 buffers. */
static void downtime_cells(const struct measures *m, char b[][64])
{
	char w[48];

	snprintf(b[0], 64, "%s\n%.4g min", report_fmt_minutes(m->downtime_min_per_year.mean, w, sizeof w),
		 m->downtime_min_per_year.mean);
	snprintf(b[1], 64, "%.3f", m->outages_per_year.mean);
	if (isfinite(m->mean_outage_min.mean))
		report_fmt_minutes(m->mean_outage_min.mean, b[2], 64);
	else
		snprintf(b[2], 64, "-");
}

static int any_cost(const struct comparison *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (model_cost(c->d[i].m) > 0)
			return 1;
	return 0;
}

static int any_outside(const struct comparison *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct report rep = { c->d[i].t, c->d[i].m, c->d[i].a, c->d[i].r };

		if (report_any_outside(&rep))
			return 1;
	}
	return 0;
}

/* One row per design: the system's measures, its cost, and its paired
 * difference against the baseline.  RIGHT gets the alignment of each
 * column (room for 11 and the NUL). */
static struct table *summary_table(const struct comparison *c, char *right)
{
	static const char *const head[] = {
		"design", "availability", "exact", "nines", "downtime/yr", "outages/yr",
		"mean outage", "cost/yr", "against the baseline, min/yr", "independent \xc2\xb1",
	};
	int cost = any_cost(c), diff = c->n > 1;
	int ncols = 7 + cost + 2 * diff;
	struct table *t = table_new(ncols);
	const char *cells[10];
	char b[9][64];
	int k = 0;

	for (int j = 0; j < 10; j++)
		if ((j != 7 || cost) && (j < 8 || diff))
			cells[k++] = head[j];
	memset(right, '1', (size_t)ncols);
	right[0] = '0';
	right[ncols] = '\0';
	if (!t || table_row(t, cells))
		goto oom;
	for (size_t i = 0; i < c->n; i++) {
		const struct compare_design *d = &c->d[i];
		struct measures m;

		result_measures(&d->r->block[0], d->r->set.confidence, &m);
		availability_cells(&m, d->a->block_a[0], d->a->block_u[0], b);
		nines_cell(m.nines.mean, b[2]);
		downtime_cells(&m, b + 3);
		report_fmt_money(model_cost(d->m), b[6], 64);
		if (i == c->baseline) {
			snprintf(b[7], 64, "baseline");
			snprintf(b[8], 64, "-");
		} else {
			struct compare_diff x = compare_diff(d->r, c->d[c->baseline].r, d->r->set.confidence);

			snprintf(b[7], 64, "%+.4g\n[%+.4g, %+.4g]", x.paired.mean * MIN_PER_YEAR,
				 x.paired.ci_low * MIN_PER_YEAR, x.paired.ci_high * MIN_PER_YEAR);
			snprintf(b[8], 64, "\xc2\xb1 %.2g", x.independent_half_width * MIN_PER_YEAR);
		}
		k = 0;
		cells[k++] = d->t->name;
		for (int j = 0; j < 9; j++)
			if ((j != 6 || cost) && (j < 7 || diff))
				cells[k++] = b[j];
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

/* The direct children of the system block of one design, each named over
 * its path. */
static struct table *tiers_table(const struct compare_design *d)
{
	static const char *const head[] = {
		"tier", "type", "need", "availability", "exact", "nines", "downtime/yr",
		"outages/yr", "mean outage",
	};
	const struct model *mo = d->m;
	struct table *t = table_new(9);
	const char *cells[9];
	char b[6][64], need[64], *name = NULL;

	if (!t || table_row(t, head))
		goto oom;
	for (size_t k = 1; k < model_blocks(mo); k++) {
		struct measures m;

		if (model_block_parent(mo, k) != 0)
			continue;
		result_measures(&d->r->block[k], d->r->set.confidence, &m);
		snprintf(need, sizeof need, "%d/%d", model_block_need(mo, k), model_block_children(mo, k));
		availability_cells(&m, d->a->block_a[k], d->a->block_u[k], b);
		nines_cell(m.nines.mean, b[2]);
		downtime_cells(&m, b + 3);
		name = malloc(strlen(model_block_name(mo, k)) + strlen(model_block_path(mo, k)) + 2);
		if (!name)
			goto oom;
		sprintf(name, "%s\n%s", model_block_name(mo, k), model_block_path(mo, k));
		cells[0] = name;
		cells[1] = block_kind_name(model_block_kind(mo, k));
		cells[2] = need;
		for (int j = 0; j < 6; j++)
			cells[3 + j] = b[j];
		if (table_row(t, cells))
			goto oom;
		free(name);
		name = NULL;
	}
	return t;
oom:
	free(name);
	table_free(t);
	return NULL;
}

/* The SLO targets, one row each, with a column per design: the
 * probability that a window falls below, its interval under it. */
static struct table *slo_table(const struct comparison *c)
{
	struct table *t = table_new(1 + (int)c->n), **s = calloc(c->n, sizeof *s);
	const char **cells = calloc(c->n + 1, sizeof *cells);
	char **text = calloc(c->n, sizeof *text);
	size_t nslo = c->d[0].r->set.nslo;

	if (!t || !s || !cells || !text)
		goto oom;
	for (size_t i = 0; i < c->n; i++) {
		struct report rep = { c->d[i].t, c->d[i].m, c->d[i].a, c->d[i].r };

		s[i] = report_slo_table(&rep);
		text[i] = malloc(256);
		if (!s[i] || !text[i])
			goto oom;
	}
	cells[0] = "target";
	for (size_t i = 0; i < c->n; i++)
		cells[1 + i] = c->d[i].t->name;
	if (table_row(t, cells))
		goto oom;
	for (size_t r = 1; r <= nslo; r++) {
		cells[0] = table_cell(s[0], r, 0);
		for (size_t i = 0; i < c->n; i++) {
			snprintf(text[i], 256, "%s\n%s", table_cell(s[i], r, 1), table_cell(s[i], r, 2));
			cells[1 + i] = text[i];
		}
		if (table_row(t, cells))
			goto oom;
	}
	goto done;
oom:
	table_free(t);
	t = NULL;
done:
	for (size_t i = 0; i < c->n; i++) {
		if (s)
			table_free(s[i]);
		if (text)
			free(text[i]);
	}
	free(s);
	free(text);
	free(cells);
	return t;
}

/* The verdict: compare's summary, or for one design its figures. */
static void verdict(char *buf, size_t size, const struct comparison *c)
{
	const struct compare_design *d = &c->d[0];
	struct measures m;
	char h[64], money[64];

	if (c->n > 1) {
		compare_summary(buf, size, c);
		return;
	}
	result_measures(&d->r->block[0], d->r->set.confidence, &m);
	snprintf(buf, size, "%s gives %.2f nines: %s of downtime a year%s%s%s", d->t->name,
		 m.nines.mean, report_fmt_minutes(m.downtime_min_per_year.mean, h, sizeof h),
		 model_cost(d->m) > 0 ? "; costs " : "",
		 model_cost(d->m) > 0 ? report_fmt_money(model_cost(d->m), money, sizeof money) : "",
		 model_cost(d->m) > 0 ? "/yr" : "");
}

/* The names of the designs, escaped: "a, b and c". */
static void design_names(FILE *f, const struct comparison *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (i)
			fputs(i + 1 == c->n ? " and " : ", ", f);
		html_escape(f, c->d[i].t->name);
	}
}

static int write_table(FILE *f, struct table *t, const char *right, const char *cls)
{
	if (!t)
		return -1;
	html_table(f, t, right, cls);
	table_free(t);
	return 0;
}

static void write_header(FILE *f, const struct comparison *c)
{
	const struct run_settings *s = &c->d[0].r->set;
	char v[1024], h[64], w[64];

	fputs("<header>\n<h1>Availability of ", f);
	design_names(f, c);
	fputs("</h1>\n<p class=\"verdict\">", f);
	verdict(v, sizeof v, c);
	html_escape(f, v);
	fprintf(f, "</p>\n<p class=\"meta\">%zu design%s, %ld replications of %s each",
		c->n, c->n > 1 ? "s" : "", s->replications, duration_format(s->horizon, h, sizeof h));
	if (s->warmup > 0)
		fprintf(f, " after a warm-up of %s", duration_format(s->warmup, w, sizeof w));
	fprintf(f, ", seed %llu, %g%% confidence intervals%s. Written by nines %s.</p>\n</header>\n",
		(unsigned long long)s->seed, s->confidence * 100,
		c->n > 1 ? ", common random numbers" : "", PACKAGE_VERSION);
}

static int write_summary(FILE *f, const struct comparison *c)
{
	char right[16];
	int described = 0;

	fputs("<section>\n<h2>Designs</h2>\n", f);
	if (write_table(f, summary_table(c, right), right, "summary"))
		return -1;
	fputs("<p class=\"note\">Availability is the simulated time average with its confidence"
	      " interval; <em>exact</em> is the long-run value computed analytically (see"
	      " Assumptions). Downtime per year in words and in minutes; the mean outage is total"
	      " downtime over total outages.", f);
	if (c->n > 1) {
		fputs(" <em>Against the baseline</em> is the design's downtime minus that of the"
		      " baseline, ", f);
		html_escape(f, c->d[c->baseline].t->name);
		fputs(", in minutes per year (negative: less downtime), measured replication by"
		      " replication on common random numbers, with its confidence interval;"
		      " <em>independent \xc2\xb1</em> is the half-width two independent runs would have"
		      " given.", f);
	}
	if (any_outside(c))
		fputs(" <strong>!</strong> marks an exact value outside the simulated interval: each is"
		      " tested at the confidence level, so among many a few misses are expected by"
		      " chance, and laws that are not exponential take some cycles to reach the long run"
		      " (a --warmup of a few MTBFs removes that start-up effect).", f);
	fputs("</p>\n", f);
	for (size_t i = 0; i < c->n; i++)
		described |= c->d[i].t->description[0] != '\0';
	if (described) {
		fputs("<dl class=\"settings\">\n", f);
		for (size_t i = 0; i < c->n; i++) {
			fputs("<dt>", f);
			html_escape(f, c->d[i].t->name);
			fputs("</dt><dd>", f);
			html_escape(f, c->d[i].t->description[0] ? c->d[i].t->description : "-");
			fputs("</dd>\n", f);
		}
		fputs("</dl>\n", f);
	}
	fputs("</section>\n", f);
	return 0;
}

static void write_plots(FILE *f, const struct plots *pl)
{
	int missing = 0;

	fputs("<section class=\"plots\">\n<h2>Plots</h2>\n", f);
	if (pl->why.kind != DIAG_NONE) {
		const char *why = diag_text(&pl->why);

		if (strncmp(why, "plot: ", 6) == 0)
			why += 6;
		fputs("<p class=\"warn\">This report has no plots: ", f);
		html_escape(f, why);
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
		fputs(" (no outage seen, or no whole SLO window in the horizon).</p>\n", f);
	}
	fputs("</section>\n", f);
}

static int write_tiers(FILE *f, const struct comparison *c)
{
	fputs("<section>\n<h2>Tiers</h2>\n<p class=\"note\">Each direct part of the system"
	      " (path system.blocks[k]) on its own: its downtime counts whether or not the system"
	      " was down with it, so tiers overlap and do not add up to the system's.</p>\n", f);
	for (size_t i = 0; i < c->n; i++) {
		struct table *t = tiers_table(&c->d[i]);

		fputs("<h3>", f);
		html_escape(f, c->d[i].t->name);
		fputs("</h3>\n", f);
		if (t && table_rows(t) == 1) {
			table_free(t);
			fputs("<p class=\"note\">The system is a single block without tiers.</p>\n", f);
			continue;
		}
		if (write_table(f, t, "001111111", "tiers"))
			return -1;
	}
	fputs("</section>\n", f);
	return 0;
}

static int write_components(FILE *f, const struct comparison *c)
{
	fputs("<section>\n<h2>Component types</h2>\n<p class=\"note\">Each instance of a type:"
	      " MTBF and MTTR are the means of its failure and repair laws.</p>\n", f);
	for (size_t i = 0; i < c->n; i++) {
		struct report rep = { c->d[i].t, c->d[i].m, c->d[i].a, c->d[i].r };

		fputs("<h3>", f);
		html_escape(f, c->d[i].t->name);
		fputs("</h3>\n", f);
		if (write_table(f, report_types_table(&rep), report_types_right(&rep), "types"))
			return -1;
	}
	fputs("</section>\n", f);
	return 0;
}

static int write_slo(FILE *f, const struct comparison *c)
{
	const struct result *r = c->d[0].r;
	char w[64], h[64], *right;
	int rc;

	fputs("<section>\n<h2>SLO windows</h2>\n", f);
	duration_format(r->set.window, w, sizeof w);
	if (r->nwindows == 0) {
		fprintf(f, "<p>The horizon of %s holds no whole window of %s: no SLO figures"
			" (choose a shorter --window or a longer --horizon).</p>\n</section>\n",
			duration_format(r->set.horizon, h, sizeof h), w);
		return 0;
	}
	fprintf(f, "<p>The measured horizon is cut into windows of %s (%zu in each replication)."
		" For each availability target and design, the probability that a window's"
		" availability falls below the target, over every window of every replication, with"
		" its confidence interval under it.</p>\n", w, r->nwindows);
	right = malloc(c->n + 2);
	if (!right)
		return -1;
	memset(right, '1', c->n + 1);
	right[0] = '0';
	right[c->n + 1] = '\0';
	rc = write_table(f, slo_table(c), right, "slo");
	free(right);
	if (rc)
		return -1;
	fputs("</section>\n", f);
	return 0;
}

static void write_assumptions(FILE *f, const struct comparison *c,
			      char (*hash)[SHA256_HEX])
{
	const struct run_settings *s = &c->d[0].r->set;
	char h[64];

	fputs("<section>\n<h2>Assumptions</h2>\n<dl class=\"settings\">\n", f);
	fprintf(f, "<dt>horizon</dt><dd>%s (%g hours) measured in each replication</dd>\n",
		duration_format(s->horizon, h, sizeof h), s->horizon);
	if (s->warmup > 0)
		fprintf(f, "<dt>warm-up</dt><dd>%s simulated before measuring starts</dd>\n",
			duration_format(s->warmup, h, sizeof h));
	else
		fputs("<dt>warm-up</dt><dd>none: every replication is measured from everything"
		      " new</dd>\n", f);
	fprintf(f, "<dt>replications</dt><dd>%ld, independent</dd>\n", s->replications);
	fprintf(f, "<dt>seed</dt><dd>%llu</dd>\n", (unsigned long long)s->seed);
	fprintf(f, "<dt>confidence level</dt><dd>%g%% (Student t intervals over the"
		" replications)</dd>\n", s->confidence * 100);
	fprintf(f, "<dt>SLO window</dt><dd>%s; targets", duration_format(s->window, h, sizeof h));
	for (size_t k = 0; k < s->nslo; k++)
		fprintf(f, "%s %.10g%%", k ? "," : "", s->slo[k] * 100);
	fputs("</dd>\n", f);
	if (c->n > 1) {
		fputs("<dt>baseline</dt><dd>", f);
		html_escape(f, c->d[c->baseline].t->name);
		fputs("</dd>\n<dt>random numbers</dt><dd>common: every design runs with these settings,"
		      " and each component instance draws from a stream keyed by the seed, the"
		      " replication, its type's name and its ordinal, so designs that share a"
		      " component type see the same failures of it</dd>\n", f);
	}
	fputs("<dt>nines version</dt><dd>" PACKAGE_VERSION "</dd>\n</dl>\n", f);

	fputs("<h3>Model files</h3>\n<div class=\"scroll\"><table class=\"files\">\n"
	      "<thead><tr><th>design</th><th>file</th><th>SHA-256</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < c->n; i++) {
		fputs("<tr><td>", f);
		html_escape(f, c->d[i].t->name);
		fputs("</td><td>", f);
		html_escape(f, c->d[i].t->file);
		fprintf(f, "</td><td class=\"hash\">%s</td></tr>\n", hash[i]);
	}
	fputs("</tbody></table></div>\n", f);

	fputs("<h3>What the figures mean</h3>\n<p>Availability is the fraction of the horizon the"
	      " system was up, averaged over the replications, each of which starts with everything"
	      " new and up; nines is \xe2\x88\x92log10 of the unavailability; downtime per year is the"
	      " unavailability times 525,600 minutes.</p>\n<p><em>Exact</em> is not simulated: it"
	      " is the long-run (steady-state) availability computed analytically (", f);
	for (size_t i = 0; i < c->n; i++) {
		int seen = 0;

		for (size_t k = 0; k < i; k++)
			seen |= strcmp(c->d[k].a->method, c->d[i].a->method) == 0;
		if (seen)
			continue;
		fputs(i ? "; " : "", f);
		html_escape(f, c->d[i].a->method);
	}
	fputs("): each component is available MTBF/(MTBF+MTTR) of the time whatever its failure and"
	      " repair laws, and the blocks combine independent components exactly. The simulated"
	      " figure averages a finite horizon started from new, so the two differ by chance and"
	      " by start-up effects; an exact value outside the simulated interval is marked"
	      " <strong>!</strong>.</p>\n</section>\n", f);
}

static int write_page(FILE *f, const struct comparison *c, const struct plots *pl,
		      char (*hash)[SHA256_HEX])
{
	char *title = NULL;
	size_t tlen = 0;
	FILE *t = open_memstream(&title, &tlen);

	if (!t)
		return -1;
	fputs("Availability of ", t);
	for (size_t i = 0; i < c->n; i++)
		fprintf(t, "%s%s", i ? (i + 1 == c->n ? " and " : ", ") : "", c->d[i].t->name);
	if (fclose(t) != 0) {
		free(title);
		return -1;
	}
	html_begin(f, title);
	free(title);
	write_header(f, c);
	if (write_summary(f, c))
		return -1;
	write_plots(f, pl);
	if (write_tiers(f, c) || write_components(f, c) || write_slo(f, c))
		return -1;
	write_assumptions(f, c, hash);
	fputs("<footer>Written by <code>nines report</code>, nines " PACKAGE_VERSION
	      ". The same files, options and seed give the same page.</footer>\n", f);
	return html_end(f);
}

int cmd_report(int argc, char **argv, const struct command *self)
{
	struct run_args a;
	struct designs ds;
	struct comparison cmp;
	struct plots pl;
	struct output o;
	struct diag dg;
	char (*hash)[SHA256_HEX] = NULL;
	int status = command_run_args(self, argc, argv, RUN_ARGS_BASELINE | RUN_ARGS_NO_FORMAT, &a);

	if (status >= 0)
		return status;
	if (!a.out)
		return command_usage_error(self, "give the file to write with -o REPORT.html");
	if (argc - optind < 1)
		return command_usage_error(self, "no topology file given");
	status = command_designs_run(self, &a, argv + optind, argc - optind, &ds);
	if (status)
		return status;
	cmp.d = ds.cd;
	cmp.n = ds.n;
	cmp.baseline = ds.baseline;
	hash = calloc(ds.n, sizeof *hash);
	if (!hash) {
		command_designs_release(&ds);
		return command_fail(EXIT_RUNTIME, "out of memory");
	}
	diag_init(&dg);
	for (size_t i = 0; i < ds.n; i++) {
		unsigned char digest[SHA256_BYTES];

		if (sha256_file(ds.d[i].t->file, digest, &dg)) {
			status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
			goto out;
		}
		sha256_hex(digest, hash[i]);
	}
	plots_draw(&cmp, &pl);
	if (output_open(&o, a.out, &dg)) {
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
		goto out_plots;
	}
	if (write_page(o.f, &cmp, &pl, hash)) {
		output_abort(&o);
		status = command_fail(EXIT_RUNTIME, "%s: cannot write the report", a.out);
		goto out_plots;
	}
	if (output_commit(&o, &dg)) {
		status = command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
		goto out_plots;
	}
	if (pl.why.kind != DIAG_NONE) {
		const char *why = diag_text(&pl.why);

		if (strncmp(why, "plot: ", 6) == 0)
			why += 6;
		status = command_fail(EXIT_RUNTIME, "report: %s; the report has no plots", why);
	}
out_plots:
	plots_release(&pl);
out:
	free(hash);
	command_designs_release(&ds);
	return status;
}
