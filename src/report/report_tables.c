/* report_tables.c - the tables of the text and Markdown reports (system,
 * blocks, replicated blocks, pools, SLO windows, component types), in the
 * order they are printed; the HTML report reuses the types and SLO
 * tables. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_tables.h"
#include "report/table.h"
#include "util/duration.h"

static void exact_cells(double a, double u, char bufs[][64], const char **cells)
{
	report_fmt_num(bufs[0], 64, a, report_decimals(u));
	report_fmt_num(bufs[1], 64, -log10(u), 2);
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
		cells[0] = model_block_label(mo, b);
		cells[1] = block_kind_name(model_block_kind(mo, b));
		cells[2] = need;
		if (rep->r) {
			struct measures m;

			struct estimate at = result_attribution(rep->r, b);

			report_block_measures(rep, b, &m);
			report_measure_cells(&m, rep->a->block_a[b], rep->a->block_u[b], bufs, cells + 3);
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
			report_measure_cells(&m, rep->a->type_a[k], rep->a->type_u[k], bufs, cells + 4);
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

/* Append the row LABEL, VALUE to T.  Returns 0 or -1 (out of memory). */
static int label_row(struct table *t, const char *label, const char *value)
{
	const char *cells[2] = { label, value };

	return table_row(t, cells);
}

/* The system's exact values, for a report without simulation. */
static int system_exact_rows(struct table *t, const struct report *rep)
{
	double ea = rep->a->block_a[0], eu = rep->a->block_u[0];
	char v[256], x[64];

	if (!isfinite(ea)) {
		snprintf(v, sizeof v, "%s", rep->a->block_method[0]);
		return label_row(t, "availability", v);
	}
	snprintf(v, sizeof v, "%.*f", report_decimals(eu), ea);
	if (label_row(t, "availability", v))
		return -1;
	report_fmt_num(x, sizeof x, -log10(eu), 2);
	if (label_row(t, "nines", x))
		return -1;
	snprintf(v, sizeof v, "%s (%.4g min)", report_fmt_minutes(eu * HOURS_PER_YEAR * 60, x, sizeof x),
		 eu * HOURS_PER_YEAR * 60);
	return label_row(t, "downtime per year", v);
}

