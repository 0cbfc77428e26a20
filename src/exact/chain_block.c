/* chain_block.c - from a block of the model to its Markov chain: which
 * blocks can have one (exponential laws, no failback, no shock among cold
 * standbys), the chain's members, rates, timers, common-cause shocks and
 * crew pools, and the method text or the reason there is no value.
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>

#include "exact/analytic_impl.h"
#include "exact/chain.h"
#include "exact/ctmc.h"

#define NO_EXACT_TRAP "no exact value: the block can stay down for good " \
	"(its Markov chain has a state it never leaves)"
#define NO_EXACT_STIFF "no exact value: a switch, manual or election time is too " \
	"long against the members' failure and repair rates to solve exactly"
#define NO_EXACT_SWEEPS "no exact value: the sweeps that solve a Markov chain this " \
	"large did not converge"

/* Whether block B can have no chain at all: failback, a common cause
 * among cold standbys, or a law that is not exponential.  Returns 1 with
 * the reason in a->block_method[b], 0 when a chain can be tried, or -1
 * out of memory. */
static int chain_refused(struct analytic *a, const struct model *m, size_t b)
{
	const struct block_params *p = model_block_params(m, b);
	size_t first = model_block_first_instance(m, b), own = model_block_own_instances(m, b);
	enum block_kind kind = model_block_kind(m, b);

	if (kind == BLOCK_FAILOVER && p->failback) {
		a->block_method[b] = "no exact value: failback is not in the Markov chain yet";
		return 1;
	}
	/* the simulator spares idle cold standbys from shocks; the chain
	 * does not know that yet */
	if (kind == BLOCK_FAILOVER && p->standby == STANDBY_COLD)
		for (size_t g = 0; g < model_ccf(m); g++)
			for (size_t k = 0; k < own; k++)
				if (model_instance_type(m, first + k) == model_ccf_type(m, g)) {
					a->block_method[b] = "no exact value: a common cause among "
						"cold standbys is not in the Markov chain yet";
					return 1;
				}
	for (size_t k = 0; k < own; k++) {
		size_t t = model_instance_type(m, first + k);
		const struct dist *f = model_type_failure(m, t), *r = model_type_repair(m, t);

		if (f->kind != DIST_EXPONENTIAL || r->kind != DIST_EXPONENTIAL) {
			a->block_method[b] = analytic_text(a, b,
				"no exact value: component \"%s\" has a %s %s law, and the "
				"Markov chain of a %s block needs exponential failure and "
				"repair laws", model_type_name(m, t),
				dist_kind_name(f->kind != DIST_EXPONENTIAL ? f->kind : r->kind),
				f->kind != DIST_EXPONENTIAL ? "failure" : "repair",
				block_kind_name(kind));
			return a->block_method[b] ? 1 : -1;
		}
	}
	return 0;
}

/* CH's kind, members and need for block B, and the quorum's election or
 * the failover's standby, coverage and switch times.  Returns whether a
 * fixed timer (switch, manual recovery, election) runs in the chain. */
static int chain_shape(struct chain *ch, const struct model *m, size_t b)
{
	const struct block_params *p = model_block_params(m, b);
	size_t own = model_block_own_instances(m, b);
	enum block_kind kind = model_block_kind(m, b);
	int timed = 0;

	ch->kind = kind == BLOCK_QUORUM ? CHAIN_QUORUM : kind == BLOCK_FAILOVER ?
		   CHAIN_FAILOVER : CHAIN_PLAIN;
	ch->n = (int)(own < 64 ? own : 64);
	ch->need = model_block_need(m, b);
	if (ch->kind == CHAIN_QUORUM) {
		ch->telect = p->election;
		timed = ch->telect > 0;
	} else if (ch->kind == CHAIN_FAILOVER) {
		ch->standby = p->standby == STANDBY_HOT ? 1 :
			      p->standby == STANDBY_WARM ? p->dormancy : 0;
		ch->coverage = p->coverage;
		ch->tswitch = p->detect + p->switchover;
		ch->tmanual = p->coverage < 1 ? p->manual : 0;
		timed = ch->tswitch > 0 || ch->tmanual > 0;
	}
	return timed;
}

/* Each member's rates and repair priority from its type, the first own
 * instance being FIRST; GPOOL[k] is member k's crew pool in TI when its
 * repairs can wait, else -1. */
