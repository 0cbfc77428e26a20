/* analytic.c - exact steady-state availability of series, parallel and
 * k-of-n trees of independent components, with the blocks that need a
 * Markov chain (chain_block.c) solved on their own and combined as
 * children like any other.
 *
 * A k-of-n block needs the distribution of the number of its children that
 * are up (a Poisson binomial); it is built child by child, carrying the
 * probabilities of each count.  The block's unavailability is the sum of the
 * probabilities below need, and its availability the sum of the rest: both
 * are sums of positive terms, so neither loses digits to cancellation.
 *
 * Limited repair crews and common-cause shocks tie instances together.
 * When all the instances a crew pool serves, or a common-cause group
 * strikes, are one block's own members, that block's chain holds them (a
 * plain series, parallel or k-of-n block gets a chain too, whose count of
 * members up it combines with its children).  Otherwise there is no exact
 * value, and the reason says which pool or group spans blocks.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "exact/analytic_impl.h"

#define WITH_CHAIN "steady state of independent blocks, exact, with Markov chains " \
	"for the quorum and failover blocks inside"
#define WITH_STANDBY "steady state of independent components, exact for any failure and " \
	"repair laws, and none for a type with cold or warm standbys (they do not fail while idle)"
#define WITH_CREWS_STANDBY "steady state of independent components, exact for any failure " \
	"and repair laws, and none for a component whose repairs can wait for a crew or a " \
	"type with cold or warm standbys (they do not fail while idle)"
#define NO_EXACT_CHILD "no exact value: a block inside has none"
#define WITH_CREWS "steady state of independent components, exact for any failure and " \
	"repair laws, and none for a component whose repairs can wait for a crew"
#define NO_EXACT_MAINT "no exact value: planned maintenance takes instances down on " \
	"deterministic schedules (not in the exact methods)"
#define NO_EXACT_ZONES "no exact value: instances placed in zones go down together " \
	"with their zone (conditioning on the zones is not implemented yet)"
#define NO_EXACT_TX "no exact value: a transaction blocked on its failed coordinator " \
	"is not in the exact methods yet"

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

const char *analytic_text(struct analytic *a, size_t b, const char *fmt, ...)
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

/* Mark with REASON (a text of FMT about NAME) every block that holds an
 * instance of a type with USES set; returns 0, or -1 out of memory. */
