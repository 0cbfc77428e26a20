/* chain.h - a block's members as a continuous-time Markov chain: the
 * chain's description, its states and its solution.  Internal to
 * src/exact: chain.c builds and solves a chain, chain_block.c fills one
 * from the model.
 */
#ifndef NINES_CHAIN_H
#define NINES_CHAIN_H

#include <stddef.h>
#include <stdint.h>

/* CHAIN_MAX_STATES bounds the members a chain of distinct members can
 * have: a failover block of n members has at least n 2^(n-1) states, a
 * quorum more than 2^n.  Identical members are lumped (chain_lump.c) and
 * have no such bound. */
#define CHAIN_MAX_MEMBERS 20
/* The most states a chain may have: up to CTMC_MAX_STATES it is solved by
 * ctmc.c's GTH elimination, beyond by ctmc_sparse.c's sweeps.  2^21
 * states with their moves take about 1 GB while they are solved. */
#define CHAIN_MAX_STATES ((size_t)1 << 21)
/* Common-cause shocks that strike one chain: one per component type. */
#define CHAIN_MAX_SHOCKS CHAIN_MAX_MEMBERS
/* Transitions out of one state: a failure or repair per member, each with
 * two outcomes at most, a timer with two, and a shock with one more than
 * the members it fails. */
#define CHAIN_MAX_NEXT (2 * CHAIN_MAX_MEMBERS + 2 + CHAIN_MAX_SHOCKS * (CHAIN_MAX_MEMBERS + 1))

/* A state is coded (in 64 bits) as role << 2n | rep << n | mask: bit k of the mask is
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
	uint64_t shock_mask[CHAIN_MAX_SHOCKS];
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
	int shift;              /* the role of state h is code[h] >> shift */
	int nroles;             /* roles are below it */
	size_t count;
	uint64_t *code;         /* [count]: the states, code[0] the start */
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
 * the embedded chain by chain_rates_solve; the result is exact for fixed
 * timers up to rounding (the Poisson tails left out are below 1e-17).
 * Returns 0, 1 when the process has no steady state, 2 when the periods
 * would take more than CHAIN_TIMED_MAX_WORK, 3 when a timer is so long
 * against its members' rates that its period still holds probability
 * after 100,000 uniformization parts (4e6 expected moves), 4 when the
 * embedded chain's sweeps do not converge, or -1 out of memory.
 * Implemented in chain_timed.c. */
int chain_timed_solve(const struct chain_space *sp, double *time);

/* The periods chain_timed_solve takes on: the sum, over the states a
 * timer can start in, of the states of the timer's role (each period
 * steps through all of them).  A 13-member quorum of distinct members
 * with an election, 4096^2 = 1.7e7, takes 25 s; 14 members would take a
 * minute or more. */
#define CHAIN_TIMED_MAX_WORK 2e7

/* The stationary distribution of a chain on SP's states whose moves out
 * of state h are TO[k] at RATE[k], k in [AT[h], AT[h + 1]) (SP's own
 * moves, or chain_timed.c's equivalent chain), into PI[count]: by ctmc.c's
 * GTH when there are at most CTMC_MAX_STATES states, else by
 * ctmc_sparse.c's sweeps, aggregated by SP's roles.  Returns 0, 1 when
 * some state cannot lead back to state 0, 4 when the sweeps do not
 * converge, or -1 out of memory.  Implemented in chain.c. */
int chain_rates_solve(const struct chain_space *sp, const size_t *at, const uint32_t *to,
		      const double *rate, double *pi);

/* Solve SP (by chain_timed_solve when a timer runs in it, else by
 * chain_rates_solve) into *A and *U, the long-run shares of the states
 * CLASS_OF(code, ARG, &members) says are up and down, and, unless DIST is
 * NULL, DIST[0 .. N], the share of each number of members up (the
 * members CLASS_OF puts in *members), with compensated sums.  Returns as
 * chain_solve.  In chain.c. */
int chain_space_solve(const struct chain_space *sp, int n,
		      int (*class_of)(uint64_t code, const void *arg, int *up), const void *arg,
		      double *a, double *u, double *dist);

/* The states of CH reachable from the start (everything up, member 0
 * leading), breadth-first, at most CAP, with their moves and timers, into
 * SP.  Returns 0, 2 past CAP states, or -1 out of memory, with SP to
 * release (chain_space_release) in every case.  In chain.c. */
int chain_space_build(const struct chain *ch, size_t cap, struct chain_space *sp);

/* Free SP's arrays (the structure itself is the caller's).  In chain.c. */
void chain_space_release(struct chain_space *sp);

/* The number of states the roles allow without crews (the reachable ones
 * are among them), or UINT64_MAX when it does not fit. */
uint64_t chain_states(const struct chain *ch);

/* Solve CH, of at most CAP states, into *A and *U (quorum and failover:
 * up when a member leads; fixed switch, manual and election times
 * exactly, by chain_timed_solve) and, unless NULL, DIST[0 .. n]: the
 * probability of each number of members up.  Returns 0, 1 when the chain
 * has a state it never leaves (no steady state to speak of), 2 when it
 * has more than CAP states after all (or its timers too much work), 3
 * when a timer is too long (chain_timed_solve), 4 when the sweeps of a
 * chain past CTMC_MAX_STATES do not converge, or -1 out of memory.
 * Allocates only while it runs. */
int chain_solve(const struct chain *ch, size_t cap, double *a, double *u, double *dist);

/* A quorum or plain block whose members are exchangeable: one component
 * type, so the same laws, the same crew pool and priority and the same
 * common causes, and nothing else the semantics tell apart (zones and
 * maintenance have no chain at all).  Which member leads does not change
 * what happens next, so the chain of its members (which are up, which in
 * repair, who leads) lumps exactly onto the count of members up and the
 * quorum's phase: leader, no leader (no majority), electing.  The number
 * in repair is min(crews, members down), as crews never idle while a
 * member waits. */
struct chain_lump {
	enum chain_kind kind;   /* CHAIN_PLAIN or CHAIN_QUORUM */
	int n, need;
	double lam;             /* a member's own failure rate, less the common-cause share */
	double mu;              /* its repair rate */
	int crews;              /* repairs at once, 0 for no limit */
	double shock;           /* the common causes' total rate: a shock fails every member up */
	double telect;          /* quorum: election, 0 instant */
};

/* The states of L: at most 2n + 2 (a quorum electing), never more. */
size_t chain_lump_states(const struct chain_lump *l);

/* Solve L as chain_solve solves the full chain of the same members, into
 * *A, *U and, unless NULL, DIST[0 .. n]; the values are the full chain's,
 * to rounding.  Returns as chain_solve (2 past CHAIN_MAX_STATES states).
 * Implemented in chain_lump.c. */
int chain_lump_solve(const struct chain_lump *l, double *a, double *u, double *dist);

#endif