static void chain_rates(struct chain *ch, const struct model *m, const struct ties *ti,
			size_t first, int *gpool)
{
	ch->by_prio = model_crew_policy(m) == CREWS_PRIORITY;
	for (int k = 0; k < ch->n; k++) {
		size_t t = model_instance_type(m, first + (size_t)k);

		ch->lam[k] = 1 / model_type_failure(m, t)->mean;
		ch->mu[k] = 1 / model_type_repair(m, t)->mean;
		ch->prio[k] = model_type_priority(m, t);
		ch->pool[k] = -1;
		gpool[k] = ti->limited[t] ? ti->pool[t] : -1;
	}
}

/* Each group shocks its members at beta lambda and leaves them (1 - beta)
 * of their own rate (the last group's, as in the engine).  Returns 0, or
 * 1 with the reason when more groups strike block B than a chain holds. */
static int chain_shocks(struct analytic *a, struct chain *ch, const struct model *m, size_t b)
{
	size_t first = model_block_first_instance(m, b);

	for (size_t g = 0; g < model_ccf(m); g++) {
		size_t t = model_ccf_type(m, g);
		uint64_t mask = 0;

		for (int k = 0; k < ch->n; k++)
			if (model_instance_type(m, first + (size_t)k) == t) {
				mask |= (uint64_t)1 << k;
				ch->lam[k] = (1 - model_ccf_beta(m, g)) / model_type_failure(m, t)->mean;
			}
		if (!mask)
			continue;
		if (ch->nshock == CHAIN_MAX_SHOCKS) {
			a->block_method[b] = "no exact value: too many common-cause groups "
					     "strike the block";
			return 1;
		}
		ch->shock_rate[ch->nshock] = model_ccf_beta(m, g) / model_type_failure(m, t)->mean;
		ch->shock_mask[ch->nshock++] = mask;
	}
	return 0;
}

/* The pools whose crews can all be busy, from GPOOL: local numbers, and a
 * queue that only identical members can tie in.  Returns 0, 1 with the
 * reason when members of two types of block B wait in one queue, or -1
 * out of memory. */
static int chain_crews(struct analytic *a, struct chain *ch, const struct model *m, size_t b,
		       const int *gpool)
{
	size_t first = model_block_first_instance(m, b), nt = model_types(m);

	for (int k = 0; k < ch->n; k++) {
		int users = 0, crews;

		if (gpool[k] < 0 || ch->pool[k] >= 0)
			continue;
		crews = gpool[k] == (int)nt ? model_crews(m) :
			model_type_crews(m, model_instance_type(m, first + (size_t)k));
		for (int j = 0; j < ch->n; j++)
			users += gpool[j] == gpool[k];
		if (users <= crews)
			continue;               /* nobody ever waits */
		for (int j = 0; j < ch->n; j++)
			for (int i = j + 1; i < ch->n; i++) {
				size_t tj = model_instance_type(m, first + (size_t)j);
				size_t ti = model_instance_type(m, first + (size_t)i);

				if (gpool[j] != gpool[k] || gpool[i] != gpool[k] || tj == ti ||
				    (ch->by_prio && ch->prio[j] != ch->prio[i]))
					continue;
				a->block_method[b] = analytic_text(a, b,
					"no exact value: components \"%s\" and \"%s\" wait "
					"for the same repair crews in one queue, whose order "
					"the Markov chain does not hold",
					model_type_name(m, tj), model_type_name(m, ti));
				return a->block_method[b] ? 1 : -1;
			}
		for (int j = 0; j < ch->n; j++)
			if (gpool[j] == gpool[k])
				ch->pool[j] = k;
		ch->cap[k] = crews;
		ch->crews = 1;
	}
	return 0;
}

/* Whether block B's own members are exchangeable, and if so their
 * lumped chain into L: a quorum or plain block of one component type
 * (zones and maintenance, which could tell members apart, have no chain;
 * chain_refused has checked the laws). */
