/* chain_lump.c - the chain of a block of exchangeable members, lumped
 * onto the count of members up.
 *
 * chain.c follows every member: which are up, which are in repair, which
 * leads.  When the members are identical (one type: the same laws, crew
 * pool, priority and common causes), a permutation of the members maps
 * the chain onto itself, and the rate from a state into the set of states
 * with k members up and a given phase depends only on the count and the
 * phase of the state it leaves: the chain is strongly lumpable onto
 * (k, phase), and its lumped chain gives the same time in each set.  The
 * phase is, for a quorum, leader / no leader (no majority) / electing; a
 * plain block has none.  Which members are in repair needs no state: the
 * crews never idle while a member waits (engine.c's repair_request and
 * repair_done), so min(crews, n - k) are.  So the lumped chain has n + 1
 * states for a plain block and fewer than 2n + 2 for a quorum, where the
 * full one has 2^n and more: a birth-death chain with the quorum's phase,
 * and a common-cause shock jumping to "all down".  Fixed election times
 * keep the same lumping (each move's outcome depends only on the counts),
 * and chain_timed.c solves the lumped process as it solves the full one.
 *
 * The moves, from the engine's rules as chain.c follows them:
 *
 *   k up, leader   leader fails  (lam)          -> k-1, electing if a majority
 *                                                  is left and election > 0,
 *                                                  leader if it is 0, else none
 *                  another fails ((k-1) lam)    -> k-1, leader or none
 *   k up, electing one fails (k lam)            -> k-1, electing or none
 *                  election ends (fixed time)   -> k, leader
 *   k up, none     one fails (k lam)            -> k-1, none
 *   any            a repair ends (r mu)         -> k+1, none without a majority,
 *                                                  else electing (or leader) from
 *                                                  none, else the same phase
 *   k > 0          a shock (its rate)           -> 0, none
 *
 * with r = min(crews, n - k), or n - k without a crew limit.
 */
#include <stdlib.h>
#include <string.h>

#include "exact/chain.h"

/* The phases, the role field of the lumped states' codes. */
enum { LUMP_LEADER, LUMP_NONE, LUMP_ELECTING, LUMP_PHASES };
/* code = phase << LUMP_SHIFT | members up */
#define LUMP_SHIFT 32

size_t chain_lump_states(const struct chain_lump *l)
{
	size_t n = (size_t)l->n, need = (size_t)l->need;

	if (l->kind != CHAIN_QUORUM)
		return n + 1;
	/* k < need: none; k >= need: leader, and electing when it takes time */
	return need + (n + 1 - need) * (l->telect > 0 ? 2 : 1);
}

/* The index of state (K, PHASE): by members down, then phase, so that the
 * states come breadth-first from all up. */
static size_t lump_index(const struct chain_lump *l, int k, int phase)
{
	size_t per = l->telect > 0 ? 2 : 1, above = (size_t)(l->n - k);

	if (l->kind != CHAIN_QUORUM)
		return above;
	if (k >= l->need)
		return above * per + (phase == LUMP_ELECTING);
	return (size_t)(l->n + 1 - l->need) * per + (size_t)(l->need - 1 - k);
}

/* The phase after a move that leaves K up, from PHASE (a leader lost
 * counts as none): quorum_role in chain.c. */
static int lump_phase(const struct chain_lump *l, int k, int phase)
{
	if (k < l->need)
		return LUMP_NONE;
	if (phase == LUMP_NONE)
		return l->telect > 0 ? LUMP_ELECTING : LUMP_LEADER;
	return phase;
}

/* Add the move to (K, PHASE) at RATE to the moves of SP's last state. */
static void lump_move(const struct chain_lump *l, struct chain_space *sp, int k, int phase,
		      double rate)
{
	size_t at = sp->move_at[sp->count];

	if (rate <= 0)
		return;
	sp->move_to[at] = (uint32_t)lump_index(l, k, phase);
	sp->move_rate[at] = rate;
	sp->move_at[sp->count] = at + 1;
}

/* State (K, PHASE) as the next state of SP, with its moves and timer:
 * the table above. */
