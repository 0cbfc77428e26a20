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
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analytic.h"
#include "ctmc.h"

#define WITH_CHAIN "steady state of independent blocks, exact, with Markov chains " \
	"for the quorum and failover blocks inside"
#define WITH_APPROX "steady state of independent blocks, with a Markov chain inside " \
	"that takes switch/election times as exponential of the same means (an approximation)"
#define NO_EXACT_CHILD "no exact value: a block inside has none"
#define NO_EXACT_SHARED "no exact value: common-cause shocks or planned maintenance " \
	"take instances down together (not in the exact methods yet)"
#define NO_EXACT_CREWS "no exact value: with limited repair crews, repairs wait for " \
	"each other across the design (a chain for it is not implemented yet)"
#define NO_EXACT_ZONES "no exact value: instances placed in zones go down together " \
	"with their zone (conditioning on the zones is not implemented yet)"
#define NO_EXACT_TX "no exact value: a transaction blocked on its failed coordinator " \
	"is not in the exact methods yet"
#define NO_EXACT_TRAP "no exact value: the block can stay down for good " \
	"(its Markov chain has a state it never leaves)"

/* CTMC_MAX_STATES bounds the members a chain can have: a failover block
 * of n members has at least n 2^(n-1) states, a quorum more than 2^n. */
#define CHAIN_MAX_MEMBERS 12
/* Transitions out of one state: a failure or repair per member, each with
 * two outcomes at most, and a timer with two. */
#define CHAIN_MAX_NEXT (2 * CHAIN_MAX_MEMBERS + 2)

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

/* ---- quorum and failover blocks as Markov chains ---- */

/* A state is coded as role << n | mask: bit k of the mask is member k up,
 * and the role is, for both kinds, 0 .. n-1 for "member r leads" and n for
 * "no leader, nothing pending"; then for a failover n+1+f for "switching
 * after member f failed" and 2n+1+f for "manual recovery after member f's
 * failed switch", and for a quorum n+1 for "electing". */
