/* split_time.c - bench/split.sh's driver: the CPU time to a target
 * relative error of the system unavailability, splitting beside plain
 * Monte Carlo, on one model, single-threaded, through the engine's API
 * (engine_run_split, engine_run) as run.c's worker calls it.
 *
 *   split_time MODEL WARMUP HORIZON TARGET SECONDS
 *
 * Each method runs replications for SECONDS of CPU time (splitting after
 * its pilot), and its time to the target is extrapolated from the
 * relative error r it reached (the 95% Student-t half-width over the
 * estimate), since the error falls as one over the square root of the
 * work: SECONDS x (r / TARGET)^2, plus the pilot for splitting.  The same
 * rule for both, from runs long enough that the interval can be trusted
 * (a splitting replication's estimate is skewed: a few dozen of them
 * under-state their spread).  Prints one line each and the ratio. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "engine/engine.h"
#include "model/model.h"
#include "model/topology.h"

struct tally {
	long n;
	double mean, m2, outages;
};

static double cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void tally_add(struct tally *t, const struct rep_result *r, double horizon)
{
	double u = r->block_down[0] / horizon, du = u - t->mean;

	t->n++;
	t->mean += du / (double)t->n;
	t->m2 += du * (u - t->mean);
	t->outages += r->block_outages[0];
}

/* The 95% half-width over the estimate (infinite before two samples or
 * with no downtime). */
static double tally_rel(const struct tally *t)
{
	double se;

	if (t->n < 2 || t->mean <= 0)
		return INFINITY;
	se = sqrt(t->m2 / (double)(t->n - 1) / (double)t->n);
	return gsl_cdf_tdist_Pinv(0.975, (double)(t->n - 1)) * se / t->mean;
}

/* Replications of one method for SECONDS of CPU time, in rounds: split
 * under S, or plain on E when S is NULL. */
static double tally_run(struct tally *t, struct engine *e, struct engine_split *s,
			double warmup, double horizon, double seconds)
{
	double t0 = cpu();

	do
		for (int k = 0; k < (s ? 10 : 1000); k++)
			tally_add(t, s ? engine_run_split(s, 1, (uint64_t)t->n, warmup, horizon)
				       : engine_run(e, 1, (uint64_t)t->n, warmup, horizon, NULL),
				  horizon);
	while (cpu() - t0 < seconds);
	return cpu() - t0;
}

/* One method's line: what it reached, and its time to TARGET.  A plain
 * run's outages are a count: the interval rests on them. */
static double tally_print(const char *name, const struct tally *t, double secs, double pilot,
			  double target)
{
	double r = tally_rel(t), to = pilot + secs * r * r / (target * target);

	printf("%-10s U %.3g +- %.2g (%.1f%%) in %.1f s: %ld replications, ", name, t->mean,
	       t->mean * r, 100 * r, secs, t->n);
	if (pilot > 0)
		printf("%.3g system outages each (weighted)", t->outages / (double)t->n);
	else
		printf("%.0f system outages seen", t->outages);
	printf("; %.3g s to %g%%\n", to, 100 * target);
	return to;
}

int main(int argc, char **argv)
{
	struct diag d;
	struct topology *top;
	struct model *m;
	struct engine *e;
	struct split_plan *p;
	struct engine_split *s;
	struct tally ts = { 0 }, tp = { 0 };
	double warmup, horizon, target, seconds, t0, t_pilot, t_split, t_plain;

	if (argc != 6) {
		fprintf(stderr, "usage: split_time MODEL WARMUP HORIZON TARGET SECONDS\n");
		return 2;
	}
	warmup = atof(argv[2]);
	horizon = atof(argv[3]);
	target = atof(argv[4]);
	seconds = atof(argv[5]);
	gsl_set_error_handler_off();
	diag_init(&d);
	top = topology_load(argv[1], NULL, &d);
	m = top ? model_compile(top, &d) : NULL;
	e = m ? engine_new(m, &d) : NULL;
	if (!e) {
		fprintf(stderr, "split_time: %s\n", diag_text(&d));
		return 1;
	}
	t0 = cpu();
	p = engine_split_plan_new(m, &d);
	if (!p || engine_split_plan_pilot(p, 1, warmup, horizon, &d) ||
	    !(s = engine_split_new(e, p, &d))) {
		fprintf(stderr, "split_time: %s\n", diag_text(&d));
		return 1;
	}
	t_pilot = cpu() - t0;
	printf("splitting: levels %d, factors", engine_split_plan_levels(p));
	for (int l = 1; l <= engine_split_plan_levels(p); l++)
		printf(" %u", engine_split_plan_factor(p, l));
	printf(" from a pilot of %.2f s\n", t_pilot);
	t_split = tally_print("splitting", &ts, tally_run(&ts, e, s, warmup, horizon, seconds),
			      t_pilot, target);
	t_plain = tally_print("plain", &tp, tally_run(&tp, e, NULL, warmup, horizon, seconds),
			      0, target);
	printf("plain / splitting, time to %g%%: %.0f\n", 100 * target, t_plain / t_split);
	engine_split_free(s);
	engine_split_plan_free(p);
	engine_free(e);
	model_free(m);
	topology_free(top);
	return 0;
}
