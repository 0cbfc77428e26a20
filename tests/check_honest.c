/* check_honest.c - intervals that hold their level when outages are few
 * (result_measures' count rule), the exact value compared with them, and
 * the reports of a run whose method measured no windows or kept no
 * per-replication values.
 *
 * The model is the issue's: a 1-of-2 pair of units (MTBF 10,000 h, MTTR
 * 4 h, exponential) with one repair crew, U = 2 rho^2 / (1 + 2 rho +
 * 2 rho^2) = 3.2e-7 for rho = 4e-4, solved exactly by the chain.  300
 * replications of 10 years see about 2 outages.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "engine/run.h"
#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "report/compare.h"
#include "report/html_report.h"
#include "report/report.h"
#include "suites.h"
#include "util/duration.h"

#define PAIR "{ \"components\": { \"u\": { \"mtbf\": 10000, \"mttr\": 4 } }," \
	" \"repair_crews\": { \"count\": 1 }," \
	" \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } }"

struct design_run {
	struct topology *t;
	struct model *m;
	struct analytic a;
};

static void design_open(struct design_run *d, const char *text)
{
	struct diag dg;

	diag_init(&dg);
	/* "-": the HTML report then hashes no file */
	d->t = topology_parse(text, strlen(text), "-", NULL, &dg);
	ck_assert_msg(d->t != NULL, "%s", diag_text(&dg));
	d->m = model_compile(d->t, &dg);
	ck_assert_ptr_nonnull(d->m);
	ck_assert_int_eq(analytic_init(&d->a, d->m, &dg), 0);
}

static void design_close(struct design_run *d)
{
	analytic_release(&d->a);
	model_free(d->m);
	topology_free(d->t);
}

/* N replications of YEARS years with SEED, keeping per-replication values. */
static struct result *design_run(const struct design_run *d, long n, double years, uint64_t seed)
{
	struct run_options opt;
	struct diag dg;
	struct result *r;

	diag_init(&dg);
	memset(&opt, 0, sizeof opt);
	run_settings_defaults(&opt.set);
	opt.set.horizon = years * HOURS_PER_YEAR;
	opt.set.replications = n;
	opt.set.seed = seed;
	opt.set.confidence = 0.95;
	opt.set.method = RUN_METHOD_PLAIN;
	opt.threads = 2;
	opt.keep = 1;
	r = run_model(d->m, &opt, &dg);
	ck_assert_msg(r != NULL, "%s", diag_text(&dg));
	return r;
}

/* Coverage over 400 fixed seeds of 300 replications x 10 years (about 2
 * outages each, none in about one run of ten).  Measured with this code:
 * the count interval holds the exact U in 400 of these 400 runs; the
 * Student-t interval of the same runs in 280 (70%, and of zero width
 * whenever no outage was seen).  Over seeds 1-1000: 998 (99.8%) against
 * 703; with 1,000 and 3,000 replications a run (about 7 and 20 outages),
 * 99.7% and 99.5% against 84.4% and 91.3%.  The count interval is
 * conservative by construction (Garwood's interval, the level split
 * between the rate and the mean length, both ends taken together); 95%
 * is what it must hold, and the measured coverage supports asserting
 * it. */
START_TEST(coverage_few_outages)
{
	struct design_run d;
	int runs = 400, inside = 0, student = 0, few = 0;
	double u;

	design_open(&d, PAIR);
	u = d.a.block_u[0];
	ck_assert(fabs(u - 3.2e-7) < 0.01e-7);
	for (int s = 1; s <= runs; s++) {
		struct result *r = design_run(&d, 300, 10, (uint64_t)s);
		struct measures m;
		struct estimate t = moments_x(&r->block[0], 0.95);

		result_measures(r, &r->block[0], &m);
		few += m.interval != MEASURES_STUDENT;
		inside += u >= m.unavailability.ci_low && u <= m.unavailability.ci_high;
		student += u >= t.ci_low && u <= t.ci_high;
		result_free(r);
	}
	ck_assert_int_eq(few, runs);
	ck_assert_msg(inside >= 0.95 * runs, "count interval held U in %d of %d", inside, runs);
	/* the old interval misses: the test can tell the two apart */
	ck_assert_msg(student < 0.9 * runs, "Student t held U in %d of %d", student, runs);
	design_close(&d);
}
END_TEST

/* No outage seen: an upper bound, Garwood's 3.689 outages (chi2(0.975; 2)
 * / 2) over the 300 years observed, times the 4 h the bound takes; the
 * exact value is compared with it, both ways. */
