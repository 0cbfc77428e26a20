/* run_choose.c - which method runs a design, and why: the one asked for
 * when it can run the model, or for auto a plain pilot's verdict on how
 * often the system goes down, then the acceleration the model's laws
 * allow (importance sampling for exponential failure laws, splitting for
 * the others).  Also the methods' names and a splitting run's plan. */
#include <stdio.h>
#include <string.h>

#include "engine/run_impl.h"

static const char *const method_names[] = {
	[RUN_METHOD_AUTO] = "auto",
	[RUN_METHOD_PLAIN] = "plain",
	[RUN_METHOD_IMPORTANCE] = "importance",
	[RUN_METHOD_SPLITTING] = "splitting",
};

const char *run_method_name(enum run_method method)
{
	return method_names[method];
}

int run_method_parse(const char *name, enum run_method *method)
{
	for (size_t k = 0; k < sizeof method_names / sizeof *method_names; k++)
		if (!strcmp(name, method_names[k])) {
			*method = (enum run_method)k;
			return 0;
		}
	return -1;
}

/* The system outages a plain pilot run of M under OPT sees, or -1 with d
 * filled. */
static double run_pilot(const struct model *m, const struct run_options *opt, struct diag *d)
{
	struct run_options p = *opt;
	struct result *r;
	struct measures ms;
	double seen;

	p.set.replications = opt->set.replications < RUN_PILOT ? opt->set.replications : RUN_PILOT;
	p.set.target_error = 0;
	p.keep = 0;
	p.progress = NULL;
	p.set.method = RUN_METHOD_PLAIN;
	r = run_model(m, &p, d);
	if (!r)
		return -1;
	/* the count the reports say they saw */
	result_measures(r, &r->block[0], &ms);
	seen = ms.outages;
	result_free(r);
	return seen;
}

int run_split_qualifies(const struct model *m, char *why, size_t n, struct diag *d)
{
	struct split_plan *p = engine_split_plan_new(m, d);
	int levels;

	if (!p)
		return -1;
	levels = engine_split_plan_levels(p);
	engine_split_plan_free(p);
	if (levels < 2) {
		snprintf(why, n, "a single failure takes the system down: nothing to split on");
		return 0;
	}
	snprintf(why, n, "%d failures from everything up take the system down", levels);
	return 1;
}

/* The method asked for, if it can run M; RUN_METHOD_AUTO when it is
 * auto, or with d filled when it cannot. */
static enum run_method run_asked(const struct model *m, const struct run_options *opt,
				 char *why, size_t n, struct diag *d)
{
	char no[RESULT_WHY_MAX];

	switch (opt->set.method) {
	case RUN_METHOD_PLAIN:
		snprintf(why, n, "asked for");
		return RUN_METHOD_PLAIN;
	case RUN_METHOD_IMPORTANCE:
		if (!engine_is_qualifies(m, no, sizeof no)) {
			diag_input(d, NULL, NULL, "importance sampling needs exponential failure laws "
				   "and no planned maintenance: %s", no);
			return RUN_METHOD_AUTO;
		}
		snprintf(why, n, "asked for; %s", no);
		return RUN_METHOD_IMPORTANCE;
	case RUN_METHOD_SPLITTING:
		if (run_split_qualifies(m, no, sizeof no, d) != 1) {
			diag_input(d, NULL, NULL, "splitting needs a system that a single failure "
				   "cannot take down: %s", no);
			return RUN_METHOD_AUTO;
		}
		snprintf(why, n, "asked for; %s", no);
		return RUN_METHOD_SPLITTING;
	default:
		return RUN_METHOD_AUTO;
	}
}

enum run_method run_choose(const struct model *m, const struct run_options *opt,
			   char *why, size_t n, struct diag *d)
{
	char is_why[RESULT_WHY_MAX], split_why[RESULT_WHY_MAX];
	long pilot = opt->set.replications < RUN_PILOT ? opt->set.replications : RUN_PILOT;
	enum run_method rare = RUN_METHOD_IMPORTANCE;
	double seen;
	int split;

	if (opt->set.method != RUN_METHOD_AUTO)
		return run_asked(m, opt, why, n, d);
	if (opt->have_exact && !(opt->exact_u < RUN_AUTO_RARE)) {
		snprintf(why, n, "auto: the exact unavailability %.2g is not below %g",
			 opt->exact_u, RUN_AUTO_RARE);
		return RUN_METHOD_PLAIN;
	}
	if (!engine_is_qualifies(m, is_why, sizeof is_why)) {
		split = run_split_qualifies(m, split_why, sizeof split_why, d);
		if (split < 0)
			return RUN_METHOD_AUTO;
		if (!split) {
			snprintf(why, n, "auto: %s, and %s", is_why, split_why);
			return RUN_METHOD_PLAIN;
		}
		snprintf(is_why, sizeof is_why, "%s", split_why);
		rare = RUN_METHOD_SPLITTING;
	}
	seen = run_pilot(m, opt, d);
	if (seen < 0)
		return RUN_METHOD_AUTO;
	if (seen >= RUN_PILOT_OUTAGES) {
		snprintf(why, n, "auto: a plain pilot of %ld replications saw %.0f system outages, "
			 "enough for plain Monte Carlo", pilot, seen);
		return RUN_METHOD_PLAIN;
	}
	snprintf(why, n, "auto: a plain pilot of %ld replications saw %.0f system outages, and %s",
		 pilot, seen, is_why);
	return rare;
}

struct split_plan *run_plan(const struct model *m, const struct run_settings *set,
				   char *why, size_t n, struct diag *d)
{
	struct split_plan *p = engine_split_plan_new(m, d);
	size_t len;

	if (!p || engine_split_plan_pilot(p, set->seed, set->warmup, set->horizon, d)) {
		engine_split_plan_free(p);
		return NULL;
	}
	len = strlen(why);
	snprintf(why + len, n - len, "; factors");
	for (int l = 1; l <= engine_split_plan_levels(p); l++) {
		len = strlen(why);
		snprintf(why + len, n - len, " %u", engine_split_plan_factor(p, l));
	}
	return p;
}
