/* report_json.c - the JSON report, the stable machine contract: keys in a
 * fixed order, numbers with %.17g so that they read back to the same
 * double, null for what is not a finite number.  Later versions add keys;
 * they never rename or remove one. */
#include <math.h>
#include <stdio.h>

#include "config.h"
#include "report/report_formats.h"
#include "report/report_warn.h"
#include "util/duration.h"
#include "util/utf8.h"

void report_json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		unsigned char c = *p;
		size_t n = utf8_decode((const char *)p, (size_t)-1, NULL);

		if (n == 0) {
			/* not UTF-8 (a Latin-1 file name, say): keep the JSON valid */
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fwrite(p, 1, n, f);
		p += n;
	}
	fputc('"', f);
}

void report_json_num(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, "%.17g", x);
	else
		fputs("null", f);
}

void report_json_est(FILE *f, const char *key, const struct estimate *e)
{
	fprintf(f, "\"%s\": {\"mean\": ", key);
	report_json_num(f, e->mean);
	fputs(", \"ci_low\": ", f);
	report_json_num(f, e->ci_low);
	fputs(", \"ci_high\": ", f);
	report_json_num(f, e->ci_high);
	fputs(", \"stderr\": ", f);
	report_json_num(f, e->stderr_);
	fputc('}', f);
}

static void measures(FILE *f, const struct measures *m, const char *ind)
{
	fprintf(f, "%s", ind);
	report_json_est(f, "availability", &m->availability);
	fprintf(f, ",\n%s", ind);
	report_json_est(f, "unavailability", &m->unavailability);
	fprintf(f, ",\n%s", ind);
	report_json_est(f, "nines", &m->nines);
	fprintf(f, ",\n%s", ind);
	report_json_est(f, "downtime_minutes_per_year", &m->downtime_min_per_year);
	fprintf(f, ",\n%s", ind);
	report_json_est(f, "outages_per_year", &m->outages_per_year);
	fprintf(f, ",\n%s", ind);
	report_json_est(f, "mean_outage_minutes", &m->mean_outage_min);
	fputs(",\n", f);
}

/* What a quorum or failover block adds: switches (elections), and what
 * its replication loses or blocks. */
static void replicated(FILE *f, const struct report *rep, size_t b)
{
	const struct result *r = rep->r;
	const struct block_params *p = model_block_params(rep->m, b);
	struct replicated_measures x;

	if (model_block_kind(rep->m, b) == BLOCK_POOL) {
		struct estimate sv = moments_x(&r->pool[b], r->set.confidence);
		struct estimate rc = moments_y(&r->pool[b], r->set.confidence);

		fputs("     ", f);
		report_json_est(f, "requests_served", &sv);
		fputs(", \"requests_served_analytic\": ", f);
		report_json_num(f, rep->a->block_served[b]);
		fputs(", ", f);
		report_json_est(f, "reduced_capacity_fraction", &rc);
		fputs(",\n", f);
		return;
	}
	if (!block_kind_leads(model_block_kind(rep->m, b)))
		return;
	report_replicated(rep, b, &x);
	fputs("     ", f);
	report_json_est(f, model_block_kind(rep->m, b) == BLOCK_QUORUM ?
			"elections_per_year" : "switches_per_year", &x.switches);
	fputs(", ", f);
	report_json_est(f, model_block_kind(rep->m, b) == BLOCK_QUORUM ?
			"elections_started_per_year" : "failed_switches_per_year", &x.failed);
	fputs(",\n     \"replication\": {\"mode\": ", f);
	report_json_str(f, p->replication == REPLICATION_ASYNC ? "async" :
			p->replication == REPLICATION_SYNC ? "sync" : "none");
	if (p->replication == REPLICATION_ASYNC) {
		fputs(", \"lag_hours\": ", f);
		report_json_num(f, p->lag);
		fputs(", \"writes_per_second\": ", f);
		report_json_num(f, p->writes_per_second);
		fputs(", ", f);
		report_json_est(f, "lost_writes_per_year", &x.lost);
		fputs(", ", f);
		report_json_est(f, "loss_in_a_year_probability", &x.lossy);
	} else if (p->replication == REPLICATION_SYNC) {
		fputs(", ", f);
		report_json_est(f, "write_availability", &x.write_availability);
	}
	fputs("},\n", f);
}