START_TEST(zero_outages_bound)
{
	struct design_run d;
	struct result *r;
	struct measures m;
	double bound = -log(0.025) / 300 * 4 / HOURS_PER_YEAR;

	design_open(&d, PAIR);
	r = design_run(&d, 30, 10, 1);
	result_measures(r, &r->block[0], &m);
	ck_assert_double_eq(m.outages, 0);
	ck_assert_int_eq(m.interval, MEASURES_BOUND);
	ck_assert_double_eq(m.assumed_outage_hours, 4);
	ck_assert_double_eq(m.unavailability.mean, 0);
	ck_assert_double_eq(m.unavailability.ci_low, 0);
	ck_assert_msg(fabs(m.unavailability.ci_high / bound - 1) < 1e-9, "bound %g, want %g",
		      m.unavailability.ci_high, bound);
	ck_assert(m.availability.ci_low < 1 && m.availability.ci_high == 1);
	ck_assert(isfinite(m.nines.ci_low) && m.nines.ci_low > 5 && m.nines.ci_low < 5.5);
	ck_assert_double_eq_tol(m.outages_per_year.ci_high, -log(0.025) / 300, 1e-12);
	/* never down, yet compared: inside, and a value past the bound is not */
	ck_assert_double_eq(m.down_replications, 0);
	ck_assert_int_eq(report_within(&m, d.a.block_a[0]), 1);
	ck_assert_int_eq(report_within(&m, 1 - 2 * bound), 0);
	ck_assert_int_eq(report_within(&m, 1), 1);
	result_free(r);
	design_close(&d);
}
END_TEST

/* A few outages: the interval from the count is compared with the exact
 * value even though fewer than REPORT_MIN_DOWN replications were down. */
START_TEST(few_outages_compared)
{
	struct design_run d;
	struct result *r;
	struct measures m;

	design_open(&d, PAIR);
	r = design_run(&d, 300, 10, 3);
	result_measures(r, &r->block[0], &m);
	ck_assert_double_eq(m.outages, 3);
	ck_assert_int_eq(m.interval, MEASURES_COUNT);
	ck_assert(m.down_replications < REPORT_MIN_DOWN);
	ck_assert(m.unavailability.ci_low > 0 && m.unavailability.ci_low < m.unavailability.mean);
	ck_assert(m.unavailability.ci_high > m.unavailability.mean);
	ck_assert(m.mean_outage_min.ci_low < m.mean_outage_min.mean &&
		  m.mean_outage_min.ci_high > m.mean_outage_min.mean);
	ck_assert_int_eq(report_within(&m, d.a.block_a[0]), 1);
	ck_assert_int_eq(report_within(&m, 1 - 2 * m.unavailability.ci_high), 0);
	/* the relative error the run reports is this interval's */
	ck_assert_double_eq_tol(r->rel_error, (m.unavailability.ci_high - m.unavailability.ci_low) /
				2 / m.unavailability.mean, 1e-12);
	result_free(r);
	design_close(&d);
}
END_TEST

/* With 30 outages or more the interval is Student t, as before. */
START_TEST(plenty_is_student)
{
	struct design_run d;
	struct result *r;
	struct measures m;
	struct estimate t;

	design_open(&d, "{ \"components\": { \"u\": { \"mtbf\": 1000, \"mttr\": 10 } },"
		     " \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } }");
	r = design_run(&d, 200, 10, 5);
	result_measures(r, &r->block[0], &m);
	t = moments_x(&r->block[0], 0.95);
	ck_assert(m.outages >= RESULT_FEW_OUTAGES);
	ck_assert_int_eq(m.interval, MEASURES_STUDENT);
	ck_assert_double_eq(m.unavailability.ci_low, t.ci_low < 0 ? 0 : t.ci_low);
	ck_assert_double_eq(m.unavailability.ci_high, t.ci_high);
	result_free(r);
	design_close(&d);
}
END_TEST

