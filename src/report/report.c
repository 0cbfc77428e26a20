/* report.c - what every report format shares: choosing the writer, the
 * measures of each block and component type, and number formatting. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "util/duration.h"

int report_format_parse(const char *name, enum report_format *f)
{
	static const char *const names[] = { "text", "json", "md", "csv" };

	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return -1;
}

int report_write(FILE *f, enum report_format fmt, const struct report *rep)
{
	switch (fmt) {
	case REPORT_TEXT:
		return report_text(f, rep);
	case REPORT_JSON:
		return report_json(f, rep);
	case REPORT_MD:
		return report_md(f, rep);
	case REPORT_CSV:
		return report_csv(f, rep);
	}
	return -1;
}

int report_within(const struct measures *m, double exact)
{
	if (m->down_replications < REPORT_MIN_DOWN || !isfinite(exact))
		return -1;
	return exact >= m->availability.ci_low && exact <= m->availability.ci_high;
}

void report_block_measures(const struct report *rep, size_t b, struct measures *out)
{
	result_measures(&rep->r->block[b], rep->r->set.confidence, out);
}

void report_type_measures(const struct report *rep, size_t t, struct measures *out)
{
	result_measures(&rep->r->type[t], rep->r->set.confidence, out);
}

int report_decimals(double u)
{
	int d;

	if (!(u > 0))
		return 6;
	d = (int)ceil(-log10(u)) + 2;
	return d < 4 ? 4 : d > 12 ? 12 : d;
}

char *report_fmt_money(double x, char *buf, size_t size)
{
	char digits[64];
	size_t n, k = 0, lead;
	const char *sign = x < 0 ? "-" : "";

	snprintf(digits, sizeof digits, "%.0f", fabs(x));
	n = strlen(digits);
	if (!isfinite(x) || n > 30) {
		snprintf(buf, size, "%g", x);
		return buf;
	}
	k = (size_t)snprintf(buf, size, "%s", sign);
	lead = n % 3 ? n % 3 : 3;
	for (size_t i = 0; i < n && k + 2 < size; i++) {
		if (i && (i - lead) % 3 == 0 && i >= lead)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

char *report_fmt_minutes(double minutes, char *buf, size_t size)
{
	return duration_format(minutes / 60, buf, (unsigned)size);
}

#include "report/table.h"

static void fmt_ci(char *buf, size_t n, const struct estimate *e, int dec)
{
	if (isfinite(e->ci_low) && isfinite(e->ci_high))
		snprintf(buf, n, "[%.*f, %.*f]", dec, e->ci_low, dec, e->ci_high);
	else
		snprintf(buf, n, "-");
}

static void fmt_num(char *buf, size_t n, double x, int dec)
{
	if (isfinite(x))
		snprintf(buf, n, "%.*f", dec, x);
	else if (x > 0)
		snprintf(buf, n, "inf");
	else
		snprintf(buf, n, "-");
}

/* One row of measures: availability, CI, exact, nines, downtime, outages,
 * mean outage.  CELLS gets pointers into BUFS (7 buffers of 64 bytes). */
/* Decimals for an availability row: enough for its nines, and when the
 * exact value is outside the interval, enough to show it. */
static int row_decimals(const struct measures *m, double ea, double eu)
{
	int dec = report_decimals(m->unavailability.mean > 0 ? m->unavailability.mean : eu);

	if (report_within(m, ea) == 0) {
		double bound = ea < m->availability.ci_low ? m->availability.ci_low :
			       m->availability.ci_high;
		char x[64], y[64];

		for (; dec < 15; dec++) {
			snprintf(x, sizeof x, "%.*f", dec, ea);
			snprintf(y, sizeof y, "%.*f", dec, bound);
			if (strcmp(x, y) != 0)
				break;
		}
	}
	return dec;
}

