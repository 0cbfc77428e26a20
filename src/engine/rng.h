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
