/* analytic.c - exact steady-state availability of series, parallel and
 * k-of-n trees of independent components, with quorum and failover blocks
 * solved as Markov chains.
 *
 * A k-of-n block needs the distribution of the number of its children that
 * are up (a Poisson binomial); it is built child by child, carrying the
 * probabilities of each count.  The block's unavailability is the sum of the
 * probabilities below need, and its availability the sum of the rest: both
 * are sums of positive terms, so neither loses digits to cancellation.
 *
 * A quorum or failover block's members depend on each other, so the block
 * becomes a continuous-time Markov chain that follows engine.c step by
 * step: a state is which members are up (one bit each, members being
 * possibly of different types), the leader or active member, and the phase
 * (an election; a switch, with the member whose failure began it; a manual
 * recovery, with that member).  Only the states reachable from the start
 * (everything up, the first member leading) are built, and ctmc.c solves
 * the chain without subtractions, so the down states' probabilities, summed
 * on their own, give the unavailability to full relative accuracy.
 *
 * Limited repair crews and common-cause shocks tie instances together.
 * When all the instances a crew pool serves, or a common-cause group
 * strikes, are one block's own members, that block's chain holds them: a
 * state also says which members down are in repair (the others wait), a
 * shock fails the members up one after the other as engine.c does, and a
 * plain series, parallel or k-of-n block gets a chain too, whose count of
 * members up it combines with its children.  Otherwise there is no exact
 * value, and the reason says which pool or group spans blocks.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "exact/analytic.h"
#include "exact/ctmc.h"

#define WITH_CHAIN "steady state of independent blocks, exact, with Markov chains " \
	"for the quorum and failover blocks inside"
#define WITH_APPROX "steady state of independent blocks, with a Markov chain inside " \
	"that takes switch/election times as exponential of the same means (an approximation)"
#define NO_EXACT_CHILD "no exact value: a block inside has none"
#define WITH_CREWS "steady state of independent components, exact for any failure and " \
	"repair laws, and none for a component whose repairs can wait for a crew"
#define NO_EXACT_MAINT "no exact value: planned maintenance takes instances down on " \
	"deterministic schedules (not in the exact methods)"
#define NO_EXACT_ZONES "no exact value: instances placed in zones go down together " \
	"with their zone (conditioning on the zones is not implemented yet)"
#define NO_EXACT_TX "no exact value: a transaction blocked on its failed coordinator " \
	"is not in the exact methods yet"
#define NO_EXACT_TRAP "no exact value: the block can stay down for good " \
	"(its Markov chain has a state it never leaves)"

/* CTMC_MAX_STATES bounds the members a chain can have: a failover block
 * of n members has at least n 2^(n-1) states, a quorum more than 2^n. */
#define CHAIN_MAX_MEMBERS 12
/* Common-cause shocks that strike one chain: one per component type. */
#define CHAIN_MAX_SHOCKS CHAIN_MAX_MEMBERS
/* Transitions out of one state: a failure or repair per member, each with
 * two outcomes at most, a timer with two, and a shock with one more than
 * the members it fails. */
#define CHAIN_MAX_NEXT (2 * CHAIN_MAX_MEMBERS + 2 + CHAIN_MAX_SHOCKS * (CHAIN_MAX_MEMBERS + 1))

/* Combine N children of availabilities CA / unavailabilities CU needing
 * NEED of them up.  The count distribution is capped: counting children up,
 * only 0 .. need-1 and "need or more" matter; counting children down, only
 * 0 .. n-need and "more than n-need".  Whichever cap is smaller is used, so
 * series and parallel blocks cost O(n) and a k-of-n O(n min(k, n-k+1)).
 * W is scratch of N + 1 doubles. */
static void combine(const double *ca, const double *cu, int n, int need,
		    double *w, double *a, double *u)
{
	int by_up = need <= n - need + 1;
	int cap = by_up ? need : n - need + 1;
	double head = 0;

	w[0] = 1;
	for (int j = 1; j <= cap; j++)
		w[j] = 0;
	for (int i = 0; i < n; i++) {
		double p = by_up ? ca[i] : cu[i];
		double q = by_up ? cu[i] : ca[i];

		w[cap] += w[cap - 1] * p;
		for (int j = cap - 1; j >= 1; j--)
			w[j] = w[j] * q + w[j - 1] * p;
		w[0] *= q;
	}
	for (int j = 0; j < cap; j++)
		head += w[j];
	*a = by_up ? w[cap] : head;
	*u = by_up ? head : w[cap];
}

/* A block whose own members' count up has the distribution W[0 .. own]
 * (from its chain), with N independent children of availabilities CA /
 * unavailabilities CU, needing NEED up.  W has room for own + n + 1. */
