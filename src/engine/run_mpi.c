/* run_mpi.c - the MPI side of a run (run_mpi.h): each rank runs a
 * contiguous share of every round's chunks, and the chunks' partial
 * results (plain doubles) are gathered to every rank, which merges them in
 * chunk order as one process would.  Contiguous shares make every rank's
 * slots one block of the round's arrays, so one MPI_Allgatherv in place
 * per array gathers the round.  Built without MPI (or started without a
 * launcher) there is one rank and nothing here communicates.
 *
 * Cost per round, per rank: the round's chunk moments, 7 doubles a
 * measure a chunk (11, and 5 a chunk, for importance sampling), plus the
 * round's system values when a comparison keeps them, and one integer
 * reduction for the errors.  See the README ("Running on a cluster") for what that means
 * at 64 and 1,024 ranks. */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "config.h"
#include "engine/run_impl.h"
#include "engine/run_mpi.h"

static int mpi_rank = 0, mpi_size = 1, mpi_local = 1;

#ifdef HAVE_MPI
#include <mpi.h>

/* the slots travel as plain doubles */
_Static_assert(sizeof(struct moments) % sizeof(double) == 0, "moments are doubles");
_Static_assert(sizeof(struct ratio_moments) % sizeof(double) == 0, "ratio moments are doubles");
_Static_assert(sizeof(struct run_gain) % sizeof(double) == 0, "gains are doubles");

/* A failed rank waits this long for the others at the end (see
 * run_mpi_finalize). */
#define RUN_MPI_GRACE 10.0

static int mpi_on;             /* MPI_Init_thread was called */
static MPI_Comm mpi_end = MPI_COMM_NULL; /* MPI_COMM_WORLD's copy for the meeting at the end */
static int *mpi_counts, *mpi_displs; /* [mpi_size]: scratch for MPI_Allgatherv */

int run_mpi_init(int *argc, char ***argv, int launched, struct diag *d)
{
	int provided;
	MPI_Comm node;

	if (!launched)
		return 0;
	if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
		return diag_runtime(d, "cannot join the MPI job");
	mpi_on = 1;
	if (provided < MPI_THREAD_FUNNELED)
		return diag_runtime(d, "the MPI library cannot be used beside threads"
				    " (MPI_THREAD_FUNNELED)");
	MPI_Comm_rank(MPI_COMM_WORLD, &mpi_rank);
	MPI_Comm_size(MPI_COMM_WORLD, &mpi_size);
	MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
	MPI_Comm_size(node, &mpi_local);
	MPI_Comm_free(&node);
	MPI_Comm_dup(MPI_COMM_WORLD, &mpi_end);
	mpi_counts = malloc((size_t)mpi_size * sizeof *mpi_counts);
	mpi_displs = malloc((size_t)mpi_size * sizeof *mpi_displs);
	if (!mpi_counts || !mpi_displs)
		return diag_runtime(d, "out of memory for %d MPI ranks", mpi_size);
	return 0;
}

/* Whether every rank came to the end: at once for a rank that did its
 * work (STATUS 0), or within RUN_MPI_GRACE seconds for one that failed.
 * The meeting is on a communicator of its own, so that it can never
 * match a collective of a run that other ranks are still in. */
static int all_ended(int status)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	MPI_Request rq;
	int done = 0;

	if (mpi_end == MPI_COMM_NULL)   /* joining the job failed on every rank */
		return 1;
	MPI_Ibarrier(mpi_end, &rq);
	if (status == 0 || mpi_size == 1)
		return MPI_Wait(&rq, MPI_STATUS_IGNORE) == MPI_SUCCESS;
	for (double t = 0; !done && t < RUN_MPI_GRACE; t += 0.01) {
		MPI_Test(&rq, &done, MPI_STATUS_IGNORE);
		if (!done)
			nanosleep(&tick, NULL);
	}
	return done;
}

void run_mpi_finalize(int status)
{
	free(mpi_counts);
	free(mpi_displs);
	mpi_counts = mpi_displs = NULL;
	/* A rank that failed alone (its input unreadable on its machine)
	 * leaves without MPI_Finalize: mpirun then ends the ranks that wait
	 * for it in a run's collective. */
	if (mpi_on && all_ended(status))
		MPI_Finalize();
}
#else
int run_mpi_init(int *argc, char ***argv, int launched, struct diag *d)
{
	(void)argc, (void)argv, (void)launched, (void)d;
	return 0;
}