/* Whether any type has planned maintenance. */
static int has_maintenance(const struct model *mo)
{
	for (size_t t = 0; t < model_types(mo); t++)
		if (model_type_maint_every(mo, t) > 0)
			return 1;
	return 0;
}

/* Whether repairs can wait for a crew. */
static int crews_limited(const struct model *mo)
{
	if (model_crews(mo) > 0)
		return 1;
	for (size_t t = 0; t < model_types(mo); t++)
		if (model_type_crews(mo, t) > 0)
			return 1;
	return 0;
}

/* "analytic": {...}; M is NULL for nines analyze, which has no interval. */
static void analytic(FILE *f, const char *method, double a, double u,
		     const struct measures *m, const char *ind)
{
	fprintf(f, "%s\"analytic\": {\"availability\": ", ind);
	report_json_num(f, a);
	fputs(", \"unavailability\": ", f);
	report_json_num(f, u);
	fputs(", \"nines\": ", f);
	report_json_num(f, -log10(u));
	fputs(", \"downtime_minutes_per_year\": ", f);
	report_json_num(f, u * 8760 * 60);
	fputs(", \"method\": ", f);
	report_json_str(f, method);
	if (m)
		fprintf(f, ", \"within_ci\": %s", report_within(m, a) > 0 ? "true" :
			report_within(m, a) == 0 ? "false" : "null");
	fputc('}', f);
}

/* "outage_minutes_cdf": [[minutes, fraction of outages no longer], ...],
 * one point per histogram bin that holds outages (at the bin's longest). */
static void outage_cdf(FILE *f, const struct hist *h, const char *ind)
{
	uint64_t seen = 0;
	int first = 1;

	fprintf(f, "%s\"outage_minutes_cdf\": [", ind);
	for (int i = 0; i < HIST_BINS; i++) {
		if (!h->count[i])
			continue;
		seen += h->count[i];
		fputs(first ? "[" : ", [", f);
		first = 0;
		report_json_num(f, h->max[i] * 60);
		fputs(", ", f);
		report_json_num(f, (double)seen / (double)h->total);
		fputc(']', f);
	}
	fputs("],\n", f);
}

/* "slo" and "timeline": the window measures; empty when the horizon holds
 * no whole window, null when the method did not measure them. */
static void slo(FILE *f, const struct result *r)
{
	const struct hist *h = &r->window_down;

	if (!r->windows) {      /* not estimated by the method */
		fputs("  \"slo\": null,\n  \"timeline\": null,\n", f);
		return;
	}
	fputs("  \"slo\": {\"window_hours\": ", f);
	report_json_num(f, r->set.window);
	fprintf(f, ", \"windows_per_replication\": %zu", r->nwindows);
	fputs(", \"fraction_with_downtime\": ", f);
	report_json_num(f, h->total ? 1 - (double)h->count[0] / (double)h->total : NAN);
	fputs(",\n    \"window_availability_percentiles\": {\"p1\": ", f);
	report_json_num(f, 1 - hist_quantile(h, 0.99));
	fputs(", \"p10\": ", f);
	report_json_num(f, 1 - hist_quantile(h, 0.9));
	fputs(", \"p50\": ", f);
	report_json_num(f, 1 - hist_quantile(h, 0.5));
	fputs("},\n    \"targets\": [", f);
	for (size_t s = 0; s < r->set.nslo && r->nwindows > 0; s++) {
		struct estimate e = stats_clip(moments_x(&r->slo[s], r->set.confidence), 0, INFINITY);

		fputs(s ? ",\n      {\"target\": " : "\n      {\"target\": ", f);
		report_json_num(f, r->set.slo[s]);
		fputs(", ", f);
		report_json_est(f, "breach_probability", &e);
		fputc('}', f);
	}
	fputs("]},\n  \"timeline\": {\"window_hours\": ", f);
	report_json_num(f, r->set.window * (double)r->timeline_group);
	fputs(", \"availability\": [", f);
	for (size_t k = 0; k < r->ntimeline; k++) {
		struct measures m;

		result_measures(r, &r->timeline[k], &m);
		fputs(k ? ",\n    {\"start_hours\": " : "\n    {\"start_hours\": ", f);
		report_json_num(f, r->set.warmup + (double)(k * r->timeline_group) * r->set.window);
		fputs(", \"mean\": ", f);
		report_json_num(f, m.availability.mean);
		fputs(", \"ci_low\": ", f);
		report_json_num(f, m.availability.ci_low);
		fputs(", \"ci_high\": ", f);
		report_json_num(f, m.availability.ci_high);
		fputc('}', f);
	}
	fputs("]},\n", f);
}

