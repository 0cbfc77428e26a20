/* run.c - spreading replications over threads.
 *
 * Workers take chunks of consecutive replications from a shared
 * counter.  Each chunk's moments are accumulated in index order into the
 * chunk's own slot, and once every worker has finished the slots are merged
 * in chunk order: the same seed gives the same bits for any -j.  Integer
 * outage histograms are merged per worker, which is order-free.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/engine.h"
#include "engine/run.h"
#include "util/duration.h"

struct shared {
	const struct model *m;
	const struct run_options *opt;
	struct result *res;
	size_t nchunks;
	long chunk;                    /* replications per chunk */
	size_t nb, nt, nz, ng, nmom;
	unsigned char *kind;           /* [nb]: each block's kind */
	double *instances;             /* [nt]: each type's instances */
	size_t round_first;            /* first chunk of the current round */
	size_t round_end;              /* one past its last */
	struct moments *chunk_mom;     /* [RUN_ROUND * nmom]: the round's chunks */
	atomic_size_t next_chunk;
	atomic_long done;
};

struct worker {
	struct shared *sh;
	struct engine *e;
	struct hist outages;
	struct hist window_down;
	uint64_t events;
};

void run_settings_defaults(struct run_settings *set)
{
	set->window = 30 * 24;
	set->nslo = 3;
	set->slo[0] = 0.999;
	set->slo[1] = 0.9995;
	set->slo[2] = 0.9999;
	set->method = RUN_METHOD_AUTO;
	set->target_error = 0;
	set->max_time = 0;
	set->max_replications = 0;
}

double run_expected_events(const struct model *m, const struct run_settings *set,
			   size_t *worst)
{
	double total = 0, most = -1;

	*worst = 0;
	for (size_t t = 0; t < model_types(m); t++) {
		double cycle = model_type_failure(m, t)->mean + model_type_repair(m, t)->mean;
		double ev = 2 * (double)model_type_instances(m, t) *
			    (set->warmup + set->horizon) / cycle;

		total += ev;
		if (ev > most) {
			most = ev;
			*worst = t;
		}
	}
	return total;
}

int run_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* Fold one replication into its chunk's moments. */
static void reduce(struct worker *w, struct moments *mom, const struct rep_result *rr, long i)
{
	struct shared *sh = w->sh;
	const struct run_settings *set = &sh->opt->set;
	struct result *res = sh->res;
	double h = set->horizon, years = h / HOURS_PER_YEAR;
	/* the chunk's moments are laid out as the result's: take each part at
	 * the result's own offset */
#define PART(field) (mom + (res->field - res->block))
	struct moments *mb = PART(block), *mt = PART(type), *ms = PART(slo), *ml = PART(timeline);
	struct moments *ma = PART(attr), *mr = PART(repl), *msw = PART(sw), *mly = PART(lossy);
	struct moments *mp = PART(pool), *mz = PART(zone), *mc = PART(crew), *mpl = PART(planned);
	struct moments *mg = PART(ccf);
#undef PART
	double sys = rr->block_down[0] / h, whole = floor(years);
	size_t below[RESULT_MAX_SLO] = { 0 };

	for (size_t b = 0; b < sh->nb; b++) {
		moments_add(&mb[b], rr->block_down[b] / h, rr->block_outages[b] / years);
		moments_add(&ma[b], b ? rr->block_overlap[b] / h : sys, sys);
		if (block_kind_leads(sh->kind[b])) {
			moments_add(&mr[b], rr->block_write_down[b] / h, rr->block_lost_writes[b] / years);
			moments_add(&msw[b], rr->block_switches[b] / years,
				    rr->block_failed_switches[b] / years);
			if (whole >= 1)
				moments_add(&mly[b], rr->block_loss_years[b] / whole, 0);
		}
		if (sh->kind[b] == BLOCK_POOL)
			moments_add(&mp[b], rr->block_served[b] / h, rr->block_reduced[b] / h);
	}
	for (size_t z = 0; z < sh->nz; z++)
		moments_add(&mz[z], 0, rr->zone_outages[z] / years);
	moments_add(mc, rr->repair_wait / h, rr->repairs / years);
	moments_add(mpl, rr->planned_down / h, 0);
	for (size_t g = 0; g < sh->ng; g++)
		moments_add(&mg[g], 0, rr->ccf_shocks[g] / years);
	for (size_t t = 0; t < sh->nt; t++) {
		double k = sh->instances[t];

		if (k > 0)
			moments_add(&mt[t], rr->type_down[t] / (k * h),
				    rr->type_failures[t] / (k * years));
	}
	for (size_t p = 0; p < res->ntimeline; p++) {
		size_t first = p * res->timeline_group, last = first + res->timeline_group;
		double down = 0;

		if (last > res->nwindows)
			last = res->nwindows;
		for (size_t k = first; k < last; k++) {
			double u = rr->slot_down[k] / set->window;

			down += rr->slot_down[k];
			hist_add(&w->window_down, u);
			for (size_t s = 0; s < set->nslo; s++)
				if (1 - u < set->slo[s])
					below[s]++;
		}
		moments_add(&ml[p], down / ((double)(last - first) * set->window), 0);
	}
	if (res->nwindows > 0)
		for (size_t s = 0; s < set->nslo; s++)
			moments_add(&ms[s], (double)below[s] / (double)res->nwindows, 0);
	if (res->sys_down)
		res->sys_down[i] = rr->block_down[0] / h;
	w->events += rr->events;
}

