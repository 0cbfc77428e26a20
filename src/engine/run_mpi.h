/* run_mpi.h - a run spread over MPI ranks as well as threads, in a build
 * configured --with-mpi; in a build without MPI, or before run_mpi_init,
 * there is one rank and every function here is a no-op (one process, its
 * results its own).
 *
 * Every rank runs the same command on the same files, so every rank loads
 * the same model and makes the same choices.  In each round of chunks
 * (run.h) a rank runs its own contiguous share of the round's chunks, then
 * every rank receives every chunk's moments (MPI_Allgatherv) and merges
 * them in chunk order: every rank holds the same result, the same bits as
 * one process with -j1.  What depends on a wall clock (--max-time) is
 * decided by rank 0 and broadcast; histograms and event counts are summed
 * at the end of a run.  Every run is collective: every rank must call
 * run_model with the same model and options, in the same order. */
#ifndef NINES_RUN_MPI_H
#define NINES_RUN_MPI_H

#include <stddef.h>

#include "util/diag.h"

/* For main(): join the MPI job that started this process (MPI_Init_thread,
 * MPI_THREAD_FUNNELED: only the calling thread uses MPI), if the build has
 * MPI and LAUNCHED says that a launcher (mpirun, srun) started it; a
 * process started alone stays one rank without the cost of joining a job
 * of one.  Returns 0, or -1 with d filled. */
int run_mpi_init(int *argc, char ***argv, int launched, struct diag *d);

/* For main(), at the end, with the exit STATUS: leave the MPI job
 * (MPI_Finalize) once every rank has come to its end.  A rank that failed
 * (STATUS not 0) waits for the others a few seconds only: if they are not
 * there, it failed alone (its input unreadable on its machine, say) and
 * they wait for it in a run; it leaves without MPI_Finalize, which tells
 * mpirun (or srun) to end the job rather than leave it hanging. */
void run_mpi_finalize(int status);

/* This process's rank (0 without MPI), and the number of ranks (1). */
int run_mpi_rank(void);
int run_mpi_size(void);

/* The ranks on this machine, this one included (1 without MPI): the
 * default number of threads shares the processors among them. */
int run_mpi_local_size(void);

/* For run.c only, called by every rank at the same points. */
struct shared;

/* The chunks of a round of at least N chunks: N, or for a run of a fixed
 * count (whose result does not depend on the rounds) enough multiples of
 * N that every rank has a chunk in each round. */
size_t run_mpi_round(size_t n, int fixed);

/* This rank's share [*FIRST, *END) of the round's chunks
 * [SH->round_first, SH->round_end). */
void run_mpi_part(const struct shared *sh, size_t *first, size_t *end);

/* Every rank's chunks of the round just run, into every rank's slots of
 * SH: plain or splitting moments and the replications' system values,
 * or importance sampling's ratio moments and gains. */
void run_mpi_gather(struct shared *sh);

/* The largest of every rank's V. */
int run_mpi_max(int v);

/* Rank 0's V, on every rank. */
int run_mpi_root(int v);

/* Every rank's histograms and event count summed into SH's result. */
void run_mpi_sum(struct shared *sh);

#endif