static void measure_cells(const struct measures *m, double ea, double eu,
			  char bufs[][64], const char **cells)
{
	int dec = row_decimals(m, ea, eu);

	fmt_num(bufs[0], 64, m->availability.mean, dec);
	if (m->down_replications > 0)
		fmt_ci(bufs[1], 64, &m->availability, dec);
	else
		snprintf(bufs[1], 64, "never down");
	/* row_decimals may have widened: keep the cell within its buffer */
	fmt_num(bufs[2], 64, ea, dec);
	if (report_within(m, ea) == 0)
		strcat(bufs[2], " !");
	fmt_num(bufs[3], 64, m->nines.mean, 2);
	report_fmt_minutes(m->downtime_min_per_year.mean, bufs[4], 64);
	fmt_num(bufs[5], 64, m->outages_per_year.mean, 3);
	if (isfinite(m->mean_outage_min.mean))
		report_fmt_minutes(m->mean_outage_min.mean, bufs[6], 64);
	else
		snprintf(bufs[6], 64, "-");
	for (int i = 0; i < 7; i++)
		cells[i] = bufs[i];
}

void report_measure_cells(const struct measures *m, double ea, double eu,
			  char bufs[][64], const char **cells)
{
	measure_cells(m, ea, eu, bufs, cells);
}

static void exact_cells(double a, double u, char bufs[][64], const char **cells)
{
	fmt_num(bufs[0], 64, a, report_decimals(u));
	fmt_num(bufs[1], 64, -log10(u), 2);
	report_fmt_minutes(u * HOURS_PER_YEAR * 60, bufs[2], 64);
	for (int i = 0; i < 3; i++)
		cells[i] = bufs[i];
}

static const char *const sim_head[] = {
	"availability", "CI", "exact", "nines", "downtime/yr", "outages/yr", "mean outage"
};
static const char *const exact_head[] = { "availability", "nines", "downtime/yr" };

/* Which columns of the blocks table align right ('1'). */
static const char *report_blocks_right(const struct report *rep)
{
	return rep->r ? "00011111111" : "000111";
}

const char *report_types_right(const struct report *rep)
{
	return rep->r ? "01111111111" : "0111111";
}

/* One row per block (with a header row); NULL when out of memory. */
static struct table *report_blocks_table(const struct report *rep)
{
	const struct model *mo = rep->m;
	int ncols = rep->r ? 11 : 6;
	struct table *t = table_new(ncols);
	const char *cells[12];
	char bufs[8][64], need[64], share[64];