double run_rel_error(const struct result *r)
{
	struct measures ms;
	struct estimate u;

	result_measures(r, &r->block[0], &ms);
	u = ms.unavailability;
	return u.mean > 0 ? (u.ci_high - u.ci_low) / 2 / u.mean : NAN;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->sh;
	const struct run_settings *set = &sh->opt->set;
	size_t c;

	while ((c = atomic_fetch_add(&sh->next_chunk, 1)) < sh->round_end) {
		long first = (long)c * sh->chunk;
		long last = first + sh->chunk < set->replications ?
			    first + sh->chunk : set->replications;
		struct moments *mom = sh->chunk_mom + (c - sh->round_first) * sh->nmom;

		for (long i = first; i < last; i++)
			reduce(w, mom, engine_run(w->e, set->seed, (uint64_t)i, set->warmup,
						  set->horizon, &w->outages), i);
		atomic_fetch_add(&sh->done, last - first);
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Run chunks [round_first, round_end) on NTHREADS threads.  Returns 0 or
 * -1 with d filled. */
static int run_round(struct shared *sh, struct worker *w, pthread_t *tid, int nthreads,
		     struct diag *d)
{
	const struct run_options *opt = sh->opt;
	int started = 0;

	atomic_store(&sh->next_chunk, sh->round_first);
	for (; started < nthreads; started++) {
		int rc = pthread_create(&tid[started], NULL, work, &w[started]);

		if (rc) {
			diag_errno(d, DIAG_RUNTIME, rc, NULL, "cannot start a thread");
			/* let the threads that started finish the round's chunks */
			break;
		}
	}
	if (opt->progress && started > 0) {
		long total = opt->set.replications;
		long end = (long)sh->round_end * sh->chunk < total ?
			   (long)sh->round_end * sh->chunk : total;

		while (atomic_load(&sh->done) < end) {
			struct timespec ts = { 0, 100 * 1000 * 1000 };

			opt->progress(opt->progress_arg, atomic_load(&sh->done), total);
			nanosleep(&ts, NULL);
		}
		opt->progress(opt->progress_arg, atomic_load(&sh->done), total);
	}
	for (int k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	return started == nthreads ? 0 : -1;
}

/* Fill SH for M under OPT: the blocks' kinds, the types' instance counts,
 * the chunks, the result and a round's moments.  Returns 0, or -1 out of
 * memory; shared_release frees SH either way. */
static int shared_init(struct shared *sh, const struct model *m, const struct run_options *opt)
{
	memset(sh, 0, sizeof *sh);
	sh->m = m;
	sh->opt = opt;
	sh->nb = model_blocks(m);
	sh->nt = model_types(m);
	sh->nz = model_zones(m);
	sh->ng = model_ccf(m);
	sh->kind = malloc(sh->nb ? sh->nb : 1);
	sh->instances = malloc((sh->nt ? sh->nt : 1) * sizeof *sh->instances);
	for (size_t b = 0; sh->kind && b < sh->nb; b++)
		sh->kind[b] = (unsigned char)model_block_kind(m, b);
	for (size_t t = 0; sh->instances && t < sh->nt; t++)
		sh->instances[t] = (double)model_type_instances(m, t);
	sh->chunk = (opt->set.replications + RUN_CHUNKS_MAX - 1) / RUN_CHUNKS_MAX;
	if (sh->chunk < RUN_CHUNK_MIN)
		sh->chunk = RUN_CHUNK_MIN;
	sh->nchunks = (size_t)((opt->set.replications + sh->chunk - 1) / sh->chunk);
	atomic_init(&sh->next_chunk, 0);
	atomic_init(&sh->done, 0);
	sh->res = result_new(m, &opt->set, opt->keep);
	if (sh->res) {
		sh->nmom = sh->res->nmoments;
		sh->chunk_mom = malloc(RUN_ROUND * sh->nmom * sizeof *sh->chunk_mom);
	}
	return sh->res && sh->chunk_mom && sh->kind && sh->instances ? 0 : -1;
}

/* Free what shared_init made, the result too unless taken (NULL). */
static void shared_release(struct shared *sh)
{
	result_free(sh->res);
	free(sh->kind);
	free(sh->instances);
	free(sh->chunk_mom);
}

/* Run every round of chunks on the workers W, then merge their
 * histograms and event counts into the result, freeing their engines.
 * Returns 0 or -1 with d filled. */
static int run_rounds(struct shared *sh, struct worker *w, pthread_t *tid, int nthreads,
		      struct diag *d)
{
	for (sh->round_first = 0; sh->round_first < sh->nchunks; sh->round_first = sh->round_end) {
		sh->round_end = sh->round_first + RUN_ROUND < sh->nchunks ?
				sh->round_first + RUN_ROUND : sh->nchunks;
		for (size_t k = 0; k < RUN_ROUND * sh->nmom; k++)
			moments_init(&sh->chunk_mom[k]);
		if (run_round(sh, w, tid, nthreads, d))
			return -1;
		for (size_t c = sh->round_first; c < sh->round_end; c++)
			for (size_t k = 0; k < sh->nmom; k++)
				moments_merge(&sh->res->block[k],
					      &sh->chunk_mom[(c - sh->round_first) * sh->nmom + k]);
	}
	for (int k = 0; k < nthreads; k++) {
		hist_merge(&sh->res->outages, &w[k].outages);
		hist_merge(&sh->res->window_down, &w[k].window_down);
		sh->res->events += w[k].events;
		engine_free(w[k].e);
		w[k].e = NULL;
	}
	return 0;
}

struct result *run_model(const struct model *m, const struct run_options *opt,
			 struct diag *d)
{
	struct shared sh;
	struct worker *w = NULL;
	pthread_t *tid = NULL;
	struct result *res = NULL;
	int nthreads = opt->threads;
	double t0 = now();
	int bad = shared_init(&sh, m, opt);

	if ((size_t)nthreads > sh.nchunks)
		nthreads = (int)sh.nchunks;
	w = calloc((size_t)nthreads, sizeof *w);
	tid = calloc((size_t)nthreads, sizeof *tid);
	if (bad || !w || !tid) {
		diag_runtime(d, "out of memory for %ld replications", opt->set.replications);
		goto out;
	}
	for (int k = 0; k < nthreads; k++) {
		w[k].sh = &sh;
		hist_init(&w[k].outages);
		hist_init(&w[k].window_down);
		w[k].e = engine_new(m, d);
		if (!w[k].e || engine_slots(w[k].e, opt->set.window, sh.res->nwindows, d))
			goto out;
	}
	if (run_rounds(&sh, w, tid, nthreads, d))
		goto out;
	sh.res->wall_seconds = now() - t0;
	sh.res->rel_error = run_rel_error(sh.res);
	res = sh.res;
	sh.res = NULL;
out:
	for (int k = 0; w && k < nthreads; k++)
		engine_free(w[k].e);
	shared_release(&sh);
	free(w);
	free(tid);
	return res;
}
