/* chain.c - the states and transitions of a block's Markov chain, and its
 * solution.
 *
 * Each step follows the engine: a member's failure or repair, with the
 * crews' repair_request and repair_done (engine.c), the quorum and
 * failover state machines (fsm.c, whose state tables the roles follow),
 * and a common-cause shock failing the members up one after the other as
 * engine.c's ccf_event does.  Only the states reachable from the start
 * (everything up, the first member leading) are built, and ctmc.c (up to
 * CTMC_MAX_STATES states) or ctmc_sparse.c (beyond) solves the chain
 * without subtractions, so the down states' probabilities, summed on their
 * own, give the unavailability to full relative accuracy.  States are
 * coded in 64 bits, so that up to CHAIN_MAX_MEMBERS (20) members fit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exact/chain.h"
#include "exact/ctmc.h"
#include "exact/ctmc_sparse.h"
#include "util/diag.h"

/* The transitions out of one state, each with its rate. */
struct next {
	uint64_t code[CHAIN_MAX_NEXT];
	double rate[CHAIN_MAX_NEXT];
	int n;
};

/* The outcomes of one step, each with its probability: a failure has two
 * at most, a common-cause shock one more than the members it fails. */
struct outcomes {
	uint64_t code[CHAIN_MAX_MEMBERS + 2];
	double p[CHAIN_MAX_MEMBERS + 2];
	int n;
};

static uint64_t pack(int role, uint64_t rep, uint64_t mask, int n)
{
	return (uint64_t)role << 2 * n | rep << n | mask;
}

static void emit(struct next *x, uint64_t code, double rate)
{
	if (rate > 0) {
		x->code[x->n] = code;
		x->rate[x->n] = rate;
		x->n++;
	}
}

static void outcome(struct outcomes *o, uint64_t code, double p)
{
	if (p > 0) {
		o->code[o->n] = code;
		o->p[o->n] = p;
		o->n++;
	}
}

/* The first member up, or N when none is: fsm.c's first_up. */
static int first_up(uint64_t mask, int n)
{
	for (int k = 0; k < n; k++)
		if (mask >> k & 1)
			return k;
	return n;
}

static int popcount(uint64_t mask)
{
	int c = 0;

	for (; mask; mask &= mask - 1)
		c++;
	return c;
}

/* engine.c's repair_request: member K, just failed, is repaired at once
 * when its pool has a free crew (or no limit), else it waits. */
static uint64_t rep_fail(const struct chain *ch, uint64_t rep, int k)
{
	int p = ch->pool[k], busy = 0;

	if (p >= 0)
		for (int j = 0; j < ch->n; j++)
			busy += (rep >> j & 1) && ch->pool[j] == p;
	return p < 0 || busy < ch->cap[p] ? rep | (uint64_t)1 << k : rep;
}

/* engine.c's repair_done: member K's crew takes the next member waiting
 * in its pool, by priority if so, then the first by index: chain_crews
 * lets only members of one type tie, and which of identical members is
 * repaired first does not change the availability. */
static uint64_t rep_done(const struct chain *ch, uint64_t rep, uint64_t mask, int k)
{
	int p = ch->pool[k], best = -1;

	rep &= ~((uint64_t)1 << k);
	if (p < 0)
		return rep;
	for (int j = 0; j < ch->n; j++)
		if (!((mask | rep) >> j & 1) && ch->pool[j] == p &&
		    (best < 0 || (ch->by_prio && ch->prio[j] < ch->prio[best])))
			best = j;
	return best < 0 ? rep : rep | (uint64_t)1 << best;
}

/* fsm_quorum_notify's rule for the role once MASK is up: no leader without a
 * majority, and an election (or at once the first member up) when a
 * majority has no leader. */
static int quorum_role(const struct chain *ch, uint64_t mask, int role)
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
static void switch_end(const struct chain *ch, struct outcomes *o, uint64_t rep,
		       uint64_t mask, int f, double p)
{
	int n = ch->n;
	uint64_t others = mask & ~((uint64_t)1 << f);

	outcome(o, pack(first_up(others ? others : mask, n), rep, mask, n), p * ch->coverage);
	if (ch->coverage < 1)
		outcome(o, pack(mask >> f & 1 ? f : 2 * n + 1 + f, rep, mask, n),
			p * (1 - ch->coverage));
}

/* Member K, up in state CODE, fails (on its own or by a shock): the
 * states that follow, with probability P in all, into O. */
