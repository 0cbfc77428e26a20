/* chain.h - a block's members as a continuous-time Markov chain: the
 * chain's description, its states and its solution.  Internal to
 * src/exact: chain.c builds and solves a chain, chain_block.c fills one
 * from the model.
 */
#ifndef NINES_CHAIN_H
#define NINES_CHAIN_H

#include <stddef.h>
#include <stdint.h>

/* CTMC_MAX_STATES bounds the members a chain can have: a failover block
 * of n members has at least n 2^(n-1) states, a quorum more than 2^n. */
#define CHAIN_MAX_MEMBERS 12
/* Common-cause shocks that strike one chain: one per component type. */
#define CHAIN_MAX_SHOCKS CHAIN_MAX_MEMBERS
/* Transitions out of one state: a failure or repair per member, each with
 * two outcomes at most, a timer with two, and a shock with one more than
 * the members it fails. */
#define CHAIN_MAX_NEXT (2 * CHAIN_MAX_MEMBERS + 2 + CHAIN_MAX_SHOCKS * (CHAIN_MAX_MEMBERS + 1))

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

/* The reachable states of a chain with their moves (exponential
 * transitions, with rates) and timers (a fixed delay running in the
 * state, with the states its expiry leads to and their probabilities):
 * what chain.c builds for the solvers.  A timer runs from the move into
 * its role until it expires or a move leaves the role; moves within the
 * role leave it running. */
struct chain_space {
	int n;                  /* members: the role of state h is code[h] >> 2n */
	size_t count;
	uint32_t *code;         /* [count]: the states, code[0] the start */
	double *tau;            /* [count]: the timer's length, 0 when none runs */
	size_t *move_at;        /* [count + 1]: state h's moves are [move_at[h], move_at[h + 1]) */
	uint32_t *move_to;      /* the state a move leads to */
	double *move_rate;
	size_t *fire_at;        /* [count + 1]: the same for the expiry outcomes */
	uint32_t *fire_to;
	double *fire_p;         /* their probabilities, summing to 1 */
};

/* The long-run share of time in each state of SP, into TIME[count], when
 * timers run: SP is a Markov regenerative process whose regeneration
 * points are the moves out of timer-free states, the start of each timer
 * and its end (by expiry or by a move out of its role).  Each timer's
 * period is solved by uniformization of the moves within its role, and
 * the embedded chain by ctmc.c; the result is exact for fixed timers up
 * to rounding (the Poisson tails left out are below 1e-17).  Returns 0,
 * 1 when the process has no steady state, 3 when a timer is so long
 * against its members' rates that its period still holds probability
 * after 100,000 uniformization parts (4e6 expected moves), or -1 out of
 * memory.
 * Implemented in chain_timed.c. */
int chain_timed_solve(const struct chain_space *sp, double *time);

/* The number of states the roles allow without crews (the reachable ones
 * are among them), or UINT64_MAX when it does not fit. */
uint64_t chain_states(const struct chain *ch);

/* Solve CH, of at most CAP states, into *A and *U (quorum and failover:
 * up when a member leads; fixed switch, manual and election times
 * exactly, chain_timed_solve, which may also return 3) and, unless NULL, DIST[0 .. n]: the probability
 * of each number of members up.  Returns 0, 1 when the chain has a state
 * it never leaves (no steady state to speak of), 2 when it has more than
 * CAP states after all, or -1 out of memory.  Allocates only while it
 * runs. */
int chain_solve(const struct chain *ch, size_t cap, double *a, double *u, double *dist);

#endif
