/* html_report.c - `nines report`'s page: the designs simulated as `nines
 * compare` does, written as one self-contained HTML file for a planning
 * meeting: the verdict, a summary table with the paired differences
 * against the baseline, the plots as inline SVG (html_plots.c), tiers,
 * component types, SLO windows, and the assumptions with every file that
 * went into each design (its own and its models/NAME.json), where each
 * came from and its SHA-256.
 *
 * When the plots cannot be drawn (gnuplot missing, say) the page is
 * written all the same and says why it has no plots: the tables are what
 * the meeting needs first, and the caller still learns that something is
 * missing. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "report/html.h"
#include "report/html_plots.h"
#include "report/html_report.h"
#include "report/html_tables.h"
#include "report/report_tables.h"
#include "util/duration.h"
#include "util/output.h"

/* Whether any design has an exact value outside its interval. */
static int any_outside(const struct comparison *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct report rep = { c->d[i].t, c->d[i].m, c->d[i].a, c->d[i].r, NULL };

		if (report_any_outside(&rep))
			return 1;
	}
	return 0;
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
	result_measures(d->r, &d->r->block[0], &m);
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

/* How each design's figures were obtained and how precise they are, then
 * the header's end. */
static void write_precision(FILE *f, const struct comparison *c)
{
	char method[512], precision[512];

	fputs("<ul class=\"meta\">\n", f);
	for (size_t i = 0; i < c->n; i++) {
		report_precision_lines(c->d[i].r, method, precision, sizeof method);
		fputs("<li>", f);
		if (c->n > 1) {
			html_escape(f, c->d[i].t->name);
			fputs(": ", f);
		}
		fputs("method ", f);
		html_escape(f, method);
		fputs("; ", f);
		html_escape(f, precision);
		fputs(".</li>\n", f);
	}
	fputs("</ul>\n</header>\n", f);
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
	fprintf(f, ", seed %llu, %g%% confidence intervals%s. Written by nines %s.</p>\n",
		(unsigned long long)s->seed, s->confidence * 100,
		c->n > 1 ? ", common random numbers" : "", PACKAGE_VERSION);
	write_precision(f, c);
}

/* The warnings (nothing when there are none), right under the verdict:
 * what the reader must know before trusting a figure. */
static void write_warnings(FILE *f, const struct warnings *w)
{
	char line[2048];

	if (!w || w->n == 0)
		return;
	fputs("<section class=\"warn\" id=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n", f);
	for (size_t i = 0; i < w->n; i++) {
		fputs("<li>", f);
		html_escape(f, warnings_format(w, i, line, sizeof line));
		fputs("</li>\n", f);
	}
	fputs("</ul>\n</section>\n", f);
}

static int write_summary(FILE *f, const struct comparison *c)
{
	char right[16];
	int described = 0;

	fputs("<section>\n<h2>Designs</h2>\n", f);
	if (write_table(f, html_tables_summary(c, right), right, "summary"))
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
		      " given, and under it how much pairing cut the variance of the difference"
		      " (about 1\xc3\x97: the designs share few random streams, and the comparison"
		      " is as good as unpaired).", f);
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

/* The designs' writes, when any replicates. */
static int write_writes(FILE *f, const struct comparison *c)
{
	if (!compare_any_writes(c))
		return 0;
	fputs("<section>\n<h2>Writes</h2>\n<p class=\"note\">The design's write availability is"
	      " the share of time it could take writes: the system up and every block with sync"
	      " replication able to take them (up with a member besides the active one); without"
	      " such a block it is the system's availability. Lost writes add up what every block"
	      " with async replication loses at failovers (the last lag's writes each time), and"
	      " P(loss in a year) is the chance of a year with any loss.", f);
	if (c->n > 1)
		fputs(" Against the baseline: the design's value minus the baseline's, measured"
		      " replication by replication on common random numbers, with its confidence"
		      " interval.", f);
	fputs("</p>\n", f);
	if (write_table(f, html_tables_writes(c), "0111111", "writes"))
		return -1;
	fputs("</section>\n", f);
	return 0;
}