static void convolve(double *w, size_t own, const double *ca, const double *cu, int n,
		     int need, double *a, double *u)
{
	size_t len = own + 1;
	double up = 0, down = 0;

	for (int i = 0; i < n; i++, len++) {
		w[len] = w[len - 1] * ca[i];
		for (size_t j = len - 1; j >= 1; j--)
			w[j] = w[j] * cu[i] + w[j - 1] * ca[i];
		w[0] *= cu[i];
	}
	for (size_t j = 0; j < len; j++) {
		if ((int)j >= need)
			up += w[j];
		else
			down += w[j];
	}
	*a = up / (up + down);
	*u = down / (up + down);
}

/* ---- blocks as Markov chains ---- */

/* A state is coded as role << 2n | rep << n | mask: bit k of the mask is
 * member k up, bit k of rep member k down and in repair (a member down and
 * not in rep waits for a crew), and the role is, for quorum and failover
 * blocks, 0 .. n-1 for "member r leads" and n for "no leader, nothing
 * pending"; then for a failover n+1+f for "switching after member f
 * failed" and 2n+1+f for "manual recovery after member f's failed switch",
 * and for a quorum n+1 for "electing".  A plain (series, parallel, k-of-n
 * or component) block has role 0: only its up count matters. */
enum chain_kind { CHAIN_PLAIN, CHAIN_QUORUM, CHAIN_FAILOVER };

struct chain {
	enum chain_kind kind;
	int n, need;
	double lam[CHAIN_MAX_MEMBERS];  /* own failures, less the common-cause share */
	double mu[CHAIN_MAX_MEMBERS];
	int pool[CHAIN_MAX_MEMBERS];    /* the member's crews in cap, or -1: unlimited */
	int cap[CHAIN_MAX_MEMBERS];
	int prio[CHAIN_MAX_MEMBERS];    /* repair priority, when by_prio */
	int by_prio;
	int crews;                      /* some member can wait for a crew */
	int nshock;                     /* common-cause shocks */
	double shock_rate[CHAIN_MAX_SHOCKS];
	uint32_t shock_mask[CHAIN_MAX_SHOCKS];
	double standby;         /* failover: a standby's failure-rate factor */
	double coverage;        /* failover: the probability a switch succeeds */
	double tswitch;         /* failover: detect + switchover, 0 instant */
	double tmanual;         /* failover: manual recovery, 0 until the repair */
	double telect;          /* quorum: election, 0 instant */
};

struct next {
	uint32_t code[CHAIN_MAX_NEXT];
	double rate[CHAIN_MAX_NEXT];
	int n;
};

/* The outcomes of one step, each with its probability: a failure has two
 * at most, a common-cause shock one more than the members it fails. */
struct outcomes {
	uint32_t code[CHAIN_MAX_MEMBERS + 2];
	double p[CHAIN_MAX_MEMBERS + 2];
	int n;
};

static uint32_t pack(int role, uint32_t rep, uint32_t mask, int n)
{
	return (uint32_t)role << 2 * n | rep << n | mask;
}

static void emit(struct next *x, uint32_t code, double rate)
{
	if (rate > 0) {
		x->code[x->n] = code;
		x->rate[x->n] = rate;
		x->n++;
	}
}

static void outcome(struct outcomes *o, uint32_t code, double p)
{
	if (p > 0) {
		o->code[o->n] = code;
		o->p[o->n] = p;
		o->n++;
	}
}

/* The first member up, or N when none is: engine.c's first_up. */
static int first_up(uint32_t mask, int n)
{
	for (int k = 0; k < n; k++)
		if (mask >> k & 1)
			return k;
	return n;
}

static int popcount(uint32_t mask)
{
	int c = 0;

	for (; mask; mask &= mask - 1)
		c++;
	return c;
}

/* engine.c's repair_request: member K, just failed, is repaired at once
 * when its pool has a free crew (or no limit), else it waits. */
static uint32_t rep_fail(const struct chain *ch, uint32_t rep, int k)
{
	int p = ch->pool[k], busy = 0;

	if (p >= 0)
		for (int j = 0; j < ch->n; j++)
			busy += (rep >> j & 1) && ch->pool[j] == p;
	return p < 0 || busy < ch->cap[p] ? rep | 1u << k : rep;
}

/* engine.c's repair_done: member K's crew takes the next member waiting
 * in its pool, by priority if so, then the first by index: analytic_init
 * lets only members of one type tie, and which of identical members is
 * repaired first does not change the availability. */
static uint32_t rep_done(const struct chain *ch, uint32_t rep, uint32_t mask, int k)
{
	int p = ch->pool[k], best = -1;

	rep &= ~(1u << k);
	if (p < 0)
		return rep;
	for (int j = 0; j < ch->n; j++)
		if (!((mask | rep) >> j & 1) && ch->pool[j] == p &&
		    (best < 0 || (ch->by_prio && ch->prio[j] < ch->prio[best])))
			best = j;
	return best < 0 ? rep : rep | 1u << best;
}