	if (!t)
		return NULL;
	cells[0] = "block";
	cells[1] = "type";
	cells[2] = "need";
	for (int i = 0; i < (rep->r ? 7 : 3); i++)
		cells[3 + i] = rep->r ? sim_head[i] : exact_head[i];
	cells[10] = "of system downtime";
	if (table_row(t, cells))
		goto oom;
	for (size_t b = 0; b < model_blocks(mo); b++) {
		snprintf(need, sizeof need, "%d/%d", model_block_need(mo, b),
			 model_block_children(mo, b));
		cells[0] = model_block_name(mo, b);
		cells[1] = block_kind_name(model_block_kind(mo, b));
		cells[2] = need;
		if (rep->r) {
			struct measures m;

			struct estimate at = result_attribution(rep->r, b);

			report_block_measures(rep, b, &m);
			measure_cells(&m, rep->a->block_a[b], rep->a->block_u[b], bufs, cells + 3);
			if (isfinite(at.mean))
				snprintf(share, sizeof share, "%.1f%%", at.mean * 100);
			else
				snprintf(share, sizeof share, "-");
			cells[10] = share;
		} else {
			exact_cells(rep->a->block_a[b], rep->a->block_u[b], bufs, cells + 3);
		}
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

struct table *report_types_table(const struct report *rep)
{
	const struct model *mo = rep->m;
	int ncols = rep->r ? 11 : 7;
	struct table *t = table_new(ncols);
	const char *cells[12];
	char bufs[8][64], inst[32], mtbf[64], mttr[64];

	if (!t)
		return NULL;
	cells[0] = "component";
	cells[1] = "instances";
	cells[2] = "MTBF";
	cells[3] = "MTTR";
	for (int i = 0; i < (rep->r ? 7 : 3); i++)
		cells[4 + i] = rep->r ? sim_head[i] : exact_head[i];
	if (table_row(t, cells))
		goto oom;
	for (size_t k = 0; k < model_types(mo); k++) {
		if (model_type_instances(mo, k) == 0)
			continue;
		snprintf(inst, sizeof inst, "%zu", model_type_instances(mo, k));
		cells[0] = model_type_name(mo, k);
		cells[1] = inst;
		cells[2] = duration_format(model_type_failure(mo, k)->mean, mtbf, sizeof mtbf);
		cells[3] = duration_format(model_type_repair(mo, k)->mean, mttr, sizeof mttr);
		if (rep->r) {
			struct measures m;

			report_type_measures(rep, k, &m);
			measure_cells(&m, rep->a->type_a[k], rep->a->type_u[k], bufs, cells + 4);
		} else {
			exact_cells(rep->a->type_a[k], rep->a->type_u[k], bufs, cells + 4);
		}
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

/* The system's measures as label / value rows; NULL when out of memory. */
static struct table *report_system_table(const struct report *rep)
{
	struct table *t = table_new(2);
	const struct result *r = rep->r;
	double ea = rep->a->block_a[0], eu = rep->a->block_u[0];
	char v[256], x[64], y[64], z[64];
	const char *cells[2];
	struct measures m;
	int dec;

	if (!t)
		return NULL;
	cells[0] = "measure";
	cells[1] = "value";
	if (table_row(t, cells))
		goto oom;
#define ROW(label) do { cells[0] = (label); cells[1] = v; if (table_row(t, cells)) goto oom; } while (0)
	if (!r && !isfinite(ea)) {
		snprintf(v, sizeof v, "%s", rep->a->block_method[0]);
		ROW("availability");
		return t;
	}
	if (!r) {
		dec = report_decimals(eu);
		snprintf(v, sizeof v, "%.*f", dec, ea);
		ROW("availability");
		fmt_num(x, sizeof x, -log10(eu), 2);
		snprintf(v, sizeof v, "%s", x);
		ROW("nines");
		snprintf(v, sizeof v, "%s (%.4g min)", report_fmt_minutes(eu * HOURS_PER_YEAR * 60, x, sizeof x),
			 eu * HOURS_PER_YEAR * 60);
		ROW("downtime per year");
		return t;
	}
	report_block_measures(rep, 0, &m);
	dec = row_decimals(&m, ea, eu);
	fmt_ci(x, sizeof x, &m.availability, dec);
	snprintf(v, sizeof v, "%.*f %s", dec, m.availability.mean, x);
	ROW("availability");
	if (isfinite(ea))
		snprintf(v, sizeof v, "%.*f (%s)", dec, ea,
			 report_within(&m, ea) > 0 ? "inside the interval" :
			 report_within(&m, ea) == 0 ? "OUTSIDE the interval" :
			 "too few replications saw an outage to compare");
	else
		snprintf(v, sizeof v, "%s", rep->a->block_method[0]);
	ROW("exact");
	fmt_num(x, sizeof x, m.nines.mean, 2);
	fmt_num(y, sizeof y, m.nines.ci_low, 2);
	fmt_num(z, sizeof z, m.nines.ci_high, 2);
	snprintf(v, sizeof v, "%s [%s, %s]", x, y, z);
	ROW("nines");
	snprintf(v, sizeof v, "%s (%.4g min [%.4g, %.4g])",
		 report_fmt_minutes(m.downtime_min_per_year.mean, x, sizeof x),
		 m.downtime_min_per_year.mean, m.downtime_min_per_year.ci_low,
		 m.downtime_min_per_year.ci_high);
	ROW("downtime per year");
	snprintf(v, sizeof v, "%.4g [%.4g, %.4g]", m.outages_per_year.mean,
		 m.outages_per_year.ci_low, m.outages_per_year.ci_high);
	ROW("outages per year");
	if (isfinite(m.mean_outage_min.mean))
		snprintf(v, sizeof v, "%s (%.4g min [%.4g, %.4g])",
			 report_fmt_minutes(m.mean_outage_min.mean, x, sizeof x),
			 m.mean_outage_min.mean, m.mean_outage_min.ci_low, m.mean_outage_min.ci_high);
	else
		snprintf(v, sizeof v, "no outage seen");
	ROW("mean outage");
	if (r->outages.total > 0) {
		char p50[64], p90[64], p99[64];

		snprintf(v, sizeof v, "p50 %s, p90 %s, p99 %s",
			 duration_format(hist_quantile(&r->outages, 0.5), p50, sizeof p50),
			 duration_format(hist_quantile(&r->outages, 0.9), p90, sizeof p90),
			 duration_format(hist_quantile(&r->outages, 0.99), p99, sizeof p99));
		ROW("outage length");
	}
#undef ROW
	return t;
oom:
	table_free(t);
	return NULL;
}

/* "4.2%" with enough digits for small probabilities. */
static void fmt_pct(char *buf, size_t n, double p)
{
	if (!isfinite(p))
		snprintf(buf, n, "-");
	else if (p == 0)
		snprintf(buf, n, "0%%");
	else if (p * 100 >= 0.1)
		snprintf(buf, n, "%.1f%%", p * 100);
	else
		snprintf(buf, n, "%.2g%%", p * 100);
}

struct table *report_slo_table(const struct report *rep)
{
	const struct result *r = rep->r;
	struct table *t;
	const char *cells[3];
	char target[32], p[32], ci[96], lo[32], hi[32];

	if (!r || r->nwindows == 0)
		return NULL;
	t = table_new(3);
	if (!t)
		return NULL;
	cells[0] = "target";
	cells[1] = "P(window below)";
	cells[2] = "CI";
	if (table_row(t, cells))
		goto oom;
	for (size_t s = 0; s < r->set.nslo; s++) {
		struct estimate e = stats_clip(moments_x(&r->slo[s], r->set.confidence), 0, INFINITY);

		snprintf(target, sizeof target, "%.10g%%", r->set.slo[s] * 100);
		fmt_pct(p, sizeof p, e.mean);
		fmt_pct(lo, sizeof lo, e.ci_low);
		fmt_pct(hi, sizeof hi, e.ci_high);
		snprintf(ci, sizeof ci, "[%s, %s]", lo, hi);
		cells[0] = target;
		cells[1] = p;
		cells[2] = ci;
		if (table_row(t, cells))
			goto oom;
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

/* The SLO windows in a sentence: how many, how many saw downtime, how bad
 * the worst were.  Needs r->nwindows > 0. */
static void report_slo_line(char *buf, size_t size, const struct result *r)
{
	const struct hist *h = &r->window_down;
	double with = h->total ? 1 - (double)h->count[0] / (double)h->total : NAN;
	char w[64], p[32];

	double a1 = 1 - hist_quantile(h, 0.99), a01 = 1 - hist_quantile(h, 0.999);
	size_t k;

	fmt_pct(p, sizeof p, with);
	k = (size_t)snprintf(buf, size, "%zu windows of %s in each replication; %s of them saw downtime",
			     r->nwindows, duration_format(r->set.window, w, sizeof w), p);
	/* a quantile at 1 says nothing: most windows see no downtime at all */
	if (k < size && a1 < 1)
		k += (size_t)snprintf(buf + k, size - k, "; the worst 1%% had availability %.6f or less", a1);
	if (k < size && a01 < 1)
		snprintf(buf + k, size - k, "; the worst 0.1%% had availability %.6f or less", a01);
}

static struct estimate clipped(struct estimate e)
{
	return stats_clip(e, 0, INFINITY);
}

void report_replicated(const struct report *rep, size_t b, struct replicated_measures *x)
{
	const struct result *r = rep->r;
	double conf = r->set.confidence;
	struct estimate wd = moments_x(&r->repl[b], conf);

	x->switches = clipped(moments_x(&r->sw[b], conf));
	x->failed = clipped(moments_y(&r->sw[b], conf));
	x->lost = clipped(moments_y(&r->repl[b], conf));
	x->lossy = r->lossy[b].n > 0 ? clipped(moments_x(&r->lossy[b], conf)) :
		   (struct estimate){ NAN, NAN, NAN, NAN };
	x->write_availability = stats_complement(clipped(wd));
}

/* One row per quorum or failover block: switches, failed switches, lost
 * writes, P(loss in a year), write availability.  NULL when the design has
 * none (or out of memory). */
static struct table *report_replicated_table(const struct report *rep)
{
	const struct model *mo = rep->m;
	struct table *t = NULL;
	const char *cells[7] = { "block", "type", "switches/yr", "failed/yr",
				 "lost writes/yr", "P(loss in a year)", "write availability" };
	char bufs[6][96];

	for (size_t b = 0; b < model_blocks(mo); b++) {
		const struct block_params *p = model_block_params(mo, b);
		struct replicated_measures x;

		if (!block_kind_leads(model_block_kind(mo, b)))
			continue;
		if (!t && (!(t = table_new(7)) || table_row(t, cells)))
			goto oom;
		report_replicated(rep, b, &x);
		snprintf(bufs[0], 96, "%.3g", x.switches.mean);
		if (model_block_kind(mo, b) == BLOCK_FAILOVER)
			snprintf(bufs[1], 96, "%.3g", x.failed.mean);
		else
			snprintf(bufs[1], 96, "-");
		if (p->replication == REPLICATION_ASYNC) {
			snprintf(bufs[2], 96, "%.4g [%.4g, %.4g]", x.lost.mean, x.lost.ci_low, x.lost.ci_high);
			fmt_pct(bufs[3], 96, x.lossy.mean);
		} else {
			snprintf(bufs[2], 96, "-");
			snprintf(bufs[3], 96, "-");
		}
		if (p->replication == REPLICATION_SYNC)
			snprintf(bufs[4], 96, "%.*f", report_decimals(1 - x.write_availability.mean),
				 x.write_availability.mean);
		else
			snprintf(bufs[4], 96, "-");
		cells[0] = model_block_name(mo, b);
		cells[1] = block_kind_name(model_block_kind(mo, b));
		for (int k = 0; k < 5; k++)
			cells[2 + k] = bufs[k];
		if (table_row(t, cells))
			goto oom;
		cells[0] = "block";
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

/* One row per pool: requests served, time with reduced capacity; NULL when
 * the design has none. */
static struct table *report_pools_table(const struct report *rep)
{
	const struct model *mo = rep->m;
	const struct result *r = rep->r;
	struct table *t = NULL;
	const char *cells[5] = { "pool", "need", "requests served", "CI", "reduced capacity" };
	char bufs[4][96];

	for (size_t b = 0; b < model_blocks(mo); b++) {
		struct estimate sv, rc;
		int dec;

		if (model_block_kind(mo, b) != BLOCK_POOL)
			continue;
		if (!t && (!(t = table_new(5)) || table_row(t, cells)))
			goto oom;
		sv = moments_x(&r->pool[b], r->set.confidence);
		rc = moments_y(&r->pool[b], r->set.confidence);
		dec = report_decimals(1 - sv.mean);
		snprintf(bufs[0], 96, "%d/%d", model_block_need(mo, b), model_block_children(mo, b));
		snprintf(bufs[1], 96, "%.*f", dec, sv.mean);
		snprintf(bufs[2], 96, "[%.*f, %.*f]", dec, sv.ci_low, dec, sv.ci_high > 1 ? 1 : sv.ci_high);
		fmt_pct(bufs[3], 96, rc.mean);
		cells[0] = model_block_name(mo, b);
		for (int k = 0; k < 4; k++)
			cells[1 + k] = bufs[k];
		if (table_row(t, cells))
			goto oom;
		cells[0] = "pool";
	}
	return t;
oom:
	table_free(t);
	return NULL;
}

int report_sections(const struct report *rep, struct report_section *s)
{
	int n = 0;
	struct table *extra;

#define ADD(table, tt, mt, r, skip) do { \
		s[n].t = (table); \
		if (!s[n].t) \
			goto oom; \
		snprintf(s[n].text_title, sizeof s[n].text_title, "%s", (tt)); \
		s[n].md_title = (mt); \
		s[n].intro[0] = '\0'; \
		s[n].right = (r); \
		s[n].skip_header = (skip); \
		n++; \
	} while (0)
	ADD(report_system_table(rep), "", "System", "00", 1);
	snprintf(s[0].text_title, sizeof s[0].text_title, "system \"%s\"", model_block_name(rep->m, 0));
	ADD(report_blocks_table(rep), "blocks", "Blocks", report_blocks_right(rep), 0);
	/* these two are NULL when the design has no such block */
	if (rep->r && (extra = report_replicated_table(rep)))
		ADD(extra, "replicated blocks", "Replicated blocks", "0011111", 0);
	if (rep->r && (extra = report_pools_table(rep)))
		ADD(extra, "pools", "Pools", "01111", 0);
	if (rep->r && rep->r->nwindows > 0) {
		ADD(report_slo_table(rep), "SLO windows", "SLO windows", "011", 0);
		report_slo_line(s[n - 1].intro, sizeof s[n - 1].intro, rep->r);
	}
	ADD(report_types_table(rep), "components (each instance)", "Components (each instance)",
	    report_types_right(rep), 0);
#undef ADD
	return n;
oom:
	report_sections_release(s, n);
	return -1;
}

void report_sections_release(struct report_section *s, int n)
{
	for (int i = 0; i < n; i++)
		table_free(s[i].t);
}