static int write_tiers(FILE *f, const struct comparison *c)
{
	fputs("<section>\n<h2>Tiers</h2>\n<p class=\"note\">Each direct part of the system"
	      " (path system.blocks[k]) on its own: its downtime counts whether or not the system"
	      " was down with it, so tiers overlap and do not add up to the system's.</p>\n", f);
	for (size_t i = 0; i < c->n; i++) {
		struct table *t = html_tables_tiers(&c->d[i]);

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
		fputs("<h3>", f);
		html_escape(f, c->d[i].t->name);
		fputs("</h3>\n", f);
		if (write_table(f, html_tables_types(&c->d[i]), "0111111111", "types"))
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
	for (size_t i = 0; i < c->n; i++)
		if (!c->d[i].r->windows) {
			fputs("<p>Not estimated: the method that ran (importance sampling) does not"
			      " measure SLO windows, the availability over time or the outage"
			      " lengths.</p>\n</section>\n", f);
			return 0;
		}
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
	rc = write_table(f, html_tables_slo(c), right, "slo");
	free(right);
	if (rc)
		return -1;
	fputs("</section>\n", f);
	return 0;
}

/* A file that went into a design: its own file or a model file. */
struct html_file {
	size_t design;           /* index in the comparison */
	const char *path;        /* borrowed from the design's topology */
	const char *origin;      /* where it came from, in words */
	char hash[SHA256_HEX];   /* or why there is none */
};

/* Every file that went into the designs, design by design. */
struct html_files {
	struct html_file *file;
	size_t n;
};

/* Where a model file came from, in words; PIPED: the design was read from
 * standard input, so "beside" it is the working directory. */
static const char *model_origin_text(enum model_origin o, int piped)
{
	switch (o) {
	case MODEL_ORIGIN_BESIDE:
		return piped ? "models/ in the working directory" : "models/ beside the design's file";
	case MODEL_ORIGIN_MODELS_DIR:
		return "$NINES_MODELS";
	case MODEL_ORIGIN_OWN:
		return "nines' own models";
	}
	return "-";
}

/* The "Model files" table: each design's file and its model files, with
 * where each came from and its SHA-256. */
static void write_files(FILE *f, const struct comparison *c, const struct html_files *fl)
{
	fputs("<h3>Model files</h3>\n<p class=\"note\">Every file that went into each design:"
	      " its own file, then each model file its blocks use (directly or through another"
	      " model), taken from the first of these that holds it: models/ beside the design's"
	      " file, $NINES_MODELS, nines' own models (installed, or of the build). The"
	      " SHA-256 is that of the file as the report was written.</p>\n"
	      "<div class=\"scroll\"><table class=\"files\">\n<thead><tr><th>design</th>"
	      "<th>file</th><th>from</th><th>SHA-256</th></tr></thead>\n<tbody>\n", f);
	for (size_t k = 0; k < fl->n; k++) {
		const struct html_file *x = &fl->file[k];

		fputs("<tr>", f);
		if (k == 0 || fl->file[k - 1].design != x->design) {
			fprintf(f, "<td rowspan=\"%zu\">", 1 + c->d[x->design].t->nmodels);
			html_escape(f, c->d[x->design].t->name);
			fputs("</td>", f);
		}
		fputs("<td class=\"path\">", f);
		html_escape(f, x->path);
		fputs("</td><td>", f);
		html_escape(f, x->origin);
		fprintf(f, "</td><td class=\"hash\">%s</td></tr>\n", x->hash);
	}
	fputs("</tbody></table></div>\n", f);
}

static void write_assumptions(FILE *f, const struct comparison *c,
			      const struct html_files *fl)
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
		" replications; with fewer than %d system outages seen, the interval comes from"
		" their count: an exact Poisson interval for their rate times one for their mean"
		" length, and with none an upper bound that takes outages to last the design's"
		" longest mean repair or timer)</dd>\n", s->confidence * 100, RESULT_FEW_OUTAGES);
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

	write_files(f, c, fl);

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

static int write_page(FILE *f, const struct comparison *c, const struct html_plots *pl,
		      const struct html_files *fl)
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
	write_warnings(f, c->warn);
	if (write_summary(f, c) || write_writes(f, c))
		return -1;
	html_plots_write(f, pl);
	if (write_tiers(f, c) || write_components(f, c) || write_slo(f, c))
		return -1;
	write_assumptions(f, c, fl);
	fputs("<footer>Written by <code>nines report</code>, nines " PACKAGE_VERSION
	      ". The same files, options and seed give the same page.</footer>\n", f);
	return html_end(f);
}

/* The SHA-256 of the file X->path into X->hash; standard input, read once
 * and gone, says so instead.  Returns 0, or -1 with DIAG filled. */
static int hash_file(struct html_file *x, struct diag *diag)
{
	unsigned char digest[SHA256_BYTES];

	if (strcmp(x->path, "-") == 0) {
		snprintf(x->hash, SHA256_HEX, "(standard input, not hashed)");
		return 0;
	}
	if (sha256_file(x->path, digest, diag))
		return -1;
	sha256_hex(digest, x->hash);
	return 0;
}

/* Every file that went into the designs of C, each hashed, into FL (free
 * FL->file).  Returns 0, or -1 with DIAG filled. */
static int files_collect(struct html_files *fl, const struct comparison *c, struct diag *diag)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		n += 1 + c->d[i].t->nmodels;
	fl->n = 0;
	fl->file = calloc(n, sizeof *fl->file);
	if (!fl->file)
		return diag_runtime(diag, "out of memory");
	for (size_t i = 0; i < c->n; i++) {
		const struct topology *t = c->d[i].t;
		int piped = strcmp(t->file, "-") == 0;

		fl->file[fl->n++] = (struct html_file){ i, t->file,
			piped ? "standard input" : "the design's file", "" };
		for (size_t k = 0; k < t->nmodels; k++)
			fl->file[fl->n++] = (struct html_file){ i, t->models[k].path,
				model_origin_text(t->models[k].origin, piped), "" };
	}
	for (size_t k = 0; k < fl->n; k++)
		if (hash_file(&fl->file[k], diag))
			return -1;
	return 0;
}

int html_report_write(const char *path, const struct comparison *c, const char *tmpdir,
		      const char *templates, struct diag *diag, struct diag *plots)
{
	struct html_files fl;
	struct html_plots pl;
	struct output o;
	int rc = -1;

	if (files_collect(&fl, c, diag)) {
		free(fl.file);
		return -1;
	}
	html_plots_draw(&pl, c, tmpdir, templates);
	if (output_open(&o, path, diag))
		goto out;
	if (write_page(o.f, c, &pl, &fl)) {
		output_abort(&o);
		diag_runtime(diag, "%s: cannot write the report", path);
		goto out;
	}
	if (output_commit(&o, diag))
		goto out;
	if (html_plots_why(&pl))
		diag_runtime(plots, "%s", html_plots_why(&pl));
	rc = 0;
out:
	html_plots_release(&pl);
	free(fl.file);
	return rc;
}