/* quorum_child's rule for the role once MASK is up: no leader without a
 * majority, and an election (or at once the first member up) when a
 * majority has no leader. */
static int quorum_role(const struct chain *ch, uint32_t mask, int role)
{
	int n = ch->n;

	if (popcount(mask) < ch->need)
		return n;
	if (role == n)
		return ch->telect > 0 ? n + 1 : first_up(mask, n);
	return role;
}

/* engine.c's failover_switch ending with MASK up after member F's
 * failure, with probability P: the switch succeeds with probability
 * coverage and the first member up takes over (if any); otherwise manual
 * recovery begins. */
static void switch_end(const struct chain *ch, struct outcomes *o, uint32_t rep,
		       uint32_t mask, int f, double p)
{
	int n = ch->n;

	outcome(o, pack(first_up(mask, n), rep, mask, n), p * ch->coverage);
	if (ch->coverage < 1)
		outcome(o, pack(2 * n + 1 + f, rep, mask, n), p * (1 - ch->coverage));
}

/* Member K, up in state CODE, fails (on its own or by a shock): the
 * states that follow, with probability P in all, into O. */
static void fail_member(const struct chain *ch, uint32_t code, int k, double p, struct outcomes *o)
{
	int n = ch->n, role = (int)(code >> 2 * n);
	uint32_t all = (1u << n) - 1, mask = code & all, rest = mask & ~(1u << k);
	uint32_t rep = rep_fail(ch, code >> n & all, k);

	if (ch->kind == CHAIN_PLAIN)
		outcome(o, pack(0, rep, rest, n), p);
	else if (ch->kind == CHAIN_QUORUM)
		outcome(o, pack(quorum_role(ch, rest, role == k ? n : role), rep, rest, n), p);
	else if (role != k)             /* a standby, or no one active */
		outcome(o, pack(role, rep, rest, n), p);
	else if (rest == 0)             /* wait for a repair */
		outcome(o, pack(n, rep, rest, n), p);
	else if (ch->tswitch > 0)       /* a switch begins */
		outcome(o, pack(n + 1 + k, rep, rest, n), p);
	else
		switch_end(ch, o, rep, rest, k, p);
}

/* ccf_event: a shock fails the members of MASK that are up one after the
 * other, by index, as the engine does. */
static void shock(const struct chain *ch, uint32_t code, uint32_t mask, double rate, struct next *x)
{
	struct outcomes a = { .n = 0 }, b;

	outcome(&a, code, 1);
	for (int k = 0; k < ch->n; k++) {
		if (!((mask & code) >> k & 1))
			continue;
		b.n = 0;
		for (int i = 0; i < a.n; i++)
			fail_member(ch, a.code[i], k, a.p[i], &b);
		a = b;
	}
	for (int i = 0; i < a.n; i++)
		emit(x, a.code[i], rate * a.p[i]);
}

/* Everything that can happen in state CODE: failover_child and
 * failover_timer, quorum_child, the crews and the shocks.  In a failover
 * block an up member fails at its rate if it is active, at the standby's
 * rate otherwise (cold standbys keep their infinite clock while nobody is
 * active, as the engine draws a standby's next failure when it is
 * repaired or activated); a shock fails standbys too. */
static void chain_next(const struct chain *ch, uint32_t code, struct next *x)
{
	int n = ch->n, role = (int)(code >> 2 * n);
	uint32_t all = (1u << n) - 1, mask = code & all, rep = code >> n & all;
	struct outcomes o;

	x->n = 0;
	for (int k = 0; k < n; k++) {
		uint32_t bit = 1u << k;

		if (mask & bit) {
			double rate = ch->lam[k];

			if (ch->kind == CHAIN_FAILOVER && role != k)
				rate *= ch->standby;
			o.n = 0;
			if (rate > 0)
				fail_member(ch, code, k, 1, &o);
			for (int i = 0; i < o.n; i++)
				emit(x, o.code[i], rate * o.p[i]);
		} else if (rep & bit) {
			uint32_t up = mask | bit, r = rep_done(ch, rep, up, k);
			int now = role;

			if (ch->kind == CHAIN_QUORUM)
				now = quorum_role(ch, up, role);
			else if (ch->kind == CHAIN_FAILOVER && (role == n || role == 2 * n + 1 + k))
				/* back as standby, or active when no one is and
				 * no switch is pending, or at the end of a manual
				 * recovery waiting for this member */
				now = k;
			emit(x, pack(now, r, up, n), ch->mu[k]);
		}
	}
	for (int g = 0; g < ch->nshock; g++)
		if (ch->shock_mask[g] & mask)
			shock(ch, code, ch->shock_mask[g], ch->shock_rate[g], x);
	if (ch->kind == CHAIN_FAILOVER && role > n && role <= 2 * n) {
		o.n = 0;
		switch_end(ch, &o, rep, mask, role - n - 1, 1);
		for (int i = 0; i < o.n; i++)
			emit(x, o.code[i], o.p[i] / ch->tswitch);
	} else if (ch->kind == CHAIN_FAILOVER && role > 2 * n && ch->tmanual > 0) {
		emit(x, pack(first_up(mask, n), rep, mask, n), 1 / ch->tmanual);
	} else if (ch->kind == CHAIN_QUORUM && role == n + 1) {
		emit(x, pack(first_up(mask, n), rep, mask, n), 1 / ch->telect);
	}
}

