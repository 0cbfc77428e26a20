/* report_measure.c - what every report of a run shares: the measures of
 * each block and component type, whether an exact value lies inside its
 * simulated interval, how many decimals a row needs, and the cells and
 * numbers as the tables print them.  The format writers and the HTML
 * report build on it; it calls none of them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "report/report_measure.h"
#include "util/duration.h"

int report_within(const struct measures *m, double exact)
{
	if (!isfinite(exact))
		return -1;
	if (m->interval == MEASURES_STUDENT && m->down_replications < REPORT_MIN_DOWN)
		return -1;
	return exact >= m->availability.ci_low && exact <= m->availability.ci_high;
}

void report_block_measures(const struct report *rep, size_t b, struct measures *out)
{
	result_measures(rep->r, &rep->r->block[b], out);
}

void report_type_measures(const struct report *rep, size_t t, struct measures *out)
{
	result_measures(rep->r, &rep->r->type[t], out);
}

void report_precision(const struct result *r, struct report_precision *p)
{
	static const char *const stops[] = { "count", "target", "max_replications", "max_time" };
	double rel = r->rel_error, ratio;

	p->method = r->method == RUN_METHOD_IMPORTANCE ? "importance" :
		    r->method == RUN_METHOD_SPLITTING ? "splitting" : "plain";
	p->method_words = r->method == RUN_METHOD_IMPORTANCE ? "importance sampling" :
			  r->method == RUN_METHOD_SPLITTING ? "splitting" : "plain Monte Carlo";
	p->samples_words = r->method == RUN_METHOD_IMPORTANCE ? "regenerative cycles" :
			   "replications";
	p->stop = (unsigned)r->stop < 4 ? stops[r->stop] : "count";
	p->target = r->set.target_error > 0 ? r->set.target_error : REPORT_PROJECT_ERROR;
	p->reached = rel <= p->target;
	p->at_least = 0;
	result_measures(r, &r->block[0], &p->sys);
	/* the error falls as one over the square root of the samples */
	ratio = rel / p->target;
	p->more = !isfinite(rel) ? NAN : p->reached ? 0 : (double)r->samples * (ratio * ratio - 1);
	if (!p->reached && p->sys.interval != MEASURES_STUDENT) {
		/* few outages: an interval from their count is far wider than
		 * the Student-t one more samples will give; count outages */
		double z = gsl_cdf_ugaussian_Pinv((1 + r->set.confidence) / 2);
		double need = 2 * (z / p->target) * (z / p->target);
		double per = p->sys.interval == MEASURES_COUNT ? p->sys.outages :
			     p->sys.outages_per_year.ci_high * r->set.horizon / HOURS_PER_YEAR *
			     (double)r->samples;

		p->at_least = p->sys.interval == MEASURES_BOUND;
		p->more = per > 0 ? (double)r->samples * (need / per - 1) : NAN;
		if (p->more < 1)
			p->more = 1;
	}
	if (p->more > 0) {
		char two[32];

		snprintf(two, sizeof two, "%.2g", ceil(p->more));
		p->more = strtod(two, NULL);
	}
}

const char *report_interval_name(enum measures_interval k)
{
	return k == MEASURES_COUNT ? "outage_count" : k == MEASURES_BOUND ? "upper_bound" :
	       "student_t";
}

/* "4.2%" for a relative error. */
static void fmt_rel(char *buf, size_t n, double x)
{
	if (isfinite(x) && x < 1)
		snprintf(buf, n, "%.2g%%", x * 100);
	else if (isfinite(x))
		snprintf(buf, n, "%.0f%%", x * 100);
	else
		snprintf(buf, n, "-");
}

