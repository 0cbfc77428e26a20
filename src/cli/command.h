/* command.h - the subcommand table that drives dispatch, `nines help`,
 * `nines CMD --help` and usage errors: usage text lives only here. */
#ifndef NINES_COMMAND_H
#define NINES_COMMAND_H

#include <stdio.h>

#include "engine/result.h"
#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "report/compare.h"
#include "report/report.h"

enum exit_status {
	EXIT_OK = 0,
	EXIT_BELOW = 1,      /* compare --fail-below threshold not met */
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,      /* a bad input file */
	EXIT_RUNTIME = 4,    /* I/O, memory, a missing program */
};

struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct command *self);
	const char *args;      /* "[options] TOPOLOGY.json" */
	const char *summary;   /* one line */
	const char *options;   /* option lines for --help, "" when none */
};

extern const struct command commands[];
extern const int ncommands;

/* The entry named NAME, or NULL. */
const struct command *command_find(const char *name);

/* Full help for C on F: usage line, summary, options. */
void command_help(const struct command *c, FILE *f);

/* Print "nines: CMD: message" and the usage line to stderr; returns
 * EXIT_USAGE. */
int command_usage_error(const struct command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "nines: message" to stderr and return STATUS. */
int command_fail(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse helpers for option values; each prints a usage error naming OPT
 * and returns -1 on a bad value. */
int command_long(const struct command *c, const char *opt, const char *text,
		 long min, long max, long *out);
int command_u64(const struct command *c, const char *opt, const char *text,
		unsigned long long *out);
int command_double(const struct command *c, const char *opt, const char *text,
		   double *out);
int command_duration(const struct command *c, const char *opt, const char *text,
		     double *hours);

/* Parse --slo's comma-separated availability targets in percent
 * ("99.9,99.95") into SET's nslo and slo.  Prints a usage error and
 * returns -1 on a bad list. */
int command_slo(const struct command *c, const char *text, struct run_settings *set);

/* --vary options that sweep takes at most. */
#define RUN_ARGS_MAX_VARY 2

/* The options of the commands that run simulations. */
struct run_args {
	long reps;                  /* -1: not given */
	double horizon, warmup, conf, window;   /* -1: not given */
	unsigned long long seed;
	int have_seed;
	long threads;
	int stats;
	enum report_format fmt;
	const char *out;
	struct run_settings slo;    /* nslo and slo: the --slo targets or the defaults */
	/* compare only (RUN_ARGS_COMPARE) */
	const char *baseline;
	double fail_below;
	int have_fail_below;
	const char *plot;
	/* sweep only (RUN_ARGS_SWEEP) */
	const char *vary[RUN_ARGS_MAX_VARY];   /* the --vary values, in order */
	int nvary;
};

#define RUN_ARGS_COMPARE 1u     /* --baseline, --fail-below, --plot */
#define RUN_ARGS_BASELINE 2u    /* --baseline alone (report) */
#define RUN_ARGS_NO_FORMAT 4u   /* refuse --format (report: always HTML) */
#define RUN_ARGS_SWEEP 8u       /* --vary (repeatable) and --plot (sweep) */

/* Parse the options of a simulating command into A, accepting
 * --baseline, --fail-below and --plot when EXTRA has RUN_ARGS_COMPARE,
 * --baseline alone with RUN_ARGS_BASELINE, and refusing --format with
 * RUN_ARGS_NO_FORMAT, and accepting --vary (at most RUN_ARGS_MAX_VARY
 * times) and --plot with RUN_ARGS_SWEEP (an option refused is an unknown
 * option).
 * Returns -1 when parsing is done and the operands start at optind, or an
 * exit status to return at once (help printed, usage error printed). */
int command_run_args(const struct command *self, int argc, char **argv,
		     unsigned extra, struct run_args *a);

/* The settings of a run: A's values where given, else T's file values,
 * else the defaults. */
void command_run_settings(const struct run_args *a, const struct topology *t,
			  struct run_settings *set);

/* Several designs loaded and run with one set of settings on common
 * random numbers: what compare and report start from. */
struct designs {
	struct design *d;
	struct result **res;
	struct compare_design *cd;    /* views of d and res for compare.h */
	size_t n;
	size_t baseline;              /* --baseline's index, else 0 */
};

/* Load the N FILES (all checked before anything runs), take the settings
 * from A over the baseline file's, run each.  Returns EXIT_OK with DS
 * filled (release with command_designs_release), or prints the error and
 * returns its exit status with DS released. */
int command_designs_run(const struct command *self, const struct run_args *a,
			char **files, int n, struct designs *ds);
void command_designs_release(struct designs *ds);

/* A progress bar on standard error (for run_options.progress). */
void command_progress(void *arg, long done, long total);

/* --stats: events, events per second and wall time on standard error. */
void command_stats(const struct result *r, int threads);

int cmd_simulate(int argc, char **argv, const struct command *self);
int cmd_compare(int argc, char **argv, const struct command *self);
int cmd_analyze(int argc, char **argv, const struct command *self);
int cmd_validate(int argc, char **argv, const struct command *self);
int cmd_plot(int argc, char **argv, const struct command *self);
int cmd_report(int argc, char **argv, const struct command *self);
int cmd_sweep(int argc, char **argv, const struct command *self);
int cmd_help(int argc, char **argv, const struct command *self);


/* A topology file read, compiled and solved exactly: what simulate and
 * analyze both start from. */
struct design {
	struct topology *t;
	struct model *m;
	struct analytic a;
};

/* Load FILE into D.  Returns EXIT_OK, or prints the error and returns
 * EXIT_INPUT / EXIT_RUNTIME with D released. */
int command_design_load(struct design *d, const char *file);
void command_design_release(struct design *d);

/* Refuse a run of D with SET that would cut the horizon into too many SLO
 * windows (usage error) or take too many events per replication (bad
 * input).  Returns EXIT_OK, or the exit status after printing why. */
int command_check_run(const struct command *self, const struct design *d,
		      const struct run_settings *set);

/* Write REP in FMT to PATH ("-" or NULL: stdout), atomically.  Returns
 * EXIT_OK, or prints the error and returns EXIT_RUNTIME. */
int command_write_report(const struct report *rep, enum report_format fmt, const char *path);
#endif
