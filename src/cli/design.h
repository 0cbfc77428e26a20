/* design.h - what the commands do with a topology file once their options
 * are parsed: load it into a design (read, compiled, solved exactly), check
 * that a run of it is reasonable, run several on common random numbers,
 * show a run's progress and speed, and write a report.  Every function
 * here prints its own error and returns the exit status, as a command
 * does. */
#ifndef NINES_CLI_DESIGN_H
#define NINES_CLI_DESIGN_H

#include <stddef.h>

#include "cli/command.h"
#include "cli/run_args.h"
#include "engine/result.h"
#include "engine/run.h"
#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "report/compare.h"
#include "report/report.h"

/* A topology file read, compiled and solved exactly: what every
 * simulating command and analyze start from. */
struct design {
	struct topology *t;
	struct model *m;
	struct analytic a;
	struct warnings warn;    /* the loader's, then design_warn_window's and
	                            design_write's */
};

/* The one topology file among ARGV's operands (from optind) loaded into
 * D with A's --set values, as design_load does; a usage error when there
 * is none, or "MANY" when there are several.  Returns as design_load. */
int design_load_operand(struct design *d, const struct cmd_entry *self,
			const struct run_args *a, int argc,
			char **argv, const char *many);

/* Write D's report, with the simulated result R (NULL: exact values
 * alone), to A's outputs, as design_output writes, after adding R's
 * warnings (report_warnings_collect) to D's and printing them all on
 * standard error (design_warnings_print).  Returns EXIT_OK, or prints the
 * error and returns EXIT_RUNTIME. */
int design_write(struct design *d, const struct result *r, const struct run_args *a);

/* Add to D's warnings the SLO window of SET (from A's --window, or the
 * default) that is longer than the horizon (from A's --horizon, or the
 * file's "simulation.horizon"): no whole window fits, and the report
 * would have no SLO windows without saying why.  Returns EXIT_OK, or
 * prints the error and returns EXIT_RUNTIME (out of memory). */
int design_warn_window(struct design *d, const struct run_args *a,
		       const struct run_settings *set);

/* Each warning of W on standard error, "nines: warning: FILE: PATH:
 * message" (on MPI rank 0 only).  The exit status never depends on
 * them. */
void design_warnings_print(const struct warnings *w);

/* Load FILE into D with the NSETS values of SETS set in it (--set, then
 * sweep's --vary; NULL and 0 for none).  Returns EXIT_OK with D filled
 * (release with design_release), or prints the error and returns its
 * status with D released: EXIT_USAGE (a path of SETS that leads nowhere,
 * as a usage error of SELF naming the set's label, "--set: ..."),
 * EXIT_INPUT (a bad file, or a value the file may not hold at that path),
 * EXIT_RUNTIME. */
int design_load(struct design *d, const struct cmd_entry *self, const char *file,
		const struct topology_set *sets, size_t nsets);
/* Free what D holds and zero it; a zeroed D is fine. */
void design_release(struct design *d);

/* Refuse a run of D with SET that would cut the horizon into too many SLO
 * windows (a usage error of SELF), take too many events per replication,
 * or ask for importance sampling of a model it cannot run (bad input).  Returns EXIT_OK, or the exit status after printing why. */
int design_check(const struct cmd_entry *self, const struct design *d,
		 const struct run_settings *set);

/* Tell OPT D's exact system unavailability, when there is one, for the
 * choice of method (run_choose). */
void design_exact(const struct design *d, struct run_options *opt);

/* A progress bar on standard error (for run_options.progress; ARG is
 * unused), erased when DONE reaches TOTAL. */
void design_progress(void *arg, long done, long total);

/* --stats: R's events, events per second and wall time on standard error. */
void design_stats_print(const struct result *r, int threads);

/* Several designs loaded and run with one set of settings on common
 * random numbers: what compare and report start from. */
struct design_list {
	struct design *d;
	struct result **res;
	struct compare_design *cd;    /* views of d and res for compare.h */
	size_t n;
	size_t baseline;              /* --baseline's index, else 0 */
	struct warnings warn;         /* every design's and the comparison's */
};

/* Load the N FILES (all checked before anything runs), take the settings
 * from A over the baseline file's, run each, gather every warning into
 * DS->warn (each design's, design_warn_window's for the baseline, and
 * compare_warnings_collect's) and print them (design_warnings_print).
 * Returns EXIT_OK with DS filled (release with design_list_release), or
 * prints the error and returns its exit status with DS released. */
int design_list_run(const struct cmd_entry *self, const struct run_args *a,
		    char **files, int n, struct design_list *ds);
/* Free what DS holds and zero it; a zeroed DS is fine. */
void design_list_release(struct design_list *ds);

/* A report writer: WHAT (a struct report, comparison or sweep) in FMT to
 * F; 0, or -1 when writing failed. */
typedef int (*design_writer)(FILE *f, enum report_format fmt, const void *what);

/* Write WHAT with W to each of A's -o files (standard output when none,
 * or "-") in its format (run_args_format), atomically (util/output.h):
 * when one cannot be opened or written, none is changed and nothing goes
 * to standard output.  Returns EXIT_OK, or prints the error and returns
 * EXIT_RUNTIME. */
int design_output(const struct run_args *a, design_writer w, const void *what);

/* A drawer of plots: WHAT (a comparison, a sweep, a fit report) into the
 * directory DIR with the templates of TEMPLATES for TERMINALS; 0, or -1
 * with DIAG filled. */
typedef int (*design_drawer)(const void *what, const char *dir, const char *templates,
			     unsigned terminals, struct diag *diag);

/* --plot DIR: WHAT drawn with W in png and svg, by MPI rank 0 alone,
 * with signals held back while the files are put in place.  Returns
 * EXIT_OK, or prints the error and returns EXIT_RUNTIME. */
int design_plot(design_drawer w, const void *what, const char *dir);

#endif
