/* rng.h - random streams that are a pure function of (seed, replication
 * index, stream key), never of thread or rank.
 *
 * Every instance draws from its own stream, keyed by its place in the
 * design: the name of the block that holds it (an unnamed block's name is
 * its JSON path) and its ordinal among that block's members, which is also
 * its role (member 0 of a failover block is the first active).  Two
 * designs with a block of the same name therefore draw the same failure
 * and repair times for its members in the same replication (common random
 * numbers), whatever component type fills it, which makes their difference
 * far more precise than two independent runs would.
 */
#ifndef NINES_RNG_H
#define NINES_RNG_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

/* A stream's state: taus2's three 32-bit words, in the layout GSL's
 * taus2 keeps them (rng_new refuses a GSL whose state differs). */
struct rng_state {
	unsigned long s1, s2, s3;
};

/* The next 32-bit output of the stream at STATE (rng_next), and the next
 * uniform in [0, 1), a multiple of 2^-32 (rng_uniform): taus2's
 * recurrence (L'Ecuyer 1996), the one GSL's taus2 runs, written here so
 * that the engine's hot draws are inlined rather than called through
 * gsl_rng_uniform's pointer.  A stream drawn here and through a GSL
 * generator pointed at the same state (rng_use) is one stream. */
static inline uint32_t rng_next(void *state)
{
	struct rng_state *s = state;
	unsigned long s1 = s->s1, s2 = s->s2, s3 = s->s3;

	s1 = (((s1 & 4294967294UL) << 12) & 0xffffffffUL) ^ ((((s1 << 13) & 0xffffffffUL) ^ s1) >> 19);
	s2 = (((s2 & 4294967288UL) << 4) & 0xffffffffUL) ^ ((((s2 << 2) & 0xffffffffUL) ^ s2) >> 25);
	s3 = (((s3 & 4294967280UL) << 17) & 0xffffffffUL) ^ ((((s3 << 3) & 0xffffffffUL) ^ s3) >> 11);
	s->s1 = s1;
	s->s2 = s2;
	s->s3 = s3;
	return (uint32_t)(s1 ^ s2 ^ s3);
}

static inline double rng_uniform(void *state)
{
	return (double)rng_next(state) / 4294967296.0;
}

/* A new generator of the kind the engine uses (GSL taus2: ~4 ns a draw and
 * seeded in a few tens of ns), or NULL when out of memory.  Free it with
 * gsl_rng_free. */
gsl_rng *rng_new(void);

/* Bytes of one stream's state. */
size_t rng_state_size(void);

/* Make R draw from (and advance) the state at STATE, rng_state_size()
 * bytes owned by the caller.  No allocation: the engine keeps one state
 * per instance and switches between them. */
void rng_use(gsl_rng *r, void *state);

/* The number every stream of replication INDEX under SEED starts from:
 * computed once a replication, then mixed with each stream's key by
 * rng_seed_at. */
uint64_t rng_replication(uint64_t seed, uint64_t index);

/* Put the state at STATE (rng_state_size() bytes) at the start of stream
 * KEY of the replication REP (from rng_replication).  The 96-bit state is
 * filled from a splitmix64 mix of the two, so neighbouring indices or keys
 * get unrelated streams and there are 2^64 distinct starts rather than
 * gsl_rng_set's 2^32 (with 10^5 replications, two 32-bit seeds would
 * likely coincide).  The state is used as it comes: unlike gsl_rng_set,
 * whose linear seeding leaves a pattern that a few steps wash out, the mix
 * leaves none, so no warm-up steps are run. */
void rng_seed_at(void *state, uint64_t rep, uint64_t key);

/* The key of the ORDINAL-th stream named NAME (a block's name, a zone's). */
uint64_t rng_key(const char *name, uint64_t ordinal);

#endif
