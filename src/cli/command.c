/* command.c - what every command shares: finding an entry, and from an
 * entry's option table the getopt_long parsing, the `--help` text and the
 * usage errors; and checked option values.  Only this file turns option
 * tables into text or into getopt's tables, so the two cannot drift. */
#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "util/duration.h"
#include "util/utf8.h"

const struct cmd_option command_opt_help = {
	"help", 'h', NULL, 0, "show this help",
};

static struct command_env env;

/* An unset or empty variable is NULL: no setting. */
static const char *env_get(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

void command_env_read(void)
{
	env.models_dir = env_get("NINES_MODELS");
	env.plots_dir = env_get("NINES_PLOTS");
	env.tmp_dir = env_get("TMPDIR");
	env.mpi_launched = env_get("OMPI_COMM_WORLD_SIZE") || env_get("PMIX_RANK") ||
			   env_get("PMI_SIZE");
}

const struct command_env *command_env(void)
{
	return &env;
}

static sigset_t shield_old;

void command_shield_begin(void)
{
	sigset_t held;

	sigemptyset(&held);
	sigaddset(&held, SIGINT);
	sigaddset(&held, SIGTERM);
	sigaddset(&held, SIGHUP);
	sigprocmask(SIG_BLOCK, &held, &shield_old);
}

void command_shield_end(void)
{
	/* a signal held back is delivered here, and ends the process */
	sigprocmask(SIG_SETMASK, &shield_old, NULL);
}

/* The column where option help text starts. */
#define HELP_COLUMN 28

const struct cmd_entry *command_find(const char *name)
{
	for (int i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

void command_list_print(FILE *f)
{
	fprintf(f, "usage: nines COMMAND [options] [args]\n\n"
		"Availability of replicated system designs, simulated and exact.\n\n"
		"commands:\n");
	for (int i = 0; commands[i]; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "\n`nines help COMMAND` or `nines COMMAND --help` tells more;"
		" `nines --version` the version.\n");
}

/* One option's help line(s): the names, then TEXT from HELP_COLUMN with
 * "{from}" filled in and every "\n" going on at HELP_COLUMN. */
static void option_print(const struct cmd_entry *e, const struct cmd_option *o,
			 const char *text, FILE *f)
{
	char names[64];

	snprintf(names, sizeof names, "%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	fprintf(f, "  %c%c%c --%-*s", o->flag ? '-' : ' ', o->flag ? o->flag : ' ',
		o->flag ? ',' : ' ', HELP_COLUMN - 8, names);
	for (const char *p = text; *p; p++) {
		if (strncmp(p, "{from}", 6) == 0) {
			assert(e->from);
			fputs(e->from, f);
			p += 5;
		} else if (*p == '\n')
			fprintf(f, "\n%*s", HELP_COLUMN, "");
		else
			fputc(*p, f);
	}
	fputc('\n', f);
}

void command_help_print(const struct cmd_entry *e, FILE *f)
{
	fprintf(f, "usage: nines %s %s\n\n%s\n", e->name, e->usage, e->summary);
	if (!e->options[0].opt)
		return;
	fputs("\noptions:\n", f);
	for (const struct cmd_use *u = e->options; u->opt; u++)
		option_print(e, u->opt, u->help ? u->help : u->opt->help, f);
}

/* FMT's message on stderr, with what a terminal would act on written out
 * (a file name or an argument may hold an escape sequence). */
static void message(const char *fmt, va_list ap)
{
	char buf[8192];

	vsnprintf(buf, sizeof buf, fmt, ap);
	utf8_fputs_safe(stderr, buf);
}

int command_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nines: %s: ", e->name);
	va_start(ap, fmt);
	message(fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: nines %s %s\n", e->name, e->usage);
	return EXIT_USAGE;
}

int command_fail(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("nines: ", stderr);
	va_start(ap, fmt);
	message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

/* getopt_long's value for row I: its short name, else one no char has. */
#define LONG_ONLY 256

/* getopt_long's tables for E: LONGOPTS (ended by a zero row) and SHORTOPTS
 * (":" first, so that a missing value comes back as ':'). */
static void getopt_build(const struct cmd_entry *e, struct option *longopts, char *shortopts)
{
	int i;

	*shortopts++ = ':';
	for (i = 0; e->options[i].opt; i++) {
		const struct cmd_option *o = e->options[i].opt;

		assert(i < CMD_MAX_OPTIONS);
		longopts[i].name = o->name;
		longopts[i].has_arg = o->arg ? required_argument : no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = o->flag ? o->flag : LONG_ONLY + i;
		if (o->flag) {
			*shortopts++ = o->flag;
			if (o->arg)
				*shortopts++ = ':';
		}
	}
	memset(&longopts[i], 0, sizeof longopts[i]);
	*shortopts = '\0';
}

/* The row of E that getopt_long's value C stands for. */
static const struct cmd_option *option_find(const struct cmd_entry *e, int c)
{
	if (c >= LONG_ONLY)
		return e->options[c - LONG_ONLY].opt;
	for (const struct cmd_use *u = e->options; u->opt; u++)
		if (u->opt->flag == c)
			return u->opt;
	return NULL;
}

int command_parse(const struct cmd_entry *self, int argc, char **argv,
		  cmd_set_fn *set, void *arg)
{
	struct option longopts[CMD_MAX_OPTIONS + 1];
	char shortopts[2 + 2 * CMD_MAX_OPTIONS];
	const struct cmd_option *o;
	int c;

	getopt_build(self, longopts, shortopts);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == ':')
			return command_usage_error(self, "%s needs a value", argv[optind - 1]);
		o = option_find(self, c);
		/* an unknown short option may sit inside a cluster ("-x.json"):
		 * getopt names it in optopt, argv[optind - 1] is elsewhere */
		if (!o && c == '?' && optopt > 0 && optopt < LONG_ONLY)
			return command_usage_error(self, "unknown option \"-%c\"", optopt);
		if (!o)
			return command_usage_error(self, "unknown option \"%s\"", argv[optind - 1]);
		if (o == &command_opt_help) {
			command_help_print(self, stdout);
			return EXIT_OK;
		}
		assert(set);
		if (set(self, o, o->arg ? optarg : NULL, arg))
			return EXIT_USAGE;
	}
	return -1;
}

int command_long(const struct cmd_entry *e, const char *opt, const char *text,
		 long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (end == text || *end || errno || strspn(text, "-0123456789") != strlen(text)) {
		command_usage_error(e, "%s: \"%s\" is not an integer", opt, text);
		return -1;
	}
	if (v < min || v > max) {
		command_usage_error(e, "%s: %ld is outside %ld..%ld", opt, v, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int command_u64(const struct cmd_entry *e, const char *opt, const char *text,
		uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (end == text || *end || errno || strspn(text, "0123456789") != strlen(text)) {
		command_usage_error(e, "%s: \"%s\" is not an integer from 0 to 18446744073709551615",
				    opt, text);
		return -1;
	}
	*out = (uint64_t)v;
	return 0;
}

int command_double(const struct cmd_entry *e, const char *opt, const char *text,
		   double *out)
{
	char *end;
	double v;

	v = strtod(text, &end);
	if (end == text || *end || !isfinite(v)) {
		command_usage_error(e, "%s: \"%s\" is not a number", opt, text);
		return -1;
	}
	*out = v;
	return 0;
}

int command_duration(const struct cmd_entry *e, const char *opt, const char *text,
		     double *hours)
{
	struct diag why;
	char *end;
	double v = strtod(text, &end);

	/* A bare decimal number means hours, as in topology files. */
	if (end != text && *end == '\0' && strspn(text, "0123456789.eE+-") == strlen(text)) {
		*hours = v;
		return 0;
	}
	diag_init(&why);
	if (duration_parse(text, hours, &why)) {
		command_usage_error(e, "%s: \"%s\" %s", opt, text, diag_text(&why));
		return -1;
	}
	return 0;
}
