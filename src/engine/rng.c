/* rng.c - seeding GSL's taus2 generator for instance streams.
 *
 * taus2 keeps three 32-bit words s1, s2, s3 (stored in unsigned longs) that
 * must be at least 2, 8 and 16 for the generator to have its full period.
 * gsl_rng_set derives them from one 32-bit seed through a linear
 * generator and then runs taus2 a few steps to leave that pattern behind;
 * we derive them from a 64-bit splitmix64 mix instead, so that there are
 * 2^64 starts and no pattern to wash out.  Seeding is on every
 * replication's path (one stream per instance), so it is kept to two mixes
 * a stream: the seed and index are mixed once a replication, the key once
 * a run. */
#include "engine/rng.h"

gsl_rng *rng_new(void)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);

	/* The state layout above is GSL's own; refuse a GSL that differs. */
	if (r && gsl_rng_size(r) != sizeof(struct rng_state)) {
		gsl_rng_free(r);
		return NULL;
	}
	return r;
}

size_t rng_state_size(void)
{
	return sizeof(struct rng_state);
}

void rng_use(gsl_rng *r, void *state)
{
	r->state = state;
}

/* The splitmix64 output function: a bijection on 64-bit words that mixes
 * every input bit into every output bit. */
static uint64_t rng_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint64_t rng_key(const char *name, uint64_t ordinal)
{
	uint64_t h = 0xcbf29ce484222325ULL;     /* FNV-1a */

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 0x100000001b3ULL;
	return rng_mix(h ^ rng_mix(ordinal));
}

uint64_t rng_replication(uint64_t seed, uint64_t index)
{
	return rng_mix(seed ^ rng_mix(index));
}

void rng_seed_at(void *state, uint64_t rep, uint64_t key)
{
	struct rng_state *s = state;
	uint64_t a = rng_mix(rep ^ key);
	uint64_t b = rng_mix(a);

	s->s1 = (unsigned long)(a & 0xffffffffUL);
	s->s2 = (unsigned long)(a >> 32);
	s->s3 = (unsigned long)(b & 0xffffffffUL);
	if (s->s1 < 2)
		s->s1 += 2;
	if (s->s2 < 8)
		s->s2 += 8;
	if (s->s3 < 16)
		s->s3 += 16;
}
