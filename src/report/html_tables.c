/* html_tables.c - the tables of the HTML report: a row per design, the
 * designs' writes, the tiers of one design, its component types, the SLO
 * targets across designs.  Cells with a second line (after a line feed) show an interval
 * under its value, which keeps the tables narrow enough for a laptop's
 * window. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/html_tables.h"
#include "report/report_tables.h"
#include "util/duration.h"

#define MIN_PER_YEAR (HOURS_PER_YEAR * 60)

/* Availability with its interval on a second line, and the exact value
 * (" !" when outside the interval), with the decimals of every report
 * (report_row_decimals). */
static void availability_cells(const struct measures *m, double ea, double eu, char b[][64])
{
	int dec = report_row_decimals(m, ea, eu);

	if (m->interval == MEASURES_BOUND)
		snprintf(b[0], 64, "%.*f\nnever down, > %.*f", dec, m->availability.mean,
			 dec, m->availability.ci_low);
	else if (m->down_replications > 0)
		snprintf(b[0], 64, "%.*f\n[%.*f, %.*f]", dec, m->availability.mean,
			 dec, m->availability.ci_low, dec, m->availability.ci_high);
	else
		snprintf(b[0], 64, "%.*f\nnever down", dec, m->availability.mean);
	if (isfinite(ea))
		snprintf(b[1], 64, "%.*f%s", dec, ea, report_within(m, ea) == 0 ? " !" : "");
	else
		snprintf(b[1], 64, "-");        /* no exact value, as in text */
}

static void nines_cell(const struct measures *m, char *b)
{
	double x = m->nines.mean;

	if (m->interval == MEASURES_BOUND)
		snprintf(b, 64, "> %.2f", m->nines.ci_low);
	else if (isfinite(x))
		snprintf(b, 64, "%.2f", x);
	else
		snprintf(b, 64, x > 0 ? "inf" : "-");
}

/* Downtime per year in words over its minutes, outages per year, mean
 * outage: 3 buffers. */
static void downtime_cells(const struct measures *m, char b[][64])
{
	char w[48];

	if (m->interval == MEASURES_BOUND)
		snprintf(b[0], 64, "< %s\n< %.4g min",
			 report_fmt_minutes(m->downtime_min_per_year.ci_high, w, sizeof w),
			 m->downtime_min_per_year.ci_high);
	else
		snprintf(b[0], 64, "%s\n%.4g min",
			 report_fmt_minutes(m->downtime_min_per_year.mean, w, sizeof w),
			 m->downtime_min_per_year.mean);
	snprintf(b[1], 64, "%.3f", m->outages_per_year.mean);
	if (isfinite(m->mean_outage_min.mean))
		report_fmt_minutes(m->mean_outage_min.mean, b[2], 64);
	else
		snprintf(b[2], 64, "-");
}

/* X times SCALE with its interval on a second line, each with its sign
 * when SIGN (a difference against the baseline). */
static void estimate_cell(char *b, const struct estimate *x, double scale, int sign)
{
	snprintf(b, 64, sign ? "%+.4g\n[%+.4g, %+.4g]" : "%.4g\n[%.4g, %.4g]", x->mean * scale,
		 x->ci_low * scale, x->ci_high * scale);
}

/* The independent half-width, and under it what pairing achieved. */
static void pairing_cell(char *buf, size_t n, const struct compare_diff *x)
{
	int k = snprintf(buf, n, "\xc2\xb1 %.2g", x->independent_half_width * MIN_PER_YEAR);

	if (k < 0 || (size_t)k >= n)
		return;
	if (!x->is_paired)
		snprintf(buf + k, n - (size_t)k, "\nnot paired");
	else if (isinf(x->variance_ratio))
		snprintf(buf + k, n - (size_t)k, "\nvariance cut to 0");
	else if (isfinite(x->variance_ratio))
		snprintf(buf + k, n - (size_t)k, "\nvariance cut %.3g\xc3\x97", x->variance_ratio);
}

struct table *html_tables_summary(const struct comparison *c, char *right)
{
	static const char *const head[] = {
		"design", "availability", "exact", "nines", "downtime/yr", "outages/yr",
		"mean outage", "cost/yr", "against the baseline, min/yr", "independent \xc2\xb1",
	};
	int cost = compare_any_cost(c), diff = c->n > 1;
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