int report_json(FILE *f, const struct report *rep)
{
	fputs("{\n  \"nines_version\": ", f);
	report_json_str(f, PACKAGE_VERSION);
	fputs(",\n", f);
	report_warnings_json(f, rep->warn);
	return report_json_design(f, rep);
}

/* "writes": the design's writes (report_writes), whatever replication it
 * has: with no sync block writes are possible whenever the system is up,
 * and with no async block none is lost. */
static void json_writes(FILE *f, const struct report *rep, const char *ind)
{
	struct replicated_measures x;
	struct estimate down;

	report_writes(rep, &x);
	down = stats_scale(stats_complement(x.write_availability), HOURS_PER_YEAR * 60);
	fprintf(f, "%s\"writes\": {", ind);
	report_json_est(f, "write_availability", &x.write_availability);
	fputs(", ", f);
	report_json_est(f, "write_downtime_minutes_per_year", &down);
	fprintf(f, ",\n%s  ", ind);
	report_json_est(f, "lost_writes_per_year", &x.lost);
	fputs(", ", f);
	report_json_est(f, "loss_in_a_year_probability", &x.lossy);
	fputs("},\n", f);
}

void report_json_system(FILE *f, const struct report *rep, int indent)
{
	const struct result *r = rep->r;
	struct measures m;
	char ind[64];

	snprintf(ind, sizeof ind, "%*s", indent, "");
	fprintf(f, "{\n%s\"name\": ", ind);
	report_json_str(f, model_block_name(rep->m, 0));
	fputs(",\n", f);
	if (r && !r->windows) {
		/* not estimated by the method: null, never a zero */
		report_block_measures(rep, 0, &m);
		measures(f, &m, ind);
		fprintf(f, "%s\"outage_minutes_percentiles\": null,\n", ind);
		fprintf(f, "%s\"outage_minutes_cdf\": null,\n", ind);
	} else if (r) {
		report_block_measures(rep, 0, &m);
		measures(f, &m, ind);
		fprintf(f, "%s\"outage_minutes_percentiles\": {\"p50\": ", ind);
		report_json_num(f, hist_quantile(&r->outages, 0.5) * 60);
		fputs(", \"p90\": ", f);
		report_json_num(f, hist_quantile(&r->outages, 0.9) * 60);
		fputs(", \"p99\": ", f);
		report_json_num(f, hist_quantile(&r->outages, 0.99) * 60);
		fputs("},\n", f);
		outage_cdf(f, &r->outages, ind);
	}
	if (r)
		json_writes(f, rep, ind);
	analytic(f, rep->a->block_method[0], rep->a->block_a[0], rep->a->block_u[0], r ? &m : NULL, ind);
	fprintf(f, "\n%.*s}", indent >= 2 ? indent - 2 : 0, ind);
}

/* The members of "simulation" that say how the run was obtained and how
 * precise it is (report_precision), after its settings. */
static void json_precision(FILE *f, const struct result *r)
{
	struct report_precision p;

	report_precision(r, &p);
	fputs(" \"method\": ", f);
	report_json_str(f, p.method);
	fputs(", \"why\": ", f);
	report_json_str(f, r->why);
	fprintf(f, ", \"samples\": %ld, \"stop\": ", r->samples);
	report_json_str(f, p.stop);
	fputs(",\n    \"relative_error\": ", f);
	report_json_num(f, r->rel_error);
	fputs(", \"target_error\": ", f);
	report_json_num(f, r->set.target_error > 0 ? r->set.target_error : NAN);
	fprintf(f, ", \"target_reached\": %s",
		r->set.target_error > 0 ? (p.reached ? "true" : "false") : "null");
	fputs(", \"outages_seen\": ", f);
	report_json_num(f, p.sys.outages);
	fputs(",\n    \"system_interval\": ", f);
	report_json_str(f, report_interval_name(p.sys.interval));
	fputs(", \"assumed_outage_hours\": ", f);
	report_json_num(f, p.sys.assumed_outage_hours);
	fputs(", \"projection\": {\"relative_error\": ", f);
	report_json_num(f, p.target);
	fputs(", \"more_samples\": ", f);
	report_json_num(f, p.more);
	fprintf(f, ", \"at_least\": %s}", p.at_least ? "true" : "false");
}

