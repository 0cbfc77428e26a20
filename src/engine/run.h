/* run.h - many replications over threads, reduced in index order. */
#ifndef NINES_RUN_H
#define NINES_RUN_H

#include <stdint.h>

#include "engine/result.h"
#include "model/model.h"
#include "util/diag.h"

/* Replications are grouped in chunks of at least RUN_CHUNK_MIN, and in at
 * most RUN_CHUNKS_MAX chunks; each chunk is reduced in index order and the
 * chunks are merged in index order, so the result depends on the number of
 * replications but never on how many threads ran them.  Chunks run in
 * rounds of RUN_ROUND, merged after each round, which bounds the memory of
 * the partial moments; a model with so many measures that a round's
 * moments would pass RUN_ROUND_BYTES runs in rounds of fewer chunks (not
 * fewer than RUN_ROUND_MIN), a number that depends on the model alone. */
#define RUN_CHUNK_MIN 64
#define RUN_CHUNKS_MAX 1024
#define RUN_ROUND 64
#define RUN_ROUND_MIN 8
#define RUN_ROUND_BYTES (32u << 20)

/* Chunks per round when a chunk's moments take BYTES: RUN_ROUND, or as
 * many as fit in RUN_ROUND_BYTES (a 100,000-component model has about
 * 3 MB of moments a chunk), but at least RUN_ROUND_MIN. */
size_t run_round_chunks(size_t bytes);

/* A replication that would take more events than this is refused: it
 * would run for hours, or never end when durations fall below the
 * resolution of the clock. */
#define RUN_MAX_EVENTS 1e8

/* With a target error, chunks of importance sampling's cycles, and of
 * splitting's replications (each is hundreds of trajectories; a round of
 * 256 is also the least splitting trusts: its replications' estimates are
 * skewed, and fewer than about 200 underestimate their spread). */
#define RUN_IS_CHUNK 256
#define RUN_SPLIT_CHUNK 4
/* Importance sampling trusts its relative error only after this many
 * cycles: the likelihood ratios' distribution has a long tail, and a
 * few thousand cycles underestimate its variance (measured: a 1-of-3
 * group stopped at 16,384 cycles held the exact value in too few of its
 * intervals; see tests/check_is.c). */
#ifndef RUN_IS_MIN_CYCLES
#define RUN_IS_MIN_CYCLES 131072
#endif
/* Importance sampling and splitting with no target error run to this one. */
#define RUN_RARE_TARGET 0.05
/* A run to a target error stops at this many samples when not told. */
#define RUN_MAX_REPLICATIONS 10000000L
/* auto: a system is rarely down when a plain pilot of RUN_PILOT
 * replications sees fewer than RUN_PILOT_OUTAGES system outages; an exact
 * unavailability of RUN_AUTO_RARE or more says it is not, without a pilot.
 * Rarely down, not small unavailability, is what plain Monte Carlo finds
 * hard: a failover design down a minute at each of many switches has few
 * nines but many outages, and importance sampling gains nothing there. */
#define RUN_AUTO_RARE 1e-5
#define RUN_PILOT 256
#define RUN_PILOT_OUTAGES 30

struct run_options {
	struct run_settings set;
	int have_exact;          /* exact_u holds the exact system unavailability */
	double exact_u;
	int threads;             /* >= 1 */
	int keep;                /* keep each replication's system values */
	/* Called now and then from the calling thread while workers run, with
	 * the number of replications done; may be NULL. */
	void (*progress)(void *arg, long done, long total);
	void *progress_arg;
};

/* The expected number of events of one replication of M under SET (each
 * instance's (warm-up + horizon) / (MTBF + MTTR) cycles, two events
 * each), and in *WORST the type that contributes most. */
double run_expected_events(const struct model *m, const struct run_settings *set,
			   size_t *worst);

/* The name of METHOD ("auto", "plain", "importance", "splitting"). */
const char *run_method_name(enum run_method method);

/* The method called NAME into *METHOD.  Returns 0, or -1 when there is
 * none of that name. */
int run_method_parse(const char *name, enum run_method *method);

/* The number of online processors, at least 1; under MPI, shared among
 * the ranks on this machine (run_mpi_local_size). */
int run_default_threads(void);

/* Fill SET with the defaults that no file sets: a 30-day SLO window and
 * the targets 99.9%, 99.95% and 99.99%. */
void run_settings_defaults(struct run_settings *set);

/* The relative error R reached: the half-width of the system
 * unavailability's interval over its estimate; NaN when the estimate is
 * 0 (no downtime seen). */
double run_rel_error(const struct result *r);

/* Whether splitting can run M (a single failure does not take the system
 * down), saying why in WHY (N bytes): 1 or 0, or -1 with d filled (out
 * of memory). */
int run_split_qualifies(const struct model *m, char *why, size_t n, struct diag *d);

/* The method a run of M under OPT uses, saying why in WHY (N bytes): the
 * one asked for, or for RUN_METHOD_AUTO, when the system is rarely down
 * (see RUN_PILOT), importance sampling if the model qualifies
 * (engine_is_qualifies), else splitting if it qualifies
 * (run_split_qualifies), and plain Monte Carlo otherwise.  Returns RUN_METHOD_AUTO
 * with d filled when the method asked for cannot run M (DIAG_INPUT) or
 * the pilot failed. */
enum run_method run_choose(const struct model *m, const struct run_options *opt,
			   char *why, size_t n, struct diag *d);

/* Run the replications of M described by OPT, by the method run_choose
 * picks; with a target error (importance sampling and splitting always
 * have one,
 * RUN_RARE_TARGET when not told) in rounds until it is reached or a bound
 * is hit.  Returns a new result (free
 * with result_free; it borrows M) or NULL with d filled. */
struct result *run_model(const struct model *m, const struct run_options *opt,
			 struct diag *d);

#endif
