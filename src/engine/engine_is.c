/* engine_is.c - importance sampling of regenerative cycles: the sampler
 * behind --method importance.
 *
 * A cycle starts from the state every replication starts from (every
 * instance and zone up, nothing pending but failure clocks, each failover
 * and quorum block led by its first member) and ends at the first return
 * to it.  When every failure law is exponential that state is a
 * regeneration point: what follows is independent of what came before, so
 * cycles are independent and identically distributed, and long-run
 * measures are ratios E[X] / E[cycle length] (ratio.h).
 *
 * Balanced failure biasing (Shahabuddin 1994; Goyal, Shahabuddin,
 * Heidelberger, Nicola and Glynn 1992), in continuous time: while
 * something is being recovered, every failure source that is armed (an
 * instance up, as its role allows; a zone up; a common-cause group) fails
 * at a raised rate, chosen so that some failure comes before the next
 * recovery with probability IS_BIAS, shared equally among the armed
 * sources (a source already faster keeps its own rate).  In "all up" and
 * whenever nothing is being recovered the laws are left alone.  Because
 * failure laws are exponential, a pending failure can be redrawn at a new
 * rate at any moment; the sampler redraws every armed source after every
 * event, and keeps the likelihood ratio of what it drew against the true
 * laws: over a stretch of length dt, exp((sum of raised - true rates) dt);
 * at a failure of source k, true rate / raised rate.  Repair laws, crews,
 * timers and coverage draws are never biased, so they may be anything the
 * engine runs.
 *
 * Any bias is unbiased through the likelihood ratio; this one gives
 * bounded relative error as repairs get faster, the property that makes
 * five to twelve nines reachable in seconds.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "engine/engine_impl.h"

struct engine_is {
	struct engine *e;
	uint32_t nsrc;           /* heap ids below maint_id0: instances, timers,
	                            zones, shock groups */
	double *rate;            /* [nsrc]: true rate of each armed source, else 0 */
	double *brate;           /* [nsrc]: the rate its pending time was drawn at */
	double excess;           /* sum of brate - rate */
	unsigned char *any_lead; /* [nb]: any member may lead at regeneration */
};

int engine_is_qualifies(const struct model *m, char *why, size_t n)
{
	for (size_t t = 0; t < model_types(m); t++) {
		const struct dist *f = model_type_failure(m, t);

		if (f->kind != DIST_EXPONENTIAL) {
			snprintf(why, n, "component type '%s' fails by a %s law, not an exponential one",
				 model_type_name(m, t), dist_kind_name(f->kind));
			return 0;
		}
		if (model_type_maint_every(m, t) > 0) {
			snprintf(why, n, "component type '%s' has planned maintenance",
				 model_type_name(m, t));
			return 0;
		}
	}
	for (size_t z = 0; z < model_zones(m); z++) {
		const struct dist *f = model_zone_failure(m, z);

		if (f->kind != DIST_EXPONENTIAL) {
			snprintf(why, n, "zone '%s' fails by a %s law, not an exponential one",
				 model_zone_name(m, z), dist_kind_name(f->kind));
			return 0;
		}
	}
	snprintf(why, n, "every failure law is exponential");
	return 1;
}

/* Whether block B's own instances are exchangeable: of one type and in
 * no zone, so that with all of them up and idle it does not matter which
 * one leads.  Without that, a failover block that has switched would
 * return to its start only when its new active member fails in turn,
 * and a cycle would span years of excursions. */
static int is_exchangeable(const struct engine *e, size_t b)
{
	uint32_t first = e->block_first[b];

	for (uint32_t i = first; i < first + e->block_own[b]; i++)
		if (e->inst_type[i] != e->inst_type[first] || e->inst_zone[i] != NONE)
			return 0;
	return 1;
}

struct engine_is *engine_is_new(struct engine *e, struct diag *d)
{
	struct engine_is *s = calloc(1, sizeof *s);

	if (s) {
		s->e = e;
		s->nsrc = e->maint_id0;
		s->rate = calloc(s->nsrc + 1, sizeof *s->rate);
		s->brate = calloc(s->nsrc + 1, sizeof *s->brate);
		s->any_lead = calloc(e->nb + 1, 1);
	}
	if (!s || !s->rate || !s->brate || !s->any_lead) {
		engine_is_free(s);
		diag_runtime(d, "out of memory for importance sampling");
		return NULL;
	}
	for (size_t b = 0; b < e->nb; b++)
		s->any_lead[b] = is_exchangeable(e, b);
	return s;
}

void engine_is_free(struct engine_is *s)
{
	if (!s)
		return;
	free(s->rate);
	free(s->brate);
	free(s->any_lead);
	free(s);
}