/* "topology" and, for a simulation, "simulation": what was run. */
static void json_head(FILE *f, const struct report *rep)
{
	const struct result *r = rep->r;

	fputs("  \"topology\": {\"name\": ", f);
	report_json_str(f, rep->t->name);
	fputs(", \"file\": ", f);
	report_json_str(f, rep->t->file);
	fputs(", \"description\": ", f);
	report_json_str(f, rep->t->description);
	fputs(", \"cost_per_year\": ", f);
	report_json_num(f, model_cost(rep->m));
	fputs("},\n", f);
	if (r) {
		fputs("  \"simulation\": {\"horizon_hours\": ", f);
		report_json_num(f, r->set.horizon);
		fprintf(f, ", \"replications\": %ld, \"seed\": %llu, \"confidence\": ",
			r->set.replications, (unsigned long long)r->set.seed);
		report_json_num(f, r->set.confidence);
		fputs(", \"warmup_hours\": ", f);
		report_json_num(f, r->set.warmup);
		fprintf(f, ", \"events\": %llu,\n   ", (unsigned long long)r->events);
		json_precision(f, r);
		fputs("},\n", f);
	}
}

/* "blocks": [...], each with its measures when simulated. */
static void json_blocks(FILE *f, const struct report *rep)
{
	const struct model *mo = rep->m;
	const struct result *r = rep->r;
	struct measures m;

	fputs("  \"blocks\": [", f);
	for (size_t b = 0; b < model_blocks(mo); b++) {
		fputs(b ? ",\n    {" : "\n    {", f);
		fputs("\"path\": ", f);
		report_json_str(f, model_block_path(mo, b));
		fputs(", \"name\": ", f);
		report_json_str(f, model_block_name(mo, b));
		if (model_block_model(mo, b)) {
			fputs(", \"model\": ", f);
			report_json_str(f, model_block_model(mo, b));
		}
		fputs(", \"type\": ", f);
		report_json_str(f, block_kind_name(model_block_kind(mo, b)));
		fprintf(f, ", \"need\": %d, \"children\": %d,\n",
			model_block_need(mo, b), model_block_children(mo, b));
		if (r) {
			struct estimate at = result_attribution(r, b);

			report_block_measures(rep, b, &m);
			measures(f, &m, "     ");
			fputs("     ", f);
			report_json_est(f, "share_of_system_downtime", &at);
			fputs(",\n", f);
			replicated(f, rep, b);
		}
		analytic(f, rep->a->block_method[b], rep->a->block_a[b], rep->a->block_u[b], r ? &m : NULL, "     ");
		fputc('}', f);
	}
	fputs("\n  ],\n", f);
}

/* "components": [...], the types that have instances. */
static void json_components(FILE *f, const struct report *rep)
{
	const struct model *mo = rep->m;
	struct measures m;
	int first = 1;

	fputs("  \"components\": [", f);
	for (size_t t = 0; t < model_types(mo); t++) {
		if (model_type_instances(mo, t) == 0)
			continue;
		fputs(first ? "\n    {" : ",\n    {", f);
		first = 0;
		fputs("\"name\": ", f);
		report_json_str(f, model_type_name(mo, t));
		fprintf(f, ", \"instances\": %zu,\n", model_type_instances(mo, t));
		fputs("     \"mtbf_hours\": ", f);
		report_json_num(f, model_type_failure(mo, t)->mean);
		fputs(", \"mttr_hours\": ", f);
		report_json_num(f, model_type_repair(mo, t)->mean);
		fputs(", \"failure\": ", f);
		report_json_str(f, dist_kind_name(model_type_failure(mo, t)->kind));
		fputs(", \"repair\": ", f);
		report_json_str(f, dist_kind_name(model_type_repair(mo, t)->kind));
		fputs(", \"cost_per_year\": ", f);
		report_json_num(f, model_type_cost(mo, t));
		fputs(",\n", f);
		if (rep->r) {
			report_type_measures(rep, t, &m);
			measures(f, &m, "     ");
		}
		analytic(f, rep->a->method, rep->a->type_a[t], rep->a->type_u[t], rep->r ? &m : NULL, "     ");
		fputc('}', f);
	}
	fputs("\n  ]", f);
}