/* The number of states the roles allow without crews (the reachable ones
 * are among them), or UINT64_MAX when it does not fit. */
static uint64_t chain_states(const struct chain *ch)
{
	uint64_t n = (uint64_t)ch->n, all, sum = 0, c = 1;

	if (n > 55)
		return UINT64_MAX;
	all = (uint64_t)1 << n;
	if (ch->kind == CHAIN_PLAIN)
		return all;
	if (ch->kind == CHAIN_FAILOVER)
		return n * (all / 2) + 1 + (ch->tswitch > 0 ? n * all : 0) +
		       (ch->coverage < 1 ? n * all : 0);
	for (uint64_t k = 0; k <= n; k++) {
		/* c = C(n, k): k members up */
		if ((int)k >= ch->need)
			sum += c * k + (ch->telect > 0 ? c : 0);
		else
			sum += c;
		c = c * (n - k) / (k + 1);
	}
	return sum;
}

/* The slot of CODE in the open-addressing table TABLE (SIZE a power of
 * two) of indices into CODES: where it is, or the empty slot for it. */
static size_t slot(const int32_t *table, size_t size, const uint32_t *codes, uint32_t code)
{
	size_t h = (size_t)(code * 2654435761u) & (size - 1);

	while (table[h] >= 0 && codes[table[h]] != code)
		h = (h + 1) & (size - 1);
	return h;
}

/* Solve CH, of at most CAP states, into *A and *U (quorum and failover:
 * up when a member leads) and, unless NULL, DIST[0 .. n]: the probability
 * of each number of members up.  Returns 0, 1 when the chain has a state
 * it never leaves (no steady state to speak of), 2 when it has more than
 * CAP states after all, or -1 out of memory. */
static int chain_solve(const struct chain *ch, size_t cap, double *a, double *u, double *dist)
{
	int n = ch->n, rc = 0;
	size_t size = 64, count = 1;
	int32_t *table;
	uint32_t *codes = malloc(cap * sizeof *codes);
	double *pi = malloc(cap * sizeof *pi);
	struct ctmc *c = NULL;
	struct next x;
	struct diag d;
	double up = 0, down = 0, total = 0;

	while (size < 2 * cap)
		size *= 2;
	table = malloc(size * sizeof *table);
	if (!table || !codes || !pi) {
		rc = -1;
		goto out;
	}
	for (size_t s = 0; s < size; s++)
		table[s] = -1;
	codes[0] = (1u << n) - 1;    /* all up, member 0 leading */
	table[slot(table, size, codes, codes[0])] = 0;
	for (size_t h = 0; h < count; h++) {
		chain_next(ch, codes[h], &x);
		for (int k = 0; k < x.n; k++) {
			size_t s = slot(table, size, codes, x.code[k]);

			if (table[s] >= 0)
				continue;
			if (count == cap) {
				rc = 2;
				goto out;
			}
			table[s] = (int32_t)count;
			codes[count++] = x.code[k];
		}
	}
	c = ctmc_new(count);
	if (!c) {
		rc = -1;
		goto out;
	}
	for (size_t h = 0; h < count; h++) {
		chain_next(ch, codes[h], &x);
		for (int k = 0; k < x.n; k++)
			ctmc_rate(c, h, (size_t)table[slot(table, size, codes, x.code[k])], x.rate[k]);
	}
	diag_init(&d);
	if (ctmc_solve(c, pi, &d)) {
		rc = 1;
		goto out;
	}
	/* the sums over their own total: none exceeds 1 by rounding */
	if (dist)
		for (int j = 0; j <= n; j++)
			dist[j] = 0;
	for (size_t h = 0; h < count; h++) {
		if ((int)(codes[h] >> 2 * n) < n)
			up += pi[h];
		else
			down += pi[h];
		if (dist)
			dist[popcount(codes[h] & ((1u << n) - 1))] += pi[h];
		total += pi[h];
	}
	*a = up / (up + down);
	*u = down / (up + down);
	if (dist)
		for (int j = 0; j <= n; j++)
			dist[j] /= total;
out:
	ctmc_free(c);
	free(table);
	free(codes);
	free(pi);
	return rc;
}