static int mark_spread(struct analytic *a, const struct model *m, const unsigned char *uses,
		       const char **reason, const char *fmt, const char *name)
{
	for (size_t i = 0; i < model_instances(m); i++) {
		size_t b = model_instance_parent(m, i);

		if (!uses[model_instance_type(m, i)] || reason[b])
			continue;
		reason[b] = analytic_text(a, b, fmt, name);
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

/* Scratch of analytic_init, freed by scratch_release on every path. */
struct scratch {
	double *ca, *cu, *w;     /* children's values; combine's workspace */
	unsigned char *inside;   /* per block: whether a chain is inside */
	unsigned char *tied;     /* per block: crews or shocks tie its own instances */
	unsigned char *uses;     /* per type, scratch */
	const char **reason;     /* per block: why crews or shocks leave it no value */
	struct ties ti;
};

/* Allocate S for M.  Returns 0, or -1 out of memory; S can be released
 * either way. */
static int scratch_init(struct scratch *s, const struct model *m)
{
	size_t nb = model_blocks(m), nt = model_types(m), maxc = 1;

	for (size_t b = 0; b < nb; b++)
		if ((size_t)model_block_children(m, b) > maxc)
			maxc = (size_t)model_block_children(m, b);
	s->ca = malloc(maxc * sizeof *s->ca);
	s->cu = malloc(maxc * sizeof *s->cu);
	s->w = malloc((maxc + 1) * sizeof *s->w);
	s->inside = calloc(nb ? nb : 1, sizeof *s->inside);
	s->tied = calloc(nb ? nb : 1, sizeof *s->tied);
	s->reason = calloc(nb ? nb : 1, sizeof *s->reason);
	s->uses = calloc(nt ? nt : 1, sizeof *s->uses);
	s->ti.pool = calloc(nt ? nt : 1, sizeof *s->ti.pool);
	s->ti.limited = calloc(nt ? nt : 1, sizeof *s->ti.limited);
	return s->ca && s->cu && s->w && s->inside && s->tied && s->reason && s->uses &&
	       s->ti.pool && s->ti.limited ? 0 : -1;
}

static void scratch_release(struct scratch *s)
{
	free(s->ca);
	free(s->cu);
	free(s->w);
	free(s->inside);
	free(s->tied);
	free(s->reason);
	free(s->uses);
	free(s->ti.pool);
	free(s->ti.limited);
}

/* A's arrays for M.  Returns 0, or -1 out of memory. */
static int analytic_alloc(struct analytic *a, const struct model *m)
{
	size_t nb = model_blocks(m), nt = model_types(m);

	a->block_a = calloc(nb, sizeof *a->block_a);
	a->block_u = calloc(nb, sizeof *a->block_u);
	a->type_a = calloc(nt ? nt : 1, sizeof *a->type_a);
	a->type_u = calloc(nt ? nt : 1, sizeof *a->type_u);
	a->block_method = calloc(nb, sizeof *a->block_method);
	a->block_text = calloc(nb, sizeof *a->block_text);
	a->block_served = calloc(nb, sizeof *a->block_served);
	return a->block_a && a->block_u && a->type_a && a->type_u && a->block_method &&
	       a->block_text && a->block_served ? 0 : -1;
}

/* Each type's crew pool in TI, whether its repairs can wait, and its
 * value; into *CREWS whether some type's repairs can wait, into *MAINT
 * whether some type has planned maintenance. */
static void analytic_types(struct analytic *a, const struct model *m, struct ties *ti,
			   int *crews, int *maint)
{
	size_t nt = model_types(m);

	/* the engine's pools (engine_setup.c): a type's own crews, else the
	 * shared ones */
	for (size_t t = 0; t < nt; t++) {
		ti->pool[t] = model_type_crews(m, t) > 0 ? (int)t : model_crews(m) > 0 ? (int)nt : -1;
		*maint |= model_type_maint_every(m, t) > 0;
	}
	/* a pool with a crew for every instance it serves never makes one wait */
	for (size_t t = 0; t < nt; t++) {
		size_t users = 0;
		int cap = ti->pool[t] == (int)nt ? model_crews(m) : model_type_crews(m, t);

		for (size_t i = 0; i < model_instances(m) && ti->pool[t] >= 0; i++)
			users += ti->pool[model_instance_type(m, i)] == ti->pool[t];
		ti->limited[t] = ti->pool[t] >= 0 && users > (size_t)cap;
		*crews |= ti->limited[t];
	}
	for (size_t t = 0; t < nt; t++) {
		double up = model_type_failure(m, t)->mean;
		double down = model_type_repair(m, t)->mean;

		/* ratios, not up + down, which overflows for huge means; a
		 * common cause leaves a member's rate while up unchanged, but a
		 * repair waiting for a crew makes the type's value the block's */
		a->type_a[t] = ti->limited[t] ? NAN : 1 / (1 + down / up);
		a->type_u[t] = ti->limited[t] ? NAN : 1 / (1 + up / down);
	}
}

/* Planned maintenance: no exact value anywhere. */
static void analytic_maint(struct analytic *a, const struct model *m)
{
	a->method = NO_EXACT_MAINT;
	for (size_t t = 0; t < model_types(m); t++)
		a->type_a[t] = a->type_u[t] = NAN;
	for (size_t b = 0; b < model_blocks(m); b++) {
		a->block_method[b] = a->method;
		a->block_a[b] = a->block_u[b] = a->block_served[b] = NAN;
	}
}

/* Crews and shocks tie instances together: exact only when one block's
 * chain holds all the instances tied.  Marks those blocks in s->tied, and
 * gives the others their reason.  Returns 0, or -1 out of memory. */
static int analytic_ties(struct analytic *a, const struct model *m, struct scratch *s)
{
	size_t nt = model_types(m);

	for (size_t p = 0; p <= nt; p++) {
		int any = 0;

		for (size_t t = 0; t < nt; t++) {
			s->uses[t] = s->ti.limited[t] && s->ti.pool[t] == (int)p;
			any |= s->uses[t];
		}
		if (any && tie(a, m, s->uses, s->tied, s->reason, p == nt ?
			       "the shared repair crews serve" : "the repair crews of \"%s\" serve",
			       p == nt ? "" : model_type_name(m, p)))
			return -1;
	}
	for (size_t g = 0; g < model_ccf(m); g++) {
		for (size_t t = 0; t < nt; t++)
			s->uses[t] = t == model_ccf_type(m, g);
		if (tie(a, m, s->uses, s->tied, s->reason, "the common cause of \"%s\" strikes",
			model_type_name(m, model_ccf_type(m, g))))
			return -1;
	}
	return 0;
}

/* Whether block B has no exact value before its children are looked at:
 * instances in zones, a transaction, or a tie across blocks (REASON).
 * Then its value is NaN with the reason. */
static int analytic_refused(struct analytic *a, const struct model *m, const char **reason,
			    size_t b)
{
	size_t first = model_block_first_instance(m, b);
	size_t own = model_block_own_instances(m, b);
	int zoned = 0;

	for (size_t k = 0; k < own; k++)
		if (model_instance_zone(m, first + k) != SIZE_MAX)
			zoned = 1;
	if (zoned || model_block_kind(m, b) == BLOCK_TRANSACTION)
		a->block_method[b] = zoned ? NO_EXACT_ZONES : NO_EXACT_TX;
	else if (reason[b])
		a->block_method[b] = reason[b];
	else
		return 0;
	a->block_a[b] = a->block_u[b] = NAN;
	return 1;
}

/* Block B's value, its children's being known: a chain of its own, or its
 * own instances (as a chain when tied, else independent) combined with
 * its children.  Returns 0, or -1 out of memory. */
static int analytic_block(struct analytic *a, const struct model *m, struct scratch *s, size_t b)
{
	size_t first = model_block_first_instance(m, b);
	size_t own = model_block_own_instances(m, b);
	int n = 0, unknown = 0;

	a->block_method[b] = a->method;
	if (analytic_refused(a, m, s->reason, b))
		return 0;
	if (block_kind_leads(model_block_kind(m, b))) {
		if (chain_block_solve(a, m, &s->ti, b, NULL))
			return -1;
		s->inside[b] = 1;
		return 0;
	}
	if (s->tied[b]) {
		/* the chain's count of own members up, then each child */
		if (chain_block_solve(a, m, &s->ti, b, s->w))
			return -1;
		if (isnan(a->block_u[b]))
			return 0;
		s->inside[b] = 1;
	} else {
		for (size_t k = 0; k < own; k++) {
			size_t t = model_instance_type(m, first + k);

			s->ca[n] = a->type_a[t];
			s->cu[n] = a->type_u[t];
			n++;
		}
	}
	for (size_t c = b + 1; c < model_block_end(m, b); c = model_block_end(m, c)) {
		s->ca[n] = a->block_a[c];
		s->cu[n] = a->block_u[c];
		unknown |= isnan(s->ca[n]);
		s->inside[b] |= s->inside[c];
		n++;
	}
	if (unknown) {
		a->block_method[b] = NO_EXACT_CHILD;
		a->block_a[b] = a->block_u[b] = NAN;
		return 0;
	}
	if (s->tied[b]) {
		a->block_method[b] = n == 0 ? ANALYTIC_CHAIN_EXACT : WITH_CHAIN;
		convolve(s->w, own, s->ca, s->cu, n, model_block_need(m, b),
			 &a->block_a[b], &a->block_u[b]);
		return 0;
	}
	if (s->inside[b])
		a->block_method[b] = WITH_CHAIN;
	combine(s->ca, s->cu, n, model_block_need(m, b), s->w, &a->block_a[b], &a->block_u[b]);
	return 0;
}

/* A type whose instances stand by cold or warm in a failover block does
 * not fail while idle, so MTBF / (MTBF + MTTR) is not its availability:
 * no value for it.  Done last, as blocks combine the types' values of
 * their independent instances.  CREWS: some repairs can wait for a crew,
 * which the method text keeps saying. */
static void analytic_standbys(struct analytic *a, const struct model *m, int crews)
{
	for (size_t b = 0; b < a->nblocks; b++) {
		const struct block_params *p = model_block_params(m, b);
		size_t first = model_block_first_instance(m, b);

		if (model_block_kind(m, b) != BLOCK_FAILOVER || p->standby == STANDBY_HOT ||
		    (p->standby == STANDBY_WARM && p->dormancy >= 1))
			continue;
		for (size_t k = 0; k < model_block_own_instances(m, b); k++) {
			size_t t = model_instance_type(m, first + k);

			a->type_a[t] = a->type_u[t] = NAN;
			a->method = crews ? WITH_CREWS_STANDBY : WITH_STANDBY;
		}
	}
}

int analytic_init(struct analytic *a, const struct model *m, struct diag *d)
{
	struct scratch s;
	int crews = 0, maint = 0, bad;

	a->method = "steady state of independent components, exact for any failure and repair laws";
	a->nblocks = model_blocks(m);
	bad = analytic_alloc(a, m);
	bad |= scratch_init(&s, m);
	if (bad)
		goto oom;
	analytic_types(a, m, &s.ti, &crews, &maint);
	if (maint) {
		analytic_maint(a, m);
		goto done;
	}
	if (crews)
		a->method = WITH_CREWS;
	if (analytic_ties(a, m, &s))
		goto oom;
	/* Pre-order numbering: children come after their parent, so walking
	 * the blocks backwards meets every child before its parent. */
	for (size_t b = a->nblocks; b-- > 0;)
		if (analytic_block(a, m, &s, b))
			goto oom;
	if (analytic_served(a, m))
		goto oom;
	analytic_standbys(a, m, crews);
done:
	scratch_release(&s);
	return 0;
oom:
	scratch_release(&s);
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
	free(a->block_served);
	a->block_a = a->block_u = a->type_a = a->type_u = a->block_served = NULL;
}