void run_mpi_finalize(int status)
{
	(void)status;
}
#endif

int run_mpi_rank(void)
{
	return mpi_rank;
}

int run_mpi_size(void)
{
	return mpi_size;
}

int run_mpi_local_size(void)
{
	return mpi_local;
}

size_t run_mpi_round(size_t n, int fixed)
{
	size_t ranks = (size_t)mpi_size;

	return fixed && ranks > n ? (ranks + n - 1) / n * n : n;
}

/* Rank R's share of the round's chunks, as offsets from its first. */
static void share(const struct shared *sh, int r, size_t *first, size_t *end)
{
	size_t n = sh->round_end - sh->round_first;

	*first = n * (size_t)r / (size_t)mpi_size;
	*end = n * ((size_t)r + 1) / (size_t)mpi_size;
}

void run_mpi_part(const struct shared *sh, size_t *first, size_t *end)
{
	share(sh, mpi_rank, first, end);
	*first += sh->round_first;
	*end += sh->round_first;
}

#ifdef HAVE_MPI
/* The replications before chunk C (offset from the round's first). */
static long reps_before(const struct shared *sh, size_t c)
{
	long i = (long)(sh->round_first + c) * sh->chunk;

	return i < sh->total ? i : sh->total;
}

/* Gather BASE, the round's slots of BYTES (doubles) a chunk, from every
 * rank. */
static void gather_slots(const struct shared *sh, void *base, size_t bytes)
{
	MPI_Datatype slot;

	MPI_Type_contiguous((int)(bytes / sizeof(double)), MPI_DOUBLE, &slot);
	MPI_Type_commit(&slot);
	for (int r = 0; r < mpi_size; r++) {
		size_t first, end;

		share(sh, r, &first, &end);
		mpi_counts[r] = (int)(end - first);
		mpi_displs[r] = (int)first;
	}
	MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, base, mpi_counts, mpi_displs,
		       slot, MPI_COMM_WORLD);
	MPI_Type_free(&slot);
}

/* Gather the round's replications' system values into SH's result. */
static void gather_values(const struct shared *sh)
{
	long base = reps_before(sh, 0);

	for (int r = 0; r < mpi_size; r++) {
		size_t first, end;

		share(sh, r, &first, &end);
		mpi_counts[r] = (int)(reps_before(sh, end) - reps_before(sh, first));
		mpi_displs[r] = (int)(reps_before(sh, first) - base);
	}
	for (int k = 0; k < RESULT_KEPT; k++)
		MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, sh->res->kept[k] + base,
			       mpi_counts, mpi_displs, MPI_DOUBLE, MPI_COMM_WORLD);
}

void run_mpi_gather(struct shared *sh)
{
	if (mpi_size == 1)
		return;
	if (sh->method == RUN_METHOD_IMPORTANCE) {
		gather_slots(sh, sh->chunk_rat, sh->nmom * sizeof *sh->chunk_rat);
		gather_slots(sh, sh->chunk_gain, sizeof *sh->chunk_gain);
		return;
	}
	gather_slots(sh, sh->chunk_mom, sh->nmom * sizeof *sh->chunk_mom);
	if (sh->res->kept[KEPT_DOWN])
		gather_values(sh);
}

int run_mpi_max(int v)
{
	if (mpi_size > 1)
		MPI_Allreduce(MPI_IN_PLACE, &v, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
	return v;
}

int run_mpi_root(int v)
{
	if (mpi_size > 1)
		MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
	return v;
}

static void sum_hist(struct hist *h)
{
	MPI_Allreduce(MPI_IN_PLACE, h->count, HIST_BINS, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
	MPI_Allreduce(MPI_IN_PLACE, h->min, HIST_BINS, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
	MPI_Allreduce(MPI_IN_PLACE, h->max, HIST_BINS, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
	MPI_Allreduce(MPI_IN_PLACE, &h->total, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
}

void run_mpi_sum(struct shared *sh)
{
	if (mpi_size == 1)
		return;
	sum_hist(&sh->res->outages);
	sum_hist(&sh->res->window_down);
	MPI_Allreduce(MPI_IN_PLACE, &sh->res->events, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
}
#else
void run_mpi_gather(struct shared *sh)
{
	(void)sh;
}

int run_mpi_max(int v)
{
	return v;
}

int run_mpi_root(int v)
{
	return v;
}

void run_mpi_sum(struct shared *sh)
{
	(void)sh;
}
#endif