/* ",\n  "repair_crews"" and ",\n  "maintenance"" of a simulation, when the
 * design has them. */
static void json_crews_maintenance(FILE *f, const struct model *mo, const struct result *r)
{
	if (crews_limited(mo)) {
		struct estimate wait = stats_clip(moments_ratio(r->crew, HOURS_PER_YEAR * 60,
							       r->set.confidence), 0, INFINITY);

		fprintf(f, ",\n  \"repair_crews\": {\"shared\": %d, \"policy\": ", model_crews(mo));
		report_json_str(f, model_crew_policy(mo) == CREWS_PRIORITY ? "priority" : "fifo");
		fputs(", ", f);
		report_json_est(f, "mean_repair_wait_minutes", &wait);
		fputc('}', f);
	}
	if (has_maintenance(mo)) {
		struct estimate pd = stats_scale(stats_clip(moments_x(r->planned, r->set.confidence),
						    0, INFINITY), HOURS_PER_YEAR * 60);

		fputs(",\n  \"maintenance\": {", f);
		report_json_est(f, "planned_downtime_minutes_per_year", &pd);
		fputc('}', f);
	}
}

/* ",\n  "common_cause": [...]" when the design has such groups. */
static void json_common_cause(FILE *f, const struct model *mo, const struct result *r)
{
	if (model_ccf(mo) == 0)
		return;
	fputs(",\n  \"common_cause\": [", f);
	for (size_t g = 0; g < model_ccf(mo); g++) {
		fputs(g ? ",\n    {\"members\": " : "\n    {\"members\": ", f);
		report_json_str(f, model_type_name(mo, model_ccf_type(mo, g)));
		fputs(", \"beta\": ", f);
		report_json_num(f, model_ccf_beta(mo, g));
		if (r) {
			struct estimate sh = stats_clip(moments_y(&r->ccf[g], r->set.confidence),
							0, INFINITY);

			fputs(", ", f);
			report_json_est(f, "shocks_per_year", &sh);
		}
		fputc('}', f);
	}
	fputs("\n  ]", f);
}

/* ",\n  "zones": [...]" when the design has zones. */
static void json_zones(FILE *f, const struct model *mo, const struct result *r)
{
	if (model_zones(mo) == 0)
		return;
	fputs(",\n  \"zones\": [", f);
	for (size_t z = 0; z < model_zones(mo); z++) {
		double up = model_zone_failure(mo, z)->mean, down = model_zone_repair(mo, z)->mean;

		fputs(z ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
		report_json_str(f, model_zone_name(mo, z));
		fputs(", \"mtbf_hours\": ", f);
		report_json_num(f, up);
		fputs(", \"mttr_hours\": ", f);
		report_json_num(f, down);
		fputs(", \"availability\": ", f);
		report_json_num(f, 1 / (1 + down / up));
		if (r) {
			struct estimate o = stats_clip(moments_y(&r->zone[z], r->set.confidence),
						       0, INFINITY);

			fputs(", ", f);
			report_json_est(f, "outages_per_year", &o);
		}
		fputc('}', f);
	}
	fputs("\n  ]", f);
}

int report_json_design(FILE *f, const struct report *rep)
{
	json_head(f, rep);
	fputs("  \"system\": ", f);
	report_json_system(f, rep, 4);
	fputs(",\n", f);
	if (rep->r)
		slo(f, rep->r);
	json_blocks(f, rep);
	json_components(f, rep);
	if (rep->r)
		json_crews_maintenance(f, rep->m, rep->r);
	json_common_cause(f, rep->m, rep->r);
	json_zones(f, rep->m, rep->r);
	fputs("\n}\n", f);
	return ferror(f) ? -1 : 0;
}