struct chain {
	int quorum;             /* else a failover block */
	int n, need;
	double lam[CHAIN_MAX_MEMBERS], mu[CHAIN_MAX_MEMBERS];
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

static void emit(struct next *x, int role, uint32_t mask, int n, double rate)
{
	if (rate > 0) {
		x->code[x->n] = (uint32_t)role << n | mask;
		x->rate[x->n] = rate;
		x->n++;
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

/* engine.c's failover_switch ending at RATE with MASK up after member F's
 * failure: the switch succeeds with probability coverage and the first
 * member up takes over (if any); otherwise manual recovery begins. */
static void switch_end(const struct chain *ch, struct next *x, uint32_t mask, int f, double rate)
{
	int n = ch->n;

	emit(x, first_up(mask, n), mask, n, rate * ch->coverage);
	if (ch->coverage < 1)
		emit(x, 2 * n + 1 + f, mask, n, rate * (1 - ch->coverage));
}

/* failover_child and failover_timer: an up member fails at its rate if it
 * is active, at the standby's rate otherwise (cold standbys keep their
 * infinite clock while nobody is active, as the engine draws a standby's
 * next failure when it is repaired or activated). */
static void failover_next(const struct chain *ch, uint32_t code, struct next *x)
{
	int n = ch->n, role = (int)(code >> n);
	uint32_t mask = code & ((1u << n) - 1);

	for (int k = 0; k < n; k++) {
		uint32_t bit = 1u << k;

		if (mask & bit) {
			uint32_t rest = mask & ~bit;

			if (role != k)                  /* a standby, or no one active */
				emit(x, role, rest, n, ch->standby * ch->lam[k]);
			else if (rest == 0)             /* wait for a repair */
				emit(x, n, rest, n, ch->lam[k]);
			else if (ch->tswitch > 0)       /* a switch begins */
				emit(x, n + 1 + k, rest, n, ch->lam[k]);
			else
				switch_end(ch, x, rest, k, ch->lam[k]);
		} else {
			/* back as standby, or active when no one is and no
			 * switch is pending, or at the end of a manual recovery
			 * waiting for this member */
			int now = role == n || role == 2 * n + 1 + k ? k : role;

			emit(x, now, mask | bit, n, ch->mu[k]);
		}
	}
	if (role > n && role <= 2 * n)
		switch_end(ch, x, mask, role - n - 1, 1 / ch->tswitch);
	else if (role > 2 * n && ch->tmanual > 0)
		emit(x, first_up(mask, n), mask, n, 1 / ch->tmanual);
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

static void quorum_next(const struct chain *ch, uint32_t code, struct next *x)
{
	int n = ch->n, role = (int)(code >> n);
	uint32_t mask = code & ((1u << n) - 1);

	for (int k = 0; k < n; k++) {
		uint32_t bit = 1u << k;

		if (mask & bit)
			emit(x, quorum_role(ch, mask & ~bit, role == k ? n : role),
			     mask & ~bit, n, ch->lam[k]);
		else
			emit(x, quorum_role(ch, mask | bit, role), mask | bit, n, ch->mu[k]);
	}
	if (role == n + 1)
		emit(x, first_up(mask, n), mask, n, 1 / ch->telect);
}

static void chain_next(const struct chain *ch, uint32_t code, struct next *x)
{
	x->n = 0;
	if (ch->quorum)
		quorum_next(ch, code, x);
	else
		failover_next(ch, code, x);
}

/* The number of states the roles allow (the reachable ones are among
 * them), or UINT64_MAX when it does not fit. */
static uint64_t chain_states(const struct chain *ch)
{
	uint64_t n = (uint64_t)ch->n, all, sum = 0, c = 1;

	if (n > 55)
		return UINT64_MAX;
	all = (uint64_t)1 << n;
	if (!ch->quorum)
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

/* Solve CH, of at most CAP states, into *A and *U.  Returns 0, 1 when the
 * chain has a state it never leaves (no steady state to speak of), 2 when
 * it has more than CAP states after all, or -1 out of memory. */
static int chain_solve(const struct chain *ch, size_t cap, double *a, double *u)
{
	int n = ch->n, roles = ch->quorum ? n + 2 : 3 * n + 1, rc = 0;
	size_t space = (size_t)roles << n, count = 1;
	int32_t *index = malloc(space * sizeof *index);
	uint32_t *codes = malloc(cap * sizeof *codes);
	double *pi = malloc(cap * sizeof *pi);
	struct ctmc *c = NULL;
	struct next x;
	struct diag d;
	double up = 0, down = 0;

	if (!index || !codes || !pi) {
		rc = -1;
		goto out;
	}
	for (size_t s = 0; s < space; s++)
		index[s] = -1;
	codes[0] = (1u << n) - 1;    /* all up, member 0 leading */
	index[codes[0]] = 0;
	for (size_t h = 0; h < count; h++) {
		chain_next(ch, codes[h], &x);
		for (int k = 0; k < x.n; k++) {
			if (index[x.code[k]] >= 0)
				continue;
			if (count == cap) {
				rc = 2;
				goto out;
			}
			index[x.code[k]] = (int32_t)count;
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
			ctmc_rate(c, h, (size_t)index[x.code[k]], x.rate[k]);
	}
	diag_init(&d);
	if (ctmc_solve(c, pi, &d)) {
		rc = 1;
		goto out;
	}
	/* the two sums over their own total: neither exceeds 1 by rounding */
	for (size_t h = 0; h < count; h++) {
		if ((int)(codes[h] >> n) < n)
			up += pi[h];
		else
			down += pi[h];
	}
	*a = up / (up + down);
	*u = down / (up + down);
out:
	ctmc_free(c);
	free(index);
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

/* Quorum or failover block B: its value and method into A, and into
 * *APPROX whether the value is an approximation.  Returns 0 (a value, or
 * NaN with the reason), or -1 out of memory. */
static int replicated(struct analytic *a, const struct model *m, size_t b, int *approx)
{
	const struct block_params *p = model_block_params(m, b);
	size_t first = model_block_first_instance(m, b), own = model_block_own_instances(m, b);
	enum block_kind kind = model_block_kind(m, b);
	struct chain ch = { 0 };
	uint64_t states;
	int rc;

	*approx = 0;
	a->block_a[b] = a->block_u[b] = NAN;
	if (kind == BLOCK_FAILOVER && p->failback) {
		a->block_method[b] = "no exact value: failback is not in the Markov chain yet";
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
	ch.quorum = kind == BLOCK_QUORUM;
	ch.n = (int)(own < 64 ? own : 64);
	ch.need = model_block_need(m, b);
	if (ch.quorum) {
		ch.telect = p->election;
		*approx = ch.telect > 0;
	} else {
		ch.standby = p->standby == STANDBY_HOT ? 1 :
			     p->standby == STANDBY_WARM ? p->dormancy : 0;
		ch.coverage = p->coverage;
		ch.tswitch = p->detect + p->switchover;
		ch.tmanual = p->coverage < 1 ? p->manual : 0;
		*approx = ch.tswitch > 0 || ch.tmanual > 0;
	}
	states = own > 55 ? UINT64_MAX : chain_states(&ch);
	if (states > CTMC_MAX_STATES || ch.n > CHAIN_MAX_MEMBERS)
		goto too_many;
	for (int k = 0; k < ch.n; k++) {
		size_t t = model_instance_type(m, first + (size_t)k);

		ch.lam[k] = 1 / model_type_failure(m, t)->mean;
		ch.mu[k] = 1 / model_type_repair(m, t)->mean;
	}
	rc = chain_solve(&ch, (size_t)states, &a->block_a[b], &a->block_u[b]);
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
	if (states == UINT64_MAX)
		a->block_method[b] = block_text(a, b, "no exact value: too many states "
						"(over 10^18) for an exact solution");
	else
		a->block_method[b] = block_text(a, b, "no exact value: too many states "
						"(%" PRIu64 ") for an exact solution", states);
	return a->block_method[b] ? 0 : -1;
}

int analytic_init(struct analytic *a, const struct model *m, struct diag *d)
{
	size_t nb = model_blocks(m), nt = model_types(m);
	size_t maxc = 1;
	double *ca = NULL, *cu = NULL, *w = NULL;
	unsigned char *inside = NULL;   /* per block: 0 no chain, 1 exact chains, 2 an approximation */
	int crews, shared;

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
	if (!a->block_a || !a->block_u || !a->type_a || !a->type_u || !a->block_method ||
	    !a->block_text || !ca || !cu || !w || !inside)
		goto oom;
	for (size_t t = 0; t < nt; t++) {
		double up = model_type_failure(m, t)->mean;
		double down = model_type_repair(m, t)->mean;

		/* ratios, not up + down, which overflows for huge means */
		a->type_a[t] = 1 / (1 + down / up);
		a->type_u[t] = 1 / (1 + up / down);
	}
	/* Limited repair crews make every repair wait on the others: no
	 * product formula or per-block chain holds. */
	crews = model_crews(m) > 0;
	for (size_t t = 0; t < nt; t++)
		crews |= model_type_crews(m, t) > 0;
	/* shocks and maintenance tie instances together the same way */
	shared = model_ccf(m) > 0;
	for (size_t t = 0; t < nt; t++)
		shared |= model_type_maint_every(m, t) > 0;
	if (crews || shared) {
		a->method = crews ? NO_EXACT_CREWS : NO_EXACT_SHARED;
		for (size_t t = 0; t < nt; t++)
			a->type_a[t] = a->type_u[t] = NAN;
		for (size_t b = 0; b < nb; b++) {
			a->block_method[b] = a->method;
			a->block_a[b] = a->block_u[b] = NAN;
		}
		free(ca);
		free(cu);
		free(w);
		free(inside);
		return 0;
	}
	/* Pre-order numbering: children come after their parent, so walking
	 * the blocks backwards meets every child before its parent. */
	for (size_t b = nb; b-- > 0;) {
		int n = 0, unknown = 0;
		size_t first = model_block_first_instance(m, b);

		a->block_method[b] = a->method;
		for (size_t k = 0; k < model_block_own_instances(m, b); k++)
			if (model_instance_zone(m, first + k) != SIZE_MAX)
				unknown = 1;
		if (unknown || model_block_kind(m, b) == BLOCK_TRANSACTION) {
			a->block_method[b] = unknown ? NO_EXACT_ZONES : NO_EXACT_TX;
			a->block_a[b] = a->block_u[b] = NAN;
			continue;
		}
		if (model_block_kind(m, b) == BLOCK_QUORUM || model_block_kind(m, b) == BLOCK_FAILOVER) {
			int approx;

			if (replicated(a, m, b, &approx))
				goto oom;
			inside[b] = approx ? 2 : 1;
			continue;
		}

		for (size_t k = 0; k < model_block_own_instances(m, b); k++) {
			size_t t = model_instance_type(m, first + k);

			ca[n] = a->type_a[t];
			cu[n] = a->type_u[t];
			n++;
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
		if (inside[b])
			a->block_method[b] = inside[b] == 2 ? WITH_APPROX : WITH_CHAIN;
		combine(ca, cu, n, model_block_need(m, b), w, &a->block_a[b], &a->block_u[b]);
	}
	free(ca);
	free(cu);
	free(w);
	free(inside);
	return 0;
oom:
	free(ca);
	free(cu);
	free(w);
	free(inside);
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
