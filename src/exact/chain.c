/* chain.c - the states and transitions of a block's Markov chain, and its
 * solution.
 *
 * Each step follows the engine: a member's failure or repair, with the
 * crews' repair_request and repair_done (engine.c), the quorum and
 * failover state machines (fsm.c, whose state tables the roles follow),
 * and a common-cause shock failing the members up one after the other as
 * engine.c's ccf_event does.  Only the states reachable from the start
 * (everything up, the first member leading) are built, and ctmc.c solves
 * the chain without subtractions, so the down states' probabilities,
 * summed on their own, give the unavailability to full relative accuracy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exact/chain.h"
#include "exact/ctmc.h"
#include "util/diag.h"

/* The transitions out of one state, each with its rate. */
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

/* The first member up, or N when none is: fsm.c's first_up. */
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
 * in its pool, by priority if so, then the first by index: chain_crews
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

/* fsm_quorum_notify's rule for the role once MASK is up: no leader without a
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

/* fsm.c's failover switch ending with MASK up after member F's failure,
 * with probability P.  With probability coverage the switch succeeds and
 * another member up takes over (F itself only when it alone is up, having
 * been repaired during the switch; no one when none is up).  Otherwise it
 * fails: F resumes at once if it is already back, else manual recovery
 * begins. */
static void switch_end(const struct chain *ch, struct outcomes *o, uint32_t rep,
		       uint32_t mask, int f, double p)
{
	int n = ch->n;
	uint32_t others = mask & ~(1u << f);

	outcome(o, pack(first_up(others ? others : mask, n), rep, mask, n), p * ch->coverage);
	if (ch->coverage < 1)
		outcome(o, pack(mask >> f & 1 ? f : 2 * n + 1 + f, rep, mask, n),
			p * (1 - ch->coverage));
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

/* engine.c's ccf_event: a shock fails the members of MASK that are up
 * one after the other, by index, as the engine does. */
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

/* The exponential moves out of state CODE: fsm_failover_notify,
 * fsm_quorum_notify, the crews and the shocks.  In a failover block an up
 * member fails at its rate if it is active, at the standby's rate
 * otherwise (cold standbys keep their infinite clock while nobody is
 * active, as the engine draws a standby's next failure when it is
 * repaired or activated); a shock fails standbys too. */
static void chain_moves(const struct chain *ch, uint32_t code, struct next *x)
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
}

/* The fixed timer running in state CODE, fsm_failover_expire and
 * fsm_quorum_expire: its length (0: none runs) and the states it leads to
 * when it expires, with their probabilities, into O.  A timer runs from
 * the move into its role until it expires or a move leaves the role (a
 * member back ends a manual recovery, a majority lost calls off an
 * election); moves that keep the role do not restart it. */
static double chain_timer(const struct chain *ch, uint32_t code, struct outcomes *o)
{
	int n = ch->n, role = (int)(code >> 2 * n);
	uint32_t all = (1u << n) - 1, mask = code & all, rep = code >> n & all;

	o->n = 0;
	if (ch->kind == CHAIN_FAILOVER && role > n && role <= 2 * n) {
		switch_end(ch, o, rep, mask, role - n - 1, 1);
		return ch->tswitch;
	}
	if (ch->kind == CHAIN_FAILOVER && role > 2 * n && ch->tmanual > 0) {
		outcome(o, pack(first_up(mask, n), rep, mask, n), 1);
		return ch->tmanual;
	}
	if (ch->kind == CHAIN_QUORUM && role == n + 1) {
		outcome(o, pack(first_up(mask, n), rep, mask, n), 1);
		return ch->telect;
	}
	return 0;
}

uint64_t chain_states(const struct chain *ch)
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

/* Every state reachable from the start (everything up, member 0
 * leading), in the order found, into SP->code and SP->count, with TABLE
 * (SIZE slots) indexing them.  Returns 0, or 2 past CAP states. */
static int space_find(const struct chain *ch, struct chain_space *sp, size_t cap,
		      int32_t *table, size_t size)
{
	struct next x;
	struct outcomes o;

	sp->code[0] = (1u << ch->n) - 1;
	sp->count = 1;
	table[slot(table, size, sp->code, sp->code[0])] = 0;
	for (size_t h = 0; h < sp->count; h++) {
		chain_moves(ch, sp->code[h], &x);
		chain_timer(ch, sp->code[h], &o);
		for (int k = 0; k < x.n + o.n; k++) {
			uint32_t to = k < x.n ? x.code[k] : o.code[k - x.n];
			size_t s = slot(table, size, sp->code, to);

			if (table[s] >= 0)
				continue;
			if (sp->count == cap)
				return 2;
			table[s] = (int32_t)sp->count;
			sp->code[sp->count++] = to;
		}
	}
	return 0;
}

/* Make room for at least NEED entries in the pair of arrays TO and V. */
static int grow(uint32_t **to, double **v, size_t *cap, size_t need)
{
	size_t c = *cap;
	uint32_t *t;
	double *w;

	while (c < need)
		c *= 2;
	t = realloc(*to, c * sizeof *t);
	if (!t)
		return -1;
	*to = t;
	w = realloc(*v, c * sizeof *w);
	if (!w)
		return -1;
	*v = w;
	*cap = c;
	return 0;
}