static void fail_member(const struct chain *ch, uint64_t code, int k, double p, struct outcomes *o)
{
	int n = ch->n, role = (int)(code >> 2 * n);
	uint64_t all = ((uint64_t)1 << n) - 1, mask = code & all, rest = mask & ~((uint64_t)1 << k);
	uint64_t rep = rep_fail(ch, code >> n & all, k);

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
static void shock(const struct chain *ch, uint64_t code, uint64_t mask, double rate, struct next *x)
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
static void chain_moves(const struct chain *ch, uint64_t code, struct next *x)
{
	int n = ch->n, role = (int)(code >> 2 * n);
	uint64_t all = ((uint64_t)1 << n) - 1, mask = code & all, rep = code >> n & all;
	struct outcomes o;

	x->n = 0;
	for (int k = 0; k < n; k++) {
		uint64_t bit = (uint64_t)1 << k;

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
			uint64_t up = mask | bit, r = rep_done(ch, rep, up, k);
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
static double chain_timer(const struct chain *ch, uint64_t code, struct outcomes *o)
{
	int n = ch->n, role = (int)(code >> 2 * n);
	uint64_t all = ((uint64_t)1 << n) - 1, mask = code & all, rep = code >> n & all;

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
static size_t slot(const int32_t *table, size_t size, const uint64_t *codes, uint64_t code)
{
	size_t h = (size_t)((code * 0x9e3779b97f4a7c15u) >> 32) & (size - 1);

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

	sp->code[0] = ((uint64_t)1 << ch->n) - 1;
	sp->count = 1;
	table[slot(table, size, sp->code, sp->code[0])] = 0;
	for (size_t h = 0; h < sp->count; h++) {
		chain_moves(ch, sp->code[h], &x);
		chain_timer(ch, sp->code[h], &o);
		for (int k = 0; k < x.n + o.n; k++) {
			uint64_t to = k < x.n ? x.code[k] : o.code[k - x.n];
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

void chain_space_release(struct chain_space *sp)
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

int chain_space_build(const struct chain *ch, size_t cap, struct chain_space *sp)
{
	size_t size = 64;
	int32_t *table;
	int rc;

	memset(sp, 0, sizeof *sp);
	sp->shift = 2 * ch->n;
	sp->nroles = 3 * ch->n + 2;
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

/* The dense chain of N <= CTMC_MAX_STATES states, solved by GTH. */
static int rates_solve_dense(size_t n, const size_t *at, const uint32_t *to,
			     const double *rate, double *pi)
{
	struct ctmc *c = ctmc_new(n);
	struct diag d;
	int rc = 0;

	if (!c)
		return -1;
	for (size_t h = 0; h < n; h++)
		for (size_t k = at[h]; k < at[h + 1]; k++)
			ctmc_rate(c, h, to[k], rate[k]);
	diag_init(&d);
	if (ctmc_solve(c, pi, &d))
		rc = 1;
	ctmc_free(c);
	return rc;
}

int chain_rates_solve(const struct chain_space *sp, const size_t *at, const uint32_t *to,
		      const double *rate, double *pi)
{
	uint32_t *role;
	struct diag d;
	int rc;

	if (sp->count <= CTMC_MAX_STATES)
		return rates_solve_dense(sp->count, at, to, rate, pi);
	role = malloc(sp->count * sizeof *role);
	if (!role)
		return -1;
	for (size_t h = 0; h < sp->count; h++)
		role[h] = (uint32_t)(sp->code[h] >> sp->shift);
	diag_init(&d);
	rc = ctmc_sparse_solve(sp->count, at, to, rate, role, (size_t)sp->nroles, pi, NULL, &d);
	free(role);
	return rc == 2 ? 4 : rc;
}

/* Sum TIME (the long-run share of each state of SP) into *A and *U, the
 * shares of the states CLASS_OF says are up and down, and, unless DIST is
 * NULL, DIST[0 .. N] the share of each number of members up, each over the
 * total, with compensated sums.  Returns 0, or -1 out of memory. */
static int chain_tally(const struct chain_space *sp, const double *time, int n,
		       int (*class_of)(uint64_t code, const void *arg, int *up), const void *arg,
		       double *a, double *u, double *dist)
{
	struct ctmc_sum up = { 0, 0 }, down = { 0, 0 }, *count = NULL;
	double total;

	if (dist && !(count = calloc((size_t)n + 1, sizeof *count)))
		return -1;
	for (size_t h = 0; h < sp->count; h++) {
		int members, is_up = class_of(sp->code[h], arg, &members);

		ctmc_sum_add(is_up ? &up : &down, time[h]);
		if (count)
			ctmc_sum_add(&count[members], time[h]);
	}
	/* the sums over their own total: none exceeds 1 by rounding */
	total = ctmc_sum_value(&up) + ctmc_sum_value(&down);
	*a = ctmc_sum_value(&up) / total;
	*u = ctmc_sum_value(&down) / total;
	for (int j = 0; count && j <= n; j++)
		dist[j] = ctmc_sum_value(&count[j]) / total;
	free(count);
	return 0;
}

/* A state of the full chain CH (ARG): up when a member leads (quorum and
 * failover) or enough members are up (plain), with its members up into
 * *UP. */
static int chain_class(uint64_t code, const void *arg, int *up)
{
	const struct chain *ch = arg;
	int n = ch->n;

	*up = popcount(code & (((uint64_t)1 << n) - 1));
	return ch->kind == CHAIN_PLAIN ? *up >= ch->need : (int)(code >> 2 * n) < n;
}

int chain_space_solve(const struct chain_space *sp, int n,
		      int (*class_of)(uint64_t code, const void *arg, int *up), const void *arg,
		      double *a, double *u, double *dist)
{
	double *time = malloc(sp->count * sizeof *time);
	int rc, timed = 0;

	if (!time)
		return -1;
	for (size_t h = 0; h < sp->count; h++)
		timed |= sp->tau[h] > 0;
	rc = timed ? chain_timed_solve(sp, time) :
	     chain_rates_solve(sp, sp->move_at, sp->move_to, sp->move_rate, time);
	if (rc == 0)
		rc = chain_tally(sp, time, n, class_of, arg, a, u, dist);
	free(time);
	return rc;
}

int chain_solve(const struct chain *ch, size_t cap, double *a, double *u, double *dist)
{
	struct chain_space sp;
	int rc = chain_space_build(ch, cap, &sp);

	if (rc == 0)
		rc = chain_space_solve(&sp, ch->n, chain_class, ch, a, u, dist);
	chain_space_release(&sp);
	return rc;
}
