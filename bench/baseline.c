/* baseline.c - a simulator written for the bench model alone, as fast as
 * it can honestly be made, to measure what nines' generality costs
 * (bench/run.sh prints nines' CPU time over this one's).
 *
 * The model is bench/bench-quorum.json hard-wired: three nodes (MTBF
 * 2000 h, MTTR 8 h, exponential) of which two must be up, in series with
 * two load balancers (MTBF 5000 h, MTTR 4 h) of which one must be up;
 * horizon 87600 h.  Each replication draws from one taus2 stream (the
 * generator nines uses, seeded by a splitmix64 mix of the seed and the
 * replication index), exponential variates by inversion with log(1 - u),
 * the five pending transitions in an array searched for the earliest.  It
 * counts the events nines counts (failures and repairs before the
 * horizon) and measures what nines' bench run reports at its core: the
 * system's and both groups' downtime and outages, with the system's
 * availability interval.  Usage: baseline [REPLICATIONS [SEED]]. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define HORIZON 87600.0
#define N 5                     /* nodes 0..2, balancers 3..4 */

static const double mtbf[N] = { 2000, 2000, 2000, 5000, 5000 };
static const double mttr[N] = { 8, 8, 8, 4, 4 };

struct taus {
	uint32_t s1, s2, s3;
};

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static inline uint32_t taus_next(struct taus *s)
{
	s->s1 = ((s->s1 & 0xfffffffeU) << 12) ^ (((s->s1 << 13) ^ s->s1) >> 19);
	s->s2 = ((s->s2 & 0xfffffff8U) << 4) ^ (((s->s2 << 2) ^ s->s2) >> 25);
	s->s3 = ((s->s3 & 0xfffffff0U) << 17) ^ (((s->s3 << 3) ^ s->s3) >> 11);
	return s->s1 ^ s->s2 ^ s->s3;
}

static void taus_seed(struct taus *s, uint64_t seed, uint64_t index)
{
	uint64_t a = mix(seed ^ mix(index)), b = mix(a);

	s->s1 = (uint32_t)a | 2;
	s->s2 = (uint32_t)(a >> 32) | 8;
	s->s3 = (uint32_t)b | 16;
	for (int k = 0; k < 6; k++)
		taus_next(s);
}

static inline double expo(struct taus *s, double mean)
{
	return -mean * log(1.0 - taus_next(s) * (1.0 / 4294967296.0));
}

struct rep {
	double sys_down, node_down, lb_down;
	long sys_outages, node_outages, lb_outages, events;
};

/* A group (the quorum, the pair, the system) that is up or down, with
 * its downtime and outages so far. */
struct group {
	int ok;
	double since, down;
	long outages;
};

static inline void track(struct group *g, int ok, double t)
{
	if (ok == g->ok)
		return;
	if (!ok)
		g->since = t, g->outages++;
	else
		g->down += t - g->since;
	g->ok = ok;
}

static void replicate(uint64_t seed, uint64_t index, struct rep *r)
{
	struct taus s;
	struct group g[3] = { { 1, 0, 0, 0 }, { 1, 0, 0, 0 }, { 1, 0, 0, 0 } };
	double next[N];
	unsigned char up[N];
	int nodes = 3, lbs = 2;

	taus_seed(&s, seed, index);
	for (int i = 0; i < N; i++) {
		up[i] = 1;
		next[i] = expo(&s, mtbf[i]);
	}
	r->events = 0;
	for (;;) {
		int i = 0;

		for (int k = 1; k < N; k++)
			if (next[k] < next[i])
				i = k;
		double t = next[i];

		if (t >= HORIZON)
			break;
		r->events++;
		up[i] ^= 1;
		next[i] = t + expo(&s, up[i] ? mtbf[i] : mttr[i]);
		if (i < 3)
			nodes += up[i] ? 1 : -1;
		else
			lbs += up[i] ? 1 : -1;
		int nok = nodes >= 2, lok = lbs >= 1;

		track(&g[0], nok, t);
		track(&g[1], lok, t);
		track(&g[2], nok && lok, t);
	}
	for (int k = 0; k < 3; k++)
		if (!g[k].ok)
			g[k].down += HORIZON - g[k].since;
	r->node_down = g[0].down, r->node_outages = g[0].outages;
	r->lb_down = g[1].down, r->lb_outages = g[1].outages;
	r->sys_down = g[2].down, r->sys_outages = g[2].outages;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
	double sum = 0, sum2 = 0, outages = 0, node = 0, lb = 0;
	long events = 0;

	for (long k = 0; k < n; k++) {
		struct rep r;
		double u;

		replicate(seed, (uint64_t)k, &r);
		u = r.sys_down / HORIZON;
		sum += u;
		sum2 += u * u;
		outages += (double)r.sys_outages;
		node += r.node_down / HORIZON;
		lb += r.lb_down / HORIZON;
		events += r.events;
	}
	double mean = sum / (double)n, var = (sum2 - sum * mean) / (double)(n - 1);
	double half = 1.96 * sqrt(var / (double)n);

	printf("%ld events in %ld replications\n", events, n);
	printf("availability %.9f [%.9f, %.9f], outages/y %.4f, "
	       "quorum unavailability %.3g, lb-pair unavailability %.3g\n",
	       1 - mean, 1 - mean - half, 1 - mean + half,
	       outages / (double)n / (HORIZON / 8760), node / (double)n, lb / (double)n);
	return 0;
}