/* REP written in FMT, in a buffer the caller frees. */
static char *written(const struct report *rep, enum report_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_write(f, fmt, rep), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

/* R as importance sampling leaves a result: no windows, no outage
 * lengths, no per-replication values. */
static void as_importance(struct result *r)
{
	r->windows = 0;
	r->method = RUN_METHOD_IMPORTANCE;
	snprintf(r->why, sizeof r->why, "the pilot saw the system down rarely");
	for (int k = 0; k < RESULT_KEPT; k++) {
		free(r->kept[k]);
		r->kept[k] = NULL;
	}
}

#define HAS(text, s) ck_assert_msg(strstr((text), (s)) != NULL, "no \"%s\" in:\n%s", (s), (text))

/* The reports of a result as importance sampling leaves it, built by
 * hand from a plain run. */
START_TEST(not_estimated_reports)
{
	struct design_run d;
	struct result *r;
	struct report rep;
	char *text;

	design_open(&d, PAIR);
	r = design_run(&d, 100, 10, 2);
	as_importance(r);
	rep = (struct report){ d.t, d.m, &d.a, r, NULL };
	text = written(&rep, REPORT_TEXT);
	HAS(text, "method: importance sampling: the pilot saw the system down rarely\n");
	HAS(text, "outage length      - (not estimated by this method)\n");
	HAS(text, "SLO windows: not estimated: importance sampling does not measure SLO windows\n");
	HAS(text, "  99.9%                 -   -\n");
	free(text);
	text = written(&rep, REPORT_JSON);
	HAS(text, "\"method\": \"importance\", \"why\": \"the pilot saw the system down rarely\"");
	HAS(text, "\"outage_minutes_percentiles\": null,\n");
	HAS(text, "\"outage_minutes_cdf\": null,\n");
	HAS(text, "\"slo\": null,\n  \"timeline\": null,\n");
	HAS(text, "\"outages_seen\": null");
	free(text);
	text = written(&rep, REPORT_MD);
	HAS(text, "Method: importance sampling: the pilot saw the system down rarely.");
	HAS(text, "not estimated: importance sampling does not measure SLO windows.");
	free(text);
	text = written(&rep, REPORT_CSV);
	HAS(text, ",importance,the pilot saw the system down rarely,");
	free(text);
	result_free(r);
	design_close(&d);
}
END_TEST

/* The HTML report of such a result: the method in the header, a sentence
 * for the SLO windows, and the independent difference. */
START_TEST(not_estimated_html)
{
	struct design_run d;
	struct result *a, *b;
	char path[] = "/tmp/nines-check-honest.XXXXXX";
	struct diag dg, plots;
	char *page;
	FILE *f;
	long len;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	design_open(&d, PAIR);
	a = design_run(&d, 100, 10, 2);
	b = design_run(&d, 100, 10, 3);
	as_importance(a);
	{
		struct compare_design cd[2] = { { d.t, d.m, &d.a, b }, { d.t, d.m, &d.a, a } };
		struct comparison c = { cd, 2, 0, NULL };

		diag_init(&dg);
		diag_init(&plots);
		ck_assert_int_eq(html_report_write(path, &c, "/tmp", "/nonexistent", &dg, &plots), 0);
	}
	close(fd);
	/* the page replaced the file (written aside, then renamed) */
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	page = calloc(1, (size_t)len + 1);
	ck_assert_int_eq(fread(page, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	unlink(path);
	HAS(page, "method importance sampling: the pilot saw the system down rarely; relative error");
	HAS(page, "Not estimated: the method that ran (importance sampling) does not measure SLO");
	free(page);
	result_free(a);
	result_free(b);
	design_close(&d);
}
END_TEST

/* compare without per-replication values: the independent difference. */
START_TEST(compare_unpaired)
{
	struct design_run d;
	struct result *a, *b;
	struct compare_diff x;
	struct estimate ea, eb;

	design_open(&d, "{ \"components\": { \"u\": { \"mtbf\": 1000, \"mttr\": 10 } },"
		     " \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } }");
	a = design_run(&d, 200, 10, 5);
	b = design_run(&d, 200, 10, 6);
	x = compare_diff(a, b, 0.95, KEPT_DOWN);
	ck_assert_int_eq(x.is_paired, 1);
	{
		/* different counts (a target stops each design at its own) do
		 * not pair: b's values past its count were never measured */
		struct result *c = design_run(&d, 150, 10, 6);

		ck_assert_int_eq(compare_diff(a, c, 0.95, KEPT_DOWN).is_paired, 0);
		ck_assert_int_eq(compare_diff(c, a, 0.95, KEPT_DOWN).is_paired, 0);
		result_free(c);
	}
	free(a->kept[KEPT_DOWN]);
	a->kept[KEPT_DOWN] = NULL;
	x = compare_diff(a, b, 0.95, KEPT_DOWN);
	ea = moments_x(&a->block[0], 0.95);
	eb = moments_x(&b->block[0], 0.95);
	ck_assert_int_eq(x.is_paired, 0);
	ck_assert_double_eq(x.paired.mean, ea.mean - eb.mean);
	ck_assert_double_eq_tol(x.paired.ci_high - x.paired.mean, x.independent_half_width, 1e-18);
	ck_assert(x.independent_half_width > 0);
	{
		struct compare_design cd[2] = { { d.t, d.m, &d.a, b }, { d.t, d.m, &d.a, a } };
		struct comparison c = { cd, 2, 0, NULL };
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		ck_assert_int_eq(compare_write(f, REPORT_TEXT, &c), 0);
		fclose(f);
		HAS(buf, "(independent: the replications do not pair up)");
		free(buf);
	}
	result_free(a);
	result_free(b);
	design_close(&d);
}
END_TEST

Suite *honest_suite(void)
{
	Suite *s = suite_create("honest");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, coverage_few_outages);
	tcase_add_test(tc, zero_outages_bound);
	tcase_add_test(tc, few_outages_compared);
	tcase_add_test(tc, plenty_is_student);
	tcase_add_test(tc, not_estimated_reports);
	tcase_add_test(tc, compare_unpaired);
	tcase_add_test(tc, not_estimated_html);
	suite_add_tcase(s, tc);
	return s;
}
