/* rng.h - random streams that are a pure function of (seed, replication
 * index, stream key), never of thread or rank.
 *
 * Every instance draws from its own stream, keyed by its component type's
 * name and its ordinal among that type's instances.  Two designs that share
 * a component name therefore draw the same failure and repair times for it
 * in the same replication (common random numbers), which makes their
 * difference far more precise than two independent runs would.
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

/* Put R's current state at the start of stream KEY of replication INDEX
 * under SEED.  The 96-bit state is filled from a 64-bit splitmix64 mix of
 * the three numbers, so neighbouring indices or keys get unrelated streams
 * and there are 2^64 distinct starts rather than gsl_rng_set's 2^32 (with
 * 10^5 replications, two 32-bit seeds would likely coincide). */
void rng_seed(gsl_rng *r, uint64_t seed, uint64_t index, uint64_t key);

/* The key of the ORDINAL-th instance of the component type NAME. */
uint64_t rng_key(const char *name, uint64_t ordinal);

#endif