void report_precision_lines(const struct result *r, char *method, char *precision, size_t size)
{
	struct report_precision p;
	char rel[32], target[32], seen[96], more[96], n[64];
	const struct measures *m = &p.sys;

	report_precision(r, &p);
	snprintf(method, size, "%s%s%s", p.method_words, r->why[0] ? ": " : "", r->why);
	fmt_rel(rel, sizeof rel, r->rel_error);
	fmt_rel(target, sizeof target, p.target);
	if (!isfinite(m->outages))
		seen[0] = '\0';
	else if (m->interval == MEASURES_BOUND)
		snprintf(seen, sizeof seen, ", no system outage seen (an upper bound only)");
	else
		snprintf(seen, sizeof seen, ", %s system outage%s seen%s",
			 report_fmt_money(m->outages, n, sizeof n), m->outages == 1 ? "" : "s",
			 m->interval == MEASURES_COUNT ? " (few: the interval comes from their count)" : "");
	if (p.reached)
		snprintf(more, sizeof more, "reached");
	else if (isfinite(p.more))
		snprintf(more, sizeof more, "%s %s %s more", p.at_least ? "at least" : "about",
			 report_fmt_money(p.more, n, sizeof n), p.samples_words);
	else
		snprintf(more, sizeof more, "not projected until downtime is seen");
	if (r->set.target_error > 0 && r->stop == RUN_STOP_MAX_REPLICATIONS)
		snprintf(precision, size, "target %s: not reached within the cap of %s %s: relative "
			 "error %s%s; %s", target, report_fmt_money((double)r->samples, n, sizeof n),
			 p.samples_words, rel, seen, more);
	else if (r->set.target_error > 0 && r->stop == RUN_STOP_MAX_TIME)
		snprintf(precision, size, "target %s: not reached within the time allowed: relative "
			 "error %s%s; %s", target, rel, seen, more);
	else if (r->set.target_error > 0)
		snprintf(precision, size, "target %s: %s: relative error %s%s", target,
			 p.reached ? "reached" : "not reached", rel, seen);
	else
		snprintf(precision, size, "relative error %s%s; to %s: %s", rel, seen, target, more);
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

void report_fmt_ci(char *buf, size_t n, const struct estimate *e, int dec)
{
	if (isfinite(e->ci_low) && isfinite(e->ci_high))
		snprintf(buf, n, "[%.*f, %.*f]", dec, e->ci_low, dec, e->ci_high);
	else
		snprintf(buf, n, "-");
}

void report_fmt_num(char *buf, size_t n, double x, int dec)
{
	if (isfinite(x))
		snprintf(buf, n, "%.*f", dec, x);
	else if (x > 0)
		snprintf(buf, n, "inf");
	else
		snprintf(buf, n, "-");
}

int report_row_decimals(const struct measures *m, double ea, double eu)
{
	int dec = report_decimals(m->unavailability.mean > 0 ? m->unavailability.mean : eu);

	/* an upper bound shows its own digits: 1 - U_high must not round to 1 */
	if (m->interval == MEASURES_BOUND && report_decimals(m->unavailability.ci_high) > dec)
		dec = report_decimals(m->unavailability.ci_high);

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

void report_measure_cells(const struct measures *m, double ea, double eu,
			  char bufs[][64], const char **cells)
{
	int dec = report_row_decimals(m, ea, eu);

	report_fmt_num(bufs[0], 64, m->availability.mean, dec);
	if (m->interval == MEASURES_BOUND)
		snprintf(bufs[1], 64, "never down, > %.*f", dec, m->availability.ci_low);
	else if (m->down_replications > 0)
		report_fmt_ci(bufs[1], 64, &m->availability, dec);
	else
		snprintf(bufs[1], 64, "never down");
	/* row_decimals may have widened: keep the cell within its buffer */
	report_fmt_num(bufs[2], 64, ea, dec);
	if (report_within(m, ea) == 0)
		strcat(bufs[2], " !");
	report_fmt_num(bufs[3], 64, m->nines.mean, 2);
	report_fmt_minutes(m->downtime_min_per_year.mean, bufs[4], 64);
	if (m->interval == MEASURES_BOUND) {
		char x[48];

		snprintf(bufs[3], 64, "> %.2f", m->nines.ci_low);
		snprintf(bufs[4], 64, "< %s", report_fmt_minutes(m->downtime_min_per_year.ci_high,
								x, sizeof x));
	}
	report_fmt_num(bufs[5], 64, m->outages_per_year.mean, 3);
	if (isfinite(m->mean_outage_min.mean))
		report_fmt_minutes(m->mean_outage_min.mean, bufs[6], 64);
	else
		snprintf(bufs[6], 64, "-");
	for (int i = 0; i < 7; i++)
		cells[i] = bufs[i];
}

static const struct estimate none = { NAN, NAN, NAN, NAN };

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
	x->lossy = r->lossy[b].n > 0 ? clipped(moments_x(&r->lossy[b], conf)) : none;
	x->write_availability = stats_complement(clipped(wd));
}

int report_replication_modes(const struct model *m)
{
	int modes = 0;

	for (size_t b = 0; b < model_blocks(m); b++) {
		if (!block_kind_leads(model_block_kind(m, b)))
			continue;
		switch (model_block_params(m, b)->replication) {
		case REPLICATION_SYNC:
			modes |= REPORT_SYNC;
			break;
		case REPLICATION_ASYNC:
			modes |= REPORT_ASYNC;
			break;
		default:
			break;
		}
	}
	return modes;
}

void report_writes(const struct report *rep, struct replicated_measures *x)
{
	const struct result *r = rep->r;
	double conf = r->set.confidence;

	x->switches = x->failed = none;
	x->lost = clipped(moments_y(&r->design[0], conf));
	x->lossy = r->design[1].n > 0 ? clipped(moments_x(&r->design[1], conf)) : none;
	x->write_availability = stats_complement(clipped(moments_x(&r->design[0], conf)));
}

void report_writes_cells(const struct replicated_measures *x, char *wa, char *lost, size_t n)
{
	snprintf(wa, n, "%.*f", report_decimals(1 - x->write_availability.mean),
		 x->write_availability.mean);
	snprintf(lost, n, "%.4g", x->lost.mean);
}

int report_served_outside(const struct report *rep, size_t b, const struct estimate *sv)
{
	struct measures m;
	double x = rep->a->block_served[b];

	report_block_measures(rep, b, &m);
	return isfinite(x) && m.down_replications >= REPORT_MIN_DOWN &&
	       (x < sv->ci_low || x > sv->ci_high);
}

int report_any_outside(const struct report *rep)
{
	struct measures m;

	for (size_t b = 0; b < model_blocks(rep->m); b++) {
		report_block_measures(rep, b, &m);
		if (report_within(&m, rep->a->block_a[b]) == 0)
			return 1;
		if (model_block_kind(rep->m, b) == BLOCK_POOL) {
			struct estimate sv = moments_x(&rep->r->pool[b], rep->r->set.confidence);

			if (report_served_outside(rep, b, &sv))
				return 1;
		}
	}
	for (size_t t = 0; t < model_types(rep->m); t++) {
		if (model_type_instances(rep->m, t) == 0)
			continue;
		report_type_measures(rep, t, &m);
		if (report_within(&m, rep->a->type_a[t]) == 0)
			return 1;
	}
	return 0;
}

char *report_exact_note(const struct report *rep, char *buf, size_t size)
{
	const char *sys = rep->a->block_method[0], *types = rep->a->method;

	if (!sys || strcmp(sys, types) == 0)
		snprintf(buf, size, "%s", types);
	else
		snprintf(buf, size, "the system: %s; components: %s", sys, types);
	return buf;
}

const char *report_samples(const struct result *r, char *buf, size_t n)
{
	char h[64];

	if (r->method == RUN_METHOD_IMPORTANCE)
		snprintf(buf, n, "%s regenerative cycles from everything up",
			 report_fmt_money((double)r->samples, h, sizeof h));
	else
		snprintf(buf, n, "%ld replications of %s", r->set.replications,
			 duration_format(r->set.horizon, h, sizeof h));
	return buf;
}