/* The true rate at which heap entry ID fails something now, or 0 when it
 * is not an armed failure source (a repair, a timer, a cold standby):
 * an instance's rate scaled by its role, as next_failure draws it. */
static double true_rate(const struct engine *e, uint32_t id)
{
	if (id < e->ni) {
		double f = role_factor(e, id), rate;

		if (!e->inst_own[id] || f <= 0)
			return 0;
		rate = 1 / (e->fail[id]->a * e->inst_scale[id]);
		return rate * f;
	}
	if (id >= e->ccf_id0)
		return 1 / e->ccf_law[id - e->ccf_id0].a;
	if (id >= e->zone_id0)
		return e->zone_up[id - e->zone_id0] ? 1 / e->zone_fail[id - e->zone_id0]->a : 0;
	return 0;
}

/* The random stream of failure source ID. */
static size_t source_stream(const struct engine *e, uint32_t id)
{
	if (id >= e->ccf_id0)
		return e->ccf_st0 + (id - e->ccf_id0);
	if (id >= e->zone_id0)
		return e->zone_st0 + (id - e->zone_id0);
	return id;
}

/* After an event at T: the true rate of every source, the raised rates,
 * and every armed source's next failure redrawn at its raised rate. */
static void is_bias(struct engine_is *s, double t)
{
	struct engine *e = s->e;
	double next = INFINITY, theta = 0;
	size_t armed = 0;

	for (uint32_t id = 0; id < s->nsrc; id++) {
		double r = true_rate(e, id), when = e->heap[e->pos[id]].t;

		s->rate[id] = r;
		if (r > 0)
			armed++;
		else if (when < next)
			next = when;      /* a repair or a timer: a recovery */
	}
	if (armed > 0 && next < INFINITY && next > t)
		theta = -log1p(-IS_BIAS) / (next - t) / (double)armed;
	s->excess = 0;
	for (uint32_t id = 0; id < s->nsrc; id++) {
		double r = s->rate[id], b;

		if (r <= 0)
			continue;
		b = r > theta ? r : theta;
		s->brate[id] = b;
		s->excess += b - r;
		rng_use(e->r, e->states + source_stream(e, id) * e->state_size);
		heap_set(e, id, t + gsl_ran_exponential(e->r, 1 / b));
	}
}

/* Whether E is back in the state every run starts from, but for which
 * of exchangeable members leads. */
static int is_regenerated(const struct engine_is *s)
{
	const struct engine *e = s->e;

	for (size_t i = 0; i < e->ni; i++)
		if (!e->inst_own[i])
			return 0;
	for (size_t z = 0; z < e->nz; z++)
		if (!e->zone_up[z])
			return 0;
	for (size_t k = 0; k < e->nx; k++)
		if (e->heap[e->pos[e->ni + k]].t < INFINITY)
			return 0;
	for (size_t b = 0; b < e->nb; b++) {
		uint32_t first = e->block_own[b] ? e->block_first[b] : NONE;
		uint32_t lead = e->block_leader[b];

		if (!e->block_ok[b] || !e->block_wok[b] || e->block_phase[b] != PHASE_IDLE ||
		    e->pool_len[b] || e->tx_blocked[b] || e->tx_late[b] || e->tx_takeover[b] ||
		    e->block_last[b] != lead || (lead != first && !s->any_lead[b]))
			return 0;
	}
	return 1;
}

const struct rep_result *engine_is_cycle(struct engine_is *s, uint64_t seed, uint64_t index,
					 struct engine_cycle *c)
{
	struct engine *e = s->e;
	double last = 0, loglr = 0, t = 0;
	uint64_t events = 0, steps = 0;

	engine_begin(e, seed, index, 0, INFINITY, NULL);
	for (uint32_t id = 0; id < s->nsrc; id++)
		s->rate[id] = s->brate[id] = true_rate(e, id);
	s->excess = 0;
	for (;;) {
		uint32_t id = e->heap[0].id;

		t = e->heap[0].t;
		if (!(t < INFINITY) || ++steps > IS_MAX_EVENTS)
			return NULL;
		/* surviving a stretch is likelier under the true laws */
		loglr += s->excess * (t - last);
		if (id < s->nsrc && s->rate[id] > 0)
			loglr += log(s->rate[id] / s->brate[id]);
		events += (uint64_t)engine_event(e);
		last = t;
		if (is_regenerated(s))
			break;
		is_bias(s, t);
	}
	engine_finish(e, t);
	e->res.events = events;
	c->length = t;
	c->weight = exp(loglr);
	return &e->res;
}