/* SP's moves and timers, once its states are found.  Returns 0, or -1
 * out of memory. */
static int space_link(const struct chain *ch, struct chain_space *sp,
		      const int32_t *table, size_t size)
{
	size_t nm = 0, nf = 0, cm = 4 * sp->count, cf = sp->count;
	struct next x;
	struct outcomes o;

	sp->move_to = malloc(cm * sizeof *sp->move_to);
	sp->move_rate = malloc(cm * sizeof *sp->move_rate);
	sp->fire_to = malloc(cf * sizeof *sp->fire_to);
	sp->fire_p = malloc(cf * sizeof *sp->fire_p);
	if (!sp->move_to || !sp->move_rate || !sp->fire_to || !sp->fire_p)
		return -1;
	for (size_t h = 0; h < sp->count; h++) {
		chain_moves(ch, sp->code[h], &x);
		sp->tau[h] = chain_timer(ch, sp->code[h], &o);
		if ((nm + (size_t)x.n > cm && grow(&sp->move_to, &sp->move_rate, &cm, nm + (size_t)x.n)) ||
		    (nf + (size_t)o.n > cf && grow(&sp->fire_to, &sp->fire_p, &cf, nf + (size_t)o.n)))
			return -1;
		sp->move_at[h] = nm;
		for (int k = 0; k < x.n; k++) {
			sp->move_to[nm] = (uint32_t)table[slot(table, size, sp->code, x.code[k])];
			sp->move_rate[nm++] = x.rate[k];
		}
		sp->fire_at[h] = nf;
		for (int k = 0; k < o.n; k++) {
			sp->fire_to[nf] = (uint32_t)table[slot(table, size, sp->code, o.code[k])];
			sp->fire_p[nf++] = o.p[k];
		}
	}
	sp->move_at[sp->count] = nm;
	sp->fire_at[sp->count] = nf;
	return 0;
}

static void space_release(struct chain_space *sp)
{
	free(sp->code);
	free(sp->tau);
	free(sp->move_at);
	free(sp->move_to);
	free(sp->move_rate);
	free(sp->fire_at);
	free(sp->fire_to);
	free(sp->fire_p);
}

/* The reachable states of CH, at most CAP, into SP.  Returns 0, 2 past CAP
 * states, or -1 out of memory, with SP to release in every case. */
static int space_build(const struct chain *ch, size_t cap, struct chain_space *sp)
{
	size_t size = 64;
	int32_t *table;
	int rc;

	memset(sp, 0, sizeof *sp);
	sp->n = ch->n;
	while (size < 2 * cap)
		size *= 2;
	table = malloc(size * sizeof *table);
	sp->code = malloc(cap * sizeof *sp->code);
	if (!table || !sp->code) {
		free(table);
		return -1;
	}
	for (size_t s = 0; s < size; s++)
		table[s] = -1;
	rc = space_find(ch, sp, cap, table, size);
	if (rc == 0 && (!(sp->tau = malloc(sp->count * sizeof *sp->tau)) ||
			!(sp->move_at = malloc((sp->count + 1) * sizeof *sp->move_at)) ||
			!(sp->fire_at = malloc((sp->count + 1) * sizeof *sp->fire_at)) ||
			space_link(ch, sp, table, size)))
		rc = -1;
	free(table);
	return rc;
}

/* The stationary distribution of SP when no timer runs: the chain's
 * rates solved by ctmc.c.  Returns 0, 1 (no steady state) or -1. */
static int space_solve_plain(const struct chain_space *sp, double *time)
{
	struct ctmc *c = ctmc_new(sp->count);
	struct diag d;
	int rc = 0;

	if (!c)
		return -1;
	for (size_t h = 0; h < sp->count; h++)
		for (size_t k = sp->move_at[h]; k < sp->move_at[h + 1]; k++)
			ctmc_rate(c, h, sp->move_to[k], sp->move_rate[k]);
	diag_init(&d);
	if (ctmc_solve(c, time, &d))
		rc = 1;
	ctmc_free(c);
	return rc;
}

int chain_solve(const struct chain *ch, size_t cap, double *a, double *u, double *dist)
{
	int n = ch->n, rc, timed = 0;
	struct chain_space sp;
	double *time = NULL, up = 0, down = 0, total = 0;

	rc = space_build(ch, cap, &sp);
	if (rc == 0 && !(time = malloc(sp.count * sizeof *time)))
		rc = -1;
	for (size_t h = 0; rc == 0 && h < sp.count; h++)
		timed |= sp.tau[h] > 0;
	if (rc == 0)
		rc = timed ? chain_timed_solve(&sp, time) : space_solve_plain(&sp, time);
	if (rc)
		goto out;
	/* the sums over their own total: none exceeds 1 by rounding */
	if (dist)
		for (int j = 0; j <= n; j++)
			dist[j] = 0;
	for (size_t h = 0; h < sp.count; h++) {
		if ((int)(sp.code[h] >> 2 * n) < n)
			up += time[h];
		else
			down += time[h];
		if (dist)
			dist[popcount(sp.code[h] & ((1u << n) - 1))] += time[h];
		total += time[h];
	}
	*a = up / (up + down);
	*u = down / (up + down);
	if (dist)
		for (int j = 0; j <= n; j++)
			dist[j] /= total;
out:
	free(time);
	space_release(&sp);
	return rc;
}
