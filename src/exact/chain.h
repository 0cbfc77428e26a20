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

/* The number of states the roles allow without crews (the reachable ones
 * are among them), or UINT64_MAX when it does not fit. */
uint64_t chain_states(const struct chain *ch);

/* Solve CH, of at most CAP states, into *A and *U (quorum and failover:
 * up when a member leads) and, unless NULL, DIST[0 .. n]: the probability
 * of each number of members up.  Returns 0, 1 when the chain has a state
 * it never leaves (no steady state to speak of), 2 when it has more than
 * CAP states after all, or -1 out of memory.  Allocates only while it
 * runs. */
int chain_solve(const struct chain *ch, size_t cap, double *a, double *u, double *dist);

#endif
