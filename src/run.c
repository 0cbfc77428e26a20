/* run.c - spreading replications over threads.
 *
 * Workers take chunks of consecutive replications from a shared
 * counter.  Each chunk's moments are accumulated in index order into the
 * chunk's own slot, and once every worker has finished the slots are merged
 * in chunk order: the same seed gives the same bits for any -j.  Integer
 * outage histograms are merged per worker, which is order-free.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "duration.h"
#include "engine.h"
#include "run.h"

struct shared {
	const struct model *m;
	const struct run_options *opt;
	struct result *res;
	size_t nchunks;
	long chunk;                    /* replications per chunk */
	size_t nb, nt, nmom;
	struct moments *chunk_mom;     /* [nchunks * nmom]: each chunk's moments */
	atomic_size_t next_chunk;
	atomic_long done;
	atomic_int failed;
};

struct worker {
	struct shared *sh;
	struct hist outages;
	struct hist window_down;
	uint64_t events;
	struct diag diag;
};

void run_settings_defaults(struct run_settings *set)
{
	set->window = 30 * 24;
	set->nslo = 3;
	set->slo[0] = 0.999;
	set->slo[1] = 0.9995;
	set->slo[2] = 0.9999;
}

int run_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->sh;
	const struct run_settings *set = &sh->opt->set;
	const struct result *res = sh->res;
	double h = set->horizon, years = h / HOURS_PER_YEAR;
	struct engine *e = engine_new(sh->m, &w->diag);
	size_t c;

	if (!e || engine_slots(e, set->window, res->nwindows, &w->diag)) {
		engine_free(e);
		atomic_store(&sh->failed, 1);
		return NULL;
	}
	while ((c = atomic_fetch_add(&sh->next_chunk, 1)) < sh->nchunks) {
		long first = (long)c * sh->chunk;
		long last = first + sh->chunk < set->replications ?
			    first + sh->chunk : set->replications;
		/* this chunk's moments, laid out as the result's */
		struct moments *mb = sh->chunk_mom + c * sh->nmom;
		struct moments *mt = mb + sh->nb;
		struct moments *ms = mt + sh->nt;
		struct moments *mw = ms + set->nslo;

		if (atomic_load(&sh->failed))
			break;
		for (long i = first; i < last; i++) {
			const struct rep_result *rr =
				engine_run(e, set->seed, (uint64_t)i, set->warmup, h, &w->outages);
			size_t below[RESULT_MAX_SLO] = { 0 };

			for (size_t b = 0; b < sh->nb; b++)
				moments_add(&mb[b], rr->block_down[b] / h, rr->block_outages[b] / years);
			for (size_t t = 0; t < sh->nt; t++) {
				double k = (double)model_type_instances(sh->m, t);

				if (k > 0)
					moments_add(&mt[t], rr->type_down[t] / (k * h),
						    rr->type_failures[t] / (k * years));
			}
			for (size_t k = 0; k < res->nwindows; k++) {
				double u = rr->slot_down[k] / set->window;

				moments_add(&mw[k], u, 0);
				hist_add(&w->window_down, u);
				for (size_t s = 0; s < set->nslo; s++)
					if (1 - u < set->slo[s])
						below[s]++;
			}
			if (res->nwindows > 0)
				for (size_t s = 0; s < set->nslo; s++)
					moments_add(&ms[s], (double)below[s] / (double)res->nwindows, 0);
			sh->res->sys_down[i] = rr->block_down[0] / h;
			sh->res->sys_outages[i] = rr->block_outages[0];
			w->events += rr->events;
		}
		atomic_fetch_add(&sh->done, last - first);
	}
	engine_free(e);
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct result *run_model(const struct model *m, const struct run_options *opt,
			 struct diag *d)
{
	struct shared sh;
	struct worker *w = NULL;
	pthread_t *tid = NULL;
	int nthreads = opt->threads, started = 0;
	double t0 = now();

	memset(&sh, 0, sizeof sh);
	sh.m = m;
	sh.opt = opt;
	sh.nb = model_blocks(m);
	sh.nt = model_types(m);
	sh.chunk = (opt->set.replications + RUN_CHUNKS_MAX - 1) / RUN_CHUNKS_MAX;
	if (sh.chunk < RUN_CHUNK_MIN)
		sh.chunk = RUN_CHUNK_MIN;
	sh.nchunks = (size_t)((opt->set.replications + sh.chunk - 1) / sh.chunk);
	atomic_init(&sh.next_chunk, 0);
	atomic_init(&sh.done, 0);
	atomic_init(&sh.failed, 0);
	if ((size_t)nthreads > sh.nchunks)
		nthreads = (int)sh.nchunks;
	sh.res = result_new(m, &opt->set);
	if (sh.res) {
		sh.nmom = sh.res->nmoments;
		sh.chunk_mom = calloc(sh.nchunks * sh.nmom, sizeof *sh.chunk_mom);
	}
	w = calloc((size_t)nthreads, sizeof *w);
	tid = calloc((size_t)nthreads, sizeof *tid);
	if (!sh.res || !sh.chunk_mom || !w || !tid) {
		diag_runtime(d, "out of memory for %ld replications", opt->set.replications);
		goto fail;
	}
	/* calloc's zero bits are moments_init's zeros. */
	for (int k = 0; k < nthreads; k++) {
		w[k].sh = &sh;
		hist_init(&w[k].outages);
		hist_init(&w[k].window_down);
		diag_init(&w[k].diag);
	}
	for (; started < nthreads; started++) {
		int rc = pthread_create(&tid[started], NULL, work, &w[started]);

		if (rc) {
			atomic_store(&sh.failed, 1);
			diag_runtime(d, "cannot start a thread: %s", strerror(rc));
			break;
		}
	}
	if (opt->progress && started == nthreads) {
		long total = opt->set.replications;

		while (atomic_load(&sh.done) < total && !atomic_load(&sh.failed)) {
			struct timespec ts = { 0, 100 * 1000 * 1000 };

			opt->progress(opt->progress_arg, atomic_load(&sh.done), total);
			nanosleep(&ts, NULL);
		}
		opt->progress(opt->progress_arg, atomic_load(&sh.done), total);
	}
	for (int k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	if (atomic_load(&sh.failed)) {
		for (int k = 0; k < nthreads; k++)
			if (w[k].diag.kind != DIAG_NONE) {
				diag_runtime(d, "%s", diag_text(&w[k].diag));
				break;
			}
		diag_runtime(d, "the simulation failed");
		goto fail;
	}
	for (size_t c = 0; c < sh.nchunks; c++)
		for (size_t k = 0; k < sh.nmom; k++)
			moments_merge(&sh.res->block[k], &sh.chunk_mom[c * sh.nmom + k]);
	for (int k = 0; k < nthreads; k++) {
		hist_merge(&sh.res->outages, &w[k].outages);
		hist_merge(&sh.res->window_down, &w[k].window_down);
		sh.res->events += w[k].events;
	}
	sh.res->wall_seconds = now() - t0;
	free(sh.chunk_mom);
	free(w);
	free(tid);
	return sh.res;
fail:
	result_free(sh.res);
	free(sh.chunk_mom);
	free(w);
	free(tid);
	return NULL;
}
