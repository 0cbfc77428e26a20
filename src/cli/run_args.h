/* run_args.h - the options of the commands that simulate designs and
 * write reports (simulate, compare, report, sweep, and analyze's --format
 * and -o), each defined once here with its help text; the values a
 * command line gave them; and the settings of a run made from those
 * values over a file's.  A command's option table (in its cmd_*.c) lists
 * the ones it takes. */
#ifndef NINES_CLI_RUN_ARGS_H
#define NINES_CLI_RUN_ARGS_H

#include <stdint.h>

#include "cli/command.h"
#include "engine/result.h"
#include "model/topology.h"
#include "report/report.h"

/* --vary options that sweep takes at most. */
#define RUN_ARGS_MAX_VARY 2
/* -o options that one command line takes at most. */
#define RUN_ARGS_MAX_OUT 8
/* --set options that one command line takes at most, and the longest
 * PATH=VALUE each may be. */
#define RUN_ARGS_MAX_SET 16
#define RUN_ARGS_SET_LEN 512

/* The options' values, as run_args_parse leaves them. */
struct run_args {
	long reps;                  /* -1: not given */
	double horizon, warmup, conf, window;   /* -1: not given */
	uint64_t seed;
	int have_seed;
	long threads;               /* the online processors when not given */
	int stats;
	enum report_format fmt;     /* REPORT_TEXT when not given */
	int have_fmt;
	const char *out[RUN_ARGS_MAX_OUT];   /* the -o files, in order */
	int nout;                   /* 0: standard output */
	struct run_settings slo;    /* nslo and slo: the --slo targets or the defaults */
	const char *baseline;       /* NULL: not given */
	double fail_below;
	int have_fail_below;
	const char *plot;           /* NULL: not given */
	const char *vary[RUN_ARGS_MAX_VARY];   /* the --vary values, in order */
	int nvary;
	/* the --set values, in order: path and text point into set_spec */
	struct topology_set set[RUN_ARGS_MAX_SET];
	size_t nset;
	char set_spec[RUN_ARGS_MAX_SET][RUN_ARGS_SET_LEN];
	enum run_method method;
	int have_method;
	double target, max_time;    /* -1: not given; max_time in hours */
	long max_reps;              /* -1: not given */
};

/* -n, --replications N; --horizon DUR; --warmup DUR; --seed N;
 * --confidence C (the defaults from "{from}"); -j, --threads N. */
extern const struct cmd_option run_args_opt_replications, run_args_opt_horizon,
	run_args_opt_warmup, run_args_opt_seed, run_args_opt_confidence,
	run_args_opt_threads;
/* --method M; --target-error REL; --max-time DUR; --max-replications N. */
extern const struct cmd_option run_args_opt_method, run_args_opt_target_error,
	run_args_opt_max_time, run_args_opt_max_replications;
/* --format FMT; -o, --output FILE. */
extern const struct cmd_option run_args_opt_format, run_args_opt_output;
/* --window DUR; --slo LIST; --stats. */
extern const struct cmd_option run_args_opt_window, run_args_opt_slo, run_args_opt_stats;
/* compare: --baseline FILE (report too), --fail-below NINES;
 * compare and sweep: --plot DIR; sweep: --vary SPEC (at most
 * RUN_ARGS_MAX_VARY times); simulate, analyze, compare, report and sweep:
 * --set PATH=VALUE (at most RUN_ARGS_MAX_SET times), a value put into
 * every design's file before it is checked. */
extern const struct cmd_option run_args_opt_baseline, run_args_opt_fail_below,
	run_args_opt_plot, run_args_opt_vary, run_args_opt_set;

/* The format of A's output K (0 <= K < A->nout, or 0 for standard output
 * when nout is 0): --format when given, else the one the file's extension
 * names (.txt, .json, .md, .csv), else text. */
enum report_format run_args_format(const struct run_args *a, int k);

/* A with no option given: what run_args_parse starts from, and what a
 * command that takes no run options (validate) checks a file's settings
 * with. */
void run_args_init(struct run_args *a);

/* Parse ARGV's options into A by SELF's table, whose rows must all be
 * options of this header or command_opt_help.  Several -o are a usage
 * error for a command without --format, when --format is given too, when one names no format by its
 * extension, or when one is named twice.  Returns as command_parse does:
 * -1 with the operands at ARGV[optind..ARGC), or the exit status to
 * return at once (help printed, usage error printed). */
int run_args_parse(const struct cmd_entry *self, int argc, char **argv,
		   struct run_args *a);

/* The keys of a command's own options start here: every option of this
 * header has a key below it. */
#define RUN_ARGS_OWN_KEY 1000

/* run_args_parse for a command with options of its own besides: SET is
 * called, as command_parse calls its callback with ARG, for each option
 * of SELF's table whose key is RUN_ARGS_OWN_KEY or above.  SET NULL:
 * run_args_parse. */
int run_args_parse_own(const struct cmd_entry *self, int argc, char **argv,
		       struct run_args *a, cmd_set_fn *set, void *arg);

/* The settings of a run: A's values where given, else T's file values,
 * else the defaults. */
void run_args_settings(const struct run_args *a, const struct topology *t,
		       struct run_settings *set);
#endif