static void lump_state(const struct chain_lump *l, struct chain_space *sp, int k, int phase)
{
	size_t h = sp->count, down = (size_t)(l->n - k);
	double r = l->crews > 0 && down > (size_t)l->crews ? l->crews : (double)down;
	int quorum = l->kind == CHAIN_QUORUM;

	sp->code[h] = (uint64_t)phase << LUMP_SHIFT | (uint64_t)k;
	sp->tau[h] = 0;
	sp->move_at[h + 1] = sp->move_at[h];
	sp->fire_at[h + 1] = sp->fire_at[h];
	sp->count = h + 1;      /* lump_move appends to the last state's moves */
	sp->move_at[sp->count] = sp->move_at[h];
	if (k > 0 && quorum && phase == LUMP_LEADER) {
		lump_move(l, sp, k - 1, lump_phase(l, k - 1, LUMP_NONE), l->lam);
		lump_move(l, sp, k - 1, lump_phase(l, k - 1, LUMP_LEADER), (k - 1) * l->lam);
	} else if (k > 0) {
		lump_move(l, sp, k - 1, quorum ? lump_phase(l, k - 1, phase) : 0, k * l->lam);
	}
	if (k < l->n)
		lump_move(l, sp, k + 1, quorum ? lump_phase(l, k + 1, phase) : 0, r * l->mu);
	if (k > 0)
		lump_move(l, sp, 0, quorum ? LUMP_NONE : 0, l->shock);
	if (phase == LUMP_ELECTING) {
		size_t f = sp->fire_at[h];

		sp->tau[h] = l->telect;
		sp->fire_to[f] = (uint32_t)lump_index(l, k, LUMP_LEADER);
		sp->fire_p[f] = 1;
		sp->fire_at[h + 1] = f + 1;
	}
}

/* L's states and moves into SP, breadth-first from all up.  Returns 0,
 * or -1 out of memory, with SP to release either way. */
static int lump_build(const struct chain_lump *l, struct chain_space *sp)
{
	size_t count = chain_lump_states(l), moves = 4 * count;

	memset(sp, 0, sizeof *sp);
	sp->shift = LUMP_SHIFT;
	sp->nroles = LUMP_PHASES;
	sp->code = malloc(count * sizeof *sp->code);
	sp->tau = malloc(count * sizeof *sp->tau);
	sp->move_at = malloc((count + 1) * sizeof *sp->move_at);
	sp->move_to = malloc(moves * sizeof *sp->move_to);
	sp->move_rate = malloc(moves * sizeof *sp->move_rate);
	sp->fire_at = malloc((count + 1) * sizeof *sp->fire_at);
	sp->fire_to = malloc(count * sizeof *sp->fire_to);
	sp->fire_p = malloc(count * sizeof *sp->fire_p);
	if (!sp->code || !sp->tau || !sp->move_at || !sp->move_to || !sp->move_rate ||
	    !sp->fire_at || !sp->fire_to || !sp->fire_p)
		return -1;
	sp->move_at[0] = sp->fire_at[0] = 0;
	for (int k = l->n; k >= 0; k--) {
		if (l->kind != CHAIN_QUORUM) {
			lump_state(l, sp, k, 0);
		} else if (k >= l->need) {
			lump_state(l, sp, k, LUMP_LEADER);
			if (l->telect > 0)
				lump_state(l, sp, k, LUMP_ELECTING);
		} else {
			lump_state(l, sp, k, LUMP_NONE);
		}
	}
	return 0;
}

/* A lumped state of L (ARG): up when the quorum has a leader, or a plain
 * block's members up (into *UP) are enough. */
static int lump_class(uint64_t code, const void *arg, int *up)
{
	const struct chain_lump *l = arg;

	*up = (int)(code & UINT32_MAX);
	return l->kind == CHAIN_QUORUM ? (int)(code >> LUMP_SHIFT) == LUMP_LEADER : *up >= l->need;
}

int chain_lump_solve(const struct chain_lump *l, double *a, double *u, double *dist)
{
	struct chain_space sp;
	int rc;

	if (chain_lump_states(l) > CHAIN_MAX_STATES)
		return 2;
	rc = lump_build(l, &sp);
	if (rc == 0)
		rc = chain_space_solve(&sp, l->n, lump_class, l, a, u, dist);
	chain_space_release(&sp);
	return rc;
}