static int chain_lumpable(struct chain_lump *l, const struct model *m, const struct ties *ti,
			  size_t b)
{
	const struct block_params *p = model_block_params(m, b);
	size_t first = model_block_first_instance(m, b), own = model_block_own_instances(m, b);
	enum block_kind kind = model_block_kind(m, b);
	size_t t = model_instance_type(m, first), nt = model_types(m);
	double mean = model_type_failure(m, t)->mean;

	if (kind == BLOCK_FAILOVER || own == 0 || own > INT32_MAX)
		return 0;
	for (size_t k = 1; k < own; k++)
		if (model_instance_type(m, first + k) != t)
			return 0;
	l->kind = kind == BLOCK_QUORUM ? CHAIN_QUORUM : CHAIN_PLAIN;
	l->n = (int)own;
	l->need = model_block_need(m, b);
	l->telect = kind == BLOCK_QUORUM ? p->election : 0;
	l->lam = 1 / mean;
	l->mu = 1 / model_type_repair(m, t)->mean;
	l->crews = !ti->limited[t] ? 0 : ti->pool[t] == (int)nt ? model_crews(m) :
		   model_type_crews(m, t);
	/* as chain_shocks: each group shocks at beta lambda, and the last
	 * leaves the members (1 - beta) lambda of their own */
	l->shock = 0;
	for (size_t g = 0; g < model_ccf(m); g++)
		if (model_ccf_type(m, g) == t) {
			l->lam = (1 - model_ccf_beta(m, g)) / mean;
			l->shock += model_ccf_beta(m, g) / mean;
		}
	return 1;
}

/* No value for block B: its chain has more STATES than an exact solution
 * takes (CREWS: more than CHAIN_MAX_STATES found among those the roles
 * allow).  Returns 0, or -1 out of memory. */
static int chain_too_many(struct analytic *a, size_t b, uint64_t states, int crews)
{
	a->block_a[b] = a->block_u[b] = NAN;
	if (crews)
		a->block_method[b] = analytic_text(a, b, "no exact value: too many states "
						   "(over %zu) for an exact solution", CHAIN_MAX_STATES);
	else if (states == UINT64_MAX)
		a->block_method[b] = analytic_text(a, b, "no exact value: too many states "
						   "(over 10^18) for an exact solution");
	else
		a->block_method[b] = analytic_text(a, b, "no exact value: too many states "
						   "(%" PRIu64 ") for an exact solution", states);
	return a->block_method[b] ? 0 : -1;
}

/* Block B's value or reason from RC, what chain_solve or chain_lump_solve
 * returned for a chain of (about) STATES states, CREWS whether crews made
 * the count a bound only, TIMED whether fixed timers run in it. */
static int chain_outcome(struct analytic *a, size_t b, int rc, uint64_t states, int crews,
			 int timed)
{
	if (rc < 0)
		return -1;
	if (rc == 2)
		return chain_too_many(a, b, states, crews);
	if (rc) {
		a->block_a[b] = a->block_u[b] = NAN;
		a->block_method[b] = rc == 1 ? NO_EXACT_TRAP : rc == 3 ? NO_EXACT_STIFF :
				     NO_EXACT_SWEEPS;
		return 0;
	}
	a->block_method[b] = timed ? ANALYTIC_CHAIN_TIMED : ANALYTIC_CHAIN_EXACT;
	return 0;
}

int chain_block_solve(struct analytic *a, const struct model *m, const struct ties *ti,
		      size_t b, double *dist)
{
	size_t own = model_block_own_instances(m, b);
	struct chain ch = { 0 };
	struct chain_lump l;
	int gpool[CHAIN_MAX_MEMBERS];
	uint64_t states;
	size_t cap;
	int rc, timed;

	a->block_a[b] = a->block_u[b] = NAN;
	rc = chain_refused(a, m, b);
	if (rc)
		return rc < 0 ? -1 : 0;
	if (chain_lumpable(&l, m, ti, b)) {
		rc = chain_lump_solve(&l, &a->block_a[b], &a->block_u[b], dist);
		return chain_outcome(a, b, rc, chain_lump_states(&l), 0,
				     l.kind == CHAIN_QUORUM && l.telect > 0);
	}
	timed = chain_shape(&ch, m, b);
	states = own > 55 ? UINT64_MAX : chain_states(&ch);
	if (own > CHAIN_MAX_MEMBERS)
		return chain_too_many(a, b, states, 0);
	chain_rates(&ch, m, ti, model_block_first_instance(m, b), gpool);
	rc = chain_shocks(a, &ch, m, b);
	if (rc == 0)
		rc = chain_crews(a, &ch, m, b, gpool);
	if (rc)
		return rc < 0 ? -1 : 0;
	cap = ch.crews ? CHAIN_MAX_STATES : (size_t)states;
	if (!ch.crews && states > CHAIN_MAX_STATES)
		return chain_too_many(a, b, states, 0);
	rc = chain_solve(&ch, cap, &a->block_a[b], &a->block_u[b], dist);
	return chain_outcome(a, b, rc, states, ch.crews, timed);
}