		result_measures(d->r, &d->r->block[0], &m);
		availability_cells(&m, d->a->block_a[0], d->a->block_u[0], b);
		nines_cell(&m, b[2]);
		downtime_cells(&m, b + 3);
		report_fmt_money(model_cost(d->m), b[6], 64);
		if (i == c->baseline) {
			snprintf(b[7], 64, "baseline");
			snprintf(b[8], 64, "-");
		} else {
			struct compare_diff x = compare_diff(d->r, c->d[c->baseline].r, d->r->set.confidence,
							     KEPT_DOWN);

			estimate_cell(b[7], &x.paired, MIN_PER_YEAR, 1);
			pairing_cell(b[8], 64, &x);
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

struct table *html_tables_writes(const struct comparison *c)
{
	static const char *const head[] = {
		"design", "write availability", "write downtime/yr", "lost writes/yr",
		"P(loss in a year)", "write downtime against the baseline, min/yr",
		"lost writes against the baseline, per year",
	};
	int diff = c->n > 1, ncols = 5 + 2 * diff;
	struct table *t = table_new(ncols);
	const char *cells[7];
	char b[6][64];

	if (!t || table_row(t, head))
		goto oom;
	for (size_t i = 0; i < c->n; i++) {
		const struct compare_design *d = &c->d[i];
		struct report rep = { d->t, d->m, d->a, d->r, NULL };
		struct replicated_measures x;
		const struct estimate *wa = &x.write_availability;
		int dec;

		report_writes(&rep, &x);
		dec = report_decimals(1 - wa->mean);
		snprintf(b[0], 64, "%.*f\n[%.*f, %.*f]", dec, wa->mean, dec, wa->ci_low, dec,
			 wa->ci_high);
		report_fmt_minutes((1 - wa->mean) * MIN_PER_YEAR, b[1], 64);
		estimate_cell(b[2], &x.lost, 1, 0);
		if (isfinite(x.lossy.mean))
			snprintf(b[3], 64, "%.3g%%", x.lossy.mean * 100);
		else
			snprintf(b[3], 64, "-");
		for (int k = KEPT_WRITE_DOWN; diff && k < RESULT_KEPT; k++) {
			char *cell = b[4 + k - KEPT_WRITE_DOWN];
			struct compare_diff y;

			if (i == c->baseline) {
				snprintf(cell, 64, "baseline");
				continue;
			}
			y = compare_diff(d->r, c->d[c->baseline].r, d->r->set.confidence,
					 (enum result_kept)k);
			estimate_cell(cell, &y.paired, compare_measures[k].scale, 1);
		}
		cells[0] = d->t->name;
		for (int j = 1; j < ncols; j++)
			cells[j] = b[j - 1];
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

struct table *html_tables_tiers(const struct compare_design *d)
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
		result_measures(d->r, &d->r->block[k], &m);
		snprintf(need, sizeof need, "%d/%d", model_block_need(mo, k), model_block_children(mo, k));
		availability_cells(&m, d->a->block_a[k], d->a->block_u[k], b);
		nines_cell(&m, b[2]);
		downtime_cells(&m, b + 3);
		name = malloc(strlen(model_block_label(mo, k)) + strlen(model_block_path(mo, k)) + 2);
		if (!name)
			goto oom;
		sprintf(name, "%s\n%s", model_block_label(mo, k), model_block_path(mo, k));
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

struct table *html_tables_slo(const struct comparison *c)
{
	struct table *t = table_new(1 + (int)c->n), **s = calloc(c->n, sizeof *s);
	const char **cells = calloc(c->n + 1, sizeof *cells);
	char **text = calloc(c->n, sizeof *text);
	size_t nslo = c->d[0].r->set.nslo;

	if (!t || !s || !cells || !text)
		goto oom;
	for (size_t i = 0; i < c->n; i++) {
		struct report rep = { c->d[i].t, c->d[i].m, c->d[i].a, c->d[i].r, NULL };

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

/* The columns of report_types_table with a simulated result: the
 * interval (column TYPES_CI) goes under the availability. */
#define TYPES_COLS 11
#define TYPES_CI 5

struct table *html_tables_types(const struct compare_design *d)
{
	struct report rep = { d->t, d->m, d->a, d->r, NULL };
	struct table *src = report_types_table(&rep), *t = table_new(TYPES_COLS - 1);
	const char *cells[TYPES_COLS - 1];
	char *both = NULL;

	if (!src || !t || table_cols(src) != TYPES_COLS)
		goto fail;
	for (size_t i = 0; i < table_rows(src); i++) {
		const char *avail = table_cell(src, i, TYPES_CI - 1), *ci = table_cell(src, i, TYPES_CI);

		for (int j = 0, k = 0; j < TYPES_COLS; j++)
			if (j != TYPES_CI)
				cells[k++] = table_cell(src, i, j);
		if (i > 0) {
			both = malloc(strlen(avail) + strlen(ci) + 2);
			if (!both)
				goto fail;
			sprintf(both, "%s\n%s", avail, ci);
			cells[TYPES_CI - 1] = both;
		}
		if (table_row(t, cells))
			goto fail;
		free(both);
		both = NULL;
	}
	table_free(src);
	return t;
fail:
	free(both);
	table_free(src);
	table_free(t);
	return NULL;
}
