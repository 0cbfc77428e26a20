/* command.h - what a command is: its entry (name, usage, summary, option
 * table, function), the exit codes, and the machinery that makes from an
 * entry's option table both the getopt_long parsing and the `--help` and
 * usage-error text, so that each option is written once.
 *
 * Each command's file defines its entry (cmd_simulate.c defines
 * cmd_simulate_entry); main.c lists them in `commands`. */
#ifndef NINES_CLI_COMMAND_H
#define NINES_CLI_COMMAND_H

#include <stdint.h>
#include <stdio.h>

enum exit_status {
	EXIT_OK = 0,
	EXIT_BELOW = 1,      /* compare --fail-below threshold not met */
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,      /* a bad input file */
	EXIT_RUNTIME = 4,    /* I/O, memory, a missing program */
};

/* One option, defined once and shared by every command that takes it. */
struct cmd_option {
	const char *name;    /* the long name, without "--" */
	char flag;           /* the short name, or 0 for none */
	const char *arg;     /* the value's name in --help ("N"), NULL: no value */
	int key;             /* what the command's parser switches on */
	/* The --help text: a "\n" goes on to an indented line, and "{from}"
	 * stands for the entry's `from`. */
	const char *help;
};

/* A row of a command's option table: an option it takes, in --help order,
 * with the command's own help text where the option means more there than
 * its shared text says (NULL: the option's own). */
struct cmd_use {
	const struct cmd_option *opt;
	const char *help;
};

/* The most rows an option table may have. */
#define CMD_MAX_OPTIONS 24

struct cmd_entry {
	const char *name;               /* "simulate" */
	const char *usage;              /* what follows "nines NAME": "[options] TOPOLOGY.json" */
	const char *summary;            /* one line */
	const struct cmd_use *options;  /* ended by a row with opt NULL */
	const char *from;               /* "{from}" in help text: "the file's"; NULL if unused */
	/* Runs the command on ARGV[0..ARGC) (ARGV[0] is its name) and
	 * returns the exit status. */
	int (*exec)(const struct cmd_entry *self, int argc, char **argv);
};

/* Every command, in the order `nines help` lists them, ended by NULL
 * (defined in main.c). */
extern const struct cmd_entry *const commands[];

/* What nines takes from the environment.  main() reads it once, before
 * any command runs; commands hand the values to library code, which never
 * calls getenv. */
struct command_env {
	const char *models_dir;   /* $NINES_MODELS: where to look for models first, or NULL */
	const char *plots_dir;    /* $NINES_PLOTS: the gnuplot templates, or NULL */
	const char *tmp_dir;      /* $TMPDIR: for the report's scratch plots, or NULL */
	int mpi_launched;         /* an MPI launcher started the process: mpirun
	                             ($OMPI_COMM_WORLD_SIZE), srun ($PMIX_RANK,
	                             $PMI_SIZE) or MPICH's ($PMI_SIZE) */
};

/* Read the environment into the record command_env() returns.  Called once
 * by main(); the strings are the environment's own and live as long as
 * the process (nines never changes its environment). */
void command_env_read(void);

/* The environment as command_env_read() found it; all NULL before. */
const struct command_env *command_env(void);

/* Hold SIGINT, SIGTERM and SIGHUP back while files are put in place
 * (report files, plots): a signal that arrives meanwhile takes effect at
 * command_shield_end, once the files are complete or cleaned up, so that
 * no temporary file or half-renamed set of plots is left behind.  Child
 * processes (gnuplot) start with no signal blocked, so a Ctrl-C still
 * stops them at once.  Not nested. */
void command_shield_begin(void);
void command_shield_end(void);

/* -h, --help: command_parse prints the command's help for it. */
extern const struct cmd_option command_opt_help;

/* The entry named NAME, or NULL. */
const struct cmd_entry *command_find(const char *name);

/* The list of commands with their summaries, the text of `nines help`,
 * on F. */
void command_list_print(FILE *f);

/* Full help for E on F: the usage line, the summary, the option table. */
void command_help_print(const struct cmd_entry *e, FILE *f);

/* Print "nines: NAME: message" and E's usage line to stderr; returns
 * EXIT_USAGE. */
int command_usage_error(const struct cmd_entry *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "nines: message" to stderr and return STATUS. */
int command_fail(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* What command_parse calls for each option given: OPT from SELF's table,
 * VALUE its value (NULL for an option that takes none), ARG as given to
 * command_parse.  Returns 0, or EXIT_USAGE after printing a usage error. */
typedef int cmd_set_fn(const struct cmd_entry *self, const struct cmd_option *opt,
		       const char *value, void *arg);

/* Parse the options of ARGV[0..ARGC) by SELF's table with getopt_long
 * (options and operands may mix; "--" ends the options), calling SET for
 * each option but -h, --help, which prints SELF's help on stdout (SET
 * may be NULL when that is the only option).
 * Returns -1 when every option is taken and the operands are
 * ARGV[optind..ARGC) (getopt_long puts them last); else the exit status
 * to return at once: EXIT_OK after the help, EXIT_USAGE after a usage
 * error (an unknown option, a missing value, or SET's). */
int command_parse(const struct cmd_entry *self, int argc, char **argv,
		  cmd_set_fn *set, void *arg);

/* Checked option values: each stores the value in *OUT and returns 0, or
 * prints a usage error of E naming OPT and returns -1. */
int command_long(const struct cmd_entry *e, const char *opt, const char *text,
		 long min, long max, long *out);
int command_u64(const struct cmd_entry *e, const char *opt, const char *text,
		uint64_t *out);
int command_double(const struct cmd_entry *e, const char *opt, const char *text,
		   double *out);
/* A duration such as "8h" or a bare number of hours, into *HOURS. */
int command_duration(const struct cmd_entry *e, const char *opt, const char *text,
		     double *hours);
#endif