/* The simulated system's availability, against its exact value. */
static int system_availability_rows(struct table *t, const struct report *rep,
				    const struct measures *m)
{
	double ea = rep->a->block_a[0];
	int dec = report_row_decimals(m, ea, rep->a->block_u[0]);
	char v[256], x[64];

	report_fmt_ci(x, sizeof x, &m->availability, dec);
	if (m->interval == MEASURES_BOUND)
		snprintf(v, sizeof v, "%.*f (no outage seen): > %.*f at %g%%", dec,
			 m->availability.mean, dec, m->availability.ci_low,
			 rep->r->set.confidence * 100);
	else
		snprintf(v, sizeof v, "%.*f %s", dec, m->availability.mean, x);
	if (label_row(t, "availability", v))
		return -1;
	if (isfinite(ea))
		snprintf(v, sizeof v, "%.*f (%s)", dec, ea,
			 report_within(m, ea) > 0 ? "inside the interval" :
			 report_within(m, ea) == 0 ? "OUTSIDE the interval" :
			 "too few replications saw an outage to compare");
	else
		snprintf(v, sizeof v, "%s", rep->a->block_method[0]);
	return label_row(t, "exact", v);
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

/* The design's writes, when it replicates any (report_writes): its write
 * availability and write downtime with sync replication, its lost writes
 * and the chance of a loss in a year with async. */
static int system_write_rows(struct table *t, const struct report *rep)
{
	int modes = report_replication_modes(rep->m);
	struct replicated_measures x;
	char v[256], a[64], b[64], c[64];
	int dec;

	if (!modes)
		return 0;
	report_writes(rep, &x);
	if (modes & REPORT_SYNC) {
		const struct estimate *wa = &x.write_availability;
		double down = (1 - wa->mean) * HOURS_PER_YEAR * 60;

		dec = report_decimals(1 - wa->mean);
		snprintf(v, sizeof v, "%.*f [%.*f, %.*f]", dec, wa->mean, dec, wa->ci_low, dec,
			 wa->ci_high);
		if (label_row(t, "write availability", v))
			return -1;
		snprintf(v, sizeof v, "%s (%.4g min [%.4g, %.4g])",
			 report_fmt_minutes(down, a, sizeof a), down,
			 (1 - wa->ci_high) * HOURS_PER_YEAR * 60, (1 - wa->ci_low) * HOURS_PER_YEAR * 60);
		if (label_row(t, "write downtime per year", v))
			return -1;
	}
	if (modes & REPORT_ASYNC) {
		snprintf(v, sizeof v, "%.4g [%.4g, %.4g]", x.lost.mean, x.lost.ci_low, x.lost.ci_high);
		if (label_row(t, "lost writes per year", v))
			return -1;
		fmt_pct(a, sizeof a, x.lossy.mean);
		fmt_pct(b, sizeof b, x.lossy.ci_low);
		fmt_pct(c, sizeof c, x.lossy.ci_high);
		if (isfinite(x.lossy.mean))
			snprintf(v, sizeof v, "%s [%s, %s]", a, b, c);
		else
			snprintf(v, sizeof v, "- (needs a horizon of a whole year, plain Monte Carlo)");
		if (label_row(t, "P(loss in a year)", v))
			return -1;
	}
	return 0;
}

/* The simulated system's nines, downtime and outages. */
static int system_outage_rows(struct table *t, const struct result *r, const struct measures *m)
{
	char v[256], x[64], y[64], z[64];

	report_fmt_num(x, sizeof x, m->nines.mean, 2);
	report_fmt_num(y, sizeof y, m->nines.ci_low, 2);
	report_fmt_num(z, sizeof z, m->nines.ci_high, 2);
	if (m->interval == MEASURES_BOUND)
		snprintf(v, sizeof v, "> %s", y);
	else
		snprintf(v, sizeof v, "%s [%s, %s]", x, y, z);
	if (label_row(t, "nines", v))
		return -1;
	if (m->interval == MEASURES_BOUND)
		snprintf(v, sizeof v, "< %s (< %.4g min)",
			 report_fmt_minutes(m->downtime_min_per_year.ci_high, x, sizeof x),
			 m->downtime_min_per_year.ci_high);
	else
		snprintf(v, sizeof v, "%s (%.4g min [%.4g, %.4g])",
			 report_fmt_minutes(m->downtime_min_per_year.mean, x, sizeof x),
			 m->downtime_min_per_year.mean, m->downtime_min_per_year.ci_low,
			 m->downtime_min_per_year.ci_high);
	if (label_row(t, "downtime per year", v))
		return -1;
	snprintf(v, sizeof v, "%.4g [%.4g, %.4g]", m->outages_per_year.mean,
		 m->outages_per_year.ci_low, m->outages_per_year.ci_high);
	if (label_row(t, "outages per year", v))
		return -1;
	if (isfinite(m->mean_outage_min.mean))
		snprintf(v, sizeof v, "%s (%.4g min [%.4g, %.4g])",
			 report_fmt_minutes(m->mean_outage_min.mean, x, sizeof x),
			 m->mean_outage_min.mean, m->mean_outage_min.ci_low, m->mean_outage_min.ci_high);
	else if (m->interval == MEASURES_BOUND)
		snprintf(v, sizeof v, "no outage seen; the bound takes outages to last %s on average"
			 " (the design's longest mean repair or timer)",
			 duration_format(m->assumed_outage_hours, x, sizeof x));
	else
		snprintf(v, sizeof v, "no outage seen");
	if (label_row(t, "mean outage", v))
		return -1;
	if (!r->windows)
		return label_row(t, "outage length", "- (not estimated by this method)");
	if (r->outages.total > 0) {
		snprintf(v, sizeof v, "p50 %s, p90 %s, p99 %s",
			 duration_format(hist_quantile(&r->outages, 0.5), x, sizeof x),
			 duration_format(hist_quantile(&r->outages, 0.9), y, sizeof y),
			 duration_format(hist_quantile(&r->outages, 0.99), z, sizeof z));
		return label_row(t, "outage length", v);
	}
	return 0;
}

/* The system's measures as label / value rows; NULL when out of memory. */
static struct table *report_system_table(const struct report *rep)
{
	struct table *t = table_new(2);
	struct measures m;
	int rc;

	if (!t || label_row(t, "measure", "value"))
		goto oom;
	if (!rep->r) {
		rc = system_exact_rows(t, rep);
	} else {
		report_block_measures(rep, 0, &m);
		rc = system_availability_rows(t, rep, &m) || system_outage_rows(t, rep->r, &m) ||
		     system_write_rows(t, rep);
	}
	if (rc)
		goto oom;
	return t;
oom:
	table_free(t);
	return NULL;
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
		if (!r->windows) {      /* not measured: no figure, not a zero */
			snprintf(p, sizeof p, "-");
			snprintf(ci, sizeof ci, "-");
		}
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

	if (!r->windows) {
		snprintf(buf, size, "not estimated: %s does not measure SLO windows",
			 r->method == RUN_METHOD_IMPORTANCE ? "importance sampling" : "this method");
		return;
	}
	fmt_pct(p, sizeof p, with);
	k = (size_t)snprintf(buf, size, "%zu windows of %s in each replication; %s of them saw downtime",
			     r->nwindows, duration_format(r->set.window, w, sizeof w), p);
	/* a quantile at 1 says nothing: most windows see no downtime at all */
	if (k < size && a1 < 1)
		k += (size_t)snprintf(buf + k, size - k, "; the worst 1%% had availability %.6f or less", a1);
	if (k < size && a01 < 1)
		snprintf(buf + k, size - k, "; the worst 0.1%% had availability %.6f or less", a01);
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
		cells[0] = model_block_label(mo, b);
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

/* A pool's exact share served X as the table shows it ("-": none), with
 * the flag of a value outside the interval SV, which is compared only
 * when enough replications saw the pool down (report_within's rule). */
static void served_exact(char *buf, size_t size, const struct report *rep, size_t b,
			 double x, int dec, const struct estimate *sv)
{
	if (!isfinite(x))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.*f%s", dec, x, report_served_outside(rep, b, sv) ? " !" : "");
}

/* One row per pool: requests served and its exact value, time with
 * reduced capacity; NULL when the design has none. */
static struct table *report_pools_table(const struct report *rep)
{
	const struct model *mo = rep->m;
	const struct result *r = rep->r;
	struct table *t = NULL;
	const char *cells[6] = { "pool", "need", "requests served", "CI", "exact", "reduced capacity" };
	char bufs[5][96];

	for (size_t b = 0; b < model_blocks(mo); b++) {
		struct estimate sv, rc;
		int dec;

		if (model_block_kind(mo, b) != BLOCK_POOL)
			continue;
		if (!t && (!(t = table_new(6)) || table_row(t, cells)))
			goto oom;
		sv = moments_x(&r->pool[b], r->set.confidence);
		rc = moments_y(&r->pool[b], r->set.confidence);
		dec = report_decimals(1 - sv.mean);
		snprintf(bufs[0], 96, "%d/%d", model_block_need(mo, b), model_block_children(mo, b));
		snprintf(bufs[1], 96, "%.*f", dec, sv.mean);
		snprintf(bufs[2], 96, "[%.*f, %.*f]", dec, sv.ci_low, dec, sv.ci_high > 1 ? 1 : sv.ci_high);
		served_exact(bufs[3], 96, rep, b, rep->a->block_served[b], dec, &sv);
		fmt_pct(bufs[4], 96, rc.mean);
		cells[0] = model_block_label(mo, b);
		for (int k = 0; k < 5; k++)
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