/* A text of block B's, kept in a->block_text; NULL when out of memory. */
static const char *block_text(struct analytic *a, size_t b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static const char *block_text(struct analytic *a, size_t b, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	free(a->block_text[b]);
	a->block_text[b] = malloc((size_t)len + 1);
	if (!a->block_text[b])
		return NULL;
	va_start(ap, fmt);
	vsnprintf(a->block_text[b], (size_t)len + 1, fmt, ap);
	va_end(ap);
	return a->block_text[b];
}

/* What ties instances together across blocks, filled by analytic_init:
 * each type's crew pool (-1 unlimited, nt the shared pool, t its own). */
struct ties {
	int *pool;            /* [nt] */
	int *limited;         /* [nt]: the type's repairs can wait for a crew */
};

/* Block B as a Markov chain of its own instances (a quorum, failover, or,
 * when crews or shocks tie them, a plain block): its value and method into
 * A, into *APPROX whether the value is an approximation, and for a plain
 * block the distribution of its members up into DIST (own + 1 entries).
 * Returns 0 (a value, or NaN with the reason), or -1 out of memory. */
static int chained(struct analytic *a, const struct model *m, const struct ties *ti,
		   size_t b, int *approx, double *dist)
{
	const struct block_params *p = model_block_params(m, b);
	size_t first = model_block_first_instance(m, b), own = model_block_own_instances(m, b);
	size_t nt = model_types(m);
	enum block_kind kind = model_block_kind(m, b);
	struct chain ch = { 0 };
	int gpool[CHAIN_MAX_MEMBERS];
	uint64_t states;
	size_t cap;
	int rc;

	*approx = 0;
	a->block_a[b] = a->block_u[b] = NAN;
	if (kind == BLOCK_FAILOVER && p->failback) {
		a->block_method[b] = "no exact value: failback is not in the Markov chain yet";
		return 0;
	}
	/* the simulator spares idle cold standbys from shocks; the chain
	 * does not know that yet */
	if (kind == BLOCK_FAILOVER && p->standby == STANDBY_COLD)
		for (size_t g = 0; g < model_ccf(m); g++)
			for (size_t k = 0; k < own; k++)
				if (model_instance_type(m, first + k) == model_ccf_type(m, g)) {
					a->block_method[b] = "no exact value: a common cause among "
						"cold standbys is not in the Markov chain yet";
					return 0;
				}
	for (size_t k = 0; k < own; k++) {
		size_t t = model_instance_type(m, first + k);
		const struct dist *f = model_type_failure(m, t), *r = model_type_repair(m, t);

		if (f->kind != DIST_EXPONENTIAL || r->kind != DIST_EXPONENTIAL) {
			a->block_method[b] = block_text(a, b,
				"no exact value: component \"%s\" has a %s %s law, and the "
				"Markov chain of a %s block needs exponential failure and "
				"repair laws", model_type_name(m, t),
				dist_kind_name(f->kind != DIST_EXPONENTIAL ? f->kind : r->kind),
				f->kind != DIST_EXPONENTIAL ? "failure" : "repair",
				block_kind_name(kind));
			return a->block_method[b] ? 0 : -1;
		}
	}
	ch.kind = kind == BLOCK_QUORUM ? CHAIN_QUORUM : kind == BLOCK_FAILOVER ?
		  CHAIN_FAILOVER : CHAIN_PLAIN;
	ch.n = (int)(own < 64 ? own : 64);
	ch.need = model_block_need(m, b);
	if (ch.kind == CHAIN_QUORUM) {
		ch.telect = p->election;
		*approx = ch.telect > 0;
	} else if (ch.kind == CHAIN_FAILOVER) {
		ch.standby = p->standby == STANDBY_HOT ? 1 :
			     p->standby == STANDBY_WARM ? p->dormancy : 0;
		ch.coverage = p->coverage;
		ch.tswitch = p->detect + p->switchover;
		ch.tmanual = p->coverage < 1 ? p->manual : 0;
		*approx = ch.tswitch > 0 || ch.tmanual > 0;
	}
	states = own > 55 ? UINT64_MAX : chain_states(&ch);
	if (ch.n > CHAIN_MAX_MEMBERS)
		goto too_many;
	ch.by_prio = model_crew_policy(m) == CREWS_PRIORITY;
	for (int k = 0; k < ch.n; k++) {
		size_t t = model_instance_type(m, first + (size_t)k);

		ch.lam[k] = 1 / model_type_failure(m, t)->mean;
		ch.mu[k] = 1 / model_type_repair(m, t)->mean;
		ch.prio[k] = model_type_priority(m, t);
		ch.pool[k] = -1;
		gpool[k] = ti->limited[t] ? ti->pool[t] : -1;
	}
	/* each group shocks its members at beta lambda and leaves them
	 * (1 - beta) of their own rate (the last group's, as in the engine) */
	for (size_t g = 0; g < model_ccf(m); g++) {
		size_t t = model_ccf_type(m, g);
		uint32_t mask = 0;

		for (int k = 0; k < ch.n; k++)
			if (model_instance_type(m, first + (size_t)k) == t) {
				mask |= 1u << k;
				ch.lam[k] = (1 - model_ccf_beta(m, g)) / model_type_failure(m, t)->mean;
			}
		if (!mask)
			continue;
		if (ch.nshock == CHAIN_MAX_SHOCKS) {
			a->block_method[b] = "no exact value: too many common-cause groups "
					     "strike the block";
			return 0;
		}
		ch.shock_rate[ch.nshock] = model_ccf_beta(m, g) / model_type_failure(m, t)->mean;
		ch.shock_mask[ch.nshock++] = mask;
	}
	/* the pools whose crews can all be busy: local numbers, and a queue
	 * that only identical members can tie in */
	for (int k = 0; k < ch.n; k++) {
		int users = 0, crews;

		if (gpool[k] < 0 || ch.pool[k] >= 0)
			continue;
		crews = gpool[k] == (int)nt ? model_crews(m) :
			model_type_crews(m, model_instance_type(m, first + (size_t)k));
		for (int j = 0; j < ch.n; j++)
			users += gpool[j] == gpool[k];
		if (users <= crews)
			continue;               /* nobody ever waits */
		for (int j = 0; j < ch.n; j++)
			for (int i = j + 1; i < ch.n; i++) {
				size_t tj = model_instance_type(m, first + (size_t)j);
				size_t ti2 = model_instance_type(m, first + (size_t)i);

				if (gpool[j] != gpool[k] || gpool[i] != gpool[k] || tj == ti2 ||
				    (ch.by_prio && ch.prio[j] != ch.prio[i]))
					continue;
				a->block_method[b] = block_text(a, b,
					"no exact value: components \"%s\" and \"%s\" wait "
					"for the same repair crews in one queue, whose order "
					"the Markov chain does not hold",
					model_type_name(m, tj), model_type_name(m, ti2));
				return a->block_method[b] ? 0 : -1;
			}
		for (int j = 0; j < ch.n; j++)
			if (gpool[j] == gpool[k])
				ch.pool[j] = k;
		ch.cap[k] = crews;
		ch.crews = 1;
	}
	cap = ch.crews ? CTMC_MAX_STATES : (size_t)states;
	if (!ch.crews && states > CTMC_MAX_STATES)
		goto too_many;
	rc = chain_solve(&ch, cap, &a->block_a[b], &a->block_u[b], dist);
	if (rc < 0)
		return -1;
	if (rc == 2)
		goto too_many;
	if (rc == 1) {
		a->block_a[b] = a->block_u[b] = NAN;
		a->block_method[b] = NO_EXACT_TRAP;
		return 0;
	}
	a->block_method[b] = *approx ? ANALYTIC_CHAIN_APPROX : ANALYTIC_CHAIN_EXACT;
	return 0;
too_many:
	a->block_a[b] = a->block_u[b] = NAN;
	if (ch.crews && ch.n <= CHAIN_MAX_MEMBERS)
		a->block_method[b] = block_text(a, b, "no exact value: too many states "
						"(over %d) for an exact solution", CTMC_MAX_STATES);
	else if (states == UINT64_MAX)
		a->block_method[b] = block_text(a, b, "no exact value: too many states "
						"(over 10^18) for an exact solution");
	else
		a->block_method[b] = block_text(a, b, "no exact value: too many states "
						"(%" PRIu64 ") for an exact solution", states);
	return a->block_method[b] ? 0 : -1;
}

/* Mark with REASON (a text of FMT about NAME) every block that holds an
 * instance of a type with USES set; returns 0, or -1 out of memory. */
static int mark_spread(struct analytic *a, const struct model *m, const unsigned char *uses,
		       const char **reason, const char *fmt, const char *name)
{
	for (size_t i = 0; i < model_instances(m); i++) {
		size_t b = model_instance_parent(m, i);

		if (!uses[model_instance_type(m, i)] || reason[b])
			continue;
		reason[b] = block_text(a, b, fmt, name);
		if (!reason[b])
			return -1;
	}
	return 0;
}

/* The instances of the types with USES set (crews of one pool, or a
 * common-cause group) must all be own instances of one block with a
 * Markov chain: mark it in TIED, or give the blocks that hold them their
 * REASON.  Returns 0, or -1 out of memory. */
static int tie(struct analytic *a, const struct model *m, const unsigned char *uses,
	       unsigned char *tied, const char **reason, const char *what, const char *name)
{
	size_t owner = SIZE_MAX;
	enum block_kind kind;

	for (size_t i = 0; i < model_instances(m); i++) {
		size_t b = model_instance_parent(m, i);

		if (!uses[model_instance_type(m, i)])
			continue;
		if (owner != SIZE_MAX && owner != b) {
			char fmt[256];

			snprintf(fmt, sizeof fmt, "no exact value: %s instances of several "
				 "blocks (a Markov chain covers one block's own instances)", what);
			return mark_spread(a, m, uses, reason, fmt, name);
		}
		owner = b;
	}
	if (owner == SIZE_MAX)
		return 0;
	kind = model_block_kind(m, owner);
	if (kind == BLOCK_POOL || kind == BLOCK_TRANSACTION) {
		char fmt[256];

		snprintf(fmt, sizeof fmt, "no exact value: %s the members of a %s block, "
			 "which has no Markov chain", what, block_kind_name(kind));
		return mark_spread(a, m, uses, reason, fmt, name);
	}
	tied[owner] = 1;
	return 0;
}

int analytic_init(struct analytic *a, const struct model *m, struct diag *d)
{
	size_t nb = model_blocks(m), nt = model_types(m);
	size_t maxc = 1;
	double *ca = NULL, *cu = NULL, *w = NULL;
	unsigned char *inside = NULL;   /* per block: 0 no chain, 1 exact chains, 2 an approximation */
	unsigned char *tied = NULL;     /* per block: crews or shocks tie its own instances */
	unsigned char *uses = NULL;     /* per type, scratch */
	const char **reason = NULL;     /* per block: why crews or shocks leave it no value */
	struct ties ti = { NULL, NULL };
	int crews = 0, maint = 0;

	a->method = "steady state of independent components, exact for any failure and repair laws";
	a->nblocks = nb;
	a->block_a = calloc(nb, sizeof *a->block_a);
	a->block_u = calloc(nb, sizeof *a->block_u);
	a->type_a = calloc(nt ? nt : 1, sizeof *a->type_a);
	a->type_u = calloc(nt ? nt : 1, sizeof *a->type_u);
	a->block_method = calloc(nb, sizeof *a->block_method);
	a->block_text = calloc(nb, sizeof *a->block_text);
	for (size_t b = 0; b < nb; b++)
		if ((size_t)model_block_children(m, b) > maxc)
			maxc = (size_t)model_block_children(m, b);
	ca = malloc(maxc * sizeof *ca);
	cu = malloc(maxc * sizeof *cu);
	w = malloc((maxc + 1) * sizeof *w);
	inside = calloc(nb ? nb : 1, sizeof *inside);
	tied = calloc(nb ? nb : 1, sizeof *tied);
	reason = calloc(nb ? nb : 1, sizeof *reason);
	uses = calloc(nt ? nt : 1, sizeof *uses);
	ti.pool = calloc(nt ? nt : 1, sizeof *ti.pool);
	ti.limited = calloc(nt ? nt : 1, sizeof *ti.limited);
	if (!a->block_a || !a->block_u || !a->type_a || !a->type_u || !a->block_method ||
	    !a->block_text || !ca || !cu || !w || !inside || !tied || !reason || !uses ||
	    !ti.pool || !ti.limited)
		goto oom;
	/* engine.c's pools: a type's own crews, else the shared ones */
	for (size_t t = 0; t < nt; t++) {
		ti.pool[t] = model_type_crews(m, t) > 0 ? (int)t : model_crews(m) > 0 ? (int)nt : -1;
		maint |= model_type_maint_every(m, t) > 0;
	}
	/* a pool with a crew for every instance it serves never makes one wait */
	for (size_t t = 0; t < nt; t++) {
		size_t users = 0;
		int cap = ti.pool[t] == (int)nt ? model_crews(m) : model_type_crews(m, t);

		for (size_t i = 0; i < model_instances(m) && ti.pool[t] >= 0; i++)
			users += ti.pool[model_instance_type(m, i)] == ti.pool[t];
		ti.limited[t] = ti.pool[t] >= 0 && users > (size_t)cap;
		crews |= ti.limited[t];
	}
	for (size_t t = 0; t < nt; t++) {
		double up = model_type_failure(m, t)->mean;
		double down = model_type_repair(m, t)->mean;

		/* ratios, not up + down, which overflows for huge means; a
		 * common cause leaves a member's rate while up unchanged, but a
		 * repair waiting for a crew makes the type's value the block's */
		a->type_a[t] = ti.limited[t] ? NAN : 1 / (1 + down / up);
		a->type_u[t] = ti.limited[t] ? NAN : 1 / (1 + up / down);
	}
	if (maint) {
		a->method = NO_EXACT_MAINT;
		for (size_t t = 0; t < nt; t++)
			a->type_a[t] = a->type_u[t] = NAN;
		for (size_t b = 0; b < nb; b++) {
			a->block_method[b] = a->method;
			a->block_a[b] = a->block_u[b] = NAN;
		}
		goto done;
	}
	if (crews)
		a->method = WITH_CREWS;
	/* Crews and shocks tie instances together: exact only when one
	 * block's chain holds all the instances tied. */
	for (size_t p = 0; p <= nt; p++) {
		int any = 0;

		for (size_t t = 0; t < nt; t++) {
			uses[t] = ti.limited[t] && ti.pool[t] == (int)p;
			any |= uses[t];
		}
		if (any && tie(a, m, uses, tied, reason, p == nt ?
			       "the shared repair crews serve" : "the repair crews of \"%s\" serve",
			       p == nt ? "" : model_type_name(m, p)))
			goto oom;
	}
	for (size_t g = 0; g < model_ccf(m); g++) {
		for (size_t t = 0; t < nt; t++)
			uses[t] = t == model_ccf_type(m, g);
		if (tie(a, m, uses, tied, reason, "the common cause of \"%s\" strikes",
			model_type_name(m, model_ccf_type(m, g))))
			goto oom;
	}
	/* Pre-order numbering: children come after their parent, so walking
	 * the blocks backwards meets every child before its parent. */
	for (size_t b = nb; b-- > 0;) {
		int n = 0, unknown = 0, approx = 0;
		size_t first = model_block_first_instance(m, b);
		size_t own = model_block_own_instances(m, b);

		a->block_method[b] = a->method;
		for (size_t k = 0; k < own; k++)
			if (model_instance_zone(m, first + k) != SIZE_MAX)
				unknown = 1;
		if (unknown || model_block_kind(m, b) == BLOCK_TRANSACTION) {
			a->block_method[b] = unknown ? NO_EXACT_ZONES : NO_EXACT_TX;
			a->block_a[b] = a->block_u[b] = NAN;
			continue;
		}
		if (reason[b]) {
			a->block_method[b] = reason[b];
			a->block_a[b] = a->block_u[b] = NAN;
			continue;
		}
		if (block_kind_leads(model_block_kind(m, b))) {
			if (chained(a, m, &ti, b, &approx, NULL))
				goto oom;
			inside[b] = approx ? 2 : 1;
			continue;
		}
		if (tied[b]) {
			/* the chain's count of own members up, then each child */
			if (chained(a, m, &ti, b, &approx, w))
				goto oom;
			if (isnan(a->block_u[b]))
				continue;
			inside[b] = 1;
		} else {
			for (size_t k = 0; k < own; k++) {
				size_t t = model_instance_type(m, first + k);

				ca[n] = a->type_a[t];
				cu[n] = a->type_u[t];
				n++;
			}
		}
		for (size_t c = b + 1; c < model_block_end(m, b); c = model_block_end(m, c)) {
			ca[n] = a->block_a[c];
			cu[n] = a->block_u[c];
			unknown |= isnan(ca[n]);
			if (inside[c] > inside[b])
				inside[b] = inside[c];
			n++;
		}
		if (unknown) {
			a->block_method[b] = NO_EXACT_CHILD;
			a->block_a[b] = a->block_u[b] = NAN;
			continue;
		}
		if (tied[b]) {
			a->block_method[b] = n == 0 ? ANALYTIC_CHAIN_EXACT :
					     inside[b] == 2 ? WITH_APPROX : WITH_CHAIN;
			convolve(w, own, ca, cu, n, model_block_need(m, b),
				 &a->block_a[b], &a->block_u[b]);
			continue;
		}
		if (inside[b])
			a->block_method[b] = inside[b] == 2 ? WITH_APPROX : WITH_CHAIN;
		combine(ca, cu, n, model_block_need(m, b), w, &a->block_a[b], &a->block_u[b]);
	}
done:
	free(ca);
	free(cu);
	free(w);
	free(inside);
	free(tied);
	free(reason);
	free(uses);
	free(ti.pool);
	free(ti.limited);
	return 0;
oom:
	free(ca);
	free(cu);
	free(w);
	free(inside);
	free(tied);
	free(reason);
	free(uses);
	free(ti.pool);
	free(ti.limited);
	analytic_release(a);
	return diag_runtime(d, "out of memory for the analytic values");
}

void analytic_release(struct analytic *a)
{
	if (a->block_text)
		for (size_t b = 0; b < a->nblocks; b++)
			free(a->block_text[b]);
	free(a->block_text);
	a->block_text = NULL;
	free(a->block_method);
	a->block_method = NULL;
	free(a->block_a);
	free(a->block_u);
	free(a->type_a);
	free(a->type_u);
	a->block_a = a->block_u = a->type_a = a->type_u = NULL;
}
