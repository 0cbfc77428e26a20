/* rng.h - one random stream per replication, a pure function of
 * (seed, replication index), never of thread or rank. */
#ifndef NINES_RNG_H
#define NINES_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* A new generator of the kind the engine uses (GSL taus2: ~4 ns a draw and
 * seeded in a few tens of ns), or NULL when out of memory.  Free it with
 * gsl_rng_free. */
gsl_rng *rng_new(void);

/* Put R at the start of the stream of replication INDEX under SEED.  The
 * whole 96-bit state is filled from a splitmix64 mix of both numbers, so
 * neighbouring indices get unrelated streams and distinct replications do
 * not share a 32-bit seed (gsl_rng_set would keep only 32 bits: with 10^5
 * replications two of them would likely coincide).  Never allocates. */
void rng_seed(gsl_rng *r, uint64_t seed, uint64_t index);

/* The splitmix64 output function: a bijection on 64-bit words that mixes
 * every input bit into every output bit. */
uint64_t rng_mix(uint64_t x);

#endif
